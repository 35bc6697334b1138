"""Reports of a shoot-down: "Kyiv region came under an enemy drone attack: debris fell outside of
settlements … Casualties and damage to critical infrastructure were avoided", "Russian air
defense in the Kursk region downed a Ukrainian drone in the border zone, with no casualties or
damage reported".

GOLD.md gives no entry for places where weapons were only shot down. Where a whole report tells
weapons brought down and no harm done that is its news, it reads no attack, and its lead gives
no place (``attacks.all-downed-report``). Harm is a word of harm, a hit on something other than
a weapon or target, a thing attacked, debris that fell on a thing, shelling or bombing, or a
power cut, told as done: not denied, averted, sought, asked, being checked or only heard. Harm
told of an earlier day, of a period or in a recap is background. The per-place reading of the
same genre, for reports that also tell harm elsewhere, is ``kg.extract.unharmed_places``."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.aimed_places import PLACE_HARM, TARGET_NOUNS
from kg.extract.attack_sentences import denied, unreported_harm, weapon_spans_in
from kg.extract.dates import resolve_date
from kg.extract.doc_text import sent_tokens, span_text
from kg.extract.earlier_news import opens_reminder
from kg.extract.lexicon import cues
from kg.extract.rules import rule
from kg.extract.unharmed_places import AREA_NOUNS, OUTAGE_WORDS, downed, struck_object
from kg.records import Attack



#: what debris does by itself: it falls, and where it fell is no harm ("debris fell outside of
#: settlements"); what it fell on is ("debris fell on a house")
_DEBRIS = frozenset(cues()["debris_words"])
_ONTO = frozenset({"on", "onto", "into", "upon"})
#: what tells a period, not a day's news: "In recent weeks, drones have struck …"
_PERIOD_PHRASES = tuple(cues()["period_phrases"])
#: "As Ukrinform reported earlier, a fire started at …": a recap of earlier news
_RECAP = re.compile(r"as [^,.]{1,40} reported (?:earlier|previously|before)\b", re.IGNORECASE)
_HIT_VERBS = frozenset({"hit", "strike", "land"})
#: what no air defence stops: shells and bombs that fell ("Russian troops shelled Vovchansk")
_FIRE_FROM_AFAR = frozenset({"shell", "shelling", "bomb", "bombing", "bombard", "bombardment"})
_INTERCEPTION = frozenset(cues()["interception_words"])
_DOWNING_VERBS = frozenset({"shoot", "bring", "take", "knock"})  # "… down"
_REPELLING = frozenset({"repel", "repulse", "fend", "suppress", "thwart", "foil", "prevent",
                        "avert"})
_ATTACK_VERBS = frozenset(cues()["attack_verbs"])
_NOT_STRUCK = TARGET_NOUNS | frozenset(cues()["attack_nouns"])
_AVERTING = frozenset(cues()["averting_verbs"]) | {"avoid"}
_AIR_DEFENCE = re.compile(r"\b(?:air|anti-aircraft) defen[cs]es?\b[^.;]{0,40}?\b(?:at work|working|"
                          r"worked|in action|into action|operating|operated|activated|engag\w*)")
#: the links from a clause or phrase to the noun it tells of ("evidence that …", "reports of …")
_OF_A_NOUN = frozenset({"acl", "ccomp", "pcomp", "pobj", "prep"})
_NONE_WORDS = frozenset({"nothing", "nobody", "none", "noone"})
_CHECKING = frozenset({"verify", "clarify", "establish", "determine", "ascertain", "check",
                       "specify", "update"})
#: the links from a word to what governs it as its object or subject, within one clause
_GOVERNED = frozenset({"dobj", "pobj", "prep", "nsubjpass", "nsubj", "compound", "amod",
                       "appos", "conj", "cc"})
_VEGETATION = frozenset({"grass", "vegetation", "stubble", "reed", "reeds", "forest", "woodland",
                         "field"})
#: the noises of a shoot-down, and the verbs that tell them heard
_SOUNDS = frozenset({"explosion", "blast", "bang", "boom"})
_CLAUSE_LINKS = frozenset({"ccomp", "advcl", "parataxis", "conj", "relcl", "xcomp"})
_HEARING = frozenset({"hear", "sound", "ring", "echo", "thunder", "resound"})
_INTENDING = frozenset({"intend", "try", "aim", "attempt", "plan", "seek", "want", "mean"})


def _weapon_or_target(token, weapon_tokens) -> bool:
    """"destroyed 30 Shahed drones", "struck about 10 Russian targets", "launched a fresh strike":
    the object is the weapon, the target shot at, or the attack itself."""
    return token.lemma_.lower() in _NOT_STRUCK or any(
        t.i in weapon_tokens for t in token.subtree)


def _fell_on(token) -> bool:
    """"Debris fell on a house": a fall onto a thing, not into an area."""
    return token.lemma_.lower() == "fall" and any(
        c.dep_ == "prep" and c.lower_ in _ONTO and any(
            g.dep_ == "pobj" and g.lemma_.lower() not in AREA_NOUNS for g in c.children)
        for c in token.children)


def _averts(token) -> bool:
    """"prevented", "were avoided"; not "did not prevent"."""
    return token.lemma_.lower() in _AVERTING and not any(c.dep_ == "neg" for c in token.children)


def _heard(token) -> bool:
    """The explosion is what was heard ("explosions were heard over the city", "they heard a
    sound … followed by a 'powerful explosion' in the sky"), within the hearing clause."""
    node = token
    for _ in range(8):
        if node.head.i == node.i or node.dep_ in _CLAUSE_LINKS:
            return False
        node = node.head
        if node.lemma_.lower() in _HEARING:
            return True
    return False


def _not_told_done(token) -> bool:
    """The harm is denied, averted, sought or unknown: a verb whose subject is "no …" ("no
    civilian objects … were damaged"), a word told of a noun with "no" ("no evidence that the
    oblast has been struck"), a word that is what "prevented" / "avoided" governs ("preventing
    harm to infrastructure and human casualties"), a verb below "intended to" ("intended to hit
    critical infrastructure") or of a purpose, a clause of "whether" ("did not say whether any …
    were damaged"), a word of what a verb of checking governs ("Information on casualties is
    being verified"), or an explosion heard."""
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in token.children):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NONE_WORDS or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in token.children):
        return True  # "no civilian objects in the city were damaged": nothing was
    node = token
    for _ in range(4):  # "there is no evidence that the oblast has been struck"
        if node.dep_ not in _OF_A_NOUN or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                       for c in node.children):
            return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _INTENDING:
        return True
    if token.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "All the drones that Russia sent to strike Kyiv": a purpose
    if token.lemma_.lower() in _SOUNDS and _heard(token):
        return True  # "they heard … a 'powerful explosion' in the sky": a sound, not harm
    node = token
    for _ in range(5):
        if node.dep_ not in _GOVERNED or node.head.i == node.i or \
                node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return False  # not "… was prevented, but falling debris damaged two houses"
        node = node.head
        if _averts(node) or node.lemma_.lower() in _CHECKING:
            return True
    return False


