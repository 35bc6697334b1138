"""Extraction as spaCy components: each reads the parsed ``Doc`` and writes what it found on it.

The trained model parses (in parts, for a long article); then these components run, in order, on
the whole article's ``Doc``:

=================  ==========================================  ===============================
component          writes                                      reads
=================  ==========================================  ===============================
``sg_people``      ``doc._.sg_people``, spans ``sg_people``    names, titles, organizations
``sg_places``      ``doc._.sg_places``, spans ``sg_places``    the gazetteer and its variants
``sg_weapons``     ``doc._.sg_weapons``, spans ``sg_weapons``  ``kg/data/weapons.jsonl``
``sg_attacks``     ``doc._.sg_attacks``, ``doc._.sg_raids``,   the three above, ``cues.json``
                   spans ``sg_struck``
``sg_statements``  ``doc._.sg_statements``, spans ``sg_quotes``  people, ``roles.jsonl``
=================  ==========================================  ===============================

Each span's ``label_`` says what it is (a place kind, a weapon kind, a speaker's name) and
``kb_id_`` its key (the gazetteer id, the weapon key), so ``displacy.render(doc, style="span",
options={"spans_key": "sg_places"})`` shows what a component read (``kg explain --html``).
The article's published date and the gazetteer reach the components through ``doc._.sg_article``
and the component's ``gazetteer`` (the bundled one unless given).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENTS = ("sg_people", "sg_places", "sg_weapons", "sg_attacks", "sg_statements")
_EXTENSIONS = ("sg_article", "sg_people", "sg_places", "sg_weapons", "sg_attacks",
               "sg_raids", "sg_statements")


def _extensions() -> None:
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _span(doc, start: int, end: int, label: str, kb_id: str = "") -> Span:
    return Span(doc, start, end, label=label, kb_id=kb_id)


def _char_span(doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    """A labelled span over the tokens that cover characters ``start``–``end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None else _span(doc, span.start, span.end, label, kb_id)


class _Component:
    """What every extraction component keeps: its name in the pipeline."""

    def __init__(self, nlp: Language, name: str):
        self.name = name


class _WithGazetteer(_Component):
    """A component that reads the gazetteer: the bundled one (read once per process) unless
    one is set."""

    def __init__(self, nlp: Language, name: str):
        super().__init__(nlp, name)
        self.gazetteer = None

    def places(self):
        if self.gazetteer is not None:
            return self.gazetteer
        from kg.link.gazetteer import load_gazetteer

        return load_gazetteer()


@Language.factory("sg_people")
class PeopleComponent(_Component):
    """Persons and organizations of the article, each mention resolved to its cluster."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.people import find_people

        people = find_people(doc)
        doc._.sg_people = people
        spans = (_char_span(doc, m.start, m.end, cluster.kind, cluster.name)  # char offsets
                 for cluster in people.persons + people.organizations for m in cluster.mentions)
        doc.spans["sg_people"] = [span for span in spans if span is not None]
        return doc


def person_name_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the persons' names and surnames (places never stand there)."""
    people = doc._.sg_people
    return [(m.start, m.end) for c in people.persons for m in c.mentions
            if m.kind in ("name", "surname")]


@Language.factory("sg_places")
class PlacesComponent(_WithGazetteer):
    """Place names, resolved against the gazetteer (spelling variants included)."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.attacks import place_mentions

        mentions = place_mentions(doc, self.places(), person_name_spans(doc))
        doc._.sg_places = mentions
        doc.spans["sg_places"] = [
            _span(doc, m.start, m.end, m.place.kind if m.place else "unresolved",
                  m.place.id if m.place else "") for m in mentions]
        return doc


@Language.factory("sg_weapons")
class WeaponsComponent(_Component):
    """Weapon kinds and models named in the article."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.weapons import weapon_mentions

        weapons = weapon_mentions(doc)
        doc._.sg_weapons = weapons
        doc.spans["sg_weapons"] = [_span(doc, w.start, w.end, w.weapon.kind, w.weapon.key)
                                   for w in weapons]
        return doc


@Language.factory("sg_attacks")
class AttacksComponent(_WithGazetteer):
    """One attack per struck place, with its weapons, counts, casualties, attacker and date."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.attacks import extract_attacks
        from kg.extract.raids import assign_raids

        article = doc._.sg_article
        published = article.published if article else None
        wave = []  # counts said of the whole wave, not of one place
        attacks = extract_attacks(doc, self.places(), published, person_name_spans(doc),
                                  mentions=doc._.sg_places, weapons=doc._.sg_weapons, wave=wave)
        doc._.sg_attacks = attacks
        doc._.sg_raids = assign_raids(doc, attacks, wave, self.places(), published)
        struck = {a.place.id for a in attacks}
        doc.spans["sg_struck"] = [span for span in doc.spans["sg_places"]
                                  if span.kb_id_ in struck]
        return doc


@Language.factory("sg_statements")
class StatementsComponent(_Component):
    """Direct quotes with their speakers."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.quotes import extract_statements

        statements = extract_statements(doc, doc._.sg_people)
        doc._.sg_statements = statements
        spans = (_char_span(doc, s.start, s.start + len(s.quote), s.speaker.name)
                 for s in statements)
        doc.spans["sg_quotes"] = [span for span in spans if span is not None]
        return doc


@lru_cache(maxsize=1)
def extraction_pipeline() -> Language:
    """A blank ``Language`` holding the extraction components, in order. The components never
    tokenize (they read the docs the trained model parsed), so the holder is the multi-language
    one with a bare tokenizer: the language's own loads some two hundred exceptions into a new
    tokenizer, most of the holder's start-up, and none is ever used."""
    from spacy.lang.xx import MultiLanguage
    from spacy.tokenizer import Tokenizer

    _extensions()
    nlp = MultiLanguage(create_tokenizer=lambda holder: Tokenizer(holder.vocab))
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def run_extraction(doc: Doc, article=None, gazetteer=None) -> Doc:
    """Every extraction component applied to a parsed ``doc`` of ``article``."""
    from kg.extract.doc_text import know_text, release
    from kg.nlp.pipeline import reading_text

    nlp = extraction_pipeline()
    for name in ("sg_places", "sg_attacks"):
        nlp.get_pipe(name).gazetteer = gazetteer  # None: the bundled one
    doc._.sg_article = article
    release(doc)  # facts kept from an earlier run, or from rules read outside the pipeline
    if article is not None:
        know_text(doc, reading_text(article.text))
    try:
        for _, component in nlp.pipeline:
            doc = component(doc)
    finally:
        release(doc)
    return doc
