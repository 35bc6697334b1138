"""Victims counted from their parts and one by one: "a teenager and three others were wounded"
is four; "the driver received shrapnel wounds", "her husband was rushed to hospital with
injuries" and "a couple … sustained light injuries" are figures of the victims they name."""

from __future__ import annotations

from kg.extract.casualty_cues import CUE_WORDS, RECEIVE, cue_kind, taken_to_hospital
from kg.extract.doc_text import doc_fact, sentence_words, tokens_with
from kg.extract.figure import Figure
from kg.extract.lexicon import cues
from kg.extract.numbers import number_at
from kg.extract.rules import rule

DEATH_VERBS = frozenset({"die", "succumb", "perish"})
# what strikes a person: "she was wounded", not "he has been hospitalised in Kursk" or "she was
# taken to a Belgorod hospital with shrapnel wounds" (a victim counted, and where they were taken)
HARM_LEMMAS = frozenset({"kill", "wound", "injure", "hurt"})


def place_between(doc, first: int, second: int) -> bool:
    """A name between two coordinated victims ("a resident of Preobrazhenka and a woman …
    near Pavlivka"): each is a victim of their own place, not one figure of two. A second
    victim with no place of its own is of the first's ("a resident of Orikhiv as well as two
    women, aged 87 and 78": three of Orikhiv)."""
    if not any(doc[k].pos_ == "PROPN" for k in range(first + 1, second)):
        return False
    own_place = any((t.pos_ == "PROPN" or t.is_title and t.dep_ == "pobj") and t.i > second
                    for t in doc[second].subtree)  # "two men from Marhanets" (tagged a noun)
    return own_place and bool(rule("casualties.victims-of-two-places"))


def victims_in_parts(doc, figures: list[Figure], victims: dict[int, int]) -> list[Figure]:
    """"a teenager and three others were wounded", "three adults and two children were
    injured": coordinated people are one figure of their sum (4, 5), not two figures of which
    the later wins. Named victims may be a part of a figure already given ("five injured ...
    the driver and two passengers"), so a sum with a named victim is partial."""
    parts = dict(victims)  # the noun of each part -> its figure's index
    for index, figure in enumerate(figures):
        if index in victims.values() or figure.partial and not (
                figure.rule == "casualties.part-among" and _in_a_list(doc, figure.token)):
            continue
        token = doc[figure.token]
        while token.like_num is False and token.i + 1 < len(doc) and token.i < figure.token + 3:
            token = doc[token.i + 1]  # past "at least", "more than"
        if token.dep_ in ("nummod", "quantmod") and token.head.i > token.i:
            parts.setdefault(token.head.i, index)
    named = set(victims.values())
    merged, owner = list(figures), {}
    for noun in sorted(parts):
        token = doc[noun]
        head = token.head
        while token.dep_ == "conj" and head.i not in parts and head.dep_ == "conj" and \
                head.head.i != head.i:
            head = head.head  # "a mother, her husband and their two sons": the list's first
        if token.dep_ != "conj" or head.i not in parts:
            continue
        first = parts[head.i]
        first = owner.get(first, first)
        this = owner.get(parts[noun], parts[noun])
        if first == this or merged[first].kind != merged[this].kind:
            continue
        if place_between(doc, head.i, noun):
            continue
        if "casualties.part-among" in (merged[first].rule, merged[this].rule):
            rule("casualties.kin-in-a-list")  # kin of the list, not some of a toll before
        one, two = merged[first], merged[this]
        merged[first] = Figure(one.kind, one.value + two.value, one.increment or two.increment,
                               min(one.token, two.token), partial=bool({first, this} & named),
                               rule=rule("casualties.victims-in-parts"))
        named |= {first} if {first, this} & named else set()
        owner[this] = first
    return [f for i, f in enumerate(merged) if i not in owner]


def _in_a_list(doc, index: int) -> bool:
    """The kin counted at token ``index`` may be an item of a list of victims ("killing a
    mother, her husband and their two sons"), not some of a toll told before ("28 killed, two
    sons among them"): their noun is joined to another."""
    noun = doc[index].head
    return noun.dep_ == "conj" and noun.head.i != noun.i


def conjuncts(noun) -> list:
    """The words joined to ``noun`` by "and" or a comma, each to the one before or all to the
    first ("a mother, her husband and their son"), nearest first."""
    out, todo = [], [noun]
    while todo:
        for child in todo.pop(0).children:
            if child.dep_ == "conj":
                out.append(child)
                todo.append(child)
    return out


def _subject_of(verb, climb: int = 1):
    """The subject of a verb, or of the verb it is joined to ("a couple came under fire and
    sustained light injuries"), looking up to ``climb`` words up the tree."""
    node = verb
    for _ in range(climb + 1):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if node.head.i == node.i or node.dep_ not in ("conj", "xcomp", "pobj", "prep"):
            return None
        node = node.head
    return None


def _person_roots(doc) -> list[tuple[int, int]]:
    """(first token, root token) of each person the people component marked."""
    return [(span.start, span.root.i) for span in doc.spans.get("sg_people", ())
            if span.label_ == "person"]


