"""Quotation marks: where the quotations of an article begin and end.

``find_quotes(text)`` finds every quotation (curly or straight double quotes, « »), in order. A
quotation left open at the end of a paragraph runs on into the next one when that paragraph opens
with a new quotation mark, or when its first mark closes the quotation (“…\n…,” the statement
read.); otherwise it ends with its paragraph. Single quotes inside stay part of the text; an
article that prints no double mark at all quotes with single ones, and those are read instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.rules import rule

OPENERS = "“«„"  # „…“ as Ukrainian and German outlets print them
CLOSERS = "”»"
SINGLES = "'‘’"  # quotation marks only in an article that prints no double ones
GLUE = '.!?,;"”'  # a sentence or quotation ending right before a new one opens
_MARKS = re.compile("[" + re.escape(OPENERS + CLOSERS + '"') + "]")  # the only characters read


_BLANKED = re.compile(r" {3,}")  # a blanked editor's note (or layout spacing): one space


@dataclass(frozen=True)
class Quote:
    """A quotation: the offsets of its marks and of its text (several parts when it runs across
    paragraphs)."""

    open: int
    close: int  # offset of the closing mark (or of the end of text when it is never closed)
    parts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    def text(self, full: str) -> str:
        """The quoted words; an editor's note blanked inside them
        (``kg.nlp.pipeline.reading_text``) reads as one space."""
        return _BLANKED.sub(" ", "\n".join(full[s:e] for s, e in self.parts))


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order. An article that prints no double quotation mark
    quotes with single ones ('I was just sleeping,' she said): those are read instead."""
    full = text
    if single_marked(text):
        text = _singles_as_doubles(text)
    quotes: list[Quote] = []
    first_open, parts, seg = None, [], None  # the open quotation, its finished parts, part start
    inner: set[int] = set()  # closing marks of words quoted inside a quotation
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        k = start + len(line) - len(line.lstrip())
        if first_open is not None:  # a quotation left open at the end of the last paragraph
            if text[k] in OPENERS + '"':
                seg, k = k + 1, k + 1
            elif _closes_first(line):
                seg = k  # it goes on without a new opening mark and closes here: “…\n… ,” X said.
            else:
                quotes.append(Quote(first_open, parts[-1][1], tuple(parts)))
                first_open, parts, seg = None, [], None
        for mark in _MARKS.finditer(text, k, end):  # the marks only: no loop over every letter
            k = mark.start()
            c = text[k]
            before = text[k - 1] if k > start else " "
            after = text[k + 1] if k + 1 < end else " "
            if first_open is None:
                opens = c in OPENERS or (c == '"' and (before.isspace() or before in "([—–-/:"))
                # a quotation glued to the sentence before it: …on Wednesday."The enemy…
                opens = opens or (c == '"' and before in GLUE and after.isupper())
                opens = opens or (c in CLOSERS and before.isspace() and after.isalnum())
                if opens:
                    first_open, seg = k, k + 1
            elif c == '"' and before == " " and after.isupper() and k >= 2 and \
                    text[k - 2] in ".!?":
                continue  # "Probably, … as well. "Actually, …," the mayor said: a mark opening
                # the next sentence again inside an open quotation, not its end
            elif k in inner:
                continue
            elif c == '"' and before.isspace() and after.isalnum() and \
                    (inner_close := _inner_close(text, k, end)) is not None:
                inner.add(inner_close)  # "… 38 "shaheds" were shot down …," the Air Force
                continue  # said: a word quoted inside the quotation, which goes on
            elif c in CLOSERS or c == '"' or (c == "“" and not after.isalnum() and not before.isspace()):
                parts.append((seg, k))
                quotes.append(Quote(first_open, k, tuple(parts)))
                first_open, parts, seg = None, [], None
        if first_open is not None:
            parts.append((seg, start + len(line.rstrip())))
    if first_open is not None:
        quotes.append(Quote(first_open, parts[-1][1], tuple(parts)))
    return [q for q in quotes if any(re.search(r"\w", full[s:e]) for s, e in q.parts)]


def _inner_close(text: str, k: int, end: int) -> int | None:
    """The mark closing a short quoted phrase that opens at ``k`` inside a quotation (one to
    three words, then a space and the quotation going on in lower case): its offset."""
    close = text.find('"', k + 1, min(end, k + 40))
    if close < 0 or len(text[k + 1:close].split()) > 3 or close + 2 >= end:
        return None
    if text[close + 1] == " " and text[close + 2].islower():
        return close
    # "… they were also attacking with "kamikaze drones". Three UAVs struck the city," he said:
    # the phrase ends a sentence of the quotation, whose own mark closes it later in the line
    if text[close + 1] in ".,;:" and text.find('"', close + 1, end) > 0 and \
            rule("quotes.phrase-quoted-inside"):
        return close
    return None


def single_marked(text: str) -> bool:
    """The article quotes with single marks: it prints no double quotation mark."""
    return not _MARKS.search(text)


def _singles_as_doubles(text: str) -> str:
    """``text`` with its single quotation marks as double ones, character for character: a
    mark opens after a space or a paragraph start and before a word, and closes after a
    word or punctuation and before no letter; an apostrophe ("Kyiv's", "don't") stays."""
    out, open_ = list(text), False
    for k, c in enumerate(text):
        if c == "\n":
            open_ = False  # a mark left open opens again in the next paragraph, if at all
        if c not in SINGLES:
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if not open_ and c in "'‘" and (before.isspace() or before in "([—–:") and \
                (after.isalnum() or after in "…["):
            out[k], open_ = "“", True
        elif open_ and c in "'’" and not before.isspace() and not after.isalnum():
            out[k], open_ = "”", False
    return "".join(out)


def _closes_first(line: str) -> bool:
    """Whether the first quotation mark of a paragraph closes a quotation (a mark after a word or
    punctuation and before a space, a comma or the end), so the paragraph goes on with the
    quotation the last one left open: “They are our defenders,” the statement read."""
    for n, c in enumerate(line):
        if c in OPENERS:
            return False
        if c in CLOSERS + '"':
            before, after = line[n - 1:n], line[n + 1:n + 2]
            return bool(before) and not before.isspace() and (not after or not after.isalnum())
    return False


def doc_quotes(doc) -> list[Quote]:
    """``find_quotes`` of the doc's text, found once per doc (people and quotes both ask)."""
    from kg.extract.doc_text import doc_text

    found = doc.user_data.get("sg_quotes")
    if found is None:
        found = doc.user_data["sg_quotes"] = find_quotes(doc_text(doc))
    return list(found)
