"""Which sentences report an attack, and how a sentence stands to the ones before it.

A sentence reports an attack when it names one (an attack verb or noun, a weapon, a casualty)
and is not background ("earlier in the war", "in late March"), hypothetical ("could strike"),
about weapons supplied, nor only about interceptions ("shot down over the region"). Other
readings of a sentence for the sentence loop of ``kg.extract.attacks``: a clause that tells an
earlier event, a summary of the whole night, a target in general, a sentence that points back
to the place before it, paragraphs and their repeats.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from kg.extract.by_start import ByStart
from kg.extract.casualty_context import compared_since, grown_since
from kg.extract.cue_scan import CueScan
from kg.extract.dates import MONTH_WORDS, WEEKDAYS
from kg.extract.doc_text import (doc_fact, doc_lemmas, doc_lowers, doc_sents, doc_text,
                                 sent_tokens, sentence_of, sentence_words, span_text,
                                 tokens_with, tokens_with_lemma)
from kg.extract.lexicon import cues
from kg.extract.regex_literals import finditer
from kg.extract.rules import rule

_DAMAGE = cues()["damage_words"]
_FLIGHT = set(cues()["flight_words"])
_DEBRIS = cues()["debris_words"]
_FOUND = cues()["discovery_verbs"] | cues()["found_verbs"]
_UNRELATED_HEADS = set(cues()["weapon_unrelated_heads"])
_IMPACT = cues()["impact_verbs"]  # the flight ended in a blow


def lemmas_of(sent) -> set[str]:
    """The lemmas and the lower-case words of a sentence (a new set; made once per run for each
    sentence, which several rules read)."""
    return set(sentence_words(sent))


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
_PAST_MONTH = re.compile(r"\b(?:in|since|by|during|throughout) "
                         r"(?:(?:late|early|mid-?|the (?:middle|beginning|start|end) of) ?)?(?:"
                         + _MONTHS + r")\b")
_YEAR = re.compile(r"\b(?:in|since|back in|during)(?: the)?(?: (?:late|early|mid|fall|autumn|"
                   r"spring|summer|winter|beginning|end|middle|first half|second half)(?: of)?)?"
                   r"(?: (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?"
                   r" ((?:19|20)\d\d)\b")  # "in 2023", "in the fall 2022", "in Nov. 2022"


# "a recent assault on Kyiv", "a recent Ukrainian drone strike on airfields": one of the attacks
# before this news, told as context (the news's own attack is "the attack", "Sunday's strike")
_A_RECENT_ATTACK = re.compile(r"\ba recent (?:[a-z-]+ ){0,3}(?:attack|assault|strike|barrage|"
                              r"bombardment)s?\b")
_TOLL_AFTER = re.compile(r" (?:death |casualty )?(?:toll|tally|figure)s?\b")
#: "in the past day", "in the past 24 hours": the period a summary reports, the news itself
_PERIOD = r" (?:day|night|24 hours|twenty-four hours|few hours)\b"
_REPORT_PERIOD = re.compile(_PERIOD)
_OPENS_REPORT_PERIOD = re.compile(r"\b(?:during|over|in|for) the (?:past|last)" + _PERIOD)


def tells_report_period(text: str) -> bool:
    """The (lower-case) text names the period a summary reports: "During the past day, the
    occupiers carried out 459 shellings …", "over the last 24 hours"."""
    return _OPENS_REPORT_PERIOD.search(text) is not None
_BACKGROUND_CUES = CueScan(cues()["background_cues"])
_WAR_TOTALS = CueScan(cues()["war_total_phrases"])


def is_background(sent, published: date | None = None) -> bool:
    """Earlier events told as context: "earlier in the war", "in late March", "in 2023" (a year
    before the article's), "last year" — in the sentence's main clause, not in a relative clause
    describing a place ("three areas that have repeatedly faced attacks")."""
    text = span_text(sent).lower()
    cued, months, years = _dated_starts(sent, published)
    starts = list(cued)
    starts += [text.find(cue) for cue in _WAR_TOTALS.found_in(text)
               if not compared_since(sent, text.find(cue))]  # "hit … since the invasion"
    starts += months
    if "a recent" in text:  # "A recent assault on Kyiv involved 440 drones": an earlier one
        starts += [m.start() for m in finditer(_A_RECENT_ATTACK, text)]
    # "Russia regularly shells …", "the enemy recently shelled X", not "… repeatedly shelled
    # Kherson on Sunday, killing one" (the tokens are walked only where such an adverb is)
    habitual = []
    if not sentence_words(sent).isdisjoint(_HABITUAL):
        habitual = [t.idx - sent.start_char for t in sent_tokens(sent) if t.lower_ in _HABITUAL
                    and (t.head.lemma_.lower() in _ATTACK_VERBS or _tries_attacks(t.head)
                         or _series_happens(t.head))]
    habitual += [text.find(cue) for cue in _RECENT if cue in text]
    if not sentence_words(sent).isdisjoint(_HABITUAL_ADJECTIVES):
        # "Because of constant Russian shelling, the city … is on the brink of a humanitarian
        # catastrophe", "despite regular Russian attacks on the energy infrastructure"
        habitual += [t.idx - sent.start_char for t in sent_tokens(sent)
                     if t.lower_ in _HABITUAL_ADJECTIVES and (noun := _qualified_noun(t, sent))
                     is not None and _only_attack_told(sent, noun)
                     and rule("attacks.habitual-attack-noun")]
    if not sentence_words(sent).isdisjoint(_BACKDROP_WORDS):
        # "will give Kyiv emergency assistance … amid Russia's attacks on Ukraine's energy
        # infrastructure", "remain at risk … because of the consequences of missile attacks":
        # the attacks are the backdrop of other news
        habitual += [t.idx - sent.start_char for t in sent_tokens(sent)
                     if (t.tag_ == "NNS" or t.lower_ in _MASS_ATTACK_NOUNS) and
                     t.lemma_.lower() in ATTACK_WORDS and
                     _backdrop(t) and _only_attack_told(sent, t) and
                     rule("attacks.attacks-as-backdrop")]
    shares = []
    if not sentence_words(sent).isdisjoint(_SERIES_QUANTIFIERS):
        # "Most of the attacks have taken place in the regions of Belgorod, Kursk, Bryansk":
        # a share of a series of attacks is a statistic, not a strike ("most" is no
        # superlative here, so it is kept from the yardstick test below)
        shares = [t.idx - sent.start_char for t in sent_tokens(sent)
                  if t.tag_ == "NNS" and t.lemma_.lower() in ATTACK_WORDS and
                  _share_of(t) and _only_attack_told(sent, t)]
    if (habitual or shares) and _told_of_a_day(sent):
        habitual, shares = [], []
    starts += habitual
    low = text.lower()
    ongoing = [low.find(cue) for cue in _HABITUAL_PHRASES if cue in low]
    if ongoing and any(t.lemma_.lower() in _ATTACK_VERBS and t.pos_ == "VERB"
                       for t in sent_tokens(sent)) and \
            not _told_of_a_day(sent, skip=_HABITUAL_WORDS) and rule("attacks.habitual-phrase"):
        starts += ongoing  # "Ukrainian militants have been shelling … on a daily basis",
        # "guided bombs strike Kupiansk every day": the war's course, not a day's attack
    starts += years
    aim = _CAMPAIGN_AIM.search(low)
    if aim and _perfect_attack(sent) and not _told_of_a_day(sent) and \
            rule("attacks.campaign-aim"):
        starts.append(aim.start())  # "Russian forces have attacked Ukraine's southern ports
        # including Kherson, Odesa, Mykolaiv and Mariupol as they try to cut Ukraine off from
        # the Black Sea": the war's aim and course, not a day's strike
    # "one of the most horrific attacks since the full-scale war began in spring 2022", "the
    # deadliest since Russia's invasion 19 months ago": the yardstick's date, not an event's
    starts = [start for start in starts if not _since_yardstick(sent, text, start)
              and not _superlative_yardstick(sent, text, start)]
    starts += [start for start in shares if rule("attacks.share-of-a-series")]
    return any(not _in_relative_clause(sent, start) or _toll_of_a_period(sent, start)
               or _only_the_clause_attacks(sent, start)
               for start in starts) and bool(rule("attacks.background-cue"))


#: a war aim a campaign of attacks serves: "as they try to cut Ukraine off from the sea"
_CAMPAIGN_AIM = re.compile(
    r"\b(?:as (?:they|it|russia|moscow|kyiv|ukraine|the russians|russian forces|russian troops)"
    r" (?:tr(?:y|ies)|seeks?|attempts?|aims?) to|in (?:a|an) (?:bid|attempt|effort|campaign) to)\b")


def _perfect_attack(sent) -> bool:
    """An attack verb in the present perfect ("Russian forces have attacked …")."""
    return any(t.lemma_.lower() in _ATTACK_VERBS and t.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("have", "has") for c in t.children)
        for t in sent_tokens(sent))


def _only_the_clause_attacks(sent, offset: int) -> bool:
    """The time at ``offset`` stands in a relative clause that holds every word of attack and
    harm the sentence tells: "He was talking to reporters in front of a damaged apartment block
    in Vyshhorod, where a Russian missile came down in late November killing 8 civilians" tells
    an earlier strike only; "Russian drones struck Kharkiv, a city that has faced attacks since
    last year" tells one of its own."""
    node = _clause_at(sent, offset, ("relcl",))
    if node is None:
        return False
    clause = {t.i for t in node.subtree}
    told = [t for t in sent_tokens(sent) if (t.lemma_.lower() in ATTACK_WORDS or
            t.lemma_.lower() in CASUALTY_WORDS) and t.dep_ != "amod"]  # "a damaged block"
    return bool(told) and all(t.i in clause for t in told) and \
        bool(rule("attacks.relative-clause-event"))


def _toll_of_a_period(sent, offset: int) -> bool:
    """The time at ``offset`` dates the victims a total counts: "The number of civilians
    killed in Ukraine last month rose steeply, to 174" tells a month's toll, not an attack,
    though "killed … last month" describes the civilians."""
    node = _clause_at(sent, offset, ("relcl", "acl"))
    return node is not None and node.dep_ == "acl" and node.lemma_.lower() in _TOLL_WORDS and \
        node.head.lower_ in _PERSON_NOUNS and bool(rule("attacks.toll-of-a-period"))


