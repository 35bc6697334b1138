"""Build the bundled gazetteer from the reference tables.

    python -m kg.link.build_gazetteer --reference DIR [--out kg/data]

Reads ``wikidata_verified.tsv`` (entities whose Wikidata item was checked) and
``ua_places_wof.tsv`` (Who's On First admin data of Ukraine) from DIR, plus the two small curated
tables beside this module (``curated/districts.tsv``: the districts of Kyiv and Kharkiv;
``curated/renames.tsv``: towns renamed after the WOF snapshot), and writes

- ``places.tsv.gz`` — one place a line: id, kind, label, QID, GeoNames id, lat, lon, parent id,
  population, and three columns of lookup keys (``kg.link.names.normalize`` forms): names the
  verified table confirms, other current names, former names;
- ``actors.tsv`` — the verified persons, organizations and countries.

The verified table wins wherever the two disagree. Output is sorted and gzip carries no time
stamp, so a rebuild from the same input is byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.link import wof
from kg.link.gazetteer import ACTORS_FILE, ACTORS_HEADER, PLACES_FILE, PLACES_HEADER
from kg.link.names import is_cyrillic, is_soviet, keys_of, normalize, ukrainian_national

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"
UKRAINE = "Q212"
CRIMEA_PENINSULA, CRIMEA_AR = "Q7835", "Q756294"
KIND_ORDER = {"country": 0, "region": 1, "raion": 2, "settlement": 3, "district": 4}
_SUFFIXES = (" oblast", " region", " krai", " province", " oblast'")


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
            _coord(self.lat), _coord(self.lon), self.parent or "",
            str(self.population) if self.population else "", tiers[2], tiers[1], tiers[0]))


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def _slug(text: str) -> str:
    return "-".join(normalize(text).split())


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


# --- the verified table ---------------------------------------------------------------------

def verified_rows(path: Path) -> tuple[dict[str, Row], list[tuple[str, str, str, set[str]]]]:
    """Places of the verified table (by QID) and its actors as (kind, qid, name, keys)."""
    places: dict[str, Row] = {}
    actors = []
    for rec in _tsv(path):
        qid, kind, label = rec["qid"], rec["kind"], rec["label_en"]
        keys = keys_of(label)
        for alias in rec["aliases"].split(";"):
            if alias.strip():
                keys |= keys_of(alias.strip())
        if kind in ("person", "organization"):
            words = label.split()
            if kind == "person" and len(words) >= 2 and len(words[-1]) >= 4:
                keys |= keys_of(words[-1])  # "Zelenskyy", "Putin"
            actors.append((kind, qid, label, keys))
            continue
        if kind == "other":
            if qid != CRIMEA_PENINSULA:
                continue  # rivers are no places of attack
            kind = "region"
        row = Row(qid, kind, label, qid=qid, lat=_float(rec["lat"]), lon=_float(rec["lon"]),
                  parent=rec["parent_qid"] or None)
        if qid == CRIMEA_PENINSULA:
            row.parent = UKRAINE
        row.add(keys, 2)
        if kind == "region":
            row.add(_bare(keys), 2)
        places[qid] = row
        if kind == "country":
            actors.append(("country", qid, label, keys))
    return places, actors


def _bare(keys) -> set[str]:
    """``kharkiv oblast`` → ``kharkiv``; ``харківська область`` → ``харківська``."""
    out = set()
    for key in keys:
        for suffix in _SUFFIXES + (" область", " край"):
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                out.add(key[: -len(suffix)])
    return out


# --- settlements from WOF --------------------------------------------------------------------

def _label(records: list[wof.Record]) -> str:
    """The English name of a WOF place: the spelling that romanizes a Ukrainian name the
    national way (what English Wikipedia uses), current names before Soviet ones."""
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
    elif not is_cyrillic(best.name):
        chosen = best.name
    else:
        chosen = ukrainian_national(best.name)
    if is_soviet(chosen):  # renamed since: Telmanove → Boikivske
        current = [t for r in records for t in r.uk if not is_soviet(t)]
        if current:
            chosen = ukrainian_national(current[0])
    return _tidy(chosen)


def _tidy(label: str) -> str:
    label = re.sub("['\u2019\u02bc\"`]", "", label).strip()
    return label[:1].upper() + label[1:]


def settlement_rows(records: list[wof.Record], verified: dict[str, Row],
                    region_of: dict[str, str], raions: dict[tuple[str, str], Row],
                    stats: Counter, row_of: dict[int, Row]) -> list[Row]:
    """One row per place of the WOF localities (``row_of`` gets each record's row)."""
    anchors = [(q, r.lat, r.lon, {k for k, t in r.keys.items() if t == 2})
               for q, r in sorted(verified.items())
               if r.kind == "settlement" and r.lat is not None and _in_ukraine(r, verified)]
    clusters, anchored = wof.cluster(records, anchors)
    rows, used_ids = [], set()
    for index, cluster in enumerate(clusters):
        best = cluster[0]
        qid = anchored.get(index) or next((r.qid for r in cluster if r.qid), None)
        geonames = best.geonames or next((r.geonames for r in cluster if r.geonames), None)
        if qid in verified:
            row = verified[qid]
            stats["verified_matched"] += 1
        elif qid or geonames:
            row = Row(qid or f"gn{geonames}", "settlement", _label(cluster), qid=qid,
                      lat=best.lat, lon=best.lon)
        else:
            stats["dropped_no_identifier"] += 1
            continue
        if row.id in used_ids:
            stats["dropped_duplicate_id"] += 1
            continue
        used_ids.add(row.id)
        for record in cluster:
            row_of[record.wof] = row
        row.geonames = row.geonames or geonames
        row.population = row.population or best.population or max(
            (r.population or 0 for r in cluster), default=0) or None
        label_soviet = is_soviet(row.label)
        for record in cluster:
            skip = record.borrowed if len(cluster) > 1 else frozenset()
            for text, language in record.spellings + [(record.name, None)]:
                former = is_soviet(text) and not label_soviet
                row.add(keys_of(text, language) - skip, 0 if former else 1)
        row.add(keys_of(row.label), 1)
        if row.parent is None or row.qid not in verified:
            oblast = region_of.get(best.region_qid or "")
            raion = raions.get((oblast or "", _slug(best.county)))
            row.parent = raion.id if raion else oblast
        elif row.parent != UKRAINE:
            raion = raions.get((row.parent, _slug(best.county)))
            if raion is not None:
                row.parent = raion.id
        rows.append(row)
    return rows


def _in_ukraine(row: Row, places: dict[str, Row]) -> bool:
    node, seen = row, set()
    while node is not None and node.id not in seen:
        if node.id == UKRAINE:
            return True
        seen.add(node.id)
        node = places.get(node.parent or "")
    return False


def _assign_missing_oblasts(rows: list[Row], oblast_ids: set[str],
                            raion_parent: dict[str, str], stats: Counter) -> None:
    """A settlement WOF leaves without a region gets the one its five nearest neighbours
    (within 25 km) all share."""
    def oblast(row):
        return raion_parent.get(row.parent or "", row.parent)
    grid = defaultdict(list)
    for row in rows:
        if oblast(row) in oblast_ids:
            grid[(int(row.lat * 4), int(row.lon * 4))].append(row)
    for row in rows:
        if row.parent is not None:
            continue
        cell = (int(row.lat * 4), int(row.lon * 4))
        near = sorted(((wof.km(row.lat, row.lon, o.lat, o.lon), o.id, oblast(o))
                       for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                       for o in grid.get((cell[0] + dy, cell[1] + dx), ())))[:5]
        found = {o for d, _, o in near if d <= 25}
        if len(near) == 5 and all(d <= 25 for d, _, _ in near) and len(found) == 1:
            row.parent = found.pop()
            stats["oblast_from_neighbours"] += 1
        else:
            row.parent = UKRAINE
            stats["oblast_unknown"] += 1


# --- raions and city districts ---------------------------------------------------------------

_RAION = re.compile(r"(k|n)(yi|yy|iy|yj)$")


def raion_rows(records: list[wof.Record], region_of: dict[str, str],
               oblast_labels: dict[str, str]) -> dict[tuple[str, str], Row]:
    """The raions (before the 2020 reform, as WOF has them), keyed by (oblast QID, slug of the
    name localities give in their ``county`` field)."""
    members: dict[tuple[str, str], list[wof.Record]] = defaultdict(list)
    for record in records:
        oblast = region_of.get(record.region_qid or "")
        key = _slug(record.county)
        if oblast and key and _RAION.search(key.replace("-", "")):
            members[(oblast, key)].append(record)
    out = {}
    for (oblast, key), group in sorted(members.items()):
        counties = sorted((r for r in group if r.placetype == "county"), key=lambda r: r.rank)
        adjective = _tidy(counties[0].county if counties else group[0].county)
        row = Row("", "raion", adjective + " Raion", parent=oblast)
        if counties:
            row.lat, row.lon = counties[0].lat, counties[0].lon
            row.population = counties[0].population
            for record in counties:
                for text, language in record.spellings:
                    if normalize(text) != normalize(record.county) and not _RAION.search(
                            normalize(text).replace(" ", "")):
                        continue  # county records also carry their town's or junk names
                    row.add(keys_of(text, language), 1)
        row.add(keys_of(adjective), 1)
        for suffix in (" raion", " district"):
            row.add({k + suffix for k in keys_of(adjective)}, 1)
        out[(oblast, key)] = row
    return out


def _name_raions(raions: dict[tuple[str, str], Row], settlements: list[Row]) -> None:
    """Label a raion after its town where one of that name lies within 40 km of it
    (Chuhuivskyi → Chuhuiv Raion) and let "Chuhuiv district" find it; then give ids."""
    by_oblast = defaultdict(dict)
    for row in settlements:
        for key, tier in row.keys.items():
            if tier >= 1:
                by_oblast[row.parent].setdefault(key, []).append(row)
    parents = {r.id: r.parent for r in raions.values()}
    for (oblast, key), raion in sorted(raions.items()):
        adjective = normalize(raion.label[: -len(" Raion")]).replace(" ", "-")
        stem = re.sub(r"s?k(yi|yy|iy|yj)$", "", adjective)
        guesses = [stem, stem + "sk", stem + "ske", re.sub("iv$", "ove", stem),
                   re.sub("iv$", "ivka", stem), stem + "a", stem + "e"]
        town = None
        for guess in guesses:
            for row in _towns(by_oblast, oblast, parents, guess.replace("-", " ")):
                if raion.lat is not None and wof.km(raion.lat, raion.lon, row.lat,
                                                    row.lon) <= 40:
                    town = row
                    break
            if town:
                break
        if town is not None:
            raion.label = town.label + " Raion"
            for suffix in (" raion", " district"):
                raion.add({normalize(town.label) + suffix}, 1)
        raion.id = f"name:{_slug(raion.label)}@{oblast}"


def _towns(by_oblast, oblast, parents, key):
    found = list(by_oblast.get(oblast, {}).get(key, []))
    for raion_id, parent in parents.items():
        if parent == oblast:
            found += by_oblast.get(raion_id, {}).get(key, [])
    return sorted(found, key=lambda r: -(r.population or 0))


def district_rows(records: list[wof.Record], settlements: list[Row], by_id: dict[str, Row],
                  row_of: dict[int, Row], stats: Counter) -> list[Row]:
    """City districts: the curated ones of Kyiv and Kharkiv (merged with WOF neighbourhoods of
    the same name for coordinates) and the other WOF neighbourhoods, each under its city."""
    settlement_qids = {r.qid for r in settlements if r.qid}
    big = [r for r in settlements if (r.population or 0) >= 10000 and r.lat is not None]
    county_city: dict[tuple, wof.Record] = {}
    for record in records:
        if record.placetype == "locality" and record.county and (record.population or 0) >= 10000:
            key = (record.region_qid, _slug(record.county))
            if key not in county_city or county_city[key].population < record.population:
                county_city[key] = record
    hoods = []
    for record in sorted((r for r in records if r.placetype == "neighbourhood"),
                         key=lambda r: r.rank):
        if not record.region or record.qid in settlement_qids:
            stats["district_dropped"] += 1
            continue
        city = None
        anchor = county_city.get((record.region_qid, _slug(record.county)))
        if anchor is not None and anchor.wof in row_of:
            city = row_of[anchor.wof]  # the city whose council the county is
        if city is None and big:
            near = min(big, key=lambda r: wof.km(r.lat, r.lon, record.lat, record.lon))
            if wof.km(near.lat, near.lon, record.lat, record.lon) <= 15:
                city = near
        if city is None:
            stats["district_dropped"] += 1
            continue
        own = keys_of(record.name)
        record.spellings = [(t, lang) for t, lang in record.spellings
                            if any(k[:3] == o[:3] for k in keys_of(t, lang) for o in own)]
        hoods.append((city.id, record))
    rows = []
    merged = set()
    for cur in _tsv(CURATED / "districts.tsv"):
        row = Row("", "district", cur["label"], parent=cur["city"])
        for text, language in ((cur["label"], None), (cur["uk"], "uk"), (cur["ru"], "ru")):
            row.add(keys_of(text, language), 1)
        for text in cur["en"].split(";"):
            if text.strip():
                row.add(keys_of(text.strip()), 1)
        uk = normalize(cur["uk"])
        for city, record in hoods:
            if city == cur["city"] and uk in {normalize(t) for t in record.uk} and \
                    record.wof not in merged:
                merged.add(record.wof)
                row.lat, row.lon = row.lat or record.lat, row.lon or record.lon
                for text, language in record.spellings:
                    row.add(keys_of(text, language), 1)
        row.id = f"name:{_slug(row.label)}@{row.parent}"
        rows.append(row)
    for city, record in hoods:
        if record.wof in merged:
            continue
        label = _label([record])
        row = Row("", "district", label, geonames=record.geonames, lat=record.lat,
                  lon=record.lon, parent=city)
        for text, language in record.spellings + [(record.name, None)]:
            row.add(keys_of(text, language), 1)
        row.id = f"gn{record.geonames}" if record.geonames else f"name:{_slug(label)}@{city}"
        rows.append(row)
    seen, out = set(), []
    for row in rows:
        if row.id in seen or row.id in by_id:
            stats["district_dropped"] += 1
            continue
        seen.add(row.id)
        out.append(row)
    return out


# --- assembling ------------------------------------------------------------------------------

def _region_rows(records: list[wof.Record], verified: dict[str, Row]) -> dict[str, str]:
    """Map WOF region QIDs to verified oblasts; take population and extra names from WOF."""
    region_of = {q: q for q, r in verified.items() if r.kind == "region"}
    region_of[CRIMEA_PENINSULA] = CRIMEA_AR
    owners: dict[str, set[str]] = defaultdict(set)
    for qid, row in verified.items():
        for key, tier in row.keys.items():
            if tier == 2:
                owners[key].add(qid)
    for record in records:
        if record.placetype == "country" and record.qid == UKRAINE:
            verified[UKRAINE].population = record.population
        if record.placetype != "region" or record.qid not in region_of:
            continue
        row = verified[region_of[record.qid]]
        row.population = row.population or record.population
        if row.id == CRIMEA_AR:
            continue  # its WOF names are the peninsula's and Russia's republic's
        mine = [k for k, t in row.keys.items() if t == 2]
        for text, language in record.spellings:
            for key in keys_of(text, language):
                if owners.get(key, {row.id}) != {row.id}:
                    continue
                if any(key[:4] == k[:4] for k in mine):
                    row.add({key}, 1)
                    row.add(_bare({key}), 1)
    return region_of


def _apply_renames(rows: list[Row], raion_parent: dict[str, str]) -> int:
    renames = {(r["oblast"], normalize(r["old"])): r["new"]
               for r in _tsv(CURATED / "renames.tsv")}
    done = 0
    for row in rows:
        oblast = raion_parent.get(row.parent or "", row.parent)
        new = renames.get((oblast, normalize(row.label)))
        if new and row.keys.get(normalize(row.label)) != 2:
            row.add(keys_of(new), 1)
            row.label = new
            done += 1
    # a renamed town's new name, met as an alternate name elsewhere, was borrowed from it
    new_names = {normalize(new): oblast for (oblast, _), new in renames.items()}
    for row in rows:
        oblast = raion_parent.get(row.parent or "", row.parent)
        for key, home in new_names.items():
            if key in row.keys and home != oblast and normalize(row.label) != key:
                del row.keys[key]
    return done


def build(reference: Path) -> tuple[list[Row], list[tuple[str, str, str, str, set[str]]], Counter]:
    """All places and actors, sorted; with counts of what the cleaning did."""
    stats: Counter = Counter()
    verified, verified_actors = verified_rows(reference / "wikidata_verified.tsv")
    records = wof.read(reference / "ua_places_wof.tsv")
    anchor_info = {q: (r.lat or 0.0, r.lon or 0.0, {k for k, t in r.keys.items() if t == 2},
                       r.kind) for q, r in verified.items()}
    localities = [r for r in records if r.placetype == "locality"]
    stats.update(wof.clean_identifiers(localities, anchor_info))
    region_of = _region_rows(records, verified)
    raions = raion_rows([r for r in records if r.placetype in ("county", "locality")],
                        region_of, {})
    for (oblast, key), raion in raions.items():
        raion.id = f"@raion:{oblast}:{key}"  # provisional until named after its town
    named = [r for r in localities if r.spellings]
    stats["dropped_without_names"] = len(localities) - len(named)
    row_of: dict[int, Row] = {}
    settlements = settlement_rows(named, verified, region_of, raions, stats, row_of)
    raion_parent = {r.id: r.parent for r in raions.values()}
    oblast_ids = {q for q, r in verified.items() if r.kind == "region" and r.parent == UKRAINE}
    _assign_missing_oblasts(settlements, oblast_ids, raion_parent, stats)
    _name_raions(raions, settlements)
    final = {f"@raion:{oblast}:{key}": raion.id for (oblast, key), raion in raions.items()}
    for row in settlements:
        row.parent = final.get(row.parent or "", row.parent)
    raion_parent = {r.id: r.parent for r in raions.values()}
    stats["renamed"] = _apply_renames(settlements, raion_parent)
    rows: dict[str, Row] = {}
    for row in list(verified.values()) + settlements + list(raions.values()):
        rows.setdefault(row.id, row)
    for row in district_rows(records, settlements, rows, row_of, stats):
        rows[row.id] = row
    for row in rows.values():
        if row.parent is not None and row.parent not in rows:
            stats["parent_missing"] += 1
            row.parent = UKRAINE if row.kind != "country" else None
    ordered = sorted(rows.values(), key=lambda r: (KIND_ORDER[r.kind], r.id))
    actors = sorted(((kind, qid, name, qid if kind == "country" else "", keys)
                     for kind, qid, name, keys in verified_actors),
                    key=lambda a: (a[0], a[1]))
    return ordered, actors, stats


def write(rows: list[Row], actors, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = PLACES_HEADER + "\n" + "".join(row.line() + "\n" for row in rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    (out / PLACES_FILE).write_bytes(buffer.getvalue())
    lines = [ACTORS_HEADER]
    for kind, qid, name, place, keys in actors:
        lines.append("\t".join((kind, qid, name, place, "|".join(sorted(keys)))))
    (out / ACTORS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.link.build_gazetteer",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", required=True, type=Path,
                        help="folder with wikidata_verified.tsv and ua_places_wof.tsv")
    parser.add_argument("--out", type=Path, default=HERE.parent / "data",
                        help="where to write places.tsv.gz and actors.tsv (default: kg/data)")
    args = parser.parse_args(argv)
    for name in ("wikidata_verified.tsv", "ua_places_wof.tsv"):
        if not (args.reference / name).is_file():
            print(f"error: {args.reference / name}: not found", file=sys.stderr)
            return 2
    rows, actors, stats = build(args.reference)
    write(rows, actors, args.out)
    kinds = Counter(row.kind for row in rows)
    print(" ".join(f"{k}={kinds[k]}" for k in KIND_ORDER) + f" actors={len(actors)}",
          file=sys.stderr)
    print(" ".join(f"{k}={v}" for k, v in sorted(stats.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
