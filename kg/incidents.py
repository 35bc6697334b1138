"""Incidents: one real attack on one place on one date, gathered from every report of it.

Each article's ``kg:Attack`` stays as its report; ``build_incidents`` groups them and
``rebuild_incidents`` writes the groups to ``INCIDENT_GRAPH`` in one update (the same articles
always give the same incidents and IRIs). The rules:

- Same place means the same gazetteer place: a district's strike is its city's (extraction
  already puts districts under ``kg:district`` of the city's attack). A report that names only a
  region (an oblast or a raion) joins the incident of the one settlement inside that region
  struck that day; when several were, or none, it is an incident of its own.
- Same date means the same ``kg:date``. An undated attack is an incident alone: it never merges
  with a dated one, nor with another undated one (they may be days apart).
- Figures: killed and injured are the figure of the most recently published report that gives
  one (same day: the higher, as tolls rise); low and high are the smallest and largest any report
  gives. The figures disagree when a report gives a lower figure than one published on an
  earlier day: an update only raises a toll.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pyoxigraph import Literal, NamedNode, Quad

from kg.vocab import (
    ID_NS, INCIDENT_GRAPH, KG, PREFIXES, RDF_TYPE, XSD_DATE, XSD_INTEGER, segment,
)

XSD_BOOLEAN = NamedNode(PREFIXES["xsd"] + "boolean")
_PLACE_NS = ID_NS + "place/"
_ATTACK_NS = ID_NS + "attack/"

_ATTACKS = """SELECT ?attack ?article ?place ?date ?precision ?killed ?injured ?issued WHERE {
  ?attack a kg:Attack ; kg:reportedIn ?article ; kg:location ?place .
  OPTIONAL { ?attack kg:date ?date }
  OPTIONAL { ?attack kg:datePrecision ?precision }
  OPTIONAL { ?attack kg:killed ?killed }
  OPTIONAL { ?attack kg:injured ?injured }
  OPTIONAL { ?article dcterms:issued ?issued }
}"""
# every place an attack is located in, with its ancestors, their kinds and parents
_PLACES = """SELECT DISTINCT ?place ?parent ?region WHERE {
  ?attack a kg:Attack ; kg:location ?located . ?located kg:partOf* ?place .
  OPTIONAL { ?place kg:partOf ?parent }
  BIND(EXISTS { ?place a kg:Region } AS ?region)
}"""


@dataclass(frozen=True)
class Report:
    """One report's attack, as the incident builder reads it."""

    attack: str
    article: str
    place: str
    day: date | None = None
    precision: str | None = None
    killed: int | None = None
    injured: int | None = None
    issued: date | None = None


@dataclass
class Incident:
    iri: str
    place: str
    day: date | None
    reports: list[Report] = field(default_factory=list)

    @property
    def precision(self) -> str | None:
        """"day" when any report gives the day itself, else "night" when one gives a night."""
        found = {r.precision for r in self.reports if r.precision}
        return "day" if "day" in found else ("night" if found else None)

    def figure(self, which: str) -> tuple[int | None, int | None, int | None, bool]:
        """(latest, lowest, highest, disagree) of ``which`` ("killed" or "injured")."""
        given = [(r.issued, getattr(r, which)) for r in self.reports
                 if getattr(r, which) is not None]
        if not given:
            return None, None, None, False
        values = [v for _, v in given]
        dated = [(d, v) for d, v in given if d is not None]
        latest = max(dated)[1] if dated else max(values)
        disagree = any(d1 < d2 and v2 < v1 for d1, v1 in dated for d2, v2 in dated)
        return latest, min(values), max(values), disagree


class _Places:
    """Parents and region flags of the places attacks are located in."""

    def __init__(self, rows):
        self.parent: dict[str, str] = {}
        self.region: set[str] = set()
        for row in rows:
            place = row["place"].value
            if row["parent"] is not None:
                self.parent.setdefault(place, row["parent"].value)
            if row["region"] is not None and row["region"].value == "true":
                self.region.add(place)

    def chain(self, place: str) -> list[str]:
        out = [place]
        while out[-1] in self.parent and self.parent[out[-1]] not in out:
            out.append(self.parent[out[-1]])
        return out

    def oblast(self, place: str) -> str | None:
        """The outermost region of a place's chain (the oblast), None outside any region."""
        regions = [p for p in self.chain(place) if p in self.region]
        return regions[-1] if regions else None


