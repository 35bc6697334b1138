"""Victims counted by their ages: "a man aged 58" is one victim, not 58; "men aged 71, 66 and
35" are three; and the people counted so, with the victims named beside them ("women aged 69
and 65, and a 6-year-old boy"), are one figure, their sum."""

from __future__ import annotations

import re

from kg.extract.casualty_cues import cue_kind
from kg.extract.doc_text import (doc_tokens, sent_tokens, sentence_of, span_text, tokens_text,
                                 tokens_with)
from kg.extract.lexicon import cues
from kg.extract.numbers import word_value
from kg.extract.rules import rule


def is_age(doc, index: int) -> bool:
    """The number at ``index`` is an age: "a man aged 58", "men aged 71, 66 and 35"."""
    if not doc[index].like_num:
        return False  # "a 66-year-old man" after the ages of others is a victim of its own
    i = index - 1
    while i >= 0 and (doc[i].like_num or doc[i].text == "," or doc[i].lower_ == "and"):
        i -= 1
    if i >= 0 and doc[i].lower_ in ("aged", "ages"):
        return bool(rule("casualties.ages-listed"))
    while i >= 0 and (doc[i].like_num or doc[i].lower_ in _RANGE_WORDS):
        i -= 1
    if i >= 0 and doc[i].lower_ in ("aged", "ages") and index - i > 2:
        return bool(rule("casualties.age-range"))  # "seven people aged between 51 and 83
    # "a boy of 17", "a woman of 62": the age of one person named before "of"
    return i == index - 1 and i >= 1 and doc[i].lower_ == "of" and \
        doc[i - 1].tag_ == "NN" and doc[i - 1].lower_ in _PERSON_NOUNS and \
        bool(rule("casualties.age-of"))


def _cue_right_after(doc, end: int, sent_end: int) -> str | None:
    """The kind of the casualty verb right after a list of ages ("Women aged 71 and 53 were
    wounded", where the parser made "aged" the verb and "wounded" a second one)."""
    i = end
    while i < sent_end and doc[i].lower_ in ("were", "was", "have", "had", "been", "are"):
        i += 1
    kind = cue_kind(doc[i]) if i < sent_end and i > end else None
    return kind if kind and rule("casualties.ages-then-verb") else None


# what spans a range of ages: "aged between 51 and 83", "aged from 18 to 65", "aged 20-30"
_RANGE_WORDS = frozenset({"between", "from", "to", "and", "-", "–"})

# "a family of five" counts its members
_PERSON_NOUNS = frozenset(cues()["person_nouns"]) - {"family"}


