"""Extraction rules as a case manifest: every line of ``tests/cases/*.jsonl`` is one short text
and what the whole pipeline (or one of its readers) must, or must not, read in it, run by one
parametrized test.

A case: ``{"id": "...", "rule": "<rule id>"?, "text": "...", "published": "YYYY-MM-DD"?,
"ner": false?, "expect": {...}, "note": "..."?}``. ``rule`` names the rule the case is about
(``kg/data/rules.jsonl``) when it exercises one; a rule named by cases has at least one positive
case (something expected) and one negative case (``"negative": true``: a text the rule must not
misread). ``"ner": false`` clears the parser's named entities before anything is read (the
title and phrase patterns must find the names by themselves).

``expect`` keys, each optional. What the whole extraction reads (``kg.extract.article.extract``),
place and speaker names matched the way the evaluator matches them (spelling variants) unless
said otherwise:

- ``attacks``: attacks that must be found, each ``{"place": NAME}`` plus any of ``killed``,
  ``injured`` (a number, or null for "no figure"), ``weapons`` (exactly these kinds),
  ``weapon_keys`` (exactly these weapon keys, in order), ``attacker`` (a name, or null for none),
  ``attackers`` (exactly these names, in order), ``date`` (ISO day), ``date_precision``, ``raid``
  (the key of its raid), ``evidence`` (the number of evidence sentences), ``evidence_start`` (the
  first evidence sentence starts so), ``qid`` / ``geonames`` (the place's link, or null for
  none), ``parent`` (the label of the place's parent), ``chain`` (the labels from the place up to
  its country), ``counts`` (exactly these counts of the attack, each ``{"count", "qualifier"?,
  "kind"?}``);
- ``places``: the attack places, exactly (``[]``: no attack at all); ``labels``: the attack
  places' labels exactly as written, in order;
- ``not_places``: names that must not be attack places;
- ``counts``: weapon counts ``{"kind", "count", "qualifier"?}`` that must be read; ``only_counts``:
  true when no other count may be read;
- ``raids``: exactly these raids, in order, each with any of ``key``, ``counts`` (exactly, as
  for an attack), ``attackers`` (exactly), ``date``, ``date_precision``, ``evidence_start``
  (every count of a raid must have its sentence as evidence);
- ``statements``: ``{"speaker", "quote_start"}`` that must be read; ``only_statements``: true
  when no other statement may be read;
- ``said``: all the statements, in order, each ``{"speaker"}`` (the name exactly) plus any of
  ``quote_start`` (the quote's first words), ``quote`` (the whole quote), ``channel`` (or null),
  ``role`` (or null), ``evidence`` (the number of evidence sentences).

What one reader of the pipeline reads in the parsed text (names exactly):

- ``figures``: the casualty figures of the text's sentences (``kg.extract.casualties``), exactly
  and in order, each ``{"kind", "value", "increment"?}``;
- ``zero_kinds``: the kinds a no-casualty phrase of the text sets to zero, exactly;
- ``weapon_mentions``: the weapons named (``kg.extract.weapons``), in order: each a weapon key,
  or ``{"key", "kind"}``; ``weapon_counts``: the counts read over the whole text, exactly and in
  order, each ``{"weapon": KEY, "count", "qualifier"}``;
- ``persons`` / ``organizations``: persons and organizations that must be found
  (``kg.extract.people``), each ``{"name"}`` plus any of ``roles`` (exactly), ``mentions`` (the
  mention texts exactly, or their number); ``only_persons`` / ``only_organizations``: true when
  these are all (the organizations in this order); ``not_persons`` / ``not_organizations``:
  names that must not be found;
- ``resolve``: phrases and whom they refer to, each ``{"phrase", "nth"? (0: the first
  occurrence), "to": NAME or null, "role"?}``;
- ``quotations``: the quotations found by their marks (``kg.extract.quote_marks``), exactly and
  in order (each must start where its text stands in the source);
- ``place_mentions``: resolved place names (``kg.extract.places``) that must be found, each
  ``{"name"}`` plus any of ``chain``, ``country`` (its QID), ``id``, ``qid``, ``geonames``;
  ``not_place_mentions``: names that must not be resolved places; ``place_mention_countries``:
  the QIDs of the only countries the resolved places may lie in;
- ``date``: the day the text's date words resolve to against ``published`` (ISO, or null);
  ``when``: the date expression read (``kg.extract.dates``), ``{"day", "precision"}`` or null
  (never a day after ``published``);
- ``numbers``: the number phrases read (``kg.extract.numbers``), exactly, each ``{"value",
  "bound"?}``.

A known failure carries ``"xfail": "<reason>"`` (strict: once the rule reads it, the mark must go).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.evaluation.names import fold_name

CASES = Path(__file__).resolve().parent / "cases"
KEYS = {"id", "rule", "text", "published", "ner", "expect", "negative", "note", "xfail"}
EXTRACTION_KEYS = {"attacks", "places", "labels", "not_places", "counts", "only_counts",
                   "statements", "only_statements", "said", "raids"}
READER_KEYS = {"figures", "zero_kinds", "weapon_mentions", "weapon_counts", "persons",
               "only_persons", "not_persons", "organizations", "only_organizations",
               "not_organizations", "resolve", "quotations", "place_mentions",
               "not_place_mentions", "place_mention_countries", "date", "when", "numbers"}
PEOPLE_KEYS = {"persons", "only_persons", "not_persons", "organizations", "only_organizations",
               "not_organizations", "resolve"}
PLACE_MENTION_KEYS = {"place_mentions", "not_place_mentions", "place_mention_countries"}
EXPECT_KEYS = EXTRACTION_KEYS | READER_KEYS
ATTACK_KEYS = {"place", "killed", "injured", "weapons", "weapon_keys", "attacker", "attackers",
               "date", "date_precision", "raid", "evidence", "evidence_start", "qid", "geonames",
               "parent", "chain", "counts"}
RAID_KEYS = {"key", "counts", "attackers", "date", "date_precision", "evidence_start"}
SAID_KEYS = {"speaker", "quote_start", "quote", "channel", "role", "evidence"}


def check_case(case: dict, where: str) -> None:
    """A manifest line's shape: known keys only (a misspelt key would check nothing)."""
    assert set(case) <= KEYS, f"{where}: unknown keys {sorted(set(case) - KEYS)}"
    assert {"id", "text", "expect"} <= set(case), f"{where}: id, text and expect are required"
    unknown = set(case["expect"]) - EXPECT_KEYS
    assert not unknown, f"{where}: unknown expect keys {sorted(unknown)}"
    for attack in case["expect"].get("attacks", []):
        assert set(attack) <= ATTACK_KEYS, f"{where}: unknown attack keys"
    for raid in case["expect"].get("raids", []):
        assert set(raid) <= RAID_KEYS, f"{where}: unknown raid keys"
    for statement in case["expect"].get("said", []):
        assert set(statement) <= SAID_KEYS, f"{where}: unknown statement keys"


