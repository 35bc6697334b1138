"""A doc's parse as lists indexed by token, read from the doc's array once per extraction run:
the rules that walk up the tree from a place name (is it a scene, is it in a shoot-down's
clause) step from index to index instead of asking ``Token.head``, ``Token.children`` and the
tag strings of a new ``Token`` object at every step."""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, POS, TAG

from kg.extract.doc_text import doc_fact


class ParseColumns:
    """For each token ``i`` of a doc: ``heads[i]`` (the index of its head; a root is its own
    head, as ``Token.head`` says), ``deps[i]``, ``pos[i]`` and ``tags[i]`` (``Token.dep_``,
    ``Token.pos_``, ``Token.tag_``), and ``children[i]`` (the indices of the tokens whose
    head it is, in order, as ``Token.children`` gives them; made at the first ask)."""

    __slots__ = ("heads", "deps", "pos", "tags", "_children")

    def __init__(self, doc) -> None:
        strings = doc.vocab.strings
        columns = doc.to_array([HEAD, DEP, POS, TAG])
        offsets = columns[:, 0].astype("int64")  # HEAD is a signed offset
        self.heads: list[int] = (numpy.arange(len(offsets)) + offsets).tolist()
        self.deps, self.pos, self.tags = (self._strings(strings, columns[:, k].tolist())
                                          for k in (1, 2, 3))
        self._children: list[list[int]] | None = None

    @property
    def children(self) -> list[list[int]]:
        if self._children is None:
            children: list[list[int]] = [[] for _ in self.heads]
            for i, head in enumerate(self.heads):
                if head != i:
                    children[head].append(i)
            self._children = children
        return self._children

    @staticmethod
    def _strings(strings, keys: list[int]) -> list[str]:
        names = {key: strings[key] for key in set(keys)}  # each distinct label looked up once
        return list(map(names.__getitem__, keys))


def parse_columns(doc) -> ParseColumns:
    """The doc's ``ParseColumns``, made once per run and dropped with the run's other facts."""
    return doc_fact(doc, "parse_columns", ParseColumns)
