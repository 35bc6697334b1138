"""Raions and city districts settled by the names around them: "the Kamensky district of
Russia's southern region of Rostov" (that region's raion), "the Dniprovskyi district of Kherson"
and "Kherson's Kuibyshevskyi district" (that city's), "the Polohy district" (the raion of the
2020 reform named after its centre), and short forms of hyphenated names ("the Slavyansk
refinery" beside Slavyansk-on-Kuban)."""

from __future__ import annotations

import re
import unicodedata

from kg.extract.doc_text import sent_tokens, span_text, tokens_text, tokens_with
from kg.extract.lexicon import cues
from kg.extract.name_skeletons import adjective_stems
from kg.extract.place_mentions import Mention
from kg.extract.place_roles import ACTOR_COMPOUNDS, DAMAGE_OR_HARM, FIRING_VERBS
from kg.extract.rules import rule
from kg.link.names import normalize
from kg.link.places import country_of, inside, resolve
from kg.records import Place
from kg.vocab import slug


def region_of(place: Place | None) -> Place | None:
    """The region (oblast, krai) a place lies in, or itself if it is one."""
    for node in place.chain() if place else []:
        if node.kind == "region":
            return node
    return None


def named_oblast(place: Place | None) -> Place | None:
    """The oblast a settlement names, being its capital (Odesa: Odesa Oblast), or None."""
    oblast = region_of(place) if place is not None and place.kind == "settlement" else None
    return oblast if oblast is not None and \
        oblast.label.lower().startswith(place.label.lower()) else None


def settle_districts(mentions: list[Mention], context: tuple[Place, ...]) -> None:
    """Give each raion or district mention the place its neighbours in the text say it is."""
    for index, mention in enumerate(mentions):
        region = _of_region(mention, [m for m in mentions[index + 1:index + 3]
                                      if m.place is None or m.place.kind != "country"])
        if region is not None and (mention.place is None or not inside(mention.place, region)):
            # "the Kamensky district of Russia's southern region of Rostov": that region's
            # raion, not a namesake elsewhere; unlinked where the gazetteer lacks it
            named_after = _raion_named_after(mention.name, context)  # "the Polohy district"
            label = mention.name if mention.name.endswith(" District") \
                else f"{mention.name} District"  # "Korenevsky District" is named so already
            mention.place = resolve(mention.name, kind="raion", within=region) or (
                named_after if named_after is not None and inside(named_after, region)
                else Place(id=f"name:{slug(label)}@{region.id}", label=label, kind="raion",
                           parent=region))
            mention.rules += (rule("places.raion-of-region"),)
            for later in mentions[index + 1:]:  # "the Kamensky oil depot": that district's
                if later.name == mention.name and later.hint is None and adjective_stems(
                        later.name):
                    later.place, later.rules = mention.place, later.rules + mention.rules[-1:]
            continue
        city = _of_city(mention, mentions[index + 1:index + 2])
        if city is not None and (mention.place is None or mention.place.kind not in
                                 ("district", "raion") or mention.place.parent is None or
                                 mention.place.parent.id != city.id):
            # "the Dniprovskyi district of Kherson": a district of that city, whatever the
            # gazetteer says of other cities' districts of that name
            mention.hint = "district"
            mention.place = _city_district(mention, city)
            continue
        if city is not None and rule("places.district-of-named-city"):
            continue  # "the Solomianskyi district of Kyiv", Kyiv's as the gazetteer says: not
            # a district of the city named before it (occupied Donetsk, a launch area)
        if mention.known and mention.place is None and mention.hint == "raion":
            centre = _centre_in_named_raion(mention, mentions)
            if centre is not None:
                # "The Koriukivka district: - In the Kholmy district, …": a raion holds no
                # raion, so a district named after a village of it is that village's
                mention.place, mention.hint = centre, "settlement"
                mention.rules += (rule("places.district-inside-raion"),)
                continue
            mention.place = _raion_named_after(mention.name, context)
        elif mention.known and mention.hint == "raion" and mention.place is not None and \
                mention.place.kind == "raion" and not adjective_stems(mention.name) and \
                mention.place.label.split()[0] != mention.name.split()[0]:
            # "the Polohy district": the raion of the 2020 reform named after its centre, not
            # the older Polohivskyi Raion the gazetteer holds
            renamed = _raion_named_after(mention.name, context)
            if renamed is not None:
                mention.place = renamed
                mention.rules += (rule("places.raion-by-centre"),)
        if mention.place is not None and mention.place.kind == "district" and \
                mention.place.parent is not None and not any(
                    m.place is not None and m.place.id == mention.place.parent.id
                    for m in mentions[:index]):
            # "the Kyivskyi district" in an article about Odesa that has not named Kharkiv: not
            # Kharkiv's district of that name, but one of the city the text is about
            if _of_the_capital(mention):
                continue  # "the Darnytsky district of the capital": Kyiv's
            named_later = any(m.place is not None and m.place.id == mention.place.parent.id
                              for m in mentions[index + 1:])
            mention.place = _district_of_city(mention, mentions[:index]) or (
                mention.place if named_later else None)
            continue
        if _raion_elsewhere(mention, mentions) and not _holds_community(mention) and \
                (district := _district_of_city(mention, mentions[:index])) is not None:
            # the Donetsk mayor's "the Kuibyshevsky district": a district of his city, not the
            # namesake raion of an oblast the article never names
            mention.place, mention.hint = district, "district"
            mention.rules += (rule("places.district-of-city-in-focus"),)
            continue
        owner = _possessor_city(mention, mentions[:index])
        if owner is not None and _raion_of_its_oblast(mention.place, owner):
            # "Kharkiv's Kupianskyi district": a raion of the oblast the city stands for, as
            # in "Kharkiv Oblast's Kupianskyi district"
            mentions[index - 1].place = named_oblast(owner)
            mentions[index - 1].rules += (rule("places.oblast-centre-for-its-oblast"),)
        elif owner is not None and (mention.place is None or mention.place.parent is None
                                    or mention.place.parent.id != owner.id):
            mention.place = _city_district(mention, owner)
        elif mention.hint == "district" and (mention.place is None or
                                             mention.place.kind != "district") and \
                not _raion_of_named_region(mention, mentions):
            mention.place = _district_of_city(mention, mentions[:index])


