"""Geography out: attacks as GeoJSON, and the online-only query joining our places with Wikidata.

The GeoJSON is checked the way QGIS and geojson.io read it (RFC 7946): a FeatureCollection of
Features with Point geometries, [longitude, latitude] in range, plain JSON numbers, no NaN.
The online query is never sent to Wikidata: it is parsed by rdflib with sockets refused, and run
by pyoxigraph against a local stand-in for the Wikidata Query Service.
"""

from __future__ import annotations

import io
import json
import math
import socket
import urllib.parse
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import serve_locally
from pyoxigraph import RdfFormat

from kg.geojson import attacks_geojson, parse_wkt_point, write_geojson
from kg.queries import QUERY_DIR, load_query
from kg.store import GraphStore

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
ID = "https://w3id.org/strikegraph/id/"
WDQS = "https://query.wikidata.org/sparql"
ONLINE_QUERY = QUERY_DIR / "wikidata-places-enriched.rq"

PREFIXES = """
@prefix kg: <https://w3id.org/strikegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@base <https://w3id.org/strikegraph/id/> .
"""


@pytest.fixture(autouse=True)
def _offline(no_network):
    """Python code may connect to 127.0.0.1 only (see conftest)."""


def sample_store(extra: str = "") -> GraphStore:
    store = GraphStore()
    store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    if extra:
        store.raw.load((PREFIXES + extra).encode("utf-8"), format=RdfFormat.TRIG)
    return store


def assert_valid_geojson(doc: dict) -> None:
    """What a reader of RFC 7946 points relies on."""
    json.loads(json.dumps(doc, allow_nan=False))  # plain JSON, no NaN or Infinity
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946 has no crs member: WGS 84, longitude first
    assert isinstance(doc["features"], list)
    ids = [feature["id"] for feature in doc["features"]]
    assert len(ids) == len(set(ids))
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str)
        geometry = feature["geometry"]
        if geometry is None:  # RFC 7946 3.2: an unlocated feature
            assert feature["properties"]["coordinates_from"] is None
            assert feature["properties"]["approximate"] is False
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]  # exactly two positions
        for value in (lon, lat):
            assert type(value) is float and math.isfinite(value)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        properties = feature["properties"]
        assert isinstance(properties, dict)
        for key in ("killed", "injured"):
            assert properties[key] is None or type(properties[key]) is int
        assert all(isinstance(label, str) for label in properties["weapons"])
        assert all(isinstance(label, str) for label in properties["attackers"])


# ---------------------------------------------------------------------------------------------
# GeoJSON


def test_one_point_per_attack_with_coordinates():
    with sample_store() as store:
        doc = attacks_geojson(store)
    assert_valid_geojson(doc)
    # Belgorod and Odesa (and their ancestors) have no coordinates in the sample: kept, with a
    # null geometry (one feature per attack)
    assert [f["id"] for f in doc["features"]] == [
        ID + "attack/a1-kyiv/Q1899", ID + "attack/a3-odesa/Q1899",
        ID + "attack/a2-kharkiv/Q3323", ID + "attack/a2-kharkiv/Q42308",
        ID + "attack/a2-kharkiv/gn713728", ID + "attack/a3-odesa/Q1874"]
    unlocated = [f for f in doc["features"] if f["geometry"] is None]
    assert [f["properties"]["place"] for f in unlocated] == ["Belgorod", "Odesa"]
    kyiv = doc["features"][0]
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.5166, 50.4334]}
    assert kyiv["properties"] == {
        "attack": ID + "attack/a1-kyiv/Q1899",
        "place": "Kyiv",
        "place_iri": ID + "place/Q1899",
        "wikidata": "http://www.wikidata.org/entity/Q1899",
        "geonames": None,
        "approximate": False,
        "coordinates_from": ID + "place/Q1899",
        "date": "2024-07-08",
        "killed": 4,
        "injured": 19,
        "weapons": ["Kh-101", "ballistic missile"],
        "attackers": ["Russia"],
        "article": "a1-kyiv",
        "article_title": "Russian missile attack on Kyiv kills four",
        "article_url": "https://news.example.org/2024/07/08/kyiv-missile-attack",
    }
    village = doc["features"][4]["properties"]
    assert village["geonames"] == "http://sws.geonames.org/713728/"
    assert village["wikidata"] is None
    assert (village["killed"], village["injured"], village["attackers"]) == (None, 2, [])
    assert doc["features"][1]["properties"]["article_url"] is None


