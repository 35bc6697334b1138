"""Raids: the waves an article reports, the counts said of a whole wave, and what they map to
(trained pipeline and the bundled gazetteer: raids are read from parses and places)."""

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


def counts(items):
    return sorted((c.quantity, c.weapon.kind, c.qualifier) for c in items)


TALLY = ("Russia launched 70 Shahed drones and two Iskander-M ballistic missiles at Ukraine "
         "overnight, the Ukrainian Air Force said on Saturday.\n\n"
         "Air defences shot down 52 of the drones, the Air Force said.")


def test_a_tally_without_a_place_struck_is_a_raid_without_attacks(nlp, gazetteer):
    found = read(nlp, gazetteer, TALLY)
    assert found.attacks == []
    (raid,) = found.raids
    assert counts(raid.counts) == [(2, "ballistic-missile", "launched"),
                                   (52, "drone", "shot down"), (70, "drone", "launched")]
    assert [a.name for a in raid.attackers] == ["Russia"]
    assert (raid.date, raid.date_precision) == (date(2025, 6, 14), "night")
    for count in raid.counts:  # every count has its sentence as evidence
        assert count.evidence is not None
        assert TALLY[count.evidence.start:count.evidence.end] == count.evidence.text
    assert raid.evidence[0].text.startswith("Russia launched 70 Shahed drones")


def test_wave_counts_go_to_the_raid_and_place_counts_to_the_attack(nlp, gazetteer):
    found = read(nlp, gazetteer, "Russia attacked Ukraine overnight with 48 drones, of which 40 "
                 "were shot down, the air force said.\n\nRussian forces fired 12 rockets at "
                 "Nikopol overnight, injuring one man.")
    (nikopol,) = found.attacks
    (raid,) = found.raids
    assert counts(raid.counts) == [(40, "drone", "shot down"), (48, "drone", "launched")]
    assert counts(nikopol.counts) == [(12, "rocket", "launched")]
    assert nikopol.raid == raid.key == "russia/2025-06-14"
    assert (nikopol.date, nikopol.date_precision) == (date(2025, 6, 14), "night")


def test_an_attack_whose_attacker_is_unnamed_joins_the_wave_of_its_day(nlp, gazetteer):
    found = read(nlp, gazetteer, "Russia attacked Ukraine overnight with 48 drones, of which 40 "
                 "were shot down, the air force said. One drone hit a house in Kharkiv, injuring "
                 "two people.")
    (raid,) = found.raids
    assert [a.raid for a in found.attacks] == [raid.key]


def test_two_attackers_are_two_raids(nlp, gazetteer):
    found = read(nlp, gazetteer, "Russian drones struck Kharkiv overnight, injuring three "
                 "people.\n\nUkrainian drones hit an oil depot in Belgorod on Saturday, the "
                 "regional governor said.")
    by_place = {a.place.label: a.raid for a in found.attacks}
    assert by_place == {"Kharkiv": "russia/2025-06-14", "Belgorod": "ukraine/2025-06-14"}
    assert len(found.raids) == 2


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
