"""Whether a casualty figure is this attack's: a ConText-like check of the sentence around it.

Figures of another event give nothing: the war as a whole ("since the full-scale invasion"),
soldiers killed at the front, deaths no air attack caused ("during the occupation"), an earlier
attack told in a past-perfect clause ("a day after three people had been killed"). An earlier,
superseded figure ("Earlier, officials reported five dead") lowers no later one, and a rising
toll ("has since risen to five") updates the attack even with words that else mark background; a
figure that is a part of the toll ("one of her crew", "two sisters") never lowers it.
"""

from __future__ import annotations

import re

from kg.extract.doc_text import (doc_lowers, doc_text, doc_tokens, sent_tokens, sentence_of,
                                 span_text, tokens_with_lemma)
from kg.extract.lexicon import cues
from kg.extract.numbers import ORDINALS
from kg.extract.parse_columns import parse_columns
from kg.extract.rules import rule

RISE_VERBS = {"rise", "grow", "increase", "climb", "reach", "jump", "mount"}


def another_event(sent) -> bool:
    """The sentence's figures are of another event than an air attack told as news."""
    text, words = span_text(sent).lower(), cues()
    if _war_total(sent, text):
        rule("casualties.war-total")
        return True  # "more than 500 civilians have been killed since the invasion"
    if _after_a_war_total(sent) and rule("casualties.war-total-goes-on"):
        return True  # "In total, during the great war, Russia damaged almost 400 port
        # facilities. 106 civilians were injured.": the second sentence goes on with the tally
    if other_deaths(sent):
        return True  # "nine civilians killed during the occupation were found"
    lowers = doc_lowers(sent.doc)
    if any(phrase in text for phrase in words["front_cues"] if phrase not in _AGENT_NOUNS
           ) and any(lower in words["military_nouns"] for lower in lowers[sent.start:sent.end]
                     ) or any(lowers[t.i] in _AGENT_NOUNS and _counted_or_undergoing(t)
                              for t in sent_tokens(sent)):
        rule("casualties.front-losses")
        return True  # "1,130 Russian soldiers were killed on the front line", "Ukraine
        # eliminated 1,200 occupiers over the past day"; not "The invaders shelled Nikopol,
        # injuring two people", where the invaders are the attackers
    return False


def _war_total(sent, text: str) -> bool:
    """The sentence tells a total of the whole war ("since the invasion")."""
    return any(phrase in text and not compared_since(sent, text.index(phrase))
               for phrase in cues()["war_total_phrases"])


def _after_a_war_total(sent) -> bool:
    """The sentence names no proper noun (no place, no weekday or month) and follows, in the
    same paragraph, a sentence that tells a total of the whole war: it goes on with that
    tally."""
    doc = sent.doc
    if sent.start == 0 or any(t.pos_ == "PROPN" for t in sent_tokens(sent)):
        return False
    before = sentence_of(doc, sent.start - 1)
    if "\n" in doc_text(doc)[before.end_char:sent.start_char]:
        return False
    return _war_total(before, span_text(before).lower())


#: words for the enemy's troops that news also uses for the attacker itself
_AGENT_NOUNS = frozenset({"occupiers", "invaders"})


def _counted_or_undergoing(token) -> bool:
    """The troops are counted ("1,200 occupiers") or undergo the verb ("occupiers were
    eliminated"), not the doers of a strike."""
    return any(c.dep_ == "nummod" or c.like_num for c in token.children) or \
        token.dep_ in ("nsubjpass", "dobj") or \
        token.dep_ == "pobj" and token.head.lower_ not in ("by", "from", "of") or \
        token.dep_ == "nsubj" and token.head.lemma_.lower() in ("lose", "suffer")


YARDSTICK_REACH = 10  # words before "since" that may hold the superlative it measures