# "launched a massive drone attack on the third anniversary of its full-scale invasion": the
# day of the news named by what it marks, not an earlier attack remembered
_ON_THE_ANNIVERSARY = re.compile(r"\bon the (?:\w+ )?anniversary of (?:the |its |russia['’]s |"
                                 r"ukraine['’]s )?(?:full-scale |large-scale )?"
                                 r"(?:invasion|war|independence)\b")


def _dated_starts(sent, published: date | None) -> tuple[list[int], list[int], list[int]]:
    """Where in the sentence's text its background cues, its past months ("in late March")
    and its earlier years ("in 2023", not "a child born in 2013") start: read once per run
    for each sentence, which ``is_background`` and ``dated_clauses`` both ask (the cues not
    "a previous death toll", the attack's own figures, nor "in the past 24 hours", the
    period a report tells)."""
    known = doc_fact(sent.doc, "dated_starts", lambda _: {})
    key = sent.start, sent.end, published
    if key not in known:
        text = span_text(sent).lower()
        cued = [text.find(cue) for cue in _BACKGROUND_CUES.found_in(text)
                if not _TOLL_AFTER.match(text, text.find(cue) + len(cue))
                and not grown_since(sent, text.find(cue))
                and not (_REPORT_PERIOD.match(text, text.find(cue) + len(cue))
                         and rule("attacks.report-period"))
                and not (cue == "anniversary" and _ON_THE_ANNIVERSARY.search(text)
                         and rule("attacks.on-the-anniversary"))]
        months = [m.start() for m in finditer(_PAST_MONTH, text)]
        years = [m.start() for m in finditer(_YEAR, text)
                 if (published is None or int(m[1]) < published.year)
                 and not text[:m.start()].rstrip().endswith("born")]
        known[key] = cued, months, years
    return known[key]


def dated_clauses(sent, published: date | None = None) -> set[int]:
    """Token indices of the relative clauses dated before the news that tell an attack or
    harm: "The city, where a missile killed eight people in late November, was hit again":
    their figures and weapons are an earlier event's."""
    cued, months, years = _dated_starts(sent, published)
    out: set[int] = set()
    for start in (*cued, *months, *years):
        node = _clause_at(sent, start, ("relcl",))
        if node is not None and any(t.lemma_.lower() in ATTACK_WORDS or
                                    t.lemma_.lower() in CASUALTY_WORDS for t in node.subtree):
            out.update(t.i for t in node.subtree)
    if out:
        rule("attacks.dated-relative-clause")
    return out


def _clause_at(sent, offset: int, deps: tuple[str, ...]):
    """The nearest head, up from the word at character ``offset`` of the sentence, that opens
    a clause of one of ``deps`` ("relcl", "acl"); None where there is none."""
    span = sent.doc.char_span(sent.start_char + offset, sent.start_char + offset + 1,
                              alignment_mode="expand")
    node = span.root if span is not None and len(span) else None
    while node is not None and node.head.i != node.i and node.dep_ not in deps:
        node = node.head
    return node if node is not None and node.dep_ in deps else None


def _superlative_yardstick(sent, text: str, offset: int) -> bool:
    """The time at ``offset`` measures a superlative of this attack ("making it one of the
    war's deadliest single attacks in the past few months", "the largest drone attack this
    year"): a yardstick, not an earlier event. The superlative stands in the same clause,
    at most eight words before."""
    for token in sent_tokens(sent):
        at = token.idx - sent.start_char
        if at >= offset:
            break
        if token.tag_ == "JJS" and not any(c in text[at:offset] for c in ",;:.") and \
                len(text[at:offset].split()) <= 8:
            return bool(rule("attacks.superlative-yardstick"))
    return False


_HABITUAL = frozenset(cues()["habitual_adverbs"])
_HABITUAL_ADJECTIVES = frozenset(cues()["habitual_adjectives"])
_HABITUAL_PHRASES = tuple(cues()["habitual_phrases"])
_HABITUAL_WORDS = frozenset(w for phrase in _HABITUAL_PHRASES for w in phrase.split())
_RECENT = tuple(cues()["recent_cues"])
_DAY_WORDS = frozenset(cues()["day_anchor_words"])
_PERSON_NOUNS = frozenset(cues()["person_nouns"])
#: the prepositions that make attacks the backdrop of a sentence's news ("amid Russia's
#: attacks on the energy system", "despite Russian strikes")
_BACKDROP_PREPOSITIONS = frozenset({"amid", "amidst", "despite"})
#: attack nouns that tell a series in the singular ("because of intensified shelling")
_MASS_ATTACK_NOUNS = frozenset({"shelling", "bombardment", "bombing"})
#: "because of …", "due to …", "owing to …": a cause the sentence gives (the word is parsed as
#: the preposition itself, or as the head of "of" / "to")
_CAUSE_WORDS = frozenset({"because", "due", "owing"})
_BACKDROP_WORDS = _BACKDROP_PREPOSITIONS | _CAUSE_WORDS
_AFTERMATH_NOUNS = frozenset({"consequence", "aftermath", "effect", "result"})
_TOLL_WORDS = frozenset(cues()["killed_words"]) | frozenset(cues()["injured_words"])


_NEGATORS = frozenset({"no", "not", "without", "nor", "neither", "nobody", "none", "nothing",
                       "n't"})
_AVERTING = frozenset({"prevent", "avert", "avoid"})
#: verbs that tell harm was found or done: their denial denies it ("damage was not recorded")
_TELLING = frozenset({"cause", "inflict", "record", "report", "register", "observe", "find"})


def denied(token) -> bool:
    """The word of harm or attack is denied: "no casualties", "No civilians were hurt", "was
    not damaged", "there were no 'arrivals' or hits", "Damage … was prevented"."""
    doc = token.doc
    if any(c.dep_ == "neg" for c in token.children) or \
            any(doc[k].lower_ in _NEGATORS for k in range(max(0, token.i - 4), token.i)):
        return True
    head = token.head
    if token.dep_ == "conj" and head.i != token.i and head.i < token.i:
        return denied(head)  # "no “arrivals” or hits": the list's "no" denies each
    return token.dep_ in ("nsubjpass", "dobj", "nsubj") and head.lemma_.lower() in _AVERTING or \
        head.lemma_.lower() in _TELLING and any(c.dep_ == "neg" for c in head.children) and \
        token.dep_ in ("nsubjpass", "dobj")  # "damage was not recorded"; not "the overnight
    # offensive was not limited to Kharkiv", which tells the offensive


def _all_denied(sent) -> bool:
    """Every word of attack or harm in the sentence is denied: "The head of the regional
    administration specified that there were no 'arrivals' or hits in the Mykolaiv region"."""
    told = tokens_with_lemma(sent, _TOLD)
    return bool(told) and all(denied(t) for t in told)


_DETECTION = frozenset(cues()["detection_verbs"])


def _only_detected(sent) -> bool:
    """The sentence's verb only tells weapons seen ("a group of Russian assault drones was
    spotted in Dnipropetrovsk and Kharkiv oblasts", "drones were detected over the Sumy
    region"), with no verb of attack and no harm: drones tracked in flight."""
    lemmas = lemmas_of(sent)
    if lemmas.isdisjoint(_DETECTION) or lemmas & HARM_WORDS:
        return False
    verbs = [t for t in sent_tokens(sent) if t.pos_ == "VERB"]
    return any(t.lemma_.lower() in _DETECTION for t in verbs) and not any(
        t.lemma_.lower() in _ATTACK_VERBS for t in verbs)


def _tries_attacks(verb) -> bool:
    """"have regularly been trying to carry out attacks on Odesa and Mykolaiv oblasts": a verb
    of trying whose complement holds the attack, so the habit is the attacks'."""
    return verb.lemma_.lower() in ("try", "attempt", "seek") and any(
        t.lemma_.lower() in ATTACK_WORDS for c in verb.children if c.dep_ == "xcomp"
        for t in c.subtree) and bool(rule("attacks.habitual-attempts"))


def also_attacked(sent) -> bool:
    """"… UAVs also targeted the trade centre": "also" qualifies a verb of attack."""
    return any(t.lower_ == "also" and t.dep_ == "advmod" and
               t.head.lemma_.lower() in _ATTACK_VERBS for t in sent_tokens(sent))


def _series_happens(verb) -> bool:
    """"Drone attacks on the border regions occur daily": the verb the habit qualifies
    has plural attacks for its subject, so the habit is theirs."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "NNS" and
               c.lemma_.lower() in ATTACK_WORDS for c in verb.children) and \
        bool(rule("attacks.habitual-series"))


def _backdrop(noun) -> bool:
    """The attack noun is the object of "amid" or "despite", or the cause a sentence gives
    ("because of", "due to"), also through "the consequences of" / "the aftermath of"."""
    node = noun
    while node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lemma_.lower() in _AFTERMATH_NOUNS:
        node = node.head.head  # "the consequences of missile attacks"
    if node.dep_ == "pcomp" and node.head.lower_ in _CAUSE_WORDS:
        return True  # "because of shelling by Russian troops", "shelling" parsed as a verb
    if node.dep_ != "pobj":
        return False
    preposition = node.head
    return preposition.lower_ in _BACKDROP_PREPOSITIONS or preposition.lower_ in _CAUSE_WORDS or \
        preposition.lower_ in ("of", "to") and preposition.head.lower_ in _CAUSE_WORDS


_SERIES_QUANTIFIERS = frozenset({"most", "many", "majority", "half", "bulk", "share"})


def _share_of(noun) -> bool:
    """The plural attack noun is what a share is of: "most of the attacks", "the majority of
    strikes", "half of the shelling attacks"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
        noun.head.head.lower_ in _SERIES_QUANTIFIERS


def _qualified_noun(adjective, sent):
    """The attack noun a habitual adjective qualifies: its head ("constant Russian shelling"),
    or the noun right after it where the parser took the adjective for a verb ("has faced
    repeated shelling by militants", parsed with "repeated" as the sentence's verb); None
    where it qualifies no attack noun."""
    if adjective.dep_ == "amod":
        return adjective.head if adjective.head.lemma_.lower() in ATTACK_WORDS else None
    after = adjective.i + 1
    if after < sent.end and adjective.tag_ in ("VBN", "VBD") and \
            adjective.doc[after].tag_ in ("NN", "NNS", "VBG") and \
            adjective.doc[after].lemma_.lower() in ATTACK_WORDS:
        return adjective.doc[after]
    return None


