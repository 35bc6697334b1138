"""The resolution of place mentions against the gazetteer.

Resolution runs in two passes: names with one candidate first, then every name with those places
as context, so "Pivdenne" next to "Odesa region" picks the Odesa Oblast one. Then the raions and
districts their neighbours settle (``kg.extract.district_places``), the names the gazetteer lacks
(placed under the raion or region named beside them), and the country or region the text states
a place is in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.extract.casualty_cues import cue_kind
from kg.extract.compass_places import compass_namesakes
from kg.extract.datelines import line_start
from kg.extract.district_places import (community_of, region_of, settle_district_sections,
                                        settle_districts, short_of_hyphenated)
from kg.extract.doc_text import (doc_lowers, doc_tokens, doc_words, sentence_of, span_root,
                                 tokens_text)
from kg.extract.foreign_namesakes import namesakes_abroad
from kg.extract.lexicon import cues
from kg.extract.name_skeletons import (MIN_SKELETON, adjective_stems, community_in_raions,
                                       hromada_centre, namesake_in, respelled, skeleton,
                                       skeleton_namesakes, spelled_in)
from kg.extract.place_mentions import Mention, list_end_word, russian_district
from kg.extract.place_roles import across_border
from kg.extract.rules import rule
from kg.link.names import normalize
from kg.link.places import PROMINENT_SETTLEMENT, country_of, inside, resolve
from kg.link.wof import km
from kg.records import Place
from kg.vocab import slug


_HROMADA_KINDS = ("rural", "urban", "settlement", "village", "territorial")  # of a community
# a name in "-ske" / "-tske" with no community word after it is a village's own name
# ("Huliaipilske", "Zaliznychne"), not the adjective of a hromada ("Huliaipilska hromada")
_NEUTER = ("ske", "tske", "ske'", "skoye", "skoe")


def _regions(places) -> list[Place]:
    """The regions ``places`` lie in, once each, in order."""
    return list({r.id: r for r in map(region_of, places) if r is not None}.values())


def resolve_mentions(mentions: list[Mention], gazetteer) -> None:
    """Fill ``Mention.place``: unambiguous names first, then the rest with them as context."""
    for mention in mentions:
        if mention.known:
            kinds = _kinds(mention.hint)
            if len(gazetteer.candidates(mention.name, kinds)) == 1:
                mention.place = resolve(mention.name, kind=_kind(mention.hint), context=())
    context = _context_of(mentions)
    for _ in range(3):  # each pass may settle names the next pass can use as context
        settled = False
        for mention in mentions:
            if mention.known and mention.place is None:
                mention.place = _in_own_sentence_region(
                    mention, mentions, context, gazetteer,
                    resolve(mention.name, kind=_kind(mention.hint), context=context))
                settled = settled or mention.place is not None
        context = _context_of(mentions)
        if not settled:
            break
    _town_region_as_raion(mentions, context)
    _area_of_town(mentions, context)
    settle_districts(mentions, context)
    short_of_hyphenated(mentions)
    context = tuple(m.place for m in mentions if m.place is not None)
    _respelled_in_region(mentions, context, gazetteer)
    _list_strays(mentions, gazetteer)
    _unknown_in_figure_list(mentions)
    mentions[:] = [m for m in mentions if not m.tentative or m.place is not None]
    for mention in mentions:  # "Anninsky District": a Russian district the gazetteer lacks
        if mention.known and mention.place is None and mention.hint == "raion" and \
                mention.doc_sent is not None and \
                russian_district(mention.doc_sent.doc, mention.start, mention.end):
            mention.known, mention.name = False, mention.name + " District"
            mention.rules += (rule("places.russian-district"),)
    context = tuple(m.place for m in mentions if m.place is not None)
    for index, mention in enumerate(mentions):
        if not mention.known and mention.place is None:
            mention.place = _unknown_place(mention, mentions, index, context, gazetteer)
    one_place_per_name(mentions)
    _foreign_region_context(mentions, gazetteer)
    one_place_per_name(mentions)  # a region stated beside one mention narrows them all
    namesakes_abroad(mentions)
    _unsupported_villages(mentions)
    _governors_namesake(mentions)
    _oblasts_listed(mentions)
    _nearer_namesakes(mentions, gazetteer)
    compass_namesakes(mentions, gazetteer)
    settle_district_sections(mentions, gazetteer)


def _in_own_sentence_region(mention: Mention, mentions: list[Mention],
                            context: tuple[Place, ...], gazetteer,
                            read: Place | None) -> Place | None:
    """``read``, the place the article's context gives a name, unless that is none or lies
    outside the one oblast the name's own sentence names: then the name read in that oblast
    ("In Kherson Oblast, Russia targeted 35 settlements. ¶ In Zaporizhzhia Oblast, Russian forces
    attacked the town of Preobrazhenka": the Zaporizhzhia Oblast town, though a village of that
    name lies in Kherson Oblast too). Only a settlement inside that oblast is taken, and a city
    the gazetteer confirms or a town of ``PROMINENT_SETTLEMENT`` people is kept wherever it lies
    ("In Kharkiv Oblast, … people were taken to Dnipro")."""
    regions = {m.place.id: m.place for m in mentions
               if m.sent_start == mention.sent_start and m is not mention and not m.role
               and m.place is not None and m.place.kind == "region"}
    if len(regions) != 1:
        return read
    (region,) = regions.values()
    if read is not None and (inside(read, region) or gazetteer.is_verified(read)
                             or gazetteer.weight(read) >= PROMINENT_SETTLEMENT):
        return read
    place = resolve(mention.name, kind=_kind(mention.hint), context=context, within=region)
    if place is None or place.kind != "settlement":
        return read
    mention.rules += (rule("places.own-sentence-region"),)
    return place


def _context_of(mentions: list[Mention]) -> tuple[Place, ...]:
    """The places that tell where the article's ambiguous names lie: not a region named only as
    the far side of a border ("near the village of Pervomaisky, which lies … from the border
    with Ukraine's Kharkiv region" in a report on the Belgorod region: not Kharkiv Oblast's
    Pervomaiskyi)."""
    out = []
    for m in mentions:
        if m.place is None:
            continue
        if m.role and m.doc_sent is not None and \
                across_border(m.doc_sent.doc, m.start, m.end):
            rule("places.border-gives-no-context")
            continue
        out.append(m.place)
    return tuple(out)


def one_place_per_name(mentions: list[Mention]) -> None:
    """One place for each name the gazetteer lacks ("the villages of …, Glotovo, …" and later
    "the settlement of Glotovo"): the reading with a parent wins, after each unlinked reading
    under an oblast has taken the one under a raion of it (``_narrower_reading``)."""
    _narrower_reading(mentions)
    by_name: dict[str, Place] = {}
    for mention in mentions:
        if not mention.known and mention.place is not None:
            best = by_name.get(mention.name)
            if best is None or (best.parent is None and mention.place.parent is not None):
                by_name[mention.name] = mention.place
    for mention in mentions:
        if not mention.known and mention.name in by_name:
            mention.place = by_name[mention.name]


def _narrower_reading(mentions: list[Mention]) -> None:
    """A name left unlinked under an oblast and, told again, under a raion of that oblast ("the
    village of X, Poltava Oblast", then "X, Myrhorod district", where the gazetteer lacks X or
    cannot tell its namesakes apart) is one place: the one in the raion. Under two oblasts it
    stays two."""
    unlinked = [m for m in mentions if m.place is not None and m.place.kind == "settlement"
                and m.place.id.startswith("name:") and m.place.parent is not None]
    for mention in unlinked:
        narrower = next((o.place for o in unlinked if o.name == mention.name and
                         o.place.parent.id != mention.place.parent.id and
                         inside(o.place.parent, mention.place.parent)), None)
        if narrower is not None and rule("places.one-place-per-name"):
            mention.place = narrower


def _town_region_as_raion(mentions: list[Mention], context: tuple[Place, ...]) -> None:
    """"The enemy shelled Nikopol region with artillery": a town's "region" where no oblast
    bears its name is the raion around it (Nikopolshchyna), not nothing; a town's "area"
    ("fighting in the Pokrovsk area") may be a front's sector."""
    for mention in mentions:
        doc = mention.doc_sent.doc if mention.doc_sent is not None else None
        if mention.known and mention.place is None and mention.hint == "region" and \
                doc is not None and mention.end < len(doc) and doc[mention.end].lower_ == "region":
            raion = resolve(mention.name, kind="raion", context=context)
            if raion is not None and raion.kind == "raion" and \
                    rule("places.town-region-is-raion"):
                mention.place = raion
                mention.rules += ("places.town-region-is-raion",)


