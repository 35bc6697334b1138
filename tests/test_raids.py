"""Raids in the graph: what a raid maps to and the raids query (trained pipeline and the bundled
gazetteer). What a text's raids are (the waves, the counts said of a whole wave) is case-manifest
cases: ``tests/cases/raids.jsonl``."""

from __future__ import annotations

from datetime import date

import pytest
from pyoxigraph import NamedNode

from kg.extract.article import extract
from kg.mapping import article_quads
from kg.queries import execute, load_query
from kg.records import Article
from kg.store import GraphStore
from kg.vocab import ID_NS, KG


@pytest.fixture(scope="module")
def gazetteer():
    from kg.link.gazetteer import load_gazetteer

    return load_gazetteer()


def read(nlp, gazetteer, text, published=date(2025, 6, 14), identifier="r1"):
    return extract(nlp(text), Article(identifier, text, published=published), gazetteer)


def test_raids_in_the_graph_and_the_raids_query(nlp, gazetteer):
    found = read(nlp, gazetteer, "Russia attacked Ukraine overnight with 48 drones, of which 40 "
                 "were shot down, the air force said.\n\nRussian forces fired 12 rockets at "
                 "Nikopol overnight, injuring one man.")
    graph, own, shared = article_quads(found)
    store = GraphStore()
    store.replace_graph(graph, own, shared)
    raid = NamedNode(ID_NS + "raid/r1/russia/2025-06-14")
    attack = NamedNode(ID_NS + "attack/r1/" + found.attacks[0].place.id)
    assert store.value(attack, KG.raid, graph) == raid
    assert store.value(raid, KG.datePrecision, graph).value == "night"
    count = NamedNode(ID_NS + "raid/r1/russia/2025-06-14/count/drone/launched/48")
    assert store.value(count, KG.evidence, graph) is not None
    rows = list(execute(store.raw, load_query("raids"), {}))
    assert [(r["date"].value, r["attacker"].value, r["launched"].value, r["shot_down"].value,
             r["places"].value) for r in rows] == [
        ("2025-06-14", "Russia", "48 drone", "40 drone", "Nikopol")]
