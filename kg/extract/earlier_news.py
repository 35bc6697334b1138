"""Sentences that tell news older than the report's own, or retell it: a background line on
the reported strike's own day, a sentence opening on a day well before the article's, "a
similar attack" told on an earlier day, and "As Ukrinform reported earlier, …" recaps.

Each takes the sentence, the article's publication date, the attacks read so far (the attack
builder of ``kg.extract.attacks``) and the sentence's place mentions.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.attack_sentences import CASUALTY_WORDS, EVENT_NOUNS, SAYING_VERBS, weapon_spans
from kg.extract.casualty_context import clock_time
from kg.extract.dates import (MONTH_TOKENS, MONTH_WORDS, MONTHS, WEEKDAYS, day_and_month,
                              resolve_date)
from kg.extract.doc_text import (doc_fact, doc_lemmas, doc_lowers, doc_sents, sent_tokens,
                                 sentence_words, span_text, tokens_with)
from kg.extract.lead_fallback import LEAD_SENTENCES
from kg.extract.lexicon import cues
from kg.extract.place_roles import ATTACK_NOUNS
from kg.extract.rules import rule
from kg.extract.weapons import kind_family
from kg.link.places import inside


def _other_part_of_day(sent, attack) -> bool:
    """The background line tells another part of the day than the attack's own evidence ("…
    hit the town on the evening of 14 May" then "Background: On the morning of 14 May, a shell
    killed a man there"): an earlier attack of that day, not the news told again."""
    told = _PARTS_OF_DAY_LIGHT & sentence_words(sent)
    if not told:
        return False
    own = {w for e in attack.evidence for w in _PARTS_OF_DAY_LIGHT if w in e.text.lower()}
    return bool(own) and not own & told and bool(rule("attacks.other-part-of-day"))


def same_day_again(sent, published, build, in_sent, news_date: date | None = None,
                   counts_weapons=lambda: False) -> bool:
    """A background line that retells the attack the article reports: its place, on the
    day that attack is dated ("Background: On 24 September, the Russians dropped eight FAB-500
    bombs on residential areas of Kharkiv" under news of the toll of that strike); or, where
    no place was struck before it, the night of the wave the lead told ("Russian forces struck
    at Ukraine with 98 drones … on the night of 22-23 November" then "Background: On the night
    of 22-23 November, Russian forces conducted drone strikes on the city of Dnipro")."""
    when = resolve_date(span_text(sent), published) if in_sent and \
        not _dated_only_by_its_telling(sent) else None
    if when is None:
        return _the_attack_again(sent, build, in_sent)
    # "on the night of 19-20 February" spans the evening of the 19th: either day is its own
    slack = 1 if "night" in span_text(sent).lower() else 0
    if not build.order and news_date is not None:
        return abs((news_date - when).days) <= slack and \
            bool(rule("attacks.background-night-of-the-wave"))
    told = _weapon_kinds(sent)
    if any(m.place.id in build.attacks and build.attacks[m.place.id].date is not None
           and abs((build.attacks[m.place.id].date - when).days) <= slack
           and not _other_weapons(told, build.attacks[m.place.id])
           and not _other_part_of_day(sent, build.attacks[m.place.id]) for m in in_sent):
        return bool(rule("attacks.background-same-day"))
    # "The strike was directed at Zaporizhzhia and Dnipropetrovsk oblasts. Background: On the
    # night of 22-23 September, … damaging a critical infrastructure facility in Dnipro": a
    # place inside a region the report's attack struck that night
    if any((a.date or news_date) is not None and abs(((a.date or news_date) - when).days)
           <= slack and a.place.kind == "region" and inside(m.place, a.place)
           for m in in_sent if m.place is not None for a in build.attacks.values()):
        return bool(rule("attacks.background-same-day-in-region"))
    # "The Russians struck the town of Vylkove in Odesa Oblast … Background: - The Russians
    # attacked the south of Odesa Oblast … on the night of 24-25 July, and air defence brought
    # down 25 out of 38 UAVs": the region of a place struck that night, that night, counted
    # (``counts_weapons``: whether the line counts weapons)
    if any(a.date == when and m.place.kind == "region" and inside(a.place, m.place)
           for m in in_sent if m.place is not None  # "the south of Odesa Oblast" too
           for a in build.attacks.values()) and counts_weapons() and \
            rule("attacks.background-same-day-of-region"):
        return True
    # "Overnight on January 22, the Russians attacked Odesa district with attack drones … ¶
    # Recall ¶ Overnight on January 22, Dnipropetrovsk region came under attack by Russian
    # drones": the same night, the same weapons, elsewhere: the wave the report tells
    return bool(in_sent) and bool(told) and any(
        a.date == when and not _other_part_of_day(sent, a) and
        told & {kind_family(w.kind) for w in a.weapons} for a in build.attacks.values()) and \
        bool(rule("attacks.background-same-night-elsewhere"))


