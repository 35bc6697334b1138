"""Places attacked where the weapons were brought down and nothing was harmed: "Kyiv region was
once more attacked by enemy drones … The enemy targets were neutralized, and there were no
casualties among the region's inhabitants. Damage to both critical and residential
infrastructure was prevented." The report says the place was attacked, but not struck (GOLD.md:
no entry for places where weapons were only shot down).

A place is dropped only where all of these hold: the report tells weapons brought down and
denies damage; the place's figures are told as zero, and none is above zero; and no sentence
that tells of the place (its evidence, or one naming it) tells harm that it does not deny."""

from __future__ import annotations

from kg.extract.aimed_places import PLACE_HARM, sentences_about
from kg.extract.attack_sentences import denied, lemmas_of, told_downed
from kg.extract.doc_text import sent_tokens, span_text
from kg.extract.lexicon import cues
from kg.extract.rules import rule
from kg.records import Attack

_DENIALS = tuple(cues()["no_damage_phrases"]) + tuple(cues()["harm_denial_phrases"])
_DEBRIS = frozenset(cues()["debris_words"])


def downed(sent) -> bool:
    """Weapons brought down, or "Enemy targets were destroyed" (the air force's word for the
    drones it downed)."""
    return told_downed(sent) or {"target", "destroy"} <= lemmas_of(sent)


#: the words of a power cut a strike caused
OUTAGE_WORDS = frozenset({"power", "electricity", "outage", "blackout"})
#: words of what a strike did beyond the harm words: it hit, struck, cut the power
_STRUCK = frozenset({"hit", "strike", "struck", "land"}) | OUTAGE_WORDS
_ATTACK_VERBS = frozenset(cues()["attack_verbs"])
AREA_NOUNS = frozenset(cues()["region_words"]) | frozenset(cues()["hromada_words"]) | \
    frozenset(cues()["locating_place_nouns"]) | frozenset(cues()["raion_words"]) | {
        "area", "outskirts"}


def struck_object(token) -> bool:
    """"attacked an electrical substation": an attack verb whose object is a thing there, not
    the place itself."""
    return token.lemma_.lower() in _ATTACK_VERBS and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() not in AREA_NOUNS
        for c in token.children)


def _tells_undenied_harm(sent) -> bool:
    """A word of harm, a hit, a struck object or a power cut that the sentence does not deny;
    debris that the sentence says did no harm ("debris fell in a park but caused no fires") is
    none."""
    harmless_debris = any(phrase in span_text(sent).lower() for phrase in _DENIALS)
    return any((t.lemma_.lower() in PLACE_HARM or t.lemma_.lower() in _STRUCK
                or struck_object(t)) and not denied(t) and not (
                    harmless_debris and t.lemma_.lower() in _DEBRIS and
                    rule("attacks.harmless-debris")) for t in sent_tokens(sent))


def drop_unharmed(attacks: list[Attack], sents) -> list[Attack]:
    """The attacks without the places told attacked, all weapons brought down and nothing
    harmed (``attacks.attacked-unharmed``)."""
    zeroed = [a for a in attacks if not a.killed and not a.injured and
              (a.killed == 0 or a.injured == 0)]
    if not zeroed or not any(downed(s) for s in sents) or not any(
            phrase in text for text in (span_text(s).lower() for s in sents)  # lowered once
            for phrase in _DENIALS):
        return attacks
    kept = []
    for attack in attacks:
        if any(attack is z for z in zeroed):
            if not any(_tells_undenied_harm(s) for s in sentences_about(attack, sents)) and \
                    rule("attacks.attacked-unharmed"):
                continue
        kept.append(attack)
    return kept
