"""The people and organizations of one article, clustered: ``PeopleIndex``, what
``kg.extract.people.find_people`` returns, with a lookup from text positions to actors (a
mention, a pronoun's antecedent, the latest speaker before a position, a bare name)."""

from __future__ import annotations

import bisect
import re

from kg.extract.people_model import ORG_PRONOUNS, PRONOUN_GENDER, Cluster
from kg.extract.people_rules import Lexicon, fold
from kg.extract.rules import rule
from kg.records import Actor


class PeopleIndex:
    """The clusters of one article and a lookup from text positions to actors."""

    def __init__(self, doc, clusters: list[Cluster], quotes: list[tuple[int, int]], lex: Lexicon):
        self.doc, self.clusters, self.lex = doc, clusters, lex
        pairs = sorted((m.start, m.end, m, c) for c in clusters for m in c.mentions)
        self._starts = [p[0] for p in pairs]
        self._entries = pairs
        self._quotes = quotes

    @property
    def persons(self) -> list[Cluster]:
        return [c for c in self.clusters if c.kind == "person"]

    @property
    def organizations(self) -> list[Cluster]:
        return [c for c in self.clusters if c.kind == "organization"]

    def roles(self) -> dict[str, set[str]]:
        """Person name -> the roles the article gives (for ``Extraction.roles``)."""
        return {c.name: set(c.roles) for c in self.persons if c.roles}

    def cluster_of(self, actor: Actor) -> Cluster | None:
        return next((c for c in self.clusters if c.actor == actor), None)

    def role_of(self, actor: Actor) -> str | None:
        cluster = self.cluster_of(actor)
        return cluster.role if cluster else None

    def is_media(self, actor: Actor) -> bool:
        cluster = self.cluster_of(actor)
        return bool(cluster and cluster.media)

    def clusters_in(self, start: int, end: int) -> list[Cluster]:
        """Clusters with a mention overlapping ``[start, end)``, in text order, without repeats."""
        out = []
        i = bisect.bisect_left(self._starts, start)
        while i > 0 and self._entries[i - 1][1] > start:
            i -= 1
        for s, e, _, cluster in self._entries[i:]:
            if s >= end:
                break
            if e > start and cluster not in out:
                out.append(cluster)
        return out

    def resolve(self, item) -> Actor | None:
        """The actor a Token or Span names or refers to ("he", "the mayor"), else None."""
        if hasattr(item, "idx"):  # a Token
            start, end, root = item.idx, item.idx + len(item.text), item
        else:
            start, end, root = item.start_char, item.end_char, item.root
        own = self.clusters_in(root.idx, root.idx + len(root.text)) or self.clusters_in(start, end)
        if own:
            return own[0].actor
        lower = root.lower_
        if root.pos_ == "PRON" or lower in PRONOUN_GENDER or lower in ORG_PRONOUNS:
            cluster = self.antecedent(root.idx, lower)
            return cluster.actor if cluster else None
        return None

    def antecedent(self, position: int, pronoun: str) -> Cluster | None:
        """The latest cluster mentioned before ``position`` (outside quotes) that ``pronoun``
        can refer to: a person of matching gender for he/she, an organization for they/it."""
        i = bisect.bisect_left(self._starts, position)
        limit = position - 600 if pronoun in ORG_PRONOUNS else -1
        for s, _, mention, cluster in reversed(self._entries[:i]):
            if s < limit:
                break
            if mention.in_quote:
                continue
            if pronoun in ORG_PRONOUNS:
                if cluster.kind == "organization":
                    return cluster
                if pronoun != "they":
                    return None
                continue
            if cluster.kind == "person" and (cluster.gender is None
                                             or cluster.gender == PRONOUN_GENDER.get(pronoun)):
                return self._subject_before(mention, pronoun, position) or cluster
        return None

    def _subject_before(self, mention, pronoun: str, position: int) -> Cluster | None:
        """The person that is the subject of the sentence ``mention`` stands in, named before
        it, when ``mention`` is not and the pronoun is in a later sentence: "Zelenskyy, in a
        conversation with Rishi Sunak, said … . "…," he said" is Zelenskyy."""
        doc = self.doc
        token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if token is None or position < token.sent.end_char:
            return None
        embedded = False
        if _is_subject(token.root):
            if _in_main_clause(token.root):
                return None
            embedded = True  # "Pistorius stressed that Putin continues …": the one who stressed
        sent = token.sent
        i = bisect.bisect_left(self._starts, sent.start_char)
        for s, _, other, cluster in self._entries[i:]:
            if s >= mention.start:
                break
            if other.in_quote or cluster.kind != "person" or not (
                    cluster.gender is None or cluster.gender == PRONOUN_GENDER.get(pronoun)):
                continue
            span = doc.char_span(other.start, other.end, alignment_mode="expand")
            if span is None or not _is_subject(span.root):
                continue
            if not embedded and rule("speakers.subject-antecedent"):
                return cluster
            if embedded and _in_main_clause(span.root) and \
                    rule("speakers.main-clause-subject"):
                return cluster
        return None

    def latest_before(self, position: int, within: int, kind: str | None = None) -> Cluster | None:
        """The person or organization (or only the ``kind`` given) named last before
        ``position`` (outside quotes), at most ``within`` characters back; media outlets are
        skipped."""
        i = bisect.bisect_left(self._starts, position)
        for s, _, mention, cluster in reversed(self._entries[:i]):
            if s < position - within:
                return None
            if not mention.in_quote and not cluster.media and kind in (None, cluster.kind):
                return cluster
        return None

    def lookup(self, text: str) -> Actor | None:
        """The actor a bare name ("Source: Ukrainian Air Force") stands for, if known."""
        key = fold(text.strip()).removeprefix("the ")
        for cluster in self.clusters:
            if fold(cluster.name) == key:
                return cluster.actor
        if key in self.lex.orgs:
            return Actor(kind="organization", name=self.lex.orgs[key][0])
        return self._by_surname(text)

    def _by_surname(self, text: str) -> Actor | None:
        """The one person of the article whose surname the text names, a misspelt first name
        or a possessive beside it ("Source: Borus Filatovʼs order" for Borys Filatov)."""
        words = {fold(_POSSESSIVE.sub("", w)) for w in text.split() if w[:1].isupper()}
        found = [c for c in self.persons if len(c.name.split()) > 1
                 and fold(c.name.split()[-1]) in words]
        if len(found) == 1 and rule("quotes.source-surname"):
            return found[0].actor
        return None


_POSSESSIVE = re.compile(r"['’ʼ]s?$")


def _in_main_clause(token) -> bool:
    """The subject ``token`` heads (or names) is the subject of its sentence's main verb (or of
    a verb coordinated with it), not of a clause within ("… stressed that Putin continues")."""
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            break
        token = token.head
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _is_subject(token) -> bool:
    """The token heads its clause's subject, or a name within it ("President of Ukraine
    Volodymyr Zelenskyy", "the mayor, Ihor Terekhov,"), not a noun of a verb's phrase
    ("in a conversation with Rishi Sunak")."""
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("appos", "compound", "flat", "pobj", "prep") or \
                token.head.i == token.i or token.head.pos_ in ("VERB", "AUX") or \
                token.dep_ == "prep" and token.lower_ != "of":  # "President of Ukraine X"
            return False
        token = token.head
    return False

