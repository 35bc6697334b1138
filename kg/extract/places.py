"""Place mentions in a Doc and their resolution against the gazetteer.

A mention is a run of capitalised tokens (or a named entity) whose name the gazetteer knows, or a
name that context marks as a place ("the village of X", "X hromada", "in X, Y district"). Words
around it give a kind hint ("Kharkiv region" → region, "Nikopol district" → raion). Mentions that
are only part of a title ("Kharkiv Mayor", "head of Kyiv's military administration"), of an
organisation's name ("Kyiv Independent"), or a launch site ("drones launched from Kursk") are
marked as such: they inform context but are never attack places.

Resolution runs in two passes: names with one candidate first, then every name with those places
as context, so "Pivdenne" next to "Odesa region" picks the Odesa Oblast one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from kg.extract.lexicon import cues
from kg.extract.rules import rule
from kg.extract.spelling import known_spelling, typo_fix, variants
from kg.link.places import country_of, inside, resolve
from kg.records import Place
from kg.vocab import slug

TITLE_WORDS = cues()["title_words"]
LAUNCH_PREP = {"from", "toward", "towards", "via", "through"}  # anywhere above the name
NOT_TARGET_PREP = LAUNCH_PREP | {"for", "by"}  # right before it: "by Moscow", "for Kyiv"
PREFIX_HINTS = cues()["settlement_prefixes"]
LAUNCH_VERBS = set(cues()["launch_words"]) - {"include", "comprise", "involve", "use", "employ"}


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


    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


NAME_ABBREVIATIONS = set(cues()["name_abbreviations"])  # "St. Petersburg"
NAME_PARTICLES = set(cues()["name_particles"])  # "Rostov-on-Don", "Slavyansk-na-Kubani"


def _capital_word(token) -> bool:
    return token.text[:1].isupper() and (token.is_alpha or "-" in token.text)


def _glued(doc, i: int) -> bool:
    """Token ``i`` touches both neighbours (no space either side): "Moscow-occupied"."""
    return 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _name_continues(doc, j: int, end: int) -> int:
    """How many tokens from ``j`` continue the name before them: a capitalised word, a glued
    apostrophe or hyphen before a capitalised word ("Kamianka-Buzka"), or a particle between
    glued hyphens ("Rostov-on-Don"); 0 where the name ends. A hyphen before a lower-case word
    ends it: "Moscow-occupied" is an adjective, not part of a name."""
    token = doc[j]
    if _capital_word(token):
        return 1
    if j + 1 >= end or not _glued(doc, j):
        return 0
    after = doc[j + 1]
    if token.text in ("'", "’") and after.is_alpha:
        return 2
    if token.text == "-" and after.text[:1].isupper() and after.is_alpha:
        return 2
    if token.text == "-" and after.lower_ in NAME_PARTICLES and j + 3 < end and \
            doc[j + 2].text == "-" and _glued(doc, j + 2) and _capital_word(doc[j + 3]):
        return 4
    return 0


def _runs(sent) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens joined by hyphens or apostrophes, with a leading
    abbreviation ("St. Petersburg")."""
    runs, i, end = [], sent.start, sent.end
    doc = sent.doc
    while i < end:
        token = doc[i]
        if _capital_word(token) or (token.lower_ in NAME_ABBREVIATIONS and i + 1 < end
                                    and _capital_word(doc[i + 1])):
            j = i + 1
            while j < end and (step := _name_continues(doc, j, end)):
                j += step
            first = i
            while first < j - 1 and doc[first].is_stop:  # "The Lviv region", "In Kherson"
                first += 1
            runs.append((first, j))
            i = j
        else:
            i += 1
    return runs


def _hyphen_bound(doc, start: int, end: int) -> bool:
    """The name is glued by a hyphen to the word before or after it: part of a longer word
    ("Moscow-occupied", the "Slavyansk" of "Slavyansk-na-Kubani"), not a place of its own."""
    if doc[start].text == "-" or doc[end - 1].text == "-":
        return True
    return (end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
            and not doc[end].whitespace_) or (
        start > 0 and doc[start - 1].text == "-" and start >= 2
        and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_)


def _hint_after(doc, end: int) -> str | None:
    if end >= len(doc):
        return None
    word = doc[end].lower_
    words = cues()
    if word in words["region_words"]:
        return "region"
    if word in words["raion_words"]:
        return "raion"
    if word in ("neighborhood", "neighbourhood", "quarter", "microdistrict", "borough"):
        return "district"
    if word in ("hromada", "community", "municipality", "village", "town", "city"):
        return "settlement"
    return None


