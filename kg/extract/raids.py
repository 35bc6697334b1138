"""Raids: the waves of strikes an article reports, and the precision of every date.

A raid is one wave by one attacker on one date as one article tells it. Every attack belongs to
the raid of its attacker and date; counts said of the whole wave ("Russia launched 48 drones
overnight, 40 were shot down", collected by ``extract_attacks`` in its ``wave`` list) go to the
raid of the attacker and date their sentence names, else to the article's main raid. A tally with
no struck place is a raid without attacks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from kg.extract.attackers import attacker_mentions, plausible_attacker
from kg.extract.attack_sentences import SAYING_VERBS
from kg.extract.attacks import attackers_in
from kg.extract.dates import DAY, When, resolve_when
from kg.extract.doc_text import doc_sents, span_text
from kg.extract.lexicon import cues, weapon
from kg.extract.numbers import UNITS
from kg.extract.rules import rule
from kg.extract.weapons import plainer_kind
from kg.records import Actor, Attack, Raid, WeaponCount
from kg.vocab import slug

LEAD_SENTENCES = 3  # where an article's own date cue is looked for ("overnight", "on Monday")
# "On that day Russia fired 38 missiles": a day told of before, in background
_THAT_DAY = re.compile(r"\b(?:on |during |in )?(?:that|the same) (?:day|night|morning|evening)\b",
                       re.IGNORECASE)

_SUPPLY = re.compile(r"\b(?:" + "|".join(sorted(cues()["supply_words"], key=len, reverse=True))
                     + r")\b", re.IGNORECASE)


def raid_key(actor: Actor | None, day: date | None) -> str:
    """The raid's key within its article: attacker and date (both part of its IRI)."""
    return f"{slug(actor.name) if actor else 'unknown'}/{day.isoformat() if day else 'undated'}"


def _lead_when(sents, published: date | None) -> When | None:
    for sent in sents[:LEAD_SENTENCES]:
        found = resolve_when(span_text(sent), published)
        if found:
            return found
    return None


def _precision(day: date, texts: list[str], lead: When | None, published: date | None) -> str:
    """How precise ``day`` is: the precision of the first of ``texts`` (the attack's sentences)
    that resolves to it, else of the article's lead date cue."""
    for text in texts:
        found = resolve_when(text, published)
        if found and found.day == day:
            return found.precision
    if lead is not None and lead.day == day:
        return lead.precision
    return DAY


class _Raids:
    def __init__(self):
        self.by_key: dict[str, Raid] = {}

    def get(self, actor: Actor | None, day: date | None, precision: str | None) -> Raid:
        key = raid_key(actor, day)
        if key not in self.by_key:
            self.by_key[key] = Raid(key=key, attackers=[actor] if actor else [], date=day,
                                    date_precision=precision if day else None)
        return self.by_key[key]


def _wave_raid(count: WeaponCount, raids: _Raids, attacks: list[Attack], doc, gazetteer,
               lead: When | None, published: date | None, attackers_found,
               downed_in: frozenset = frozenset()) -> Raid:
    """The raid a count of the whole wave belongs to. ``downed_in``: the sentences (evidence)
    that count weapons shot down."""
    named: list[Actor] = []
    when = None
    if count.evidence is not None:
        sent = doc.char_span(count.evidence.start, count.evidence.end, alignment_mode="expand")
        if sent is not None:
            named = [actor for actor, _ in attackers_in(sent, gazetteer, attackers_found)]
            speaking = _speaking(doc, sent, attackers_found)
            if len(named) > 1 and any(a.name not in speaking for a in named) and \
                    any(a.name in speaking for a in named) and rule("counts.speaker-side"):
                # "Ukraine's military said that Russia attacked overnight with 23 drones": the
                # side that tells the wave is not whose wave it is
                named = [a for a in named if a.name not in speaking]
        if count.qualifier == "shot down" or count.evidence in downed_in and \
                rule("counts.launched-beside-downed"):
            # "The Ukrainian military destroyed six drones": the side that downs them defends;
            # only "Ukrainian drones" names whose wave it is; so in "Ukrainian forces destroyed
            # 16 of about 30 enemy drones" for the 30 launched
            owner = _WEAPON_SIDE.search(count.evidence.text.lower())
            named = [a for a in named if owner and a.name == cues()["countries"][owner[1]]]
        when = resolve_when(count.evidence.text, published)
        told = _partitive_of_told(count, raids)
        if told is not None and not named and when is None:
            return told
    candidates = list(raids.by_key.values())
    if named:
        candidates = [r for r in candidates if named[0] in r.attackers]
    if when is not None:  # the sentence names its day: the wave of that day
        candidates = [r for r in candidates if r.date == when.day]
    if candidates:
        sizes = Counter(a.raid for a in attacks)
        return max(candidates, key=lambda r: sizes[r.key])  # the article's main wave first
    actor = named[0] if named else _main_attacker(attacks)
    when = when or lead
    return raids.get(actor, when.day if when else None, when.precision if when else None)


