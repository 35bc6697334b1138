"""``kg serve``: the real Oxigraph server over loopback, asked by real clients (SPARQLWrapper,
urllib), answering what ``kg query`` answers."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

from kg.cli import cli
from kg.errors import StoreLockedError
from kg.queries import load_query
from kg.serve import Server, ServeError
from kg.store import GraphStore

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
ARTICLES = "SELECT ?a { ?a a <https://w3id.org/strikegraph/ontology#Article> } ORDER BY ?a"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def store_dir(tmp_path) -> Path:
    location = tmp_path / "store"
    with GraphStore(location) as store:
        store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    return location


@pytest.fixture()
def endpoint(store_dir):
    with Server(store_dir, port=free_port()) as running:
        yield running


def http(url: str, *, data: dict | None = None, accept: str | None = None,
         headers: dict | None = None, method: str | None = None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if accept:
        request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def kg_json(store_dir: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "query", *args,
                                      "--format", "json"], prog_name="kg")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", ["attacks-by-place", "articles", "weapon-counts", "timeline"])
def test_sparqlwrapper_gets_the_rows_kg_query_gives(endpoint, store_dir, name):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint.query_url)
    client.setQuery(load_query(name).text)
    client.setReturnFormat(JSON)
    served = client.query().convert()
    expected = kg_json(store_dir, name)
    assert expected["results"]["bindings"], "the sample store must give rows"
    # kg query leaves out the unbound parameter columns (?_x, ?__x); the rows are the same
    assert served["results"]["bindings"] == expected["results"]["bindings"]


def test_sparqlwrapper_default_xml_and_post(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint.query_url)
    client.setMethod(POST)
    client.setQuery(ARTICLES)
    document = client.query().convert()  # SPARQLWrapper's default: SPARQL XML results
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    uris = [node.firstChild.data for node in document.getElementsByTagNameNS(ns["r"], "uri")]
    assert uris == sorted(uris) and len(uris) >= 2


@pytest.mark.parametrize("accept, parse", [
    ("text/csv", lambda body: [row[0] for row in csv.reader(io.StringIO(body.decode()))][1:]),
    ("text/tab-separated-values",
     lambda body: [line.strip("<>") for line in body.decode().splitlines()[1:]]),
    ("application/sparql-results+xml",
     lambda body: [e.text for e in ET.fromstring(body).iter(
         "{http://www.w3.org/2005/sparql-results#}uri")]),
    ("application/sparql-results+json",
     lambda body: [b["a"]["value"] for b in json.loads(body)["results"]["bindings"]]),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_result_formats_by_content_negotiation(endpoint, store_dir, accept, parse, method):
    if method == "GET":
        url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": ARTICLES})
        status, headers, body = http(url, accept=accept)
    else:
        status, headers, body = http(endpoint.query_url, data={"query": ARTICLES}, accept=accept)
    assert status == 200
    assert headers["content-type"].startswith(accept)
    with GraphStore(store_dir, create=False) as store:
        expected = [row["a"].value for row in store.query(ARTICLES)]
    assert parse(body) == expected


def test_updates_are_refused(endpoint):
    update = "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"
    status, _, _ = http(endpoint.url + "update", data={"update": update})
    assert status == 403
    status, _, _ = http(endpoint.query_url, data={"query": update})
    assert status == 400
    _, _, body = http(endpoint.query_url, data={"query": COUNT}, accept="text/csv")
    assert body.decode().split()[1] != "0"
    status, _, _ = http(endpoint.url + "store", data={}, method="DELETE")
    assert status in (403, 405)


def test_the_query_page_is_yasgui(endpoint):
    status, headers, body = http(endpoint.url)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"Yasgui" in body


def test_union_of_graphs_is_the_default_graph(endpoint, store_dir):
    with GraphStore(store_dir, create=False) as store:
        expected = str(len(store.raw))
    _, _, body = http(endpoint.query_url, data={"query": COUNT}, accept="text/csv")
    assert body.decode().split() == ["n", expected]


def test_cors_only_on_request(store_dir):
    origin = {"Origin": "http://example.org"}
    url = "?" + urllib.parse.urlencode({"query": COUNT})
    with Server(store_dir, port=free_port()) as plain:
        _, headers, _ = http(plain.query_url + url, headers=origin)
        assert "access-control-allow-origin" not in {k.lower() for k in headers}
    with Server(store_dir, port=free_port(), cors=True) as open_:
        _, headers, _ = http(open_.query_url + url, headers=origin)
        assert {k.lower(): v for k, v in headers.items()}["access-control-allow-origin"]


def test_ingest_while_serving_writes_the_store_and_the_endpoint_keeps_its_snapshot(store_dir):
    with Server(store_dir, port=free_port()) as running:
        _, _, before = http(running.query_url, data={"query": COUNT}, accept="text/csv")
        # the store itself is free: a writer opens it while the endpoint answers
        with GraphStore(store_dir, create=False) as store:
            graph = NamedNode("http://example.org/new")
            store.replace_graph(graph, [Quad(graph, graph, Literal("added"), graph)])
            written = len(store.raw)
        _, _, after = http(running.query_url, data={"query": COUNT}, accept="text/csv")
        assert after == before  # the snapshot taken at start
        snapshot = running.snapshot
        assert snapshot.parent == store_dir.parent and snapshot.name.startswith(".store-serve-")
    assert not snapshot.exists()
    with Server(store_dir, port=free_port()) as restarted:  # a restart sees the new data
        _, _, body = http(restarted.query_url, data={"query": COUNT}, accept="text/csv")
        assert body.decode().split() == ["n", str(written)]


def test_a_store_held_by_a_writer_is_refused_with_the_in_use_message(store_dir):
    with GraphStore(store_dir, create=False):
        with pytest.raises(StoreLockedError) as error:
            Server(store_dir, port=free_port()).start()
    assert str(error.value) == f"store {store_dir} is in use by another process"
    assert [p.name for p in store_dir.parent.iterdir()] == ["store"]  # no snapshot left


def test_a_port_in_use_is_one_clear_error(store_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["--store", str(store_dir), "serve", "--port",
                                          str(port)], prog_name="kg")
    assert result.exit_code == 1
    assert result.output == (f"Error: port {port} on 127.0.0.1 is already in use "
                             "(choose another with --port)\n")


def test_a_missing_store_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "nowhere"), "serve"],
                                prog_name="kg")
    assert result.exit_code == 1
    assert result.output == (f"Error: store {tmp_path / 'nowhere'} does not exist (create it "
                             "with kg ingest, or choose one with --store)\n")


def start_cli(store_dir: Path, port: int, *, sigint_ignored: bool = False) -> subprocess.Popen:
    """``kg serve`` in a new process; with ``sigint_ignored`` it starts with SIGINT ignored,
    as a script's background job does."""

    def ignore_sigint():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store_dir), "serve", "--port", str(port)],
        stderr=subprocess.PIPE, text=True, preexec_fn=ignore_sigint if sigint_ignored else None)
    line = process.stderr.readline()
    assert line.startswith(f"Serving a snapshot of {store_dir} at http://127.0.0.1:{port}/"), line
    return process