def _only_attack_told(sent, noun) -> bool:
    """Every word of attack in the sentence stands in the phrase of ``noun``: "Amid constant
    shelling, Russian troops struck a hospital" tells a strike besides the shelling."""
    phrase = {t.i for t in noun.subtree}
    return all(t.i in phrase for t in tokens_with_lemma(sent, ATTACK_WORDS))


def _told_of_a_day(sent, skip=frozenset()) -> bool:
    """The sentence is anchored on a day ("on Sunday", "overnight", "throughout the day") or
    tells a toll: a day's attacks, however often the shells fell (the words ``skip`` aside)."""
    return any((t.lower_ in _DAY_WORDS or t.lemma_.lower() in _TOLL_WORDS)
               and t.lower_ not in skip for t in sent_tokens(sent))
_ATTACK_VERBS = frozenset(cues()["attack_verbs"])


def _since_yardstick(sent, text: str, offset: int) -> bool:
    """The date at ``offset`` ends a "since …" clause that measures this attack."""
    since = text.rfind("since ", 0, offset + len("since "))  # the date's own "since …" too
    return since >= 0 and not any(c in text[since:offset] for c in ",;:.") and \
        compared_since(sent, since)


def _in_relative_clause(sent, offset: int) -> bool:
    token = sent.doc.char_span(sent.start_char + offset, sent.start_char + offset + 1,
                               alignment_mode="expand")
    node = token.root if token is not None and len(token) else None
    while node is not None and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "appos"):
            return True
        if node.dep_ == "amod" and node.tag_ == "VBN" and rule("attacks.described-place"):
            return True  # "the frequently targeted city of Nikopol": a description
        if _reduced_relative(node) and rule("attacks.reduced-relative"):
            return True  # "beside a huge dam blown up two months ago": the dam's past
        if node.dep_ == "advcl" and any(  # "on Robotyne, a town Ukraine took in August"
                c.dep_ == "nsubj" and c.lower_ in _PLACE_NOUNS and c.i > 0 and
                node.doc[c.i - 1].lower_ in ("a", "an") and c.i > 1 and
                node.doc[c.i - 2].text == "," for c in node.children):
            return bool(rule("attacks.place-described"))
        node = node.head
    return False


def _reduced_relative(node) -> bool:
    """A past participle right after a thing's noun, with no subject or auxiliary of its own
    ("a dam blown up two months ago"), that the parser hung elsewhere: it describes the
    thing."""
    return node.tag_ == "VBN" and node.i > 0 and node.doc[node.i - 1].pos_ == "NOUN" and \
        node.doc[node.i - 1].lemma_.lower() not in ATTACK_WORDS and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in node.children)


_PLACE_NOUNS = set(cues()["locating_place_nouns"])  # "Robotyne, a town Ukraine took"


_POSSIBILITY = cues()["possibility_nouns"]


def _possible_only(sent) -> bool:
    """"Residents received alert messages as there was a possibility of some objects falling
    from the air": harm told only as possible, in the "of" phrase of a noun of possibility or
    in the words before it ("the alert lasted 14 hours because of the drone attack threat")."""
    tokens = sent_tokens(sent)
    possible: set[int] = set()
    qualified: set[int] = set()  # "messages cautioning them about potential falling objects
    # from the sky": a fall told only as possible (rule attacks.possible-harm-noun)
    threatened: set[int] = set()  # "because of the drone attack threat"
    for token in tokens:
        if token.lower_ in ("potential", "possible") and token.dep_ == "amod":
            qualified.update(t.i for t in token.head.subtree)
        if token.lemma_.lower() in _POSSIBILITY:
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    possible.update(t.i for t in c.subtree)
                elif c.dep_ == "compound":
                    threatened.update(t.i for t in c.subtree)
    harm = {t.i for t in tokens if t.lemma_.lower() in _TOLD and not (
        t.lemma_.lower() == "raid" and t.head.lemma_.lower() in WARNING_NOUNS)}  # "air raid alerts"
    if not harm:
        return False
    if harm <= possible:
        return bool(rule("attacks.possibility"))
    if harm <= possible | qualified:
        return bool(rule("attacks.possible-harm-noun"))
    return harm <= possible | qualified | threatened and bool(rule("attacks.threat-compound"))


WARNING_NOUNS = frozenset(cues()["warning_nouns"])  # "alert", "siren": no attack yet
#: the words that tell an attack, as verbs or nouns ("shelled", "strike")
ATTACK_WORDS = frozenset(cues()["attack_verbs"]) | frozenset(cues()["attack_nouns"])


def _asked_only(sent) -> bool:
    """Every word of attack in the sentence stands in a question asked of someone ("…, he
    said when asked whether Ukraine's recent drone attacks on Moscow were an escalation"): a
    question asserts no strike."""
    asked: set[int] = set()
    for token in sent_tokens(sent):
        if token.lower_ == "whether" and token.dep_ == "mark" and \
                token.head.head.lemma_.lower() in ("ask", "wonder", "question"):
            asked.update(t.i for t in token.head.subtree)
    told = [t.i for t in tokens_with_lemma(sent, ATTACK_WORDS)]
    return bool(asked) and bool(told) and all(i in asked for i in told)


def launched_in_attempt(sent) -> bool:
    """"Russian forces launched 17 Shahed drones … in an attempt to destroy Ukrainian bomber
    planes": the attack only tried to strike, but its weapons were launched and count."""
    lemmas = doc_lemmas(sent.doc)
    for token in sent_tokens(sent):
        if lemmas[token.i] not in ("attempt", "try"):
            continue
        node = token
        for _ in range(3):
            node = node.head
            if lemmas[node.i] in _LAUNCHES and node.pos_ == "VERB":
                # launched: "launched", "have launched", not "would send", "plan to launch"
                return (node.tag_ == "VBD" or node.tag_ == "VBN" and any(
                    lemmas[c.i] == "have" for c in node.children)) and \
                    bool(rule("counts.launched-in-attempt"))
            if node.head is node:
                break
    return False


_LAUNCHES = frozenset({"launch", "fire", "send", "deploy", "use"})


def is_hypothetical(sent) -> bool:
    if sentence_words(sent).isdisjoint(_HYPOTHETICAL_CUES):
        return False  # none of the words read below: the tokens need no reading
    if _possible_only(sent):
        return True
    if "whether" in sentence_words(sent) and _asked_only(sent):
        return bool(rule("attacks.asked-whether"))
    for token in sent_tokens(sent):
        if token.lower_ in ("could", "would", "might", "may") and token.tag_ == "MD" and \
                token.head.lemma_ in ("strike", "attack", "hit", "target", "launch", "intensify"):
            return bool(rule("attacks.hypothetical"))  # a modal verb, not the month: "On
            # Sunday, May 4, the Russians struck Sumy region" tells a strike
        if token.lemma_ in ("threaten", "plan", "warn", "vow", "promise", "want", "seek") and \
                any(g.lemma_ in ("strike", "attack", "hit", "target") for c in token.children
                    if c.dep_ not in ("conj", "cc") and not (
                        token.lemma_ == "seek" and c.dep_ in ("prep", "advcl"))
                    for g in c.subtree):
            return True  # not in a clause joined to it ("…warned, and a target was seen"),
            # nor "sought medical help after a missile struck X": help was sought
        if token.lemma_ not in ("try", "attempt"):
            continue
        tried = {c.i for c in token.children if c.dep_ in ("xcomp", "acl")
                 and c.lemma_ in ("strike", "attack", "hit", "target", "destroy")}
        if tried and not {
                t.lemma_.lower() for t in sent_tokens(sent) if t.i not in tried} & HARM_WORDS:
            # "the invaders tried to attack Kyiv", "Russia's daily attempts to destroy the
            # historic center of Odesa": an attempt, with no harm told, struck nothing
            return bool(rule("attacks.attempt"))
    return False


_CIRCUMSTANCES = frozenset(cues()["circumstance_nouns"]) | frozenset(cues()["pressure_nouns"])


def _hit_by_circumstance(sent) -> bool:
    """Every word of attack or harm in the sentence is "hit" or "target" whose subject is a
    circumstance or a measure, not a weapon or a force: "The shortages have hit hardest in
    Russia's Far East and Crimea", "the crisis hit the region's farms", "The new sanctions
    target 22 individuals … that advanced Moscow's objectives"."""
    told = tokens_with_lemma(sent, _TOLD)
    return bool(told) and all(
        t.lemma_.lower() in ("hit", "target") and any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in _CIRCUMSTANCES
                                   or c.lower_ in _CIRCUMSTANCES) for c in t.children)
        for t in told)


#: the words ``is_hypothetical`` (and ``_possible_only``) look for, as words or lemmas
_HYPOTHETICAL_CUES = frozenset(("could", "would", "might", "may", "threaten", "plan", "warn",
                                "vow", "promise", "want", "seek", "try", "attempt",
                                "whether", "potential", "possible")) | \
    frozenset(_POSSIBILITY)


# what a sentence tells was harmed; an attack verb alone is no harm ("tried to attack")
CASUALTY_WORDS = frozenset(cues()["killed_words"]) | frozenset(cues()["injured_words"])
HARM_WORDS = CASUALTY_WORDS | (
    frozenset(cues()["damage_words"]) - {"attack", "strike", "hit"})
_TOLD = HARM_WORDS | cues()["attack_verbs"] | cues()["attack_nouns"]  # harm or an attack told


_NO_DAMAGE = cues()["no_damage_phrases"]


_PLACE_KINDS = frozenset(cues()["hromada_words"]) | frozenset(cues()["region_words"]) | {
    "settlements", "villages", "towns", "cities", "city", "town", "village", "district",
    "districts", "raion", "raions"}
# what "the affected …" names as places hit: "the affected communities include …"
_AFFECTED_PLACES = frozenset(cues()["hromada_words"]) | {
    "settlements", "villages", "towns", "cities", "districts"}


_UTILITIES = {"power", "electricity", "water", "gas", "heat", "heating", "energy"}


def _utility_supply(sent) -> bool:
    """Every "supply" of the sentence is a utility's ("the power supply", "water supply")."""
    found = [t for t in sent_tokens(sent) if t.lemma_.lower() == "supply"]
    return bool(found) and all(any(c.lower_ in _UTILITIES for c in t.children) or (
        t.i > 0 and t.doc[t.i - 1].lower_ in _UTILITIES) for t in found)


