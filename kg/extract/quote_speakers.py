"""Who a phrase names as speaker: the subject or agent of a speech verb, the actors a noun
phrase names (several when coordinated), a pronoun's antecedent, the author of "the statement
said" (``SpeakerReader``, over the frames of ``kg.extract.quote_frames``)."""

from __future__ import annotations

from kg.extract import people as _people
from kg.extract.doc_text import doc_tokens, sentence_of
from kg.extract.lexicon import cues
from kg.extract.organizations import BODY_NOUNS
from kg.extract.place_roles import COMPANIES
from kg.extract.quote_frames import QuoteFrames, Said
from kg.extract.rules import rule
from kg.records import Actor

LABELS = {"quote", "quotes", "quotation", "statement", "details"}
# "the statement said", "the information provided by the General Staff": its author's words
DOCUMENTS = {"statement", "report", "post", "message", "release", "summary", "update", "readout",
             "communique", "announcement", "information", "data", "publication", "document"}


# the title nouns a later sentence names a person by: "the head of the X said"
_TITLES = frozenset(cues()["speaker_title_nouns"])
_TITLE_REACH = 600  # characters back "the official" looks for the person it stands for
# an account an organization speaks through: "the Southern Defense Forces Telegram channel
# writes", "the ministry's Facebook page said" (only with the organization named in the phrase)
_ACCOUNTS = cues()["speaking_account_nouns"]
_DOCUMENT_WORDS = frozenset(DOCUMENTS | LABELS)
# the nouns "the … said" names a company by
_COMPANY_NOUNS = frozenset(cues()["company_nouns"])


def _past_stem(word: str) -> str:
    """A regular past form without "-ed" and a doubled last consonant ("blogged" → "blog"): a
    stem to look up where the lemmatizer stumbles ("blogge"); no real stem of every verb."""
    stem = word[:-2] if word.endswith("ed") else word
    return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem


def _holds_title(role: str, words: list[str]) -> bool:
    """A person's role fits "the [administration] chief": the title is in it, or, for a chief
    or head, the role is a head's of the body the words before the title name; a governor is
    the head of a region ("Acting Governor X reported … "…," the acting head wrote")."""
    title, body = words[-1], words[:-1]
    if title in role:
        return True
    return title in ("chief", "head") and ("head" in role or "chief" in role or (
        "governor" in role and rule("speakers.governor-as-head"))) and \
        bool(body) and all(w in role for w in body)


_MINISTRY_WORDS = frozenset({"ministry", "of", "the", "for", "ukraine", "russia"})


def _heads_ministry(role: str, orgs: list[str]) -> bool:
    """A minister's role names the ministry of one of ``orgs`` by its own words ("minister of
    internal affairs" heads the "ministry of internal affairs")."""
    words = set(role.split())
    return "minister" in words and any(
        o.split()[:1] == ["ministry"] and set(o.split()) - _MINISTRY_WORDS and
        set(o.split()) - _MINISTRY_WORDS <= words for o in orgs)


#: words for a person that fit whatever title the person named last holds ("the official",
#: "the politician")
_ANY_TITLE = frozenset({"official", "politician"})