_GOVERNORS = frozenset(cues()["region_head_titles"])
_REGIONS_PLURAL = frozenset({"oblasts", "regions", "provinces"})


def _oblast_namesakes(mentions: list[Mention]):
    """Each settlement mention whose oblast is named after it, with that oblast and the
    mention's root token."""
    for mention in mentions:
        place, sent = mention.place, mention.doc_sent
        if place is None or place.kind != "settlement" or sent is None or mention.role:
            continue
        region = region_of(place)
        if region is not None and region.kind == "region" and \
                region.label.rsplit(" ", 1)[0] in (place.label, mention.name):
            yield mention, region, span_root(sent.doc, mention.start, mention.end)


def _oblasts_listed(mentions: list[Mention]) -> None:
    """"Oblasts in western Ukraine, including Ternopil, Khmelnytskyi, Ivano-Frankivsk, and
    Lviv, were hit": names a list of oblasts gives after "including" are those oblasts, not
    the cities they are named after."""
    for mention, region, node in _oblast_namesakes(mentions):
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ != "pobj" or node.head.head.lower_ not in _REGIONS_PLURAL:
            continue
        if node.head.lower_ == "including" and rule("places.oblasts-including"):
            mention.place = region
        elif (node.head.lower_ == "like" or node.head.lower_ == "as" and node.head.i > 0 and
              node.doc[node.head.i - 1].lower_ == "such") and rule("places.oblasts-such-as"):
            mention.place = region  # "central regions like Poltava and Vinnytsia", "the
            # southern regions such as Mykolaiv"


def _governors_namesake(mentions: list[Mention]) -> None:
    """"The governor of Poltava reported damage", "the governor of Kirovohrad said": a
    governor heads an oblast, so a city named in the "of" of the title that gives its oblast
    its name stands for the oblast (a mayor's city stays the city); so do the names a list of
    governors gives ("The governors of Kursk, Kaluga and Bryansk reported strikes")."""
    for mention, region, node in _oblast_namesakes(mentions):
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ == "of" and \
                node.head.head.lemma_.lower() in _GOVERNORS and \
                rule("places.governor-of-namesake"):
            mention.place = region


def _area_of_town(mentions: list[Mention], context: tuple[Place, ...]) -> None:
    """"A power line in the Kryvyi Rih area": an area named after a town no region is named
    after is the town's."""
    for mention in mentions:
        if not mention.known or mention.place is not None or mention.hint != "region" or \
                mention.doc_sent is None:
            continue
        doc = mention.doc_sent.doc
        if mention.end < len(doc) and doc[mention.end].lower_ == "area":
            mention.place = resolve(mention.name, kind="settlement", context=context)
            if mention.place is not None:
                mention.hint = None
                mention.rules += (rule("places.area-of-town"),)


