"""``kg serve``: the store over the SPARQL 1.1 Protocol, with Oxigraph's own HTTP server.

The ``oxigraph`` package (same version as pyoxigraph, same store format) ships the server; this
module starts it as a child process, read-only, with the union of the graphs as the default graph:
queries at ``/query`` (GET and POST; JSON, XML, CSV and TSV results by content negotiation), the
YASGUI query page at ``/``, CORS headers only when asked for. Updates are refused by the server.

Ingest while serving. The engine calls opening a store for reading while another process writes
it undefined, so the server never opens the user's store: it serves a *snapshot* taken when it
starts (``Store.backup``: hard links to the store's immutable files, so it costs little time and
space on the same file system). The store itself stays free: ``kg ingest`` and ``kg query`` work
while the endpoint runs, and the endpoint answers from the snapshot until it is restarted. While
an ingest holds the store, taking the snapshot fails with the usual "in use by another process".
The snapshot lives in a hidden folder beside the store (in the temporary folder, as a copy, when
the store's folder cannot be written) and is removed when the server stops (SIGTERM,
SIGINT/Ctrl-C, or the server's own exit).
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.store import GraphStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
START_TIMEOUT = 30.0  # seconds for the server to accept connections


class ServeError(KgError):
    """The endpoint cannot be started."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` command installed with this Python (the ``oxigraph`` package), else the
    one on ``PATH``."""
    names = ("oxigraph.exe", "oxigraph") if os.name == "nt" else ("oxigraph",)
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        for name in names:
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the Oxigraph server is not installed",
                     hint="pip install oxigraph==0.5.13, the version of pyoxigraph")


def take_snapshot(location: Path) -> Path:
    """A consistent copy of the store at ``location`` in a new hidden folder beside it; returns
    the folder (the copy is its ``store`` subfolder). Raises ``StoreLockedError`` while another
    process writes the store."""
    location = Path(location)
    with GraphStore(location, create=False) as store:
        try:  # beside the store: hard links, no copy
            folder = Path(tempfile.mkdtemp(prefix=f".{location.name}-serve-",
                                           dir=location.resolve().parent))
        except OSError:  # a folder we cannot write to: a copy in the temporary folder
            folder = Path(tempfile.mkdtemp(prefix=f"{location.name}-serve-"))
        try:
            store.raw.backup(str(folder / "store"))
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise KgError(f"cannot snapshot the store: {error}", path=str(location)) from None
    return folder


def _die_with_parent() -> None:  # pragma: no cover — runs in the child before exec
    """On Linux, the server gets SIGTERM when ``kg serve`` dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


EXPOSED_WARNING = ("Warning: the endpoint can be reached from other machines, and a query's "
                   "SERVICE clause makes it call any address its clients name")


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Endpoint:
    """A running endpoint: ``url`` is its base (``http://HOST:PORT/``), ``query_url`` the
    SPARQL query service."""

    host: str
    port: int
    snapshot: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return self.url + "query"


class Server:
    """The endpoint as a context manager: ``with Server(store_dir, port=…) as endpoint: …``.

    Entering takes the snapshot and returns once the server accepts connections; leaving stops
    the server (SIGTERM, then SIGKILL after ``grace`` seconds), reaps it and removes the snapshot.
    """

    def __init__(self, location, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 cors: bool = False, timeout: float | None = None, grace: float = 5.0):
        self.location = Path(location)
        self.host, self.port, self.cors, self.timeout, self.grace = host, port, cors, timeout, grace
        self.endpoint: Endpoint | None = None

    def command(self, snapshot: Path) -> list[str]:
        command = [oxigraph_executable(), "serve-read-only", "--location", str(snapshot),
                   "--bind", _bind(self.host, self.port), "--union-default-graph"]
        if self.cors:
            command.append("--cors")
        if self.timeout is not None:
            command += ["--timeout-s", str(max(1, round(self.timeout)))]
        return command

    def start(self) -> Endpoint:
        oxigraph_executable()  # fail before taking a snapshot
        if _reachable(self.host, self.port):
            raise ServeError(f"port {self.port} on {self.host} is already in use",
                             hint="choose another with --port")
        folder = take_snapshot(self.location)
        log = open(folder / "server.log", "wb")
        try:
            command = self.command(folder / "store")
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        except OSError as error:
            log.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise ServeError(f"cannot start the Oxigraph server: {error}") from None
        finally:
            log.close()
        self.endpoint = Endpoint(self.host, self.port, folder, process)
        deadline = time.monotonic() + START_TIMEOUT
        while not _reachable(self.host, self.port):
            if process.poll() is not None or time.monotonic() > deadline:
                message = _last_line(folder / "server.log") or "it did not start"
                self.stop()
                raise ServeError(f"the Oxigraph server stopped: {message}")
            time.sleep(0.05)
        return self.endpoint

    def stop(self) -> int | None:
        """Stop the server and remove the snapshot; its exit code (None if never started)."""
        endpoint, self.endpoint = self.endpoint, None
        if endpoint is None:
            return None
        process = endpoint.process
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(self.grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(endpoint.snapshot, ignore_errors=True)
        return process.returncode

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _last_line(path: Path) -> str:
    """The server's error line in its output (its first line naming an error), else its
    last line."""
    try:
        lines = [line.strip() for line in path.read_text("utf-8", "replace").splitlines()]
    except OSError:
        return ""
    lines = [line for line in lines if line]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or [""])[0 if errors else -1]


class _Stop(Exception):
    """SIGTERM, SIGINT or SIGHUP arrived."""


def serve(location, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, cors: bool = False,
          timeout: float | None = None,
          on_ready: Callable[[Endpoint], None] | None = None) -> None:
    """Run the endpoint until SIGTERM, SIGHUP or SIGINT (Ctrl-C), or until the server exits;
    then stop it and remove the snapshot. ``on_ready`` is called once it answers."""

    def stop_now(signum, frame):
        raise _Stop()

    # SIGINT too: a process started in the background by a script inherits SIGINT ignored,
    # and Ctrl-C (or kill -INT) must still stop it
    handled = [signal.SIGTERM, signal.SIGINT] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP")
                                                 else [])
    previous = {sig: signal.signal(sig, stop_now) for sig in handled}
    server = Server(location, host=host, port=port, cors=cors, timeout=timeout)
    try:
        endpoint = server.start()
        if on_ready is not None:
            on_ready(endpoint)
        code = endpoint.process.wait()
        if code not in (0, 130, -signal.SIGINT, -signal.SIGTERM):  # not stopped by a signal
            message = _last_line(endpoint.snapshot / "server.log")
            raise ServeError(f"the Oxigraph server stopped (exit code {code})"
                             + (f": {message}" if message else ""))
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        for sig in handled:  # a second signal cannot cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        try:
            server.stop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Endpoint", "ServeError", "Server", "serve",
           "take_snapshot", "oxigraph_executable", "is_loopback", "EXPOSED_WARNING"]
