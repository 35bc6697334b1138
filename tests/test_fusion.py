"""Fusion scoring: B-cubed over gold reports, figures of multi-report incidents, the gold file's
errors, and the whole run on the written fusion set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import GoldError
from kg.evaluation.fusion import (GoldIncident, GoldReport, evaluate_fusion, load_fusion_gold,
                                  score_fusion)

FUSION_DEV = Path(__file__).parent / "gold" / "fusion" / "dev"
FUSION_TEST = Path(__file__).parent / "gold" / "fusion" / "test"


def same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


GOLD = [
    GoldIncident("k", "Kharkiv", "2025-06-11", 4, 21,
                 (GoldReport("a", "Kharkiv", 2, 10), GoldReport("b", "Kharkiv", 4, 21))),
    GoldIncident("o", "Odesa", "2025-06-11", None, 3, (GoldReport("c", "Odesa", None, 3),)),
]


def test_perfect_fusion_scores_one():
    rows = [("i1", "a", "Kharkiv"), ("i1", "b", "Kharkiv"), ("i2", "c", "Odesa")]
    report = score_fusion(GOLD, rows, {"i1": (4, 21), "i2": (None, 3)}, same)
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert (report.multi, report.figures_right) == (1, 1)


def test_split_incident_loses_recall_and_merged_loses_precision():
    split = score_fusion(GOLD, [("i1", "a", "Kharkiv"), ("i3", "b", "Kharkiv"),
                                ("i2", "c", "Odesa")], {"i1": (2, 10)}, same)
    assert split.precision == 1.0 and split.recall == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert split.figures_right == 0
    merged = score_fusion(GOLD, [("i1", "a", "Kharkiv"), ("i1", "b", "Kharkiv"),
                                 ("i1", "c", "Odesa")], {"i1": (4, 21)}, same)
    assert merged.recall == 1.0 and merged.precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


def test_a_report_not_extracted_stands_alone_and_is_listed():
    report = score_fusion(GOLD, [("i1", "a", "Kharkiv"), ("i2", "c", "Odesa")],
                          {"i1": (2, 10)}, same)
    assert report.matched == 2 and report.recall < 1.0
    assert "k: no attack on Kharkiv read in b" in report.errors


def test_a_malformed_gold_file_names_the_entry(tmp_path):
    (tmp_path / "incidents.json").write_text(json.dumps({"incidents": [
        {"id": "x", "place": "Kyiv", "date": None, "killed": None, "injured": None,
         "reports": [{"article": "a", "killed": -1}]}]}), encoding="utf-8")
    with pytest.raises(GoldError) as error:
        load_fusion_gold(tmp_path)
    assert str(error.value) == (f"{tmp_path / 'incidents.json'}: incidents[0].reports[0].killed "
                                "must be a whole number >= 0 or null, not -1")


def test_the_written_fusion_set():
    """Floors on the written set (15 reports; two update reports the extractor misses)."""
    report = evaluate_fusion(FUSION_DEV)
    assert report.reports == 15
    assert report.precision == 1.0
    assert report.f1 >= 0.92
    assert report.figures_right >= 4


def test_the_second_written_fusion_set():
    """One night told four ways ('overnight', 'early Thursday', 'Wednesday night', 'the night of
    2-3 July'), a toll updated two days later, a district, oblast-only reports that join and
    that stay apart."""
    report = evaluate_fusion(FUSION_TEST)
    assert (report.reports, report.matched) == (14, 14)
    assert report.f1 == 1.0
    assert (report.figures_right, report.multi) == (4, 4)