def _respelled_in_region(mentions: list[Mention], context: tuple[Place, ...],
                         gazetteer) -> None:
    """Names the gazetteer lacks as written, read among the settlements of the regions the
    article names: a hromada by its adjective ("the Bilopilska community" → Bilopillia) and a
    Russian-style spelling ("Galitsinovka" → Halytsynivka)."""
    _reread_listed_communities(mentions, context, gazetteer)
    context = tuple(m.place for m in mentions if m.place is not None)
    regions = _regions(context)
    if not regions:
        return
    # the regions the article names as such, or through a raion of theirs ("the Nikopol and
    # Synelnykove districts of the Dnipropetrovsk region"), not through a town's name
    named = _regions(m.place for m in mentions if m.place is not None and not m.role
                     and m.place.kind in ("region", "raion"))  # not a launch area or a title
    for mention in mentions:
        if mention.role or mention.hint not in (None, "settlement"):
            continue
        doc = mention.doc_sent.doc if mention.doc_sent is not None else None
        if doc is not None and _with_word_before(mention, doc, context, gazetteer):
            continue
        after = _word_after(mention)
        found = None
        if after in cues()["hromada_words"] or (
                not mention.known and adjective_stems(mention.name) and not (
                    mention.name.lower().endswith(_NEUTER) and rule("places.neuter-village"))):
            found = hromada_centre(mention.name, regions, gazetteer)
            how = rule("places.hromada-adjective")
        if found is None and not mention.known:
            found = respelled(mention.name, regions, gazetteer)
            how = rule("places.respelled-in-region")
        if found is None and not mention.known and len(regions) > 1:
            nearby = _region_told_just_before(mention, mentions)
            found = respelled(mention.name, [nearby], gazetteer) if nearby else None
            how = rule("places.respelled-in-nearby-region") if found else how
        if found is None and not mention.known:
            found = _short_respelled_near(mention, mentions, regions, gazetteer)
            how = "places.short-respelling-near"
        settled = found or mention.place
        communal = after in cues()["hromada_words"] or (
            doc is not None and _after_community_head(doc, mention.start))
        # the regions of the other places, read only for a community word
        others = _regions(p for p in context if p != mention.place) if communal else []
        if communal and others and (settled is None or region_of(settled) not in others):
            # "the Marhanets, Myrove, Pokrovsk communities" of Nikopol district: not Pokrovsk
            # of Donetsk Oblast, but the Pokrovske of the district the article names
            raions = [p for p in context if p.kind == "raion"]
            elsewhere = community_in_raions(mention.name, others, raions, gazetteer,
                                            centres=True)
            if elsewhere is not None:
                found, how = elsewhere, rule("places.community-in-region")
            elif settled is not None and settled is mention.place and \
                    _listed_with_communities(mention, mentions, others) and \
                    rule("places.community-not-elsewhere"):
                mention.place = None  # "the Myropil, Mykolaiv, Esman communities" of Sumy
                # region: a community of the region the gazetteer cannot tell, not the city of
                # Mykolaiv Oblast; it stays unlinked under the region
                continue
        settled = found or mention.place
        written = _written(mention)
        if settled is not None and named and region_of(settled) not in named and written \
                and normalize(settled.label) != normalize(written) \
                and (after in cues()["hromada_words"] or _after_community_head(doc, mention.start)):
            # "The communities of Pokrovske and Sloviansk were hit" in the Synelnykove district
            # of the Dnipropetrovsk region: the Pokrovske of the region the article names, not
            # Pokrovsk of Donetsk Oblast read from another spelling (a town of its own name, as
            # Huliaipole, stays where it is)
            raions = [p for p in context if p.kind == "raion"]
            there = community_in_raions(written, named, raions, gazetteer, centres=True)
            if there is not None:
                found, how = there, rule("places.community-of-named-region")
        if found is not None:
            mention.place, mention.known, mention.name = found, True, found.label
            mention.rules += (how,)
    for mention in mentions:  # with the respellings settled, those beside them
        if not mention.known and mention.place is None and not mention.role and \
                mention.hint in (None, "settlement"):
            found = _respelled_namesake_near(mention, mentions, regions, gazetteer)
            if found is not None:
                mention.place, mention.known, mention.name = found, True, found.label
                mention.rules += ("places.respelled-namesake-near",)


def _region_told_just_before(mention: Mention, mentions: list[Mention]) -> Place | None:
    """The region named last before ``mention`` in its own sentence or the one before it in its
    paragraph, a title's included: in a roundup of six regions, "The Kherson Oblast governor
    said shelling killed one person. When Russian troops struck the village of Tiahinka, …"
    reads Tiahinka in Kherson Oblast (Tiahynka), where its spelling fits no one place of all
    six."""
    if mention.doc_sent is None:
        return None
    doc, start = mention.doc_sent.doc, mention.sent_start
    starts = {start} | ({sentence_of(doc, start - 1).start}  # the sentence before, in its
                        if start > 0 and not line_start(doc, start) else set())  # paragraph
    before = [m for m in mentions if m.start < mention.start and m.sent_start in starts
              and m.place is not None and m.place.kind == "region"]
    return before[-1].place if before else None


def _respelled_namesake_near(mention: Mention, mentions: list[Mention], regions,
                             gazetteer) -> Place | None:
    """A name spelled another way that fits several settlements of the article's regions ("a
    woman in Novodanilivka, a man in Orikhiv": two Novodanylivkas in Zaporizhzhia Oblast): the
    one within ``NEAR_KM`` of another settlement its sentence names, when one alone is."""
    form = skeleton(mention.name)
    if len(form) < MIN_SKELETON:
        return None
    found = [p for p in {p.id: p for p in spelled_in(form, regions, gazetteer)}.values()
             if p.lat is not None]
    others = _sentence_settlements(mention, mentions)
    near = [p for p in found if others and _nearest_km(p, others) <= NEAR_KM]
    if len(found) > 1 and len(near) == 1 and rule("places.respelled-namesake-near"):
        return near[0]
    return None


_LIST_AT_LEAST = 4  # a list must name more settlements than this to pull a stray into it
_LIST_SHARE = 0.75  # the share of them that must lie in one region


def _list_strays(mentions: list[Mention], gazetteer) -> None:
    """"Antonivka, Sadove, Stanislav, …, Zolota Balka, Lviv and the city of Kherson came under
    fire": a name of a list whose settlements nearly all lie in one region, read as a namesake
    elsewhere (the city of Lviv), is the region's settlement spelled the same way (Lvove), when
    the region has exactly one."""
    by_sent: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.doc_sent is not None and not mention.role:
            by_sent.setdefault(mention.sent_start, []).append(mention)
    for listed in by_sent.values():
        settled = [(m, region_of(m.place)) for m in listed
                   if m.place is not None and m.place.kind == "settlement"]
        if len(settled) <= _LIST_AT_LEAST:
            continue
        counts = Counter(r.id for _, r in settled if r is not None)
        if not counts:
            continue
        home, size = counts.most_common(1)[0]
        if size < _LIST_SHARE * len(settled):
            continue  # a list of one region, but for a few strays
        region = next(r for _, r in settled if r is not None and r.id == home)
        for mention, own in settled:
            if own is None or own.id != home:
                found = namesake_in(mention.name, region, gazetteer)
                if found is not None:
                    mention.place, mention.name = found, found.label
                    mention.rules += (rule("places.list-stray"),)


