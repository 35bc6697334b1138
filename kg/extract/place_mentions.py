"""Place mentions in a Doc.

A mention is a run of capitalised tokens (or a named entity) whose name the gazetteer knows, or a
name that context marks as a place ("the village of X", "X hromada", "in X, Y district"). Words
around it give a kind hint ("Kharkiv region" → region, "Nikopol district" → raion). Mentions that
are only part of a title ("Kharkiv Mayor", "head of Kyiv's military administration"), of an
organisation's name ("Kyiv Independent"), or a launch site ("drones launched from Kursk") are
marked as such (``kg.extract.place_roles``): they inform context but are never attack places.
``kg.extract.place_resolution`` resolves them against the gazetteer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from kg.extract.datelines import is_dateline, line_start
from kg.extract.doc_text import doc_fact, doc_lowers, doc_texts, doc_tokens, tokens_text
from kg.extract.lexicon import cues
from kg.extract.name_skeletons import adjective_stems
from kg.extract.place_roles import COMPANIES, GEOGRAPHY, OFFICE_TITLES, is_role
from kg.extract.rules import rule
from kg.extract.spelling import gazetteer_knows, known_spelling, typo_fix, variants
from kg.records import Place

PREFIX_HINTS = cues()["settlement_prefixes"]


@dataclass
class Mention:
    start: int  # token indices
    end: int
    name: str
    hint: str | None = None  # region, raion, district, settlement
    role: bool = False  # part of a title, an organisation name or a launch site
    place: Place | None = None
    known: bool = True  # False: found only from context, not in the gazetteer
    sent_start: int = -1  # token index of its sentence's start
    doc_sent: object = None  # its sentence (a spaCy span)
    rules: tuple[str, ...] = ()  # ids of the rules that found or placed it
    tentative: bool = False  # an unknown name kept only if resolution finds its place


    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


NAME_ABBREVIATIONS = set(cues()["name_abbreviations"])  # "St. Petersburg"
_PERSON_TITLES = frozenset(cues()["speaker_title_nouns"]) | \
    frozenset(cues()["person_title_words"])

SETTLEMENT_ENDINGS = tuple(cues()["settlement_name_endings"])  # -ivka, -ske, -ino …: how a name ends
NAME_PARTICLES = set(cues()["name_particles"])  # "Rostov-on-Don", "Slavyansk-na-Kubani"
_HROMADA_WORDS = frozenset(cues()["hromada_words"])  # "hromada", "communities"
_ADJECTIVE_ENDINGS = tuple(cues()["hromada_adjective_endings"])  # "Darivska", "Myrivske"


def _capital_word(token) -> bool:
    return token.text[:1].isupper() and (token.is_alpha or "-" in token.text)


def _glued(doc, i: int) -> bool:
    """Token ``i`` touches both neighbours (no space either side): "Moscow-occupied"."""
    _tok = doc_tokens(doc)
    return 0 < i < len(doc) - 1 and not _tok[i - 1].whitespace_ and not _tok[i].whitespace_


def _name_continues(doc, j: int, end: int) -> int:
    """How many tokens from ``j`` continue the name before them: a capitalised word, a glued
    apostrophe or hyphen before a capitalised word ("Kamianka-Buzka"), or a particle between
    glued hyphens ("Rostov-on-Don"); 0 where the name ends. A hyphen before a lower-case word
    ends it: "Moscow-occupied" is an adjective, not part of a name."""
    _tok = doc_tokens(doc)
    token = _tok[j]
    if _capital_word(token):
        return 1
    if j + 1 >= end or not _glued(doc, j):
        return 0
    after = _tok[j + 1]
    if token.text in ("'", "’") and after.is_alpha:
        return 2
    if token.text == "-" and after.text[:1].isupper() and after.is_alpha:
        return 2
    if token.text == "-" and after.lower_ in NAME_PARTICLES and j + 3 < end and \
            _tok[j + 2].text == "-" and _glued(doc, j + 2) and _capital_word(_tok[j + 3]):
        return 4
    return 0


def _runs(sent) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens joined by hyphens or apostrophes, with a leading
    abbreviation ("St. Petersburg"); read once per extraction run for each sentence (the known
    names and the names only context marks both walk them)."""
    read = doc_fact(sent.doc, "name_runs", lambda _: {})
    key = sent.start, sent.end
    if key not in read:
        read[key] = _read_runs(sent)
    return list(read[key])


def _read_runs(sent) -> list[tuple[int, int]]:
    runs, i, end = [], sent.start, sent.end
    doc = sent.doc
    _tok = doc_tokens(doc)
    texts, lowers = doc_texts(doc), doc_lowers(doc)  # most words are neither: no Token asked
    while i < end:
        if texts[i][:1].isupper() and _capital_word(_tok[i]) or (
                lowers[i] in NAME_ABBREVIATIONS and i + 1 < end and _capital_word(_tok[i + 1])):
            j = i + 1
            while j < end and (step := _name_continues(doc, j, end)):
                j += step
            first = i
            while first < j - 1 and _tok[first].is_stop:  # "The Lviv region", "In Kherson"
                first += 1
            if j - 1 > first and _tok[j - 1].lower_ in _HROMADA_WORDS and \
                    _tok[j - 2].lower_.endswith(_ADJECTIVE_ENDINGS) and \
                    rule("places.capitalised-hromada-word"):
                runs.append((first, j - 1))  # "the Darivska Hromada": the kind after the
            else:  # adjective, as in "the Darivska hromada", not the village Hromada
                runs.append((first, j))
            i = j
        else:
            i += 1
    return runs


