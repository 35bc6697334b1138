"""Extraction quality on the gold sets, end to end (trained pipeline, gazetteer, store).

The floors are the issue's targets on the held-out test part, and on the dev part (tuned on)
a little under what it scores now, so a change that makes extraction worse fails here. The
seeds are left out: on two of their places the annotation and the extractor read "Kharkiv" and
"Kyiv" differently (see the closing notes), and five articles make a noisy floor.
"""

from pathlib import Path

import pytest

from kg.evaluation.run import run_evaluation

GOLD = Path(__file__).resolve().parent / "gold"

TARGETS = {"places": 0.90, "casualties": 0.85, "weapons": 0.85, "statements": 0.85,
           "quotes": 0.90}
DEV_FLOORS = {"places": 0.93, "casualties": 0.93, "weapons": 0.90, "weapon_counts": 0.90,
              "statements": 0.95, "quotes": 0.90}


@pytest.fixture(scope="module")
def reports(nlp):  # the session's pipeline is loaded once; the evaluation reuses the model
    return {part: run_evaluation(GOLD / part) for part in ("dev", "test")}


@pytest.mark.parametrize("part, floors", [("test", TARGETS), ("dev", DEV_FLOORS)])
def test_scores_hold(reports, part, floors):
    fields = reports[part].fields
    scores = {key: round(fields[key].f1, 3) for key in floors}
    assert {key: score for key, score in scores.items() if score < floors[key]} == {}


@pytest.mark.parametrize("part", ["dev", "test"])
def test_war_news_without_an_attack_gets_none(reports, part):
    assert reports[part].no_attack_articles and reports[part].false_alarms == []