def _places_affected(sent) -> bool:
    """"Maryinka, Krasnohorivka and Avdiyivka were affected", "the affected communities include
    Khotyn, Yunakiv …": the regional heads' word for places hit (attacks.places-affected);
    not "the people affected", nor what a power outage affected."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() != "affect":
            continue
        if token.dep_ == "amod" and token.head.lower_ in _AFFECTED_PLACES:
            return bool(rule("attacks.places-affected"))
        subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        by = [g.lemma_.lower() for c in token.children if c.dep_ == "agent" for g in c.subtree]
        if by and not set(by) & (cues()["attack_nouns"] | cues()["attack_verbs"]):
            continue  # "Ukrzaliznytsia was affected by the power outage": not by an attack
        if subjects and (subjects[0].pos_ == "PROPN" and subjects[0].ent_type_ not in (
                "ORG", "PERSON", "NORP") or subjects[0].lower_ in _PLACE_KINDS and
                         any(t.pos_ == "PROPN" for t in subjects[0].subtree)) and \
                rule("attacks.places-affected"):
            return True  # "Pokrovsky district, Maryinka and Avdiyivka were affected"
    return False


def _went_after(sent) -> bool:
    """"Russian forces went after the Nikopol, Pokrovske, and Marhanets communities": "go
    after" places (a name, or communities, villages, districts) is to attack them; not "went
    to the shelter after the blast", "went after midnight"."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() != "go":
            continue
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "after":
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" and obj.ent_type_ not in (
                        "PERSON", "NORP", "DATE", "TIME") or any(
                        t.lower_ in _PLACE_KINDS for t in obj.subtree)) \
                        and rule("attacks.went-after"):
                    return True
    return False


_MOST = frozenset({"most", "least", "more", "less"})


def _places_suffered(sent) -> bool:
    """"Chervonohryhorivska and Marhanetska communities suffered", "The Synelnykove district
    suffered — the Mezhova, Slovianka … hromadas", "Novorossiysk suffered the most": a place
    that suffered, with nothing named that it suffered (the officials' word for places hit,
    as "were affected"); not "Kharkiv suffered a blackout", nor a person or a company."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() != "suffer" or token.pos_ != "VERB":
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not subjects or any(o.lower_ not in _MOST and o.lower_ not in _AFFECTED_PLACES
                               for o in objects):
            continue
        subject = subjects[0]
        if (subject.pos_ == "PROPN" and subject.ent_type_ not in ("ORG", "PERSON", "NORP") or
                subject.lower_ in _PLACE_KINDS and any(
                    t.pos_ == "PROPN" or t.lower_ == "these" for t in subject.subtree)) and \
                rule("attacks.places-suffered"):
            return True
    return False


# a campaign, not a strike: "Russia is focusing its main offensive efforts on the east"
_CAMPAIGN_NOUNS = frozenset(cues()["ground_operation_nouns"]) & frozenset(cues()["attack_nouns"])
_GROUND_OPERATIONS = frozenset(cues()["ground_operation_nouns"])
_SABOTAGE = frozenset(cues()["sabotage_words"])  # rule attacks.sabotage-raid
_SABOTAGE_PHRASES = tuple(cues()["sabotage_phrases"])
_BLASTS = frozenset(cues()["sound_nouns"]) | {"explode", "detonate"}
# "the overnight offensive was not limited to Kyiv": the night's air attack, no campaign
_AIR_CAMPAIGN = frozenset(cues()["air_campaign_words"])


def sabotage_raid(sent, has_weapon: bool) -> bool:
    """"A group of Ukrainian saboteurs entered the region and opened fire on a car": a raid on
    the ground, another event than a strike from the air; what follows of it ("two people died
    in the incident") is not the strike's toll either."""
    if has_weapon:
        return False
    words = sentence_words(sent)
    if words.isdisjoint(_SABOTAGE) and ("sabotage" not in words or not any(
            phrase in span_text(sent).lower() for phrase in _SABOTAGE_PHRASES)):
        return False  # each phrase holds the word "sabotage"
    return bool(rule("attacks.sabotage-raid"))


#: aircraft a side flies itself: one of them crashing is an accident, not a strike
_OWN_AIRCRAFT = frozenset({"warplane", "plane", "aircraft", "jet", "helicopter", "bomber",
                           "fighter", "airliner"})


def aircraft_accident(sent) -> bool:
    """"Moscow said a Russian warplane crashed in a residential area in the Russian port of Yeysk
    …, after an engine caught fire during takeoff": an aircraft that crashed, with nothing said
    to have brought it down, is an accident; the places of its sentence were not attacked. "A
    Russian jet was shot down and crashed in Bakhmut" is told downed, and "a drone crashed into
    a house" is no aircraft of this kind."""
    if "crash" not in sentence_words(sent) or told_downed(sent):
        return False  # the lemma set first: this is asked of every sentence
    return any(t.lemma_.lower() == "crash" and t.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _OWN_AIRCRAFT for c in t.children)
        for t in sent_tokens(sent)) and bool(rule("attacks.aircraft-accident"))


def _sounds_reported(sent, sounds: set[str]) -> bool:
    """"Explosions were also reported in Khmelnytskyi and Zhytomyr oblasts": the sounds are
    what was told (a saying verb in the passive), as they are what was heard in "explosions
    were heard in Kyiv"."""
    return any(t.lemma_.lower() in sounds and t.head.lemma_.lower() in SAYING_VERBS and (
        t.dep_ == "nsubjpass" or t.dep_ == "dobj" and rule("attacks.explosions-reported-object"))
        for t in sent_tokens(sent))  # "Later reports confirmed explosions in Kyiv"


SAYING_VERBS = frozenset(cues()["saying_verbs"])


def _sounds_were(sent, sounds: set[str]) -> bool:
    """"Explosions were in Kyiv, Odesa and Dnipro", "There were explosions in Sumy": the
    sounds only said to have been there, as "explosions were heard" says; not where they were
    at a building ("There was an explosion in a residential building in Odesa") or the clause
    goes on ("…, and the building was left in ruins")."""
    for t in sent_tokens(sent):
        if t.lemma_.lower() in sounds and t.dep_ in ("nsubj", "attr") and \
                t.head.lemma_.lower() == "be":
            verb = t.head
            where = [g for c in (*verb.children, *t.children) if c.dep_ == "prep"
                     for g in c.children if g.dep_ == "pobj"]
            return bool(where) and all(g.pos_ == "PROPN" or g.lower_ in _PLACE_KINDS
                                       for g in where) and \
                not any(c.dep_ == "conj" for c in verb.children)
    return False



def _not_included(sent) -> bool:
    """The sentence's verb is a denied "include" or "count" ("These numbers don't include
    casualties in occupied Mariupol"): what it names lies outside a total."""
    return any(t.lemma_.lower() in ("include", "count", "cover") and
               t.dep_ in ("ROOT", "ccomp") and any(c.dep_ == "neg" for c in t.children)
               for t in sent_tokens(sent))


_RECORDING_VERBS = frozenset({"record", "register", "observe", "note", "report"})


def _most_recorded(sent) -> bool:
    """The sentence says where most attacks were recorded ("The most shelling was recorded in
    the Sumy and Shostka districts", "Most attacks were registered in …"). The "most" is a word
    of the sentence (a subtree stays within it), so a sentence without one is answered at once."""
    if "most" not in sentence_words(sent):
        return False
    return any(t.lemma_.lower() in _RECORDING_VERBS and any(
        c.dep_ in ("nsubjpass", "nsubj") and any(g.lower_ == "most" for g in c.subtree)
        for c in t.children) for t in sent_tokens(sent))


_ON_THE_GROUND = frozenset(cues()["ground_attack_modifiers"])  # "a ground assault"


_REPAIR_VERBS = frozenset(cues()["repair_verbs"])
_REPAIR_NOUNS = frozenset(cues()["repair_nouns"])


def _repair_news(sent) -> bool:
    """The sentence's main verb, or the purpose of it, tells a repair ("were renovated",
    "will go to a supplier to refurbish …") and every word of attack or harm stands in a clause
    that describes a noun ("schools damaged by Russian attacks", "homes that the strike
    destroyed", "damaged infrastructure")."""
    root = sent.root
    by_purpose = root.lemma_.lower() not in _REPAIR_VERBS
    if by_purpose and not _funds_a_repair(sent, root):
        return False
    harm = [t for t in sent_tokens(sent) if t.lemma_.lower() in ATTACK_WORDS or
            t.lemma_.lower() in _DAMAGE]
    return all(_describes_a_noun(t, root) for t in harm) and (
        not by_purpose or bool(rule("attacks.funds-a-repair")))


def _funds_a_repair(sent, root) -> bool:
    """The sentence gives money or help for a repair: its main verb's purpose is one ("2.6
    million euros will go to a heating supplier in Kramatorsk to refurbish damaged
    infrastructure", "has been earmarked to speed up the restoration of the plant")."""
    return any(t.dep_ in ("xcomp", "advcl") and t.head.i == root.i and any(
        g.lemma_.lower() in _REPAIR_VERBS | _REPAIR_NOUNS for g in t.subtree)
        for t in sent_tokens(sent))


def _describes_a_noun(token, root) -> bool:
    """``token`` stands in a clause that modifies a noun, below ``root``."""
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ in ("acl", "relcl") or token.dep_ == "amod" and token.tag_ == "VBN":
            return True
        token = token.head
    return False


