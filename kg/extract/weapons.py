"""Weapon mentions: kinds ("drones", "glide bombs") and models ("Shahed", "Iskander-M", "KAB")
found with one PhraseMatcher built per vocabulary; the longest match wins ("ballistic missile"
over "missile"). Counts ("48 drones", "shot down 23 of 31") with what happened to them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from kg.extract.count_periods import period_tally
from kg.extract.doc_text import (doc_text, doc_tokens, doc_words, sent_tokens, sentence_of,
                                 span_text, tokens_text)
from kg.extract.lexicon import cues, weapon, weapon_table
from kg.extract.numbers import numbers_in
from kg.extract.phrase_tokens import phrase_docs
from kg.extract.rules import rule
from kg.nlp.pipeline import OPENING, QUOTES
from kg.records import Weapon

# more weapons than any one wave of the war has carried (the largest, in 2025, was some 800
# drones and missiles): a count above it is a total of the war or of a campaign
WAVE_SCALE = 2000
_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}
_PATTERN_DOCS: dict[int, dict[str, list]] = {}
_SHOT_DOWN = cues()["shot_down_words"]
_LAUNCH = cues()["launch_words"]
_QUOTE_MARKS = OPENING | QUOTES  # around a model: three "Iskander" missiles
_PEOPLE = cues()["person_nouns"] | cues()["injured_words"] | cues()["killed_words"]
_HIT = cues()["hit_words"]
_UNRELATED = set(cues()["weapon_unrelated_heads"])  # rule weapons.unrelated-head
_STRIKE_NOUNS = set(cues()["counted_strike_nouns"])  # rule counts.strike-count
_RULES = (rule("weapons.unrelated-head"), rule("counts.strike-count"),
          rule("counts.subject-struck"))  # checked at import


@dataclass(frozen=True)
class WeaponMention:
    weapon: Weapon
    start: int  # token indices
    end: int


def _pattern_docs(nlp_vocab) -> dict[str, list[tuple[str, object]]]:
    """Each weapon key's names as tokenized docs (with their text), made once per vocab."""
    key = id(nlp_vocab)
    if key not in _PATTERN_DOCS:
        names = weapon_table()[1]
        docs = iter(phrase_docs(nlp_vocab, [t for texts in names.values() for t in texts]))
        _PATTERN_DOCS[key] = {key_: [(t, next(docs)) for t in texts]
                              for key_, texts in names.items()}
    return _PATTERN_DOCS[key]


def weapon_words(nlp_vocab) -> list[str]:
    """The lower-case words of every weapon name: the only words a weapon mention's tokens can
    have (a model and its kind joined across one word aside)."""
    return sorted({t.lower_ for docs in _pattern_docs(nlp_vocab).values()
                   for _, doc in docs for t in doc})


