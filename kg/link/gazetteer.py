"""The bundled gazetteer: places of Ukraine (and the few foreign ones news names) and actors.

Loaded once per process from ``kg/data/places.tsv.gz`` and ``kg/data/actors.tsv``, files that
``python -m kg.link.build_gazetteer`` makes from the reference tables::

    >>> gazetteer = load_gazetteer()
    >>> gazetteer.get("Q33342").chain()[-1].label
    'Ukraine'
    >>> [p.id for p in gazetteer.candidates("Kharkov", kinds={"settlement"})]
    ['Q42308']

Every name is looked up by its ``normalize`` key. Each (name, place) pair has a tier: 2 when
the verified table confirms that name for that Wikidata item, 1 for other current names,
0 for former (Soviet-era) names; ``kg.link.places.resolve`` uses the tiers to choose.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError
from kg.link.names import fold_iotation, normalize, query_key
from kg.long_lived import freeze_loaded
from kg.records import PLACE_KINDS, Actor, Place
from kg.resources import data_dir

DATA = data_dir()
PLACES_FILE, ACTORS_FILE = "places.tsv.gz", "actors.tsv"
#: the first part of a compound settlement name, written apart by some ("Novo-Oleksandrivka",
#: "Velyko-Mykhailivka"): the gazetteer knows the name in one word
_JOINED_PREFIX = re.compile(r"^(novo|staro|velyko|malo|verkhnyo|nyzhno|nyzhnyo|krasno|bilo|"
                            r"chorno|zeleno|pivdenno|pivnichno|sredne|serednyo) (?=[a-z])")
PLACES_HEADER = "\t".join(("id", "kind", "label", "qid", "geonames", "lat", "lon", "parent",
                           "population", "verified", "names", "former"))
ACTORS_HEADER = "kind\tqid\tname\tplace\tnames"
PROMINENT = 100_000  # the weight of a verified place whose population is unknown

__all__ = ["Gazetteer", "GazetteerError", "load_gazetteer", "normalize"]


#: how many names ``Gazetteer.knows`` keeps its answer for
_KNOWN_NAMES = 1 << 16


class GazetteerError(KgError):
    """The bundled gazetteer files are missing or malformed."""


# Who's On First gives Wikidata items for about 2,250 places that no second source confirms;
# a few are wrong (a village "Pravda" carries the newspaper's item). A wrong owl:sameAs is worse
# than none, so only towns of this size or more keep an unverified item; smaller places are
# linked through GeoNames alone.
TRUSTED_POPULATION = 10_000


class Gazetteer:
    """Places by id and by name key, and the verified actors."""

    normalize = staticmethod(normalize)

    def __init__(self, places: dict[str, Place], index: dict[str, list[tuple[str, int]]],
                 actors: dict[str, list[Actor]], verified: frozenset[str] = frozenset()):
        self._places = places
        self._index = index
        self._actors = actors
        self._verified = verified
        self._aliases: dict[str, str] = {}
        self._known: dict[str, bool] = {}  # name → ``knows(name)``, asked of each run of words

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path = DATA) -> Gazetteer:
        places_path, actors_path = folder / PLACES_FILE, folder / ACTORS_FILE
        hint = "rebuild it with python -m kg.link.build_gazetteer"
        try:
            raw = gzip.decompress(places_path.read_bytes()).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError):
            raise GazetteerError("cannot read the gazetteer", path=str(places_path),
                                 hint=hint) from None
        try:
            actor_text = actors_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise GazetteerError("cannot read the gazetteer", path=str(actors_path),
                                 hint=hint) from None
        lines = raw.split("\n")
        if lines[0] != PLACES_HEADER:
            raise GazetteerError("unexpected header", path=str(places_path), line=1)
        places: dict[str, Place] = {}
        index: dict[str, list[tuple[str, int]]] = {}
        verified = set()
        aliases: dict[str, str] = {}  # public id → the file's id, where they differ
        file_ids = {line.split("\t", 1)[0] for line in lines[1:] if line}
        add = index.setdefault
        for number, line in enumerate(lines[1:], start=2):
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != 12 or cols[1] not in PLACE_KINDS:
                raise GazetteerError("malformed place record", path=str(places_path),
                                     line=number)
            pid, kind, label, qid, geonames, lat, lon, parent, pop = cols[:9]
            key = pid
            if qid and not cols[9] and not (pop and int(pop) >= TRUSTED_POPULATION):
                qid = ""  # an unverified concordance of a small place: GeoNames only
                key = f"gn{geonames}" if geonames else ""
                if not key or key in file_ids or key in aliases:
                    key = f"name:{normalize(label).replace(' ', '-')}@{parent}#{pid}"
                aliases[key] = pid
            places[pid] = Place(
                id=key, label=label, kind=kind, qid=qid or None, geonames=geonames or None,
                lat=float(lat) if lat else None, lon=float(lon) if lon else None,
                parent=places.get(parent) if parent else None,
                population=int(pop) if pop else None)
            if parent and parent not in places:
                raise GazetteerError(f"parent {parent} of {pid} comes later or is missing",
                                     path=str(places_path), line=number)
            if cols[9]:
                verified.add(pid)
            for tier, column in ((2, cols[9]), (1, cols[10]), (0, cols[11])):
                if column:
                    entry = (pid, tier)  # one tuple shared by all the place's keys of a tier
                    for key in column.split("|"):
                        add(key, []).append(entry)
        gazetteer = cls(places, index, _read_actors(actor_text, actors_path, places),
                        frozenset(verified))
        gazetteer._aliases = aliases
        return gazetteer

    # --- places ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self):
        return iter(self._places.values())

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places or place_id in self._aliases

    def get(self, place_id: str) -> Place:
        """The place with that id (``Q1899``, ``gn703448``, ``name:…``); KeyError if none."""
        return self._places[self._aliases.get(place_id, place_id)]

    def is_verified(self, place: Place) -> bool:
        """True if the verified table confirms this place's Wikidata item."""
        return place.id in self._verified

    def matches(self, name: str, kinds=None) -> list[tuple[Place, int]]:
        """(place, tier) for every place bearing ``name``, best tier first."""
        key = query_key(name)
        hits = self._index.get(key, [])
        folded = fold_iotation(key)
        if folded != key:
            hits = hits + self._index.get(folded, [])
        if not hits and " " in key:
            joined = _JOINED_PREFIX.sub(r"\1", key)  # "Novo-Oleksandrivka": Novooleksandrivka
            if joined != key:
                hits = self._index.get(joined, []) + self._index.get(fold_iotation(joined), [])
        best: dict[str, int] = {}
        for pid, tier in hits:
            if kinds is None or self._places[pid].kind in kinds:
                best[pid] = max(tier, best.get(pid, -1))
        out = [(self._places[pid], tier) for pid, tier in best.items()]
        return sorted(out, key=lambda pt: (-pt[1], -(pt[0].population or 0), pt[0].id))

    def knows(self, name: str) -> bool:
        """Whether some place bears ``name``: ``bool(candidates(name))``, without building and
        sorting the list. Kept per name: extraction asks it of the same words many times."""
        known = self._known.get(name)
        if known is None:
            if len(self._known) >= _KNOWN_NAMES:
                self._known.clear()  # a long run (a server) keeps no more than this many
            key = query_key(name)
            folded = fold_iotation(key)
            known = self._known[name] = bool(self._index.get(key)) or (
                folded != key and bool(self._index.get(folded))) or (
                " " in key and _JOINED_PREFIX.match(key) is not None
                and bool(self.matches(name)))
        return known

    def candidates(self, name: str, kinds=None) -> list[Place]:
        """Places bearing ``name`` (any spelling the gazetteer knows), optionally of the given
        kinds, best match first. An exact lookup: "Kharkiv Oblast" finds the oblast, "Kharkiv"
        finds the city, the oblast (by its short name) and any village of that name."""
        return [place for place, _ in self.matches(name, kinds)]

    def weight(self, place: Place) -> int:
        """Population as a prior; a verified place without one counts as prominent."""
        if place.population:
            return place.population
        return PROMINENT if place.id in self._verified else 0

    def same_place(self, a: str, b: str) -> bool:
        """Whether two names denote the same place: ``same_place("Kiev", "Kyiv")``."""
        if normalize(a) == normalize(b):
            return bool(normalize(a))
        from kg.link.places import resolve  # resolve builds on this class

        pa, pb = resolve(a, gazetteer=self), resolve(b, gazetteer=self)
        if pa is not None and pb is not None:
            return pa.id == pb.id
        good_a = {p.id for p, tier in self.matches(a) if tier >= 1}
        good_b = {p.id for p, tier in self.matches(b) if tier >= 1}
        if pa is not None:
            return pa.id in good_b
        if pb is not None:
            return pb.id in good_a
        return bool(good_a) and good_a == good_b

    # --- actors ----------------------------------------------------------------------------

    def actor(self, name: str) -> Actor | None:
        """The verified country, person or organization of that name ("Zelensky",
        "Russian Federation", "NATO"), or None when unknown or ambiguous."""
        found = self._actors.get(normalize(name), [])
        return found[0] if len(found) == 1 else None

    def actors(self) -> list[Actor]:
        seen: dict[tuple[str, str], Actor] = {}
        for group in self._actors.values():
            for actor in group:
                seen.setdefault((actor.kind, actor.name), actor)
        return [seen[k] for k in sorted(seen)]


def _read_actors(text: str, path: Path, places: dict[str, Place]) -> dict[str, list[Actor]]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows or "\t".join(rows[0]) != ACTORS_HEADER:
        raise GazetteerError("unexpected header", path=str(path), line=1)
    out: dict[str, list[Actor]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 5:
            raise GazetteerError("malformed actor record", path=str(path), line=number)
        kind, qid, name, place, names = row
        actor = Actor(kind=kind, name=name, qid=qid or None, place=places.get(place))
        for key in names.split("|"):
            out.setdefault(key, []).append(actor)
    return out


@lru_cache(maxsize=None)
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The bundled gazetteer, read once per process (or the one in ``folder``), then kept out of
    the garbage collector's scans."""
    gazetteer = Gazetteer.load(folder or DATA)
    freeze_loaded()
    return gazetteer
