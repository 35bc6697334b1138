"""Which places a sentence reports as struck (``struck_places``): not roles (titles, launch
sites), in the war zone, not a scene only ("the all-clear sounded in Lviv"), not a hromada,
raion or city that only locates another place, not an oblast capital's name standing for its
oblast; and the capital a sentence names by that word.
"""

from __future__ import annotations

import re

from kg.extract.attack_sentences import (ATTACK_WORDS, CASUALTY_WORDS, HARM_WORDS,
                                         WARNING_NOUNS, denied, lemmas_of, weapon_spans,
                                         weapon_tokens)
from kg.extract.datelines import line_start
from kg.extract.district_places import STRIKE_VERBS, named_oblast, object_of_strike
from kg.extract.doc_text import (doc_lemmas, doc_lowers, doc_text, doc_tokens, sent_tokens,
                                 sentence_of, sentence_words, span_root, span_text, tokens_text)
from kg.extract.lexicon import cues
from kg.extract.parse_columns import parse_columns
from kg.extract.place_mentions import PLURAL_KINDS, Mention
from kg.extract.place_roles import (DAMAGE_OR_HARM, OCCUPIED, fighting_near, first_conjunct,
                                     phrase_head, struck_on_the_way)
from kg.extract.rules import rule
from kg.extract.victim_parts import HARM_LEMMAS
from kg.extract.weapons import AIR_DEFENCE
from kg.link.places import in_crimea, inside, resolve
from kg.records import Attack, Place

# attack places are in Ukraine or Russia (Crimea included), or where drones come down across the
# border: Moldova, Romania, Poland, Belarus (GOLD.md counts those)
WAR_COUNTRIES = {"Q212", "Q159", "Q217", "Q218", "Q36", "Q184"}


def country_id(place: Place) -> str | None:
    for node in place.chain():
        if node.kind == "country":
            return node.qid or node.id
    return None


def _in_war_zone(place: Place) -> bool:
    """In Ukraine or Russia, or somewhere the gazetteer cannot place in any country."""
    country = country_id(place)
    if country in WAR_COUNTRIES or country is None:
        return True
    return in_crimea(place)


def district_city(place: Place) -> Place | None:
    """A city district's settlement."""
    if place.kind == "district" and place.parent is not None and place.parent.kind == "settlement":
        return place.parent
    return None


def _same_oblast_capital(region_like: Place, other: Place) -> bool:
    """True when ``region_like`` is a settlement that names the oblast ``other`` lies in
    ("In southern Odesa, … the city of Izmail"): the bare oblast-city name stands for the oblast."""
    if other.kind != "settlement" or region_like is other:
        return False
    oblast = named_oblast(region_like)
    return oblast is not None and any(n.id == oblast.id for n in other.chain()[1:])


def _its_oblast_struck(capital: Place, other: Place) -> bool:
    """``other`` is the oblast the settlement ``capital`` names, struck in its own right:
    "Drones hit Russia's Bryansk overnight" over "Ukrainian drones struck Russia's Bryansk
    region overnight, damaging a power line" struck the region, not the city."""
    oblast = named_oblast(capital) if other.kind == "region" else None
    return oblast is not None and oblast.id == other.id and \
        bool(rule("places.headline-capital-oblast-struck"))


def foreign_scene(sent, in_sent) -> bool:
    """The sentence is about another country ("fragments found in Romania", "the Romanian Air
    Force"): its weapons are not the focus place's."""
    if any(m.place.kind == "country" and (m.place.qid or m.place.id) not in WAR_COUNTRIES
           for m in in_sent):
        return True
    return bool({t.lower_ for t in sent_tokens(sent)} & cues()["foreign_words"])


_NOT_STRIKING = cues()["non_striking_verbs"]
#: a village of another country the gazetteer lacks is struck when a weapon crashed into or hit
#: something there, not where fragments were found
_FOUND_DEBRIS = frozenset({"debris", "fragment", "wreckage", "find", "discover"})


#: where a victim was treated is no place struck (GOLD.md): "hospitalized in the X district"
_CARE_VERBS = frozenset(cues()["care_verbs"])


def _treated_in(mention, doc, verb) -> bool:
    """The place is in the verb's own "in" / "at" phrase ("hospitalized in the X district"),
    not in a phrase of the attack ("in a separate attack on Kursk, a firefighter was
    hospitalized")."""
    head = phrase_head(first_conjunct(span_root(doc, mention.start, mention.end)))
    return head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head.i == verb.i


_GROUND_OPERATIONS = frozenset(cues()["ground_operation_nouns"])
_TRANSFER_VERBS = frozenset(cues()["transfer_verbs"])
_CARE_NOUNS = frozenset(cues()["care_nouns"])


def _taken_for_care(mention, doc, verb) -> bool:
    """The place is where a victim was taken for care: the verb's "to" phrase, or the "in"
    phrase of a hospital in it, with a noun of care in the verb's phrase ("transported for
    treatment to Dnipro", "taken to a hospital in Zaporizhzhia"), not "moved the troops to X"."""
    head = phrase_head(first_conjunct(span_root(doc, mention.start, mention.end)))
    if head.dep_ != "pobj":
        return False
    prep = head.head
    to_verb = prep.lower_ == "to" and (prep.head.i == verb.i or  # "for treatment to Dnipro"
                                       prep.head.lemma_.lower() in _CARE_NOUNS)
    in_hospital = prep.lower_ in ("in", "at") and (
        prep.head.lemma_.lower() in _CARE_NOUNS or prep.head.i == verb.i and any(
            c.dep_ == "prep" and c.lower_ == "to" and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _CARE_NOUNS for g in c.children)
            for c in verb.children))  # "taken to hospital in Kramatorsk", "in" on the verb
    return (to_verb or in_hospital) and any(t.lemma_.lower() in _CARE_NOUNS
                                            for t in _own_phrases(verb))


