"""Who's On First records of Ukraine, read and cleaned for the gazetteer build.

The admin data carries three kinds of damage that would cost wrong links:

- wrong concordances: a village tagged with the Wikidata item of another place (WOF's
  "Artemivsk" carries the item of Kypuche in Luhansk Oblast), with the GeoNames id of a city
  (a record named "Lviv" 35 km from Lviv is the town of Mykolaiv), or with a city's population
  (a village of Lviv Oblast "has" the 498,748 people of the city of Mykolaiv). Such a value is
  found because the records that share it lie far apart; the group that agrees with the
  verified table, or else the one with current, populated records, keeps it and the others
  lose it, together with the names they took from it — unless those are all the names they
  have, in which case the place really bears that name (there are many Novoselytsias); such
  borrowed names then count only where no other record of the place names it.
- duplicates: one place in several records (old and current, with and without a QID);
  ``cluster`` joins records that share a QID, a GeoNames id, or a name within 5 km.
- junk names: Wikidata labels of unrelated items ("Black Sea Germans", "Lviv University",
  "List of cities of regional significance"), dropped by ``is_junk``; a locality carrying one
  loses its QID too, since the name came with it.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.link.names import is_cyrillic, keys_of, normalize, ukrainian_national

FAR_KM = 10.0  # records sharing an identifier further apart than this are different places
VERIFIED_KM = 20.0  # a record this far from the verified coordinates of its QID is another place
DUPLICATE_KM = 5.0  # same name, this close: the same place

_JUNK_WORDS = {
    "raion", "район", "района", "oblast", "область", "області", "university", "університет",
    "университет", "railway", "залізниця", "железная", "germans", "німці", "устрій", "деление",
    "адміністративний", "административно", "адміністративно", "голодомор", "holodomor",
    "zona", "зони", "відчуження", "список", "list",
}


def is_junk(spelling: str) -> bool:
    """A spelling that is no place name: too long, or made of administrative/topical words."""
    words = normalize(spelling).split()
    return not words or len(words) >= 4 or is_topical(spelling) or any(
        ch.isdigit() for ch in spelling)


def is_topical(spelling: str) -> bool:
    """A spelling that is the label of some other kind of item (a raion, a university, a list)."""
    return any(w in _JUNK_WORDS for w in normalize(spelling).split())


@dataclass
class Record:
    """One WOF row. ``spellings`` are (text, language) pairs: language "uk", "ru" or None."""

    wof: int
    placetype: str
    name: str
    spellings: list[tuple[str, str | None]]
    qid: str | None
    geonames: str | None
    lat: float
    lon: float
    region: str
    region_qid: str | None
    county: str
    population: int | None
    current: int
    uk: list[str] = field(default_factory=list)  # the Cyrillic Ukrainian names
    borrowed: frozenset[str] = frozenset()  # keys it shares with the owner of a lost identifier
    _keys: frozenset[str] | None = None
    _own: frozenset[str] | None = None

    def keys(self) -> frozenset[str]:
        if self._keys is None:
            out: set[str] = set()
            for text, language in self.spellings:
                out |= keys_of(text, language)
            self._keys = frozenset(out)
        return self._keys

    def drop_keys(self, shared: set[str]) -> bool:
        """Drop the spellings that yield any of ``shared``, unless nothing would be left (then
        remember them as borrowed: they name this record only if no other record of its place
        does). True if anything was dropped."""
        keep = [(t, lang) for t, lang in self.spellings if not keys_of(t, lang) & shared]
        if not keep:
            self.borrowed = self.borrowed | (self.keys() & shared)
            return False
        if len(keep) == len(self.spellings):
            return False
        self.spellings = keep
        self.uk = [t for t in self.uk if any(t == s for s, _ in keep)]
        if not any(self.name == t for t, _ in keep):
            latin = [t for t, _ in keep if not is_cyrillic(t)]
            self.name = latin[0] if latin else keep[0][0]
        self._keys = self._own = None
        return True

    @property
    def rank(self) -> tuple:
        """Sort key: the most trustworthy record of a cluster first."""
        return (self.current != 1, self.qid is None, self.population is None,
                self.geonames is None, self.current == 0, self.wof)


def read(path: Path) -> list[Record]:
    """The rows of ``ua_places_wof.tsv`` as records, junk spellings left out."""
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            spellings: list[tuple[str, str | None]] = []
            uk = []
            junk = False
            for column, language in (("names_en", None), ("names_uk", "uk"), ("names_ru", "ru")):
                for text in (row.get(column) or "").split(";"):
                    text = text.strip()
                    if text and is_topical(text):
                        junk = True
                    if not text or is_junk(text):
                        continue
                    lang = language if is_cyrillic(text) else None
                    if (text, lang) not in spellings:
                        spellings.append((text, lang))
                    if language == "uk" and lang == "uk":
                        uk.append(text)
            name = row["name"].strip()
            if name and not is_junk(name) and (name, None) not in spellings and \
                    not any(t == name for t, _ in spellings):
                spellings.insert(0, (name, "uk" if is_cyrillic(name) else None))
            if is_junk(name) and spellings:
                name = next((t for t, lang in spellings if lang is None), spellings[0][0])
            population = row.get("population") or ""
            qid = row.get("wikidata") or None
            if junk and row["placetype"] == "locality":
                qid = None  # the junk names came with the QID: it is another item's
            out.append(Record(
                wof=int(row["wof_id"]), placetype=row["placetype"], name=name,
                spellings=spellings, qid=qid,
                geonames=row.get("geonames") or None, lat=float(row["lat"] or 0),
                lon=float(row["lon"] or 0), region=row.get("region") or "",
                region_qid=row.get("region_wikidata") or None, county=row.get("county") or "",
                population=int(population) if population.isdigit() and int(population) > 0
                else None,
                current=int(row.get("is_current") or -1), uk=uk))
    return out


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a_lat, a_lon, b_lat, b_lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _groups_by_distance(records: list[Record], limit: float) -> list[list[Record]]:
    """Single-linkage groups of records no further than ``limit`` km apart."""
    groups: list[list[Record]] = []
    for record in sorted(records, key=lambda r: r.wof):
        near = [g for g in groups if any(km(r.lat, r.lon, record.lat, record.lon) <= limit
                                         for r in g)]
        merged = [record]
        for g in near:
            merged.extend(g)
            groups.remove(g)
        groups.append(sorted(merged, key=lambda r: r.wof))
    return sorted(groups, key=lambda g: g[0].wof)


def _group_rank(group: list[Record]) -> tuple[int, int, int]:
    return (sum(r.current == 1 for r in group), sum(r.population is not None for r in group),
            len(group))


def clean_identifiers(records: list[Record], verified: dict[str, tuple[float, float, set[str],
                                                                        str]]) -> dict[str, int]:
    """Strip wrong QIDs, GeoNames ids and populations (see the module docstring).
    ``verified`` maps a QID to (lat, lon, keys, kind) from the verified table. Returns counts
    of what was stripped."""
    stats = {"qid_far_from_verified": 0, "qid_conflict": 0, "geonames_conflict": 0,
             "population_conflict": 0, "names_dropped": 0}
    for record in records:
        if record.qid and record.qid in verified:
            lat, lon, keys, kind = verified[record.qid]
            if kind != "settlement" or (lat or lon) and km(lat, lon, record.lat,
                                                           record.lon) > VERIFIED_KM:
                record.qid = None
                stats["qid_far_from_verified"] += 1
                stats["names_dropped"] += record.drop_keys(set(keys))
    for attribute, stat in (("qid", "qid_conflict"), ("geonames", "geonames_conflict"),
                            ("population", "population_conflict")):
        by_value: dict = defaultdict(list)
        for record in records:
            value = getattr(record, attribute)
            if value and (attribute != "population" or value >= 5000):
                by_value[value].append(record)
        for value in sorted(by_value):
            group = by_value[value]
            if len(group) < 2:
                continue
            parts = _groups_by_distance(group, FAR_KM)
            if len(parts) < 2:
                continue
            if attribute != "qid":
                anchored = [p for p in parts if any(r.qid in verified for r in p if r.qid)]
            else:
                anchored = []
            ranked = sorted(parts, key=_group_rank, reverse=True)
            winner = anchored[0] if len(anchored) == 1 else (
                ranked[0] if _group_rank(ranked[0]) > _group_rank(ranked[1])
                and _group_rank(ranked[0])[0] > 0 else None)
            shared = set().union(*(r.keys() for r in winner)) if winner else set()
            for part in parts:
                if part is winner:
                    continue
                for record in part:
                    setattr(record, attribute, None)
                    stats[stat] += 1
                    if shared and attribute != "population":
                        stats["names_dropped"] += record.drop_keys(shared)
    return stats


class _Sets:
    """Union-find over record indices; a set holds at most one QID."""

    def __init__(self, records: list[Record]):
        self.parent = list(range(len(records)))
        self.qid = [r.qid for r in records]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if self.qid[a] and self.qid[b] and self.qid[a] != self.qid[b]:
            return False
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.qid[a] = self.qid[a] or self.qid[b]
        return True


def _name_keys(record: Record) -> frozenset[str]:
    """The keys of a record's own name and its Ukrainian names (not of its alternates)."""
    if record._own is None:
        out = {normalize(record.name)}
        for text in record.uk:
            out |= {normalize(text), normalize(ukrainian_national(text))}
        record._own = frozenset(out - {""})
    return record._own


