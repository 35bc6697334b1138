"""Extraction records → quads, with deterministic IRIs.

``article_quads`` returns two lists: the quads of the article's own graph (its attacks,
statements, evidence, the roles it gives people) and the shared entity descriptions (places,
actors, weapon models) that go to ``ENTITY_GRAPH``. The same records always give the same quads.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg.records import (
    Actor, Article, Attack, Evidence, Extraction, Place, Raid, Statement, Weapon, WeaponCount,
)
from kg.vocab import (
    DCT_IDENTIFIER, DCT_ISSUED, DCT_PUBLISHER, DCT_SOURCE, DCT_TITLE, ENTITY_GRAPH, GEO_AS_WKT, GEO_HAS_GEOMETRY,
    GEO_WKT_LITERAL, GEONAMES_NS, KG, OWL_SAME_AS, RDF_TYPE, RDFS_LABEL, WEAPON_KINDS, WGS84_LAT,
    WGS84_LONG, XSD_DATE, XSD_DECIMAL, XSD_INTEGER, article_iri, mint, segment, slug, weapon_iri,
    wikidata,
)

PLACE_CLASSES = {
    "country": (KG.Location, KG.Country, KG.Actor),
    "region": (KG.Location, KG.Region),
    "raion": (KG.Location, KG.Region),
    "settlement": (KG.Location, KG.Settlement),
    "district": (KG.Location, KG.District),
}
ACTOR_CLASSES = {
    "person": (KG.Actor, KG.Person),
    "organization": (KG.Actor, KG.Organization),
}


def _int(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD_INTEGER)


def _decimal(value: float) -> Literal:
    """xsd:decimal in its XSD 1.1 canonical form (46.4775, 49) as the store keeps it; six
    places at most."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return Literal("0" if text in ("-0", "") else text, datatype=XSD_DECIMAL)


def _iri_or_none(text: str | None) -> NamedNode | None:
    if not text:
        return None
    try:
        return NamedNode(text)
    except ValueError:
        return None


def place_iri(place: Place) -> NamedNode:
    return NamedNode(mint("place").value + "/" + segment(place.id))


def actor_iri(actor: Actor) -> NamedNode:
    if actor.kind == "country" and actor.place is not None:
        return place_iri(actor.place)
    return mint(actor.kind, slug(actor.name))


def evidence_iri(identifier: str, ev: Evidence) -> NamedNode:
    return NamedNode(f"{mint('evidence', identifier).value}/{ev.start}-{ev.end}")


def attack_iri(identifier: str, attack: Attack) -> NamedNode:
    return NamedNode(f"{mint('attack', identifier).value}/{segment(attack.place.id)}")


def raid_iri(identifier: str, key: str) -> NamedNode:
    """``…/id/raid/<article>/<attacker>/<date>``; the key is the raid's attacker and date."""
    return NamedNode(mint("raid", identifier).value + "/"
                     + "/".join(segment(part) for part in key.split("/")))


class _Graph:
    """Collects quads for the article graph and the shared graph, without duplicates."""

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self.own: dict[Quad, None] = {}
        self.shared: dict[Quad, None] = {}
        self.places: dict[int, tuple[Place, NamedNode]] = {}  # by id: each place described

    def add(self, s, p, o) -> None:
        self.own[Quad(s, p, o, self.graph)] = None

    def share(self, s, p, o) -> None:
        self.shared[Quad(s, p, o, ENTITY_GRAPH)] = None