_OF_THE = re.compile(r"\b(?:\d+|[a-z]+) of (?:the|these|those|them)\b", re.IGNORECASE)


def _partitive_of_told(count: WeaponCount, raids: _Raids) -> Raid | None:
    """"Air defences downed 12 of the 15 Shahed drones Russia launched overnight. … Some nine
    of the drones were shot down over Odesa Oblast": a part of "the drones" told before, in a
    sentence naming no side and no day, belongs to the raid of the last count told of that
    kind, not to the raid of the most attacks."""
    if not _OF_THE.search(count.evidence.text):
        return None
    before = [(c.evidence.start, raid) for raid in raids.by_key.values() for c in raid.counts
              if c.weapon.kind == count.weapon.kind and c.evidence is not None
              and c.evidence.start < count.evidence.start]
    if not before:
        return None
    return max(before, key=lambda item: item[0])[1] if rule("counts.part-of-told-raid") \
        else None


def _same_count(told: WeaponCount, again: WeaponCount) -> bool:
    """One count told twice: the same weapon, or the same kind named by its model once and
    plainly once ("23 Shahed drones" … "18 of the 23 drones"), number and qualifier."""
    return told == again or told.weapon.kind == again.weapon.kind and \
        told.quantity == again.quantity and told.qualifier == again.qualifier and \
        _over_a_region(told) == _over_a_region(again) and bool(rule("counts.model-told-again"))


def _speaking(doc, sent, mentions) -> set[str]:
    """The countries the sentence names only as the subject of a verb of speech ("Ukraine's
    military said", "the Russian Defence Ministry reported")."""
    told: dict[str, bool] = {}
    for mention in mentions:
        if not sent.start <= mention.token < sent.end:
            continue
        node, says = doc[mention.token], False
        for _ in range(3):
            if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in SAYING_VERBS:
                says = True
                break
            if node.head is node:
                break
            node = node.head
        told[mention.country] = told.get(mention.country, True) and says
    return {country for country, says in told.items() if says}


def _main_attacker(attacks: list[Attack]) -> Actor | None:
    votes = Counter(a.attackers[0] for a in attacks if a.attackers)
    return votes.most_common(1)[0][0] if votes else None


def assign_raids(doc, attacks: list[Attack], wave: list[WeaponCount], gazetteer,
                 published: date | None) -> list[Raid]:
    """Give every attack its date precision and raid; return the raids, the counts of the whole
    wave on them."""
    sents = doc_sents(doc)
    lead = _lead_when(sents, published)
    raids = _Raids()
    found = None
    for attack in attacks:
        if attack.date is not None:
            attack.date_precision = _precision(attack.date, [e.text for e in attack.evidence],
                                               lead, published)
        actor = attack.attackers[0] if attack.attackers else None
        attack.raid = raids.get(actor, attack.date, attack.date_precision).key
    downed_in = frozenset(c.evidence for c in wave
                          if c.qualifier == "shot down" and c.evidence is not None)
    for count in wave:
        if count.evidence is not None and not attacks and (
                _THAT_DAY.search(count.evidence.text) or _SUPPLY.search(count.evidence.text)):
            continue  # a count of an earlier wave the article recalls, or of weapons supplied
        if found is None:  # the countries named as attacking, read once
            weapons = doc._.sg_weapons if Doc.has_extension("sg_weapons") else None
            found = attacker_mentions(doc, weapons or ())
        raid = _wave_raid(count, raids, attacks, doc, gazetteer, lead, published, found,
                          downed_in)
        if not any(_same_count(c, count) for c in raid.counts) or any(
                c == count and _over_a_region(c) != _over_a_region(count) for c in raid.counts):
            # the same number told again is one count, but not "seven over the Kursk region"
            # (a part of the total) and "seven sea drones were also destroyed"
            raid.counts.append(count)
        if count.evidence is not None and count.evidence not in raid.evidence:
            raid.evidence.append(count.evidence)
    _merge_unknown(raids, attacks)
    for raid in raids.by_key.values():
        _drop_parts(raid, [a for a in attacks if a.raid == raid.key])
        _drop_plain_restated(raid)
        _plain_of_the_one_kind(raid)
    for attack in attacks:  # a wave's counts told with its one struck place are the place's
        if attack.counts:
            told = list(attack.counts)
            _drop_plain_restated(attack)
            _plain_of_the_one_kind(attack)
            if attack.counts != told:
                rule("counts.kinds-of-a-place")
    _drop_rounded(list(raids.by_key.values()), attacks)
    _drop_beyond_launched(list(raids.by_key.values()), attacks)
    return list(raids.by_key.values())