def _the_attack_again(sent, build, in_sent) -> bool:
    """An undated background line that tells of "the attack" (the definite article, one
    attack) and names a place the news told struck: "Background: As a result of the Russian
    attack, two people were killed in the city of Dnipro; six … in Synelnykove" under news of
    Dnipro's mourning is that attack's toll, its other places included."""
    if not any(m.place is not None and m.place.id in build.attacks for m in in_sent) or \
            sentence_words(sent).isdisjoint(CASUALTY_WORDS):
        return False
    for token in tokens_with(sent, ATTACK_NOUNS, lemmas=True):
        if token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the"
                                      for c in token.children):
            return bool(rule("attacks.background-the-attack-again"))
    return False


def _weapon_kinds(sent) -> set[str]:
    """The families of the weapon kinds the sentence names."""
    return {kind_family(w.label_) for w in weapon_spans(sent.doc)
            if sent.start <= w.start < sent.end}


def _other_weapons(told: set[str], attack) -> bool:
    """The background line names weapons of none of the kinds the attack was told with ("three
    strikes with guided aerial bombs on Monday afternoon" and "Background: On the morning of 19
    January, the Russians hit … with four missiles"): another strike that day, not it again."""
    return _kinds_apart(told, attack) and bool(rule("attacks.same-day-other-weapons"))


def _kinds_apart(told: set[str], attack) -> bool:
    """The weapon families ``told`` and the attack's own are both known and share none."""
    kinds = {kind_family(w.kind) for w in attack.weapons}
    return bool(told and kinds and not told & kinds)


def _recap_of_another_strike(sent, build, in_sent) -> bool:
    """An "As reported" recap dated on the report's own day that strikes the places the report
    told with weapons of other kinds than theirs ("As reported by Ukrinform, on the morning of
    14 August, the Russian army shelled Kherson and its suburbs, injuring six people", after
    the news of a drone attack on Kherson that day): an earlier strike, told in another story.
    A recap with the same kind ("As reported, Russian drones attacked Kherson this morning")
    is the news again."""
    places = [m.place.id for m in in_sent if m.place.kind != "country"]
    told = _weapon_kinds(sent)
    if not places or not told or not all(pid in build.attacks for pid in places) or not any(
            t.pos_ == "VERB" and t.lemma_.lower() in _ATTACK_VERBS for t in sent_tokens(sent)):
        return False
    return all(_kinds_apart(told, build.attacks[pid]) for pid in places) and \
        bool(rule("attacks.as-reported-other-weapon"))


def days_before(sent, published, build, in_sent) -> bool:
    """"On Tuesday, Ukrainian shelling killed two civilians in the Belgorod region" at the end
    of Thursday's report on the region: a sentence that opens on a day two or more days before
    the article's, about a place the article already reported, tells an earlier event. So does
    an attack dated so by its own phrase, wherever it struck ("A sweeping attack by Russia on
    Thursday that targeted many regions killed 25 people in Kyiv", in Sunday's report)."""
    if not build.order:
        return False
    if _attack_of_another_month(sent, published):
        return True
    if published is None:
        return _attack_dated_before_undated(sent, build)
    if _attack_dated_before(sent, published, build):
        return True
    if not any(m.place.id in build.attacks for m in in_sent):
        return _dated_before_the_news(sent, published, build)
    opening = span_text(sent)[:40]
    if not opening.lower().startswith(("on ", "last ")):
        return False
    when = resolve_date(opening.split(",")[0], published)
    return when is not None and (published - when).days >= 2 and \
        bool(rule("attacks.days-before"))


