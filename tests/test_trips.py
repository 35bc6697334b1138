"""Small things a user trips on, one test each: JSONL keys the reader does not know, a
pretty-printed JSONL object, Ctrl-C during ingest, comments grlc would read as parameters, and
the gold format `kg evaluate --help` points to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest as ingest_module
from kg.cli import cli
from kg.evaluation.gold import load_gold
from kg.queries import bundled_queries
from kg.sources import read_sources, suggest_key
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Russian drones struck Kharkiv overnight, injuring three people, the mayor said."


def _read(path: Path) -> tuple[list, list[str]]:
    warnings: list[str] = []
    return list(read_sources([path], on_warning=warnings.append)), warnings


def test_an_unknown_jsonl_key_is_named_with_the_key_it_likely_means(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {"id": "a1", "text": TEXT, "date": "2024-05-02"},
        {"id": "a2", "text": TEXT, "date": "2024-05-03", "titel": "Kharkiv"},
        {"id": "a3", "text": TEXT, "colour": "red"},
    ]) + "\n", encoding="utf-8")
    items, warnings = _read(path)
    assert [item.identifier for item in items] == ["a1", "a2", "a3"]  # still read
    assert items[0].published is None
    assert warnings == [  # once per key and file, at its first line
        f"{path}:1: unknown key 'date' ignored (did you mean 'published'?)",
        f"{path}:2: unknown key 'titel' ignored (did you mean 'title'?)",
        f"{path}:3: unknown key 'colour' ignored (known keys: id, text, title, url, published)",
    ]
    assert (suggest_key("body"), suggest_key("link"), suggest_key("xyz")) == ("text", "url", None)


def test_kg_ingest_prints_the_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "_run", lambda store, items, *rest: list(items))
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": TEXT, "date": "2024-05-02"}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert (f"warning: {path}:1: unknown key 'date' ignored (did you mean 'published'?)"
            in result.stderr.splitlines())


def test_a_pretty_printed_object_is_one_error_saying_one_object_per_line(tmp_path):
    path = tmp_path / "pretty.jsonl"
    pretty = json.dumps({"id": "p1", "text": TEXT}, indent=2)
    path.write_text(pretty + "\n" + json.dumps({"id": "a2", "text": TEXT}) + "\n",
                    encoding="utf-8")
    items, _ = _read(path)
    assert [str(item) for item in items[:1]] == [
        f"{path}:1: a JSON object spread over lines 1-4: a .jsonl file holds one JSON object "
        "per line (compact it, e.g. with jq -c .)"]
    assert [item.identifier for item in items[1:]] == ["a2"]  # the next line is read


def test_ctrl_c_during_ingest_says_what_was_saved_and_that_a_rerun_continues(
        tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(TEXT.replace("Kharkiv", ["Kyiv", "Odesa", "Sumy"][n]),
                                          encoding="utf-8")
    store = str(tmp_path / "store")
    write = ingest_module._write
    calls = []

    def interrupted_on_the_third(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        write(*args)

    monkeypatch.setattr(ingest_module, "_write", interrupted_on_the_third)
    result = CliRunner().invoke(cli, ["--store", store, "ingest", str(folder)])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "Error: interrupted: 2 articles saved (2 added, 0 replaced), 0 unchanged (run the same "
        "command again to continue: saved articles are skipped)")
    with GraphStore(store) as graph_store:
        assert graph_store.identifiers() == ["a0", "a1"]
    monkeypatch.setattr(ingest_module, "_write", write)
    result = CliRunner().invoke(cli, ["--store", store, "ingest", str(folder)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].startswith(
        "3 articles read: 1 added, 0 replaced, 2 unchanged")


GRLC_PARAMETER = re.compile(r"[?$](_{1,2}[A-Za-z0-9]\w*)")


@pytest.mark.parametrize("info", bundled_queries(), ids=lambda info: info.name)
def test_grlc_finds_only_the_real_parameters(info):
    """grlc reads ?_name / $_name anywhere in the file, comments included."""
    assert set(GRLC_PARAMETER.findall(info.text)) == {p.variable for p in info.parameters}


def test_evaluate_help_points_to_the_gold_format_that_ships():
    result = CliRunner().invoke(cli, ["evaluate", "--help"])
    assert "docs/gold-format.md" in re.sub(r"-\s+", "-", result.output)
    assert (ROOT / "docs" / "gold-format.md").is_file()


def test_the_gold_example_in_the_docs_is_read_by_the_gold_reader(tmp_path):
    doc = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    (tmp_path / "g01.json").write_text(json.dumps(example), encoding="utf-8")
    (tmp_path / "g01.txt").write_text(
        'Two guided bombs hit Kharkiv, killing 2 and injuring 11. "Two guided bombs hit the city '
        'centre," Mayor Ihor Terekhov wrote on Telegram. Air defence shot down 12 drones.',
        encoding="utf-8")
    (article,) = load_gold(tmp_path)
    assert [attack.place for attack in article.attacks] == ["Kharkiv"]
    assert article.attacks[0].weapons == ("glide-bomb",)
