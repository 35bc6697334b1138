"""A fixed list of phrases (the weapon names) tokenized as spaCy's English tokenizer does, without
building the English language for it.

``English(vocab=vocab).make_doc`` would do, but making that ``English`` loads its 1,300-odd
tokenizer exceptions ("don't", "a.m.", "Jan.") one by one, some 0.07 s of the first extraction
of every process, where the weapon names need at most a handful. An exception is a string the
tokenizer splits its own way, so it changes the tokens of a text only where its string stands:
the tokenizer here keeps only the exceptions that stand in one of the phrases, and is otherwise
the English one (the same prefixes, suffixes, infixes and URL and token patterns).
"""

from __future__ import annotations

_APART = "\x00"  # joins the phrases for the search of an exception: no exception holds it


def phrase_docs(vocab, texts: list[str]) -> list:
    """A ``Doc`` for each of ``texts``, with the tokens English's tokenizer gives it."""
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = English.Defaults
    joined = _APART.join(texts)
    exceptions = {string: tokens for string, tokens in defaults.tokenizer_exceptions.items()
                  if string in joined}
    tokenizer = Tokenizer(vocab, rules=exceptions,
                          prefix_search=compile_prefix_regex(defaults.prefixes).search,
                          suffix_search=compile_suffix_regex(defaults.suffixes).search,
                          infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                          token_match=defaults.token_match, url_match=defaults.url_match)
    return [tokenizer(text) for text in texts]
