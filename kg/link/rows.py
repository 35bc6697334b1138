"""Rows of the gazetteer under construction, and the naming helpers the build shares."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.link import wof
from kg.link.names import is_cyrillic, is_soviet, normalize, ukrainian_national

CURATED = Path(__file__).resolve().parent / "curated"


@dataclass
class Row:
    id: str
    kind: str
    label: str
    qid: str | None = None
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None
    population: int | None = None
    keys: dict[str, int] = field(default_factory=dict)  # key → tier (2 verified, 1, 0 former)

    def add(self, keys, tier: int) -> None:
        for key in keys:
            if key and self.keys.get(key, -1) < tier:
                self.keys[key] = tier

    def line(self) -> str:
        tiers = {t: "|".join(sorted(k for k, v in self.keys.items() if v == t)) for t in (2, 1, 0)}
        return "\t".join((
            self.id, self.kind, self.label, self.qid or "", self.geonames or "",
            coord(self.lat), coord(self.lon), self.parent or "",
            str(self.population) if self.population else "", tiers[2], tiers[1], tiers[0]))


def coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def slug(text: str) -> str:
    return "-".join(normalize(text).split())


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def to_float(text: str) -> float | None:
    return float(text) if text.strip() else None


def label_of(records: list[wof.Record], national_first: bool = False) -> str:
    """The English name of a WOF place: the spelling that romanizes a Ukrainian name the
    national way (what English Wikipedia uses), current names before Soviet ones. With
    ``national_first`` (a village known only by its GeoNames record, whose English name is
    often a Russian-style transliteration: "Staritsa" for Стариця), the national romanization
    of its Ukrainian name where no English spelling is one ("Starytsia")."""
    if len(records) > 1 and any(not r.borrowed for r in records):
        records = [r for r in records if not r.borrowed]
    best = records[0]
    national = {}
    for record in records:
        for text in record.uk:
            national.setdefault(normalize(ukrainian_national(text)), ukrainian_national(text))
    pool = []
    for record in records:
        for text, language in [(record.name, None)] + record.spellings:
            if not is_cyrillic(text) and text not in pool:
                pool.append(text)
    matched = [t for t in pool if normalize(t) in national]
    if matched:
        order = {t: i for i, t in enumerate(pool)}
        chosen = min(matched, key=lambda t: (is_soviet(t), t != best.name, -order[t]))
    elif national_first and (uk := [t for r in records for t in r.uk]):
        chosen = ukrainian_national(uk[0])
    elif not is_cyrillic(best.name):
        chosen = best.name
    else:
        chosen = ukrainian_national(best.name)
    if is_soviet(chosen):  # renamed since: Telmanove → Boikivske
        current = [t for r in records for t in r.uk if not is_soviet(t)]
        if current:
            chosen = ukrainian_national(current[0])
    return tidy(chosen)


def tidy(label: str) -> str:
    label = re.sub("['\u2019\u02bc\"`]", "", label).strip()
    return label[:1].upper() + label[1:]