def _dated_only_by_its_telling(sent) -> bool:
    """Every day the sentence names dates a verb of speech: "More than 280 houses … have been
    damaged since Ukrainian forces began shelling the Bryansk Region, … the region's Governor
    Alexander Bogomaz said on Rossiya-24 television on Friday" tells when he spoke, not an
    attack of that day."""
    days = tokens_with(sent, (*WEEKDAYS, *MONTH_TOKENS))
    return bool(days) and all(
        t.dep_ == "pobj" and t.head.lower_ == "on" and
        t.head.head.lemma_.lower() in SAYING_VERBS for t in days) and \
        bool(rule("attacks.date-of-the-telling"))


_ON_A_DATE = re.compile(r"(?:on|(?:on|in) the (?:early )?(?:morning|afternoon|evening|night) of) "
                        r"(?:\d{1,2} )?(?:%s)\b" % "|".join(
                            sorted(MONTH_WORDS, key=len, reverse=True)))


def _opens_on_a_date(text: str) -> bool:
    """The text opens on a calendar date: "On March 11, …", "On 3 May …", "On Sept. 9", "In
    the afternoon of September 23, …"; not "On the mayor's orders"."""
    return _ON_A_DATE.match(text.lower()) is not None


def _dated_before_the_news(sent, published, build) -> bool:
    """"Six people … were killed on Friday as the town of Rylsk was struck" after Wednesday's
    strike on Lgov, "On March 11, Russian forces struck a civilian bus in Kherson Oblast" in
    a report of March 13: a sentence naming no place reported yet, dated by its weekday or
    opening on a date two or more days before the article and before every attack read so
    far, tells an earlier attack."""
    opening = span_text(sent)[:40].split(",")[0]
    dated = _opens_on_a_date(opening) and not any(  # "On March 11, Russian forces struck …"
        _opens_on_a_date(span_text(s)[:40]) for s in sent.doc.sents if s.start < sent.start)
    # not in a round-up whose every entry opens on its date ("On May 5, …", "On May 3, …")
    if not dated and (sentence_words(sent).isdisjoint(WEEKDAYS) or
                      not any(t.lower_ in WEEKDAYS for t in sent_tokens(sent))):
        return False
    when = resolve_date(opening if dated else span_text(sent), published)
    dates = [build.attacks[pid].date for pid in build.order if build.attacks[pid].date]
    return when is not None and bool(dates) and (published - when).days >= 2 and \
        all((d - when).days >= 2 for d in dates) and bool(rule("attacks.dated-before-the-news"))


def _attack_dated_before_undated(sent, build) -> bool:
    """In a report with no date: an attack noun dated by its own "on <date>" months before the
    day the report's lead names ("Russia hit Dnipro on June 28 …" then "The attack on
    downtown Dnipro on the morning of April 19 … killed three"): an earlier attack. The two
    are compared within one year, the lead's day the later."""
    lead = _lead_day(sent.doc)
    if lead is None:
        return False
    for token in tokens_with(sent, tuple(MONTH_TOKENS)):
        on = _dating_on(token)
        if on is None or not _dates_the_subject(on.head):
            continue
        told = day_and_month(" ".join(t.text for t in on.subtree))
        if told is None:
            continue
        later, earlier = date(2000, *lead), date(2000, *told)  # a leap year: 29 February too
        if (later - earlier).days in _EARLIER_WITHIN and \
                rule("attacks.dated-before-the-lead"):
            return True
    return False


def _attack_of_another_month(sent, published) -> bool:
    """The sentence's subject is an attack noun named by a month alone, not the report's own
    ("The February attack at the bakery took the lives of 28 civilians" in a report of May
    22): an earlier attack. The report's month is its publication's, or the lead's day where
    it has no date; "the February 24 attack" is left to the readers of days."""
    for token in tokens_with(sent, tuple(MONTHS)):
        noun = token.head
        if token.dep_ != "compound" or noun.lemma_.lower() not in EVENT_NOUNS or \
                noun.dep_ not in ("nsubj", "nsubjpass") or \
                any(c.like_num for c in noun.children):
            continue
        month = published.month if published is not None else (
            _lead_day(sent.doc) or (None,))[0]
        return month is not None and month != MONTHS.index(token.lower_) + 1 and \
            bool(rule("attacks.month-named-before"))
    return False


def _lead_day(doc) -> tuple[int, int] | None:
    """(month, day) of the first date the report's lead writes, read once per report."""
    return doc_fact(doc, "lead_day", lambda doc: day_and_month(
        " ".join(span_text(s) for s in doc_sents(doc)[:LEAD_SENTENCES])))