def _hint_before(doc, start: int) -> str | None:
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = [t.lower_ for t in doc[start - size:start]]
        if words[-1] == "of" and len(words) >= 2 and words[-2] in PREFIX_HINTS:
            return PREFIX_HINTS[words[-2]]
        if words[-1] in PREFIX_HINTS and size == 1:
            return PREFIX_HINTS[words[-1]]
    return None


ACTOR_VERBS = cues()["actor_verbs"]
ACTOR_NOUNS = cues()["actor_nouns"]
UNDERGOING = cues()["undergoing_verbs"]
DIRECTIONS = cues()["direction_words"]
WATERSIDE = set(cues()["waterside_words"])




def _from_on_the_left(doc, start: int) -> bool:
    """A "from" a few words before, in the same phrase: "from Cape Chauda in occupied Crimea"."""
    for i in range(start - 1, max(0, start - 7) - 1, -1):
        token = doc[i]
        if token.lower_ in LAUNCH_PREP:
            return True
        if token.text in (",", ";", ".", ":", "(") or token.lower_ in ("and", "but", "while"):
            return False
        if token.pos_ in ("VERB", "AUX") and not (token.tag_ in ("VBN", "VBD") and i > 0
                                                   and doc[i - 1].pos_ in ("ADP", "DET")):
            return False
    return False


def _governing_preps(head) -> list[str]:
    """The prepositions on the way from a mention up to its clause's verb."""
    preps, node = [], head
    for _ in range(6):
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
            preps.append(node.head.lower_)
            node = node.head.head
        elif node.dep_ in ("conj", "appos", "compound", "amod", "nmod") and node.head.i != node.i:
            node = node.head
        else:
            break
        if node.pos_ in ("VERB", "AUX"):
            break
    return preps


def _fired_at(head) -> bool:
    """The "toward" phrase hangs on a verb of firing ("launched/fired two missiles toward X")."""
    node = head.head.head  # pobj → prep → its head
    while node.dep_ in ("dobj", "conj", "npadvmod") and node.head.i != node.i:
        node = node.head
    if node.pos_ == "VERB" and node.lemma_.lower() in LAUNCH_VERBS:
        rule("places.fired-toward")
        return True
    return False


def _is_role(doc, start: int, end: int) -> bool:
    """True when the mention is not a place that could be struck: part of a title or a name,
    a launch site or heading, a distance reference, or a city standing for its government."""
    after = doc[end].lower_ if end < len(doc) else ""
    if after in ("'s", "’s") and end + 1 < len(doc):
        after = doc[end + 1].lower_
        if after in cues()["raion_words"] or after in cues()["region_words"]:
            return False
    if after in TITLE_WORDS:
        return True
    first = doc[start]
    longer = first.ent_iob_ == "I" or (end < len(doc) and doc[end].ent_iob_ == "I")
    if first.ent_type_ == "PERSON" and longer:
        return True  # part of a longer person's name ("Oleh" in "Oleh Kiper")
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    if before and before[-1] == "the":
        before = before[:-1]
    if len(before) >= 2 and before[-1] == "of" and before[-2] in WATERSIDE:
        return bool(rule("places.river-bank"))  # "the left bank of the Dnipro": the river
    if before and before[-1] == "of" and len(before) >= 2 and before[-2] in DIRECTIONS:
        return True  # "200 km southeast of Moscow", "north of Kharkiv"
    if before and before[-1] in ("toward", "towards") and \
            doc[start:end].root.dep_ == "pobj" and _fired_at(doc[start:end].root):
        return False  # "launched two missiles toward Kyiv": the target
    if before and before[-1] in DIRECTIONS:
        return True  # "towards Kyiv", "the Kharkiv direction"
    head = doc[start:end].root
    preps = _governing_preps(head)
    if any(p in LAUNCH_PREP for p in preps) or (preps and preps[0] in NOT_TARGET_PREP) \
            or _from_on_the_left(doc, start):
        return True  # "launched from the Kursk region", "from Cape Chauda in occupied Crimea"
    if "over" in preps and {t.lemma_.lower() for t in head.sent} & (
            cues()["interception_words"] | {"destroy"}):
        return True  # "destroyed 29 of them over the Kyiv region": not struck there
    if head.dep_ == "nsubj" and (head.head.lemma_.lower() in ACTOR_VERBS or (
            head.head.pos_ == "VERB" and head.head.lemma_.lower() not in UNDERGOING)):
        return True  # "Kyiv has targeted …", "as Moscow kept up its campaign": an actor
    if head.dep_ == "poss" and head.head.lower_ in ACTOR_NOUNS:
        return True  # "Kyiv's Western partners", "Moscow's forces"
    return False