def is_attack_sentence(sent, has_weapon: bool, has_figures: bool,
                        names_place: bool = False) -> bool:
    words = cues()
    lemmas = lemmas_of(sent)
    text = span_text(sent).lower()
    if any(phrase in text for phrase in _NO_DAMAGE) and not has_figures and \
            rule("attacks.no-damage"):
        return False  # debris "fell in a field, causing no damage"; "Kyiv's air defenses were
        # activated without any reported damage"
    if not has_figures and has_weapon and _only_detected(sent) and \
            rule("attacks.weapons-detected"):
        return False  # "a group of Russian assault drones was spotted in Dnipropetrovsk and
        # Kharkiv oblasts": drones in flight, seen, not yet striking
    if not has_figures and not has_weapon and _all_denied(sent) and rule("attacks.all-denied"):
        return False  # "there were no “arrivals” or hits in the Mykolaiv region"
    if not has_figures and not has_weapon and not lemmas.isdisjoint(("hit", "target")) and \
            _hit_by_circumstance(sent) and rule("attacks.hit-by-circumstance"):
        return False  # "The shortages have hit hardest in Russia's Far East and Crimea", "The
        # new sanctions target 22 individuals"
    if not has_figures and not lemmas.isdisjoint(_REPAIR_VERBS) and _repair_news(sent) and \
            rule("attacks.repair-news"):
        return False  # "five schools damaged by Russian attacks were renovated in Malyn": the
        # repair is the news; the harm only describes what was repaired
    if not has_figures and _most_recorded(sent) and rule("attacks.most-recorded-in"):
        return False  # "The most shelling was recorded in the Sumy and Shostka districts":
        # where the day's tally was highest, no strike of its own
    supplied = lemmas & words["supply_words"]
    if supplied:
        supplied = supplied - _supply_words_describing(sent, supplied)
    if supplied & {"deploy", "deliver"}:
        supplied = supplied - _supply_words_of_attack(sent)
    if "supply" in supplied and _utility_supply(sent):
        supplied = supplied - {"supply"}  # "cut off from the power supply": no weapons
    if supplied and not has_figures:  # the tree is walked only where a supply word stands
        targets = _struck_targets(sent) & supplied
        if targets and rule("attacks.struck-facility"):
            supplied = supplied - targets
    if supplied and not has_figures and not lemmas & (
            _DAMAGE - {"attack", "strike", "shell", "bomb"}) and not _supply_only_quoted(sent):
        return False  # weapons supplied, requested, produced: not used in an attack
    if any(phrase in text for phrase in words["alert_phrases"]):
        rule("attacks.air-raid-alert")
        lemmas = lemmas - {"raid", "alert"}  # "air raid alerts sounded in Kyiv": no attack yet
    # "bomb shelters", "drone alerts": a weapon word naming something else
    # (the head and the object looked for below are words of the sentence, whose parse tree
    # stays within it: a sentence with none of them is spared walking its tokens)
    known = sentence_words(sent)
    if not known.isdisjoint(_UNRELATED_HEADS):
        lemmas = lemmas - {t.lemma_.lower() for t in sent_tokens(sent) if t.dep_ == "compound"
                           and t.head.lower_ in _UNRELATED_HEADS}
    named = lemmas & ATTACK_WORDS
    if named and not known.isdisjoint(_GROUND_OPERATIONS):
        invading = {t.i for t in sent_tokens(sent) if t.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _GROUND_OPERATIONS for c in t.children)}
        launched = {t.lemma_.lower() for t in sent_tokens(sent) if t.i in invading} - {
            t.lemma_.lower() for t in sent_tokens(sent) if t.i not in invading}
        if launched & named and rule("attacks.launched-invasion"):
            named = named - launched  # "since it launched its full-scale invasion": the war's
            # start, no attack told
    if any(phrase in text for phrase in words["loud_phrases"]) and \
            lemmas & set(words["hromada_words"]) and rule("attacks.it-was-loud"):
        named = named | {"loud"}  # "It was loud in the district center and the Marhanets
        # community": the officials' word for the shelling of their communities
    if "affect" in lemmas and _places_affected(sent):
        named = named | {"affect"}
    if "go" in lemmas and not named and _went_after(sent):
        named = named | {"go"}
    if "suffer" in lemmas and not named and _places_suffered(sent):
        named = named | {"suffer"}
    if (named and named <= _DEBRIS or not named and has_weapon and lemmas & set(_DEBRIS)) and \
            lemmas & _FOUND and not has_figures and not lemmas & (_DAMAGE - _DEBRIS - {"fall"}):
        rule("attacks.debris-found")
        return False  # "the village of Plauru, where the first two fragments turned up";
        # "Pieces of six drones that breached the airspace of Poland were discovered in …"
    sounds = set(words["sound_nouns"])
    heard = named
    aside = has_weapon and bool(named & sounds) and not has_figures and _weapons_aside(sent)
    if aside:
        heard = named - _amid_only(sent)  # "blasts were heard in Odesa amid a Russian missile
        # attack"; "… heard in Kyiv, but authorities said air defense units had stopped
        # incoming missiles"
    if heard and heard <= sounds and (lemmas & set(words["hearing_verbs"]) or _sounds_reported(
            sent, sounds) or _sounds_were(sent, sounds)) and not has_figures and (
            not has_weapon or aside) and \
            not lemmas & (set(_DAMAGE) - sounds - {"attack", "strike"}):
        rule("attacks.explosions-heard")
        return False  # "explosions were heard in Kyiv": heard, not said to have hit there
    if lemmas & set(words["air_traffic_nouns"]) and lemmas & set(words["disruption_words"]) and \
            not has_figures and not lemmas & (set(_DAMAGE) - {"attack", "strike"}):
        rule("attacks.flights-halted")
        return False  # "the attack led to a suspension of flights at Moscow's airports"
    if lemmas & set(words["ground_combat_words"]) and lemmas & set(words["front_words"]) and \
            named <= {"attack", "assault", "offensive", "strike"} and not has_weapon and \
            not has_figures:
        rule("attacks.ground-fighting")
        return False  # "conducted seven offensive actions near Berestove; four were repelled"
    if named and named <= {"attack", "assault", "offensive", "operation"} and \
            not has_figures and not has_weapon and all(
                any(c.dep_ in ("amod", "compound") and c.lower_ in _ON_THE_GROUND
                    for c in t.children)
                for t in tokens_with(sent, named, lemmas=True)) and \
            rule("attacks.ground-assault"):
        return False  # "following a successful ground assault in the Kharkiv region"
    if named and named <= _CAMPAIGN_NOUNS and not has_figures and not has_weapon and not any(
            c.lower_ in _AIR_CAMPAIGN
            for t in tokens_with(sent, named, lemmas=True) if t.lemma_.lower() in named
            for c in t.children) and rule("attacks.ground-fighting"):
        return False  # "Russia is focusing its main offensive efforts on Ukraine's east"
    used = _used_in_the_trend(sent) if named and has_weapon and not has_figures else frozenset()
    if named and not has_figures and (not has_weapon or used) and \
            _only_averted_or_trend(sent, named, used):
        return False  # "… a buffer zone … to stop more attacks across the border"; "… will
        # move 9,000 children … amid rising numbers of attacks by Ukraine": no attack told
    if named and not has_figures and not has_weapon and _only_not_commented(sent, named):
        rule("attacks.not-commented")
        return False  # "the authorities … have not yet commented on the aftermath of the attacks"
    if named - CASUALTY_WORDS <= _BLASTS and not has_weapon and (named & _BLASTS or sum(
            lemma in CASUALTY_WORDS
            for lemma in doc_lemmas(sent.doc)[sent.start:sent.end]) <= 1) and any(
            phrase in text for phrase in words["unidentified_objects"]) and \
            rule("attacks.unidentified-object"):
        return False  # "a man was injured by the blast of an unidentified object": no strike
    if named <= CASUALTY_WORDS | {"casualty", "victim", "toll"} and not has_weapon and \
            not has_figures and _not_included(sent) and rule("attacks.not-included"):
        return False  # "These numbers don't include casualties in occupied Mariupol"
    named_attack = bool(named)
    if not has_figures and not named_attack and not lemmas & (_DAMAGE | _IMPACT) and (
            lemmas & _FLIGHT and _flight_verbs(sent) or "take" in lemmas and _takes_off(sent)):
        rule("attacks.flight-only")
        return False  # "a drone was detected flying toward Vulcanesti": tracked, not struck
    if has_figures and names_place and not named_attack and not has_weapon and \
            lemmas & set(words["discovery_verbs"]):
        rule("attacks.bodies-found")
        return False  # "the bodies of civilians slain during the occupation were found in X"
    attack = named_attack or has_figures
    if not (attack or has_weapon):
        return False
    intercept = lemmas & words["interception_words"] or _air_defence(sent) or \
        _weapon_destroyed(sent)
    damage = _DAMAGE - {"attack", "strike"}
    if intercept and not has_figures and any(
            phrase in text for phrase in words["harmless_fall_phrases"]) and \
            rule("attacks.fell-harmlessly"):
        return False  # "downed a second missile near Azov, with debris falling in an
        # unpopulated area"
    if intercept:
        damage = damage - {"destroy"}  # air defence destroyed the drones: not damage
        unreported = unreported_harm(sent)
        if lemmas & damage and not (lemmas - unreported) & damage and not has_figures:
            rule("attacks.harm-not-reported")  # the only harm words are of unknown harm
        lemmas = lemmas - unreported
    if intercept and not lemmas & damage and not has_figures and not _rest_struck(sent):
        rule("attacks.intercepted-only")
        return False  # only shot down over the place, or an attack prevented
    return attack or has_weapon


_COMMENT_VERBS = frozenset(cues()["comment_verbs"])


def _flight_verbs(sent) -> bool:
    """A word of flight stands as a verb ("detected flying", "spotted over"), not as a noun
    ("Missiles ripped into parks and tourist spots in Kyiv")."""
    return any(t.lemma_.lower() in _FLIGHT and t.pos_ in ("VERB", "AUX")
               for t in sent_tokens(sent)) or not bool(rule("attacks.flight-word-noun"))


def _rest_struck(sent) -> bool:
    """Beside the shoot-down, the rest of the wave struck something: "five of the six drones
    were shot down, with the remaining one striking an infrastructure facility near X"."""
    return any(t.lemma_.lower() in ("strike", "hit") and t.pos_ == "VERB" and
               t.dep_ in ("pcomp", "advcl", "conj") and
               any(c.dep_ == "dobj" for c in t.children) and
               any(c.dep_ == "nsubj" for c in t.children)
               for t in tokens_with(sent, ("strike", "hit"), lemmas=True)) and \
        bool(rule("attacks.rest-struck"))


def _only_not_commented(sent, named: set[str]) -> bool:
    """Every attack word of the sentence lies under a denied verb of comment ("have not yet
    commented on the aftermath of the attacks", "did not elaborate on the strike"): it tells
    that nothing was said, not that a place was struck."""
    silent = [t for t in tokens_with(sent, _COMMENT_VERBS, lemmas=True)
              if t.lemma_.lower() in _COMMENT_VERBS and any(c.dep_ == "neg" for c in t.children)]
    if not silent:
        return False  # (before the sentence's attack words are looked for)
    inside: set[int] = set()
    stack = list(silent)
    while stack:  # the verb's own phrases, not a clause joined to it ("…, but the strike …")
        token = stack.pop()
        inside.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in ("conj", "cc"))
    told = [t for t in sent_tokens(sent) if t.lemma_.lower() in named or t.lower_ in named]
    return bool(silent) and bool(told) and all(t.i in inside for t in told) and not any(
        t.lemma_.lower() in _DAMAGE - {"attack", "strike"} and t.i not in inside
        for t in sent_tokens(sent))