def _own_phrases(verb):
    """The words of the verb's own phrases, without the clauses hung on them ("sent to
    Dnipro, where it damaged a clinic": not the clinic)."""
    stack = [c for c in verb.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj")]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "advcl"))


def _located_in(mention, doc) -> bool:
    """The name is the object of a preposition of where ("in", "at", "near"), not of where to or
    from ("travelling to Mykolaiv")."""
    node = phrase_head(first_conjunct(span_root(doc, mention.start, mention.end)))
    return node.dep_ == "pobj" and node.head.lower_ in ("in", "at", "near", "outside")


def scene_only(mention, doc) -> bool:
    """"By the time the all-clear sounded in Lviv": a place tied to a verb that does not
    strike (sirens, meetings, visits) is a scene, not a target. A name listed after another
    ("near Pokrovsk, Toretsk and Kupiansk") is what the first of its list is."""
    root = span_root(doc, mention.start, mention.end)
    if root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.head.lower_ == "between" \
            and root.head.head.head.pos_ in ("NOUN", "PROPN") and \
            rule("places.between-second"):
        return True  # "struck a moving vehicle on a road between Grayvoron and Ilyok-Penkovka":
        # one strike, told by the first place; the second only marks the road
    node = first_conjunct(root)
    if fighting_near(phrase_head(node)):
        return bool(rule("places.fighting-near"))  # "advanced near Toretsk": the front
    if _fell_without_harm(phrase_head(node)):
        return bool(rule("places.fell-without-harm"))  # "debris fell in Taganrog without
        # causing damage"
    if _attempt_foiled(phrase_head(node)):
        return bool(rule("places.attempt-foiled"))  # "tried to attack Novorossiysk but were
        # destroyed at sea": no strike there
    if _stayed_calm(phrase_head(node)):
        return bool(rule("places.stayed-calm"))  # "the Mykolaiv and Pervomaisk districts had
        # stayed relatively calm": told as spared
    if _reported_no_harm(phrase_head(node)):
        return bool(rule("places.reported-no-harm"))  # "while the governors of the Kyiv and
        # Poltava regions reported no hits to infrastructure or casualties"
    if _attempted_attacks_only(sentence_of(node.doc, node.i)):
        return bool(rule("places.attempted-attacks"))  # "Authorities in the Bryansk and
        # Rostov regions reported no casualties following the attempted drone attacks"
    tree, lemmas, tokens = parse_columns(doc), doc_lemmas(doc), doc_tokens(doc)
    lowers = doc_lowers(doc)
    i = node.i  # the walk up steps by index; a Token is taken only at the verb
    for _ in range(4):
        i = tree.heads[i]
        if tree.pos[i] == "NOUN" and lemmas[i] in _GROUND_OPERATIONS:
            return bool(rule("places.ground-operation"))  # "an incursion into the Kursk region"
        if tree.pos[i] == "NOUN" and lemmas[i] in _VENUES and tree.deps[i] == "pobj" and \
                lowers[tree.heads[i]] in ("at", "during") and rule("places.speaker-venue"):
            return True  # "…,” Bastrykin said at an event in St. Petersburg": where he spoke
        if tree.pos[i] in ("VERB", "AUX"):
            node = tokens[i]
            if any(c.dep_ == "dobj" and c.lemma_.lower() in _GROUND_OPERATIONS
                   for c in node.children) and not any(
                    c.lemma_.lower() in _ATTACK_LEXICON for c in node.children):
                # "to mount an incursion into the Kursk region", parsed onto the verb
                return bool(rule("places.ground-operation"))
            if node.lemma_.lower() in _CARE_VERBS and _treated_in(mention, doc, node):
                return bool(rule("places.where-treated"))  # "hospitalized in the X district"
            if node.lemma_.lower() in _TRANSFER_VERBS and _taken_for_care(mention, doc, node):
                return bool(rule("places.where-treated"))  # "taken for treatment to Dnipro"
            if node.lemma_.lower() == "open" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in node.children):
                return not rule("places.opened-fire-on")  # "opened fire 40 times on
                # Huliaipole, Orikhiv, …": fired on them
            if node.lemma_.lower() in _NOT_STRIKING and struck_on_the_way(
                    span_root(doc, mention.start, mention.end)):
                return False  # "attacked a motorbike travelling through X": X is the scene
            if node.lemma_.lower() in _NOT_STRIKING and node.dep_ in ("acl", "relcl") and \
                    node.head.dep_ == "dobj" and _located_in(mention, doc) and \
                    node.head.head.lemma_.lower() in STRIKE_VERBS and \
                    rule("places.victims-at-work"):
                return False  # "used a drone to attack residents working in the garden in X":
                # the people the attack struck were there
            return node.lemma_.lower() in _NOT_STRIKING
        if any(tree.deps[c] in ("relcl", "acl") and lemmas[c] in _ATTACK_LEXICON
               for c in tree.children[i]) and rule("places.struck-in-relative-clause"):
            return False  # "rescuers ended the search at a building in Uman that was struck
            # by a Russian missile": the building, and its town, were struck
        if tree.heads[i] == i:
            break
    return False


_CALM_WORDS = frozenset(cues()["calm_words"])
_VENUES = frozenset(cues()["venue_nouns"])  # "at an event in X", "during a visit to X"


def _stayed_calm(node) -> bool:
    """The name is the subject, or in the subject's phrase, of a verb said calm and not denied
    ("the X districts stayed calm", "the situation in X remained quiet"; not "X was not calm
    either")."""
    verb = _verb_of_subject(node, ("nsubj", "nsubjpass"))
    return verb is not None and any(c.dep_ == "acomp" and c.lemma_.lower() in _CALM_WORDS
                                    for c in verb.children) and not any(c.dep_ == "neg"
                                                                       for c in verb.children)


_SUBJECT_PHRASE = ("pobj", "prep", "compound", "nmod", "conj", "appos")  # words a subject holds


def _verb_of_subject(node, subjects: tuple[str, ...], through=_SUBJECT_PHRASE):
    """The verb whose subject (of the ``subjects`` relations) is the name or holds it in its
    phrase ("the governors of the Kyiv and Poltava regions reported"), else None."""
    for _ in range(8):
        if node.dep_ in subjects:
            return node.head
        if node.dep_ not in through:
            return None
        node = node.head
    return None


_NO_HARM_NOUNS = HARM_WORDS | {"hit", "arrival", "destruction"}


def _reported_no_harm(node) -> bool:
    """The name is in the subject's phrase of a verb whose object is harm denied by "no", and
    nothing in that verb's clause tells harm done ("… said debris damaged windows of a business,
    while the governors of the Kyiv, Poltava and Kirovohrad regions reported no hits to
    infrastructure or casualties"; not "officials in Kharkiv reported no casualties after a
    missile hit a warehouse")."""
    verb = _verb_of_subject(node, ("nsubj",), _SUBJECT_PHRASE + ("amod",))
    if verb is None or verb.pos_ not in ("VERB", "AUX") or \
            any(c.dep_ == "neg" for c in verb.children):
        return False
    if not any(c.dep_ in ("dobj", "attr") and c.lemma_.lower() in _NO_HARM_NOUNS and denied(c)
               for c in verb.children):
        return False
    return not any(t.pos_ == "VERB" and t.lemma_.lower() in DAMAGE_OR_HARM and t.i != verb.i
                   for t in verb.subtree)


_FALL_VERBS = frozenset({"fall", "crash", "land", "drop"})


def _fell_without_harm(node) -> bool:
    """The name's "in"/"on"/"near" phrase hangs on a verb of falling that says it did no harm
    ("debris from another drone fell in Taganrog without causing damage")."""
    if node.dep_ != "pobj" or node.head.lower_ not in ("in", "on", "near", "over", "at"):
        return False
    verb = node.head.head
    return verb.lemma_.lower() in _FALL_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "without" and any(
            t.lemma_.lower() in DAMAGE_OR_HARM for t in c.subtree) for c in verb.children)


_ATTACK_LEXICON = (set(cues()["attack_verbs"]) | set(cues()["attack_nouns"])
                   | set(cues()["damage_words"]) | set(cues()["killed_words"])
                   | set(cues()["injured_words"]) | set(cues()["hit_words"])
                   | set(cues()["aftermath_words"]))  # "searched the rubble", "a crater"


def in_clause_without_attack(mention, doc, weapon_starts: set[int]) -> bool:
    """"…climbed to 11 on Saturday as Moscow claimed advances near Bakhmut": a place in a
    side clause (as, while, and …) that names no attack, damage, casualty or weapon is not a
    target of the attack the sentence reports."""
    node = span_root(doc, mention.start, mention.end)
    for _ in range(6):  # "including" (a verb's form as a preposition) is no clause's verb
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep" or node.head.i == node.i:
            break
        node = node.head
    side = node.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("as", "while", "whereas")
        for c in node.children)
    # "… left half a million people without heat, and there were blackouts in the capital,
    # Kyiv": a clause joined by "and" that only says what there was
    joined = node.dep_ == "conj" and node.lemma_ == "be" and any(
        c.dep_ == "expl" for c in node.children)
    if node.pos_ not in ("VERB", "AUX") or not (side or joined):
        return False
    if side and _scene_of_the_victims(node):
        return False
    for token in node.subtree:
        if token.dep_ == "compound" and token.head.lemma_.lower() in WARNING_NOUNS:
            continue  # "as an air raid alert was declared for the capital, Kyiv": no raid yet
        if token.i in weapon_starts or token.lemma_.lower() in _ATTACK_LEXICON:
            return False
    rule("places.side-clause")
    return True



# people a strike finds where they are ("while people were eating at a restaurant in X"); not
# the military, whose doings in a side clause are other news ("as soldiers were advancing near X")
_CIVILIANS = frozenset(cues()["person_nouns"]) - frozenset(cues()["soldier_nouns"])


def _scene_of_the_victims(verb) -> bool:
    """"A Russian missile strike while people were eating at a busy restaurant in downtown X
    killed …": a side clause in the progressive with people as its subject tells what the
    victims were doing where the strike found them, and its place is the scene."""
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be"
                                             for c in verb.children)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if progressive and subject is not None and subject.lower_ in _CIVILIANS:
        return bool(rule("places.scene-of-the-victims"))
    return False


