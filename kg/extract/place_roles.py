"""Context cues that make a place mention no target: part of a title ("Kharkiv Mayor"), of a
longer person's name, a launch site or heading ("drones launched from Kursk", "towards Kyiv"), a
distance reference ("north of Kharkiv"), a river bank, a place only flown over, or a city standing
for its government ("Kyiv has targeted …"). ``kg.extract.place_mentions`` marks such mentions
as roles: they inform context but are never attack places."""

from __future__ import annotations

import re

from kg.extract.attack_sentences import WARNING_NOUNS
from kg.extract.casualty_cues import cue_kind
from kg.extract.doc_text import (doc_fact, doc_lemmas, doc_lowers, doc_text, doc_texts,
                                 doc_tokens, sent_tokens, sentence_of, span_root, span_text,
                                 tokens_text)
from kg.extract.lexicon import cues
from kg.extract.parse_columns import parse_columns
from kg.extract.rules import rule
from kg.link.places import inside
from kg.nlp.pipeline import OPENING, QUOTES

TITLE_WORDS = cues()["title_words"]
OFFICE_TITLES = cues()["office_titles"]
LAUNCH_PREP = {"from", "toward", "towards", "via", "through"}  # anywhere above the name
NOT_TARGET_PREP = LAUNCH_PREP | {"for", "by"}  # right before it: "by Moscow", "for Kyiv"
TARGET_PREP = {"on", "against", "at"}  # "the attack on Kyiv": what lies above is no matter
ATTACK_NOUNS = set(cues()["attack_nouns"]) - {"debris", "wreckage", "fragment", "fire"}
LAUNCH_VERBS = set(cues()["launch_words"]) - {"include", "comprise", "involve", "use", "employ"}

ACTOR_VERBS = cues()["actor_verbs"]
# "strikes on the capital Kyiv overnight wounded 19": a misparse, for no city wounds
HARM_VERBS = set(cues()["killed_words"]) | set(cues()["injured_words"])
DAMAGE_OR_HARM = frozenset(cues()["damage_words"]) | HARM_VERBS  # what a strike did
FIRING_VERBS = frozenset({"fire", "launch", "drop", "direct", "aim", "shoot"})  # "fired … at X"
ACTOR_NOUNS = cues()["actor_nouns"]
UNDERGOING = cues()["undergoing_verbs"]
DIRECTIONS = cues()["direction_words"]
WATERSIDE = set(cues()["waterside_words"])
GEOGRAPHY = set(cues()["geography_words"])
_PLACE_NOUNS = cues()["locating_place_nouns"]
STREETS = set(cues()["street_words"])
BUILDINGS = set(cues()["building_names"])
BORDERS = set(cues()["border_words"])
ACTOR_COMPOUNDS = set(cues()["actor_compound_nouns"])
FRONT_SECTORS = set(cues()["front_sector_words"])
OBJECTIVE_VERBS = set(cues()["objective_verbs"])


def _city_ends(doc, i: int) -> bool:
    """"city" ends the name's phrase ("in Dnipro city of Ukraine", "in Dnipro city,", "hit
    Kharkiv city on Saturday"): the city itself, not "Kharkiv city Mayor" or "the Kherson city
    territorial community"."""
    if i >= len(doc) or doc[i].lower_ == "of" or doc[i].is_punct or \
            doc[i].pos_ in ("ADP", "CCONJ", "SCONJ"):
        return True
    # "a missile attack on Dnipro city launched by invaders yesterday", "on Zaporizhzhia city
    # yesterday": a participle or a time after it, not a word of a body or title, nor the
    # verb of a sentence whose speaker it names ("the mayor of Lviv city reported")
    return (doc[i].tag_ in ("VBN", "VBG") or doc[i].pos_ == "ADV"
            or doc[i].ent_type_ in ("DATE", "TIME")) and \
        doc[i].lower_ not in TITLE_WORDS and bool(rule("places.city-before-verb-or-time"))


def _from_on_the_left(doc, start: int) -> bool:
    """A "from" a few words before, in the same phrase: "from Cape Chauda in occupied Crimea"."""
    tokens, lowers, lemmas, texts = doc_tokens(doc), doc_lowers(doc), doc_lemmas(doc), \
        doc_texts(doc)
    tree = parse_columns(doc)  # the words and tags by index: no Token made per word
    for i in range(start - 1, max(0, start - 7) - 1, -1):
        if lowers[i] in LAUNCH_PREP:
            if not tree.children[i] and rule("places.preposition-without-object"):
                continue  # "Drones that got through hit Kropyvnytskyi": a particle
            return not _from_a_home(tokens[i])
        if lowers[i] in TARGET_PREP and i > 0 and lemmas[i - 1] in ATTACK_NOUNS:
            return False  # "from Monday's strike on Dnipro": the strike's target
        if _weapon_aimed_on(tokens[i]) and any(a.i == i for a in tokens[start].ancestors):
            rule("places.dropped-on")  # "a grenade was dropped from a UAV on the X hromada",
            return False  # "fired from the left bank on Kherson": the target, not the origin
        if lowers[i] in OCCUPIED:
            continue  # "occupied Crimea": a description, not a verb
        if texts[i] in (",", ";", ".", ":", "(") or lowers[i] in ("and", "but", "while"):
            if texts[i] in (",", "and") and lowers[i + 1] in OCCUPIED:
                continue  # "from the Kursk region and occupied Crimea": the list goes on
            return False
        if tree.pos[i] in ("VERB", "AUX") and not (tree.tags[i] in ("VBN", "VBD") and i > 0
                                                   and tree.pos[i - 1] in ("ADP", "DET")):
            return False
    return False


_HOMES = frozenset(cues()["dwelling_nouns"]) | frozenset(cues()["aftermath_words"])


def _from_a_home(prep) -> bool:
    """"recovered the bodies … from a house in Bohodukhiv", "pulled from the rubble in X": out
    of a home or its ruins, not launched from the place."""
    return any(c.dep_ == "pobj" and c.lemma_.lower() in _HOMES for c in prep.children) and \
        bool(rule("places.from-a-home"))


_DIRECTIONS = set(cues()["launch_direction_nouns"])
# what joins the names of a launch list: "Kursk, Orel - Russian Federation, Gvardiyske –
# temporarily occupied Crimea"
_LIST_GLUE = frozenset({",", ";", "-", "–", "—", "and", "the", "temporarily", "of", "part", "'s",
                        "’s"})  # "occupied Crimea's Cape Chauda; Russia's Kursk"
OCCUPIED = frozenset(cues()["occupation_participles"])  # "occupied Crimea": no verb


def _launch_list(doc, start: int) -> bool:
    """A name in the list a colon opens after "from … directions", a list with no verb of its
    own: "drones came in waves from four directions: occupied Crimea's Chauda Cape; Russia's
    Kursk and Primorsko-Akhtarsk" ("… from several directions: Kharkiv and Odesa were hit"
    strikes them)."""
    sent = sentence_of(doc, start)
    if ":" not in span_text(sent):
        return False  # most sentences: no colon to walk back to
    tokens = doc_tokens(doc)
    colon = next((i for i in range(start - 1, sent.start - 1, -1) if tokens[i].text == ":"), None)
    if colon is None:
        return False
    before = [t.lower_ for t in tokens[max(sent.start, colon - 5):colon]]
    areas = before[-2:] in (["launch", "areas"], ["launch", "sites"]) and \
        bool(rule("places.launch-areas-label"))  # "- launch areas: Kursk, Bryansk, …"
    if not areas and (not before or before[-1] not in _DIRECTIONS or "from" not in before):
        return False
    # the list runs from the colon to the name, with no verb of its own ("from the directions:
    # Kursk, Orel, …, Primorsko-Akhtarsk - Russian Federation, Gvardiyske – temporarily occupied
    # Crimea, roughly 80 of them are Shahed UAVs"); a verb after it ends it, not the name's
    if any(t.pos_ in ("VERB", "AUX") and t.lower_ not in OCCUPIED or t.text in ("(", ")")
           for t in tokens[colon + 1:start]):
        return False
    k = colon + 1
    while k < sent.end and (tokens[k].pos_ == "PROPN" or tokens[k].lower_ in _LIST_GLUE
                            or tokens[k].lower_ in OCCUPIED):
        k += 1  # to the end of the list of names
    if k <= start or k < sent.end and tokens[k].pos_ in ("VERB", "AUX"):
        return False  # "from several directions: Kharkiv and Odesa were hit": struck
    return bool(rule("places.launch-list"))


