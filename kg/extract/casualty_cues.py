"""Which cue a people-counting number belongs to: the killed or injured word it counts ("two
deaths", "3 dead"), the cue it is bound to in the dependency tree ("one woman was killed",
"twenty one people have also been reported injured"), a labelled figure ("Killed: 2"), a toll
("the death toll rose to 11") or a condition ("two are in serious condition")."""

from __future__ import annotations

from kg.extract.casualty_context import RISE_VERBS
from kg.extract.doc_text import doc_tokens, sentence_of, tokens_text
from kg.extract.lexicon import cues
from kg.extract.rules import rule

_STOP = {";", ":", "—", "–", "(", ")"}
PART_OF = ("including", "among", "incl")  # "12, including two children": a part, not more
RECEIVE = cues()["receive_verbs"]
_FATAL = frozenset({"fatal", "mortal", "lethal"})  # "fatal injuries" are deaths


#: the words and lemmas ``cue_kind`` reads a kind from; any other word has none
CUE_WORDS = frozenset(("toll", "cuts", "reaction", "reactions")) | \
    frozenset(cues()["killed_words"]) | frozenset(cues()["injured_words"])


def cue_kind(token) -> str | None:
    words = cues()
    low, lemma = token.lower_, token.lemma_.lower()
    if low not in CUE_WORDS and lemma not in CUE_WORDS:
        return None
    if low in ("toll",) or lemma in ("toll",):
        return "killed"
    if low in ("reaction", "reactions"):
        # "a 65-year-old man suffered an acute stress reaction": counted among the injured
        return "injured" if token.i > 0 and token.doc[token.i - 1].lower_ == "stress" and \
            rule("casualties.stress-reaction") else None
    if low in words["killed_words"] or lemma in words["killed_words"]:
        if low in ("life", "lives") and not any(
                t.lemma_ in ("loss", "lose", "claim", "take")
                for t in doc_tokens(token.doc)[max(0, token.i - 4):token.i + 1]):
            return None
        if low in ("body", "bodies") and not any(
                t.lower_ in words["body_found_verbs"] or t.lemma_.lower() in
                words["body_found_verbs"] for t in sentence_of(token.doc, token.i)):
            return None  # "another body was pulled from the rubble", not "the body of a car"
        return "killed"
    if low == "cuts" and token.head.lemma_.lower() in RECEIVE and \
            rule("casualties.received-cuts"):
        return "injured"  # "Four other students received cuts from broken glass"; not
        # "power cuts"
    if low in words["injured_words"] or lemma in words["injured_words"]:
        if low in _SUFFER and _person_suffered(token):
            return "injured"  # "a man suffered from an FPV drone detonation"
        if low in ("casualty", "victim", "victims", "suffer", "suffered"):
            return None
        if token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _FATAL
                                        for c in token.children):
            rule("casualties.fatal-injuries")
            return "killed"  # "he suffered fatal injuries", "sustained mortal wounds"
        if token.pos_ == "NOUN" and tokens_text(token.doc, token.i + 1, token.i + 4).lower() == \
                "incompatible with life":
            rule("casualties.fatal-injuries")
            return "killed"  # "sustained injuries incompatible with life"
        return "injured"
    return None


_PERSON_NOUNS = frozenset(cues()["person_nouns"])
_SUFFER = frozenset(cues()["suffer_words"])
# what a person suffered from when hurt: an attack or a blast ("from an FPV drone detonation",
# "from the shelling", "as a result of the attack")
_HARM_CAUSES = frozenset(cues()["attack_nouns"]) | frozenset(cues()["sound_nouns"]) | frozenset(
    cues()["attack_verbs"])


def _person_suffered(token) -> bool:
    """"A man suffered from an FPV drone detonation", "two women suffered as a result of the
    shelling": a person who suffered from a strike was hurt ("houses suffered from the
    shelling", "settlements suffer from daily attacks", "suffered as a result of the war" tell
    of no one)."""
    subject = any(c.dep_ == "nsubj" and c.lower_ in _PERSON_NOUNS for c in token.children) or \
        token.dep_ == "acl" and token.head.lower_ in _PERSON_NOUNS  # the parser's "a man suffered"
    if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN") or not subject:
        return False
    return any(t.lemma_.lower() in _HARM_CAUSES for child in token.children
               for t in _causes(child)) and bool(rule("casualties.person-suffered"))