def _attempt_foiled(node) -> bool:
    """The name is the object of an attack only tried ("drones tried to attack Novorossiysk but
    were destroyed at sea"), in a sentence that tells the weapons downed or destroyed and no
    harm done."""
    verb = node.head
    if node.dep_ != "dobj" or verb.dep_ != "xcomp" or \
            verb.head.lemma_.lower() not in ("try", "attempt", "seek"):
        return False
    lemmas = {t.lemma_.lower() for t in sentence_of(node.doc, node.i) if t.i != verb.i}
    return bool(lemmas & (_SHOT_DOWN | {"destroy"})) and not lemmas & _HARM


_ATTEMPTED = frozenset(cues()["failed_attack_adjectives"])


def _attempted_attacks_only(sent) -> bool:
    """The sentence's attacks are all said to have failed ("the attempted drone attacks", "a
    foiled attack"), and it tells no harm: a casualty word only under "no"."""
    if sentence_words(sent).isdisjoint(_ATTEMPTED):
        return False  # most sentences: no word of failure, and no token is walked
    attacks = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in _ATTACK_NOUNS_ONLY]
    if not attacks or not all(any(c.dep_ == "amod" and c.lower_ in _ATTEMPTED for c in t.children)
                              for t in attacks):
        return False
    return not any(t.lemma_.lower() in _HARM and t not in attacks and not any(
        c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in sent)


_ATTACK_NOUNS_ONLY = frozenset({"attack", "strike", "raid", "assault"})


def _harm_of_what_fell(participle) -> bool:
    """The participle ("a drone downed over X") describes a weapon inside the subject of a verb
    of harm ("Debris from a drone downed over X damaged the roof")."""
    node = participle.head
    for _ in range(5):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("nsubj", "nsubjpass"):
            verb = node.head
            return verb.lemma_.lower() in _HARM or any(
                c.dep_ == "conj" and c.lemma_.lower() in _HARM for c in verb.children)
        node = node.head
    return False


# verbs that make a place a target ("hit", "strike", "damage"), not those of casualties: "In
# Nikopol, people were not injured" denies no strike on Nikopol
_STRUCK_VERBS = (STRIKE_VERBS | frozenset(cues()["hit_words"])) - CASUALTY_WORDS


def strike_denied(mention, doc) -> bool:
    """"The port of Reni was not hit", "the drones did not strike Izmail": the verb that makes
    the place a target is denied, and the place is no target."""
    node = span_root(doc, mention.start, mention.end)
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head  # "The port of Reni": the noun the place names, up to its verb
    return node.pos_ == "VERB" and node.lemma_.lower() in _STRUCK_VERBS and \
        any(c.dep_ == "neg" for c in node.children) and bool(rule("places.strike-denied"))


def in_interception_clause(mention, doc) -> bool:
    """"it shot down 19 drones across the country and annexed Crimea overnight, while
    authorities in the Belgorod region said one person was killed": a place in the clause of
    a shoot-down that tells of no damage or casualty is not struck by the attack the rest of
    the sentence reports."""
    tree, lemmas, lowers, tokens = parse_columns(doc), doc_lemmas(doc), doc_lowers(doc), \
        doc_tokens(doc)
    heads, deps, pos = tree.heads, tree.deps, tree.pos
    i = span_root(doc, mention.start, mention.end).i  # the walk steps by index
    for _ in range(8):
        if deps[i] == "conj" and pos[i] in ("PROPN", "NOUN"):
            while deps[i] == "conj" and heads[i] != i:  # first_conjunct: "in the Odesa,
                i = heads[i]  # Kherson, …, Chernihiv and Kirovohrad regions": a long list is
                # one step, not one per name
        if pos[i] == "VERB" and deps[i] == "acl" and tree.tags[i] == "VBG" and \
                lemmas[i] not in _SHOT_DOWN and heads[i] != i:
            i = heads[i]  # "a drone targeting a refinery in X was shot down": the drone's
            continue
        if pos[i] == "VERB" and deps[i] == "advcl" and \
                lemmas[i] in _FIRING and pos[heads[i]] == "VERB" and \
                (lemmas[heads[i]] in _SHOT_DOWN or _knocked_out(tokens[heads[i]])) and \
                rule("places.downed-of-those-used"):
            i = heads[i]  # "knocked out 17 of the Shahed drones Russia used in its
            # attack, over the regions of X": the parser hangs "over" on "used"
            continue
        if pos[i] == "VERB" and lowers[i] in cues()["region_words"] and \
                heads[i] != i and \
                rule("places.region-word-read-as-verb"):
            i = heads[i]  # "intercepting them over Kyiv, …, and Dnipropetrovsk oblasts": the
            # parser made "oblasts" a verb; the names hang on it, and it on the shoot-down
            continue
        if pos[i] == "VERB" and not (lowers[i] in OCCUPIED and deps[i] == "conj") \
                or heads[i] == i:
            break  # "… and annexed Crimea": an adjective the parser made a verb
        i = heads[i]
    node = tokens[i]
    if node.pos_ == "VERB" and node.dep_ == "acl" and _harm_of_what_fell(node):
        return False  # "Debris from a drone downed over Voronezh damaged a roof": the harm
        # its debris did there
    defence = node.pos_ == "VERB" and _air_defence_acts(node)
    if node.pos_ != "VERB" or node.lemma_.lower() not in _SHOT_DOWN and not (
            (node.lemma_.lower() == "destroy" or _knocked_out(node))
            and _weapon_destroyed(node)) and not defence:
        return False
    if defence:  # harm anywhere under it ("air defence hit targets in Belgorod, damaging
        # houses"), but not its own verb (air defence "hit" its targets)
        inside = [t for t in node.subtree if t.i != node.i]
    else:  # harm in the shoot-down's own clause, not in one joined to it
        stopped = {s.i for c in node.children if c.dep_ in ("advcl", "ccomp", "parataxis")
                   and c.pos_ in ("VERB", "AUX") for s in c.subtree}
        stopped |= {s.i for c in node.children if c.dep_ == "prep" and c.lower_ == "with"
                    and any(g.dep_ == "pcomp" and g.pos_ == "VERB" for g in c.children)
                    for s in c.subtree}  # "…, with the remaining one striking X": its own
        inside = [t for t in node.subtree if t.i not in stopped]
    if any(t.lemma_.lower() in _HARM and not denied(t) and not _names_a_unit(t)
           and not _weapons_fired(t) for t in inside):
        return False
    if defence:
        rule("places.air-defence-acts")
    else:
        rule("places.interception-clause")
    return True


def _weapons_fired(token) -> bool:
    """"all 24 drones fired by Russia": "fire" said of the weapons it describes (a participle
    on a weapon noun) tells their use, not a fire that did harm."""
    if token.lemma_.lower() not in _FIRING or token.dep_ not in ("acl", "relcl"):
        return False
    return token.head.i in weapon_tokens(token.doc) and \
        bool(rule("places.weapons-fired-no-harm"))


def _names_a_unit(token) -> bool:
    """A harm word that only names what another noun is ("mobile fire groups", "fire crews"):
    no harm told."""
    return token.dep_ == "compound" and token.head.pos_ == "NOUN" and \
        token.head.lemma_.lower() not in _HARM and bool(rule("places.harm-word-in-a-name"))


# what acts when air defence does: "air defence", "anti-aircraft units", "air defence systems"
_DEFENDERS = cues()["defence_nouns"] | cues()["defence_unit_nouns"] | cues()["defence_system_nouns"]


def _air_defence_acts(verb) -> bool:
    """Air defence is what acts ("air defense hit targets in Dnipropetrovsk, Poltava and
    Mykolaiv oblasts", "anti-aircraft units engaged drones over X"): whatever the verb, the
    places are where it fired, not places struck."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children):
        return False  # "Russia's S-300 air defence systems struck Kharkiv": a place struck
    phrase = tokens_text(verb.doc, subject.left_edge.i, subject.right_edge.i + 1).lower()
    return subject.lower_ in _DEFENDERS and any(m in phrase for m in AIR_DEFENCE)


_FIRING = frozenset(cues()["weapon_use_verbs"])  # what a wave's weapons were


def _knocked_out(verb) -> bool:
    """"The air force knocked out 17 of the Shahed drones … over the regions of X": "knock
    out", said of weapons (``_weapon_destroyed``), brings them down; so does "bring down"
    ("Seven drones were brought down by fighter aircraft … and mobile fire groups in the
    Dnipropetrovsk, Kirovohrad and Zaporizhzhia regions")."""
    lemma = verb.lemma_.lower()
    if lemma == "bring":
        return any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children) and \
            bool(rule("places.brought-down"))
    return lemma == "knock" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _weapon_destroyed(verb) -> bool:
    """What "destroy" destroyed is a weapon ("drones had been detected and destroyed in the
    Kursk region", "air defences destroyed 12 drones over X"): an interception, not harm
    ("the strike destroyed 11 houses")."""
    doc = verb.doc
    # the weapon mentions of the doc, not any word of a weapon's name: "destroyed a civilian
    # vehicle", "destroyed two aircraft at the airbase" are harm
    weapons = {i for w in weapon_spans(doc) if w.label_ != "artillery"
               for i in range(w.start, w.end)}
    if any(c.dep_ == "dobj" and c.i not in weapons and not _part_of_weapons(c, weapons)
           and not _region_word_of_a_list(c) for c in verb.children):
        return False  # "drones were confirmed to have destroyed a warehouse": harm done
    # "detected and destroyed", "were confirmed destroyed": the subject is the verb's above
    owners = [verb, verb.head] if verb.dep_ in ("conj", "xcomp") else [verb]
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.i in weapons or _part_of_weapons(
        c, weapons)) for owner in owners for c in owner.children) and \
        bool(rule("places.interception-destroyed"))


