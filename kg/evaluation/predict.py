"""What the store says about each article, read back with SPARQL for scoring.

The queries follow the graph shape every module agrees on (see the project brief): attacks are
``kg:reportedIn`` their article, places carry ``rdfs:label``, ``kg:partOf`` and ``owl:sameAs``,
weapons reach a contract kind through ``kg:broader*``. They run over the union of all graphs, so
everything is read with DISTINCT and gathered into sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, Store

from kg.evaluation.gold import KIND_PARENTS, kind_closure
from kg.vocab import KG, OWL_SAME_AS, PREFIXES, RDFS_LABEL, WD_NS, WEAPON_KINDS, weapon_iri

_KIND_OF_IRI = {weapon_iri(key).value: key for key in WEAPON_KINDS}
_WIKIDATA = (WD_NS, WD_NS.replace("http://", "https://", 1))


class _Named:
    """A predicted entity's display name and Wikidata items (needs labels, iri, same_as)."""

    @property
    def name(self) -> str:
        return self.labels[0] if self.labels else self.iri

    @property
    def qids(self) -> tuple[str, ...]:
        return wikidata_qids(self.same_as)


@dataclass(frozen=True)
class PredictedPlace(_Named):
    """A ``kg:Location`` as the store describes it."""

    iri: str = ""
    labels: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()  # labels of its kg:partOf ancestors, nearest first
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class PredictedCount:
    """A ``kg:WeaponCount``; ``kind`` is the nearest contract kind (else the weapon's label)."""

    kind: str
    quantity: int
    qualifier: str | None = None


@dataclass(frozen=True)
class PredictedAttack:
    iri: str = ""
    place: PredictedPlace = field(default_factory=PredictedPlace)
    attackers: tuple[str, ...] = ()
    weapons: frozenset[str] = frozenset()  # contract kind keys, every broader kind included
    other_weapons: tuple[str, ...] = ()  # labels of weapons that reach no contract kind
    killed: tuple[int, ...] = ()
    injured: tuple[int, ...] = ()
    counts: tuple[PredictedCount, ...] = ()


@dataclass(frozen=True)
class PredictedActor(_Named):
    iri: str = ""
    labels: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class PredictedStatement:
    iri: str = ""
    speaker: PredictedActor = field(default_factory=PredictedActor)
    quote: str = ""


@dataclass(frozen=True)
class Predicted:
    """Everything the store holds for one article. ``in_store`` is false when it is absent."""

    identifier: str
    in_store: bool = True
    attacks: tuple[PredictedAttack, ...] = ()
    statements: tuple[PredictedStatement, ...] = ()
    raid_counts: tuple[PredictedCount, ...] = ()  # counts said of a whole wave (kg:Raid)

    @property
    def weapon_counts(self) -> tuple[PredictedCount, ...]:
        """The article's counts, of its attacks and its raids (scored whatever the place)."""
        return tuple(dict.fromkeys([c for a in self.attacks for c in a.counts]
                                   + list(self.raid_counts)))


def wikidata_qids(iris: Iterable[str]) -> tuple[str, ...]:
    """The QIDs among ``owl:sameAs`` targets (GeoNames and other links are left out)."""
    out = []
    for iri in iris:
        for base in _WIKIDATA:
            if iri.startswith(base):
                out.append(iri[len(base):])
    return tuple(out)


def nearest_kind(kinds: Iterable[str]) -> str | None:
    """The most specific of contract kinds on one broader chain.

    >>> nearest_kind({"missile", "ballistic-missile"})
    'ballistic-missile'
    """
    kinds = set(kinds)
    broader = {KIND_PARENTS[k] for k in kinds if k in KIND_PARENTS}
    narrowest = sorted(kinds - kind_closure(broader))
    return narrowest[0] if narrowest else None


