"""The event table: one CSV row per incident, in the columns ACLED-style tooling reads.

Columns (``EVENT_COLUMNS``, fixed by the contract): ``event_id`` (the incident IRI),
``event_date`` (YYYY-MM-DD, empty when undated), ``date_precision`` (day or night),
``event_type`` ("Explosions/Remote violence"), ``sub_event_type`` ("Air/drone strike" when a
report names a drone or a bomb, "Shelling/artillery/missile attack" for missiles, artillery and
rockets only), ``attacker``, ``country``, ``admin1`` (the oblast), ``admin2`` (the raion, when the
gazetteer gives one), ``location``, ``latitude``, ``longitude`` (of the place, else of its nearest
ancestor with coordinates), ``geo_precision`` (1 the place's own point, 2 an ancestor's point,
3 a region-level place), ``weapons``, ``fatalities``, ``injuries`` (the incident's figures),
``fatalities_low``/``_high``, ``injuries_low``/``_high``, ``sources`` (how many articles),
``source_urls`` (their URLs, else their identifiers), ``notes`` (the evidence sentence of the
latest report). Several values in one cell are joined with "; ". Rows are ordered by date
(undated last), then place, then IRI, so one store always gives one file.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import IO

from kg.geojson import _Facts, _locate, _point
from kg.vocab import (
    DCT_IDENTIFIER, DCT_ISSUED, DCT_SOURCE, GEO_AS_WKT, GEO_HAS_GEOMETRY, INCIDENT_GRAPH, KG,
    RDF_TYPE, WGS84_LAT, WGS84_LONG, weapon_iri,
)

EVENT_COLUMNS = (
    "event_id", "event_date", "date_precision", "event_type", "sub_event_type", "attacker",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "weapons", "fatalities", "injuries", "fatalities_low", "fatalities_high", "injuries_low",
    "injuries_high", "sources", "source_urls", "notes",
)
EVENT_TYPE = "Explosions/Remote violence"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
_AIR_KINDS = {weapon_iri(k).value for k in ("drone", "aerial-bomb", "glide-bomb")}
_SHELLING_KINDS = {weapon_iri(k).value for k in ("missile", "ballistic-missile",
                                                 "cruise-missile", "artillery", "rocket")}
SEPARATOR = "; "


def _one(values: dict, key: str) -> str:
    found = values.get(key)
    return found[0] if found else ""


def _sub_event(kinds: set[str]) -> str:
    if kinds & _AIR_KINDS:
        return AIR
    if kinds & _SHELLING_KINDS:
        return SHELLING
    return ""


def _incident_facts(store) -> dict[str, dict[str, list[str]]]:
    """property → incident → its sorted values, from the incident graph."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for quad in getattr(store, "raw", store).quads_for_pattern(None, None, None, INCIDENT_GRAPH):
        if quad.predicate != RDF_TYPE:
            found[quad.predicate.value][quad.subject.value].append(quad.object.value)
    for values in found.values():
        for items in values.values():
            items.sort()
    return found


def _first_sentences(store) -> dict[str, str]:
    """Each incident report's first evidence sentence, white space folded."""
    from kg.geojson import _query

    found: dict[str, tuple[int, str]] = {}
    text = (f"SELECT DISTINCT ?s ?start ?text WHERE {{ ?i {RDF_TYPE} {KG.Incident} ; "
            f"{KG.report} ?s . ?s {KG.evidence} ?e . ?e {KG.start} ?start ; {KG.text} ?text }}")
    for row in _query(store, text):
        try:
            start = int(row["start"].value)
        except ValueError:
            continue
        key = row["s"].value
        if key not in found or start < found[key][0]:
            found[key] = (start, " ".join(row["text"].value.split()))
    return {key: sentence for key, (_, sentence) in found.items()}