@pytest.mark.parametrize("sig, sigint_ignored", [(signal.SIGTERM, False), (signal.SIGINT, False),
                                                 (signal.SIGINT, True)])
def test_a_signal_stops_the_server_cleanly(store_dir, sig, sigint_ignored):
    port = free_port()
    process = start_cli(store_dir, port, sigint_ignored=sigint_ignored)
    try:
        status, _, _ = http(f"http://127.0.0.1:{port}/query", data={"query": COUNT})
        assert status == 200
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(process.pid)],
                                  capture_output=True, text=True).stdout.split()
        assert len(children) == 1  # the oxigraph server
        process.send_signal(sig)
        assert process.wait(20) == 0
        assert process.stderr.read() == "stopped\n"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    with pytest.raises(ProcessLookupError):  # reaped: no zombie, no orphan
        os.kill(int(children[0]), 0)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert sorted(p.name for p in store_dir.parent.iterdir()) == ["store"]
    with GraphStore(store_dir, create=False):  # nothing holds the store
        pass


def test_serve_error_names_the_server_output(store_dir, monkeypatch):
    server = Server(store_dir, port=free_port())
    monkeypatch.setattr(Server, "command",
                        lambda self, snapshot: [sys.executable, "-c",
                                                "import sys; print('bad flag'); sys.exit(2)"])
    with pytest.raises(ServeError) as error:
        server.start()
    assert str(error.value) == "the Oxigraph server stopped: bad flag"
    assert sorted(p.name for p in store_dir.parent.iterdir()) == ["store"]


