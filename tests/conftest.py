"""Shared fixtures: the trained pipeline loaded once per session, a fresh store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture()
def store():
    from kg.store import GraphStore

    with GraphStore() as graph_store:
        yield graph_store


@pytest.fixture()
def disk_store(tmp_path):
    from kg.store import GraphStore

    with GraphStore(tmp_path / "store") as graph_store:
        yield graph_store
