"""Attacks as GeoJSON (RFC 7946): one Point feature per attack, for QGIS, geojson.io and the like.

An attack's point is its place's coordinates (``wgs84:lat``/``wgs84:long``, else the WKT of its
``geo:hasGeometry``), or, when the place has none, those of its nearest ``kg:partOf`` ancestor
that has some (then ``approximate`` is true and ``coordinates_from`` names that ancestor). An
attack whose place and ancestors have no coordinates is kept with ``"geometry": null`` (RFC 7946,
section 3.2: an unlocated feature), ``approximate`` false and ``coordinates_from`` null: one
feature per attack.

Properties: ``attack`` (IRI), ``place`` (label), ``place_iri``, ``wikidata`` and ``geonames``
(the place's links or null), ``approximate``, ``coordinates_from``, ``date`` (YYYY-MM-DD or
null), ``killed``, ``injured`` (integers or null), ``weapons`` and ``attackers`` (sorted labels),
``article`` (identifier), ``article_title``, ``article_url``. Features are ordered by date (undated
last), then attack IRI, so the same store always gives the same file.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import defaultdict
from typing import IO

from kg.vocab import (
    DCT_IDENTIFIER, DCT_SOURCE, DCT_TITLE, GEO_AS_WKT, GEO_HAS_GEOMETRY, GEONAMES_NS, KG,
    OWL_SAME_AS, RDF_TYPE, RDFS_LABEL, WD_NS, WGS84_LAT, WGS84_LONG,
)

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"  # axis order latitude, longitude
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_WKT_POINT = re.compile(
    rf"\s*(?:<(?P<crs>[^>]*)>\s*)?POINT\s*(?:Z|M|ZM)?\s*\(\s*(?P<x>{_NUMBER})\s+(?P<y>{_NUMBER})"
    rf"(?:\s+{_NUMBER}){{0,2}}\s*\)\s*", re.IGNORECASE)


def _valid(lon: float, lat: float) -> tuple[float, float] | None:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        return None
    return lon, lat


def parse_wkt_point(text: str) -> tuple[float, float] | None:
    """``(lon, lat)`` of a GeoSPARQL WKT point, or None (not a point, unknown CRS, out of range).

    >>> parse_wkt_point("POINT(30.5166 50.4334)")
    (30.5166, 50.4334)
    >>> parse_wkt_point("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(50.4334 30.5166)")
    (30.5166, 50.4334)
    """
    match = _WKT_POINT.fullmatch(text)
    if match is None:
        return None
    x, y = float(match["x"]), float(match["y"])
    crs = (match["crs"] or CRS84).strip()
    if crs == CRS84:
        return _valid(x, y)
    if crs == EPSG4326:
        return _valid(y, x)
    return None


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _integer(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _query(store, text: str):
    """Rows of a query over the union of graphs, for a GraphStore or a pyoxigraph Store."""
    if hasattr(store, "raw"):
        return store.query(text)
    return store.query(text, use_default_graph_as_union=True)


class _Facts:
    """The few triples the features need, read with one query per property."""

    def __init__(self, store):
        self.store = store

    def pairs(self, pattern: str) -> dict[str, list[str]]:
        """``?s`` → sorted distinct values of ``?o`` for a pattern binding both."""
        out: dict[str, set[str]] = defaultdict(set)
        for row in _query(self.store, f"SELECT DISTINCT ?s ?o WHERE {{ {pattern} }}"):
            out[row["s"].value].add(row["o"].value)
        return {s: sorted(values) for s, values in out.items()}

    def labels(self) -> dict[str, str]:
        """One label per node: an untagged or English one first, then the least in order."""
        found: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for row in _query(self.store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s {RDFS_LABEL} ?o }}"):
            language = getattr(row["o"], "language", None)
            rank = 0 if not language else 1 if language.lower().startswith("en") else 2
            found[row["s"].value].append((rank, row["o"].value))
        return {s: min(values)[1] for s, values in found.items()}


def _point(place: str, lat: dict, lon: dict, wkt: dict) -> tuple[float, float] | None:
    for la in lat.get(place, []):
        for lo in lon.get(place, []):
            la_value, lo_value = _number(la), _number(lo)
            if la_value is not None and lo_value is not None:
                point = _valid(lo_value, la_value)
                if point is not None:
                    return point
    for text in wkt.get(place, []):
        point = parse_wkt_point(text)
        if point is not None:
            return point
    return None


def _named(nodes: list[str], labels: dict[str, str]) -> list[str]:
    """The sorted distinct labels of ``nodes`` (a node without a label is left out)."""
    return sorted({labels[node] for node in nodes if node in labels})


def _locate(place: str, points: dict, parents: dict) -> tuple[str, tuple[float, float]] | None:
    """The place itself or its nearest ancestor with a point (breadth first, cycles ignored)."""
    seen, frontier = {place}, [place]
    while frontier:
        for node in frontier:
            if node in points:
                return node, points[node]
        following = []
        for node in frontier:
            for parent in parents.get(node, []):
                if parent not in seen:
                    seen.add(parent)
                    following.append(parent)
        frontier = following
    return None


def attacks_geojson(store) -> dict:
    """A GeoJSON FeatureCollection of the store's attacks (see the module's description)."""
    facts = _Facts(store)
    attack = f"?s {RDF_TYPE} {KG.Attack} ."
    location = facts.pairs(f"{attack} ?s {KG.location} ?o")
    article = facts.pairs(f"{attack} ?s {KG.reportedIn} ?o")
    dates = facts.pairs(f"{attack} ?s {KG.date} ?o")
    killed = facts.pairs(f"{attack} ?s {KG.killed} ?o")
    injured = facts.pairs(f"{attack} ?s {KG.injured} ?o")
    weapons = facts.pairs(f"{attack} ?s {KG.weapon} ?o")
    attackers = facts.pairs(f"{attack} ?s {KG.attacker} ?o")
    identifiers = facts.pairs(f"?s {DCT_IDENTIFIER} ?o")
    titles = facts.pairs(f"?s {RDF_TYPE} {KG.Article} ; {DCT_TITLE} ?o")
    sources = facts.pairs(f"?s {RDF_TYPE} {KG.Article} ; {DCT_SOURCE} ?o")
    labels = facts.labels()
    links = facts.pairs(f"?s {RDF_TYPE} {KG.Location} ; {OWL_SAME_AS} ?o")
    parents = facts.pairs(f"?s {KG.partOf} ?o")
    lat = facts.pairs(f"?s {WGS84_LAT} ?o")
    lon = facts.pairs(f"?s {WGS84_LONG} ?o")
    wkt = facts.pairs(f"?s {GEO_HAS_GEOMETRY} ?g . ?g {GEO_AS_WKT} ?o")

    points = {}
    for place in set(lat) | set(wkt):
        point = _point(place, lat, lon, wkt)
        if point is not None:
            points[place] = point

    features = []
    for iri, places in location.items():
        place = places[0]
        located = _locate(place, points, parents)
        source, point = located if located is not None else (None, None)
        place_links = links.get(place, [])
        source_article = (article.get(iri) or [None])[0]
        integers = {key: [n for n in map(_integer, values.get(iri, [])) if n is not None]
                    for key, values in (("killed", killed), ("injured", injured))}
        properties = {
            "attack": iri,
            "place": labels.get(place),
            "place_iri": place,
            "wikidata": next((v for v in place_links if v.startswith(WD_NS)), None),
            "geonames": next((v for v in place_links if v.startswith(GEONAMES_NS)), None),
            "approximate": source is not None and source != place,
            "coordinates_from": source,
            "date": (dates.get(iri) or [None])[0],
            "killed": max(integers["killed"]) if integers["killed"] else None,
            "injured": max(integers["injured"]) if integers["injured"] else None,
            "weapons": _named(weapons.get(iri, []), labels),
            "attackers": _named(attackers.get(iri, []), labels),
            "article": (identifiers.get(source_article) or [None])[0] if source_article else None,
            "article_title": (titles.get(source_article) or [None])[0] if source_article else None,
            "article_url": (sources.get(source_article) or [None])[0] if source_article else None,
        }
        features.append({
            "type": "Feature",
            "id": iri,
            "geometry": {"type": "Point", "coordinates": list(point)} if point else None,
            "properties": properties,
        })
    features.sort(key=lambda f: (f["properties"]["date"] is None, f["properties"]["date"] or "",
                                 f["id"]))
    return {"type": "FeatureCollection", "features": features}


def write_geojson(store, handle: IO) -> int:
    """Write ``attacks_geojson(store)`` as UTF-8 JSON to a text or binary handle; return the
    number of features."""
    collection = attacks_geojson(store)
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    if isinstance(handle, io.TextIOBase):
        handle.write(text)
    else:
        try:
            handle.write(text.encode("utf-8"))
        except TypeError:  # a text stream that is no io.TextIOBase
            handle.write(text)
    return len(collection["features"])


__all__ = ["attacks_geojson", "write_geojson", "parse_wkt_point"]
