"""A query in a process of its own, so that it can be stopped (``kg query --timeout``).

pyoxigraph evaluates a query in native code that neither a thread nor a signal can interrupt;
only ending the process that runs it stops it. The parent checks everything that needs no store
(the query's text and form, its parameters, what it may do), then starts a child that opens the
store, runs the query and writes the rendered result to stdout. The parent must not hold the
store itself, as only one process can open it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from kg.errors import QueryError
from kg.queries import QueryInfo, bind, check_allowed, load_query, query_from_text, run_query


def run_query_isolated(location: str | os.PathLike, query: str | os.PathLike | QueryInfo,
                       values: Mapping[str, str] | None = None, fmt: str = "table", *,
                       timeout: float, max_width: int | None = None, allow_update: bool = False,
                       allow_service: bool = False) -> str:
    """``run_query`` in a child process that opens the store at ``location``, stopped (killed)
    when it runs longer than ``timeout`` seconds.

    pyoxigraph evaluates a query in native code that neither a thread nor a signal can stop, so
    a time limit needs a process of its own; killing it is safe (the store is written in
    transactions, and a query writes nothing). The caller must not hold the store open.
    Everything that can be checked without the store (the query's text, its parameters, what it
    is allowed to do) is checked here first.
    """
    info = query if isinstance(query, QueryInfo) else load_query(query)
    form = check_allowed(info, allow_update=allow_update, allow_service=allow_service)
    if form != "update":
        bind(info, values)
    job = {"store": os.fspath(location), "text": info.text, "label": info.label,
           "values": dict(values or {}), "fmt": fmt, "max_width": max_width,
           "allow_update": allow_update, "allow_service": allow_service}
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    child = subprocess.Popen([sys.executable, "-c", "from kg.query_process import child; child()"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    try:
        out, err = child.communicate(json.dumps(job).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise QueryError(f"query stopped after {timeout:g} s (--timeout)",
                         path=info.label) from None
    except BaseException:  # Ctrl-C: the child would run on, as pyoxigraph ignores signals
        child.kill()
        child.wait()
        raise
    if child.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise QueryError(lines[-1] if lines else f"query process failed "
                         f"(exit code {child.returncode})")
    return out.decode("utf-8")


def child() -> None:
    """The child process of ``run_query_isolated``: a job as JSON on stdin, the rendered
    result on stdout, a ``KgError`` as its one-line message on stderr (exit code 1)."""
    import signal

    from kg.errors import KgError
    from kg.store import GraphStore

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    job = json.loads(sys.stdin.buffer.read())
    try:
        info = query_from_text(job["text"], job["label"])
        with GraphStore(job["store"], create=False) as store:
            text = run_query(store, info, job["values"], job["fmt"], max_width=job["max_width"],
                             allow_update=job["allow_update"],
                             allow_service=job["allow_service"])
    except KgError as error:
        sys.stderr.write(f"{error}\n")
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