_ARTICLES = "SELECT DISTINCT ?article ?id WHERE { ?article a kg:Article ; dcterms:identifier ?id }"
_ATTACKS = """SELECT DISTINCT ?id ?attack ?place WHERE {
  ?article a kg:Article ; dcterms:identifier ?id .
  ?attack a kg:Attack ; kg:reportedIn ?article .
  OPTIONAL { ?attack kg:location ?place }
}"""
_ATTACK_NUMBERS = """SELECT DISTINCT ?attack ?p ?n WHERE {
  ?attack a kg:Attack ; ?p ?n . VALUES ?p { kg:killed kg:injured }
}"""
_ATTACKERS = """SELECT DISTINCT ?attack ?actor ?label WHERE {
  ?attack a kg:Attack ; kg:attacker ?actor . OPTIONAL { ?actor rdfs:label ?label }
}"""
_WEAPONS = """SELECT DISTINCT ?attack ?weapon ?kind ?label WHERE {
  ?attack a kg:Attack ; kg:weapon ?weapon . ?weapon kg:broader* ?kind .
  OPTIONAL { ?weapon rdfs:label ?label }
}"""
_RAIDS = """SELECT DISTINCT ?id ?raid WHERE {
  ?article a kg:Article ; dcterms:identifier ?id . ?raid a kg:Raid ; kg:reportedIn ?article .
}"""
# ?attack: an attack or a raid
_COUNTS = """SELECT DISTINCT ?attack ?count ?weapon ?n ?qualifier ?kind ?label WHERE {
  ?attack kg:weaponCount ?count . ?count kg:weapon ?weapon ; kg:quantity ?n .
  OPTIONAL { ?count kg:countQualifier ?qualifier }
  ?weapon kg:broader* ?kind .
  OPTIONAL { ?weapon rdfs:label ?label }
}"""
_PLACES = """SELECT DISTINCT ?place ?p ?o WHERE {
  ?attack a kg:Attack ; kg:location ?located . ?located kg:partOf* ?place .
  ?place ?p ?o . VALUES ?p { rdfs:label owl:sameAs kg:partOf }
}"""
_STATEMENTS = """SELECT DISTINCT ?id ?statement ?speaker ?quote WHERE {
  ?article a kg:Article ; dcterms:identifier ?id .
  ?statement a kg:Statement ; kg:reportedIn ?article .
  OPTIONAL { ?statement kg:speaker ?speaker }
  OPTIONAL { ?statement kg:quote ?quote }
}"""
_SPEAKERS = """SELECT DISTINCT ?speaker ?p ?o WHERE {
  ?statement a kg:Statement ; kg:speaker ?speaker .
  ?speaker ?p ?o . VALUES ?p { rdfs:label owl:sameAs }
}"""

_LABEL = RDFS_LABEL.value
_SAME_AS = OWL_SAME_AS.value
_PART_OF = KG.partOf.value
_KILLED = KG.killed.value


