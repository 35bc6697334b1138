"""Places an official's title names, read where the text gives no other: "Sumy Oblast Governor
… reported that Russian troops shelled the region" (the oblast), "Kharkiv Mayor Ihor Terekhov
said Russian drones hit the city" (the city), "Kyiv regional governor … The debris damaged
windows in the region, he said" (the oblast); and the title's own region set aside where the
harm was elsewhere ("the governor of the Voronezh region said a general was killed in
Ukraine")."""

from __future__ import annotations

from kg.extract.attack_places import city_word_struck
from kg.extract.attack_sentences import (ATTACK_WORDS, CASUALTY_WORDS, HARM_WORDS,
                                         SAYING_VERBS, harm_told, lemmas_of, told_downed,
                                         weapon_spans)
from kg.extract.district_places import (REGIONAL_CENTRE, STRIKE_VERBS, object_of_strike,
                                        region_of)
from kg.extract.doc_text import sent_tokens, sentence_of, span_text
from kg.extract.lexicon import cues
from kg.extract.place_mentions import Mention
from kg.extract.place_roles import ATTACK_NOUNS
from kg.extract.rules import rule
from kg.extract.unharmed_places import AREA_NOUNS
from kg.link.places import inside, resolve
from kg.records import Place


def officials_region(sent, named, gazetteer=None, focus=(), figures=()
                      ) -> tuple[Place, str] | None:
    """The region an official's title names, when the sentence's attack verb strikes "the
    region" ("Sumy Oblast Governor Dmytro Zhyvytskyi reported that Russian troops shelled and
    mined the region 110 times"); its capital, when the sentence tells of "the regional
    capital" ("The Zaporizhzhia region governor said two women had been wounded when debris
    struck a residential neighborhood in the regional capital")."""
    regions = list({p.id: p for p in (titled_region(m, sent.doc) for m in named if m.role)
                    if p is not None}.values())
    if not regions and not focus and (city := _mayors_city_struck(sent, named)) is not None:
        return city, "places.officials-city"  # "Kharkiv Mayor Ihor Terekhov said Russian
        # drones hit the city overnight": the mayor's city
    if not regions and (city := _mayors_city(sent, named)) is not None and \
            not any(p.id == city.id or inside(p, city) or inside(city, p) for p in focus) and \
            _governor_tells(sent, named, figures, heads={"mayor"}) and \
            rule("places.mayor-tells"):
        return city, "places.mayor-tells"  # "Lviv Mayor Andrii Sadovyi said … several
        # residential buildings were hit", after Lutsk's news too: the mayor's own city
    if len(regions) != 1:
        return None
    if not any(p.kind == "settlement" for p in focus) and not any(
            not m.role and m.place is not None and m.place.kind == "settlement"
            for m in named) and \
            city_word_struck(sent) and rule("places.officials-city-word") and \
            (capital := _capital_of(regions[0], gazetteer)) is not None:
        return capital, "places.officials-city-word"  # "Zaporizhzhia Governor Ivan Fedorov
        # said ten people were injured in the overnight attack on the city"; "the city" is
        # a city in focus where there is one
    if focus:  # after a struck place, only another region's governor telling of an attack
        if any(p.id == regions[0].id or inside(p, regions[0]) for p in focus):
            return None
        if _governor_tells(sent, named, figures):
            return regions[0], "places.governor-tells"
        return (regions[0], "places.officials-region") if _the_region_struck(sent) and \
            rule("places.other-officials-region") else None  # "Vinnytsia regional Gov. Serhii
        # Borzov confirmed that Russian missiles had targeted the region", after Kyiv's news
    text = span_text(sent).lower()
    if any(phrase in text for phrase in REGIONAL_CENTRE):
        name = regions[0].label.removesuffix(" Oblast")
        capital = resolve(name, kind="settlement", gazetteer=gazetteer, within=regions[0])
        if capital is not None and rule("places.officials-region"):
            return capital, "places.officials-region"
    if _the_region_struck(sent) and rule("places.officials-region"):
        return regions[0], "places.officials-region"
    return (regions[0], "places.governor-tells") if _governor_tells(sent, named, figures) \
        else None


def _the_region_struck(sent) -> bool:
    """The sentence strikes "the region": "one woman was killed in a drone attack on the
    region", "shelled and mined the region", "missiles had targeted the region"."""
    for token in sent_tokens(sent):
        if token.lower_ == "region" and token.dep_ == "pobj" and \
                token.head.lower_ in ("on", "against") and \
                token.head.head.lemma_.lower() in ATTACK_NOUNS and \
                any(c.lower_ == "the" for c in token.children):
            return True  # "According to Kyiv regional Gov. Mykola Kalashnyk, one woman was
            # killed in a drone attack on the region"
        if token.lower_ != "region" or token.dep_ != "dobj" or not any(
                c.lower_ == "the" for c in token.children):
            continue
        verb = token.head  # "shelled and mined the region": the first of the joined verbs too
        verbs = {verb.lemma_.lower()} | ({verb.head.lemma_.lower()} if verb.dep_ == "conj"
                                          else set())
        if verbs & STRIKE_VERBS:
            return True
    return False


