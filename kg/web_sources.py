"""Reading web pages (``.html``, ``.htm``) and feeds (``.rss``, ``.atom``, ``.xml``) into articles.

A page is one article, identified like a ``.txt`` file by its base name. Its main text, title,
publication date, canonical URL and site name come from ``trafilatura``, which is made for news
pages: navigation, advertisements, captions, bylines and related-link lists are left out, and a
page without an article body is rejected (no fallback that would read its menus instead). The
date is the one the page states for itself (its metadata, then its visible dates), never a date
guessed from any number in the text.

A feed gives one article per entry, with ``feedparser`` (RSS 0.9x–2.0, RSS 1.0, Atom 0.3/1.0):
the entry's full content, else its summary, reduced to text; its link, title and publication
date (else its update date, in the entry's own time zone). An entry is identified by its guid
(Atom ``id``), else its link: the identifier is that key made readable (letters and digits, 60
at most) plus the first ten hex digits of its SHA-256, so the same entry read again from a newer
copy of the feed has the same identifier and is skipped when unchanged.

The bytes are given to the parsers as they are: pages and feeds declare their own encoding.
Nothing is fetched: relative links stay relative, and feedparser is handed bytes, never a name.
Problems follow ``kg.sources``: a ``Rejected`` with a one-line reason naming the file (and the
entry's number in the feed).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from kg.html_text import html_to_text
from kg.records import Article
from kg.sources import FEED_SUFFIXES, PAGE_SUFFIXES, Rejected, binary_data, clean_text, read_bytes
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def _plain(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return value or None


def read_page(path: Path) -> Article | Rejected:
    """One web page as an article (see the module's description)."""
    data = read_bytes(path)
    if isinstance(data, Rejected):
        return data
    if binary_data(data):
        return Rejected(str(path), "binary data, not a web page")
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True, fast=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as error:  # noqa: BLE001 — a page the parser cannot read is bad input
        return Rejected(str(path), f"cannot read the web page: {type(error).__name__}")
    text = clean_text(document.text or "") if document is not None else ""
    if not text.strip():
        return Rejected(str(path), "no article text found in the web page")
    return Article(identifier=path.stem, text=text, title=_plain(document.title),
                   url=_web_url(document.url), published=_iso_date(document.date),
                   site=_plain(document.sitename), source=str(path))


def _web_url(value) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    try:
        return value if urlsplit(value).scheme in ("http", "https") and " " not in value else None
    except ValueError:
        return None


def _iso_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def entry_date(entry) -> date | None:
    """The entry's publication date (else its update date) in its own time zone."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw.strip()).date()
            except (TypeError, ValueError, IndexError):
                continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3])
    return None


def entry_identifier(key: str) -> str:
    """A readable, stable identifier for an entry's guid or link.

    >>> entry_identifier("https://wire.example.net/ukraine/2025/04/02/dnipro-missile")
    'wire-example-net-ukraine-2025-04-02-dnipro-missile-c3de2c1f19'
    """
    parts = urlsplit(key) if "://" in key else None
    readable = (parts.netloc + parts.path + ("?" + parts.query if parts.query else "")
                if parts and parts.netloc else key)
    slug = _NOT_WORD.sub("-", readable).strip("-").lower()[:60].rstrip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return value
    return entry.get("summary") or ""


def read_feed(path: Path) -> Iterator[Article | Rejected]:
    """Every entry of an RSS or Atom feed as an article (see the module's description)."""
    data = read_bytes(path)
    if isinstance(data, Rejected):
        yield data
        return
    if binary_data(data):
        yield Rejected(str(path), "binary data, not a feed")
        return
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0]})" if problem else ""
        yield Rejected(str(path), "not an RSS or Atom feed" + detail)
        return
    if not parsed.entries:
        yield Rejected(str(path), "no entries in the feed")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        key = _plain(entry.get("id")) or _plain(entry.get("link"))
        if key is None:
            yield Rejected(str(path), f"entry {number}: no guid or link to identify it")
            continue
        raw = _entry_text(entry)
        text = clean_text(html_to_text(raw) if "<" in raw else raw)
        if not text.strip():
            yield Rejected(str(path), f"entry {number}: empty text")
            continue
        yield Article(identifier=entry_identifier(key), text=text,
                      title=_plain(entry.get("title")), url=_web_url(entry.get("link")),
                      published=entry_date(entry), site=_plain(parsed.feed.get("title")),
                      source=f"{path} (entry {number})")


__all__ = ["read_page", "read_feed", "entry_identifier", "entry_date", "PAGE_SUFFIXES",
           "FEED_SUFFIXES"]
