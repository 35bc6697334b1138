"""The literal strings a regular expression cannot match without, read from its parse: a search
is skipped where the text holds none of them.

Python's ``re`` tries a pattern whose alternatives open on ``\\b`` or a look-behind at every
position of the text; the explicit zeros of ``kg.extract.no_casualties`` ("no one was hurt")
cost 0.05 ms a sentence that way, though most sentences have no "no", "not" or "without" at
all. ``required_literals`` reads the pattern's parse tree: a run of plain characters in the
pattern's main sequence must stand in every match, so must one of the runs of each alternative
of an alternation, and one of a group or of a repetition taken at least once; the most
selective of these sets is kept. A pattern read case-insensitively, or with a part the reading
does not know, gives no set, and is always searched. ``could_match`` asks more of a text
(``literal_test``): every part of the sequence, each alternative with all of its own parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

try:  # Python 3.11 keeps the parser here; earlier versions as the top-level sre_parse
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_REPEATS |= {getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT)}
#: id of a pattern → (the pattern, its ``literal_test``): keyed by id, as hashing a pattern
#: reads its whole compiled code on every ask; the pattern kept here keeps its id its own
_KNOWN: dict[int, tuple[re.Pattern, Callable[[str], bool] | None]] = {}


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
    """False where ``text`` lacks the strings the pattern needs (``literal_test``, made once
    per pattern), so that no match of it can stand in ``text``."""
    known = _KNOWN.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _KNOWN[id(pattern)] = (pattern, literal_test(pattern))
    test = known[1]
    return test is None or test(text)


def literal_test(pattern: re.Pattern) -> Callable[[str], bool] | None:
    """A test of a text that every text holding a match of ``pattern`` passes, or None where
    none is known (as for ``required_literals``). It reads the whole parse, not only its most
    selective set of strings: each alternative of an alternation needs all of its own parts
    ("no " and one of "casualties", "victims"), so a sentence with "casualties" but no "no "
    is skipped. The test is a Python expression of ``in``, ``and`` and ``or`` over the
    pattern's literal strings (``repr`` of each), compiled once: ten times faster than
    walking the parse for every text."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        needs = _condition(sre_parse.parse(pattern.pattern, pattern.flags))
        if needs is None:
            return None
        return eval("lambda text: " + _source(needs))  # noqa: S307 - built from repr() of strings
    except Exception:  # a construct of another Python version's parser, an expression nested
        return None  # too deep to compile: search always


def _condition(items):
    """What every match of the sequence ``items`` holds: a string, ``("all", parts)``,
    ``("any", parts)``, or None where nothing is known."""
    parts: list = []
    run: list[str] = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:  # a run of plain characters ends
            parts.append("".join(run))
            run = []
        needs = None
        if op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            if not add_flags and not del_flags:
                needs = _condition(inner)
        elif op is sre_constants.BRANCH:
            alternatives = [_condition(alternative) for alternative in av[1]]
            if None not in alternatives:
                needs = ("any", tuple(alternatives))
        elif op in _REPEATS and av[0] >= 1:
            needs = _condition(av[2])
        # a character class, an assertion, an anchor, a back reference: nothing of its own
        if needs is not None:
            parts.append(needs)
    if run:
        parts.append("".join(run))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _source(needs) -> str:
    """``needs`` of ``_condition`` as a Python expression over ``text``."""
    if isinstance(needs, str):
        return f"{needs!r} in text"
    joiner = " and " if needs[0] == "all" else " or "
    return "(" + joiner.join(_source(part) for part in needs[1]) + ")"


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