_NUMBERED = re.compile(r"([A-Z][\w'’]+)-\d{1,3}")  # "Engels-2", "Shaykovka-1"


def _hyphen_bound(doc, start: int, end: int) -> bool:
    """The name is glued by a hyphen to the word before or after it: part of a longer word
    ("Moscow-occupied", the "Slavyansk" of "Slavyansk-na-Kubani"), not a place of its own."""
    _tok = doc_tokens(doc)
    if _tok[start].text == "-" or _tok[end - 1].text == "-":
        return True
    return (end < len(doc) and _tok[end].text == "-" and not _tok[end - 1].whitespace_
            and not _tok[end].whitespace_) or (
        start > 0 and _tok[start - 1].text == "-" and start >= 2
        and not _tok[start - 2].whitespace_ and not _tok[start - 1].whitespace_)


_REGION_ADJECTIVES = cues()["region_adjectives"]


#: kind words after a name the gazetteer lacks that make it a settlement ("the Shetinkovka
#: settlement", "the Baitsury and Bogun-Gorodok settlements")
_KIND_AFTER = frozenset({"village", "settlement", "settlements", "villages"})

#: plural kind words after the last name of a list ("Vasylkiv and Mezheva communities")
PLURAL_KINDS = ("hromadas", "communities", "villages", "settlements")


def _hint_after(doc, end: int, start: int | None = None) -> str | None:
    _tok = doc_tokens(doc)
    if end >= len(doc):
        return None
    word = _tok[end].lower_
    words = cues()
    if word in words["region_words"]:
        return "region"
    if word == "areas" and start is not None and start > 0 and \
            _tok[start - 1].lower_ in ("and", ",") and rule("places.listed-areas"):
        return "region"  # "In Khmelnytskyi and Kyiv areas, … were hit by drone debris"
    if word == "and" and _and_other_regions(_tok, end) and rule("places.and-other-regions"):
        return "region"  # "attacks on Belgorod and other Russian regions": one region of many
    if word in _REGION_ADJECTIVES and end + 1 < len(doc) and \
            _tok[end + 1].lower_ in words["region_words"] and rule("places.border-region"):
        return "region"  # "the governor of the Bryansk border region"
    if word in ("district", "raion") and end + 1 < len(doc) and \
            _tok[end + 1].lower_ in ("center", "centre") and rule("places.district-centre-named"):
        return "settlement"  # "Klimovo district center was hit": the town, centre of its raion
    if word in words["raion_words"] or word in _MUNICIPAL and end + 1 < len(doc) and \
            _tok[end + 1].lower_ in words["raion_words"] and rule("places.municipal-district"):
        return "raion"  # "the Perevalsky municipal district", "the Krasny Luch urban district"
    if word == "people" and end + 2 < len(doc) and _tok[end + 1].lower_ in ("'s", "’s") and \
            _tok[end + 2].lower_ in ("republic", "republics") and \
            rule("places.peoples-republic-region"):
        return "region"  # "the Donetsk People's Republic", "the Donetsk and Luhansk people's
        # republics": the occupied oblast, not the city
    if word in ("neighborhood", "neighbourhood", "quarter", "microdistrict", "borough"):
        return "district"
    if word in ("village", "town", "settlement") and end + 2 < len(doc) and start and \
            _tok[start - 1].lower_ == "the" and \
            _tok[end + 1].lower_ == "of" and _tok[end + 2].text[:1].isupper() and \
            rule("places.region-before-kind"):
        return "region"  # "the Kharkiv village of Kozacha Lopan": the village's region
    if word == "suburb" and end + 2 < len(doc) and start and _tok[start - 1].lower_ == "the" and \
            _tok[end + 1].lower_ == "of" and _tok[end + 2].text[:1].isupper() and \
            rule("places.suburb-of"):
        return "region"  # "the Kharkiv suburb of Merefa": Merefa, in Kharkiv's oblast
    if word in ("hromada", "community", "municipality", "village", "town", "city", "settlement"):
        return "settlement"
    if word in PLURAL_KINDS and start and \
            _tok[start - 1].lower_ in ("and", ",") and rule("places.list-kind-after"):
        return "settlement"  # "attacked Vasylkiv and Mezheva communities": the last of the list
    return None


def _and_other_regions(tokens, at: int) -> bool:
    """The words from ``at`` are "and other" and a plural region word, with at most two
    words between ("and other Russian regions", "and other border oblasts")."""
    if at + 2 >= len(tokens) or tokens[at + 1].lower_ != "other":
        return False
    for k in range(at + 2, min(at + 5, len(tokens))):
        if tokens[k].lower_ in PLURAL_REGION_WORDS:
            return True
        if not tokens[k].is_alpha:
            return False
    return False


