"""Places told only as where weapons were shot down, and the harm told right after: "Air
defences shot down a Ukrainian missile over Russia's Rostov region … \"The debris partially
damaged the roofs of several buildings\"" (GOLD.md: where debris of a downed weapon did harm,
the place was struck)."""

from __future__ import annotations

import re

from kg.extract.attack_sentences import (CASUALTY_WORDS, HARM_WORDS, lemmas_of, told_downed,
                                         weapon_tokens)
from kg.extract.attack_weapons import DEBRIS_WORDS, FALLOUT
from kg.extract.district_places import region_of
from kg.extract.doc_text import sent_tokens, span_text
from kg.extract.official_places import titled_region
from kg.extract.place_roles import ATTACK_NOUNS, in_title_of
from kg.extract.rules import rule
from kg.records import Place

# "this region", "this central region", "that southern oblast"
_THIS_REGION = re.compile(r"\b(?:this|that) (?:[a-z]+(?:ern|al) )?(?:region|oblast)\b",
                          re.IGNORECASE)


def places_downed_over(doc, sent, in_sent) -> list[Place]:
    """The places a sentence tells weapons shot down over ("shot down a Ukrainian missile over
    Russia's Rostov region"), an official's region for his title ("the governor of Bryansk
    wrote that the military had shot down two missiles"); none where it tells no downing."""
    if not told_downed(sent):
        return []
    over = [p for m in in_sent if (p := titled_region(m, doc) if in_title_of(
        doc, m.start, m.end) else m.place) is not None and p.kind in (
            "region", "raion", "settlement")]
    return list({p.id: p for p in over}.values())


def harm_after_downing(sent, index: int, downed, figures, build) -> str | None:
    """How a sentence that names no place tells harm where weapons were shot down a sentence
    or two before (``downed``: the sentence's index, its places, its weapons): "debris", "this
    region", or None. Not where a place of that oblast was already told struck: the harm is
    that place's, told again."""
    told_at, places, _ = downed
    if index - told_at > 2 or any(region_of(build.attacks[pid].place) in map(region_of, places)
                                  for pid in build.order):
        return None
    if _debris_harm(sent, figures) and rule("places.debris-after-downing"):
        return "debris"
    if index - told_at == 1 and len(places) == 1 and places[0].kind == "region" and \
            _harm_of_the_attack(sent) and rule("places.harm-of-the-attack-after-downing"):
        return "this region"  # "The air force brought down 14 drones over the southern region
        # of Mykolaiv, its governor said. Two fires sparked by the attack have since been
        # extinguished": the attack did harm there
    if index - told_at == 1 and _THIS_REGION.search(span_text(sent)) and \
            all(p.kind == "region" for p in places) and rule("places.this-region-downed-over"):
        return "this region"  # "Eight drones were downed over the region of Kherson …
        # Various Russian attacks in this region killed one": the attacks', not the drones'
    return None


def _harm_of_the_attack(sent) -> bool:
    """Harm told as done by "the attack" ("Two fires sparked by the attack", "the attack
    damaged a power line"): its agent or subject is the attack, not a weapon shot down."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() not in ATTACK_NOUNS or token.tag_ != "NN" or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "agent" \
            else token.head if token.dep_ == "nsubj" else None
        if verb is not None and verb.lemma_.lower() in _HARM_VERBS and not any(
                c.dep_ == "neg" or c.dep_ == "dobj" and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                for c in verb.children):
            return True  # not "the attack caused no damage"
    return False


_HARM_VERBS = (HARM_WORDS - CASUALTY_WORDS) | {"spark", "cause", "start", "trigger"}


def _debris_harm(sent, figures) -> bool:
    """The sentence tells debris or a falling weapon harming something or someone ("The debris
    partially damaged the roofs of several buildings", "A sawmill was destroyed as a result of
    one of the missiles falling")."""
    lemmas = lemmas_of(sent)
    if not lemmas & FALLOUT or lemmas & FALLOUT == {"fall"} and not _weapon_falls(sent):
        return False
    return bool(any(f.value for f in figures) or lemmas & (HARM_WORDS - CASUALTY_WORDS))


def _weapon_falls(sent) -> bool:
    """Something of a weapon falls: "one of the missiles falling", "it fell on a house", not
    "as temperatures fell"."""
    weapons = weapon_tokens(sent.doc)
    for token in sent:
        if token.lemma_.lower() != "fall":
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i in weapons or subject.pos_ in ("PRON", "NUM") or \
                subject.lemma_.lower() in DEBRIS_WORDS:
            return True
        if token.dep_ in ("acl", "pcomp", "advcl") and token.head.i in weapons:
            return True
    return not rule("places.no-weapon-falls")
