"""When an attack happened, resolved against the article's publication date, with its precision.

A date is a ``When``: a day, and whether the text gives that day ("day") or a night that ended on
it ("night": the night before ``day`` into it). Resolved, in this order:

- a night of two days: "the night of 24–25 June", "June 24-25" → night ending on the 25th;
  "the night of 24 June" → the night into the 25th (into the 24th when the 25th is after
  publication, as a same-day report means);
- an ISO date ("2025-06-24") and a written one: "on June 5", "5 June", "June 5, 2025" (without a
  year: the latest such day on or before publication);
- of weekdays and phrases (below) the earliest: "mourning on Thursday after the attack on
  Wednesday" is Wednesday;
- a weekday: "on Wednesday", "early Thursday", "Tuesday's attack" → the latest such day on or
  before publication; "overnight into Thursday" → the night into Thursday; "Tuesday night",
  "the night of Tuesday" → the night into Wednesday (into Tuesday when Wednesday is after
  publication);
- a phrase of the rule data (``temporal`` in ``cues.json``): "overnight", "last night" → the night
  into the publication day; "today", "this morning", "early hours" → that day; "yesterday" → the
  day before.

A date never comes after publication: a written date later than it means the year before, or
nothing when the text gives that year. Without a publication date only a date with its year
resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.lexicon import cues
from kg.extract.regex_literals import finditer
from kg.extract.rules import rule

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
#: the words a month is written with, its abbreviations as the date patterns read them included
#: ("Sept. 9", "Aug 3")
MONTH_WORDS = frozenset(MONTHS) | frozenset(m[:3] for m in MONTHS) | {"sept"}
#: the tokens a month is written as: the words, and the abbreviations with their full stop,
#: which the tokenizer keeps on the word ("Jan. 18" is the two tokens "Jan." and "18")
MONTH_TOKENS = MONTH_WORDS | frozenset(w + "." for w in MONTH_WORDS if w not in MONTHS)
DAY, NIGHT = "day", "night"
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR_PART = r"(?:,?\s+(\d{4}))?"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s*(?:[-\u2013\u2014/]|to|into)\s*"
# "24–25 June", "June 24-25", "the night of 24 to 25 June"
_NIGHT_DAY_MONTH = re.compile(r"\b(\d{1,2})" + _ORD + _DASH + r"(\d{1,2})" + _ORD + r"\s+(?:of\s+)?"
                              + _MONTH + _YEAR_PART)
_NIGHT_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})" + _ORD + _DASH + r"(\d{1,2})\b" + _ORD
                              + _YEAR_PART)
_NIGHT_OF = re.compile(r"\bnight\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})" + _ORD + r"\b" + _YEAR_PART)
_DAY_MONTH = re.compile(r"\b(\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + _YEAR_PART)
_WEEKDAY_NAMES = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY = re.compile(r"\b(?i:on|late|early|from|last|this|overnight|night|of|into|by)\s+"
                      r"(?:the\s+night\s+of\s+)?" + _WEEKDAY_NAMES + r"\b"
                      r"|\b" + _WEEKDAY_NAMES + r"(?:['’]s\b|\s+"
                      r"(night|morning|evening|afternoon|attack|strike|barrage))"
                      # the wire style "hit a hospital Tuesday in Ukraine", "said Tuesday"
                      r"|(?<=[a-z,] )" + _WEEKDAY_NAMES + r"\b(?!\s+[A-Z]|['’])")
# "overnight into Thursday", "the night into Thursday": the night that ended on that day
_NIGHT_INTO_WEEKDAY = re.compile(r"(?i:overnight|night\s+into|into)\s+$")
# "the night of Tuesday", "Tuesday night": the night that began on that day
_NIGHT_OF_WEEKDAY = re.compile(r"(?i:night\s+of)\s+(?:the\s+night\s+of\s+)?$|"
                               r"(?i:the\s+night\s+of)\s+$")
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


@dataclass(frozen=True)
class When:
    """A resolved date: ``day``, and ``precision`` "day" or "night" (the night into ``day``)."""

    day: date
    precision: str = DAY


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


_COMING_DAYS = 7  # a day this close after publication is one to come, not last year's


def _with_year(month: int, day: int, year: str | None, published: date | None) -> date | None:
    """The day, in the year given, else the latest such day on or before publication; None when
    impossible or, with its year, after publication."""
    try:
        if year:
            found = date(int(year), month, day)
            return None if published is not None and found > published else found
        if published is None:
            return None
        candidate = date(published.year, month, day)
        if candidate > published and (candidate - published).days <= _COMING_DAYS and \
                rule("dates.coming-day"):
            return None  # "declared 14 June a day of mourning" on 13 June: a day to come, not
            # that day a year before
        if candidate > published:
            candidate = date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _night(first: int, second: int, month: str, year: str | None,
           published: date | None) -> When | None:
    """A night of two days of one month ("24–25 June"): the night into the second day."""
    if second != first + 1:
        return None
    end = _with_year(_month(month), second, year, published)
    return When(end, NIGHT) if end else None


def _explicit(text: str, published: date | None) -> When | None:
    for match in _NIGHT_DAY_MONTH.finditer(text):
        found = _night(int(match[1]), int(match[2]), match[3], match[4], published)
        if found:
            return found
    for match in _NIGHT_MONTH_DAY.finditer(text):
        found = _night(int(match[2]), int(match[3]), match[1], match[4], published)
        if found:
            return found
    match = _ISO.search(text)
    if match:
        try:
            found = date(int(match[1]), int(match[2]), int(match[3]))
            if published is None or found <= published:
                return When(found)
        except ValueError:
            pass
    for pattern, month_first in ((_MONTH_DAY, True), (_DAY_MONTH, False)):
        for match in pattern.finditer(text):
            month, day = (match[1], match[2]) if month_first else (match[2], match[1])
            found = _with_year(_month(month), int(day), match[3], published)
            if found is None:
                continue
            if _NIGHT_OF.search(text[:match.start()]):  # "the night of 24 June"
                following = found + timedelta(days=1)
                if published is None or following <= published:
                    return When(following, NIGHT)
                return When(found, NIGHT)
            return When(found)
    return None


def _weekdays(text: str, published: date) -> list[tuple[int, When]]:
    out = []
    for match in finditer(_WEEKDAY, text):
        name = match[1] or match[2] or match[4]
        weekday = WEEKDAYS.index(name.lower())
        day = published - timedelta(days=(published.weekday() - weekday) % 7)
        before = text[:match.start(1)] if match[1] else ""
        night_after = (match[3] or "").lower() == "night" or \
            bool(match[1] and re.match(r"\s+night\b", text[match.end():], re.IGNORECASE))
        if night_after or (match[1] and _NIGHT_OF_WEEKDAY.search(before)):
            # the night that began that day ends the next morning, unless that is after
            # publication (a report of the same evening)
            following = day + timedelta(days=1)
            out.append((match.start(), When(following if following <= published else day, NIGHT)))
        elif match[1] and _NIGHT_INTO_WEEKDAY.search(before):
            out.append((match.start(), When(day, NIGHT)))
        else:
            out.append((match.start(), When(day, DAY)))
    return out


def _phrases(text: str, published: date) -> list[tuple[int, When]]:
    lowered = text.lower()
    out, taken = [], []
    for phrase, offset in sorted(cues()["temporal"].items(), key=lambda kv: -len(kv[0])):
        if phrase not in lowered:
            continue  # no match possible: skip building its expression
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            if any(a <= match.start() < b for a, b in taken):
                continue  # "late yesterday" read, not "yesterday" again
            taken.append((match.start(), match.end()))
            night = "night" in phrase
            out.append((match.start(),
                        When(published + timedelta(days=offset), NIGHT if night else DAY)))
    return out


@lru_cache(maxsize=4096)
def resolve_when(text: str, published: date | None) -> When | None:
    """The date a sentence gives for its events, with its precision, or None. Of several
    relative dates the earliest wins, the first named on a tie: the attack comes before what
    is said of it ("declared mourning on Thursday after an attack on Wednesday"). Kept per
    (text, publication date): several rules ask it of the same sentence."""
    found = _explicit(text, published)
    if found or published is None:
        return found
    candidates = _weekdays(text, published) + _phrases(text, published)
    if not candidates:
        return None
    return min(candidates, key=lambda item: (item[1].day, item[0]))[1]


def day_and_month(text: str) -> tuple[int, int] | None:
    """(month, day) of the first calendar date the text writes without its year ("on June
    28", "on 19 April"), for comparing two days of one undated report; None when none."""
    found = [(m.start(), _month(m[1]), int(m[2])) for m in _MONTH_DAY.finditer(text)
             if not m[3]] + [(m.start(), _month(m[2]), int(m[1]))
                             for m in _DAY_MONTH.finditer(text) if not m[3]]
    found = [(at, month, day) for at, month, day in found if 1 <= day <= 31]
    return min(found)[1:] if found else None


def resolve_date(text: str, published: date | None) -> date | None:
    """The day a sentence gives for its events, or None when it gives none."""
    found = resolve_when(text, published)
    return found.day if found else None
