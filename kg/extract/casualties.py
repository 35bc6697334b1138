"""Casualty figures in a sentence: "one woman was killed and four others injured", "killing at
least two people", "two deaths and at least nine injuries", "no one was hurt", "another death".

A figure is a number phrase that counts people (a person noun follows it, or it is the count of a
death/injury noun) bound to a killed or injured cue through the dependency tree, with a short
token window as fall-back. "including a child" adds nothing; "another", "two more" add to the
figure already known for the place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.attack_sentences import EVENT_NOUNS  # "six in a strike against Reni"
from kg.extract.casualty_cues import (FIGURE_WORDS, PART_OF, bound_cue, counts_people,
                                      cue_kind, in_condition, left_cue, taken_to_hospital)
from kg.extract.casualty_context import (another_event, earlier_event, part_of_toll, superseded,
                                        toll_as_it_stands, toll_update)
from kg.extract.dates import MONTH_WORDS
from kg.extract.doc_text import (doc_lowers, doc_tokens, sent_tokens, sentence_of, sentence_words,
                                 span_text, tokens_text, tokens_with)
from kg.extract.figure import Figure
from kg.extract.lexicon import cues
from kg.extract.no_casualties import zero_kinds
from kg.extract.numbers import ORDINALS, Number, number_at, numbers_in, word_value
from kg.extract.rules import rule
from kg.extract.victim_ages import coordinated, counted_by_ages, is_age, shared_age_suffix, \
    year_old
from kg.extract.victim_parts import (DEATH_VERBS, conjuncts, injured_victims_died,
                                     joined_clauses, place_between, singular_victims,
                                     victims_in_parts, wounded_then_died)

_MORE = {"another", "additional", "further"}
_REGION_NOUNS = frozenset(cues()["region_words"])
_AREA_AFTER = cues()["city_area_nouns"]


# more dead or injured than any one aerial attack of the war has left: a toll of the war or of
# a campaign ("Kiev had sustained more than 76,000 casualties"), not of the attack reported
WAR_SCALE = 2000


def _lives_lost(doc, number) -> bool:
    """The number counts lives that are the subject of "lost" ("Two lives were lost")."""
    token = doc[number.end - 1]
    noun = token.head if token.dep_ == "nummod" else token
    return noun.lower_ in ("life", "lives") and noun.dep_ in ("nsubj", "nsubjpass") and \
        noun.head.lemma_.lower() == "lose"


def _is_increment(doc, number, kind: str) -> bool:
    """"another death", "an additional two": added to the figure known. "Two more people were
    injured" adds only right after victims of its own kind ("Two children were injured. Two
    more …"); after a death ("A man died at the scene. Three more people were injured") it
    counts the others besides him, a figure of its own."""
    before = {t.lower_ for t in doc_tokens(doc)[max(0, number.start - 2):number.start]}
    after = doc[number.end].lower_ if number.end < len(doc) else ""
    if bool(before & _MORE) or after in ("additional", "further"):
        # "The death toll has risen to 11. Another 55 people have been injured": besides the
        # dead, not 55 more injured; but after "A man was killed" another two injured add to
        # the injured told before
        return not _after_a_toll_of_the_other_kind(doc, number.start, kind)
    if after == "more":
        return _last_cue_kind(doc, number.start) == kind and bool(rule("casualties.more-adds"))
    if after == "other" and doc[number.end].head.dep_ in ("nsubj", "nsubjpass") and \
            _last_cue_kind(doc, number.start) == kind and any(
                cue_kind(t) == kind for t in doc[sentence_of(doc, number.start).start:
                                               number.start]) and \
            rule("casualties.other-victims-add"):
        return True  # "a guided bomb left five residents wounded, while two other people were
        # injured in artillery fire": two more of that kind, not the same two
    if _of_another_attack(doc, number.start):
        return True
    # "In addition, two local residents, aged 66 and 77, were injured" after "A one-year-old
    # boy was also injured": more victims of the kind told just before; not "In addition,
    # strikes on Kherson killed one person", another place's toll
    if not any(lower in ("addition", "additionally")
               for lower in doc_lowers(doc)[max(0, number.start - 40):number.start]):
        return False  # (Token.sent walks the sentence: only where the word may open it)
    sent = sentence_of(doc, number.start)
    opening = tokens_text(doc, sent.start, number.start).lower()
    return opening.startswith(("in addition,", "additionally,")) and not any(
        t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in sent) and \
        _last_cue_kind(doc, number.start) == kind and bool(rule("casualties.in-addition-adds"))


_NEXT_ONE = frozenset({"second", "third", "another", "fresh"})  # "a second Russian attack"
_ATTACK_NOUNS = frozenset(cues()["attack_nouns"])


def _of_another_attack(doc, start: int) -> bool:
    """The figure is told of "a second attack" named after the figure before it in its
    sentence ("the bombing of a shopping center in Kharkiv … injured 43 and a second Russian
    attack on the regional capital hours later injured 25"): its victims are more than the
    first attack's, added to them."""
    tokens = doc_tokens(doc)
    first = sentence_of(doc, start).start
    aside = False  # within a parenthesis: "(1 explosion)" counts no victims
    for i in range(start - 1, first, -1):
        if tokens[i].text in (")", "("):
            aside = tokens[i].text == ")"
            continue
        if tokens[i].like_num and not aside:
            return False  # the figure before it: the words between tell this one's attack
        if tokens[i].lemma_.lower() in _ATTACK_NOUNS and any(
                t.lower_ in _NEXT_ONE for t in tokens[max(first, i - 3):i]):
            return bool(rule("casualties.second-attack-adds"))
        if tokens[i].lemma_.lower() in _ATTACK_NOUNS and i - 2 >= first and \
                tokens[i - 1].lower_ in ("a", "an") and tokens[i - 2].lower_ == "also" and \
                rule("casualties.second-attack-adds"):
            return True  # "There was also an attack by a drone on a car, with one man
            # injured": one more attack, its victim one more
    return False


def _cues_before(doc, end: int, sentences: int = 1):
    """(token, kind) of the casualty words before token ``end``, nearest first, in its
    sentence and the ``sentences`` before it."""
    first = sentence_of(doc, end).start
    for _ in range(sentences):
        if first == 0:
            break
        first = sentence_of(doc, first - 1).start
    for token in reversed(doc_tokens(doc)[first:end]):
        kind = cue_kind(token)
        if kind is not None and not _died_of(token):
            yield token, kind


def _died_of(token) -> bool:
    """"died from their injuries", "has succumbed to his wounds": wounds someone died of tell
    a death, not the injured."""
    prep = token.head
    return prep.dep_ == "prep" and prep.lower_ in ("to", "of", "from") and \
        prep.head.lemma_.lower() in DEATH_VERBS and bool(rule("casualties.died-of-wounds"))


def _after_a_toll_of_the_other_kind(doc, end: int, kind: str) -> bool:
    """The nearest casualty word before token ``end`` (in its sentence or the one before) is
    of the other kind, in a sentence telling a toll of that kind alone ("the death toll has
    risen to 11", "the number of dead now stands at 3")."""
    token, found = next(_cues_before(doc, end), (None, None))
    if token is None or found == kind:
        return False
    told = sentence_of(token.doc, token.i)
    return (toll_update(told) or toll_as_it_stands(told)) and \
        not any(cue_kind(t) == kind for t in told) and bool(rule("casualties.another-besides"))


def _last_cue_kind(doc, end: int) -> str | None:
    """The kind of the nearest casualty word before token ``end``, in its sentence or the one
    before it; None after a toll that rose ("The number of injured has risen to seven. Two
    more people sought medical help": the two are in the seven)."""
    sent = sentence_of(doc, end)
    before = sentence_of(doc, sent.start - 1) if sent.start > 0 else None
    if toll_update(sent) or (before is not None and toll_update(before)):
        return None
    return next((kind for _, kind in _cues_before(doc, end)), None)


def _also_besides_other_kind(doc, end: int, kind: str) -> bool:
    """The casualty word nearest before token ``end`` (in its sentence or the one before) is
    of the other kind: "also" adds the victim to those of that kind, not to the figure of its
    own. "Injuries" that someone succumbed to or died of tell a death."""
    found = next((found for _, found in _cues_before(doc, end)), None)
    return found is not None and found != kind and \
        bool(rule("casualties.also-besides-other-kind"))


def _after_including(doc, number, sent_start: int) -> bool:
    before = doc[max(sent_start, number.start - 3):number.start]
    if _among_the_total(before):
        return False
    return any(t.lower_ in PART_OF for t in before)


def _part_of_a_region_in(doc, number, sent_start: int) -> bool:
    """"Kharkiv Oblast recorded 20 injuries, including four children in the city of Kharkiv",
    "killed 5 people in the Kharkiv region, including 3 in Kharkiv": the part of a region's
    total told "in" a named place is that place's own figure. The part follows "including" or
    "among"; the total before it is the region's (a region word, and no other place, between
    them or right before the total); the place is not a district of the place told with the
    total ("injuring 15 in Kharkiv, including four in the Kyivskyi district")."""
    if not any(t.lower_ in PART_OF
               for t in doc_tokens(doc)[max(sent_start, number.start - 3):number.start]):
        return False
    sent = sentence_of(doc, number.start)
    counted = doc[number.end] if number.end < sent.end else None
    if counted is not None and counted.pos_ == "NOUN" and \
            counted.lower_ not in cues()["person_nouns"]:
        return False  # "20 houses damaged, including five in Shostka": houses, no victims
    place = None
    for token in doc_tokens(doc)[number.end:min(sent.end, number.end + 8)]:
        if token.text in (",", ";", "—", "–", "-") or token.lower_ in ("and", "while"):
            return False
        if token.lower_ == "in" and token.i + 1 < sent.end:
            rest = doc[token.i + 1:min(sent.end, token.i + 6)]
            place = next((t for t in rest if t.lower_ not in ("the", "city", "town", "village",
                                                              "of")), None)
            break
    if place is None or place.pos_ != "PROPN" or (
            place.i + 1 < sent.end and doc[place.i + 1].lower_ in _AREA_AFTER):
        return False
    if any(t.text == place.text and not (t.i + 1 < sent.end and doc[t.i + 1].lower_ in
                                         _REGION_NOUNS)
           for t in doc_tokens(doc)[sent_start:number.start]):
        return False  # "a strike on Odesa, the largest city of the region, killed 8 people,
        # including 2 rescuers in Odesa": Odesa's own total
    total = next((t for t in reversed(doc_tokens(doc)[sent_start:number.start]) if t.like_num),
                 None)
    if total is not None and total.i + 1 < sent.end and doc[total.i + 1].pos_ == "NOUN" and \
            doc[total.i + 1].lower_ not in cues()["person_nouns"] and \
            not cue_kind(doc[total.i + 1]):
        return False  # "hitting 12 settlements, including 4 in Huliaipole"
    # the total's scope: the last region word or named place before the part
    scope = next((t for t in reversed(doc_tokens(doc)[sent_start:number.start])
                  if t.lower_ in _REGION_NOUNS or t.pos_ == "PROPN" and not (
                      t.i + 1 < sent.end and doc[t.i + 1].lower_ in _REGION_NOUNS)), None)
    return scope is not None and scope.lower_ in _REGION_NOUNS and \
        bool(rule("casualties.part-of-the-region-in"))


def _among_the_total(before) -> bool:
    """"four children were among 19 people wounded": the number right after "among (the)" is
    the whole of which the subject is a part."""
    words = [t.lower_ for t in before]
    while words and words[-1] in ("the", "at", "least", "some", "about", "over", "more", "than"):
        words.pop()
    return bool(words) and words[-1] == "among" and bool(rule("casualties.among-the-total"))


def _part_among(doc, number) -> bool:
    """"killed 28 people, one child among them": the number counts a part of a figure."""
    _tok = doc_tokens(doc)
    i = number.end + (number.end < len(doc) and _tok[number.end].lower_ in cues()["person_nouns"])
    if tokens_text(doc, i, i + 2).lower() in ("among them", "among whom", "among those"):
        rule("casualties.part-among")
        return True
    if tokens_text(doc, i, i + 3).lower() in ("was among the", "were among the", "is among the",
                                     "are among the", "was among those", "were among those"):
        rule("casualties.part-among")  # "one child was among the dead": part of the toll
        return True
    return False


def _counted_of(doc, number) -> Number | None:
    """"five of the headquarters' staffers": the number phrase stretched to the people it
    counts (the object of its "of"), or None when no such phrase follows."""
    if number.end >= len(doc) or doc[number.end].lower_ != "of" or \
            doc[number.end].head.i != number.end - 1:
        return None
    noun = next((c for c in doc[number.end].children if c.dep_ == "pobj"), None)
    if noun is None or noun.i - number.end > 5 or not (
            noun.lower_ in cues()["person_nouns"] or cue_kind(noun)) or noun.lower_ in (
            "them", "whom", "those", "these"):
        return None
    return Number(number.value, number.start, noun.i + 1, number.bound)


_SETTLEMENT_NOUNS = frozenset(cues()["locating_place_nouns"])


_LIST_GLUE = frozenset({"and", ",", ":", "(", "plus", "—", "–"})  # before a listed figure


def _elliptic_figure(doc, number, figures: list[Figure]) -> str | None:
    """"Three people were injured in Bilozerka and two in Chornobaivka": a bare number after
    "and" (a comma, a colon, a dash: "7 were injured — two each in A, B and C"), before a
    place, repeats the kind of the figure before it."""
    if not figures or number.start == 0 or \
            doc[number.start - 1].lower_ not in _LIST_GLUE and not (
                number.start >= 3 and
                [t.lower_ for t in doc_tokens(doc)[number.start - 3:number.start]] ==
                ["as", "well", "as"]):  # ", as well as one more in the city of Nikopol"
        return None
    end = number.end + (number.end < len(doc) and doc[number.end].lower_ == "each")
    while end < len(doc) and end - number.end < 2 and (
            doc[end].lower_ in ("more", "others") or doc[end].lower_ in cues()["person_nouns"]):
        end += 1  # "three more in Vyshneve", "two people in Kupiansk"
    name = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")  # "in the X hromada"
    event = name + (name < len(doc) and doc[name].lower_ in ("a", "an"))
    if event + 1 < len(doc) and doc[event - 1].lower_ in ("a", "an", "the") and \
            doc[event].lemma_.lower() in EVENT_NOUNS and \
            doc[event + 1].lower_ in ("on", "against", "in", "at") and \
            rule("casualties.listed-figure-strike-on"):
        name = event + 2  # "one was injured in Izmail, and six in a strike against Reni"
    adjectives = name
    while adjectives < len(doc) and adjectives - name < 2 and doc[adjectives].pos_ == "ADJ" and \
            doc[adjectives].is_lower:
        adjectives += 1  # "in the central city of Nikopol"
    if adjectives > name and adjectives < len(doc) and doc[adjectives].lower_ in _SETTLEMENT_NOUNS:
        name = adjectives
    if name + 1 < len(doc) and doc[name].lower_ in _SETTLEMENT_NOUNS and \
            doc[name + 1].lower_ == "of":
        name += 2  # "and another in the village of Yasna Poliana"
    elif name + 1 < len(doc) and doc[name].lower_ == "capital":
        name += 1 + (doc[name + 1].text == ",")  # "and three in the capital(,) Kyiv"
    after = name
    while after < len(doc) and (doc[after].text[:1].isupper() or doc[after].text == "-"):
        after += 1
    if after < len(doc) and doc[after].pos_ in ("VERB", "AUX"):
        return None  # "…, one official in Kramatorsk said": a speaker, not a figure
    if name < len(doc) and doc[end].lower_ in ("in", "at", "near") and \
            doc[name].text[:1].isupper() and rule("casualties.listed-figure"):
        return figures[-1].kind  # "killed five: two in Pokrovsk, one each in A and B"
    return None


def _body_of_the(lowers: list[str], i: int) -> bool:
    """"recovered the body of the deceased man": a body found is a victim, whichever article
    names him (casualties.body-of-the). ``lowers`` are the doc's lower-case words."""
    return lowers[i] == "the" and i >= 2 and lowers[i - 1] == "of" and lowers[i - 2] == "body"


def _ordinal_subject(doc, index: int) -> bool:
    """The ordinal at ``index`` stands alone for a victim, as the subject of a casualty verb
    ("while a third was killed instantly"), not a fraction ("a third of the residents")."""
    ordinal = doc[index]
    return ordinal.dep_ in ("nsubj", "nsubjpass") and ordinal.head.pos_ == "VERB" and \
        bool(cue_kind(ordinal.head)) and not (index + 1 < len(doc) and doc[index + 1].lower_ == "of") \
        and bool(rule("casualties.ordinal-victim"))


def _token_at(sent, offset: int) -> int:
    """The index of the token of ``sent`` at character ``offset`` of its text."""
    char = sent.start_char + offset
    return next((t.i for t in sent_tokens(sent) if t.idx + len(t) > char), sent.start)


_ANIMALS = frozenset(cues()["animal_nouns"])
_PERSON_NOUNS = frozenset(cues()["person_nouns"])


def _count_of_the_growing_toll(sent) -> Figure | None:
    """"As of now, there are 30 of them" right after a sentence whose subject is a toll with no
    figure ("The number of wounded is constantly growing"): that toll's figure. The only
    figure read with the help of another sentence."""
    doc = sent.doc
    dash = next((t.i for t in sent if t.text in ("-", "–", "—", ":")), None)
    if dash is not None:  # "the count of the wounded has grown - there are four of them now":
        # the toll and its count in one
        grown = _growing_toll_count(doc, doc[sent.start:dash], dash + 1, sent.end)
        if grown is not None and rule("casualties.growing-toll-after-dash"):
            return grown
    if sent.start == 0:
        return None
    return _growing_toll_count(doc, sentence_of(doc, sent.start - 1), sent.start, sent.end)


def _growing_toll_count(doc, told, start: int, end: int) -> Figure | None:
    """The count "N of them" between tokens ``start`` and ``end`` of the toll whose subject
    ``told`` holds, with no figure of its own ("the number of wounded is growing")."""
    kinds = {kind for t in told if t.dep_ in ("nsubj", "nsubjpass")
             and t.lower_ in ("number", "toll") for c in t.subtree
             if (kind := cue_kind(c) or ("injured" if c.lemma_.lower() in _POOLED_NOUNS
                                         else None))}
    if len(kinds) != 1 or any(t.like_num for t in told):
        return None
    for number in numbers_in(doc, start, end):
        if number.value and tokens_text(doc, number.end, number.end + 2).lower() == "of them" \
                and doc[number.end - 1].head.lemma_.lower() == "be" and \
                doc[number.end - 1].dep_ != "nsubj" and \
                rule("casualties.count-of-the-growing-toll"):
            return Figure(kinds.pop(), number.value, False, number.start)
    return None


def _no_figure_possible(sent, text: str) -> bool:
    """The sentence can state no figure: it says no explicit zero (``zero_kinds``) and holds
    none of the ``FIGURE_WORDS``. Every other figure of ``sentence_figures`` has a kind found
    by ``cue_kind`` (a word of ``CUE_WORDS``), by ``left_cue`` or ``bound_cue`` (a word of
    ``FIGURE_WORDS``), or copied from a figure read before it in the sentence (an elliptic
    figure, a part of a region's total, "another" after a figure); and every word those read
    is a token of the sentence or reached through the parse tree, which stays within the
    sentence. So the many sentences without such a word are answered without reading their
    numbers and nouns one by one, with the same (empty) result."""
    return sentence_words(sent).isdisjoint(FIGURE_WORDS) and not zero_kinds(text)


def sentence_figures(sent) -> list[Figure]:
    """Casualty figures stated in one sentence (a spaCy span), left to right."""
    doc, text = sent.doc, span_text(sent).lower()
    if " of them" in text and (grown := _count_of_the_growing_toll(sent)) is not None:
        return [grown]  # "The number of wounded is constantly growing. As of now, there are 30
        # of them": the toll the sentence before tells of, now counted
    if _no_figure_possible(sent, text):
        return []  # most sentences: no casualty word, no explicit zero
    words = cues()
    if another_event(sent):
        return []  # war-wide totals, losses at the front, deaths during the occupation
    figures: list[Figure] = []
    zero = zero_kinds(text)
    # "there were no other casualties": nobody besides those told of, so it lowers nothing
    besides = bool(zero) and any(t.lower_ in ("other", "further", "more", "additional", "new")
                                 for t in sent_tokens(sent))
    for kind in ("killed", "injured"):
        if kind in zero:
            # a zero never lowers a figure already given: "There were no injuries" after 19
            # wounded tells of another strike, or of no one besides them
            figures.append(Figure(kind, 0, False, _token_at(sent, zero[kind]), partial=True,
                                  rule=rule("casualties.no-other") if besides else None))
    if "injured" in zero and "killed" not in zero:
        # "No one was injured": nobody killed either, unless a figure says otherwise
        figures.append(Figure("killed", 0, False, _token_at(sent, zero["injured"]),
                              partial=True))
    for number in numbers_in(doc, sent.start, sent.end):
        region_part = bool(figures) and _part_of_a_region_in(doc, number, sent.start)
        if number.value is None or not region_part and _after_including(doc, number, sent.start):
            continue
        if year_old(doc, number):
            if number.start == 0 or doc[number.start - 1].pos_ in ("DET", "PRON", "NUM") or \
                    doc[number.start - 1].lower_ in ("aged", ",", "and", "a", "an") or \
                    doc[number.start - 1].tag_ == "PRP$" or doc[number.start - 1].is_punct:
                continue  # "a wounded 52-year-old resident": an age, not a count of victims
            number = Number(1, number.start, number.end, number.bound)  # "wounded 52-year-old man"
        if number.start > 0 and doc[number.start - 1].lower_ in ("no", "not", "none"):
            continue  # "no one was hurt": the zero phrases say it
        if _day_of_month(doc, number) and rule("casualties.day-of-month"):
            continue  # "shelling of Nikopol on Sept. 9 killed a girl": a date, not nine dead
        if doc[number.end - 1].head.lemma_.lower() in _ANIMALS and \
                rule("casualties.animals-not-people"):
            continue  # "a drone hit a livestock farm, killing 30 cows": no people
        if doc[number.end - 1].head.lower_ in ("family", "household") and \
                doc[number.end - 1].head.dep_ == "pobj" and \
                doc[number.end - 1].head.head.lower_ == "of" and rule("casualties.of-one-family"):
            continue  # "three members of one family": the family is no count of victims
        if _birth_year(doc, number, sent.start):
            continue  # "a man and a woman born in 1978 and 1980 were killed": years
        if tokens_text(doc, number.end, number.end + 2).lower() in ("of them", "of whom",
                                                                    "of those", "of these"):
            continue  # "three of them children": a part of a figure already given
        if _part_among(doc, number):
            continue  # "28 people, one child among them": a part of the figure before
        counted = _counted_of(doc, number)
        if counted is not None:
            # "five of the plant's workers were wounded": the number counts the workers
            if cue_kind(doc[counted.end - 1]):
                verb = doc[number.end - 1].head
                if cue_kind(doc[counted.end - 1]) == "injured" and verb.pos_ == "VERB" and \
                        cue_kind(verb) == "killed" and doc[number.end - 1].dep_ == "nsubj":
                    # "one of the injured later died in hospital": one more death
                    figures.append(Figure("killed", number.value, True, number.start,
                                          rule=rule("casualties.injured-died")))
                elif _placed(verb) and doc[number.end - 1].dep_ == "nsubj":
                    # "Four of the fatalities occurred in the Khmelnytskyi region": the place's
                    # part of the toll
                    figures.append(Figure(cue_kind(doc[counted.end - 1]), number.value, False,
                                          number.start, partial=True,
                                          rule=rule("casualties.partitive")))
                continue  # "two of the dead were children": a part of a figure
            kind = left_cue(doc, number, sent.start) or \
                bound_cue(doc, counted, sent.start, sent.end)
            if kind:
                figures.append(Figure(kind, number.value, _is_increment(doc, number, kind),
                                      number.start, rule=rule("casualties.counted-of")))
            continue
        if tokens_text(doc, number.end, number.end + 2).lower() == "of the":
            continue  # "three of the injured": a part of a figure already given
        kind = left_cue(doc, number, sent.start)
        if kind is None:
            if not counts_people(doc, number):
                kind = _elliptic_figure(doc, number, figures)
                if kind is None and number.start > sent.start and \
                        doc[number.start - 1].lower_ == "another":
                    # "killing one man and injuring another 12": the verb's victims
                    kind = bound_cue(doc, number, sent.start, sent.end)
                    kind = kind if kind and rule("casualties.another-victim") else None
                elif kind is None and _lives_lost(doc, number) and \
                        rule("casualties.lives-were-lost"):
                    kind = "killed"  # "one young life was lost", "two lives were lost"
                elif kind is None and number.end < sent.end and \
                        doc[number.end].lower_ == "each":
                    # "one each was wounded in Toretsk, Siversk and Kurakhove": the
                    # verb's victims, so many in each place (figures_by_place shares them out)
                    kind = bound_cue(doc, number, sent.start, sent.end)
                    kind = kind if kind and rule("casualties.so-many-each") else None
            else:
                kind = bound_cue(doc, number, sent.start, sent.end) or \
                    _elliptic_figure(doc, number, figures)  # "…, one person in Toretsk"
        region_part = region_part and kind is None
        if region_part:
            kind = figures[-1].kind  # "20 injuries, including four children in X", "5 killed
            # in the region, including 3 in X and 2 in Y"
        if kind and _denied(doc, number, kind):
            continue  # "Fortunately, 6 passengers were not injured": no victims
        if kind:
            # "the bodies of two men were recovered": victims told of, as "a woman" is
            bodies = number.start >= 2 and doc[number.start - 1].lower_ == "of" and \
                doc[number.start - 2].lower_ in ("bodies", "body")
            added = number.end < len(doc) and doc[number.end].lower_ in _MORE
            figures.append(Figure(kind, number.value, _is_increment(doc, number, kind),
                                  number.start, partial=bodies,
                                  rule=rule("casualties.added-after") if added
                                  else rule("casualties.part-of-the-region-in") if region_part
                                  else None))
    # "a woman was killed", "another death was reported", "a child was injured"
    victims: dict[int, int] = {}  # a victim noun's token → its figure's index
    lowers = doc_lowers(doc)
    for token in sent_tokens(sent):
        born, after = _born_in_years(token)
        if born:
            # "men born in 1981 and 1989 and a woman born in 1963 were wounded": one victim a
            # year of birth
            probe = Number(born, token.i, token.i + 1)
            kind = left_cue(doc, probe, sent.start) or bound_cue(
                doc, probe, sent.start, sent.end) or (
                cue_kind(token.head) if token.dep_ in ("nsubj", "nsubjpass", "dobj") else None) \
                or next((cue_kind(t) for t in doc_tokens(doc)[after:min(after + 3, sent.end)]
                         if cue_kind(t)), None)  # "… born in 1950 and 1961 died"
            if kind and not _after_including(doc, probe, sent.start):
                victims[token.i] = len(figures)
                figures.append(Figure(kind, born, False, token.i, partial=True,
                                      rule=rule("casualties.born-in-years")))
            continue
        if (lowers[token.i] in ("a", "an", "another") or _body_of_the(lowers, token.i)) and \
                token.i + 1 < sent.end:
            nxt = doc[token.i + 1]
            probe_i = token.i + 1
            while probe_i < sent.end - 1 and probe_i - token.i < 6 and (
                    doc[probe_i].pos_ in ("ADJ", "NUM", "PUNCT") or doc[probe_i].like_num
                    or doc[probe_i].lower_ in ("year", "years", "-", "old")) and \
                    doc[probe_i].lower_ not in words["person_nouns"]:
                probe_i += 1
            if any(token.i < f.token <= probe_i for f in figures):
                continue  # "another eight wounded": the number's own figure
            aged = doc[probe_i - 1] if probe_i - 1 > token.i else None
            if aged is not None and aged.lower_ == "old" and aged.dep_ in (
                    "dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos"):
                probe_i -= 1  # "injured a 17-year-old": the age is the victim
                rule("casualties.aged-victim")
            compound = doc[probe_i].tag_ != "NN" and probe_i + 1 < sent.end and \
                (doc[probe_i + 1].lower_ in words["person_nouns"] or doc[probe_i + 1].lower_ ==
                 "couple") and doc[probe_i + 1].tag_ == "NN"
            probe_i += compound  # "a civilian man": the victim is the last noun
            head = doc[probe_i].head
            if not compound and doc[probe_i].dep_ == "compound" and \
                    probe_i < head.i <= probe_i + 2 and head.i < sent.end and \
                    head.tag_ == "NN" and head.lower_ in words["person_nouns"] and \
                    head.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                    rule("casualties.compound-person"):
                probe_i = head.i  # "a 39-year-old port employee", "a bus driver": the person
            nxt = doc[probe_i]
            couple = nxt.lower_ == "couple" and (probe_i + 1 >= sent.end
                                                 or doc[probe_i + 1].lower_ != "of")
            nth = ORDINALS.get(doc[token.i + 1].lower_) if token.lower_ in ("a", "an") else None
            person = nxt.lower_ in words["person_nouns"] and nxt.tag_ == "NN" or \
                nxt.lower_ == "old" and nxt.i == probe_i and aged is not None and nxt.i == aged.i
            if nth and not cue_kind(nxt) and _ordinal_subject(doc, token.i + 1):
                nxt = doc[token.i + 1].head  # "a third was killed instantly": the third victim
            if person or couple and nxt.tag_ == "NN" or (
                    (token.lower_ == "another" or nth) and cue_kind(nxt)):
                probe = Number(1, token.i, probe_i + 1)  # "a woman" counts one
                if _after_including(doc, probe, sent.start) or \
                        any(f.token == token.i for f in figures):
                    continue
                first = _listed_with(doc, nxt, victims)
                if first is not None:
                    # "a man and a woman died": one figure for the coordinated victims
                    old = figures[first]
                    figures[first] = Figure(old.kind, old.value + 1, False, old.token,
                                            partial=True, rule=old.rule if old.rule ==
                                            "casualties.born-in-years" else None)
                    victims[nxt.i] = first
                    continue
                if any(t.lower_ in PART_OF
                       for t in doc_tokens(doc)[probe_i + 1:min(sent.end, probe_i + 4)]):
                    continue  # "a 9-year-old girl was among the injured": one of a figure
                kind = cue_kind(nxt) or left_cue(doc, probe, sent.start) or \
                    bound_cue(doc, probe, sent.start, sent.end) or \
                    _elliptic_figure(doc, probe, figures)  # "a man died in A and a woman in B"
                if not kind:
                    continue
                victims[nxt.i] = len(figures)  # "a married couple" counts two
                if nth:  # "a second body was recovered": the toll is now two
                    before = sum(f.value for f in figures if f.kind != kind)
                    earlier = {k for _, k in _cues_before(doc, token.i, sentences=3)}
                    if (before and nth == before + 1 or earlier and kind not in earlier) and \
                            not any(f.kind == kind for f in figures):
                        # "one woman died and a second woman was badly hurt":
                        # the third victim, the one of this kind
                        figures.append(Figure(kind, 1, False, token.i,
                                              rule=rule("casualties.ordinal-other-kind")))
                        continue
                    figures.append(Figure(kind, nth, False, token.i, partial=True,
                                          rule=rule("casualties.ordinal-victim")))
                    continue
                # "a 14-year-old girl and her mother": kin named without "a" count too
                kin = [c for c in conjuncts(nxt) if c.tag_ == "NN"
                       and c.lower_ in words["person_nouns"] and not any(
                           g.dep_ == "nummod" or g.lower_ in ("a", "an", "another")
                           for g in c.children)]
                size = number_at(doc, probe_i + 2) if nxt.lower_ == "family" and \
                    tokens_text(doc, probe_i + 1, probe_i + 2) == "of" and \
                    probe_i + 2 < sent.end else None
                if size is not None and size.value:  # "killing a family of four"
                    figures.append(Figure(kind, size.value, False, token.i,
                                          rule=rule("casualties.family-of")))
                    continue
                # "The shelling also killed a 50-year-old woman": one more victim
                also = nxt.dep_ in ("dobj", "nsubjpass") and cue_kind(nxt.head) == kind and \
                    any(c.dep_ == "advmod" and c.lower_ == "also" for c in nxt.head.children)
                if also and _also_besides_other_kind(doc, nxt.i, kind):
                    also = False  # "A man has succumbed to his injuries. A woman has also
                    # been injured": besides the dead, not one more of the injured
                another = token.lower_ == "another" and not (
                    _life_of(nxt) and rule("casualties.life-of-another"))
                figures.append(Figure(kind, (2 if couple else 1) + len(kin),
                                      another or also, token.i, partial=True,
                                      rule=rule("casualties.victims-in-parts") if kin
                                      else rule("casualties.compound-victim") if compound
                                      else rule("casualties.also-a-victim") if also
                                      else rule("casualties.body-of-the")
                                      if token.lower_ == "the" else None))
    for token in sent_tokens(sent):  # "one wounded in Toretsk and another in Hirnyk"
        if token.lower_ != "another" or not figures or token.i == sent.start or \
                any(f.token == token.i for f in figures):
            continue
        kind = _elliptic_figure(doc, Number(1, token.i, token.i + 1), figures) if \
            doc[token.i - 1].lower_ in ("and", ",") else None
        if kind:
            figures.append(Figure(kind, 1, False, token.i,
                                  rule=rule("casualties.another-in-place")))
        elif (token.dep_ in ("nsubjpass", "dobj") or token.dep_ == "nsubj" and
              token.head.lemma_.lower() in DEATH_VERBS) and \
                token.head.pos_ in ("VERB", "AUX") and (kind := cue_kind(token.head)) and \
                token.head.i > figures[-1].token:
            # "killing one man and injuring another", "one was killed and another was
            # injured": one victim of the verb's kind, one more where it is the same kind;
            # not the doer ("one shell hit a house and another wounded a man")
            figures.append(Figure(kind, 1, any(f.kind == kind for f in figures), token.i,
                                  rule=rule("casualties.another-victim")))
    for figure in singular_victims(sent, figures):
        victims[figure.token] = len(figures)  # its token is the victim's noun
        figures.append(figure)
    for token in tokens_with(sent, ("both",)):
        if token.dep_ in ("nsubj", "nsubjpass") and \
                token.head.pos_ == "VERB" and (kind := cue_kind(token.head)) and \
                not any(f.kind == kind for f in figures) and rule("casualties.both-victims"):
            # "a car carrying a married couple …; both were killed": two victims
            figures.append(Figure(kind, 2, False, token.i, partial=True,
                                  rule="casualties.both-victims"))
    figures = joined_clauses(doc, wounded_then_died(sent, injured_victims_died(
        sent, victims_in_parts(doc, figures, victims))))
    figures = [f for f in figures if not earlier_event(doc[f.token]) and not is_age(doc, f.token)]
    counted = counted_by_ages(
        doc, sent, {f.token: f.kind for f in figures},
        lambda noun, n: bound_cue(doc, Number(n, noun, noun + 1), sent.start, sent.end))
    joined = set().union(*(at for *_, at in counted))  # "as well as two 39-year-old men":
    # in the ages' sum
    figures += [Figure(kind, value, False, token, partial=True, rule=rule_id)
                for kind, value, token, rule_id in shared_age_suffix(
                    doc, sent, {f.token: f.kind for f in figures},
                    lambda noun, n: bound_cue(doc, Number(n, noun, noun + 1), sent.start,
                                              sent.end))]
    figures = [f for f in figures if f.token not in joined]
    ages = [Figure(kind, value, False, token, partial=True, rule=rule("casualties.ages-listed"))
            for kind, value, token, _ in counted]
    for age in ages:
        members = coordinated(doc, figures, age)
        figures = [f for f in figures if f not in members] + [Figure(
            age.kind, sum(f.value for f in members), False, min(f.token for f in members),
            partial=True, rule=age.rule)]
    figures = _without_broken_down_totals(doc, figures)
    figures = [f for f in figures if not _elsewhere(doc, f.token, sent.end)
               and not (f.value and _either_kind(doc, f.token, sent.end))]
    figures = [_others_besides(figures, f) for f in figures]
    figures = [_risen_or_part(doc, f) for f in figures]
    figures = [replace(f, partial=True, rule=f.rule or rule("casualties.hospitalised-part"),
                       increment=f.increment and not _only_in_addition(doc, f.token))
               if f.kind == "injured" and not f.partial and _hospitalised(doc, f.token) else f
               for f in figures]
    if figures and superseded(text):
        # "Earlier, officials reported five dead": an outdated figure lowers no later one;
        # "No casualties were initially reported, but … three people were injured": what
        # follows the "but" is the new figure
        until = _superseded_until(sent, text)
        new = [f for f in figures if f.token >= until]
        overturned = {f.kind for f in new}  # the outdated zeros, and figures of a kind told anew
        figures = [Figure(f.kind, f.value, f.increment, f.token, True,
                          rule("casualties.superseded")) for f in figures if f.token < until
                   and not (new and (f.value == 0 or f.kind in overturned))] + [
            replace(f, rule=f.rule or rule("casualties.superseded-but-now")) for f in new]
    if any(f.value > WAR_SCALE for f in figures):
        rule("casualties.war-scale")
        figures = [f for f in figures if f.value <= WAR_SCALE]
    figures = _victims_brought_to(sent, figures)
    figures = _casualties_with_dead(doc, sent, figures)
    tolls = {f.kind for f in figures if not f.increment and not f.partial}
    if any(f.increment and f.kind in tolls for f in figures) and \
            {t.lower_ for t in sent_tokens(sent)} & {"toll", "total", "number"}:
        # "another person died …, raising the death toll to three": the toll, not 3 + 1
        rule("casualties.toll-after-increment")
        figures = [f for f in figures if not (f.increment and f.kind in tolls)]
    return sorted(figures, key=lambda f: f.token)


def _casualties_with_dead(doc, sent, figures: list[Figure]) -> list[Figure]:
    """"153 casualties in Dnipro including nine killed", "40 casualties, including five dead":
    the casualties count the dead too, so the injured are the rest (144) and the dead their
    own figure."""
    out = []
    for f in figures:
        number = number_at(doc, f.token)
        after = number.end if number is not None else f.token + 1
        k = next((i for i in range(after + 1, min(sent.end, after + 8))
                  if doc[i].lower_ == "including"), None) \
            if f.kind == "injured" and after < sent.end and \
            doc[after].lemma_.lower() == "casualty" else None
        dead = number_at(doc, k + 1) if k is not None and k + 1 < sent.end else None
        if dead is None or dead.value is None or dead.end >= sent.end or \
                cue_kind(doc[dead.end]) != "killed" or not 0 < dead.value < f.value:
            out.append(f)
            continue
        why = rule("casualties.casualties-with-dead")
        out += [replace(f, value=f.value - dead.value, rule=why),
                Figure("killed", dead.value, False, dead.start, rule=why)]
    return out


def _day_of_month(doc, number) -> bool:
    """The number is the day of a date: after a month ("on Sept. 9", "on September 9") or
    before one ("on 9 September")."""
    if number.value is None or not 1 <= number.value <= 31 or number.end - number.start != 1:
        return False
    i = number.start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    before = doc[i].lower_.rstrip(".") if i >= 0 else ""
    after = doc[number.end].lower_.rstrip(".") if number.end < len(doc) else ""
    if after in MONTH_WORDS and after != "may":
        return True
    # "on Sept. 9 killed a girl", not "In March 12 people were killed" (the number counts)
    token = doc[number.end - 1]
    return before in MONTH_WORDS and token.ent_type_ == "DATE" and not (
        token.dep_ == "nummod" and token.head.i > token.i)


def _denied(doc, number, kind: str) -> bool:
    """The people counted are the subject of a denied cue of the figure's kind ("6 passengers
    were not injured", "two people were not hurt"); not where another cue follows ("were not
    killed but injured")."""
    noun = doc[number.end - 1]
    noun = noun.head if noun.dep_ in ("nummod", "quantmod") else noun
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or cue_kind(verb) != kind or not any(
            c.dep_ == "neg" for c in verb.children):
        return False
    return not any(c.dep_ == "conj" and cue_kind(c) for c in verb.children) and \
        bool(rule("casualties.denied-victims"))


_BROUGHT_TO = re.compile(r"\b(?:bringing|raising|taking|pushing)\s+the\s+(?:number|total|count)"
                         r"\s+of\s+(?:victims|casualties)\s+to\s+([\w-]+)")


def _victims_brought_to(sent, figures: list[Figure]) -> list[Figure]:
    """"The body of another person killed … was found, bringing the number of victims to two":
    the new toll of the kind the sentence adds to, not one more on top of it."""
    found = _BROUGHT_TO.search(span_text(sent).lower())
    added = [f for f in figures if f.increment]
    value = word_value(found.group(1)) if found else None
    if not added or value is None or len({f.kind for f in added}) != 1 or any(
            not f.increment and f.kind == added[0].kind for f in figures):
        return figures  # "… bringing the number of casualties to 12": 12 is read already
    rule("casualties.toll-after-increment")
    return [f for f in figures if not f.increment] + [
        Figure(added[0].kind, value, False, added[0].token)]


def _either_kind(doc, token: int, end: int) -> bool:
    """"About 30 people were killed or injured": one number for both kinds together, no
    figure of either (casualties.killed-or-injured)."""
    for i in range(token + 1, min(end, token + 8) - 2):
        a, b, c = doc[i], doc[i + 1], doc[i + 2]
        if a.text in (",", ";"):
            return False  # "… injured five, four of them killed or injured earlier"
        if b.lower_ == "or" and {cue_kind(a), cue_kind(c)} == {"killed", "injured"}:
            return bool(rule("casualties.killed-or-injured"))
    return False


def _elsewhere(doc, token: int, end: int) -> bool:
    """"one person was injured in the city of Kharkiv and three were wounded elsewhere in the
    region": a figure of the places not named, no named place's."""
    for i in range(token + 1, min(end, token + 6)):
        if doc[i].lower_ == "elsewhere":
            return bool(rule("casualties.elsewhere"))
        if doc[i].text in (",", ";") or doc[i].lower_ in ("and", "but"):
            return False
    return False


def _superseded_until(sent, text: str) -> int:
    """Where the outdated figures of a sentence end: at a "but" after the cue that marks them
    ("No casualties were initially reported, but by 8:30 a.m. three were injured"), else at
    the sentence's end."""
    cue = min((text.find(c) for c in cues()["superseded_cues"] if c in text), default=-1)
    start = sent.start_char
    return next((t.i for t in sent_tokens(sent) if (t.lower_ == "but" or _now_after_semicolon(
        t)) and t.idx - start > cue >= 0), sent.end)


def _now_after_semicolon(token) -> bool:
    """A semicolon whose clause tells the figure of now ("Earlier he had reported three dead
    and 20 injured; 31 people are now known to have been wounded")."""
    if token.text != ";":
        return False
    sent = sentence_of(token.doc, token.i)
    clause = [t.lower_ for t in doc_tokens(token.doc)[token.i + 1:sent.end]]
    return "now" in clause[:8] and bool(rule("casualties.superseded-then-now"))


def _life_of(victim) -> bool:
    """"Russian troops have taken the life of another resident of Kherson": the victim whose
    life was taken, "another" of the war's dead, not one more of the strike told."""
    return victim.dep_ == "pobj" and victim.head.lower_ == "of" and \
        victim.head.head.lemma_.lower() == "life"


def _listed_with(doc, victim, victims: dict[int, int]) -> int | None:
    """The figure of the victim ``victim`` is listed after ("a man and a woman died"); the
    parser reads the second of a longer list as an apposition ("a man, a woman and a child",
    "the victims - a couple, a grandmother and a boy"): it is listed too where a comma stands
    before it and "and" goes on after it."""
    head = victim.head
    if victim.dep_ == "conj":
        before = head if head.i in victims else None
    elif victim.dep_ == "appos" and victim.left_edge.i > 0 and \
            doc[victim.left_edge.i - 1].text == "," and \
            any(c.dep_ == "conj" for c in victim.children):
        before = head if head.i in victims else next(  # both appositions of "the victims"
            (c for c in head.children if c.dep_ == "appos" and c.i < victim.i and c.i in victims),
            None)
        if before is not None:
            rule("casualties.listed-victims")
    else:
        return None
    if before is None or place_between(doc, before.i, victim.i):
        return None
    return victims[before.i]


def _without_broken_down_totals(doc, figures: list[Figure]) -> list[Figure]:
    """"Seven more people were injured (three in Toretsk, two in Chasiv Yar hromada, one in
    Siversk and one more in Selidove)": a total followed by its breakdown in brackets is the
    sum of its parts, no place's own figure."""
    out = []
    for figure in figures:
        opening = next((i for i in range(figure.token + 1, min(len(doc), figure.token + 8))
                        if doc[i].text == "("), None)
        if opening is not None:
            closing = next((i for i in range(opening, min(len(doc), opening + 40))
                            if doc[i].text == ")"), opening + 40)
            parts = [f for f in figures if f.kind == figure.kind and opening < f.token < closing]
            if len(parts) > 1 and sum(f.value for f in parts) == figure.value:
                rule("casualties.bracketed-breakdown")
                continue
        if _dead_and_injured_of(doc, figure, figures):
            continue
        out.append(figure)
    return out


_POOLED_NOUNS = frozenset(cues()["pooled_victim_nouns"])


def _dead_and_injured_of(doc, figure: Figure, figures: list[Figure]) -> bool:
    """"resulted in 10 casualties — two dead and eight injured": casualties (or victims)
    broken down in the same sentence into the dead and the injured, as many as the two
    together, are no injured figure of their own."""
    noun = doc[figure.token]
    if noun.like_num:
        noun = noun.head
    if figure.kind != "injured" or noun.lemma_.lower() not in _POOLED_NOUNS:
        return False
    after = [f for f in figures if figure.token < f.token <= figure.token + 12]
    if _sum_of_dead_and_injured(after, figure.value):
        return bool(rule("casualties.dead-and-injured-of"))
    return _broken_down_next(doc, figure)


def _sum_of_dead_and_injured(figures: list[Figure], total: int) -> bool:
    killed = next((f for f in figures if f.kind == "killed"), None)
    injured = next((f for f in figures if f.kind == "injured"), None)
    return killed is not None and injured is not None and killed.value + injured.value == total


def _broken_down_next(doc, figure: Figure) -> bool:
    """"… told of six casualties. 'Two men and a woman died of their wounds in hospital. Three
    others were hurt'": the casualties broken down in the two sentences after, into the dead
    and the injured as many as the two together, are no injured figure either."""
    sent = sentence_of(doc, figure.token)
    after: list[Figure] = []
    for _ in range(2):
        if sent.end >= len(doc):
            break
        sent = sentence_of(doc, sent.end)
        if not any(t.lemma_.lower() in _POOLED_NOUNS for t in sent_tokens(sent)):
            after += sentence_figures(sent)  # not a sentence counting casualties again (nor
            # asking this of its own count)
    return _sum_of_dead_and_injured(after, figure.value) and \
        bool(rule("casualties.broken-down-next"))


def _born_in_years(noun) -> tuple[int, int]:
    """How many victims a bare plural counts by their years of birth ("men born in 1981 and
    1989" is two), and the token after the years; (0, 0) where a number counts them already
    ("two men, born in …") or in an aside naming a figure's victims ("two children (girls
    born in 2013 and 2008)")."""
    if noun.tag_ != "NNS" or noun.lower_ not in _PERSON_NOUNS or noun.dep_ in ("appos", "pobj") \
            or any(c.dep_ in ("nummod", "det", "poss", "quantmod") for c in noun.children) or \
            (noun.i > 0 and noun.doc[noun.i - 1].text in ("(", "[", "-", "–", ":")):
        return 0, 0
    doc = noun.doc
    born = noun.i + 1
    if born + 2 >= len(doc) or doc[born].lower_ != "born" or doc[born + 1].lower_ != "in":
        return 0, 0
    years, i = 0, born + 2  # "born in 1981, 1985 and 1989": the years, then what follows
    while i < len(doc) and (doc[i].text.isdigit() and 1900 <= int(doc[i].text) <= 2100 or
                            years and doc[i].text in (",", "and") and i + 1 < len(doc) and
                            doc[i + 1].text.isdigit()):
        years += doc[i].text.isdigit()
        i += 1
    return (years, i) if years > 1 else (0, 0)


def _birth_year(doc, number, start: int) -> bool:
    """A year of birth: a year's number a few words after "born" ("born in 1978 and 1980")."""
    if number.value is None or not 1900 <= number.value <= 2100:
        return False
    k = number.start - 1  # back over the years listed before it: "born in 1950, 1955 and 1961"
    while k > start and (doc[k].text in (",", "and") or doc[k].text.isdigit()):
        k -= 1
    return (any(doc[j].lower_ == "born" for j in range(max(start, number.start - 5),
                                                        number.start)) or
            doc[k].lower_ == "in" and k > start and doc[k - 1].lower_ == "born") and \
        bool(rule("casualties.birth-year"))


def _others_besides(figures: list[Figure], figure: Figure) -> Figure:
    """"Four people were killed and another 12 were injured": "another" after a figure of the
    other kind counts other people, not more of a figure known (12 injured, not 12 more)."""
    if not figure.increment:
        return figure
    before = [f for f in figures if f.token < figure.token]
    if before and before[-1].kind != figure.kind and all(f.kind != figure.kind for f in before):
        if before[-1].increment and rule("casualties.more-of-each-kind"):
            return figure  # "killing four more and injuring three more": more of each
        return replace(figure, increment=False, rule=rule("casualties.others-besides"))
    return figure


def _only_in_addition(doc, index: int) -> bool:
    """The figure adds only by its sentence's opening "In addition," with no "more",
    "another" of its own: "In addition, three injured people have been taken to hospital"
    tells more of the injured known, not more injured."""
    before = {t.lower_ for t in doc_tokens(doc)[max(0, index - 2):index]}
    after = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    opening = tokens_text(doc, sentence_of(doc, index).start, index).lower()
    return opening.startswith(("in addition,", "additionally,")) and \
        not before & _MORE and after not in ("more", "additional", "further") and \
        bool(rule("casualties.in-addition-hospitalised"))


def _hospitalised(doc, index: int) -> bool:
    """"14 had been hospitalised", "nine were taken to hospital", "11 are in critical condition":
    those in hospital are some of the injured, never more than all of them."""
    token = doc[index]
    for _ in range(3):
        if token.lemma_.lower() in _IN_HOSPITAL or taken_to_hospital(token):
            return True
        if token.pos_ in ("VERB", "AUX") and in_condition(token) and \
                rule("casualties.condition-part"):
            return True  # "11 people are in critical condition in hospitals in Lviv": some
            # of the 64 injured
        if token.lemma_.lower() in ("remain", "stay") and any(
                c.dep_ == "prep" and c.lower_ == "in" and any(
                    g.lemma_.lower() in ("hospital", "care") for g in c.children)
                for c in token.children) and rule("casualties.still-in-hospital"):
            return True  # "15 people who were hurt … remained in hospital": some of the injured
        if any(c.dep_ == "conj" and c.lemma_.lower() in _IN_HOSPITAL and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in token.children):
            return True  # "21 people were injured and hospitalised": those in hospital
        if token.head.i == token.i:
            return False
        token = token.head
    return False


_IN_HOSPITAL = {"hospitalize", "hospitalise", "hospitalized", "hospitalised"}


def _placed(verb) -> bool:
    """The verb says where its subject was: "occurred in the Khmelnytskyi region", "were in
    Kharkiv"."""
    return verb.lemma_.lower() in ("occur", "be", "happen", "record", "report") and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in g.subtree) for g in c.children)
        for c in verb.children)


