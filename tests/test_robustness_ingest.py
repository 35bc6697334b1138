"""Dirty input through ``kg ingest``: each bad input is one ``skipped PATH[:LINE]: reason`` line on
stderr, the rest of the batch goes on, a summary ends the run, and the exit code is 1 when
anything was rejected. Text that is read keeps exact character offsets in its evidence."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.sources import read_sources
from kg.store import GraphStore
from kg.vocab import KG_NS, article_iri

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD = ("Russian drones struck Kharkiv overnight, Mayor Ihor Terekhov said on Telegram. "
        "Two people were injured in the attack, he said.\n")
OTHER = ("A Russian missile hit Odesa on Tuesday, killing three people, Governor Oleh Kiper "
         "said.\n")


def ingest(store: Path, *paths) -> tuple[int, list[str]]:
    """Exit code and the stderr lines of ``kg --store STORE ingest PATHS``."""
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", *map(str, paths)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr.splitlines()


def skipped(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("skipped ")]


def identifiers(store: Path) -> list[str]:
    with GraphStore(store) as graph_store:
        return graph_store.identifiers()


def evidence(store: Path, identifier: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of every Evidence in the article's graph."""
    query = (f"SELECT ?s ?e ?t WHERE {{ GRAPH {article_iri(identifier)} {{ ?ev <{KG_NS}start> ?s ;"
             f" <{KG_NS}end> ?e ; <{KG_NS}text> ?t }} }}")
    with GraphStore(store) as graph_store:
        return sorted((int(r["s"].value), int(r["e"].value), r["t"].value)
                      for r in graph_store.raw.query(query))


def literals(store: Path, identifier: str) -> list[str]:
    graph = article_iri(identifier)
    query = f"SELECT ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o FILTER isLiteral(?o) }} }}"
    with GraphStore(store) as graph_store:
        return [r["o"].value for r in graph_store.raw.query(query)]


def cleaned_text(path: Path, identifier: str) -> str:
    return next(item.text for item in read_sources([path])
                if getattr(item, "identifier", None) == identifier)


def assert_offsets_exact(store: Path, path: Path, identifier: str) -> list[tuple[int, int, str]]:
    text = cleaned_text(path, identifier)
    found = evidence(store, identifier)
    assert found, "no evidence was extracted"
    for start, end, sentence in found:
        assert text[start:end] == sentence
    return found


@pytest.fixture()
def good(tmp_path) -> Path:
    path = tmp_path / "in" / "good.txt"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Paths