def _hint_before(doc, start: int) -> str | None:
    lowers = doc_lowers(doc)
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = lowers[start - size:start]
        if words[-1] == "of" and len(words) >= 2 and words[-2] in PREFIX_HINTS:
            return PREFIX_HINTS[words[-2]]
        if words[-1] in PREFIX_HINTS and size == 1:
            return PREFIX_HINTS[words[-1]]
    return None


def _common_noun_opening(token) -> bool:
    """The sentence's first word, tagged a common noun and modifying the lower-case noun after
    it ("Blast wave shatters windows"): capitalised only where the sentence opens."""
    head = token.head
    return token.is_sent_start and token.tag_ in ("NN", "NNS") and token.dep_ == "compound" \
        and head.i == token.i + 1 and head.pos_ == "NOUN" and head.text.islower() \
        and head.lower_ not in _KIND_WORDS


def find_mentions(doc, gazetteer, person_spans=(), sents=None) -> list[Mention]:
    """Unresolved place mentions of the doc, in text order. ``person_spans`` are the
    character spans of person names (a name like "Oleh" is also a village: not here)."""
    _tok = doc_tokens(doc)
    in_name = [range(a, b) for a, b in person_spans]
    aged = _aged_people(doc)
    mentions: list[Mention] = []
    sents = list(doc.sents) if sents is None else sents
    for sent in sents:
        for start, end in _runs(sent):
            if "settlement" in (_hint_before(doc, start), _hint_after(doc, end)) and \
                    end - start > 1 and known_spelling(tokens_text(doc, start, end),
                                                       gazetteer) is None:
                continue  # "the village of Novaya Tavolzhanka", "the Lozovaya Rudka village":
                # one name, found from context
            i = start
            while i < end:
                found = name = None
                for j in range(end, i, -1):
                    name = known_spelling(tokens_text(doc, i, j), gazetteer)
                    if name is None and j == i + 1 and _tok[i].pos_ == "PROPN" and \
                            _tok[i].ent_type_ != "NORP":
                        name = typo_fix(_tok[i].text, gazetteer)  # "Belgorov", "Kharikv"
                    if name is None and j == i + 1 and (numbered := _NUMBERED.fullmatch(
                            _tok[i].text)):
                        name = known_spelling(numbered[1], gazetteer)  # "the Engels-2 base"
                    if name is not None and not _hyphen_bound(doc, i, j):
                        found = j
                        break
                if found is None:
                    if _name_prefix(doc, i, end) and rule("places.prefixed-name-whole"):
                        i += 2  # "5 in Shyroka Balta": one village's name (misspelt), not
                        continue  # the town Balta of another oblast
                    i += 1
                    continue
                if len(name) < 3 or (found - i == 1 and _tok[i].is_stop):
                    i = found
                    continue
                if found - i == 1 and _tok[i].lower_ in _lowercase_words(doc) and \
                        rule("places.capitalised-word"):
                    i = found  # "Russia Launches Record Drone Barrage" above "a record wave":
                    continue  # the word, not a spelling of the village Rekord
                if found - i == 1 and _common_noun_opening(_tok[i]) and \
                        rule("places.capitalised-word"):
                    i = found  # "Blast wave shatters windows …": a sentence's first word, a
                    continue  # common noun, not the town Plast by another spelling
                if found - i == 1 and _name_prefix(doc, i, end) and rule("places.name-prefix"):
                    i = found + 1  # "Staraya Nelidovka", a name the gazetteer lacks: not the
                    continue  # village "Staraya" (context may still find the whole name)
                hint = _hint_after(doc, found, i) or _hint_before(doc, i)
                if _tok[found - 1].lower_ in cues()["region_words"] and found - i > 1:
                    hint = "region"  # "in Sumy Oblast village": the name says what it is
                if hint == "raion" and i >= 2 and _tok[i - 1].lower_ in ("city", "capital", "town") \
                        and _tok[i - 1].whitespace_ == "" and _tok[i].lower_ != "'s":
                    hint = "district"
                if hint == "raion" and i >= 2 and _tok[i - 1].lower_ in ("'s", "’s") and (
                        _tok[i - 2].lower_ in ("city", "capital", "town")
                        or _tok[i - 2].pos_ == "PROPN"):
                    hint = "district"  # "the city's / Kherson's Kuibyshevskyi district"
                mention = Mention(i, found, name, hint)
                if hint == "region" and not _hint_after(doc, found):
                    mention.rules = (rule("places.region-of"),)  # "the region of Odesa"
                if _NUMBERED.fullmatch(tokens_text(doc, i, found)):
                    mention.rules = (rule("places.numbered-base"),)
                elif name != tokens_text(doc, i, found):
                    mention.rules = (rule("places.spelling-variant") if name in variants(
                        tokens_text(doc, i, found)) else rule("places.spelling-typo"),)
                elif "-" in name or _tok[i].lower_ in NAME_ABBREVIATIONS:
                    mention.rules = (rule("places.name-run"),)
                if any(_tok[i].idx in r for r in in_name) or tokens_text(doc, i, found) in aged:
                    i = found
                    continue
                mention.role = is_role(doc, i, found) or (
                    _facility_names(doc).get(tokens_text(doc, i, found)) == "apposition"
                    and bool(rule("places.named-facility")))  # "a third oil depot, Kavkaz,"
                mentions.append(mention)
                i = found
        mentions.extend(_context_only(doc, sent, gazetteer, {m.start for m in mentions},
                                      {m.end: m for m in mentions},
                                      {m.start: m for m in mentions}, in_name))
    mentions.sort(key=lambda m: m.start)
    mentions = _repeat_known_names(doc, mentions)
    starts = [sent.start for sent in sents]
    for mention in mentions:  # its sentence by binary search (Token.sent scans every time)
        mention.doc_sent = sents[bisect_right(starts, mention.start) - 1]
        mention.sent_start = mention.doc_sent.start
    for mention in mentions:
        if is_dateline(doc, mention.start, mention.end):
            mention.role = True
    _share_list_hints(doc, mentions)
    return mentions