class SpeakerReader(QuoteFrames):
    _looking_back = False  # within a look for the author of "the statement said"

    # speakers
    def is_speech(self, t) -> bool:
        """A verb of speech, or one that goes on to speak ("Rudnytskyi went on to say")."""
        if t.tag_ == "NNS" and t.lemma_.lower() in self.lex.speech and any(
                c.dep_ == "compound" and c.lower_ in DOCUMENTS for c in t.children) and \
                (t.i + 1 == len(t.doc) or t.doc[t.i + 1].is_punct) and \
                rule("quotes.verb-tagged-noun"):
            return True  # "…,” the message states.": the parser took "states" for a noun, of
            # which "message" is a compound
        if not t.tag_.startswith("VB"):
            return False
        lemma = t.lemma_.lower()
        if lemma == "continue" and any(c.dep_ == "xcomp" for c in t.children):
            # "the occupiers continue to “hunt …”" goes on doing, not saying ("continued to
            # say" is speech)
            if any(c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.speech for c in t.children):
                return True
            rule("quotes.continue-to-do")
            return False
        if lemma in self.lex.speech or t.tag_ in ("VBD", "VBN") and \
                _past_stem(t.lower_) in self.lex.speech:
            return True  # "Gladkov blogged", which the lemmatizer makes "blogge"
        return lemma == "go" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.speech for c in t.children) and \
            bool(rule("speakers.went-on-to-say"))

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

    def _other_subject(self, verb, subj):
        """The subject of ``verb`` after ``subj``, where the parse gave it two, outside any
        quote; else None."""
        return next((c for c in verb.children if c.dep_ in _people.SUBJECT_DEPS and
                     c.i > subj.i and self.quote_of[c.i] == -1), None)

    def _quoted_from(self, root) -> Actor | None:
        """The person a "Quote from X, …" names right after "from"."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = [c for c in self.index.clusters_in(obj.idx, obj.idx + len(obj.text))
                                 if c.kind == "person"]
                        if found and rule("speakers.quote-from"):
                            return found[0].actor
        return None

    def speakers_in(self, tokens, previous: Said | None, prev_end: int) -> list[Actor] | None:
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
            if root.lemma_.lower() in _ACCOUNTS:
                # the account's owner is named before it ("the Southern Defense Forces Telegram
                # channel", "the ministry's page"), not "a channel close to the ministry" or
                # "the channel of the administration's head X" (read as any noun phrase)
                owners = [c for c in clusters if c.kind == "organization" and any(
                    start <= m.start and m.end <= root.idx for m in c.mentions)]
                if owners and rule("speakers.account"):
                    return [owners[0].actor]
            elif root.lemma_.lower() in _DOCUMENT_WORDS or \
                    root.i > 0 and self.doc[root.i - 1].lower_ == "press":
                source = self._quoted_from(root)
                if source is not None:
                    return [source]  # "Quote from Serhii Popko, Head of Kyiv City Military
                    # Administration:": the person quoted, not the body his title names
                orgs = [c for c in clusters if c.kind == "organization"]  # "the ministry's statement
                return [(orgs or clusters)[0].actor]  # said", "the press service of the X said"
            if root.pos_ == "NOUN":
                holder = self.title_holder(root, clusters, start)
                if holder is not None:
                    return [holder]  # "the head of the Regional Military Administration"
                if root.tag_ == "NN":  # "Turkey's top diplomat Hakan Fidan": the title's name
                    for c in clusters:
                        named = [m for m in c.mentions if root.idx < m.start < end and m.start >= start]
                        if (c.kind == "person" or c.kind == "organization" and
                                root.lemma_.lower() in BODY_NOUNS) and named and \
                                self.doc[self.token_at(named[0].start) - 1].pos_ != "ADP":
                            return [c.actor]  # "the energy company DTEK": the body's name
                return []  # "European Union foreign ministers": unnamed people
            persons = [c for c in clusters if c.kind == "person"]
            return [(persons or clusters[-1:])[0].actor]
        heads = [t for t in tokens if t.lemma_.lower() in DOCUMENTS and t.pos_ == "NOUN"]
        account = not heads  # "his Telegram channel says": the words of whoever spoke before
        if account:
            heads = [t for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() in _ACCOUNTS
                     and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in t.children)]
        root = self.doc[tokens[0].i:tokens[-1].i + 1].root
        if root.pos_ == "DET" and root.head.i > tokens[-1].i:
            root = tokens[-1]  # "the message states": both words hang on the verb the parser
            # took for a noun; the phrase's head is its last word
        if heads and heads[-1].i == root.i:
            if account:
                self.fired.append(rule("speakers.pronoun-account"))
            author = self.last_speaker(tokens[0].i, start)  # "the statement said": its author
            if author:
                return author
            author = self.index.latest_before(self.quote_opening(tokens[0].i, start), 400)
            return [author.actor] if author else []
        words = self.words(tokens)
        if 2 <= len(words) <= 4 and words[0].lower_ == "the" and words[-1].lower_ in _COMPANY_NOUNS \
                and all(w.text.islower() for w in words[1:]):
            # "Ukrenergo also reported a drone attack. “…,” the company said": the company
            # named last before the quotation
            body = self.index.latest_before(self.quote_opening(tokens[0].i, start), _TITLE_REACH,
                                            kind="organization")
            if body is not None and self.is_company(body) and rule("speakers.the-company"):
                return [body.actor]
        if 2 <= len(words) <= 4 and words[0].lower_ == "the" and words[-1].tag_ == "NN" and \
                words[-1].lower_ in _TITLES | _ANY_TITLE and all(
                    (w.pos_ in ("NOUN", "ADJ") or w.tag_ == "VBG") and w.text.islower()
                    for w in words[1:-1]):  # "the acting head", "acting" tagged a verb
            # "…," the official wrote on his Telegram channel, "…," the administration chief
            # said: the person named last before, holding that title (any title, for "the
            # official" or "the politician"; the chief or head of what the words before the
            # title name)
            last = self.index.latest_before(start, _TITLE_REACH)
            if last is not None and last.kind != "person" and \
                    rule("speakers.definite-title-past-body"):
                # "According to Oleh Syniehubov, head of the Kharkiv Regional State
                # Administration, …" then "…," the official added: the person, past the body
                # his title names
                last = self.index.latest_before(start, _TITLE_REACH, kind="person")
            if last is not None and last.kind == "person" and (
                    words[-1].lower_ in _ANY_TITLE or any(
                        _holds_title(role.lower(), [w.lower_ for w in words[1:]])
                        for role in last.roles)) and rule("speakers.definite-title"):
                return [last.actor]
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

    def is_company(self, cluster) -> bool:
        """An organization the text shows to be a company: one of the cue list
        ``company_names``, or named beside a company noun ("the national railway company,
        Ukrzaliznytsia", "the energy company DTEK")."""
        if cluster.name.lower() in COMPANIES:
            return True
        return any(_COMPANY_NOUNS & set(self.text[max(0, m.start - 40):m.end + 40].lower().split())
                   for m in cluster.mentions)

    def title_holder(self, root, clusters, start: int) -> Actor | None:
        """The person named before with this title of this organization ("Oleh Syniehubov,
        head of the Kharkiv Regional Military Administration, … wrote the head of the Regional
        Military Administration"; "Kharkiv Regional Military Administration Head Oleh
        Syniehubov"): the one person whose role holds the title word and names the
        organization."""
        orgs = [c.actor.name.lower() for c in clusters if c.kind == "organization"]
        title = root.lower_
        if not orgs or title not in _TITLES:
            return None
        holders = [c for c in self.index.persons if any(m.start < start for m in c.mentions)
                   and any(title in role.lower().split() and any(
                       set(o.split()) <= set(role.lower().split()) for o in orgs)
                           for role in c.roles)]  # "head of the …" or "… Administration Head"
        if len(holders) == 1:
            rule("speakers.title-holder")
            return holders[0].actor
        if title in ("head", "chief") and not holders:
            # "Minister of Health Viktor Liashko" … "said the head of the Ministry of Health":
            # a minister heads the ministry of his title
            ministers = [c for c in self.index.persons if any(m.start < start for m in c.mentions)
                         and any(_heads_ministry(role.lower(), orgs) for role in c.roles)]
            if len(ministers) == 1 and rule("speakers.head-of-ministry"):
                return ministers[0].actor
        return None

    def according(self, frame, previous, prev_end, apposition: bool = True,
                  past_outlet: bool = False) -> list[Actor] | None:
        """The source "according to X" names in ``frame``; with ``apposition``, the name set
        off after X's title ("according to the head of the X, Y, “…”"); with ``past_outlet``,
        the name set off after an outlet ("According to Ukrinform, Oleh Hryhorov, head of the
        Sumy administration, reported this", which the parser hangs on "to")."""
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
                if not found and len(parts) > 1 and apposition:
                    found = self.speakers_in(parts[1], previous, prev_end)
                if found and past_outlet and len(parts) > 1 and \
                        all(self.index.is_media(a) for a in found):
                    relayed = [a for a in self.speakers_in(parts[1], previous, prev_end)
                               if not self.index.is_media(a)]
                    if relayed and rule("speakers.after-outlet"):
                        return relayed
                return found
        return None

    def quote_opening(self, i: int, start: int) -> int:
        """Where the quotation an attribution at token ``i`` (offset ``start``) follows opens:
        how far back its author may be named is counted from there, not from after a long
        quote."""
        while i > 0 and (self.quote_of[i - 1] != -1 or not self.doc[i - 1].is_alpha):
            i -= 1
        return min(start, self.doc[i].idx)

    def last_speaker(self, i: int, start: int) -> list[Actor]:
        """Who spoke in the latest of the three sentences before token ``i`` whose speech verb
        has a named subject or agent ("X, head of the Y administration, stated this in a post.
        “…,” the post reads": X, not the Y administration named in X's title); outlets that relay
        ("…, Ukrinform reports") only when nobody else spoke."""
        if self._looking_back:
            return []  # "…, said the statement published on Monday": no author of an author
        self._looking_back = True
        try:
            return self._last_speaker(i, start)
        finally:
            self._looking_back = False

    def _last_speaker(self, i: int, start: int) -> list[Actor]:
        start = self.quote_opening(i, start)  # the author's reach counts from the quotation
        for _ in range(3):
            while i > 0 and (self.quote_of[i - 1] != -1 or not self.doc[i - 1].is_alpha):
                i -= 1  # a quotation's own sentences are not the author's
            sentence = self.sentence_before(i)
            if not sentence or start - sentence[0].idx > 600:
                return []
            found = []
            for verb in (t for t in sentence if self.is_speech(t)):
                found += [a for a in self.from_verb(verb, sentence, None, 0) if a not in found]
            if not found:  # "According to him, the enemy targeted …": the same author
                found = self.according(sentence, None, 0, apposition=False,
                                       past_outlet=True) or []
            speakers = [a for a in found if not self.index.is_media(a)]
            if speakers:
                self.fired.append(rule("speakers.document-author"))
                return speakers
            i = sentence[0].i
        return []

    def from_verb(self, verb, frame, previous, prev_end) -> list[Actor]:
        found = self._from_verb(verb, frame, previous, prev_end)
        if not any(self.index.is_media(a) for a in found):
            return found  # the sentence is searched for "told <outlet>" only when one spoke
        told = self._told(verb)
        if any(self.index.cluster_of(a) in told for a in found):
            self.fired.append(rule("quotes.outlet-told"))
            found = [a for a in found if self.index.cluster_of(a) not in told]
        return found

    def _told(self, verb) -> list:
        """The outlets told something in the verb's sentence ("One source … told Reuters …"):
        listeners, not speakers."""
        out = []
        for t in sentence_of(verb.doc, verb.i):
            if t.lemma_.lower() == "tell" and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN":
                        out += [cl for cl in self.index.clusters_in(
                            self.doc[c.left_edge.i].idx, c.idx + len(c.text)) if cl.media]
        return out

    def _from_verb(self, verb, frame, previous, prev_end) -> list[Actor]:
        for agent in (c for c in verb.children if c.dep_ == "agent"):  # "was reported by X"
            span = [t for t in doc_tokens(self.doc)[agent.i + 1:agent.right_edge.i + 1]
                    if self.quote_of[t.i] == -1]
            found = self.speakers_in(span, previous, prev_end)
            if found:
                return found
        subj = self.subject(verb)
        if subj is not None:
            span = [t for t in doc_tokens(self.doc)[subj.left_edge.i:subj.right_edge.i + 1]
                    if self.quote_of[t.i] == -1]
            found = self.speakers_in(span, previous, prev_end)
            if not found and (other := self._other_subject(verb, subj)) is not None:
                # "Foreign Secretary, David Lammy said: “…”": the parser made the title, cut off
                # by its comma, a subject of its own; the name after it speaks
                span = [t for t in doc_tokens(self.doc)[other.left_edge.i:other.right_edge.i + 1]
                        if self.quote_of[t.i] == -1]
                found = self.speakers_in(span, previous, prev_end)
                if found:
                    self.fired.append(rule("speakers.title-comma-name"))
            if not found and verb.tag_ == "VBG" and verb.dep_ == "advcl":
                # "X suggested Moscow may have used a new bomb, saying: “…”": the parse hung
                # "saying" on the inner clause; the one saying it is the sentence's subject
                main = sentence_of(verb.doc, verb.i).root
                if main is not verb and self.subject(main) is not None:
                    top = self.subject(main)
                    span = [t for t in doc_tokens(self.doc)[top.left_edge.i:top.right_edge.i + 1]
                            if self.quote_of[t.i] == -1]
                    found = self.speakers_in(span, previous, prev_end)
                    if found:
                        self.fired.append(rule("quotes.saying-main-subject"))
            return self.listed_before(span[0] if span else subj, frame) + found if found else found
        root = sentence_of(verb.doc, verb.i).root if verb.dep_ == "acl" else None
        if root is not None and verb.tag_ in ("VBD", "VBN") and root.pos_ == "PROPN" and \
                root.i < verb.i and any(c.dep_ == "appos" for c in root.children):
            # "Oleksandr Prokudin, head of the Kherson RMA, informed about this": the parser
            # made the name the sentence's root and hung the verb on the body; the name speaks
            name = [t for t in doc_tokens(self.doc)[root.left_edge.i:root.i + 1]
                    if self.quote_of[t.i] == -1]
            found = self.speakers_in(name, previous, prev_end)
            if found:
                self.fired.append(rule("quotes.name-as-root"))
                return found
        after = []
        for t in frame[frame.index(verb) + 1:] if verb in frame else []:
            if t.text in (",", ":", "that") or t.dep_ == "prep" and t.lower_ != "of":
                break  # "…,” informed the head of the KMIA Serhiy Popko": the title's name
            after.append(t)
        found = self.speakers_in(after, previous, prev_end)
        if not found and verb.dep_ == "ROOT" and (one := self._one_person_before(verb)):
            # "In a post shared on Telegram, Ihor Terekhov, the city's mayor, stated, “…”":
            # the parser hung the name on the opening phrase and left the verb no subject
            self.fired.append(rule("speakers.subjectless-verb"))
            return [one]
        return found

    def _one_person_before(self, verb) -> Actor | None:
        """The one person named in ``verb``'s sentence before it, outside quotes; else None."""
        first = sentence_of(verb.doc, verb.i).start
        if any(self.quote_of[i] != -1 for i in range(first, verb.i)):
            return None
        start, end = self.doc[first].idx, verb.idx
        persons = {id(c): c for c in self.index.clusters_in(start, end) if c.kind == "person"}
        return next(iter(persons.values())).actor if len(persons) == 1 else None

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