def _causes(child) -> list:
    """The words of what was suffered from, under one child of "suffered": the object of
    "from", or the words that hang on "of" in "as a result of …"."""
    if child.dep_ == "prep" and child.lower_ == "from":
        return [o for o in child.children if o.dep_ == "pobj"]
    doc = child.doc
    if child.lower_ == "as" and tokens_text(doc, child.i + 1, child.i + 4).lower() == "a result of":
        return [t for t in doc_tokens(doc)[child.i + 4:child.i + 8] if t.head.lower_ == "of"]
    return []


def counts_people(doc, number) -> bool:
    words = cues()
    probe = number.end
    for _ in range(3):
        if probe >= len(doc):
            return False
        token = doc[probe]
        if token.lower_ in words["person_nouns"] or cue_kind(token):
            return True
        if token.lower_ in ("were", "was", "are", "is") and probe + 1 < len(doc) and (
                cue_kind(doc[probe + 1]) or (probe + 2 < len(doc) and doc[probe + 1].lower_ in (
                    "also", "reportedly", "seriously", "slightly", "confirmed", "reported", "now",
                    "known") and cue_kind(doc[probe + 2]))):
            return True  # "four more were injured", "two were killed", "nine are confirmed dead"
        if token.pos_ == "VERB" and any(c.dep_ == "dobj" and cue_kind(c) for c in token.children):
            return True  # "two more suffered injuries"
        if token.pos_ == "VERB" and token.dep_ == "amod" and token.head.i == probe + 1 and \
                cue_kind(token.head) == "injured":
            return True  # "five more received wounds", read as "received" qualifying them
        if token.lower_ in ("has", "have", "had") and \
                tokens_text(doc, probe + 1, probe + 2) == "been" and probe + 2 < len(doc) and \
                cue_kind(doc[probe + 2]):
            return True  # "one has been hurt"
        if token.pos_ in ("ADJ", "NUM") or token.dep_ == "compound" or token.lower_ in (
                "more", "other", "of", "the",
                                                              "them", "people", "those"):
            probe += 1
            continue
        return False
    return False


def left_cue(doc, number, sent_start: int) -> str | None:
    """A cue verb right before the number ("killing at least two", "wounded 12") or a toll
    ("the death toll rose to 14")."""
    i = number.start - 1
    if i < sent_start:
        return None
    token = doc[i]
    kind = cue_kind(token)
    if kind and token.tag_ in ("VBG", "VBD", "VBN", "VB", "VBZ", "VBP"):
        return kind
    if token.text in (":", "-", "–") and i > sent_start and cue_kind(doc[i - 1]) and \
            doc[i - 1].lower_ not in ("toll", "casualties", "victims"):
        rule("casualties.labelled-figure")
        return cue_kind(doc[i - 1])  # "Killed: 2, injured: 5"
    kind = _toll_subject(doc[number.end - 1])
    if kind:
        return kind
    if token.lower_ in ("to", "at"):  # "raised the death toll to seven and the wounded to 33"
        for j in range(i - 1, max(sent_start, i - 10) - 1, -1):
            if doc[j].lower_ == "toll":
                return "killed"
            kind = cue_kind(doc[j])
            if kind:
                return kind
            if doc[j].like_num or doc[j].text in (",", ";"):
                break
    return None


_MULTIPLY_VERBS = frozenset({"double", "triple"})