def test_the_server_dies_with_a_killed_kg_serve(store_dir):
    port = free_port()
    process = start_cli(store_dir, port)
    try:
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(process.pid)],
                                  capture_output=True, text=True).stdout.split()
        process.kill()  # no clean-up can run
        process.wait(20)
    finally:
        process.stderr.close()
    server = int(children[0])
    for _ in range(200):  # SIGTERM from the kernel (PR_SET_PDEATHSIG), then it exits
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(server, signal.SIGKILL)
        pytest.fail("the Oxigraph server outlived kg serve")
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_store_in_a_read_only_folder_is_served_from_a_copy(store_dir, monkeypatch):
    import tempfile as tempfile_module

    made = []
    real = tempfile_module.mkdtemp

    def mkdtemp(prefix="", dir=None):  # the folder beside the store cannot be written
        if dir is not None:
            raise PermissionError(13, "Permission denied", str(dir))
        made.append(real(prefix=prefix))
        return made[-1]

    monkeypatch.setattr("kg.serve.tempfile.mkdtemp", mkdtemp)
    with Server(store_dir, port=free_port()) as running:
        assert str(running.snapshot) == made[0]
        _, _, body = http(running.query_url, data={"query": COUNT}, accept="text/csv")
        assert body.decode().split()[0] == "n" and body.decode().split()[1] != "0"
    assert not Path(made[0]).exists()


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.0.0.2", True),
                                            ("localhost", True), ("::1", True),
                                            ("0.0.0.0", False), ("::", False),
                                            ("192.168.1.10", False), ("example.org", False)])
def test_a_non_loopback_address_is_warned_about(host, loopback):
    from kg.serve import is_loopback

    assert is_loopback(host) is loopback


def test_serving_on_all_addresses_says_what_that_exposes(store_dir):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store_dir), "serve", "--host", "0.0.0.0",
         "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline().startswith("Serving a snapshot of")
        assert process.stderr.readline() == (
            "Warning: the endpoint can be reached from other machines, and a query's SERVICE "
            "clause makes it call any address its clients name\n")
        process.terminate()
        assert process.wait(20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def test_a_parameter_written_in_the_grlc_way_gives_the_rows_of_kg_query_p(endpoint, store_dir):
    """What docs/serve-report-web.md tells protocol clients to do with a bundled query."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    place = "https://w3id.org/strikegraph/id/place/Q170666"  # Kharkiv Oblast
    client = SPARQLWrapper(endpoint.query_url)
    text = load_query("attacks-by-place").text
    # grlc's convention, which the bundled queries follow: the ?__name spelling is replaced
    # by the term; the $__name spelling in the SELECT line stays (and comes back unbound).
    # A VALUES clause would not do: the parameter sits in an inner group's FILTER EXISTS,
    # which sees only its own group's variables.
    client.setQuery(text.replace("?__place_iri", f"<{place}>"))
    client.setReturnFormat(JSON)
    served = client.query().convert()["results"]["bindings"]
    expected = kg_json(store_dir, "attacks-by-place", "-p", f"place={place}")["results"]["bindings"]
    everything = kg_json(store_dir, "attacks-by-place")["results"]["bindings"]
    assert 0 < len(expected) < len(everything)
    assert [{k: v for k, v in row.items() if k != "__place_iri"} for row in served] == expected