_SPAN_VERBS = frozenset(cues()["span_strike_verbs"])


def _struck_from_to(head) -> bool:
    """"Tonight, Russia struck from Kharkiv and Sumy regions to Lviv and Bukovyna": "from …
    to …" under a verb of striking spans the country struck, both ends included, as it does
    under "ranging" that describes the places struck ("blasts in cities ranging from Lviv to
    Kharkiv"); under "launched" or "flew" the "from" is still where the weapons came from."""
    node = head
    while node.dep_ != "prep" and node.head.i != node.i:
        node = node.head
    verb = node.head
    if node.lower_ != "from" or not any(
            c.dep_ == "prep" and c.lower_ == "to" and any(_names_place(g) for g in c.children)
            for c in (*verb.children, *node.children)):
        return False
    if verb.lemma_.lower() in _SPAN_VERBS:
        return bool(rule("places.struck-from-to"))
    # "strikes were reported in cities ranging from Lviv and Zhytomyr in the west to Kryvy Rih
    # in the south": the cities the range spans
    return verb.lemma_.lower() == "range" and verb.dep_ == "acl" and \
        bool(rule("places.ranging-from-to"))


def _names_place(token) -> bool:
    """A "to" object that is a name ("to Lviv", "to the Odesa region"), not a direction or a
    distance ("30 kilometers to the north")."""
    return token.dep_ == "pobj" and (token.pos_ == "PROPN" or any(
        c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" for c in token.children))


def _owned(possessor):
    """What a possessive owns: the head of its noun's compound ("Toropets's weapons arsenal" owns
    the arsenal, not the weapons)."""
    owned = possessor.head
    while owned.dep_ == "compound" and owned.head.i != owned.i:
        owned = owned.head
    return owned


_FIGHTING = frozenset(cues()["ground_fighting_near"])


def fighting_near(node) -> bool:
    """The name's "near" / "around" / "outside" phrase tells where ground forces fought: it
    hangs on a word of fighting, or on a verb whose object is one ("advanced near Toretsk",
    "attacked Ukrainian positions around Chasiv Yar", "repelled counter-attacks near X")."""
    if node.dep_ != "pobj" or node.head.lower_ not in ("near", "around", "outside"):
        return False
    above = node.head.head
    words = {above.lemma_.lower(), above.lower_}
    if above.pos_ == "VERB":
        words |= {c.lemma_.lower() for c in above.children if c.dep_ == "dobj"}
    elif above.dep_ == "dobj":  # "repelled counter-attacks near X"
        words.add(above.head.lemma_.lower())
    return bool(words & _FIGHTING)


def _weapon_aimed_on(prep) -> bool:
    """"on" or "against" after a verb or a weapon ("dropped from a UAV on X", "fired from the left
    bank on X"): what follows is the target, whatever "from" came before; not "airfields on X".
    So is "at" after a verb of firing ("fired Kalibr missiles from the Black Sea at Odesa"), or
    after the place the firing came from, where the parser hung it ("fired missiles from
    Crimea at Mykolaiv"); not "from an airfield at X"."""
    if prep.lower_ == "at":
        head = prep.head
        if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ == "from":
            head = head.head.head
        return head.pos_ == "VERB" and head.lemma_.lower() in FIRING_VERBS and \
            bool(rule("places.fired-at"))
    return prep.lower_ in ("on", "against") and (
        prep.head.pos_ == "VERB" or prep.head.lower_ in cues()["armed_force_nouns"])


def _governing_preps(head) -> list[str]:
    """The prepositions on the way from a mention up to its clause's verb."""
    preps, node = [], head
    verb = node.head
    if node.dep_ == "dobj" and verb.lower_ in OCCUPIED and verb.i == node.i - 1:
        ahead = [c for c in verb.children if c.dep_ == "prep" and c.i < verb.i]
        if ahead and rule("places.occupied-after-preposition"):
            # "and from temporarily occupied Crimea": the parser hangs the "from" on
            # "occupied", read as a verb; it governs the place
            return [ahead[-1].lower_] + _governing_preps(verb)
    for _ in range(6):
        if node.dep_ == "pobj" and (node.head.dep_ in ("prep", "agent") or
                                    node.head.dep_ == "conj" and node.head.pos_ == "ADP"):
            # "… from Cape Chauda in occupied Crimea and from the X district": a joined "from"
            preps.append(node.head.lower_)
            prep, node = node.head, node.head.head
            if preps[-1] in TARGET_PREP and node.lemma_.lower() in ATTACK_NOUNS:
                rule("places.attack-on")  # "the toll from the strike on Dnipro": its target
                break
            if _weapon_aimed_on(prep):
                rule("places.dropped-on")  # "dropped from a UAV on the X hromada": its target
                break
        elif node.dep_ == "conj" and node.head.i != node.i:
            node = first_conjunct(node)  # a long list is one step ("from the Kursk, Bryansk,
            # Oryol, Belgorod, Voronezh, Rostov and Krasnodar regions")
        elif node.dep_ in ("appos", "compound", "amod", "nmod") and node.head.i != node.i:
            node = node.head
        else:
            break
        if node.pos_ in ("VERB", "AUX"):
            break
    return preps


_LOCATING_PREP = ("in", "at", "near")


def _launched_from(head, preps: list[str]) -> bool:
    """A launch preposition above the name: "launched from the Kursk region", "from Cape
    Chauda in occupied Crimea"; but above the name's own "in" only under a launch verb: "78
    consumers were cut off from the power supply in the village of Chornolozka" is where
    the power went off, not a launch site."""
    if not any(p in LAUNCH_PREP for p in preps):
        return False
    first = next((i for i, p in enumerate(preps) if p in _LOCATING_PREP), len(preps))
    if any(p in LAUNCH_PREP for p in preps[:first]):
        return True
    verb = head
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.lemma_.lower() in LAUNCH_VERBS or verb.lemma_.lower() in ("fly", "come", "enter"):
        return True
    return not bool(rule("places.located-not-launched"))


def named_phrase(token):
    """The noun of the phrase a name stands in, past the list it is part of: "Astrakhan" in
    "Russia's Vologda and Astrakhan oblasts" → "oblasts"."""
    while token.dep_ in ("conj", "compound", "amod", "nmod", "poss") and token.head.i != token.i:
        token = token.head
    return token


def _based_where_launched(head) -> bool:
    """"missiles launched from aircraft located in Russia's Vologda and Astrakhan oblasts": the
    place of what the weapons came from, told by a participle, is a launch area."""
    node = named_phrase(head)  # "in Russia's Vologda and Astrakhan oblasts"
    if node.dep_ != "pobj" or node.head.lower_ not in ("in", "at", "over"):
        return False
    participle = node.head.head
    if participle.lemma_.lower() not in ("locate", "base", "station", "deploy", "fly") or \
            participle.dep_ != "acl":
        return False
    carrier = participle.head
    return carrier.dep_ == "pobj" and carrier.head.lower_ == "from" and \
        bool(rule("places.launch-site"))


def _dropped_in(head) -> bool:
    """"an explosive device was dropped from a drone in the Shebekino district": the "in"
    phrase of the aircraft something was dropped from tells where it struck."""
    node = phrase_head(head)
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        node = node.head.head  # "in the village of Bilozerka"
    if node.dep_ != "pobj" or node.head.lower_ not in _LOCATING_PREP:
        return False
    carrier = node.head.head
    return carrier.dep_ == "pobj" and carrier.head.lower_ == "from" and \
        carrier.lemma_.lower() in _AIRBORNE and \
        carrier.head.head.lemma_.lower() in ("drop", "release") and \
        bool(rule("places.dropped-in"))


def _reported_from(head) -> bool:
    """The "from" hangs on a verb of reporting or hearing: "casualties were reported from
    Pavlohrad", "explosions heard from Kharkiv" tell where it happened, not a launch site."""
    node = head.head.head if head.dep_ == "pobj" else None
    return node is not None and node.lemma_.lower() in ("report", "hear") and \
        bool(rule("places.reported-from"))


_SERVICE_PEOPLE = frozenset({"soldier", "soldiers", "serviceman", "servicemen", "fighter",
                             "fighters", "officer", "officers", "marine", "marines"})
#: nouns of an attack ("strike", "bombardment", "wave"), without the pronouns that may follow one
ATTACK_EVENT_NOUNS = frozenset(cues()["followed_event_nouns"]) - {"it", "this"}


_CARE = frozenset(cues()["care_nouns"]) | frozenset(cues()["care_verbs"])


def _where_cared_for(token) -> bool:
    """"taken to hospital in Kherson": the place of a hospital, or of a verb of care or of
    taking someone to one, is where a victim was treated, not where the victim was struck."""
    owner = token.head.head
    return token.pos_ == "PROPN" and (owner.lemma_.lower() in _CARE or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lemma_.lower() in _CARE for g in c.children) for c in owner.children)) and \
        bool(rule("places.victim-from-treated-elsewhere"))


