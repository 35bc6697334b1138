"""Who is mentioned in an article: people and organizations, clustered, with the roles it gives them.

``find_people(doc)`` reads a parsed ``Doc`` and returns a ``PeopleIndex``: one cluster per person or
organization, each with its canonical name (English Wikipedia spelling for people the rule data
knows), the roles the article gives it ("Kharkiv Mayor Igor Terekhov" -> "Mayor of Kharkiv") and
every mention (full name, surname alone, clipped or misspelt forms, "the mayor"). Names come from
the NER, from title + name patterns and from the rule data in ``kg/data/people.jsonl`` and
``kg/data/roles.jsonl`` (loaded once).

Titled names stand whatever the NER says of them ("foreign minister Hakan Fidan", "the secretary
of the city council Oleksandr Lomako", "Lomako, the acting mayor,"). Organizations are also
read as noun phrases headed by an organization word (``org_head`` rules: administration, office,
command, ministry, ...) with the words modifying it and its "of ..." complements; the name keeps
the article's words, title-cased, without a leading "the" ("the Kharkiv regional prosecutor's
office" -> "Kharkiv Regional Prosecutor's Office"). A later wording whose words are all in one
earlier name ("the Czech ministry", "the Office of the Prosecutor General"), a description ("the
regional military administration") and an acronym given in brackets join that organization
(``kg.extract.organizations``). A hyphenated surname is one word of a name; a known given name
alone is a person when it is the subject of a speech verb ("Svitlana said").

The clusters are a ``PeopleIndex`` (``kg.extract.people_index``); titles and roles are read by
``kg.extract.people_titles``, organizations by ``kg.extract.organizations``.
"""

from __future__ import annotations

import bisect
import re

from kg.errors import RuleDataError  # noqa: F401  (re-exported)
from kg.extract.people_rules import (  # noqa: F401  (re-exported)
    PARTICLES, KnownPerson, Lexicon, Title, _edits_at_most_one, _words, fold, lexicon,
    load_lexicon, same_given, same_surname, split_name,
)
from kg.extract.doc_text import doc_ents, doc_lowers, doc_text, doc_tokens
from kg.extract.lexicon import cues
from kg.extract.people_index import PeopleIndex
from kg.extract.people_model import (  # noqa: F401  (re-exported)
    CALENDAR, MODIFIERS, NOT_PERSON, ORG_PRONOUNS, POSSESSIVE, PRONOUN_GENDER, SUBJECT_DEPS,
    TERMINAL, Cluster, Mention,
)
from kg.extract.people_titles import TitleReader
from kg.extract.quote_marks import doc_quotes
from kg.extract.rules import rule


# --- finding mentions -------------------------------------------------------------------------

_BODY_AFTER = re.compile(r"['’]s (?:Republic|Party|Army|Militia|Front|Council|Assembly|Ministry|"
                         r"Committee|Union|Federation|Guard)\b")


def _line_bounds(text: str) -> tuple[list[int], list[bool]]:
    """Start offsets of lines, and whether each is a headline or byline (no sentence end)."""
    starts, heads, pos = [], [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        words = stripped.split()
        caps = sum(1 for w in words if w[:1].isupper())
        label = re.match(r"[A-Z][a-z]+:", stripped) is not None  # "Source: ..."
        head = bool(words) and not label and stripped[-1] not in ".!?:”\"»)’'" and (
            len(words) <= 16 and caps * 2 >= len(words) or len(words) <= 4)
        starts.append(pos)
        heads.append(head)
        pos += len(line) + 1
    return starts, heads


#: a middle initial: "E." of "Brian E. Nelson"
_INITIAL = re.compile(r"[A-Z]\.")
_PERSON_NOUNS = frozenset(cues()["person_nouns"])


def _described_as_person(last) -> bool:
    """"Slavko Khudiakov, a volunteer paramedic, …": a name whose apposition is "a" or "an"
    and a noun for a kind of person (kg/data/cues.json person_nouns) names a person, whatever
    the NER tags it as ("a resident of Kharkiv", "a 57-year-old welder" is no such noun)."""
    for child in last.children:
        if child.dep_ == "appos" and child.lower_ in _PERSON_NOUNS and child.i > last.i and \
                any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in child.children):
            return bool(rule("speakers.described-person"))
    return False


