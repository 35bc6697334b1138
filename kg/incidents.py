"""Incidents: one real attack on one place on one date, gathered from every report of it.

Each article's ``kg:Attack`` stays as its report; ``build_incidents`` groups them and
``rebuild_incidents`` writes the groups to ``INCIDENT_GRAPH`` in one update (the same articles
always give the same incidents and IRIs). The rules:

- Same place means the same gazetteer place: a district's strike is its city's (extraction
  puts districts under ``kg:district`` of the city's attack; an attack located at a district goes
  to the district's city all the same). A report that names only a
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

_REPORT_VARIABLES = "?attack ?article ?place ?date ?precision ?killed ?injured ?issued"
_FIGURES = """  OPTIONAL { ?attack kg:datePrecision ?precision }
  OPTIONAL { ?attack kg:killed ?killed }
  OPTIONAL { ?attack kg:injured ?injured }
  OPTIONAL { ?article dcterms:issued ?issued }
}"""
# every attack, or those of one article (?article bound)
_ATTACKS = f"""SELECT {_REPORT_VARIABLES} WHERE {{
  ?attack a kg:Attack ; kg:reportedIn ?article ; kg:location ?place .
  OPTIONAL {{ ?attack kg:date ?date }}
{_FIGURES}"""
# the attacks of one day (?date bound: an OPTIONAL date would keep undated attacks)
_ATTACKS_ON = f"""SELECT {_REPORT_VARIABLES} WHERE {{
  ?attack kg:date ?date ; kg:reportedIn ?article ; kg:location ?place .
{_FIGURES}"""
# the incidents holding a report of one article (?prefix: the start of its attacks' IRIs)
# (pyoxigraph binds only projected variables: the parameters are projected too)
_INCIDENTS_OF = """SELECT DISTINCT ?incident ?date ?incidents ?prefix WHERE {
  GRAPH ?incidents { ?incident kg:report ?attack . OPTIONAL { ?incident kg:date ?date } }
  FILTER (STRSTARTS(STR(?attack), ?prefix))
}"""
_INCIDENTS_ON = """SELECT DISTINCT ?incident ?incidents ?date WHERE {
  GRAPH ?incidents { ?incident kg:date ?date }
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
    """Parents and region flags of the places attacks are located in, read from the store."""

    def __init__(self, store, places: Iterable[str]):
        self.parent: dict[str, str] = {}
        self.region: set[str] = set()
        self.district: set[str] = set()
        seen: set[str] = set()
        todo = list(places)
        while todo:
            place = todo.pop()
            if place in seen:
                continue
            seen.add(place)
            node = NamedNode(place)
            if any(True for _ in store.quads_for_pattern(node, RDF_TYPE, KG.Region, None)):
                self.region.add(place)
            if any(True for _ in store.quads_for_pattern(node, RDF_TYPE, KG.District, None)):
                self.district.add(place)
            for quad in store.quads_for_pattern(node, KG.partOf, None, None):
                parent = quad.object.value
                if place not in self.parent or parent < self.parent[place]:
                    self.parent[place] = parent
                todo.append(parent)

    def chain(self, place: str) -> list[str]:
        out = [place]
        while out[-1] in self.parent and self.parent[out[-1]] not in out:
            out.append(self.parent[out[-1]])
        return out

    def struck(self, place: str) -> str:
        """The place an incident is at: a city district's city, else the place itself."""
        if place in self.district and place in self.parent:
            return self.parent[place]
        return place

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


def _report(row) -> Report:
    return Report(row["attack"].value, row["article"].value, row["place"].value,
                  _day(row["date"]),
                  row["precision"].value if row["precision"] is not None else None,
                  _integer(row["killed"]), _integer(row["injured"]), _day(row["issued"]))


def _reports(rows, skip: set[str], out: dict[str, Report]) -> None:
    for row in rows:
        if row["article"].value not in skip and row["attack"].value not in out:
            out[row["attack"].value] = _report(row)


def read_reports(store, exclude: Iterable[NamedNode] = ()) -> tuple[list[Report], _Places]:
    """Every attack of the store with what grouping needs; attacks reported in the articles of
    ``exclude`` are left out (an article about to be removed)."""
    found: dict[str, Report] = {}
    _reports(store.query(_ATTACKS, prefixes=PREFIXES, use_default_graph_as_union=True),
             {g.value for g in exclude}, found)
    reports = sorted(found.values(), key=lambda r: r.attack)
    return reports, _Places(store, {r.place for r in reports})


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
        place = places.struck(report.place)
        if report.day is None:
            add(place, report)
        elif place in places.region:
            regional.append(report)
        else:
            struck[report.day].add(place)
            add(place, report)
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


def _write(store, old: set[Quad], new: set[Quad], drop: Iterable[NamedNode] = ()) -> None:
    """Replace the incident quads ``old`` by ``new`` (and drop the graphs of ``drop``) in one
    update that carries only the difference."""
    store.change_quads(old - new, new - old, drop=drop)


def rebuild_incidents(store) -> int:
    """Rebuild ``INCIDENT_GRAPH`` from all the article graphs in one update; the incident
    count."""
    incidents = derive_incidents(store)
    old = set(store.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH))
    _write(store, old, set(incident_quads(incidents)))
    return len(incidents)


# Set in the incident graph before an ingest writes its first article and taken out by the
# incident update that follows: found at the start of an ingest, it tells of one that stopped
# in between, and the incidents are rebuilt in full.
STALE = Quad(INCIDENT_GRAPH, NamedNode(ID_NS + "meta/incidents-stale"),
             Literal("true", datatype=XSD_BOOLEAN), INCIDENT_GRAPH)


def mark_stale(store) -> None:
    store.raw.add(STALE)


def needs_rebuild(store) -> bool:
    """No incident graph yet (a store from before incidents), or an update left undone."""
    return STALE in store.raw or not store.has_graph(INCIDENT_GRAPH)


def _attack_prefix(article: NamedNode) -> str:
    return _ATTACK_NS + article.value.rsplit("/", 1)[-1] + "/"


def update_incidents(store, changed: Iterable[NamedNode] = (),
                     removed: Iterable[NamedNode] = ()) -> None:
    """Bring ``INCIDENT_GRAPH`` up to date after the articles ``changed`` were written, and drop
    the articles ``removed`` in the same update. Only the days those articles' attacks were or
    are on are regrouped (a day's incidents depend on that day's attacks only), so the work
    grows with the change, not with the store; the result is what ``rebuild_incidents`` gives."""
    from pyoxigraph import Variable

    raw = store.raw
    removed = list(removed)
    articles = list(dict.fromkeys(list(changed) + removed))
    skip = {g.value for g in removed}
    found: dict[str, Report] = {}
    subjects: set[str] = set()
    days: set[date] = set()
    for article in articles:  # the incidents the articles were part of, and their days
        for row in raw.query(_INCIDENTS_OF, prefixes=PREFIXES, substitutions={
                Variable("incidents"): INCIDENT_GRAPH,
                Variable("prefix"): Literal(_attack_prefix(article))}):
            subjects.add(row["incident"].value)
            if row["date"] is not None:
                days.add(date.fromisoformat(row["date"].value))
        if article.value not in skip:  # its attacks now, dated or not
            _reports(raw.query(_ATTACKS, prefixes=PREFIXES, use_default_graph_as_union=True,
                               substitutions={Variable("article"): article}), skip, found)
    days.update(r.day for r in found.values() if r.day is not None)
    for day in sorted(days):  # every attack of those days, from any article
        value = Literal(day.isoformat(), datatype=XSD_DATE)
        _reports(raw.query(_ATTACKS_ON, prefixes=PREFIXES, use_default_graph_as_union=True,
                           substitutions={Variable("date"): value}), skip, found)
        for row in raw.query(_INCIDENTS_ON, prefixes=PREFIXES, substitutions={
                Variable("incidents"): INCIDENT_GRAPH, Variable("date"): value}):
            subjects.add(row["incident"].value)
    reports = sorted(found.values(), key=lambda r: r.attack)
    incidents = build_incidents(reports, _Places(raw, {r.place for r in reports}))
    old = {q for s in subjects
           for q in raw.quads_for_pattern(NamedNode(s), None, None, INCIDENT_GRAPH)}
    if STALE in raw:
        old.add(STALE)  # this update brings the graph up to date
    _write(store, old, set(incident_quads(incidents)), drop=removed)


def remove_articles(store, identifiers: Iterable[str]) -> list[str]:
    """Remove articles by identifier and update the incidents, in one update. Returns the
    identifiers that were in the store."""
    from kg.vocab import article_iri

    identifiers = list(dict.fromkeys(identifiers))
    present = [i for i in identifiers if store.has_graph(article_iri(i))]
    if present:
        update_incidents(store, removed=[article_iri(i) for i in present])
    return present


__all__ = ["Incident", "Report", "build_incidents", "derive_incidents", "incident_quads",
           "mark_stale", "needs_rebuild", "rebuild_incidents", "remove_articles",
           "update_incidents"]
