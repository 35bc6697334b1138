"""People and organizations of an article: names, variants, roles, coreference."""

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


def persons(idx):
    return {c.name: c for c in idx.persons}


def span_of(doc, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return doc.char_span(start, start + len(phrase))


def test_title_before_name_gives_role_of_place(nlp):
    _, idx = index(nlp, "Lviv Mayor Andriy Sadovyi said a warehouse burned after the strike.")
    assert persons(idx)["Andriy Sadovyi"].roles == ["Mayor of Lviv"]


def test_demonym_title_gives_role_of_country(nlp):
    _, idx = index(nlp, "The talks were praised by Ukrainian President Volodymyr Zelenskyy on Monday.")
    assert persons(idx)["Volodymyr Zelenskyy"].roles == ["President of Ukraine"]


def test_apposition_after_name_gives_role(nlp):
    _, idx = index(nlp, "Serhii Popko, head of Kyiv's military administration, said two people died.")
    assert persons(idx)["Serhii Popko"].roles == ["Head of Kyiv's military administration"]


def test_variant_spellings_merge_into_wikipedia_name(nlp):
    doc, idx = index(nlp, "Governor Oleg Kiper reported damage to the port. Hours later regional "
                          "head Oleh Kiper said a grain terminal was hit. Kiper urged calm.")
    people = persons(idx)
    assert list(people) == ["Oleh Kiper"]
    assert [m.text for m in people["Oleh Kiper"].mentions] == ["Oleg Kiper", "Oleh Kiper", "Kiper"]
    assert people["Oleh Kiper"].roles == ["Governor", "Regional head"]


def test_clipped_first_name_and_surname_variant(nlp):
    _, idx = index(nlp, "President Volodyr Zelensky spoke in Kyiv. Zelenskiy later met the troops.")
    assert list(persons(idx)) == ["Volodymyr Zelenskyy"]
    assert len(persons(idx)["Volodymyr Zelenskyy"].mentions) == 2


def test_clipped_surname_joins_known_person(nlp):
    doc, idx = index(nlp, "The blasts were reported by Oleksiy Kuleb on Monday. Kuleb said fires broke out.")
    assert idx.resolve(span_of(doc, "Kuleb", 1)).name == "Oleksiy Kuleba"


def test_unknown_person_and_surname_alone(nlp):
    doc, idx = index(nlp, "Mykola Petrenko, a Lviv resident, saw the drone fall. Petrenko said the "
                          "windows shattered.")
    assert persons(idx)["Mykola Petrenko"].roles == ["Resident of Lviv"]
    assert idx.resolve(span_of(doc, "Petrenko", 1)).name == "Mykola Petrenko"


def test_title_alone_resolves_to_latest_person_with_that_role(nlp):
    doc, idx = index(nlp, "Kharkiv Mayor Ihor Terekhov counted the damage. Governor Oleh Syniehubov "
                          "spoke later. The mayor said three districts were hit.")
    actor = idx.resolve(span_of(doc, "The mayor"))
    assert actor.name == "Ihor Terekhov"
    assert idx.role_of(actor) == "Mayor of Kharkiv"


def test_title_alone_without_such_person_resolves_to_nobody(nlp):
    doc, idx = index(nlp, "Kharkiv Mayor Ihor Terekhov counted the damage. The regional governor "
                          "said people may be trapped.")
    assert idx.resolve(span_of(doc, "The regional governor")) is None


def test_pronouns_follow_gender(nlp):
    doc, idx = index(nlp, "Olena Kovalenko met Andriy Sadovyi in Lviv. She said the shelter was full. "
                          "He said more buses would come.")
    assert idx.resolve(span_of(doc, "She")[0]).name == "Olena Kovalenko"
    assert idx.resolve(span_of(doc, "He")[0]).name == "Andriy Sadovyi"


def test_organizations_from_data_and_description(nlp):
    doc, idx = index(nlp, "Russia's defence ministry claimed 40 drones were downed. The ministry "
                          "gave no proof. Ukraine's Air Force said 12 missiles were fired.")
    assert [c.name for c in idx.organizations] == ["Russian Ministry of Defence", "Ukrainian Air Force"]
    assert idx.resolve(span_of(doc, "The ministry")).name == "Russian Ministry of Defence"


def test_the_air_force_is_the_known_one_but_a_named_country_s_is_not(nlp):
    _, idx = index(nlp, "The Air Force said 40 of 55 drones were shot down.")
    assert [c.name for c in idx.organizations] == ["Ukrainian Air Force"]
    _, idx = index(nlp, "Romanian Air Force jets were scrambled.")
    assert "Ukrainian Air Force" not in [c.name for c in idx.organizations]


def test_organization_from_ner_with_an_organization_word(nlp):
    _, idx = index(nlp, "The Poltava Regional Military Administration said a gas pipeline was damaged.")
    assert "Poltava Regional Military Administration" in [c.name for c in idx.organizations]


def test_headlines_and_places_are_not_people(nlp):
    _, idx = index(nlp, "Drone Strikes Hit Kyiv Overnight\n\nRussian drones struck Bila Tserkva and "
                        "Kharkiv overnight, officials said.")
    assert idx.persons == []


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


def test_capitalized_air_force_alone_is_ukraines_but_not_after_another_name(nlp):
    _, idx = index(nlp, "According to the Air Force, 38 drones were launched. Russian Air Force jets "
                        "dropped glide bombs.")
    assert [(c.name, [m.text for m in c.mentions]) for c in idx.organizations] == [
        ("Ukrainian Air Force", ["Air Force"]), ("Russian Air Force", ["Russian Air Force"])]


def test_short_organization_name_joins_the_full_name_in_the_article(nlp):
    _, idx = index(nlp, "Ukraine's General Staff said a refinery was hit. The General Staff said "
                        "the strikes would continue.")
    assert [c.name for c in idx.organizations] == ["General Staff of the Armed Forces of Ukraine"]
    assert len(idx.organizations[0].mentions) == 2


# --- organizations named by a phrase, whatever the NER says -----------------------------------

def org_names(nlp, text, ner=True):
    doc = nlp(text)
    if not ner:
        doc.ents = []
    return [c.name for c in find_people(doc).organizations]


@pytest.mark.parametrize("text, name", [
    ("the Kharkiv regional prosecutor's office said", "Kharkiv Regional Prosecutor's Office"),
    ("Lithuania's Operational Command wrote", "Lithuania's Operational Command"),
    ("Poland's Operational Command wrote", "Operational Command of the Polish Armed Forces"),
    ("the Romanian Ministry of National Defence said", "Romanian Ministry of National Defence"),
    ("the Office of the Prosecutor General said", "Office of the Prosecutor General"),
    ("the Chernihiv City Council said", "Chernihiv City Council"),
    ("the Kharkiv Oblast Military Administration said", "Kharkiv Oblast Military Administration"),
])
def test_organization_phrase_without_ner(nlp, text, name):
    assert org_names(nlp, f"On Monday {text} that a school was damaged.", ner=False) == [name]


def test_organization_phrase_wins_over_a_clipped_ner_span(nlp):
    assert org_names(nlp, "The Prosecutor General's Office opened a case.") == ["Prosecutor General's Office"]


def test_known_organization_keeps_its_canonical_name(nlp):
    assert org_names(nlp, "Ukraine's State Emergency Service said the fire was out.", ner=False) \
        == ["State Emergency Service of Ukraine"]


@pytest.mark.parametrize("text", [
    "The regional military administration said a school was damaged.",
    "City council members said a school was damaged.",
    "The regional administration building was damaged.",
])
def test_unnamed_organizations_are_not_named_ones(nlp, text):
    assert org_names(nlp, text, ner=False) == []


def test_possessor_person_stays_a_person(nlp):
    _, idx = index(nlp, "Petro Hnatiuk, the mayor, spoke first. Hnatiuk's office said later that "
                        "the school was closed.")
    assert [c.name for c in idx.organizations] == ["Hnatiuk's Office"]
    assert [c.name for c in idx.persons] == ["Petro Hnatiuk"]


def test_other_wordings_join_the_organization_named_first(nlp):
    doc, idx = index(nlp, "The Prosecutor General's Office opened a case. The Office of the Prosecutor "
                          "General said more victims were found. The Czech Ministry of Foreign Affairs "
                          "protested. The Czech ministry summoned the ambassador. The prosecutor's office "
                          "said the bomb was guided.")
    assert [c.name for c in idx.organizations] == ["Prosecutor General's Office",
                                                   "Czech Ministry of Foreign Affairs"]
    assert idx.resolve(span_of(doc, "Office of the Prosecutor General")).name == "Prosecutor General's Office"
    assert idx.resolve(span_of(doc, "The Czech ministry")).name == "Czech Ministry of Foreign Affairs"
    assert idx.resolve(span_of(doc, "The prosecutor's office")).name == "Prosecutor General's Office"


def test_lower_case_description_resolves_to_the_latest_matching_organization(nlp):
    doc, idx = index(nlp, "The Sumy Regional Military Administration and the Sumy City Council met. "
                          "The regional military administration said schools were closed.")
    assert idx.resolve(span_of(doc, "The regional military administration")).name \
        == "Sumy Regional Military Administration"


# --- persons from title patterns, whatever the NER says ------------------------------------------

def person_names(nlp, text, ner=True):
    doc = nlp(text)
    if not ner:
        doc.ents = []
    return {c.name: c.roles for c in find_people(doc).persons}


@pytest.mark.parametrize("text, name, role", [
    ("Turkish foreign minister Kemal Aydin arrived in Kyiv.", "Kemal Aydin", "Foreign minister of Turkey"),
    ("Turkey's Foreign Minister, Kemal Aydin, arrived in Kyiv.", "Kemal Aydin", "Foreign Minister of Turkey"),
    ("Kemal Aydin, Turkey's foreign minister, arrived in Kyiv.", "Kemal Aydin", "Foreign minister of Turkey"),
    ("The secretary of the city council Kemal Aydin arrived in Kyiv.", "Kemal Aydin",
     "Secretary of the city council"),
])
def test_titled_name_without_ner(nlp, text, name, role):
    assert person_names(nlp, text, ner=False) == {name: [role]}


def test_name_as_subject_of_a_speech_verb_without_ner(nlp):
    assert person_names(nlp, "Kemal Aydin said the talks would go on.", ner=False) == {"Kemal Aydin": []}


def test_in_a_run_of_capitalized_words_the_name_is_the_last_two(nlp):
    assert list(person_names(nlp, "The mayor of Kharkiv Kemal Aydin said the talks would go on.",
                             ner=False)) == ["Kemal Aydin"]


def test_a_place_after_a_title_is_no_person(nlp):
    assert person_names(nlp, "The governor of Kharkiv Oblast said the talks would go on.", ner=False) == {}


@pytest.mark.parametrize("text, role", [
    ("“The city is dark,” acting mayor Hnatiuk wrote.", "Acting mayor"),
    ("“The city is dark,” Hnatiuk, the acting mayor, wrote.", "Acting mayor"),
])
def test_lone_surname_with_a_title(nlp, text, role):
    assert person_names(nlp, text) == {"Hnatiuk": [role]}


def test_lone_word_before_a_title_and_a_verb_is_no_person(nlp):
    assert person_names(nlp, "Odesa, the mayor said, was calm.") == {}


def test_complement_with_and_is_one_name_but_two_organizations_stay_two(nlp):
    assert org_names(nlp, "The Ministry of Foreign Affairs and European Integration of Moldova "
                          "summoned the ambassador.", ner=False) == [
        "Ministry of Foreign Affairs and European Integration of Moldova"]
    assert org_names(nlp, "The Ministry of Defence and General Staff met.", ner=False) == [
        "Ministry of Defence", "General Staff"]


def test_oblast_and_regional_wordings_are_one_organization(nlp):
    doc, idx = index(nlp, "The Kharkiv Regional Military Administration said a school was hit. Later the "
                          "Kharkiv Oblast Military Administration said two people were hurt.")
    assert [c.name for c in idx.organizations] == ["Kharkiv Regional Military Administration"]
    assert len(idx.organizations[0].mentions) == 2


def test_plural_possessive_in_an_organization_name(nlp):
    assert org_names(nlp, "On Monday the Polish Armed Forces' Operational Command said jets flew.",
                     ner=False) == ["Polish Armed Forces' Operational Command"]


def test_a_third_name_word_that_stands_alone_later_is_the_surname(nlp):
    _, idx = index(nlp, "Norwegian Foreign Minister Espen Barth Eide said on Wednesday that "
                   "Norway would send more missiles. “Norway's answer is more interceptors,” "
                   "Eide told reporters.")
    assert "Espen Barth Eide" in persons(idx)
    assert "Espen Barth" not in persons(idx)