_AVERTING = frozenset(cues()["averting_verbs"])
_PROTECTING = frozenset(cues()["protecting_verbs"])
_TREND_NOUNS = frozenset(cues()["trend_nouns"])
_TREND_VERBS = frozenset(cues()["trend_verbs"])


def _only_averted_or_trend(sent, named: set[str], used: frozenset[int] = frozenset()) -> bool:
    """Every attack word of the sentence is one to be prevented ("to stop more attacks across
    the border", "to protect the city against attacks") or a trend ("amid rising numbers of
    attacks by Ukraine", "as attacks mount"), and no harm is told: no attack happened in it."""
    told = tokens_with_lemma(sent, named)
    if not told or any(t.lemma_.lower() in _DAMAGE - {"attack", "strike"} and t not in told
                       and not _aim_of_the_trend(t) for t in sent_tokens(sent)):
        return False
    told = [t for t in told if t.i not in used and not _aim_of_the_trend(t)]
    if not told:
        return False
    readings = {_averted(t) for t in told}
    if None in readings:
        return False
    if "stop" in readings:
        rule("attacks.attacks-to-stop")
    if "trend" in readings:
        rule("attacks.attacks-mounting")
    return True


def _used_in_the_trend(sent) -> frozenset[int]:
    """The tokens of the sentence's weapons when every one is listed after the "using" of a
    verb of a campaign grown, before its aim ("Russia has lately intensified attacks on Sumy,
    using missiles and drones to wreck …"): what the campaign uses; else none."""
    if "use" not in sentence_words(sent):
        return frozenset()  # no "using": the tokens need no reading
    spans = weapon_spans_in(sent)
    using = next((t for t in sent_tokens(sent) if _grown_campaign_use(t)), None)
    if not spans or using is None:
        return frozenset()
    stop = next((t.i for t in sent_tokens(sent) if t.i > using.i and t.lower_ == "to"
                 and t.dep_ == "aux"), sent.end)
    if not all(using.i < w.start and w.end <= stop for w in spans) or \
            not rule("attacks.trend-aim"):
        return frozenset()
    return frozenset(i for w in spans for i in range(w.start, w.end))


def _grown_campaign_use(token) -> bool:
    """``token`` is the "using" of a verb of a campaign grown ("intensified attacks …, using
    …")."""
    return token.lemma_.lower() == "use" and token.dep_ == "advcl" and _steps_up(token.head)


def _aim_of_the_trend(token) -> bool:
    """A harm word told as an aim, in an infinitive ("intensified attacks …, using missiles …
    to wreck power plants and kill civilians"), or joined to one: what the campaign is for, no
    harm that befell."""
    verb = token
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    node = verb.head  # the "using" of a grown campaign it is the aim of, or its object
    for _ in range(3):
        if _grown_campaign_use(node) or _steps_up(node):  # (the parser may hang the list
            return bool(rule("attacks.trend-aim"))  # on the grown verb itself)
        if node.head.i == node.i:
            break
        node = node.head
    return False  # "The enemy continues to attack residential areas": no aim of a campaign


def _averted(token) -> str | None:
    """How ``token`` (an attack word) tells no attack: "stop" (to be prevented), "trend", or
    None."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _AVERTING:
        return "stop"  # "to stop more attacks"
    node = token
    for _ in range(3):  # "barred from striking facilities in Kyiv" ("striking" parsed as the
        # verb's object or as a modifier of "facilities")
        if node.head.i == node.i:
            break
        if node.head.lower_ == "from" and node.head.head.lemma_.lower() in _AVERTING:
            return "stop"
        node = node.head
    if token.dep_ == "pobj" and head.lower_ in ("against", "from") and \
            head.head.lemma_.lower() in _PROTECTING:
        return "stop"  # "to protect the city against attacks"
    if token.dep_ == "pobj" and head.lower_ in ("of", "in") and \
            head.head.lemma_.lower() in _TREND_NOUNS:
        return "trend"  # "amid rising numbers of attacks"
    if token.dep_ == "nsubj" and head.lemma_.lower() in _TREND_VERBS:
        return "trend"  # "as attacks mount"
    stepped = head if token.dep_ == "dobj" else (
        _clause_head(head) if token.dep_ == "advcl" and token.tag_ == "VBG" else None)
    if stepped is not None and _steps_up(stepped) and (
            token.dep_ == "dobj" or any(c.dep_ == "dobj" and c.lemma_.lower() in _THE_ATTACK
                                        for c in stepped.children)) and \
            not _told_of_a_day(sent := sentence_of(token.doc, token.i), skip=frozenset(
                t.lower_ for t in sent_tokens(sent) if t.pos_ == "VERB" and
                _aim_of_the_trend(t))) and rule("attacks.stepped-up"):
        return "trend"  # "Russia has stepped up its attacks on Ukrainian port infrastructure
        # …, hitting Ukraine's river ports Izmail and Reni": the campaign, no day's attack
    return None


def _clause_head(verb):
    """The verb a participle's clause hangs on, past an "after doing …" phrase it may hang on
    instead ("has stepped up its strikes … after quitting the grain deal, hitting …")."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    return verb


def _steps_up(verb) -> bool:
    """"stepped up", "ramped up", "intensified", "escalated": a campaign grown."""
    lemma = verb.lemma_.lower()
    return lemma in _TREND_VERBS or (lemma in ("step", "ramp") and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))


_NO_WORD_NOUNS = cues()["unreported_nouns"]


def unreported_harm(sent) -> set[str]:
    """Damage or casualty words that a report says nothing of ("… had destroyed seven drones,
    but gave no details of damage or casualties", "with no mention of casualties"): told as
    unknown, they are no harm of the sentence."""
    out = set()
    for token in sent_tokens(sent):
        lemma = token.lemma_.lower()
        if lemma not in _DAMAGE:
            continue
        head, hops = token, 0
        while head.dep_ in ("conj", "pobj", "prep", "compound", "amod") and hops < 4:
            head = head.head
            hops += 1
        if head.lower_ in _NO_WORD_NOUNS and (any(
                c.dep_ == "det" and c.lower_ == "no" for c in head.children) or _not_given(head)):
            out.add(lemma)
        elif head.dep_ in ("nsubjpass", "dobj") and head.head.lemma_.lower() in _PREVENTED and \
                not any(c.dep_ == "neg" for c in head.head.children) and \
                rule("attacks.harm-prevented"):
            out.add(lemma)  # "Destruction and casualties were prevented", "averted casualties"
    return out


_PREVENTED = frozenset({"prevent", "avert", "avoid"})


def harm_told(sent) -> set[str]:
    """The harm words the sentence tells as done, not as unknown ("without offering details
    on damage")."""
    harm = lemmas_of(sent) & HARM_WORDS
    return harm - unreported_harm(sent) if harm else harm