_NAME_PREFIXES = frozenset(cues()["name_prefix_adjectives"])
_KIND_WORDS = frozenset(cues()["bracket_area_words"]) | frozenset(cues()["region_words"]) | \
    frozenset(cues()["raion_words"]) | _HROMADA_WORDS | \
    frozenset(cues()["settlement_prefixes"])


def _name_prefix(doc, i: int, end: int) -> bool:
    """Token ``i`` is an adjective that opens a longer place name ("Staraya", "Nova", "Velyka")
    and the capitalised word after it in the same run is the rest of that name, not a kind
    ("Staraya Nelidovka" is one village; "Nova Oblast" would not be)."""
    _tok = doc_tokens(doc)
    if i + 1 >= end or _tok[i].lower_ not in _NAME_PREFIXES or not _capital_word(_tok[i + 1]):
        return False
    after = _tok[i + 1].lower_
    return after not in _KIND_WORDS and after not in OFFICE_TITLES


_AGE_UNITS = frozenset(cues()["age_units"])  # "Nine-year-old", "a six-month-old"


def _aged_people(doc) -> frozenset[str]:
    """Names told right after an age with no noun after them ("Nine-year-old German.",
    "Fifteen-year-old Nikita, who …"): people of that age (first names like villages'), not
    places, here and wherever else the text names them ("Nikita is 17 years old"); "a
    60-year-old Kherson resident" keeps Kherson."""
    tokens, lowers = doc_tokens(doc), doc_lowers(doc)
    names = set()
    for k in range(3, len(tokens)):
        token = tokens[k]
        if lowers[k - 1] == "old" and token.pos_ == "PROPN" and \
                tokens[k - 2].text == "-" and lowers[k - 3] in _AGE_UNITS and (
                    k + 1 >= len(tokens) or tokens[k + 1].pos_ not in ("NOUN", "PROPN")) and \
                rule("places.aged-person"):
            names.add(token.text)
    return frozenset(names)


def _share_list_hints(doc, mentions: list[Mention]) -> None:
    """"the Kyiv, Zhytomyr and Cherkasy regions": the plural kind word after a list of names
    applies to each name of the list."""
    for index in range(len(mentions) - 1, 0, -1):
        last = mentions[index]
        if last.hint not in ("region", "raion") or last.end >= len(doc) or \
                not doc[last.end].lower_.endswith("s") and not (
                    last.end + 2 < len(doc) and doc[last.end + 2].lower_ == "republics"):
            continue  # "the Kyiv and Cherkasy regions", "the Donetsk and Luhansk people's
            # republics"
        j = index
        while j > 0:
            prev, nxt = mentions[j - 1], mentions[j]
            between = {t.lower_ for t in doc_tokens(doc)[prev.end:nxt.start]}
            if not between or not between <= _LIST_GLUE:
                break
            if between & _COMPASS:
                rule("places.list-kind-past-compass")  # "the southern Dnipro and
                # northeastern Sumy regions": both regions
            if prev.hint is None or prev.hint == "settlement" and \
                    _plural_prefix(doc, prev.start) and rule("places.list-kind-over-prefix"):
                prev.hint = last.hint  # "the settlements of Kharkiv, Bohodukhiv and Izium
                # districts": the settlements lie in the districts the list names
            j -= 1
    for index, first in enumerate(mentions):
        # "eight oblasts — Zaporizhzhia, Chernihiv and Sumy", "the regions of Kharkiv and
        # Sumy": the plural kind word before the list
        kind = None if first.hint is not None else _after_plural_kind_word(doc, first.start)
        if kind is None:
            continue
        listed = [first]
        for prev, nxt in zip(mentions[index:], mentions[index + 1:]):
            between = {t.lower_ for t in doc_tokens(doc)[prev.end:nxt.start]}
            if not between or not between <= {",", "and", "or", "the"} or nxt.hint is not None:
                break
            listed.append(nxt)
        if kind == "raion" and len(listed) == 1 and rule("places.districts-of-a-city"):
            continue  # "two districts of Kyiv", "the Holosiivskyi and Sviatoshynskyi districts
            # of Kyiv": one name after a plural district word is the city whose districts
            # they are, not a list of raions
        for member in listed:
            member.hint = kind
            member.rules = tuple(member.rules) + (
                rule("places.regions-list") if kind == "region" else rule("places.raions-list"),)


_COMPASS = frozenset(cues()["compass_adjectives"])  # rule places.list-kind-past-compass
_LIST_GLUE = frozenset({",", "and", "or", "the"}) | _COMPASS  # between a list's names


