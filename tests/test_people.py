"""People and organizations: the lexicon, its rule files and the roles map extraction takes.
What the readers find in one text (names, variants, roles, coreference) is case-manifest cases:
``tests/cases/people_names.jsonl``."""

from __future__ import annotations

import pytest

from kg.extract.people import RuleDataError, find_people, lexicon, load_lexicon, same_surname
from kg.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()  # cached: one load per test session


def index(nlp, text):
    doc = nlp(text)
    return doc, find_people(doc)


def test_roles_map_for_extraction(nlp):
    _, idx = index(nlp, "Odesa Mayor Hennadiy Trukhanov said the port was hit.")
    assert idx.roles() == {"Hennadiy Trukhanov": {"Mayor of Odesa"}}


def test_same_surname():
    assert same_surname("kuleb", "kuleba")
    assert same_surname("syniehubov", "synehubov")
    assert not same_surname("kiper", "kyiv")
    assert not same_surname("kim", "kiev")


def test_bundled_data_loads():
    lex = lexicon()
    assert lex.given["Igor"] == lex.given["Ihor"] == "Ihor"
    assert lex.surnames["zelensky"] == "zelenskyy"
    assert "say" in lex.speech


def test_malformed_rule_line_names_file_and_line(tmp_path):
    people = tmp_path / "people.jsonl"
    people.write_text('{"type": "given", "name": "Ihor"}\n{not json\n', encoding="utf-8")
    roles = tmp_path / "roles.jsonl"
    roles.write_text("", encoding="utf-8")
    with pytest.raises(RuleDataError) as caught:
        load_lexicon(people, roles)
    assert str(caught.value) == "people.jsonl:2: not a JSON object"


def test_unknown_rule_type_names_file_and_line(tmp_path):
    people = tmp_path / "people.jsonl"
    people.write_text("", encoding="utf-8")
    roles = tmp_path / "roles.jsonl"
    roles.write_text('{"type": "salutation", "pattern": "Herr"}\n', encoding="utf-8")
    with pytest.raises(RuleDataError) as caught:
        load_lexicon(people, roles)
    assert str(caught.value) == "roles.jsonl:1: unknown type 'salutation'"
