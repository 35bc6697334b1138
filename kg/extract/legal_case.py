"""Reports of a legal case over a strike: "The SBU served a Russian colonel with a notice of
suspicion in absentia for organizing a missile strike on Kryvyi Rih on June 13, 2023"; "a
lieutenant colonel … has been given a life sentence for ordering the shelling of Kherson".

A suspicion served, a charge brought or a verdict given to a person is news of the case; the
strike the case is about was told as news long before (GOLD.md: earlier separate attacks are no
entries). So where the headline or lead tells such an act, the report's attacks are its news
only when they are dated within a few days of its publication.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.doc_text import span_text
from kg.extract.lexicon import cues
from kg.records import Attack

#: How many days before (or after) the publication a strike of such a report may be dated and
#: still be its news ("the enemy shelled Nikopol on Monday; prosecutors charged …").
FRESH_DAYS = 7
_LEGAL_ACTS = re.compile(r"\b(?:%s)\b" % "|".join(
    re.escape(cue) for cue in sorted(cues()["legal_case_cues"], key=len, reverse=True)))


def tells_legal_case(lead) -> bool:
    """One of the ``lead`` sentences tells a legal act against a person over the strike: a
    notice of suspicion, a charge, a sentence, a verdict."""
    return any(_LEGAL_ACTS.search(span_text(sent).lower()) for sent in lead)


def told_fresh(attack: Attack, published: date | None) -> bool:
    """The attack is dated within ``FRESH_DAYS`` of the publication (neither undated nor in a
    report of unknown date)."""
    return attack.date is not None and published is not None and \
        abs((published - attack.date).days) <= FRESH_DAYS
