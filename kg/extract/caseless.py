"""A case-insensitive alternation of ASCII phrases, searched as a case-sensitive one in the
lower-cased text.

Python's ``re`` compares each character of a case-insensitive pattern through a case lookup and
cannot reject an alternative on its first letter at once, so trying the 160 organization names
of ``kg/data/people.jsonl`` at every position of an article costs 0.6 ms; the same names in
lower case against the lower-cased article cost a quarter of that. The two find the same spans
wherever lower-casing leaves every character in its place and turns no other character into an
ASCII letter: in a text without "İ" (two characters in lower case), "ı", "ſ" or the Kelvin
sign (which ``re.IGNORECASE`` also reads as i, s and k); any other text is searched with the
case-insensitive pattern itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

#: characters that lower-casing lengthens, or that match an ASCII letter ignoring case
_FOLD_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_LETTER_ESCAPE = re.compile(r"\\[A-Za-z]")  # "\W", "\B": lower case would change their sense


def _plain(alternative: str) -> bool:
    """Every letter of ``alternative`` is an ASCII one, no escape names a class by a letter,
    and any other character has no case ("’", not "é")."""
    return not _LETTER_ESCAPE.search(alternative) and all(
        c.isascii() or c.lower() == c == c.upper() for c in alternative)


class Found:
    """A match: its span and its text as written (``start()``, ``end()``, ``group()``, as a
    ``re.Match`` has them)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


class CaselessAlternation:
    """``re.compile(before + "(?:" + "|".join(alternatives) + ")" + after, re.IGNORECASE)``,
    whose ``finditer`` finds the same matches faster; ``alternatives`` are regular expressions
    for phrases of ASCII letters (``re.escape`` of one, say), ``before`` and ``after``
    assertions around them that case does not change."""

    def __init__(self, alternatives: list[str], before: str = "", after: str = ""):
        self._source = before + "(?:" + "|".join(alternatives) + ")" + after
        self._lowered = None
        if all(map(_plain, alternatives)):
            self._lowered = re.compile(
                before + "(?:" + "|".join(a.lower() for a in alternatives) + ")" + after)

    @cached_property
    def pattern(self) -> re.Pattern:
        """The case-insensitive pattern, compiled the first time a text needs it (one with a
        character that folds into an ASCII letter, or alternatives not all plain): compiling
        the 160 organization names that way costs some 6 ms a process, most never using it."""
        return re.compile(self._source, re.IGNORECASE)

    def finditer(self, text: str) -> Iterator:
        """The matches in ``text``, left to right, as ``self.pattern.finditer`` gives them."""
        if self._lowered is None or any(c in text for c in _FOLD_TO_ASCII):
            yield from self.pattern.finditer(text)
            return
        for match in self._lowered.finditer(text.lower()):
            start, end = match.span()
            yield Found(start, end, text[start:end])
