"""The documentation keeps up with the code.

- every command of ``kg`` is in README.md and in the generated reference docs/cli.md;
- every command's help ends in an ``Example:`` block of real ``kg`` command lines;
- every bundled query is in README.md, whose query table is generated from the catalog;
- the README's quick start is exactly ``make demo`` and ``make test``;
- no path of the machine the docs were written on (``/work``, ``/tmp``, ``/root``, ``/home/``);
- docs/cli.md and the README's query table are current.

The generated parts are refreshed with::

    REFRESH_DOCS=1 .venv/bin/python -m pytest tests/test_docs.py

which rewrites docs/cli.md and the README's query table (between its ``<!-- queries:start -->``
and ``<!-- queries:end -->`` markers) and then checks them like any other run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
import pytest

from kg.cli import cli
from kg.queries import bundled_queries

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
REFRESH = os.environ.get("REFRESH_DOCS") == "1"
HOW_TO_REFRESH = "refresh with: REFRESH_DOCS=1 .venv/bin/python -m pytest tests/test_docs.py"
WIDTH = 78  # the width click gives help in an 80-column terminal
MACHINE_PATHS = ("/work", "/tmp", "/root", "/home/")
QUERIES_START = "<!-- queries:start -->"
QUERIES_END = "<!-- queries:end -->"


# -- the generated texts -----------------------------------------------------------------------


def commands(group: click.Group = cli, path: tuple[str, ...] = ("kg",)):
    """(command path, command) for the group and every command under it, in name order."""
    yield path, group
    for name in sorted(group.commands):
        command = group.commands[name]
        if isinstance(command, click.Group):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


def help_text(path: tuple[str, ...], command: click.Command) -> str:
    """``--help`` of ``command`` as a user sees it in an 80-column terminal."""
    parent, group = None, cli
    for name in path[:-1]:
        group = group if parent is None else group.commands[name]
        parent = group.make_context(name, [], parent=parent, resilient_parsing=True,
                                    terminal_width=WIDTH)
    context = command.make_context(path[-1], [], parent=parent, resilient_parsing=True,
                                   terminal_width=WIDTH)
    return command.get_help(context).rstrip() + "\n"


def cli_reference() -> str:
    """The text docs/cli.md must hold."""
    parts = [
        "# `kg` command reference\n",
        "Generated from each command's `--help` by `tests/test_docs.py`, which fails when this "
        "file is out of date. To refresh it after changing a command:\n",
        "```sh\nREFRESH_DOCS=1 .venv/bin/python -m pytest tests/test_docs.py\n```\n",
        "Every command also runs as `python -m kg …`, and `-h` works as `--help`.\n",
    ]
    listed = [path for path, _ in commands()][1:]
    parts.append("\n".join(f"- [`{' '.join(p)}`](#{'-'.join(p)})" for p in listed) + "\n")
    for path, command in commands():
        parts.append(f"## {' '.join(path)}\n")
        parts.append(f"```text\n$ {' '.join(path)} --help\n{help_text(path, command)}```\n")
    return "\n".join(parts)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def query_table() -> str:
    """The README's table of bundled queries, from the query catalog (what `kg queries` lists)."""
    rows = ["| query | what it answers | parameters |", "| --- | --- | --- |"]
    for info in bundled_queries():
        parameters = "; ".join(p.describe() for p in info.parameters) or "none"
        rows.append(f"| `{info.name}` | {_cell(info.summary)} | {_cell(parameters)} |")
    return "\n".join(rows) + "\n"


def _with_query_table(readme: str) -> str:
    start, end = readme.index(QUERIES_START), readme.index(QUERIES_END)
    return readme[:start + len(QUERIES_START)] + "\n" + query_table() + readme[end:]


if REFRESH:  # rewrite before any test reads the files
    DOCS.mkdir(exist_ok=True)
    CLI_MD.write_text(cli_reference(), encoding="utf-8")
    if README.exists() and QUERIES_START in README.read_text(encoding="utf-8"):
        README.write_text(_with_query_table(README.read_text(encoding="utf-8")),
                          encoding="utf-8")


# -- the checks ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cli_md() -> str:
    return CLI_MD.read_text(encoding="utf-8")


COMMANDS = [path for path, _ in commands()][1:]
BUNDLED = [info.name for info in bundled_queries()]


def test_the_commands_and_queries_are_found():
    # the lists the tests below run over are not empty by accident
    assert {"ingest", "query", "queries", "export"} <= {path[1] for path in COMMANDS}
    assert "attacks-by-place" in BUNDLED


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme(readme, path):
    command = " ".join(path)
    assert re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", readme), \
        f"README.md never shows `{command}`"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_in_the_cli_reference(cli_md, path):
    assert f"\n## {' '.join(path)}\n" in cli_md, f"docs/cli.md lacks {' '.join(path)}; " \
                                                  + HOW_TO_REFRESH


@pytest.mark.parametrize("path,command", list(commands()),
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_every_help_ends_in_an_example(path, command):
    text = help_text(path, command)
    assert command.help, f"{' '.join(path)} has no help"
    example = re.search(r"^  Example:\n((?:      .*\n)+)", text, re.MULTILINE)
    assert example, f"the help of {' '.join(path)} has no 'Example:' block:\n{text}"
    lines = [line.strip() for line in example.group(1).splitlines()]
    assert all(line.startswith("kg ") for line in lines), lines
    if len(path) > 1:  # a command's example runs that command
        assert any(line.split()[1:2] == [path[1]] or f" {path[1]} " in line for line in lines), \
            f"no example of {' '.join(path)} runs it: {lines}"


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_query_is_in_the_readme(readme, name):
    assert f"`{name}`" in readme, f"README.md does not name the bundled query {name}"


def test_the_readme_query_table_is_current(readme):
    assert QUERIES_START in readme and QUERIES_END in readme
    assert readme == _with_query_table(readme), \
        "README.md's query table differs from the query catalog; " + HOW_TO_REFRESH


def test_the_quick_start_is_make_demo_and_make_test(readme):
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL)
    assert section, "README.md has no '## Quick start' section"
    block = re.search(r"```(?:sh|console|bash)?\n(.*?)```", section.group(1), re.DOTALL)
    assert block, "the quick start shows no commands"
    assert block.group(1).split("\n")[:-1] == ["make demo", "make test"]


def test_the_readme_credits_the_data(readme):
    credits = readme[readme.index("## Credits"):]
    for needed in ("Data from Who's On First", "https://whosonfirst.org/docs/licenses/",
                   "GeoNames", "CC BY 4.0", "Wikidata", "CC0", "MIT"):
        assert needed in credits, needed


def _doc_files():
    return [README, *sorted(DOCS.rglob("*.md"))]


@pytest.mark.parametrize("path", _doc_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_machine_paths_in_the_docs(path):
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        for machine in MACHINE_PATHS:
            assert machine not in line, f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_the_cli_reference_is_current(cli_md):
    assert cli_md == cli_reference(), "docs/cli.md is out of date; " + HOW_TO_REFRESH


def test_refresh_rewrites_only_the_query_table():
    readme = "intro\n" + QUERIES_START + "\nold table\n" + QUERIES_END + "\nrest\n"
    new = _with_query_table(readme)
    assert new.startswith("intro\n" + QUERIES_START + "\n| query |")
    assert new.endswith(QUERIES_END + "\nrest\n")
    assert "old table" not in new
    assert _with_query_table(new) == new