def find_mentions(doc, gazetteer, person_spans=(), sents=None) -> list[Mention]:
    """Unresolved place mentions of the doc, in text order. ``person_spans`` are the
    character spans of person names (a name like "Oleh" is also a village: not here)."""
    in_name = [range(a, b) for a, b in person_spans]
    mentions: list[Mention] = []
    sents = list(doc.sents) if sents is None else sents
    for sent in sents:
        for start, end in _runs(sent):
            if _hint_before(doc, start) == "settlement" and end - start > 1 and \
                    not gazetteer.candidates(doc[start:end].text):
                continue  # "the village of Novaya Tavolzhanka": one name, found from context
            i = start
            while i < end:
                found = name = None
                for j in range(end, i, -1):
                    name = known_spelling(doc[i:j].text, gazetteer)
                    if name is None and j == i + 1 and doc[i].pos_ == "PROPN" and \
                            doc[i].ent_type_ != "NORP":
                        name = typo_fix(doc[i].text, gazetteer)  # "Belgorov", "Kharikv"
                    if name is not None and not _hyphen_bound(doc, i, j):
                        found = j
                        break
                if found is None:
                    i += 1
                    continue
                if len(name) < 3 or (found - i == 1 and doc[i].is_stop):
                    i = found
                    continue
                hint = _hint_after(doc, found) or _hint_before(doc, i)
                if doc[found - 1].lower_ in cues()["region_words"] and found - i > 1:
                    hint = "region"  # "in Sumy Oblast village": the name says what it is
                if hint == "raion" and i >= 2 and doc[i - 1].lower_ in ("city", "capital", "town") \
                        and doc[i - 1].whitespace_ == "" and doc[i].lower_ != "'s":
                    hint = "district"
                if hint == "raion" and i >= 2 and doc[i - 1].lower_ in ("'s", "’s") and (
                        doc[i - 2].lower_ in ("city", "capital", "town")
                        or doc[i - 2].pos_ == "PROPN"):
                    hint = "district"  # "the city's / Kherson's Kuibyshevskyi district"
                mention = Mention(i, found, name, hint)
                if name != doc[i:found].text:
                    mention.rules = (rule("places.spelling-variant") if name in variants(
                        doc[i:found].text) else rule("places.spelling-typo"),)
                elif "-" in name or doc[i].lower_ in NAME_ABBREVIATIONS:
                    mention.rules = (rule("places.name-run"),)
                if any(doc[i].idx in r for r in in_name):
                    i = found
                    continue
                mention.role = _is_role(doc, i, found)
                mentions.append(mention)
                i = found
        mentions.extend(_context_only(doc, sent, gazetteer, {m.start for m in mentions},
                                      {m.end: m for m in mentions}))
    mentions.sort(key=lambda m: m.start)
    mentions = _repeat_known_names(doc, mentions)
    starts = [sent.start for sent in sents]
    for mention in mentions:  # its sentence by binary search (Token.sent scans every time)
        mention.doc_sent = sents[bisect_right(starts, mention.start) - 1]
        mention.sent_start = mention.doc_sent.start
    for mention in mentions:
        if _dateline(doc, mention):
            mention.role = True
    _share_list_hints(doc, mentions)
    return mentions


def _dateline(doc, mention: Mention) -> bool:
    """"KYIV/MOSCOW, April 5 -", "DNIPRO —": the place a report was filed from."""
    text = doc[mention.start:mention.end].text
    if not text.isupper() or len(text) < 3:
        return False
    line_start = mention.start == 0 or "\n" in doc[mention.start - 1].text or \
        "\n" in doc[mention.start - 1].whitespace_ or doc[mention.start - 1].text == "/"
    return line_start


