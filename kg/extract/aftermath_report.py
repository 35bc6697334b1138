"""Reports of a strike's aftermath: "In Kherson, all houses are hooked up to water supply again
after recent shelling", "Power engineers bring heating back in Ukrainian city of Mykolaiv after
drone attack", "Kharkiv Oblast administration orders partial compulsory evacuation of
Kupiansk".

Supply restored, a repair done or people evacuated is the news of such a report; the strike
that made them needed was told as news when it happened (GOLD.md: earlier separate attacks are
no entries). Its lead tells the repair or the evacuation in its main clause and the strike only
in what qualifies it ("after …", "because of …"). So where a lead sentence does, the report's
attacks are its news only where their sentence tells a strike of the report's own day
(``lead_clauses.told_today``), as in a report of a funeral (``commemoration_report``).
"""

from __future__ import annotations

from kg.extract.lead_clauses import lead_tells
from kg.extract.lexicon import cues

# the verbs and nouns of a repair ("restore", "rebuild", "restoration"), and of supply brought
# back, an evacuation or a payment ("reconnect", "evacuate", "evacuation", "compensation")
_VERBS = cues()["repair_verbs"] | cues()["aftermath_verbs"]
_NOUNS = cues()["repair_nouns"] | cues()["aftermath_nouns"]


def _tells_aftermath(head) -> bool:
    """``head`` (a main-clause verb) tells supply restored, a repair or an evacuation: one of
    those verbs ("restored", "hooked up", "evacuated"), "bring … back", or such a noun as its
    subject or object, or what that is of ("evacuation ordered", "orders partial compulsory
    evacuation", "works on repair of water supply … to end in few days")."""
    lemma = head.lemma_.lower()
    if lemma in _VERBS:
        return True
    if lemma == "bring" and any(c.lower_ == "back" for c in head.subtree):
        return True  # "brought heat supply back", "bring heating back"
    nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if head.pos_ in ("NOUN", "PROPN"):
        nouns.append(head)  # a headline with no verb: "Works on repair of water supply …"
    nouns += [o for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ in ("on", "of")
              for o in p.children if o.dep_ == "pobj"]  # "works on repair of water supply"
    return any(n.lemma_.lower() in _NOUNS for n in nouns)


def tells_aftermath(lead) -> bool:
    """One of the ``lead`` sentences tells a repair or an evacuation in its main clause."""
    return lead_tells(lead, _tells_aftermath)
