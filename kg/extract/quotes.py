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

The text around a quote is read in ``kg.extract.quote_frames``, speakers in
``kg.extract.quote_speakers``, the attribution steps in ``kg.extract.quote_attribution``; this
module joins the quotes into statements with their channel and evidence.
"""

from __future__ import annotations

import re

from kg.extract.doc_text import doc_texts, doc_tokens
from kg.extract.lexicon import cues
from kg.extract.quote_attribution import AttributionReader
from kg.extract.quote_frames import TERMINAL
from kg.extract.quote_marks import Quote, single_marked
from kg.extract.rules import rule
from kg.records import Actor, Evidence, Statement

FIGURE = re.compile(r"\W*\d[\d.,]*\s*[^\W\d]*\W*")  # “357 times”, “20%”


class _Reader(AttributionReader):
    def __init__(self, doc, index, lex):
        super().__init__(doc, index, lex)
        self._channel_of: dict[str, str | None] = {}  # text → the channel it names

    def channel(self, tokens) -> str | None:
        if not tokens:
            return None
        texts = doc_texts(self.doc)  # the words as strings: no Token.text per word
        text = " ".join([texts[t.i] for t in tokens if self.quote_of[t.i] == -1])
        if text not in self._channel_of:  # the sentences before each quote are read again
            named = self.lex.any_channel is None or self.lex.any_channel.search(text)
            hits = [(m.start(), name) for name, rx in self.lex.channels
                    for m in rx.finditer(text)] if named else []
            self._channel_of[text] = min(hits)[1] if hits else None
        return self._channel_of[text]

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

    def scare_quote(self, q) -> bool:
        """One word in quotation marks naming the thing after it ('35 Shahed "kamikaze"
        drones') or a noun of the sentence ('Russian "Shaheds" had flown into Poland', 'the
        promised Russian "memorandum"'); a word someone said ('Trump called the call "good,"',
        'will "substantially" reinforce') is a statement."""
        words = re.findall(r"[^\W\d_][\w'’-]*", q.text(self.text))
        if 1 < len(words) <= 5 and self.quoted_name(q, words):
            return bool(rule("quotes.quoted-name"))
        if len(words) <= 6 and _SO_CALLED.search(self.text[max(0, q.open - 12):q.open]):
            return bool(rule("quotes.so-called"))  # 'the so-called "Istanbul agreements,"'
        if len(words) != 1:
            return False
        inner = [t for t in doc_tokens(self.doc)[self.token_at(q.open) + 1:self.token_at(q.close)]
                 if t.is_alpha]
        if len(inner) == 1 and inner[0].pos_ in ("NOUN", "PROPN") and inner[0].dep_ != "ROOT":
            return True  # 'Russian "Shaheds" had flown into Poland', 'warned of "victims"'
        after = self.token_at(q.close) + 1
        return after < len(self.doc) and self.doc[after].pos_ in ("NOUN", "PROPN", "ADJ") and \
            not self.doc[after].is_sent_start

    def report_term(self, q) -> bool:
        """A term of the air force's reports in quotation marks ('12 more drones were "lost"'),
        not a verb with its own object someone said ('the city had "lost" a school')."""
        if q.text(self.text).strip(" ,.").lower() not in _AIR_FORCE_TERMS:
            return False
        inner = doc_tokens(self.doc)[self.token_at(q.open) + 1:self.token_at(q.close)]
        return not any(c.dep_ == "dobj" for t in inner for c in t.children)

    def whole_paragraph(self, q, opens_only: bool = False) -> bool:
        """The quotation opens its paragraph and (unless ``opens_only``) closes it too."""
        line_start = self.text.rfind("\n", 0, q.open) + 1
        line_end = self.text.find("\n", q.close)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:q.open].strip() and len(q.parts) == 1 and (
            opens_only or not self.text[q.close + 1:line_end].strip())

    def quoted_name(self, q, words: list[str]) -> bool:
        """A few capitalised words in quotation marks after "the", "so-called" or
        "self-proclaimed", or before a noun ('the self-proclaimed "Donetsk People's
        Republic"', 'near the "Chekhov Garden" cafe'): a name, not something said."""
        if not all(w[:1].isupper() or w in _NAME_FILLERS for w in words) or \
                re.search(r"[.!?,;:]", q.text(self.text)):
            return False
        before = self.token_at(q.open) - 1
        after = self.token_at(q.close) + 1
        return before >= 0 and self.doc[before].lower_ in _NAME_OPENERS or \
            after < len(self.doc) and self.doc[after].pos_ == "NOUN" and \
            not self.doc[after].is_sent_start

    def run(self) -> list[Statement]:
        statements: list[Statement] = []
        previous, prev_end, prev_channel = None, 0, None
        group: list[Statement] = []  # the statements of the last attributed quote
        last_q = None
        unattributed = None  # a whole quoted paragraph no one was named for, just before
        singles = single_marked(self.text)  # 'I was sleeping,' she said: the whole article
        for q in self.quotes:
            if FIGURE.fullmatch(q.text(self.text)) and rule("quotes.quoted-figure"):
                continue  # "hit the villages “357 times”": a quoted figure, no statement
            if self.report_term(q) and rule("quotes.report-term"):
                continue  # 'One drone was "lost"': the air force's name for a drone jammed
            if self.scare_quote(q) and rule("quotes.single-word"):
                continue  # 'Shahed "kamikaze" drones': a word marked, nobody's statement
            pre, post = self.pre_frame(q), self.post_frame(q)
            self.fired = []  # ids of the rules beyond quotes.attributed that read this quote
            if singles:
                self.fired.append(rule("quotes.single-marks"))  # 'I was sleeping,' she said
            said = self.attribute(q, pre, post, previous, prev_end)
            frame_start = pre[0].idx if pre else q.open
            frame_end = post[-1].idx + len(post[-1].text) if post else q.close + 1
            if said is None or not said.speakers:
                previous, prev_end, group = None, frame_end, []
                unattributed = q if self.whole_paragraph(q) else None
                continue
            channel = self.channel(pre + post)
            if channel is None and said.how in ("source", "lead-in"):
                tokens = doc_tokens(self.doc)
                channel = self.channel([t for s, e in said.extra
                                        for t in tokens[self.token_at(s):self.token_at(e - 1) + 1]])
            if channel is None and previous is not None and previous.speakers == said.speakers \
                    and re.fullmatch(r"[\s.,;:!?…]*", self.text[prev_end:frame_start]):
                channel = prev_channel  # the same speaker going on
            if channel is None:
                channel = self.earlier_channel(self.token_at(frame_start), said.speakers)
            spans = [(frame_start, frame_end)] + said.extra
            if group and (said.how == "continuation" or self.goes_on(
                    last_q, previous.how, q, prev_end, frame_start)
                    and not (previous.how == "post" and last_q is not None and
                             re.search(r"[.!?]", self.text[last_q.close + 1:q.open])
                             and _named_again(post, self.lex.speech))) \
                    and [st.speaker for st in group] == said.speakers:
                for st in group:  # one statement: the quote goes straight on
                    st.quote += " […] " + q.text(self.text)  # the attribution between left out
                    st.channel = st.channel or channel
                    st.evidence.extend(e for e in self.evidence(spans, continued=True)
                                       if e not in st.evidence)
                previous, prev_end, prev_channel, last_q = said, frame_end, st.channel, q
                continue
            group = []
            text, start = q.text(self.text), q.start
            if unattributed is not None and self.whole_paragraph(q, opens_only=True) and \
                    not self.text[unattributed.close + 1:q.open].strip() and \
                    rule("quotes.paragraph-before-attribution"):
                # "…42 Shahed attack drones."¶"As a result, 38 were shot down," the Air Force
                # reported: the quoted paragraph before goes with the attributed one
                text, start = unattributed.text(self.text) + " " + text, unattributed.start
                spans = [(unattributed.open, unattributed.close + 1)] + spans
            unattributed = None
            for speaker in said.speakers:
                group.append(Statement(
                    quote=text, speaker=speaker, start=start,
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
        between = [t for t in doc_tokens(self.doc)[a + 1:b]
                   if self.quote_of[t.i] == -1 and not t.is_space]
        ended = self.text[last.close - 1:last.close] in TERMINAL and bool(between) \
            and between[0].text[:1].isupper()  # “… hit.” They said …
        ended = ended or re.search(r"[.!?]\s*$", self.text[last.close + 1:q.open]) is not None
        if not ended and not any(self.terminal(t) for t in between):
            return True
        gap = self.text[last_frame_end:frame_start]
        return last_how == "post" and frame_start == q.open \
            and re.fullmatch(r"[\s.,;:!?…]*", gap) is not None


#: the verbs that carry a quote on from the speaker's last one ("…,” he added)
_GOING_ON = frozenset({"add", "continue", "go"})


def _named_again(post, speech) -> bool:
    """The attribution after a quote names its speaker again with a verb of its own ("“There
    are people under rubble,” Fedorov wrote on the Telegram messaging app", right after the
    sentence "“…,” Fedorov wrote on the Telegram messaging app."): a new quotation with its
    own attribution, another statement (GOLD.md); "“…,” he added" goes on with the last one,
    and so do two quotations of one sentence ("“…” came after a strike by “…”, X stated")."""
    return any(t.pos_ == "PROPN" for t in post) and any(
        t.pos_ == "VERB" and t.lemma_.lower() in speech
        and t.lemma_.lower() not in _GOING_ON for t in post) and \
        bool(rule("quotes.named-again"))


_AIR_FORCE_TERMS = cues()["air_force_terms"]  # rule quotes.report-term
_SO_CALLED = re.compile(r"\bso[-‐ ]called\s*$", re.IGNORECASE)  # rule quotes.so-called
_NAME_FILLERS = frozenset({"of", "the", "and", "for", "de", "on"})
_NAME_OPENERS = frozenset({"the", "a", "an", "called", "proclaimed", "styled"})  # "so-called",
# "self-proclaimed": spaCy splits them at the hyphen


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
