"""Victims counted by their ages: "a man aged 58" is one victim, not 58; "men aged 71, 66 and
35" are three; and the people counted so, with the victims named beside them ("women aged 69
and 65, and a 6-year-old boy"), are one figure, their sum."""

from __future__ import annotations

from kg.extract.lexicon import cues
from kg.extract.rules import rule


def is_age(doc, index: int) -> bool:
    """The number at ``index`` is an age: "a man aged 58", "men aged 71, 66 and 35"."""
    if not doc[index].like_num:
        return False  # "a 66-year-old man" after the ages of others is a victim of its own
    i = index - 1
    while i >= 0 and (doc[i].like_num or doc[i].text == "," or doc[i].lower_ == "and"):
        i -= 1
    return i >= 0 and doc[i].lower_ in ("aged", "ages") and bool(rule("casualties.ages-listed"))


def counted_by_ages(doc, sent, taken: set[int], cue_of) -> list[tuple[str, int, int]]:
    """(kind, count, noun index) of each plural of people with no number of its own that lists
    ages ("Men aged 71, 66 and 35 were injured"); ``cue_of(noun index, count)`` is the killed
    or injured cue the counted people belong to, or None."""
    out = []
    for token in sent:
        if token.lower_ != "aged" or token.i == 0:
            continue
        noun = doc[token.i - 1]
        if noun.tag_ != "NNS" or noun.lower_ not in cues()["person_nouns"] or noun.i in taken \
                or any(c.dep_ == "nummod" or c.like_num for c in noun.children if c.i < noun.i):
            continue
        ages = 0
        for t in doc[token.i + 1:sent.end]:
            if t.like_num:
                ages += 1
            elif not (t.text == "," or t.lower_ == "and"):
                break
        kind = cue_of(noun.i, ages) if ages else None
        if kind:
            out.append((kind, ages, noun.i))
    return out


def coordinated(doc, figures, age) -> list:
    """The figure ``age`` of people counted by ages and the partial figures of its kind in the
    same coordination ("women aged 69 and 65, and a 6-year-old boy"), to be summed."""
    root = doc[age.token]
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    span = range(root.left_edge.i, root.right_edge.i + 1)
    return [f for f in figures if f.kind == age.kind and f.token in span and f.partial] + [age]
