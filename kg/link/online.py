"""Online linking: entities still without ``owl:sameAs`` looked up in Wikidata, NIL when in doubt.

For each person, organization and place of the entities graph that has no ``owl:sameAs`` yet,
``link_online`` searches Wikidata by its label (``wbsearchentities``: English, items, five hits
a page; a further page while a page ends with an item of that very name, up to twenty, and NIL
for a name more common than that), reads the candidates (``wbgetentities``: labels, aliases,
descriptions, claims) and accepts a candidate only when

- its English (or language-neutral ``mul``) label or one of its aliases is the name, exactly,
  after case folding (a name that only appears in a description is no match);
- its type fits: a person is an instance of human (P31 Q5); an organization is an instance of
  something that is not a human, not a place and not a Wikimedia page or a name; a settlement,
  region or district is an instance of a class of that kind (judged by the class's QID or its
  English label, see ``class_kinds``);
- a settlement, region or district lies in Ukraine or Russia (P17 Q212 or Q159).

Exactly one accepted candidate is a link; none or several is NIL — never a guess. The links are
written into the entities graph in one update (one transaction), after every lookup succeeded:
if Wikidata cannot be reached, ``WikidataUnreachable`` is raised and nothing is written.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.errors import StoreError
from kg.link.wikidata_client import (
    USER_AGENT, WIKIDATA_API, WikidataAnswerError, WikidataClient, WikidataUnreachable,
)
from kg.vocab import ENTITY_GRAPH, KG, OWL_SAME_AS, RDF_TYPE, RDFS_LABEL, WD_NS

SEARCH_LIMIT = 5  # hits a page of search results
MAX_CANDIDATES = 20  # more items of one name than this: NIL, too common to tell apart
LANGUAGES = ("en", "mul")  # "mul": labels valid in every language, used by Wikidata since 2024
COUNTRIES = {"Q212": "Ukraine", "Q159": "Russia"}
HUMAN = "Q5"

# Kinds of our entities, by their class in the graph (the first that applies wins).
KIND_OF_CLASS = (
    (KG.Country, "country"),
    (KG.District, "district"),
    (KG.Settlement, "settlement"),
    (KG.Region, "region"),
    (KG.Person, "person"),
    (KG.Organization, "organization"),
)
PLACE_KINDS = ("country", "region", "settlement", "district")
IN_COUNTRY_KINDS = ("region", "settlement", "district")

# Classes whose kind is known without asking for their label.
KNOWN_CLASSES = {
    "Q515": {"settlement"},  # city
    "Q486972": {"settlement"},  # human settlement
    "Q532": {"settlement"},  # village
    "Q3957": {"settlement"},  # town
    "Q5119": {"settlement"},  # capital
    "Q1549591": {"settlement"},  # big city
    "Q6256": {"country"},  # country
    "Q3624078": {"country"},  # sovereign state
}
# Classes of items that are pages or names, not things: never an organization.
NOT_A_THING = {
    "Q4167410",  # Wikimedia disambiguation page
    "Q4167836",  # Wikimedia category
    "Q13406463",  # Wikimedia list article
    "Q11266439",  # Wikimedia template
    "Q101352",  # family name
    "Q202444",  # given name
    "Q12308941",  # male given name
    "Q11879590",  # female given name
}

# Kinds of a class judged by words of its English label ("oblast of Ukraine" → region).
_WORDS = {
    "district": r"district|borough|neighbou?rhood|quarter|microdistrict|city raion|urban raion"
                r"|raion of a city",
    "region": r"oblast|region|krai|province|okrug|federal subject|republic|raion"
              r"|municipal district|district of (?:russia|ukraine)",
    "settlement": r"city|town|village|settlement|hamlet|capital|metropolis|locality|selo"
                  r"|selyshche|posyolok|khutor|stanitsa",
    "country": r"country|sovereign state",
}
_KIND_WORDS = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in _WORDS.items()}
_QID = re.compile(r"Q[1-9][0-9]*")
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u02bc\u2018`\u00b4\u02b9\u02bb"})


def fold(name: str) -> str:
    """A name compared "exactly after case folding": NFC, case folded, one kind of apostrophe,
    runs of white space as one space."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES).casefold()
    return " ".join(text.split())