def _toll_subject(token) -> str | None:
    """"The number of dead has reached 40", "the toll stands at 12": the number is what a toll
    or a "number of <dead / injured>" rose to or stands at ("has reached 17 people")."""
    if token.dep_ == "nummod" and token.head.lower_ in cues()["person_nouns"] and not any(
            c.dep_ in ("quantmod", "acl", "relcl") for c in token.head.children):
        kind = _toll_subject(token.head)  # not "rose to five with 15 people reported injured"
        return kind and rule("casualties.toll-reached") and kind
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("to", "at") \
        else token.head if token.dep_ in ("dobj", "attr") else None
    if verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and \
            verb.lemma_.lower() in RISE_VERBS | _MULTIPLY_VERBS and \
            verb.head.lemma_.lower() in RISE_VERBS and rule("casualties.rose-doubling-to"):
        verb = verb.head  # "The death toll rose from … on Zaporizhzhia, doubling to eight"
    if verb is None and token.dep_ == "pobj" and token.head.lower_ == "up":
        verb = token.head  # "gone up (to) six", the parser hanging the number on "up"
    if verb is not None and verb.lower_ == "up" and verb.head.lemma_.lower() == "go" and \
            rule("casualties.gone-up-to"):
        verb = verb.head  # "The number of civilians injured … has gone up to five"
    elif verb is None or verb.lemma_.lower() not in RISE_VERBS | {"stand", "be"}:
        return None
    # the toll among the subjects: a dateline ("SLOVIANSK, Ukraine: The death toll …") may be
    # parsed as a subject too
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject = next((c for c in subjects if c.lower_ in ("toll", "number", "count")),
                   subjects[0] if subjects else None)
    if subject is None:
        return None
    if subject.lower_ == "toll":
        kinds = [cue_kind(c) for c in subject.children if c.dep_ in ("compound", "amod")]
        return next((k for k in kinds if k), "killed")
    if subject.lower_ in ("number", "count"):
        counted = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ in ("pobj", "pcomp")]
        # "the number of dead", or of people described by a cue: "the number of people killed"
        described = [c for g in counted for c in g.children if c.dep_ in ("acl", "amod", "relcl")]
        kind = next((cue_kind(g) for g in counted + described if cue_kind(g)), None)
        if kind:
            rule("casualties.toll-subject")
        elif any(g.lower_ in ("victims", "victim") for g in counted) and \
                _tells_the_dead_only(sentence_of(token.doc, token.i)):
            if _dead_counted_apart(sentence_of(token.doc, token.i), token):
                kind = "injured"  # "two residents had died … and the overall number of
                # victims had grown to 20": the hurt, as "victims" counts them elsewhere
            elif rule("casualties.victims-of-the-dead"):
                kind = "killed"  # "the bodies of two more victims have been recovered, and so
                # the number of victims has risen to eight": the victims are the dead
        return kind
    return None


def taken_to_hospital(verb) -> bool:
    """"were taken to hospitals across Kyiv", "was rushed to hospital"."""
    return verb.lemma_.lower() in cues()["hospital_verbs"] and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lemma_.lower() == "hospital" for g in c.children) for c in verb.children)


def _tells_the_dead_only(sent) -> bool:
    """The sentence tells deaths (bodies found, people killed) and no one hurt; or, telling
    neither, follows one that does ("Sadly, the bodies of two more men were found. As of now,
    the overall number of victims … is eight people")."""
    if _some_among_the_dead(sent):
        return False
    kinds = _kinds_told(sent)
    if not kinds and sent.start > 0:
        kinds = _kinds_told(sentence_of(sent.doc, sent.start - 1))
    return kinds == {"killed"}


def _dead_counted_apart(sent, total) -> bool:
    """Before the victims' ``total``, the sentence counts the dead on their own ("three people
    had died and the overall number of victims had grown to 20"): the victims are more than
    the dead; not "two more victims" recovered, which add to them."""
    for t in sent:
        if t.i >= total.i or not t.like_num or t.i + 1 < len(sent.doc) and \
                sent.doc[t.i + 1].lower_ in ("more", "other"):
            continue
        noun = t.head if t.dep_ == "nummod" else t
        if noun.dep_ in ("nsubj", "nsubjpass") and cue_kind(noun.head) == "killed" and \
                rule("casualties.victims-beside-the-dead"):
            return True
    return False


def _kinds_told(sent) -> set[str]:
    """The casualty kinds the words of ``sent`` tell."""
    return {kind for t in sent if t.lower_ in CUE_WORDS or t.lemma_.lower() in CUE_WORDS
            if (kind := cue_kind(t))}


def _some_among_the_dead(sent) -> bool:
    """ "… victims has increased to at least 35 people, a medical worker is among the dead":
    the dead are some of the victims counted, so the victims are not the dead."""
    return any(t.dep_ == "pobj" and t.head.lower_ == "among" and cue_kind(t) == "killed"
               for t in sent) and bool(rule("casualties.among-the-victims"))


_AGE_WORDS = frozenset(cues()["age_units"]) | {"old", "-", "aged"}  # ", 33 years old,"


def _victims_apposition(doc, comma: int, sent_end: int) -> int | None:
    """The closing comma of ", a young woman and two men," after a number of people: an
    apposition that only tells who they were (people, their ages, "and"), naming people."""
    people = False
    for j in range(comma + 1, min(sent_end, comma + 12)):
        token = doc[j]
        if token.text == ",":  # people named in it, not only an age (", 33 years old,")
            return j if people and rule("casualties.victims-apposition") else None
        people = people or token.lower_ in _PERSON_NOUNS
        if not (token.pos_ in ("DET", "ADJ", "NUM", "CCONJ") or token.like_num or
                token.lower_ in _PERSON_NOUNS or token.lower_ in _AGE_WORDS):
            return None
    return None