def _describe_place(out: _Graph, place: Place) -> NamedNode:
    """The place's IRI, its description (and its parents') shared once per article graph: the
    same place object gives the same quads again, which the graph already holds."""
    if id(place) in out.places:
        return out.places[id(place)][1]
    iri = place_iri(place)
    out.places[id(place)] = place, iri
    for cls in PLACE_CLASSES.get(place.kind, (KG.Location,)):
        out.share(iri, RDF_TYPE, cls)
    out.share(iri, RDFS_LABEL, Literal(place.label))
    if place.qid:
        out.share(iri, OWL_SAME_AS, wikidata(place.qid))
    elif place.geonames:
        out.share(iri, OWL_SAME_AS, NamedNode(f"{GEONAMES_NS}{place.geonames}/"))
    if place.lat is not None and place.lon is not None:
        geometry = NamedNode(iri.value + "/geometry")
        out.share(iri, GEO_HAS_GEOMETRY, geometry)
        out.share(geometry, GEO_AS_WKT,
                  Literal(f"POINT({place.lon:g} {place.lat:g})", datatype=GEO_WKT_LITERAL))
        out.share(iri, WGS84_LAT, _decimal(place.lat))
        out.share(iri, WGS84_LONG, _decimal(place.lon))
    if place.parent is not None:
        out.share(iri, KG.partOf, _describe_place(out, place.parent))
    return iri


def _describe_actor(out: _Graph, actor: Actor) -> NamedNode:
    if actor.kind == "country" and actor.place is not None:
        return _describe_place(out, actor.place)
    iri = actor_iri(actor)
    for cls in ACTOR_CLASSES.get(actor.kind, (KG.Actor,)):
        out.share(iri, RDF_TYPE, cls)
    out.share(iri, RDFS_LABEL, Literal(actor.name))
    if actor.qid:
        out.share(iri, OWL_SAME_AS, wikidata(actor.qid))
    return iri


def _describe_weapon(out: _Graph, weapon: Weapon) -> NamedNode:
    iri = weapon_iri(weapon.key)
    if weapon.key in WEAPON_KINDS:
        return iri  # the kinds are individuals of the ontology graph
    out.share(iri, RDF_TYPE, KG.Weapon)
    out.share(iri, RDFS_LABEL, Literal(weapon.label))
    out.share(iri, KG.broader, weapon_iri(weapon.kind))
    if weapon.qid:
        out.share(iri, OWL_SAME_AS, wikidata(weapon.qid))
    return iri


def _evidence(out: _Graph, identifier: str, subject: NamedNode, items: list[Evidence]) -> None:
    for ev in items:
        iri = evidence_iri(identifier, ev)
        out.add(subject, KG.evidence, iri)
        out.add(iri, RDF_TYPE, KG.Evidence)
        out.add(iri, KG.text, Literal(ev.text))
        out.add(iri, KG.start, _int(ev.start))
        out.add(iri, KG.end, _int(ev.end))
        for rule_id in ev.rules:
            out.add(iri, KG.rule, Literal(rule_id))


def _article(out: _Graph, article: Article, iri: NamedNode, content_hash: str | None) -> None:
    out.add(iri, RDF_TYPE, KG.Article)
    out.add(iri, DCT_IDENTIFIER, Literal(article.identifier))
    if article.title:
        out.add(iri, DCT_TITLE, Literal(article.title))
    url = _iri_or_none(article.url)
    if url is not None:
        out.add(iri, DCT_SOURCE, url)
    if article.published:
        out.add(iri, DCT_ISSUED, Literal(article.published.isoformat(), datatype=XSD_DATE))
    if article.site:
        out.add(iri, DCT_PUBLISHER, Literal(article.site))
    if content_hash:
        out.add(iri, KG.contentHash, Literal(content_hash))


def _attack(out: _Graph, identifier: str, article: NamedNode, attack: Attack) -> NamedNode:
    iri = attack_iri(identifier, attack)
    out.add(iri, RDF_TYPE, KG.Attack)
    out.add(iri, KG.reportedIn, article)
    out.add(iri, KG.location, _describe_place(out, attack.place))
    for district in attack.districts:
        out.add(iri, KG.district, _describe_place(out, district))
    for actor in attack.attackers:
        out.add(iri, KG.attacker, _describe_actor(out, actor))
    for weapon in attack.weapons:
        out.add(iri, KG.weapon, _describe_weapon(out, weapon))
    _counts(out, identifier, iri, attack.counts)
    if attack.killed is not None:
        out.add(iri, KG.killed, _int(attack.killed))
    if attack.injured is not None:
        out.add(iri, KG.injured, _int(attack.injured))
    _date(out, iri, attack.date, attack.date_precision)
    if attack.raid is not None:
        out.add(iri, KG.raid, raid_iri(identifier, attack.raid))
    _evidence(out, identifier, iri, attack.evidence)
    return iri


