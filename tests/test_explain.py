"""Why the graph says something: extraction components on the Doc, rule ids on the evidence,
``kg explain`` over the store, and the rule catalogue's validation."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import RuleDataError
from kg.extract.rules import read_rules, rule, rule_catalogue
from kg.records import Article

TEXT = ("Russian drones struck Kharkiv overnight, injuring three people.\n"
        "\"The city was attacked again,\" Mayor Ihor Terekhov wrote on Telegram.")


@pytest.fixture()
def explained_store(store, nlp):
    from kg.ingest import ingest_articles

    ingest_articles(store, [Article(identifier="a1", text=TEXT)])
    return store


def test_components_write_what_they_read_on_the_doc(nlp):
    from kg.extract.pipeline import COMPONENTS, run_extraction

    doc = run_extraction(nlp(TEXT), Article(identifier="a1", text=TEXT))
    assert list(COMPONENTS) == ["sg_people", "sg_places", "sg_weapons", "sg_attacks",
                                "sg_statements"]
    places = {(s.text, s.label_, s.kb_id_) for s in doc.spans["sg_places"]}
    assert ("Kharkiv", "settlement", "Q42308") in places
    assert [(s.text, s.label_) for s in doc.spans["sg_weapons"]] == [("drones", "drone")]
    assert [s.text for s in doc.spans["sg_struck"]] == ["Kharkiv"]
    assert [s.label_ for s in doc.spans["sg_quotes"]] == ["Ihor Terekhov"]
    assert [a.place.label for a in doc._.sg_attacks] == ["Kharkiv"]


def test_the_rules_that_read_a_fact_travel_with_its_evidence(explained_store):
    from kg.explain import explain

    [attack, statement] = explain(explained_store, "a1")
    assert attack.kind == "attack" and ("location", "Kharkiv") in attack.facts
    assert ("injured", "3") in attack.facts and ("weapon", "drone") in attack.facts
    sentence = attack.evidence[0]
    assert sentence.text.startswith("Russian drones struck Kharkiv")
    assert {"places.struck", "casualties.figure", "weapons.in-sentence"} <= set(sentence.rules)
    # one sentence, one evidence node: it lists every rule that read something in it
    assert statement.kind == "statement"
    assert {"quotes.attributed", "speakers.named"} <= set(statement.evidence[0].rules)


def test_kg_explain_prints_facts_sentences_and_rule_descriptions(explained_store, tmp_path):
    from kg.explain import explain, format_explained

    text = format_explained(explain(explained_store, "attack/a1/Q42308"))
    assert text.startswith("attack https://w3id.org/strikegraph/id/attack/a1/Q42308\n")
    assert "  location      Kharkiv\n" in text
    assert "    rule places.struck: A place named in a sentence that reports an attack" in text


def test_kg_explain_of_something_not_stored_is_one_line(tmp_path):
    runner = CliRunner()
    store = tmp_path / "s"
    (tmp_path / "a.txt").write_text("Nothing happened today.", encoding="utf-8")
    assert runner.invoke(cli, ["--store", str(store), "ingest", "--silent",
                               str(tmp_path / "a.txt")]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store), "explain", "nosuch"])
    assert result.exit_code == 1
    assert result.output == ("Error: no attack, statement or article 'nosuch' in the store "
                             "(kg query articles lists the articles; kg query attacks-by-place "
                             "the attacks)\n")


def test_kg_explain_text_draws_every_components_spans(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "spans.html"
    result = CliRunner().invoke(cli, ["explain", "--text", str(article), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    for label in ("place: settlement Q42308", "struck: settlement Q42308", "weapon: drone drone",
                  "actor: person Ihor Terekhov", "quote: Ihor Terekhov"):
        assert label in html


@pytest.mark.parametrize("line, message", [
    ('{"id": "places.x", "component": "places"}', "kg/data/rules.jsonl:1: missing 'description'"),
    ('{"id": "x.y", "component": "places", "description": "d"}',
     "kg/data/rules.jsonl:1: rule id 'x.y' must start with its component 'places.'"),
    ('{"id": "zz.y", "component": "zz", "description": "d"}',
     "kg/data/rules.jsonl:1: unknown component 'zz'"),
    ('{"id": "places.x", "component": "places", "description": "d", "pattern": "p"}',
     "kg/data/rules.jsonl:1: unknown key 'pattern' (a rule has id, component, description)"),
    ('{"id": "places.x",', "kg/data/rules.jsonl:1: malformed JSON: Expecting property name "
                           "enclosed in double quotes"),
])
def test_a_malformed_rule_is_named_by_file_and_line(line, message):
    with pytest.raises(RuleDataError) as error:
        read_rules(line, "kg/data/rules.jsonl")
    assert str(error.value) == message


def test_a_duplicate_rule_id_is_refused():
    line = json.dumps({"id": "places.x", "component": "places", "description": "d"})
    with pytest.raises(RuleDataError, match=r"rules.jsonl:2: duplicate rule id 'places.x'"):
        read_rules(line + "\n" + line, "rules.jsonl")


def test_a_cue_list_written_twice_is_refused():
    from kg.extract.lexicon import read_cues

    text = '{"aftermath_words": ["rubble"], "aftermath_words": ["mourning"]}'
    with pytest.raises(RuleDataError) as error:
        read_cues(text, "kg/data/cues.json")
    assert str(error.value) == "kg/data/cues.json: duplicate cue list 'aftermath_words'"


def test_an_unknown_rule_id_in_code_fails_on_first_use():
    with pytest.raises(RuleDataError, match="unknown rule id 'places.nosuch'"):
        rule("places.nosuch")


def test_every_rule_the_code_names_is_catalogued_and_every_catalogued_rule_is_used():
    import re
    from pathlib import Path

    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (Path(__file__).parent.parent / "kg" / "extract").glob("*.py"))
    named = set(re.findall(r'rule\("([a-z]+\.[a-z0-9-]+)"\)', source))
    data = Path(__file__).parent.parent / "kg" / "data"
    named |= {json.loads(line)["id"] for line in
              (data / "attackers.jsonl").read_text(encoding="utf-8").splitlines() if line}
    assert named - set(rule_catalogue()) == set()
    assert set(rule_catalogue()) - named == set()


@pytest.mark.parametrize("line, message", [
    ('{"id": "attackers.modifier", "description": "d"}',
     "p.jsonl:1: a rule has exactly the keys description, id, patterns"),
    ('{"id": "attackers.nosuch", "description": "d", "patterns": []}',
     "p.jsonl:1: unknown rule id 'attackers.nosuch'"),
    ('{"id": "attackers.agent", "description": "d", "patterns": [[{"RIGHT_ID": "country", '
     '"RIGHT_ATTRS": {"LOWER": {"IN": "@no_such_list"}}}]]}',
     "p.jsonl:1: unknown word list '@no_such_list'"),
    ('{"id": "attackers.agent", "description": "d", "patterns": [[{"RIGHT_ID": "by", '
     '"RIGHT_ATTRS": {"LOWER": "by"}}]]}', "p.jsonl:1: every pattern ends in its 'country' node"),
])
def test_a_malformed_attacker_pattern_is_named_by_file_and_line(line, message):
    from kg.extract.attackers import read_patterns

    with pytest.raises(RuleDataError) as error:
        read_patterns(line, "p.jsonl")
    assert str(error.value) == message


def test_attacker_patterns_read_word_lists_from_the_cues():
    from kg.extract.attackers import read_patterns

    [(rule_id, [pattern])] = read_patterns(
        '{"id": "attackers.agent", "description": "d", "patterns": [[{"RIGHT_ID": "country", '
        '"RIGHT_ATTRS": {"LOWER": {"IN": "@countries"}}}]]}', "p.jsonl")
    assert rule_id == "attackers.agent"
    assert {"russian", "ukraine"} <= set(pattern[0]["RIGHT_ATTRS"]["LOWER"]["IN"])