def _integer(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _day(term) -> date | None:
    try:
        return date.fromisoformat(term.value) if term is not None else None
    except ValueError:
        return None


def read_reports(store, exclude: Iterable[NamedNode] = ()) -> tuple[list[Report], _Places]:
    """Every attack of the store with what grouping needs; attacks reported in the articles of
    ``exclude`` are left out (an article about to be removed)."""
    skip = {g.value for g in exclude}
    reports = []
    seen = set()
    for row in store.query(_ATTACKS, prefixes=PREFIXES, use_default_graph_as_union=True):
        attack, article = row["attack"].value, row["article"].value
        if article in skip or attack in seen:
            continue
        seen.add(attack)
        reports.append(Report(attack, article, row["place"].value, _day(row["date"]),
                              row["precision"].value if row["precision"] is not None else None,
                              _integer(row["killed"]), _integer(row["injured"]),
                              _day(row["issued"])))
    places = _Places(store.query(_PLACES, prefixes=PREFIXES, use_default_graph_as_union=True))
    return sorted(reports, key=lambda r: r.attack), places


def _incident_iri(place: str, day: date | None, attack: str) -> str:
    local = place[len(_PLACE_NS):] if place.startswith(_PLACE_NS) else segment(place)
    if day is None:  # alone: named after its report
        tail = attack[len(_ATTACK_NS):] if attack.startswith(_ATTACK_NS) else segment(attack)
        return f"{ID_NS}incident/undated/{tail}"
    return f"{ID_NS}incident/{day.isoformat()}/{local}"


def build_incidents(reports: list[Report], places: _Places) -> list[Incident]:
    """Group reports into incidents (see the module's rules), ordered by IRI."""
    incidents: dict[str, Incident] = {}

    def add(place: str, report: Report) -> None:
        iri = _incident_iri(place, report.day, report.attack)
        incidents.setdefault(iri, Incident(iri, place, report.day)).reports.append(report)

    regional = []
    struck: dict[date, set[str]] = defaultdict(set)  # day → settlements struck that day
    for report in reports:
        if report.day is None:
            add(report.place, report)
        elif report.place in places.region:
            regional.append(report)
        else:
            struck[report.day].add(report.place)
            add(report.place, report)
    for report in regional:
        inside = [p for p in struck.get(report.day, ()) if report.place in places.chain(p)]
        oblast = places.oblast(report.place)
        same_oblast = [p for p in struck.get(report.day, ()) if places.oblast(p) == oblast]
        if len(inside) == 1 and len(same_oblast) == 1:
            add(inside[0], report)
        else:
            add(report.place, report)
    return [incidents[k] for k in sorted(incidents)]


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def incident_quads(incidents: list[Incident]) -> list[Quad]:
    out = []

    def add(s, p, o):
        out.append(Quad(s, p, o, INCIDENT_GRAPH))

    for incident in incidents:
        iri = NamedNode(incident.iri)
        add(iri, RDF_TYPE, KG.Incident)
        add(iri, KG.location, NamedNode(incident.place))
        if incident.day is not None:
            add(iri, KG.date, Literal(incident.day.isoformat(), datatype=XSD_DATE))
        if incident.precision:
            add(iri, KG.datePrecision, Literal(incident.precision))
        for report in incident.reports:
            add(iri, KG.report, NamedNode(report.attack))
        disagree = False
        for which, low_p, high_p in (("killed", KG.killedLow, KG.killedHigh),
                                     ("injured", KG.injuredLow, KG.injuredHigh)):
            latest, low, high, differ = incident.figure(which)
            if latest is None:
                continue
            add(iri, getattr(KG, which), _int(latest))
            add(iri, low_p, _int(low))
            add(iri, high_p, _int(high))
            disagree = disagree or differ
        if disagree:
            add(iri, KG.figuresDisagree, Literal("true", datatype=XSD_BOOLEAN))
    return out


def derive_incidents(store, exclude: Iterable[NamedNode] = ()) -> list[Incident]:
    """The incidents the store's article graphs give (``exclude``: articles left out)."""
    reports, places = read_reports(store.raw, exclude)
    return build_incidents(reports, places)


def _write(store, quads: list[Quad], drop: list[NamedNode] = ()) -> None:
    """Make ``INCIDENT_GRAPH`` hold exactly ``quads`` (and drop the graphs of ``drop``) in one
    update that carries only the difference: a few changed incidents are a small write."""
    old = set(store.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH))
    new = set(quads)
    store.change_quads(old - new, new - old, drop=drop)


def rebuild_incidents(store) -> int:
    """Rebuild ``INCIDENT_GRAPH`` from the article graphs in one update; the incident count."""
    incidents = derive_incidents(store)
    _write(store, incident_quads(incidents))
    return len(incidents)


def remove_articles(store, identifiers: Iterable[str]) -> list[str]:
    """Remove articles by identifier and update the incidents, in one update. Returns the
    identifiers that were in the store."""
    from kg.vocab import article_iri

    graphs = [article_iri(i) for i in dict.fromkeys(identifiers)]
    present = [g for g in graphs if store.has_graph(g)]
    if not present:
        return []
    quads = incident_quads(derive_incidents(store, exclude=present))
    _write(store, quads, drop=present)
    known = {article_iri(i).value: i for i in identifiers}
    return [known[g.value] for g in present]


__all__ = ["Incident", "Report", "build_incidents", "derive_incidents", "incident_quads",
           "rebuild_incidents", "remove_articles"]