def _victim_from(head) -> bool:
    """"A 45-year-old man from Nikopol was injured", "two casualties, a man and a woman from
    the Novopavlivka and Malomykhailivka communities": victims from a place, when the sentence
    names no other place, were struck at home, not launched from there."""
    node = named_phrase(head)  # "the Novopavlivka and Malomykhailivka communities"
    if node.dep_ != "pobj" or node.head.lower_ != "from":
        return False
    person = node.head.head
    while person.dep_ == "conj" and person.head.i != person.i:
        person = person.head  # "a man and a woman from …"
    if person.lower_ not in cues()["person_nouns"] or person.pos_ != "NOUN" or \
            person.lower_ in _SERVICE_PEOPLE:
        return False  # not "a 19-year-old soldier from Ternopil was killed": his home town
    phrase = range(node.left_edge.i, node.i + 1)  # not a clause on it ("who fled to X")
    if any(t.dep_ == "pobj" and t.head.lower_ in ("in", "on", "at", "near", "to") and (
            t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")
            or t.pos_ == "NOUN" and t.head.head.lemma_.lower() in ATTACK_EVENT_NOUNS)
           and t.i not in phrase and not _where_cared_for(t) for t in sentence_of(head.doc, head.i)):
        return False  # "a man from Kharkiv was killed in Kyiv": Kyiv; "… fled to Zaporizhzhia";
        # "… killed in a missile strike on a training ground": the strike's own target
    return any(cue_kind(t) for t in sentence_of(head.doc, head.i)) and bool(rule("places.victim-from"))


_AIRBORNE = frozenset(cues()["airborne_weapon_nouns"])


def _weapon_over(node) -> bool:
    """The name's phrase is the object of an "over" that hangs on a weapon or aircraft noun
    ("two guided missiles over the Chernihiv region and Sumy region")."""
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj" or node.head.lower_ != "over":
        return False
    above, over = node.head.head, node.head
    if above.pos_ == "VERB" and above.lemma_.lower() in ("launch", "fly", "send"):
        # "launched two guided missiles over the Chernihiv region"
        return any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lemma_.lower() in _AIRBORNE
                   for c in above.children) and not _harm_under(above, over)
    if above.lemma_.lower() not in _AIRBORNE or above.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Shahed drones over Zaporizhzhia struck an energy facility"
    verb = above
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return not _harm_under(verb, over)  # "a barrage of drones over Odesa, damaging port …"


def _harm_under(verb, over) -> bool:
    """Damage or a casualty told in ``verb``'s clause, outside the "over" phrase and the
    clauses joined to it by "and" ("launched a swarm of drones over Kryvyi Rih, starting a
    fire"; not "struck Poltava with missiles and launched two over Sumy")."""
    skip = {t.i for t in over.subtree}
    harm = DAMAGE_OR_HARM | {"fire"}
    return any(t.lemma_.lower() in harm and t.i not in skip and t.i != verb.i
               for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj")
               and c.i not in skip for t in c.subtree)
_ON_THE_WAY = frozenset({"travel", "drive", "pass", "ride", "move", "walk", "cycle"})
_TRAVELLERS = frozenset(cues()["traveller_nouns"])  # a car, a bus, a civilian: not a drone


def struck_on_the_way(head) -> bool:
    """The "through" phrase hangs on a verb of travel describing what was struck ("attacked
    a motorbike travelling through the settlement of X", "a car driving through Y was hit by a
    drone"): the place the attack happened, not a drone's route."""
    node = head
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ == "pobj":
        node = node.head.head  # "through the settlement of X": the settlement's "through"
    if node.dep_ != "pobj" or node.head.lower_ not in ("through", "via"):
        return False
    verb = node.head.head  # pobj → prep → its head
    if any(c.dep_ == "prep" and c.lower_ in ("from", "to", "towards", "toward")
           for c in verb.children):
        return False  # "a bus travelling from Kostiantynivka via Druzhkivka to Kramatorsk":
        # a route, not where it was hit
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _ON_THE_WAY and \
        verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN" and \
        verb.head.lemma_.lower() in _TRAVELLERS and bool(rule("places.struck-on-the-way"))


def _fired_at(head) -> bool:
    """The "toward" phrase hangs on a verb of firing ("launched/fired two missiles toward X")."""
    node = head.head.head  # pobj → prep → its head
    while node.dep_ in ("dobj", "conj", "npadvmod") and node.head.i != node.i:
        node = node.head
    if node.pos_ == "VERB" and node.lemma_.lower() in LAUNCH_VERBS:
        rule("places.fired-toward")
        return True
    return False


_FACILITIES = frozenset(cues()["facility_words"]) - {"oil", "power", "thermal", "railway"}
_SETTLEMENT_WORDS = frozenset(w for w, kind in cues()["settlement_prefixes"].items()
                              if kind == "settlement")


def _facility_located_elsewhere(lowers: list[str], doc, end: int) -> bool:
    """The name is a facility's that the text places in another settlement: "the Saky military
    airfield located in western town of Novofedorivka", "the Engels air base near the village
    of Z". Not "the Ryazan oil refinery" (the town it stands in, GOLD.md) nor "the Ryazan
    refinery in the Ryazan region" (its region)."""
    i = end
    while i < len(lowers) and lowers[i] in ("military", "air", "oil"):
        i += 1
    if i >= len(lowers) or lowers[i] not in _FACILITIES and lowers[i] != "base":
        return False
    i += 1
    if i < len(lowers) and lowers[i] in ("located", "situated", "based"):
        i += 1
    if i >= len(lowers) or lowers[i] not in ("in", "near"):
        return False
    for j in range(i + 1, min(i + 5, len(lowers) - 1)):
        if lowers[j] in _SETTLEMENT_WORDS and lowers[j + 1] == "of":
            return True  # "in western town of Novofedorivka"
        if lowers[j] != "the" and not doc[j].is_lower:
            break
    return False


