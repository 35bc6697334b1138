import pytest
from spacy.lang.en import English

from kg.extract.numbers import number_at, numbers_in, parse_number

make = English().make_doc


@pytest.mark.parametrize("text, value", [
    ("48", 48), ("1,200", 1200), ("four", 4), ("twenty-one", 21), ("two hundred", 200),
    ("a dozen", 12), ("three thousand five hundred", 3500), ("several", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, value, bound", [
    ("at least four people", 4, "at least"),
    ("more than 300 drones", 300, "more than"),
    ("nearly 60 injuries", 60, "nearly"),
    ("up to 20 missiles", 20, "up to"),
    ("some 12 residents", 12, "some"),
])
def test_bounds(text, value, bound):
    doc = make(text)
    found = numbers_in(doc)
    assert len(found) == 1
    assert (found[0].value, found[0].bound) == (value, bound)


def test_percentages_are_not_counts():
    doc = make("up 15 percent")
    assert number_at(doc, 1) is None


def test_each_number_phrase_once():
    doc = make("48 drones, two missiles and four glide bombs")
    assert [n.value for n in numbers_in(doc)] == [48, 2, 4]