# tokens an inserted ", including …," may take: "including a 12-year-old girl and a 16-year-old
# boy" is 16 of them (each age is five)
_INSERT_REACH = 24


def bound_cue(doc, number, sent_start: int, sent_end: int) -> str | None:
    """The cue a people-counting number belongs to."""
    # the number's noun is the cue ("two deaths", "nine injuries", "3 dead")
    token = doc[number.end - 1]
    noun = token.head if token.dep_ in ("nummod", "quantmod", "compound", "det") else token
    kind = cue_kind(noun) if noun.i >= number.start else None
    if kind:
        return kind
    # the counted people described by a cue ("three wounded soldiers", "a deceased person")
    kind = next((cue_kind(c) for c in noun.children if c.dep_ == "amod" and cue_kind(c)
                 and number.start <= c.i < noun.i), None) if noun.i >= number.start else None
    if kind:
        rule("casualties.described-victims")
        return kind
    # "claimed the lives of three people", "the deaths of two civilians": the phrase the
    # people are of says what befell them, before any cue further right ("claimed the life of
    # an elderly man and injured five others")
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and cue_kind(noun.head.head):
        return cue_kind(noun.head.head)
    # a cue close to the right, not crossing a clause break or another number; an inserted
    # ", including a 16-year-old boy," is stepped over
    i, limit = number.end, min(sent_end, number.end + 5)
    while i < limit:
        tok = doc[i]
        if tok.text == "," and i + 1 < sent_end and doc[i + 1].lower_ in PART_OF:
            close = next((j for j in range(i + 2, min(sent_end, i + _INSERT_REACH))
                          if doc[j].text == ","),
                         None)
            if close is not None:
                limit = min(sent_end, limit + close + 1 - i)
                i = close + 1
                continue
        if tok.text == "," and (close := _victims_apposition(doc, i, sent_end)) is not None:
            limit = min(sent_end, limit + close + 1 - i)
            i = close + 1  # "three others, a young woman and two men, were severely injured":
            continue  # the victims told in an apposition, stepped over to the cue
        if tok.text in _STOP or tok.text == "," or (tok.like_num and i != number.end):
            break
        if tok.lower_ in ("and", "or", "but", "while") and i > number.end + 1:
            break
        kind = cue_kind(tok)
        if kind:
            return kind
        i += 1
    # the verb the counted noun depends on ("one woman was killed"), also through an
    # apposition the parser made of it ("In Komyshany, a woman, 37, was hurt")
    appended = False
    while noun.dep_ in ("appos", "conj") and noun.head.i != noun.i and (
            noun.dep_ == "appos" or noun.head.pos_ in ("NOUN", "PROPN", "PRON")):
        appended = appended or noun.dep_ == "appos"
        noun = noun.head  # "injured a girl and three other people": the first conjunct's verb
    verb = noun.head
    if appended and noun.dep_ == "pobj" and noun.pos_ == "PROPN":
        # "In the village of X, a woman and a man were killed": the parser hung the victims on
        # the place; the verb of the place's phrase, with no subject of its own, is theirs
        while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
            verb = verb.head
        if cue_kind(verb) and verb.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            rule("casualties.victims-on-place")
            return cue_kind(verb)
        verb = noun.head
    if cue_kind(verb) and noun.dep_ in ("nsubjpass", "nsubj", "dobj", "pobj", "attr"):
        return cue_kind(verb)
    # "three members of one family lost their lives"
    if noun.dep_ == "nsubj" and verb.lemma_.lower() == "lose" and any(
            c.dep_ == "dobj" and c.lower_ in ("life", "lives") for c in verb.children) and \
            rule("casualties.lost-their-lives"):
        return "killed"
    # "twenty one people have also been reported injured": the cue completes the verb
    if noun.dep_ in ("nsubjpass", "nsubj"):
        kind = next((cue_kind(c) for c in verb.children
                     if (c.dep_ in ("oprd", "xcomp", "acomp") or c.dep_ == "advcl" and any(
                         g.dep_ == "mark" and g.lower_ == "as" for g in c.children))
                     and cue_kind(c)), None)  # "was reported as injured"
        if kind:
            rule("casualties.reported-as")
            return kind
    # "four people were left in a critical state", "two are in serious condition"
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and in_condition(verb):
        rule("casualties.condition")
        return "injured"
    # "three people were taken to hospital"
    if noun.dep_ in ("nsubjpass", "dobj") and taken_to_hospital(verb):
        rule("casualties.taken-to-hospital")
        return "injured"
    # "nine others were treated for shrapnel wounds, burns and head injuries"
    if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and verb.lemma_.lower() == "treat" and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and cue_kind(g) == "injured" for g in c.children)
            for c in verb.children):
        rule("casualties.treated-for-injuries")
        return "injured"
    # "eight people were being treated in hospitals": in a hospital's care, not at the scene
    if noun.dep_ == "nsubjpass" and verb.lemma_.lower() == "treat" and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("hospital", "clinic")
                for g in c.children) for c in verb.children) and \
            rule("casualties.treated-in-hospital"):
        return "injured"
    # "In all, eight people are in hospital", "five remain in hospital": in a hospital's care
    # (not "three doctors were in the hospital when the drone struck": present there)
    stays = verb.lemma_.lower() in ("remain", "stay") or \
        verb.lemma_.lower() == "be" and verb.tag_ in ("VBP", "VBZ")
    if noun.dep_ == "nsubj" and stays and any(
            c.dep_ == "prep" and c.lower_ == "in" and _hospital_after(c) for c in verb.children) \
            and rule("casualties.in-hospital"):
        return "injured"
    # "16 people ... sought medical help", "a woman asked for medical assistance"
    if noun.dep_ == "nsubj" and _sought_care(verb):
        rule("casualties.sought-care")
        return "injured"
    # "three people ... sustained injuries", "two soldiers received wounds"
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in RECEIVE and any(
            c.dep_ == "dobj" and cue_kind(c) == "injured" for c in verb.children):
        return "injured"
    return None