def _names_a_building(doc, end: int, start: int | None = None) -> bool:
    """A capitalised building word after the name, past a bracketed gloss ("the Druzhba
    (Friendship) Hotel"), or one followed by the place it is in ("the Sokol market in
    Donetsk"), here or where the text told the same building before or after ("to shell the
    territory of the Sokol market"): the building's name, not a settlement; not in a headline,
    where every word is capitalised ("Strike On Kharkiv Hotel")."""
    i = end
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(len(doc), i + 5)) if doc[j].text == ")"), None)
        i = close + 1 if close is not None else i
    if i >= len(doc) or doc[i].lower_ not in BUILDINGS:
        return False
    if not doc[i].is_title:  # "the Sokol market in Donetsk": named, for a place follows
        k = i + 2 + (i + 2 < len(doc) and doc[i + 2].lower_ == "the")
        if k < len(doc) and doc[i + 1].lower_ in ("in", "at") and doc[k].text[:1].isupper():
            return True
        return start is not None and _building_told_in_place(doc, doc[start:i].text, doc[i].text)
    words = [t for t in sentence_of(doc, end) if t.is_alpha and len(t) > 3]
    return sum(t.is_title for t in words) * 2 < len(words)


def _building_told_in_place(doc, name: str, building: str) -> bool:
    """The text tells "<name> <building> in/at <Place>" somewhere ("the Sokol market in
    Donetsk"): the name is that building's wherever it stands before the word."""
    told = re.search(r"\b%s %s (?:in|at) (?:the )?[A-Z]" % (re.escape(name), re.escape(building)),
                     doc_text(doc))
    return told is not None and bool(rule("places.building-told-before"))


def _debris_harmed(sent) -> bool:
    """The sentence says the debris (wreckage, fragments) of what was downed killed, injured
    or fell on something: the place it was downed over is where it struck."""
    lemmas = {t.lemma_.lower() for t in sent_tokens(sent)}
    return bool(lemmas & set(cues()["debris_words"])) and bool(lemmas & (HARM_VERBS | {"damage"}))


def _harmed_where(head) -> bool:
    """"destroyed over the capital Kyiv, where 20 cars were damaged": a "where" clause on the
    place tells of harm there."""
    node = phrase_head(head)
    while node.dep_ in ("appos", "conj") and node.head.i != node.i:
        node = node.head  # "the capital Kyiv, where …"
    clauses = [c for n in (node, phrase_head(head)) for c in n.children if c.dep_ == "relcl"]
    return any(any(t.lower_ == "where" for t in c.children) and
               any(t.lemma_.lower() in DAMAGE_OR_HARM for t in c.subtree)
               and not any(t.ent_type_ == "DATE" for t in c.subtree)  # "where the previous
               for c in clauses)  # week a strike killed 31": an earlier attack


_BRACKET_AREA_WORDS = frozenset(cues()["bracket_area_words"])


def _bracketed_location(doc, start: int, end: int) -> bool:
    """The name stands in brackets right after another name, among area words that say where
    that place is ("the village of Zablocie-Gorne (Biala County, Lublin Voivodeship)",
    "Pokrovske (Synelnykove district)"): it locates the place before, it was not struck."""
    def inside(token) -> bool:
        return token.is_title or token.lower_ in _BRACKET_AREA_WORDS or token.text in (",", "-") or \
            token.lower_ in ("and", "of", "the")
    i = start - 1
    while i >= 0 and inside(doc[i]) and start - i < 8:
        i -= 1
    if i < 1 or doc[i].text != "(" or not doc[i - 1].is_title or \
            doc[i - 1].lower_ in _BRACKET_AREA_WORDS:
        return False  # not "the Pokrovsk District (Myrnohrad, …)": settlements of an area
    j = end
    while j < len(doc) and inside(doc[j]) and j - end < 8:
        j += 1
    if j >= len(doc) or doc[j].text != ")":
        return False
    return any(t.lower_ in _BRACKET_AREA_WORDS for t in doc_tokens(doc)[i + 1:j])


def _ends_organization_name(doc, start: int, end: int) -> bool:
    """The name is the last word of an organization's name the NER reads, right after a
    capitalized word of that name ("the National Police", "the State Border Guard")."""
    first = doc[start]
    if first.ent_type_ != "ORG" or first.ent_iob_ != "I" or start < 1:
        return False
    before = doc[start - 1]
    if not (before.is_title and before.ent_type_ == "ORG" and before.lower_ != "the"):
        return False
    if end >= len(doc) or doc[end].ent_iob_ != "I":
        return True
    # within it: "the Kharkiv Police Investigation Department" (not Police, Poland)
    return doc[end].is_title and doc[end].ent_type_ == "ORG" and \
        bool(rule("places.inside-organization-name"))


COMPANIES = frozenset(cues()["company_names"])  # their plants are named after them, not a place


_QUOTES = OPENING | QUOTES | {"'", "‘", "’"}  # and single marks: "the 'Novocherkassk'"


def _quoted_name(doc, start: int, end: int) -> bool:
    """The name stands in quotation marks, alone or first of a few capitalised words ("the
    'Novocherkassk' large landing ship", "destroying the "Moskva"", "the "Chekhov Garden"
    cafe"): a ship's, unit's, operation's or business's name, not the place."""
    if not (0 < start and end < len(doc) and doc[start - 1].text in _QUOTES and
            not doc[start - 1].whitespace_):
        return False
    if doc[end].text in _QUOTES and not doc[end - 1].whitespace_:
        # "the "Engels" airfield": the site named after the town, which GOLD counts as the town
        return not (end + 1 < len(doc) and doc[end + 1].lower_ in _SITES and
                    rule("places.quoted-site-name"))
    # the first word of a short name in quotation marks, all its words capitalised ("an
    # explosion near the "Chekhov Garden" cafe"): a business's name
    close = next((k for k in range(end, min(len(doc), end + 3)) if doc[k].text in _QUOTES), None)
    return close is not None and not doc[close - 1].whitespace_ and all(
        t.is_alpha and t.text[:1].isupper() and t.lower_ not in _SITES
        for t in doc_tokens(doc)[end:close]) \
        and not (close + 1 < len(doc) and doc[close + 1].lower_ in _SITES)


# a quoted name with one of these words is a site of the town it names ("the "Ryazan Oil
# Refinery"", "PJSC "Kharkiv Tractor Plant""), which GOLD counts as the town
_SITES = frozenset(cues()["facility_words"]) | {"factory", "works", "terminal", "station",
                                                "mine"}


def _begins_company_name(doc, start: int, end: int) -> bool:
    """The name and the word after it name a company of ``company_names`` ("Nova Poshta",
    the parcel service, whose first word is also a village's name)."""
    return end < len(doc) and f"{tokens_text(doc, start, end)} {doc[end].text}".lower() in COMPANIES


_UNIT_WORDS = frozenset(cues()["military_unit_words"])


_ATTACK_LEMMAS = frozenset(cues()["attack_verbs"])


def _as_it_reacts(doc, start: int, end: int) -> bool:
    """The place is the subject of an "as" clause whose verb tells no strike ("as Kiev reels
    from power cuts", "as Kharkiv mourns its dead"; not "as Kharkiv comes under fire", "as
    Odesa faces new drone attacks"), after a clause that told one."""
    if start < 2 or end + 1 >= len(doc) or doc[start - 1].lower_ != "as" or \
            doc[start - 2].lower_ in ("such", "known", "same", "well"):
        return False
    verb = doc[end]
    if not (verb.tag_ in ("VBZ", "NNS") and verb.is_lower and verb.lower_.endswith("s")) or \
            verb.lemma_.lower() in ("be", "have", "come") or verb.lower_ in ("is", "has", "was"):
        return False
    clause = doc[end:min(end + 6, sentence_of(verb.doc, verb.i).end)]
    told = doc[sentence_of(verb.doc, verb.i).start:start - 1]
    return not any(t.lemma_.lower() in _ATTACK_LEMMAS or t.lemma_.lower() in ATTACK_EVENT_NOUNS
                   or t.lower_ in ("fire", "drones", "missiles") for t in clause) and any(
        t.lemma_.lower() in _ATTACK_LEMMAS or t.lemma_.lower() in ATTACK_EVENT_NOUNS
        for t in told)


