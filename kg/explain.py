"""Why the graph says something: an attack's or a statement's facts, each evidence sentence they
were read from, and the rules that read it (``kg explain``).

``explain(store, ref)`` takes an attack or statement IRI (or its path after ``id/``, e.g.
``attack/a1/Q1899``), or an article identifier (then every attack and statement of that article).
``spans_html(text)`` parses a text and draws what each extraction component found in it with
displaCy, which makes a wrong rule visible in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Variable

from kg.errors import KgError
from kg.vocab import ID_NS, KG_NS, article_iri

_PREFIXES = f"PREFIX kg: <{KG_NS}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_REPORTED = _PREFIXES + "SELECT ?article ?thing WHERE { ?thing kg:reportedIn ?article } ORDER BY ?thing"
_TYPE = _PREFIXES + "SELECT ?thing ?type WHERE { ?thing a ?type }"
_FACTS = _PREFIXES + """
SELECT ?thing ?p ?o ?label ?quantity ?qualifier WHERE {
  ?thing ?p ?o .
  FILTER(?p NOT IN (kg:evidence, kg:reportedIn, <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>))
  OPTIONAL { ?o rdfs:label ?direct }
  OPTIONAL { ?o kg:weapon/rdfs:label ?weaponLabel ; kg:quantity ?quantity .
             OPTIONAL { ?o kg:countQualifier ?qualifier } }
  BIND(COALESCE(?weaponLabel, ?direct) AS ?label)
} ORDER BY ?p ?o"""
_EVIDENCE = _PREFIXES + """
SELECT ?thing ?start ?end ?text ?rule WHERE {
  ?thing kg:evidence ?ev . ?ev kg:start ?start ; kg:end ?end ; kg:text ?text .
  OPTIONAL { ?ev kg:rule ?rule }
} ORDER BY ?start ?rule"""


class NotInStore(KgError):
    """What ``kg explain`` was asked about is not in the store."""


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    rules: list[str] = field(default_factory=list)


@dataclass
class Explained:
    iri: str
    kind: str  # attack, statement
    facts: list[tuple[str, str]] = field(default_factory=list)  # (property, value)
    evidence: list[Sentence] = field(default_factory=list)


def _subject(ref: str) -> NamedNode:
    if ref.startswith(("http://", "https://")):
        return NamedNode(ref)
    return NamedNode(ID_NS + ref.lstrip("/"))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _one(store, subject: NamedNode) -> Explained | None:
    types = {row["type"].value for row in store.query(_TYPE, {Variable("thing"): subject})}
    kind = next((_local(t).lower() for t in sorted(types) if _local(t) in ("Attack", "Statement")),
                None)
    if kind is None:
        return None
    out = Explained(subject.value, kind)
    for row in store.query(_FACTS, {Variable("thing"): subject}):
        prop, obj = _local(row["p"].value), row["o"]
        if row["quantity"] is not None:
            qualifier = f" {row['qualifier'].value}" if row["qualifier"] is not None else ""
            value = f"{row['quantity'].value} {row['label'].value}{qualifier}"
        elif row["label"] is not None:
            value = row["label"].value
        else:
            value = obj.value
        out.facts.append((prop, value))
    by_span: dict[tuple[int, int], Sentence] = {}
    for row in store.query(_EVIDENCE, {Variable("thing"): subject}):
        key = (int(row["start"].value), int(row["end"].value))
        sentence = by_span.setdefault(key, Sentence(*key, row["text"].value))
        if row["rule"] is not None and row["rule"].value not in sentence.rules:
            sentence.rules.append(row["rule"].value)
    out.evidence = list(by_span.values())
    return out


def explain(store, ref: str) -> list[Explained]:
    """The facts and evidence of the attack or statement ``ref``, or of every attack and statement
    of the article whose identifier is ``ref``."""
    found = _one(store, _subject(ref))
    if found is not None:
        return [found]
    things = [row["thing"] for row in store.query(_REPORTED,
                                                  {Variable("article"): article_iri(ref)})]
    out = [e for e in (_one(store, t) for t in things) if e is not None]
    if not out:
        raise NotInStore(f"no attack, statement or article {ref!r} in the store",
                         hint="kg query articles lists the articles; kg query "
                              "attacks-by-place the attacks")
    return out


def format_explained(items: list[Explained]) -> str:
    """For people: each fact, then each sentence with the rules that read it."""
    from kg.extract.rules import rule_catalogue

    catalogue = rule_catalogue()
    lines = []
    for item in items:
        lines.append(f"{item.kind} {item.iri}")
        for prop, value in item.facts:
            lines.append(f"  {prop:<13} {value}")
        for sentence in item.evidence:
            lines.append(f"  evidence [{sentence.start}-{sentence.end}] {sentence.text!r}")
            for rule_id in sentence.rules:
                known = catalogue.get(rule_id)
                lines.append(f"    rule {rule_id}" + (f": {known.description}" if known else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def spans_page(path, *, model: str | None = None) -> str:
    """``spans_html`` of a ``.txt`` article file, read as ``kg ingest`` reads it."""
    from kg.errors import SourceError
    from kg.sources import Rejected, read_txt

    article = read_txt(path)
    if isinstance(article, Rejected):
        raise SourceError(article.reason, path=article.source)
    return spans_html(article.text, model=model)


def spans_html(text: str, *, model: str | None = None) -> str:
    """A page that shows, over ``text``, every span the extraction components wrote: places
    (resolved or not), weapons, people and quotes, each labelled."""
    from spacy import displacy
    from spacy.tokens import Span

    from kg.extract.pipeline import run_extraction
    from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline, parse
    from kg.records import Article

    nlp = load_pipeline(model or DEFAULT_MODEL)
    doc = run_extraction(next(parse(nlp, [text])), Article(identifier="explain", text=text))
    labelled = {}
    for key, what in (("sg_places", "place"), ("sg_struck", "struck"), ("sg_weapons", "weapon"),
                      ("sg_people", "actor"), ("sg_quotes", "quote")):
        for span in doc.spans[key]:
            detail = " ".join(part for part in (span.label_, span.kb_id_) if part)
            labelled[(span.start, span.end, what)] = f"{what}: {detail}"
    doc.spans["sg_all"] = [Span(doc, start, end, label=label)
                           for (start, end, _), label in sorted(labelled.items())]
    return displacy.render(doc, style="span", page=True, options={"spans_key": "sg_all"})