def compared_since(sent, offset: int) -> bool:
    """"the deadliest attack on Kyiv since the full-scale invasion", "the latest strikes since
    …": the war is only the yardstick of this attack, whose figures stand."""
    char = sent.start_char + offset
    before = [t for t in sent_tokens(sent) if t.idx < char][-YARDSTICK_REACH:]
    cut = [k for k, t in enumerate(before) if t.text in (",", ";", ":")]
    before = before[cut[-1] + 1:] if cut else before  # within the clause of the "since"
    if any(t.tag_ in ("JJS", "RBS") and t.dep_ in ("amod", "advmod") and not _bound(t)
           or t.lower_ in cues()["yardstick_words"] for t in before):
        return bool(rule("casualties.compared-since"))
    if any(_ORDINAL.match(t.lower_) or t.lower_ in ORDINALS for t in before):
        return bool(rule("casualties.ordinal-since"))  # "the 12th such attack on the port
        # city since the start of September": this attack, counted in a series
    return False


def grown_since(sent, offset: int) -> bool:
    """"the number of wounded has grown since the previous shelling": the earlier event at
    ``offset`` only marks from when a toll of the news grew, which it told as such."""
    char = sent.start_char + offset
    token = next((t for t in sent_tokens(sent) if t.idx >= char), None)
    while token is not None and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ == "since":
            verb = token.head
            return verb.lemma_.lower() in RISE_VERBS and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _TOLL_NOUNS
                for c in verb.children) and bool(rule("casualties.toll-grown-since"))
        token = token.head
    return False


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")  # "19th", beyond the words of ``ORDINALS``


def _bound(token) -> bool:
    """"At least 621 civilians", "at most": a bound of a figure, not a superlative."""
    return token.lower_ in ("least", "most") and token.i > 0 and \
        token.doc[token.i - 1].lower_ == "at"


def other_deaths(sent) -> bool:
    """The sentence tells of deaths that no air attack caused ("civilians killed during the
    occupation", "a mass grave", "died in captivity")."""
    text = span_text(sent).lower()
    if any(phrase in text for phrase in cues()["other_death_phrases"]):
        rule("casualties.other-deaths")
        return True
    return False


def earlier_event(token) -> bool:
    """"The strike came a day after three people had been killed in X": a figure told in a
    past-perfect clause opened by "after" / "before" / "since", or by a verb dated "last week" /
    "last month" / "last year", is of an earlier event."""
    tree, lowers = parse_columns(token.doc), doc_lowers(token.doc)  # by index: no Token per step
    i = token.i
    for _ in range(4):
        if tree.pos[i] in ("VERB", "AUX") or tree.heads[i] == i:
            break
        i = tree.heads[i]
    token = doc_tokens(token.doc)[i]
    children = {lowers[c] for c in tree.children[i] if tree.deps[c] in ("aux", "mark")}
    if "had" in children and children & {"after", "before", "since"}:
        rule("casualties.earlier-event")
        return True
    if token.pos_ == "VERB" and any(
            c.dep_ == "npadvmod" and c.lower_ in ("week", "month", "year") and any(
                a.lower_ == "last" for a in c.children) for c in token.children):
        # "the first major bombardment since an air attack on Kyiv killed at least 21 people
        # last month": the toll of the attack the news is measured from
        return bool(rule("casualties.earlier-event"))
    return False


def superseded(text: str) -> bool:
    """The sentence (lower-cased) tells an earlier figure ("Earlier, officials reported")."""
    return any(cue in text for cue in cues()["superseded_cues"])


_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?:\s*([ap])\.?m\b\.?)?",
                    re.IGNORECASE)


def clock_time(text: str) -> int | None:
    """The latest clock time a sentence gives ("Update at 07:35: … as of 07:00", "at 11:30
    p.m."), in minutes after midnight: live reports stamp their updates so, and not always in
    order."""
    if ":" not in text:
        return None  # most sentences: no clock time, and the pattern is not tried at each place
    times = [(int(h) % 12 + (12 if half.lower() == "p" else 0) if half else int(h)) * 60 + int(m)
             for h, m, half in _CLOCK.findall(text)]
    return max(times) if times else None