def test_missing_path_is_skipped_and_the_rest_goes_on(tmp_path, good):
    code, lines = ingest(tmp_path / "store", tmp_path / "nope.txt", good)
    assert code == 1
    assert skipped(lines) == [f"skipped {tmp_path / 'nope.txt'}: no such file or directory"]
    assert lines[-1] == ("1 articles read: 1 added, 0 replaced, 0 unchanged; "
                         + lines[-1].split("; ", 1)[1])
    assert lines[-1].endswith("; 1 rejected")
    assert identifiers(tmp_path / "store") == ["good"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_unreadable_file_by_mode(tmp_path, good):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    code, lines = ingest(tmp_path / "store", locked, good)
    assert (code, skipped(lines)) == (1, [f"skipped {locked}: cannot read: Permission denied"])


def test_unreadable_file(tmp_path, good, monkeypatch):
    """As root nothing is unreadable by mode, so the refusal is simulated where it happens."""
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    real = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, lines = ingest(tmp_path / "store", locked, good)
    assert (code, skipped(lines)) == (1, [f"skipped {locked}: cannot read: Permission denied"])
    assert identifiers(tmp_path / "store") == ["good"]


def test_a_fifo_is_not_read(tmp_path, good):
    """A named pipe called x.txt would block the reader for ever."""
    fifo = tmp_path / "in" / "pipe.txt"
    os.mkfifo(fifo)
    code, lines = ingest(tmp_path / "store", fifo, good.parent)
    assert (code, skipped(lines)) == (1, [f"skipped {fifo}: not a regular file"])
    assert identifiers(tmp_path / "store") == ["good"]  # inside the folder it is ignored


def test_folder_with_other_file_types(tmp_path, good):
    folder = good.parent
    (folder / "notes.md").write_text("# notes")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "data.csv").write_text("a,b\n1,2\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "more.jsonl").write_text(json.dumps({"id": "more", "text": GOOD}) + "\n")
    (folder / "dir.txt").mkdir()  # a folder whose name looks like an article
    code, lines = ingest(tmp_path / "store", folder)
    assert (code, skipped(lines)) == (0, [])
    assert lines[-1].startswith("2 articles read: 2 added")
    assert identifiers(tmp_path / "store") == ["good", "more"]


def test_a_file_of_another_type_named_directly(tmp_path, good):
    other = tmp_path / "notes.md"
    other.write_text("text")
    code, lines = ingest(tmp_path / "store", other, good)
    assert (code, skipped(lines)) == (1, [f"skipped {other}: not an article file (.txt, .jsonl, .html, .htm, .rss, .atom, .xml)"])


# ---------------------------------------------------------------------------------------------
# Contents


def test_empty_and_whitespace_only(tmp_path, good):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text(" \n\t\r\n  \u00a0\n")
    code, lines = ingest(tmp_path / "store", tmp_path / "empty.txt", tmp_path / "blank.txt", good)
    assert (code, skipped(lines)) == (1, [f"skipped {tmp_path / 'empty.txt'}: empty text",
                                          f"skipped {tmp_path / 'blank.txt'}: empty text"])


def test_binary_data(tmp_path, good):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (tmp_path / "zeros.txt").write_bytes(bytes(4096))
    (tmp_path / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (tmp_path / "packed.jsonl").write_bytes(bytes(range(256)) * 4)
    code, lines = ingest(tmp_path / "store", *(tmp_path / n for n in
                         ("image.txt", "zeros.txt", "utf16.txt", "packed.jsonl")), good)
    assert (code, skipped(lines)) == (1, [
        f"skipped {tmp_path / 'image.txt'}: binary data, not text",
        f"skipped {tmp_path / 'zeros.txt'}: binary data, not text",
        f"skipped {tmp_path / 'utf16.txt'}: not UTF-8 text (UTF-16, by its byte-order mark)",
        f"skipped {tmp_path / 'packed.jsonl'}: binary data, not text"])
    assert identifiers(tmp_path / "store") == ["good"]


def test_text_not_in_utf8_is_rejected_with_the_byte_offset(tmp_path, good):
    (tmp_path / "latin1.txt").write_bytes("Drones hit Kyiv caf\xe9s.".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfKyiv \xff")
    code, lines = ingest(tmp_path / "store", tmp_path / "latin1.txt", tmp_path / "bom.txt", good)
    assert (code, skipped(lines)) == (1, [
        f"skipped {tmp_path / 'latin1.txt'}: not UTF-8 text (invalid byte at offset 19)",
        f"skipped {tmp_path / 'bom.txt'}: not UTF-8 text (invalid byte at offset 8)"])


def test_nul_and_control_characters_are_removed(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(GOOD.replace("overnight,", "over\x00night,\x07").encode()
                     + "\x0c\x85\x1b[0mEmergency services worked \x7fthrough the night.\r\n"
                     .encode())
    code, lines = ingest(tmp_path / "store", path)
    assert (code, skipped(lines)) == (0, [])
    text = cleaned_text(path, "ctl")
    assert "Kharkiv overnight, Mayor" in text and "\n[0mEmergency services worked through" in text
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7f <= ord(c) <= 0x9f for c in text)
    assert_offsets_exact(tmp_path / "store", path, "ctl")
    assert not any(ord(c) < 32 and c not in "\n\t" for v in literals(tmp_path / "store", "ctl")
                   for c in v)


def test_lone_surrogates(tmp_path):
    """In JSON an escaped lone surrogate becomes U+FFFD; in a .txt file its bytes are not
    UTF-8, and the file is rejected."""
    jsonl = tmp_path / "s.jsonl"
    jsonl.write_text(json.dumps({"id": "sur\ud800", "title": "Kharkiv \udc00 attack",
                                 "text": GOOD.replace("Two", "Two \ud83d people")}) + "\n",
                     encoding="utf-8", errors="surrogatepass")
    txt = tmp_path / "s.txt"
    txt.write_bytes(b"Kyiv \xed\xa0\x80 drones")
    code, lines = ingest(tmp_path / "store", jsonl, txt)
    assert (code, skipped(lines)) == (
        1, [f"skipped {txt}: not UTF-8 text (invalid byte at offset 5)"])
    assert identifiers(tmp_path / "store") == ["sur\ufffd"]
    assert "Kharkiv \ufffd attack" in literals(tmp_path / "store", "sur\ufffd")
    assert_offsets_exact(tmp_path / "store", jsonl, "sur\ufffd")


def test_jsonl_bad_lines_are_skipped_one_by_one(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}),
        '{"id": "broken", "text": "no end',
        json.dumps({"text": GOOD}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": 3.5, "text": GOOD}),
        json.dumps([1, 2]),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "ok1", "text": "again"}),
        json.dumps({"id": "ok2", "text": GOOD + "\u2028Line separator\u0085and NEL.",
                    "published": "2024-05-01"}).replace("\\u2028", "\u2028"),
        '{"id": "tab", "text": "raw\ttab in a ' + GOOD.strip() + '"}',
    ]
    last = b'{"id": "bad\xff"}\r\n'
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + last)
    bad_byte = len("\n".join(lines).encode("utf-8")) + 1 + last.index(b"\xff")
    code, out = ingest(tmp_path / "store", path)
    assert code == 1
    assert skipped(out) == [
        f"skipped {path}:2: malformed JSON: Unterminated string starting at (column 26)",
        f"skipped {path}:3: missing 'id'",
        f"skipped {path}:4: missing 'text'",
        f"skipped {path}:5: 'id' must be a string",
        f"skipped {path}:6: not a JSON object",
        f"skipped {path}:7: malformed JSON: nested too deeply",
        f"skipped {path}:8: duplicate id 'ok1' (first in {path}:1)",
        f"skipped {path}:11: not UTF-8 text (invalid byte at offset {bad_byte})",
    ]
    assert out[-1].startswith("3 articles read: 3 added") and out[-1].endswith("; 8 rejected")
    assert identifiers(tmp_path / "store") == ["ok1", "ok2", "tab"]


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(GOOD)
    (tmp_path / "b" / "same.txt").write_text(GOOD.replace("Two", "Three"))
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(json.dumps({"id": "same", "text": GOOD}) + "\n")
    code, lines = ingest(tmp_path / "store", tmp_path / "a", tmp_path / "b", jsonl)
    first = tmp_path / "a" / "same.txt"
    assert (code, skipped(lines)) == (1, [
        f"skipped {tmp_path / 'b' / 'same.txt'}: duplicate id 'same' (first in {first})",
        f"skipped {jsonl}:1: duplicate id 'same' (first in {first})"])