#: a namesake is the one meant when it lies within NEAR_KM of another settlement of the
#: sentence while the place read lies more than FAR_KM from every one of them
NEAR_KM, FAR_KM = 20.0, 50.0


def _nearer_namesakes(mentions: list[Mention], gazetteer) -> None:
    """"Kurakhovo, Kurakhovka, Ostre and Gornyak were shelled": of two settlements of the
    oblast that bear a name (a village labelled Gornyak near Torez, Hirnyk by Kurakhove, its
    Russian name among its spellings), the one beside the others the sentence names, when
    the one read lies far from all of them."""
    by_sent: dict[int, list[Mention]] = {}
    chosen: dict[str, tuple[Place | None, Place]] = {}  # name → (place read, the nearer one)
    own: dict[int, Place] = {}  # a mention → its sentence's namesake
    for mention in mentions:
        if mention.doc_sent is not None and not mention.role and (
                mention.place is None and mention.known or mention.place is not None
                and mention.place.kind == "settlement" and mention.place.lat is not None):
            by_sent.setdefault(mention.sent_start, []).append(mention)
    for listed in by_sent.values():
        placed = [m for m in listed if m.place is not None]
        if len(placed) < 2:
            continue
        for mention in listed:
            others = [m.place for m in placed if m is not mention and m.place != mention.place]
            if mention.place is not None and _nearest_km(mention.place, others) <= FAR_KM:
                continue
            region = region_of(mention.place) if mention.place is not None else None
            namesakes = [p for p in gazetteer.candidates(mention.name, {"settlement"})
                         if p != mention.place and p.lat is not None
                         and (region is None or region_of(p) == region)]
            if region is not None and _communal(mention):  # "the Marhanetska, Myrivska and
                # Pokrovska communities": Myrove, by its adjective, as well as Myrivske
                namesakes += [p for p in skeleton_namesakes(_written(mention), region, gazetteer)
                              if p != mention.place and p.lat is not None and p not in namesakes]
            near = [p for p in namesakes if _nearest_km(p, others) <= NEAR_KM]
            locator = _locating_town(mention, placed)
            if not near and region is not None and locator is not None and \
                    _nearest_km(mention.place, [locator]) > FAR_KM:
                # "Antonivka, a suburb of Kherson": the Antonivka by Kherson, though the one
                # read (the largest) lies in Crimea
                near = [p for p in gazetteer.candidates(mention.name, {"settlement"})
                        if p != mention.place and p.lat is not None
                        and _nearest_km(p, [locator]) <= NEAR_KM]
                if len(near) == 1:
                    rule("places.namesake-by-its-town")
            largest = _largest(namesakes) if mention.place is None else None
            if len(near) == 1 and mention.name not in chosen and \
                    _dominant(mention.place or largest, near[0]):
                if largest is not None:  # an open name: the city it stands for
                    chosen[mention.name] = (None, largest)
            elif len(near) == 1 and mention.name not in chosen and \
                    rule("places.nearer-namesake"):
                chosen[mention.name] = (mention.place, near[0])  # an ambiguous name too: the
                # one beside the others
            elif not near and mention.place is not None and (
                    closer := _much_closer(mention.place, namesakes, others)) is not None and \
                    rule("places.namesake-of-the-sentence"):
                own[id(mention)] = closer  # "the Pokrovske and Mezhova communities of the
                # Synelnykove district", where the Nikopol district's Pokrovske was read
    nearer = {m.name: own[id(m)] for m in mentions if id(m) in own}
    for mention in mentions:
        if mention.name in nearer and id(mention) not in own and mention.place is not None \
                and mention.place != nearer[mention.name]:
            del nearer[mention.name]  # read another way elsewhere: the name stays as read
    for mention in mentions:  # the name is that place wherever the article writes it
        if mention.name in nearer:
            mention.place = nearer[mention.name]
            mention.rules += ("places.namesake-of-the-sentence",)
        elif mention.name in chosen and mention.place in chosen[mention.name]:
            mention.place = chosen[mention.name][1]
            mention.rules += ("places.nearer-namesake",)


#: a town this large is what its name says, next to a namesake a tenth its size or unknown
DOMINANT_POPULATION = 20_000


def _largest(places: list[Place]) -> Place | None:
    """The most populous of the places, where any has a population."""
    return max((p for p in places if p.population), key=lambda p: p.population, default=None)


def _dominant(read: Place | None, namesake: Place) -> bool:
    """The town read (or, where the gazetteer left the name open, the largest of all its
    namesakes) is a city that its name stands for ("the towns of Kostiantynivka, Lyman, Selydove
    and Kurakhove": the city, not the village of Konstantinovka by Kurakhove), however far from
    the other places of the sentence."""
    return read is not None and (read.population or 0) >= DOMINANT_POPULATION and \
        (namesake.population or 0) * 10 < read.population and \
        bool(rule("places.dominant-town"))


#: the words that say a settlement lies by another: "Antonivka, a suburb of Kherson", "a
#: village near Kharkiv", "on the outskirts of Kherson", "outside Zaporizhzhia"
_BY_TOWN = frozenset(cues()["neighbour_words"]) | frozenset(cues()["nearby_words"]) | {"close"}


def _locating_town(mention: Mention, placed: list[Mention]) -> Place | None:
    """The settlement that the words right after ``mention`` say it lies by (within six
    words: "Antonivka, a suburb of Kherson"), if one of ``placed`` is that."""
    if mention.doc_sent is None:
        return None
    lowers = doc_lowers(mention.doc_sent.doc)
    for other in placed:
        if other is mention or other.place is None or other.place.kind != "settlement" or \
                not 0 < other.start - mention.end <= 6:
            continue
        if _BY_TOWN & set(lowers[mention.end:other.start]):
            return other.place
    return None


