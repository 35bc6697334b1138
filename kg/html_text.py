"""Visible text of an HTML document given where plain text was expected (standard library only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_TAG = re.compile(r"</?(p|div|br|span|a|h[1-6]|li|ul|article|section)\b[^>]*>", re.I)
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article",
          "section", "header", "footer", "blockquote", "title"}
_SPACE = re.compile(r"\s+")
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


def looks_like_html(text: str) -> bool:
    """An HTML document, or text with many block tags."""
    if _HTML_START.match(text[:200]):
        return True
    return len(_TAG.findall(text[:20000])) >= 5


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:  # a line break in the source is a space: only blocks break lines
            self.parts.append(_SPACE.sub(" ", data))


def html_to_text(html: str) -> str:
    """Paragraphs of visible text, one a line; scripts, styles and the head dropped."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
