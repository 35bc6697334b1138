"""Direct quotes, their speakers and channels."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.people import find_people
from kg.extract.quote_marks import find_quotes
from kg.extract.quotes import extract_statements
from kg.nlp.pipeline import load_pipeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()  # cached: one load per test session


def statements(nlp, text):
    doc = nlp(text)
    return extract_statements(doc, find_people(doc))


def said(nlp, text):
    """(speaker, first words of the quote, channel) of each statement."""
    return [(s.speaker.name, " ".join(s.quote.split()[:3]), s.channel) for s in statements(nlp, text)]


# --- finding quotation marks -------------------------------------------------------------------

def test_curly_straight_and_guillemet_quotes():
    text = 'He said “one two” and "three four" and «five six».'
    assert [q.text(text) for q in find_quotes(text)] == ["one two", "three four", "five six"]


def test_nested_single_quotes_stay_in_the_text():
    text = "It “hit ‘key targets’ in the city,” they said."
    assert [q.text(text) for q in find_quotes(text)] == ["hit ‘key targets’ in the city,"]


def test_quote_split_across_paragraphs_is_one_quote():
    text = "She wrote:\n“The first part goes on\n“and the second part ends here.”\nNext paragraph."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text(text) == "The first part goes on\nand the second part ends here."
    assert text[quotes[0].start:].startswith("The first part")


def test_quote_going_on_into_a_paragraph_without_a_new_mark():
    text = "“Our people are home.\nThey served in the east,” the statement read.\nNext paragraph."
    assert [q.text(text) for q in find_quotes(text)] == ["Our people are home.\nThey served in the east,"]


def test_paragraph_opening_its_own_quote_does_not_go_on():
    text = "He said “nothing more\nThen she wrote “we are safe” and left."
    assert [q.text(text) for q in find_quotes(text)] == ["nothing more", "we are safe"]


def test_unclosed_quote_ends_with_its_paragraph():
    text = "He said “nothing more\nA new paragraph."
    assert [q.text(text) for q in find_quotes(text)] == ["nothing more"]


# --- attribution -------------------------------------------------------------------------------

def test_colon_introduced_quote(nlp):
    assert said(nlp, "Lviv Mayor Andriy Sadovyi wrote on Telegram: “Four drones were shot down "
                     "over the city tonight.”") == [("Andriy Sadovyi", "Four drones were", "Telegram")]


def test_he_added_and_standalone_continuation_are_one_statement(nlp):
    text = ("“Two houses burned down in the village,” Governor Ivan Fedorov said on Facebook. "
            "“Rescuers are still working there,” he added. “Please stay in the shelters.”")
    found = statements(nlp, text)
    assert said(nlp, text) == [("Ivan Fedorov", "Two houses burned", "Facebook")]
    assert found[0].quote == ("Two houses burned down in the village, […] Rescuers are still "
                              "working there, […] Please stay in the shelters.")


def test_quote_in_a_new_paragraph_with_its_own_attribution_is_another_statement(nlp):
    text = ("“Two houses burned down in the village,” Governor Ivan Fedorov said on Facebook.\n"
            "“Rescuers are still working there,” he added.")
    assert said(nlp, text) == [("Ivan Fedorov", "Two houses burned", "Facebook"),
                               ("Ivan Fedorov", "Rescuers are still", "Facebook")]


def test_quotes_of_one_sentence_are_one_statement(nlp):
    text = ("The spokeswoman Maria Zakharova called the strike “a provocation” and said the "
            "drones had been “launched from the south.”")
    assert said(nlp, text) == [("Maria Zakharova", "a provocation […]", None)]


def test_speaker_after_verb(nlp):
    assert said(nlp, "“We heard five explosions in a row,” said Iryna Bondar, a teacher in Sumy.") \
        == [("Iryna Bondar", "We heard five", None)]


def test_quote_split_across_paragraphs_keeps_its_speaker(nlp):
    text = ("Serhii Lysak said:\n“The night was loud across the whole region\n"
            "“Two people were injured in Nikopol.”")
    found = statements(nlp, text)
    assert [(s.speaker.name, s.quote) for s in found] == [
        ("Serhii Lysak", "The night was loud across the whole region\nTwo people were injured in Nikopol.")]


def test_according_to_named_speaker(nlp):
    assert said(nlp, "“The shelling did not stop all night,” according to Governor Oleh Syniehubov.") \
        == [("Oleh Syniehubov", "The shelling did", None)]


def test_outlet_is_the_speaker_when_nobody_else_is_named(nlp):
    assert said(nlp, "The strikes reportedly “destroyed three fuel depots near the border,” "
                     "according to Reuters.") == [("Reuters", "destroyed three fuel", None)]


def test_named_speaker_wins_over_the_outlet_relaying(nlp):
    assert said(nlp, "Kremlin spokesman Dmitry Peskov said, according to Reuters, that “no summit "
                     "is planned this month.”") == [("Dmitry Peskov", "no summit is", None)]


def test_title_only_speaker_resolves_to_person(nlp):
    found = statements(nlp, "Kharkiv Mayor Igor Terekhov reported explosions at dawn. “Three districts "
                            "were hit by glide bombs,” the mayor said.")
    assert [(s.speaker.name, s.role) for s in found] == [("Ihor Terekhov", "Mayor of Kharkiv")]


def test_surname_speaker_and_variant_spellings_merge(nlp):
    text = ("Governor Oleg Kiper said the port was hit. “The enemy attacked Izmail with drones "
            "again,” Kiper wrote.\n“Two trucks burned,” said regional head Oleh Kiper.")
    assert {s.speaker.name for s in statements(nlp, text)} == {"Oleh Kiper"}
    assert len(statements(nlp, text)) == 2


def test_pronoun_speaker_is_the_person_named_last(nlp):
    text = ("Andriy Sadovyi met Olena Kovalenko at the station. “The trains are running late,” "
            "she said.")
    assert said(nlp, text) == [("Olena Kovalenko", "The trains are", None)]


def test_organization_speaker_and_they(nlp):
    text = ("Russia's defence ministry claimed the strikes hit military sites. They said, “All "
            "designated objects were destroyed.”")
    assert said(nlp, text) == [("Russian Ministry of Defence", "All designated objects", None)]


def test_coordinated_speakers_each_get_the_statement(nlp):
    text = "The European Union and NATO condemned the strikes, calling them “a grave breach of law.”"
    assert [s.speaker.name for s in statements(nlp, text)] == ["European Union", "NATO"]


def test_source_line_before_a_quote(nlp):
    text = ("Russian forces shelled Nikopol overnight.\n\nSource: Serhii Lysak, head of the oblast "
            "military administration, on Telegram\n\nQuote: \"The district did not get a quiet hour.\"")
    assert said(nlp, text) == [("Serhii Lysak", "The district did", "Telegram")]


# --- organizations and titled names as speakers --------------------------------------------------

@pytest.mark.parametrize("attribution, speaker", [
    ("the Kharkiv regional military administration said on Telegram",
     "Kharkiv Regional Military Administration"),
    ("the Poltava Regional Prosecutor's Office reported", "Poltava Regional Prosecutor's Office"),
    ("the Prosecutor General's Office said", "Prosecutor General's Office"),
    ("Lithuania's Operational Command wrote on X", "Lithuania's Operational Command"),
    ("Poland's Operational Command wrote on X", "Operational Command of the Polish Armed Forces"),
    ("the Romanian Ministry of National Defence stated", "Romanian Ministry of National Defence"),
    ("the Office of the Prosecutor General said", "Office of the Prosecutor General"),
    ("Hnatiuk's office said", "Hnatiuk's Office"),
])
def test_organization_named_by_a_phrase_speaks(nlp, attribution, speaker):
    text = f"“Two warehouses burned down near the station,” {attribution}."
    assert [s.speaker.name for s in statements(nlp, text)] == [speaker]


def test_organization_after_according_to(nlp):
    text = "According to the Odesa regional prosecutor's office, “the missile came from the sea.”"
    assert said(nlp, text) == [("Odesa Regional Prosecutor's Office", "the missile came", None)]


def test_organization_described_later_keeps_its_name(nlp):
    text = ("The Sumy Regional Military Administration counted the damage. “Nine villages were "
            "shelled,” the regional military administration said.\n“The shops are closed,” the "
            "administration added. “The court keeps working,” the prosecutor's office said.")
    assert [s.speaker.name for s in statements(nlp, text)] == ["Sumy Regional Military Administration"] * 2


def test_two_wordings_of_one_organization_are_one_speaker(nlp):
    text = ("“A drone fell near the border,” the Ministry of Foreign Affairs of the Czech Republic "
            "said. “The ambassador was summoned,” the Czech ministry added.")
    assert {s.speaker.name for s in statements(nlp, text)} == {
        "Ministry of Foreign Affairs of the Czech Republic"}


def test_unnamed_administration_is_no_speaker(nlp):
    text = "“Three houses burned,” the regional administration said. “We help,” city council members said."
    assert statements(nlp, text) == []


@pytest.mark.parametrize("name", ["Kemal Aydin", "Hakan Fidan"])  # the parse differs with the name
def test_title_before_an_unknown_name_in_the_subject(nlp, name):
    text = f'"This attack is unacceptable," Turkey\'s top diplomat {name} told reporters in Ankara.'
    assert said(nlp, text) == [(name, "This attack is", None)]


def test_title_with_complement_before_the_name(nlp):
    text = "The secretary of the city council Petro Hnatiuk said: “The water supply is restored.”"
    assert said(nlp, text) == [("Petro Hnatiuk", "The water supply", None)]


def test_speaker_named_before_a_colon(nlp):
    text = "Acting Mayor of Chernihiv Petro Hnatiuk: “Two drones hit the city.”"
    assert said(nlp, text) == [("Petro Hnatiuk", "Two drones hit", None)]


def test_the_statement_said_belongs_to_its_author(nlp):
    text = ("The Lithuanian Armed Forces issued a statement on Monday. “The airspace was not "
            "violated,” the statement said.")
    assert said(nlp, text) == [("Lithuanian Armed Forces", "The airspace was", None)]


def test_quoted_sentence_after_reported_speech(nlp):
    text = ("The Moldovan Ministry of Defence said the drone crashed in a field. “There is no danger "
            "to the population.”")
    assert said(nlp, text) == [("Moldovan Ministry of Defence", "There is no", None)]


def test_quoted_sentence_after_a_sentence_without_speech_has_no_speaker(nlp):
    text = "The Moldovan Ministry of Defence sent experts to the field. “There is no danger.”"
    assert statements(nlp, text) == []


def test_lead_in_of_the_next_quote_is_no_attribution_of_the_last(nlp):
    text = ("The Romanian Ministry of National Defence said that “a drone fell near the border.” "
            "Romania's foreign ministry said: “We condemn the attack.”")
    assert said(nlp, text) == [("Romanian Ministry of National Defence", "a drone fell", None),
                               ("Romania's Foreign Ministry", "We condemn the", None)]


# --- what is not a statement -----------------------------------------------------------------

def test_scare_quotes_without_a_named_subject_are_ignored(nlp):
    text = ("Residents called the night \"hell\" and fled west. The so-called \"safe zone\" was hit "
            "again. The drones used \"new tactics\" against the city.")
    assert statements(nlp, text) == []


def test_quotes_of_unnamed_sources_are_ignored(nlp):
    text = ("“Nothing is safe here anymore,” officials said. “We are counting the victims,” "
            "reported local authorities.")
    assert statements(nlp, text) == []


def test_short_quote_of_a_named_subject_counts(nlp):
    assert said(nlp, "President Volodymyr Zelenskyy called the strike \"pure evil\" on Sunday.") \
        == [("Volodymyr Zelenskyy", "pure evil", None)]


@pytest.mark.parametrize("where, channel", [
    ("in a video address", "a video address"),
    ("on X", "X"),
    ("on social media", "social media"),
    ("on national television", "television"),
    ("to reporters", None),
])
def test_channel(nlp, where, channel):
    text = f"“We will rebuild every house in the city,” Mayor Ihor Terekhov said {where}."
    assert said(nlp, text) == [("Ihor Terekhov", "We will rebuild", channel)]


def test_channel_from_the_sentence_before_naming_the_speaker(nlp):
    text = ("Klitschko posted on Telegram that the capital was attacked. “Medics are on site,” "
            "Klitschko wrote.")
    assert said(nlp, text) == [("Vitali Klitschko", "Medics are on", "Telegram")]


def test_quote_offsets_and_evidence_point_into_the_text(nlp):
    text = ("Overnight, drones hit Sumy. “Three people were hurt,” Governor Volodymyr Artiukh said. "
            "Firefighters worked until dawn.")
    doc = nlp(text)
    [st] = extract_statements(doc, find_people(doc))
    assert text[st.start:st.start + len(st.quote)] == st.quote == "Three people were hurt,"
    assert [(e.text, text[e.start:e.end]) for e in st.evidence] == [
        ("“Three people were hurt,” Governor Volodymyr Artiukh said.",) * 2]
    assert st.about is None


def test_same_quote_repeated_is_one_statement(nlp):
    text = ("Zelenskyy condemned the raid as \"pure terrorism\" again.\n\n"
            "Zelenskyy condemned the raid as \"pure terrorism\" again.")
    found = statements(nlp, text)
    assert len(found) == 1
    assert len(found[0].evidence) == 2


# --- the seed articles -------------------------------------------------------------------------

def seed(nlp, prefix):
    [path] = SEEDS.glob(prefix + "_*.txt")
    return statements(nlp, path.read_text(encoding="utf-8"))


def test_seed_000_statements(nlp):
    found = [(s.speaker.name, s.quote[:30], s.channel, s.role) for s in seed(nlp, "000")]
    assert found == [
        ("Oleksiy Kuleba", "according to preliminary data,", "Telegram", "Governor of Kyiv Oblast"),
        ("Oleksiy Kuleba", "Emergency services are already", "Telegram", "Governor of Kyiv Oblast"),
        ("Newsweek", "targeted ‘clusters of manpower", None, None),
    ]


def test_seed_003_statements(nlp):
    found = [(s.speaker.name, s.quote[:25], s.channel) for s in seed(nlp, "003")]
    assert found == [
        ("Vitali Klitschko", "Russia launched a massive", "Telegram"),
        ("Olena Mykhailenko", "It was like the sky was o", None),
        ("Donald Trump", "I don’t want to have a wa", None),
        ("Natalia Humeniuk", "Our resilience remains st", None),
        ("European Union", "indiscriminate and inhuma", None),
        ("United Nations", "indiscriminate and inhuma", None),
        ("NATO", "indiscriminate and inhuma", None),
        ("António Guterres", "continued strikes on citi", None),
    ]
    roles = {s.speaker.name: s.role for s in seed(nlp, "003")}
    assert roles["Vitali Klitschko"] == "Mayor of Kyiv"
    assert roles["Natalia Humeniuk"] == "Military spokesperson of Ukraine"


def test_long_organization_name_before_the_speech_verb(nlp):
    text = ("“Three people were injured,” the Main Directorate of the National Police in the Poltava "
            "region said.")
    assert said(nlp, text) == [("Main Directorate of the National Police", "Three people were", None)]


def test_acronym_in_brackets_speaks_for_the_organization(nlp):
    text = ("The Operational Command of the Polish Armed Forces (DORSZ) scrambled jets. “The search "
            "continues,” DORSZ wrote on X.")
    assert said(nlp, text) == [("Operational Command of the Polish Armed Forces", "The search continues,", "X")]


@pytest.mark.parametrize("attribution", [
    "the Poltava Regional Military Administration's press service said",
    "the press service of the Poltava Regional Military Administration reported",
])
def test_press_service_speaks_for_its_organization(nlp, attribution):
    text = f"“Three people were injured,” {attribution}."
    assert [s.speaker.name for s in statements(nlp, text)] == ["Poltava Regional Military Administration"]


def test_abbreviated_administration_is_a_name(nlp):
    assert said(nlp, "“Three people were injured,” the Poltava RMA said on Telegram.") == [
        ("Poltava RMA", "Three people were", "Telegram")]


def test_long_attribution_after_an_exclamation(nlp):
    text = "“Stay in the shelters!” the Poltava Regional Military Administration said on its Telegram channel."
    assert said(nlp, text) == [("Poltava Regional Military Administration", "Stay in the", "Telegram")]


def test_long_sentence_after_a_closed_quote_is_no_attribution(nlp):
    text = ("“The city is calm.” The Operational Command of the Polish Armed Forces said on Monday "
            "that jets flew.")
    assert statements(nlp, text) == []


def test_passive_report_names_the_speaker_not_the_outlet(nlp):
    text = ("This was reported by the Sumy Regional Prosecutor's Office, Ukrinform reports. “A guided "
            "bomb hit the school.”")
    assert said(nlp, text) == [("Sumy Regional Prosecutor's Office", "A guided bomb", None)]


def test_quote_from_label(nlp):
    assert said(nlp, "Quote from the Poltava Regional Military Administration: “Nobody was hurt.”") == [
        ("Poltava Regional Military Administration", "Nobody was hurt.", None)]