def test_a_place_without_coordinates_takes_its_nearest_ancestors():
    extra = """
    <graph/entities> {
        <place/Q171852> geo:hasGeometry <place/Q171852/geometry> .
        <place/Q171852/geometry> geo:asWKT "POINT(30.7 46.5)"^^geo:wktLiteral .
        <place/Q212> wgs84:lat 49.0 ; wgs84:long 32.0 .
        <place/Q159> wgs84:lat 95.0 ; wgs84:long 40.0 .
    }"""
    with sample_store(extra) as store:
        doc = attacks_geojson(store)
    assert_valid_geojson(doc)
    odesa = next(f for f in doc["features"] if f["id"] == ID + "attack/a3-odesa/Q1874")
    # Odesa → Odesa Oblast (has a point) → Ukraine (has one too, but farther)
    assert odesa["geometry"]["coordinates"] == [30.7, 46.5]
    assert odesa["properties"]["approximate"] is True
    assert odesa["properties"]["coordinates_from"] == ID + "place/Q171852"
    assert odesa["properties"]["place"] == "Odesa"
    assert odesa["properties"]["date"] is None
    # Belgorod → Russia, whose latitude is out of range: still no point
    belgorod = next(f for f in doc["features"] if f["id"] == ID + "attack/a2-kharkiv/Q3323")
    assert belgorod["geometry"] is None
    # undated attacks come last
    assert doc["features"][-1]["id"] == ID + "attack/a3-odesa/Q1874"


def test_a_cycle_of_part_of_does_not_hang():
    extra = """
    <graph/entities> {
        <place/Q3323> kg:partOf <place/Q3323x> .
        <place/Q3323x> a kg:Location, kg:Region ; rdfs:label "Loop" ; kg:partOf <place/Q3323> .
    }"""
    with sample_store(extra) as store:
        doc = attacks_geojson(store)
    belgorod = next(f for f in doc["features"] if f["id"] == ID + "attack/a2-kharkiv/Q3323")
    assert belgorod["geometry"] is None


def test_the_same_store_gives_the_same_bytes():
    with sample_store() as store:
        first, second = io.BytesIO(), io.BytesIO()
        assert write_geojson(store, first) == 6
        write_geojson(store, second)
        assert first.getvalue() == second.getvalue()
        assert json.loads(first.getvalue().decode("utf-8")) == attacks_geojson(store)


def test_written_to_a_text_stream_too():
    with sample_store() as store:
        out = io.StringIO()
        assert write_geojson(store, out) == 6
        doc = json.loads(out.getvalue())
    assert_valid_geojson(doc)
    assert out.getvalue().endswith("}\n")


def test_an_empty_store_gives_an_empty_collection():
    with GraphStore() as store:
        assert attacks_geojson(store) == {"type": "FeatureCollection", "features": []}


def test_labels_prefer_untagged_or_english():
    extra = """
    <https://w3id.org/strikegraph/ontology> {
        <weapon/ballistic-missile> rdfs:label "балістична ракета"@uk .
    }
    <graph/entities> { <place/Q1899> rdfs:label "Kyjiw"@de . }"""
    with sample_store(extra) as store:
        kyiv = attacks_geojson(store)["features"][0]["properties"]
    assert kyiv["weapons"] == ["Kh-101", "ballistic missile"]
    assert kyiv["place"] == "Kyiv"


@pytest.mark.parametrize(("text", "point"), [
    ("POINT(30.5166 50.4334)", (30.5166, 50.4334)),
    ("Point (36.25 50)", (36.25, 50.0)),
    ("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(30.5 50.4)", (30.5, 50.4)),
    ("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(50.4 30.5)", (30.5, 50.4)),
    ("POINT Z(30.5 50.4 120)", (30.5, 50.4)),
    ("<http://www.opengis.net/def/crs/EPSG/0/3857> POINT(3397000 6522000)", None),
    ("POINT(30.5 95)", None),
    ("POINT(nan 50)", None),
    ("LINESTRING(30 50, 31 51)", None),
    ("", None),
])
def test_wkt_points(text, point):
    assert parse_wkt_point(text) == point


# ---------------------------------------------------------------------------------------------
# The online-only query


def test_the_online_query_is_documented_as_online_only():
    info = load_query("wikidata-places-enriched")
    assert "online" in info.tags
    assert info.description.startswith("Online only")
    assert f"SERVICE <{WDQS}>" in info.description
    assert info.parameters == ()


