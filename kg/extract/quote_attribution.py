"""The attribution of one quote (``AttributionReader.attribute``): a speech verb after the
quote, before it, a reporting clause closing its sentence, the subject of the clause that holds
it, or — for a quote standing alone — the sentence after or before it, the previous speaker, a
lead-in line or a "Source:" line (the steps are listed in ``kg.extract.quotes``)."""

from __future__ import annotations

import re

from kg.extract.doc_text import doc_tokens
from kg.extract.quote_frames import TERMINAL, Said
from kg.extract.quote_marks import Quote
from kg.extract.quote_speakers import LABELS, SpeakerReader
from kg.extract.rules import rule
from kg.records import Actor

NOMINAL = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADV", "ADP", "CCONJ"}
CONNECTIVES = {"and", "that", "but", "or", "while", "adding", "then"}


class AttributionReader(SpeakerReader):
    def clause_subject(self, q: Quote, previous, prev_end) -> list[Actor]:
        """The subject of the verb governing the quote ("Putin called it a "terrorist act"")."""
        a, b = self.token_at(q.open), self.token_at(q.close)
        inner = [t for t in doc_tokens(self.doc)[a:b + 1]
                 if not (a <= t.head.i <= b) or t.head is t]
        node = inner[0] if inner else None
        for _ in range(8):
            if node is None or node.head is node:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and not (a <= node.i <= b):
                subj = self.subject(node)
                if subj is not None and self.quote_of[subj.i] == -1:
                    span = [t for t in doc_tokens(self.doc)[subj.left_edge.i:subj.right_edge.i + 1]
                            if self.quote_of[t.i] == -1]
                    return self.speakers_in(span, previous, prev_end)
        return []

    def attribute(self, q: Quote, pre, post, previous: Said | None, prev_end: int) -> Said | None:
        # 1. “…,” he added / said X / according to X
        words = self.words(post)
        named = self.in_names(words)  # words of a name may be tagged as verbs ("Armed Forces")
        for n, t in enumerate(words[:16]):  # long names: "the Main Directorate of the National ..."
            if n and self._quoted_as_saying(words, n) and self.nominal(words[:n], named):
                # "“…,” Ukraine's Prime Minister Denys Shmyhal was quoted by Estonian Public
                # Broadcasting on Friday as saying": the one quoted, not the outlet
                self.fired.append(rule("quotes.quoted-as-saying"))
                return Said(self.speakers_in(words[:n], previous, prev_end), "post")
            if self.is_speech(t) and t.i not in named:
                cited = self._cited_as_saying(t)
                if cited:  # "“…,” the agency cited him as telling Belarus television"
                    return Said(cited, "post")
                if n == 0:
                    return Said(self.from_verb(t, post, previous, prev_end), "post")
                if self.nominal(words[:n], named):
                    return Said(self.speakers_in(words[:n], previous, prev_end), "post")
                comma = next((k for k in range(words[0].i, t.i) if self.doc[k].text == ","), None)
                head = [w for w in words[:n] if comma is not None and w.i < comma]
                if head and self.doc[t.i - 1].text == "," and self.nominal(head, named) and \
                        rule("quotes.name-then-aside"):
                    # "“…,” Serhiy Popko, a colonel general who heads Kyiv's military
                    # administration, said": the name before the aside
                    return Said(self.speakers_in(head, previous, prev_end), "post")
                break
            if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" and t.i not in named and not (
                    t.dep_ == "relcl" and any(self.doc[k].text == ","
                                              for k in range(words[0].i, t.i))):
                break  # not the verb of an aside after a comma ("…, who heads …,")
        said = self.according(post, previous, prev_end)
        if said is not None:
            if said and self.index.is_media(said[0]):
                better = self.pre_speaker(q, pre, previous, prev_end)
                if better and not self.index.is_media(better[0]):
                    return Said(better, "pre")
            return Said(said, "post")
        # 2. X said: “…” / X said that “…”
        better = self.pre_speaker(q, pre, previous, prev_end)
        if better is not None:
            return Said(better, "pre")
        said = self.according(pre, previous, prev_end)
        if said is not None:
            return Said(said, "pre")
        said = self.trailing(q, previous, prev_end)
        if said:
            self.fired.append(rule("quotes.trailing-attribution"))
            return Said(said, "trailing")
        if pre and pre[-1].text == ":" and not any(t.pos_ in ("VERB", "AUX") for t in pre):
            said = self.speakers_in(pre[:-1], previous, prev_end)  # "Acting Mayor X: “…”"
            if said:
                return Said(said, "pre")
        content = [t for t in self.words(pre) if t.lower_ not in LABELS | CONNECTIVES]
        if pre and not content and previous is not None and previous.speakers \
                and pre[0].i > 0 and self.quote_of[pre[0].i - 1] != -1:
            return Said(previous.speakers, "continuation")  # “…” and that “…”
        # 3. the subject of the clause that holds the quote
        if content:
            found = self.clause_subject(q, previous, prev_end)
            return Said(found, "clause") if found else None
        # 4. a quote standing alone
        return self.standalone(q, previous, prev_end)

    def _quoted_as_saying(self, words, n: int) -> bool:
        """``words[n]`` opens "was quoted (cited) … as saying": a passive of quoting whose
        "as" clause has a speech verb."""
        if words[n].lemma_ != "be" or n + 1 >= len(words) or \
                words[n + 1].lower_ not in ("quoted", "cited"):
            return False
        rest = words[n + 2:n + 16]
        return any(w.lower_ == "as" and k + 1 < len(rest) and self.is_speech(rest[k + 1])
                   for k, w in enumerate(rest))

    def _cited_as_saying(self, verb) -> list[Actor]:
        """The one "quoted" or "cited" as saying it: "the agency cited him as telling Belarus
        television", "RIA quoted Peskov as saying" (the outlet relays; the object spoke)."""
        if verb.lemma_.lower() not in ("quote", "cite"):
            return []
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if len(objects) != 1 or not any(
                c.lower_ == "as" and any(self.is_speech(g) for g in c.subtree if g is not c)
                for c in verb.children if c.i > objects[0].i):
            return []
        obj = objects[0]
        span = [t for t in doc_tokens(self.doc)[obj.left_edge.i:obj.right_edge.i + 1]
                if self.quote_of[t.i] == -1]
        found = self.speakers_in(span, None, 0) or []
        if found:
            self.fired.append(rule("quotes.cited-as-saying"))
        return found

    def nominal(self, words, named) -> bool:
        """The words make a noun phrase that can name a speaker (a name, a title, a body)."""
        return all(w.pos_ in NOMINAL or w.dep_ == "amod" or w.i in named for w in words) \
            and words[0].tag_ not in ("WDT", "IN", "CC") \
            and any(w.pos_ in ("NOUN", "PROPN", "PRON") for w in words)

    def trailing(self, q: Quote, previous, prev_end) -> list[Actor]:
        """The reporting clause that closes the quote's sentence after a comma: "“…” in the X
        district, Governor Y stated on social media." / "… for “…” came after …, Y stated." The
        speech verb's subject is a name, and only adverbials follow the verb. A quote that ends
        its own sentence ("“… air defence.” Russia fired 183 drones, the air force said.") has
        none: the sentence after it tells its own news."""
        if self.text[q.close - 1:q.close] in (".", "!", "?") and \
                self.text[q.close + 1:].lstrip()[:1].isupper() and \
                rule("quotes.quote-ends-its-sentence"):
            return []
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
        if len(commas) >= 2 and clause and clause[0].tag_ == "VBG" and \
                len(q.text(self.text).split()) >= 3 and \
                clause[0].dep_ == "advcl" and self.is_speech(clause[0].head) and \
                rule("quotes.trailing-before-participle"):
            # "“…” in the worst-hit district, he says, adding that people are trapped": the
            # reporting clause stands before the participle that goes on (not for a term in
            # quotation marks: 'the high ("yellow") threat level …, X wrote, noting that …')
            clause = [t for t in rest[commas[-2] + 1:commas[-1]] if not t.is_space]
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
        verbs = [t for t in pre if self.is_speech(t)]
        for n in range(len(verbs) - 1, -1, -1):
            verb = verbs[n]
            if n and verb.dep_ in ("acl", "csubj", "amod") and verb.tag_ in ("VBG", "VBN") and \
                    rule("quotes.speech-verb-above"):
                continue  # "X said the ruling accusing Putin … is “…”": X, not the accused
            return self.from_verb(verb, pre, previous, prev_end)
        return None

    def standalone(self, q: Quote, previous: Said | None, prev_end: int) -> Said | None:
        said = self.said_after(q, previous, prev_end)
        if said is not None:
            return said
        gap = self.text[prev_end:q.open]
        if previous is not None and previous.speakers and re.fullmatch(r"[\s.,;:!?…]*", gap) \
                and gap.count("\n") <= 2:
            return Said(previous.speakers, "continuation")
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
        if re.fullmatch(r"\s*Quote:?\s*", self.text[line_start:q.open]):  # or "Quote “…”"
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

    def _lead_speaker(self, start: int):
        """"Source: Russian state-owned news agency TASS" under a lead that names who spoke
        ("Dmitry Peskov … assures fellow citizens that …"): the agency only relays the words;
        the speaker is the first one named before it who is no news outlet."""
        body = self.text.find("\n") + 1  # after the headline ("Kremlin claims that …")
        lead = [c for c in self.index.clusters_in(body, start) if not c.media]
        lead.sort(key=lambda c: c.actor.kind != "person")  # "Kremlin spokesman Dmitry Peskov"
        if lead and rule("quotes.source-outlet-relays"):
            return lead[0].actor
        return None

    def said_after(self, q: Quote, previous, prev_end) -> Said | None:
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
                    return Said(found, "lead-in", [(s, e)])
        return None

    def said_before(self, q: Quote, previous, prev_end) -> Said | None:
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
        return Said(speakers, "lead-in", [(s, e)])

    def from_line(self, line: str, start: int, previous, prev_end) -> Said | None:
        stripped = line.strip()
        if stripped.startswith("Source:"):
            end = start + len(line)
            clusters = self.index.clusters_in(start, end)
            actor = clusters[0].actor if clusters else \
                self.index.lookup(stripped[7:].split(",")[0].split(" on ")[0])
            if actor is not None and self.index.is_media(actor):
                actor = self._lead_speaker(start) or actor
            return Said([actor], "source", [(start, end)]) if actor else None
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
                return Said(speakers, "lead-in", [(start, start + len(line))])
        return None
