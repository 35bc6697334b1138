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
    # a colon before names that go on into a clause: the parser's own choice stands
    ("Airstrikes hit two villages: Ivanivka and Kyslivka were damaged. Nobody was hurt.",
     ["Airstrikes", "Nobody"]),
    # an ordinary full stop before a capital
    ("Shells hit Levadne. The shelling lasted 5 hours.", ["Shells", "The"]),
])
def test_sentence_starts(nlp, text, starts):
    doc = next(parse(nlp, [text]))
    assert [sent[0].text for sent in doc.sents] == starts
