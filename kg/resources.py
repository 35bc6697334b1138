"""Where the bundled ontology, queries and rule data live (beside the package in a checkout)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def ontology_path() -> Path:
    return ROOT / "ontology" / "strikegraph.ttl"


def queries_dir() -> Path:
    return ROOT / "queries"


def data_dir() -> Path:
    return PACKAGE / "data"