_HROMADA_WORDS = frozenset(cues()["hromada_words"])


def community_of(doc, i: int) -> bool:
    """Token ``i`` is "community of" ("the Mykolaiv community of Synelnykove district"): the
    community lies in the raion named after it."""
    return 0 <= i < len(doc) - 1 and doc[i].lower_ in _HROMADA_WORDS and \
        doc[i + 1].lower_ == "of" and bool(rule("places.community-of-raion"))


def _holds_community(mention: Mention) -> bool:
    """"the Mykolaiv community of Synelnykove district": a raion that holds a community, never
    a district of a city."""
    return mention.doc_sent is not None and community_of(mention.doc_sent.doc, mention.start - 2)


def _of_the_capital(mention: Mention) -> bool:
    """"the Darnytsky district of the capital": the district's city is the capital the words
    after it name, though the text gives the city no name of its own."""
    if mention.doc_sent is None or mention.place is None or mention.place.parent is None:
        return False
    doc = mention.doc_sent.doc
    after = tokens_text(doc, mention.end, min(len(doc), mention.end + 6)).lower()
    return any(after.startswith((f"district of {phrase}", f"of {phrase}")) and
               name == mention.place.parent.label
               for phrase, name in cues()["capital_words"].items()) and \
        bool(rule("places.district-of-the-capital"))


def _raion_elsewhere(mention: Mention, mentions: list[Mention]) -> bool:
    """The mention reads as a raion of a region that no other place of the article lies in."""
    if mention.hint != "raion" or mention.place is None or mention.place.kind != "raion":
        return False
    region = region_of(mention.place)
    return region is not None and not any(
        m is not mention and m.place is not None and region_of(m.place) is not None
        and region_of(m.place).id == region.id for m in mentions)