def _grass_fire(token) -> bool:
    """"two dry grass fires", "the wreckage has set grass on fire": vegetation burning in the
    open (the fire's own words, or its verb's)."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    return any(t.lemma_.lower() in _VEGETATION for t in token.subtree) or any(
        t.lemma_.lower() in _VEGETATION for c in verb.children if c.i != token.i
        for t in c.subtree)


def _the_fire_again(token) -> bool:
    """"The fires were quickly put out", "fires caused by wreckage extinguished" after grass or
    forest fires: a fire that names no other place it burned is the fire told before (not "a
    fire at a warehouse")."""
    return not any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() not in
                                            _VEGETATION for g in c.children)
                   for c in token.children)


def _report_harm(sent, grass_burned: bool = False) -> bool:
    """The sentence tells harm done that it does not deny or call unknown: a word of harm (not
    debris by itself, not "fire" in "mobile fire groups" or "fired 36 drones", nor grass or
    forest burning or, where they burned (``grass_burned``), "the fires" told again), a verb of
    a hit on something other than a weapon or target (not "struck at Kyiv region", which tells
    where the drones were sent), a thing attacked, debris that fell on a thing, a power cut."""
    weapon_tokens = {i for w in weapon_spans_in(sent) for i in range(w.start, w.end)}
    unknown = unreported_harm(sent)
    # "The Kyiv region was attacked by enemy drones, casualties and damage to critical
    # infrastructure were avoided": nouns of harm in a sentence that tells harm averted
    averted = any(_averts(t) for t in sent_tokens(sent))
    for token in sent_tokens(sent):
        lemma = token.lemma_.lower()
        if denied(token) or lemma in unknown or _not_told_done(token) or \
                averted and token.pos_ == "NOUN":
            continue
        if lemma in PLACE_HARM and lemma not in _DEBRIS and token.dep_ != "compound" and \
                not (lemma == "fire" and (token.pos_ == "VERB" or _grass_fire(token) or
                                          grass_burned and _the_fire_again(token))) or \
                lemma in OUTAGE_WORDS or lemma in _FIRE_FROM_AFAR or _fell_on(token):
            return True
        if token.pos_ != "VERB" or not (lemma in _HIT_VERBS or struck_object(token)):
            continue
        if any(c.dep_ == "nsubj" and c.i in weapon_tokens for c in token.children):
            return True  # "12 drones struck targets in the Kharkiv region"
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(_weapon_or_target(o, weapon_tokens) for o in objects) and \
                not any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children):
            return True
    return False


