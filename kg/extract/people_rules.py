"""The rule data of the people finder (``kg/data/people.jsonl``, ``kg/data/roles.jsonl``): given
names and their spelling groups, surnames, known persons, organizations, titles, speech verbs
and channels, loaded once; and the name comparisons built on them."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import RuleDataError
from kg.extract.caseless import CaselessAlternation
from kg.extract.rules import rule
from kg.resources import data_dir

DATA = data_dir()
PARTICLES = {"von", "van", "der", "den", "de", "da", "al", "bin", "la", "le"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics and with straight apostrophes (a word is folded once per
    process: the same words come back in every article)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _words(pattern: str) -> tuple[str, ...]:
    """A pattern as spaCy tokenizes it (roughly): words, "U.S.", and hyphens apart."""
    return tuple(re.findall(r"[\w'.]+|[^\w\s]", fold(pattern)))


@dataclass(frozen=True)
class KnownPerson:
    name: str
    given: str | None  # key of the given name's spelling group
    surname: str  # folded, variant-normalized
    gender: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    role: str | None  # None for ranks and honorifics
    cls: str


@dataclass
class Lexicon:
    given: dict[str, str] = field(default_factory=dict)  # spelling -> group key
    gender: dict[str, str | None] = field(default_factory=dict)  # group key -> m/f
    surnames: dict[str, str] = field(default_factory=dict)  # folded spelling -> folded canonical
    persons: list[KnownPerson] = field(default_factory=list)
    orgs: dict[str, tuple[str, bool]] = field(default_factory=dict)  # folded alias -> (name, media)
    org_words: frozenset[str] = frozenset()
    titles: dict[str, list[Title]] = field(default_factory=dict)  # first word -> longest first
    demonyms: dict[str, str] = field(default_factory=dict)  # folded -> place
    speech: frozenset[str] = frozenset()
    channels: list[tuple[str, re.Pattern]] = field(default_factory=list)
    # one pattern matching where any of ``channels`` does: most texts name no channel, and one
    # search tells so at a tenth of the cost of searching each channel's own pattern
    any_channel: re.Pattern | None = None
    org_regex: CaselessAlternation | None = None  # its finditer as a re.Pattern's
    # (given, surname) -> the known persons that name can be, by name; filled as articles ask
    known_matches: dict[tuple, dict] = field(default_factory=dict, repr=False, compare=False)
    exact: dict[str, set[str]] = field(default_factory=dict)  # folded alias -> allowed spellings
    org_names: dict[str, list[str]] = field(default_factory=dict)  # name -> its folded aliases
    title_words: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()  # lower case: words heading an organization's name
    place_words: frozenset[str] = frozenset()  # "Oblast", "District": never part of a person's name
    org_synonyms: dict[str, str] = field(default_factory=dict)  # "oblast" -> "regional" in names
    # an abbreviated head of a body's name -> the words it stands for: "RMA" -> "Regional
    # Military Administration" ("the Kherson RMA" is the Kherson Regional Military Administration)
    org_abbreviations: dict[str, str] = field(default_factory=dict)
    # persons' positions by their surname with at most one letter dropped, and by given name,
    # for ``persons_to_compare``
    _by_deletion: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False,
                                               compare=False)
    _by_given: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False,
                                            compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)  # persons indexed

    def persons_to_compare(self, surname: str, given: str | None) -> list[KnownPerson]:
        """The known persons a name of ``surname`` and ``given`` may be, in the lexicon's order:
        those whose surname is one edit or less from ``surname`` (the two then have a spelling
        with at most one letter dropped in common), and those of the same given name (another
        romanization may change a surname more). ``match_known`` of ``kg.extract.people`` tests
        only these, not every person for every new name."""
        if self._indexed != len(self.persons):
            self._by_deletion.clear()
            self._by_given.clear()
            for n, person in enumerate(self.persons):
                for form in _deletions(person.surname):
                    self._by_deletion.setdefault(form, []).append(n)
                if person.given is not None:
                    self._by_given.setdefault(person.given, []).append(n)
            self._indexed = len(self.persons)
        near = [n for form in _deletions(surname) for n in self._by_deletion.get(form, ())]
        if given is not None:
            near += self._by_given.get(given, ())
        return [self.persons[n] for n in sorted(set(near))]


def _deletions(word: str) -> set[str]:
    """``word`` and each spelling of it with one letter dropped."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _rows(path: Path):
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                raise RuleDataError("not a JSON object", path=path.name, line=number) from None
            if not isinstance(row, dict) or "type" not in row:
                raise RuleDataError("a rule needs a 'type'", path=path.name, line=number)
            yield number, row