def _attack_dated_before(sent, published, build) -> bool:
    """The sentence's subject is an attack noun dated by its own "on <weekday>" or "on <date>"
    two or more days before the article ("A sweeping attack by Russia on Thursday … killed
    25", "A Ukrainian strike on occupied Crimea on July 23 left a ferry … damaged") and on
    another day than every attack read so far: "The attack on Friday left 19 civilians dead"
    after Friday's strike was told, in the next week's report, is that strike."""
    for token in tokens_with(sent, (*WEEKDAYS, *MONTH_TOKENS)):
        on = _dating_on(token)
        if on is not None and _dates_the_subject(on.head):
            day = token.text if token.lower_ in WEEKDAYS else \
                " ".join(t.text for t in token.subtree)
            when = resolve_date("on " + day, published)
            if when is not None and (published - when).days >= 2:
                if any(build.attacks[pid].date == when for pid in build.order) and \
                        rule("attacks.dated-attack-of-the-news"):
                    return False
                return bool(rule("attacks.dated-attack-before"))
    return False


_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_PARTS_OF_DAY_LIGHT = _PARTS_OF_DAY - {"night"}  # a night spans two dates: no part of one day


def _dating_on(day) -> object | None:
    """The "on" of "on <day>" or "on the morning (afternoon, evening, night) of <day>" that the
    day word ``day`` hangs from, or None."""
    if day.dep_ != "pobj":
        return None
    on = day.head
    if on.lower_ == "of" and on.head.lower_ in _PARTS_OF_DAY and on.head.head.lower_ == "on" \
            and rule("attacks.dated-part-of-day"):
        on = on.head.head  # "The attack on downtown Dnipro on the morning of April 19"
    return on if on.lower_ == "on" else None


_EARLIER_WITHIN = range(2, 200)  # days: the report's lead the later, within half a year


def _dates_the_subject(node) -> bool:
    """``node``, which an "on <day>" phrase hangs from, is an attack noun that is the subject,
    or the verb of such a subject ("A Ukrainian strike on occupied Crimea on July 23 left …")."""
    if _event_noun(node) and node.dep_ in ("nsubj", "nsubjpass"):
        return True
    return node.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and _event_noun(c) for c in node.children)


def _event_noun(token) -> bool:
    """An attack noun, by its lemma or, where the tagger took a gerund for a verb ("Russian
    shelling of the town … hit", lemma "shell"), by its word."""
    return token.lemma_.lower() in EVENT_NOUNS or token.lower_ in EVENT_NOUNS


_SIMILAR = ("similar", "another")


def similar_earlier(sent, published, build) -> bool:
    """"A similar Russian attack on the city of Kharkiv killed seven people on Friday" after
    Saturday's strike was told: a similar attack is another one, on a day before the attacks
    already read."""
    if published is None or not build.order or \
            sentence_words(sent).isdisjoint(_SIMILAR) or not any(
            t.lower_ in _SIMILAR and t.dep_ in ("amod", "det")
            and t.head.lemma_.lower() in EVENT_NOUNS
            or t.lower_ == "another" and _after_another(t)
            for t in sent_tokens(sent)):  # "The attack came after another late Friday that
        return False  # wounded 15 people"
    when = resolve_date(span_text(sent), published)
    dates = [build.attacks[pid].date for pid in build.order if build.attacks[pid].date]
    return when is not None and bool(dates) and when < min(dates) and \
        bool(rule("attacks.similar-earlier"))



_MONTH = "|".join(MONTHS)
_DAY_MONTH = re.compile(r"\b(?:\d{1,2} (?:%s)|(?:%s) \d{1,2})\b" % (_MONTH, _MONTH),
                        re.IGNORECASE)  # "on November 6", "on 6 November"


_REMINDERS = tuple(cues()["reminder_openers"])
#: "We would remind you that …", "Let us once again remind …": the newsroom's own reminder in
#: other words than the listed openers
_WE_REMIND = re.compile(r"(?:we|let us|let me)\b[^.,;:]{0,25}?\bremind\b")


def _reminder_opening(opening: str) -> bool:
    """The lower-case opening of a sentence opens a reminder of earlier news."""
    return opening.startswith(_REMINDERS) or (
        _WE_REMIND.match(opening) is not None and bool(rule("attacks.we-remind")))
