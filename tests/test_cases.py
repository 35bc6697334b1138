"""Extraction rules as a case manifest: every line of ``tests/cases/*.jsonl`` is one short text
and what the whole pipeline must (or must not) read in it, run by one parametrized test.

A case: ``{"id": "...", "rule": "<rule id>", "text": "...", "published": "YYYY-MM-DD"?,
"expect": {...}}``. ``rule`` names the rule the case is about (``kg/data/rules.jsonl``); a rule
has at least one positive case (something expected) and one negative case (``"negative": true``:
a text the rule must not misread). ``expect`` keys, each optional:

- ``attacks``: attacks that must be found, each ``{"place": NAME}`` plus any of ``killed``,
  ``injured`` (a number, or null for "no figure"), ``weapons`` (exactly these kinds),
  ``attacker`` (a name, or null for none);
- ``places``: the attack places, exactly (``[]``: no attack at all);
- ``not_places``: names that must not be attack places;
- ``counts``: weapon counts ``{"kind", "count", "qualifier"?}`` that must be read; ``only_counts``:
  true when no other count may be read;
- ``statements``: ``{"speaker", "quote_start"}`` that must be read; ``only_statements``: true
  when no other statement may be read.

A known failure carries ``"xfail": "<reason>"`` (strict: once the rule reads it, the mark must go).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.evaluation.names import fold_name

CASES = Path(__file__).resolve().parent / "cases"
KEYS = {"id", "rule", "text", "published", "expect", "negative", "note", "xfail"}
EXPECT_KEYS = {"attacks", "places", "not_places", "counts", "only_counts", "statements",
               "only_statements"}


def _load():
    out = []
    for path in sorted(CASES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            where = f"{path.name}:{number}"
            assert set(case) <= KEYS, f"{where}: unknown keys {sorted(set(case) - KEYS)}"
            assert set(case["expect"]) <= EXPECT_KEYS, f"{where}: unknown expect keys"
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case \
                else []
            out.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return out


ALL = _load()


def _extract(nlp, case):
    from kg.extract.article import extract
    from kg.link.gazetteer import load_gazetteer
    from kg.records import Article

    published = date.fromisoformat(case["published"]) if case.get("published") else None
    article = Article(identifier="case", text=case["text"], published=published)
    return extract(nlp(case["text"]), article, load_gazetteer())


def _same(a: str, b: str) -> bool:
    from kg.evaluation.run import GazetteerNames

    return fold_name(a) == fold_name(b) or _names().same(a, b)


_NAMES = []


def _names():
    from kg.evaluation.run import GazetteerNames

    if not _NAMES:
        _NAMES.append(GazetteerNames())
    return _NAMES[0]


def _kinds(attack) -> set[str]:
    return {w.kind for w in attack.weapons}


def _counts(extraction):
    out = set()
    for attack in extraction.attacks:
        out.update((c.weapon.kind, c.quantity, c.qualifier) for c in attack.counts)
    for raid in getattr(extraction, "raids", ()):
        out.update((c.weapon.kind, c.quantity, c.qualifier) for c in raid.counts)
    return out


@pytest.mark.parametrize("case", ALL)
def test_case(nlp, case):
    got = _extract(nlp, case)
    expect = case["expect"]
    labels = [a.place.label for a in got.attacks]
    for want in expect.get("attacks", []):
        found = [a for a in got.attacks if _same(a.place.label, want["place"])]
        assert found, f"no attack on {want['place']} (found {labels})"
        attack = found[0]
        for key in ("killed", "injured"):
            if key in want:
                assert getattr(attack, key) == want[key], f"{want['place']}: {key}"
        if "weapons" in want:
            assert _kinds(attack) == {w.replace(" ", "-") for w in want["weapons"]}, \
                f"{want['place']}: weapons {sorted(_kinds(attack))}"
        if "attacker" in want:
            names = [a.name for a in attack.attackers]
            assert (names == [] if want["attacker"] is None else want["attacker"] in names), \
                f"{want['place']}: attackers {names}"
    if "places" in expect:
        assert sorted(labels, key=fold_name) == sorted(
            (next((lb for lb in labels if _same(lb, p)), p) for p in expect["places"]),
            key=fold_name), f"attack places {labels}"
    for name in expect.get("not_places", []):
        assert not any(_same(lb, name) for lb in labels), f"{name} read as struck ({labels})"
    counts = _counts(got)
    for want in expect.get("counts", []):
        kind = want["kind"].replace(" ", "-")
        matching = {c for c in counts if c[0] == kind and c[1] == want["count"]
                    and ("qualifier" not in want or c[2] == want["qualifier"])}
        assert matching, f"count {want} not read (read {sorted(counts, key=str)})"
    if expect.get("only_counts"):
        wanted = {(w["kind"].replace(" ", "-"), w["count"]) for w in expect.get("counts", [])}
        assert {c[:2] for c in counts} == wanted, f"counts {sorted(counts, key=str)}"
    said = [(s.speaker.name, s.quote) for s in got.statements]
    for want in expect.get("statements", []):
        assert any(_same(name, want["speaker"]) and " ".join(quote.split()).startswith(
            " ".join(want["quote_start"].split())) for name, quote in said), \
            f"statement {want} not read (read {said})"
    if expect.get("only_statements"):
        assert len(said) == len(expect.get("statements", [])), f"statements {said}"


def test_every_rule_with_cases_is_known_and_has_both_kinds():
    """Each rule a case names exists in the rule catalogue, and each such rule has a positive and
    a negative case."""
    from kg.extract.rules import rule_catalogue

    catalogue = rule_catalogue()
    kinds: dict[str, set[bool]] = {}
    for param in ALL:
        case = param.values[0]
        assert case["rule"] in catalogue, f"case {case['id']}: unknown rule {case['rule']}"
        kinds.setdefault(case["rule"], set()).add(bool(case.get("negative")))
    lacking = sorted(rule for rule, seen in kinds.items() if seen != {True, False})
    assert not lacking, f"rules without both a positive and a negative case: {lacking}"
