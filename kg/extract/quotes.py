"""Direct quotes and who said them.

``extract_statements(doc, people)`` attributes each quotation (``quote_marks.find_quotes``) to a
speaker from the ``PeopleIndex``:

1. a speech verb right after the quote (“…,” he added / said Olena Mykhailenko / according to X /
   the Main Directorate of the National Police in the Poltava region said);
2. a speech verb before it in the same sentence (X wrote on Telegram: “…” / X said that “…” /
   …, adding that “…” / it was reported by X), its subject or agent found in the dependency
   parse (a subject inside a quote is not it; "who said" speaks for the noun it hangs on); a
   reporting clause closing the sentence after a comma (“…” of the region, Governor Y stated); a
   bare name before a colon (Acting Mayor X: “…” / Quote from X: “…”);
3. the subject of the clause that holds the quote (Trump called the talks "good");
4. a quote standing alone: the sentence right after it that says who said "this" (“…” This was
   reported by X.), the previous speaker's quote it continues, a lead-in ending in a colon, a
   "Source:" line, or a sentence whose main verb is a speech verb with a named subject (The
   ministry said the drone fell in a field. “No one was hurt.”).

"The statement said", "the post reads", "X's press service said" give the words to their author:
the organization or person named in the phrase, else whoever spoke in the sentences just before.

A quotation that goes straight on from the same speaker's last one — in the same sentence, or in
the same paragraph right after that quote's attribution (“A,” he said. “B.”) — is one statement
with it (GOLD.md); a quotation in a new paragraph with its own attribution is another. A quoted
figure (“357 times”) is no statement. Quotes whose speaker is not a named person or organization
("reported officials") are dropped. A quote a news outlet relays belongs to the outlet unless the
same sentence names who said it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract import people as _people
from kg.extract.quote_marks import CLOSERS, OPENERS, Quote, find_quotes
from kg.extract.rules import rule
from kg.records import Actor, Evidence, Statement

TERMINAL = {".", "!", "?"}
LABELS = {"quote", "quotes", "quotation", "statement", "details"}
NOMINAL = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADV", "ADP", "CCONJ"}
CONNECTIVES = {"and", "that", "but", "or", "while", "adding", "then"}
FIGURE = re.compile(r"\W*\d[\d.,]*\s*[^\W\d]*\W*")  # “357 times”, “20%”
DOCUMENTS = {"statement", "report", "post", "message", "release", "summary", "update", "readout",
             "communique", "announcement"}  # "the statement said": the words of its author


@dataclass
class _Said:
    """An attribution found for a quote."""

    speakers: list[Actor]
    how: str  # post, pre, clause, continuation, lead-in, source
    extra: list[tuple[int, int]] = field(default_factory=list)  # other evidence spans


class _Reader:
    def __init__(self, doc, index, lex):
        self.doc, self.index, self.lex, self.text = doc, index, lex, doc.text
        self.quotes = find_quotes(self.text)
        self.fired: list[str] = []
        offsets = doc.to_array(["IDX", "LENGTH"])  # one pass in C, not a Token per word
        self.starts = offsets[:, 0].tolist()
        self.quote_of = [-1] * len(doc)  # token -> index of the quote holding it (marks included)
        for n, q in enumerate(self.quotes):
            a, b = self.token_at(q.open), self.token_at(q.close)
            for i in range(a, b + 1):
                self.quote_of[i] = n
        # token -> paragraph number: the line breaks before the token's end
        breaks = [i for i, c in enumerate(self.text) if c == "\n"]
        self.para = [bisect.bisect_left(breaks, start + length)
                     for start, length in offsets.tolist()]

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
        if i >= len(self.doc) or self.text[q.close] not in CLOSERS + '"':
            return []
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
        j = i - 1
        while j >= 0 and (self.doc[j].is_space or self.doc[j].text in TERMINAL or self.quote_of[j] != -1
                          and self.doc[j].text in CLOSERS + '"'):
            j -= 1
        out = []
        while j >= 0 and len(out) < 80 and not self.terminal(self.doc[j]):
            if self.quote_of[j] == -1:
                out.append(self.doc[j])
            j -= 1
        return list(reversed(out))

    # speakers
    def is_speech(self, t) -> bool:
        return t.tag_.startswith("VB") and t.lemma_.lower() in self.lex.speech

    def subject(self, verb, depth: int = 0):
        """The subject of ``verb`` outside any quote (a word inside one the parse took for the
        subject of "… Evacuate!" - stated X, is not it); for "who said" in a relative clause, the
        noun the clause hangs on ("the US envoy, X, who said")."""
        for child in verb.children:
            if child.dep_ in _people.SUBJECT_DEPS and self.quote_of[child.i] == -1:
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and verb.head is not verb:
                    return verb.head
                return child
        if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl") \
                and verb.head is not verb:
            return self.subject(verb.head, depth + 1)
        return None

    def speakers_in(self, tokens, previous: _Said | None, prev_end: int) -> list[Actor] | None:
        """The actors a noun phrase names: several when coordinated, [] when it names nobody."""
        tokens = [t for t in tokens if not t.is_space]
        if not tokens:
            return []
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        clusters = self.index.clusters_in(start, end)
        if clusters:
            inside = {t.i for t in tokens}
            root = self.doc[tokens[0].i:tokens[-1].i + 1].root
            heads, todo = [], [root]
            while todo:  # the root and its conjuncts: "the EU, the UN and NATO"
                node = todo.pop(0)
                heads.append(node)
                todo.extend(c for c in node.children if c.dep_ == "conj" and c.i in inside)
            heads += [c for node in heads for c in node.children if c.dep_ == "appos" and c.i in inside]
            out = []
            for node in heads:
                for c in self.index.clusters_in(node.idx, node.idx + len(node.text)):
                    if c.actor not in out:
                        out.append(c.actor)
            if out:
                return out
            if root.lemma_.lower() in DOCUMENTS | LABELS or root.i > 0 and self.doc[root.i - 1].lower_ == "press":
                orgs = [c for c in clusters if c.kind == "organization"]  # "the ministry's statement
                return [(orgs or clusters)[0].actor]  # said", "the press service of the X said"
            if root.pos_ == "NOUN":
                if root.tag_ == "NN":  # "Turkey's top diplomat Hakan Fidan": the title's name
                    for c in clusters:
                        named = [m for m in c.mentions if root.idx < m.start < end and m.start >= start]
                        if c.kind == "person" and named and \
                                self.doc[self.token_at(named[0].start) - 1].pos_ != "ADP":
                            return [c.actor]
                return []  # "European Union foreign ministers": unnamed people
            persons = [c for c in clusters if c.kind == "person"]
            return [(persons or clusters[-1:])[0].actor]
        heads = [t for t in tokens if t.lemma_.lower() in DOCUMENTS and t.pos_ == "NOUN"]
        if heads and heads[-1].i == self.doc[tokens[0].i:tokens[-1].i + 1].root.i:
            author = self.last_speaker(tokens[0].i, start)  # "the statement said": its author
            if author:
                return author
            author = self.index.latest_before(start, 400)
            return [author.actor] if author else []
        pronouns = [t for t in tokens if t.lower_ in _people.PRONOUN_GENDER or t.lower_ in _people.ORG_PRONOUNS]
        if len(self.words(tokens)) == 1 and pronouns:
            pronoun = pronouns[0]
            near = self.index.antecedent(pronoun.idx, pronoun.lower_)
            near_at = max((m.start for m in near.mentions if m.start < pronoun.idx and not m.in_quote),
                          default=-1) if near else -1
            if previous is not None and previous.speakers and pronoun.idx - prev_end < 400 \
                    and near_at < prev_end:  # nobody else named since the last quote
                last = self.index.cluster_of(previous.speakers[-1])
                gender = _people.PRONOUN_GENDER.get(pronoun.lower_)
                if last is not None and (
                        (gender and last.kind == "person" and last.gender in (None, gender))
                        or (not gender and last.kind == "organization")):
                    return [last.actor]
            actor = self.index.resolve(pronoun)
            return [actor] if actor else []
        return []

    def last_speaker(self, i: int, start: int) -> list[Actor]:
        """Who spoke in the latest of the three sentences before token ``i`` whose speech verb
        has a named subject or agent ("X, head of the Y administration, stated this in a post.
        “…,” the post reads": X, not the Y administration named in X's title); outlets that relay
        ("…, Ukrinform reports") only when nobody else spoke."""
        for _ in range(3):
            sentence = self.sentence_before(i)
            if not sentence or start - sentence[0].idx > 600:
                return []
            found = []
            for verb in (t for t in sentence if self.is_speech(t)):
                found += [a for a in self.from_verb(verb, sentence, None, 0) if a not in found]
            speakers = [a for a in found if not self.index.is_media(a)]
            if speakers:
                self.fired.append(rule("speakers.document-author"))
                return speakers
            i = sentence[0].i
        return []

    def from_verb(self, verb, frame, previous, prev_end) -> list[Actor]:
        for agent in (c for c in verb.children if c.dep_ == "agent"):  # "was reported by X"
            span = [t for t in self.doc[agent.i + 1:agent.right_edge.i + 1] if self.quote_of[t.i] == -1]
            found = self.speakers_in(span, previous, prev_end)
            if found:
                return found
        subj = self.subject(verb)
        if subj is not None:
            span = [t for t in self.doc[subj.left_edge.i:subj.right_edge.i + 1]
                    if self.quote_of[t.i] == -1]
            found = self.speakers_in(span, previous, prev_end)
            return self.listed_before(span[0] if span else subj, frame) + found if found else found
        after = []
        for t in frame[frame.index(verb) + 1:] if verb in frame else []:
            if t.text in (",", ":", "that") or t.dep_ == "prep":
                break
            after.append(t)
        return self.speakers_in(after, previous, prev_end)

    def listed_before(self, first, frame) -> list[Actor]:
        """Actors listed before a subject the parse cut short: "The EU, the UN and NATO"."""
        out, i = [], first.i - 1
        lo = frame[0].i if frame else first.i
        while i >= lo:
            j = i
            while j >= lo and self.doc[j].lower_ in (",", "and", "or", "the"):
                j -= 1
            if j == i or j < lo:
                break
            if not out and not any(self.doc[k].lower_ in ("and", "or") for k in range(j + 1, i + 1)):
                break  # "In a speech to the X, Y said": a comma alone lists nobody
            clusters = self.index.clusters_in(self.doc[j].idx, self.doc[j].idx + len(self.doc[j].text))
            if not clusters:
                break
            mention_start = min(m.start for m in clusters[0].mentions
                                if m.start <= self.doc[j].idx < m.end)
            out.insert(0, clusters[0].actor)
            i = self.token_at(mention_start) - 1
        return [a for n, a in enumerate(out) if a not in out[:n]]

    def in_names(self, tokens) -> set[int]:
        """Indexes of the tokens that lie inside a person's or organization's mention."""
        if not tokens:
            return set()
        out = set()
        for cluster in self.index.clusters_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)):
            for m in cluster.mentions:
                out.update(t.i for t in tokens if m.start <= t.idx < m.end)
        return out

    def according(self, frame, previous, prev_end) -> list[Actor] | None:
        for n, t in enumerate(frame[:-2]):
            if t.lower_ == "according" and frame[n + 1].lower_ == "to":
                parts, np = [], []  # "according to the head of the X, Y, “…”": Y in apposition
                for u in frame[n + 2:]:
                    if u.text == ":" or u.text == "," and len(parts) == 1:
                        break
                    if u.text == ",":
                        parts.append(np)
                        np = []
                        continue
                    np.append(u)
                parts.append(np)
                found = self.speakers_in(parts[0], previous, prev_end)
                if not found and len(parts) > 1:
                    found = self.speakers_in(parts[1], previous, prev_end)
                return found
        return None

    def clause_subject(self, q: Quote, previous, prev_end) -> list[Actor]:
        """The subject of the verb governing the quote ("Putin called it a "terrorist act"")."""
        a, b = self.token_at(q.open), self.token_at(q.close)
        inner = [t for t in self.doc[a:b + 1] if not (a <= t.head.i <= b) or t.head is t]
        node = inner[0] if inner else None
        for _ in range(8):
            if node is None or node.head is node:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and not (a <= node.i <= b):
                subj = self.subject(node)
                if subj is not None and self.quote_of[subj.i] == -1:
                    span = [t for t in self.doc[subj.left_edge.i:subj.right_edge.i + 1]
                            if self.quote_of[t.i] == -1]
                    return self.speakers_in(span, previous, prev_end)
        return []

    def attribute(self, q: Quote, pre, post, previous: _Said | None, prev_end: int) -> _Said | None:
        # 1. “…,” he added / said X / according to X
        words = self.words(post)
        named = self.in_names(words)  # words of a name may be tagged as verbs ("Armed Forces")
        for n, t in enumerate(words[:16]):  # long names: "the Main Directorate of the National ..."
            if self.is_speech(t) and t.i not in named:
                if n == 0:
                    return _Said(self.from_verb(t, post, previous, prev_end), "post")
                if all(w.pos_ in NOMINAL or w.dep_ == "amod" or w.i in named for w in words[:n]) \
                        and words[0].tag_ not in ("WDT", "IN", "CC") \
                        and any(w.pos_ in ("NOUN", "PROPN", "PRON") for w in words[:n]):
                    return _Said(self.speakers_in(words[:n], previous, prev_end), "post")
                break
            if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" and t.i not in named:
                break
        said = self.according(post, previous, prev_end)
        if said is not None:
            if said and self.index.is_media(said[0]):
                better = self.pre_speaker(q, pre, previous, prev_end)
                if better and not self.index.is_media(better[0]):
                    return _Said(better, "pre")
            return _Said(said, "post")
        # 2. X said: “…” / X said that “…”
        better = self.pre_speaker(q, pre, previous, prev_end)
        if better is not None:
            return _Said(better, "pre")
        said = self.according(pre, previous, prev_end)
        if said is not None:
            return _Said(said, "pre")
        said = self.trailing(q, previous, prev_end)
        if said:
            self.fired.append(rule("quotes.trailing-attribution"))
            return _Said(said, "trailing")
        if pre and pre[-1].text == ":" and not any(t.pos_ in ("VERB", "AUX") for t in pre):
            said = self.speakers_in(pre[:-1], previous, prev_end)  # "Acting Mayor X: “…”"
            if said:
                return _Said(said, "pre")
        content = [t for t in self.words(pre) if t.lower_ not in LABELS | CONNECTIVES]
        if pre and not content and previous is not None and previous.speakers \
                and pre[0].i > 0 and self.quote_of[pre[0].i - 1] != -1:
            return _Said(previous.speakers, "continuation")  # “…” and that “…”
        # 3. the subject of the clause that holds the quote
        if content:
            found = self.clause_subject(q, previous, prev_end)
            return _Said(found, "clause") if found else None
        # 4. a quote standing alone
        return self.standalone(q, previous, prev_end)

    def trailing(self, q: Quote, previous, prev_end) -> list[Actor]:
        """The reporting clause that closes the quote's sentence after a comma: "“…” in the X
        district, Governor Y stated on social media." / "… for “…” came after …, Y stated." The
        speech verb's subject is a name, and only adverbials follow the verb."""
        rest, i = [], self.token_at(q.close) + 1
        while i < len(self.doc) and len(rest) < 80 and self.para[i] == self.para[i - 1]:
            t = self.doc[i]
            if self.quote_of[i] == -1:
                if self.terminal(t):
                    break
                rest.append(t)
            i += 1
        commas = [n for n, t in enumerate(rest) if t.text == ","]
        if not commas or i >= len(self.doc) and not rest:
            return []
        clause = [t for t in rest[commas[-1] + 1:] if not t.is_space]
        verbs = [n for n, t in enumerate(clause) if self.is_speech(t)]
        if len(verbs) != 1 or verbs[0] == 0 or any(
                t.pos_ in ("VERB", "AUX") for t in clause[verbs[0] + 1:]) or any(
                t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in clause[:verbs[0]]):
            return []
        verb = clause[verbs[0]]
        subj = self.subject(verb)
        if subj is None or subj not in clause[:verbs[0]]:
            return []
        return self.speakers_in(clause[:verbs[0]], previous, prev_end)

    def pre_speaker(self, q, pre, previous, prev_end) -> list[Actor] | None:
        for verb in reversed(pre):
            if self.is_speech(verb):
                return self.from_verb(verb, pre, previous, prev_end)
        return None

    def standalone(self, q: Quote, previous: _Said | None, prev_end: int) -> _Said | None:
        said = self.said_after(q, previous, prev_end)
        if said is not None:
            return said
        gap = self.text[prev_end:q.open]
        if previous is not None and previous.speakers and re.fullmatch(r"[\s.,;:!?…]*", gap) \
                and gap.count("\n") <= 2:
            return _Said(previous.speakers, "continuation")
        # the line before: a lead-in ending in a colon, or "Source: X"
        lines = self.text[:q.open].split("\n")
        if re.fullmatch(r"\s*(\w+:)?\s*", lines[-1]) and len(lines) > 1:  # nothing or "Quote:"
            above = [line for line in lines[-6:-1] if line.strip()]
            line = above[-1] if above else ""
            start = self.text.rfind(line, 0, q.open)
            said = self.from_line(line, start, previous, prev_end)
            if said:
                return said
        said = self.said_before(q, previous, prev_end)
        if said is not None:
            return said
        after = self.text[q.close + 1:].lstrip(" .,")
        if after.startswith("\n"):
            line = after.strip().split("\n")[0]
            if line.startswith("Source:"):
                start = self.text.find(line, q.close)
                return self.from_line(line, start, previous, prev_end)
        line_start = self.text.rfind("\n", 0, q.open) + 1
        if re.fullmatch(r"\s*Quote:\s*", self.text[line_start:q.open]):
            source = self.text.rfind("\nSource:", 0, line_start)  # "Source: X on Telegram" heads
            if source >= 0:  # the report; its "Quote:" lines are X's words
                start = source + 1
                end = self.text.find("\n", start)
                said = self.from_line(self.text[start:end if end >= 0 else None], start,
                                      previous, prev_end)
                if said:
                    self.fired.append(rule("quotes.source-line"))
                    return said
        return None

    def said_after(self, q: Quote, previous, prev_end) -> _Said | None:
        """A quoted sentence followed by a sentence that says who said it, in the same or the next
        paragraph: "“…” This was reported by the X." / "“…” X said this on Telegram." The speech
        verb has "this" (or "that", "so") as its subject or object."""
        if self.text[q.close - 1:q.close] not in TERMINAL | {"…"} and \
                self.text[q.close + 1:q.close + 2] not in TERMINAL:
            return None
        i = self.token_at(q.close) + 1
        while i < len(self.doc) and (self.doc[i].is_space or self.doc[i].text in TERMINAL):
            i += 1
        if i >= len(self.doc) or self.quote_of[i] != -1 or self.para[i] - self.para[i - 1] > 1 \
                or self.text[q.close:self.doc[i].idx].count("\n") > 2:
            return None
        sentence = []
        while i < len(self.doc) and len(sentence) < 40 and self.quote_of[i] == -1:
            sentence.append(self.doc[i])
            if self.terminal(self.doc[i]):
                break
            i += 1
        for verb in (t for t in sentence if self.is_speech(t)):
            if any(c.lower_ in ("this", "that", "so") and c.dep_ in ("nsubjpass", "dobj", "nsubj")
                   for c in verb.children):
                found = self.from_verb(verb, sentence, previous, prev_end)
                if found:
                    self.fired.append(rule("quotes.said-after"))
                    s, e = sentence[0].idx, sentence[-1].idx + len(sentence[-1].text)
                    return _Said(found, "lead-in", [(s, e)])
        return None

    def said_before(self, q: Quote, previous, prev_end) -> _Said | None:
        """A quoted sentence with no attribution of its own, right after a sentence (of the same
        paragraph, or ending the one before) whose main verb is a speech verb with a named
        subject: "The ministry said the drone fell in a field. “No one was hurt.”"""
        i = self.token_at(q.open)
        if self.post_frame(q) or self.text[q.close - 1:q.close] not in TERMINAL and \
                self.text[q.close + 1:q.close + 2] not in TERMINAL:
            return None
        sentence = self.sentence_before(i)
        if not sentence or any(self.quote_of[t.i] != -1 for t in self.doc[sentence[0].i:i]):
            return None
        gap = self.text[sentence[-1].idx + len(sentence[-1].text):q.open]
        if self.para[sentence[-1].i] != self.para[i] and (gap.strip(" \n.!?") or gap.count("\n") > 2):
            return None  # the sentence before: in the same paragraph, or ending the one before
        found = []  # "This was reported by the X, Ukrinform reports.": X, not the outlet
        for verb in sorted((t for t in sentence if self.is_speech(t)), key=lambda t: t.dep_ != "ROOT"):
            if verb.dep_ in ("ROOT", "ccomp") or any(c.dep_ == "agent" for c in verb.children):
                found += [a for a in self.from_verb(verb, sentence, previous, prev_end) if a not in found]
        if not found or not any(t.dep_ == "ROOT" and self.is_speech(t) for t in sentence):
            return None
        speakers = [a for a in found if not self.index.is_media(a)]
        if not speakers and self.para[sentence[-1].i] == self.para[i]:
            speakers = found  # an outlet only for a quote in its own paragraph
        if not speakers:
            return None
        s, e = sentence[0].idx, sentence[-1].idx + len(sentence[-1].text)
        return _Said(speakers, "lead-in", [(s, e)])

    def from_line(self, line: str, start: int, previous, prev_end) -> _Said | None:
        stripped = line.strip()
        if stripped.startswith("Source:"):
            end = start + len(line)
            clusters = self.index.clusters_in(start, end)
            if clusters:
                return _Said([clusters[0].actor], "source", [(start, end)])
            actor = self.index.lookup(stripped[7:].split(",")[0].split(" on ")[0])
            return _Said([actor], "source", [(start, end)]) if actor else None
        toks = list(self.doc[self.token_at(start):self.token_at(start + len(line) - 1) + 1])
        cataphoric = [t for t in toks if self.is_speech(t) and any(  # "X reported this on Telegram."
            c.lower_ in ("this", "following") and c.dep_ == "dobj" for c in t.children)]
        if stripped.endswith(":") or cataphoric:
            found = [self.from_verb(verb, toks, previous, prev_end)
                     for verb in reversed(toks) if self.is_speech(verb)]
            found = [f for f in found if f]  # "X stated this, Ukrinform reports.": X, not the outlet
            speakers = next((f for f in found if not self.index.is_media(f[0])), None) \
                or next(iter(found), None)
            if speakers:
                if cataphoric and not stripped.endswith(":"):
                    self.fired.append(rule("quotes.said-before-this"))
                return _Said(speakers, "lead-in", [(start, start + len(line))])
        return None

    def channel(self, tokens) -> str | None:
        if not tokens:
            return None
        text = " ".join(t.text for t in tokens if self.quote_of[t.i] == -1)
        hits = [(m.start(), name) for name, rx in self.lex.channels for m in rx.finditer(text)]
        return min(hits)[1] if hits else None

    def earlier_channel(self, i: int, speakers: list[Actor]) -> str | None:
        """The channel of the last of the four sentences before token ``i`` that names a speaker
        ("…, Klitschko said on Telegram. A house burned. “…,” Klitschko wrote.")."""
        for _ in range(4):
            sentence = self.sentence_before(i)
            if not sentence:
                return None
            named = self.index.clusters_in(sentence[0].idx, sentence[-1].idx + len(sentence[-1].text))
            if any(c.actor in speakers for c in named):
                return self.channel(sentence)
            i = sentence[0].i
        return None

    def evidence(self, spans: list[tuple[int, int]], continued: bool = False,
                 speaker: Actor | None = None) -> list[Evidence]:
        cluster = self.index.cluster_of(speaker) if speaker is not None else None
        rules = (rule("quotes.attributed"), rule("speakers.named")) + tuple(self.fired) \
            + ((rule("quotes.continued"),) if continued else ()) \
            + tuple(cluster.rules if cluster is not None else ())
        out = []
        for s, e in sorted(set(spans)):
            while e < len(self.text) and self.text[e] in ".!?”»\"":
                e += 1
            chunk = self.text[s:e]
            s += len(chunk) - len(chunk.lstrip())
            e = s + len(chunk.strip())
            if e > s and not any(o.start == s and o.end == e for o in out):
                out.append(Evidence(start=s, end=e, text=self.text[s:e], rules=rules))
        return out

    def run(self) -> list[Statement]:
        statements: list[Statement] = []
        previous, prev_end, prev_channel = None, 0, None
        group: list[Statement] = []  # the statements of the last attributed quote
        last_q = None
        for q in self.quotes:
            if FIGURE.fullmatch(q.text(self.text)) and rule("quotes.quoted-figure"):
                continue  # "hit the villages “357 times”": a quoted figure, no statement
            pre, post = self.pre_frame(q), self.post_frame(q)
            self.fired = []  # ids of the rules beyond quotes.attributed that read this quote
            said = self.attribute(q, pre, post, previous, prev_end)
            frame_start = pre[0].idx if pre else q.open
            frame_end = post[-1].idx + len(post[-1].text) if post else q.close + 1
            if said is None or not said.speakers:
                previous, prev_end, group = None, frame_end, []
                continue
            channel = self.channel(pre + post)
            if channel is None and said.how in ("source", "lead-in"):
                channel = self.channel([t for s, e in said.extra
                                        for t in self.doc[self.token_at(s):self.token_at(e - 1) + 1]])
            if channel is None and previous is not None and previous.speakers == said.speakers \
                    and re.fullmatch(r"[\s.,;:!?…]*", self.text[prev_end:frame_start]):
                channel = prev_channel  # the same speaker going on
            if channel is None:
                channel = self.earlier_channel(self.token_at(frame_start), said.speakers)
            spans = [(frame_start, frame_end)] + said.extra
            if group and (said.how == "continuation" or self.goes_on(
                    last_q, previous.how, q, prev_end, frame_start)) \
                    and [st.speaker for st in group] == said.speakers:
                for st in group:  # one statement: the quote goes straight on
                    st.quote += " […] " + q.text(self.text)  # the attribution between left out
                    st.channel = st.channel or channel
                    st.evidence.extend(e for e in self.evidence(spans, continued=True)
                                       if e not in st.evidence)
                previous, prev_end, prev_channel, last_q = said, frame_end, st.channel, q
                continue
            group = []
            for speaker in said.speakers:
                group.append(Statement(
                    quote=q.text(self.text), speaker=speaker, start=q.start,
                    role=self.index.role_of(speaker), channel=channel,
                    evidence=self.evidence(spans, speaker=speaker)))
            statements.extend(group)
            if channel is not None:  # "“concrete action.” He said on social media, “…”"
                for st in reversed(statements[:-len(said.speakers)]):
                    if st.channel is not None or st.speaker not in said.speakers:
                        break
                    gap = self.text[st.evidence[0].end:frame_start]
                    if not re.fullmatch(r"[\s.,;:!?…”\"]*", gap):
                        break
                    st.channel = channel
            previous, prev_end, prev_channel, last_q = said, frame_end, channel, q
        return _merge_repeats(statements)

    def goes_on(self, last: Quote | None, last_how: str, q: Quote, last_frame_end: int,
                frame_start: int) -> bool:
        """Whether quote ``q`` goes straight on from quote ``last`` (GOLD.md: one statement): in
        the same sentence ("called it “A” and said that “B”"), or, in the same paragraph, right
        after the attribution that follows ``last`` (“A,” he said. “B.” / “A,” he wrote. “B,” he
        added.). A quotation with its own lead-in ("He added: “B”") is another statement."""
        if last is None:
            return False
        a, b = self.token_at(last.close), self.token_at(q.open)
        if self.para[a] != self.para[b]:
            return False
        between = [t for t in self.doc[a + 1:b] if self.quote_of[t.i] == -1 and not t.is_space]
        ended = self.text[last.close - 1:last.close] in TERMINAL and bool(between) \
            and between[0].text[:1].isupper()  # “… hit.” They said …
        ended = ended or re.search(r"[.!?]\s*$", self.text[last.close + 1:q.open]) is not None
        if not ended and not any(self.terminal(t) for t in between):
            return True
        gap = self.text[last_frame_end:frame_start]
        return last_how == "post" and frame_start == q.open \
            and re.fullmatch(r"[\s.,;:!?…]*", gap) is not None


def _merge_repeats(statements: list[Statement]) -> list[Statement]:
    """One statement for the same words by the same speaker repeated in the article."""
    seen: dict[tuple[str, str], Statement] = {}
    out = []
    for st in statements:
        key = (st.speaker.name, st.quote)
        if key in seen:
            seen[key].evidence.extend(e for e in st.evidence if e not in seen[key].evidence)
            continue
        seen[key] = st
        out.append(st)
    return out


def extract_statements(doc, people) -> list[Statement]:
    """Every direct quote in ``doc`` attributed to a named person or organization of ``people``
    (a ``PeopleIndex`` of the same doc), in text order. ``about`` is left None."""
    return _Reader(doc, people, people.lex).run()