def _load():
    out = []
    for path in sorted(CASES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            check_case(case, f"{path.name}:{number}")
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case \
                else []
            out.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return out


ALL = _load()


def _published(case):
    return date.fromisoformat(case["published"]) if case.get("published") else None


def _parse(nlp, case):
    from kg.nlp.pipeline import parse

    doc = next(parse(nlp, [case["text"]]))  # as ingest parses: editor's notes blanked
    if case.get("ner") is False:
        doc.ents = []
    return doc


def _extract(doc, case):
    from kg.extract.article import extract
    from kg.link.gazetteer import load_gazetteer
    from kg.records import Article

    article = Article(identifier="case", text=case["text"], published=_published(case))
    return extract(doc, article, load_gazetteer())


def _same(a: str, b: str) -> bool:
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


def _check_attack(attack, want):
    place = want["place"]
    for key in ("killed", "injured"):
        if key in want:
            assert getattr(attack, key) == want[key], f"{place}: {key} {getattr(attack, key)}"
    if "weapons" in want:
        assert _kinds(attack) == {w.replace(" ", "-") for w in want["weapons"]}, \
            f"{place}: weapons {sorted(_kinds(attack))}"
    if "weapon_keys" in want:
        assert [w.key for w in attack.weapons] == want["weapon_keys"], \
            f"{place}: weapon keys {[w.key for w in attack.weapons]}"
    if "attacker" in want:
        names = [a.name for a in attack.attackers]
        assert (names == [] if want["attacker"] is None else want["attacker"] in names), \
            f"{place}: attackers {names}"
    if "attackers" in want:
        names = [a.name for a in attack.attackers]
        assert names == want["attackers"], f"{place}: attackers {names}"
    if "date" in want:
        assert (attack.date.isoformat() if attack.date else None) == want["date"], \
            f"{place}: date {attack.date}"
    if "date_precision" in want:
        assert attack.date_precision == want["date_precision"], \
            f"{place}: date precision {attack.date_precision}"
    if "raid" in want:
        assert attack.raid == want["raid"], f"{place}: raid {attack.raid}"
    if "chain" in want:
        chain = [p.label for p in attack.place.chain()]
        assert chain == want["chain"], f"{place}: chain {chain}"
    if "evidence" in want:
        assert len(attack.evidence) == want["evidence"], f"{place}: evidence {attack.evidence}"
    if "evidence_start" in want:
        assert attack.evidence[0].text.startswith(want["evidence_start"]), \
            f"{place}: evidence {attack.evidence[0].text!r}"
    for key in ("qid", "geonames"):
        if key in want:
            assert getattr(attack.place, key) == want[key], \
                f"{place}: {key} {getattr(attack.place, key)}"
    if "parent" in want:
        parent = attack.place.parent.label if attack.place.parent else None
        assert parent == want["parent"], f"{place}: parent {parent}"
    if "counts" in want:
        _check_counts(attack.counts, want["counts"], place)


def _check_counts(counts, wanted, where):
    """Exactly these counts (as a multiset), compared on the fields the wanted ones give."""
    fields = ("count", "qualifier", "kind")
    used = [f for f in fields if any(f in c for c in wanted)]
    got = sorted((tuple({"count": c.quantity, "qualifier": c.qualifier,
                         "kind": c.weapon.kind}[f] for f in used) for c in counts), key=str)
    assert got == sorted((tuple(c.get(f) for f in used) for c in wanted), key=str), \
        f"{where}: counts {got}"


def _check_raids(raids, wanted, text):
    keys = [r.key for r in raids]
    assert len(raids) == len(wanted), f"raids {keys}"
    for raid, want in zip(raids, wanted):
        if "key" in want:
            assert raid.key == want["key"], f"raids {keys}"
        if "counts" in want:
            _check_counts(raid.counts, want["counts"], f"raid {raid.key}")
        for count in raid.counts:  # every count has its sentence as evidence
            assert count.evidence is not None, f"raid {raid.key}: a count without evidence"
            assert text[count.evidence.start:count.evidence.end] == count.evidence.text
        if "attackers" in want:
            assert [a.name for a in raid.attackers] == want["attackers"], f"raid {raid.key}"
        if "date" in want:
            assert (raid.date.isoformat() if raid.date else None) == want["date"], \
                f"raid {raid.key}: date {raid.date}"
        if "date_precision" in want:
            assert raid.date_precision == want["date_precision"], f"raid {raid.key}: precision"
        if "evidence_start" in want:
            assert raid.evidence[0].text.startswith(want["evidence_start"]), \
                f"raid {raid.key}: evidence {raid.evidence[0].text!r}"


def _check_extraction(got, expect, text):
    labels = [a.place.label for a in got.attacks]
    if expect.get("attacks") == []:  # "attacks": [] says no attack at all
        assert not labels, f"attack places {labels}"
    for want in expect.get("attacks", []):
        found = [a for a in got.attacks if _same(a.place.label, want["place"])]
        assert found, f"no attack on {want['place']} (found {labels})"
        _check_attack(found[0], want)
    if "places" in expect:
        assert sorted(labels, key=fold_name) == sorted(
            (next((lb for lb in labels if _same(lb, p)), p) for p in expect["places"]),
            key=fold_name), f"attack places {labels}"
    if "labels" in expect:
        assert labels == expect["labels"], f"attack places {labels}"
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
    if "said" in expect:
        _check_said(got.statements, expect["said"])
    if "raids" in expect:
        _check_raids(got.raids, expect["raids"], text)


def _check_said(statements, wanted):
    read = [{"speaker": s.speaker.name, "quote": s.quote, "channel": s.channel, "role": s.role,
             "evidence": len(s.evidence)} for s in statements]
    assert len(read) == len(wanted), f"statements {read}"
    for got, want in zip(read, wanted):
        assert got["speaker"] == want["speaker"], f"statements {read}"
        if "quote_start" in want:
            assert " ".join(got["quote"].split()).startswith(
                " ".join(want["quote_start"].split())), f"statements {read}"
        for key in ("quote", "channel", "role", "evidence"):
            if key in want:
                assert got[key] == want[key], f"{key}: statements {read}"


def _span_of(doc, phrase: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase))
    return span[0] if len(span) == 1 else span


