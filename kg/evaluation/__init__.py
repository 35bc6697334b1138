"""Scoring what the store holds against a gold folder (GOLD.md): the library behind ``kg evaluate``.

>>> from kg.evaluation import evaluate, format_report       # doctest: +SKIP
>>> print(format_report(evaluate("gold/", ingest=my_ingest)))  # doctest: +SKIP

``evaluate`` ingests the gold articles into a fresh in-memory store with the pipeline's ``ingest``
callable, reads back what the store says (``predictions_from_store``) and scores it (``score``),
so the whole pipeline, mapping included, is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pyoxigraph import Store

from kg.evaluation.gold import (GoldArticle, GoldAttack, GoldStatement, GoldWeaponCount,
                                load_gold)
from kg.evaluation.names import FoldedNames, Names, fold_name
from kg.evaluation.predict import (Predicted, PredictedActor, PredictedAttack, PredictedCount,
                                   PredictedPlace, PredictedStatement, predictions_from_store)
from kg.evaluation.report import format_report, report_to_dict, report_to_json
from kg.evaluation.score import FIELDS, ArticleResult, FieldResult, FieldScore, Report, score
from kg.records import Article
from kg.sources import unwrap_lines

__all__ = [
    "FIELDS", "ArticleResult", "FieldResult", "FieldScore", "FoldedNames", "GoldArticle",
    "GoldAttack", "GoldStatement", "GoldWeaponCount", "Names", "Predicted", "PredictedActor",
    "PredictedAttack", "PredictedCount", "PredictedPlace", "PredictedStatement", "Report",
    "evaluate", "fold_name", "format_report", "gold_articles", "load_gold",
    "predictions_from_store", "report_to_dict", "report_to_json", "score",
]

Ingest = Callable[[Store, Sequence[Article]], object]


def gold_articles(gold: Sequence[GoldArticle]) -> list[Article]:
    """The articles to ingest: identifier = the files' base name, text (hard-wrapped lines joined,
    as reading a source joins them), url and published date."""
    return [Article(identifier=g.identifier, text=unwrap_lines(g.text), url=g.url,
                    published=g.published,
                    source=str(Path(g.path).with_suffix(".txt")) if g.path else None)
            for g in gold]


def evaluate(gold_dir: str | Path, *, ingest: Ingest, names: Names | None = None,
             store: Store | None = None) -> Report:
    """Ingest the gold folder's articles into a fresh in-memory store and score what it holds.

    ``ingest(store, articles)`` is the pipeline (extraction, linking, mapping, writing);
    ``names`` decides which names match and which QIDs are right — the gazetteer in real use,
    plain folding (``FoldedNames()``) by default. ``store`` replaces the fresh in-memory store
    when the pipeline writes through a wrapper of its own (pass the wrapper's pyoxigraph store,
    which should be empty).
    """
    gold = load_gold(gold_dir)
    store = Store() if store is None else store
    ingest(store, gold_articles(gold))
    predicted = predictions_from_store(store, [g.identifier for g in gold])
    return score(gold, predicted, names if names is not None else FoldedNames())