# a country is no region: "launched overnight targeting Russian territory", "over Ukraine"
# (its names and demonyms, not its capital: "shot down over Kyiv" is a part)
_COUNTRY_WORDS = r"(?:%s)\b" % "|".join(sorted(
    (re.escape(w.title()) for w, country in cues()["countries"].items()
     if w.title()[:4] == country[:4]), key=len, reverse=True))


# "over the Volgograd region", "over the southern region of Mykolaiv", "attacking Trudove",
# "over his region", "shot down there"
_OVER_REGION = re.compile(r"\b(?:over|[Ii]n|attacking|targeting) (?:the )?(?:[a-z]+ern )?"
                          r"(?:(?:region|oblast|province) of )?(?!%s)[A-Z](?![\w-]* Sea\b)"
                          % _COUNTRY_WORDS +
                          # "the governor … said 13 drones were destroyed over his region"
                          r"|\b(?:over|in|on) (?:his|her|their|this|that) "
                          r"(?:region|oblast|province)\b"
                          # "… said six of the drones were shot down there"
                          r"|\b(?:down|destroyed|intercepted) there\b"
                          # "The Valuisky district came under an attack by five drones",
                          # "attacked the Borisovsky district with four UAVs"
                          r"|\b[A-Z][\w-]+ (?:municipal )?(?:district|community|hromada) "
                          r"(?:came under|was attacked)\b"
                          r"|\battacked (?:\w+ settlements of )?the [A-Z][\w-]+ (?:municipal )?"
                          r"(?:district|community|hromada)\b"
                          # "launched 31 drones and 14 munitions at the Krasnoyaruzhsky district"
                          r"|\bat the [A-Z][\w-]+ (?:municipal )?(?:district|community|hromada)\b")
# not a part: "in total", "16 more drones" (but "more than 20 over the seas" may be one)
_WHOLE = re.compile(r"\b(?:total|overall|all|another|additional|further)\b|\bmore\b(?! than)")
_PART_QUALIFIERS = ("shot down", "launched")
_WEAPON_SIDE = re.compile(r"\b(" + "|".join(re.escape(w) for w in cues()["countries"]) +
                          r")(?:'s)? (?:[\w-]+ )?(?:drones?|uavs?|missiles?|shaheds?|rockets?)\b")
# a total's sentence: parts counted out of it, or several regions ("over Belgorod, Kursk and
# Bryansk regions")
_PARTITIVE = re.compile(r"\b(?:including|of them|of which|among them|regions|oblasts)\b")
# a sentence that opens by counting part of the tally before it: "This includes 10 missiles
# destroyed by fighter jets", "These included 12 Kalibr missiles"
_INCLUDED_OPENING = re.compile(r"(?:this|that|these|those|the (?:total|figure|tally|number)) "
                               r"(?:figure |number |total )?(?:includes?|included)\b",
                               re.IGNORECASE)
# a count told of a district ("The Volokonovsky district was attacked by two drones") and one
# told of a whole region ("attacked settlements in the Belgorod Region with more than 110
# drones")
_DISTRICT = re.compile(r"\b[A-Z][\w-]+ (?:municipal )?(?:district|community|hromada|raion)\b")
_REGION = re.compile(r"\b[A-Z][\w-]+ (?:[Rr]egion|[Oo]blast|[Pp]rovince|[Kk]rai)\b")


