"""Ingest: sources → spaCy → extraction → quads → one atomic write per article.

An article whose content hash (text, metadata, extractor version and model) is already stored is
skipped without parsing. Bad inputs are reported and skipped; the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Article, Extraction
from kg.resources import ontology_path
from kg.sources import Rejected, read_sources
from kg.store import GraphStore
from pyoxigraph import NamedNode

from kg.vocab import ID_NS, KG, ONTOLOGY_GRAPH, article_iri

EXTRACTOR_VERSION = "1"
# the hash of the loaded ontology file, so a changed file is reloaded (not an ontology term)
ONTOLOGY_HASH = NamedNode(ID_NS + "meta/ontology-sha256")


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    quads: int = 0
    attacks: int = 0
    statements: int = 0

    @property
    def read(self) -> int:
        return self.added + self.replaced + self.unchanged

    def summary(self) -> str:
        return (f"{self.read} articles read: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged; {self.attacks} attacks, {self.statements} "
                f"statements, {self.quads} quads written; {len(self.rejected)} rejected")


def content_hash(article: Article, model: str) -> str:
    digest = hashlib.sha256()
    for part in (EXTRACTOR_VERSION, model, article.identifier, article.text, article.title or "",
                 article.url or "", article.published.isoformat() if article.published else ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def ensure_ontology(store: GraphStore) -> None:
    """Load ``ontology/strikegraph.ttl`` into its graph when absent or changed."""
    from pyoxigraph import Literal, Quad, RdfFormat, Store

    data = ontology_path().read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stored = store.value(ONTOLOGY_GRAPH, ONTOLOGY_HASH, ONTOLOGY_GRAPH)
    if stored is not None and stored.value == digest:
        return
    scratch = Store()
    scratch.load(data, format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    quads = list(scratch.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
    quads.append(Quad(ONTOLOGY_GRAPH, ONTOLOGY_HASH, Literal(digest), ONTOLOGY_GRAPH))
    store.replace_graph(ONTOLOGY_GRAPH, quads)


def _stored_hash(store: GraphStore, identifier: str) -> str | None:
    iri = article_iri(identifier)
    value = store.value(iri, KG.contentHash, iri)
    return value.value if value is not None else None


def extract_articles(articles: Iterable[Article], model: str) -> Iterator[Extraction]:
    """Parse and extract, in order (one process)."""
    from kg.extract.article import extract
    from kg.link.gazetteer import load_gazetteer
    from kg.nlp.pipeline import load_pipeline, parse

    nlp = load_pipeline(model)
    gazetteer = load_gazetteer()
    batch = list(articles) if not isinstance(articles, list) else articles
    for article, doc in zip(batch, parse(nlp, (a.text for a in batch))):
        yield extract(doc, article, gazetteer)


def write_extraction(store: GraphStore, extraction: Extraction, digest: str | None) -> int:
    from kg.mapping import article_quads

    graph, own, shared = article_quads(extraction, digest)
    store.replace_graph(graph, own, shared)
    return len(own) + len(shared)


def ingest(store: GraphStore, paths: Iterable[str | Path], *, model: str | None = None,
           force: bool = False, on_rejected: Callable[[Rejected], None] | None = None,
           progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
           batch_size: int = 32) -> IngestReport:
    """Read ``paths``, extract, and store each article in its own graph."""
    from kg.nlp.pipeline import DEFAULT_MODEL

    model = model or DEFAULT_MODEL
    report = IngestReport()
    ensure_ontology(store)
    todo: list[tuple[Article, str, bool]] = []

    def flush() -> None:
        if not todo:
            return
        articles = [item[0] for item in todo]
        for (article, digest, existed), extraction in zip(todo, extract_articles(articles, model)):
            report.quads += write_extraction(store, extraction, digest)
            report.attacks += len(extraction.attacks)
            report.statements += len(extraction.statements)
            if existed:
                report.replaced += 1
            else:
                report.added += 1
        todo.clear()

    items = read_sources(paths)
    for item in (progress(items) if progress else items):
        if isinstance(item, Rejected):
            report.rejected.append(item)
            if on_rejected:
                on_rejected(item)
            continue
        digest = content_hash(item, model)
        stored = _stored_hash(store, item.identifier)
        if stored == digest and not force:
            report.unchanged += 1
            continue
        todo.append((item, digest, stored is not None))
        if len(todo) >= batch_size:
            flush()
    flush()
    return report


def ingest_articles(store: GraphStore, articles: Iterable[Article], *,
                    model: str | None = None) -> IngestReport:
    """Ingest records already in memory (the evaluator's path)."""
    from kg.nlp.pipeline import DEFAULT_MODEL

    model = model or DEFAULT_MODEL
    report = IngestReport()
    ensure_ontology(store)
    articles = list(articles)
    for article, extraction in zip(articles, extract_articles(articles, model)):
        report.quads += write_extraction(store, extraction, content_hash(article, model))
        report.added += 1
        report.attacks += len(extraction.attacks)
        report.statements += len(extraction.statements)
    return report