_HOSPITALIZE = frozenset({"hospitalize", "hospitalise", "hospitalized", "hospitalised"})


def _pronoun_hospitalized(sent, figures: list[Figure]) -> Figure | None:
    """"… dropped explosives from a drone on a 68-year-old man in Beryslav. He was taken to
    hospital in serious condition": one person, told of before, taken to hospital is one
    injured."""
    if not sentence_words(sent) & {"he", "she"} or any(f.kind == "injured" for f in figures):
        return None
    for token in sent:
        if not (taken_to_hospital(token) or token.lemma_.lower() in _HOSPITALIZE
                or token.lower_ in _HOSPITALIZE):
            continue
        victim = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        purpose = any(c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB" for c in token.children)
        if victim is not None and victim.lower_ in ("he", "she") and not purpose:  # not "to
            # visit the wounded"
            return Figure("injured", 1, False, victim.i, partial=True,
                          rule=rule("casualties.pronoun-hospitalized"))
    return None


def singular_victims(sent, figures: list[Figure]) -> list[Figure]:
    """"killing the driver", "the tractor driver received shrapnel wounds", "a guard was
    injured": one named victim is a figure of one."""
    hospitalized = _pronoun_hospitalized(sent, figures)
    if hospitalized is not None:
        return [hospitalized]
    if sentence_words(sent).isdisjoint(CUE_WORDS):
        return []  # no word of the sentence has a casualty kind (``cue_kind``)
    words = cues()["person_nouns"]
    taken = {f.token for f in figures}
    named = {root for start, root in doc_fact(sent.doc, "person_roots", _person_roots)
             if sent.start <= start < sent.end}
    out = []
    for token in tokens_with(sent, CUE_WORDS, lemmas=True):  # cue_kind has no kind for another word
        kind = cue_kind(token)
        victim = None
        if kind == "injured" and token.dep_ == "amod" and token.head.dep_ == "pobj" and \
                token.head.head.lower_ == "about" and rule("casualties.known-about"):
            victim = token.head  # "It is known about the injured man": one injured
        elif kind and token.pos_ in ("VERB", "AUX"):
            victim = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if victim is None and token.lemma_.lower() in DEATH_VERBS:
                victim = next((c for c in token.children if c.dep_ == "nsubj"), None)
                victim = victim if victim is not None and rule("casualties.died-subject") \
                    else None  # "The driver died at the scene"
        elif kind and token.dep_ == "oprd" and token.head.lemma_.lower() == "leave":
            victim = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            victim = victim if victim is not None and rule("casualties.left-dead") else None
            # "the shelling left a member of the territorial defence unit dead"
        elif kind and token.pos_ == "NOUN" and token.head.lemma_ in RECEIVE:
            victim = _subject_of(token.head)
        elif kind == "injured" and token.pos_ == "NOUN" and token.dep_ == "pobj" and \
                token.head.lower_ == "with":
            victim = _subject_of(token.head.head, climb=3)  # "her husband was rushed to
            # hospital with injuries", "the driver was taken to hospital with shrapnel wounds"
            victim = victim if victim is not None and rule("casualties.with-injuries") else None
        if victim is not None and victim.lower_ == "couple" and victim.tag_ == "NN" and \
                any(c.lower_ in ("a", "the") for c in victim.children) and \
                victim.i not in taken and not any(victim.left_edge.i <= f.token <= victim.i
                                                  for f in figures + out) and \
                bool(rule("casualties.couple-received")):
            out.append(Figure(kind, 2, False, victim.i, partial=True))  # "a couple … sustained
            continue  # light injuries"
        if victim is not None and victim.lower_ in ("he", "she") and victim.i not in taken \
                and (token.head.lemma_ in RECEIVE if token.pos_ == "NOUN"
                     else token.lemma_.lower() in HARM_LEMMAS) \
                and not any(f.kind == kind and f.token < victim.i for f in figures + out):
            # "He suffered fatal injuries", "She was wounded": one victim, told of before
            out.append(Figure(kind, 1, False, victim.i, partial=True,
                              rule=rule("casualties.pronoun-victim")))
            continue
        if victim is not None and victim.i in named and victim.i not in taken and not any(
                victim.left_edge.i <= f.token <= victim.right_edge.i and f.kind == kind
                for f in figures + out) and rule("casualties.named-victims"):
            people = _named_victims(victim, named)  # "Artem K., head of …, and Oleksiy K., a
            out.append(Figure(kind, len(people), False, victim.i, partial=True))  # police
            continue  # officer, were killed": two
        if victim is None or victim.tag_ != "NN" or victim.lower_ not in words or \
                victim.lower_ in ("people", "family", "staff", "others", "other"):
            continue
        determiners = {c.lower_ for c in victim.children if c.dep_ in ("det", "poss", "nummod")}
        if not determiners & {"the", "a", "an", "his", "her", "their", "its"} or \
                any(c.like_num and c.dep_ == "nummod" for c in victim.children):
            continue
        if victim.i in taken or any(victim.left_edge.i <= f.token <= victim.i and
                                    f.kind == kind for f in figures + out):
            continue
        out.append(Figure(kind, 1, False, victim.i, partial=True))
        for other in _joined_victims(victim, words):  # "the driver and the passenger were
            out.append(Figure(kind, 1, False, other.i, partial=True,  # injured": two
                              rule=rule("casualties.joined-victims")))
    return out


def joined_clauses(doc, figures: list[Figure]) -> list[Figure]:
    """"A 56-year-old woman was injured and an 86-year-old man was wounded": one-victim
    figures of one kind whose verbs are joined by "and" are one figure of their count."""
    out: list[Figure] = []
    for figure in figures:
        last = out[-1] if out else None
        noun, prior = _victim_noun(doc[figure.token]), _victim_noun(doc[last.token]) if last \
            else None
        if last is not None and last.kind == figure.kind and figure.value == last.value == 1 \
                and noun.dep_ in ("nsubj", "nsubjpass") and \
                prior.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ == "conj" and \
                noun.head.head.i == prior.head.i and not _places_own(noun.head) and \
                not _places_own(prior.head) and rule("casualties.joined-clauses"):
            out[-1] = Figure(last.kind, last.value + figure.value, False, last.token,
                             partial=True, rule="casualties.joined-clauses")
            continue
        out.append(figure)
    return out


def _places_own(verb) -> bool:
    """The clause names a place of its own ("… was injured in Plavni village"): its victim is
    that place's, not one of a sum with the next clause's."""
    return any(t.pos_ == "PROPN" for c in verb.children if c.dep_ == "prep" for t in c.subtree)


def _victim_noun(token):
    """The noun a figure's token counts: "A" or "two" of "a woman", "two men"."""
    return token.head if token.dep_ in ("det", "nummod") else token


def _named_victims(victim, named: set[int]) -> list:
    """The persons named as victims: the victim and the names joined to it by "and", past
    what describes them ("Artem K., head of the rescue department, and Oleksiy K.")."""
    out, todo = [victim], [victim]
    while todo:
        for child in todo.pop().children:
            if child.dep_ in ("conj", "appos"):
                if child.i in named:
                    out.append(child)
                todo.append(child)
    return out


def _joined_victims(victim, words) -> list:
    """The one-person nouns joined to a victim by "and" ("the 55-year-old driver and the
    44-year-old passenger", "the driver and his wife"), each with its own determiner."""
    return [other for other in conjuncts(victim)  # "a mother, her husband and their son"
            if other.tag_ == "NN" and other.lower_ in words
            and other.lower_ not in ("people", "family", "staff", "others", "other")
            and {c.lower_ for c in other.children if c.dep_ in ("det", "poss")} & {
                "the", "a", "an", "his", "her", "their", "its"}]


def injured_victims_died(sent, figures: list[Figure]) -> list[Figure]:
    """"the 46-year-old man injured in Nikopol had died", "a woman wounded in the attack died in
    hospital", "the injured woman died": one more death, told of a victim already counted as
    injured, and no new injured figure."""
    words = cues()["person_nouns"]
    for verb in tokens_with(sent, DEATH_VERBS, lemmas=True):
        if verb.lemma_.lower() not in DEATH_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in words or not any(
                c.dep_ in ("amod", "acl") and cue_kind(c) == "injured" or
                c.dep_ == "relcl" and cue_kind(c) == "injured" and
                rule("casualties.injured-who-died") for c in subject.children):
            continue  # "the woman, who was wounded by the shelling, died in hospital"
        number = next((c for c in subject.children if c.dep_ == "nummod" and c.like_num), None)
        counted = number_at(sent.doc, number.i) if number is not None else None
        value = counted.value if counted is not None else 1
        span = range(subject.left_edge.i, subject.right_edge.i + 1)
        figures = [f for f in figures if f.token not in span] + [Figure(
            "killed", value, True, subject.i, rule=rule("casualties.injured-died"))]
    return sorted(figures, key=lambda f: f.token)


def wounded_then_died(sent, figures: list[Figure]) -> list[Figure]:
    """"A man sustained shrapnel wounds and then died of his injuries", "two women were wounded
    and later died in hospital": the victims are dead, their figure is of the killed."""
    doc = sent.doc
    out = []
    for figure in figures:
        victim = doc[figure.token]
        if victim.dep_ in ("nummod", "det"):  # "Two men", "A man"
            victim = victim.head
        verb = victim.head
        if figure.kind == "injured" and victim.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "conj" and c.lemma_.lower() in DEATH_VERBS and c.pos_ == "VERB"
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                for c in verb.children) and rule("casualties.wounded-then-died"):
            # the death's own subject would be another victim: "two were wounded and a woman died"
            figure = Figure("killed", figure.value, figure.increment, figure.token,
                            figure.partial, figure.rule or "casualties.wounded-then-died")
        out.append(figure)
    return out