def _plural_prefix(doc, start: int) -> bool:
    """The name comes right after a plural settlement word and "of" ("the settlements of")."""
    return start >= 2 and doc[start - 1].lower_ == "of" and \
        doc[start - 2].lower_ in PREFIX_HINTS and doc[start - 2].lower_.endswith("s")


def _after_plural_kind_word(doc, start: int) -> str | None:
    """"the regions of Kharkiv", "eight oblasts over the past day — Zaporizhzhia": a list
    opened by a plural region word, before "of" or before a dash or colon in its clause, is a
    list of regions; "the districts of Bohodukhiv, Chuhuiv and Izium", "several districts,
    including Pokrovsk and Bakhmut", of raions."""
    if start < 2:
        return None
    opener = doc[start - 1].lower_
    if opener == "of":
        before = doc[start - 2].lower_
        return "region" if before in PLURAL_REGION_WORDS else \
            "raion" if before in PLURAL_RAION_WORDS else None
    if opener in ("including", "namely") and start >= 3 and doc[start - 2].text == ",":
        before = doc[start - 3].lower_  # "in several districts, including Volnovakha, …"
        return "region" if before in PLURAL_REGION_WORDS else \
            "raion" if before in PLURAL_RAION_WORDS else None
    if opener not in LIST_OPENERS:
        return None
    for token in reversed(doc_tokens(doc)[max(0, start - 9):start - 1]):
        if token.lower_ in PLURAL_REGION_WORDS:
            return "region"
        if token.is_punct or token.is_sent_start:
            return None
    return None


FACILITIES = cues()["facility_words"]
PLURAL_REGION_WORDS = {w for w in cues()["region_words"] if w.endswith("s")}  # "oblasts"
PLURAL_RAION_WORDS = {w for w in cues()["raion_words"] if w.endswith("s")}  # "districts"
LIST_OPENERS = {"—", "–", "-", ":"}
_HISTORICAL = frozenset(cues()["historical_regions"])  # "the Donbas region": no oblast


def _facility_located(doc, end: int) -> bool:
    """The facility after a name says where it stands ("the Zenit plant in the town of
    Kotelnich", "the Atlas oil depot in the southern Rostov region"): an unknown name before it
    is the facility's own, not a settlement's."""
    k = end
    while k < len(doc) and k < end + 4 and (doc[k].lower_ in FACILITIES or doc[k].lower_ in (
            "military", "fuel", "storage", "base", "station", "field", "air", "and")):
        k += 1
    if k == end or k >= len(doc) or doc[k].lower_ != "in":
        return False
    return any(t.pos_ == "PROPN" and t.text[:1].isupper()
               for t in doc_tokens(doc)[k + 1:k + 6]) and \
        bool(rule("places.named-facility"))


def _lowercase_words(doc) -> frozenset[str]:
    """The words the doc writes in lower case somewhere: a capitalised one of them is an
    ordinary word ("Russia Launches Record Drone Barrage" above "a record wave"), not a
    spelling of a place name (the village Rekord)."""
    return doc_fact(doc, "lowercase_words", lambda d: frozenset(
        text for text in doc_texts(d) if text.islower()))


def _facility_names(doc) -> dict[str, str]:
    """Names the doc gives a facility, once per doc: "located" for a facility it locates ("the
    Zenit plant in the town of Kotelnich"; wherever else such a name the gazetteer lacks stands
    before a facility word, it is no settlement), "apposition" for one named after it ("a third
    oil depot, Kavkaz,": no settlement at all, though villages bear the name)."""
    cached = doc.user_data.get("facility_names")
    if cached is None:
        names: dict[str, str] = {}
        tokens, lowers = doc_tokens(doc), doc_lowers(doc)
        for token in (tokens[i] for i, lower in enumerate(lowers) if lower in FACILITIES):
            if token.i == 0:
                continue
            i = token.i
            while i > 0 and lowers[i - 1] in FACILITIES:
                i -= 1  # "oil depot"
            first = i
            while first > 0 and _capital_word(tokens[first - 1]) and \
                    not tokens[first - 1].is_sent_start:
                first -= 1
            if first < i and _facility_located(doc, i):
                names.setdefault(tokens_text(doc, first, i), "located")
            k = token.i + 1
            if k + 1 < len(doc) and tokens[k].text == "," and _capital_word(tokens[k + 1]):
                j = k + 1
                while j < len(doc) and _capital_word(tokens[j]):
                    j += 1
                if j < len(doc) and tokens[j].text == "," and rule("places.named-facility"):
                    names[tokens_text(doc, k + 1, j)] = "apposition"  # "a third oil depot, Kavkaz,"
        cached = doc.user_data["facility_names"] = names
    return cached


def _facility_after(doc, end: int) -> bool:
    """"the Morozovsk military airfield", "the Ryazan oil refinery": a name before a
    facility is the place it stands in."""
    words = [t.lower_ for t in doc_tokens(doc)[end:end + 3]]
    if not words or doc[end - 1].lower_ in cues()["countries"] or doc[end - 1].ent_type_ == "NORP":
        return False
    if words[0] == "military":
        words = words[1:]
    if words and words[0] in FACILITIES and words[1:2] == ["of"] and \
            tokens_text(doc, end + 2, end + 3)[:1].isupper():
        rule("places.port-of")  # "the Danube port of Izmail": the port is Izmail
        return False
    return bool(words) and (words[0] in FACILITIES or words[:2] in (["air", "base"],
                                                                    ["air", "field"]))


