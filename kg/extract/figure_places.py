"""Which place of a sentence a casualty figure belongs to, and whether it is a place's at all.

A sentence that names several struck places gives each figure to the place its phrase names
("three injured in A and two in B", "A: 2 killed"), to none when the figure is pooled over a
list of places ("struck A, B and other villages, injuring three"), and a figure for a whole
region or country ("in total", "across Ukraine") to no town. A later figure replaces an earlier
one, "another" adds, a part never lowers a whole.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

from kg.extract.attack_sentences import SAYING_VERBS
from kg.extract.doc_text import doc_texts, doc_tokens, sentence_of, span_text
from kg.extract.lexicon import cues
from kg.extract.numbers import word_value
from kg.extract.regex_literals import finditer
from kg.extract.rules import rule
from kg.link.places import inside
from kg.records import Attack

CLAUSE_BREAKS = {";", ":", "—", "–"}


_TOTAL = re.compile(r"\b(?:in total|overall|altogether|in all|across (?:ukraine|russia)|"
                    r"across (?:the )?[a-z'-]+ (?:region|oblast|province)|"
                    r"across the (?:region|oblast|country|"
                    r"province)|throughout the (?:region|oblast|country|day)|in the (?:region|oblast|"
                    r"province) as a whole|region-wide|nationwide|total of|in the (?:region|oblast) "
                    r"over the past day|over the past day in the (?:region|oblast))\b")


_REGIONS = re.compile(r"\b([\w,-]+) (?:regions|oblasts)\b")
_IN_THE_TOWN = re.compile(r"\bin (?:the|this|that) (?:city|town|village|community|hromada|"
                         r"settlement)\b")


_BARE_TOTAL = re.compile(r"\b(?:in total|overall|altogether|in all|total of)\b")
_REGION_WORDS = re.compile(r"\b(?:region|regions|oblast|oblasts|province|country|ukraine|"
                           r"russia|night|day)\b")


_COUNTRY = re.compile(r"\b(?:across (?:ukraine|russia|the country)|nationwide|throughout the "
                      r"country|(?:attacks|strikes) (?:on|against) "
                      r"(?:ukraine|the country)\b(?!['’]s)|"
                      r"all over (?:ukraine|the country)|in the (?:north|south|east|west)"
                      r"\w* and (?:the )?(?:north|south|east|west)\w* of "
                      r"(?:the country|ukraine)|in (?:several|multiple|various|different) "
                      r"regions|(?<!city )(?<!town )(?<!village )"
                      r"in (?:western|eastern|southern|northern|central) "
                      r"(?:russia|ukraine)(?!['’]s))\b")  # "in the east and south of the country"


DAY_WIDE = re.compile(r"\b(?:during|over|throughout|in) the (?:past |last )?(?:day|24 hours)\b|"
                       r"\b(?:past|last) 24 hours\b|\bin any of the\b")


def day_wide(sent) -> bool:
    """The sentence speaks of the whole day or of every place ("there were no casualties
    during the day", "no one was hurt in any of the settlements")."""
    return bool(DAY_WIDE.search(span_text(sent).lower()))


def country_total(sent) -> bool:
    """A figure of the whole country or several regions ("killing 19 across Ukraine", "Russian
    attacks on Ukraine killed three people and wounded 38")."""
    text = span_text(sent).lower()
    if _COUNTRY.search(text) or any(word_value(m[1]) for m in finditer(_REGIONS, text)):
        rule("casualties.country-total")
        return True
    return False


def is_total(sent, struck_so_far: int, named=()) -> bool:
    """A figure for the whole region or the whole night, not for one town ("In all, one person
    was killed and three injured in the city" is the town's own total). A bare "altogether"
    that names no region, in an article that has struck one place so far, is that place's
    total ("Altogether, three people have died in the attack"); so is a bare "a total of"
    told of the one settlement the sentence names (``named``: its place mentions), its
    locating region aside ("In Pokrovsk, Donetsk Oblast, a total of three residents were
    killed")."""
    text = span_text(sent).lower()
    several = any(word_value(m[1]) for m in finditer(_REGIONS, text))  # "hit six regions"
    if several or _IN_THE_TOWN.search(text):
        return several and not _IN_THE_TOWN.search(text)
    match = _TOTAL.search(text)
    if match is None:
        return False
    if not _BARE_TOTAL.fullmatch(match[0]):
        return True
    if struck_so_far <= 1 and not _REGION_WORDS.search(_titled_region(text)):
        rule("casualties.sole-place-total")
        return False
    towns = {m.place.id: m.place for m in named
             if m.place is not None and m.place.kind == "settlement"}
    if len(towns) == 1:
        (town,) = towns.values()  # the other places named only locate it ("…, Donetsk Oblast")
        if all(m.place is not None and (m.place.id == town.id or inside(town, m.place))
               for m in named) and \
                not _REGION_WORDS.search(_titled_region(_without(sent, named))) and \
                rule("casualties.one-town-total"):
            return False
    return True


def _without(sent, mentions) -> str:
    """The lower-case text of the sentence without the words of the given place mentions."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    return " ".join(t.lower_ for t in sent if t.i not in taken)


# a region word in a title ("according to the oblast governor", "the regional military
# administration", "the region's head"): who told the figure, not where it was counted
_REGION_TITLE = re.compile(r"\b(?:region|oblast|province)(?:'s|’s)? (?:%s)\b" % "|".join(
    re.escape(w) for w in cues()["title_words"]))


def _titled_region(text: str) -> str:
    """``text`` without the region words that stand in a title."""
    found = _REGION_TITLE.sub(" ", text)
    if found != text:
        rule("casualties.region-in-title")
    return found


def before_the_total(sent, figures, named_at) -> list:
    """"one person was killed in Rodynske and five more injured across the region": the
    figures told for a place named before the total's phrase are that place's own.
    ``named_at``: the token starts of the struck places the sentence names."""
    match = _TOTAL.search(span_text(sent).lower())
    if match is None:
        return []
    cut = sent.start_char + match.start()
    doc = sent.doc
    kept = [f for f in figures if doc[f.token].idx < cut and any(
        f.token < start and doc[start].idx < cut for start in named_at)]
    if kept:
        rule("casualties.before-the-total")
    return kept


def figures_by_place(doc, figures, named, attacks):
    """In a sentence naming several struck places (``named``: each mention's start, end and
    place, a city district given as its city), each figure goes to the place named nearest
    after it ("Three were injured in Bilozerka and two in Chornobaivka"), else nearest before
    it, within its clause. A place that labels a list item owns the figures after its colon
    ("Kostiantynivka: 2 killed, 3 wounded; Myrnohrad: 3 killed")."""
    ids = {a.place.id: a for a in attacks}
    places = []
    for start, end, place in named:
        if place.id in ids:
            label = end < len(doc) and doc[end].text == ":"
            places.append((start, end + label, label, ids[place.id]))
    out = []
    marks = sorted({f.token for f in figures})
    spans = [(pos, end - label, a) for pos, end, label, a in places]
    for figure in figures:
        if figure.value == 0 and (not places or _pooled(
                doc, figure.token, marks, spans, before=False) or _pooled(
                doc, figure.token, marks, spans, before=True) or _clause_of_its_own(
                doc, figure.token, places)):
            # "There were no casualties", "no one was hurt in A or B": none in each place
            out.extend((a, figure) for a in (list({id(a): a for *_, a in places}.values())
                                             or attacks))
            rule("casualties.zero-for-all")
            continue
        if any(t.lower_ == "each" for t in doc_tokens(doc)[figure.token + 1:figure.token + 5]):
            # "killing one person in each city"; "one each in A, B and C": the places named
            # after it in its clause and before the next figure ("two each in A, B and C,
            # and one more in D"), else every place
            following = min((m for m in marks if m > figure.token), default=len(doc))
            named = list({id(a): a for pos, _, _, a in places if figure.token < pos < following
                          and not clause_break(doc, figure.token, pos)}.values())
            out.extend((a, figure) for a in (named or attacks))
            continue
        listed = _one_in_each_listed(doc, figure, marks, places)
        if listed:  # "Russian occupiers killed 3 civilians in the region: in Andriyivka,
            # Novohryhorivka, and Myrnograd": as many victims as places, one in each
            out.extend((a, replace(figure, value=1, rule="casualties.one-for-each-listed"))
                       for a in listed)
            continue
        owner = _place_where(doc, figure.token, places)
        if owner is not None:  # "… and the region of Zaporizhzhia, where officials said two
            out.append((owner, figure))  # people were killed": the place "where" stands for
            continue
        before = [(figure.token - pos, label, a) for pos, end, label, a in places
                  if pos < figure.token and not clause_break(doc, end, figure.token)]
        nearest_before = min(before, key=lambda x: x[0]) if before else None
        after = [(pos - figure.token, a) for pos, _, _, a in places if pos > figure.token
                 and not clause_break(doc, figure.token, pos)]
        if nearest_before is not None and not nearest_before[1] and after and _joined_clause(
                doc, figure.token, figure.token + min(d for d, _ in after)):
            # "In Kherson, two were killed, and in Bilozerka three injured": the place after
            # the figure opens the next clause; the figure's is the one before
            after = []
            rule("casualties.clause-of-figure")
        if nearest_before is not None and (nearest_before[1] or not after):
            if nearest_before[1] or not _pooled(doc, figure.token, marks, spans, before=True):
                out.append((nearest_before[2], figure))
        elif after and not _pooled(doc, figure.token, marks, spans, before=False):
            out.append((min(after, key=lambda x: x[0])[1], figure))
        elif after:
            out.extend((a, figure) for a in _each_of_breakdown(doc, figure, figures, marks,
                                                               places))
    return out


def _one_in_each_listed(doc, figure, marks: list[int], places) -> list:
    """The struck places of a list after a colon that follows the figure, with no figure after
    it in the sentence, when they are as many as the figure counts ("killed 3 civilians in the
    region: in Andriyivka, Novohryhorivka, and Myrnograd": one in each); [] otherwise."""
    sent = sentence_of(doc, figure.token)
    tokens = doc_tokens(doc)
    colon = next((i for i in range(figure.token + 1, sent.end) if tokens[i].text == ":"), None)
    if colon is None or any(figure.token < m < sent.end for m in marks) or \
            any(figure.token < pos < colon for pos, *_ in places):
        return []
    listed = list({id(a): a for pos, _, _, a in places if colon < pos < sent.end}.values())
    return listed if figure.value == len(listed) >= 2 and \
        rule("casualties.one-for-each-listed") else []


def _each_of_breakdown(doc, figure, figures, marks: list[int], places) -> list:
    """"The Russians killed five residents of Donetsk Oblast: two in Zarichne, one in
    Druzhkivka, Berestky and Uspenivka": a figure before a list of places, in a breakdown after
    a colon whose parts add up to the total before it only when the figure is each place's
    (2 + 1 × 3 = 5), is each place's; otherwise the list shares it (GOLD: pooled, none)."""
    first = sentence_of(doc, figure.token).start
    colon = next((i for i in range(figure.token - 1, first - 1, -1)
                  if doc_tokens(doc)[i].text == ":"), None)
    if colon is None:
        return []
    totals = [f for f in figures if f.kind == figure.kind and f.token < colon and f.value]
    parts = [f for f in figures if f.kind == figure.kind and f.token > colon]
    following = min((m for m in marks if m > figure.token), default=len(doc))
    listed = list({id(a): a for pos, _, _, a in places
                   if figure.token < pos < following}.values())
    if len(totals) != 1 or len(listed) < 2:
        return []
    told = sum(f.value for f in parts if f is not figure) + figure.value * len(listed)
    return listed if told == totals[0].value and rule("casualties.each-of-a-breakdown") else []


def _place_where(doc, token: int, places):
    """The struck place a clause opened by "where" is said of, when the figure at ``token`` is
    told in that clause ("the southeastern region of Zaporizhzhia where officials said two
    people were killed", "hit Odesa and Dnipro, where two were killed"): the place named right
    before "where" (the parser hangs such clauses on any noun)."""
    tokens = doc_tokens(doc)
    first = sentence_of(doc, token).start
    for i in range(token - 1, first, -1):
        if tokens[i].lower_ != "where":
            continue
        before = i - 1 if tokens[i - 1].text != "," else i - 2
        for pos, end, _, attack in places:
            if pos <= before < end and rule("casualties.where-the-place"):
                return attack
        return None
    return None


_LIST_GLUE = {",", "and", "or", "&", "as", "well"}


def _clause_of_its_own(doc, token: int, places) -> bool:
    """"A, B and C came under fire; a house was damaged, but no one was hurt": a zero in a
    clause that names none of the sentence's places speaks of them all."""
    return len(places) > 1 and not any(
        not clause_break(doc, end, token) if start < token else
        not clause_break(doc, token, start) for start, end, _, _ in places) and \
        bool(rule("casualties.zero-after-clause"))


def _pooled(doc, token: int, marks: list[int], places, before: bool) -> bool:
    """"Russia struck Kupiansk, Vovchansk and other villages, injuring three": the place
    nearest the figure on its side is one of a list of places ("A, B and C", no figure in
    between), so the figure is shared by the list; GOLD gives it to none of them."""
    starts = [start for start, _, _ in places]
    if before:
        # a figure right before this one with no place between them shares its places
        # ("shelled A, B and C, killing 1 and injuring 9")
        fence = token
        while True:
            prior = max((m for m in marks if m < fence), default=-1)
            if prior < 0 or any(prior < p < fence for p in starts):
                fence = prior
                break
            fence = prior
        side = sorted(((start, end, a) for start, end, a in places if fence < start < token
                       and not clause_break(doc, end, token)), reverse=True)
    else:
        fence = token
        while True:
            later = min((m for m in marks if m > fence), default=10 ** 9)
            if later == 10 ** 9 or any(fence < p < later for p in starts):
                fence = later
                break
            fence = later
        side = sorted((start, end, a) for start, end, a in places if token < start < fence
                      and not clause_break(doc, token, start))
    listed = {id(side[0][2])} if side else set()
    for (start, end, a), (start2, end2, _) in zip(side[1:], side):
        left, right = (end, start2) if before else (end2, start)
        if any(t.lower_ not in _LIST_GLUE and not _bracketed(doc, t.i, right)
               for t in doc_tokens(doc)[left:right]) and not _locating_glue(doc[left:right]):
            break
        listed.add(id(a))
    if len(listed) > 1:
        rule("casualties.pooled")
        return True
    return False


_PLACE_WORDS = frozenset(cues()["locating_place_nouns"]) | frozenset(cues()["raion_words"]) | \
    frozenset(cues()["region_words"]) | frozenset(cues()["hromada_words"]) | {"the", "of", "in"}


def _locating_glue(tokens) -> bool:
    """Between two listed places only what names or locates them: "the village of A in the
    Kupiansk district of Kharkiv Oblast and the city of B", "A and in the border region of B",
    "A as well as the village of B"."""
    words = [t.lower_ for t in tokens]
    joined = "and" in words or "as well as" in " ".join(words)  # "Kramatorsk as well as the
    # village of Shakhove"
    return joined and all(
        t.lower_ in ("and", "or", "'s", "’s", "as", "well") or t.lower_ in _PLACE_WORDS or
        t.pos_ == "PROPN" or
        t.dep_ in ("amod", "compound") and t.head.lower_ in _PLACE_WORDS  # "the border region"
        for t in tokens)  # no comma: ", and Katerynivka … came under fire" opens a clause


def _bracketed(doc, index: int, end: int) -> bool:
    """A token of a bracketed aside between two listed places, or of the name before it: "in
    A (Vidnoye settlement) and B (Yam settlement)" lists Vidnoye and Yam."""
    token = doc[index]
    if token.text in ("(", ")"):
        return True
    closes = next((t.text for t in doc_tokens(doc)[index + 1:min(end + 1, index + 5)]
                   if t.text in "()"), "")
    if closes == ")":
        return True  # "…settlement )"
    ahead = doc[index:min(len(doc), index + 4)]
    opening = next((t.i for t in ahead if t.text == "("), None)
    return opening is not None and all(t.pos_ == "PROPN" or t.is_title
                                       for t in doc_tokens(doc)[index:opening])  # "Domodedovo ("


_NEXT_CLAUSE = {"and", "while", "but", "whereas", "whilst"}


def _joined_clause(doc, start: int, end: int) -> bool:
    """A comma and a conjunction (", and", ", while") between ``start`` and ``end``: a new
    clause begins."""
    return any(t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _NEXT_CLAUSE
               for t in doc_tokens(doc)[start:end])


def clause_break(doc, start: int, end: int) -> bool:
    tokens, texts = doc_tokens(doc), doc_texts(doc)
    return any(texts[i] in CLAUSE_BREAKS or texts[i] == "." or _spaced_hyphen(tokens, i)
               for i in range(*slice(start, end).indices(len(texts))))  # as tokens[start:end]


def _spaced_hyphen(tokens, i: int) -> bool:
    """A hyphen with a space on each side stands for a dash ("Three civilians lost their lives -
    a 66-year-old woman in …"), as typed in many translated reports."""
    return tokens[i].text == "-" and i > 0 and bool(tokens[i - 1].whitespace_) and \
        bool(tokens[i].whitespace_) and bool(rule("casualties.spaced-hyphen-dash"))


def apply_figures(attack: Attack, figures, parts: dict | None = None,
                  told_again: dict | None = None) -> None:
    """A later figure replaces an earlier one ("the toll rose to six"); "another" adds to it. A
    partial figure after a larger one is a part of it ("Three residents were injured. A
    71-year-old woman sustained shrapnel wounds"), not a new figure, and "another" victim after
    such parts is one more of them while they stay within the total (``parts``: the parts told
    so far, by place and kind, kept by the caller across sentences); a superseded one (told as
    an earlier report) only fills a figure not yet known. ``told_again``, kept by the caller
    too: by place, the kind its last figures only told again (``_retold_kind``)."""
    parts = {} if parts is None else parts
    told_again = {} if told_again is None else told_again
    if not figures:
        return
    retold = told_again.get(attack.place.id)
    told_again[attack.place.id] = _retold_kind(attack, figures)
    for figure in figures:
        current = getattr(attack, figure.kind)
        key = (attack.place.id, figure.kind)
        if figure.increment and retold not in (None, figure.kind) and current is not None and \
                rule("casualties.another-after-retold-toll"):
            # "Three rescuers died in Kyiv … and 14 more were injured" … "Three rescuers died
            # in the capital. … Another nine were injured": a quote telling the toll again
            # from its start; its "another" counts the others besides its dead
            setattr(attack, figure.kind, figure.value)
            parts.pop(key, None)
        elif figure.increment and current is not None and key in parts and (
                figure.partial or figure.value == 1 and parts[key] + 1 <= current):
            # "five injured … four family members were injured … Another citizen was also
            # injured": the fifth of the five, not a sixth; so too "one more body" recovered
            # after two of four dead were named (not "another 10 people", a group of its own)
            parts[key] += figure.value
            if parts[key] > current:
                setattr(attack, figure.kind, parts[key])
            else:
                rule("casualties.another-of-the-parts")
        elif figure.increment and current is not None:
            setattr(attack, figure.kind, current + figure.value)
        elif figure.partial and current is not None and current > figure.value:
            parts[key] = parts.get(key, 0) + figure.value
            continue
        elif figure.rule == "casualties.superseded" and current is not None:
            continue  # "Zelensky had announced three deaths" after the rescuers' two
        else:
            setattr(attack, figure.kind, figure.value)
            parts.pop(key, None)


def _retold_kind(attack: Attack, figures) -> str | None:
    """The kind of figures that only tell again the figure known ("A woman was killed" after
    "killing one woman"), one kind alone, or None."""
    kinds = {f.kind for f in figures}
    if len(kinds) != 1 or not all(not f.increment and f.value and
                                  f.value == getattr(attack, f.kind) for f in figures):
        return None
    return kinds.pop()


def own_figures(doc, figures, named, attack):
    """The figures of a sentence about one struck place that are that place's: a figure whose
    phrase names another settlement of the sentence ("three were injured in Zaporizhzhia, and
    one killed in Orikhiv", when only Orikhiv is read as struck) is not given to it."""
    # another settlement counts only where a figure can be said of it: "in X", "at X"
    elsewhere_named = [(start, end, place) for start, end, place in named
                       if place.kind == "settlement" and place.id != attack.place.id
                       and place not in attack.place.chain() and attack.place not in place.chain()
                       and start > 0 and doc[start - 1].lower_ in ("in", "at")
                       and not _where_speakers_are(doc[end - 1])]
    if not figures or not elsewhere_named:
        return figures
    others = [SimpleNamespace(place=place) for _, _, place in elsewhere_named]
    own = [(start, end, place) for start, end, place in named if place.id == attack.place.id]
    elsewhere = {id(figure) for owner, figure in figures_by_place(
        doc, figures, own + elsewhere_named, [attack, *others]) if owner is not attack}
    if elsewhere:
        rule("casualties.other-place")
    return [f for f in figures if id(f) not in elsewhere]


def _where_speakers_are(token) -> bool:
    """"…, the Russian-installed authorities in Luhansk said": the place of who speaks, not
    of victims (its "in" hangs on the subject of a verb of saying)."""
    speakers = token.head.head if token.dep_ == "pobj" else None
    return speakers is not None and speakers.dep_ == "nsubj" and \
        speakers.head.lemma_.lower() in SAYING_VERBS and bool(rule("casualties.speakers-place"))


def summary_zeros(attacks: list[Attack], kinds: set[str], untold_only: bool = False) -> None:
    """A zero told of a list of places with no place named ("No civilians were injured" after
    "shelled Orikhiv, Mala Tokmachka and Robotyne") closes the summary of the day: every place
    of the report gets it, unless a place has a figure of that kind above zero. With
    ``untold_only`` (a wave's lead: "no immediate reports of any casualties"), a place with any
    figure above zero gets none: its own toll outdates the lead."""
    for kind in kinds:
        if any(getattr(a, kind) for a in attacks):
            continue
        for attack in attacks:
            if untold_only and (attack.killed or attack.injured):
                continue
            if getattr(attack, kind) is None:
                setattr(attack, kind, 0)
                rule("casualties.summary-zero")
