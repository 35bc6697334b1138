"""What the report shows, read from the store: attacks with their evidence, articles, incidents.

The attack rows come from the bundled ``attacks-by-place`` query (the same rows ``kg query``
gives), their map points from ``kg.geojson`` (a place's coordinates, else its nearest ancestor's),
and the rest from a few queries over the union of the graphs. Incidents (issue of the same
name: ``kg:Incident`` nodes with ``kg:report`` links to each report's Attack, in the graph
``<https://w3id.org/strikegraph/incidents>``) are read when the store has any.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.geojson import attacks_geojson
from kg.queries import execute, load_query

PREFIXES = """PREFIX kg: <https://w3id.org/strikegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_ARTICLES = PREFIXES + """SELECT ?article ?identifier ?title ?url ?issued WHERE {
  ?article a kg:Article ; dcterms:identifier ?identifier .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:source ?url }
  OPTIONAL { ?article dcterms:issued ?issued }
} ORDER BY ?identifier"""
_EVIDENCE = PREFIXES + """SELECT ?attack ?start ?text WHERE {
  ?attack a kg:Attack ; kg:evidence ?evidence .
  ?evidence kg:text ?text ; kg:start ?start .
}"""
_INCIDENTS = PREFIXES + """SELECT ?incident ?attack ?place ?date ?killed ?injured WHERE {
  ?incident a kg:Incident ; kg:report ?attack .
  OPTIONAL { ?incident kg:location/rdfs:label ?place }
  OPTIONAL { ?incident kg:date ?date }
  OPTIONAL { ?incident kg:killed ?killed }
  OPTIONAL { ?incident kg:injured ?injured }
}"""


@dataclass
class Article:
    iri: str
    identifier: str
    title: str | None = None
    url: str | None = None
    issued: str | None = None


@dataclass
class Attack:
    iri: str
    place: str
    date: str | None
    attackers: str
    weapons: str
    killed: int | None
    injured: int | None
    article: Article
    evidence: list[str] = field(default_factory=list)
    point: tuple[float, float] | None = None  # (lon, lat)
    approximate: bool = False  # the point is a larger place's


@dataclass
class Incident:
    iri: str
    place: str
    date: str | None
    reports: list[Attack]
    # the incident's own kg:killed and kg:injured (the most recently published report's
    # figures, kg.incidents); where it has none, the highest any report gives
    stated: tuple[int | None, int | None] = (None, None)

    @property
    def killed(self) -> int | None:
        if self.stated[0] is not None:
            return self.stated[0]
        figures = [r.killed for r in self.reports if r.killed is not None]
        return max(figures) if figures else None

    @property
    def injured(self) -> int | None:
        if self.stated[1] is not None:
            return self.stated[1]
        figures = [r.injured for r in self.reports if r.injured is not None]
        return max(figures) if figures else None

    @property
    def point(self) -> tuple[float, float] | None:
        return next((r.point for r in self.reports if r.point is not None), None)


@dataclass
class ReportData:
    attacks: list[Attack]
    articles: list[Article]
    incidents: list[Incident]

    def per_day(self) -> dict[str, int]:
        """Attacks (or incidents, when there are any) per date, in date order."""
        counts: dict[str, int] = defaultdict(int)
        for item in self.incidents or self.attacks:
            if item.date:
                counts[item.date] += 1
        return dict(sorted(counts.items()))


def _value(term):
    return None if term is None else term.value


def _integer(term) -> int | None:
    try:
        return None if term is None else int(term.value)
    except ValueError:
        return None


def _rows(store, text: str):
    raw = getattr(store, "raw", store)
    return raw.query(text, use_default_graph_as_union=True)


def read_report_data(store) -> ReportData:
    """Everything the report shows, from a ``GraphStore`` or a pyoxigraph ``Store``."""
    articles = {}
    for row in _rows(store, _ARTICLES):
        iri = row["article"].value
        articles.setdefault(iri, Article(iri, row["identifier"].value, _value(row["title"]),
                                         _value(row["url"]), _value(row["issued"])))
    by_identifier = {a.identifier: a for a in articles.values()}
    evidence: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _rows(store, _EVIDENCE):
        evidence[row["attack"].value].append((_integer(row["start"]) or 0, row["text"].value))
    points = {f["id"]: f for f in attacks_geojson(store)["features"]}

    attacks: dict[str, Attack] = {}
    for row in execute(store, load_query("attacks-by-place")):
        iri = row["attack"].value
        if iri in attacks:  # a place with two labels: one row is enough
            continue
        article = by_identifier.get(row["article"].value) or Article("", row["article"].value)
        feature = points.get(iri)
        attacks[iri] = Attack(
            iri=iri, place=row["place"].value, date=_value(row["date"]),
            attackers=_value(row["attackers"]) or "", weapons=_value(row["weapons"]) or "",
            killed=_integer(row["killed"]), injured=_integer(row["injured"]), article=article,
            evidence=[text for _, text in sorted(set(evidence.get(iri, [])))],
            point=(tuple(feature["geometry"]["coordinates"])  # null: a place without coordinates
                   if feature and feature["geometry"] else None),
            approximate=bool(feature and feature["properties"]["approximate"]))

    incidents: dict[str, Incident] = {}
    for row in _rows(store, _INCIDENTS):
        iri = row["incident"].value
        incident = incidents.setdefault(iri, Incident(
            iri, _value(row["place"]) or "", _value(row["date"]), [],
            (_integer(row["killed"]), _integer(row["injured"]))))
        report = attacks.get(row["attack"].value)
        if report is not None and report not in incident.reports:
            incident.reports.append(report)
    for incident in incidents.values():
        incident.reports.sort(key=lambda r: (r.article.issued or "", r.article.identifier))
        if not incident.place and incident.reports:
            incident.place = incident.reports[0].place

    ordered = sorted(attacks.values(), key=lambda a: (a.date is None, a.date or "", a.place,
                                                      a.article.identifier))
    return ReportData(
        attacks=ordered,
        articles=sorted(articles.values(), key=lambda a: a.identifier),
        incidents=sorted((i for i in incidents.values() if i.reports),
                         key=lambda i: (i.date is None, i.date or "", i.place)))
