"""Reading articles from ``.txt`` and ``.jsonl`` files (a generator, one record at a time); web
pages and feeds are read by ``kg.web_sources``.

Every problem with one input is a ``Rejected`` item carrying a one-line reason that names the
file (and line, for JSONL); the caller reports it and goes on with the rest of the batch.

Decisions: text must be UTF-8 (a byte-order mark is dropped); anything else is rejected with the
offset of the first bad byte, not guessed (a UTF-16 file is named as such). Data with many NUL
bytes, or NULs in bytes that are not UTF-8, is binary and rejected. Control characters other than
tab and newlines are removed (C0 and C1; NEL becomes a line break), a lone surrogate becomes
U+FFFD, CRLF and CR become LF. Text that is an HTML document is reduced to its visible text.
Only regular files are read (a FIFO or device named ``x.txt`` would block or never end).
In a ``.jsonl`` file each line stands alone: a bad line is rejected, the next one is read; raw
control characters inside JSON strings are accepted (and then removed like any other). An object
spread over several lines (pretty-printed) is rejected once, saying a line holds one object. A
key the reader does not know (``"date"`` for ``"published"``) is reported through ``on_warning``
once per file, with the known key it most likely means.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import json
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kg.html_text import looks_like_html, html_to_text
from kg.records import Article

TEXT_SUFFIXES = (".txt", ".jsonl")
PAGE_SUFFIXES = (".html", ".htm")  # kg.web_sources
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # kg.web_sources
SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES + FEED_SUFFIXES
WRONG_TYPE = "not an article file (" + ", ".join(SUFFIXES) + ")"
JSONL_KEYS = ("id", "text", "title", "url", "published")
#: Keys other feeds use for ours, beyond what difflib finds close in spelling.
_KEY_SYNONYMS = {
    "date": "published", "pubdate": "published", "pub_date": "published", "datetime": "published",
    "time": "published", "timestamp": "published", "created": "published", "issued": "published",
    "body": "text", "content": "text", "article": "text", "headline": "title", "name": "title",
    "link": "url", "href": "url", "source": "url", "identifier": "id", "guid": "id", "uid": "id",
}
Warn = Callable[[str], None]
MAX_BYTES = 50_000_000  # one file; larger ones are refused rather than read into memory
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Rejected:
    """An input that was not read; ``reason`` is the one-line message."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters, replace lone surrogates, join lines wrapped
    at a fixed width back into their sentences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if looks_like_html(text):
        text = html_to_text(text)
    return unwrap_lines(text)


# a line that ends a sentence (or a heading, a quote, a list item's clause)
_LINE_END = re.compile(r"[.!?:;\"\u201d\u2019)\]]\s*$")
WRAP_WIDTH = 100  # hard-wrapped copy has no line longer than this


def unwrap_lines(text: str) -> str:
    """Text hard-wrapped at a fixed width (wire copy, e-mail: at least eight lines, none longer
    than ``WRAP_WIDTH``, most of them ending inside a sentence) has its sentences joined back:
    a line break inside a sentence becomes a space, so no offset moves; a break after a
    sentence's end, and a blank line, stay. Other text is returned as it is."""
    lines = text.split("\n")
    full = [line.rstrip() for line in lines if line.strip()]
    if len(full) < 8 or max(map(len, full)) > WRAP_WIDTH or \
            sorted(map(len, full))[len(full) // 2] < WRAP_WIDTH // 3:
        return text
    inside = [bool(a.strip() and b.strip() and not _LINE_END.search(a))
              for a, b in zip(lines, lines[1:])]
    pairs = sum(bool(a.strip() and b.strip()) for a, b in zip(lines, lines[1:]))
    if sum(inside) * 2 <= pairs:
        return text
    return "".join(line + (" " if joined else "\n")
                   for line, joined in zip(lines, inside)) + lines[-1]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF16 = "not UTF-8 text (UTF-16, by its byte-order mark)"


def binary_data(data: bytes) -> bool:
    """NUL bytes in data that is not UTF-8, or more than one byte in ten a NUL: not text.

    A stray NUL in real text is removed by ``clean_text``; UTF-16 text (every other byte NUL),
    images, archives and zero-filled files are binary.
    """
    head = data[:8192]
    nuls = head.count(b"\x00")
    if not nuls:
        return False
    if nuls * 10 > len(head):
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return True
    return False


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Files to read, in a stable order: folders recursively (other file types ignored)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Rejected(str(raw), "no such file or directory")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                           and p.is_file() and not any(part.startswith(".") for part in
                                                      p.relative_to(path).parts))
            yield from found
        elif path.suffix.lower() not in SUFFIXES:
            yield Rejected(str(raw), WRONG_TYPE)
        elif not path.is_file():
            yield Rejected(str(raw), "not a regular file")
        else:
            yield path