def _share_list_hints(doc, mentions: list[Mention]) -> None:
    """"the Kyiv, Zhytomyr and Cherkasy regions": the plural kind word after a list of names
    applies to each name of the list."""
    for index in range(len(mentions) - 1, 0, -1):
        last = mentions[index]
        if last.hint not in ("region", "raion") or last.end >= len(doc) or \
                not doc[last.end].lower_.endswith("s"):
            continue
        j = index
        while j > 0:
            prev, nxt = mentions[j - 1], mentions[j]
            between = {t.lower_ for t in doc[prev.end:nxt.start]}
            if not between or not between <= {",", "and", "or", "the"}:
                break
            if prev.hint is None:
                prev.hint = last.hint
            j -= 1


FACILITIES = cues()["facility_words"]


def _facility_after(doc, end: int) -> bool:
    """"the Morozovsk military airfield", "the Ryazan oil refinery": a name before a
    facility is the place it stands in."""
    words = [t.lower_ for t in doc[end:end + 3]]
    if not words or doc[end - 1].lower_ in cues()["countries"] or doc[end - 1].ent_type_ == "NORP":
        return False
    if words[0] == "military":
        words = words[1:]
    return bool(words) and (words[0] in FACILITIES or words[:2] in (["air", "base"],
                                                                    ["air", "field"]))


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
            if i + size > len(doc) or i in taken or doc[i:i + size].text != name or \
                    token.ent_type_ == "PERSON":
                continue
            if _hint_after(doc, i + size) in ("raion", "region"):
                continue  # "the Shebekino district": another place, named after the town
            extra.append(Mention(i, i + size, name, "settlement", known=False))
            taken.update(range(i, i + size))
    return sorted(mentions + extra, key=lambda m: m.start)


