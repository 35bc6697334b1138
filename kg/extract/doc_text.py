"""A doc's text, built once: spaCy's ``Doc.text`` joins a new ``Token`` object per word on every
call, and several extraction steps read the whole text of the same doc."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, SPACY
from spacy.tokens import Span

_KEY = "sg_text"


def doc_text(doc) -> str:
    """``doc.text``, kept on the doc (``doc.user_data``) after the first call."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def know_text(doc, text: str) -> None:
    """Keep ``text`` as the doc's text when it is what the doc was parsed from (its last token
    ends where the text ends, its first, middle and last words stand in it where the doc has
    them): spaCy keeps every character, and ``Doc.text`` would join a new ``Token`` per word to
    say so again."""
    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        return
    probes = (doc[0], doc[len(doc) // 2], doc[-1])  # a few words, not a Token per word
    if all(text.startswith(t.text, t.idx) for t in probes):
        doc.user_data[_KEY] = text


def span_text(span) -> str:
    """``span.text`` (a sentence's, say) cut from the doc's text: the same characters, without a
    new ``Token`` per word on every call."""
    if span.start >= span.end:
        return span.text
    return doc_text(span.doc)[span.start_char:span.end_char]


_TOKENS = "sg_tokens"


def doc_tokens(doc) -> list:
    """The doc's ``Token`` objects, made once: ``doc[i]`` makes a new one on every call, and the
    rules read the same words many times. Dropped by ``release`` when extraction ends (a token
    refers to its doc)."""
    tokens = doc.user_data.get(_TOKENS)
    if tokens is None:
        tokens = doc.user_data[_TOKENS] = list(doc)
    return tokens


_WORDS = "sg_words"


def doc_words(doc) -> frozenset[str]:
    """The lower-case forms of the doc's words, as a set made once: "does the article name
    Moldova anywhere" without a ``Token`` per word on every ask."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        words = doc.user_data[_WORDS] = frozenset(doc_lowers(doc))
    return words


def _word_columns(doc) -> dict[str, list[str]]:
    """The doc's words, lower-case forms and lower-cased lemmas, one string per token each, read
    from the doc's array in one call: the three columns share most of their words, and each
    distinct one is looked up in the vocabulary (and its lemma folded) once."""
    strings = doc.vocab.strings
    keys = doc.to_array([ORTH, LOWER, LEMMA])
    orths, lowers, lemmas = keys[:, 0].tolist(), keys[:, 1].tolist(), keys[:, 2].tolist()
    words = {key: strings[key] for key in {*orths, *lowers, *lemmas}}
    folded = {key: words[key].lower() for key in set(lemmas)}
    return {"texts": list(map(words.__getitem__, orths)),
            "lowers": list(map(words.__getitem__, lowers)),
            "lemmas": list(map(folded.__getitem__, lemmas))}


def _word_column(doc, name: str) -> list[str]:
    """One column of ``_word_columns``, kept with the other two as facts of the run."""
    facts = _facts(doc)
    column = facts.get(name)
    if column is None:
        facts.update(_word_columns(doc))
        column = facts[name]
    return column


def doc_lowers(doc) -> list[str]:
    """``[t.lower_ for t in doc]``, made once per run: ``Token.lower_`` makes a new string
    through the vocabulary on every ask, and the people, places, casualties and attacks rules
    all read the lower-case forms of the same words. Dropped by ``release``."""
    return _word_column(doc, "lowers")


def doc_texts(doc) -> list[str]:
    """``[t.text for t in doc]``, made once per run (as ``doc_lowers``)."""
    return _word_column(doc, "texts")


def doc_lemmas(doc) -> list[str]:
    """``[t.lemma_.lower() for t in doc]``, made once per run (as ``doc_lowers``)."""
    return _word_column(doc, "lemmas")


def doc_spaces(doc) -> list[bool]:
    """``[bool(t.whitespace_) for t in doc]`` (whether a space follows each token), made once
    per run from the doc's array."""
    return doc_fact(doc, "spaces", lambda _: doc.to_array(SPACY).astype(bool).tolist())


_FACTS = "sg_facts"


def _facts(doc) -> dict:
    """The facts kept on ``doc`` for the run (``doc_fact``), a new dict at the first ask."""
    facts = doc.user_data.get(_FACTS)
    if facts is None:
        facts = doc.user_data[_FACTS] = {}
    return facts


def doc_fact(doc, name: str, make):
    """``make(doc)``, made once per extraction run and kept on the doc under ``name`` until
    ``release``: a fact every sentence asks of the whole doc (the people it names, say), read
    from what the components have written."""
    facts = _facts(doc)
    try:
        return facts[name]
    except KeyError:  # the first ask of the run (a fact may be None: not a ``get``)
        fact = facts[name] = make(doc)
        return fact


def doc_ents(doc) -> tuple:
    """``doc.ents``, made once per run: spaCy walks every token and makes a new span per entity
    on every ask, and the people and the organizations finders both read them."""
    return doc_fact(doc, "ents", lambda _: doc.ents)


def doc_sents(doc) -> list:
    """``list(doc.sents)``: the sentence spans made once per run (spaCy makes them anew on every
    iteration), in a new list on every call."""
    return list(doc_fact(doc, "sents", lambda _: list(doc.sents)))


def sentence_of(doc, i: int):
    """``doc[i].sent``, found by its start among the run's sentence spans (``Token.sent`` walks
    to the sentence's bounds and makes a new span on every call)."""
    i = doc_tokens(doc)[i].i  # a negative index counts from the end, as doc[i] does
    sents = doc_fact(doc, "sents", lambda _: list(doc.sents))
    starts = doc_fact(doc, "sent_starts", lambda _: [sent.start for sent in sents])
    return sents[bisect_right(starts, i) - 1]


_BOUNDS = "sg_token_bounds"


def token_bounds(doc) -> tuple[list[int], list[int]]:
    """Where each token of the doc starts and ends in its text, read in one call once per run:
    ``tokens_text`` cuts many short phrases, and each ``Token.idx`` or ``Token.text`` asked of
    a token goes through spaCy's object for it. Dropped by ``release``."""
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        columns = doc.to_array([IDX, LENGTH])
        starts = columns[:, 0]
        bounds = doc.user_data[_BOUNDS] = (starts.tolist(), (starts + columns[:, 1]).tolist())
    return bounds


def tokens_text(doc, start: int, end: int) -> str:
    """``doc[start:end].text`` cut from the doc's text, without making the ``Span``."""
    starts, ends = token_bounds(doc)
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(starts)):
        start, end, _ = slice(start, end).indices(len(starts))  # negative or open bounds
        if start >= end:
            return ""
    return doc_text(doc)[starts[start]:ends[end - 1]]


def span_root(doc, start: int, end: int):
    """``doc[start:end].root``, found once per run for each token range: many rules ask it of
    the same mention."""
    roots = doc_fact(doc, "span_roots", lambda _: {})
    root = roots.get((start, end))
    if root is None:
        root = roots[start, end] = doc[start:end].root.i
    return doc_tokens(doc)[root]


def release(doc) -> None:
    """Forget the tokens ``doc_tokens``, the bounds ``token_bounds``, the words ``doc_words``
    and the facts ``doc_fact`` kept on ``doc``."""
    doc.user_data.pop(_TOKENS, None)
    doc.user_data.pop(_BOUNDS, None)
    doc.user_data.pop(_WORDS, None)
    doc.user_data.pop(_FACTS, None)


def sentence_words(sent) -> frozenset[str]:
    """The lemmas (lower-cased) and the lower-case words of a sentence span, made once per run
    for each sentence: several rules read them, and a rule that looks for a few words token
    by token can first ask whether the sentence has any of them."""
    known = doc_fact(sent.doc, "sentence_words", lambda _: {})
    key = sent.start, sent.end
    words = known.get(key)
    if words is None:
        start, end = key
        words = known[key] = frozenset(doc_lemmas(sent.doc)[start:end] +
                                       doc_lowers(sent.doc)[start:end])
    return words


def tokens_with(sent, words, lemmas: bool = False) -> list:
    """The tokens of ``sent`` (a span) whose lower-case form (or, with ``lemmas``, whose
    lower-cased lemma) is one of ``words``, in order: a rule that acts only at a few words finds
    them in the columns ``doc_lowers`` and ``doc_lemmas`` instead of asking each token of the
    sentence for its ``lower_`` and ``lemma_``."""
    if isinstance(words, (set, frozenset, tuple, list)) and \
            sentence_words(sent).isdisjoint(words):
        return []  # no word of the sentence, nor lemma, is one of them: no token is read
    doc = sent.doc
    lowers, tokens = doc_lowers(doc), doc_tokens(doc)
    forms = doc_lemmas(doc) if lemmas else None
    return [tokens[i] for i in range(sent.start, sent.end)
            if lowers[i] in words or forms is not None and forms[i] in words]


def tokens_with_lemma(sent, words) -> list:
    """``[t for t in sent_tokens(sent) if t.lemma_.lower() in words]``: the tokens of ``sent``
    whose lower-cased lemma is one of ``words``, in order, found in the column ``doc_lemmas``
    (and none read where the sentence has none of them)."""
    if not isinstance(sent, Span):
        return [t for t in sent if t.lemma_.lower() in words]
    if isinstance(words, (set, frozenset, tuple, list)) and \
            sentence_words(sent).isdisjoint(words):
        return []
    lemmas, tokens = doc_lemmas(sent.doc), doc_tokens(sent.doc)
    return [tokens[i] for i in range(sent.start, sent.end) if lemmas[i] in words]


def sent_tokens(span) -> list:
    """The tokens of ``span`` (a sentence), from ``doc_tokens``."""
    if not isinstance(span, Span):
        return list(span)
    return doc_tokens(span.doc)[span.start:span.end]
