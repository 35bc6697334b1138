"""Reading a gold folder: ``NAME.txt`` (the article), ``NAME.json`` (what a careful reader finds).

The format is described in GOLD.md. Every problem is a ``GoldError`` naming the file and, inside
the JSON, the place of the problem (``attacks[1].killed``), so a typo in one annotation is found
before any score is computed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import GoldError
from kg.vocab import WEAPON_KINDS

#: Gold weapon kinds as GOLD.md spells them (``ballistic missile``) → the contract keys.
GOLD_KINDS = {key.replace("-", " "): key for key in WEAPON_KINDS}
#: The contract's kind hierarchy (CONTRACT.md, "Weapons"): a kind → its broader kind.
KIND_PARENTS = {"ballistic-missile": "missile", "cruise-missile": "missile",
                "glide-bomb": "aerial-bomb"}
QUALIFIERS = ("launched", "shot down", "hit")
PLACE_TYPES = ("settlement", "region")


def kind_closure(kinds: Iterable[str]) -> frozenset[str]:
    """The kinds with every broader kind added.

    >>> sorted(kind_closure({"glide-bomb"}))
    ['aerial-bomb', 'glide-bomb']
    """
    out = set()
    for kind in kinds:
        while kind is not None and kind not in out:
            out.add(kind)
            kind = KIND_PARENTS.get(kind)
    return frozenset(out)


def kind_label(kind: str) -> str:
    """A kind key as GOLD.md spells it: ``ballistic-missile`` → ``ballistic missile``."""
    return kind.replace("-", " ")


@dataclass(frozen=True)
class GoldAttack:
    place: str
    alt_places: tuple[str, ...] = ()  # other readings that are equally right
    place_type: str | None = None
    country: str | None = None
    attacker: str | None = None
    weapons: tuple[str, ...] = ()  # contract keys: "ballistic-missile"
    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True)
class GoldWeaponCount:
    kind: str  # contract key
    count: int
    qualifier: str | None = None


@dataclass(frozen=True)
class GoldStatement:
    speaker: str
    quote_start: str
    speaker_role: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article. ``identifier`` is the files' base name NAME."""

    identifier: str
    text: str
    url: str | None = None
    published: date | None = None
    attacks: tuple[GoldAttack, ...] = ()
    weapon_counts: tuple[GoldWeaponCount, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    persons: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    notes: str | None = None
    path: str | None = None  # the JSON file, for messages


def load_gold(directory: str | Path) -> list[GoldArticle]:
    """Every ``NAME.txt`` + ``NAME.json`` pair of ``directory`` (not its sub-folders), by name.

    Other files (a README) are ignored; a ``.txt`` without its ``.json`` or the reverse is an error.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise GoldError("not a folder", path=str(folder))
    texts = {p.stem: p for p in folder.glob("*.txt") if p.is_file()}
    annotations = {p.stem: p for p in folder.glob("*.json") if p.is_file()}
    alone = sorted(texts.keys() - annotations.keys())
    if alone:
        raise GoldError(f"no {alone[0]}.json beside it", path=str(texts[alone[0]]))
    alone = sorted(annotations.keys() - texts.keys())
    if alone:
        raise GoldError(f"no {alone[0]}.txt beside it", path=str(annotations[alone[0]]))
    if not texts:
        raise GoldError("no gold articles (NAME.txt with NAME.json)", path=str(folder))
    return [read_gold_pair(texts[name], annotations[name]) for name in sorted(texts)]


def read_gold_pair(text_path: Path, json_path: Path) -> GoldArticle:
    """One annotated article from its two files."""
    text = _read(text_path)
    raw = _read(json_path)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise GoldError(f"invalid JSON: {error.msg} (column {error.colno})",
                        path=str(json_path), line=error.lineno) from None
    return _Reader(json_path, text_path.stem, text).article(data)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GoldError("not UTF-8 text", path=str(path)) from None
    except OSError as error:
        raise GoldError(f"cannot be read: {error.strerror}", path=str(path)) from None


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Checks one parsed JSON document against the gold format and builds the records."""

    def __init__(self, path: Path, name: str, text: str):
        self.path = path
        self.name = name
        self.text = text

    def fail(self, message: str) -> GoldError:
        return GoldError(message, path=str(self.path))

    # --- generic checks ---------------------------------------------------------------------

    def obj(self, value: Any, where: str, required: tuple[str, ...],
            optional: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where or 'the document'} must be an object, not {_kind(value)}")
        for key in required:
            if key not in value:
                raise self.fail(f"{_at(where, key)} is missing")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(f"{_at(where, key)} is not a gold field")
        return value

    def string(self, value: Any, where: str, *, null: bool = False,
               choices: tuple[str, ...] = ()) -> str | None:
        if value is None and null:
            return None
        if not isinstance(value, str) or not value.strip():
            what = "a non-empty string" + (" or null" if null else "")
            raise self.fail(f"{where} must be {what}, not {_kind(value)}")
        if choices and value not in choices:
            listed = ", ".join(choices)
            raise self.fail(f"{where} must be one of {listed}, not {json.dumps(value)}")
        return value

    def integer(self, value: Any, where: str, *, null: bool = False) -> int | None:
        if value is None and null:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            what = "a whole number >= 0" + (" or null" if null else "")
            raise self.fail(f"{where} must be {what}, not {_kind(value)}")
        return value

    def array(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{where} must be a list, not {_kind(value)}")
        return value

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        items = self.array(value, where)
        return tuple(self.string(v, f"{where}[{i}]") for i, v in enumerate(items))

    def kind(self, value: Any, where: str) -> str:
        return GOLD_KINDS[self.string(value, where, choices=tuple(GOLD_KINDS))]

    # --- the format -------------------------------------------------------------------------

    def article(self, data: Any) -> GoldArticle:
        doc = self.obj(data, "", ("id", "attacks", "weapon_counts", "statements"),
                       ("url", "outlet", "published", "persons", "organizations", "notes",
                        "derived_from", "text"))
        identifier = self.string(doc["id"], "id")
        if identifier != self.name:
            raise self.fail(f"id {json.dumps(identifier)} is not the file name "
                            f"{json.dumps(self.name)}")
        self.string(doc.get("outlet"), "outlet", null=True)
        published = self.string(doc.get("published"), "published", null=True)
        if published is not None:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
                raise self.fail("published must be a date YYYY-MM-DD or null, not "
                                f"{json.dumps(published)}")
            try:
                published_date = date.fromisoformat(published)
            except ValueError:
                raise self.fail(f"published is not a real date: {json.dumps(published)}") from None
        else:
            published_date = None
        attacks = tuple(self.attack(a, f"attacks[{i}]")
                        for i, a in enumerate(self.array(doc["attacks"], "attacks")))
        seen: dict[str, int] = {}
        for i, attack in enumerate(attacks):
            key = " ".join(attack.place.casefold().split())
            if key in seen:
                raise self.fail(f"attacks[{i}].place {json.dumps(attack.place)} is already "
                                f"attacks[{seen[key]}]")
            seen[key] = i
        counts = tuple(self.count(c, f"weapon_counts[{i}]")
                       for i, c in enumerate(self.array(doc["weapon_counts"], "weapon_counts")))
        statements = tuple(self.statement(s, f"statements[{i}]")
                           for i, s in enumerate(self.array(doc["statements"], "statements")))
        notes = doc.get("notes")
        if notes is not None and not isinstance(notes, str):
            raise self.fail(f"notes must be a string or null, not {_kind(notes)}")
        return GoldArticle(
            identifier=identifier,
            text=self.text,
            url=self.string(doc.get("url"), "url", null=True),
            published=published_date,
            attacks=attacks,
            weapon_counts=counts,
            statements=statements,
            persons=self.strings(doc.get("persons", []), "persons"),
            organizations=self.strings(doc.get("organizations", []), "organizations"),
            notes=notes,
            path=str(self.path),
        )

    def attack(self, data: Any, where: str) -> GoldAttack:
        item = self.obj(data, where, ("place", "weapons", "killed", "injured"),
                        ("alt_places", "place_type", "country", "attacker"))
        weapons = self.array(item["weapons"], f"{where}.weapons")
        return GoldAttack(
            place=self.string(item["place"], f"{where}.place"),
            alt_places=self.strings(item.get("alt_places", []), f"{where}.alt_places"),
            place_type=self.string(item.get("place_type"), f"{where}.place_type", null=True,
                                   choices=PLACE_TYPES),
            country=self.string(item.get("country"), f"{where}.country", null=True),
            attacker=self.string(item.get("attacker"), f"{where}.attacker", null=True),
            weapons=tuple(dict.fromkeys(self.kind(w, f"{where}.weapons[{i}]")
                                        for i, w in enumerate(weapons))),
            killed=self.integer(item["killed"], f"{where}.killed", null=True),
            injured=self.integer(item["injured"], f"{where}.injured", null=True),
        )

    def count(self, data: Any, where: str) -> GoldWeaponCount:
        item = self.obj(data, where, ("kind", "count"), ("qualifier",))
        return GoldWeaponCount(
            kind=self.kind(item["kind"], f"{where}.kind"),
            count=self.integer(item["count"], f"{where}.count"),
            qualifier=self.string(item.get("qualifier"), f"{where}.qualifier", null=True,
                                  choices=QUALIFIERS),
        )

    def statement(self, data: Any, where: str) -> GoldStatement:
        item = self.obj(data, where, ("speaker", "quote_start"), ("speaker_role", "channel"))
        quote_start = self.string(item["quote_start"], f"{where}.quote_start")
        if _squash(quote_start) not in _squash(self.text):
            raise self.fail(f"{where}.quote_start is not in {self.name}.txt: "
                            f"{json.dumps(quote_start, ensure_ascii=False)}")
        return GoldStatement(
            speaker=self.string(item["speaker"], f"{where}.speaker"),
            quote_start=quote_start,
            speaker_role=self.string(item.get("speaker_role"), f"{where}.speaker_role", null=True),
            channel=self.string(item.get("channel"), f"{where}.channel", null=True),
        )


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, list):
        return "a list"
    return "an object"