def _region_word_of_a_list(noun) -> bool:
    """"destroyed nine enemy drones within the Dnipropetrovsk, Odesa, Mykolaiv and Zhytomyr
    regions": the kind word closing the list, which the parser made the verb's second object,
    is where the drones were destroyed, not what."""
    return noun.lower_ in _AREA_PLURALS and noun.tag_ == "NNS" and noun.i > 0 and \
        noun.doc[noun.i - 1].pos_ == "PROPN" and bool(rule("places.destroyed-within-regions"))




#: words that count a part of the weapons named after them: "most of the drones were destroyed
#: in Kyiv and Odesa oblasts", "all of them"
_PART_WORDS = frozenset({"most", "all", "some", "many", "several", "half", "majority", "rest",
                          "remainder", "bulk"})


def _part_of_weapons(subject, weapons: set[int]) -> bool:
    """"19 Shahed launches were recorded, 18 of which were destroyed in the Odesa … regions":
    a number "of which" (or "of them") whose sentence named a weapon just before it; "17 of
    the Shahed drones" names them itself."""
    counted = subject.pos_ == "NUM" or subject.lower_ in _PART_WORDS
    if counted and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(
                g.dep_ == "pobj" and g.i in weapons for g in c.children)
            for c in subject.children):
        return subject.pos_ == "NUM" or bool(rule("places.interception-most-of"))
    if not counted or not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(
                g.lower_ in ("which", "them") for g in c.children) for c in subject.children):
        return False
    start = sentence_of(subject.doc, subject.i).start
    return any(start <= i < subject.i for i in weapons) and \
        bool(rule("places.interception-of-which"))


def mention_rules(in_sent: list[Mention], place: Place) -> list[str]:
    """The ids of the rules that found the sentence's mentions of ``place``."""
    return list(dict.fromkeys(r for m in in_sent if m.rules and (
        m.place.id == place.id or (m.place.parent is not None and m.place.parent.id == place.id))
        for r in m.rules))


_NEAR = cues()["nearby_words"]
_SHOT_DOWN = set(cues()["shot_down_words"]) - {"destroy"}  # "destroyed 11 houses" is harm
_HARM = DAMAGE_OR_HARM - {"destroy"}


def capital_of_raion(mention, in_sent, doc) -> bool:
    """"the Polohivskyi district of Zaporizhzhia": an oblast capital's name after "<raion> of"
    names the oblast the raion lies in."""
    i = mention.start - 1
    if i < 0 or doc[i].lower_ != "of" or mention.place.kind != "settlement":
        return False
    raion = next((m for m in in_sent if m.place.kind == "raion" and 0 < i - m.end <= 3), None)
    if raion is None:
        return False
    oblast = next((n for n in raion.place.chain() if n.kind == "region"), None)
    return oblast is not None and named_oblast(mention.place) == oblast


def _near_word(mention, doc) -> int | None:
    """The index of the "near" / "outside" / "close to" before the mention ("near the city of
    Lviv"), or None."""
    lowers = doc_lowers(doc)  # the words' lower-case forms, without a Token each
    i = mention.start - 1
    while i >= 0 and lowers[i] in ("the", "city", "town", "port", "of", "regional", "centre",
                                   "center", "capital"):
        i -= 1
    if i < 0 or not (lowers[i] in _NEAR or (lowers[i] in ("to", "from") and i > 0
                                            and lowers[i - 1] in ("close", "far"))
                     or lowers[i] == "to" and i > 0 and lowers[i - 1] == "next"
                     and rule("places.next-to-city")
                     or lowers[i] == "suburb" and i > 0 and lowers[i - 1] == "a"):
        return None  # "Antonivka, a suburb of Kherson"; not "the Kharkiv suburb of Merefa"
    return i


def locating_near(mention, in_sent, doc) -> bool:
    """"Zhuravlivka, a village near Lviv": a city named after "near" / "outside" / "close to"
    once a settlement has been named before it in the sentence only says where that one is."""
    i = _near_word(mention, doc)
    if i is None:
        return False
    if _village_named_after(mention, in_sent, doc, i):
        return True
    return any(other.end <= i and other.start >= i - 12 and not other.role
               and other.place is not None and (
                   other.place.kind == "settlement" or other.place.kind in ("region", "raion")
                   and mention.place is not None and other.place in mention.place.chain()[1:]
                   and 0 <= i - other.end <= 1 and doc[i].lower_ == "near"
                   and rule("places.region-near-city")
                   or other.place.kind == "raion" and i - other.end <= 2
                   and doc[i].lower_ in ("outside", "near") and doc[i - 1].text == ","
                   and rule("places.raion-outside-city"))
               for other in in_sent)  # "In Russia's Krasnodar region near Sochi": the region;
    # "in Takhtamukaysky district, outside the city of Krasnodar": the district


def _village_named_after(mention, in_sent, doc, i: int) -> bool:
    """"Further north, close to the town of Izium, shelling wounded a man in the village of
    Kamianka": a city after "near" / "close to" in an opening phrase set off by a comma locates
    the village the sentence names after it."""
    comma = next((k for k in range(mention.end, min(len(doc), mention.end + 3))
                  if doc[k].text == ","), None)
    if comma is None:
        return False
    return any(other.start > comma and not other.role and other.place is not None and
               other.place.kind == "settlement" and other.place != mention.place and
               doc[other.start - 1].lower_ == "of" and doc[other.start - 2].lower_ == "village"
               for other in in_sent) and bool(rule("places.near-city-before-village"))


def event_located_near(mention, doc, told: bool) -> bool:
    """"The incident occurred near Chasiv Yar", after the news of a strike on Kostiantynivka
    (``told``: an attack was read before): where the event told is said to lie, near another
    place, not a strike on that place."""
    i = _near_word(mention, doc) if told else None
    if i is None or doc[i].lower_ != "near":
        return False
    verb = doc[i].head
    return verb.lemma_.lower() in _HAPPEN_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _TOLD_EVENTS and any(
            d.lower_ in ("the", "this", "that") for d in c.children)
        for c in verb.children) and bool(rule("places.event-located-near"))


