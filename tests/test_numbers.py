"""Number words and digits as values (the number phrases of a text are case-manifest cases:
``tests/cases/numbers_phrases.jsonl``)."""

import pytest

from kg.extract.numbers import parse_number


@pytest.mark.parametrize("text, value", [
    ("48", 48), ("1,200", 1200), ("four", 4), ("twenty-one", 21), ("two hundred", 200),
    ("a dozen", 12), ("three thousand five hundred", 3500), ("several", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value