def _raion_of_named_region(mention: Mention, mentions: list[Mention]) -> bool:
    """The gazetteer's raion of that name lies in a region the article names ("in Kyiv
    Oblast's Brovary district"): that raion, not a district of the city named last."""
    if mention.place is None or mention.place.kind != "raion":
        return False
    region = region_of(mention.place)
    return region is not None and any(
        m is not mention and m.place is not None and m.place.id == region.id
        for m in mentions) and bool(rule("places.raion-of-named-region"))


def _of_region(mention: Mention, following: list[Mention]) -> Place | None:
    """The region in "<name> district of (Russia's southern) region of <region>" or "<name>
    district of the <region> region", in the same phrase."""
    if mention.hint != "raion" or not following or mention.doc_sent is None:
        return None
    nxt, doc = following[0], mention.doc_sent.doc
    if nxt.place is None or nxt.place.kind != "region" or nxt.sent_start != mention.sent_start \
            or not 2 <= nxt.start - mention.end <= 8 or doc[mention.end + 1].lower_ != "of":
        return None
    between = doc[mention.end + 2:nxt.start]
    if any(t.is_punct or t.pos_ in ("VERB", "AUX", "ADP") and t.lower_ != "of" for t in between):
        return None
    return nxt.place


def _of_city(mention: Mention, following: list[Mention]) -> Place | None:
    """The settlement in "<name> district of <settlement>"."""
    if mention.hint not in ("raion", "district") or not following:
        return None
    nxt = following[0]
    if nxt.place is None or nxt.place.kind != "settlement" or nxt.start - mention.end != 2:
        return None
    return nxt.place if nxt.sent_start == mention.sent_start else None


def _possessor_city(mention: Mention, before: list[Mention]) -> Place | None:
    """The settlement in "<settlement>'s <name> district"."""
    if mention.hint != "district" or not before:
        return None
    last = before[-1]
    if last.place is None or last.place.kind != "settlement" or last.end != mention.start - 1:
        return None
    return last.place


def _raion_of_its_oblast(place: Place | None, city: Place) -> bool:
    """``place`` is a raion of the oblast named after ``city``, its centre ("Kharkiv's
    Kupiansk district": Kupiansk Raion of Kharkiv Oblast)."""
    oblast = named_oblast(city)
    return oblast is not None and place is not None and place.kind == "raion" and \
        region_of(place) == oblast


def _district_of_city(mention: Mention, before: list[Mention]) -> Place | None:
    """"the city's Kuibyshevskyi district": a district of the settlement named last, which the
    gazetteer does not list (unlinked)."""
    city = next((m.place for m in reversed(before) if m.place is not None
                 and m.place.kind == "settlement" and mention.start - m.start < 80
                 and not _names_an_actor(m)), None)
    return _city_district(mention, city) if city is not None else None


#: the words by which one side names the other's state after its capital ("the Kyiv regime"),
#: not a city's own officials ("Kharkiv authorities")
_STATE_AS_CITY = ACTOR_COMPOUNDS - {"authorities", "leadership", "military", "command", "units",
                                    "forces", "troops", "army", "government"}


def _names_an_actor(mention: Mention) -> bool:
    """The name stands for a state ("the Kyiv regime launched drones at the region"), so no
    district named after it is that city's."""
    doc = mention.doc_sent.doc if mention.doc_sent is not None else None
    return doc is not None and mention.end < len(doc) and \
        doc[mention.end].lower_ in _STATE_AS_CITY and bool(rule("places.actor-city-no-district"))


def _city_district(mention: Mention, city: Place) -> Place:
    """The district the mention names in ``city``, as the gazetteer does not list it."""
    name = mention.name if mention.name.lower().endswith("district") else \
        f"{mention.name} District"
    return Place(id=f"name:{slug(name)}@{city.id}", label=name, kind="district", parent=city)


def _centre_in_named_raion(mention: Mention, mentions: list[Mention]) -> Place | None:
    """The settlement a raion-less "<name> district" is named after, when it lies inside a raion
    the article names (a starosta district or a community, not a raion), else None."""
    raions = [m.place for m in mentions if m is not mention and m.place is not None
              and m.place.kind == "raion"]
    if not raions or any(m.end < mention.start <= m.end + 3 and m.place is not None and
                         m.place.kind == "settlement" for m in mentions):
        return None  # "in Vovche of the Hrodivka district": the community locates the village
    centre = resolve(mention.name, kind="settlement", context=tuple(raions))
    return centre if centre is not None and any(inside(centre, r) for r in raions) else None


