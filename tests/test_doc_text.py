"""The doc's text cut by token bounds read once is the text spaCy gives for the same tokens."""

from __future__ import annotations

from kg.extract.doc_text import release, token_bounds, tokens_text


def test_tokens_text_is_the_span_text_for_every_range(nlp):
    doc = nlp("Drones hit  Kharkiv-based plants;\n“Two were killed,” he said.  At 07:35, "
              "the Sumy region’s Krasnopillia hromada was shelled again.")
    starts, ends = token_bounds(doc)
    assert [(start, end) for start, end in zip(starts, ends)] == \
        [(t.idx, t.idx + len(t.text)) for t in doc]
    n = len(doc)
    for start in range(-3, n + 2):
        for end in range(-3, n + 2):
            assert tokens_text(doc, start, end) == doc[start:end].text, (start, end)
    assert tokens_text(doc, None, 3) == doc[:3].text
    release(doc)


def test_an_empty_doc_has_no_text_between_tokens(nlp):
    doc = nlp("")
    assert token_bounds(doc) == ([], [])
    assert tokens_text(doc, 0, 1) == ""


def test_lower_and_lemma_columns_are_the_tokens_own(nlp):
    from kg.extract.doc_text import doc_lemmas, doc_lowers, doc_words, sentence_words

    doc = nlp("Russian DRONES struck Kharkiv's suburbs overnight. Two people were KILLED, "
              "officials said; the Mayor of Kharkiv wrote that drones had hit homes.")
    assert doc_lowers(doc) == [t.lower_ for t in doc]
    assert doc_lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert doc_words(doc) == frozenset(t.lower_ for t in doc)
    for sent in doc.sents:
        assert sentence_words(sent) == frozenset([t.lemma_.lower() for t in sent] +
                                                 [t.lower_ for t in sent])
    release(doc)
    assert doc_lowers(doc) == [t.lower_ for t in doc]  # made again after a release
    release(doc)


def test_tokens_with_finds_the_words_a_token_walk_finds(nlp):
    from kg.extract.doc_text import tokens_with

    doc = nlp("The district center was hit. Air DEFENCE worked over the District Centre, "
              "and the defense ministry said so.")
    for words in (("center", "centre"), ("defence", "defense"), ("the",), ("missing",)):
        for sent in doc.sents:
            assert tokens_with(sent, words) == [t for t in sent if t.lower_ in words]
    release(doc)


def test_worded_tokens_are_those_whose_form_or_lemma_is_one_of_the_words(nlp):
    from kg.extract.doc_text import tokens_with

    doc = nlp("Two people were KILLED and a man died; the Injured were taken to hospital. "
              "Officials said the toll may rise, and that the dead included a child.")
    for words in ({"kill", "die"}, {"killed", "injured", "dead"}, {"toll"}, set()):
        for sent in doc.sents:
            assert tokens_with(sent, words, lemmas=True) == [
                t for t in sent if t.lower_ in words or t.lemma_.lower() in words]
    release(doc)