def _check_people(doc, expect):
    from kg.extract.people import find_people

    people = find_people(doc)
    for kind, clusters in (("persons", people.persons), ("organizations", people.organizations)):
        names = [c.name for c in clusters]
        for want in expect.get(kind, []):
            found = [c for c in clusters if c.name == want["name"]]
            assert found, f"{kind}: no {want['name']} (found {names})"
            if "roles" in want:
                assert found[0].roles == want["roles"], f"{want['name']}: roles {found[0].roles}"
            if "mentions" in want:
                mentions = [m.text for m in found[0].mentions]
                assert (len(mentions) if isinstance(want["mentions"], int) else mentions) == \
                    want["mentions"], f"{want['name']}: mentions {mentions}"
        if expect.get("only_" + kind):
            wanted = [w["name"] for w in expect.get(kind, [])]
            assert (names if kind == "organizations" else sorted(names)) == \
                (wanted if kind == "organizations" else sorted(wanted)), f"{kind} {names}"
        for name in expect.get("not_" + kind, []):
            assert name not in names, f"{kind}: {name} found ({names})"
    for want in expect.get("resolve", []):
        actor = people.resolve(_span_of(doc, want["phrase"], want.get("nth", 0)))
        name = actor.name if actor else None
        assert name == want["to"], f"{want['phrase']!r} resolved to {name}"
        if "role" in want:
            assert people.role_of(actor) == want["role"], f"{name}: role {people.role_of(actor)}"