def _raion_named_after(name: str, context: tuple[Place, ...]) -> Place | None:
    """A raion the gazetteer lacks, named after its centre ("the Bucha district"): placed in
    the centre's oblast, left unlinked."""
    centre = resolve(name, kind="settlement", context=context)
    oblast = region_of(centre)
    if centre is None or oblast is None:
        return None
    countries = {country_of(p).id for p in context if p.kind != "country" and country_of(p)}
    if country_of(centre).id not in (countries or {"Q212"}):
        return None  # "the Kuibyshev District" of Donetsk: no raion of a Russian namesake town
    label = f"{centre.label} Raion"
    if country_of(centre).id == "Q159" and (russian := russian_district_name(centre.label)):
        label = russian
        rule("places.russian-district-name")
    return Place(id=f"name:{slug(label)}@{oblast.id}", label=label, kind="raion", parent=oblast)


def russian_district_name(centre: str) -> str | None:
    """The English name of a Russian district after its centre, as Wikipedia writes it: the
    Russian adjective and "District" ("Temryuk" → Temryuksky District, "Rylsk" → Rylsky
    District, "Korenevo" → Korenevsky, "Volokonovka" → Volokonovsky, "Kaluga" → Kaluzhsky);
    None where the adjective is not regular (a name of several words, "Klintsy"): the caller
    keeps "<centre> Raion"."""
    name = "".join(c for c in unicodedata.normalize("NFKD", centre)
                   if not unicodedata.combining(c))  # "Suzëmka": Suzemka
    if not name.isalpha() or name.endswith(("sy", "tsy", "zy")):
        return None
    for ending in ("skiy", "skii", "sky"):
        if name.endswith(ending):
            return f"{name[:-len(ending)]}sky District"
    if name.endswith("sk"):
        return f"{name}y District"
    if name.endswith(("ki", "ka")):
        return f"{name[:-2]}sky District"
    if name.endswith("ga") and rule("places.russian-district-g-to-zh"):
        return f"{name[:-2]}zhsky District"  # "Yelabuga" → Yelabuzhsky: g becomes zh
    if name.endswith("a"):
        return f"{name}nsky District"
    if name[-1] in "oeiy":
        return f"{name[:-1]}sky District"
    return f"{name}sky District"


def short_of_hyphenated(mentions: list[Mention]) -> None:
    """"the Slavyansk ECO refinery near the town of Slavyansk-on-Kuban", "the Slavyansk
    refinery" after "Slavyansk-na-Kubani": a name that is the first part of a hyphenated place
    name the article gives is that place, not a namesake in another region (Slavyanka in
    Primorsky Krai, Sloviansk in Donetsk Oblast)."""
    full = {}
    for m in mentions:
        if m.place is not None and "-" in m.name.strip("-") and m.place.kind == "settlement" \
                and len(m.name.split("-")[0]) > 3:
            full.setdefault(m.name.split("-")[0].lower(), m.place)
    for mention in mentions:
        place = full.get(mention.name.rstrip("-").lower())
        if place is not None and mention.place != place and mention.hint in (None, "settlement") \
                and (mention.place is None or region_of(mention.place) != region_of(place)):
            # (Kupiansk beside Kupiansk-Vuzlovyi is a town of its own in the same oblast)
            mention.place = place
            mention.rules += (rule("places.short-of-hyphenated"),)


CENTRE_WORDS = ("district center", "district centre", "raion center", "raion centre",
                "district's center", "district's centre", "district’s center",
                "district’s centre")
_RAION_SUFFIXES = (" Raion", " District", " district", " raion")


#: how far before "the district centre" a raion's name still tells which district it is (about a
#: paragraph: "… attacked the Nikopol district. ¶ The district centre and the Marhanets community
#: were hit")
CENTRE_REACH = 400