def class_kinds(label: str) -> set[str]:
    """The kinds of place a class's English label speaks of.

    >>> sorted(class_kinds("oblast of Ukraine")), sorted(class_kinds("city district"))
    (['region'], ['district'])
    """
    text = fold(label)
    kinds = {kind for kind, words in _KIND_WORDS.items() if words.search(text)}
    if "district" in kinds:
        kinds.discard("settlement")  # "city district" is a district, not a city
        if not re.search(r"municipal district|district of (?:russia|ukraine)", text):
            kinds.discard("region")  # "raion of a city" is a district
    if "region" in kinds or "district" in kinds:
        kinds.discard("country")  # "first-level administrative country subdivision"
    if "subdivision" in text:
        kinds.discard("country")
    return kinds


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Decision:
    """What was decided for one entity. ``outcome`` is ``linked``, ``nil`` or ``error``."""

    entity: str
    name: str
    kind: str
    outcome: str
    qid: str | None = None
    reason: str = ""
    candidates: tuple[str, ...] = ()
    rejected: tuple[tuple[str, str], ...] = ()  # (QID, why) for each candidate turned down

    def describe(self) -> str:
        head = f"{self.kind} {self.name!r}: "
        if self.outcome == "linked":
            return head + f"linked to {self.qid}"
        return head + f"{'NIL' if self.outcome == 'nil' else 'error'} ({self.reason})"


@dataclass
class LinkReport:
    """Counts and decisions of one ``link_online`` run."""

    dry_run: bool = False
    decisions: list[Decision] = field(default_factory=list)
    requests: int = 0  # requests sent to Wikidata
    cache_hits: int = 0  # answers read from the cache
    written: int = 0  # owl:sameAs triples written (0 on a dry run)

    def _count(self, outcome: str) -> int:
        return sum(1 for d in self.decisions if d.outcome == outcome)

    @property
    def looked_up(self) -> int:
        return len(self.decisions)

    @property
    def linked(self) -> int:
        return self._count("linked")

    @property
    def nil(self) -> int:
        return self._count("nil")

    @property
    def errors(self) -> int:
        return self._count("error")

    def links(self) -> dict[str, str]:
        """Entity IRI → QID of every link made (or, on a dry run, that would be made)."""
        return {d.entity: d.qid for d in self.decisions if d.outcome == "linked" and d.qid}

    def summary(self) -> str:
        verb = "would link" if self.dry_run else "linked"
        return (f"looked up {self.looked_up} entities: {verb} {self.linked}, NIL {self.nil}, "
                f"errors {self.errors} ({self.requests} requests, {self.cache_hits} from cache)")


# ---------------------------------------------------------------------------------------------
# Reading the store


_UNLINKED = """
SELECT ?entity ?class (MIN(STR(?label)) AS ?name) WHERE {
  GRAPH %(graph)s { ?entity %(type)s ?class ; %(label)s ?label }
  VALUES ?class { %(classes)s }
  FILTER NOT EXISTS { ?entity %(same)s ?link }
}
GROUP BY ?entity ?class
ORDER BY ?entity
"""


def unlinked_entities(store) -> list[tuple[str, str, str]]:
    """``(entity IRI, name, kind)`` of every person, organization and place of the entities
    graph without ``owl:sameAs``, sorted by IRI."""
    text = _UNLINKED % {
        "graph": ENTITY_GRAPH, "type": RDF_TYPE, "label": RDFS_LABEL, "same": OWL_SAME_AS,
        "classes": " ".join(str(cls) for cls, _ in KIND_OF_CLASS),
    }
    rank = {cls.value: i for i, (cls, _) in enumerate(KIND_OF_CLASS)}
    kinds: dict[str, tuple[int, str, str]] = {}
    for row in store.query(text):
        entity, cls, name = row["entity"].value, row["class"].value, row["name"].value
        if not name.strip():
            continue
        best = kinds.get(entity)
        if best is None or rank[cls] < best[0]:
            kinds[entity] = (rank[cls], name, KIND_OF_CLASS[rank[cls]][1])
    return [(entity, name, kind) for entity, (_, name, kind) in sorted(kinds.items())]


# ---------------------------------------------------------------------------------------------
# Reading Wikidata's answers


def _values(claims: dict, prop: str) -> list[str]:
    """The item QIDs a property's non-deprecated statements point to."""
    out = []
    for statement in claims.get(prop, []) or []:
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        snak = statement.get("mainsnak") or {}
        if snak.get("snaktype") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        if isinstance(value, dict):
            qid = value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
            if qid:
                out.append(qid)
    return out