def _not_given(noun) -> bool:
    """The verb of the noun says it was not given: "without offering details on damage", "did
    not give details of casualties"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    return any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "without")


def _in_amid(token) -> bool:
    """``token`` lies in an "amid" or "during" phrase (within four steps up)."""
    node = token
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ in ("amid", "during", "amidst"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _amid_only(sent) -> set[str]:
    """The lemmas that stand in the sentence only inside "amid"/"during" phrases."""
    inside, outside = set(), set()
    for token in sent_tokens(sent):
        (inside if _in_amid(token) else outside).add(token.lemma_.lower())
    return inside - outside


def _weapons_aside(sent) -> bool:
    """Every weapon of the sentence is in an "amid" or "during" phrase ("blasts were heard in
    Dnipro and Odesa amid a Russian missile attack"): the wave the sounds came in; or what air
    defence stopped ("… had stopped incoming missiles"): not a weapon that struck the places."""
    doc = sent.doc
    weapons = [doc[w.start] for w in weapon_spans_in(sent)]
    if not weapons:
        return False
    amid = [_in_amid(w) for w in weapons]
    stopped = [_stopped(w) for w in weapons]
    if not all(a or b for a, b in zip(amid, stopped)):
        return False
    if any(amid):
        rule("attacks.heard-amid-attack")
    if any(stopped):
        rule("attacks.heard-weapons-stopped")
    return True


_STOPPING = frozenset(cues()["interception_words"]) | {"stop", "destroy"}


def _stopped(token) -> bool:
    """``token`` (a weapon word, or the noun it modifies) is what a verb of interception took
    as its object ("air defense units had stopped incoming missiles")."""
    node = token
    while node.dep_ in ("compound", "amod") and node.head.i != node.i:
        node = node.head
    return node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in _STOPPING


def _weapon_spans(doc) -> list:
    """The weapon mentions the weapons component marked, as spans (made once per run)."""
    return list(doc.spans["sg_weapons"]) if "sg_weapons" in doc.spans else []


def weapon_spans(doc) -> list:
    """The weapon mentions of the doc, as spans labelled with their kind (read once per doc)."""
    return doc_fact(doc, "weapon_spans", _weapon_spans)


def weapon_tokens(doc) -> frozenset[int]:
    """The indices of the tokens of every weapon mention of the doc (read once per doc)."""
    return doc_fact(doc, "weapon_tokens", lambda _: frozenset(
        i for w in weapon_spans(doc) for i in range(w.start, w.end)))


def weapon_spans_in(sent) -> list:
    """The weapon spans that start in ``sent`` (a span), in the doc's order: found by their
    starts (``ByStart``, made once per run), not by a scan of every weapon of the doc."""
    doc = sent.doc
    by_start = doc_fact(doc, "weapon_spans_by_start", lambda _: ByStart(weapon_spans(doc)))
    return by_start.within(sent.start, sent.end)


def told_downed(sent) -> bool:
    """The sentence tells weapons brought down: "shot down", "intercepted", or "a drone was
    destroyed over the Oryol region"."""
    return bool(lemmas_of(sent) & cues()["interception_words"]) or _weapon_destroyed(sent) or \
        not sentence_words(sent).isdisjoint(_AT_WORK) and \
        _DEFENCE_AT_WORK.search(span_text(sent)) is not None and \
        bool(rule("attacks.air-defence-active"))


#: "air defences were also active over the Chernihiv region": the officials' word for weapons
#: being brought down there (the air-defence words are the project's modifiers of air defence)
_AT_WORK = frozenset({"active", "working", "operating", "action"})
_DEFENCE_AT_WORK = re.compile(
    r"\b(?:%s)s?(?: systems?| forces?| units?)? (?:was|were|is|are|had been|has been|have been)"
    r" (?:also |again )?(?:active|working|operating|in action)\b"
    % "|".join(re.escape(m) for m in sorted(cues()["air_defence_modifiers"], key=len,
                                             reverse=True)), re.IGNORECASE)


def _weapon_destroyed(sent) -> bool:
    """"A fourth drone was destroyed over the Oryol region": a weapon the sentence says was
    destroyed was brought down, as "shot down" says (a building destroyed is damage), when the
    sentence names no other weapon. Read once per run for each sentence (``told_downed`` and
    ``is_attack_sentence`` both ask it)."""
    known = doc_fact(sent.doc, "weapon_destroyed", lambda _: {})
    key = sent.start, sent.end
    if key not in known:
        known[key] = _read_weapon_destroyed(sent)
    return known[key]


def _read_weapon_destroyed(sent) -> bool:
    from kg.extract.attack_weapons import only_downed

    doc = sent.doc
    weapons = weapon_spans_in(sent)
    # every weapon of it brought down: not "… were destroyed, but five drones attacked X"
    if weapons and all(only_downed(doc, w, sent) for w in weapons):
        return bool(rule("attacks.weapon-destroyed"))
    return False


def _takes_off(sent) -> bool:
    """"a MiG-31K took off in Tambov Oblast": an aircraft leaving, nothing struck."""
    return any(t.lemma_.lower() == "take" and any(c.dep_ == "prt" and c.lower_ == "off"
                                                  for c in t.children)
               for t in tokens_with(sent, ("take",), lemmas=True))


def _struck_targets(sent) -> set[str]:
    """Lemmas of what an attack word aims at ("a strike on a power plant", "drones attacked a
    warehouse"): a plant or a warehouse struck, not one that makes or stores weapons."""
    words = cues()
    attack = words["attack_verbs"] | words["attack_nouns"]
    out = set()
    for token in sent_tokens(sent):
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in ("on", "at", "against") and (
                head.head.lemma_.lower() in attack or any(  # "a series of strikes on"
                    c.lower_ == "of" and any(g.lemma_.lower() in attack for g in c.children)
                    for c in head.head.children)):
            out.add(token.lemma_.lower())
        elif token.dep_ == "dobj" and head.lemma_.lower() in attack:
            out.add(token.lemma_.lower())
    return out


_QUOTE_MARKS = {'"', "“", "”"}
#: what a supply clause may describe that is weapons or help with them ("the weapons that
#: Germany refused to supply", "a request that …")
_ARMS_NOUNS = frozenset({"weapon", "weaponry", "arm", "arms", "munition", "ammunition", "system",
                         "equipment", "shell", "round", "aid", "package", "help", "assistance",
                         "request", "kind", "type", "model"})


def _supply_words_of_attack(sent) -> set[str]:
    """"The enemy deployed artillery to attack the villages of …, delivering 90 strikes in
    all": a weapon deployed for an attack, told by an infinitive of attack, is used, not
    supplied; strikes delivered are strikes made."""
    weapons = weapon_tokens(sent.doc)
    out = set()
    for verb in sent_tokens(sent):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in ("deploy", "deliver"):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if lemma == "deploy" and any(c.i in weapons for c in objects) and any(
                c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _ATTACK_VERBS and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in verb.children) and rule("attacks.deployed-to-attack"):
            out |= {lemma, verb.lower_}
        if lemma == "deliver" and any(c.lemma_.lower() in ATTACK_WORDS for c in objects) and \
                rule("attacks.delivered-strikes"):
            out |= {lemma, verb.lower_}
    return out


def _supply_words_describing(sent, supplied: set[str]) -> set[str]:
    """The supply words of ``supplied`` that stand in a relative clause describing a place or
    another thing that is no weapon ("the apartment building the family called home"):
    "drones attacked the Izmail port district for several hours, an area that has been crucial
    to exporting grain" tells what the place does, not of weapons supplied."""
    out = set()
    weapons = weapon_tokens(sent.doc)
    for token in sent_tokens(sent):
        lemma = token.lemma_.lower()
        if lemma not in supplied and token.lower_ not in supplied:
            continue
        node = token
        while node.head.i != node.i and node.dep_ not in ("relcl", "acl"):
            node = node.head
        if node.dep_ in ("relcl", "acl") and node.head.pos_ == "NOUN" and \
                node.head.i not in weapons and node.head.lemma_.lower() not in _ARMS_NOUNS and \
                not any(c.i in weapons for c in token.subtree) and \
                rule("attacks.thing-described-by-supply-word"):
            out |= {lemma, token.lower_}  # "an area that has been crucial to exporting grain",
            # "the apartment building the family called home": no weapons supplied or called for
    return out


def _supply_only_quoted(sent) -> bool:
    """The supply words are all inside a quotation and the attack word outside it: '"… stopped
    with a single order," Zelenskiy said, adding that there had also been attacks on Sumy'."""
    words = cues()
    inside, supply, attack_outside = False, False, False
    for token in sent_tokens(sent):
        if token.text in _QUOTE_MARKS:
            inside = not inside
            continue
        lemma = token.lemma_.lower()
        if token.lower_ in words["supply_words"] or lemma in words["supply_words"]:
            if not inside:
                return False
            supply = True
        elif not inside and (lemma in words["attack_nouns"] or lemma in words["attack_verbs"]):
            attack_outside = True
    return supply and attack_outside


_DEFENCE_BODIES = {"ministry", "minister", "secretary", "department", "council", "committee"}


def _air_defence(sent) -> bool:
    """"Defence" or "defense" as air defence, not in the name of a body ("the Russian Ministry
    of Defense announced")."""
    for token in tokens_with(sent, ("defence", "defense", "defences", "defenses")):
        i = token.i
        if i + 1 < len(token.doc) and token.doc[i + 1].lemma_.lower() in ("missile", "rocket") \
                and rule("attacks.air-defence-missile-fired"):
            continue  # "launched 4 S-300 air defense missiles at Kharkiv": the weapon
        if i + 1 < len(token.doc) and token.doc[i + 1].lower_ in _DEFENCE_BODY_HEADS and \
                (i == 0 or token.doc[i - 1].lower_ != "air") and \
                rule("attacks.defence-body-named"):
            continue  # "the city's Defense Council Head": a body
        if not (i >= 2 and token.doc[i - 1].lower_ == "of"
                and token.doc[i - 2].lower_ in _DEFENCE_BODIES):
            return True
    return False


#: the words after "Defense" that make it the name of a local body, not air defence ("the
#: city's Defense Council"; "Air Defense Forces" is air defence all the same). A defence
#: ministry is left as it was read: its statements are mostly of interceptions
_DEFENCE_BODY_HEADS = frozenset({"council", "committee", "headquarters"})


def paragraph_duplicates(doc, sents) -> set[int]:
    """Token starts of sentences inside a paragraph that repeats an earlier one."""
    seen, skip = set(), set()
    offset = 0
    spans = []
    for line in doc_text(doc).split("\n"):
        spans.append((offset, offset + len(line), " ".join(line.split())))
        offset += len(line) + 1
    repeated = []
    for start, end, text in spans:
        if text and len(text) > 40 and text in seen:
            repeated.append((start, end))
        seen.add(text)
    starts = [start for start, _ in repeated]
    for sent in sents:  # one binary search per sentence
        k = bisect_right(starts, sent.start_char) - 1
        if k >= 0 and sent.start_char < repeated[k][1]:
            skip.add(sent.start)
    return skip | _sentences_repeated(sents, skip)


_REPEATED_SENTENCE = 60  # characters: a sentence this long told twice is the same sentence


def _sentences_repeated(sents, skip: set[int]) -> set[int]:
    """Token starts of long sentences that repeat one told before, word for word, where the
    paragraphs differ: a page's lead holds "Six people were killed … The ministry said an
    additional 17 people were injured …" and the body gives the second sentence again. Told
    twice, its "additional 17" would be added twice. A short sentence may come again of
    another place ("One person was injured."), so only long ones count."""
    seen: set[str] = set()
    out: set[int] = set()
    for sent in sents:
        text = " ".join(span_text(sent).split())
        if len(text) < _REPEATED_SENTENCE:
            continue
        if text in seen and sent.start not in skip and rule("attacks.sentence-repeated"):
            out.add(sent.start)
        seen.add(text)
    return out


#: a link's label ("Read also:", "Read also on Censor.NET:") opening a line, or right after a
#: sentence's end on it ("…damaged in the drone attack.Read also: Russians attack …")
_LINK_LABEL = re.compile(r"(?:^|[.!?][\"”’']?)\s*((?:%s)(?: on [^:]+)?\s*:)" % "|".join(
    re.escape(label) for label in cues()["related_link_labels"]), re.IGNORECASE)


def related_links(doc, sents) -> set[int]:
    """Token starts of the sentences on a line that links another story ("Read also: Russian
    army struck village near Kherson, leaving two people wounded"): a headline of other news,
    not this report's."""
    lines, offset = [], 0
    for line in doc_text(doc).split("\n"):
        found = _LINK_LABEL.search(line) if ":" in line else None  # every label ends in ":"
        if found is not None and (not line[:found.start(1)].strip() or
                                  rule("attacks.related-link-after-a-sentence")):
            # a line of its own; or glued to the sentence before: "Several cars were also
            # damaged in the drone attack.Read also: Russians attack … in Chernihiv region"
            glued = bool(line[:found.start(1)].strip())
            lines.append((offset + (found.start(1) if glued else 0), offset + len(line)))
        offset += len(line) + 1
    if not lines:
        return set()
    rule("attacks.related-link")
    return {sent.start for sent in sents
            if any(start <= sent.start_char < end for start, end in lines)}


def is_nationwide(sent, words=("ukraine", "russia", "country", "nation", "nationwide",
                                "regions")) -> bool:
    """A summary of the whole night: "launched 24 drones at Ukraine", "attacked Ukraine
    overnight with 38 drones", "across the country" (with ``words`` of the country only, not
    "regions": the whole country's)."""
    lowers = doc_lowers(sent.doc)
    for token in tokens_with(sent, words):
        if lowers[token.i] == "nationwide":
            return True
        if token.dep_ == "pobj" and lowers[token.head.i] in ("at", "on", "across", "against",
                                                             "throughout", "over"):
            return True
        if token.dep_ == "dobj" and token.head.lemma_ in ("attack", "target", "strike",
                                                          "hit", "bombard", "pound"):
            return True
    return False


def general_target(sent) -> bool:
    """"Russia has struck Ukrainian cities … using missiles and drones": an attack verb whose
    target is a kind of place in the plural speaks of the war in general, not of the focus."""
    verbs = cues()["attack_verbs"]
    for token in tokens_with_lemma(sent, verbs):
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "dobj" and child.lower_ in cues()["general_targets"]:
                    return True
    return False
_BACK = cues()["back_reference_words"]


_SPANS_OF_TIME = {"day", "days", "hours", "week", "weeks", "month", "months", "night", "nights"}


def earlier_event(sent) -> set[int]:
    """Token indices of the clauses that tell an earlier event: "a day after three people had
    been killed in Huliaipole", "two days before missiles hit Kyiv"."""
    out: set[int] = set()
    if sentence_words(sent).isdisjoint(_EARLIER_CUES):
        return out  # none of the words read below: the tokens need no reading
    for token in sent_tokens(sent):
        if token.lower_ in ("after", "before") and token.i > sent.start and \
                sent.doc[token.i - 1].lower_ in _SPANS_OF_TIME and token.dep_ in ("prep", "mark"):
            out.update(t.i for t in token.subtree)
            verb = token.head
            if token.dep_ == "mark" and verb.lemma_.lower() in ("come", "follow") and any(
                    c.i > verb.i and c.dep_ in ("dobj", "attr", "nsubj") for c in verb.children) \
                    and rule("attacks.came-after-inverted"):
                # "Several hours after the drone strike came a mass missile strike that
                # targeted Kyiv and Kharkiv": what came after is this report's strike
                out.update(range(token.i, verb.i))
            elif token.dep_ == "mark":
                out.update(t.i for t in token.head.subtree if t.i > token.i)
        elif token.lemma_.lower() in _FOLLOW and token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and (_an_event(c) or _news_of_the_day(c))
                for c in token.children):
            # "the attack on Sumy followed a deadly strike on Kryvyi Rih": what it followed
            # was earlier
            objects = [c for c in token.children if c.i > token.i and c.dep_ not in (
                "punct", "cc", "conj", "ccomp")]  # its object, time and "when Russia struck…"
            if token.lemma_.lower() == "come":  # "came after X", "comes in the wake of X",
                # not "It came as Russia …"
                objects = [c for c in objects if c.lower_ == "after" or c.lower_ == "in" and any(
                    g.lower_ == "wake" for g in c.children) or c.dep_ == "advcl" and any(
                    m.lower_ == "after" and m.dep_ == "mark" for m in c.children)]
                # "comes after officials reported that …": the clause "after" opens
                if objects:  # "came after the deadliest attack on Tuesday, when Russia hit
                    # Poltava, using two ballistic missiles, leaving 50 people dead": what the
                    # earlier attack did, though the parser hangs it on "came"
                    objects += [c for c in token.children if c.dep_ == "advcl" and
                                c.tag_ == "VBG" and c.i > objects[0].i and
                                bool(rule("attacks.came-after-participles"))]
            elif any(c.dep_ == "dobj" for c in objects) or rule("attacks.followed-then"):
                # what it followed is its object; "A second strike followed overnight, hitting
                # a road … and injuring four more residents" tells the strike itself
                objects = [c for c in objects if c.dep_ == "dobj"] + [
                    c for c in objects if _dates_what_followed(c, objects)]
            if objects:
                rule("attacks.followed-earlier")
            out.update(t.i for c in objects for t in c.subtree)
    if out:
        rule("attacks.earlier-event")
    return out