def _facility_in_region(doc, end: int) -> bool:
    """"the Annanefteprodukt oil storage facility in the Voronezh region": an unknown name
    whose facility the text places in a region is a company's, not a town; the region is
    where it stands. An air base is named after its place ("the Olenya air base in the
    Murmansk region")."""
    if doc[end].lower_ in ("airbase", "airfield", "air") or \
            doc[end].lower_ == "military" and end + 1 < len(doc) and \
            doc[end + 1].lower_ in ("airbase", "airfield", "air"):
        return False
    regions = set(cues()["region_words"])
    for i in range(end, min(end + 5, len(doc) - 2)):
        if doc[i].lower_ == "in":
            words = doc[i + 1:i + 5]
            return any(t.lower_ in regions and k > 0 and words[k - 1].pos_ == "PROPN"
                       for k, t in enumerate(words)) and bool(rule("places.facility-in-region"))
        if doc[i].is_punct:
            return False
    return False


def _repeat_known_names(doc, mentions: list[Mention]) -> list[Mention]:
    """A name found from context once ("the town of Morozovsk") is a place wherever the
    article repeats it."""
    names = {m.name: m for m in mentions if not m.known and m.hint == "settlement"}
    if not names:
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    for name in names:
        size = len(name.split())
        for token in doc:
            i = token.i
            if i + size > len(doc) or i in taken or tokens_text(doc, i, i + size) != name or \
                    token.ent_type_ == "PERSON":
                continue
            if _hint_after(doc, i + size) in ("raion", "region"):
                continue  # "the Shebekino district": another place, named after the town
            extra.append(Mention(i, i + size, name, "settlement", known=False))
            taken.update(range(i, i + size))
    return sorted(mentions + extra, key=lambda m: m.start)


def _no_country(name: str) -> bool:
    """No name is known only as a country (the default of the list readers below)."""
    return False


def _list_member(doc, start: int, end: int, known_ends: dict[int, Mention],
                 country=_no_country) -> bool:
    """"in Kherson, Sadove, Antonivka and Zymivnyk": a name listed right after a known
    settlement (a comma or "and" between) is a settlement too, of the list's kind."""
    before = _listed_after(doc, start, known_ends, country)
    # the last of a long list may end before its verb: "A, B, and C came under fire"
    long_list = before is not None and doc[end - 1].lower_.endswith(SETTLEMENT_ENDINGS) and any(
        0 < before.start - k <= 2 and all(t.text == "," or t.lower_ == "and"
                                          for t in doc_tokens(doc)[k:before.start])
        for k in known_ends)
    return before is not None and all((t.pos_ == "PROPN" or t.text == "-") and t.ent_type_ != "NORP"
            for t in doc_tokens(doc)[start:end]) and (end >= len(doc) or doc[end].is_punct
                                       or doc[end].lower_ in ("and", "or") or doc[end].pos_ == "ADP"
                                       or (long_list and doc[end].pos_ in ("VERB", "AUX")))