def _names_hit(hit: dict, key: str) -> bool:
    """Whether a search hit bears the name (folded ``key``) as its label, alias or match."""
    if not isinstance(hit, dict):
        return False
    texts = [hit.get("label"), (hit.get("match") or {}).get("text"), *(hit.get("aliases") or [])]
    return any(isinstance(text, str) and fold(text) == key for text in texts)


def _names(entity: dict) -> set[str]:
    names = set()
    for lang in LANGUAGES:
        label = (entity.get("labels") or {}).get(lang)
        if isinstance(label, dict) and label.get("value"):
            names.add(fold(label["value"]))
        for alias in (entity.get("aliases") or {}).get(lang, []) or []:
            if isinstance(alias, dict) and alias.get("value"):
                names.add(fold(alias["value"]))
    return names


class _Linker:
    def __init__(self, client: WikidataClient):
        self.client = client
        self.class_labels: dict[str, str] = {}

    def search(self, name: str) -> tuple[list[str], bool]:
        """Candidate QIDs for ``name``, and whether they are all the items of that name.

        Search ranks exact names first: while a page of hits ends with one, the next page may
        hold more, so it is read too, up to ``MAX_CANDIDATES``. Past that the name is too common
        to tell its items apart (the second value is False).
        """
        out: list[str] = []
        key, offset = fold(name), 0
        while True:
            params = {"action": "wbsearchentities", "search": name, "language": "en",
                      "uselang": "en", "type": "item", "limit": str(SEARCH_LIMIT)}
            if offset:
                params["continue"] = str(offset)
            answer = self.client.get(params)
            hits = answer.get("search")
            if not isinstance(hits, list):
                raise WikidataAnswerError("Wikidata's search answer has no results list")
            for hit in hits:
                qid = hit.get("id") if isinstance(hit, dict) else None
                if isinstance(qid, str) and _QID.fullmatch(qid) and qid not in out:
                    out.append(qid)
            more = answer.get("search-continue")
            if not (isinstance(more, int) and more > offset and hits
                    and _names_hit(hits[-1], key)):
                return out, True
            if len(out) >= MAX_CANDIDATES:
                return out, False
            offset = more

    def entities(self, qids: list[str], props: str) -> dict[str, dict]:
        answer = self.client.get({
            "action": "wbgetentities", "ids": "|".join(qids), "props": props,
            "languages": "|".join(LANGUAGES),
        })
        found = answer.get("entities")
        if not isinstance(found, dict):
            raise WikidataAnswerError("Wikidata's entities answer has no entities")
        out = {}
        for key, entity in found.items():
            if isinstance(entity, dict) and "missing" not in entity:
                out[key] = entity
                redirect = entity.get("redirects")
                if isinstance(redirect, dict) and isinstance(redirect.get("from"), str):
                    out[redirect["from"]] = entity  # asked for a redirect, given its target
        return out

    def kinds_of(self, classes: Iterable[str]) -> dict[str, set[str]]:
        """Kinds of place each class stands for: known QIDs, else words of its English label."""
        classes = sorted(set(classes))
        unknown = [c for c in classes if c not in KNOWN_CLASSES and c not in self.class_labels]
        for start in range(0, len(unknown), 50):
            batch = unknown[start:start + 50]
            found = self.entities(batch, "labels")
            for qid in batch:
                labels = (found.get(qid) or {}).get("labels") or {}
                label = next((labels[lang].get("value", "") for lang in LANGUAGES
                              if isinstance(labels.get(lang), dict)), "")
                self.class_labels[qid] = label
        return {c: set(KNOWN_CLASSES.get(c, ())) or class_kinds(self.class_labels.get(c, ""))
                for c in classes}

    def check(self, name: str, kind: str, entity: dict, kinds: dict[str, set[str]]) -> str | None:
        """Why ``entity`` cannot be ``name`` of ``kind``, or None when it passes every check."""
        if fold(name) not in _names(entity):
            return "neither its label nor an alias is the name"
        claims = entity.get("claims") or {}
        types = _values(claims, "P31")
        if kind == "person":
            return None if HUMAN in types else "not an instance of human (Q5)"
        if not types:
            return "no instance-of (P31) statement"
        if kind == "organization":
            if HUMAN in types:
                return "a human, not an organization"
            if NOT_A_THING & set(types):
                return "a Wikimedia page or a name"
            if any(kinds.get(t, set()) & set(PLACE_KINDS) for t in types):
                return "a place, not an organization"
            return None
        if not any(kind in kinds.get(t, set()) for t in types):
            return f"its type ({', '.join(types)}) is not a {kind}"
        if kind in IN_COUNTRY_KINDS:
            countries = _values(claims, "P17")
            if not set(countries) & set(COUNTRIES):
                where = ", ".join(countries) if countries else "no country (P17)"
                return f"not in Ukraine or Russia ({where})"
        return None

    def decide(self, entity_iri: str, name: str, kind: str) -> Decision:
        base = {"entity": entity_iri, "name": name, "kind": kind}
        try:
            candidates, complete = self.search(name)
            if not candidates:
                return Decision(**base, outcome="nil", reason="no candidates")
            if not complete:
                return Decision(**base, outcome="nil", candidates=tuple(candidates),
                                reason=f"more than {len(candidates)} items of that name")
            found = self.entities(candidates, "aliases|claims|descriptions|labels")
            kinds = {}
            if kind != "person":
                kinds = self.kinds_of(t for e in found.values()
                                      for t in _values(e.get("claims") or {}, "P31"))
        except WikidataAnswerError as error:
            return Decision(**base, outcome="error", reason=error.message)
        accepted, rejected = [], []
        for qid in candidates:
            entity = found.get(qid)
            if entity is None:
                rejected.append((qid, "missing from Wikidata's answer"))
                continue
            why = self.check(name, kind, entity, kinds)
            if why is not None:
                rejected.append((qid, why))
                continue
            target = entity.get("id")
            accepted.append(target if isinstance(target, str) and _QID.fullmatch(target) else qid)
        accepted = sorted(set(accepted), key=accepted.index)
        common = {"candidates": tuple(candidates), "rejected": tuple(rejected)}
        if len(accepted) == 1:
            return Decision(**base, outcome="linked", qid=accepted[0],
                            reason="the only candidate that passed the checks", **common)
        if not accepted:
            return Decision(**base, outcome="nil", reason="no candidate passed the checks",
                            **common)
        return Decision(**base, outcome="nil",
                        reason=f"ambiguous: {', '.join(accepted)} all passed the checks",
                        **common)


