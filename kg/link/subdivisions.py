"""Raions (as Who's On First has them, before the 2020 reform) and city districts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.link import wof
from kg.link.names import keys_of, normalize
from kg.link.rows import CURATED, Row, label_of, read_tsv, slug, tidy

_RAION = re.compile(r"(k|n)(yi|yy|iy|yj)$")


def raion_rows(records: list[wof.Record], region_of: dict[str, str]
               ) -> dict[tuple[str, str], Row]:
    """The raions (before the 2020 reform, as WOF has them), keyed by (oblast QID, slug of the
    name localities give in their ``county`` field)."""
    members: dict[tuple[str, str], list[wof.Record]] = defaultdict(list)
    for record in records:
        oblast = region_of.get(record.region_qid or "")
        key = slug(record.county)
        if oblast and key and _RAION.search(key.replace("-", "")):
            members[(oblast, key)].append(record)
    out = {}
    for (oblast, key), group in sorted(members.items()):
        counties = sorted((r for r in group if r.placetype == "county"), key=lambda r: r.rank)
        adjective = tidy(counties[0].county if counties else group[0].county)
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


def name_raions(raions: dict[tuple[str, str], Row], settlements: list[Row]) -> None:
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
                   re.sub("iv$", "ivka", stem), stem + "a", stem + "e",
                   # Polohivskyi → Polohy, Brovarskyi → Brovary, Bilopilskyi → Bilopillia,
                   # Bashtanskyi → Bashtanka, Bakhmatskyi → Bakhmach, Cherkaskyi → Cherkasy
                   re.sub("iv$", "y", stem), re.sub("iv$", "i", stem), stem + "y", stem + "i",
                   stem + "ia", stem + "lia", stem + "ka", re.sub("ts$", "ch", stem),
                   stem + "sy",
                   # Drohobytskyi → Drohobych, Tokmatskyi → Tokmak, Kremenchutskyi → Kremenchuk,
                   # Prylutskyi → Pryluky, Rivnenskyi → Rivne, Lubenskyi → Lubny,
                   # Trostianetskyi → Trostianets, Vinnytskyi → Vinnytsia, Huliaipilskyi →
                   # Huliaipole, Volnovaskyi → Volnovakha, Kaluskyi → Kalush
                   re.sub("t$", "ch", stem), re.sub("t$", "k", stem), re.sub("t$", "ky", stem),
                   re.sub("en$", "e", stem), re.sub("en$", "ny", stem), re.sub("en$", "y", stem),
                   re.sub("et$", "ets", stem), stem + "sia", re.sub("il$", "ole", stem),
                   stem + "kha", stem + "sh"]
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
            adjective = _town_adjective(normalize(town.label))
            if adjective:  # a raion renamed after WOF's data: Krasnoarmiiskyi → Pokrovskyi
                raion.add(keys_of(adjective), 1)
            for suffix in (" raion", " district"):
                raion.add({normalize(town.label) + suffix}, 1)
                if adjective:
                    raion.add({k + suffix for k in keys_of(adjective)}, 1)
        raion.id = f"name:{slug(raion.label)}@{oblast}"


def _town_adjective(town: str) -> str | None:
    """The raion adjective a town's name makes (Pokrovsk → pokrovskyi, Bakhmut → bakhmutskyi,
    Vasylivka → vasylivskyi), where it is regular; None for the irregular ones (Polohy)."""
    if " " in town or "-" in town:
        return None
    if town.endswith("sk"):
        return town + "yi"
    if town.endswith("ske"):
        return town[:-1] + "yi"
    if town.endswith("ivka"):
        return town[:-2] + "skyi"
    if town.endswith("ts"):
        return town + "kyi"  # Trostianets → trostianetskyi
    if town[-1] not in "aeiouy" and not town.endswith(("k", "ch", "sh", "zh", "h")):
        return town + "skyi"  # not Tokmak → Tokmatskyi, Kalush → Kaluskyi: irregular
    return None


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
            key = (record.region_qid, slug(record.county))
            if key not in county_city or county_city[key].population < record.population:
                county_city[key] = record
    hoods = []
    for record in sorted((r for r in records if r.placetype == "neighbourhood"),
                         key=lambda r: r.rank):
        if not record.region or record.qid in settlement_qids:
            stats["district_dropped"] += 1
            continue
        city = None
        anchor = county_city.get((record.region_qid, slug(record.county)))
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
    for cur in read_tsv(CURATED / "districts.tsv"):
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
        row.id = f"name:{slug(row.label)}@{row.parent}"
        rows.append(row)
    for city, record in hoods:
        if record.wof in merged:
            continue
        label = label_of([record])
        row = Row("", "district", label, geonames=record.geonames, lat=record.lat,
                  lon=record.lon, parent=city)
        for text, language in record.spellings + [(record.name, None)]:
            row.add(keys_of(text, language), 1)
        row.id = f"gn{record.geonames}" if record.geonames else f"name:{slug(label)}@{city}"
        rows.append(row)
    seen, out = set(), []
    for row in rows:
        if row.id in seen or row.id in by_id:
            stats["district_dropped"] += 1
            continue
        seen.add(row.id)
        out.append(row)
    return out