def _an_event(noun) -> bool:
    """The subject names an attack ("the strike"), or a span of time of attacks ("the third
    consecutive day of air strikes")."""
    if noun.lemma_.lower() in EVENT_NOUNS:
        return True
    return noun.lower_ in _SPANS_OF_TIME and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(
            o.dep_ == "pobj" and o.lemma_.lower() in EVENT_NOUNS for o in p.children)
        for p in noun.children) and bool(rule("attacks.followed-span-of-attacks"))


def _dates_what_followed(child, objects) -> bool:
    """"The news follows a drone attack on Kyiv on Dec. 21 that injured two people": the date
    after the object, which the parser hangs on the verb, and what hangs on it, are the earlier
    attack's."""
    return child.dep_ == "prep" and child.lower_ == "on" and any(
        o.dep_ == "dobj" and o.i < child.i for o in objects) and any(
        g.dep_ == "pobj" and (g.lower_.rstrip(".") in MONTH_WORDS or g.lower_ in WEEKDAYS)
        for g in child.children) and bool(rule("attacks.followed-on-a-day"))


def _news_of_the_day(noun) -> bool:
    """The subject is the news itself, or a step someone took ("The news follows a drone attack
    on Kyiv on Dec. 21", "The visit came after a missile strike on Odesa"): what it follows is
    earlier."""
    return noun.lemma_.lower() in _NEWS_NOUNS and bool(rule("attacks.news-followed-attack"))


_NEWS_NOUNS = frozenset(cues()["followed_news_nouns"])
_FOLLOW = {"follow", "come"}  # "X followed Y", "X came after Y"
_EARLIER_CUES = frozenset(("after", "before")) | frozenset(_FOLLOW)  # read by earlier_event
EVENT_NOUNS = cues()["followed_event_nouns"]  # what can follow an attack


def paragraph_start_tokens(doc, sents) -> set[int]:
    """Token indices of the first sentence of each paragraph (after a line break)."""
    starts = set()
    for sent in sents:
        if sent.start == 0 or "\n" in doc[sent.start - 1].text or \
                "\n" in doc[sent.start - 1].whitespace_:
            starts.add(sent.start)
    return starts


_PLACE_AGAIN = cues()["place_reference_words"]


def names_a_place_again(sent, one_place: bool = False) -> bool:
    """"the city was bombarded with 48 drones": the counts are that place's. The "there" of
    "There were 26 cruise missiles and 597 drones" (an expletive) names no place of several
    in focus; after one ("There were 14 drones and three guided bombs involved in the attack")
    the counts are that place's."""
    return not sentence_words(sent).isdisjoint(_PLACE_AGAIN) and any(
        t.lower_ in _PLACE_AGAIN and (one_place or t.dep_ != "expl") for t in sent_tokens(sent))


def refers_back(sent) -> bool:
    """The sentence continues the place of the one before: "the city", "there", "residents",
    a casualty or damage word, a pronoun (a word or a lemma of the sentence's word set)."""
    return not sentence_words(sent).isdisjoint(_BACK)


_THE_ATTACK = frozenset(cues()["attack_nouns"]) - frozenset(cues()["not_the_attack_nouns"])


def _the_attack_nouns(sent):
    """The attack nouns with "the" and no word of their own kind ("the attack", "the strikes";
    not "the drone attack", which names drones); or with "another" ("Another attack, on the
    Kirovohrad region, broke windows in a school": one more of the report's)."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() in _THE_ATTACK and token.pos_ == "NOUN" and any(
                c.dep_ == "det" and (c.lower_ == "the" or c.lower_ == "another" and
                                     token.tag_ == "NN" and _after_the_lead(token) and
                                     rule("weapons.another-attack"))
                for c in token.children) and not any(
                c.dep_ == "compound" for c in token.children):
            yield token


def _after_the_lead(token) -> bool:
    """The token stands after the headline and the lead ("Cherkasy region suffered another
    attack" in the lead is one more of a series, not of the report's wave)."""
    sents = doc_sents(token.doc)
    return len(sents) > 2 and token.i >= sents[2].start


def refers_to_the_attack(sent) -> bool:
    """The sentence tells of "the attack(s)" the report is about ("the Russian attack damaged a
    school", "dealing with the attack's aftermath")."""
    return next(_the_attack_nouns(sent), None) is not None


def the_attacks(sent) -> bool:
    """The sentence tells of "the attacks", plural: the day's attacks, not one wave's."""
    return any(t.tag_ == "NNS" for t in _the_attack_nouns(sent))


def separate_attack(sent) -> int | None:
    """"In a separate drone attack on Kursk the same day, …": an attack of its own, not a part of
    the region's told before. The index of the word that says so (the places named after it
    are that attack's), else None."""
    nouns = cues()["attack_nouns"] | {"incident"}
    for t in tokens_with(sent, ("elsewhere",)):
        if t.i + 1 < sent.end and t.nbor().lower_ == "in":
            rule("attacks.elsewhere-in")  # "elsewhere in the Kharkiv region, a drone …"
            return t.i
    for t in tokens_with(sent, ("separate",)):
        if t.head.lemma_.lower() in nouns:
            if t.head.tag_ == "NNS" and any(c.dep_ == "nummod" for c in t.head.children) and \
                    rule("attacks.counted-separate-attacks"):
                continue  # "killed in Russia's Belgorod Region in two separate drone attacks":
                # the region's toll over the attacks inside it, told next, not one of its own
            rule("attacks.separate")
            return t.i
    return None


def toll_of_several(sent) -> bool:
    """The sentence's toll is told of attacks in the plural: "… as regional officials reported
    three people killed in attacks", "the strikes killed three"."""
    return any(_toll_of_several(token) for token in sent_tokens(sent)) and \
        bool(rule("casualties.lead-of-several"))


def _toll_of_several(token) -> bool:
    """The token is attacks in the plural that a toll is told of: "killed in attacks", "the
    strikes killed three"."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in cues()["attack_nouns"]:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("in", "by"):
        head = head.head
    elif token.dep_ != "nsubj":
        return False
    return head.lemma_.lower() in _TOLL_WORDS


def tells_one_attack(sent, weapons) -> bool:
    """The sentence tells of one strike: "A Russian drone blasted a hole in …", "a missile
    strike on an apartment block", missiles that "struck a city in central Ukraine"; not
    "Russian attacks across the regions"."""
    doc = sent.doc
    for token in sent_tokens(sent):
        if token.lemma_.lower() in cues()["attack_nouns"] and token.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            return True
    for token in sent_tokens(sent):  # "Russian missiles that struck a city in central Ukraine"
        if token.dep_ == "dobj" and token.tag_ == "NN" and \
                cues()["settlement_prefixes"].get(token.lower_) == "settlement" and \
                token.head.lemma_.lower() in cues()["attack_verbs"] and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            return bool(rule("attacks.lead-one-target"))
    for w in weapons:
        i = w.start - 1
        while i >= sent.start and doc[i].pos_ in ("ADJ", "PROPN") and w.start - i < 4:
            i -= 1
        if i >= sent.start and doc[i].lower_ in ("a", "an", "one") and \
                not doc[w.end - 1].tag_.endswith("S"):
            return True
    return False
