"""The text around a quotation: token to quote and paragraph maps, sentence ends outside
quotes, and the frames of words before and after a quote (``QuoteFrames``, the base of the
quote reader in ``kg.extract.quotes``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract.doc_text import doc_text, doc_tokens, token_bounds
from kg.extract.quote_marks import CLOSERS, OPENERS, SINGLES, Quote, doc_quotes
from kg.records import Actor

TERMINAL = {".", "!", "?"}


@dataclass
class Said:
    """An attribution found for a quote."""

    speakers: list[Actor]
    how: str  # post, pre, clause, continuation, lead-in, source
    extra: list[tuple[int, int]] = field(default_factory=list)  # other evidence spans


class QuoteFrames:
    def __init__(self, doc, index, lex):
        self.doc, self.index, self.lex, self.text = doc, index, lex, doc_text(doc)
        self.quotes = doc_quotes(doc)
        self.fired: list[str] = []
        self.starts, ends = token_bounds(doc)  # read once per run, not a Token per word
        self.quote_of = [-1] * len(doc)  # token -> index of the quote holding it (marks included)
        for n, q in enumerate(self.quotes):
            a, b = self.token_at(q.open), self.token_at(q.close)
            for i in range(a, b + 1):
                self.quote_of[i] = n
        # token -> paragraph number: the line breaks before the token's end
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        self.para = [bisect.bisect_left(breaks, end) for end in ends]

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def terminal(self, t) -> bool:
        """A sentence end outside quotes ("on X." is one token)."""
        if t.text in TERMINAL:
            return True
        if t.text[-1] != "." or self.quote_of[t.i] != -1:
            return False
        nxt = t.i + 1
        while nxt < len(self.doc) and self.doc[nxt].is_space:
            nxt += 1
        return nxt >= len(self.doc) or self.doc[nxt].is_sent_start or self.para[nxt] != self.para[t.i] \
            or self.quote_of[nxt] != -1 and self.quote_of[nxt] != self.quote_of[nxt - 1] \
            and self.doc[nxt].text[:1] in OPENERS + '"'  # "… on X. “B”": a new sentence opens

    def words(self, tokens) -> list:
        return [t for t in tokens if not t.is_space and not t.is_punct]

    # frames: the words of the sentence around a quote, outside any quote
    def pre_frame(self, q: Quote) -> list:
        i, out = self.token_at(q.open) - 1, []
        para = self.para[i + 1]
        while i >= 0 and len(out) < 60:
            t = self.doc[i]
            if self.para[i] != para or self.quote_of[i] != -1 or self.terminal(t):
                break
            out.append(t)
            i -= 1
        return [t for t in reversed(out) if not t.is_space]

    def post_frame(self, q: Quote) -> list:
        i, out = self.token_at(q.close) + 1, []
        if i >= len(self.doc) or self.text[q.close] not in CLOSERS + OPENERS + SINGLES + '"':
            return []  # never closed; an opening mark that closes ("…injured,“ X said") does
        para = self.para[i - 1]
        while i < len(self.doc) and len(out) < 40:
            t = self.doc[i]
            if self.para[i] != para or self.quote_of[i] != -1:
                break
            if self.terminal(t):
                if t.text not in TERMINAL:
                    out.append(t)  # "wrote on X."
                break
            out.append(t)
            i += 1
        out = [t for t in out if not t.is_space]
        inner = q.text(self.text).rstrip()
        first = next((t for t in out if not t.is_punct), None)
        if inner[-1:] in TERMINAL | {"…"} and (out and out[-1].text == ":" or len(self.words(out)) > 6
                                               and not (first is not None and first.text.islower())):
            return []  # a new sentence, not an attribution (nor the lead-in of the next quote)
        return out

    def sentence_before(self, i: int) -> list:
        """The words of the sentence before token ``i`` (outside quotes)."""
        _tok = doc_tokens(self.doc)
        j = i - 1
        while j >= 0 and (_tok[j].is_space or _tok[j].text in TERMINAL or self.quote_of[j] != -1
                          and _tok[j].text in CLOSERS + '"'):
            j -= 1
        out = []
        while j >= 0 and len(out) < 80 and not self.terminal(_tok[j]):
            if self.quote_of[j] == -1:
                out.append(_tok[j])
            j -= 1
        return list(reversed(out))