#: every word (lower-cased, or a lemma) one of which a sentence needs for ``left_cue`` or
#: ``bound_cue`` to find any kind: the words of ``cue_kind`` ("toll" among them), and those
#: ``bound_cue`` reads a kind from without it: a condition ("in critical condition", "in a
#: serious state", "in intensive care"), a hospital ("taken to hospital", "treated in a
#: clinic") and the medical help sought (``_sought_care``). Each of them is read from a token
#: of the sentence or from the parse tree, which stays within a sentence.
FIGURE_WORDS = CUE_WORDS | {"condition", "state", "care", "hospital", "hospitals", "clinic"} | \
    frozenset(cues()["medical_help_nouns"])


def _hospital_after(prep) -> bool:
    """The words after "in" are "hospital" or "the hospital", however the parser attached them
    ("eight people are in hospital - four adults and four children")."""
    words = [t.lower_ for t in doc_tokens(prep.doc)[prep.i + 1:prep.i + 3]]
    return words[:1] in (["hospital"], ["hospitals"]) or words == ["the", "hospital"]


def _sought_care(verb) -> bool:
    """The verb is a seeking of medical help: "sought medical help", "asked for medical
    assistance", "got medical assistance after the blast", "required hospital treatment" (not
    "received medical assistance on site", which treats the shocked too)."""
    if verb.lemma_.lower() not in cues()["care_seeking_verbs"]:
        return False
    # the help's own place, not that of a part told after a colon ("required medical assistance:
    # one was taken to hospital, while another was treated at the scene")
    breakdown = next((t.i for t in verb.subtree if t.i > verb.i and t.text == ":"), len(verb.doc))
    if any(t.lower_ in cues()["on_site_words"] and t.i < breakdown for t in verb.subtree):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "to")
        for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in cues()["medical_help_nouns"] and any(
        c.lower_ in ("medical", "hospital") for c in o.children) for o in objects)


def in_condition(verb) -> bool:
    """The verb, or one joined to it ("a girl survived and was in intensive care"), says its
    people are "in (a) critical / serious condition (state)" or "in intensive care"."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for prep in (p for v in verbs for p in v.children):
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                if noun.lemma_.lower() in ("condition", "state") and any(
                        c.lower_ in cues()["injured_conditions"] for c in noun.children):
                    return True
                if noun.lower_ == "care" and any(c.lower_ == "intensive" for c in noun.children):
                    return True
    return False
