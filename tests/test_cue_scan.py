"""The cues a ``CueScan`` finds are those a search for every cue finds, in the same order."""

from __future__ import annotations

from kg.extract.cue_scan import CueScan
from kg.extract.lexicon import cues


def test_found_cues_are_those_of_a_search_for_each():
    texts = ["earlier this month, a strike hit the city; last year it was hit too.",
             "in recent days, the town was regularly targeted, as in recent weeks,",
             "since the invasion began, and in the war so far, throughout the war",
             "the day before yesterday, a week ago, a month after the anniversary",
             "nothing of the kind here", "", "previously unseen; the previous day"]
    for key in ("background_cues", "war_total_phrases", "recent_cues", "habitual_phrases"):
        phrases = cues()[key]
        scan = CueScan(phrases)
        for text in texts:
            assert scan.found_in(text) == [cue for cue in phrases if cue in text], (key, text)


def test_phrases_with_no_long_word_are_found():
    scan = CueScan(["in the war so far", "a b", "war"])
    assert scan.found_in("in the war so far") == ["in the war so far", "war"]
    assert scan.found_in("a b c") == ["a b"]
    assert scan.found_in("none") == []