def test_html_given_as_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "<!DOCTYPE html><html><head><title>News</title><style>p{color:red}</style>"
        "<script>var kyiv = 'Odesa struck';</script></head><body><nav><a href='/'>Home</a></nav>"
        "<h1>Drones hit Kharkiv</h1><p>Russian drones struck <b>Kharkiv</b> overnight, Mayor "
        "Ihor Terekhov said.</p><p>Two people were injured &amp; taken to hospital.</p>"
        "</body></html>", encoding="utf-8")
    code, lines = ingest(tmp_path / "store", path)
    assert (code, skipped(lines)) == (0, [])
    text = cleaned_text(path, "page")
    assert text == ("Home\nDrones hit Kharkiv\nRussian drones struck Kharkiv overnight, Mayor "
                    "Ihor Terekhov said.\nTwo people were injured & taken to hospital.")
    found = assert_offsets_exact(tmp_path / "store", path, "page")
    assert not any("<" in sentence or "Odesa" in sentence for _, _, sentence in found)


# ---------------------------------------------------------------------------------------------
# Size and script


def test_an_article_longer_than_spacy_max_length(tmp_path):
    """2.5 MB: parsed in parts of 50,000 characters and joined; evidence found after the first
    million characters still points at the right place in the original text."""
    head = (SEEDS / "003_972022443e141902.txt").read_text(encoding="utf-8")
    tail = (SEEDS / "004_fa6023de000693b7.txt").read_text(encoding="utf-8")
    filler = (" " * 993 + "Quiet.\n") * 2_500  # cheap to parse: few tokens
    path = tmp_path / "long.txt"
    path.write_text(head + "\n" + filler + tail, encoding="utf-8")
    assert path.stat().st_size > 2_500_000
    code, lines = ingest(tmp_path / "store", path)
    assert (code, skipped(lines)) == (0, [])
    found = assert_offsets_exact(tmp_path / "store", path, "long")
    assert max(start for start, _, _ in found) > 2_500_000