def _check_place_mentions(doc, expect):
    from kg.extract.place_mentions import find_mentions
    from kg.extract.place_resolution import resolve_mentions
    from kg.link.gazetteer import load_gazetteer
    from kg.link.places import country_of

    gazetteer = load_gazetteer()
    found = find_mentions(doc, gazetteer)
    resolve_mentions(found, gazetteer)
    places = {m.name: m.place for m in found if m.place is not None}
    for want in expect.get("place_mentions", []):
        place = places.get(want["name"])
        assert place is not None, f"no place {want['name']} (found {sorted(places)})"
        if "chain" in want:
            chain = [p.label for p in place.chain()]
            assert chain == want["chain"], f"{want['name']}: chain {chain}"
        if "country" in want:
            country = country_of(place)
            assert (country.id if country else None) == want["country"], \
                f"{want['name']}: country {country}"
        for key in ("id", "qid", "geonames"):
            if key in want:
                assert getattr(place, key) == want[key], \
                    f"{want['name']}: {key} {getattr(place, key)}"
    for name in expect.get("not_place_mentions", []):
        assert name not in places, f"{name} read as a place"
    if "place_mention_countries" in expect:
        countries = {name: country_of(p).id for name, p in places.items() if country_of(p)}
        assert set(countries.values()) <= set(expect["place_mention_countries"]), \
            f"countries {countries}"


