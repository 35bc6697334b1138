"""Plain records passed between reading, extraction, linking and mapping.

Extraction produces these from a spaCy ``Doc``; ``kg.mapping`` turns them into quads. Nothing here
knows about RDF or spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PLACE_KINDS = ("country", "region", "raion", "settlement", "district")


@dataclass(frozen=True)
class Article:
    """One news report as read from a source file."""

    identifier: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    site: str | None = None  # the site or feed that published it (web pages and feeds)
    source: str | None = None  # the file it came from, for messages
    line: int | None = None  # its line in a JSONL file


@dataclass(frozen=True)
class Place:
    """A place from the gazetteer (or found from context, then ``id`` starts with ``name:``).

    ``id`` is a stable key used in the place's IRI: the Wikidata QID where known, else
    ``gn<GeoNames id>``, else ``name:<slug>``. ``kind`` is one of ``PLACE_KINDS``.
    """

    id: str
    label: str
    kind: str
    qid: str | None = None
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    parent: Place | None = None
    population: int | None = None

    def chain(self) -> list[Place]:
        """This place and its ancestors, nearest first."""
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


@dataclass(frozen=True)
class Actor:
    """Who attacks or speaks. ``kind`` is person, organization or country (then ``place`` is set)."""

    kind: str
    name: str
    qid: str | None = None
    place: Place | None = None


@dataclass(frozen=True)
class Weapon:
    """A weapon kind (``key`` one of ``kg.vocab.WEAPON_KINDS``) or a model with its kind."""

    key: str
    label: str
    kind: str  # the generic kind key; equals ``key`` for a kind
    qid: str | None = None

    @property
    def is_kind(self) -> bool:
        return self.key == self.kind


@dataclass(frozen=True)
class Evidence:
    """A sentence of the article: its text and character offsets into ``Article.text``."""

    start: int
    end: int
    text: str
    #: ids of the rules that read a fact in this sentence (``kg/data/rules.jsonl``)
    rules: tuple[str, ...] = field(default=(), compare=False)


def add_evidence(items: list[Evidence], ev: Evidence) -> None:
    """Add ``ev`` to ``items``; a sentence already there gains the new rule ids instead."""
    for i, old in enumerate(items):
        if old == ev:
            if not set(ev.rules) <= set(old.rules):
                items[i] = Evidence(old.start, old.end, old.text,
                                    tuple(dict.fromkeys(old.rules + ev.rules)))
            return
    items.append(ev)


@dataclass(frozen=True)
class WeaponCount:
    weapon: Weapon
    quantity: int
    qualifier: str | None = None  # launched, shot down, hit
    # the sentence it was read in; not part of equality, so one count read twice is one
    evidence: Evidence | None = field(default=None, compare=False)


@dataclass
class Attack:
    """One attack on one place as the article reports it."""

    place: Place
    districts: list[Place] = field(default_factory=list)
    attackers: list[Actor] = field(default_factory=list)
    weapons: list[Weapon] = field(default_factory=list)
    counts: list[WeaponCount] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    date: date | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # "day", or "night": the night before ``date`` into it ("overnight", "the night of 24-25 June")
    date_precision: str | None = None
    raid: str | None = None  # the ``Raid.key`` of the wave it was part of


@dataclass
class Raid:
    """One wave of strikes by one attacker as one article reports it: its date and the counts
    said of the whole wave ("launched 48 drones, 40 shot down"). ``key`` is unique within the
    article and stable: the attacker's name and the date."""

    key: str
    attackers: list[Actor] = field(default_factory=list)
    counts: list[WeaponCount] = field(default_factory=list)
    date: date | None = None
    date_precision: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Statement:
    """A direct quote attributed to a speaker."""

    quote: str
    speaker: Actor
    start: int  # offset of the quote's first character in the article text
    role: str | None = None  # the speaker's role as this article gives it
    channel: str | None = None
    about: str | None = None  # the ``Place.id`` of the attack it speaks of
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    attacks: list[Attack] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    roles: dict[Actor, set[str]] = field(default_factory=dict)  # person → roles it states
    raids: list[Raid] = field(default_factory=list)