def _written(mention: Mention) -> str:
    """The mention as the text writes it ("" where it stands in no sentence)."""
    if mention.doc_sent is None:
        return ""
    return tokens_text(mention.doc_sent.doc, mention.start, mention.end)


def _short_respelled_near(mention: Mention, mentions: list[Mention], regions,
                          gazetteer) -> Place | None:
    """A short name spelled another way ("Gatyshche": three consonants, too few for
    ``respelled``) listed with settlements of its region: the one settlement of the region
    spelled so, where it lies within ``NEAR_KM`` of another place its sentence names ("Udy,
    Vovchansk, Gatyshche, Budarky": Hatyshche, 15 km from Vovchansk)."""
    form = skeleton(mention.name)
    if len(form) >= MIN_SKELETON or len(form) < 3 or len(mention.name) < 6:
        return None
    found = list({p.id: p for p in spelled_in(form, regions, gazetteer)}.values())
    if len(found) != 1:
        return None
    others = _sentence_settlements(mention, mentions)
    if others and _nearest_km(found[0], others) <= NEAR_KM and \
            rule("places.short-respelling-near"):
        return found[0]
    return None


def _sentence_settlements(mention: Mention, mentions: list[Mention]) -> list[Place]:
    """The settlements read for the other names of the mention's sentence."""
    return [m.place for m in mentions if m is not mention and m.sent_start ==
            mention.sent_start and m.place is not None and m.place.kind == "settlement"]


def _word_after(mention: Mention) -> str:
    """The kind word a name stands before, lower-case: "community" of "the Pokrovsk rural
    community", and of each name of "the Marhanets, Pokrovsk and Myrove communities"."""
    doc = mention.doc_sent.doc if mention.doc_sent is not None else None
    after = doc[mention.end].lower_ if doc is not None and mention.end < len(doc) else ""
    if after in _HROMADA_KINDS and mention.end + 1 < len(doc):
        after = doc[mention.end + 1].lower_
    elif doc is not None and after in (",", "and"):
        after = list_end_word(doc, mention.end)
    return after


def _communal(mention: Mention) -> bool:
    """The mention names a community: "the Myrivska community", "the Marhanets, Myrivska and
    Pokrovska communities"."""
    return _word_after(mention) in cues()["hromada_words"]


def _much_closer(read: Place, namesakes: list[Place], others: list[Place]) -> Place | None:
    """The one namesake of the oblast that lies within twice ``FAR_KM`` of the sentence's other
    places and at most a third as far as the place read: hromada centres of one district lie
    tens of kilometres apart, so ``NEAR_KM`` misses them."""
    far = _nearest_km(read, others)
    closer = [p for p in namesakes if (d := _nearest_km(p, others)) <= 2 * FAR_KM and
              3 * d <= far]
    return closer[0] if len(closer) == 1 else None


def _nearest_km(place: Place, others: list[Place]) -> float:
    return min((km(place.lat, place.lon, o.lat, o.lon) for o in others if o.lat is not None),
               default=float("inf"))


def _listed_with_communities(mention: Mention, mentions: list[Mention],
                             regions: list[Place]) -> bool:
    """Another name of the mention's sentence is a settlement of ``regions``: the list is of
    the named region's communities."""
    return any(m is not mention and m.doc_sent is mention.doc_sent and m.place is not None
               and m.place.kind == "settlement" and region_of(m.place) in regions
               for m in mentions)


def _with_word_before(mention: Mention, doc, context: tuple[Place, ...], gazetteer) -> bool:
    """A one-word name that the capitalized word before it joins into another spelling of a
    two-word settlement of the article's regions ("Chasovyi Yar" for Chasiv Yar, not a village
    called Yar): the mention becomes that settlement."""
    k = mention.start - 1
    if mention.end - mention.start != 1 or k < 0 or doc[k].is_sent_start or \
            not doc[k].is_alpha or not doc[k].text[:1].isupper() or doc[k].ent_type_ == "PERSON":
        return False
    regions = _regions(p for p in context if p != mention.place)  # the other names' regions
    if not regions or (mention.place is not None and region_of(mention.place) in regions):
        return False
    name = f"{doc[k].text} {mention.name}"
    found = respelled(name, regions, gazetteer)
    if found is None or " " not in found.label or \
            found.label.rsplit(" ", 1)[1].lower() != mention.name.lower():
        return False
    mention.start, mention.name, mention.place, mention.known = k, found.label, found, True
    mention.rules += (rule("places.respelled-in-region"),)
    return True


_LIST_HEADS = frozenset({"include", "includes", "including", "of", ":", "are", "were"})


def _after_community_head(doc, start: int) -> bool:
    """"The affected communities include Khotyn, Yunakiv, Miropil …", "the communities of A, B
    and C": the name at ``start`` is listed after a word for communities."""
    tokens, lowers = doc_tokens(doc), doc_lowers(doc)  # not a new Token per word and ask
    k = start - 1
    while k >= 0 and not tokens[k].is_sent_start and (
            lowers[k] in (",", "-", "and") or tokens[k].pos_ == "PROPN"
            or tokens[k].is_title and lowers[k] not in _LIST_HEADS):  # "Marganets", tagged
        k -= 1  # a noun, is a name of the list too
    if k < 0 or lowers[k] in (",", "-"):
        return False
    if lowers[k] in _LIST_HEADS:
        k -= 1
        if k >= 0 and lowers[k] == "," and lowers[k + 1] == "including":
            k -= 1  # "other communities, including Marganets, Myriv, Pokrovsk"
        if k >= 1 and tokens[k].tag_ == "VBN" and lowers[k - 1] in cues()["hromada_words"] and \
                rule("places.communities-hit-include"):
            k -= 1  # "The communities hit include Khotyn, Yunakiv, …"
    return k >= 0 and lowers[k] in cues()["hromada_words"]