_DAY_BEFORE = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, cues()["recap_day_phrases"])))


# the verbs of an attack of its own, not of its toll ("three people were injured")
_ATTACK_VERBS = frozenset(cues()["attack_verbs"]) - frozenset(cues()["killed_words"]) - \
    frozenset(cues()["injured_words"])


_PASSIVE_RECAP = re.compile(r"(?:earlier(?: today| this morning| on \w+day)?,? )?"
                            r"it (?:was|has been) (?:also )?(?:earlier |previously )?"
                            r"reported(?: earlier| previously)? that\b"
                            r"|according to (?:earlier|previous) reports\b")  # "Earlier today
# it was also reported that a man was wounded when shells hit Vovchansk", "According
# to earlier reports, a house was destroyed in Kupiansk-Vuzlovyi"


#: how many words an "As … reported," opening may take before "reported"
_RECAP_REACH = 8

_NEWS_AGAIN = re.compile(r"\b(?:meanwhile|again|overnight|tonight|today|this morning|"
                         r"last night|at night)\b")


def _after_another(token) -> bool:
    """"came after another late Friday": "another" is, or determines, what "after" takes."""
    node = token if token.dep_ == "pobj" else token.head
    return node.dep_ == "pobj" and node.head.lower_ == "after"


def news_again(sent, published) -> bool:
    """A sentence inside a reminder's paragraph that tells the day's news again: dated on the
    report's day or later, or marked so ("Meanwhile, …", "… struck Kharkiv again", "Also
    overnight, …")."""
    text = span_text(sent)
    when = resolve_date(text, published) if published is not None else None
    return when is not None and when >= published or bool(_NEWS_AGAIN.search(text.lower()))


def opens_reminder(sent) -> bool:
    """The sentence opens with a reminder ("As a reminder,", "It is worth recalling that"):
    what follows in its paragraph recalls the same earlier news."""
    return _reminder_opening(span_text(sent)[:60].lower())


def reported_earlier(sent, published, build, in_sent) -> bool:
    """"As Ukrinform reported earlier, on January 2, Russian troops launched 58 attacks on the
    border areas of Sumy and Kharkiv regions": a recap of earlier news, on a day before the
    article's; a plain "As reported," only about places the report has not told of; "As
    earlier reported," after the report's own news, about places it has not told of, whatever
    its date (so too "As a reminder," and "We remind that"); in an undated report, a recap that
    gives a day and tells an attack verb of its own, whatever place."""
    opening = span_text(sent)[:60].lower()
    words = opening.split()
    reminder = _reminder_opening(opening)  # "As a reminder, the invaders fired 472 times
    # at Zaporizhzhia region": news outlets' "Нагадаємо" recaps another report, as "As earlier
    # reported," does
    passive = bool(_PASSIVE_RECAP.match(opening))  # "It was earlier reported that …"
    said_at = next((k for k, w in enumerate(words[1:_RECAP_REACH], 1)
                    if w.startswith("reported")), None)  # "As the Ukrainian News agency
    # earlier reported,": the agency's name may take four words
    if not reminder and not passive and (words[:1] != ["as"] or said_at is None):
        return False
    if passive and build.order and not in_sent and clock_time(opening) is not None and \
            rule("attacks.reported-earlier-at-its-hour"):
        return True  # "It was earlier reported that at around 10:00, the enemy struck the
        # district with three glide bombs": a strike of its own hour, told before this news
    if reminder and in_sent and all(m.place.kind == "country" for m in in_sent):
        return False  # "Recall that Russia today has already fired 83 missiles at Ukraine":
        # the day's nationwide tally, not another report's attack
    earlier = reminder or passive or any(w.strip(",") in ("earlier", "previously")
                                         for w in words[1:(said_at or 4) + 1])
    if earlier and build.order and in_sent and not any(
            m.place.id in build.attacks for m in _told_places(in_sent)):
        # "As earlier reported, a grass fire started in the Kryvyi Rih district due to missile
        # debris" after the report's own news: an earlier story, whatever its date
        return bool(rule("attacks.reported-earlier"))
    when = resolve_date(span_text(sent), published)
    if words[1:2] == ["reported,"] and not build.order and in_sent and \
            _lines_before(sent) >= 2 and (when is None or published is None or
                                          when < published) and \
            rule("attacks.as-reported-before-any"):
        return True  # "As reported, the number of those killed by the Russian missile attack
        # targeting Kyiv on December increased to 33", past the lead of a report that has
        # told no attack: the earlier story the report recalls, not its news
    if build.order and in_sent and when is None and not _DAY_MONTH.search(span_text(sent)) \
            and not any(m.place.id in build.attacks for m in in_sent) and \
            rule("attacks.as-reported"):
        return True  # "As reported by Ukrinform, Russian troops launched a massive drone
        # attack on Pavlohrad", with no day, after the report's own news: the earlier story
    if published is None:  # no date to compare: a dated recap of places not told of yet, or
        # one that tells an attack of its own ("As reported by Ukrinform, on the morning of 14
        # August, the Russian army shelled Kherson", after the report's own attack on Kherson);
        # "As Ukrinform reported, on November 6, three were injured in Nikopol" adds figures
        return bool(_DAY_MONTH.search(span_text(sent)) or _DAY_BEFORE.search(
            span_text(sent).lower())) and (not any(
            m.place.id in build.attacks and m.place.kind != "region" for m in in_sent) or any(
            t.pos_ == "VERB" and t.lemma_.lower() in _ATTACK_VERBS for t in sent_tokens(sent))) \
            and bool(rule("attacks.reported-earlier"))
    if when is not None and when == published and _recap_of_another_strike(sent, build, in_sent):
        return True
    if when is not None and when < published and _recap_of_its_own_day(when, build, in_sent):
        return False
    return when is not None and when < published and (
        earlier or not any(m.place.id in build.attacks for m in in_sent) or (
            any(t.pos_ == "VERB" and t.lemma_.lower() in _ATTACK_VERBS
                for t in sent_tokens(sent)) and rule("attacks.as-reported-dated-strike"))) and \
        bool(rule("attacks.reported-earlier"))


