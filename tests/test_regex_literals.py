"""The strings a pattern needs, and a search skipped only where it could not match."""

from __future__ import annotations

import re

import pytest

from kg.extract import attack_sentences, dates, no_casualties
from kg.extract.regex_literals import could_match, finditer, required_literals, search


@pytest.mark.parametrize("pattern, texts", [
    (r"\bno one (?:was|were) hurt\b", ["no one was hurt", "so no one were hurt."]),
    (r"\b(?:no one|nobody) died\b", ["no one died", "nobody died"]),
    (r"\b(?:no one|nobody)(?: was)? hurt\b", ["no one hurt", "nobody was hurt"]),
    (r"(?<!not )\b(?:everyone|everybody) is alive\b", ["everybody is alive"]),
])
def test_every_match_holds_one_of_the_strings(pattern, texts):
    needs = required_literals(re.compile(pattern))
    assert needs
    for text in texts:
        match = re.search(pattern, text)
        assert match and any(literal in match.group() for literal in needs)


def test_the_longest_strings_are_chosen():
    assert required_literals(re.compile(r"x(?:ab)+y")) == {"ab"}  # taken at least once
    assert required_literals(re.compile(r"x(?:abc)*y")) == {"x"}  # maybe never
    assert required_literals(re.compile(r"\b(?:no one|nobody) died")) == {" died"}


@pytest.mark.parametrize("pattern", [r"\w+|died", r"a|\d", r"(?:no|)"])
def test_a_pattern_with_an_alternative_that_needs_nothing_gives_no_strings(pattern):
    assert required_literals(re.compile(pattern)) is None


def test_a_case_insensitive_pattern_is_always_searched():
    pattern = re.compile(r"\bno one was hurt\b", re.I)
    assert required_literals(pattern) is None
    assert search(pattern, "No One was hurt").start() == 0


def test_the_zero_patterns_find_what_they_found_before():
    texts = ["no one was hurt in the attack.", "nobody was injured, the governor said.",
             "there were no casualties.", "everyone is alive, thank god.",
             "not everyone is alive.", "the attack did not cause any deaths or injuries.",
             "people are unharmed so far.", "five people were killed.", "no damage was done.",
             "the strike didn't result in any injuries.", ""]
    for pattern in (no_casualties._BOTH, no_casualties._KILLED, no_casualties._INJURED):
        assert required_literals(pattern) is not None
        for text in texts:
            expected = pattern.search(text)
            found = search(pattern, text)
            assert (found and found.span()) == (expected and expected.span())


def test_the_date_patterns_find_what_they_found_before():
    texts = ["Russian drones struck Odesa overnight into Tuesday, officials said.",
             "On Monday night, 24–25 June, missiles hit Kharkiv.", "The report of 2024-03-05.",
             "in late March, and again on 12 April 2023", "since 2022 the city was shelled",
             "at 07:35 the toll rose", "Kyiv was attacked Wednesday morning", "nothing dated",
             "the night of June 3-4", ""]
    patterns = (dates._WEEKDAY, dates._NIGHT_DAY_MONTH, dates._NIGHT_MONTH_DAY, dates._ISO,
                dates._MONTH_DAY, dates._DAY_MONTH, attack_sentences._PAST_MONTH,
                attack_sentences._YEAR)
    for pattern in patterns:
        assert required_literals(pattern) is not None
        for text in texts + [text.lower() for text in texts]:
            assert [m.span() for m in finditer(pattern, text)] == \
                [m.span() for m in pattern.finditer(text)]
            assert could_match(pattern, text) or not pattern.search(text)
