"""One process at a time: while one holds the store, every other ``kg`` command (writer or
reader) ends with "store DIR is in use by another process", exit code 1, no traceback, and the
store is untouched. Readers get the same answer as writers on purpose: pyoxigraph 0.5 leaves
read-only opening during writes undefined, so the CLI opens the store read-write every time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Russian drones struck Kharkiv overnight, Mayor Ihor Terekhov said.\n"
HOLD = ("import sys; from kg.store import GraphStore; store = GraphStore(sys.argv[1]); "
        "print('holding', flush=True); sys.stdin.read()")

COMMANDS = [
    ["ingest", "ARTICLE"],
    ["query", "articles"],
    ["query", "--timeout", "30", "articles"],
    ["stats"],
    ["export", "--format", "nquads"],
    ["check"],
]


def env() -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))


@pytest.fixture()
def setup(tmp_path):
    """A store holding one article, and that article's file."""
    article = tmp_path / "a1.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    location = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(location), "ingest", str(article)])
    assert result.exit_code == 0, result.output
    return location, article


def dump(location: Path) -> list[str]:
    with GraphStore(location) as store:
        return sorted(str(q) for q in store.raw)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_is_refused_while_another_process_holds_the_store(setup, command):
    location, article = setup
    before = dump(location)
    args = [str(article) if a == "ARTICLE" else a for a in command]
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(location)], env=env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        second = subprocess.run([sys.executable, "-m", "kg", "--store", str(location), *args],
                                capture_output=True, text=True, env=env(), cwd=ROOT)
    finally:
        holder.communicate("")
    # kg check keeps pySHACL's exit codes: 2 for an error (1 means violations)
    assert second.returncode == (2 if command == ["check"] else 1)
    assert second.stderr == f"Error: store {location} is in use by another process\n"
    assert second.stdout == ""
    assert dump(location) == before


def test_in_process_too(setup):
    """The same message when this very process already has the store open."""
    location, article = setup
    with GraphStore(location):
        result = CliRunner().invoke(cli, ["--store", str(location), "ingest", str(article)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: store {location} is in use by another process\n"
    result = CliRunner().invoke(cli, ["--store", str(location), "ingest", str(article)])
    assert result.exit_code == 0  # once it is closed
    assert result.stderr.startswith("1 articles read: 0 added, 0 replaced, 1 unchanged")