_HAPPEN_VERBS = frozenset({"occur", "happen", "take", "be"})  # "took place", "was near"
_TOLD_EVENTS = frozenset({"incident", "attack", "strike", "explosion", "blast", "shelling"})


_UNNAMED_PLACES = set(cues()["locating_place_nouns"])  # "a village near Rostov"


def unnamed_near(mention, doc) -> Place | None:
    """"one person was wounded in a village near Rostov": a settlement the text does not
    name, near a city, lies in that city's oblast, not in the city: the oblast, when the
    city has one."""
    i = _near_word(mention, doc)
    if i is None or i < 1 or doc[i - 1].lower_ not in _UNNAMED_PLACES or \
            mention.place.kind != "settlement":
        return None
    if not any(t.lower_ in ("a", "an", "one") for t in doc_tokens(doc)[max(0, i - 4):i - 1]):
        return None
    region = next((n for n in mention.place.chain()[1:] if n.kind == "region"), None)
    return region if region is not None and rule("places.unnamed-village-near") else None


def unnamed_settlement_of(mention) -> bool:
    """"a critical infrastructure facility in one of the villages of Zaporizhzhia Oblast", "a
    village in the Sumy region": a settlement the text does not name, in the region named.
    After towns of that region were told struck, the region is an attack place of its own
    (told first, the unnamed village is likely the one the report names later)."""
    if mention.doc_sent is None:
        return False
    lowers = doc_lowers(mention.doc_sent.doc)
    k = mention.start - 1
    if k >= 0 and lowers[k] == "the":
        k -= 1
    if k < 1 or lowers[k] not in ("of", "in"):
        return False
    noun = lowers[k - 1]  # "village", "villages", "communities"
    if noun not in _UNNAMED_PLACES and noun[:-1] not in _UNNAMED_PLACES and \
            noun[:-3] + "y" not in _UNNAMED_PLACES:
        return False
    before = lowers[max(0, k - 4):k - 1]
    return (before[-1:] in (["a"], ["an"]) or before[-3:] == ["one", "of", "the"]) and \
        bool(rule("places.unnamed-settlement-of-region"))


def locating_after_kinds(mention, in_sent, doc) -> bool:
    """"the Zelenodolsk and Hrushivka communities of Kryvyi Rih": a place after "of" that
    follows communities (hromadas, villages, settlements) the sentence names says where they
    are, as a district would; it is not struck itself."""
    i = mention.start
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in PLURAL_KINDS:
        return False
    return any(other is not mention and other.place is not None and other.end == i - 2
               for other in in_sent) and bool(rule("places.communities-of-a-place"))


def locating_hromada(mention, in_sent, doc) -> bool:
    """"the village of Zhovtantsi in the Kamianka-Buzka hromada", "Yasenove of the Pokrovsk
    community", "Strativa in the Starodub municipality", "Hostre, [all settlements in]
    Kurakhove hromada", "Podoly, Kurylivka community": a hromada named after a settlement of
    the sentence with "in" or "of", or set off by commas right after it, only says where that
    settlement is."""
    if mention.end >= len(doc) or doc[mention.end].lower_ not in (
            "hromada", "community", "municipality"):
        return False  # "the village of Strativa in the Starodub municipality": a municipal
        # district (or a hromada so translated) that only locates its village
    if mention.start > 0 and doc[mention.start - 1].text == "," and \
            (tokens_text(doc, mention.end + 1, mention.end + 2) == "," or (
                tokens_text(doc, mention.end + 1, mention.end + 2) in (".", ";", "")
                and rule("places.hromada-closing-sentence"))) and any(
            other.end == mention.start - 1 and other.place is not None
            and other.place.kind == "settlement" for other in in_sent):
        return True  # "in the village of Podoly, Kurylivka community, a woman was killed";
        # "Five houses were damaged in Svyatogorivka, Dobropillia community."
    for i in range(mention.start - 1, max(-1, mention.start - 6), -1):
        if doc[i].text in (",", ";", ".", ":") or doc[i].pos_ in ("VERB", "AUX"):
            return False
        if doc[i].lower_ in ("in", "of"):
            return any(other.end <= i and other.place is not None
                       and other.place.kind == "settlement" and not any(
                           t.like_num or t.pos_ in ("CCONJ", "VERB")
                           for t in doc_tokens(doc)[other.end:i])
                       for other in in_sent)
    return False


_AREA_WORDS = {"urban", "municipal", "city", "district", "raion", "okrug", "county", "hromada",
               "community", "region", "oblast"}


def locating_parenthesis(mention, in_sent, doc) -> bool:
    """"the Leninsky Urban District (Vidnoye settlement)", "Domodedovo (Yam settlement)": an
    area named before the settlement in brackets only says where that settlement is."""
    i = mention.end
    while i < len(doc) and i - mention.end < 3 and doc[i].lower_ in _AREA_WORDS:
        i += 1
    if i + 1 >= len(doc) or doc[i].text != "(":
        return False
    return any(other.start == i + 1 and other.place is not None
               and other.place.kind == "settlement" and not (
                   other.end < len(doc) and doc[other.end].lower_ in _AREA_WORDS)
               for other in in_sent)  # not "Zablocie-Gorne (Biala County, …)": its county


def locating_region(mention, in_sent, doc) -> bool:
    """"the Sevastopol shipyard in Crimea", "Izmail in Ukraine's Odesa region", "Urazovo in
    the Valuysky District": a region or district in an "in" phrase of a noun that names another
    place only says where that place is; so does a city right after a settlement and "in" ("the
    village of Dolotinka in Rostov")."""
    if mention.place is not None and mention.place.kind == "settlement" and \
            mention.start > 0 and doc[mention.start - 1].lower_ == "in" and any(
                o is not mention and o.place is not None and o.place.kind == "settlement"
                and not o.role and o.end == mention.start - 1 for o in in_sent):
        return bool(rule("places.settlement-in-city"))  # "the village of Dolotinka in Rostov"
    if mention.place is None or mention.place.kind not in ("region", "raion"):
        return False  # "the village of Urazovo in the Valuysky District": where it lies
    node = phrase_head(span_root(doc, mention.start, mention.end))
    if node.dep_ != "pobj" or node.head.lower_ != "in":
        return False
    noun = node.head.head
    if noun.pos_ == "VERB":  # "attacked the Sevastopol shipyard in Crimea": the object before
        noun = next((c for c in noun.children if c.dep_ in ("dobj", "nsubjpass")
                     and c.right_edge.i + 1 == node.head.i), noun)
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    # the settlement within the noun's phrase, before the "in": "the village of Urazovo"
    return any(o is not mention and o.place is not None and o.place.kind == "settlement"
               and noun.left_edge.i <= o.start and o.end <= node.head.i for o in in_sent)


def capital_attack(sent, build, gazetteer=None) -> tuple[str, str] | None:
    """The id of the attack on the capital the sentence names by that word: the one the article
    reports already, else — where the capital is what the sentence strikes ("Russia attacked
    the capital", "explosions in the capital") — a new attack on it; with the rule that read it."""
    text = span_text(sent).lower()
    names = {name for phrase, name in cues()["capital_words"].items() if phrase in text}
    found = next((pid for pid, attack in build.attacks.items()
                  if attack.place.label in names and attack.place.kind == "settlement"), None)
    if found is not None:
        return found, rule("attacks.capital")
    if gazetteer is None or len(names) != 1 or not _capital_struck(sent):
        return None
    place = next(iter(gazetteer.candidates(next(iter(names)), {"settlement"})), None)
    return (build.get(place).place.id, rule("attacks.capital-named-by-word")) \
        if place is not None else None


