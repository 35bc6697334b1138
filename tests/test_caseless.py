"""``CaselessAlternation`` finds what its case-insensitive pattern finds."""

from __future__ import annotations

import re

from kg.extract.caseless import CaselessAlternation
from kg.extract.people_rules import lexicon

TEXTS = [
    "The Kharkiv Regional Military Administration said the SBU and the UN were told.",
    "KHARKIV REGIONAL MILITARY ADMINISTRATION: the sbu, the Un, the air force’s spokesman",
    "Ukraine's Air Force, Ukraine’s air force and the pre-SBU unit; SBU-led; xSBU",
    "İ, ı, ſ and the Kelvin sign \u212a fold into ASCII letters: \u212aharkiv, ſBU, İnfo",
    "",
]


def _found(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_the_organization_names_match_as_ignoring_case():
    names = lexicon().org_regex
    assert names._lowered is not None  # the fast path is the one taken
    for text in TEXTS:
        assert _found(names.finditer(text)) == _found(names.pattern.finditer(text))


def test_characters_that_fold_into_ascii_letters_are_matched_as_re_does():
    words = CaselessAlternation(["kharkiv", "sbu", "info"], r"(?<![\w-])", r"(?![\w-])")
    text = TEXTS[3]
    assert _found(words.finditer(text)) == _found(words.pattern.finditer(text))
    assert [m.group() for m in words.finditer(text)] == ["\u212aharkiv", "ſBU", "İnfo"]


def test_a_class_escape_or_a_cased_letter_keeps_the_case_insensitive_pattern():
    assert CaselessAlternation([r"\W+x"])._lowered is None
    assert CaselessAlternation(["café"])._lowered is None
    assert CaselessAlternation([re.escape("air force") + "['’]s"])._lowered is not None


def test_the_case_insensitive_pattern_is_compiled_as_the_alternation_ignoring_case():
    words = CaselessAlternation(["kharkiv", re.escape("air force")], r"(?<![\w-])", r"(?![\w-])")
    assert words.pattern == re.compile(r"(?<![\w-])(?:kharkiv|air\ force)(?![\w-])",
                                       re.IGNORECASE)