def raions_of_centre_words(text: str, mentions: list[Mention]) -> frozenset[str]:
    """The raions whose centre "the district centre" speaks of: each raion named in the same
    sentence as those words, or in the stretch of text (``CENTRE_REACH``) just before them. A
    raion named only after them ("The Russians also attacked the Dnipro district") is another
    district, not the one whose centre was told of."""
    lowered = text.lower()  # the doc's text: offsets are the tokens' own
    said = [m.start() for word in CENTRE_WORDS for m in re.finditer(re.escape(word), lowered)]
    raions = set()
    for mention in mentions:
        if mention.place is None or mention.place.kind != "raion" or mention.doc_sent is None:
            continue
        sent = mention.doc_sent
        at = sent.doc[mention.start].idx
        if any(sent.start_char <= where < sent.end_char or 0 <= where - at <= CENTRE_REACH
               for where in said):
            raions.add(mention.place.id)
    return frozenset(raions)


def listed_raions(mentions: list[Mention]) -> frozenset[str]:
    """The raions a list of districts names ("the districts of Bohodukhiv, Kharkiv and
    Izium"): each is the whole district, its centre included, so a centre struck elsewhere in
    the report (Kharkiv) lies inside the raion of its name."""
    return frozenset(m.place.id for m in mentions if m.place is not None and
                     m.place.kind == "raion" and "places.raions-list" in m.rules and
                     rule("places.raion-list-holds-centre"))


def centre_name(raion: Place) -> str:
    """The name of the town a raion is named after ("Nikopol Raion" → "Nikopol")."""
    name = raion.label
    for suffix in _RAION_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def holds(area: Place, place: Place) -> bool:
    """The area holds the place: one of its ancestors, or the raion named after the town that is
    its centre ("the Rivne district" holds Rivne, which the gazetteer files under its oblast);
    Crimea holds Sevastopol."""
    if inside(place, area):
        return True
    return area.kind == "raion" and place.kind == "settlement" and \
        centre_name(area) == place.label and region_of(area) is not None and \
        region_of(area) == region_of(place)


def district_centre(text: str, focus: list[Place], gazetteer) -> Place | None:
    """"Russians continued shelling Nikopol district. The district center was hit with heavy
    artillery": the settlement that is the centre of the one raion in focus (named after it,
    and lying in it)."""
    if len(focus) != 1 or focus[0].kind != "raion" or not any(w in text for w in CENTRE_WORDS):
        return None
    raion = focus[0]
    name = centre_name(raion)
    oblast = region_of(raion)
    centre = next((p for p in gazetteer.candidates(name, {"settlement"})
                   if inside(p, raion) or oblast is not None and inside(p, oblast)), None)
    return centre if centre is not None and rule("places.district-centre") else None


#: what the news calls an oblast's capital
REGIONAL_CENTRE = ("regional center", "regional centre", "regional capital", "region's capital",
                   "oblast center", "oblast centre")


def centre_named_struck(sent) -> bool:
    """"The district center and the Marhanets community were also hit", "It was loud in the
    district center, …": the centre is a subject or the object of "in" in a list of places, not
    a distance ("20 km from the district center"), a hospital's town or a place spared."""
    for token in tokens_with(sent, ("center", "centre")):
        before = token.doc[token.i - 1].lower_ if token.i else ""
        if before in ("'s", "’s") and token.i > 1 and \
                token.doc[token.i - 2].lower_ == "district" and \
                rule("places.district-possessive-centre"):
            before = "district"  # "the district's centre": its centre, as "the district centre"
        if before != "district":
            continue
        verb = token.head
        while verb.dep_ in ("conj", "appos") and verb.head.i != verb.i:
            verb = verb.head
        if verb.lemma_.lower() in ("spare", "avoid", "escape") or any(
                c.dep_ == "neg" for c in verb.children):
            return False
        return token.dep_ in ("nsubj", "nsubjpass", "conj") or token.dep_ == "pobj" and \
            token.head.lower_ == "in" and (any(c.dep_ == "conj" for c in token.children) or
                                          _strikes_there(token.head.head)) or \
            _aimed_at(token) and bool(rule("places.district-centre-struck-in")) or \
            token.dep_ == "appos" and _aimed_at(token.head) and \
            bool(rule("places.district-centre-in-apposition"))
    return False