def _reread_listed_communities(mentions: list[Mention], context: tuple[Place, ...],
                               gazetteer) -> None:
    """A name listed as a community of the region the article names, that no settlement of the
    region bears as written, is the stem of the hromada's adjective (Khotyn-ska → Khotin,
    Bilopil-ska → Bilopillia), not the Khotyn of another oblast; so is the name wherever else
    the article writes it."""
    reread: dict[str, Place] = {}
    for mention in mentions:
        if mention.role or mention.hint not in (None, "settlement") or mention.doc_sent is None \
                or not _after_community_head(mention.doc_sent.doc, mention.start):
            continue  # (the cheap test first: few names follow a community word)
        others = _regions(p for p in context if p != mention.place)
        if not others or (mention.place is not None and region_of(mention.place) in others):
            continue
        found = hromada_centre(mention.name + "ska", others, gazetteer)
        if found is not None:
            reread[mention.name] = found
    for mention in mentions:
        found = reread.get(mention.name)
        if found is not None and not mention.role and mention.hint in (None, "settlement"):
            mention.place, mention.known, mention.name = found, True, found.label
            mention.tentative = False
            mention.rules += (rule("places.community-list"),)


def _unknown_in_figure_list(mentions: list[Mention]) -> None:
    """"two killed in Kostiantynivka, one killed and two injured in Illinivka": a name the
    gazetteer lacks, given figures of its own beside a known settlement of the same sentence,
    is a settlement of that settlement's oblast (kept by its name, unlinked)."""
    for mention in mentions:
        if not mention.tentative or mention.place is not None or mention.doc_sent is None:
            continue
        doc = mention.doc_sent.doc
        if mention.start < 1 or doc[mention.start - 1].lower_ != "in" or not any(
                cue_kind(t) for t in doc_tokens(doc)[max(mention.doc_sent.start, mention.start - 5):
                                         mention.start - 1]):
            continue
        beside = [m.place for m in mentions if m.doc_sent is not None and
                  m.doc_sent.start == mention.doc_sent.start and m.place is not None and
                  not m.role and m.place.kind == "settlement" and region_of(m.place)]
        if beside:
            oblast = region_of(beside[0])
            mention.place = Place(id=f"name:{slug(mention.name)}@{oblast.id}",
                                  label=mention.name, kind="settlement", parent=oblast)
            mention.rules += (rule("places.unknown-in-figure-list"),)


SMALL = 10_000  # a settlement below this size needs context to be linked


def _unsupported_villages(mentions: list[Mention]) -> None:
    """A small village linked by name alone, in an article that names regions but never its
    own oblast (a Russian "Dubovoye" read as a Ukrainian "Dubove"): not that village — keep
    the name unlinked, under the region named last before it."""
    regions_named = {m.place.id for m in mentions if m.place is not None and m.place.kind in
                     ("region", "raion")}
    oblasts_named = {region_of(m.place).id for m in mentions if m.place is not None and
                     region_of(m.place) is not None and (m.place.kind in ("region", "raion")
                                                          or (m.place.population or 0) >= SMALL)}
    if not regions_named:
        return
    for index, mention in enumerate(mentions):
        place = mention.place
        if not mention.known or place is None or place.kind != "settlement" or \
                (place.population or 0) >= SMALL or place.qid:
            continue
        oblast = region_of(place)
        if oblast is not None and oblast.id in oblasts_named:
            continue
        parent = next((m.place for m in reversed(mentions[:index]) if m.place is not None
                       and m.place.kind in ("region", "raion")), None)
        mention.place = Place(id=f"name:{slug(mention.name)}" + (f"@{parent.id}" if parent
                                                                  else ""),
                              label=mention.name, kind="settlement", parent=parent)


_COUNTRY_NAMES = frozenset(name.lower() for name in cues()["countries"].values())


def _foreign_region_context(mentions: list[Mention], gazetteer) -> None:
    """Where the text says which country or region a place is in, the place is there.

    "the Syzran refinery in Russia's Samara region", "the Moldovan village of X", "a Belgorod
    Oblast village of X": a name resolved elsewhere is resolved again inside the stated country
    or region, and one with no namesake there stays unlinked under it — never a same-named place
    of another country. "In the neighbouring Tula region, … the town of Novomoskovsk": a
    settlement next to a region the gazetteer does not know is not the Ukrainian place of that
    name either."""
    _unnamed_neighbours(mentions)
    for index, mention in enumerate(mentions):
        if mention.doc_sent is None or mention.role or mention.name.lower() in _COUNTRY_NAMES:
            continue  # "two towns of Ukraine's central Vinnytsia region": the country
        place = mention.place
        kind = place.kind if place is not None else (_kind(mention.hint) or "settlement")
        if kind not in ("settlement", "region"):
            continue
        area = _stated_region(mentions, index) if kind == "settlement" else None
        country = _stated_country(mention, gazetteer)
        if area is None and country is None:
            continue
        if area is not None and country is not None and not (
                area.id == country.id or inside(area, country)):
            area = None  # "Kharkiv, near Russia's Belgorod region": the text's own country wins
        where = area or country
        if place is not None and (where.id == place.id or inside(place, where)):
            continue
        if area is None and _claimed_by(where, place if place is not None else resolve(
                mention.name, kind=kind, gazetteer=gazetteer) if mention.known else None):
            continue  # "Russia's Kherson Region": the occupied Ukrainian oblast (GOLD.md)
        if place is not None and where is area and country is None and (
                place.qid or (place.population or 0) >= SMALL) and \
                country_of(area) is country_of(place) and \
                not community_of(mention.doc_sent.doc, mention.end) and \
                (place.qid or not _said_to_lie_in(mentions, index)):
            continue  # "Kharkiv, Sumy region and …": a list, not Kharkiv's region
        found = resolve(mention.name, kind=kind, gazetteer=gazetteer,
                        within=where) if mention.known else None
        if found is None and place is not None and where.kind == "raion" and \
                region_of(where) is not None and region_of(place) == region_of(where) and \
                rule("places.raion-after-reform"):
            mention.place = replace(place, parent=where)  # "Shakhove in Pokrovsk district":
            # the gazetteer's Shakhove of Donetsk Oblast (filed under its oblast or a raion
            # before the 2020 reform), in the raion the text names
            continue
        mention.place = found or Place(id=f"name:{slug(mention.name)}@{where.id}",
                                       label=mention.name, kind=kind, parent=where)
    for mention in mentions:
        if mention.known or mention.hint != "region" or mention.place is None:
            continue
        for other in mentions:
            if other is mention or not other.known or other.place is None or \
                    other.place.kind != "settlement" or abs(other.start - mention.start) > 30:
                continue
            if other.place.qid in ("Q1899", "Q649"):
                continue  # the capitals are never renamed villages
            same_sentence = other.start >= mention.start - 30
            regions_named = {m.place.id for m in mentions if m.known and m.place is not None
                             and m.place.kind == "region" and abs(m.start - other.start) <= 30}
            own = region_of(other.place)
            if same_sentence and (own is None or own.id not in regions_named):
                other.place = Place(id=f"name:{slug(other.name)}@{mention.place.id}",
                                    label=other.name, kind="settlement", parent=mention.place)


