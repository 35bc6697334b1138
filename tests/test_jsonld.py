"""``kg export --format jsonld``: compact keys a JSON user can read, and the same graph as the
Turtle export when read by rdflib and by PyLD."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from kg.cli import cli
from kg.jsonld import jsonld_document
from kg.store import GraphStore

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
ONTOLOGY = HERE.parent / "ontology" / "strikegraph.ttl"
ID = "https://w3id.org/strikegraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"


def export(location: Path, fmt: str) -> bytes:
    result = CliRunner().invoke(cli, ["--store", str(location), "export", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture()
def sample_dir(tmp_path) -> Path:
    location = tmp_path / "store"
    with GraphStore(location) as store:
        store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
        store.raw.load(path=str(ONTOLOGY), format=RdfFormat.TURTLE,
                       to_graph=NamedNode("https://w3id.org/strikegraph/ontology"))
        # edges of the format: a language tag, a non-canonical integer, a decimal, a blank
        # node, an IRI and a literal under one property, an IRI no prefix shortens
        node = NamedNode(EX + "odd")
        g = NamedNode(EX + "graph")
        for p, o in ((EX + "p", Literal("Київ", language="uk")),
                     (EX + "p", Literal("Kyiv")),
                     (EX + "n", Literal("04", datatype=NamedNode(XSD + "integer"))),
                     (EX + "n", Literal("7", datatype=NamedNode(XSD + "integer"))),
                     (EX + "d", Literal("46.4775", datatype=NamedNode(XSD + "decimal"))),
                     (EX + "mixed", NamedNode("urn:isbn:0451450523")),
                     (EX + "mixed", Literal("a string")),
                     (EX + "b", BlankNode("x1"))):
            store.raw.add(Quad(node, NamedNode(p), o, g))
        store.raw.add(Quad(BlankNode("x1"), NamedNode(EX + "p"), Literal("inner"), g))
    return location


def read_jsonld(data) -> Graph:
    """rdflib's JSON-LD reader (it warns about its own use of deprecated rdflib classes)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=data, format="json-ld")


def turtle_graph(location: Path) -> Graph:
    return Graph().parse(data=export(location, "turtle"), format="turtle")


def test_rdflib_reads_the_same_graph_as_the_turtle_export(sample_dir):
    data = export(sample_dir, "jsonld")
    from_jsonld = read_jsonld(data)
    expected = turtle_graph(sample_dir)
    assert len(from_jsonld) == len(expected) > 300
    assert isomorphic(from_jsonld, expected)


def test_pyld_reads_the_same_graph(sample_dir):
    from pyld import jsonld

    document = json.loads(export(sample_dir, "jsonld"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    # the document has no named graphs: every quad is in the default graph, an N-Triples line
    merged = Graph().parse(data=nquads, format="nt")
    assert len(merged) > 300
    assert to_isomorphic(merged) == to_isomorphic(turtle_graph(sample_dir))


def test_keys_are_short_and_readable(sample_dir):
    document = json.loads(export(sample_dir, "jsonld"))
    context = document["@context"]
    assert context["@vocab"] == "https://w3id.org/strikegraph/ontology#"
    assert context["id"] == ID and context["wd"] == "http://www.wikidata.org/entity/"
    nodes = {node["@id"]: node for node in document["@graph"]}
    attack = nodes["id:attack/a1-kyiv/Q1899"]
    assert attack["type"] == "Attack"
    assert attack["location"] == "id:place/Q1899"
    assert attack["killed"] == 4 and attack["injured"] == 19
    assert attack["date"] == "2024-07-08"
    assert attack["reportedIn"] == "id:article/a1-kyiv"
    kyiv = nodes["id:place/Q1899"]
    assert kyiv["label"] == "Kyiv" and kyiv["sameAs"] == "wd:Q1899"
    article = nodes["id:article/a1-kyiv"]
    assert article["title"] == "Russian missile attack on Kyiv kills four"
    assert article["issued"] == "2024-07-08"
    assert context["location"] == {"@id": "kg:location", "@type": "@id"}
    assert context["date"] == {"@id": "kg:date", "@type": "xsd:date"}
    odd = nodes[EX + "odd"]
    assert odd[EX + "n"] == [4, 7]  # the store keeps integers canonical ("04" is 4)
    assert odd[EX + "d"] == "46.4775"  # a string typed by its key, never a JSON float
    assert context[EX + "d"] == {"@id": EX + "d", "@type": "xsd:decimal"}
    assert odd[EX + "mixed"] == ["a string", {"@id": "urn:isbn:0451450523"}]
    assert odd[EX + "b"] == "_:x1" and context[EX + "b"]["@type"] == "@id"
    assert {"@value": "Київ", "@language": "uk"} in odd[EX + "p"]


def test_the_same_store_gives_the_same_bytes(sample_dir):
    assert export(sample_dir, "jsonld") == export(sample_dir, "jsonld")


def test_an_empty_store(tmp_path):
    with GraphStore() as store:
        document = jsonld_document(store)
    assert document["@graph"] == []
    assert len(read_jsonld(json.dumps(document))) == 0
