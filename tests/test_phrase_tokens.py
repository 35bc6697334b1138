"""The phrases' tokens are those of spaCy's English tokenizer with all its exceptions."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.vocab import Vocab

from kg.extract.lexicon import weapon_table
from kg.extract.phrase_tokens import phrase_docs


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.lower_, t.norm_) for t in doc]


def _english(vocab, texts):
    make = English(vocab=vocab).make_doc
    return [make(text) for text in texts]


def test_the_weapon_names_get_the_english_tokens():
    texts = [t for names in weapon_table()[1].values() for t in names]
    vocab = Vocab()
    assert [_tokens(d) for d in phrase_docs(vocab, texts)] == \
        [_tokens(d) for d in _english(vocab, texts)]


@pytest.mark.parametrize("texts", [
    ["don't stop", "U.S. drones", "at 3 a.m. on Jan. 5"],  # exceptions that stand in the texts
    ["Shahed-136", "Kh-101 cruise missiles", "S-300", "(KAB)", "\"Iskander-M\""],
    ["can't", "cannot"],
])
def test_texts_with_and_without_exceptions_get_the_english_tokens(texts):
    vocab = Vocab()
    assert [_tokens(d) for d in phrase_docs(vocab, texts)] == \
        [_tokens(d) for d in _english(vocab, texts)]
