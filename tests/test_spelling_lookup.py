"""The gazetteer lookup place mentions use for names only checked for being known answers as
``bool(candidates(name))`` does."""

from __future__ import annotations

from kg.extract.spelling import gazetteer_knows
from kg.link.gazetteer import load_gazetteer

NAMES = ["Kharkiv", "kharkiv", "Kharkiv Oblast", "Kyiv", "Kiev", "Zaporizhzhia", "Zaporozhye",
         "Nova Poshta", "Lozovaya Rudka", "Yasenovo", "Pokrovsk", "Oleh", "Danube", "", "-",
         "Belgorod", "Krasnopillia", "Nowhereville"]


def test_knows_is_whether_there_are_candidates():
    gazetteer = load_gazetteer()
    knows = gazetteer_knows(gazetteer)
    assert [knows(name) for name in NAMES] == \
        [bool(gazetteer.candidates(name)) for name in NAMES]


def test_a_gazetteer_without_knows_is_asked_for_candidates():
    class OnlyCandidates:
        def candidates(self, name, kinds=None):
            return ["a place"] if name == "Kharkiv" else []

    knows = gazetteer_knows(OnlyCandidates())
    assert knows("Kharkiv") and not knows("Kyiv")
