"""Ukrainian settlements named the way the gazetteer does not spell them, read inside the region
the article names:

- a hromada by its adjective ("the Bilopilska community", "Belopolskaya hromada", "in the
  Nedryhaylivska community"): the settlement it is named after, its centre;
- a village in a Russian-style or machine-translated spelling ("Elizavetovka" for Yelyzavetivka,
  "Gornyak" for Hirnyk, "Galitsinovka" for Halytsynivka).

Both compare consonant skeletons: the name lower-cased, digraphs folded to one letter, g read as
h, vowels and doubled letters dropped ("Yelyzavetivka" and "Elizavetovka" are both ``lzvtvk``).
A skeleton that short is ambiguous across the country, so a match counts only among the
settlements of a region the article names, and only when exactly one place (or one clearly
largest) fits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.extract.rules import rule
from kg.records import Place
from kg.vocab import slug

_DIGRAPHS = (("shch", "w"), ("kh", "x"), ("zh", "2"), ("ch", "c"), ("sh", "w"), ("ts", "c"),
             ("tz", "c"), ("g", "h"))
# ``str.translate`` tables: every ASCII character but a–z dropped; the vowels (y, j too) dropped
_ONLY_LATIN = {code: None for code in range(128) if not "a" <= chr(code) <= "z"}
_NO_VOWELS = str.maketrans("", "", "aeiouyj")
_DOUBLES = re.compile(r"(.)\1+")
# the adjective of a hromada: Bilopilska, Belopolskaya, Nedryhaylivskoy, Verkhnyosyrovatsk(a)
_ADJECTIVE = re.compile(r"(?:s'?kaya|s'?koy|s'?koi|s'?kyi|s'?kiy|s'?ky|s'?ka|s'?ke|sk)$")
_K_ENDING = re.compile(r"(?:kaya|koy|koi|kyi|kiy|ky|ka|ke)$")
# a name ending in h (g) makes its adjective in z'ka, zhskaya (Russian style): Nova Vodolaha →
# Novovodolazka, Pechenihy → Pechenizka, Pechenegi → Pechenezhskaya
_H_ADJECTIVE = re.compile(r"(?:z'?(?:kaya|koy|koi|kyi|kiy|ky|ka|ke)|zhs?(?:kaya|koy|koi|kiy|ka))$")
# endings of a settlement name its adjective drops: Yunakiv-ka → Yunakivska, Pokrov-ske
_NAME_ENDINGS = re.compile(r"(?:ka|ske|sk|ske)$")
# what a name ends in where ``_NAME_ENDINGS`` drops something (its ``$`` also stands before a
# final line break): a region's index trims only these names, some quarter of them
_ENDING_TAILS = tuple(e + tail for e in ("ka", "ske", "sk") for tail in ("", "\n"))
_POSSESSIVE = re.compile(r"[vn]$")  # Richky → Richkivska, Shostka → Shostkinska
MIN_SKELETON = 4
# a hromada's adjective may name a short settlement ("Khotynska" → Khotin, "Esmanska" → Esman):
# three consonants count there, but only when one settlement of the region has them
MIN_HROMADA_SKELETON = 3
#: a name this long with only four consonants ("Hulyaypol") is compared too, where one place fits
MIN_LONG_NAME = 8
MIN_LARGER = 5  # the largest fitting place wins when it is this many times the next
CLOSER_BY = 2  # letters by which the closest spelling must beat the next (``_closest``)


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """The consonants of a name, folded: ``skeleton("Yelyzavetivka") == "lzvtvk"``. Kept per
    name: a region's index reads every settlement's label, and many villages share one."""
    text = unicodedata.normalize("NFKD", name.lower())
    if not text.isascii():  # letters without their accents: only a–z count
        text = text.encode("ascii", "ignore").decode("ascii")
    text = text.translate(_ONLY_LATIN)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return _DOUBLES.sub(_first_letter, text.translate(_NO_VOWELS))


def _first_letter(run: re.Match) -> str:
    return run.group(1)


# ``_ONLY_LATIN`` keeping the line breaks that part the names of ``_skeletons``
_ONLY_LATIN_LINES = {code: None for code in _ONLY_LATIN if code != ord("\n")}


def _skeletons(names: list[str]) -> list[str]:
    """``[skeleton(name) for name in names]``, made in one pass over the names joined by line
    breaks: each step reads a character alone, or letters of one name (a line break is no
    letter and every step keeps it), so each name comes out as ``skeleton`` makes it, at a
    fraction of the cost of a call per name."""
    if any("\n" in name for name in names):
        return [skeleton(name) for name in names]
    text = unicodedata.normalize("NFKD", "\n".join(names).lower())
    if not text.isascii():
        text = text.encode("ascii", "ignore").decode("ascii")
    text = text.translate(_ONLY_LATIN_LINES)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return _DOUBLES.sub(_first_letter, text.translate(_NO_VOWELS)).split("\n")


def adjective_stems(word: str, shortest: int = MIN_SKELETON) -> list[str]:
    """Skeletons a hromada adjective may stand for (none when ``word`` is no adjective), none
    shorter than ``shortest``."""
    low = word.lower().replace("’", "'")
    softened = _H_ADJECTIVE.sub("h", low)
    if softened != low and len(softened) > 4:
        bare = skeleton(softened)
        return [bare] if len(bare) >= shortest else []
    stem = _ADJECTIVE.sub("", low)
    if stem != low and len(stem) < 4:
        stem = _K_ENDING.sub("", low)  # "Sveska" → Sves(a): a name's own s before "-ka"
    if stem == low or len(stem) < 4:
        return []
    bare = skeleton(stem)
    out = [bare, skeleton(stem + "s")]  # Marhanets-ka: the name's own s
    if _POSSESSIVE.search(bare) and len(bare) > MIN_SKELETON:
        out.append(bare[:-1])
    return [s for s in dict.fromkeys(out) if len(s) >= shortest]


@lru_cache(maxsize=1 << 16)
def _name_skeletons(label: str) -> frozenset[str]:
    """The skeletons a settlement's label is read by: the whole name's, and the name's without
    its ending (Yunakiv-ka)."""
    low = label.lower()
    out = {skeleton(low)}
    trimmed = _NAME_ENDINGS.sub("", low)
    if trimmed != low:
        out.add(skeleton(trimmed))
    return frozenset(s for s in out if len(s) >= MIN_HROMADA_SKELETON)


_SETTLEMENTS: dict[int, dict[str, list[Place]]] = {}
_SKELETONS: dict[tuple[int, str], dict[str, list[Place]]] = {}


def _region_skeletons(gazetteer, region_id: str) -> dict[str, list[Place]]:
    """Skeleton → the region's settlements. The settlements are grouped by region once per
    gazetteer; a region's skeletons are made the first time an article names it (all of them
    at once would cost 0.4 s of start-up)."""
    key = id(gazetteer)
    if key not in _SETTLEMENTS:
        by_region: dict[str, list[Place]] = {}
        for place in gazetteer:
            if place.kind == "settlement":
                region = _region_above(place)
                if region is not None:
                    by_region.setdefault(region.id, []).append(place)
        _SETTLEMENTS[key] = by_region
    if (key, region_id) not in _SKELETONS:
        index: dict[str, list[Place]] = {}
        places = _SETTLEMENTS[key].get(region_id, [])
        names = [place.label.lower() for place in places]  # as _name_skeletons reads them
        wholes = _skeletons(names)
        shorts = list(wholes)  # a name without an ending to drop reads as itself
        cut = [n for n, name in enumerate(names) if name.endswith(_ENDING_TAILS)]
        for n, short in zip(cut, _skeletons([_NAME_ENDINGS.sub("", names[n]) for n in cut])):
            shorts[n] = short
        for place, whole, short in zip(places, wholes, shorts):
            for form in (whole,) if short == whole else (whole, short):
                if len(form) >= MIN_HROMADA_SKELETON:
                    index.setdefault(form, []).append(place)
        _SKELETONS[key, region_id] = index
    return _SKELETONS[key, region_id]


def _region_above(place: Place) -> Place | None:
    """The nearest region among the ancestors of ``place``."""
    node = place.parent
    while node is not None and node.kind != "region":
        node = node.parent
    return node


def _fitting(places: list[Place], form: str) -> Place | None:
    """The place ``form`` names among ``places``: a short skeleton must fit exactly one."""
    if len(form) < MIN_SKELETON:
        unique = {p.id: p for p in places}
        return next(iter(unique.values())) if len(unique) == 1 else None
    return _one(places)


def _one(places: list[Place]) -> Place | None:
    """The place, when one fits or one is much the largest."""
    unique = list({p.id: p for p in places}.values())
    if len(unique) == 1:
        return unique[0]
    unique.sort(key=lambda p: -(p.population or 0))
    first, second = unique[0].population or 0, unique[1].population or 0
    return unique[0] if first and first >= MIN_LARGER * max(second, 500) else None


def spelled_in(form: str, regions: list[Place], gazetteer) -> list[Place]:
    """The settlements of ``regions`` with the skeleton ``form``."""
    return [p for region in regions for p in _region_skeletons(gazetteer, region.id).get(form, [])]


def skeleton_namesakes(written: str, region: Place, gazetteer) -> list[Place]:
    """The settlements of ``region`` a community's adjective may stand for, by skeleton:
    "Myrivska" (or "Myrivske") is Myrove or Myrivske, whichever lies where the text is."""
    forms = adjective_stems(written, MIN_HROMADA_SKELETON)  # not "Mezhova", a name as it is
    opening = written[:3].lower()  # "Myr…": not Maryevka, of the same consonants
    return list({p.id: p for form in forms for p in spelled_in(form, [region], gazetteer)
                 if p.label[:3].lower() == opening}.values())


def namesake_in(name: str, region: Place, gazetteer) -> Place | None:
    """The one settlement of ``region`` with the skeleton of ``name`` and its first two
    letters, however short ("Lviv" in a list of Kherson villages: Lvove)."""
    form = skeleton(name)
    _region_skeletons(gazetteer, region.id)  # groups the settlements by region once
    found = {p.id: p for p in _SETTLEMENTS[id(gazetteer)].get(region.id, ())
             if p.label[:2].lower() == name[:2].lower() and skeleton(p.label) == form}
    return next(iter(found.values())) if len(found) == 1 else None


def in_regions(forms: list[str], regions: list[Place], gazetteer) -> Place | None:
    """The one settlement of ``regions`` with one of the skeletons ``forms``; a short skeleton
    must fit exactly one."""
    for form in forms:
        found = spelled_in(form, regions, gazetteer)
        if found:
            return _fitting(found, form)
    return None


# the adjective's form with "hromada" (feminine), not a settlement's name in -ske
_FEMININE = ("ska", "s'ka", "skaya", "s'kaya")


def hromada_centre(word: str, regions: list[Place], gazetteer) -> Place | None:
    """The settlement the hromada adjective ``word`` names, in one of ``regions``; of several
    ("the Mezhivska community": Mezhova and villages of that skeleton), the one that gave its
    name to its raion, when one did (a hromada of the 2020 reform is centred where the old
    raion was)."""
    stems = adjective_stems(word, MIN_HROMADA_SKELETON)
    if not stems or not regions:
        return None
    found = in_regions(stems, regions, gazetteer) or _same_opening(word, stems, regions,
                                                                  gazetteer)
    if found is not None or not word.lower().endswith(_FEMININE):
        return found  # "Pokrovske" is a settlement's own name, read as the text places it
    for form in stems:
        spelled = spelled_in(form, regions, gazetteer)
        centres = {p.id: p for p in spelled if _raion_centre(p)}
        if len(centres) == 1 and rule("places.hromada-of-raion-centre"):
            return next(iter(centres.values()))
        if spelled:
            return None  # the first form that any settlement has decides, as in_regions
    return None


def _same_opening(word: str, stems: list[str], regions: list[Place], gazetteer) -> Place | None:
    """Of the settlements a short skeleton fits ("Esmanska": Semino and Esman), the one that
    opens with the adjective's first three letters, when one does; where several of one name
    in one region do ("Stepanivska": four Stepanivkas), that name there, linked to none."""
    opening = word[:3].lower()
    for form in stems:
        fits = {p.id: p for p in spelled_in(form, regions, gazetteer)
                if p.label[:3].lower() == opening}
        if len(fits) == 1 and rule("places.hromada-same-opening"):
            return next(iter(fits.values()))
        homes = {_region_above(p).id: _region_above(p) for p in fits.values()}
        if len({p.label for p in fits.values()}) == 1 and len(homes) == 1 and \
                rule("places.hromada-namesakes"):
            # "Stepanivska": four villages of the region are called Stepanivka; the name is
            # known, which of them is not: the name alone, linked to none of them
            label = next(iter(fits.values())).label
            home = next(iter(homes.values()))
            return Place(id=f"name:{slug(label)}@{home.id}", label=label, kind="settlement",
                         parent=home)
        if fits:
            return None
    return None


def respelled(name: str, regions: list[Place], gazetteer) -> Place | None:
    """The settlement of ``regions`` that ``name`` spells another way."""
    form = skeleton(name)
    if not regions or len(form) < MIN_SKELETON:
        return None
    if len(form) > MIN_SKELETON:
        return in_regions([form], regions, gazetteer) or _closest(
            name, spelled_in(form, regions, gazetteer))
    if len(name) < MIN_LONG_NAME:
        return None
    # four consonants in a long name ("Hulyaypol" for Huliaipole): exactly one place must fit
    unique = {p.id: p for p in spelled_in(form, regions, gazetteer)}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _distance(a: str, b: str) -> int:
    """Letters to change, add or drop to turn ``a`` into ``b`` (Levenshtein)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _closest(name: str, places: list[Place]) -> Place | None:
    """Of several settlements with the skeleton of ``name``, the one spelled clearly closest to
    it once its g is read as h ("Gavrylivka": Havrylivka, not Gavrilovka of another raion):
    at least ``CLOSER_BY`` letters closer than any other."""
    unique = list({p.id: p for p in places}.values())
    if len(unique) < 2:
        return None
    written = name.lower().replace("g", "h")
    ranked = sorted(((_distance(written, p.label.lower().replace("g", "h")), p.id, p)
                     for p in unique), key=lambda item: item[:2])
    (first, _, closest), (second, _, _) = ranked[:2]
    if second - first >= CLOSER_BY and rule("places.respelled-closest"):
        return closest
    return None


