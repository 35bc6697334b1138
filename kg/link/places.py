"""The offline place linker: a name read in an article → one gazetteer place, or None.

    >>> resolve("Kharkiv").id, resolve("Kharkiv region").id
    ('Q42308', 'Q170666')
    >>> resolve("Pivdenne") is None
    True
    >>> resolve("Pivdenne", context=(resolve("Odesa Oblast"),)).id
    'Q586710'

How a name is decided, in order:

1. The words around the name set the kinds it may have: "Kharkiv Oblast", "Kharkiv region" →
   region; "Nikopol district", ``kind="raion"`` → raion or city district; "the village of X",
   "X city" → settlement. Without such a hint a bare name means a country, else a settlement,
   else a region ("Kharkiv" is the city, "Volyn" the oblast), else a raion or district.
2. Names that only a former (Soviet-era) spelling matches give way to current ones.
3. Context: places already read in the article. The candidates sharing the deepest
   administrative unit with one of them (same city, raion or oblast; the country alone counts
   least, and a country named as an actor not at all) win. ``within``, a country or region the
   text states ("Russia's Samara region"), leaves only the candidates inside it.
4. Population as a prior, only when decisive: the largest must be at least ``RATIO`` times the
   next (the city of Mykolaiv against the town in Lviv Oblast).
5. Namesakes in several countries that nothing else decides: the Ukrainian place if the
   verified table confirms it or it is a town of ``TRUSTED_TOWN`` people, larger than each
   foreign namesake (Donetsk, not its namesake in Rostov Oblast).
6. Otherwise None: a wrong link is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.link.gazetteer import Gazetteer, load_gazetteer
from kg.records import Place

RATIO = 20  # population prior: the largest candidate must be this many times the next
FLOOR = 500  # …and an unknown population counts as this much
PROMINENT_SETTLEMENT = 50_000  # a settlement this large beats an oblast of the same name
TRUSTED_TOWN = 10_000  # a Ukrainian town this large is the news' reading of a shared name
HOME = "Q212"  # Ukraine
RUSSIA = "Q159"

_HINT_KINDS = {
    "region": ("region",),
    "oblast": ("region",),
    "raion": ("raion", "district"),
    "district": ("district", "raion"),
    "settlement": ("settlement",),
    "city": ("settlement",),
    "country": ("country",),
}
_SUFFIXES = {
    "oblast": "region", "region": "region", "province": "region", "krai": "region",
    "raion": "raion", "rayon": "raion", "district": "raion",
    "city": "settlement", "town": "settlement", "village": "settlement",
    "hromada": "settlement", "community": "settlement", "settlement": "settlement",
}
_PREFIXES = (
    ("the city of ", "settlement"), ("city of ", "settlement"), ("the town of ", "settlement"),
    ("town of ", "settlement"), ("the village of ", "settlement"), ("village of ", "settlement"),
    ("urban type settlement of ", "settlement"), ("the settlement of ", "settlement"),
    ("settlement of ", "settlement"), ("the ", None),
)
_POSSESSIVE = re.compile(r"['\u2019]s$")
_LEVEL = {"district": 4, "settlement": 3, "raion": 2, "region": 1, "country": 0.5}
_SAME_AS = {"Q7835": "Q756294"}  # the Crimean peninsula stands for the autonomous republic
_ON_THE_PENINSULA = {"Q7525"}  # Sevastopol: not in the autonomous republic, but in Crimea


def resolve(name: str, *, kind: str | None = None, context: Iterable[Place] = (),
            gazetteer: Gazetteer | None = None, within: Place | None = None) -> Place | None:
    """The place ``name`` denotes, or None when unknown or still ambiguous.

    ``kind`` is a hint read from the text (region, raion, district, settlement, country);
    ``context`` the places already resolved in the same article; ``within`` a country or region
    the text puts the place in ("Russia's Samara region", "the Belgorod Oblast village of X"):
    only places inside it are candidates.
    """
    gaz = gazetteer or load_gazetteer()
    context = tuple(p for p in context if p is not None)
    kinds = _HINT_KINDS.get(kind or "")
    name = _POSSESSIVE.sub("", name.strip())
    for key, key_kinds in _readings(gaz.normalize(name), kinds):
        matches = gaz.matches(key, key_kinds)
        if key_kinds and set(key_kinds) & {"raion", "district"}:
            matches += gaz.matches(key + " raion", key_kinds)
        if within is not None:
            matches = [(p, t) for p, t in matches if p.id != within.id and inside(p, within)]
        if not matches:
            continue
        if key_kinds is None:
            return _by_kind_preference(gaz, matches, context)
        return _decide(gaz, matches, context)
    head, comma, qualifier = name.rpartition(",")
    if comma and head.strip():
        # a Wikipedia title that names the region after a comma: "Klimovo, Bryansk Oblast",
        # "Mykolaivka, Kramatorsk Raion, Donetsk Oblast" (each part inside the next)
        region = resolve(qualifier, gazetteer=gaz, within=within)
        if region is not None and region.kind in ("country", "region", "raion"):
            return resolve(head, kind=kind, context=context, gazetteer=gaz, within=region)
    return None


def _readings(key: str, kinds) -> list[tuple[str, tuple[str, ...] | None]]:
    """The (key, kinds) to try in turn: the name as it stands, then stripped of a kind word."""
    out = [(key, kinds)]
    core, core_kinds = key, kinds
    for prefix, prefix_kind in _PREFIXES:
        if core.startswith(prefix):
            core = core[len(prefix):]
            if prefix_kind:
                core_kinds = _narrow(core_kinds, _HINT_KINDS[prefix_kind])
            break
    words = core.split(" ")
    if len(words) > 1 and words[-1] in _SUFFIXES:
        core = " ".join(words[:-1])
        core_kinds = _narrow(core_kinds, _HINT_KINDS[_SUFFIXES[words[-1]]])
    if core != key and core:
        out.append((core, core_kinds))
    return out


def _narrow(given, hinted):
    if given is None:
        return hinted
    both = tuple(k for k in given if k in hinted)
    return both or given


def _by_kind_preference(gaz: Gazetteer, matches, context) -> Place | None:
    """A bare name: a country, else a settlement (unless an oblast of that name is the
    likelier reading), else a region, else a raion or city district."""
    def of(*kinds):
        return [(p, t) for p, t in matches if p.kind in kinds]

    if of("country"):
        return _decide(gaz, of("country"), context)
    settlements, regions = of("settlement"), of("region")
    if settlements:
        town = _decide(gaz, settlements, context)
        if not regions:
            return town
        if town is not None and (gaz.is_verified(town)
                                 or gaz.weight(town) >= PROMINENT_SETTLEMENT
                                 or _context_score(town, context) >= 1):
            return town
        region = _decide(gaz, regions, context)
        return region if region is not None else town
    if regions:
        return _decide(gaz, regions, context)
    return _decide(gaz, of("raion", "district"), context)


def _decide(gaz: Gazetteer, matches: list[tuple[Place, int]], context) -> Place | None:
    best: dict[str, tuple[Place, int]] = {}
    for place, tier in matches:
        if place.id not in best or best[place.id][1] < tier:
            best[place.id] = (place, tier)
    if any(t >= 1 for _, t in best.values()):
        best = {pid: (p, t) for pid, (p, t) in best.items() if t >= 1}
    places = sorted((p for p, _ in best.values()), key=lambda p: (-gaz.weight(p), p.id))
    if len(places) <= 1:
        return places[0] if places else None
    prior = _prior(gaz, places, best)
    if context:
        scores = {p.id: _context_score(p, context) for p in places}
        top = max(scores.values())
        if top > 0:
            fitting = [p for p in places if scores[p.id] == top]
            regional = [p for p in places if scores[p.id] >= 1]
            if top > 1 and len(regional) > 1 and prior is None:
                # a village of the raion in context against the oblast's city of that name:
                # population decides among the oblast's candidates (Kostiantynivka the city)
                prior = _prior(gaz, regional, best)
            if top >= 1 and prior is not None and prior not in fitting and \
                    prior.kind == "settlement" \
                    and not any(p.population or best[p.id][1] == 2 or p.kind != "settlement"
                                or country_of(p) is not country_of(prior) for p in fitting):
                return prior  # villages of unknown size do not outweigh a decisive city (of
                # their own country: a Russian town is no reading of a village in the context)
            if len(fitting) == 1:
                return fitting[0]
            places = fitting
            prior = _prior(gaz, places, best)
    return prior if prior is not None else _home_prior(gaz, places, best)


def _home_prior(gaz: Gazetteer, places: list[Place], best) -> Place | None:
    """Namesakes in several countries that context leaves open: the Ukrainian place, when it
    is the one the news names — confirmed by the verified table or a town of
    ``TRUSTED_TOWN`` people — and outweighs every foreign namesake (Donetsk, not the town of
    Rostov Oblast; but Samara the Russian city, not the Ukrainian village)."""
    countries = {country_of(p).id if country_of(p) else None for p in places}
    if len(countries) < 2 or HOME not in countries:
        return None
    home = [p for p in places if country_of(p) is not None and country_of(p).id == HOME]
    pick = home[0] if len(home) == 1 else _prior(gaz, home, best)
    if pick is None or not (best[pick.id][1] == 2 or (pick.population or 0) >= TRUSTED_TOWN):
        return None
    foreign = [gaz.weight(p) for p in places if p not in home]
    return pick if gaz.weight(pick) > max(foreign) else None


def _prior(gaz: Gazetteer, places: list[Place], best) -> Place | None:
    """The candidate population makes decisive, if any (``places`` sorted by weight).
    Populations of different kinds (a raion, a city district) are not compared."""
    if len({p.kind for p in places}) > 1:
        return None
    confirmed = [p for p in places if best[p.id][1] == 2]
    if len(confirmed) == 1 and all(p.population is None for p in places if p is not confirmed[0]):
        return confirmed[0]  # a verified place against villages of unknown size
    first, second = gaz.weight(places[0]), gaz.weight(places[1])
    if first >= RATIO * max(second, FLOOR):
        return places[0]
    return None


def inside(place: Place, area: Place) -> bool:
    """Whether ``area`` (a country, region, raion or city) contains ``place``."""
    target = _SAME_AS.get(area.id, area.id)
    if target == _SAME_AS["Q7835"] and any(node.id in _ON_THE_PENINSULA for node in place.chain()):
        return area.id == "Q7835"
    return any(_SAME_AS.get(node.id, node.id) == target for node in place.chain()[1:])


#: Crimea as the gazetteer holds it: the peninsula, the autonomous republic, Russia's name for
#: it, and Sevastopol; held by Russia since 2014
CRIMEA = frozenset({"Q7835", "Q756294", "Q15966495"}) | _ON_THE_PENINSULA


def in_crimea(place: Place) -> bool:
    """The place is Crimea or lies in it (Sevastopol included)."""
    return any(node.id in CRIMEA or node.qid in CRIMEA for node in place.chain())


def country_of(place: Place | None) -> Place | None:
    """The country a place lies in (itself, for a country)."""
    for node in place.chain() if place is not None else ():
        if node.kind == "country":
            return node
    return None


def _units(place: Place) -> dict[str, float]:
    """The administrative units a place lies in (itself included) with their depth."""
    out = {}
    for node in place.chain():
        level = _LEVEL.get(node.kind)
        if level is not None:
            out[_SAME_AS.get(node.id, node.id)] = level
    return out


def _context_score(place: Place, context: tuple[Place, ...]) -> float:
    """The depth of the deepest unit ``place`` shares with a context place (0: none; 0.5: the
    country alone, which sets apart namesakes in two countries)."""
    mine = _units(place)
    score = 0
    for other in context:
        if other.id == place.id or other.kind == "country":
            continue  # "Russia launched …": the attacker's name says nothing of the place
        shared = mine.keys() & _units(other).keys()
        if shared:
            score = max(score, max(mine[u] for u in shared))
    return score