def _aimed_at(token) -> bool:
    """The token is what a verb struck or aimed at: "dropped a glide bomb on the district
    centre", "hit the district centre"; not "taken to a hospital at the district centre"."""
    if token.dep_ == "dobj":
        return object_of_strike(token)
    verb = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ in ("on", "at") and (
        verb.lemma_.lower() in STRIKE_VERBS | FIRING_VERBS)


def _strikes_there(verb) -> bool:
    """The verb an "in the district centre" phrase hangs on strikes or harms ("In the district
    centre a guided bomb damaged an administrative building"), not "taken to hospital in the
    district centre"."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in STRIKE_VERBS | DAMAGE_OR_HARM and \
        bool(rule("places.district-centre-struck-in"))


def regional_centre_struck(sent) -> bool:
    """The sentence strikes "the regional center" itself: "missile strikes on (the) regional
    center", "hit the regional capital" (not "30 km from the regional center", "the regional
    center was not affected", "the regional center of Sumy")."""
    text = span_text(sent).lower()
    if not any(phrase in text for phrase in REGIONAL_CENTRE):
        return False
    for token in sent_tokens(sent):
        if token.lower_ not in ("center", "centre", "capital") or token.i == 0 or \
                token.doc[token.i - 1].lower_ not in ("regional", "oblast"):
            continue
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of":
            return False
        return object_of_strike(token)
    return False


def object_of_strike(token) -> bool:
    """The token is what was struck: the object of a strike verb ("struck Kharkiv") or of
    "on"/"at" ("strikes on the regional centre", "struck again at Kharkiv")."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in ("on", "at") or \
        token.dep_ == "dobj" and head.lemma_.lower() in STRIKE_VERBS


def capital_of(place: Place, gazetteer) -> Place:
    """The capital of an oblast ``place`` (the settlement its name comes from), else itself."""
    if place.kind != "region" or not place.label.endswith(" Oblast"):
        return place
    capital = resolve(place.label.removesuffix(" Oblast"), kind="settlement",
                      gazetteer=gazetteer, within=place)
    return capital if capital is not None and rule("places.regional-centre") else place


#: verbs that strike a place (not only launch or fall)
STRIKE_VERBS = set(cues()["attack_verbs"]) - {"launch", "fire", "fall", "crash"}


_HEADING = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? (?:district|raion)", re.IGNORECASE)


def settle_district_sections(mentions: list[Mention], gazetteer) -> None:
    """A summary set out under district headings ("Pokrovsk district" on a line of its own,
    then "… damaged in the Dobropillia district"): the heading's raion only heads its section,
    no place struck of its own, and a "district" of another name inside it is a hromada, read
    as its town (regional administrations translate both words as "district")."""
    headings = {m.place.id for m in mentions if m.doc_sent is not None and m.place is not None
                and m.place.kind == "raion" and _HEADING.fullmatch(span_text(m.doc_sent).strip())}
    heading = None
    for mention in mentions:
        sent = mention.doc_sent
        if sent is None or mention.place is None:
            continue
        if mention.place.id in headings and rule("places.district-heading"):
            mention.role = True  # the heading, or "attacked the Pokrovsk, Kramatorsk, and
            # Bakhmut districts" before the sections that tell what happened in them
            if _HEADING.fullmatch(span_text(sent).strip()):
                heading = mention
            continue
        if heading is None or mention.place.kind != "raion" or mention.role or \
                normalize(mention.name) == normalize(heading.name):
            continue
        if any(other.sent_start == mention.sent_start and other is not mention
               and other.place is not None and other.place.kind == "settlement"
               for other in mentions):
            continue  # "Torsky of the Lyman district", "Riznykivka, Siversk district", "The
            # Kurakhove district was shelled: … in Hirnyk, … in Kurakhivka": it only locates
            # or holds the villages its sentence names
        town = resolve(mention.name, kind="settlement", gazetteer=gazetteer,
                       within=region_of(heading.place))
        if town is not None and rule("places.hromada-as-district"):
            mention.place, mention.name = town, town.label
            mention.rules += ("places.hromada-as-district",)