def _capital_struck(sent) -> bool:
    """"the capital" is the object of an attack verb, the place of an "in/on/at" phrase, or the
    subject of a passive attack verb."""
    for token in sent_tokens(sent):
        if token.lower_ != "capital":
            continue
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in cues()["attack_verbs"]:
            return True
        if token.dep_ == "pobj" and head.lower_ in ("in", "on", "at", "against", "across"):
            return True
        if token.dep_ == "nsubjpass" and head.lemma_.lower() in cues()["attack_verbs"]:
            return not any(c.dep_ == "neg" for c in head.children) or \
                not rule("attacks.capital-not-hit")  # "the capital was not hit"
    return False


def entry_heading(sent, in_sent: list[Mention]) -> Place | None:
    """The settlement a verbless heading of a post's entry names ("1 August, 00:15, the Izium
    district, the city of Izyum." — "16:54, Velykyi Burluk hromada, the village of
    Shevchenkove."): what the entry's sentences tell next happened there."""
    if len(sent) > 40:  # a heading is short; most sentences end here
        return None
    tokens = list(sent_tokens(sent))
    label = next((n for n, t in enumerate(tokens[:3]) if t.text == ":"), -1)
    words = [t for t in tokens[label + 1:] if not t.is_punct and not t.is_space]  # "Quote: …"
    if not words or not (words[0].like_num or words[0].pos_ == "NUM") or len(words) > 20 or \
            any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    settlements = [m.place for m in in_sent if m.place.kind == "settlement" and not m.role]
    if not settlements:
        return None
    rule("places.entry-heading")
    return settlements[-1]


def place_heading(sent, in_sent: list[Mention], struck) -> Place | None:
    """A line that is only the name of a settlement already told struck ("… striking the
    suburbs of Kherson with drones: Bilozerka, Sonyachne" then a line "Bilozerka" over "A woman
    of 61 was hurt …"): what the lines under it tell happened there. ``struck``: the places
    struck so far, by id."""
    words = [t for t in sent_tokens(sent) if not t.is_punct and not t.is_space]
    if not words or len(words) > 4 or len(in_sent) != 1 or in_sent[0].role:
        return None
    (mention,) = in_sent
    place = mention.place
    if place is None or place.kind != "settlement" or place.id not in struck or any(
            not mention.start <= t.i < mention.end for t in words):
        return None
    doc = sent.doc
    if not line_start(doc, sent.start) or (sent.end < len(doc) and not line_start(doc, sent.end)):
        return None
    return place if rule("places.place-heading") else None


def inside_focus(place: Place, focus: list[str]) -> bool:
    """The place is a focus place or lies inside one (a district of the city in focus)."""
    return any(node.id in focus for node in place.chain())


def sent_of(in_sent: list[Mention]):
    """The sentence of the mentions (they share one)."""
    return in_sent[0].doc_sent


def struck_places(in_sent: list[Mention], regional: set[str] | None = None) -> list[Place]:
    """The places a sentence reports as struck. ``regional`` collects the oblast-capital names
    the sentence uses for their oblast ("In southern Odesa, … the city of Izmail")."""
    places: list[Place] = []
    lemmas = lemmas_of(sent_of(in_sent)) if in_sent else set()
    foreign = any(m.place.kind == "country" and (m.place.qid or m.place.id) not in WAR_COUNTRIES
                  for m in in_sent) or bool(lemmas & cues()["foreign_words"])
    for mention in in_sent:
        if mention.role or not _in_war_zone(mention.place) or _region_of_kind(mention):
            continue
        if foreign and (country_id(mention.place) is None or not mention.known and (
                lemmas & _FOUND_DEBRIS or not lemmas & (_HARM | {"destroy"}))):
            continue  # "debris fell near Periprava, Romania": a place of another country
        place = mention.place
        if place.kind == "country":
            continue
        if foreign and not mention.known:
            rule("places.foreign-village-hit")  # a drone crashed into a house in X, Poland
        city = district_city(place)
        if city is not None:
            place = city
        if place.kind == "district":
            continue
        oblast = capital_among_regions(mention, in_sent)
        if oblast is not None:
            place = oblast  # "Besides Odesa, the northeastern Sumy region and central Cherkasy
            # region also suffered damage": the oblast, listed as the others are
        if place not in places:
            places.append(place)
    # "Odesa and the neighbouring port city of Chornomorsk": two cities, not oblast and city
    neighbours = bool(lemmas & cues()["neighbour_words"])

    listed = _listed(in_sent)

    # "killed two in Kharkiv and injured three in the Kharkiv village of Tsyrkuny": where the
    # sentence names the oblast so, a bare "Kharkiv" is the city
    located = {m.place.id for m in in_sent if _region_of_kind(m)}

    def for_oblast(place: Place) -> bool:
        if neighbours or not any(_same_oblast_capital(place, q) for q in places):
            return False
        if any(n.id in located for n in place.chain()[1:]):
            return False
        if any(m.place.id == place.id and m.hint == "settlement" for m in in_sent):
            return False  # "strikes on Dnipro city": not bare, the city itself
        if any(m.place.id == place.id and _object_of_strike(m) for m in in_sent) and any(
                m.place.id != place.id and _object_of_strike(m) for m in in_sent) and \
                rule("places.capital-struck"):
            return False  # "attacked Chuhuiv at night and struck Kharkiv": two cities struck
            # alike ("Drones struck Odesa, and two people in Izmail were injured": the oblast)
        if place.id in listed:
            for m in in_sent:  # the list keeps the capital: its evidence says so
                if m.place.id == place.id and rule("places.capital-in-list") not in m.rules:
                    m.rules += (rule("places.capital-in-list"),)
            return False
        return True

    if regional is not None:
        regional.update(p.id for p in places if for_oblast(p))
    return [p for p in places if not for_oblast(p)
            and not any(q is not p and p in q.chain()[1:] for q in places)
            and not (p.kind == "raion" and any(_locates(p, q) and not _coordinated(p, q, in_sent)
                                                for q in places)
                     and not _own_where_clause(p, in_sent))]


def _own_where_clause(raion: Place, in_sent: list[Mention]) -> bool:
    """"…, targeting Kryvyi Rih, where two people were injured, and the Nikopol district, where
    three were wounded": a raion with a "where" clause of its own is a struck place of its own,
    not the district a settlement of the sentence lies in."""
    for mention in in_sent:
        doc = mention.doc_sent.doc if mention.doc_sent is not None else None
        if doc is None or mention.place != raion:
            continue
        after = [t.lower_ for t in doc_tokens(doc)[mention.end:mention.end + 3]]
        if after[:1] in (["district"], ["raion"], ["region"]):
            after = after[1:]
        if after[:2] == [",", "where"] and rule("places.raion-with-own-clause"):
            return True
    return False


def _coordinated(raion: Place, settlement: Place, in_sent: list[Mention]) -> bool:
    """The sentence joins the settlement and the raion with "and", both struck ("Russian forces
    hit Zaporizhzhia and the Zaporizhzhia district using nine Shahed drones"): two places, not
    a raion that says where the settlement lies ("the Mezhova hromada in the Synelnykove
    district")."""
    doc = in_sent[0].doc_sent.doc if in_sent and in_sent[0].doc_sent is not None else None
    if doc is None:
        return False
    for a in in_sent:
        for b in in_sent:
            if a.place == settlement and b.place == raion and a.end <= b.start:
                between = [t.lower_ for t in doc_tokens(doc)[a.end:b.start]]
                if "and" in between and set(between) <= {"and", "the", ","} and \
                        rule("places.town-and-district"):
                    return True
    return False


_LIST_GLUE = frozenset({",", "and", "the", "as", "well", "-", "–", "—", "in", "neighbouring",
                        "neighboring"})  # "… region - as well as in neighbouring Zaporizhzhia"