def all_downed_report(attacks: list[Attack], sents, published: date | None, counts=(),
                      skip=frozenset()) -> bool:
    """The report tells weapons brought down and no harm done anywhere, and none of its
    ``attacks`` has a figure above zero (``attacks.all-downed-report``). Harm told of an earlier
    time is background, not the report's news: a sentence dated two days or more before the
    publication ("… including Kyiv on Oct. 17, where their attack killed five people" in a
    report of Oct. 23) or told of a period ("In recent weeks, drones have struck the Russian
    capital's financial district"), and an attack dated so. Where the report's ``counts`` (of
    its places and its wave) launched more of a kind than they count brought down ("20 Shahed
    drones … 17 of them were shot down"), not all were ("all of them were shot down" counts
    none)."""
    news = [a for a in attacks if not _earlier(a.date, published)]
    return bool(attacks) and not any(a.killed or a.injured for a in news) and \
        not _some_got_through(list(counts) + [c for a in attacks for c in a.counts]) and \
        tells_shoot_down_only(sents, published, skip)


def tells_shoot_down_only(sents, published: date | None, skip=frozenset()) -> bool:
    """The report tells weapons brought down, and no sentence of it (but those ``skip`` names
    by their first token: lines that link another story, "See more: Tree fell in … Park")
    tells harm done that is its news (``attacks.all-downed-report``)."""
    if not any((downed(s) or _destroys_weapons(s)) and _names_weapons(s) or
               _defence_at_work(s) for s in sents):
        return False
    grass_burned = any(t.lemma_.lower() == "fire" and t.pos_ != "VERB" and _grass_fire(t)
                       for s in sents for t in sent_tokens(s))
    return not any(_report_harm(s, grass_burned) and not _background(s, published)
                   for s in sents if s.start not in skip) and \
        bool(rule("attacks.all-downed-report"))


def _defence_at_work(sent) -> bool:
    """"Air defense forces were at work", "air defence systems went into action", "Air defenses
    were activated": the defence fought an attack from the air."""
    text = span_text(sent).lower()
    return _AIR_DEFENCE.search(text) is not None


def _destroys_weapons(sent) -> bool:
    """"The forces … spotted and destroyed more than a dozen Russian UAVs": a verb of
    destroying whose object is a weapon, and no other weapon of the sentence attacks (not
    "… how many drones were destroyed, but reported four drones attacking Vilniansk")."""
    spans = weapon_spans_in(sent)
    destroyed: set[int] = set()
    for token in sent_tokens(sent):
        if token.lemma_.lower() == "destroy":
            destroyed.update(t.i for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                             for t in c.subtree)
    return any(w.start in destroyed for w in spans) and not any(
        _attacking(sent.doc[w.end - 1]) for w in spans if w.start not in destroyed)


def _attacking(noun) -> bool:
    """The weapon attacks: the subject of a verb of attack, or described by one ("four drones
    attacking Vilniansk")."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in _ATTACK_VERBS or \
        any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _ATTACK_VERBS
            for c in noun.children)


def _some_got_through(counts) -> bool:
    """More of a kind launched than the counts bring down (none brought down counts none)."""
    launched: dict[str, int] = {}
    downed: dict[str, int] = {}
    for count in counts:
        tally = launched if count.qualifier == "launched" else \
            downed if count.qualifier == "shot down" else None
        if tally is not None:
            tally[count.weapon.kind] = max(tally.get(count.weapon.kind, 0), count.quantity)
    return any(kind in downed and n > downed[kind] for kind, n in launched.items())


def _names_weapons(sent) -> bool:
    """The sentence tells weapons brought down, not ground fighting or a fire: it names a weapon
    or a target, or its verb shoots down ("Both were shot down"), not only repels ("Three
    attacks were repelled" near villages) or burns down ("a barn burned down")."""
    return bool(weapon_spans_in(sent)) or \
        any(t.lemma_.lower() in TARGET_NOUNS for t in sent_tokens(sent)) or \
        any(_shoots_down(t) for t in sent_tokens(sent))


def _shoots_down(token) -> bool:
    """"shot down", "intercepted"; not "burned down", "repelled"."""
    lemma = token.lemma_.lower()
    if token.dep_ == "prt":
        return token.head.lemma_.lower() in _DOWNING_VERBS
    return lemma in _INTERCEPTION and lemma not in _REPELLING


def _earlier(when: date | None, published: date | None) -> bool:
    """Two days or more before the publication."""
    return when is not None and published is not None and (published - when).days >= 2


def _background(sent, published: date | None) -> bool:
    """The sentence tells a period, an earlier day, a reminder or a recap of earlier news."""
    text = span_text(sent)
    return any(phrase in text.lower() for phrase in _PERIOD_PHRASES) or \
        _earlier(resolve_date(text, published), published) or opens_reminder(sent) or \
        _RECAP.match(text.lstrip()) is not None
