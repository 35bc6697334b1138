"""Reports of a commemoration: "Relatives lay to rest children killed in Russia's Friday missile
attack", "Hundreds grieve for mother and daughters killed in Russian strike on Lviv", "Chernihiv
honours memory of those killed in rocket attack on drama theater".

A funeral, a memorial service or people's grief is the news of such a report; the strike that
killed those mourned was told as news when it happened (GOLD.md: earlier separate attacks are no
entries). Its lead tells the commemoration in its main clause, and the strike only in what
qualifies the mourned ("killed in …", "victims of …"). So where a lead sentence does, the
report's attacks are its news only where their sentence tells a strike of the report's own day
("overnight", "this morning", "today"): "Meanwhile, a drone hit Kherson overnight".

A day of mourning declared is not a commemoration of this kind: it is declared the day after a
strike, in the strike's own report ("Kryvyi Rih declares day of mourning after missile strike").
"""

from __future__ import annotations

from kg.extract.lead_clauses import lead_tells
from kg.extract.lexicon import cues

_VERBS = frozenset(cues()["commemoration_verbs"])  # "grieve", "mourn", "bury", "honour"
_NOUNS = frozenset(cues()["commemoration_nouns"])  # "funeral", "memorial", "vigil", "tribute"


def _laid_to_rest(root, child) -> bool:
    """``child`` of "lay" is "to rest", however parsed: "rest" as the verb of a clause, or the
    word after "to" ("lay to rest children killed …"); not "power restored to the rest"."""
    doc = root.doc
    if child.lower_ == "rest":
        return True
    return child.lower_ == "to" and child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "rest"


def _commemorates(root) -> bool:
    """``root`` (a main-clause verb or a headline's head noun) tells a commemoration: a verb of
    mourning ("grieve", "laid to rest": a "rest" it is laid to), or a funeral, a memorial or a
    tribute as what the clause is of ("funeral services were held", "wept beside coffins",
    "paid tribute"); not a day of mourning ("declared a day of mourning")."""
    if root.lemma_.lower() in _VERBS or root.lower_ in _NOUNS:
        return True
    if root.lemma_.lower() == "lay" and any(_laid_to_rest(root, c) for c in root.children):
        return True
    for child in root.children:
        nouns = [child] if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else \
            [c for c in child.children if c.dep_ == "pobj"] \
            if child.dep_ == "prep" and child.lower_ != "of" else []  # not "said of a grave"
        nouns += [c for n in nouns for c in n.children if c.dep_ == "compound"]  # not "grave"
        if any(n.lemma_.lower() in _NOUNS or n.lower_ in _NOUNS for n in nouns):
            return True  # "funeral services took place", "a memorial service was held"
    return False


def tells_commemoration(lead) -> bool:
    """One of the ``lead`` sentences tells a commemoration in its main clause."""
    return lead_tells(lead, _commemorates)
