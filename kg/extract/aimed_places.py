"""Places told only as where weapons were aimed, in a report of weapons brought down: "The drones
were aimed at Zaporizhzhia and Dnipropetrovsk regions" above "destroyed 14 drones", or "a drone
attack aimed at the capital Kyiv" above "air defenses destroyed all the drones that had been
directed at the capital" (GOLD.md: no entry for places where drones were only shot down or
intercepted). Where the report tells harm there (a figure, damage, debris), the place stays."""

from __future__ import annotations

from kg.extract.attack_sentences import told_downed
from kg.extract.doc_text import span_root, span_text
from kg.extract.place_roles import first_conjunct, phrase_head
from kg.extract.rules import rule
from kg.records import Attack

#: the verbs that tell where a weapon was sent, not what it did there
AIM_VERBS = frozenset({"aim", "direct", "target", "head"})
#: what a sentence says a place suffered (not "destroy": air defences destroy drones)
_HARM = frozenset({"damage", "burn", "collapse", "shatter", "ignite", "explosion", "blast",
                   "debris", "fragment", "wreckage", "fire", "kill", "injure", "wound", "hurt",
                   "die", "dead", "casualty", "injury", "victim"})


def aimed_only(doc, mentions) -> bool:
    """Every mention (of one place, in one sentence) is where weapons were aimed: the object of
    "aimed at" / "directed at" / "heading for", or of "targeted"."""
    if not mentions:
        return False
    for mention in mentions:
        node = phrase_head(first_conjunct(span_root(doc, mention.start, mention.end)))
        while node.dep_ in ("nmod", "compound", "appos") and node.head.i != node.i:
            node = first_conjunct(node.head)  # "at Zaporizhzhia and Dnipropetrovsk regions",
            # "at the capital Kyiv"
        verb = node.head
        if node.dep_ == "pobj" and verb.lower_ in ("at", "for", "toward", "towards"):
            verb = verb.head
        elif node.dep_ != "dobj":
            return False
        if verb.lemma_.lower() not in AIM_VERBS:
            return False
    return True


def drop_aimed_only(attacks: list[Attack], aimed: dict, sents) -> list[Attack]:
    """The attacks without the places told only as aimed at (``aimed``: place id → the indexes
    of the sentences that read it struck, all only as aimed at; None where one read it
    otherwise), where a sentence there or within the next three tells weapons brought down
    and no sentence that names the place tells harm."""
    if not any(aimed.values()):
        return attacks
    kept = []
    for attack in attacks:
        told = aimed.get(attack.place.id)
        if told and not attack.killed and not attack.injured and any(
                told_downed(s) for s in sents[told[-1]:told[-1] + 4]) and not any(
                _told_harm(e.text) for e in attack.evidence) and not any(
                _told_harm(span_text(s)) for s in sents
                if attack.place.label in span_text(s)) and rule("places.aimed-only"):
            continue  # "in Zaporizhzhia, … Russian drones struck industrial facilities …,
            # sparking fires": harm told there, though not read as the place struck
        kept.append(attack)
    return kept


def _told_harm(text: str) -> bool:
    return bool(set(text.lower().replace(",", " ").replace(".", " ").split()) & _HARM_FORMS)


_HARM_FORMS = frozenset(form for word in _HARM for form in (
    word, word + "s", word + "d", word + "ed", word + "es", word.rstrip("e") + "ed",
    word.rstrip("e") + "ing")) | {"killing", "injuring", "wounding", "hurting", "burnt",
                                   "damaging", "caught"}