def _check_readers(doc, case, expect):
    if "figures" in expect:
        from kg.extract.casualties import sentence_figures

        got = [{"kind": f.kind, "value": f.value, **({"increment": True} if f.increment else {})}
               for s in doc.sents for f in sentence_figures(s)]
        assert got == expect["figures"], f"figures {got}"
    if "zero_kinds" in expect:
        from kg.extract.no_casualties import zero_kinds

        got = set(zero_kinds(case["text"].lower()))
        assert got == set(expect["zero_kinds"]), f"zero kinds {sorted(got)}"
    if "weapon_mentions" in expect or "weapon_counts" in expect:
        from kg.extract.weapons import count_mentions, weapon_mentions

        mentions = weapon_mentions(doc)
        if "weapon_mentions" in expect:
            got = [m.weapon.key for m in mentions]
            assert got == [w if isinstance(w, str) else w["key"]
                           for w in expect["weapon_mentions"]], f"weapons {got}"
            for mention, want in zip(mentions, expect["weapon_mentions"]):
                if isinstance(want, dict) and "kind" in want:
                    assert mention.weapon.kind == want["kind"], f"{want['key']}: kind"
        if "weapon_counts" in expect:
            got = [{"weapon": c.weapon.key, "count": c.quantity, "qualifier": c.qualifier}
                   for c in count_mentions(doc, mentions, 0, len(doc))]
            assert got == expect["weapon_counts"], f"counts {got}"
    if PEOPLE_KEYS & set(expect):
        _check_people(doc, expect)
    if "quotations" in expect:
        from kg.extract.quote_marks import find_quotes

        text = case["text"]
        quotes = find_quotes(text)
        assert [q.text(text) for q in quotes] == expect["quotations"], \
            f"quotations {[q.text(text) for q in quotes]}"
        for quote in quotes:
            assert text[quote.start:].startswith(quote.text(text).split("\n")[0]), \
                f"quotation at {quote.start} does not start its text"
    if "date" in expect:
        from kg.extract.dates import resolve_date

        day = resolve_date(case["text"], _published(case))
        assert (day.isoformat() if day else None) == expect["date"], f"date {day}"
    if "when" in expect:
        from kg.extract.dates import resolve_when

        published = _published(case)
        found = resolve_when(case["text"], published)
        got = {"day": found.day.isoformat(), "precision": found.precision} if found else None
        assert got == expect["when"], f"when {got}"
        if found and published:
            assert found.day <= published, "a day after publication"
    if PLACE_MENTION_KEYS & set(expect):
        _check_place_mentions(doc, expect)
    if "numbers" in expect:
        from kg.extract.numbers import numbers_in

        got = [{"value": n.value, **({"bound": n.bound} if n.bound else {})}
               for n in numbers_in(doc)]
        assert got == expect["numbers"], f"numbers {got}"


@pytest.mark.parametrize("case", ALL)
def test_case(nlp, case):
    expect = case["expect"]
    doc = _parse(nlp, case)
    if READER_KEYS & set(expect):
        _check_readers(doc, case, expect)
    if EXTRACTION_KEYS & set(expect):
        _check_extraction(_extract(doc, case), expect, case["text"])


def test_every_rule_with_cases_is_known_and_has_both_kinds():
    """Each rule a case names exists in the rule catalogue, and each such rule has a positive and
    a negative case."""
    from kg.extract.rules import rule_catalogue

    catalogue = rule_catalogue()
    kinds: dict[str, set[bool]] = {}
    for param in ALL:
        case = param.values[0]
        if "rule" not in case:
            continue
        assert case["rule"] in catalogue, f"case {case['id']}: unknown rule {case['rule']}"
        kinds.setdefault(case["rule"], set()).add(bool(case.get("negative")))
    lacking = sorted(rule for rule, seen in kinds.items() if seen != {True, False})
    assert not lacking, f"rules without both a positive and a negative case: {lacking}"


def test_case_ids_are_unique_in_their_file():
    ids = [param.id for param in ALL]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("case, error", [
    ({"id": "x", "text": "t", "expect": {"place": []}}, "unknown expect keys ['place']"),
    ({"id": "x", "text": "t", "expect": {}, "rules": "a"}, "unknown keys ['rules']"),
    ({"id": "x", "text": "t", "expect": {"attacks": [{"place": "A", "kiled": 1}]}},
     "unknown attack keys"),
    ({"id": "x", "expect": {}}, "id, text and expect are required"),
])
def test_a_misspelt_key_is_an_error(case, error):
    """The runner refuses keys it does not know: a misspelt one would check nothing."""
    with pytest.raises(AssertionError, match=error.replace("[", r"\[").replace("]", r"\]")):
        check_case(case, "f.jsonl:1")
