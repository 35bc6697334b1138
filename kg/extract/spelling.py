"""Spellings of a place name the gazetteer does not list as written, read as the name it does
list: a Russian-style ending of a Ukrainian village ("Yasenovo" for Yasenove, "Pokrovskoye" for
Pokrovske) and a name glued to the next word by a lost space ("KharkivMonday").

Only the public lookup of the gazetteer (``candidates``) is used: a variant counts only where the
gazetteer knows it, so a word that is no place stays none.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import cues

# Russian-style ending → Ukrainian ending, longest first ("Yasenovo" → "Yasenove")
_ENDINGS = sorted(cues()["russian_style_endings"].items(), key=lambda kv: -len(kv[0]))
_GLUED = re.compile(r"^([A-Z][a-z'’-]{2,}?)(" + "|".join(cues()["glued_calendar_words"]) + r")$")


def variants(name: str) -> list[str]:
    """Other spellings of ``name`` to look up, in the order to try them."""
    out = []
    glued = _GLUED.match(name)
    if glued:
        out.append(glued[1])
    for russian, ukrainian in _ENDINGS:
        if name.endswith(russian) and len(name) - len(russian) >= 3:
            out.append(name[: len(name) - len(russian)] + ukrainian)
    return out


def known_spelling(name: str, gazetteer) -> str | None:
    """``name`` itself when the gazetteer knows it, else the first variant it knows, else None."""
    if gazetteer.candidates(name):
        return name
    return next((v for v in variants(name) if gazetteer.candidates(v)), None)
