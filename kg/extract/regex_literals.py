"""The literal strings a regular expression cannot match without, read from its parse: a search
is skipped where the text holds none of them.

Python's ``re`` tries a pattern whose alternatives open on ``\\b`` or a look-behind at every
position of the text; the explicit zeros of ``kg.extract.no_casualties`` ("no one was hurt")
cost 0.05 ms a sentence that way, though most sentences have no "no", "not" or "without" at
all. ``required_literals`` reads the pattern's parse tree: a run of plain characters in the
pattern's main sequence must stand in every match, so must one of the runs of each alternative
of an alternation, and one of a group or of a repetition taken at least once; the most
selective of these sets is kept. A pattern read case-insensitively, or with a part the reading
does not know, gives no set, and is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11 keeps the parser here; earlier versions as the top-level sre_parse
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_REPEATS |= {getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT)}
_UNREAD = object()
_KNOWN: dict[re.Pattern, frozenset[str] | None] = {}


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None where none are
    known."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct of another Python version's parser: search always
        return None


def could_match(pattern: re.Pattern, text: str) -> bool:
    """False where ``text`` holds none of the strings the pattern needs (read once per
    pattern), so that no match of it can stand in ``text``."""
    needs = _KNOWN.get(pattern, _UNREAD)
    if needs is _UNREAD:
        needs = _KNOWN[pattern] = required_literals(pattern)
    return needs is None or any(literal in text for literal in needs)


def search(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search(text)``, skipped where it could not match (``could_match``)."""
    return pattern.search(text) if could_match(pattern, text) else None


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, skipped where it could not match (``could_match``)."""
    return pattern.finditer(text) if could_match(pattern, text) else iter(())


def _selective(needs: frozenset[str]) -> tuple[int, int]:
    return min(map(len, needs)), -len(needs)  # longer strings first, then fewer of them


def _sequence(items) -> frozenset[str] | None:
    """The most selective set among the parts every match of the sequence ``items`` has."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(needs: frozenset[str] | None) -> None:
        nonlocal best
        if needs and (best is None or _selective(needs) > _selective(best)):
            best = needs

    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:  # a run of plain characters ends
            consider(frozenset(["".join(run)]))
            run = []
        if op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            if not add_flags and not del_flags:
                consider(_sequence(inner))
        elif op is sre_constants.BRANCH:
            consider(_alternation(av[1]))
        elif op in _REPEATS and av[0] >= 1:
            consider(_sequence(av[2]))
        # a character class, an assertion, an anchor, a back reference: nothing of its own
    if run:
        consider(frozenset(["".join(run)]))
    return best


def _alternation(alternatives) -> frozenset[str] | None:
    out: set[str] = set()
    for alternative in alternatives:
        needs = _sequence(alternative)
        if needs is None:
            return None
        out |= needs
    return frozenset(out)