def _after_from_of_a_launch(doc, start: int) -> bool:
    """A name after the "from" of a launch verb, in a sentence that tells no target and no
    harm: "Russia launched the drones from the port town of Primorsko-Akhtarsk, situated on
    the coast of the Sea of Azov, and occupied Balaklava in Crimea, Russia's Kursk region and
    the town of Yeysk", where the parser reads "occupied" as a second verb and loses the
    list. Not "launched drones from Kursk at Sumy" (a target) nor "…, hitting Sumy" (harm)."""
    sent = sentence_of(doc, start)
    lowers, lemma_of, tree = doc_lowers(doc), doc_lemmas(doc), parse_columns(doc)
    heads = tree.heads  # the words and heads by index: no Token per word
    launch = next((heads[i] for i in range(sent.start, start) if (
        lowers[i] == "from" or lowers[i] == "out" and lowers[i + 1] == "of")  # "fired
        # four KN-23 ballistic missiles out of the region of Voronezh"
        and lemma_of[heads[i]] in _SENDING), None)
    if launch is None:
        return False
    launch = doc_tokens(doc)[launch]
    lemmas = {lemma_of[i] for i in range(sent.start, sent.end)
              if tree.deps[i] != "compound"}  # not the "attack" of "attack drones"
    if lemmas & _HARM_TOLD or any(c.dep_ == "prep" and c.lower_ in TARGET_PREP
                                  and not _where_or_when(c) for c in launch.children):
        return False
    return bool(rule("places.launch-sentence"))


def _from_directions(doc, start: int) -> bool:
    """The name is one of the directions weapons came from: "mounted an attack with 97 strike
    UAVs … from directions that included Kursk, Bryansk, Millerovo, … and also Chauda in
    occupied Crimea", "coming from the south, southeast and north (Chauda Cape in temporarily
    occupied Crimea, Russia's Primorsko-Akhtarsk and Kursk)": after "from" and a heading in
    its sentence, with no word of harm or target between (the parser often makes "occupied"
    a verb and loses the list)."""
    sent = sentence_of(doc, start)
    lowers, lemmas = doc_lowers(doc), doc_lemmas(doc)  # the words by index: no Token per word
    for i in range(sent.start, start - 1):
        if lowers[i] != "from":
            continue
        j = i + 1
        while j < start - 1 and j - i <= 2 and lowers[j] in ("the", "following"):
            j += 1  # "from the following directions: Kursk, Orel, …"; not "from several
            # directions: Kharkiv, Odesa and Dnipro were hit"
        k = j
        while k < start - 1 and k - j < 8 and (lowers[k] in _COMPASS or
                                                lowers[k] in (",", "and")):
            k += 1  # "from the southern, southeastern and northern directions (…)"
        if k > j and lowers[k] in ("direction", "directions"):
            j = k
        if j < start and lowers[j] in _HEADINGS and not any(
                lemmas[m] in _HARM_TOLD or lowers[m] in TARGET_PREP
                for m in range(j, start)):
            return bool(rule("places.launch-directions"))
    return False


#: "from directions that included …", "coming from the south, southeast and north (…)": the
#: project's direction words that head somewhere, not the distances and borders among them
_HEADINGS = (frozenset(cues()["direction_words"]) - {
    "border", "kilometers", "kilometres", "km", "mi", "miles", "outside", "toward",
    "towards"}) | {"directions"}


_COMPASS = frozenset(cues()["compass_adjectives"])
_WATER = frozenset(cues()["geography_words"]) | frozenset(cues()["waterside_words"])
_TIMES = frozenset(cues()["day_anchor_words"])


def _where_or_when(prep) -> bool:
    """"on the Sea of Azov coast", "at night": where the launch site lies or when, no target
    of the launch."""
    for obj in prep.children:
        if obj.dep_ == "pobj" and (obj.lower_ in _TIMES or obj.ent_type_ in ("TIME", "DATE")
                                   or any(t.lower_ in _WATER for t in obj.subtree)):
            return True
    return False


_SENDING = frozenset(cues()["sending_verbs"])  # "launched the drones from …"
# "hit", "struck", "damage", "kill": a target told beside the launch
_HARM_TOLD = (DAMAGE_OR_HARM | frozenset(cues()["attack_verbs"])) - _SENDING


def _sentence_lemmas(doc, i: int) -> list[str]:
    """The lower-cased lemmas of token ``i``'s sentence, cut from ``doc_lemmas`` (as
    ``{t.lemma_.lower() for t in doc[i].sent}`` reads them, without walking to the sentence's
    bounds for a new span)."""
    sent = sentence_of(doc, i)
    return doc_lemmas(doc)[sent.start:sent.end]


def _as_for(doc, start: int) -> bool:
    """"As for Mykolaiv, fires broke out after the attack": "as for" opens the topic of what
    follows, not a destination or a beneficiary ("drones headed for Kyiv")."""
    return start >= 2 and doc[start - 1].lower_ == "for" and doc[start - 2].lower_ == "as" and \
        bool(rule("places.as-for-topic"))


#: a kind of place and the head of a body after it: "the Novotroitske Village Military
#: Administration", "the Marhanets Community Council" name a body, not a place struck
_BODY_KINDS = frozenset({"village", "town", "settlement", "community", "hromada"})
_BODY_HEADS = frozenset({"military", "council", "administration", "state"})


def _where_alert_sounded(token) -> bool:
    """The name's noun phrase is where a warning sounded: the object of "in" or "across"
    under a siren or an alert ("sirens in the Volyn and Lviv regions")."""
    steps = 0
    while token.dep_ in ("compound", "conj", "amod", "poss", "nmod", "appos") and steps < 4:
        token, steps = token.head, steps + 1
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "across") and \
        token.head.head.lemma_.lower() in WARNING_NOUNS


def _opener_in_name(doc, start: int, end: int) -> bool:
    """The "person" the tagger read around the name has no other name in it, only words that
    are no names ("Regarding Mykolaiv, fires broke out …" tagged as one person): the place
    stands alone."""
    ent = next((e for e in doc.ents if e.start <= start < e.end), None)
    if ent is None:
        return False
    others = [t for t in doc[ent.start:ent.end] if not start <= t.i < end]
    return bool(others) and not any(t.pos_ == "PROPN" for t in others) and \
        bool(rule("places.opener-not-a-name"))


