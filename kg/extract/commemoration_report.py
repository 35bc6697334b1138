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

from kg.extract.doc_text import sent_tokens
from kg.extract.lexicon import cues
from kg.extract.quote_marks import doc_quotes
from kg.records import Attack

_VERBS = frozenset(cues()["commemoration_verbs"])  # "grieve", "mourn", "bury", "honour"
_NOUNS = frozenset(cues()["commemoration_nouns"])  # "funeral", "memorial", "vigil", "tribute"
_STRIKE = frozenset(cues()["attack_verbs"])
_TODAY = frozenset({"overnight", "today", "tonight"})
_PERIODS = ("this morning", "last night", "earlier today", "this evening", "this afternoon")


def _commemorates(root) -> bool:
    """``root`` (a main-clause verb or a headline's head noun) tells a commemoration: a verb of
    mourning ("grieve", "laid to rest": a "rest" it is laid to), or a funeral, a memorial or a
    tribute as what the clause is of ("funeral services were held", "wept beside coffins",
    "paid tribute"); not a day of mourning ("declared a day of mourning")."""
    if root.lemma_.lower() in _STRIKE:
        return False
    if root.lemma_.lower() in _VERBS or root.lower_ in _NOUNS:
        return True
    if root.lemma_.lower() == "lay" and any(  # "laid to rest", not "power restored to the rest"
            c.lower_ == "rest" for p in root.children if p.dep_ in ("prep", "xcomp")
            for c in (p, *p.children)):
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
    """One of the ``lead`` sentences tells a commemoration in its main clause: its root, a
    conjunct of it, or what the root reports ("people were detained at a memorial …, media
    reported")."""
    quoted = [(q.open, q.close) for q in doc_quotes(lead[0].doc)] if lead else []
    for sent in lead:
        roots = [t for t in sent_tokens(sent) if t.dep_ == "ROOT"]
        roots += [c for r in roots for c in r.children if c.dep_ in ("conj", "ccomp")]
        if any(_commemorates(r) and not any(o < r.idx < c for o, c in quoted) for r in roots):
            # not a speaker's words: "“I grieve with all the relatives of the victims”"
            return True
    return False


def told_today(attack: Attack) -> bool:
    """A sentence the attack was read from tells the report's own day: "overnight", "today",
    "this morning"."""
    for evidence in attack.evidence:
        text = evidence.text.lower()
        if any(period in text for period in _PERIODS) or \
                _TODAY & set(text.replace(",", " ").replace(".", " ").split()):
            return True
    return False
