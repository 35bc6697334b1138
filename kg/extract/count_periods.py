"""Weapon counts told for a span of time longer than one raid: "Over the past week, Russia used
over 900 guided aerial bombs", "in September the enemy launched 1,339 Shahed-type drones",
"800 drones per night". These are statistics of the war, not the count of a reported wave
(GOLD.md: weapon counts are of the reported wave), so they give no weapon count.

The period must modify the count itself or the verb that governs it: "fired 270 drones
overnight, one of the biggest attacks this month" keeps its 270, since "this month" measures
the attack, not the drones. A night, a day or hours ("in the past day", "over the past 24
hours", "since midnight") are the span a daily report covers: its wave."""

from __future__ import annotations

from kg.extract.dates import MONTH_WORDS
from kg.extract.lexicon import cues
from kg.extract.rules import rule

_SPANS = frozenset(cues()["tally_period_nouns"])  # week, month, winter, …
_SPAN_PREPOSITIONS = frozenset({"over", "in", "during", "throughout", "for"})
_RATES = frozenset({"day", "night", "week", "month"})  # "800 drones per night", "… a day"
_RATE_WORDS = frozenset({"a", "per", "each", "every"})
_AVERAGE = frozenset({"average"})  # "an average of 188 drones a day"


def _span_object(token) -> bool:
    """A noun of a span longer than a day ("the past week", "the three winter months") or a
    month named without a day ("in September"; not "in September 5")."""
    if token.lemma_.lower() in _SPANS or token.lower_ in _SPANS:
        return True
    return token.lower_ in MONTH_WORDS and not any(
        c.like_num and c.text.isdigit() and int(c.text) <= 31 for c in token.children)


def _period_child(token) -> bool:
    """Whether ``token`` carries a span of time or a rate among its dependents."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _SPAN_PREPOSITIONS and any(
                o.dep_ == "pobj" and _span_object(o) for o in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ == "per" and any(
                o.lower_ in _RATES for o in child.children):
            return True  # "800 drones per night"
        if child.dep_ == "npadvmod" and child.lower_ in _RATES and any(
                d.lower_ in _RATE_WORDS for d in child.children):
            return True  # "2,800 drones a day"
        if child.dep_ == "npadvmod" and (child.lemma_.lower() in _SPANS) and any(
                d.lower_ in ("this", "last", "past") for d in child.children):
            return True  # "this month, … are turning out 50 thousand drones"
    return False


def period_tally(doc, at: int) -> bool:
    """Whether the weapon count whose number starts at token ``at`` is told for a span longer
    than a raid: the number, the words it counts and the verb that governs them are searched
    for a period ("over the past week", "in October") or a rate ("per night", "a day"), up to
    the first verb."""
    token = doc[at]
    seen = 0
    while seen < 10:
        if token.lemma_.lower() in _AVERAGE or _period_child(token):
            return bool(rule("counts.period-tally"))
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return False
        token, seen = token.head, seen + 1
    return False
