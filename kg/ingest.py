"""Ingest: sources → spaCy → extraction → quads → one atomic write per article.

An article whose content hash is already stored is skipped without parsing; a batch of unchanged
articles never imports spaCy. The hash covers the article (text and metadata) and what decides
the extraction (``extractor_fingerprint``): the package version, the rule data and gazetteer
files, the spaCy version and the model's name and version. After an upgrade, or an edit of a rule
file, every article is extracted again. Bad inputs are
reported and skipped; the rest of the batch goes on.

Articles to parse go in batches of ``batch_size``: one ``nlp.pipe`` call, then extraction and
mapping, per batch. With ``workers=N`` (N > 1) the batches go to N worker processes, each loading
the pipeline and the gazetteer once; the parent reads, hashes and writes, always in article
order, so the store ends up exactly as with one process. At most ``2 × workers`` batches are in
flight, so memory does not grow with the number of articles. Workers are started with ``spawn``
(a forked child would share the open store): a script calling ``ingest(…, workers=2)`` must do
so under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path

from kg.errors import KgError
from kg.incidents import needs_rebuild
from kg.records import Article, Extraction
from kg.resources import ontology_path, rule_data_digest
from kg.sources import Rejected, read_sources
from kg.store import GraphStore
from kg.vocab import KG, ONTOLOGY_GRAPH, ONTOLOGY_HASH, article_iri

BATCH_SIZE = 8  # articles per nlp.pipe call and per task sent to a worker (small tasks balance)
FLUSH_EVERY = 25_000  # quads written between two flushes of the store's write buffers


class WorkerError(KgError):
    """A worker process stopped without a result."""


class IngestInterrupted(KgError):
    """Ctrl-C during ingest: what was saved stays saved; ``report`` says how much."""

    def __init__(self, report: IngestReport):
        self.report = report
        saved = report.added + report.replaced
        super().__init__(
            f"interrupted: {saved} article{'' if saved == 1 else 's'} saved ({report.added} "
            f"added, {report.replaced} replaced), {report.unchanged} unchanged",
            hint="run the same command again to continue: saved articles are skipped")


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    quads: int = 0
    attacks: int = 0
    statements: int = 0
    written: list = field(default_factory=list, repr=False)  # the article graphs written

    @property
    def read(self) -> int:
        return self.added + self.replaced + self.unchanged

    def summary(self) -> str:
        return (f"{self.read} articles read: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged; {self.attacks} attacks, {self.statements} "
                f"statements, {self.quads} quads written; {len(self.rejected)} rejected")


def _model_version(model: str) -> str:
    """The version of a spaCy pipeline without loading it: its package's, or the ``version`` in
    the ``meta.json`` of a pipeline folder; empty when neither can be read."""
    meta = Path(model) / "meta.json"
    if meta.is_file():
        try:
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", ""))
        except (OSError, ValueError):
            return ""
    try:
        return installed_version(model)
    except (PackageNotFoundError, ValueError):
        return ""


def _installed(name: str) -> str:
    try:
        return installed_version(name)
    except PackageNotFoundError:
        return ""


@lru_cache(maxsize=8)
def extractor_fingerprint(model: str) -> str:
    """What decides an article's facts besides its text: the strikegraph version, a hash of the
    rule data and gazetteer, the spaCy version, the model's name and version."""
    import kg

    return "|".join((kg.__version__, rule_data_digest(), _installed("spacy"), model,
                     _model_version(model)))