# ---------------------------------------------------------------------------------------------
# The entry point


def link_online(store, *, endpoint: str = WIKIDATA_API,
                cache_dir: str | os.PathLike | None = None, rate: float = 1.0,
                timeout: float = 10.0, user_agent: str = USER_AGENT, dry_run: bool = False,
                client: WikidataClient | None = None,
                on_decision: Callable[[Decision], None] | None = None) -> LinkReport:
    """Look up the store's unlinked persons, organizations and places in Wikidata and write
    ``owl:sameAs`` for each one that has exactly one candidate passing the checks.

    ``cache_dir`` defaults to ``kg.link.wikidata_client.default_cache_dir()``; ``client`` (for
    tests) replaces the client the other options would build. ``on_decision`` is called after
    each entity (for progress). Raises ``WikidataUnreachable`` — and writes nothing — when
    Wikidata cannot be reached.
    """
    if client is None:
        client = WikidataClient(endpoint, cache_dir=cache_dir, rate=rate, timeout=timeout,
                                user_agent=user_agent)
    linker = _Linker(client)
    report = LinkReport(dry_run=dry_run)
    requests, hits = client.requests, client.cache_hits
    try:
        for entity, name, kind in unlinked_entities(store):
            decision = linker.decide(entity, name, kind)
            report.decisions.append(decision)
            if on_decision is not None:
                on_decision(decision)
    finally:
        report.requests = client.requests - requests
        report.cache_hits = client.cache_hits - hits
    links = report.links()
    if links and not dry_run:
        write_links(store, links)
        report.written = len(links)
    return report


def write_links(store, links: dict[str, str]) -> None:
    """Write ``<entity> owl:sameAs wd:QID`` into the entities graph, in one update."""
    lines = "\n".join(f"{NamedNode(entity)} {OWL_SAME_AS} {NamedNode(WD_NS + qid)} ."
                      for entity, qid in sorted(links.items()))
    try:
        store.raw.update(f"INSERT DATA {{ GRAPH {ENTITY_GRAPH} {{\n{lines}\n}} }}")
    except OSError as error:
        raise StoreError(f"cannot write the links: {error}",
                         path=str(getattr(store, "path", None) or "store")) from None


__all__ = ["link_online", "LinkReport", "Decision", "WikidataUnreachable", "unlinked_entities",
           "write_links", "class_kinds", "fold"]