def community_in_raions(name: str, regions: list[Place], raions: list[Place],
                        gazetteer, centres: bool = False) -> Place | None:
    """The settlement of ``regions`` spelled like ``name`` ("the Pokrovsk community" of Nikopol
    district → Pokrovske), narrowed to the raions the article names when several fit; with
    ``centres``, then to the one that gave its name to a raion (a hromada is named after its
    centre, and a raion's centre is the larger of two villages of one name)."""
    form = skeleton(name)
    found = spelled_in(form, regions, gazetteer) if len(form) >= MIN_HROMADA_SKELETON else []
    names = {(r.label, r.parent.id if r.parent else None) for r in raions}
    narrowed = [p for p in found if any(
        (n.label, n.parent.id if n.parent else None) in names for n in p.chain()[1:])]
    exact = list({p.id: p for p in found if skeleton(p.label) == form}.values())
    if narrowed and len(exact) == 1 and all(skeleton(p.label) != form for p in narrowed) and \
            rule("places.community-whole-name"):
        return exact[0]  # "Mezheva": Mezhova (of a raion the gazetteer still names apart),
        # not Mezhuyivka of a named raion, read only with its ending dropped
    one = _fitting(narrowed or found, form) if found else None  # "the Khotin community"
    if one is None and found:  # "the Myropil community": Myropillya, not Myropilske
        exact = {p.id: p for p in narrowed or found if skeleton(p.label) == form}
        one = next(iter(exact.values())) if len(exact) == 1 else None
    if one is None and centres and found:
        one = _fitting([p for p in narrowed or found if _raion_centre(p)], "")
    return one


def _raion_centre(place: Place) -> bool:
    """``place`` gave its name to the raion it lies in (Pokrovske of Pokrovske Raion)."""
    parent = place.parent
    if parent is None or parent.kind != "raion":
        return False
    word = parent.label.split()[0]
    # "Vasylkivske Raion": the raion's adjective names Vasylkivka, its centre
    return word == place.label or bool(set(adjective_stems(word, MIN_HROMADA_SKELETON)) &
                                       _name_skeletons(place.label) - {skeleton(word)})
