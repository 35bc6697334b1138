"""Dependency patterns made only of ``>`` relations (the right node is a child of the left one),
matched upward from the tokens their last node can stand on.

spaCy's ``DependencyMatcher`` first runs a token ``Matcher`` over every token of the doc for
every node of every pattern (a Python call per token for each ``IN`` list), then joins the
nodes' tokens tree by tree: some 2 ms an article for the attacker rules, nearly all of it on
words that stand in no match. A pattern of child relations that ends in a node only a few words
can fill (a country's name) is matched more cheaply from those words: the node its last node
hangs from is that word's head, and so on up to the pattern's first node; the other nodes are
children of nodes already placed. The matches are the ``DependencyMatcher``'s, each once (the
tokens of every node, in the pattern's order), in another order.

Only node attributes compared by value are read here (``LOWER``, ``LEMMA``, ``DEP``: a string,
or ``{"IN": [...]}``); ``ChildPatterns.supports`` says whether a pattern keeps to them.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.doc_text import doc_lowers, doc_tokens

#: token attribute of a pattern → the ``Token`` attribute holding its string
ATTRIBUTES = {"LOWER": "lower_", "LEMMA": "lemma_", "DEP": "dep_"}


def _test(attrs: dict) -> tuple[tuple[str, frozenset[str]], ...]:
    """A node's attributes as (``Token`` attribute, the strings it may have) pairs."""
    return tuple((ATTRIBUTES[name], frozenset(value["IN"]) if isinstance(value, dict)
                  else frozenset([value])) for name, value in attrs.items())


def _fits(token, test) -> bool:
    return all(getattr(token, attribute) in values for attribute, values in test)


class _Pattern:
    """One pattern: each node's test and the node it hangs from (``None`` for the first)."""

    def __init__(self, key: str, pattern: list[dict]):
        self.key = key
        index = {node["RIGHT_ID"]: n for n, node in enumerate(pattern)}
        self.tests = [_test(node["RIGHT_ATTRS"]) for node in pattern]
        self.parents = [index[node["LEFT_ID"]] if "LEFT_ID" in node else None
                        for node in pattern]
        path, node = [], len(pattern) - 1  # the last node and the nodes above it
        while node is not None:
            path.append(node)
            node = self.parents[node]
        self.path = path
        self.rest = [n for n in range(len(pattern)) if n not in path]  # parents come first

    def matches(self, token) -> Iterator[list[int]]:
        """The token indices of every match whose last node is ``token``."""
        placed: list = [None] * len(self.tests)
        for node in self.path:
            if token is None or not _fits(token, self.tests[node]):
                return
            placed[node] = token
            if self.parents[node] is not None:
                head = token.head
                token = None if head.i == token.i else head  # a root hangs from nothing
        yield from self._place(placed, 0)

    def _place(self, placed: list, n: int) -> Iterator[list[int]]:
        if n == len(self.rest):
            yield [token.i for token in placed]
            return
        node = self.rest[n]
        for child in placed[self.parents[node]].children:
            if _fits(child, self.tests[node]):
                placed[node] = child
                yield from self._place(placed, n + 1)
        placed[node] = None


class ChildPatterns:
    """Patterns added under keys, as ``DependencyMatcher.add`` takes them (already checked by
    it: every node after the first names a node before it)."""

    def __init__(self) -> None:
        self._patterns: list[_Pattern] = []
        self._last_words: frozenset[str] | None = frozenset()  # None: any word
        self.all_supported = True  # every pattern added keeps to what ``supports`` allows

    def _add_last_words(self, pattern: list[dict]) -> None:
        """Widen the words a match can end on by those of ``pattern``'s last node."""
        lower = pattern[-1]["RIGHT_ATTRS"].get("LOWER")
        if lower is None or self._last_words is None:
            self._last_words = None
        else:
            self._last_words |= _test({"LOWER": lower})[0][1]

    @staticmethod
    def supports(pattern: list[dict]) -> bool:
        """Whether every relation of ``pattern`` is ``>`` and its nodes ask only for attributes
        this matcher reads."""
        def compared(value) -> bool:
            if isinstance(value, dict):
                return set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"])
            return isinstance(value, str)

        return all(node.get("REL_OP", ">") == ">" and set(node["RIGHT_ATTRS"]) <= set(ATTRIBUTES)
                   and all(map(compared, node["RIGHT_ATTRS"].values())) for node in pattern)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            if not self.supports(pattern):
                self.all_supported = False
                continue
            self._patterns.append(_Pattern(key, pattern))
            self._add_last_words(pattern)

    def __call__(self, doc) -> list[tuple[str, list[int]]]:
        """(key, the token index of each node) of every match in ``doc``."""
        words = self._last_words
        tokens = doc_tokens(doc)
        ends = tokens if words is None else \
            [tokens[i] for i, lower in enumerate(doc_lowers(doc)) if lower in words]
        return [(pattern.key, match) for token in ends for pattern in self._patterns
                for match in pattern.matches(token)]