def _matchers(nlp_vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    key = id(nlp_vocab)
    if key not in _MATCHERS:
        by_case = PhraseMatcher(nlp_vocab, attr="ORTH")
        by_lower = PhraseMatcher(nlp_vocab, attr="LOWER")
        weapons = weapon_table()[0]
        for key_, docs in _pattern_docs(nlp_vocab).items():
            generic = weapons[key_].is_kind
            (by_lower if generic else by_case).add(key_, [doc for _, doc in docs])
            if not generic:  # models are names: also match them in capitals or lower case
                by_lower.add(key_, [doc for t, doc in docs if any(c.isdigit() for c in t)])
        _MATCHERS[key] = (by_case, by_lower)
    return _MATCHERS[key]


def weapon_mentions(doc) -> list[WeaponMention]:
    """Every weapon mention of the doc, longest first among overlaps, in text order."""
    by_case, by_lower = _matchers(doc.vocab)
    matches = [m for matcher in (by_case, by_lower) for m in matcher(doc)]  # each run once
    spans = [doc[s:e] for _, s, e in matches]
    labelled = {}
    for match_id, s, e in matches:
        labelled[(s, e)] = doc.vocab.strings[match_id]
    out = []
    kept = filter_spans(spans)
    drones = {i for span in kept if weapon(labelled[(span.start, span.end)]).kind == "drone"
              for i in range(span.start, span.end)}
    for span in kept:
        key = labelled[(span.start, span.end)]
        if _modifies(doc, span.end, _UNRELATED):
            continue  # "bomb shelters", "drone makers": no weapon used
        if drones and _dropped_by_drone(span, drones):
            continue  # "a Ukrainian UAV had dropped a bomb onto a substation": the drone's
        if _air_defence_unit(doc, span):
            continue  # "anti-aircraft missile troops took part in repelling the attack"
        out.append(WeaponMention(weapon(key), span.start, span.end))
    out.sort(key=lambda m: m.start)
    return _told_kinds(doc, _merge_model_and_kind(out))


def _told_kinds(doc, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """Cruise-missile models in a text that never has the word "cruise" are missiles
    (GOLD.md: "Kalibr without 'cruise' → missile"): "four Kalibr missiles launched from the
    Black Sea", "two Kh-59 guided air missiles" are missiles, for the places they struck and
    in counts; where the text says "cruise" anywhere (not "cruiser"), the models keep their
    kind. The model itself (Kalibr) is kept."""
    if "cruise" in doc_words(doc):
        return mentions
    return [replace(m, weapon=replace(m.weapon, kind="missile"))
            if m.weapon.kind == "cruise-missile" and not m.weapon.is_kind and
            rule("weapons.model-kind-told") else m for m in mentions]


def _dropped_by_drone(span, drones: set[int]) -> bool:
    """A plain "bomb" dropped by a drone ("a Ukrainian UAV had dropped a bomb", "bombs dropped
    from a drone"): a drone's munition, which the drone names (GOLD.md weapons are kinds of
    attack); "aerial bomb", "FAB-500" or a bomb dropped from a plane stay bombs."""
    if span.text.lower() not in ("bomb", "bombs"):
        return False
    verb = span.root.head
    if verb.lemma_.lower() != "drop":
        return False
    agents = [c for c in verb.children if c.dep_ == "nsubj"] + [
        g for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
        for g in c.children if g.dep_ == "pobj"]
    return any(a.i in drones for a in agents) and bool(rule("weapons.drone-dropped-bomb"))


AIR_DEFENCE = tuple(cues()["air_defence_modifiers"])
_DEFENCE_UNITS = set(cues()["defence_unit_nouns"])
_DEFENCE_SYSTEMS = set(cues()["defence_system_nouns"])


def _air_defence_unit(doc, span) -> bool:
    """"Anti-aircraft missile troops", "surface-to-air missile units", and "anti-aircraft
    missile systems" in a sentence of repelling or shooting down: the weapon word names the
    defenders' arm, not a weapon of the attack ("the Russians fired anti-aircraft missiles at a
    residential quarter", "struck Mykolaiv with anti-aircraft missile systems" still name
    one)."""
    before = doc_text(doc)[max(0, span.start_char - 30):span.start_char].lower().rstrip()
    if not before.endswith(AIR_DEFENCE):
        return False
    defending = _modifies(doc, span.end, _DEFENCE_UNITS) or (
        _modifies(doc, span.end, _DEFENCE_SYSTEMS) and any(
            t.lemma_.lower() in _SHOT_DOWN for t in sent_tokens(sentence_of(doc, span.start))))
    return defending and bool(rule("weapons.air-defence-unit"))


def _modifies(doc, end: int, nouns: set[str]) -> bool:
    """The weapon word(s) ending before ``end`` modify one of ``nouns`` right after them
    ("bomb shelters", "four MLRS strikes", "two drone pieces"), or after other modifiers of
    the same noun ("5 rocket artillery strikes")."""
    last = doc[end - 1]
    head = last.head
    if last.dep_ in ("compound", "amod", "nmod") and end < head.i < end + 3 and \
            head.lower_ in nouns and all(doc[k].dep_ in ("compound", "amod", "nmod")
                                         and doc[k].head.i == head.i for k in range(end, head.i)):
        return True
    return end < len(doc) and doc[end].lower_ in nouns and (
        last.dep_ in ("compound", "amod", "nmod") and head.i == end or last.tag_ in ("NN", "NNP"))


def kind_family(kind: str) -> str:
    """A weapon kind's family: every missile is a missile ("the missile" of a ballistic one)."""
    return "missile" if kind.endswith("missile") else kind


def _family(key: str) -> set[str]:
    kind = weapon(key).kind
    return {kind, "missile"} if kind.endswith("-missile") else {kind}


# a kind and the plainer kind a text may add after it: "KAB bombs", "KAB aerial bombs"
_PLAINER = {"glide-bomb": "aerial-bomb", "ballistic-missile": "missile",
            "cruise-missile": "missile"}


def plainer_kind(kind: str) -> str | None:
    """The plainer kind a text may name the kind by ("the three missiles" of "three cruise
    missiles"), or None."""
    return _PLAINER.get(kind)


def _category(kind: str) -> str:
    """Bombs, missiles or the kind itself: "KAB aerial bombs" names one category twice, "a
    FAB-250 guided missile" two."""
    return "bomb" if "bomb" in kind else "missile" if "missile" in kind else kind


def _merge_model_and_kind(mentions: list[WeaponMention]) -> list[WeaponMention]:
    """"Shahed drones", "Kh-101 cruise missiles": the kind noun after a model is that model;
    "two KAB bombs": the plainer kind noun after a kind is that kind."""
    out: list[WeaponMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if prev is not None and mention.weapon.is_kind and (
                not prev.weapon.is_kind and mention.start - prev.end <= 1
                and mention.weapon.key in _family(prev.weapon.key)
                or mention.start == prev.end
                and _PLAINER.get(prev.weapon.key) == mention.weapon.key):
            out[-1] = WeaponMention(prev.weapon, prev.start, mention.end)
            continue
        if prev is not None and mention.weapon.is_kind and not prev.weapon.is_kind and \
                mention.start == prev.end and \
                _category(mention.weapon.kind) != _category(prev.weapon.kind) and \
                rule("weapons.model-named-wrongly"):
            # "a FAB-250 guided missile": the model says what it is, whatever noun follows
            out[-1] = WeaponMention(prev.weapon, prev.start, mention.end)
            continue
        out.append(mention)
    return out


@dataclass(frozen=True)
class CountMention:
    weapon: Weapon
    quantity: int
    qualifier: str
    start: int


def _qualifier(doc, number_start: int, mention: WeaponMention) -> str:
    """launched, shot down or hit, from the verb governing the counted weapon."""
    for token in doc[number_start + 1:mention.start]:
        said = _participle_modifier(token)
        if said is not None and rule("counts.participle-modifier"):
            return said  # "Russia reported nearly a hundred downed drones": their own word
    head = doc[mention.end - 1]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and any(
            c.dep_ == "acl" and c.lemma_.lower() in _LAUNCH for c in head.children) and \
            rule("counts.launched-participle"):
        return "launched"  # "Of the 90 Shahed drones launched overnight, air defences downed
        # 74": the weapons' own participle, whatever verb the sentence has
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head  # "48 drones, two missiles and four glide bombs": the first conjunct
    window = []
    node = head
    for _ in range(4):
        window.append(node)
        if node.head.i == node.i:
            break
        node = node.head
    lemmas = [t.lemma_.lower() for t in window]
    lemmas += [c.lemma_.lower() for t in window[1:] if t.pos_ in ("VERB", "AUX")
               for c in t.children if c.dep_ == "xcomp"]  # "were confirmed destroyed"
    left = list(doc[max(0, number_start - 4):number_start])
    right = list(doc[mention.end:min(len(doc), mention.end + 4)])
    ends = [k for k, t in enumerate(right) if t.is_sent_start]
    if ends and rule("counts.qualifier-in-sentence"):
        right = right[:ends[0]]  # "… along with a cruise missile. Air defences shot down 25":
        # the next sentence's verb is not this count's
    starts = [k for k, t in enumerate(left) if t.is_sent_start]
    if starts:
        left = left[starts[-1]:]
    near = {t.lemma_.lower() for t in left + right} | set(lemmas)
    text = " ".join(t.lower_ for t in left + right + window)
    if "shot down" in text or "shoot down" in text or near & _SHOT_DOWN - {"down"} or (
            "down" in near and ("shoot" in near or "shot" in near or "bring" in near)):
        if not near & {"launch", "fire"} or "of" in [t.lower_ for t in right[:1]]:
            return "shot down"
    if head.dep_ == "pobj" and head.head.lower_ in ("with", "by", "using", "involving"):
        return "launched"  # "hit with 48 drones", "an assault involving 300 drones"
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in _HIT and \
            rule("counts.subject-struck"):
        return "hit"  # "Four Russian drones struck an apartment building": they hit it
    for lemma in lemmas[1:]:
        if lemma in _SHOT_DOWN:
            return "shot down"
        if lemma in _HIT and lemma not in _LAUNCH:
            return "hit"
        if lemma in _LAUNCH:
            return "launched"
    return "launched"


def _of_the(doc, at: int, end: int) -> bool:
    """``doc[at:]`` opens "of the" (these, those)."""
    return at + 1 < end and doc[at].lower_ == "of" and \
        doc[at + 1].lower_ in ("the", "these", "those")


def _participle_modifier(token) -> str | None:
    """"shot down" where a participle before the counted weapons says so ("downed drones",
    "intercepted missiles"), else None ("29 Russia-launched drones" keeps its verb's word)."""
    if token.tag_ != "VBN" or token.dep_ != "amod":
        return None
    return "shot down" if token.lemma_.lower() in _SHOT_DOWN else None


#: the pronouns a partitive counts out of ("29 of them", "…, of which 51 were …")
PARTITIVE_PRONOUNS = frozenset({"them", "which", "these", "those"})


def _own_clause_qualifier(token) -> str | None:
    """"shot down" or "hit" where the verb that ``token`` (a number) is the subject of says so,
    itself or in what completes it ("were either jammed or shot down"), or does harm to a thing
    ("four of which damaged a substation": hit); else None."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = token.head
    if token.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children) and \
            verb.lemma_.lower() in _HIT | {"damage", "destroy"}:
        return "hit"  # "drones, four of which damaged a substation": they hit it
    said = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "xcomp")]
    said += [c for t in said[1:] for c in t.children if c.dep_ == "conj"]
    lemmas = {t.lemma_.lower() for t in said}
    if lemmas & _SHOT_DOWN:
        return "shot down"
    if lemmas & _HIT:
        return "hit"
    return None


def _elliptic(doc, number, out: list[CountMention], mentions, antecedent):
    """A number standing for weapons named before it: "29 of them", "including 29 over the
    Ryazan region" (after "121 drones"), "11 were shot down" (after "31 drones were launched")."""
    after = doc[number.end:number.end + 2]
    low = [t.lower_ for t in after]
    if low[:1] == ["more"] and number.end + 1 < len(doc) and \
            doc[number.end + 1].lower_ in ("over", "above") and \
            rule("counts.elided-more-over"):
        low = [t.lower_ for t in doc[number.end + 1:number.end + 3]]  # "destroyed 12 drones
        # over the Belgorod region, and more than two dozen more over the Kursk region"
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    weapon = None
    partitive = low[:1] == ["of"] and len(low) > 1 and low[1] in PARTITIVE_PRONOUNS
    if partitive:
        # the weapon named last before it, unless people are named in between ("The number
        # of injured has risen to 34. Nine of them are …")
        last = max((m for m in mentions if m.end <= number.start), key=lambda m: m.end,
                   default=None)
        k = number.end + 2  # the word after "of them", past "were": "9 of them (were) children"
        if k < len(doc) and doc[k].lower_ in ("were", "are", "is", "was", "being"):
            k += 1
        said_of = doc[k] if k < len(doc) and not doc[k].is_sent_start else None
        mass = last is not None and doc[last.end - 1].is_lower and \
            doc[last.end - 1].tag_ in ("NN", "VBG", "VBN", "VBD")  # "shelling damaged 20
        # houses, 18 of which", "100 buildings were damaged when X was shelled. Two of them":
        # no weapons counted out of a mass noun or a verb
        between = doc_tokens(doc)[last.end:number.start] if last is not None else []
        counted = any(t.tag_ in ("NNS", "NNPS") and any(
            c.dep_ == "nummod" and c.i >= last.end for c in t.children) for t in between)
        # "Debris from the drones damaged … 20 vehicles …, three of which were destroyed": the
        # vehicles are counted out, not the drones (not "19 Shahed launches, 18 of which")
        if last is not None and not any(t.lower_ in _PEOPLE for t in between) \
                and not (said_of is not None and said_of.lower_ in _PEOPLE) and not mass \
                and not (counted and rule("counts.part-of-counted-things")):
            weapon = last.weapon  # not "…, 9 of them children": people, whatever came before
    elif before in ("including", "incl", ",", "and", "another") and low[:1] and low[0] in (
            "over", "in", "above", "near", "were", "was") and (out or before == "including"):
        weapon = out[-1].weapon if out else antecedent  # "…, nine over the Kursk region",
        # "…, another 44 over the Krasnodar region"
    elif low[:1] and low[0] in ("were", "was", "had") and (out or antecedent is not None
                                                          and _opens_sentence(doc, number)):
        weapon = out[-1].weapon if out else antecedent  # "… launched 100 drones. 65 were shot
        # down": the last sentence's weapons, when it is their downing that is told
    elif out and out[-1].qualifier == "launched" and _object_of_downing(doc[number.start]):
        weapon = out[-1].weapon  # "Russia sent 24 drones …, and units shot down 19"
        rule("counts.downed-part")
    elif out and doc[number.start].dep_ == "nsubj" and \
            doc[number.start].head.lemma_.lower() in _HIT and rule("counts.elliptic-hit"):
        # "Air defenses shot down 82 drones, while 26 struck 10 locations": 26 drones hit
        return CountMention(out[-1].weapon, number.value, "hit", number.start)
    if weapon is None:
        return None
    anchor = WeaponMention(weapon, number.start, number.end)
    verb = doc[number.start].head
    if doc[number.start].dep_ in ("nsubj", "nsubjpass") and _lost_by(verb):
        return None  # "…, and 28 were lost from radars", "another 34 were likely thwarted by
        # electronic warfare"
    told = [t.lower_ for t in doc_tokens(doc)[number.end:min(len(doc), number.end + 5)]
            if t.text not in _QUOTE_MARKS]
    if told[:1] in (["were"], ["was"]) and "lost" in told[1:4] and \
            rule("counts.quoted-lost"):
        return None  # "another 25 were “locationally lost”": the air force's term in
        # quotation marks, which the parser does not read as the verb
    qualifier = _qualifier(doc, number.start, anchor)
    own = _own_clause_qualifier(doc[number.start]) \
        if partitive or before in PARTITIVE_PRONOUNS else None
    if own is not None and own != qualifier and rule("counts.partitive-own-verb"):
        qualifier = own  # "launched 64 drones, of which 51 were jammed or shot down":
        # the verb of the number's own clause, not the launch its clause hangs on
    if before in ("including", ",", "and", "another") and out and not (
            partitive and rule("counts.partitive-own-verb")):
        qualifier = out[-1].qualifier  # "…, nine over the Kursk region"; not "…, 18 of which
        # were destroyed", told by its own verb
    if not out and low[:1] and low[0] in ("were", "was", "had") and (
            qualifier != "shot down" or _over_a_place(doc, number)
            or not rule("counts.downed-after-launch")):
        return None  # "Five were injured", "two were hit"; "Ten were shot down over Kyiv" is
        # a part of the wave, told over one place
    return CountMention(weapon, number.value, qualifier, number.start)


def _downed_by_own_clause(doc, mention) -> bool:
    """The counted weapons carry a clause of their own that downs them: "the 75 drones it
    downed", "the 40 missiles that were intercepted"."""
    head = doc[mention.end - 1]
    return any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _SHOT_DOWN
               for c in head.children)


def _over_a_place(doc, number) -> bool:
    """The number's clause places it over or in a named place ("Ten were shot down over
    Kyiv", "30 were destroyed over Belgorod, 20 over Kursk")."""
    sent = sentence_of(doc, number.start)
    return any(t.lower_ in ("over", "in", "above") and t.i + 1 < sent.end and (
        doc[t.i + 1].is_title or doc[t.i + 1].lower_ == "the" and t.i + 2 < sent.end
        and doc[t.i + 2].is_title) for t in doc_tokens(doc)[number.end:sent.end])


def _opens_sentence(doc, number) -> bool:
    """The number opens its sentence, alone or after "Of them," ("65 were shot down")."""
    first = sentence_of(doc, number.start).start
    return [t.lower_ for t in doc_tokens(doc)[first:number.start]] in (
        [], ["of", "them", ","], ["of", "these", ","], ["of", "those", ","])


def _object_of_downing(token) -> bool:
    """The number is what a shoot-down verb right before it brought down: "shot down 10",
    "intercepted 9" ("destroyed 12" may tell of houses)."""
    if token.i < 1:
        return False
    before = token.doc[token.i - 1]
    if before.lower_ == "down":
        return token.i >= 2 and token.doc[token.i - 2].lemma_.lower() in ("shoot", "bring")
    return before.pos_ == "VERB" and before.lemma_.lower() in _SHOT_DOWN - {
        "shoot", "shot", "destroy"}  # "the strike destroyed 3" may be houses


def _mixed_total(doc, mention: WeaponMention, by_start, numbers, end: int) -> bool:
    """The counted weapon is joined by "and"/"or" to another weapon that has no number."""
    i = mention.end
    if i + 1 < end and doc[i].lower_ in ("and", "or", "&") and i + 1 in by_start:
        return not any(n.end == i + 1 or n.start == i + 1 for n in numbers)
    return False


_MADE = set(cues()["maker_participles"])


def _glued_hyphen(doc, i: int) -> bool:
    """Token ``i`` is a hyphen glued to a word (not a figure) before it."""
    return doc[i].text == "-" and 0 < i < len(doc) - 1 and not doc[i - 1].like_num and \
        not doc[i - 1].whitespace_


def _maker(doc, i: int) -> bool:
    """Token ``i`` is the hyphen of "Iranian-made" (a maker glued to "made" / "built")."""
    return _glued_hyphen(doc, i) and doc[i + 1].lower_ in _MADE and \
        bool(rule("counts.maker-made"))


def _compound_hyphen(doc, i: int, number_end: int) -> bool:
    """Token ``i`` is the hyphen inside a compound adjective after the number that ends at
    ``number_end`` ("19 long-range missiles")."""
    return i > number_end and _glued_hyphen(doc, i) and not doc[i].whitespace_ and \
        doc[i + 1].is_alpha


def _joined_modifier(doc, i: int, number_end: int, end: int, by_start) -> bool:
    """Token ``i`` joins two words before the counted weapon, or is the second of them:
    "476 strike and decoy drones" (the parser may take "decoy" for a verb), "66 ballistic and
    cruise missiles"."""
    if i > number_end + 1 and doc[i - 1].lower_ in ("and", "or") and doc[i].pos_ == "VERB":
        return i + 1 in by_start
    return i > number_end and doc[i].lower_ in ("and", "or") and i + 2 < end and \
        doc[i - 1].tag_ not in ("NNS", "NNPS") and doc[i + 1].pos_ in ("ADJ", "NOUN", "VERB")
    # not "two launch units and extra missiles": a noun of its own before the "and"


_MISSILE_KINDS = frozenset({"ballistic", "cruise"})


def _kinds_joined(doc, number_end: int, mention: WeaponMention) -> bool:
    """The words joined before a missile name another kind of missile than the mention's
    ("66 ballistic and cruise missiles")."""
    words = {t.lower_ for t in doc[number_end:mention.start]}
    return bool(words & {"and", "or"}) and mention.weapon.kind.endswith("-missile") and \
        bool(words & _MISSILE_KINDS - {mention.weapon.kind.split("-")[0]})


_COUNTED_PEOPLE = frozenset(cues()["person_nouns"])
_LAUNCHED_WORDS = frozenset({"launched", "fired", "used", "sent", "released"})


def _launched_total(doc, number, mention, numbers, end: int):
    """The number M of "N drones out of (the) M launched", "25 missiles of 38 fired", when it
    is larger than N: the weapons launched, of which the N are a part; else None."""
    if mention is None:
        return None
    k = mention.end
    if k < end and doc[k].lower_ == "out":
        k += 1
    if k >= end or doc[k].lower_ != "of":
        return None
    k += 1
    if k < end and doc[k].lower_ in ("the", "those"):
        k += 1
    total = next((n for n in numbers if n.start == k and n.value), None)
    if total is None or total.end >= end or doc[total.end].lower_ not in _LAUNCHED_WORDS:
        return None
    return total if total.value > number.value else None


def count_mentions(doc, mentions: list[WeaponMention], start: int, end: int,
                   antecedent: Weapon | None = None) -> list[CountMention]:
    """Counts of weapons in ``doc[start:end]``: a number right before a weapon mention ("48
    drones", "two Iskander-M missiles"), "N of M <weapons>" (N shot down of M launched), and
    numbers standing for weapons named before ("29 of them"; ``antecedent`` is the last
    weapon named before ``start``)."""
    out = []
    leading: list[tuple[WeaponMention, int]] = []  # a single weapon before the tally's counts
    lost: list[CountMention] = []  # weapons told as lost, for a number after them
    numbers = numbers_in(doc, start, end)
    by_start = {m.start: m for m in mentions if start <= m.start < end}
    totals: set[int] = set()  # the M of "N drones out of M launched", counted with the N
    for number in numbers:
        if number.value is None or number.start in totals:
            continue  # "up to 50 drones", "nearly 30": no figure ("more than 50" is 50)
        # skip adjectives between the number and the weapon: "48 Shahed attack drones", "four
        # Iranian-made Shahed-136 drones"
        probe = number.end
        while probe < end and probe not in by_start and probe - number.end < 4 and (
                doc[probe].pos_ in ("ADJ", "PROPN", "NOUN") and not doc[probe].is_punct
                or _maker(doc, probe) or probe > number.end and _maker(doc, probe - 1)
                or _compound_hyphen(doc, probe, number.end)
                or probe + 1 < end and not doc[probe].whitespace_ and doc[probe].is_alpha
                and _compound_hyphen(doc, probe + 1, number.end)  # "55 fixed-wing drones"
                or doc[probe].text in _QUOTE_MARKS  # three "Iskander" complex missiles
                or _participle_modifier(doc[probe]) is not None  # "100 downed drones"
                or _joined_modifier(doc, probe, number.end, end, by_start)):
            probe += 1
        mention = by_start.get(probe)
        if mention is not None and any(doc[k].lower_ in ("and", "or")
                                       for k in range(number.end, probe)):
            rule("counts.joined-modifiers")
        if mention is not None and _kinds_joined(doc, number.end, mention):
            # "66 ballistic and cruise missiles": missiles of two kinds, counted as missiles
            mention = WeaponMention(weapon("missile"), mention.start, mention.end)
        if mention is not None and number.value > WAVE_SCALE and bool(rule("counts.war-total")):
            continue  # "57,000 drones … since the start of the invasion": the war's, no wave's
        if mention is not None and (_modifies(doc, mention.end, _STRIKE_NOUNS) or
                                    doc[mention.end - 1].lower_ in _STRIKE_NOUNS):
            if _qualifier(doc, number.start, mention) == "shot down" and \
                    (mention.weapon.kind == "drone"
                     or "missile" in _family(mention.weapon.key)) and \
                    doc[mention.end].lower_ in ("attack", "attacks") and \
                    rule("counts.attacks-intercepted"):
                # "eight drone attacks were intercepted": a drone stopped is one attack
                out.append(CountMention(mention.weapon, number.value, "shot down", number.start))
            continue  # "four MLRS strikes", "12 drone attacks", "459 shellings": strikes
        if mention is None and _of_the(doc, probe, end) and probe + 2 in by_start \
                and number.value > 1:
            # "18 of the cruise missiles": a part of the weapons named
            part = by_start[probe + 2]
            out.append(CountMention(part.weapon, number.value,
                                    _qualifier(doc, number.start, part), number.start))
            continue
        total = _launched_total(doc, number, mention, numbers, end)
        if total is not None and rule("counts.out-of-those-launched"):
            # "19 missiles of 30 fired were shot down": the 30 were launched
            out.append(CountMention(mention.weapon, total.value, "launched", total.start))
            totals.add(total.start)
        if mention is not None and _mixed_total(doc, mention, by_start, numbers, end):
            continue  # "more than 300 missiles and drones": a total of several kinds
        if mention is None and probe + 1 < end and doc[probe].lower_ == "out" and \
                doc[probe + 1].lower_ == "of":
            probe += 1  # "23 out of 31 drones"
        if mention is None and probe < end and doc[probe].lower_ == "of":
            # "23 of 31 drones" / "23 of the 31 drones"
            owner = probe + 2 < end and doc[probe + 2].lower_ in ("'s", "’s")
            nxt = [n for n in numbers if n.value and (n.start in (probe + 1, probe + 2) or (
                owner and n.start == probe + 3))]  # "22 of Russia's 27 drones"
            if nxt:
                total = nxt[0]
                after = total.end
                reach = 6 if _of_the(doc, total.end, end) else 3  # "eight out of 11 of the
                # attacking Russian drones": words that describe them after "of the"
                while after < end and after not in by_start and after - total.end < reach \
                        and not (reach > 3 and doc[after].is_punct):
                    if doc[after].lower_ == "of" and \
                            doc[after - 1].lower_ in _COUNTED_PEOPLE and \
                            rule("counts.part-of-other-things"):
                        break  # "Five of the 13 victims of shelling": people, not weapons
                    after += 1
                mention = by_start.get(after)
                if mention is not None and after - total.end >= 3:
                    rule("counts.out-of-the-described")
                if mention is not None and _downed_by_own_clause(doc, mention) and \
                        rule("counts.part-of-those-downed"):
                    # "49 of the 75 Ukrainian drones it downed were over the Volgograd
                    # region": the 75 were downed; the 49 are a part of them
                    out.append(CountMention(mention.weapon, total.value, "shot down",
                                            total.start))
                    numbers = [n for n in numbers if n is not total]
                    continue
                if mention is not None:
                    out.append(CountMention(mention.weapon, number.value, "shot down",
                                            number.start))
                    out.append(CountMention(mention.weapon, total.value, "launched",
                                            total.start))
                    numbers = [n for n in numbers if n is not total]
                    continue
        if mention is None and out and number.value < out[-1].quantity and any(
                doc[k].text == ":" for k in range(out[-1].start, number.start)) and \
                rule("counts.breakdown-after-colon"):
            continue  # "destroyed 172 … unmanned aerial vehicles during the night: 110 over
            # the Bryansk Region, 20 over the Belgorod Region, …": parts of the 172
        if mention is None:
            elliptic = _elliptic(doc, number, out or lost, mentions, antecedent)
            # "63 drones were downed by jamming or lost, while 40 were shot down": the 40 are
            # of the weapons lost before them
            if elliptic is not None and (tokens_text(doc, number.start, number.end).lower() not in (
                    "one", "a", "an") or elliptic.qualifier == "shot down"):
                out.append(elliptic)  # "shot down one of them" counts; "one of them hit" not
            continue
        if number.end < len(doc) and doc[number.start - 1 if number.start else 0].lower_ in (
                "of",) and any(c.start < number.start for c in out) or any(
                c.start == number.start for c in out):
            continue  # the M of "N of M" ("22 of Russia's 27 drones"), already counted
        if tokens_text(doc, number.start, number.end).lower() in ("one", "a", "an") and not (
                number.bound):
            if doc[number.start].lower_ == "one" and \
                    _qualifier(doc, number.start, mention) == "shot down":
                # "defences shot down one cruise missile": one weapon brought down
                out.append(CountMention(mention.weapon, 1, "shot down", number.start))
                rule("counts.one-shot-down")
                continue
            if not _single_in_tally(doc, out, mention, number.start) and \
                    mention.end < end and doc[mention.end].lower_ in ("and", ","):
                leading.append((mention, number.start))  # "one ballistic missile and seven …"
            continue  # "one of the drones hit …" is not a count of the attack
        if _rounds_fired(doc, mention):
            continue  # "fired 82 rounds", "12 artillery shells at the village": munitions
        if _lost(doc, mention) and not (
                _object_of_downing(doc[number.start]) and rule("counts.downed-before-lost")):
            # "shot down 32 Russian drones and 45 others disappeared from radars": the parser
            # made the downed drones a subject of "disappeared" too
            lost.append(CountMention(mention.weapon, number.value, None, number.start))
            continue  # "eight decoy drones disappeared from radar": neither downed nor hit
        qualifier = _qualifier(doc, number.start, mention)
        out.append(CountMention(mention.weapon, number.value, qualifier, number.start))
        if qualifier == "shot down" and number.start > start and \
                doc[number.start - 1].lower_ == "all" and bool(rule("counts.all-shot-down")):
            # "shot down all 29 drones": 29 launched, all of them downed
            out.append(CountMention(mention.weapon, number.value, "launched", number.start))
    for mention, at in leading:
        # "one ballistic missile and seven cruise missiles were fired": the single leads a
        # tally whose next count, right after it, is of another kind
        if any(c.start > mention.end and c.start - mention.end <= 2 and
               c.weapon.kind != mention.weapon.kind for c in out):
            _single_in_tally(doc, out, mention, at)
    for mention in by_start.values():  # "… 139 drones and an Iskander-M ballistic missile"
        article = mention.start - 1
        while article > start and mention.start - article < 3 and doc[article].pos_ in (
                "ADJ", "PROPN") and doc[article].lower_ not in ("a", "an"):
            article -= 1
        if article > start and doc[article].lower_ in ("a", "an") and (
                doc[article - 1].lower_ in ("and", ",") or article - 2 > start and
                doc[article - 2].lower_ in ("along", "together") and
                doc[article - 1].lower_ == "with" and rule("counts.along-with-one")):
            # "… 23 Shahed drones along with a cruise missile": one more of the tally
            _single_in_tally(doc, out, mention, article)
        elif (single := _single_downed(doc, mention, start)) is not None and \
                not any(c.start == single for c in out) and rule("counts.one-shot-down"):
            # "air defence forces downed a drone over the region": one weapon shot down
            out.append(CountMention(mention.weapon, 1, "shot down", single))
    # "Over the past week, Russia used over 900 guided aerial bombs": the war's statistics
    return [count for count in out if not period_tally(doc, count.start)
            and not _supplied(doc, count.start)]


_SUPPLY_VERBS = frozenset(cues()["supply_verbs"])
_AID_NOUNS = frozenset(cues()["aid_nouns"])
_HOLDING_VERBS = frozenset({"include", "comprise", "contain"})  # what a package holds
_LIST_REACH = 30  # lines of a list read back to its opening line
#: a supply verb aimed at a target is an attack: "Russia sent 24 Shahed drones against the south"
_AIMED = frozenset({"at", "against", "toward", "towards", "into", "over", "on"})


def _supplied(doc, i: int) -> bool:
    """The number at token ``i`` counts weapons given, not used (GOLD.md: weapons in an aid
    package are no weapon counts): the verb it hangs on supplies them ("Germany will send
    Ukraine 20 drones", "delivered 16 reconnaissance drones"; not "sent 24 Shahed drones
    against the south"), a package includes them, or it stands in a list whose opening line
    tells an aid package ("The new aid package includes:" above "10 surface drones")."""
    token = doc[i]
    for _ in range(4):  # up the tree to the verb the count is an object of
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    aimed = any(c.dep_ == "prep" and c.lower_ in _AIMED
                for t in (token, *(o for o in token.children if o.dep_ == "dobj"))
                for c in t.children)  # on the verb or its object: "sent 61 drones against …"
    if token.pos_ == "VERB" and not aimed and (token.lemma_.lower() in _SUPPLY_VERBS or (
            token.lemma_.lower() in _HOLDING_VERBS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in _AID_NOUNS for c in token.children))):
        return bool(rule("counts.supplied"))  # "… will send 20 drones", "The package
        # includes 10 surface drones"
    sent = sentence_of(doc, i)
    colon = next((k for k in range(i - 1, sent.start - 1, -1) if doc[k].text == ":"), None)
    if colon is not None and {t.lemma_.lower() for t in doc_tokens(doc)[sent.start:colon]} & \
            _AID_NOUNS:
        return bool(rule("counts.supplied"))  # "The new aid package includes: 10 … drones"
    if any(t.pos_ in ("VERB", "AUX") for t in sent_tokens(sent)):
        return False
    for _ in range(_LIST_REACH):  # a verbless list line: back to the list's opening line
        if sent.start == 0:
            return False
        sent = sentence_of(doc, sent.start - 1)
        if any(t.pos_ in ("VERB", "AUX") for t in sent_tokens(sent)):
            return span_text(sent).rstrip().endswith(":") and bool(
                {t.lemma_.lower() for t in sent_tokens(sent)} & _AID_NOUNS) and \
                bool(rule("counts.supplied"))
    return False


_DOWNING = _SHOT_DOWN - {"jam", "suppress"}  # verbs that bring a weapon down, one by one


def _single_downed(doc, mention: WeaponMention, start: int) -> int | None:
    """Where "a" or "an" stands before a single weapon that a verb of shooting down takes as
    its object or passive subject ("downed a drone", "a ballistic missile was shot down",
    "destroyed a Russian Shahed kamikaze drone"): that article's index, else None."""
    head = doc[mention.end - 1]
    if head.tag_ not in ("NN", "NNP") or head.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DOWNING and \
            not (verb.lemma_.lower() in ("shoot", "bring") and any(
                c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)):
        return None
    article = mention.start - 1
    while article > start and mention.start - article <= 4 and doc[article].pos_ in (
            "ADJ", "PROPN", "NOUN") and doc[article].lower_ not in ("a", "an"):
        article -= 1
    if article >= start and doc[article].lower_ in ("a", "an") and doc[article].head.i == head.i:
        return article
    return None


def _single_in_tally(doc, out: list[CountMention], mention: WeaponMention, at: int) -> bool:
    """"Launched 139 drones and an Iskander-M ballistic missile": one weapon counts 1 in a tally
    of launches or interceptions that counts another kind; "one drone hit a house" does not.
    True when it counted."""
    qualifier = _qualifier(doc, at, mention)
    if qualifier != "hit" and any(c.weapon.kind != mention.weapon.kind for c in out):
        out.append(CountMention(mention.weapon, 1, qualifier, at))
        return bool(rule("counts.single-in-tally"))
    return False


_LOST = frozenset(cues()["lost_weapon_words"])
_FAIL = frozenset(cues()["failure_verbs"])
_REACH = frozenset(cues()["reach_verbs"])
_TALLY_NOUNS = frozenset(cues()["tally_nouns"])


def _lost(doc, mention) -> bool:
    """Weapons told as lost on the way ("eight decoy drones disappeared from radar", "32
    drones were lost", "another 68 drones failed to reach their targets", "did not reach")
    were neither shot down nor hit, and the labellers count them in no tally; "two drones
    failed to be intercepted and hit a house" are not lost."""
    head = doc[mention.end - 1]
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and \
            head.head.head.lemma_.lower() in _TALLY_NOUNS:
        head = head.head.head  # "a total of 16 decoy drones disappeared from radar"
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return _lost_by(head.head) and bool(rule("counts.lost-on-the-way"))


def _lost_by(verb) -> bool:
    """The verb tells its subject lost on the way: "disappeared", "were lost", "missed their
    targets", "failed to reach", "did not reach" or "did not hit their targets", "downed by
    electronic jamming systems or were lost"."""
    lemma = verb.lemma_.lower()
    if lemma in ("come", "fall") and any(c.dep_ == "prt" and c.lower_ == "down"
                                         for c in verb.children) and any(
            t.lower_ == "own" and t.head.lower_ == "on" for t in verb.subtree) and \
            rule("counts.came-down-on-their-own"):
        return True  # "25 Shahed drones had come down on their own": lost, not downed
    return lemma in _LOST or (
        lemma in _FAIL and any(c.dep_ == "xcomp" and c.lemma_.lower() in _REACH
                               for c in verb.children)) or (
        lemma in _REACH and any(c.dep_ == "neg" for c in verb.children)) or any(
        c.dep_ == "conj" and c.lemma_.lower() in _LOST and not any(
            d.dep_ in ("nsubj", "nsubjpass") for d in c.children) for c in verb.children) or \
        _jammed(verb)


_JAMMING = frozenset({"jamming", "jammers", "warfare", "ew"})  # electronic warfare


def _jammed(verb) -> bool:
    """The verb's agent or means is electronic warfare ("downed by electronic jamming
    systems", "neutralised through electronic warfare")."""
    return any((c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("through", "via", "with"))
               and any(t.lower_ in _JAMMING for t in c.subtree) for c in verb.children)


def _rounds_fired(doc, mention) -> bool:
    """Artillery counted by its rounds ("fired 12 artillery shells at the village", "350
    mortar shells"), like strikes, is no count of weapons (GOLD.md); shells told as what
    struck ("two shells struck a bus stop") are."""
    if mention.weapon.kind != "artillery":
        return False
    head = doc[mention.end - 1]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "two artillery shells hit …": the shells
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_.lower() in _STRUCK_BY or \
            head.dep_ == "pobj" and verb.lower_ == "by":
        return False  # "two shells struck a market", "hit by two shells" ("three shells
        # landed there" counts rounds, as labellers read it)
    return bool(rule("counts.rounds-fired"))


_STRUCK_BY = frozenset(cues()["attack_verbs"])  # "two shells struck a market"


def counts_strikes(sent) -> bool:
    """The sentence counts strikes ("590 attacks on 15 settlements", "119 shelling attacks"): a
    tally of the day, not a report of one place."""
    for token in sent_tokens(sent):
        if token.like_num and token.head.lower_ in _STRIKE_NOUNS and token.head.i > token.i:
            return True
    return False