def _one_person_entity(first, last) -> bool:
    """The model reads ``first`` to ``last`` as one person's name ("Troels Lund Poulsen"): a
    third word of a name that is never used alone is still the surname."""
    doc = first.doc
    return first.ent_type_ == "PERSON" and all(
        doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "I"
        for k in range(first.i + 1, last.i + 1))


class _Finder(TitleReader):
    def __init__(self, doc, lex: Lexicon):
        self.doc, self.lex, self.text = doc, lex, doc_text(doc)
        self.quotes = [(q.open, q.close) for q in doc_quotes(doc)]
        self._qstarts = [q[0] for q in self.quotes]
        self.line_starts, self.headline = _line_bounds(self.text)
        self.clusters: list[Cluster] = []
        self.taken: list[tuple[int, int]] = []
        self._alone: set[str] | None = None
        self._name_words: dict[str, bool] = {}
        self._lead_end: int | None = None

    # helpers
    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._qstarts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]

    def on_headline(self, pos: int) -> bool:
        return self.headline[bisect.bisect_right(self.line_starts, pos) - 1]

    def is_taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def name_word(self, tok) -> bool:
        t = tok.text
        known = self._name_words.get(t)  # a word's answer depends on its text alone
        if known is None:
            known = self._name_words[t] = self._name_word(t, tok.is_stop)
        return known

    def _name_word(self, t: str, stop: bool) -> bool:
        if len(t) < 2 or not t[0].isupper() or (t.isupper() and len(t) > 2) or stop:
            return False
        if not re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*", t):
            return False
        low = fold(t)
        return (low not in self.lex.title_words and low not in self.lex.demonyms
                and t not in self.lex.org_words and t not in self.lex.place_words
                and low not in self.lex.orgs)  # "According to Ukrinform, the head of …": the
        # agency, never a person's surname

    def same_line(self, a, b) -> bool:
        return "\n" not in self.text[a.idx:b.idx]
    # clusters
    def add_person(self, words: list[str], start: int, end: int, kind: str,
                   roles) -> Cluster | None:
        """The person named by ``words`` at ``[start, end)``, added to a cluster, or None when
        the words name no one. ``roles`` is the list of roles the text gives the name there, or
        a function that reads them, asked only when a person is added (most capitalised words
        alone are no one's surname, and reading the title before each costs)."""
        given, surname = split_name(words, self.lex)
        known = self.match_known(given, surname, words)
        if known is None and _BODY_AFTER.match(self.text, end):
            return None  # "the Donetsk People's Republic": the name of a body, not a person
        if known is None and len(words) == 1 and kind == "surname":
            existing = self.surname_cluster(surname, start)
            if existing is None:
                return None
        cluster = None
        people = [c for c in reversed(self.clusters) if c.kind == "person"]
        if known:
            cluster = next((c for c in people if c.known and c.known.name == known.name), None)
        if cluster is None:
            # another romanization is read for a surname alone ("Kirilenko said"), or a full
            # name whose given name is the same in the lexicon or in the other romanization too
            # ("Pavel Kirilenko" after "Pavlo Kyrylenko"); else it is another person's (Artur
            # Herasymov, Valery Gerasimov)
            fits = [c for c in people if c.surname and same_surname(
                c.surname, surname, romanized=len(words) == 1 or same_given(words[0], c.name)
                or given is not None and given == c.given)
                and (given is None or c.given is None or given == c.given)]
            # the same spelling first: "Herasymov said" is Artur Herasymov, not a Gerasimov
            # named since
            cluster = next((c for c in fits if c.surname == surname), fits[0] if fits else None)
        if cluster is None:
            cluster = Cluster("person", known.name if known else " ".join(words),
                              given=given, surname=surname, known=known,
                              gender=(known.gender if known else self.lex.gender.get(given or "")))
            self.clusters.append(cluster)
        else:
            if cluster.known is None and known is not None and not (
                    len(cluster.name.split()) > 1 and not same_given(cluster.name.split()[0],
                                                                     known.name)
                    and rule("speakers.other-given-name")):
                # "Finance Minister Serhiy Marchenko … Marchenko noted": the surname alone is
                # the Serhiy named before, not the known Maksym Marchenko
                cluster.known, cluster.name = known, known.name
            if cluster.known is None and len(words) > len(cluster.name.split()):
                cluster.name = " ".join(words)
            cluster.given = cluster.given or given
            if cluster.gender is None:
                cluster.gender = self.lex.gender.get(given or "")
        if cluster.surname and not same_surname(cluster.surname, surname) and \
                "speakers.romanized-surname" not in cluster.rules:
            cluster.rules.append(rule("speakers.romanized-surname"))  # "Kirilenko" is Kyrylenko
        text = self.text[start:end]
        if "-" in text and rule("speakers.hyphenated-name") not in cluster.rules:
            cluster.rules.append("speakers.hyphenated-name")
        cluster.mentions.append(Mention(start, end, text, kind, self.in_quote(start)))
        for role in roles() if callable(roles) else roles:
            if role and role not in cluster.roles:
                cluster.roles.append(role)
        self.taken.append((start, end))
        return cluster

    def surname_cluster(self, surname: str, position: int) -> Cluster | None:
        best = None
        for exact in (True, False):
            for c in self.clusters:
                if c.kind == "person" and c.surname and (
                        c.surname == surname if exact else
                        same_surname(c.surname, surname, romanized=True)):
                    if best is None or any(m.start < position for m in c.mentions):
                        best = c
            if best is not None:
                return best
        return None

    def match_known(self, given, surname, words) -> KnownPerson | None:
        key = (given, surname)
        hits = self.lex.known_matches.get(key)
        if hits is None:  # each name is looked up once per process
            hits = self.lex.known_matches[key] = {
                p.name: p for p in self.lex.persons_to_compare(surname, given)
                # (surnames of lengths two letters apart are the same only in another
                # romanization, which the given name must confirm)
                if (abs(len(p.surname) - len(surname)) <= 1 and same_surname(p.surname, surname)
                    or given is not None
                    and p.given == given and same_surname(p.surname, surname, romanized=True)
                    and bool(rule("speakers.known-romanized")))  # "Maxim Kozitsky"
                and (given is None or p.given is None or p.given == given)}
        if len(hits) == 1:
            person = next(iter(hits.values()))
            if given is None and len(words) == 1 and len(surname) < 4:
                return None
            return person
        return None

    def hyphen_end(self, i: int) -> int:
        """The last token of a hyphenated name starting at name word ``i`` ("Lysenko-Kravets",
        three tokens for spaCy), else ``i``."""
        doc = self.doc
        _tok = doc_tokens(doc)
        while i + 2 < len(doc) and _tok[i + 1].text == "-" and not _tok[i].whitespace_ \
                and not _tok[i + 1].whitespace_ and self.name_word(_tok[i + 2]):
            i += 2
        return i

    def name_span(self, i: int, given_first: bool):
        """Tokens of a name starting at ``i``: given + surname (+ particles), on one line; a
        hyphenated part is one word of it."""
        doc = self.doc
        _tok = doc_tokens(doc)
        last = self.hyphen_end(i)
        toks, words = list(doc[i:last + 1]), [_tok[i]]
        j = last + 1
        while j < len(doc) and len(words) < 4 and self.same_line(_tok[i], _tok[j]):
            t = _tok[j]
            if t.lower_ in PARTICLES and j + 1 < len(doc) and self.name_word(_tok[j + 1]):
                toks.append(t)
                words.append(t)
            elif len(words) == 1 and _INITIAL.fullmatch(t.text) and j + 1 < len(doc) and \
                    self.name_word(_tok[j + 1]) and rule("speakers.middle-initial"):
                toks.append(t)  # "Brian E. Nelson": the initial, then the surname
            elif self.name_word(t) and (len(words) < 2 or words[-1].lower_ in PARTICLES
                                        or (len(words) == 2 and (self.used_alone(t) or (
                                            _one_person_entity(_tok[i], t) and
                                            rule("speakers.three-word-name"))))):
                last = self.hyphen_end(j)  # "Espen Barth Eide", when "Eide" stands alone elsewhere
                toks.extend(doc[j:last + 1])
                words.append(t)
                j = last
            else:
                break
            j += 1
        return toks

    def _given_left_out(self, toks: list) -> list:
        """The tokens of an entity that is one hyphenated surname ("Kosiniak-Kamysz"), with the
        given name the model left out before it ("Władysław Kosiniak-Kamysz told journalists":
        a proper noun compounded into the name, on its line)."""
        if any(t.whitespace_ for t in toks[:-1]) or toks[0].i == 0:
            return toks
        before = doc_tokens(self.doc)[toks[0].i - 1]
        if before.pos_ == "PROPN" and before.dep_ == "compound" and \
                toks[0].i <= before.head.i <= toks[-1].i and before.whitespace_ and \
                self.name_word(before) and self.same_line(before, toks[0]) and \
                rule("speakers.given-name-before-surname"):
            return [before] + toks
        return toks

    def _opens_body_name(self, last: int) -> bool:
        """The capitalised words after ``last`` run on, within two, into a word that heads a
        body's name ("Derhachi Municipal" + "Military Administration")."""
        _tok = doc_tokens(self.doc)
        for k in range(last + 1, min(last + 3, len(self.doc))):
            t = _tok[k]
            if not t.text[:1].isupper() or not self.same_line(_tok[last], t):
                return False
            if t.lower_ in self.lex.org_heads:
                return bool(rule("speakers.name-in-body-name"))
        return False

    def used_alone(self, tok) -> bool:
        """The word also stands alone in the article ("Eide said"), as a surname does."""
        if self._alone is None:
            doc = self.doc
            _tok = doc_tokens(doc)
            self._alone = {t.text for t in _tok if self.name_word(t) and not (
                t.i > 0 and self.name_word(_tok[t.i - 1])) and not (
                t.i + 1 < len(doc) and self.name_word(_tok[t.i + 1]))}
        return tok.text in self._alone

    def people(self):
        doc, lex = self.doc, self.lex
        _tok = doc_tokens(doc)
        # 1. title + name, given name + surname, validated NER PERSON spans
        candidates = {}
        for i in self.title_or_given_starts():
            tok = _tok[i]
            title = self.title_at(i)
            if title:
                after = i + len(title.words)
                if after < len(doc) and self.name_word(_tok[after]) and self.same_line(tok, _tok[after]):
                    toks = self.name_span(after, True)
                    titled = tok.text[0].isupper() or title.cls == "honorific"
                    if toks[0].text in lex.given or (titled and not self.on_headline(tok.idx)):
                        candidates.setdefault(toks[0].i, (toks, titled))
            if tok.text in lex.given and self.name_word(tok):
                toks = self.name_span(i, True)
                if len(toks) > 1:
                    candidates.setdefault(i, (toks, False))
        for ent in doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            toks = [t for t in ent if not t.is_space and t.text.strip()]
            if len(toks) < 2 or not all(self.name_word(t) or t.text == "-" for t in toks):
                continue
            toks = self._given_left_out(toks)
            given = next((n for n, t in enumerate(toks) if t.text in lex.given), 0)
            if given and toks[0].i > 0 and _tok[toks[0].i - 1].lower_ == "of" and \
                    len(toks) - given >= 2 and rule("speakers.title-place-before-name"):
                toks = toks[given:]  # "The mayor of Kramatorsk Oleksandr Honcharenko": the
                # title's place, then the name
            root = ent.root
            speaks = root.dep_ in SUBJECT_DEPS and root.head.lemma_ in lex.speech
            # "a spokeswoman for the State Emergency Service, Veronika Bakhal, said"
            named = root.dep_ == "appos" and any(self.title_at(a.i) for a in root.ancestors)
            if speaks or named or self.title_after(toks[-1]) or self.title_before(toks[0]):
                candidates.setdefault(toks[0].i, (toks, False))
        for i, toks in self.untagged_names():
            candidates.setdefault(i, (toks, False))
        for i in sorted(candidates):
            toks, titled = candidates[i]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if self.is_taken(start, end):
                continue
            if not titled and _named_as_place(doc, toks[0].i):
                continue  # "targeted the town of Chasiv Yar, where a resident …": a town
            if self._opens_body_name(toks[-1].i):
                continue  # "the head of the Derhachi Municipal Military Administration": the
                # first words of a body's name
            if any(o + 1 == start and c == end for o, c in self.quotes) and \
                    rule("speakers.quoted-name"):
                continue  # 'one of its ships, the “Ivan Golubets”, recorded': a name in
                # quotation marks of its own is a ship's, a unit's or a work's
            words = self.text[start:end].split()  # "Lysenko-Kravets" is one word
            headline = self.on_headline(start)
            if headline and self.match_known(*split_name(words, lex), words) is None:
                continue
            roles = [] if headline else [self.title_before(toks[0]), self.title_after(toks[-1])]
            kind = "name" if len(toks) > 1 or titled else "surname"
            self.add_person(words, start, end, kind, roles)
        # 2. surnames alone ("Klitschko said"), clipped forms, known surnames
        for i in self.capitalised():
            tok = _tok[i]
            if not self.name_word(tok) or self.is_taken(tok.idx, tok.idx + len(tok.text)):
                continue
            if tok.i >= 2 and _tok[tok.i - 1].text == "-" and not _tok[tok.i - 1].whitespace_ \
                    and not _tok[tok.i - 2].whitespace_ and self.name_word(_tok[tok.i - 2]):
                continue  # the second part of a hyphenated name
            last = _tok[self.hyphen_end(tok.i)]
            if not self.on_headline(tok.idx) and any(
                    0 <= k < len(doc) and self.name_word(_tok[k]) and self.same_line(_tok[min(k, tok.i)], _tok[max(k, tok.i)])
                    for k in (tok.i - 1, last.i + 1)):
                continue  # part of a longer name we could not place
            end = last.idx + len(last.text)
            cluster = self.add_person([self.text[tok.idx:end]], tok.idx, end, "surname",
                                      lambda: [] if self.on_headline(tok.idx)
                                      else [self.title_before(tok)])
            if cluster is None and not self.on_headline(tok.idx):
                role = self.lone_name_role(tok)
                if role:  # "acting mayor Lomako", "Lomako, the acting mayor,"
                    self.add_person([tok.text], tok.idx, tok.idx + len(tok.text), "name", [role])
                elif self.speaks_alone(tok):  # “…,” Svitlana said.
                    found = self.add_person([tok.text], tok.idx, tok.idx + len(tok.text), "name", [])
                    if found is not None and "speakers.given-name-alone" not in found.rules:
                        found.rules.append(rule("speakers.given-name-alone"))

    def title_or_given_starts(self) -> list[int]:
        """The tokens a title pattern may start at (``title_at``) or that are a known given
        name, in order: the first pass of ``people`` reads no other, and finding them in the
        folded words and the texts of the whole doc at once saves a ``title_at`` call and a
        ``Token.text`` for every other word."""
        titles, given = self.lex.titles, self.lex.given
        texts = self.texts()
        # a word's folded form is a function of its text: each distinct word is asked once
        starting = {text for text in set(texts) if fold(text) in titles or text in given}
        return [i for i, text in enumerate(texts) if text in starting]

    def capitalised(self) -> list[int]:
        """The tokens whose text opens with a capital, in order, read once per article: no
        other is a name word (``name_word``), and the second pass of ``people`` and
        ``untagged_names`` look for name words."""
        found = getattr(self, "_capitalised", None)
        if found is None:
            found = self._capitalised = [i for i, text in enumerate(self.texts())
                                         if text[:1].isupper()]
        return found

    def untagged_names(self):
        """(first token index, tokens) of names whatever the NER says of them: two name words
        tagged as proper nouns, of no place, right after a title ("foreign minister Hakan Fidan",
        "the secretary of the city council Oleksandr Lomako"), before a title in apposition
        ("Hakan Fidan, Turkey's foreign minister,") or as the subject of a speech verb. In a run
        of three name words the name starts at a known given name, else takes the last two
        ("of Kharkiv Ihor Terekhov")."""
        doc = self.doc
        _tok = doc_tokens(doc)
        capitalised = self.capitalised()  # a run starts at a name word, so at one of these
        k = 0
        while k < len(capitalised):
            i, run = capitalised[k], []
            while i < len(doc) and self.name_word(_tok[i]) and (not run or self.same_line(run[0], _tok[i])):
                run.append(_tok[i])
                i += 1
            k = bisect.bisect_left(capitalised, i if run else i + 1, k)
            if len(run) < 2 or self.on_headline(run[0].idx):
                continue
            if len(run) > 2:
                given = [n for n, t in enumerate(run) if t.text in self.lex.given]
                run = run[given[0]:given[0] + 3] if given else run[-2:]
            if not all(t.pos_ == "PROPN" and t.ent_type_ not in NOT_PERSON and t.lower_ not in CALENDAR
                       for t in run):
                continue
            if run[0].i > 0 and _tok[run[0].i - 1].lower_ == "of" and \
                    run[0].text not in self.lex.given and self.title_before(run[0]) and \
                    rule("speakers.title-portfolio"):
                continue  # "The Minister of Agrarian Policy and Food of Ukraine, Mykola
                # Solskyi": the portfolio the title is of, not a person's name
            speaks = any(t.dep_ in SUBJECT_DEPS and t.head.lemma_ in self.lex.speech for t in run)
            if speaks or self.title_before(run[0]) or self.title_after(run[-1]) or \
                    _described_as_person(run[-1]):
                yield run[0].i, run

    def speaks_alone(self, tok) -> bool:
        """A known given name alone as the subject of a speech verb ("Svitlana said", "said
        Svitlana"): a person the article names by one name only (the NER's label of a lone
        given name is not to be trusted: "Olena" comes out as an organization)."""
        head = tok.head
        if tok.text not in self.lex.given or head is tok or head.lemma_.lower() not in self.lex.speech:
            return False
        return tok.dep_ in SUBJECT_DEPS or tok.i == head.i + 1 and tok.dep_ in ("dobj", "attr")

    def descriptions(self):
        """ "the mayor", "the Russian president", "the ministry": the latest compatible cluster."""
        doc, lex = self.doc, self.lex
        _tok = doc_tokens(doc)
        folded, lowers = self.folded(), doc_lowers(doc)  # the words by index: no Token read
        for i, lower in enumerate(lowers):
            if lower != "the":
                continue
            tok = _tok[i]
            j, places = tok.i + 1, []
            while j < len(doc) and (folded[j] in lex.demonyms or lowers[j] in MODIFIERS):
                if folded[j] in lex.demonyms:
                    places.append(lex.demonyms[folded[j]])
                j += 1
            if j >= len(doc):
                continue
            title, how = self.title_at(j), None
            if title is None and j + 1 < len(doc) and _tok[j].pos_ == "PROPN" and \
                    _tok[j].is_upper and len(_tok[j]) > 1:
                title_after = self.title_at(j + 1)  # "the DPR head added": the region's head
                if title_after is not None and title_after.role:
                    j, title, how = j + 1, title_after, rule("speakers.title-of-abbreviation")
            end_tok = _tok[j + len(title.words) - 1] if title else _tok[j]
            after = end_tok.i + 1
            if title and after < len(doc) and _tok[after].lower_ == "of":
                while after < min(len(doc), end_tok.i + 10) and _tok[after].text not in (",", "."):
                    after += 1  # "the head of the administration, Serhii Popko"
            if after < len(doc) and (self.name_word(_tok[after]) or _tok[after].text == ","
                                     and after + 1 < len(doc) and self.name_word(_tok[after + 1])):
                continue  # a title with its name: handled as a role
            start, end = tok.idx, end_tok.idx + len(end_tok.text)
            if self.is_taken(start, end):
                continue
            target, described = None, self.org_description(tok.i + 1)
            if described is not None:  # "the regional military administration"
                last, words = described
                end = last.idx + len(last.text)
                target = self.latest(start, lambda c: c.kind == "organization"
                                     and words <= self.org_key(c.name))
                if target is None:
                    target = self.unnamed_org(tok, last)
            elif title and title.role:
                target = self.latest(start, lambda c: c.kind == "person" and any(
                    title.cls in self.role_classes(r) and all(p in r for p in places)
                    for r in c.all_roles()))
                if target is None and title.cls == "official" and not places:
                    # "wrote the official" after "the head of the regional administration Yurii
                    # Malashko wrote": any office holder named before is an official
                    target = self.latest(start, lambda c: c.kind == "person" and any(
                        self.role_classes(r) for r in c.all_roles()))
                    how = rule("speakers.the-official") if target is not None else how
            elif not places and _tok[j].pos_ in ("NOUN", "PROPN"):
                two = j + 1 < len(doc) and _tok[j + 1].pos_ in ("NOUN", "PROPN") \
                    and "\n" not in _tok[j].whitespace_
                last = _tok[j + 1] if two else _tok[j]
                if last.text.capitalize() not in lex.org_words and last.lower_ != "military":
                    continue
                words = [w.lower_ for w in doc_tokens(doc)[j:last.i + 1]]
                end = last.idx + len(last.text)
                if words == ["military"]:
                    # "“…,” the military wrote on Telegram" after "the Defense Ministry said":
                    # the defence body named last
                    target = self.latest(start, lambda c: c.kind == "organization" and bool(
                        _DEFENCE_WORDS & set(fold(c.name).split())))
                    how = rule("speakers.the-military") if target is not None else how
                else:
                    target = self.latest(start, lambda c: c.kind == "organization" and all(
                        w in fold(c.name).split() for w in words))
            if target is not None:
                target.mentions.append(Mention(start, end, self.text[start:end], "title",
                                               self.in_quote(start)))
                if how and how not in target.rules:
                    target.rules.append(how)
                self.taken.append((start, end))

    def latest(self, position: int, accept) -> Cluster | None:
        best, best_pos = None, -1
        for c in self.clusters:
            for m in c.mentions:
                if best_pos < m.start < position and not m.in_quote and accept(c):
                    best, best_pos = c, m.start
        return best


#: words of a defence body's name, which "the military" stands for
_DEFENCE_WORDS = frozenset({"defence", "defense", "armed", "army", "staff"})

#: place nouns whose "of" names a place: "the town of", "the village of", "the region of"
_PLACE_KINDS = frozenset(cues()["settlement_prefixes"]) | frozenset(cues()["hromada_words"]) | {
    "district"}


def _named_as_place(doc, i: int) -> bool:
    """The name at token ``i`` follows "the town of", "the village of", …: a place's name,
    whatever the entity tagger took it for."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_KINDS


def find_people(doc, lex: Lexicon | None = None) -> PeopleIndex:
    """Every person and organization mentioned in ``doc``, clustered within the article."""
    finder = _Finder(doc, lex or lexicon())
    finder.people()
    finder.organizations()
    finder.possessed_bodies()
    finder.descriptions()
    for cluster in finder.clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    clusters = sorted(finder.clusters, key=lambda c: c.mentions[0].start)
    return PeopleIndex(doc, clusters, finder.quotes, finder.lex)