def toll_update(sent) -> bool:
    """"The death toll has since risen to five", "the number of injured grew to 21": a new
    figure for the attack in focus, told with words ("since") that else mark background."""
    for token in tokens_with_lemma(sent, RISE_VERBS | {"go"}):  # "go" only as "gone up"
        if token.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("toll", "number", "count")
                for c in token.children):
            continue
        up = [c for c in token.children if c.lower_ == "up"]
        if token.lemma_.lower() == "go":  # "has gone up to five" (the parse hangs it on "up")
            if any(g.dep_ in ("prep", "pobj") for c in up for g in c.children):
                return True
        elif any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
            return True  # "has risen to five"
    return False


_TOLL_NOUNS = ("toll", "number", "count")
# words that make a toll's phrase a part of it: "the number of injured children", "the toll
# among rescuers", "the number of people hospitalized", "the number of seriously injured"
_PART_WORDS = (cues()["person_nouns"] - cues()["toll_whole_person_nouns"]) | \
    cues()["toll_part_words"]


_CASUALTY_WORDS = cues()["killed_words"] | cues()["injured_words"]


def toll_as_it_stands(sent) -> bool:
    """"The death toll now stands at 12", "We now have 12 dead", "the number of injured is
    30": the toll as it stands, told of the attack as a whole, not of some of its victims (not
    "the number of injured children is 4", "the toll among rescuers", "our hospital now has 6
    wounded")."""
    for token in sent_tokens(sent):
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in _TOLL_NOUNS:
            words = {t.lower_ for t in token.subtree}
            if words & _CASUALTY_WORDS and not words & _PART_WORDS:
                return True  # of victims ("the number of dead"), not "the number of drones"
        if token.lower_ == "now" and token.dep_ == "advmod" and \
                token.head.lemma_.lower() == "have" and any(
                    c.dep_ == "nsubj" and c.lower_ == "we" for c in token.head.children) and \
                not any(t.lower_ in _PART_WORDS for t in token.head.subtree):
            return True  # not "we now have six wounded in our hospital"
    return _running_total(sent)


def _running_total(sent) -> bool:
    """"As of now, a total of 13 injured and one dead are known", "In total, 24 people were
    injured": the running total of the attack's victims, not some of them (not "a total of
    five children", a part)."""
    tokens = sent_tokens(sent)
    lowers = [t.lower_ for t in tokens if not t.is_space]
    opening = " ".join(lowers[:3])
    totalled = any(lowers[i:i + 3] == ["a", "total", "of"] for i in range(len(lowers) - 2))
    if not (totalled or opening.startswith(("as of now", "in total", "in all"))):
        return False
    words = set(lowers)
    return bool(words & _CASUALTY_WORDS) and not words & _PART_WORDS and \
        bool(rule("casualties.running-total"))


_SPECIFIC_VICTIMS = cues()["specific_victims"]  # kin and children: some of the dead


def part_of_toll(doc, index: int) -> str | None:
    """The rule by which the figure at token ``index`` is a part of the toll, or None: a toll
    that "later rose to" a number (told after its latest figure: "has risen to eight … later
    rose to five"), "one of her crew members was killed", "Two sisters, both aged 14, died"."""
    token = doc[index]
    while not token.like_num and token.i + 1 < len(doc) and token.i < index + 3:
        token = doc[token.i + 1]  # past "at least", "more than"
    to = token.head if token.dep_ == "pobj" else doc[token.i - 1] if token.i > 0 else token
    if to.lower_ == "to" and to.head.lemma_.lower() in RISE_VERBS and any(
            c.lower_ in ("later", "then", "subsequently") for c in to.head.children):
        return rule("casualties.rise-never-lowers")
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" and \
            doc[token.i + 2].lower_ in ("the", "his", "her", "their", "its", "those", "them"):
        return rule("casualties.part-among")
    if token.dep_ == "nummod" and token.head.lower_ in _SPECIFIC_VICTIMS:
        return rule("casualties.part-among")  # named kin or children: some of the dead
    return None
