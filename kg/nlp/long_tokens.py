"""A tokenizer guard: a very long run of characters without white space becomes one token.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-free run one character at a
time, and each step copies the rest of the run, so a run of punctuation or emoji costs time
growing with the square of its length or worse (measured with spaCy 3.8: 2,000 ``!`` take 1 s,
8,000 take 22 s; 200,000 would take hours). No fact is ever read from such a run, so a run of
``LIMIT`` characters or more is kept whole as a single token. The text is never changed: the
Doc's text, and so every character offset, is exactly the input.
"""

from __future__ import annotations

import re

LIMIT = 500  # characters; URLs and other real tokens are shorter


class LongTokenGuard:
    """Wraps a spaCy tokenizer; ``nlp.tokenizer = LongTokenGuard(nlp.tokenizer)``."""

    def __init__(self, tokenizer, limit: int = LIMIT):
        self.tokenizer = tokenizer
        self.limit = limit
        self.pattern = re.compile(r"\S{%d,}" % limit)

    def __call__(self, text: str):
        if len(text) < self.limit or self.pattern.search(text) is None:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        vocab = self.tokenizer.vocab
        docs, start = [], 0
        for match in self.pattern.finditer(text):
            if match.start() > start:
                docs.append(self.tokenizer(text[start:match.start()]))
            end = match.end()
            space = text[end:end + 1] == " "  # spaCy keeps one following space on the token
            docs.append(Doc(vocab, words=[match.group()], spaces=[space]))
            start = end + space
        if start < len(text):
            docs.append(self.tokenizer(text[start:]))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        assert doc.text == text
        return doc

    def __getattr__(self, name):  # pipe, vocab, rules, to_bytes … of the wrapped tokenizer
        return getattr(self.tokenizer, name)