# Words that may stand between a place and the country or region the text puts it in:
# "the Russian border city of", "a Belgorod Oblast village of", "Novoshakhtinsk, in Russia's".
_AREA_WORDS = frozenset({
    "the", "a", "an", "of", "in", ",", "(", "near", "'s", "\u2019s", "border", "frontier",
    "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west",
    "neighbouring", "neighboring", "village", "villages", "town", "towns", "city", "cities",
    "settlement", "settlements", "port", "region", "oblast", "krai", "province", "republic",
    "district", "raion", "county", "voivodeship", "capital", "community", "hromada"})
_COUNTRY_ADJECTIVES = {"russian": "Q159", "ukrainian": "Q212", "belarusian": "Q184",
                       "moldovan": "Q217", "romanian": "Q218", "polish": "Q36"}
_COUNTRY_NOUNS = {"russia": "Q159", "ukraine": "Q212", "belarus": "Q184", "moldova": "Q217",
                  "romania": "Q218", "poland": "Q36"}
# Where drones come down beyond the two countries at war. Their names must be in a report for
# their places to be read; Russia and Ukraine are named in nearly every one.
_NEIGHBOURS = frozenset({"Q184", "Q217", "Q218", "Q36"})
_NEIGHBOUR_WORDS = {word: qid for word, qid in (_COUNTRY_NOUNS | _COUNTRY_ADJECTIVES).items()
                    if qid in _NEIGHBOURS}


def _country(qid: str, gazetteer) -> Place | None:
    return gazetteer.get(qid) if qid in gazetteer else None


def _country_word(token, gazetteer) -> Place | None:
    """The country a word names ("Russia", "Russian"), or None."""
    qid = _COUNTRY_ADJECTIVES.get(token.lower_) or (
        _COUNTRY_NOUNS.get(token.lower_) if token.text[:1].isupper() else None)
    return _country(qid, gazetteer) if qid else None


_CLAIMED = frozenset(cues()["occupied_oblasts"])


def _claimed_by(country: Place, place: Place | None) -> bool:
    """``place`` lies in a Ukrainian oblast that Russia claims as its own ("Russia's Kherson
    Region", "Russia's Zaporozhye Region"), and the text puts it in Russia: it stays in
    Ukraine, where occupied territory is filed."""
    if place is None or country.label != "Russia":
        return False
    return any(node.label in _CLAIMED for node in place.chain()) and \
        bool(rule("places.claimed-oblast"))


def _stated_country(mention: Mention, gazetteer) -> Place | None:
    """The country written right before the name ("Russia's Samara region", "the Moldovan
    village of X") or right after it ("Sudzha, Russia"); None when the text states none.
    "Russian-occupied Donetsk" and "Kharkiv, Russian officials said" state none."""
    doc, sent = mention.doc_sent.doc, mention.doc_sent
    i = mention.start - 1
    while i >= sent.start and doc[i].lower_ in _AREA_WORDS and doc[i].text not in (",", "("):
        i -= 1
    if i >= sent.start and not (i + 1 < len(doc) and doc[i + 1].text in ("-", "\u2013", "in")):
        # not "Attacks by Russia in Zaporizhzhia region": the attacker, then where it struck
        country = _country_word(doc[i], gazetteer)
        if country is not None:
            return country
    j = mention.end
    if j + 1 < sent.end and (doc[j].text in (",", "(") or doc[j].lower_ == "in") and \
            doc[j + 1].lower_ not in _COUNTRY_ADJECTIVES:
        after = doc[j + 2] if j + 2 < sent.end else None
        if after is None or after.is_punct and after.text not in ("-", "\u2013") or \
                after.lower_ in ("and", "on", "at", "overnight", "early", "late", "last"):
            return _country_word(doc[j + 1], gazetteer)
    return None


def _stated_region(mentions: list[Mention], index: int) -> Place | None:
    """The region or raion named right next to a settlement: "X, Kursk region", "X in Russia's
    Rostov region", "a Belgorod Oblast village of X"."""
    mention = mentions[index]
    doc = mention.doc_sent.doc
    for other in (mentions[index + 1:index + 2] + mentions[max(0, index - 1):index]):
        if other.place is None or other.place.kind not in ("region", "raion") or \
                other.sent_start != mention.sent_start:
            continue
        lo, hi = (mention.end, other.start) if other.start > mention.start else \
            (other.end, mention.start)
        between = list(doc[lo:hi])
        if len(between) > 5 or not between and other.start < mention.start:
            continue
        if all(t.lower_ in _AREA_WORDS or t.lower_ in _COUNTRY_ADJECTIVES
               or t.lower_ in _COUNTRY_NOUNS for t in between):
            if other.start > mention.start and any(t.lower_ in ("village", "town", "city")
                                                   for t in between):
                continue  # "Kharkiv, the region's largest city, and …"
            return other.place