def _capital_of(region: Place, gazetteer) -> Place | None:
    """The city an oblast is named after ("Kharkiv Oblast": Kharkiv), if the gazetteer has it
    inside the oblast."""
    if region.kind != "region" or not region.label.endswith(" Oblast"):
        return None
    return resolve(region.label.removesuffix(" Oblast"), kind="settlement", gazetteer=gazetteer,
                   within=region)


def _attacks_on(preposition) -> bool:
    """"Russian attacks on the region … struck critical infrastructure": an "on" that an attack
    noun takes, so its object is what was struck."""
    return preposition.lower_ == "on" and \
        preposition.head.lemma_.lower() in ATTACK_WORDS and preposition.head.pos_ == "NOUN" and \
        bool(rule("places.attacks-on-his-region"))


def said_of_his_region(sent, before: list[Mention]) -> Place | None:
    """The region of the one official titled in the sentence before (``before``: its place
    mentions), when this sentence tells of harm "in the region" and "he said" (or she): the
    governor speaking of his own."""
    regions = {r.id: r for m in before
               if m.role and (r := titled_region(m, sent.doc)) is not None}
    if len(regions) != 1:
        return None
    tokens = sent_tokens(sent)
    in_region = any(t.lower_ in ("region", "oblast") and t.dep_ == "pobj" and (
        t.head.lower_ in ("in", "across", "throughout") or _attacks_on(t.head)) and
                    any(c.lower_ in ("the", "his", "her") for c in t.children) for t in tokens)
    said = any(t.lower_ in ("he", "she") and t.dep_ == "nsubj" and
               t.head.lemma_.lower() in SAYING_VERBS for t in tokens)
    return next(iter(regions.values())) if in_region and said and \
        rule("places.governor-said-region") else None


def harmed_elsewhere(sent, mention) -> bool:
    """The sentence tells harm done in another named place ("the governor of the Voronezh
    region said a general was killed in Ukraine"): the office's region is not where it was."""
    return any(t.lemma_.lower() in CASUALTY_WORDS and any(
        c.lower_ == "in" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" and
                                 not mention.start <= g.i < mention.end for g in c.children)
        for c in t.children) for t in sent_tokens(sent))


def downed_and_no_harm(sent, figures) -> bool:
    """The sentence tells weapons shot down and no one hurt ("the governor of the Dnipropetrovsk
    region said a missile had been shot down over his region and no one was hurt there"), and
    no other harm: not "… said one of the drones shot down caused a fire, with no casualties
    reported" (``places.downed-weapon-harm``)."""
    return bool(figures) and not any(f.value for f in figures) and \
        bool(lemmas_of(sent) & cues()["interception_words"]) and \
        not (lemmas_of(sent) & (HARM_WORDS - CASUALTY_WORDS) and rule("places.downed-weapon-harm"))


def _governor_tells(sent, named, figures, heads=None) -> bool:
    """"Belgorod Governor X said the attacks damaged three houses": an official's report
    that names no place but the title's (``heads``: the titles of the office, "mayor" for a
    city's)."""
    if any(not m.role and (heads is None or m.place is None or m.place.kind != "country")
           for m in named) or not _official_tells(sent, heads):
        return False
    if downed_and_no_harm(sent, figures):
        return False  # "… said the drones had all been shot down and there were no casualties"
    if figures and not any(f.value for f in figures) and _no_harm_at_all(sent) and \
            rule("places.governor-tells-no-harm"):
        return False  # "“No damage or casualties have been reported,” the Bryansk governor
        # wrote": a zero told alone strikes nothing
    if not figures and not harm_told(sent) and not (heads and _things_hit(sent)):
        return False  # "… said the region was preparing for more drone attacks", "… said the
        # air force shot down five drones there without offering details on damage"
    return bool(rule("places.governor-tells"))


def _things_hit(sent) -> bool:
    """A strike verb whose object (or subject, in the passive) is a thing, not a weapon or an
    area: "several residential buildings were hit"."""
    weapons = {i for w in weapon_spans(sent.doc) if sent.start <= w.start < sent.end
               for i in range(w.start, w.end)}
    return any(t.lemma_.lower() in STRIKE_VERBS and t.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and c.i not in weapons and
        c.lemma_.lower() not in AREA_NOUNS for c in t.children) for t in sent_tokens(sent))


def _no_harm_at_all(sent) -> bool:
    """Every harm word of the sentence is denied ("No damage or casualties have been
    reported"), and no attack verb is told."""
    tokens = [t for t in sent_tokens(sent) if t.lemma_.lower() in HARM_WORDS]
    if any(t.pos_ == "VERB" for t in tokens) or lemmas_of(sent) & ATTACK_WORDS - HARM_WORDS:
        return False  # not "the governor said the attack was aimed at civilian
        # infrastructure and reported no casualties"
    if not tokens or not all(_denied(t) for t in tokens):
        return False
    # nor the sentence before, within the official's words ("“A drone damaged a house. There
    # were no casualties,” the governor wrote"), unless it tells weapons brought down
    before = sentence_of(sent.doc, sent.start - 1) if sent.start > 0 else None
    return before is None or not harm_told(before) or told_downed(before)


