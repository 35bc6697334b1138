"""Shared fixtures: the trained pipeline loaded once per session, a fresh store per test."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture()
def store():
    from kg.store import GraphStore

    with GraphStore() as graph_store:
        yield graph_store


@pytest.fixture()
def disk_store(tmp_path):
    from kg.store import GraphStore

    with GraphStore(tmp_path / "store") as graph_store:
        yield graph_store


@pytest.fixture()
def no_network(monkeypatch):
    """Any connection to, or name lookup of, a host other than 127.0.0.1 fails the test."""
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo
    local = ("127.0.0.1", "localhost")

    def guarded_connect(sock, address):
        if isinstance(address, tuple) and address[0] not in local:
            raise AssertionError(f"a test tried to reach {address}")
        return connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host not in local:
            raise AssertionError(f"a test tried to resolve {host}")
        return getaddrinfo(host, *args, **kwargs)

    for proxy in ("http_proxy", "https_proxy", "all_proxy"):  # urllib would go through one
        monkeypatch.delenv(proxy, raising=False)
        monkeypatch.delenv(proxy.upper(), raising=False)
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@contextmanager
def serve_locally(handler):
    """Serve ``handler`` (a ``BaseHTTPRequestHandler`` class) on 127.0.0.1 in a thread; yields
    the base URL ``http://127.0.0.1:PORT`` and shuts the server down afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