def cluster(records: list[Record], anchors: list[tuple[str, float, float, set[str]]]
            ) -> tuple[list[list[Record]], dict[int, str]]:
    """Group records that describe one place. ``anchors`` are verified settlements (QID, lat,
    lon, keys): records with that QID, or with one of its names within ``VERIFIED_KM``, join it.
    Returns the clusters (each sorted best record first) and, per cluster index, the verified
    QID it was anchored to."""
    sets = _Sets(records)
    for attribute in ("qid", "geonames"):
        first: dict[str, int] = {}
        for i, record in enumerate(records):
            value = getattr(record, attribute)
            if value:
                if value in first:
                    sets.union(first[value], i)
                else:
                    first[value] = i
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        grid[(round(record.lat * 20), round(record.lon * 20))].append(i)
    for i, record in enumerate(records):
        cell = (round(record.lat * 20), round(record.lon * 20))
        mine = _name_keys(record)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for j in grid.get((cell[0] + dy, cell[1] + dx), ()):
                    if j <= i:
                        continue
                    other = records[j]
                    if mine & _name_keys(other) and km(record.lat, record.lon, other.lat,
                                                       other.lon) <= DUPLICATE_KM:
                        sets.union(i, j)
    anchored: list[tuple[int, str]] = []  # (a member, verified QID)
    by_qid = {}
    for i, record in enumerate(records):
        if record.qid:
            by_qid.setdefault(record.qid, i)
    by_key: dict[str, list[int]] = defaultdict(list)
    wanted = set().union(*(keys for _, _, _, keys in anchors)) if anchors else set()
    for i, record in enumerate(records):
        for key in record.keys() & wanted:
            by_key[key].append(i)
    for qid, lat, lon, keys in anchors:
        members = []
        if qid in by_qid:
            members.append(by_qid[qid])
        for i in sorted(set().union(*(by_key.get(k, ()) for k in keys))):
            record = records[i]
            if record.qid in (None, qid) and km(lat, lon, record.lat, record.lon) <= VERIFIED_KM:
                members.append(i)
        if not members:
            continue
        root = members[0]
        for i in members[1:]:
            sets.union(root, i)
        anchored.append((root, qid))
    roots = {sets.find(i): qid for i, qid in anchored}
    groups: dict[int, list[Record]] = defaultdict(list)
    for i, record in enumerate(records):
        groups[sets.find(i)].append(record)
    out, which = [], {}
    for root in sorted(groups, key=lambda r: min(x.wof for x in groups[r])):
        if root in roots:
            which[len(out)] = roots[root]
        out.append(sorted(groups[root], key=lambda r: r.rank))
    return out, which
