"""Any text a source can hold, once cleaned, becomes valid IRIs and literals that survive the
store, export (Turtle, TriG, N-Quads) and re-import into pyoxigraph and rdflib unchanged.

The strings come from hypothesis: arbitrary Unicode (lone surrogates included, which cleaning
replaces), and strings built from the characters that break hand-made serializers: quotes,
angle brackets, braces, backslashes, newlines, line separators, ``%``, ``#``, ``/``, ``?``.
"""

from __future__ import annotations

import io
import warnings
from urllib.parse import unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, RdfFormat, Store
from rdflib import BNode as RdfBNode
from rdflib import Dataset, Graph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from kg.mapping import article_quads
from kg.records import Actor, Article, Attack, Evidence, Extraction, Place, Statement
from kg.sources import clean_text
from kg.store import GraphStore
from kg.vocab import ID_NS, XSD_NS, article_iri, segment, slug

NASTY = "\"'<>{}\\\n\r\t \u2028\u2029\u0085%#/?&=:;.^`|@$~[]()*+,!"
raw_text = st.one_of(
    st.text(alphabet=st.sampled_from(NASTY + "aZ9é\u00a0\U0001f600"), max_size=30),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30),
)


def cleaned(value: str, fallback: str = "x") -> str:
    """What ``kg.sources`` makes of a field: cleaned, stripped, never empty."""
    return clean_text(value).strip() or fallback


def extraction(identifier, title, quote, name, label, role) -> Extraction:
    text = f"{quote} said {name} about {label}."
    article = Article(identifier, text, title=title, url="https://example.org/a?q=1")
    place = Place("name:" + slug(label), label, "settlement")
    evidence = Evidence(0, len(text), text)
    person = Actor("person", name)
    return Extraction(
        article,
        attacks=[Attack(place=place, evidence=[evidence])],
        statements=[Statement(quote=quote, speaker=person, start=0, role=role,
                              channel="Telegram", about=place.id, evidence=[evidence])],
        roles={person: {role}},
    )


def key(term) -> tuple:
    """A term of either library as a comparable tuple."""
    if isinstance(term, (NamedNode, URIRef)):
        return ("iri", term.value if isinstance(term, NamedNode) else str(term))
    if isinstance(term, (BlankNode, RdfBNode)):
        return ("blank",)
    if isinstance(term, DefaultGraph):
        return ("default",)
    if isinstance(term, Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    assert isinstance(term, RdfLiteral), term
    datatype = str(term.datatype) if term.datatype else (
        None if term.language else XSD_NS + "string")
    if term.language:
        datatype = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    return ("literal", str(term), datatype, term.language)


def oxigraph_quads(store: Store) -> set[tuple]:
    return {(key(q.subject), key(q.predicate), key(q.object), key(q.graph_name)) for q in store}


def rdflib_quads(dataset: Dataset) -> set[tuple]:
    default = dataset.default_graph.identifier
    return {(key(s), key(p), key(o), key(g))
            for s, p, o, g in dataset.quads((None, None, None, None)) if g != default}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(identifier=raw_text, title=raw_text, quote=raw_text, name=raw_text, label=raw_text,
       role=raw_text)
def test_any_text_survives_export_and_reimport(identifier, title, quote, name, label, role):
    identifier, title, name, label, role = (cleaned(v) for v in
                                            (identifier, title, name, label, role))
    quote = clean_text(quote) or "q"
    graph, own, shared = article_quads(extraction(identifier, title, quote, name, label, role))

    # The IRIs: under id/, one path segment per value, which decodes back to the value.
    assert graph == article_iri(identifier)
    assert unquote(graph.value[len(ID_NS + "article/"):]) == identifier
    assert all(q.subject.value.startswith(ID_NS) for q in own + shared)

    with GraphStore() as store:
        store.replace_graph(graph, own, shared)  # one SPARQL update built from the quads' text
        expected = oxigraph_quads(store.raw)
        assert expected == oxigraph_quads_of(own + shared)
        values = {q.object.value for q in own + shared if isinstance(q.object, Literal)}
        assert {identifier, title, quote, name, label, role} <= values

        for fmt, rdf_format, rdflib_format in (("trig", RdfFormat.TRIG, "trig"),
                                               ("nquads", RdfFormat.N_QUADS, "nquads")):
            data = export(store, fmt)
            again = Store()
            again.load(data, format=rdf_format)
            assert oxigraph_quads(again) == expected, fmt
            dataset = Dataset()
            with warnings.catch_warnings():  # rdflib 7.6 warns about its own default_context
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(data=data.decode("utf-8"), format=rdflib_format)
            assert rdflib_quads(dataset) == expected, fmt

        triples = {quad[:3] for quad in expected}
        data = export(store, "turtle")
        again = Store()
        again.load(data, format=RdfFormat.TURTLE)
        assert {quad[:3] for quad in oxigraph_quads(again)} == triples
        parsed = Graph().parse(data=data.decode("utf-8"), format="turtle")
        assert {(key(s), key(p), key(o)) for s, p, o in parsed} == triples


def oxigraph_quads_of(quads) -> set[tuple]:
    return {(key(q.subject), key(q.predicate), key(q.object), key(q.graph_name)) for q in quads}


def export(store: GraphStore, fmt: str) -> bytes:
    out = io.BytesIO()
    store.export(fmt, out)
    return out.getvalue()


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",))))
def test_a_segment_is_one_valid_path_segment_that_decodes_back(value):
    text = segment(value)
    NamedNode(ID_NS + "x/" + text)  # raises on an invalid IRI
    assert "/" not in text and "#" not in text and "?" not in text
    assert unquote(text) == (value or "_")
