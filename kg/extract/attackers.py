"""Attackers: countries the text names as carrying out an attack, read with spaCy's
``DependencyMatcher`` from the patterns of ``kg/data/attackers.jsonl``.

Each line of the file is a rule: ``id`` (in the rule catalogue ``kg/data/rules.jsonl``),
``description`` and ``patterns``, a list of DependencyMatcher patterns. A pattern names the
country token ``country``. An attribute value ``{"IN": "@name"}`` stands for the word list
``name`` of ``kg/data/cues.json`` (a dict's keys), so the words are kept in one place.
``{"_": {"sg_weapon": true}}`` matches a token of a weapon mention.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import DependencyMatcher

from kg.errors import RuleDataError
from kg.extract.attack_places import country_id
from kg.extract.attack_sentences import CASUALTY_WORDS
from kg.extract.child_patterns import ChildPatterns
from kg.extract.datelines import is_dateline
from kg.extract.doc_text import doc_words
from kg.extract.lexicon import cues
from kg.extract.rules import rule
from kg.extract.weapons import weapon_words
from kg.link.places import RUSSIA, in_crimea
from kg.records import Actor, Attack, Place
from kg.resources import data_dir

PATTERNS = "attackers.jsonl"
_CACHE = "sg_attacker_mentions"
_KEYS = {"id", "description", "patterns"}


@dataclass(frozen=True)
class AttackerMention:
    token: int  # index of the country word
    country: str  # the country's name, e.g. "Russia"
    rule: str  # the rule id that read it


def _expand(value, where: str):
    """Word-list references ``@name`` replaced by the list's words."""
    if isinstance(value, dict):
        return {k: _expand(v, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, where) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        words = cues().get(value[1:])
        if words is None:
            raise RuleDataError(f"unknown word list {value!r}", path=where)
        return sorted(words)
    return value


def read_patterns(text: str, path: str) -> list[tuple[str, list]]:
    """(rule id, patterns) of each line, checked: known keys, a catalogued id, word lists that
    exist, and a ``country`` node in every pattern."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise RuleDataError(f"malformed JSON: {error.msg}", path=path, line=number) from None
        if not isinstance(item, dict) or set(item) != _KEYS:
            raise RuleDataError("a rule has exactly the keys description, id, patterns",
                                path=path, line=number)
        try:
            rule(item["id"])
        except RuleDataError as error:
            raise RuleDataError(error.message, path=path, line=number) from None
        patterns = _expand(item["patterns"], where)
        for pattern in patterns:
            if not pattern or pattern[-1].get("RIGHT_ID") != "country":
                raise RuleDataError("every pattern ends in its 'country' node", path=path,
                                    line=number)
        out.append((item["id"], patterns))
    return out


WEAPON_NODE = {"_": {"sg_weapon": True}}


def _without_weapon_node(pattern: list, words: list[str]) -> tuple[list, list[int]]:
    """``pattern`` with each weapon-mention node asking for a weapon word instead, and the
    positions of those nodes: the matcher then calls no Python per token, and the match is
    kept only where those tokens lie in a weapon mention (``attacker_mentions``)."""
    out, nodes = [], []
    for n, node in enumerate(pattern):
        attrs = node.get("RIGHT_ATTRS", {})
        if attrs.get("_") == WEAPON_NODE["_"]:
            rest = {k: v for k, v in attrs.items() if k != "_"}
            node = {**node, "RIGHT_ATTRS": {**rest, "LOWER": {"IN": words}}}
            nodes.append(n)
        out.append(node)
    return out, nodes


@lru_cache(maxsize=4)
def _matcher(vocab) -> tuple[Callable, dict[str, int], dict[str, tuple[str, list]]]:
    """The matcher over the rule file (a doc → its matches, each a key and the token of each
    node), each rule's place in the file (first wins), and for a pattern with weapon-mention
    nodes the key it was added under: its rule and those nodes. The patterns are checked by
    spaCy's ``DependencyMatcher``, and matched by it unless ``ChildPatterns`` can read them all
    (it reads them from the country words up, not from every word of the doc)."""
    path = data_dir() / PATTERNS
    matcher = DependencyMatcher(vocab, validate=True)
    children = ChildPatterns()
    rules = read_patterns(path.read_text(encoding="utf-8"), f"kg/data/{PATTERNS}")
    words = weapon_words(vocab)
    weapon_keys: dict[str, tuple[str, list]] = {}
    for rule_id, patterns in rules:
        plain = []
        for n, pattern in enumerate(patterns):
            pattern, nodes = _without_weapon_node(pattern, words)
            if nodes:
                key = f"{rule_id}#{n}"
                matcher.add(key, [pattern])
                children.add(key, [pattern])
                weapon_keys[key] = (rule_id, nodes)
            else:
                plain.append(pattern)
        if plain:
            matcher.add(rule_id, plain)
            children.add(rule_id, plain)
    if children.all_supported:
        find = children
    else:
        def find(doc):
            return [(doc.vocab.strings[key], tokens) for key, tokens in matcher(doc)]
    return find, {rule_id: n for n, (rule_id, _) in enumerate(rules)}, weapon_keys


def attacker_mentions(doc, weapons=()) -> list[AttackerMention]:
    """Every country the doc names as attacking, with the rule that read it, in text order
    (one per country word: the first rule of the file that matches it)."""
    cached = doc.user_data.get(_CACHE)
    if cached is not None:  # the attacks and the raids both ask; the doc does not change
        return cached
    matcher, order, weapon_keys = _matcher(doc.vocab)
    countries = cues()["countries"]
    found: dict[int, str] = {}
    if not doc_words(doc).isdisjoint(countries):  # else nothing can match
        in_weapon = {i for mention in weapons for i in range(mention.start, mention.end)}
        for rule_id, tokens in matcher(doc):
            if rule_id in weapon_keys:
                rule_id, nodes = weapon_keys[rule_id]
                if any(tokens[n] not in in_weapon for n in nodes):
                    continue
            i = tokens[-1]  # every pattern ends in its country node
            if i > 1 and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "GPE" and \
                    doc[i].pos_ == "PROPN" and doc[i].dep_ != "nsubj":
                continue  # "in Lviv, Ukraine attack": the country of the place, not its foe
            if _victims(doc[i]):
                continue  # "three Russian soldiers were killed": the victims' side
            if is_dateline(doc, i, i + 1):
                continue  # "Kiev, Oct. 25, (dpa) - …": where the report was filed
            if _downs_weapons(doc[i], in_weapon):
                continue  # "Ukraine destroyed nine enemy drones": the defender
            if _design_origin(doc[i]):
                continue  # "a Russian-made version of an Iranian Shahed drone": its design
            if _defence_forces(doc[i]):
                continue  # "the commander of the Southern Ukrainian Defence Forces": defenders
            if i not in found or order[rule_id] < order[found[i]]:
                found[i] = rule_id
    out = [AttackerMention(i, countries[doc[i].lower_], rule_id)
           for i, rule_id in sorted(found.items())]
    doc.user_data[_CACHE] = out
    return out


_DOWNING = frozenset(cues()["shot_down_words"])
_COPY_NOUNS = frozenset({"version", "copy", "variant", "clone", "analogue", "analog",
                         "modification", "replica", "derivative", "knockoff", "adaptation"})


_DEFENCE = frozenset({"defence", "defense"})


def _defence_forces(country) -> bool:
    """The country word is on forces named for defence ("the Southern Ukrainian Defence
    Forces", "Ukraine's Defense Forces"): the side that defends, not an attacker."""
    head = country.head
    return head.i != country.i and head.lemma_.lower() in ("force", "forces") and any(
        c.lower_ in _DEFENCE for c in head.children if c.i < head.i) and \
        bool(rule("attackers.defence-forces"))


def _design_origin(country) -> bool:
    """The country word is on the weapon a copy is made from ("the Geran-2, a Russian-made
    version of an Iranian Shahed drone"): where the design comes from, not who attacks."""
    node = country.head
    for _ in range(3):  # "an Iranian Shahed drone": the word, its compound, the weapon noun
        if node.dep_ == "pobj" and node.head.lower_ == "of" and \
                node.head.head.lemma_.lower() in _COPY_NOUNS:
            return bool(rule("attackers.design-origin"))
        if node.head.i == node.i or node.dep_ not in ("compound", "amod", "nmod"):
            break
        node = node.head
    return False


def _downs_weapons(country, in_weapon: set[int]) -> bool:
    """The country is the subject of a verb that downs weapons ("Ukraine destroyed nine enemy
    drones", "Russia shot down 40 drones"): it defends, it does not attack."""
    verb = country.head
    return country.dep_ == "nsubj" and verb.lemma_.lower() in _DOWNING and any(
        c.dep_ == "dobj" and c.i in in_weapon for c in verb.children) and \
        bool(rule("attackers.downing-side"))


_SOLDIERS = frozenset(cues()["soldier_nouns"])
_PERSON_NOUNS = frozenset(cues()["person_nouns"])


def _victims(country) -> bool:
    """The country word names the side of people a casualty verb tells of in the passive
    ("three Russian soldiers were killed"), or who died ("two Ukrainian servicemen died"), not
    of an attacker ("Russian soldiers killed two civilians" names Russia)."""
    people = country.head
    if people.i == country.i or people.pos_ != "NOUN" or (
            people.lower_ not in _SOLDIERS and people.lower_ not in _PERSON_NOUNS):
        return False  # "Russian shelling killed a man": the shelling's side
    verb = people.head
    passive = people.dep_ == "nsubjpass"  # "soldiers were killed", not "soldiers killed two"
    intransitive = people.dep_ == "nsubj" and verb.lemma_.lower() in ("die", "perish") and \
        not any(c.dep_ == "dobj" for c in verb.children)
    if (passive or intransitive) and verb.lemma_.lower() in CASUALTY_WORDS:
        return bool(rule("attackers.victims-side"))
    return False


def plausible_attacker(actor: Actor, place: Place) -> bool:
    """A country does not attack itself, nor Russia the Crimea it has held since 2014 (which
    Ukraine strikes)."""
    if actor.place is None:
        return True
    side = actor.place.qid or actor.place.id
    if in_crimea(place):  # "89 Ukrainian drones over occupied Crimea … blasts at Saky": held
        # by Russia, struck by Ukraine
        return side != RUSSIA or not rule("attackers.not-the-occupier")
    return country_id(place) != side


def default_attackers(attacks: list[Attack], votes: Counter, gazetteer) -> None:
    """Where no sentence about the place named an attacker: the side the article names for
    attacks on that country elsewhere, else the side its attack sentences name most often
    (never the place's own country)."""
    by_country: dict[str, Counter] = {}
    for attack in attacks:
        for actor in attack.attackers:
            by_country.setdefault(country_id(attack.place), Counter())[actor.name] += 1
    for attack in attacks:
        if attack.attackers:
            continue
        tally = by_country.get(country_id(attack.place)) or votes
        for name, _ in tally.most_common():
            actor = gazetteer.actor(name)
            if actor is not None and plausible_attacker(actor, attack.place):
                attack.attackers.append(actor)
                break
