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
import gzip
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.link import neighbours, wof
from kg.link.gazetteer import ACTORS_FILE, ACTORS_HEADER, PLACES_FILE, PLACES_HEADER
from kg.link.names import is_soviet, keys_of, normalize
from kg.link.rows import CURATED, Row, label_of, read_tsv, slug, to_float
from kg.link.subdivisions import district_rows, name_raions, raion_rows

HERE = Path(__file__).resolve().parent
UKRAINE = "Q212"
CRIMEA_PENINSULA, CRIMEA_AR = "Q7835", "Q756294"
KIND_ORDER = {"country": 0, "region": 1, "raion": 2, "settlement": 3, "district": 4}
_SUFFIXES = (" oblast", " region", " krai", " province")


# --- the verified table ---------------------------------------------------------------------

def verified_rows(path: Path) -> tuple[dict[str, Row], list[tuple[str, str, str, set[str]]]]:
    """Places of the verified table (by QID) and its actors as (kind, qid, name, keys)."""
    places: dict[str, Row] = {}
    actors = []
    for rec in read_tsv(path):
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
        row = Row(qid, kind, label, qid=qid, lat=to_float(rec["lat"]), lon=to_float(rec["lon"]),
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
            row = Row(qid or f"gn{geonames}", "settlement", label_of(cluster, not qid), qid=qid,
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
            raion = raions.get((oblast or "", slug(best.county)))
            row.parent = raion.id if raion else oblast
        elif row.parent != UKRAINE:
            raion = raions.get((row.parent, slug(best.county)))
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
               for r in read_tsv(CURATED / "renames.tsv")}
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
                        region_of)
    for (oblast, key), raion in raions.items():
        raion.id = f"@raion:{oblast}:{key}"  # provisional until named after its town
    named = [r for r in localities if r.spellings]
    stats["dropped_without_names"] = len(localities) - len(named)
    row_of: dict[int, Row] = {}
    settlements = settlement_rows(named, verified, region_of, raions, stats, row_of)
    raion_parent = {r.id: r.parent for r in raions.values()}
    oblast_ids = {q for q, r in verified.items() if r.kind == "region" and r.parent == UKRAINE}
    _assign_missing_oblasts(settlements, oblast_ids, raion_parent, stats)
    name_raions(raions, settlements)
    final = {f"@raion:{oblast}:{key}": raion.id for (oblast, key), raion in raions.items()}
    for row in settlements:
        row.parent = final.get(row.parent or "", row.parent)
    raion_parent = {r.id: r.parent for r in raions.values()}
    stats["renamed"] = _apply_renames(settlements, raion_parent)
    foreign = neighbours.neighbour_rows(verified, stats)
    rows: dict[str, Row] = {}
    for row in list(verified.values()) + settlements + list(raions.values()) + foreign:
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
    try:
        rows, actors, stats = build(args.reference)
    except neighbours.MissingSource as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    write(rows, actors, args.out)
    kinds = Counter(row.kind for row in rows)
    print(" ".join(f"{k}={kinds[k]}" for k in KIND_ORDER) + f" actors={len(actors)}",
          file=sys.stderr)
    print(" ".join(f"{k}={v}" for k, v in sorted(stats.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