def is_role(doc, start: int, end: int) -> bool:
    """True when the mention is not a place that could be struck: part of a title or a name,
    a launch site or heading, a distance reference, or a city standing for its government."""
    _tok, lowers = doc_tokens(doc), doc_lowers(doc)
    after = lowers[end] if end < len(doc) else ""
    if after in ("'s", "’s") and end + 1 < len(doc):
        after = lowers[end + 1]
        if after in cues()["region_words"] and end + 2 < len(doc) and \
                lowers[end + 2] in OFFICE_TITLES and rule("places.possessive-region-title"):
            return True  # "Serhiy Lysak, Dnipropetrovsk's region governor": a title
        if after in cues()["raion_words"] or after in cues()["region_words"]:
            return False
    if after == "city" and _city_ends(doc, end + 1):
        rule("places.city-after-name")  # "guided bombs hit Kharkiv city on Saturday"
    elif after == "station" and _rail_sentence(doc, start) and rule("places.town-station"):
        pass  # "drones hit two rail stations. A fire started at Surovikino station": the
        # town's station, in the town
    elif _facility_located_elsewhere(lowers, doc, end):
        return bool(rule("places.facility-located-in"))  # "the Saky military airfield
        # located in western town of Novofedorivka": the airfield's name
    elif after in TITLE_WORDS and not (after == "military" and end + 1 < len(doc) and (
            lowers[end + 1] in cues()["facility_words"] or lowers[end + 1] == "air")):
        # "Kharkiv city Mayor", "a Kyiv source says", not "a warehouse in Dnipro city of Ukraine"
        # nor "the Primorsko-Akhtarsk military airfield" (the town the airfield stands in)
        return bool(rule("places.title-word"))
    if after in cues()["region_words"] and end + 1 < len(doc) and \
            lowers[end + 1] in OFFICE_TITLES:
        return True  # "Dnipropetrovsk region Governor Serhiy Lysak"
    if after == "people" and end + 3 < len(doc) and lowers[end + 1] in ("'s", "’s") and \
            lowers[end + 2] == "republic" and lowers[end + 3] in OFFICE_TITLES and \
            rule("places.peoples-republic-title"):
        return True  # "Donetsk People's Republic head Denis Pushilin"
    if end + 2 < len(doc) and lowers[end] in ("'s", "’s") and \
            lowers[end + 1] in _BANK_SIDES and \
            lowers[end + 2] in ("bank", "banks") and rule("places.river-bank"):
        return True  # "Zaporizhzhia's industrial zone on the Dnipro's left bank": the river;
        # "a village on the Dnipro's west bank"
    if after in GEOGRAPHY:
        return bool(rule("places.geography"))  # "the Dnipro River", "the Azov Sea"
    if after in _BODY_KINDS and end + 1 < len(doc) and lowers[end + 1] in _BODY_HEADS and \
            start >= 3 and lowers[start - 2:start] == ["of", "the"] and \
            (lowers[start - 3] in OFFICE_TITLES or lowers[start - 3] in ("head", "chief")) and \
            rule("places.body-of-a-place"):
        return True  # "Head of the Novotroitske Village Military Administration": a body's name
    if _where_alert_sounded(_tok[end - 1]):
        return bool(rule("places.alert-sounded-in"))  # "air raid sirens in Ukraine's Volyn
        # and Lviv regions": where the alarm sounded, not a place struck
    if after in _UNIT_WORDS:
        return bool(rule("places.unit-name"))  # "the 810th Separate Guards Marine Brigade"
    if after in FRONT_SECTORS:
        return bool(rule("places.front-sector"))  # "battles on the Pokrovsk front"
    if after == "time" and _tok[start].ent_type_ != "DATE":
        return bool(rule("places.time-zone"))  # "at about 9:30 Moscow time"
    if after in STREETS or lowers[start] in STREETS:
        return bool(rule("places.street"))  # "on Severnoye highway", "Sadovaya Ulitsa"
    if _names_a_building(doc, end, start):
        return bool(rule("places.named-building"))  # "Druzhba (Friendship) Hotel"
    first = _tok[start]
    longer = first.ent_iob_ == "I" or (end < len(doc) and _tok[end].ent_iob_ == "I")
    if first.ent_type_ == "PERSON" and longer and not _opener_in_name(doc, start, end) and not (
            after in cues()["region_words"] and rule("places.kind-word-no-name")):
        return True  # part of a longer person's name ("Oleh" in "Oleh Kiper"), not "Lviv
        # Regions" the tagger took for one
    if _bracketed_location(doc, start, end):
        return bool(rule("places.bracketed-location"))  # "Zablocie-Gorne (Biala County, …)"
    if _ends_organization_name(doc, start, end):
        return bool(rule("places.organization-word"))  # "the National Police": not Police, Poland
    if _quoted_name(doc, start, end):
        return bool(rule("places.quoted-name"))  # "the 'Novocherkassk' landing ship"
    if _begins_company_name(doc, start, end):
        return bool(rule("places.company-name"))  # "a Nova Poshta depot": not the village Nova
    before = lowers[max(0, start - 4):start]
    while before and before[-1] in ("the", "annexed", "occupied"):
        before = before[:-1]  # "200 km north-east of annexed Crimea", "north of occupied Melitopol"
    if len(before) >= 2 and (before[-1] in ("named", "called") or before[-1] == "," and (
            after == "," and end + 1 < len(doc) and _tok[end + 1].pos_ in ("VERB", "AUX"))) and \
            before[-2] in cues()["person_nouns"]:
        # "a 10-year-old boy named Serhii", "Another woman, Venera, told Reuters"
        return bool(rule("places.person-named"))
    if _as_it_reacts(doc, start, end):
        return bool(rule("places.as-it-reacts"))  # "… kill two in Ukraine as Kiev reels from
        # power cuts": the city's plight beside the strike, not a place struck
    if len(before) >= 2 and before[-1] == "of" and before[-2] in WATERSIDE:
        return bool(rule("places.river-bank"))  # "the left bank of the Dnipro": the river
    if len(before) >= 2 and before[-1] == "of" and before[-2] in GEOGRAPHY:
        return bool(rule("places.geography"))  # "the coast of the Sea of Azov"
    if len(before) >= 3 and before[-3:] == ["water", "area", "of"] and \
            after in cues()["hromada_words"]:
        return bool(rule("places.river-bank"))  # "the water area of the Ochakiv community"
    if before and before[-1] == "of" and len(before) >= 2 and before[-2] in DIRECTIONS:
        return bool(rule("places.distance-from"))  # "200 km southeast of Moscow"
    if before[-2:] and before[-1] == "," and before[-2] in _PLACE_NOUNS and start >= 5 and \
            lowers[start - 4] == "of" and lowers[start - 5] in DIRECTIONS:
        return bool(rule("places.distance-from"))  # "268 km southwest of the capital, Kyiv"
    if start >= 5 and lowers[start - 1] == "of" and lowers[start - 2] in _PLACE_NOUNS \
            and lowers[start - 3] == "the" and lowers[start - 4] == "of" and \
            lowers[start - 5] in DIRECTIONS:
        return bool(rule("places.distance-from"))  # "10 km west of the city of Kramatorsk"
    if before and before[-1] in ("toward", "towards") and \
            span_root(doc, start, end).dep_ == "pobj" and _fired_at(span_root(doc, start, end)):
        return False  # "launched two missiles toward Kyiv": the target
    if before and before[-1] in DIRECTIONS:
        return True  # "towards Kyiv", "the Kharkiv direction"
    head = span_root(doc, start, end)
    node = phrase_head(head)  # "Sumy" of "Ukraine's Sumy region": the region
    if across_border(doc, start, end):
        return True
    if node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lower_ == "according":
        return bool(rule("places.source"))  # "According to Kyiv, it was struck by missiles"
    if _locating_apposition(node):
        return bool(rule("places.locating-apposition"))  # "Sevastopol, the largest city in Crimea"
    if _superlative_domain(node):
        return bool(rule("places.superlative-domain"))  # "the most destructive attack on
        # civilians in the Lviv Region since the start of the full-scale war"
    if _fled_from(node):
        return bool(rule("places.fled-from"))  # "a couple who had escaped fighting in the
        # eastern Donetsk province": where they came from, not a place struck
    if _office_of_person(node) and not in_title_of(doc, start, end):
        return bool(rule("places.office-of-person"))  # "Artem K., head of the rescue
        # department in Kharkiv Region, was killed": where his office is, not where he died
    if head.dep_ in ("compound", "amod") and head.head.lower_ in ACTOR_COMPOUNDS and \
            head.head.i > head.i:
        return bool(rule("places.actor-name"))  # "Kiev terrorists attack…": an actor
    preps = _governing_preps(head)
    # "one dead and one injured were reported from Pavlohrad": where it happened
    reported = preps[:1] == ["from"] and (_reported_from(head) or _victim_from(head)) or \
        "from" in preps and _dropped_in(head) or \
        bool({"through", "via"} & set(preps)) and struck_on_the_way(head)
    if "from" in preps and _struck_from_to(head):
        return False  # "Russia struck from Kharkiv and Sumy regions to Lviv": the span struck
    if not reported and (_launched_from(head, preps) or _based_where_launched(head) or (
            preps and preps[0] in NOT_TARGET_PREP and not _as_for(doc, start)) or
            _from_on_the_left(doc, start)
            or _launch_list(doc, start) or _after_from_of_a_launch(doc, start)
            or _from_directions(doc, start)):
        # "launched from the Kursk region", "from Cape Chauda in occupied Crimea"
        return bool(rule("places.launch-site"))
    if "over" in preps and set(_sentence_lemmas(doc, head.i)) & (
            cues()["interception_words"] | {"destroy"}):
        if _debris_harmed(sentence_of(head.doc, head.i)) or _harmed_where(head):
            rule("places.debris-over")  # "Debris from a drone destroyed over the region of
            return False  # Belgorod fell on homes and killed three": struck there
        return True  # "destroyed 29 of them over the Kyiv region": not struck there
    if preps[:1] == ["over"] and _weapon_over(node) and rule("places.weapon-over"):
        return True  # "two Kh-59 guided missiles over the Chernihiv region": their airspace
    subject = first_conjunct(head)  # "both Moscow and Kyiv reported": Kyiv too
    if subject.dep_ == "nsubj" and subject.head.dep_ == "pcomp" and \
            subject.head.head.lower_ in TARGET_PREP and subject.i == subject.head.head.i + 1 \
            and subject.head.head.head.lemma_.lower() in FIRING_VERBS:
        return not rule("places.target-before-participle")  # "fired two missiles at
        # Pokrovsk destroying homes": the target, which the parser made the participle's subject
    if subject.dep_ == "nsubj" and _headline_passive(subject.head):
        return False  # "Kramatorsk struck by FAB bombs in the night": a headline's passive
    if subject.dep_ == "nsubj" and start > 0 and subject.i == start and \
            doc[start - 1].lemma_.lower() in _ATTACK_LEMMAS and doc[start - 1].pos_ == "VERB" \
            and subject.head.i > start and rule("places.struck-object-misparsed"):
        return False  # "… shelled Novoosynove, Kupiansk district, Kharkiv region, Oleh
        # Synehubov, head of the regional military administration, reported": the parser made
        # the village the subject of "reported"; it is what was shelled
    if subject.dep_ == "nsubj" and (subject.head.lemma_.lower() in ACTOR_VERBS or (
            subject.head.pos_ == "VERB" and subject.head.lemma_.lower() not in UNDERGOING
            and subject.head.lemma_.lower() not in HARM_VERBS)):
        return True  # "Kyiv has targeted …", "as Moscow kept up its campaign": an actor
    if head.dep_ == "poss" and _owned(head).lower_ in ACTOR_NOUNS:
        return bool(rule("places.government"))  # "Kyiv's partners", "Moscow's assault"
    if head.dep_ == "poss" and _attack_on_another(_owned(head)):
        return bool(rule("places.attacker-possessive"))  # "Moscow's overnight attack on
        # Zaporizhzhia and Lviv": the side that attacked, not a place struck
    if _stands_for_government(head, node):
        return bool(rule("places.government"))
    if _objective(node):
        return bool(rule("places.military-objective"))
    if _left_out(subject):
        return bool(rule("places.left-out"))
    return False