def _drop_parts(raid: Raid, attacks: list[Attack]) -> None:
    """"Ukrainian forces shot down 17 of the 22 drones … eight over Mykolaiv Oblast and three
    over Dnipropetrovsk Oblast", "22 drones overnight, two of them over the Ryazan region": in
    one wave, the counts over single regions smaller than its total of that kind and
    qualifier, and adding up to no more, are its breakdown, not counts of their own."""
    held = [raid.counts] + [a.counts for a in attacks]
    every = [c for counts in held for c in counts]
    listed = [c for c in every if any(c.qualifier != total.qualifier and
                                      _listed_after_including(c, total) for total in every)]
    if listed and rule("counts.included-any-qualifier"):
        # "49 drones had been downed …, including 25 drones in the southern Rostov region":
        # the part has no verb of its own, but it is the total's
        for counts in held:
            counts[:] = [c for c in counts if not any(c is p for p in listed)]
    included = [c for c in every if _INCLUDED_OPENING.match(_text(c)) and any(
        t.weapon.kind == c.weapon.kind and t.qualifier == c.qualifier and
        t.quantity > c.quantity and _text(t) != _text(c) for t in every)]
    if included and rule("counts.this-includes"):
        # "…intercepted 41 out of 48 missiles. This includes 10 missiles destroyed by F-16
        # fighter jets": a part of the count told before, no count of its own
        for counts in held:
            counts[:] = [c for c in counts if not any(c is p for p in included)]
    for qualifier in _PART_QUALIFIERS:
        same_kind: dict[str, list[WeaponCount]] = {}
        for counts in held:
            for c in counts:
                if c.qualifier == qualifier:
                    same_kind.setdefault(c.weapon.kind, []).append(c)
        for same in same_kind.values():
            # a total is no count over a single region ("52 over Belgorod Oblast, 13 over …"
            # has none), unless its sentence counts parts out of it ("…, two of them over …")
            # or names several ("27 drones over Belgorod, Kursk and Bryansk regions")
            whole = [c for c in same if not _over_a_region(c) or _PARTITIVE.search(_text(c))]
            regional = [c for c in same
                        if not any(c is w for w in whole) and _whole_region(c, same)]
            total = max((c.quantity for c in whole + regional), default=0)
            parts = [c for c in same if c.quantity < total and _over_a_region(c)
                     and not _WHOLE.search(_around(c))]
            if not parts:  # "destroyed 251 drones, including 62 over the Black Sea and five
                parts = _included(same)  # over the Azov Sea": the seas are parts too
            if not parts or sum(c.quantity for c in parts) > total * _slack(same, total):
                continue
            rule("counts.regional-part")
            if any(c.quantity == total for c in regional) and \
                    not any(c.quantity == total for c in whole):
                rule("counts.districts-of-a-region")
            for counts in held:
                counts[:] = [c for c in counts if not any(c is p for p in parts)]


_ROUNDED_UP = re.compile(r"\b(?:more than|over)\s+$", re.IGNORECASE)
_ROUNDED_DOWN = re.compile(r"\b(?:nearly|almost)\s+$", re.IGNORECASE)


def _slack(same: list[WeaponCount], total: int) -> float:
    """How far the parts may add up beyond a total told as a bound ("over 40 drones" … 4 + 5 +
    24 + …): a quarter more; an exact total bounds its parts exactly."""
    told = [c for c in same if c.quantity == total]
    return 1.25 if told and all(_rounded(c, _ROUNDED_UP) for c in told) and \
        rule("counts.parts-of-a-bound") else 1.0


def _rounded(count: WeaponCount, bound: re.Pattern | None = None) -> bool:
    """The count's number is told as a round bound ("more than 250 drones", "nearly 300
    drones"); with ``bound``, as that kind of bound."""
    text = _text(count)
    patterns = (bound,) if bound is not None else (_ROUNDED_UP, _ROUNDED_DOWN)
    return any(pattern.search(text[:found.start()])
               for word in _spelled(count.quantity)
               for found in re.finditer(r"\b%s\b" % word, text, re.IGNORECASE)
               for pattern in patterns)


