"""Spellings of a place name the gazetteer does not list as written, read as the name it does
list: a Russian-style ending of a Ukrainian village ("Yasenovo" for Yasenove, "Pokrovskoye" for
Pokrovske), an adjective that opens a name written without its -yi or with -iy ("Kryvy Rih",
"Kryviy Rih" for Kryvyi Rih), a last word's -ai written -ay ("Vesely Hay" for Veselyi Hai)
and a name glued to the next word by a lost space ("KharkivMonday").

Only the public lookup of the gazetteer (``candidates``) is used: a variant counts only where the
gazetteer knows it, so a word that is no place stays none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import cues
from kg.link.names import one_edit_apart

# Russian-style ending → Ukrainian ending, longest first ("Yasenovo" → "Yasenove")
_ENDINGS = sorted(cues()["russian_style_endings"].items(), key=lambda kv: -len(kv[0]))
_GLUED = re.compile(r"^([A-Z][a-z'’-]{2,}?)(" + "|".join(cues()["glued_calendar_words"]) + r")$")


def variants(name: str) -> list[str]:
    """Other spellings of ``name`` to look up, in the order to try them."""
    return list(_variants(name))


@lru_cache(maxsize=1 << 14)
def _variants(name: str) -> tuple[str, ...]:
    """``variants``, made once per name (every run of capitalised words asks)."""
    out = []
    glued = _GLUED.match(name)
    if glued:
        out.append(glued[1])
    for russian, ukrainian in _ENDINGS:
        if name.endswith(russian) and len(name) - len(russian) >= 3:
            out.append(name[: len(name) - len(russian)] + ukrainian)
    first, _, rest = name.partition(" ")
    if rest and len(first) >= 5 and first.endswith("y") and first[-2] not in "aeiouy":
        out.append(f"{first}i {rest}")  # "Kryvy Rih", "Velyky Burluk": the adjective's -yi
    if rest and len(first) >= 6 and first.endswith("iy") and first[-3] not in "aeiouy":
        out.append(f"{first[:-2]}yi {rest}")  # "Kryviy Rih", "Velykiy Burluk": -yi written -iy
    if rest and _Y_FOR_I.search(rest):
        # "Vesely Hay" for Veselyi Hai: the last word's -ai written as the Russian -ay
        out += [_Y_FOR_I.sub("ai", n) for n in (name, *out) if " " in n]
    return tuple(out)


_Y_FOR_I = re.compile(r"(?<=[A-Za-z])ay$")


def gazetteer_knows(gazetteer):
    """Whether some place bears a name, as a function of the name: the gazetteer's ``knows``
    (a lookup that neither builds nor sorts the candidates), else ``bool(candidates(name))``
    for a gazetteer without it. For the many names only checked for being known."""
    return getattr(gazetteer, "knows", None) or (lambda text: bool(gazetteer.candidates(text)))


def known_spelling(name: str, gazetteer) -> str | None:
    """``name`` itself when the gazetteer knows it, else the first variant it knows, else None."""
    knows = gazetteer_knows(gazetteer)
    if knows(name):
        return name
    return next((v for v in variants(name) if knows(v)), None)


_KIND_WORDS = (" Oblast", " Krai", " Republic", " Region")
_PROMINENT: dict[int, tuple[dict[str, str], dict[str, set[str]]]] = {}


def _deletions(word: str) -> set[str]:
    """The word and every word one letter shorter: two words are at most one edit (or one swap
    of neighbours) apart only if these sets of theirs meet."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _prominent_names(gazetteer) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Lower-case short name → name, for the regions and the cities of at least
    ``cues.typo_min_population`` people: the names a typo is worth checking against; and an
    index of their one-letter deletions, so a lookup reads a few names, not all (built once per
    gazetteer)."""
    key = id(gazetteer)
    if key not in _PROMINENT:
        floor = cues()["typo_min_population"]
        names: dict[str, str] = {}
        for place in gazetteer:
            if place.kind == "region" or (place.kind == "settlement"
                                          and (place.population or 0) >= floor):
                label = place.label
                for word in _KIND_WORDS:
                    label = label.removesuffix(word)
                names.setdefault(label.lower(), label)
        index: dict[str, set[str]] = {}
        for short in names:
            for variant in _deletions(short):
                index.setdefault(variant, set()).add(short)
        _PROMINENT[key] = (names, index)
    return _PROMINENT[key]


def typo_fix(name: str, gazetteer) -> str | None:
    """The region or city ``name`` misspells by one letter ("Belgorov" → Belgorod), when exactly
    one such name is that close; names under six letters are never corrected."""
    low = name.lower()
    if len(low) < 6 or not low.isalpha():
        return None
    return _typo_fix(low, gazetteer)


@lru_cache(maxsize=1 << 14)
def _typo_fix(low: str, gazetteer) -> str | None:
    """``typo_fix`` of a lower-case name, kept per gazetteer and name: the same capitalised words
    come up in sentence after sentence."""
    names, index = _prominent_names(gazetteer)
    near = {short for variant in _deletions(low) for short in index.get(variant, ())}
    close = {names[short] for short in near
             if one_edit_apart(low, short)
             and not low.startswith(short)}  # "Crimean" is an adjective, not a typo
    return close.pop() if len(close) == 1 else None