def read_bytes(path: Path) -> bytes | Rejected:
    """The file's bytes, or why they cannot be read (not a regular file, too large, an OS
    error)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Rejected(str(path), "not a regular file")
        size = info.st_size
        if size > MAX_BYTES:
            return Rejected(str(path), f"file too large ({size} bytes; limit {MAX_BYTES})")
        return path.read_bytes()
    except OSError as error:
        return Rejected(str(path), f"cannot read: {error.strerror or error}")


def read_txt(path: Path) -> Article | Rejected:
    data = read_bytes(path)
    if isinstance(data, Rejected):
        return data
    if data[:2] in _UTF16_BOMS:
        return Rejected(str(path), _UTF16)
    if binary_data(data):
        return Rejected(str(path), "binary data, not text")
    try:
        text = clean_text(_decode(data))
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        return Rejected(str(path), f"not UTF-8 text (invalid byte at offset {offset})")
    if not text.strip():
        return Rejected(str(path), "empty text")
    return Article(identifier=path.stem, text=text, source=str(path))


def _parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("'published' must be an ISO 8601 date string")
    try:  # a date, or a date-time (with an offset or Z): its day where it was published
        return datetime.fromisoformat(value).date() if len(value) > 10 else \
            date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'published' is not an ISO 8601 date: {value[:40]!r}") from None


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    value = clean_text(value).strip()
    return value or None


def suggest_key(key: str) -> str | None:
    """The JSONL key an unknown ``key`` most likely stands for, if any."""
    folded = key.strip().lower()
    if folded in _KEY_SYNONYMS:
        return _KEY_SYNONYMS[folded]
    close = difflib.get_close_matches(folded, JSONL_KEYS, n=1, cutoff=0.6)
    return close[0] if close else None


def _warn_unknown_keys(record, path: Path, number: int, warned: set[str],
                       on_warning: Warn | None) -> None:
    if on_warning is None or not isinstance(record, dict):
        return
    for key in record:
        if key in JSONL_KEYS or key in warned:
            continue
        warned.add(key)
        suggestion = suggest_key(str(key))
        hint = f"did you mean '{suggestion}'?" if suggestion else \
            "known keys: " + ", ".join(JSONL_KEYS)
        on_warning(f"{path}:{number}: unknown key '{key}' ignored ({hint})")


SPREAD_LINES = 2_000  # how far a pretty-printed object is looked for


def _spread_object(lines: list[bytes], start: int, closing: list[int]) -> int | None:
    """If a pretty-printed JSON object starts at ``lines[start]`` and ends at the next line that
    is only a closing brace (``closing``: their indices, sorted; within ``SPREAD_LINES``), the
    index of that line; else None."""
    at = bisect.bisect_right(closing, start)
    if at == len(closing) or closing[at] - start > SPREAD_LINES:
        return None
    end = closing[at]
    try:
        json.loads(b"\n".join(lines[start:end + 1]).decode("utf-8"), strict=False)
    except (ValueError, RecursionError):
        return None
    return end


def read_jsonl(path: Path, on_warning: Warn | None = None) -> Iterator[Article | Rejected]:
    """One record a line. Lines are split at LF only (a raw U+2028 inside a JSON string is
    text, not a line break), and each line is decoded on its own, so a bad line costs only
    itself."""
    data = read_bytes(path)
    if isinstance(data, Rejected):
        yield data
        return
    if data[:2] in _UTF16_BOMS:
        yield Rejected(str(path), _UTF16)
        return
    if binary_data(data):
        yield Rejected(str(path), "binary data, not text")
        return
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    lines = data[offset:].split(b"\n")
    warned: set[str] = set()
    skip_to = 0
    closing: list[int] | None = None  # lines that are only a closing brace, found when needed
    for number, raw in enumerate(lines, start=1):
        base = offset
        offset += len(raw) + 1
        if number <= skip_to:
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Rejected(str(path), f"not UTF-8 text (invalid byte at offset "
                                      f"{base + error.start})", number)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line, strict=False)  # raw tabs or controls in strings
        except json.JSONDecodeError as error:
            # a pretty-printer puts the opening brace on a line of its own
            if closing is None:
                closing = [i for i, text in enumerate(lines) if text.rstrip() in (b"}", b"]")]
            last = (_spread_object(lines, number - 1, closing) if line.strip() in ("{", "[")
                    else None)
            if last is not None:
                skip_to = last + 1
                yield Rejected(str(path), f"a JSON object spread over lines {number}-{skip_to}: "
                               "a .jsonl file holds one JSON object per line (compact it, "
                               "e.g. with jq -c .)", number)
                continue
            yield Rejected(str(path), f"malformed JSON: {error.msg} (column {error.colno})",
                           number)
            continue
        except RecursionError:
            yield Rejected(str(path), "malformed JSON: nested too deeply", number)
            continue
        _warn_unknown_keys(record, path, number, warned, on_warning)
        try:
            yield _article_from_record(record, path, number)
        except ValueError as error:
            yield Rejected(str(path), str(error), number)


def _article_from_record(record, path: Path, number: int) -> Article:
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    identifier, text = record.get("id"), record.get("text")
    if identifier is None or identifier == "":
        raise ValueError("missing 'id'")
    if isinstance(identifier, int) and not isinstance(identifier, bool):
        identifier = str(identifier)
    if not isinstance(identifier, str):
        raise ValueError("'id' must be a string")
    identifier = clean_text(identifier).strip()
    if not identifier:
        raise ValueError("missing 'id'")
    if text is None:
        raise ValueError("missing 'text'")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    text = clean_text(text)
    if not text.strip():
        raise ValueError("empty text")
    return Article(identifier=identifier, text=text, title=_optional_str(record, "title"),
                   url=_optional_str(record, "url"),
                   published=_parse_date(record.get("published")),
                   source=str(path), line=number)


def _records(path: Path, on_warning: Warn | None = None) -> Iterable[Article | Rejected]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, on_warning)
    if suffix in PAGE_SUFFIXES:
        from kg.web_sources import read_page

        return [read_page(path)]
    if suffix in FEED_SUFFIXES:
        from kg.web_sources import read_feed

        return read_feed(path)
    return [read_txt(path)]


def read_sources(paths: Iterable[str | Path],
                 on_warning: Warn | None = None) -> Iterator[Article | Rejected]:
    """Every article in ``paths``; problems as ``Rejected``. A repeated id is rejected.
    ``on_warning`` receives one line for what is read but looks wrong (an unknown JSONL key)."""
    seen: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        records = _records(item, on_warning)
        for record in records:
            if isinstance(record, Article):
                where = f"{record.source}:{record.line}" if record.line else str(record.source)
                if record.identifier in seen:
                    yield Rejected(str(record.source),
                                   f"duplicate id {record.identifier!r} (first in "
                                   f"{seen[record.identifier]})", record.line)
                    continue
                seen[record.identifier] = where
            yield record