def _headline_passive(verb) -> bool:
    """"Kramatorsk struck by FAB bombs in the night": a verb with an agent ("by …") and no
    auxiliary is a passive with its "was" left out, as headlines write it; its subject was
    struck, it did not act."""
    return any(c.dep_ == "agent" for c in verb.children) and verb.tag_ in ("VBD", "VBN") and \
        bool(rule("places.headline-passive"))


def _attack_on_another(owned) -> bool:
    """An attack noun with its target after it ("attack on Zaporizhzhia", "strikes against
    Kyiv"): the one who owns it attacked; "Kharkiv's deadliest attack" has no target of its
    own and stays the city's."""
    return owned.lemma_.lower() in ("attack", "strike", "raid") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "against") and
        any(g.dep_ == "pobj" for g in c.children) for c in owned.children)


_RAIL_WORDS = frozenset(cues()["rail_words"])


def _rail_sentence(doc, start: int) -> bool:
    """The sentence of the token at ``start``, or the one before it, speaks of railways."""
    here = sentence_of(doc, start)
    before = sentence_of(doc, here.start - 1) if here.start else here
    lowers = doc_lowers(doc)
    return any(lowers[i] in _RAIL_WORDS for i in range(before.start, here.end))


def _left_out(node) -> bool:
    """"the total number of casualties does not include Mariupol and Volnovakha", "excluding
    Mariupol": a place a tally leaves out is not one it counts as struck."""
    if node.dep_ == "pobj" and node.head.lower_ in ("excluding", "except"):
        return True
    return node.dep_ == "dobj" and node.head.lemma_.lower() == "include" and any(
        c.dep_ == "neg" for c in node.head.children)


_PLACE_NOUNS = frozenset({"city", "town", "village", "settlement", "capital"})
_BANK_SIDES = frozenset({"left", "right", "west", "east", "western", "eastern"})


def _objective(node) -> bool:
    """"Moscow's forces mounted pressure to reach the city of Pokrovsk": a town troops seek to
    reach or capture is a goal of the fighting, not a place struck."""
    if node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lower_ in _PLACE_NOUNS:
        node = node.head.head  # "the city of Pokrovsk"
    elif node.dep_ == "appos" and node.head.lemma_.lower() in _PLACE_NOUNS and \
            node.head.i == node.i - 1:
        node = node.head  # "failing to capture the capital Kyiv"
    verb = node.head
    if verb.lower_ in OCCUPIED and verb.i == node.i - 1 and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
            rule("places.occupied-adjective"):
        return False  # "Explosions rocked occupied Melitopol": a description the parser made
        # a verb, not troops seeking to occupy it
    return node.dep_ == "dobj" and verb.lemma_.lower() in OBJECTIVE_VERBS


#: the capitals the capital words name ("the capital": Kyiv), as the texts spell them
_CAPITALS = frozenset(cues()["capital_words"].values()) | {"Kiev"}


