"""Reports of the war's statistics: "Russia kills, wounds at least 592 Ukrainian civilians in
December - UN", "September Was Month With Highest Number Of Civilian Casualties In Ukraine In
2024", "In May, the largest number of civilian casualties was registered".

A month's (or a season's) toll is the news of such a report; the strikes it cites ("Attacks
using missiles … particularly against the cities of Kharkiv and Zaporizhzhia, added to the high
casualties") were told as news when they happened (GOLD.md: earlier separate attacks are no
entries). So where the headline or lead tells a toll of a month, the report's attacks are its
news only when they are dated within a few days of its publication, as in a report of a legal
case (``legal_case.told_fresh``)."""

from __future__ import annotations

import re

from kg.extract.dates import MONTHS
from kg.extract.doc_text import sent_tokens, sentence_words, span_text
from kg.extract.lexicon import cues

_TOLL = frozenset(cues()["killed_words"]) | frozenset(cues()["injured_words"])
_DAYS = frozenset(cues()["day_anchor_words"])
# "in December", "during May", "last month", "the month with the highest number", "between
# March 1st and May 31st", "from 1 to 28 February"; not "in December 2022, a missile hit" (a
# day may follow: checked)
_PERIOD = re.compile(
    r"\b(?:(?:in|during|for|over|throughout) (?:%(m)s)\b(?! \d)|last month|this month|"
    r"past month|month with|monthly|the month of|between (?:%(m)s)|"
    # "From 1 to 28 February 2023, OHCHR recorded …", "from March 1 to 31"
    r"from \d{1,2}(?: (?:%(m)s))? to \d{1,2} (?:%(m)s)\b|"
    r"from (?:%(m)s) \d{1,2} to (?:(?:%(m)s) )?\d{1,2}\b|"
    # "April saw the highest number of civilian casualties", "the deadliest month for civilians"
    r"(?:%(m)s) (?:saw|was|became|turned out)\b|(?:deadliest|bloodiest) month)"
    % {"m": "|".join(MONTHS)}, re.IGNORECASE)


_STRIKE_VERBS = frozenset(cues()["attack_verbs"]) - frozenset(cues()["killed_words"]) - \
    frozenset(cues()["injured_words"]) - {"damage", "destroy"}


def tells_period_toll(lead) -> bool:
    """One of the ``lead`` sentences tells a toll of a month: a word of the dead or hurt and a
    month as a period, with no day the sentence is anchored on ("overnight", a weekday) and no
    verb of a strike ("In March, Russian missiles struck Odesa, killing 14 people" tells one
    strike of that month, not its toll); and no sentence of the lead is anchored on a day."""
    found = False
    for sent in lead:
        words = sentence_words(sent)  # its lower-case words and lemmas
        if words & _DAYS:
            return False  # "A Russian drone hit a house in Kharkiv on Saturday": a day's news
        if not _PERIOD.search(span_text(sent)) or not words & _TOLL:
            continue
        found = found or not any(t.pos_ == "VERB" and t.lemma_.lower() in _STRIKE_VERBS
                                 for t in sent_tokens(sent))
    return found
