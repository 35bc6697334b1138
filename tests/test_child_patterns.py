"""``ChildPatterns`` finds what spaCy's ``DependencyMatcher`` finds for the attacker rules."""

from __future__ import annotations

from spacy.matcher import DependencyMatcher

from kg.extract.attackers import PATTERNS, _without_weapon_node, read_patterns, weapon_words
from kg.extract.child_patterns import ChildPatterns
from kg.nlp.pipeline import parse
from kg.resources import data_dir

TEXTS = [
    "Russia launched 40 drones at Kharkiv overnight, and Russian troops shelled Kupiansk.",
    "The city was shelled by Russia. An attack by Ukraine hit a refinery in the Bryansk region.",
    "The Russians dropped an aerial bomb on Klynove. A Russian KAB glide bomb struck a house.",
    "Three Russian soldiers were killed, and a Ukrainian drone attack set a depot on fire.",
    "Kyiv said Russia's army used Iranian-made Shahed drones; Belarus denied any part in it.",
]


def _both(vocab):
    dependency, children = DependencyMatcher(vocab, validate=True), ChildPatterns()
    words = weapon_words(vocab)
    text = (data_dir() / PATTERNS).read_text(encoding="utf-8")
    for rule_id, patterns in read_patterns(text, PATTERNS):
        for n, pattern in enumerate(patterns):
            pattern, _ = _without_weapon_node(pattern, words)
            dependency.add(f"{rule_id}#{n}", [pattern])
            children.add(f"{rule_id}#{n}", [pattern])
    return dependency, children


def test_the_attacker_rules_match_as_with_the_dependency_matcher(nlp):
    dependency, children = _both(nlp.vocab)
    assert children.all_supported
    found = 0
    for doc in parse(nlp, TEXTS):
        expected = sorted((nlp.vocab.strings[key], tokens) for key, tokens in dependency(doc))
        assert sorted(children(doc)) == expected
        found += len(expected)
    assert found >= 5


def test_other_relations_and_attributes_are_left_to_the_dependency_matcher():
    first = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "strike"}}
    child = {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "country",
             "RIGHT_ATTRS": {"LOWER": {"IN": ["russia"]}, "DEP": "nsubj"}}
    assert ChildPatterns.supports([first, child])
    assert not ChildPatterns.supports([first, {**child, "REL_OP": ">>"}])
    assert not ChildPatterns.supports([first, {**child, "RIGHT_ATTRS": {"POS": "PROPN"}}])
    assert not ChildPatterns.supports([first, {**child, "RIGHT_ATTRS": {"LOWER": {"NOT_IN": []}}}])
    patterns = ChildPatterns()
    patterns.add("x", [[first, {**child, "REL_OP": ".*"}]])
    assert not patterns.all_supported
