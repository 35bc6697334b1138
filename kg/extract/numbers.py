"""Number phrases in news English: "48", "1,200", "four", "twenty-one", "a dozen", "at least
two", "more than 300", "nearly 60".

``parse_number`` reads the value of one phrase; ``number_at`` reads the number phrase that starts
at a spaCy token (with its modifiers before it). A bound word is kept with the figure
but does not change it: "at least N", "more than N", "nearly N", "up to N" all give N, as
GOLD.md codes bounded figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.doc_text import doc_fact, doc_lowers, doc_spaces, doc_texts, tokens_text

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12, "both": 2, "pair": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
FLOOR = {"at least", "more than", "over", "at minimum", "no fewer than", "no less than",
         "upwards of", "in excess of", "some", "about", "around", "approximately", "roughly",
         "some", "an estimated", "a total of", "total of"}
CEILING = {"nearly", "almost", "up to", "close to", "under", "less than", "fewer than",
           "just under", "as many as"}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Number:
    value: int | None  # None when the phrase is vague
    start: int  # token index of the phrase's first token (modifiers included)
    end: int  # token index after the last number token
    bound: str | None = None  # the modifier, e.g. "at least"


def word_value(word: str) -> int | None:
    """The value of one token: digits, a number word, or a hyphenated compound."""
    text = word.lower().strip()
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    if text in UNITS:
        return UNITS[text]
    if text in TENS:
        return TENS[text]
    if "-" in text:
        left, _, right = text.partition("-")
        if left in TENS and right in UNITS and UNITS[right] < 10:
            return TENS[left] + UNITS[right]
    return None


def parse_number(text: str) -> int | None:
    """The value of a whole number phrase without modifiers, or None.

    >>> parse_number("twenty-one"), parse_number("1,200"), parse_number("two hundred")
    (21, 1200, 200)
    >>> parse_number("a dozen"), parse_number("three dozen"), parse_number("several")
    (12, 36, None)
    """
    words = text.replace(" and ", " ").split()
    if not words:
        return None
    if len(words) == 2 and words[0].lower() in ("a", "an") and words[1].lower() == "dozen":
        return 12
    if len(words) == 2 and words[1].lower() == "dozen":  # "three dozen": 36, not 3 + 12
        first = parse_number(words[0])
        return first * 12 if first is not None else None
    total, current = 0, None
    for word in words:
        low = word.lower()
        if low in SCALES:
            current = (current or 1) * SCALES[low]
            if SCALES[low] >= 1000:
                total, current = total + current, None
            continue
        value = word_value(low)
        if value is None or low in ("a", "an", "no", "single", "both", "pair"):
            if len(words) == 1 and value is not None:
                return value
            return None
        current = (current or 0) + value
    return total + (current or 0)


VAGUE = ("several", "few", "many", "some", "multiple")  # before "hundred", "thousand"


def _is_number_word(low: str) -> bool:
    return bool(_DIGITS.match(low)) or low in TENS or (
        low in UNITS and low not in ("a", "an", "no", "single", "both", "pair")) or (
        "-" in low and word_value(low) is not None) or low in SCALES


def _is_number_token(token) -> bool:
    return _is_number_word(token.lower_)


_FLAGS = "sg_number_tokens"
_NUMBER_WORDS: dict[int, bool] = {}  # a word's hash -> whether it is a number word


def _number_tokens(doc) -> list[bool]:
    """For each token of ``doc``, whether it is a number word; read once per doc (the number
    phrases of a sentence are looked for by several steps)."""
    flags = doc.user_data.get(_FLAGS)
    if flags is None:
        from spacy.attrs import LOWER

        strings, seen = doc.vocab.strings, _NUMBER_WORDS
        flags = []
        for key in doc.to_array([LOWER]).tolist():
            flag = seen.get(key)
            if flag is None:
                if len(seen) > 100_000:
                    seen.clear()
                flag = seen[key] = _is_number_word(strings[key])
            flags.append(flag)
        doc.user_data[_FLAGS] = flags
    return flags


def _bound_before(doc, index: int) -> tuple[str | None, int]:
    for size in (3, 2, 1):
        if index - size < 0:
            continue
        phrase = tokens_text(doc, index - size, index).lower()
        if phrase in FLOOR or phrase in CEILING:
            return phrase, index - size
    return None, index


def _hyphenated_tens(doc, i: int) -> bool:
    """Token ``i`` (``0 <= i < len(doc)``) is the hyphen of "Twenty-six", which the tokenizer
    splits in three."""
    if doc_texts(doc)[i] != "-" or not 0 < i < len(doc) - 1:
        return False
    spaces, lowers = doc_spaces(doc), doc_lowers(doc)
    return not spaces[i - 1] and not spaces[i] and lowers[i - 1] in TENS and \
        lowers[i + 1] in UNITS


def _continues(before: str, word: str) -> bool:
    """A number word goes on the number before it ("twenty one", "five hundred", "3 million"),
    but digits neither follow a number nor are followed by one but a scale: "on September 9
    three people were killed" is 9 and three, not 12."""
    if _DIGITS.match(word):
        return False
    return not _DIGITS.match(before) or word in SCALES


def number_at(doc, index: int) -> Number | None:
    """The number phrase whose first number token is ``doc[index]``, or None."""
    flags = _number_tokens(doc)
    if not flags[index]:
        return None
    lowers = doc_lowers(doc)  # the words as strings: no Token per word read
    end = index + 1
    while end < len(doc) and (flags[end] and _continues(lowers[end - 1], lowers[end]) or (
            lowers[end] == "and" and end + 1 < len(doc) and flags[end + 1]
            and lowers[end - 1] in SCALES) or _hyphenated_tens(doc, end)):
        end += 1
    if end < len(doc) and lowers[end] in ("percent", "%"):
        return None
    if lowers[index] in SCALES and index > 0 and lowers[index - 1] in VAGUE:
        return None  # "several hundred drones": no figure, as "dozens" is none
    value = parse_number(tokens_text(doc, index, end))
    if value is None:
        return None
    bound, start = _bound_before(doc, index)
    return Number(value, start, end, bound)


def numbers_in(doc, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number phrase in ``doc[start:end]``, left to right; read once per run for each
    range (the casualty figures and the weapon counts of a sentence both read its numbers)."""
    end = len(doc) if end is None else end
    known = doc_fact(doc, "numbers_in", lambda _: {})
    if (start, end) not in known:
        known[start, end] = _read_numbers(doc, start, end)
    return list(known[start, end])


def _read_numbers(doc, start: int, end: int) -> list[Number]:
    flags, lowers = _number_tokens(doc), doc_lowers(doc)
    found, i = [], start
    while i < end:
        number = number_at(doc, i) if flags[i] else None
        if number is not None and not (i > 0 and flags[i - 1] and _continues(
                lowers[i - 1], lowers[i])):
            found.append(number)
            i = number.end
        else:
            i += 1
    return found
