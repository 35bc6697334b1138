import json
from datetime import date
from pathlib import Path

import pytest

from kg.extract.dates import resolve_date, resolve_when

PUBLISHED = date(2025, 6, 11)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("Russia attacked Kyiv overnight.", date(2025, 6, 11)),
    ("Drones struck the city yesterday.", date(2025, 6, 10)),
    ("The strike on Monday killed two.", date(2025, 6, 9)),
    ("On Wednesday, missiles hit Odesa.", date(2025, 6, 11)),
    ("The attack on June 5 destroyed a school.", date(2025, 6, 5)),
    ("The attack on 5 June destroyed a school.", date(2025, 6, 5)),
    ("A strike on December 30 hit the port.", date(2024, 12, 30)),
    ("Officials met in Geneva.", None),
])
def test_resolve_against_published(text, expected):
    assert resolve_date(text, PUBLISHED) == expected


def test_without_published_only_full_dates():
    assert resolve_date("Drones struck overnight.", None) is None
    assert resolve_date("The strike of March 3, 2024 killed five.", None) == date(2024, 3, 3)


def test_impossible_date_is_ignored():
    assert resolve_date("On February 30 nothing happened.", PUBLISHED) is None


# --- the date expressions, one case a line in tests/data/dates.jsonl -------------------------

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "data" / "dates.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_date_expression(case):
    published = date.fromisoformat(case["published"]) if case["published"] else None
    found = resolve_when(case["text"], published)
    got = (found.day.isoformat(), found.precision) if found else (None, None)
    assert got == (case["day"], case["precision"])
    if found and published:
        assert found.day <= published  # never after publication
