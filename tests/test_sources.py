import json
from datetime import date

import pytest

from kg.records import Article
from kg.sources import Rejected, clean_text, read_sources


def read(*paths):
    return list(read_sources(paths))


def test_txt_identifier_is_base_name(tmp_path):
    path = tmp_path / "a1.txt"
    path.write_text("Drones hit Kyiv.\r\nTwo were injured.", encoding="utf-8")
    [article] = read(path)
    assert article == Article("a1", "Drones hit Kyiv.\nTwo were injured.", source=str(path))


def test_byte_order_mark_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfText")
    assert read(path)[0].text == "Text"


def test_not_utf8_rejected_with_offset(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Kyiv caf\xe9".encode("latin-1"))
    [item] = read(path)
    assert str(item) == f"{path}: not UTF-8 text (invalid byte at offset 8)"


def test_binary_rejected(tmp_path):
    path = tmp_path / "img.txt"
    path.write_bytes(b"\x89PNG\x00\x00\x00\x0dIHDR" + bytes(200))
    assert str(read(path)[0]) == f"{path}: binary data, not text"


def test_empty_and_whitespace_rejected(tmp_path):
    (tmp_path / "e.txt").write_text("")
    (tmp_path / "w.txt").write_text(" \n\t \n")
    assert [str(x) for x in read(tmp_path / "e.txt", tmp_path / "w.txt")] == [
        f"{tmp_path / 'e.txt'}: empty text", f"{tmp_path / 'w.txt'}: empty text"]


def test_missing_path_and_wrong_type(tmp_path):
    (tmp_path / "x.pdf").write_text("x")
    assert [str(x) for x in read(tmp_path / "nope", tmp_path / "x.pdf")] == [
        f"{tmp_path / 'nope'}: no such file or directory",
        f"{tmp_path / 'x.pdf'}: not an article file (.txt, .jsonl, .html, .htm, .rss, .atom, .xml)"]


def test_folder_recursive_other_types_ignored(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B text")
    (tmp_path / "a.txt").write_text("A text")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("hidden")
    assert [a.identifier for a in read(tmp_path)] == ["a", "b"]


def test_jsonl_records_and_errors(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "Drones hit Odesa.", "title": "T", "url": "https://x.org/1",
                    "published": "2025-06-11T08:00:00Z"}),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "r2"}),
        json.dumps({"id": "r3", "text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"id": "r1", "text": "again"}),
        json.dumps({"id": "r4", "text": "x", "published": "last week"}),
        "",
        json.dumps({"id": 5, "text": "numeric id"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    assert items[0] == Article("r1", "Drones hit Odesa.", title="T", url="https://x.org/1",
                               published=date(2025, 6, 11), source=str(path), line=1)
    assert [str(x) for x in items[1:8]] == [
        f"{path}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:3: missing 'id'",
        f"{path}:4: missing 'text'",
        f"{path}:5: empty text",
        f"{path}:6: not a JSON object",
        f"{path}:7: duplicate id 'r1' (first in {path}:1)",
        f"{path}:8: 'published' is not an ISO 8601 date: 'last week'",
    ]
    assert items[8].identifier == "5"


def test_control_characters_and_lone_surrogates(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "c", "text": "a\\u0000b\\u0007c \\ud800 d\\te"}\n', encoding="utf-8")
    assert read(path)[0].text == "abc \ufffd d\te"


def test_html_reduced_to_visible_text():
    html = ("<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head>"
            "<body><h1>Strike on Kharkiv</h1><p>Drones hit <b>Kharkiv</b> overnight.</p>"
            "<p>Two were injured.</p></body></html>")
    assert clean_text(html) == "Strike on Kharkiv\nDrones hit Kharkiv overnight.\nTwo were injured."


def test_rejected_is_one_line():
    assert str(Rejected("f.jsonl", "missing 'id'", 3)) == "f.jsonl:3: missing 'id'"


@pytest.mark.parametrize("published, expected", [
    ("2025-06-11", date(2025, 6, 11)),
    ("2025-06-11T23:40:00+03:00", date(2025, 6, 11)),  # the day where it was published
    ("2025-06-11T01:15:00-05:00", date(2025, 6, 11)),
    ("2025-06-11T08:00:00Z", date(2025, 6, 11)),
    ("2025-06-11 08:00", date(2025, 6, 11)),
])
def test_jsonl_published_date_or_date_time(tmp_path, published, expected):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "x", "published": published}),
                    encoding="utf-8")
    assert read(path)[0].published == expected


@pytest.mark.parametrize("published", ["2025-06-11garbage", "2025-06-11T25:00:00", "11/06/2025"])
def test_jsonl_published_that_is_no_date_is_rejected(tmp_path, published):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "x", "published": published}),
                    encoding="utf-8")
    assert str(read(path)[0]) == f"{path}:1: 'published' is not an ISO 8601 date: {published!r}"


WRAPPED = """Russian drones struck the port city of Izmail overnight, the
regional governor said on Telegram, damaging a grain terminal and
injuring two dock workers. Air defence units shot down most of the
drones over the Odesa region, he added.
A second wave hit the city of Mykolaiv shortly before dawn, where
debris set fire to a warehouse. No one was hurt there, the mayor
said, and firefighters put out the blaze within an hour.
Both attacks came as Moscow stepped up strikes on southern ports
this month."""


def test_hard_wrapped_lines_are_joined_into_their_sentences(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    [article] = read(path)
    assert len(article.text) == len(WRAPPED)  # a break becomes a space: offsets stay
    assert "overnight, the regional governor said" in article.text
    assert article.text.split("\n") == [
        "Russian drones struck the port city of Izmail overnight, the regional governor said on "
        "Telegram, damaging a grain terminal and injuring two dock workers. Air defence units "
        "shot down most of the drones over the Odesa region, he added.",
        "A second wave hit the city of Mykolaiv shortly before dawn, where debris set fire to a "
        "warehouse. No one was hurt there, the mayor said, and firefighters put out the blaze "
        "within an hour.",
        "Both attacks came as Moscow stepped up strikes on southern ports this month."]


def test_short_lines_of_a_summary_are_not_joined():
    summary = "\n".join(["Strikes overnight", "Kharkiv: two injured", "Sumy: a house damaged",
                         "Odesa: port hit", "Kherson: shelling", "Nikopol: drones",
                         "Zaporizhzhia: glide bombs", "Dnipro: no casualties",
                         "Lviv: power cut", "Kyiv: debris fell"])
    assert clean_text(summary) == summary