def test_a_200000_character_token(tmp_path):
    """spaCy's tokenizer takes hours on such a run of punctuation or emoji; it becomes one token
    and the article around it is read as usual."""
    for name, run in (("bangs", "!" * 200_000), ("faces", "\U0001f600" * 200_000)):
        (tmp_path / f"{name}.txt").write_text(f"{GOOD}{run}\n{OTHER}", encoding="utf-8")
    code, lines = ingest(tmp_path / "store", tmp_path / "bangs.txt", tmp_path / "faces.txt")
    assert (code, skipped(lines)) == (0, [])
    for name in ("bangs", "faces"):
        found = assert_offsets_exact(tmp_path / "store", tmp_path / f"{name}.txt", name)
        assert max(start for start, _, _ in found) > 200_000


def test_emoji_and_right_to_left_text(tmp_path):
    path = tmp_path / "world.jsonl"
    title = "هجوم على خاركيف \U0001f6a8"  # Arabic: "attack on Kharkiv", then an emoji
    hebrew = "בעיר חרקוב \u200f(עברית)\u200e"  # with right-to-left and left-to-right marks
    text = ("\U0001f6a8\U0001f1fa\U0001f1e6 " + GOOD + hebrew + " \U0001f469\u200d\U0001f692 "
            + OTHER)
    path.write_text(json.dumps({"id": "\U0001f6a8-\u05d0", "title": title, "text": text},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    code, lines = ingest(tmp_path / "store", path)
    assert (code, skipped(lines)) == (0, [])
    assert identifiers(tmp_path / "store") == ["\U0001f6a8-\u05d0"]
    assert title in literals(tmp_path / "store", "\U0001f6a8-\u05d0")
    found = assert_offsets_exact(tmp_path / "store", path, "\U0001f6a8-\u05d0")
    assert max(start for start, _, _ in found) >= text.index(hebrew)


def test_the_pipeline_keeps_a_long_run_as_one_token(nlp):
    """The guard behind the test above, fast: without it these 1,000 characters are 1,000
    tokens (and 200,000 would take hours)."""
    doc = nlp.make_doc("Drones hit Kyiv. " + "!" * 1_000 + " Two were hurt.")
    assert [t.text for t in doc][:4] == ["Drones", "hit", "Kyiv", "."]
    assert doc[4].text == "!" * 1_000 and doc[5].text == "Two" and doc[5].idx == 1_018
