"""When an attack happened, resolved against the article's publication date.

"overnight", "last night", "today", "this morning" → the publication date; "yesterday" → the day
before; "on Wednesday" → the latest Wednesday on or before publication; "on June 5" / "5 June" /
"June 5, 2025" → that day (a month after publication means the year before). Without a
publication date only a date with its year resolves.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.lexicon import cues

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?")
_WEEKDAY = re.compile(r"\b(?i:on|late|early|from|last|this|overnight|night|of)\s+(?:the\s+night\s+of\s+)?"
                      r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                      r"|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\s+"
                      r"(?:night|morning|evening|afternoon|attack|strike|barrage)")
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def _with_year(month: int, day: int, year: str | None, published: date | None) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        if published is None:
            return None
        candidate = date(published.year, month, day)
        if candidate > published + timedelta(days=1):
            candidate = date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def resolve_date(text: str, published: date | None) -> date | None:
    """The date a sentence gives for its events, or None when it gives none."""
    match = _ISO.search(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    for pattern, month_first in ((_MONTH_DAY, True), (_DAY_MONTH, False)):
        match = pattern.search(text)
        if match:
            month, day = (match[1], match[2]) if month_first else (match[2], match[1])
            found = _with_year(_month(month), int(day), match[3], published)
            if found:
                return found
    if published is None:
        return None
    match = _WEEKDAY.search(text)
    if match:
        weekday = WEEKDAYS.index((match[1] or match[2]).lower())
        back = (published.weekday() - weekday) % 7
        return published - timedelta(days=back)
    lowered = text.lower()
    for phrase, offset in sorted(cues()["temporal"].items(), key=lambda kv: -len(kv[0])):
        if re.search(r"\b" + re.escape(phrase) + r"\b", lowered):
            return published + timedelta(days=offset)
    return None
