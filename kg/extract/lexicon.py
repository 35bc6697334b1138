"""The rule data of the extractors (``kg/data/cues.json``, ``kg/data/weapons.jsonl``), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache

from kg.errors import RuleDataError
from kg.records import Weapon
from kg.resources import data_dir

DATA = data_dir()


def read_cues(text: str, path: str) -> dict:
    """The cue lists of a JSON text, each list as a frozenset (phrases with "'" also with
    "’", as the keys of a table are); keys starting "_" are comments.
    A key written twice is a ``RuleDataError`` naming ``path``: the second list would silently
    replace the first, and every rule that reads it."""
    def unique(pairs: list[tuple[str, object]]) -> dict:
        data: dict = {}
        for key, value in pairs:
            if key in data:
                raise RuleDataError(f"duplicate cue list {key!r}", path=path)
            data[key] = value
        return data

    data = json.loads(text, object_pairs_hook=unique)
    return {key: (_with_curly_apostrophes(value) if isinstance(value, list) else
                  _keys_with_curly_apostrophes(value) if isinstance(value, dict) else value)
            for key, value in data.items() if not key.startswith("_")}


def _keys_with_curly_apostrophes(table: dict) -> dict:
    """The table, and each key written with "’" where it has "'" ("Ukraine’s capital")."""
    return {**table, **{key.replace("'", "\u2019"): value for key, value in table.items()
                        if "'" in key}}


def _with_curly_apostrophes(phrases: list) -> frozenset:
    """The phrases, and each one written with "’" where it has "'": news writes "since
    Moscow’s full-scale invasion" as often as "since Moscow's", and cues are matched as
    written."""
    return frozenset(phrases) | frozenset(
        p.replace("'", "\u2019") for p in phrases if isinstance(p, str) and "'" in p)


@lru_cache(maxsize=None)
def cues() -> dict:
    with open(DATA / "cues.json", encoding="utf-8") as handle:
        return read_cues(handle.read(), "kg/data/cues.json")


@lru_cache(maxsize=None)
def weapon_table() -> tuple[dict[str, Weapon], dict[str, list[str]]]:
    """Weapons by key, and each key's surface patterns. A Russian missile's "Kh-" is also
    written with its Cyrillic "Х", or the Latin letter that looks like it: "X-22" is the Kh-22."""
    weapons, patterns = {}, {}
    with open(DATA / "weapons.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                weapons[row["key"]] = Weapon(key=row["key"], label=row["label"],
                                             kind=row["kind"], qid=row.get("qid"))
                patterns[row["key"]] = row["patterns"] + [
                    letter + "-" + name[3:] for name in row["patterns"] if name.startswith("Kh-")
                    for letter in ("X", "\u0425")]
    return weapons, patterns


def weapon(key: str) -> Weapon:
    return weapon_table()[0][key]