def _told_exactly(count: WeaponCount, other: WeaponCount) -> bool:
    """``other`` tells ``count``'s round figure exactly: of the same kind and qualifier, within
    a tenth of it, on the side its bound says ("more than 250" … 251; "nearly 300" … 297)."""
    if other is count or other.weapon.kind != count.weapon.kind or \
            other.qualifier != count.qualifier or _rounded(other) or \
            _WHOLE.search(_around(other)):  # not "a further 44"
        return False
    if _rounded(count, _ROUNDED_UP):
        return count.quantity < other.quantity <= count.quantity * 1.1
    return count.quantity * 0.9 <= other.quantity < count.quantity


def _drop_rounded(raids: list[Raid], attacks: list[Attack]) -> None:
    """"intercepted more than 250 Ukrainian drones" … "destroyed 251 drones", "launched nearly
    300 drones" … "297 drones": the round figure of a count the article also tells exactly is
    the same count, told twice, whichever wave each was read into."""
    held = [r.counts for r in raids] + [a.counts for a in attacks]
    every = [c for counts in held for c in counts]
    rounded = [c for c in every if _rounded(c) and any(_told_exactly(c, o) for o in every)]
    if rounded and rule("counts.rounded-again"):
        for counts in held:
            counts[:] = [c for c in counts if not any(c is r for r in rounded)]


def _drop_beyond_launched(raids: list[Raid], attacks: list[Attack]) -> None:
    """"Russia launched 635 drones and 38 missiles overnight, with Ukrainian defenses downing
    621 of the incoming threats": a count shot down "of the threats" (targets, objects) that is
    larger than the launched count of its kind told in its own sentence counts several kinds
    together, not that kind."""
    held = [r.counts for r in raids] + [a.counts for a in attacks]
    every = [c for counts in held for c in counts]
    beyond = [c for c in every if c.qualifier == "shot down" and _of_mixed_targets(c) and any(
        o.qualifier == "launched" and o.weapon.kind == c.weapon.kind and
        o.quantity < c.quantity and _text(o) == _text(c) for o in every)]
    if beyond and rule("counts.more-than-launched"):
        for counts in held:
            counts[:] = [c for c in counts if not any(c is b for b in beyond)]


_MIXED_TARGETS = re.compile(r"(?:the |these |those )?(?:\w+ )?(?:threats|targets|objects)\b")


def _of_mixed_targets(count: WeaponCount) -> bool:
    """The count's number counts "of the incoming threats" (targets, objects): whatever flew,
    not a kind the text names there."""
    text = _text(count)
    return any(_MIXED_TARGETS.match(text, found.end())
               for word in _spelled(count.quantity)
               for found in re.finditer(r"\b%s of " % word, text, re.IGNORECASE))


def _spelled(quantity: int) -> list[str]:
    """How a count's number may be written: "5", "five"."""
    return [str(quantity)] + [w for w, v in UNITS.items() if v == quantity
                              and w not in ("a", "an", "no", "single")]


def _listed_after_including(part: WeaponCount, total: WeaponCount) -> bool:
    """``part`` is listed after "including" in ``total``'s own sentence, smaller and of the
    same kind ("49 drones had been downed …, including 25 drones in the Rostov region")."""
    text = _text(total)
    if part is total or _text(part) != text or part.weapon.kind != total.weapon.kind or \
            part.quantity >= total.quantity:
        return False
    found = re.search(r"\b%d\b[^.]*?\bincluding\b" % total.quantity, text)
    return found is not None and any(
        re.search(r"\b%s\b" % w, text[found.end():], re.IGNORECASE)
        for w in _spelled(part.quantity))


def _included(same: list[WeaponCount]) -> list[WeaponCount]:
    """The counts a total of the same kind and qualifier lists after "including" in its own
    sentence ("251 drones, including 62 over the Black Sea and five over the Azov Sea")."""
    return [c for c in same if any(_listed_after_including(c, total) for total in same)]


def _around(count: WeaponCount) -> str:
    """The words around the count's number in its sentence (the whole sentence when the number
    is not found): "another four over Mykolaiv" is whole, "18 … downed over the Odesa region,
    and another four" is not."""
    text = _text(count)
    for word in _spelled(count.quantity):
        found = re.search(r"\b" + word + r"\b", text, re.IGNORECASE)
        if found:
            return text[max(0, found.start() - 12):found.end() + 12]
    return text


