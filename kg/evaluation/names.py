"""How the evaluator decides that two names mean the same thing, and which Wikidata item a name is.

The scorer never compares names itself: it asks a ``Names`` object. ``FoldedNames`` is the plain
version (folding plus optional variant groups and QIDs given by hand); the gazetteer offers the
same two methods with the spelling variants and QIDs it knows, so ``Kiev`` and ``Kyiv`` match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

#: Kinds the evaluator passes to ``Names.qid``: a gold place's ``place_type`` (``settlement``,
#: ``region``), or ``person`` / ``organization`` for a speaker the gold lists as one; ``None``
#: when the gold does not say.
NAME_KINDS = ("settlement", "region", "person", "organization")

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032"
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,]+")


@runtime_checkable
class Names(Protocol):
    """What the scorer needs to know about names."""

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` name the same entity (``Kiev`` and ``Kyiv``)."""
        ...

    def qid(self, name: str, kind: str | None, country: str | None = None) -> str | None:
        """The Wikidata QID (``Q1899``) of the entity ``name`` of this kind (in that country,
        when given), if known for sure."""
        ...


def fold_name(name: str) -> str:
    """A name reduced for comparison: case, diacritics, apostrophes and separators folded.

    >>> fold_name("Bila-Tserkva")
    'bila tserkva'
    >>> fold_name("Mar\u2019inka") == fold_name("Marinka")
    True
    >>> fold_name("Zaporizhzhia") == fold_name("ZAPORI\u0301ZHZHIA")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return _SEPARATORS.sub(" ", kept).strip().casefold()


class FoldedNames:
    """``Names`` from folding alone, plus variant groups and QIDs given by hand.

    >>> names = FoldedNames(variants=[("Kyiv", "Kiev")], qids={"Kyiv": "Q1899"})
    >>> names.same("KIEV", "kyiv"), names.same("Kyiv", "Kharkiv")
    (True, False)
    >>> names.qid("Kiev", "settlement")
    'Q1899'
    """

    def __init__(self, variants: Iterable[Iterable[str]] = (),
                 qids: Mapping[str, str] | None = None):
        self._group: dict[str, int] = {}
        for number, group in enumerate(variants):
            for name in group:
                self._group[fold_name(name)] = number
        self._qids: dict[str, str] = {}
        for name, qid in (qids or {}).items():
            self._qids[self._key(name)] = qid

    def _key(self, name: str) -> str:
        folded = fold_name(name)
        group = self._group.get(folded)
        return folded if group is None else f"\0{group}"

    def same(self, a: str, b: str) -> bool:
        return self._key(a) == self._key(b)

    def qid(self, name: str, kind: str | None, country: str | None = None) -> str | None:
        return self._qids.get(self._key(name))