def _stands_for_government(head, node) -> bool:
    """"Russia has accused Kiev of attacks", "talks between Moscow and Kiev", "the Defense
    Ministry in Moscow", "officials in Kyiv justifying their strikes", "pressure on Moscow", "a
    rebuke of Moscow": the city stands for its government or seats a body."""
    words = cues()
    if head.dep_ == "dobj" and head.head.lemma_.lower() in words["government_object_verbs"]:
        return True
    first = first_conjunct(node)
    if first.dep_ == "pobj" and first.head.lower_ == "on" and any(
            t.lower_ in words["pressure_nouns"] or t.lemma_.lower() in words["pressure_nouns"]
            for t in (first.head.head, *(  # "sanctions", whose lemma is "sanction"
                c for c in first.head.head.children if c.dep_ == "dobj"))):
        return True  # "urged allies to intensify pressure on Moscow", "sanctions on Russia"
    if first.dep_ == "pobj" and first.head.lower_ == "of" and \
            first.head.head.lemma_.lower() in words["criticism_nouns"]:
        return True  # "drawing a rare rebuke of Moscow from U.S. President Donald Trump"
    if first.dep_ == "pobj" and first.head.lower_ == "between":
        owner = first.head.head  # "talks between …", "talks that resumed between …"
        if owner.dep_ == "relcl":
            owner = owner.head
        return owner.lower_ in words["relation_nouns"]
    if node.dep_ != "pobj" or node.head.lower_ != "in":
        return False
    holder = node.head.head
    if holder.lemma_.lower() in words["saying_verbs"] and any(
            c.dep_ == "nsubj" and c.lower_ in words["seated_bodies"] for c in holder.children):
        return True  # "In Moscow, the Russian Defence Ministry said that 45 drones …"
    if holder.lower_ in ("officials", "authorities", "leaders") and holder.dep_ == "nsubj" and \
            holder.head.lemma_.lower() in words["stance_verbs"]:
        return True  # "with officials in Kyiv justifying their strikes as retaliation"
    if holder.lower_ == "officials" and holder.dep_ == "nsubj" and \
            holder.head.lemma_.lower() in words["saying_verbs"] and node.text in _CAPITALS and \
            not any(t.lower_ in ("city", "capital") for t in sentence_of(node.doc, node.i)) and \
            rule("places.officials-in-the-capital-said"):
        return True  # "Russia fired a new barrage … in an overnight attack on Ukraine, officials
        # in Kyiv said Saturday": the country's officials, the capital their seat (not
        # "Officials in Kyiv said a Russian drone hit a house in the city")
    if holder.lower_ in ("officials", "authorities") and holder.dep_ == "nsubj" and \
            holder.head.lemma_.lower() in words["measure_verbs"] and \
            rule("places.officials-measures"):
        return True  # "Officials in Kyiv and the region around it brought in emergency power
        # cuts": where the officials act, not a place struck
    return holder.lower_ in words["seated_bodies"]


def across_border(doc, start: int, end: int) -> bool:
    """The name is what lies across a border: "near the border with Ukraine's Sumy region",
    "the village of Nova Tavolzhanka, bordering Ukraine's Kharkiv Oblast"."""
    node = phrase_head(span_root(doc, start, end))
    if node.dep_ == "pobj" and node.head.lower_ == "with" and \
            node.head.head.lower_ in BORDERS:
        return bool(rule("places.border-with"))
    return node.dep_ == "dobj" and node.head.lemma_.lower() == "border" and \
        node.head.pos_ == "VERB" and bool(rule("places.bordering"))


def first_conjunct(token):
    """The first of a coordination: "Kyiv" in "Moscow and Kyiv" → "Moscow"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def phrase_head(token):
    """The noun a name is part of: "Sumy" in "Ukraine's Sumy region" → "region"."""
    while token.dep_ in ("compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token


def in_title_of(doc, start: int, end: int) -> bool:
    """The name is in the "of" phrase of an office: "the governor of the Odesa region", "the
    governor of that city in Crimea". Read once per run for each mention: the attacks rules
    ask it of every place of a sentence, again for each sentence in focus."""
    known = doc_fact(doc, "in_title_of", lambda _: {})
    if (start, end) not in known:
        node = phrase_head(span_root(doc, start, end))
        if city_in_title(doc, start, end):
            node = node.head.head  # "the governor of that city in Crimea": the city's "of"
        known[start, end] = node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lower_ in OFFICE_TITLES
    return known[start, end]


def title_over(doc, mention, places, roles: bool = False) -> bool:
    """The mention is in an office's title ("the governor of the Odesa region", "the governor
    of that city in Crimea") and names the region of one of ``places``, or the city's region;
    with ``roles``, a mention already read as a role counts as a title too."""
    titled = (roles and mention.role) or in_title_of(doc, mention.start, mention.end)
    return titled and (any(inside(p, mention.place) for p in places)
                       or city_in_title(doc, mention.start, mention.end))


def city_in_title(doc, start: int, end: int) -> bool:
    """The name locates the city an office is of: "Crimea" in "the governor of that city in
    Crimea". Read once per run for each mention (as ``in_title_of``)."""
    known = doc_fact(doc, "city_in_title", lambda _: {})
    if (start, end) not in known:
        node = phrase_head(span_root(doc, start, end))
        city = node.head.head
        known[start, end] = node.dep_ == "pobj" and node.head.lower_ == "in" and \
            city.lower_ in ("city", "town") and city.dep_ == "pobj" and \
            city.head.lower_ == "of" and city.head.head.lower_ in OFFICE_TITLES
    return known[start, end]


def _superlative_domain(node) -> bool:
    """The place is where a superlative is measured: the "in" of a noun a superlative
    modifies ("the most destructive attack on civilians in the Lviv Region", "the deadliest
    strike in Kharkiv this year"), not "the deadliest attack on Kyiv" (its target)."""
    if node.dep_ != "pobj" or node.head.lower_ != "in":
        return False
    noun = node.head.head
    for _ in range(3):  # "attack on civilians in …": up through the noun's own phrases
        if noun.pos_ == "NOUN" and any(
                c.tag_ == "JJS" or c.dep_ == "amod" and any(
                    g.lower_ == "most" for g in c.children) for c in noun.children):
            return True
        if noun.dep_ not in ("pobj", "prep") or noun.head.i == noun.i:
            return False
        noun = noun.head
    return False


_FLEEING = frozenset(cues()["fleeing_verbs"])


def _fled_from(node) -> bool:
    """The place is what people fled or were evacuated from: the object of "fled", "from" after
    such a verb, or where the fighting they "escaped" was ("who had escaped fighting in the
    eastern Donetsk province")."""
    token = node
    for _ in range(5):
        head = token.head
        if head.i == token.i:
            return False
        if head.lemma_.lower() in _FLEEING and head.pos_ == "VERB" and \
                (token.dep_ in ("dobj", "advmod", "npadvmod") or  # "fled Bakhmut" (parsed
                 token.dep_ == "prep" and token.lower_ == "from"):  # as either)
            return True
        if token.dep_ not in ("pobj", "prep", "dobj", "compound", "amod", "appos", "nmod"):
            return False
        token = head
    return False


def _office_of_person(node) -> bool:
    """``node`` is in the office an apposition gives a named person ("Artem K., head of the
    District Department … in Kharkiv Region"), within a few steps and below any verb."""
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        if node.dep_ == "appos" and node.lower_ in OFFICE_TITLES and node.head.pos_ == "PROPN":
            person = node.head
            victim = person.dep_ in ("nsubjpass", "dobj", "nsubj") and \
                person.head.lemma_.lower() in HARM_VERBS  # not "X, head of …, said …"
            return victim and (person.ent_type_ == "PERSON" or any(
                span.label_ == "person" and span.start <= person.i < span.end
                for span in node.doc.spans.get("sg_people", ())))
        node = node.head
    return False


_EDGES = frozenset({"edge", "edges", "outskirts", "fringe", "fringes", "outside"})


def _locating_apposition(node) -> bool:
    """``node`` is what an apposition locates its place in: "Sevastopol, the largest city in
    Crimea", "Izmail, a port of Odesa Oblast" (the apposition's noun hangs on a proper name)."""
    if node.dep_ != "pobj" or node.head.lower_ not in ("in", "of"):
        return False
    noun = node.head.head
    if node.head.lower_ == "of" and noun.lower_ in _EDGES and noun.dep_ == "pobj" and \
            noun.head.dep_ == "prep":  # "Obukhiv, a city on the edge of Kyiv"
        noun = noun.head.head
        return noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and \
            noun.lower_ in _PLACE_NOUNS and bool(rule("places.on-the-edge-of"))
    if noun.dep_ != "appos" or noun.head.pos_ != "PROPN":
        return False
    return noun.lower_ in _PLACE_NOUNS if node.head.lower_ == "in" else \
        noun.lower_ in ("port", "capital", "centre", "center", "hub")