def _list_member(doc, start: int, end: int, known_ends: dict[int, Mention]) -> bool:
    """"in Kherson, Sadove, Antonivka and Zymivnyk": a name listed right after a known
    settlement (a comma or "and" between) is a settlement too, of the list's kind."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("and", "or") and i - 1 >= 0 and doc[i - 1].text == ",":
        i -= 1
    if i < 1 or doc[i].text not in (",", "and", "or"):
        return False
    before = known_ends.get(i)
    return before is not None and not before.role and before.hint in (None, "settlement") and \
        all((t.pos_ == "PROPN" or t.text == "-") and t.ent_type_ != "NORP"
            for t in doc[start:end]) and (end >= len(doc) or doc[end].is_punct
                                       or doc[end].lower_ in ("and", "or") or doc[end].pos_ == "ADP")


def _context_only(doc, sent, gazetteer, taken: set[int],
                  known_ends: dict[int, Mention] | None = None) -> list[Mention]:
    """Names the gazetteer lacks that context marks as settlements: "the village of X",
    "X hromada", "X village", a list of settlements ("Kherson, Sadove and Zymivnyk")."""
    out = []
    known_ends = dict(known_ends or {})
    for start, end in _runs(sent):
        if start in taken or gazetteer.candidates(doc[start:end].text) or (
                end - start == 1 and (doc[start].is_stop or len(doc[start].text) < 3)):
            continue
        before, after = _hint_before(doc, start), _hint_after(doc, end)
        if before == "settlement" or (after == "settlement" and end < len(doc)
                                      and doc[end].lower_ in ("hromada", "village")) or (
                _facility_after(doc, end) and not doc[start].is_sent_start
                and all(t.pos_ == "PROPN" and t.lower_ not in FACILITIES for t in doc[start:end])):
            out.append(Mention(start, end, doc[start:end].text, "settlement", known=False))
        elif _list_member(doc, start, end, known_ends):
            mention = Mention(start, end, doc[start:end].text, "settlement", known=False,
                              rules=(rule("places.list-member"),))
            out.append(mention)
            known_ends[end] = mention  # the list goes on: "…, Zymivnyk and Kozatske"
        elif after == "region" and not (end - start == 1 and doc[start].is_sent_start) and \
                doc[end - 1].lower_ not in cues()["countries"] and doc[end - 1].ent_type_ != "NORP":
            word = doc[end].lower_
            label = doc[start:end].text + (" Oblast" if word in ("region", "oblast", "province")
                                           else " " + doc[end].text.capitalize())
            out.append(Mention(start, end, label, "region", known=False))
    return out


def _region_of(place: Place | None) -> Place | None:
    for node in place.chain() if place else []:
        if node.kind == "region":
            return node
    return None


def resolve_mentions(mentions: list[Mention], gazetteer) -> None:
    """Fill ``Mention.place``: unambiguous names first, then the rest with them as context."""
    compounds: dict[str, Mention] = {}  # "slavyansk" → the mention of "Slavyansk-na-Kubani"
    for mention in mentions:
        if "-" in mention.name.strip("-"):
            compounds.setdefault(mention.name.split("-")[0].lower(), mention)
    for mention in mentions:
        whole = compounds.get(mention.name.rstrip("-").lower())
        if whole is not None and whole is not mention and whole.start < mention.start:
            # "the Slavyansk refinery" after "Slavyansk-na-Kubani": its short form, not the
            # Sloviansk of Donetsk Oblast
            mention.known, mention.name, mention.hint = whole.known, whole.name, whole.hint
    for mention in mentions:
        if mention.known:
            kinds = _kinds(mention.hint)
            if len(gazetteer.candidates(mention.name, kinds)) == 1:
                mention.place = resolve(mention.name, kind=_kind(mention.hint), context=())
    context = tuple(m.place for m in mentions if m.place is not None)
    for _ in range(3):  # each pass may settle names the next pass can use as context
        settled = False
        for mention in mentions:
            if mention.known and mention.place is None:
                mention.place = resolve(mention.name, kind=_kind(mention.hint), context=context)
                settled = settled or mention.place is not None
        context = tuple(m.place for m in mentions if m.place is not None)
        if not settled:
            break
    for index, mention in enumerate(mentions):
        city = _of_city(mention, mentions[index + 1:index + 2])
        if city is not None and (mention.place is None or mention.place.kind not in
                                 ("district", "raion") or mention.place.parent is None or
                                 mention.place.parent.id != city.id):
            # "the Dniprovskyi district of Kherson": a district of that city, whatever the
            # gazetteer says of other cities' districts of that name
            mention.hint = "district"
            mention.place = _city_district(mention, city)
            continue
        if mention.known and mention.place is None and mention.hint == "raion":
            mention.place = _raion_named_after(mention.name, context)
        if mention.place is not None and mention.place.kind == "district" and \
                mention.place.parent is not None and not any(
                    m.place is not None and m.place.id == mention.place.parent.id
                    for m in mentions):
            # "the Kyivskyi district" in an article about Odesa that never names Kharkiv: not
            # Kharkiv's district of that name, but one of the city the text is about
            mention.place = _district_of_city(mention, mentions[:index])
            continue
        owner = _possessor_city(mention, mentions[:index])
        if owner is not None and (mention.place is None or mention.place.parent is None
                                  or mention.place.parent.id != owner.id):
            mention.place = _city_district(mention, owner)
        elif mention.hint == "district" and (mention.place is None or
                                             mention.place.kind != "district"):
            mention.place = _district_of_city(mention, mentions[:index])
    context = tuple(m.place for m in mentions if m.place is not None)
    for index, mention in enumerate(mentions):
        if not mention.known:
            mention.place = _unknown_place(mention, mentions, index, context, gazetteer)
    by_name: dict[str, Place] = {}
    for mention in mentions:  # one place per unknown name: the reading with a parent wins
        if not mention.known and mention.place is not None:
            best = by_name.get(mention.name)
            if best is None or (best.parent is None and mention.place.parent is not None):
                by_name[mention.name] = mention.place
    for mention in mentions:
        if not mention.known and mention.name in by_name:
            mention.place = by_name[mention.name]
    _foreign_region_context(mentions, gazetteer)
    _unsupported_villages(mentions)


SMALL = 10_000  # a settlement below this size needs context to be linked


def _unsupported_villages(mentions: list[Mention]) -> None:
    """A small village linked by name alone, in an article that names regions but never its
    own oblast (a Russian "Dubovoye" read as a Ukrainian "Dubove"): not that village — keep
    the name unlinked, under the region named last before it."""
    regions_named = {m.place.id for m in mentions if m.place is not None and m.place.kind in
                     ("region", "raion")}
    oblasts_named = {_region_of(m.place).id for m in mentions if m.place is not None and
                     _region_of(m.place) is not None and (m.place.kind in ("region", "raion")
                                                          or (m.place.population or 0) >= SMALL)}
    if not regions_named:
        return
    for index, mention in enumerate(mentions):
        place = mention.place
        if not mention.known or place is None or place.kind != "settlement" or \
                (place.population or 0) >= SMALL or place.qid:
            continue
        oblast = _region_of(place)
        if oblast is not None and oblast.id in oblasts_named:
            continue
        parent = next((m.place for m in reversed(mentions[:index]) if m.place is not None
                       and m.place.kind in ("region", "raion")), None)
        mention.place = Place(id=f"name:{slug(mention.name)}" + (f"@{parent.id}" if parent
                                                                  else ""),
                              label=mention.name, kind="settlement", parent=parent)


def _foreign_region_context(mentions: list[Mention], gazetteer) -> None:
    """Where the text says which country or region a place is in, the place is there.

    "the Syzran refinery in Russia's Samara region", "the Moldovan village of X", "a Belgorod
    Oblast village of X": a name resolved elsewhere is resolved again inside the stated country
    or region, and one with no namesake there stays unlinked under it — never a same-named place
    of another country. "In the neighbouring Tula region, … the town of Novomoskovsk": a
    settlement next to a region the gazetteer does not know is not the Ukrainian place of that
    name either."""
    _unnamed_neighbours(mentions)
    for index, mention in enumerate(mentions):
        if mention.doc_sent is None or mention.role:
            continue
        place = mention.place
        kind = place.kind if place is not None else (_kind(mention.hint) or "settlement")
        if kind not in ("settlement", "region"):
            continue
        area = _stated_region(mentions, index) if kind == "settlement" else None
        country = _stated_country(mention, gazetteer)
        if area is None and country is None:
            continue
        if area is not None and country is not None and not (
                area.id == country.id or inside(area, country)):
            area = None  # "Kharkiv, near Russia's Belgorod region": the text's own country wins
        where = area or country
        if place is not None and (where.id == place.id or inside(place, where)):
            continue
        if place is not None and where is area and country is None and (
                place.qid or (place.population or 0) >= SMALL) and \
                country_of(area) is country_of(place):
            continue  # "Kharkiv, Sumy region and …": a list, not Kharkiv's region
        found = resolve(mention.name, kind=kind, gazetteer=gazetteer,
                        within=where) if mention.known else None
        mention.place = found or Place(id=f"name:{slug(mention.name)}@{where.id}",
                                       label=mention.name, kind=kind, parent=where)
    for mention in mentions:
        if mention.known or mention.hint != "region" or mention.place is None:
            continue
        for other in mentions:
            if other is mention or not other.known or other.place is None or \
                    other.place.kind != "settlement" or abs(other.start - mention.start) > 30:
                continue
            if other.place.qid in ("Q1899", "Q649"):
                continue  # the capitals are never renamed villages
            same_sentence = other.start >= mention.start - 30
            regions_named = {m.place.id for m in mentions if m.known and m.place is not None
                             and m.place.kind == "region" and abs(m.start - other.start) <= 30}
            own = _region_of(other.place)
            if same_sentence and (own is None or own.id not in regions_named):
                other.place = Place(id=f"name:{slug(other.name)}@{mention.place.id}",
                                    label=other.name, kind="settlement", parent=mention.place)


# Words that may stand between a place and the country or region the text puts it in:
# "the Russian border city of", "a Belgorod Oblast village of", "Novoshakhtinsk, in Russia's".
_AREA_WORDS = frozenset({
    "the", "a", "an", "of", "in", ",", "(", "near", "'s", "\u2019s", "border", "frontier",
    "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west",
    "neighbouring", "neighboring", "village", "villages", "town", "towns", "city", "cities",
    "settlement", "settlements", "port", "region", "oblast", "krai", "province", "republic",
    "district", "raion", "county", "voivodeship", "capital"})
_COUNTRY_ADJECTIVES = {"russian": "Q159", "ukrainian": "Q212", "belarusian": "Q184",
                       "moldovan": "Q217", "romanian": "Q218", "polish": "Q36"}
_COUNTRY_NOUNS = {"russia": "Q159", "ukraine": "Q212", "belarus": "Q184", "moldova": "Q217",
                  "romania": "Q218", "poland": "Q36"}
# Where drones come down beyond the two countries at war. Their names must be in a report for
# their places to be read; Russia and Ukraine are named in nearly every one.
_NEIGHBOURS = frozenset({"Q184", "Q217", "Q218", "Q36"})
_NEIGHBOUR_WORDS = {word: qid for word, qid in (_COUNTRY_NOUNS | _COUNTRY_ADJECTIVES).items()
                    if qid in _NEIGHBOURS}


def _country(qid: str, gazetteer) -> Place | None:
    return gazetteer.get(qid) if qid in gazetteer else None


def _country_word(token, gazetteer) -> Place | None:
    """The country a word names ("Russia", "Russian"), or None."""
    qid = _COUNTRY_ADJECTIVES.get(token.lower_) or (
        _COUNTRY_NOUNS.get(token.lower_) if token.text[:1].isupper() else None)
    return _country(qid, gazetteer) if qid else None


def _stated_country(mention: Mention, gazetteer) -> Place | None:
    """The country written right before the name ("Russia's Samara region", "the Moldovan
    village of X") or right after it ("Sudzha, Russia"); None when the text states none.
    "Russian-occupied Donetsk" and "Kharkiv, Russian officials said" state none."""
    doc, sent = mention.doc_sent.doc, mention.doc_sent
    i = mention.start - 1
    while i >= sent.start and doc[i].lower_ in _AREA_WORDS and doc[i].text not in (",", "("):
        i -= 1
    if i >= sent.start and not (i + 1 < len(doc) and doc[i + 1].text in ("-", "\u2013")):
        country = _country_word(doc[i], gazetteer)
        if country is not None:
            return country
    j = mention.end
    if j + 1 < sent.end and (doc[j].text in (",", "(") or doc[j].lower_ == "in") and \
            doc[j + 1].lower_ not in _COUNTRY_ADJECTIVES:
        after = doc[j + 2] if j + 2 < sent.end else None
        if after is None or after.is_punct and after.text not in ("-", "\u2013") or \
                after.lower_ in ("and", "on", "at", "overnight", "early", "late", "last"):
            return _country_word(doc[j + 1], gazetteer)
    return None


def _stated_region(mentions: list[Mention], index: int) -> Place | None:
    """The region or raion named right next to a settlement: "X, Kursk region", "X in Russia's
    Rostov region", "a Belgorod Oblast village of X"."""
    mention = mentions[index]
    doc = mention.doc_sent.doc
    for other in (mentions[index + 1:index + 2] + mentions[max(0, index - 1):index]):
        if other.place is None or other.place.kind not in ("region", "raion") or \
                other.sent_start != mention.sent_start:
            continue
        lo, hi = (mention.end, other.start) if other.start > mention.start else \
            (other.end, mention.start)
        between = list(doc[lo:hi])
        if len(between) > 5 or not between and other.start < mention.start:
            continue
        if all(t.lower_ in _AREA_WORDS or t.lower_ in _COUNTRY_ADJECTIVES
               or t.lower_ in _COUNTRY_NOUNS for t in between):
            if other.start > mention.start and any(t.lower_ in ("village", "town", "city")
                                                   for t in between):
                continue  # "Kharkiv, the region's largest city, and …"
            return other.place


def _of_city(mention: Mention, following: list[Mention]) -> Place | None:
    """The settlement in "<name> district of <settlement>"."""
    if mention.hint not in ("raion", "district") or not following:
        return None
    nxt = following[0]
    if nxt.place is None or nxt.place.kind != "settlement" or nxt.start - mention.end != 2:
        return None
    return nxt.place if nxt.sent_start == mention.sent_start else None


def _possessor_city(mention: Mention, before: list[Mention]) -> Place | None:
    """The settlement in "<settlement>'s <name> district"."""
    if mention.hint != "district" or not before:
        return None
    last = before[-1]
    if last.place is None or last.place.kind != "settlement" or last.end != mention.start - 1:
        return None
    return last.place


def _district_of_city(mention: Mention, before: list[Mention]) -> Place | None:
    """"the city's Kuibyshevskyi district": a district of the settlement named last, which the
    gazetteer does not list (unlinked)."""
    city = next((m.place for m in reversed(before) if m.place is not None
                 and m.place.kind == "settlement" and mention.start - m.start < 80), None)
    return _city_district(mention, city) if city is not None else None


def _city_district(mention: Mention, city: Place) -> Place:
    """The district the mention names in ``city``, as the gazetteer does not list it."""
    name = mention.name if mention.name.lower().endswith("district") else \
        f"{mention.name} District"
    return Place(id=f"name:{slug(name)}@{city.id}", label=name, kind="district", parent=city)


def _raion_named_after(name: str, context: tuple[Place, ...]) -> Place | None:
    """A raion the gazetteer lacks, named after its centre ("the Bucha district"): placed in
    the centre's oblast, left unlinked."""
    centre = resolve(name, kind="settlement", context=context)
    oblast = _region_of(centre)
    if centre is None or oblast is None:
        return None
    countries = {country_of(p).id for p in context if p.kind != "country" and country_of(p)}
    if country_of(centre).id not in (countries or {"Q212"}):
        return None  # "the Kuibyshev District" of Donetsk: no raion of a Russian namesake town
    return Place(id=f"name:{slug(centre.label)}-raion@{oblast.id}", label=f"{centre.label} Raion",
                 kind="raion", parent=oblast)


def _kind(hint: str | None) -> str | None:
    return {"raion": "raion", "region": "region", "settlement": "settlement",
            "district": "district"}.get(hint or "")


def _kinds(hint: str | None) -> set[str] | None:
    if hint == "raion":
        return {"raion", "district"}
    return {hint} if hint else None


def _unnamed_neighbours(mentions: list[Mention]) -> None:
    """A place of Moldova, Romania, Poland or Belarus in a report that never names that country
    is a namesake read by accident ("the National Police": not the Polish town of Police)."""
    if not mentions or mentions[0].doc_sent is None:
        return
    doc = mentions[0].doc_sent.doc
    named = {_NEIGHBOUR_WORDS[t.lower_] for t in doc if t.lower_ in _NEIGHBOUR_WORDS}
    for mention in mentions:
        country = country_of(mention.place)
        if country is not None and country.id in _NEIGHBOURS and country.id not in named:
            mention.place = None


def _neighbour_named_before(mention: Mention, gazetteer) -> Place | None:
    """The one neighbouring country named in the mention's sentence or the one before it
    ("Moldovan airspace … near the village of X")."""
    doc = mention.doc_sent.doc
    start = mention.doc_sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    named = {_NEIGHBOUR_WORDS[t.lower_] for t in doc[start:mention.start]
             if t.lower_ in _NEIGHBOUR_WORDS}
    return _country(named.pop(), gazetteer) if len(named) == 1 else None


def _unknown_place(mention: Mention, mentions: list[Mention], index: int,
                   context: tuple[Place, ...], gazetteer) -> Place:
    """A settlement the gazetteer lacks, placed under the nearest raion or region named after
    it in the same sentence (or the article's only region)."""
    parent = None
    for other in mentions[index + 1:index + 3]:
        if other.place is not None and other.place.kind in ("raion", "region") and \
                other.start - mention.end <= 6:
            parent = other.place
            break
    if parent is None:  # "Belgorod Region Governor … said that the town of Shebekino …"
        for other in reversed(mentions[max(0, index - 3):index]):
            if other.place is not None and other.place.kind in ("raion", "region") and \
                    mention.start - other.end <= 60 and \
                    other.sent_start == mention.sent_start:
                parent = other.place
                break
    if parent is None:
        regions = {p.id: p for p in (_region_of(p) for p in context) if p is not None}
        if len(regions) == 1:
            parent = next(iter(regions.values()))
    if parent is None and mention.doc_sent is not None:
        parent = _neighbour_named_before(mention, gazetteer)
    if mention.hint == "region":
        return Place(id=f"name:{slug(mention.name)}", label=mention.name, kind="region")
    key = slug(mention.name) + (f"@{parent.id}" if parent is not None else "")
    return Place(id=f"name:{key}", label=mention.name, kind="settlement", parent=parent)


def keep_unresolved(mentions: list[Mention], gazetteer) -> None:
    """A name the gazetteer knows but cannot settle on one place (several villages of that
    name, none near the places the article names): still the place the text names — kept by
    its name, unlinked, under the raion or region named beside it."""
    context = tuple(m.place for m in mentions if m.place is not None)
    for index, mention in enumerate(mentions):
        listed = rule("places.list-member") in mention.rules and mention.place is not None \
            and mention.place.parent is None
        if listed or mention.known and mention.place is None and not mention.role and \
                mention.hint in (None, "settlement"):
            place = mention.place if listed else \
                _unknown_place(mention, mentions, index, context, gazetteer)
            if place.parent is None:  # under the oblast of the nearest place named before it
                oblast = next((_region_of(m.place) for m in reversed(mentions[:index])
                               if m.place is not None and _region_of(m.place) is not None), None)
                if oblast is not None:
                    place = Place(id=f"name:{slug(mention.name)}@{oblast.id}",
                                  label=mention.name, kind="settlement", parent=oblast)
            mention.place = place
            if not listed:
                mention.rules += (rule("places.unresolved-name"),)