def _said_to_lie_in(mentions: list[Mention], index: int) -> bool:
    """The region named right after the settlement is where it lies, not the next item of a
    list: "in Antonivka in the Kherson region", "Antonivka, Kherson region, the governor
    wrote" — not "Kharkiv, Sumy region and Odesa"."""
    if index + 1 >= len(mentions):
        return False
    mention, other = mentions[index], mentions[index + 1]
    doc = mention.doc_sent.doc
    between = [t.lower_ for t in doc[mention.end:other.start]]
    after = doc[other.end].lower_ if other.end < len(doc) else "."
    if between[:1] == ["in"] or (between[:1] == [","] and after not in ("and", ",", "or")):
        return bool(rule("places.town-in-the-region"))
    return False


def _kind(hint: str | None) -> str | None:
    return {"raion": "raion", "region": "region", "settlement": "settlement",
            "district": "district"}.get(hint or "")


def _kinds(hint: str | None) -> set[str] | None:
    if hint == "raion":
        return {"raion", "district"}
    return {hint} if hint else None


def _unnamed_neighbours(mentions: list[Mention]) -> None:
    """A place of Moldova, Romania, Poland or Belarus in a report that never names that country
    is a namesake read by accident ("the National Police": not the Polish town of Police)."""
    if not mentions or mentions[0].doc_sent is None:
        return
    doc = mentions[0].doc_sent.doc
    named = {_NEIGHBOUR_WORDS[word] for word in doc_words(doc) & _NEIGHBOUR_WORDS.keys()}
    for mention in mentions:
        country = country_of(mention.place)
        if country is not None and country.id in _NEIGHBOURS and country.id not in named:
            mention.place = None
            mention.rules += (rule("places.neighbour-unnamed"),)  # not to be kept by name


def _neighbour_named_before(mention: Mention, gazetteer) -> Place | None:
    """The one neighbouring country named in the mention's sentence or the one before it
    ("Moldovan airspace … near the village of X")."""
    doc = mention.doc_sent.doc
    start = own = mention.doc_sent.start
    if start > 0:
        start = sentence_of(doc, start - 1).start
    named = {_NEIGHBOUR_WORDS[t.lower_] for t in doc_tokens(doc)[start:mention.start]
             if t.lower_ in _NEIGHBOUR_WORDS}
    if len(named) == 1 and not any(t.lower_ in _NEIGHBOUR_WORDS
                                   for t in doc_tokens(doc)[own:mention.doc_sent.end]):
        if _countries_located(mention) and rule("places.own-sentence-country"):
            return None  # "… NATO-member Poland …. ¶ The X refinery, one of the top two
            # refineries in Russia, was attacked": the sentence's own country, not Poland
    return _country(named.pop(), gazetteer) if len(named) == 1 else None


def _countries_located(mention: Mention) -> set[str]:
    """The countries the mention's sentence names right after "in" ("refineries in Russia")."""
    tokens = doc_tokens(mention.doc_sent.doc)
    return {_COUNTRY_NOUNS[t.lower_] for t in tokens[mention.doc_sent.start:mention.doc_sent.end]
            if t.lower_ in _COUNTRY_NOUNS and t.text[:1].isupper() and t.i > 0
            and tokens[t.i - 1].lower_ == "in"}


def _sentence_country(mention: Mention, gazetteer) -> Place | None:
    """The one country its own sentence puts something in ("in Russia"), if any: not one only
    bordered ("near the border with Ukraine")."""
    named = _countries_located(mention)
    if len(named) == 1 and rule("places.own-sentence-country"):
        return _country(named.pop(), gazetteer)
    return None


def _unknown_place(mention: Mention, mentions: list[Mention], index: int,
                   context: tuple[Place, ...], gazetteer) -> Place:
    """A settlement the gazetteer lacks, placed under the nearest raion or region named after
    it in the same sentence (or the article's only region)."""
    parent = None
    for other in mentions[index + 1:index + 3]:
        if other.sent_start != mention.sent_start:
            break  # "… in Prymorske, he clarified. ¶ Chernihiv, Luhansk … oblasts": another
            # sentence's region
        if other.place is not None and other.place.kind in ("raion", "region") and \
                other.start - mention.end <= 6:
            if mention.doc_sent is not None and any(
                    t.lemma_.lower() == "border" for t in
                    mention.doc_sent.doc[mention.end:other.start]) and rule("places.bordering"):
                continue  # "Nova Tavolzhanka, bordering Ukraine's Kharkiv Oblast": a neighbour
            parent = other.place
            break
        if other.place is not None and other.place.kind == "settlement" and \
                other.start == mention.end + 1 and mention.doc_sent is not None and \
                mention.doc_sent.doc[mention.end].lower_ == "in":
            parent = region_of(other.place)  # "the village of Dolotinka in Rostov"
            break
    if parent is None:  # "Belgorod Region Governor … said that the town of Shebekino …"
        for other in reversed(mentions[max(0, index - 3):index]):
            if other.place is not None and other.place.kind in ("raion", "region") and \
                    mention.start - other.end <= 60 and \
                    other.sent_start == mention.sent_start:
                parent = other.place
                break
    if parent is None and mention.doc_sent is not None:
        # "Moldovan airspace … found in the village of X": the neighbour the text names there
        parent = _neighbour_named_before(mention, gazetteer)
        if parent is not None:
            rule("places.neighbour-named")
    if parent is None:  # the article's only region, not counting titles and references
        regions = _regions(m.place for m in mentions if m.place is not None and not m.role)
        if len(regions) == 1:
            parent = regions[0]
    if parent is None and mention.doc_sent is not None and mention.hint != "region":
        parent = _sentence_country(mention, gazetteer)  # "…, one of the top two refineries
        # in Russia, was attacked": at least its country
    if mention.hint == "region":
        return Place(id=f"name:{slug(mention.name)}", label=mention.name, kind="region")
    if mention.hint == "raion":  # "the region's Anninsky District": under the region named before
        region = parent if parent is not None and parent.kind == "region" else next(
            (m.place for m in reversed(mentions[:index]) if m.place is not None
             and m.place.kind == "region"), None)
        return Place(id=f"name:{slug(mention.name)}" + (f"@{region.id}" if region else ""),
                     label=mention.name, kind="raion", parent=region)
    key = slug(mention.name) + (f"@{parent.id}" if parent is not None else "")
    return Place(id=f"name:{key}", label=mention.name, kind="settlement", parent=parent)
