"""The store: one graph per article, atomic replace, the lock, the union view, export."""

import io
import subprocess
import sys

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import StoreError, StoreLockedError
from kg.mapping import article_quads
from kg.store import GraphStore, default_location
from kg.vocab import ENTITY_GRAPH, KG
from test_mapping import small

G = NamedNode("https://w3id.org/strikegraph/id/article/g1")
S = NamedNode("https://w3id.org/strikegraph/id/thing/1")


def quads(*values, graph=G):
    return [Quad(S, KG.text, Literal(v), graph) for v in values]


def test_replace_graph_replaces_only_that_graph(store):
    other = NamedNode("https://w3id.org/strikegraph/id/article/g2")
    store.replace_graph(G, quads("a", "b"))
    store.replace_graph(other, quads("z", graph=other))
    store.replace_graph(G, quads("c"))
    assert sorted(q.object.value for q in store.raw.quads_for_pattern(None, None, None, G)) == ["c"]
    assert len(list(store.raw.quads_for_pattern(None, None, None, other))) == 1


def test_write_is_all_or_nothing(store):
    store.replace_graph(G, quads("kept"))
    with pytest.raises(Exception):
        # a quad in another graph inside the article's body is refused by the parser → nothing changes
        store.replace_graph(G, quads("new") + [Quad(S, KG.text, Literal("x"), NamedNode("x:bad g"))])
    assert [q.object.value for q in store.raw.quads_for_pattern(None, None, None, G)] == ["kept"]


def test_reingest_same_extraction_changes_nothing(disk_store):
    graph, own, shared = article_quads(small(), "h")
    disk_store.replace_graph(graph, own, shared)
    before = sorted(map(str, disk_store.raw))
    disk_store.replace_graph(graph, own, shared)
    assert sorted(map(str, disk_store.raw)) == before
    assert len(before) == len(own) + len(shared)


def test_union_default_graph(store):
    graph, own, shared = article_quads(small(), "h")
    store.replace_graph(graph, own, shared)
    rows = list(store.query("PREFIX kg: <https://w3id.org/strikegraph/ontology#> "
                            "SELECT ?l WHERE { ?a kg:location ?p . ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l }"))
    assert [r["l"].value for r in rows] == ["Odesa"]


def test_second_process_gets_clear_lock_error(tmp_path):
    path = tmp_path / "locked"
    with GraphStore(path):
        code = ("import sys\nfrom kg.store import GraphStore\nfrom kg.errors import KgError\n"
                "try:\n    GraphStore(sys.argv[1])\nexcept KgError as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                             text=True, timeout=60)
    assert out.stdout.strip() == f"store {path} is in use by another process"


def test_same_process_second_open_is_locked_too(tmp_path):
    with GraphStore(tmp_path / "s"):
        with pytest.raises(StoreLockedError):
            GraphStore(tmp_path / "s")


def test_file_instead_of_store_directory(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError) as info:
        GraphStore(path)
    assert str(info.value) == f"{path}: is not a store directory"


def test_default_location(monkeypatch):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert str(default_location()) == "kg-store"
    monkeypatch.setenv("KG_STORE", "/data/s")
    assert str(default_location()) == "/data/s"
    assert str(default_location("x")) == "x"


def test_turtle_export_is_isomorphic_to_the_union(store):
    import rdflib
    from rdflib.compare import isomorphic

    graph, own, shared = article_quads(small(), "h")
    store.replace_graph(graph, own, shared)
    out = io.BytesIO()
    store.export("turtle", out)
    parsed = rdflib.Graph().parse(data=out.getvalue(), format="turtle")
    expected = rdflib.Graph()
    for q in own + shared:
        expected.parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt")
    assert isomorphic(parsed, expected)
    assert b"@prefix kg:" in out.getvalue()


def test_trig_and_nquads_keep_graphs(store):
    graph, own, shared = article_quads(small(), "h")
    store.replace_graph(graph, own, shared)
    out = io.BytesIO()
    store.export("nquads", out)
    lines = out.getvalue().decode().splitlines()
    assert len(lines) == len(own) + len(shared)
    assert all(line.endswith(f"{graph} .") or line.endswith(f"{ENTITY_GRAPH} .") for line in lines)


def test_unknown_export_format(store):
    with pytest.raises(StoreError) as info:
        store.export("xml", io.BytesIO())
    assert str(info.value) == "unknown export format 'xml'; choose one of jsonld, nquads, ntriples, trig, turtle"