def _listed_after(doc, start: int, known_ends: dict[int, Mention],
                  country=_no_country) -> Mention | None:
    """The settlement mention the name at ``start`` is listed after (", X", " and X", ", and X");
    none after a country (``country``: whether the gazetteer knows a name only as one)."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("and", "or") and i - 1 >= 0 and doc[i - 1].text == ",":
        i -= 1
    if i < 1 or doc[i].text not in (",", "and", "or"):
        return None
    before = known_ends.get(i)
    if before is not None and (before.name in _COUNTRY_NAMES or country(before.name)) and \
            rule("places.list-after-country"):
        return None  # "trust between Ukraine and Washington", "citizens of Ukraine, the United
        # States, Latvia and Germany": countries, no settlements
    return before if before is not None and not before.role and \
        before.hint in (None, "settlement") else None


_COUNTRY_NAMES = frozenset(cues()["countries"].values())


def _only_a_country(name: str, gazetteer) -> bool:
    """The gazetteer knows ``name`` and only as a country ("the United States", "Poland")."""
    candidates = getattr(gazetteer, "candidates", None)
    found = candidates(name) if candidates is not None else []
    return bool(found) and all(place.kind == "country" for place in found)


def _list_head(doc, start: int, end: int, known_starts: dict[int, Mention]) -> bool:
    """"strikes on villages, including Zhovti Kruchi, Huliaipilske, Zaliznychne and Charivne": an
    unknown name that opens a list in which a known settlement follows."""
    if start == 0 or doc[start - 1].lower_ not in ("including", "include", "includes", ":") or \
            end >= len(doc) or doc[end].text != "," or not all(
                (t.pos_ == "PROPN" or t.text == "-") and t.ent_type_ != "NORP"
                for t in doc_tokens(doc)[start:end]):
        return False
    for k in range(end + 1, min(len(doc), end + 12)):
        known = known_starts.get(k)
        if known is not None:
            return not known.role and known.hint in (None, "settlement")
        if not (doc[k].pos_ == "PROPN" or doc[k].text in (",", "-") or doc[k].lower_ == "and"):
            return False
    return False


def _context_only(doc, sent, gazetteer, taken: set[int],
                  known_ends: dict[int, Mention] | None = None,
                  known_starts: dict[int, Mention] | None = None,
                  in_name=()) -> list[Mention]:
    """Names the gazetteer lacks that context marks as settlements: "the village of X",
    "X hromada", "X village", a list of settlements ("Kherson, Sadove and Zymivnyk"); not a
    person's name (``in_name``: character ranges of person names) unless "village" or the
    like says so."""
    out = []
    _tok = doc_tokens(doc)
    known = gazetteer_knows(gazetteer)
    known_ends = dict(known_ends or {})
    countries: dict[str, bool] = {}  # each name asked once per sentence

    def country(name: str) -> bool:
        if name not in countries:
            countries[name] = _only_a_country(name, gazetteer)
        return countries[name]

    maybe_ends: dict[int, Mention] = {}
    for start, end in _runs(sent):
        if any(start <= k < end for k in taken) or \
                known(tokens_text(doc, start, end)) or (
                end - start == 1 and (_tok[start].is_stop or len(_tok[start].text) < 3)):
            continue
        if doc[end - 1].lower_ in GEOGRAPHY or \
                tokens_text(doc, start, end) in _geography_names(doc):
            rule("places.geography")
            continue  # "the Black Sea port of Odesa": a sea, not a settlement; "Danube port
            # infrastructure" where the text says "the Danube River" elsewhere
        if end - start == 1 and _tok[start].lower_ in cues()["countries"]:
            continue
        if end - start == 1 and _tok[start].lower_ in _demonyms() and \
                rule("places.demonym-before-kind"):
            continue  # "Russian village shelled", "the Polish village of X": whose village
        if _tok[start].lower_ in OFFICE_TITLES or _tok[end - 1].lower_ in OFFICE_TITLES or (
                end - start > 1 and _tok[start].lower_ in _PERSON_TITLES
                and rule("places.titled-person")):
            continue  # "Kharkiv city Mayor Ihor Terekhov", "LPR Ambassador to Russia Rodion
            # Miroshnik", "the home town of President Volodymyr Zelensky": a title and a name
        before, after = _hint_before(doc, start), _hint_after(doc, end, start)
        if after != "settlement" and any(_tok[k].idx in r for k in range(start, end)
                                         for r in in_name) and (
                before != "settlement" or doc[start - 1].lower_ != "of"):
            # "the governor of that city in Crimea, Mykhailo Razvozhayev", "the mayor of the
            # city Igor Polishchuk": a person; "the village of X" says it is a place
            continue
        if before == "settlement" or (after == "settlement" and end < len(doc) and (
                _tok[end].lower_ in _KIND_AFTER or _tok[end].lower_ in _HROMADA_WORDS)) or (
                _facility_after(doc, end) and not _tok[start].is_sent_start
                and tokens_text(doc, start, end) not in _facility_names(doc)
                and tokens_text(doc, start, end).lower() not in COMPANIES  # "the Lukoil refinery"
                and not tokens_text(doc, start, end).isupper()  # "the TPP plant": an abbreviation
                and not (_facility_in_region(doc, end)
                         and not known(tokens_text(doc, start, end)))
                and all(t.pos_ == "PROPN" and t.lower_ not in FACILITIES
                        for t in doc_tokens(doc)[start:end])):
            # the last of "Zarbuvetska and Dumblotska communities", a hromada's adjective, is
            # kept only if the region has a settlement it names
            plural = end < len(doc) and _tok[end].lower_ in PLURAL_KINDS and \
                bool(adjective_stems(tokens_text(doc, start, end)))
            out.append(Mention(start, end, tokens_text(doc, start, end), "settlement", known=False,
                               tentative=plural))
            if before == "settlement" and not plural:
                known_ends[end] = out[-1]  # "the villages of Shelaevo, Koloskovo and …": the
                # list it opens goes on
        elif _list_member(doc, start, end, known_ends, country) or \
                _list_head(doc, start, end, known_starts or {}):
            mention = Mention(start, end, tokens_text(doc, start, end), "settlement", known=False,
                              rules=(rule("places.list-member"),))
            out.append(mention)
            known_ends[end] = mention  # the list goes on: "…, Zymivnyk and Kozatske"
        elif after == "region" and tokens_text(doc, start, end).lower() in _HISTORICAL and \
                rule("places.historical-region"):
            continue  # "Ukraine's Donbas region": a land of several oblasts, no oblast
        elif after == "region" and not (end - start == 1 and _tok[start].is_sent_start) and \
                doc[end - 1].lower_ not in cues()["countries"] and doc[end - 1].ent_type_ != "NORP":
            word = _tok[end].lower_
            if word == "area" and rule("places.unknown-area-is-district"):
                # "the block of flats in the Lisovyi area": a name the gazetteer lacks, with
                # "area", is a part of a town (a district of the city told of), no region
                out.append(Mention(start, end, tokens_text(doc, start, end), "district",
                                   known=False))
                continue
            label = tokens_text(doc, start, end) + (
                " Oblast" if word in ("region", "oblast", "province")
                else " " + _tok[end].text.capitalize())
            out.append(Mention(start, end, label, "region", known=False))
        elif russian_district(doc, start, end):
            # "the region's Anninsky District": a Russian district the gazetteer lacks
            stop = end - 1 if doc[end - 1].lower_ == "district" else end
            name = re.sub(r"ski$", "sky", tokens_text(doc, start, stop))  # "Korenevski": -sky
            out.append(Mention(start, stop, name + " District", "raion",
                               known=False, rules=(rule("places.russian-district"),)))
        elif _maybe_settlement(doc, start, end, {**known_ends, **maybe_ends}, country):
            # kept only if a region the article names has a settlement spelled so (resolution)
            out.append(Mention(start, end, tokens_text(doc, start, end), "settlement", known=False,
                               tentative=True))
            maybe_ends[end] = out[-1]  # "in Khotynska and Bilopilska": both may be
    return out


_RUSSIAN_DISTRICT_ENDINGS = ("sky", "skiy", "skoy", "tsky", "ski")  # Ukrainian ones end in "-skyi"


def russian_district(doc, start: int, end: int) -> bool:
    """"Anninsky District", "the Novokhopyorsky district", "the Graivoronsky municipal
    district": a Russian-style adjective (not a Ukrainian "-skyi") before "district"."""
    stop = end - 1 if doc[end - 1].lower_ == "district" else end
    after = end + 1 if end + 1 < len(doc) and doc[end].lower_ in _MUNICIPAL else end
    if stop <= start or not (stop < end or after < len(doc) and doc[after].lower_ == "district"):
        return False
    return doc[stop - 1].lower_.endswith(_RUSSIAN_DISTRICT_ENDINGS) and \
        all(t.is_title for t in doc_tokens(doc)[start:stop]) and \
        (after == end or bool(rule("places.municipal-district")))


