"""Places told only as where weapons were aimed, in a report of weapons brought down: "The drones
were aimed at Zaporizhzhia and Dnipropetrovsk regions" above "destroyed 14 drones", or "a drone
attack aimed at the capital Kyiv" above "air defenses destroyed all the drones that had been
directed at the capital" (GOLD.md: no entry for places where drones were only shot down or
intercepted). Where the report tells harm there (a figure, damage, debris), the place stays."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.attack_sentences import HARM_WORDS, lemmas_of, told_downed
from kg.extract.doc_text import span_root, span_text
from kg.extract.lexicon import cues
from kg.extract.place_roles import first_conjunct, phrase_head
from kg.extract.rules import rule
from kg.records import Attack

#: the verbs that tell where a weapon was sent, not what it did there
AIM_VERBS = frozenset(cues()["aim_verbs"])
#: the nouns that name a place as where weapons were sent: "the main targets were Odesa and …"
TARGET_NOUNS = frozenset(cues()["target_nouns"])
#: what a sentence says a place suffered; not what a shoot-down says of the weapons ("air
#: defences destroyed all the drones", "debris fell in a field")
PLACE_HARM = HARM_WORDS - {"destroy", "fall", "crash", "shell", "bomb"}


def aimed_only(doc, mentions) -> bool:
    """Every mention (of one place, in one sentence) is where weapons were aimed: the object of
    "aimed at" / "directed at" / "heading for", or of "targeted", or named the target ("The
    principal targets of the assault were Khmelnytskyi and Odesa", "Kyiv was the main target")."""
    if not mentions:
        return False
    for mention in mentions:
        node = phrase_head(first_conjunct(span_root(doc, mention.start, mention.end)))
        while node.dep_ in ("nmod", "compound", "appos") and node.head.i != node.i:
            node = first_conjunct(node.head)  # "at Zaporizhzhia and Dnipropetrovsk regions",
            # "at the capital Kyiv"
        verb = node.head
        if named_target(node):
            continue
        if node.dep_ == "pobj" and (verb.lower_ in ("at", "for", "toward", "towards") or
                                    verb.lower_ == "to" and verb.head.lemma_.lower() == "head"):
            verb = verb.head  # "aimed at Kyiv", "heading to Kyiv"
        elif node.dep_ != "dobj":
            return False
        if verb.lemma_.lower() not in AIM_VERBS:
            return False
    return True


def named_target(node) -> bool:
    """``node`` is what a copula names a target: the complement of "the targets were", or the
    subject of "was the main target"; or what "as the main targets" follows."""
    if any(c.dep_ == "prep" and c.lower_ == "as" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in TARGET_NOUNS for g in c.children)
           for c in node.children):
        return bool(rule("places.named-target"))  # "with the Lviv, Ternopil and Kharkiv
        # regions as the main targets"
    if node.dep_ not in ("attr", "nsubj") or node.head.lemma_.lower() != "be":
        return False
    other = "nsubj" if node.dep_ == "attr" else "attr"
    return any(c.dep_ == other and c.lemma_.lower() in TARGET_NOUNS for c in node.head.children) \
        and bool(rule("places.named-target"))


def drop_aimed_only(attacks: list[Attack], aimed: dict, sents) -> list[Attack]:
    """The attacks without the places told only as aimed at (``aimed``: place id → the indexes
    of the sentences that read it struck, all only as aimed at; None where one read it
    otherwise), where a sentence there or within the next three tells weapons brought down
    and no sentence of the place (its evidence, or one that names it) tells harm."""
    if not any(aimed.values()):
        return attacks
    kept = []
    for attack in attacks:
        told = aimed.get(attack.place.id)
        if told and not attack.killed and not attack.injured and (any(
                told_downed(s) for s in sents[told[-1]:told[-1] + 4]) or any(
                told_downed(s) and _names(attack, s)
                for s in sents[max(0, told[0] - 2):told[0]])) and not any(
                _tells_harm(s, denials=True) for s in _sentences_of(attack, sents)) and \
                rule("places.aimed-only"):
            continue  # not "in Zaporizhzhia, … Russian drones struck industrial facilities …,
            # sparking fires": harm told there, though not read as the place struck
        kept.append(attack)
    return kept


