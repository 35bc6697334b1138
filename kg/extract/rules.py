"""The rule catalogue: every extraction rule has an id, a component and a description.

``kg/data/rules.jsonl`` holds one rule a line, ``{"id": "casualties.pooled", "component":
"casualties", "description": "..."}``, validated on load (``file:line`` in the error). Code that
applies a rule names it with ``rule("<component>.<name>")``, which fails at once for an id the
catalogue lacks, and the id travels with the fact's evidence (``Evidence.rules``) into the graph
(``kg:rule``), where ``kg explain`` shows it. Word lists and patterns that a rule reads stay in
their own data files (``cues.json``, ``weapons.jsonl``, ``people.jsonl``, ``roles.jsonl``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import RuleDataError
from kg.resources import data_dir

COMPONENTS = ("places", "attacks", "casualties", "weapons", "counts", "attackers", "dates",
              "quotes", "speakers")
_KEYS = {"id", "component", "description"}


@dataclass(frozen=True)
class Rule:
    id: str
    component: str
    description: str


def read_rules(text: str, path: str) -> dict[str, Rule]:
    """The rules of one JSONL text; any malformed line is a ``RuleDataError`` at ``path:line``."""
    rules: dict[str, Rule] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise RuleDataError(f"malformed JSON: {error.msg}", path=path, line=number) from None
        if not isinstance(item, dict):
            raise RuleDataError("a rule must be a JSON object", path=path, line=number)
        unknown = sorted(set(item) - _KEYS)
        if unknown:
            raise RuleDataError(f"unknown key {unknown[0]!r} (a rule has id, component, "
                                "description)", path=path, line=number)
        for key in sorted(_KEYS):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise RuleDataError(f"missing {key!r}", path=path, line=number)
        if item["component"] not in COMPONENTS:
            raise RuleDataError(f"unknown component {item['component']!r}", path=path,
                                line=number)
        if not item["id"].startswith(item["component"] + "."):
            raise RuleDataError(f"rule id {item['id']!r} must start with its component "
                                f"'{item['component']}.'", path=path, line=number)
        if item["id"] in rules:
            raise RuleDataError(f"duplicate rule id {item['id']!r}", path=path, line=number)
        rules[item["id"]] = Rule(item["id"], item["component"], item["description"])
    return rules


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, Rule]:
    path = data_dir() / "rules.jsonl"
    return read_rules(path.read_text(encoding="utf-8"), f"kg/data/{path.name}")


def rule(rule_id: str) -> str:
    """``rule_id`` itself, once checked against the catalogue (a typo fails on first use)."""
    if rule_id not in rule_catalogue():
        raise RuleDataError(f"unknown rule id {rule_id!r}", path="kg/data/rules.jsonl")
    return rule_id
