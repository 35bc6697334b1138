"""Where the pipeline ends a sentence (``kg.nlp.pipeline.paragraph_breaks``): the sentences
every reader of the doc works in."""

import pytest

from kg.nlp.pipeline import parse


@pytest.mark.parametrize("text, starts", [
    # a full stop after a word before a figure: the figure opens the next sentence
    ("Drones attacked Lobkove, Malynivka, Levadne. 5 rocket artillery strikes were targeted "
     "at Levadne and Malynivka.", ["Drones", "5"]),
    # "No. 5": a full stop after a short abbreviation is no sentence end
    ("A drone hit house No. 5 on Shevchenka Street in Kharkiv.", ["A"]),
    # a colon before a list of names only: the list is the sentence's
    ("Artillery targeted 15 settlements in Kharkiv Oblast: Synkivka, Stepova Novoselivka, "
     "Kotliarivka, etc. Airstrikes hit Ivanivka.", ["Artillery", "Airstrikes"]),
    # an ordinary full stop before a capital
    ("Shells hit Levadne. The shelling lasted 5 hours.", ["Shells", "The"]),
    # the full stop of a clock time before a lower-case word ends no sentence
    ("No casualties were first reported, but by 8:30 a.m. the mayor said three were hurt.",
     ["No"]),
    # and before a capital it may
    ("The siren sounded at 8:30 a.m. Drones then hit Odesa.", ["The", "Drones"]),
    # a dateline in capitals, a comma and a dash heads the lead: one sentence with it
    ("Headline here\n\nDNIPRO, Ukraine — Rescuers dug through rubble on Saturday.",
     ["Headline", "DNIPRO"]),
    # a place in capitals alone on its line is a line of its own
    ("KHARKIV\n\nThe city was shelled overnight.", ["KHARKIV", "The"]),
    # an editor's note is blanked: the sentence it interrupts goes on after it
    ("Drones struck Marhanets hromada [a local council area of a town and the villages around "
     "it – ed.] and Nikopol. A house burned.",
     ["Drones", "A"]),
    # brackets of the report's own are read
    ("Drones struck Marhanets [Nikopol district]. A house burned.", ["Drones", "A"]),
])
def test_sentence_starts(nlp, text, starts):
    doc = next(parse(nlp, [text]))
    assert [sent[0].text for sent in doc.sents] == starts


@pytest.mark.parametrize("text, expected", [
    ("Oblast: Synkivka, Stepova Novoselivka, Kotliarivka, etc.", True),
    ("Oblast: Stepova Novoselivka.", False),  # one name is no list
    ("Oblast: Ivanivka and Kyslivka were damaged.", False),  # names that go on into a clause
])
def test_a_colon_before_a_list_of_names(nlp, text, expected):
    from kg.nlp.pipeline import _names_list

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:  # the tagger's tags, as the list is judged before parsing
        if name in ("tok2vec", "tagger"):
            doc = proc(doc)
    colon = next(t.i for t in doc if t.text == ":")
    assert _names_list(doc, colon + 1) is expected


def test_the_article_text_stands_for_the_doc_text_only_when_it_is_what_was_parsed():
    import spacy

    from kg.extract.doc_text import doc_text, know_text

    nlp = spacy.blank("en")
    doc = nlp("Drones hit Kyiv.\n\nTwo were hurt.")
    know_text(doc, "Drones hit Kyiv.\n\nTwo were hurt.")
    assert doc_text(doc) == "Drones hit Kyiv.\n\nTwo were hurt."
    other = nlp("Drones hit Kyiv.")
    know_text(other, "Drones hit Lviv.")  # same length, other words: the doc's own text
    assert doc_text(other) == "Drones hit Kyiv."


@pytest.mark.parametrize("text, read", [
    ("struck Marhanets hromada [a hromada is a council area – ed.] and Nikopol",
     "struck Marhanets hromada " + " " * 35 + " and Nikopol"),
    ("struck Marhanets [Nikopol district] at night",  # the report's own brackets stay
     "struck Marhanets [Nikopol district] at night"),
])
def test_an_editors_note_is_blanked_in_place(text, read):
    from kg.nlp.pipeline import reading_text

    assert reading_text(text) == read
    assert len(reading_text(text)) == len(text)