def only_denies_harm(sent, figures) -> bool:
    """The sentence tells only zeros and harm denied ("there were no victims or damage in the
    city")."""
    return bool(figures) and all(f.value == 0 for f in figures) and \
        not _tells_harm(sent, denials=True)


def _tells_harm(sent, denials: bool = False) -> bool:
    """A word of harm in the sentence; "fired" as a verb launches ("Russia fired 48 missiles
    and 476 drones"), the noun "fire" burns. With ``denials``, harm said not to be is none."""
    found = lemmas_of(sent) & PLACE_HARM
    if not found:
        return False
    told = [t for t in sent if t.lemma_.lower() in found and not (denials and _denied(t))]
    if {t.lemma_.lower() for t in told} == {"fire"}:
        return any(t.pos_ != "VERB" for t in told)
    return bool(told)


def _denied(token) -> bool:
    """"there were no victims or damage in the city", "without damage": harm said not to be."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return (any(c.lower_ in ("no", "without") for c in token.children) or
            token.head.lower_ == "without") and bool(rule("places.harm-denied"))


def _names(attack: Attack, sent) -> bool:
    """The sentence names the place ("drones that were heading towards Kyiv itself"), not as
    part of a region's name or a possessive ("the Kyiv region", "Kyiv's mayor")."""
    return bool(_name_alone(attack.place.label).search(span_text(sent)))


@lru_cache(maxsize=1024)
def _name_alone(label: str) -> re.Pattern:
    """The place's name, not followed by a possessive or a region word (made once a name:
    every attack asks it of every sentence)."""
    return re.compile(r"\b%s\b(?!['’]s| (?:[Rr]egion|[Oo]blast|[Dd]istrict|[Rr]aion)\b)"
                      % re.escape(label))


def _sentences_of(attack: Attack, sents) -> list:
    """The sentences that are the attack's evidence or name its place; not one read as the
    attack's only because it goes on about the defence ("Anti-aircraft missile units as well
    as mobile fire groups took part in the effort"), which tells no harm at the place."""
    told = {e.start for e in attack.evidence if _OF_THE_PLACE & set(e.rules)}
    return [s for s in sents if _names(attack, s) or s.start_char in told
            and not _about_the_defence(span_text(s).lower())]


_DEFENCE = tuple(cues()["air_defence_modifiers"])
#: the evidence that tells of the place itself, not of the report's attack at large
_OF_THE_PLACE = frozenset({"places.struck", "casualties.figure", "attacks.back-reference"})


def _about_the_defence(text: str) -> bool:
    return any(word in text for word in _DEFENCE)


#: the rules that read a place from the word "capital" alone, not from its name
_CAPITAL_RULES = frozenset({"attacks.capital", "attacks.capital-named-by-word"})


def drop_capital_only_downed(attacks: list[Attack], sents) -> list[Attack]:
    """"The tenth air attack on the capital in 19 days of May!", "the ruscists have once again
    sent Shahed munitions at the capital" in a report that every drone was brought down: a
    capital read only from the word "capital", whose sentences tell no harm and no victims, in
    a report that tells weapons brought down, was attacked, not struck (GOLD.md: no entry for
    places where the weapons were only shot down)."""
    if not any(_CAPITAL_RULES & set(e.rules) for a in attacks for e in a.evidence):
        return attacks
    kept = []
    for attack in attacks:
        rules = [set(e.rules) for e in attack.evidence]
        if rules and any(r & _CAPITAL_RULES for r in rules) and \
                not any("places.struck" in r for r in rules) and \
                not attack.killed and not attack.injured and not any(
                    _tells_harm(s) for s in sentences_about(attack, sents, named=False)) \
                and any(told_downed(s) for s in sents) and \
                rule("attacks.capital-only-downed"):
            continue
        kept.append(attack)
    return kept


def sentences_about(attack: Attack, sents, named: bool = True) -> list:
    """The sentences that overlap the attack's evidence and, with ``named``, those that name
    its place."""
    return [s for s in sents if named and _tells_of(attack, s) or any(
        s.start_char < e.end and e.start < s.end_char for e in attack.evidence)]


def _tells_of(attack: Attack, sent) -> bool:
    """The sentence names the attack's place, not only a region named after it ("fires in
    three districts of the Kyiv region" does not tell of Kyiv)."""
    return attack.place.label in span_text(sent) and (
        _names(attack, sent) or not rule("places.region-is-not-its-city"))
