"""Every error a user can cause is one ``Error: …`` line on stderr, exit code 2 for a usage error
and 1 for any other, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import queries
from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="kg", **kwargs)


@pytest.mark.parametrize("args, message", [
    (["--store", "x"], "Missing command (see 'kg --help')"),
    (["frobnicate"], "No such command 'frobnicate' (see 'kg --help')"),
    (["ingest"], "Missing argument 'PATHS...' (see 'kg ingest --help')"),
    (["query"], "Missing argument 'QUERY' (see 'kg query --help')"),
    (["query", "articles", "--bogus"], "No such option '--bogus' (see 'kg query --help')"),
    (["query", "articles", "--format", "yaml"],
     "Invalid value for '--format': 'yaml' is not one of 'table', 'csv', 'tsv', 'json', "
     "'xml', 'turtle', 'ntriples' (see 'kg query --help')"),
    (["query", "articles", "-p", "place"],
     "Invalid value for '-p': 'place' is not NAME=VALUE (see 'kg query --help')"),
    (["query", "articles", "--timeout", "-1"],
     "Invalid value for '--timeout': -1.0 is not in the range x>0 (see 'kg query --help')"),
    (["ingest", "--workers", "0", "x.txt"],
     "Invalid value for '--workers': 0 is not in the range x>=1 (see 'kg ingest --help')"),
])
def test_usage_errors_are_one_line_and_exit_2(args, message):
    result = run(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"Error: {message}\n", "")


def test_other_user_errors_exit_1(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("")
    result = run("--store", afile, "stats")
    assert (result.exit_code, result.stderr) == (1, f"Error: {afile}: is not a store directory\n")
    result = run("--store", tmp_path / "s", "query", "no-such-query")
    assert (result.exit_code, result.stderr) == (
        1, "Error: no bundled query named 'no-such-query' (kg queries lists them)\n")


def test_kg_alone_shows_the_help():
    result = run()
    assert result.exit_code == 2 and result.stderr.startswith("Usage: kg [OPTIONS] COMMAND")


def test_help_and_version_are_not_errors():
    assert run("--version").stdout == "kg, version 0.1.0\n"
    result = run("query", "-h")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: kg query [OPTIONS] QUERY")


def test_an_unexpected_error_is_one_line_unless_debugging(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(queries, "load_query", broken)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    result = run("--store", tmp_path / "s", "query", "articles")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: internal error: RuntimeError: boom (set KG_DEBUG=1 to see where, and please "
        "report it)\n"))
    monkeypatch.setenv("KG_DEBUG", "1")
    result = run("--store", tmp_path / "s", "query", "articles")
    assert isinstance(result.exception, RuntimeError)  # the traceback, for whoever asked


def test_an_error_of_the_machine_is_one_line(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/somewhere/LOCK")

    monkeypatch.setattr(queries, "load_query", denied)
    result = run("--store", tmp_path / "s", "query", "articles")
    assert (result.exit_code, result.stderr) == (1, "Error: /somewhere/LOCK: Permission denied\n")


def test_an_interrupt_is_one_line(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "load_query", interrupted)
    result = run("--store", tmp_path / "s", "query", "articles")
    assert (result.exit_code, result.stderr.strip()) == (130, "Error: interrupted")


@pytest.mark.parametrize("args", [
    ["ingest", "--bogus"],
    ["--store", "STORE", "query", "../x"],
    ["--store", "STORE", "query", "Q.rq"],
    ["--store", "STORE", "export", "-o", "/no/such/folder/out.ttl"],
])
def test_no_traceback_from_the_real_command(tmp_path, args):
    query = tmp_path / "q.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o ")
    (tmp_path / "store").mkdir()
    args = [str(tmp_path / "store") if a == "STORE" else str(query) if a == "Q.rq" else a
            for a in args]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("KG_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("Error: ")] == \
        [done.stderr.splitlines()[-1]]
