"""Every RDF term strikegraph emits, in one place.

Terms of the ``kg:`` namespace are closed: asking for one the ontology does not declare raises
``AttributeError`` (a test checks this list against ``ontology/strikegraph.ttl``). Only pyoxigraph
is imported here so that the query path stays light.
"""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

KG_NS = "https://w3id.org/strikegraph/ontology#"
ID_NS = "https://w3id.org/strikegraph/id/"
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/strikegraph/ontology")
ENTITY_GRAPH = NamedNode(ID_NS + "graph/entities")
INCIDENT_GRAPH = NamedNode("https://w3id.org/strikegraph/incidents")  # derived, rebuilt on ingest
# the hash of the loaded ontology file, so a changed file is reloaded (not an ontology term)
ONTOLOGY_HASH = NamedNode(ID_NS + "meta/ontology-sha256")

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
DCTERMS_NS = "http://purl.org/dc/terms/"
WD_NS = "http://www.wikidata.org/entity/"
GEO_NS = "http://www.opengis.net/ont/geosparql#"
WGS84_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEONAMES_NS = "http://sws.geonames.org/"  # the form of GeoNames RDF and of Wikidata P1566 (P1921)

PREFIXES = {
    "kg": KG_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "dcterms": DCTERMS_NS,
    "wd": WD_NS,
    "geo": GEO_NS,
    "wgs84": WGS84_NS,
}

CLASSES = (
    "Article", "Attack", "Actor", "Person", "Organization", "Country", "Location", "Region",
    "Settlement", "District", "Weapon", "Statement", "WeaponCount", "Evidence", "Raid",
    "Incident",
)
PROPERTIES = (
    "reportedIn", "location", "district", "attacker", "weapon", "weaponCount", "quantity",
    "killed", "injured", "date", "speaker", "quote", "channel", "about", "role", "partOf",
    "evidence", "text", "start", "end", "rule", "broader", "countQualifier", "contentHash",
    "mentionedAs", "raid", "report", "datePrecision", "killedLow", "killedHigh", "injuredLow",
    "injuredHigh", "figuresDisagree",
)


class _Closed:
    """A namespace whose attributes are exactly the declared local names."""

    def __init__(self, base: str, names: tuple[str, ...]):
        self._base = base
        self._names = frozenset(names)
        for name in names:
            object.__setattr__(self, name, NamedNode(base + name))

    def __getattr__(self, name: str) -> NamedNode:  # only called for undeclared names
        raise AttributeError(f"{name!r} is not a term of {self._base}")

    def terms(self) -> frozenset[str]:
        return self._names


KG = _Closed(KG_NS, CLASSES + PROPERTIES)

RDF_TYPE = NamedNode(RDF_NS + "type")
RDFS_LABEL = NamedNode(RDFS_NS + "label")
OWL_SAME_AS = NamedNode(OWL_NS + "sameAs")
DCT_IDENTIFIER = NamedNode(DCTERMS_NS + "identifier")
DCT_TITLE = NamedNode(DCTERMS_NS + "title")
DCT_SOURCE = NamedNode(DCTERMS_NS + "source")
DCT_ISSUED = NamedNode(DCTERMS_NS + "issued")
DCT_PUBLISHER = NamedNode(DCTERMS_NS + "publisher")
GEO_HAS_GEOMETRY = NamedNode(GEO_NS + "hasGeometry")
GEO_AS_WKT = NamedNode(GEO_NS + "asWKT")
GEO_WKT_LITERAL = NamedNode(GEO_NS + "wktLiteral")
WGS84_LAT = NamedNode(WGS84_NS + "lat")
WGS84_LONG = NamedNode(WGS84_NS + "long")
XSD_INTEGER = NamedNode(XSD_NS + "integer")
XSD_DATE = NamedNode(XSD_NS + "date")
XSD_DECIMAL = NamedNode(XSD_NS + "decimal")

WEAPON_KINDS = (
    "drone", "missile", "ballistic-missile", "cruise-missile", "glide-bomb", "aerial-bomb",
    "artillery", "rocket",
)


def slug(text: str) -> str:
    """A name as a key: lower-cased, runs of white space and apostrophes folded to one hyphen."""
    return "-".join(text.replace("'", " ").replace("\u2019", " ").strip().lower().split())


def segment(text: str) -> str:
    """A safe IRI path segment for any text (case kept, everything but unreserved escaped)."""
    return quote(text, safe="-._~") or "_"


def mint(kind: str, *parts: str) -> NamedNode:
    """An instance IRI under ``id/``: ``mint("attack", "a1", "Q1899")`` → ``…/id/attack/a1/Q1899``."""
    return NamedNode(ID_NS + "/".join((kind,) + tuple(segment(p) for p in parts)))


def weapon_iri(key: str) -> NamedNode:
    return mint("weapon", key)


def article_iri(identifier: str) -> NamedNode:
    return mint("article", identifier)


def wikidata(qid: str) -> NamedNode:
    return NamedNode(WD_NS + qid)