def _recap_of_its_own_day(when: date, build, in_sent) -> bool:
    """"As the agency reported, overnight into July 6 Russia fired cruise missiles at Lviv" in a
    report that already told of the attack on Lviv as "yesterday's": the recap names
    the day the report gave its own attack on every place it names, so it tells the news again,
    not an earlier story."""
    places = [m.place.id for m in _told_places(in_sent) if m.place.kind != "country"]
    if not places or not all(pid in build.attacks for pid in places):
        return False
    published = build.published
    return all(any(resolve_date(ev.text, published) == when
                   for ev in build.attacks[pid].evidence) for pid in places) and \
        bool(rule("attacks.as-reported-its-own-day"))


def _told_places(in_sent) -> list:
    """The sentence's places but a region that only locates another of them ("the shelling of
    Kupyansk in Kharkiv Region": Kupiansk)."""
    return [m for m in in_sent if not (
        m.place.kind in ("region", "raion") and any(inside(o.place, m.place) for o in in_sent)
        and rule("attacks.recap-region-locates"))]


def _lines_before(sent) -> int:
    """How many whole non-empty lines (the headline, the lead, …) stand before the sentence's
    own line."""
    return sum(1 for line in sent.doc.text[:sent.start_char].split("\n")[:-1] if line.strip())


_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                       "ninth", "tenth", "latest"})
_SPANS = frozenset({"week", "weeks", "month", "months", "days"})


def series_recap(sent) -> bool:
    """"This is the fourth Russian attack that hit a residential building over the past week":
    the sentences after it recall the series' earlier attacks."""
    lowers, lemmas = doc_lowers(sent.doc), doc_lemmas(sent.doc)
    words = set(lowers[sent.start:sent.end])
    return bool(words & _ORDINALS) and bool(words & _SPANS) and any(
        lemmas[t.i] in EVENT_NOUNS and any(lowers[c.i] in _ORDINALS for c in t.children)
        for t in sent_tokens(sent))


def dated_before(sent, published, build) -> bool:
    """A sentence dated before every attack already read ("The March 12 missile strike …" in a
    report of March 14's): within a series recap, an earlier attack of the series."""
    if published is None or not build.order:
        return False
    when = resolve_date(span_text(sent), published)
    dates = [build.attacks[pid].date for pid in build.order if build.attacks[pid].date]
    return when is not None and bool(dates) and when < min(dates) and \
        bool(rule("attacks.series-recap"))