def _denied(token) -> bool:
    """``token``, or the word it is joined to, is denied by "no" ("No damage or casualties")."""
    while not any(c.lower_ in ("no", "neither", "nor") for c in token.children):
        if token.dep_ != "conj" or token.head.i == token.i:
            return False
        token = token.head
    return True


_REGION_HEADS = frozenset(cues()["region_head_titles"])


_CITY_TITLES = frozenset({"mayor", "city"})


def _mayors_city(sent, named) -> Place | None:
    """The one city a sentence names in a mayor's or a city body's title ("Kharkiv Mayor",
    "the Kherson city military administration"), when it names no other place but a country
    ("After the missile attack that targeted western Ukraine's oblasts, Lviv Mayor …")."""
    doc = sent.doc
    cities = {m.place.id: m.place for m in named if m.role and m.place.kind == "settlement"
              and m.end < len(doc) and doc[m.end].lower_ in _CITY_TITLES}
    if len(cities) != 1 or any(not m.role and (m.place is None or m.place.kind != "country")
                               for m in named):
        return None
    return next(iter(cities.values()))


def _mayors_city_struck(sent, named) -> Place | None:
    """The mayor's city (``_mayors_city``), when the sentence's strike verb struck "the city"
    ("hit the city", "the city's energy infrastructure")."""
    city = _mayors_city(sent, named)
    if city is None:
        return None
    if any(phrase in span_text(sent).lower() for phrase in REGIONAL_CENTRE) and \
            region_of(city) is not None and \
            region_of(city).label.rsplit(" ", 1)[0] == city.label and \
            rule("places.officials-regional-centre"):
        return city  # "In the regional centre, a Russian drone dropped explosives on a car, the
        # Kherson city military administration said": the city is its oblast's centre
    for token in sent_tokens(sent):
        if token.lower_ != "city" or not any(c.lower_ == "the" for c in token.children):
            continue
        node = token.head if token.dep_ == "poss" else token  # "the city's infrastructure"
        if object_of_strike(node) and rule("places.officials-city"):
            return city
    return None


# "the Sumy Regional Military Administration", "Kyiv regional Gov. Mykola Kalashnyk"
_REGIONAL_BODIES = frozenset({"military", "state", "administration", "head", "chief", "council",
                              "authorities", "police"}) | _REGION_HEADS


def titled_region(mention: Mention, doc) -> Place | None:
    """The region a title mention names: the region itself, or the region a governor's city
    name stands for ("Volgograd Governor Andrei Bocharov": Volgograd Oblast, for a governor
    heads a region, not a city)."""
    if mention.place.kind == "region":
        return mention.place
    after = doc[mention.end].lower_ if mention.end < len(doc) else ""
    if after in ("'s", "’s") and mention.end + 1 < len(doc) and \
            doc[mention.end + 1].lower_ in _REGION_HEADS and rule("places.possessive-governor"):
        after = doc[mention.end + 1].lower_  # "Mykolaiv's governor, Vitaly Kim"
    region = region_of(mention.place)
    # "Volgograd Governor", "the Sumy Regional Military Administration": the oblast's
    regional = after == "regional" and mention.end + 1 < len(doc) and \
        doc[mention.end + 1].lower_ in _REGIONAL_BODIES
    if (after in _REGION_HEADS or regional) and mention.place.kind == "settlement" and \
            region is not None and region.label.rsplit(" ", 1)[0] == mention.place.label:
        return region
    if regional and region is None and mention.place.parent is not None and \
            mention.place.parent.kind == "country":
        # "Kyiv regional governor": the oblast around a city of its own standing
        oblast = resolve(mention.place.label + " Oblast", kind="region")
        if oblast is not None and rule("places.oblast-of-capital-city"):
            return oblast
    return None


def _official_tells(sent, heads=None) -> bool:
    """The sentence is an official's report: its main verb is one of saying, whose subject
    holds the title ("Cherkasy Governor Ihor Taburets said on Telegram that …")."""
    root = sent.root
    if root.lemma_.lower() not in SAYING_VERBS:
        return False
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        # "Also on Telegram, Mykolaiv's governor, Vitaly Kim, said …": the parser lost the
        # subject in the phrase before the verb; a governor named there, with no other noun
        # that could speak, is the one who said it
        before = [t for t in sent_tokens(sent) if t.i < root.i]
        return any(t.lower_ in _REGION_HEADS for t in before) and not any(
            t.dep_ == "nsubj" for t in before) and bool(rule("places.governor-before-verb"))
    words = {t.lower_ for t in subject.subtree}
    # "the Sumy Oblast Military Administration reported that …": a region's administration
    return bool(words & (heads or _REGION_HEADS)) or subject.lower_ == "administration" and bool(
        words & {"oblast", "region", "regional"}) and bool(rule("places.administration-tells"))
