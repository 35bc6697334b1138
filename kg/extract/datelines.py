"""Datelines: the place a report was filed from, opening its body ("KYIV (Reuters) - …",
"Kyiv: Russia has launched …", "Kiev, Oct. 25, (dpa/GNA) - …"). The place is neither struck
nor an attacker."""

from __future__ import annotations

from kg.extract.dates import MONTH_WORDS
from kg.extract.doc_text import doc_lowers, doc_text, doc_tokens, sentence_of, tokens_text
from kg.extract.rules import rule
from kg.nlp.pipeline import DATELINE_DASHES as _DASHES


def line_start(doc, start: int) -> bool:
    """The token at ``start`` opens a line (or the text)."""
    before = start > 0 and doc_tokens(doc)[start - 1]  # made once per run, not per ask
    return start == 0 or "\n" in before.text or "\n" in before.whitespace_


def is_dateline(doc, start: int, end: int) -> bool:
    """"KYIV/MOSCOW, April 5 -", "DNIPRO —": the place a report was filed from."""
    text = tokens_text(doc, start, end)
    if not text.isupper() or len(text) < 3:
        return _name_dateline(doc, start, end) or _dated_dateline(doc, start, end)
    return line_start(doc, start) or doc[start - 1].text == "/" or \
        _agency_follows(doc, end)


def _agency_follows(doc, end: int) -> bool:
    """"Reuters: KYIV (Reuters) - …": the capitals followed by the agency in brackets and a dash
    are the dateline wherever the line starts."""
    return end + 3 < len(doc) and doc[end].text == "(" and doc[end + 1].text[:1].isupper() and \
        doc[end + 2].text == ")" and doc[end + 3].text in _DASHES and \
        bool(rule("places.dateline-agency"))


def _name_dateline(doc, start: int, end: int) -> bool:
    """"Kyiv: Russia has launched attacks on …" opening the article, or the line after its
    headline: the place the report was filed from (a summary's "Kostiantynivka: 2 killed" or
    "Kostiantynivka: A shell hit a house" opens a list item after sentences)."""
    if not line_start(doc, start) or end + 1 >= len(doc) or \
            doc[end].text not in (":", "—", "–") or not doc[end + 1].is_alpha or \
            not doc[end + 1].text[:1].isupper() or doc[end + 1].text[:1].isdigit() or \
            not _opens_body(doc_text(doc)[:doc[start].idx].strip()):
        return False
    if doc[end + 1].like_num:  # "Kiev : Five people have been killed … in Russian attacks
        # against Ukraine", a whole sentence; not a list item's "Kostiantynivka: Two killed"
        return any(t.pos_ == "AUX" for t in sentence_of(doc, end + 1)) and \
            bool(rule("places.dateline-number-word"))
    return bool(rule("places.dateline"))


def _dated_dateline(doc, start: int, end: int) -> bool:
    """"Kiev, Oct. 25, (dpa/GNA) - Falling wreckage …", "Kyiv, Ukraine, March 3 — …" opening
    the body: the place and date the report was filed from, then a dash; "Kyiv, March 3, was
    hit by drones" has no dash and is news."""
    if not line_start(doc, start) or \
            not _opens_body(doc_text(doc)[:doc[start].idx].strip()):
        return False
    lowers = doc_lowers(doc)
    k, stop = end, min(len(doc), end + 12)
    while k < stop and lowers[k].rstrip(".") not in MONTH_WORDS:
        if not (doc[k].text == "," or doc[k].is_title):  # ", Ukraine,"
            return False
        k += 1
    if k >= stop or k + 1 >= len(doc) or not doc[k + 1].like_num:
        return False
    k += 2
    while k < stop and doc[k].text not in _DASHES:
        if doc[k].text == "\n" or doc[k].pos_ == "VERB":
            return False
        k += 1
    return k < stop and bool(rule("places.dateline-dated"))


def _opens_body(before: str) -> bool:
    """Nothing comes before, or only a headline."""
    return not before or is_headline(before)


def is_headline(text: str) -> bool:
    """``text`` (stripped) is a headline: one line, with no full stop at its end."""
    return bool(text) and "\n" not in text and not text.endswith((".", "!", "?", ":"))


def dateline_alone(doc, mentions) -> None:
    """"DNIPRO, Ukraine — Two hours after a Russian missile smashed into a Ukrainian apartment
    complex on Saturday, stunning the city …": where the article names no place but the city it
    was filed from and countries, the dateline's city is where the story happens, and may be
    struck as any place is (GOLD.md: the settlement the text says was struck). ``mentions``:
    the article's place mentions, resolved."""
    datelines = [m for m in mentions if m.role and m.place is not None and
                 m.place.kind == "settlement" and is_dateline(doc, m.start, m.end)]
    if len(datelines) != 1 or any(
            not m.role and m.place is not None and m.place.kind != "country"
            and m.place.id != datelines[0].place.id for m in mentions):
        return
    if rule("places.dateline-alone"):
        datelines[0].role = False