def capital_among_regions(mention: Mention, in_sent: list[Mention]) -> Place | None:
    """The oblast a bare oblast-capital name stands for where it is listed with regions
    named as such ("Besides Odesa, the northeastern Sumy region and central Cherkasy region"),
    or in a list the word "regions" opens ("The attack hit a number of regions, among them
    Sumy, Odesa, Dnipropetrovsk, Kyiv, and Poltava"), or None."""
    if mention.hint == "settlement" or mention.doc_sent is None or \
            mention.place.kind != "settlement":
        return None
    oblast = named_oblast(mention.place)
    doc = mention.doc_sent.doc
    index = in_sent.index(mention)
    if _after_regions_word(doc, in_sent, index):
        # Kyiv: the capital is no part of Kyiv Oblast, yet names it
        oblast = oblast or resolve(f"{mention.place.label} Oblast", kind="region")
        if oblast is not None and rule("places.list-of-regions"):
            return oblast
    if oblast is None:
        return None
    for other in in_sent[index + 1:index + 2] + in_sent[max(0, index - 1):index]:
        first, second = (mention, other) if other.start > mention.start else (other, mention)
        skip = first is other and first.end < len(doc) and doc[first.end].lower_ in (
            "region", "oblast")  # "the Dnipropetrovsk region - as well as …"
        between = doc[first.end + skip:second.start]
        if other.place.kind == "region" and other.place.id != oblast.id and \
                other.end < len(doc) and {"region", "oblast"} & {doc[other.end - 1].lower_,
                                                                  doc[other.end].lower_} \
                and len(between) and all(t.lower_ in _LIST_GLUE or t.pos_ == "ADJ"
                                         for t in between) and any(
                    t.lower_ in (",", "and", "well") for t in between) and \
                rule("places.capital-among-regions"):
            return oblast
    return None


_OPENING_A_LIST = frozenset({",", ":", "among", "them", "including", "such", "as", "namely",
                             "the", "in", "of"})
_REGIONS_WORDS = frozenset({"regions", "oblasts", "provinces"})
_AREA_PLURALS = _REGIONS_WORDS | {"districts", "areas"}  # "within the … Zhytomyr regions"


def _after_regions_word(doc, in_sent: list[Mention], index: int) -> bool:
    """The mention is one of a list of names that "regions" opens ("a number of regions, among
    them Sumy, Odesa, …", "the regions of Kharkiv, Sumy and Poltava")."""
    first = index
    while first and all(t.lower_ in _LIST_GLUE for t in doc[in_sent[first - 1].end:
                                                               in_sent[first].start]):
        first -= 1
    i = in_sent[first].start - 1
    glue = 0
    while i >= 0 and doc[i].lower_ in _OPENING_A_LIST and glue < 4:
        i, glue = i - 1, glue + 1
    return glue > 0 and i >= 0 and doc[i].lower_ in _REGIONS_WORDS


def _object_of_strike(mention: Mention) -> bool:
    """The name is what a verb struck: its object ("struck Kharkiv"), "at"/"on" right on the
    verb ("struck again at Kharkiv"), or where a verb of harm happened ("injured in Odesa")."""
    doc = mention.doc_sent.doc if mention.doc_sent is not None else None
    if doc is None:
        return False
    node = phrase_head(span_root(doc, mention.start, mention.end))
    return object_of_strike(node) or (  # "killed and 12 injured in Odesa, as well as two
        node.dep_ == "pobj" and node.head.lower_ == "in"  # injured in Izmail": harmed there
        and node.head.head.pos_ == "VERB" and node.head.head.lemma_.lower() in HARM_LEMMAS) \
        or _site_struck_in(node)


def _site_struck_in(node) -> bool:
    """The name is where a site struck stands: the "in" of a noun the verb struck ("hit a
    drone assembly workshop in Kharkov and a fuel depot in Izyum"), or of the verb that struck
    it ("a drone hit a bus in Kherson")."""
    if node.dep_ != "pobj" or node.head.lower_ not in ("in", "at"):
        return False
    site = node.head.head
    if site.pos_ == "VERB" and site.lemma_.lower() in STRIKE_VERBS and any(
            c.dep_ == "dobj" for c in site.children):
        return bool(rule("places.site-struck-in"))
    while site.dep_ == "conj" and site.head.i != site.i and site.head.pos_ == "NOUN":
        site = site.head
    return site.pos_ == "NOUN" and object_of_strike(site) and \
        bool(rule("places.site-struck-in"))


def _region_of_kind(mention: Mention) -> bool:
    """"the Sumy village of Pisky": the region named only to locate the village (not struck,
    and no sign that a bare "Sumy" in the sentence stands for the oblast)."""
    doc = mention.doc_sent.doc if mention.doc_sent is not None else None
    return doc is not None and mention.place.kind == "region" and mention.end + 1 < len(doc) \
        and doc[mention.end].lower_ in ("village", "town", "settlement") and \
        doc[mention.end + 1].lower_ == "of"


def _listed(in_sent: list[Mention]) -> set[str]:
    """Ids of the settlements named in a list with other settlements ("struck Zaporizhzhia,
    Stepnohirsk and Prymorske"): each is a place of its own, the oblast capital too."""
    out: set[str] = set()
    if not in_sent:
        return out
    doc = in_sent[0].doc_sent.doc
    for a, b in zip(in_sent, in_sent[1:]):
        between = {t.lower_ for t in doc_tokens(doc)[a.end:b.start] if not t.like_num}
        listed = between <= {",", "and", "or"} or (
            between - _KIND_OF_NEXT <= {",", "and", "or"} and b.hint == "settlement" and
            "and" in between and rule("places.listed-before-kind")) or (  # "in Sumy and the
            # village of Pishchane": a settlement listed with one, the city, not the oblast;
            # "three injured in Kharkiv, and four in
            {",", "in"} <= between <= _FIGURE_LIST_WORDS  # Chuhuiv": a figure for each
            and any(t.like_num for t in doc_tokens(doc)[a.end:b.start])
            and any(t.like_num
                    for t in doc_tokens(doc)[max(a.doc_sent.start, a.start - 8):a.start]))
        if between and listed and a.place.kind == b.place.kind == "settlement":
            out.update((a.place.id, b.place.id))
    return out


_FIGURE_LIST_WORDS = frozenset(cues()["figure_list_words"])
#: what stands between "and" and a listed settlement's name ("and the village of Pisky")
_KIND_OF_NEXT = frozenset({"the", "of", "in"}) | frozenset(
    w for w, kind in cues()["settlement_prefixes"].items() if kind == "settlement")


def _locates(raion: Place, settlement: Place) -> bool:
    """"the Mezhova hromada in the Synelnykove district": a raion named beside a settlement
    of the same oblast only says where the settlement is."""
    if settlement.kind != "settlement":
        return False
    oblast = next((n for n in raion.chain() if n.kind == "region"), None)
    own = next((n for n in settlement.chain() if n.kind == "region"), None)
    return oblast is not None and own is not None and oblast.id == own.id


#: what follows a name that stands for its region: "'s region", " and Belgorod regions", and
#: the region's bodies: "Zaporizhzhia regional military administration"
_REGION_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:and|or)\s+(?:the\s+)?[A-Z][\w'’-]+\s+|"
                           r"and\s+other\s+(?:[A-Za-z-]+\s+){0,2})?(?i:%s)\b"
                           % "|".join(map(re.escape, sorted(cues()["region_words"] | {"regional"}))))


def _named_as_city(label: str, body: str, doc, title_end: int) -> bool:
    """The name stands in the text other than as its region's ("the Krasnodar region", "the
    Krasnodar and Belgorod regions", "the eastern region of Donetsk"), in a sentence of attack
    or harm, or as "the city of" it: "In Chernihiv, schools have moved to online lessons" names
    the city, not a strike on it (``places.headline-capital-named-calmly``)."""
    for found in re.finditer(rf"\b{re.escape(label)}\b", body):
        if _as_region(body, found) or _DISTRICT_AFTER.match(body, found.end()):
            continue  # "a village of the Sumy district": the raion, not the city
        if _CITY_OF.search(body[max(0, found.start() - 12):found.start()]):
            return True  # "The city of Zaporizhzhia, the region's capital, lies 30 km from …"
        at = title_end + found.start()
        span = doc.char_span(at, at + len(found[0]), alignment_mode="expand")
        words = sentence_words(sentence_of(doc, span.start)) if span is not None else ()
        if words & _ATTACK_OR_HARM or not rule("places.headline-capital-named-calmly"):
            return True
    return False