def event_rows(store) -> list[dict[str, str]]:
    """The incidents of ``store`` as rows of ``EVENT_COLUMNS`` (strings; empty where unknown)."""
    facts = _Facts(store)
    own = _incident_facts(store)  # the incident graph read once, not a query per property
    location, dates, precision, reports = (own[p.value] for p in (
        KG.location, KG.date, KG.datePrecision, KG.report))
    numbers = {name: own[getattr(KG, name).value]
               for name in ("killed", "injured", "killedLow", "killedHigh", "injuredLow",
                            "injuredHigh")}
    report_of = f"?i {RDF_TYPE} {KG.Incident} ; {KG.report} ?s ."
    article = facts.pairs(f"{report_of} ?s {KG.reportedIn} ?o")
    attackers = facts.pairs(f"{report_of} ?s {KG.attacker} ?o")
    weapons = facts.pairs(f"{report_of} ?s {KG.weapon} ?o")
    kinds = facts.pairs(f"{report_of} ?s {KG.weapon}/{KG.broader}* ?o")
    evidence = _first_sentences(store)
    issued = facts.pairs(f"?s {RDF_TYPE} {KG.Article} ; {DCT_ISSUED} ?o")
    urls = facts.pairs(f"?s {RDF_TYPE} {KG.Article} ; {DCT_SOURCE} ?o")
    identifiers = facts.pairs(f"?s {RDF_TYPE} {KG.Article} ; {DCT_IDENTIFIER} ?o")
    labels = facts.labels()
    parents = facts.pairs(f"?s {KG.partOf} ?o")
    regions = set(facts.pairs(f"?s {RDF_TYPE} {KG.Region} . BIND(1 AS ?o)"))
    countries = set(facts.pairs(f"?s {RDF_TYPE} {KG.Country} . BIND(1 AS ?o)"))
    lat = facts.pairs(f"?s {WGS84_LAT} ?o")
    lon = facts.pairs(f"?s {WGS84_LONG} ?o")
    wkt = facts.pairs(f"?s {GEO_HAS_GEOMETRY} ?g . ?g {GEO_AS_WKT} ?o")

    def chain(place: str) -> list[str]:
        out = [place]
        while parents.get(out[-1]) and parents[out[-1]][0] not in out:
            out.append(parents[out[-1]][0])
        return out

    rows = []
    for iri, places in location.items():
        place = places[0]
        nodes = chain(place)
        region_chain = [n for n in nodes if n in regions]
        country = next((n for n in nodes if n in countries), None)
        points = {}
        for node in nodes:
            point = _point(node, lat, lon, wkt)
            if point is not None:
                points[node] = point
        located = _locate(place, points, parents)
        if located is None:
            lon_text = lat_text = geo = ""
        else:
            source, (x, y) = located
            lon_text, lat_text = f"{x:g}", f"{y:g}"
            geo = "3" if place in regions else "1" if source == place else "2"
        attacks = reports.get(iri, [])
        articles = sorted({a for attack in attacks for a in article.get(attack, [])},
                          key=lambda a: (_one(issued, a), a))
        latest = max(attacks, key=lambda a: (_one(issued, _one(article, a)), a), default=None)
        found_kinds = {k for attack in attacks for k in kinds.get(attack, [])}
        rows.append({
            "event_id": iri,
            "event_date": _one(dates, iri),
            "date_precision": _one(precision, iri),
            "event_type": EVENT_TYPE,
            "sub_event_type": _sub_event(found_kinds),
            "attacker": SEPARATOR.join(sorted({labels.get(a, a) for attack in attacks
                                               for a in attackers.get(attack, [])})),
            "country": labels.get(country, "") if country else "",
            "admin1": labels.get(region_chain[-1], "") if region_chain else "",
            "admin2": labels.get(region_chain[-2], "") if len(region_chain) > 1 else "",
            "location": labels.get(place, place),
            "latitude": lat_text,
            "longitude": lon_text,
            "geo_precision": geo,
            "weapons": SEPARATOR.join(sorted({labels.get(w, w) for attack in attacks
                                              for w in weapons.get(attack, [])})),
            "fatalities": _one(numbers["killed"], iri),
            "injuries": _one(numbers["injured"], iri),
            "fatalities_low": _one(numbers["killedLow"], iri),
            "fatalities_high": _one(numbers["killedHigh"], iri),
            "injuries_low": _one(numbers["injuredLow"], iri),
            "injuries_high": _one(numbers["injuredHigh"], iri),
            "sources": str(len(articles)),
            "source_urls": SEPARATOR.join(_one(urls, a) or _one(identifiers, a)
                                          for a in articles),
            "notes": evidence.get(latest, "") if latest else "",
        })
    rows.sort(key=lambda r: (r["event_date"] == "", r["event_date"], r["location"],
                             r["event_id"]))
    return rows


def write_events(store, handle: IO) -> int:
    """Write the event table as UTF-8 CSV (RFC 4180, CRLF line ends) to a binary or text
    handle; return the number of rows."""
    rows = event_rows(store)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()
    if isinstance(handle, io.TextIOBase):
        handle.write(text)
    else:
        handle.write(text.encode("utf-8"))
    return len(rows)


__all__ = ["EVENT_COLUMNS", "event_rows", "write_events"]