def _also_beside_other_kind(doc, figure: Figure) -> bool:
    """"Unfortunately, an 85-year-old woman died. Nine people were also injured": after a
    sentence that tells only the other kind of casualty, "also" adds this kind to that one,
    not more victims to a figure of its own kind."""
    sent = sentence_of(doc, figure.token)
    if sent.start == 0:
        return False
    before = sentence_of(doc, sent.start - 1)
    kinds = {cue_kind(t) for t in sent_tokens(before)} - {None}
    return bool(kinds) and figure.kind not in kinds and \
        bool(rule("casualties.also-beside-other-kind"))


def _risen_or_part(doc, figure: Figure) -> Figure:
    """The figure made partial (it never lowers a larger one) when ``part_of_toll`` says so."""
    if figure.partial or figure.increment or figure.rule == "casualties.part-of-the-region-in":
        return figure
    token = doc[figure.token]
    if token.dep_ == "nummod" and token.head.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "advmod" and c.lower_ == "also" for c in token.head.head.children) and \
            not _also_beside_other_kind(doc, figure) and \
            rule("casualties.also-more-victims"):
        # "Nine adults were injured … Two children were also hurt": two more, not two of them
        return replace(figure, increment=True, rule=figure.rule or "casualties.also-more-victims")
    why = part_of_toll(doc, figure.token)
    return figure if why is None else Figure(figure.kind, figure.value, False, figure.token,
                                             True, figure.rule or why)