def _counts(out: _Graph, identifier: str, iri: NamedNode, counts: list[WeaponCount]) -> None:
    for count in counts:
        node = NamedNode(f"{iri.value}/count/{segment(count.weapon.key)}/"
                         f"{segment(slug(count.qualifier or 'reported'))}/{int(count.quantity)}")
        out.add(iri, KG.weaponCount, node)
        out.add(node, RDF_TYPE, KG.WeaponCount)
        out.add(node, KG.weapon, _describe_weapon(out, count.weapon))
        out.add(node, KG.quantity, _int(count.quantity))
        if count.qualifier:
            out.add(node, KG.countQualifier, Literal(count.qualifier))
        if count.evidence is not None:
            _evidence(out, identifier, node, [count.evidence])


def _date(out: _Graph, iri: NamedNode, day, precision: str | None) -> None:
    if day is not None:
        out.add(iri, KG.date, Literal(day.isoformat(), datatype=XSD_DATE))
        if precision:
            out.add(iri, KG.datePrecision, Literal(precision))


def _raid(out: _Graph, identifier: str, article: NamedNode, raid: Raid) -> NamedNode:
    iri = raid_iri(identifier, raid.key)
    out.add(iri, RDF_TYPE, KG.Raid)
    out.add(iri, KG.reportedIn, article)
    for actor in raid.attackers:
        out.add(iri, KG.attacker, _describe_actor(out, actor))
    _date(out, iri, raid.date, raid.date_precision)
    _counts(out, identifier, iri, raid.counts)
    _evidence(out, identifier, iri, raid.evidence)
    return iri


def _statement(out: _Graph, identifier: str, article: NamedNode, statement: Statement,
               attacks: dict[str, NamedNode], shared_start: bool = False) -> None:
    iri = NamedNode(f"{mint('statement', identifier).value}/{statement.start}")
    if shared_start:  # one quote attributed to several speakers: one statement each
        iri = NamedNode(f"{iri.value}/{segment(slug(statement.speaker.name))}")
    out.add(iri, RDF_TYPE, KG.Statement)
    out.add(iri, KG.reportedIn, article)
    speaker = _describe_actor(out, statement.speaker)
    out.add(iri, KG.speaker, speaker)
    out.add(iri, KG.quote, Literal(statement.quote))
    if statement.channel:
        out.add(iri, KG.channel, Literal(statement.channel))
    if statement.about and statement.about in attacks:
        out.add(iri, KG.about, attacks[statement.about])
    if statement.role and statement.speaker.kind == "person":
        out.add(speaker, KG.role, Literal(statement.role))
    _evidence(out, identifier, iri, statement.evidence)


def article_quads(extraction: Extraction, content_hash: str | None = None
                  ) -> tuple[NamedNode, list[Quad], list[Quad]]:
    """The article's graph IRI, its own quads, and the shared entity quads."""
    article = extraction.article
    iri = article_iri(article.identifier)
    out = _Graph(iri)
    _article(out, article, iri, content_hash)
    for raid in extraction.raids:
        _raid(out, article.identifier, iri, raid)
    attacks = {attack.place.id: _attack(out, article.identifier, iri, attack)
               for attack in extraction.attacks}
    starts = [s.start for s in extraction.statements]
    for statement in extraction.statements:
        _statement(out, article.identifier, iri, statement, attacks,
                   shared_start=starts.count(statement.start) > 1)
    for actor, roles in sorted(extraction.roles.items(), key=lambda item: item[0].name):
        person = _describe_actor(out, actor)
        for role in sorted(roles):
            out.add(person, KG.role, Literal(role))
    return iri, list(out.own), list(out.shared)