def _services(node, found):
    """Service IRIs in an rdflib algebra tree."""
    if isinstance(node, dict):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(str(node["term"]))
        for value in node.values():
            _services(value, found)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _services(value, found)
    return found


def test_the_online_query_parses_without_opening_a_socket(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsing the query opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(ONLINE_QUERY.read_text(encoding="utf-8"))
    assert _services(query.algebra, []) == [WDQS]


class _StandIn:
    """A local stand-in for the Wikidata Query Service: records queries, gives fixed rows."""

    ROWS = [
        {"item": "Q1899", "country": "Q212", "population": "2952301",
         "coordinates": "Point(30.523333 50.45)"},
        {"item": "Q42308", "country": "Q212", "population": "1421125"},
        {"item": "Q42308", "country": "Q212", "population": "1443207",
         "coordinates": "Point(36.231667 49.9925)"},
        {"item": "Q99999999", "country": "Q159", "population": "10"},
    ]

    def __init__(self):
        self.queries: list[str] = []

    def results(self) -> bytes:
        bindings = []
        for row in self.ROWS:
            binding = {
                "item": {"type": "uri", "value": "http://www.wikidata.org/entity/" + row["item"]},
                "country": {"type": "uri",
                            "value": "http://www.wikidata.org/entity/" + row["country"]},
                "population": {"type": "literal", "value": row["population"],
                               "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
            }
            if "coordinates" in row:
                binding["coordinates"] = {
                    "type": "literal", "value": row["coordinates"],
                    "datatype": "http://www.opengis.net/ont/geosparql#wktLiteral"}
            bindings.append(binding)
        return json.dumps({"head": {"vars": ["country", "item", "population", "coordinates"]},
                           "results": {"bindings": bindings}}).encode("utf-8")


@pytest.fixture()
def stand_in():
    service = _StandIn()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, query: str):
            service.queries.append(query)
            body = service.results()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length).decode("utf-8")
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                return self._answer(body)
            return self._answer(dict(urllib.parse.parse_qsl(body)).get("query", ""))

        def do_GET(self):  # noqa: N802
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            return self._answer(query.get("query", [""])[0])

        def log_message(self, *args):
            pass

    with serve_locally(Handler) as base:
        service.url = f"{base}/sparql"
        yield service


def test_the_online_query_joins_our_places_with_wikidata(stand_in):
    """pyoxigraph runs the query as written, but with the SERVICE pointed at the stand-in."""
    lines = ONLINE_QUERY.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "".join(line for line in lines if line.startswith("#"))
    body = "".join(line for line in lines if not line.startswith("#"))
    assert body.count(f"SERVICE <{WDQS}>") == 1
    local = header + body.replace(f"SERVICE <{WDQS}>", f"SERVICE <{stand_in.url}>")
    with sample_store() as store:
        rows = {row["item"].value.rsplit("/", 1)[1]: row for row in store.query(local)}
    assert len(stand_in.queries) == 1  # one request, whatever the number of places
    sent = stand_in.queries[0]
    assert "<http://www.wikidata.org/prop/direct/P1082>" in sent
    assert "<http://www.wikidata.org/prop/direct/P625>" in sent
    # our places that Wikidata gives a population for; not its items we do not have
    assert set(rows) == {"Q1899", "Q42308"}
    kyiv = rows["Q1899"]
    assert kyiv["place"].value == ID + "place/Q1899"
    assert (kyiv["label"].value, kyiv["kind"].value) == ("Kyiv", "settlement")
    assert int(kyiv["wikidataPopulation"].value) == 2952301
    assert kyiv["wikidataCoordinates"].value == "Point(30.523333 50.45)"
    kharkiv = rows["Q42308"]
    assert int(kharkiv["wikidataPopulation"].value) == 1443207  # the larger figure
    assert kharkiv["wikidataCoordinates"].value == "Point(36.231667 49.9925)"


def test_the_online_query_on_an_empty_store_asks_nothing(stand_in):
    """Why running the file as it stands on an empty store (as a syntax check does) stays
    offline: with nothing to join, pyoxigraph never calls the SERVICE."""
    lines = ONLINE_QUERY.read_text(encoding="utf-8").splitlines(keepends=True)
    local = "".join(lines).replace(f"SERVICE <{WDQS}>", f"SERVICE <{stand_in.url}>")
    with GraphStore() as store:
        assert list(store.query(local)) == []
    assert stand_in.queries == []
