"""The main clauses of a report's lead, and the attacks it tells of its own day: shared by the
readings of reports whose news is not a strike but what came after one (a funeral,
``commemoration_report``; a repair or an evacuation, ``aftermath_report``).

Such a report tells its own news in the main clause of its headline or lead ("Hundreds grieve
for …", "Power engineers bring heating back in Mykolaiv after drone attack") and the strike
only in what qualifies it ("killed in …", "after …"); a sentence whose main clause tells a
strike ("Russian drone hits apartment building in Odesa region, 58 people evacuated") is the
strike's news.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.extract.attack_sentences import SAYING_VERBS
from kg.extract.doc_text import sent_tokens
from kg.extract.lexicon import cues
from kg.extract.quote_marks import doc_quotes
from kg.records import Attack

STRIKE_LEMMAS = frozenset(cues()["attack_verbs"])
_OUTAGE_LEMMAS = frozenset({"cut", "knock"})  # "cuts power to", "knocked out power"
# the report's own day, as a funeral or repair report tells a fresh strike beside the recalled
# one; narrower than the offset-0 phrases of ``temporal`` in cues.json, whose "in the early
# hours" and "at dawn" mostly come with another day in such reports ("in the early hours of
# Friday")
_TODAY = frozenset({"overnight", "today", "tonight"})
_PERIODS = ("this morning", "last night", "earlier today", "this evening", "this afternoon")


def main_clause_heads(sent) -> list:
    """The heads of ``sent``'s main clause: its root, the root's conjuncts and what the root
    reports ("people were detained at a memorial …, media reported"), the verb of a headline
    that has none of its own ("Tears, anger as Ukrainians mourn victims"), and what a head
    helps, agrees, plans or is ready to do, or is done for ("Warsaw to help restore houses
    damaged in missile attack", "Sumy gets ready to bury victims")."""
    roots = [t for t in sent_tokens(sent) if t.dep_ == "ROOT"]
    heads = roots + [c for r in roots for c in r.children if c.dep_ in ("conj", "ccomp")]
    # "Russia's Kursk region hit by a drone attack, its governor says": a headline's
    # report, which the parser hangs loose from the verb of saying, is its main clause too
    heads += [v for r in roots if r.lemma_.lower() in SAYING_VERBS for c in r.children
              if c.dep_ in ("dep", "nsubj") and c.pos_ in ("NOUN", "PROPN")
              for v in c.children if v.dep_ == "acl" and v.tag_ == "VBN"]
    # a headline with no verb of its own tells its news in the clause it qualifies: "Tears,
    # anger as Ukrainians mourn victims of Russian theatre strike"
    heads += [c for h in heads if h.pos_ not in ("VERB", "AUX") for c in h.children
              if c.dep_ in ("advcl", "acl", "relcl") and c.pos_ == "VERB"]
    # and a verb tells what it helps, agrees, plans or is ready to do ("U-LEAD helps restore
    # windows", "Sumy gets ready to bury victims"), and what it is done for ("people made their
    # way to the ruins to honour those killed")
    todo = list(heads)
    while todo:  # "were seen making their way … to honour": what is done, and what for
        done = [c for h in todo for a in (h, *_complements(h)) for c in a.children
                if c.pos_ == "VERB" and (c.dep_ == "xcomp" or _to_do(c)) and c not in heads]
        heads += done
        todo = done
    return heads


def _complements(head) -> list:
    """The adjectives that complete ``head`` ("gets ready", "is set")."""
    return [c for c in head.children if c.dep_ == "acomp"]


def _to_do(clause) -> bool:
    """``clause`` is an adverbial clause of purpose: "to honour those killed"."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _tells_outage(sent, heads) -> bool:
    """``sent`` tells harm as an outage: "thousands of high-rises left without heating after
    Russian strikes" (however "left" is parsed), "Russian shelling cuts power to 70% of Kherson"
    are the strike's news, as a strike verb is."""
    if any(h.lemma_.lower() in _OUTAGE_LEMMAS for h in heads):
        return True
    tokens = sent_tokens(sent)
    return any(t.lemma_.lower() == "leave" and n.lower_ == "without"
               for t, n in zip(tokens, tokens[1:]))


def lead_tells(lead: Iterable, tells: Callable) -> bool:
    """A sentence of ``lead`` has a main-clause head, outside quotation marks, of which
    ``tells`` holds, and neither it nor a sentence before it tells a strike in its main clause:
    not a speaker's words ("“I grieve with all the relatives of the victims”"), not "Russian
    drone hits apartment building …, 58 people evacuated", not "Russian drones strike Ukrainian
    power facilities overnight" above "Electricity supplies have already been restored", nor
    "Mayor says thousands of Kyiv high-rises left without heating after Russian strikes", nor
    "Governor: Russian shelling cuts power to 70% of Kherson" above "Emergency repairs are under
    way"."""
    lead = list(lead)
    quoted = [(q.open, q.close) for q in doc_quotes(lead[0].doc)] if lead else []
    for sent in lead:
        heads = main_clause_heads(sent)  # a strike told in quoted words is told all the same
        if any(h.lemma_.lower() in STRIKE_LEMMAS for h in heads) or _tells_outage(sent, heads):
            return False
        if any(tells(h) and not any(o < h.idx < c for o, c in quoted) for h in heads):
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
