"""Ingest: the same store with one process or two, nothing parsed or written for unchanged
articles, spaCy never imported when every article is unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ModelError
from kg.ingest import ingest, ingest_articles
from kg.records import Article
from kg.store import GraphStore
from kg.vocab import ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parent.parent
DEV = Path(__file__).resolve().parent / "gold" / "dev"
ARTICLES = ("d01", "d03", "d04", "d09", "d13")


@pytest.fixture()
def folder(tmp_path):
    """Five short dev articles as .txt files."""
    out = tmp_path / "articles"
    out.mkdir()
    for name in ARTICLES:
        shutil.copy(DEV / f"{name}.txt", out / f"{name}.txt")
    return out


def _data_quads(store: GraphStore) -> set[str]:
    """Every quad outside the ontology graph (whose blank nodes are renamed on each load)."""
    return {str(q) for q in store.raw if q.graph_name != ONTOLOGY_GRAPH}


def test_two_workers_write_exactly_the_quads_of_one(folder, tmp_path):
    with GraphStore(tmp_path / "one") as one, GraphStore(tmp_path / "two") as two:
        first = ingest(one, [folder], workers=1)
        # batches of two: three batches in flight across two workers, results kept in order
        second = ingest(two, [folder], workers=2, batch_size=2)
        assert first.added == second.added == len(ARTICLES)
        assert (first.quads, first.attacks, first.statements) == \
               (second.quads, second.attacks, second.statements)
        assert first.attacks > 0
        assert _data_quads(one) == _data_quads(two)
        assert len(_data_quads(one)) > 100


def test_unchanged_articles_are_neither_parsed_nor_written(folder, tmp_path, monkeypatch):
    import kg.ingest as module

    with GraphStore(tmp_path / "store") as store:
        first = ingest(store, [folder])
        before = _data_quads(store)

        def refuse(*_args, **_kwargs):
            raise AssertionError("an unchanged article was parsed")

        monkeypatch.setattr(module, "_process_batch", refuse)
        monkeypatch.setattr(module.GraphStore, "replace_graph", refuse)
        again = ingest(store, [folder], workers=2)
        assert (again.unchanged, again.added, again.replaced, again.quads) == \
               (len(ARTICLES), 0, 0, 0)
        assert first.added == len(ARTICLES)
        assert _data_quads(store) == before


def test_a_changed_article_replaces_its_graph_and_only_it_is_parsed(folder, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        ingest(store, [folder])
        text = (folder / "d09.txt").read_text(encoding="utf-8")
        (folder / "d09.txt").write_text(text.replace("Kherson", "Mykolaiv"), encoding="utf-8")
        report = ingest(store, [folder])
        assert (report.replaced, report.unchanged, report.added) == (1, len(ARTICLES) - 1, 0)
        labels = {str(row["label"].value) for row in store.query(
            "PREFIX kg: <https://w3id.org/strikegraph/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT DISTINCT ?label WHERE { GRAPH <https://w3id.org/strikegraph/id/article/d09>"
            " { ?a a kg:Attack ; kg:location ?p } ?p rdfs:label ?label }")}
        assert "Mykolaiv" in labels
        assert "Kherson" not in labels


def test_unchanged_batch_never_imports_spacy(folder, tmp_path):
    store = tmp_path / "store"
    with GraphStore(store) as graph_store:
        ingest(graph_store, [folder])
    script = (
        "import sys, json\n"
        "from kg.ingest import ingest\n"
        "from kg.store import GraphStore\n"
        f"with GraphStore({str(store)!r}) as s:\n"
        f"    r = ingest(s, [{str(folder)!r}])\n"
        "print(json.dumps([r.unchanged, r.added, 'spacy' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert json.loads(out.stdout) == [len(ARTICLES), 0, False]


def test_a_model_that_cannot_load_fails_from_the_workers_with_its_message(folder, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        with pytest.raises(ModelError) as caught:
            ingest(store, [folder], model="no-such-pipeline", workers=2)
        assert str(caught.value).startswith("cannot load spaCy pipeline 'no-such-pipeline': ")
        assert store.identifiers() == []


def test_ingest_articles_batches_like_ingest(tmp_path):
    articles = [Article(identifier=name, text=(DEV / f"{name}.txt").read_text(encoding="utf-8"))
                for name in ARTICLES[:3]]
    with GraphStore(tmp_path / "a") as a, GraphStore(tmp_path / "b") as b:
        one = ingest_articles(a, articles)
        small = ingest_articles(b, articles, batch_size=1)
        assert one.added == small.added == 3
        assert _data_quads(a) == _data_quads(b)


def test_workers_must_be_at_least_one(folder, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "ingest", "--workers", "0",
                                      str(folder)])
    assert result.exit_code == 2
    assert "Invalid value for '--workers'" in result.output
    assert not (tmp_path / "s").exists()