_ATTACK_OR_HARM = ATTACK_WORDS | CASUALTY_WORDS | HARM_WORDS
_CITY_OF = re.compile(r"\bcity of\s+$", re.IGNORECASE)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|raion)\b", re.IGNORECASE)


def _named_as_region(label: str, body: str) -> bool:
    """The body names the region by the name ("in southern Russia's Belgorod region", "the
    eastern region of Donetsk")."""
    return any(_as_region(body, m) for m in re.finditer(rf"\b{re.escape(label)}\b", body))


_REGION_OF = re.compile(r"\b(?:region|oblast|province) of $", re.IGNORECASE)


def _as_region(body: str, match) -> bool:
    """The name at ``match`` is said of its region: a region word after it, or "region of"
    before it (``places.region-of-name``)."""
    return bool(_REGION_AFTER.match(body, match.end())) or bool(
        _REGION_OF.search(body[max(0, match.start() - 20):match.start()])
        and rule("places.region-of-name"))


def _called_a_city(label: str, title: str) -> bool:
    """The headline says the city itself: "the city of Sumy", "Sumy city" (not "a village
    near the city of Sumy", "Sumy city council")."""
    name = re.escape(label)
    for found in re.finditer(rf"\b(?:the )?city of {name}\b", title, re.IGNORECASE):
        before = title[:found.start()].split()
        if not before or before[-1].lower() not in _NOT_THE_CITY:
            return True
    for found in re.finditer(rf"\b{name} city\b", title, re.IGNORECASE):
        after = title[found.end():].split()
        if not after or after[0].lower().strip(".,:;") not in _OFFICE_WORDS:
            return True
    return False


# "near the city of X", "toward the city of X": another place; "X city council": an office
_NOT_THE_CITY = set(cues()["nearby_words"]) | set(cues()["not_the_city_words"])
_OFFICE_WORDS = set(cues()["title_words"])


def drop_headline_capitals(attacks: list[Attack], doc) -> list[Attack]:
    """"Ukrainian Drone Attack Sparks Fire at Krasnodar Oil Refinery" over a body about the
    Afipsky refinery in the Krasnodar region: an oblast capital named only in the headline,
    whose body strikes another place of its oblast but never names it but as its region, stood
    for the oblast; "Guided bomb hits the city of Sumy" says the city. A figure the headline
    gives it ("Drone attack kills one in Belgorod") is the region's where the body tells it of
    the region by that name ("killed one person in Russia's Belgorod region"); run before
    regions give their figures to the places inside them, so the village the body names takes
    it. (A first line that is the lead, not a headline, names no region so.)"""
    if not any(a.place.kind == "settlement" for a in attacks):
        return attacks
    text = doc_text(doc)
    title_end = text.find("\n")
    if title_end < 0:
        return attacks
    body = text[title_end:]

    def headline_only(attack: Attack) -> bool:
        return attack.place.kind == "settlement" and all(
                e.start < title_end for e in attack.evidence) and (
                attack.killed is None and attack.injured is None or
                _named_as_region(attack.place.label, body)) and \
            not _named_as_city(attack.place.label, body, doc, title_end) and \
            not _called_a_city(attack.place.label, text[:title_end]) and any(
                b is not attack and (_same_oblast_capital(attack.place, b.place) or
                                     _its_oblast_struck(attack.place, b.place))
                for b in attacks)

    kept = [a for a in attacks if not headline_only(a)]
    if len(kept) < len(attacks):
        rule("places.headline-capital")
    return kept


_PRONOUN_STRIKES = frozenset(cues()["pronoun_strike_verbs"])
_PEOPLE = frozenset(cues()["person_nouns"]) | frozenset(cues()["traveller_nouns"])


#: the parts of a town that stand for it as what was struck ("the centre of this busy city")
_TOWN_PARTS = frozenset(("center", "centre", "heart", "outskirts", "downtown"))


def city_word_struck(sent, loose: bool = False) -> bool:
    """"the city" (no name of its own: not "the city of Izium") is where harm was done: the
    object of a strike verb or of "on"/"at", the place of an "in" phrase with harm in the
    sentence, or the subject of a passive strike ("the city itself had been attacked"). With
    ``loose``, also a town, "this" one, one described ("this busy city") or told by its centre
    ("an attack on the center of this busy city")."""
    harmed = bool(lemmas_of(sent) & (HARM_WORDS | CASUALTY_WORDS))
    words, determiners = (("city", "town"), ("the", "this")) if loose else (("city",), ("the",))
    for token in sent_tokens(sent):
        if token.lower_ not in words or not any(c.lower_ in determiners for c in token.children):
            continue
        if any(c.dep_ == "compound" or c.lower_ == "of" if loose else
               c.dep_ in ("prep", "compound", "amod") for c in token.children):
            continue  # not "the city of Izium"
        target = token
        if loose and token.dep_ == "pobj" and token.head.lower_ == "of" and \
                token.head.head.lower_ in _TOWN_PARTS:
            target = token.head.head
        if object_of_strike(target) or target.dep_ == "nsubjpass" and \
                target.head.lemma_.lower() in STRIKE_VERBS or harmed and \
                target.dep_ == "pobj" and target.head.lower_ == "in":
            return True
    return False


#: how many sentences back the town a story is set in may have been named
_SETTING_REACH = 6


def town_of_the_story(sent, sents, index: int, placed) -> list[Place]:
    """"In Sumy, a soldier spoke from the hospital … The Russian missile attack on the center of
    this busy city on Sunday killed 35 people": before any place is read struck, "the city" an
    attack sentence naming no place strikes is the one settlement the nearest sentence naming a
    place names, where it was only the scene (``placed``: mentions by sentence start)."""
    for before in reversed(sents[max(0, index - _SETTING_REACH):index]):
        named = [m for m in placed[before.start] if not m.role and m.place.kind != "country"]
        if not named:
            continue
        places = {m.place.id: m.place for m in named}
        if len(places) != 1 or next(iter(places.values())).kind != "settlement":
            return []
        if not city_word_struck(sent, loose=True) or not rule("places.the-town-of-the-story"):
            return []
        return list(places.values())
    return []


def city_named_before(sent, named: list[Mention]) -> list[Place]:
    """"In the Kharkiv region, nearly all districts in the city of Chuhuiv were cut off from
    the grid. … she wrote that 10 Russian strikes had hit the city overnight": "the city" that
    a sentence naming no place strikes is the one settlement the sentence before names
    (``named``: its places, neither roles nor countries)."""
    settlements = {m.place.id: m.place for m in named if m.place.kind == "settlement"}
    if len(settlements) != 1 or not city_word_struck(sent):
        return []
    return list(settlements.values()) if rule("places.the-city-before") else []


def struck_them(sent, before, named: list[Mention]) -> list[Place]:
    """"There was heavy fighting in the Velykomykhailivka and Mezhivka communities. The enemy
    struck them with FPV drones": a sentence that names no place and strikes "them" strikes the
    places of the sentence ``before`` it (``named``: its places, neither roles nor countries),
    when that sentence names no people or vehicles "them" could be instead."""
    if not named or before is None:
        return []
    if not any(t.lower_ == "them" and t.dep_ == "dobj" and
               t.head.lemma_.lower() in _PRONOUN_STRIKES for t in sent_tokens(sent)):
        return []
    if any(t.lower_ in _PEOPLE or t.lemma_.lower() in _PEOPLE for t in sent_tokens(before)):
        return []  # "Rescuers evacuated residents of A and B. Drones attacked them"
    if not rule("places.struck-them"):
        return []
    places = list({m.place.id: m.place for m in named}.values())
    # "In the Synelnykove district, … the Mezhova and Slovianka communities": the district
    # only locates them
    return [p for p in places if not any(o is not p and inside(o, p) for o in places)]