def content_hash(article: Article, model: str) -> str:
    """The stored hash that makes a re-ingest skip an article: the article and the
    ``extractor_fingerprint`` of ``model``."""
    digest = hashlib.sha256()
    for part in (extractor_fingerprint(model), article.identifier, article.text,
                 article.title or "",
                 article.url or "", article.published.isoformat() if article.published else ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def ensure_ontology(store: GraphStore) -> None:
    """Load ``ontology/strikegraph.ttl`` into its graph when absent or changed."""
    from pyoxigraph import Literal, Quad, RdfFormat

    data = ontology_path().read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stored = store.value(ONTOLOGY_GRAPH, ONTOLOGY_HASH, ONTOLOGY_GRAPH)
    if stored is not None and stored.value == digest:
        return
    store.load_graph(ONTOLOGY_GRAPH, data, RdfFormat.TURTLE,
                     extra=[Quad(ONTOLOGY_GRAPH, ONTOLOGY_HASH, Literal(digest), ONTOLOGY_GRAPH)])


def _default_model() -> str:
    from kg.nlp.pipeline import DEFAULT_MODEL

    return DEFAULT_MODEL


def _stored_hash(store: GraphStore, identifier: str) -> str | None:
    iri = article_iri(identifier)
    value = store.value(iri, KG.contentHash, iri)
    return value.value if value is not None else None


# -- the work on one batch: parse, extract, map (in this process or in a worker) -------------


@dataclass
class _Done:
    """One article's result, ready to write: its graph, its own quads and the shared ones."""

    graph: object  # NamedNode
    own: list
    shared: list
    attacks: int
    statements: int


def extract_articles(articles: Iterable[Article], model: str,
                     batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Parse and extract, in order, in this process."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, model)
            batch = []
    if batch:
        yield from _extract_batch(batch, model)


def _extract_batch(batch: list[Article], model: str) -> list[Extraction]:
    """One ``nlp.pipe`` call over the batch, then extraction of each doc."""
    from kg.extract.article import extract
    from kg.link.gazetteer import load_gazetteer
    from kg.nlp.pipeline import load_pipeline, parse

    nlp = load_pipeline(model)
    gazetteer = load_gazetteer()
    docs = parse(nlp, [a.text for a in batch], batch_size=max(1, len(batch)))
    return [extract(doc, article, gazetteer) for article, doc in zip(batch, docs)]


def _process_batch(batch: list[tuple[Article, str | None]], model: str) -> list[_Done]:
    from kg.mapping import article_quads

    out = []
    for (article, digest), extraction in zip(batch, _extract_batch([a for a, _ in batch], model)):
        graph, own, shared = article_quads(extraction, digest)
        out.append(_Done(graph, own, shared, len(extraction.attacks), len(extraction.statements)))
    return out


def _worker_batch(batch: list[tuple[Article, str | None]], model: str) -> list[tuple]:
    """In a worker process: the batch's results with the quads as N-Quads bytes, which cross
    the process boundary several times faster than pickled terms."""
    from pyoxigraph import RdfFormat, serialize

    return [(done.graph.value, serialize(done.own, format=RdfFormat.N_QUADS),
             serialize(done.shared, format=RdfFormat.N_QUADS), done.attacks, done.statements)
            for done in _process_batch(batch, model)]


def _from_worker(item: tuple) -> _Done:
    from pyoxigraph import NamedNode, RdfFormat, parse

    graph, own, shared, attacks, statements = item
    return _Done(NamedNode(graph), list(parse(own, format=RdfFormat.N_QUADS)),
                 list(parse(shared, format=RdfFormat.N_QUADS)), attacks, statements)


def _leave_ctrl_c_to_the_parent() -> None:
    """In a worker: ignore Ctrl-C, which the terminal sends to every process of the group; the
    parent stops the pool and reports what was saved (no traceback from each worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Runner:
    """Runs batches in order, here (``workers`` ≤ 1) or in a pool of worker processes."""

    def __init__(self, model: str, workers: int):
        self.model = model
        self.workers = max(1, int(workers))
        self.pool = None
        self.pending: deque = deque()

    def submit(self, batch: list[tuple]) -> Iterator[tuple[list, list[_Done]]]:
        """Hand over a batch of ``(article, digest, …)`` items; yield the ``(batch, results)``
        pairs finished meanwhile, in order."""
        work = [(item[0], item[1]) for item in batch]
        if self.workers == 1:
            yield batch, _process_batch(work, self.model)
            return
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn: a forked child would share the parent's open store and its threads
            self.pool = ProcessPoolExecutor(self.workers,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_leave_ctrl_c_to_the_parent)
        self.pending.append((batch, self.pool.submit(_worker_batch, work, self.model)))
        while len(self.pending) > 2 * self.workers:
            yield self._next()

    def drain(self) -> Iterator[tuple[list, list[_Done]]]:
        while self.pending:
            yield self._next()

    def _next(self) -> tuple[list, list[_Done]]:
        from concurrent.futures.process import BrokenProcessPool

        batch, future = self.pending.popleft()
        try:
            items = future.result()
        except BrokenProcessPool:
            raise WorkerError("a worker process stopped without a result",
                              path=batch[0][0].source,
                              hint="out of memory, or workers started outside "
                                   "if __name__ == '__main__'") from None
        return batch, [_from_worker(item) for item in items]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _write(store: GraphStore, report: IngestReport, done: _Done, existed: bool) -> None:
    if not report.written:
        from kg.incidents import mark_stale

        mark_stale(store)  # until the incidents are updated for what this ingest writes
    store.replace_graph(done.graph, done.own, done.shared)
    report.written.append(done.graph)
    report.quads += len(done.own) + len(done.shared)
    report.attacks += done.attacks
    report.statements += done.statements
    if existed:
        report.replaced += 1
    else:
        report.added += 1


def _run(store: GraphStore, items: Iterable[tuple[Article, str | None, bool]], report: IngestReport,
         model: str, workers: int, batch_size: int) -> None:
    """Process ``(article, digest, existed)`` items in batches and write them in order."""
    runner = _Runner(model, workers)
    flushed = report.quads

    def write(finished) -> None:
        nonlocal flushed
        for batch, results in finished:
            for (_, _, existed), done in zip(batch, results):
                _write(store, report, done, existed)
            if report.quads - flushed >= FLUSH_EVERY:
                # RocksDB keeps written data in memory until a flush; without one the
                # process grows with every article
                store.raw.flush()
                flushed = report.quads

    try:
        batch: list[tuple[Article, str | None, bool]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= max(1, batch_size):
                write(runner.submit(batch))
                batch = []
        if batch:
            write(runner.submit(batch))
        write(runner.drain())
    finally:
        runner.close()


def _update_incidents(store: GraphStore, report: IngestReport, rebuild: bool) -> None:
    """Incidents are derived from the article graphs: updated for the articles written, or
    rebuilt (``rebuild``: the store had none, or an earlier ingest stopped before updating)."""
    from kg.incidents import rebuild_incidents, update_incidents

    if rebuild:
        rebuild_incidents(store)
    elif report.written:
        update_incidents(store, changed=report.written)


def ingest(store: GraphStore, paths: Iterable[str | Path], *, model: str | None = None,
           force: bool = False, on_rejected: Callable[[Rejected], None] | None = None,
           progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
           batch_size: int = BATCH_SIZE, workers: int = 1,
           on_warning: Callable[[str], None] | None = None) -> IngestReport:
    """Read ``paths``, extract, and store each article in its own graph.

    ``workers`` > 1 parses in that many processes; the store is the same as with one.
    ``on_warning`` receives a line for input read but looking wrong (an unknown JSONL key).
    """
    model = model or _default_model()
    report = IngestReport()
    ensure_ontology(store)

    def todo() -> Iterator[tuple[Article, str, bool]]:
        items = read_sources(paths, on_warning)
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
            yield item, digest, stored is not None

    rebuild = needs_rebuild(store)
    try:
        _run(store, todo(), report, model, workers, batch_size)
    except KeyboardInterrupt:  # each article is one transaction: the saved ones are complete;
        # the incidents stay marked stale, so the next ingest rebuilds them
        raise IngestInterrupted(report) from None
    _update_incidents(store, report, rebuild)
    return report


def ingest_articles(store: GraphStore, articles: Iterable[Article], *,
                    model: str | None = None, workers: int = 1,
                    batch_size: int = BATCH_SIZE) -> IngestReport:
    """Ingest records already in memory (the evaluator's path); every article is written."""
    model = model or _default_model()
    report = IngestReport()
    ensure_ontology(store)
    items = ((article, content_hash(article, model), False) for article in articles)
    rebuild = needs_rebuild(store)
    _run(store, items, report, model, workers, batch_size)
    _update_incidents(store, report, rebuild)
    return report
