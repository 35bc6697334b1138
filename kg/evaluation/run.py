"""``kg evaluate``: the pipeline scored on a gold folder, with the gazetteer deciding names."""

from __future__ import annotations

import re
from pathlib import Path

from kg.evaluation import evaluate, format_report, report_to_json


class GazetteerNames:
    """The ``Names`` protocol over the bundled gazetteer: its spelling variants decide which
    names match (Kiev = Kyiv), its resolver and verified actors give the right QIDs."""

    def __init__(self, gazetteer=None):
        from kg.link.gazetteer import load_gazetteer

        self.gazetteer = gazetteer or load_gazetteer()

    def same(self, a: str, b: str) -> bool:
        from kg.evaluation.names import fold_name

        return fold_name(a) == fold_name(b) or self.gazetteer.same_place(a, b) or \
            _person_key(a) == _person_key(b) is not None or \
            _organization(a) == _organization(b) is not None or \
            same_organization_words(a, b) or self._one_typo(a, b) or \
            self._transliterated(a, b)

    def _one_typo(self, a: str, b: str) -> bool:
        """A source typo of a place name (GOLD.md: "Kharikv" is Kharkiv): one letter added,
        dropped, changed or two swapped, in a name of six letters or more, where the two are
        not both names of places the gazetteer tells apart (Pokrovsk, Pokrovske)."""
        from kg.evaluation.names import fold_name
        from kg.link.names import one_edit_apart

        fa, fb = fold_name(a), fold_name(b)
        if min(len(fa), len(fb)) < 6 or fa[0] != fb[0] or not one_edit_apart(fa, fb):
            return False
        return not (self.gazetteer.candidates(a) and self.gazetteer.candidates(b))

    def _transliterated(self, a: str, b: str) -> bool:
        """Two romanizations of a name the gazetteer does not know (GOLD.md: transliteration
        variants are one place): "Vasilyv Khutyr" is "Vasyliv Khutir". Their consonants agree
        (``skeleton``), five or more, from the same first letter, and the gazetteer does not
        hold both as places it tells apart (Raihorodok, Raihorodka)."""
        from kg.evaluation.names import fold_name
        from kg.extract.name_skeletons import skeleton

        fa, fb = fold_name(a), fold_name(b)
        if not fa or not fb or fa[0] != fb[0] or len(fa.split()) != len(fb.split()):
            return False
        key = skeleton(fa)
        if len(key) < 5 or key != skeleton(fb):
            return False
        return not (self.gazetteer.candidates(a) and self.gazetteer.candidates(b))

    def qid(self, name: str, kind: str | None, country: str | None = None) -> str | None:
        if kind in ("person", "organization") or kind is None:
            actor = self.gazetteer.actor(name)
            if actor is not None and (kind is None or actor.kind == kind):
                return actor.qid
            if kind is not None:
                return None
        from kg.link.places import resolve

        words = name.lower().split()
        if words and words[-1] in ("raion", "district", "rayon"):
            kind = "raion"  # gold writes raions as regions: "Kharkiv Raion"
        actor = self.gazetteer.actor(country) if country else None
        within = actor.place if actor is not None and actor.kind == "country" else None
        place = resolve(name, kind=kind, gazetteer=self.gazetteer, within=within)
        if place is None or (kind == "raion" and place.kind not in ("raion", "district")):
            return None
        if country and not any(node.kind == "country" and self.same(node.label, country)
                               for node in place.chain()):
            return None  # a Russian town the gazetteer only knows as a Ukrainian namesake
        return place.qid


#: Words that make a name an organization's: only such names are matched by their words.
_ORG_HEADS = frozenset({"force", "forces", "administration", "command", "ministry", "service",
                        "staff", "police", "office", "council", "agency", "army", "guard",
                        "department", "committee", "prosecutor's", "navy", "headquarters"})
_ORG_FILLER = frozenset({"the", "of", "for", "and", "ukraine", "ukraine's", "ukrainian",
                         "russia", "russia's", "russian", "state", "national"})


def same_organization_words(a: str, b: str) -> bool:
    """GOLD.md matches organization speakers by their name's words: "the Air Force" and
    "Ukrainian Air Force" are one speaker; "Regional Military Administration" and "Kharkiv
    Regional Military Administration" too. The shorter name's words (beyond country words and
    fillers) must all stand in the longer one and include an organization's head word. Words the
    people lexicon holds for one another in organizations' names are one word ("Sumy Oblast
    Military Administration" is the "Sumy Regional Military Administration").

    >>> same_organization_words("the Air Force", "Ukrainian Air Force")
    True
    >>> same_organization_words("Air Force", "Ministry of Defence")
    False
    >>> same_organization_words("Sumy Oblast Police", "Sumy Regional Police")
    True
    >>> same_organization_words("Prosecutor General's Office",
    ...                         "Office of the Prosecutor General of Ukraine")
    True
    >>> same_organization_words("Polish Armed Forces’ Operational Command",
    ...                         "Operational Command of the Polish Armed Forces")
    True
    """
    from kg.extract.people_rules import fold, lexicon

    synonyms = lexicon().org_synonyms
    wa = {synonyms.get(w, w) for w in _org_words(fold(a)) if w not in _ORG_FILLER}
    wb = {synonyms.get(w, w) for w in _org_words(fold(b)) if w not in _ORG_FILLER}
    small, large = sorted((wa, wb), key=len)
    return bool(small) and small <= large and bool(small & _ORG_HEADS)


def _org_words(name: str) -> list[str]:
    """An organization's name word by word, a possessive read as its word ("General's" is
    "general", a plural's "Forces’" is "forces").

    >>> _org_words("Polish Armed Forces’ Operational Command")
    ['polish', 'armed', 'forces', 'operational', 'command']
    """
    return [re.sub(r"['’]s$|(?<=s)['’]$", "", w) for w in name.lower().split()]


def _person_key(name: str) -> tuple[str, str] | None:
    """A person's name with the given-name spelling the people lexicon knows it by (Serhiy =
    Serhii, Oleksiy = Oleksii) and the surname's: two spellings of one person share it."""
    from kg.extract.people_rules import fold, lexicon

    words = name.split()
    if len(words) != 2:
        return None
    lex = lexicon()
    given = lex.given.get(words[0])
    if given is None:
        return None
    surname = fold(words[1])
    return fold(given), lex.surnames.get(surname, surname)


def _organization(name: str) -> str | None:
    """The name the people lexicon gives an organization known by this alias ("State
    Emergency Service" → "State Emergency Service of Ukraine")."""
    from kg.extract.people_rules import fold, lexicon

    known = lexicon().orgs.get(fold(name).removeprefix("the "))
    return known[0] if known else None


def run_evaluation(gold: str | Path, *, model: str | None = None):
    """The report for one gold folder (ingesting its articles into a fresh in-memory store)."""
    from kg.ingest import ingest_articles
    from kg.store import GraphStore

    store = GraphStore()
    return evaluate(gold, ingest=lambda _raw, articles: ingest_articles(store, articles,
                                                                          model=model),
                    names=GazetteerNames(), store=store.raw)


def evaluate_folder(gold: str | Path, *, model: str | None = None, as_json: bool = False) -> str:
    from kg.evaluation.fusion import (evaluate_fusion, format_fusion, fusion_to_json,
                                      is_fusion_folder)

    if is_fusion_folder(gold):  # reports of the same events → incidents (docs/fusion-gold.md)
        fused = evaluate_fusion(gold, model=model)
        return fusion_to_json(fused) if as_json else format_fusion(fused)
    report = run_evaluation(gold, model=model)
    return report_to_json(report) if as_json else format_report(report)