#: "the Shebekinsky municipal district", "the Valuysky urban district": Russia's municipal
#: divisions, named as its districts are
_MUNICIPAL = frozenset({"municipal", "urban"})


def _demonyms() -> dict[str, str]:
    """Nationality words of the people rule data ("polish" → Poland)."""
    from kg.extract.people_rules import lexicon

    return lexicon().demonyms


def _geography_names(doc) -> frozenset[str]:
    """Names the doc gives a river, sea or lake ("Danube" of "the Danube River"), once per doc,
    and the rivers that carry ports, named alone ("the Danube port infrastructure in Izmail")."""
    cached = doc.user_data.get("geography_names")
    if cached is None:
        names = set(cues()["port_rivers"])
        tokens = doc_tokens(doc)
        for token in (tokens[i] for i, lower in enumerate(doc_lowers(doc)) if lower in GEOGRAPHY):
            if token.is_title and token.i > 0:
                i = token.i
                while i > 0 and _capital_word(doc[i - 1]) and not doc[i - 1].is_sent_start:
                    i -= 1
                if i < token.i:
                    names.add(tokens_text(doc, i, token.i))
        cached = doc.user_data["geography_names"] = frozenset(names)
    return cached


def _maybe_settlement(doc, start: int, end: int, known_ends: dict[int, Mention],
                      country=_no_country) -> bool:
    """An unknown proper name where a settlement may stand: after "in" / "near", or listed
    after a known settlement ("Kurakhovka and Galitsinovka were shelled")."""
    if end < len(doc) and doc[end].text == ":" and line_start(doc, start) and \
            doc[end - 1].lower_.endswith(_ADJECTIVE_ENDINGS) and \
            all(t.is_alpha and t.text[:1].isupper() for t in doc_tokens(doc)[start:end]):
        return bool(rule("places.community-heading"))  # "Bilopilska: the occupant fired …"
    if not all(t.pos_ == "PROPN" and t.ent_type_ != "NORP" and not t.is_upper
               for t in doc_tokens(doc)[start:end]) or \
            not (doc[end - 1].lower_.endswith(SETTLEMENT_ENDINGS)
                 or (end - start == 2 and doc[start].lower_ in _NAME_PREFIXES)):
        return False  # "FPV", "Zelenskiy", "Norway": no settlement's name; "Shyroka Balta" is
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("in", "near", "outside"):
        return True
    return _listed_after(doc, start, known_ends, country) is not None or \
        list_end_word(doc, end) in _HROMADA_WORDS



def list_end_word(doc, end: int) -> str:
    """The word that closes the list of names going on at ``end`` ("…, Pokrovsk and Myrove
    communities" → "communities"; "Under attack - Semenivska, Snovska and Novgorod-Siverska
    communities"), or "" where no name comes right before it."""
    k = end
    while k < len(doc) and k - end < 40 and (doc[k].text in (",", "-") or doc[k].lower_ == "and"
                                              or _list_name_word(doc[k])):
        k += 1
    return doc[k].lower_ if k < len(doc) and _list_name_word(doc[k - 1]) else ""


def _list_name_word(token) -> bool:
    """A word of a name in a list of places: a proper noun, or a capitalised word the tagger
    took for a common noun ("Nikopol, Pokrovsk, and Marhanets communities", "Marhanets" tagged
    a plural noun) that is no kind of place ("Kherson and Mykolaiv Regions")."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title
                                     and token.lower_ not in _KIND_WORDS)


