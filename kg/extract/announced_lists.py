"""Lists a sentence announces: "According to the regional governor, the following settlements
came under attack from drones, aircraft, and artillery:" and then, line by line, "• Kherson
District—Antonivka, Blahovishchenske, …, and the city of Kherson;". The lines name the struck
places but hold no attack word of their own; the announcing sentence says what happened to them.
"""

from __future__ import annotations

from kg.extract.doc_text import sent_tokens, span_text
from kg.extract.lexicon import cues
from kg.extract.rules import rule

#: characters that open an item of a list printed line by line
BULLETS = frozenset("•·▪‣◦-–—*")
_PLACE_NOUNS = frozenset({"settlements", "localities", "communities", "hromadas", "villages",
                          "towns", "cities", "areas"})


def announces_list(sent) -> bool:
    """The sentence ends with a colon after "the following" plural place nouns and an attack
    word: "the following settlements came under attack from drones, aircraft, and
    artillery:"."""
    text = span_text(sent).rstrip()
    if not text.endswith(":"):
        return False
    lemmas = {t.lemma_.lower() for t in sent_tokens(sent)}
    words = {t.lower_ for t in sent_tokens(sent)}
    attack = lemmas & (set(cues()["attack_verbs"]) | set(cues()["attack_nouns"]) | {"fire"})
    if not (words & _PLACE_NOUNS and attack):
        return False
    if "following" in words:
        return True
    # "over 12 localities … came under artillery and mortar attacks during the past day, among
    # them:" — the list the colon opens names some of them
    return text[:-1].rstrip().lower().endswith(_OPENERS) and bool(rule("places.among-them-list"))


_OPENERS = ("among them", "including", "namely", "in particular", "specifically")


def list_line(sent) -> bool:
    """The sentence is an item of a list printed line by line: it opens with a bullet or a
    dash, or it is mostly capitalised names run together with commas and no verb ("Beryslav,
    Tomaryne, Urozhayne, …")."""
    tokens = [t for t in sent_tokens(sent) if not t.is_space]
    if not tokens:
        return False
    if tokens[0].text[:1] in BULLETS:
        return True
    words = [t for t in tokens if t.is_alpha]
    commas = sum(t.text == "," for t in tokens)
    capitalised = sum(t.text[:1].isupper() for t in words)
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in tokens)  # names, not a sentence
    return verbless and commas >= 2 and bool(words) and capitalised * 2 >= len(words)