def predictions_from_store(store: Store, identifiers: Iterable[str]) -> dict[str, Predicted]:
    """What ``store`` holds for each article identifier (``dcterms:identifier``), by identifier.

    An identifier the store does not know gives an empty ``Predicted`` with ``in_store`` false.
    """
    wanted = list(dict.fromkeys(identifiers))

    def rows(query: str):
        return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)

    present = {_text(r["id"]) for r in rows(_ARTICLES)}
    attacks_of: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for r in rows(_ATTACKS):
        attacks_of[_text(r["id"])].add((r["attack"].value, _iri(r["place"])))

    numbers: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in rows(_ATTACK_NUMBERS):
        value = _integer(r["n"])
        if value is not None:
            which = "killed" if r["p"].value == _KILLED else "injured"
            numbers[(r["attack"].value, which)].add(value)

    attackers: dict[str, set[str]] = defaultdict(set)
    for r in rows(_ATTACKERS):
        attackers[r["attack"].value].add(_text(r["label"]) or r["actor"].value)

    # attack → weapon → the contract kinds it reaches (empty: none), and weapon → label
    weapon_kinds: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    weapon_labels: dict[str, str] = {}
    for r in rows(_WEAPONS):
        weapon = r["weapon"].value
        weapon_labels[weapon] = _text(r["label"]) or weapon
        found = weapon_kinds[r["attack"].value][weapon]
        kind = _KIND_OF_IRI.get(r["kind"].value)
        if kind is not None:
            found.add(kind)

    # attack → count node → its quantities, qualifiers, kinds reached and weapon label
    counts: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows(_COUNTS):
        quantity = _integer(r["n"])
        if quantity is None:
            continue
        entry = counts[r["attack"].value].setdefault(
            r["count"].value, {"quantity": set(), "qualifier": set(), "kinds": set(),
                               "label": _text(r["label"]) or r["weapon"].value})
        entry["quantity"].add(quantity)
        if r["qualifier"] is not None:
            entry["qualifier"].add(_text(r["qualifier"]))
        kind = _KIND_OF_IRI.get(r["kind"].value)
        if kind is not None:
            entry["kinds"].add(kind)

    raids_of: dict[str, set[str]] = defaultdict(set)
    for r in rows(_RAIDS):
        raids_of[_text(r["id"])].add(r["raid"].value)

    def counts_of(node: str) -> list[PredictedCount]:
        found = []
        for _, entry in sorted(counts.get(node, {}).items()):
            kind = nearest_kind(entry["kinds"]) or entry["label"]
            qualifier = min(entry["qualifier"]) if entry["qualifier"] else None
            for quantity in sorted(entry["quantity"]):
                found.append(PredictedCount(kind, quantity, qualifier))
        return found

    place_facts = _facts(rows(_PLACES))
    speaker_facts = _facts(rows(_SPEAKERS))

    statements_of: dict[str, set[tuple[str, str | None, str]]] = defaultdict(set)
    for r in rows(_STATEMENTS):
        statements_of[_text(r["id"])].add(
            (r["statement"].value, _iri(r["speaker"]), _text(r["quote"]) or ""))

    out: dict[str, Predicted] = {}
    for identifier in wanted:
        attacks = []
        for attack_iri, place_iri in sorted(attacks_of.get(identifier, ()), key=_by_iri):
            kinds: set[str] = set()
            others = set()
            for weapon, found in weapon_kinds.get(attack_iri, {}).items():
                if found:
                    kinds |= found
                else:
                    others.add(weapon_labels[weapon])
            attack_counts = counts_of(attack_iri)
            attacks.append(PredictedAttack(
                iri=attack_iri,
                place=_place(place_iri, place_facts) if place_iri else PredictedPlace(),
                attackers=tuple(sorted(attackers.get(attack_iri, ()))),
                weapons=kind_closure(kinds),
                other_weapons=tuple(sorted(others)),
                killed=tuple(sorted(numbers.get((attack_iri, "killed"), ()))),
                injured=tuple(sorted(numbers.get((attack_iri, "injured"), ()))),
                counts=tuple(dict.fromkeys(attack_counts)),
            ))
        statements = []
        for statement_iri, speaker_iri, quote in sorted(statements_of.get(identifier, ()),
                                                        key=_by_iri):
            facts = speaker_facts.get(speaker_iri or "", {})
            speaker = PredictedActor(
                iri=speaker_iri or "",
                labels=tuple(sorted(facts.get(_LABEL, ()))),
                same_as=tuple(sorted(facts.get(_SAME_AS, ()))),
            )
            statements.append(PredictedStatement(statement_iri, speaker, quote))
        raid_counts = [c for raid in sorted(raids_of.get(identifier, ())) for c in counts_of(raid)]
        out[identifier] = Predicted(identifier, identifier in present, tuple(attacks),
                                    tuple(statements), tuple(dict.fromkeys(raid_counts)))
    return out


def _place(iri: str, facts: dict[str, dict[str, set[str]]]) -> PredictedPlace:
    chain, seen, node = [], {iri}, iri
    while True:
        parents = sorted(facts.get(node, {}).get(_PART_OF, ()))
        if not parents or parents[0] in seen:
            break
        node = parents[0]
        seen.add(node)
        labels = sorted(facts.get(node, {}).get(_LABEL, ()))
        chain.append(labels[0] if labels else node)
    own = facts.get(iri, {})
    return PredictedPlace(iri, tuple(sorted(own.get(_LABEL, ()))), tuple(chain),
                          tuple(sorted(own.get(_SAME_AS, ()))))


def _facts(solutions) -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in solutions:
        out[r[0].value][r[1].value].add(r[2].value)
    return out


def _by_iri(row: tuple) -> str:
    return row[0]


def _iri(term) -> str | None:
    return None if term is None else term.value


def _text(term) -> str | None:
    return None if term is None else term.value


def _integer(term) -> int | None:
    if not isinstance(term, Literal):
        return None
    try:
        return int(term.value)
    except ValueError:
        return None