def counted_by_ages(doc, sent, taken: dict[int, str], cue_of
                    ) -> list[tuple[str, int, int, set[int]]]:
    """(kind, count, noun index, the first tokens of the figures it counts in) of each plural of
    people with no number of its own that lists ages ("Men aged 71, 66 and 35 were injured"),
    and of each singular one with several ("a woman aged 78, 58, and 71": three). Groups listed
    one after another ("men aged 71 and 35, women aged 69 and 65") and the people joined after
    the last ("…, and a 6-year-old boy", "…, as well as two 39-year-old men") are one count.
    ``cue_of(noun index, count)`` is the killed or injured cue the counted people belong to, or
    None; ``taken`` the kind of each figure already read, by its first token (the cue of a
    joined victim serves the whole count)."""
    groups: list[list[int]] = []  # [noun index, ages, end of the list of ages]
    singles: dict[int, int] = {}  # a singular noun counted by its ages → its article's index
    tokens = doc_tokens(doc)
    for token in tokens_with(sent, ("aged",)):
        if token.i == 0:
            continue
        noun = tokens[token.i - 1]
        # "a woman aged 78, 58, and 71": one noun for three women (a translation's habit)
        single = noun.tag_ == "NN" and noun.i > 0 and tokens[noun.i - 1].lower_ in ("a", "an")
        if (noun.tag_ != "NNS" and not single) or noun.lower_ not in cues()["person_nouns"] or \
                noun.i in taken or any(c.dep_ == "nummod" or c.like_num
                                       for c in noun.children if c.i < noun.i):
            continue
        ages, end = 0, token.i + 1
        for t in doc_tokens(doc)[token.i + 1:sent.end]:
            if t.like_num:
                ages += 1
            elif not (t.text == "," or t.lower_ == "and"):
                break
            end = t.i + 1
        if not ages or single and (ages < 2 or not rule("casualties.one-noun-many-ages")):
            continue
        if single:
            singles[noun.i] = noun.i - 1  # its "a" counted one; the ages count them all
        if groups and all(t.text == "," or t.lower_ == "and" for t in doc[groups[-1][2]:noun.i]):
            groups[-1][1:] = [groups[-1][1] + ages, end]  # "men aged 71, women aged 69"
        else:
            groups.append([noun.i, ages, end])
    out = []
    merged: list[list[int]] = []
    for group in groups:  # "a woman aged 78, 58, and 71, and a man aged 57 and 72 were
        # injured": one list of groups, each a noun with its ages, counted together
        last = merged[-1] if merged else None
        if last is not None and group[0] in singles and all(
                t.text == "," or t.lower_ == "and" for t in doc[last[2]:singles[group[0]]]):
            last[1:] = [last[1] + group[1], group[2]]
            last.append(group[0])  # the nouns joined, whose kind serves the whole list
        else:
            merged.append(list(group))
    groups = merged
    kinds = {g[0]: next((k for k in (cue_of(n, g[1]) or taken.get(singles.get(n, -1))
                                     for n in [g[0], *g[3:]]) if k), None) for g in groups}
    for noun, ages, end, *others in groups:
        joined, at = _joined_after(doc, end, sent.end)
        if at in singles.values():
            joined, at = 0, -1  # "…, and a man aged 57 and 72": a group counted by its ages
        kind = kinds[noun] or taken.get(at) or _cue_right_after(doc, end, sent.end)
        if kind:
            # the figures of one its singular nouns' articles made are in the count
            counted_in = {at} | {singles[n] for n in [noun, *others] if n in singles}
            out.append((kind, ages + joined, noun, counted_in - {-1}))
    return out


def _joined_after(doc, start: int, end: int) -> tuple[int, int]:
    """"…, as well as two 39-year-old men": the people joined after a list of ages, and the
    index of their number (0, -1 for none)."""
    i = start
    while i < end and doc[i].text == ",":
        i += 1
    if tokens_text(doc, i, i + 3).lower() == "as well as":
        i += 3
    elif i < end and doc[i].lower_ in ("plus", "and"):
        i += 1
    elif i == 0 or doc[i - 1].lower_ != "and":  # "aged 69 and 65, and a 6-year-old boy"
        return 0, -1
    single = i < end and doc[i].lower_ in ("a", "an")  # "…, and a 6-year-old boy"
    if i >= end or not (doc[i].like_num or single):
        return 0, -1
    count = 1 if single else word_value(doc[i].lower_)
    j = i + 1
    while j < end and j - i < 7 and doc[j].lower_ not in cues()["person_nouns"]:
        if not (doc[j].like_num or doc[j].pos_ in ("ADJ", "PUNCT") or doc[j].lower_ in (
                "year", "years", "old")):
            return 0, -1
        j += 1
    if j >= end or doc[j].tag_ != ("NN" if single else "NNS") or not count:
        return 0, -1
    return count, i


def coordinated(doc, figures, age) -> list:
    """The figure ``age`` of people counted by ages and the partial figures of its kind in the
    same coordination ("women aged 69 and 65, and a 6-year-old boy"), to be summed."""
    root = doc[age.token]
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    span = range(root.left_edge.i, root.right_edge.i + 1)
    return [f for f in figures if f.kind == age.kind and f.token in span and f.partial] + [age]


_AGE_UNITS = tuple(cues()["age_units"])


