"""Every example in README.md and docs/ runs, and prints what the page shows.

A ```console block is a transcript: each ``$ `` line is a command, the lines up to the next one
its output (stdout and stderr, as a terminal shows them). The tests run each page's commands in
order with bash, in a folder of its own holding a copy of ``seeds/`` (and ``tests/gold``), with
``kg`` on the PATH and ``KG_STORE`` unset, so ``./kg-store`` is the store. Every page starts
from the store ``make demo`` builds (the seeds ingested), as a reader who followed the quick
start has it. Commands to type that are not run (``make demo``, ``kg link --online``) go in
```sh blocks. A line ``…`` alone in an output stands for lines left out. docs/cli.md is
generated from the commands' help and checked by tests/test_docs.py instead.

When a change of the code changes an output, refresh the pages with::

    REFRESH_DOCS=1 .venv/bin/python -m pytest tests/test_doc_examples.py

which writes each command's actual output into its block, then checks them like any other run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md")
                                     if p.name != "cli.md")]
REFRESH = os.environ.get("REFRESH_DOCS") == "1"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


@dataclass
class Step:
    command: str
    expected: str
    start: int  # offsets of the expected output in the page, for a refresh
    end: int


def steps(text: str) -> list[Step]:
    """The commands of a page's console blocks, with their expected output, in order."""
    out = []
    for block in BLOCK.finditer(text):
        body, base = block.group(1), block.start(1)
        matches = list(re.finditer(r"^\$ (.*)\n", body, re.M))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
            out.append(Step(match.group(1), body[match.end():end], base + match.end(),
                            base + end))
    return out


ELISION = "…\n"


def matches(expected: str, actual: str) -> bool:
    """``actual`` is ``expected``, where a line ``…`` stands for any lines."""
    parts = [part for part in re.split(r"(?m)^…\n", expected)]
    if len(parts) == 1:
        return actual == expected
    if not (actual.startswith(parts[0]) and actual.endswith(parts[-1])):
        return False
    position = len(parts[0])
    for middle in parts[1:-1]:
        found = actual.find(middle, position)
        if found < 0:
            return False
        position = found + len(middle)
    return position <= len(actual) - len(parts[-1])


def refreshed(expected: str, actual: str) -> str:
    """The new output of a block: ``actual``, cut where ``expected`` had a ``…`` line (the same
    number of lines kept before and after it)."""
    if ELISION not in expected:
        return actual
    head = expected.split(ELISION, 1)[0].count("\n")
    tail = expected.rsplit(ELISION, 1)[1].count("\n")
    lines = actual.splitlines(keepends=True)
    if head + tail >= len(lines):
        return actual
    return "".join(lines[:head]) + ELISION + "".join(lines[len(lines) - tail:] if tail else [])


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """The store make demo builds: the seeds ingested."""
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    subprocess.run([sys.executable, "-m", "kg", "ingest", "--silent", "seeds"], cwd=folder,
                   env=_env(), check=True, capture_output=True)
    return folder / "kg-store"


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_DEBUG")}
    env.update(PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               COLUMNS="80", PYTHONUNBUFFERED="1", LC_ALL="C.UTF-8")
    return env


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_examples_of_the_page_print_what_it_shows(page, tmp_path, demo_store):
    text = page.read_text(encoding="utf-8")
    todo = steps(text)
    if not todo:
        pytest.skip("no console examples")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "gold").symlink_to(ROOT / "tests" / "gold")  # for kg evaluate
    shutil.copytree(demo_store, tmp_path / "kg-store")
    actual = []
    for step in todo:
        result = subprocess.run(["bash", "-c", step.command], cwd=tmp_path, env=_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=300)
        actual.append(result.stdout)
    if REFRESH:
        for step, output in sorted(zip(todo, actual), key=lambda pair: -pair[0].start):
            text = text[:step.start] + refreshed(step.expected, output) + text[step.end:]
        page.write_text(text, encoding="utf-8")
        return
    for step, output in zip(todo, actual):
        assert matches(step.expected, output), (
            f"{page.relative_to(ROOT)}: `$ {step.command}` printed something else; refresh with "
            "REFRESH_DOCS=1 .venv/bin/python -m pytest tests/test_doc_examples.py")


def test_steps_are_read_from_console_blocks_only():
    page = "```sh\nmake demo\n```\n\n```console\n$ kg stats\nquads 1\n$ kg check\nok\n```\n"
    found = steps(page)
    assert [(s.command, s.expected) for s in found] == [("kg stats", "quads 1\n"),
                                                        ("kg check", "ok\n")]
    assert page[found[1].start:found[1].end] == "ok\n"


def test_an_elision_line_stands_for_any_lines():
    assert matches("a\n…\nz\n", "a\nb\nc\nz\n")
    assert matches("a\n…\n", "a\nb\n")
    assert not matches("a\n…\nz\n", "a\nb\n")
    assert not matches("a\nb\n", "a\nb\nc\n")
    assert refreshed("a\n…\nz\n", "1\n2\n3\n4\n") == "1\n…\n4\n"