def load_lexicon(people: Path, roles: Path) -> Lexicon:
    lex = Lexicon()
    known_rows, org_words, org_alias, acronyms = [], set(), {}, set()
    org_heads, place_words = set(), set()
    for number, row in _rows(people):
        kind = row["type"]
        try:
            if kind == "given":
                for spelling in [row["name"], *row.get("variants", [])]:
                    lex.given[spelling] = row["name"]
                lex.gender[row["name"]] = row.get("gender")
            elif kind == "surname":
                for spelling in [row["name"], *row.get("variants", [])]:
                    lex.surnames[fold(spelling)] = fold(row["name"])
            elif kind == "person":
                known_rows.append(row)
            elif kind == "org":
                for alias in [row["name"], *row.get("aliases", []), *row.get("exact", [])]:
                    if alias.replace(".", "").isupper() or alias in row.get("exact", []):
                        acronyms.add(alias)  # matched in this case only
                    org_alias[fold(alias).removeprefix("the ")] = (row["name"], bool(row.get("media")))
                    lex.org_names.setdefault(row["name"], []).append(fold(alias))
            elif kind == "org_word":
                org_words.add(row["word"])
            elif kind == "org_head":
                org_heads.add(row["word"].lower())
            elif kind == "place_word":
                place_words.add(row["word"])
            elif kind == "org_synonym":
                lex.org_synonyms[fold(row["word"])] = fold(row["same_as"])
            elif kind == "org_abbreviation":
                lex.org_abbreviations[row["short"]] = row["stands_for"]
            else:
                raise RuleDataError(f"unknown type {kind!r}", path=people.name, line=number)
        except KeyError as missing:
            raise RuleDataError(f"a {kind} rule needs {missing}", path=people.name, line=number) from None
    for row in known_rows:
        for spelling in [row["name"], *row.get("aliases", [])]:
            given, surname = split_name(spelling.split(), lex)
            lex.persons.append(KnownPerson(row["name"], given, surname, row.get("gender"),
                                           tuple(row.get("roles", []))))
    lex.orgs, lex.org_words = org_alias, frozenset(org_words)
    lex.org_heads, lex.place_words = frozenset(org_heads), frozenset(place_words)
    for alias in acronyms:
        lex.exact.setdefault(fold(alias).removeprefix("the "), set()).add(alias.removeprefix("the "))
    # acronyms match case-sensitively, other aliases in any case
    names = sorted(org_alias, key=len, reverse=True)
    alternatives = [re.escape(a).replace("'", "['’]") for a in names]
    lex.org_regex = CaselessAlternation(alternatives, r"(?<![\w-])", r"(?![\w-])")
    titles, title_words, channel_words = {}, set(), []
    for number, row in _rows(roles):
        kind = row["type"]
        try:
            if kind in ("title", "rank", "honorific"):
                words = _words(row["pattern"])
                titles.setdefault(words[0], []).append(
                    Title(words, row.get("role"), row.get("class", kind)))
                title_words.update(words)
            elif kind == "demonym":
                lex.demonyms[fold(row["pattern"])] = row["place"]
            elif kind == "speech_verb":
                lex.speech |= {row["lemma"]}
            elif kind == "channel":
                for pattern in row["patterns"]:
                    flags = 0 if any(c.isupper() for c in pattern) else re.I
                    lex.channels.append((row["name"], re.compile(
                        r"(?<!\w)" + re.escape(pattern) + r"(?!\w)", flags)))
                    channel_words.append(("(?i:%s)" if flags else "%s") % re.escape(pattern))
            else:
                raise RuleDataError(f"unknown type {kind!r}", path=roles.name, line=number)
        except KeyError as missing:
            raise RuleDataError(f"a {kind} rule needs {missing}", path=roles.name, line=number) from None
    lex.titles = {k: sorted(v, key=lambda t: len(t.words), reverse=True) for k, v in titles.items()}
    if channel_words:  # the channels' words between the same bounds, each in its own case
        lex.any_channel = re.compile(r"(?<!\w)(?:" + "|".join(channel_words) + r")(?!\w)")
    lex.title_words = frozenset(title_words)
    return lex


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled rule data, loaded once."""
    return load_lexicon(DATA / "people.jsonl", DATA / "roles.jsonl")


def split_name(words: list[str], lex: Lexicon) -> tuple[str | None, str]:
    """(given-name group key or None, folded normalized surname) of a name's words."""
    words = [w for w in words if fold(w) not in PARTICLES] or words
    given = lex.given.get(words[0]) if len(words) > 1 else None
    surname = fold(words[-1]).removesuffix("'s")
    return given, lex.surnames.get(surname, surname)


def _edits_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]:
        return True
    swapped = len(a) == len(b) and i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2:] == b[i + 2:] and \
        bool(rule("speakers.surname-letters-swapped"))  # "Filahskin" for "Filashkin"


# letters two romanizations of one Cyrillic name swap: Kyrylenko / Kirilenko, Halushchenko /
# Galushchenko, Zelenskyy / Zelensky
_ROMANIZED = str.maketrans({"y": "i", "g": "h"})
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 14)
def _romanized(name: str) -> str:
    """``name`` read with y as i, g as h and doubled letters single, kept per name: every
    known person's surname is compared with each new name."""
    return _DOUBLED.sub(r"\1", name.translate(_ROMANIZED))


def same_given(word: str, name: str) -> bool:
    """``word`` is the first word of ``name`` in the same or another romanization ("Oleg",
    "Oleh Syniehubov")."""
    first = name.split()[0] if name.split() else ""
    return len(word) > 2 and _romanized(fold(word)) == _romanized(fold(first))


def same_surname(a: str, b: str, romanized: bool = False) -> bool:
    """Equal, clipped by one letter ("kuleb"/"kuleba"), one edit or one swap of neighbouring
    letters apart in a long name, or (with ``romanized``) the same long name in another
    romanization ("kirilenko"/"kyrylenko")."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter >= 4 and abs(len(a) - len(b)) == 1 and (a.startswith(b) or b.startswith(a)):
        return True
    if shorter < 6:
        return False
    return _edits_at_most_one(a, b) or romanized and _romanized(a) == _romanized(b)