def year_old(doc, number) -> bool:
    """The number is someone's age: "52-year-old", "52 years old", "8-month-old"."""
    after = [t.lower_ for t in doc_tokens(doc)[number.end:number.end + 4]]
    if after[:1] == ["-"]:
        after = after[1:]
    return len(after) >= 2 and after[0] in _AGE_UNITS and (
        after[1] == "old" or after[1] == "-" and after[2:3] == ["old"]) and \
        bool(rule("casualties.age-not-count"))


_SHARED_AGE = re.compile(r"^\d{1,3}-$")  # "51-" of "51- and 58-year-old men"
_CUT_AGE = re.compile(r"\d-[\s,]")


def shared_age_suffix(doc, sent, taken: dict[int, str],
                      cue_of) -> list[tuple[str, int, int, str]]:
    """(kind, count, first token, rule id) of plural people counted by ages that share one
    "-year-old" ("51- and 58-year-old men were injured": two), or listed whole before one
    plural noun ("43-year-old, 33-year-old, and 40-year-old men were injured": three), where
    no figure was read there yet."""
    text = span_text(sent)
    out = _whole_ages_listed(doc, sent, text, taken, cue_of)
    if not _CUT_AGE.search(text):
        return out  # no "51-" in the sentence: most sentences, read without their tokens
    tokens = doc_tokens(doc)
    for token in sent_tokens(sent):
        if not _SHARED_AGE.match(token.text) or token.i in taken or (
                token.i > sent.start and _SHARED_AGE.match(tokens[token.i - 1].text)):
            continue
        ages, k = 1, token.i + 1
        while k < sent.end and (tokens[k].text in (",", "and")
                                or _SHARED_AGE.match(tokens[k].text)):
            ages += bool(_SHARED_AGE.match(tokens[k].text))
            k += 1
        if k >= sent.end or not tokens[k].like_num:
            continue
        noun = next((t for t in tokens[k + 1:min(sent.end, k + 6)] if t.tag_ == "NNS"), None)
        if noun is None or noun.lower_ not in cues()["person_nouns"]:
            continue
        kind = cue_of(noun.i, ages + 1)
        if kind:
            out.append((kind, ages + 1, token.i, rule("casualties.ages-listed")))
    return out


_WHOLE_AGES = re.compile(r"\b\d{1,3}-year-old(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
                         r"(?:\d{1,3}-year-old(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
                         r"\d{1,3}-year-old\s+([a-z]+)")


def _whole_ages_listed(doc, sent, text: str, taken: dict[int, str], cue_of) -> list:
    """"43-year-old, 33-year-old, and 40-year-old men were injured": one victim per age
    before a plural person noun (each age alone would be "a 43-year-old man")."""
    out = []
    if "year-old" not in text:
        return out
    for match in _WHOLE_AGES.finditer(text):
        noun_at = next((t for t in sent_tokens(sent)
                        if t.idx - sent.start_char == match.start(1)), None)
        if noun_at is None or noun_at.tag_ != "NNS" or noun_at.lower_ not in _PERSON_NOUNS:
            continue
        first = next(t for t in sent_tokens(sent) if t.idx - sent.start_char >= match.start())
        ages = match.group(0).count("year-old")
        if any(t.i in taken for t in doc_tokens(doc)[first.i:noun_at.i]):
            continue
        kind = cue_of(noun_at.i, ages)
        if kind:
            out.append((kind, ages, first.i, rule("casualties.whole-ages-listed")))
    return out


_ONE_AGED = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|\baged (\d{1,3})\b")


def single_victim_age(doc, figure) -> int | None:
    """The age of the one victim a figure of 1 counts ("a 61-year-old woman", "a man aged
    58"), when the words at the figure give one."""
    if figure.value != 1 or figure.token < 0:
        return None
    sent = sentence_of(doc, figure.token)
    # from the victim noun's first word: "The 63-year-old man is hospitalised with injuries"
    first = min(figure.token - 2, doc[figure.token].left_edge.i)
    window = doc[max(sent.start, first):min(sent.end, figure.token + 8)]
    ages = {int(a or b) for a, b in _ONE_AGED.findall(span_text(window).lower())}
    return ages.pop() if len(ages) == 1 else None