def _whole_region(count: WeaponCount, same: list[WeaponCount]) -> bool:
    """A count told of a whole region ("attacked settlements in the Belgorod Region with more
    than 110 drones") is the total of the counts the article then tells district by district
    ("The Shebekinsky district was attacked by 34 drones")."""
    text = _text(count)
    if not _REGION.search(text) or _DISTRICT.search(text):
        return False
    return any(c is not count and _DISTRICT.search(_text(c)) for c in same)


def _over_a_region(count: WeaponCount) -> bool:
    return bool(_OVER_REGION.search(_text(count)))


def _text(count: WeaponCount) -> str:
    """The sentence a count was read in ("" when it has none)."""
    return count.evidence.text if count.evidence is not None else ""


def _merge_unknown(raids: _Raids, attacks: list[Attack]) -> None:
    """Attacks whose attacker no sentence names belong to the wave of their date when the
    article tells of one attacker's wave that day ("Russia attacked Ukraine overnight with 48
    drones ... One drone hit a house in Kharkiv")."""
    for key, raid in list(raids.by_key.items()):
        if raid.attackers:
            continue
        named = [r for r in raids.by_key.values() if r.attackers and r.date == raid.date]
        if len(named) != 1:
            continue
        target = named[0]
        members = [a for a in attacks if a.raid == key]
        if any(not any(plausible_attacker(side, a.place) for side in target.attackers)
               for a in members) and rule("attackers.not-the-occupier"):
            continue  # "Russian forces struck Kharkiv … In occupied Crimea, a depot near Saky
            # caught fire": not Russia's wave
        for attack in members:
            attack.raid = target.key
            if not attack.attackers and rule("attackers.of-the-wave"):
                attack.attackers = list(target.attackers)  # its wave's side
        for count in raid.counts:
            if count not in target.counts:
                target.counts.append(count)
        target.evidence.extend(e for e in raid.evidence if e not in target.evidence)
        del raids.by_key[key]


def _drop_plain_restated(raid: Raid | Attack) -> None:
    """"Russia fired 28 attack drones and three cruise missiles … it did not say what became of
    the three cruise missiles": a count of the plainer kind ("missile") with the number and
    qualifier of a count of its own kind ("cruise missile") tells that count again."""
    plainer = {(plain, c.quantity, c.qualifier) for c in raid.counts
               if (plain := plainer_kind(c.weapon.kind)) is not None}
    again = [c for c in raid.counts if (c.weapon.kind, c.quantity, c.qualifier) in plainer]
    if again and rule("counts.plain-kind-told-again"):
        raid.counts[:] = [c for c in raid.counts if not any(c is a for a in again)]


def _plain_of_the_one_kind(raid: Raid | Attack) -> None:
    """"fired five U.S.-made ATACMS missiles … air defences shot down four U.S.-origin
    missiles": where the raid counts missiles of one kind alone (ballistic, or cruise), a count
    of plain "missiles" no larger than that kind's is of it too. A larger one ("40 missiles,
    including 10 cruise missiles") is a total of several kinds and stays plain."""
    kinds = {c.weapon.kind for c in raid.counts if plainer_kind(c.weapon.kind) == "missile"}
    plain = [c for c in raid.counts if c.weapon.kind == "missile"]
    if len(kinds) != 1 or not plain or any(
            c.evidence is not None and c.evidence == p.evidence and c.weapon.kind in kinds
            for c in raid.counts for p in plain):
        return  # not "two cruise missiles and one missile whose type is not yet
        # known": a plain missile counted beside the kind is another
    (kind,) = kinds
    most = max(c.quantity for c in raid.counts if c.weapon.kind == kind)
    if any(c.quantity > most for c in plain) or not rule("counts.plain-of-the-one-kind"):
        return
    # (a plain count that tells one of the kind again went in _drop_plain_restated)
    raid.counts[:] = [replace(c, weapon=weapon(kind)) if c.weapon.kind == "missile" else c
                      for c in raid.counts]


__all__ = ["assign_raids", "raid_key"]
