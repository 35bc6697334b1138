"""A region's skeleton index, made in one pass over its names, is the one made name by name."""

from __future__ import annotations

from kg.extract import name_skeletons
from kg.extract.name_skeletons import _name_skeletons, _region_skeletons, _skeletons, skeleton
from kg.link.gazetteer import load_gazetteer

ODD = ["Σίσυφος", "İzmir", "Kharkiv\u0301", "", "shch", "Zhytomyr’s", "ǅemal", "ﬁsh", "Ⅻ", "ß",
       "Kyiv\nOblast"]


def test_the_skeletons_of_many_names_are_those_of_each():
    labels = [place.label for place in load_gazetteer()][:5000] + ODD
    assert _skeletons(labels) == [skeleton(label) for label in labels]
    assert _skeletons(ODD[:-1]) == [skeleton(label) for label in ODD[:-1]]  # the one-pass path


def test_a_region_index_holds_each_settlement_under_its_skeletons():
    gazetteer = load_gazetteer()
    region = next(p for p in gazetteer if p.kind == "region" and p.label.startswith("Kharkiv"))
    index = _region_skeletons(gazetteer, region.id)
    expected: dict[str, list] = {}
    for place in name_skeletons._SETTLEMENTS[id(gazetteer)][region.id]:
        for form in _name_skeletons(place.label):
            expected.setdefault(form, []).append(place)
    assert index == expected
