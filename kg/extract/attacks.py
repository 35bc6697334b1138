"""Attacks: one per place struck, with weapons, counts, casualties, attacker, date and evidence.

The article is read sentence by sentence with a *focus*: the places the current sentence reports
as struck, or — when it names none — the focus of the sentence before (within reported news;
a background or unrelated sentence clears it). Facts in a sentence (weapons, casualty figures,
counts, attacker) belong to its focus. A place is struck when it is named, not as part of a title
or a launch site, in a sentence that reports an attack (an attack verb or noun, a weapon, a
casualty), that is not background ("earlier in the war"), hypothetical ("could strike"), nor only
about interceptions ("shot down over the region").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from datetime import date

from kg.extract.attackers import AttackerMention, attacker_mentions
from kg.extract.casualties import sentence_figures
from kg.extract.casualty_context import other_deaths, toll_update
from kg.extract.dates import resolve_date
from kg.extract.figure_places import (CLAUSE_BREAKS as _CLAUSE_BREAKS, apply_figures,
                                      country_total, figures_by_place, is_total, own_figures)
from kg.extract.lexicon import cues
from kg.extract.place_mentions import Mention, find_mentions
from kg.extract.place_resolution import keep_unresolved, resolve_mentions
from kg.extract.rules import rule
from kg.extract.weapons import count_mentions, counts_strikes, weapon_mentions
from kg.records import Actor, Attack, Evidence, Place, WeaponCount, add_evidence

# attack places are in Ukraine or Russia (Crimea included), or where drones come down across the
# border: Moldova, Romania, Poland, Belarus (GOLD.md counts those)
WAR_COUNTRIES = {"Q212", "Q159", "Q217", "Q218", "Q36", "Q184"}
_DAMAGE = cues()["damage_words"]


def _country_id(place: Place) -> str | None:
    for node in place.chain():
        if node.kind == "country":
            return node.qid or node.id
    return None


def _in_war_zone(place: Place) -> bool:
    """In Ukraine or Russia, or somewhere the gazetteer cannot place in any country."""
    country = _country_id(place)
    if country in WAR_COUNTRIES or country is None:
        return True
    return any(node.qid in ("Q7835", "Q756294", "Q15966495") for node in place.chain())


def _lemmas(sent) -> set[str]:
    return {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
_PAST_MONTH = re.compile(r"\b(?:in|since|by) (?:(?:late|early|mid-?|the middle of) ?)?(?:"
                         + _MONTHS + r")\b")
_YEAR = re.compile(r"\b(?:in|since|back in|during) ((?:19|20)\d\d)\b")


def _is_background(sent, published: date | None = None) -> bool:
    """Earlier events told as context: "earlier in the war", "in late March", "in 2023" (a year
    before the article's), "last year" — in the sentence's main clause, not in a relative clause
    describing a place ("three areas that have repeatedly faced attacks")."""
    text = sent.text.lower()
    starts = [text.find(cue) for cue in cues()["background_cues"] if cue in text]
    starts += [m.start() for m in _PAST_MONTH.finditer(text)]
    starts += [m.start() for m in _YEAR.finditer(text)
               if published is None or int(m[1]) < published.year]
    return any(not _in_relative_clause(sent, start) for start in starts)


def _in_relative_clause(sent, offset: int) -> bool:
    token = sent.doc.char_span(sent.start_char + offset, sent.start_char + offset + 1,
                               alignment_mode="expand")
    node = token.root if token is not None and len(token) else None
    while node is not None and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "appos"):
            return True
        node = node.head
    return False


def _is_hypothetical(sent) -> bool:
    for token in sent:
        if token.lower_ in ("could", "would", "might", "may") and token.head.lemma_ in (
                "strike", "attack", "hit", "target", "launch", "intensify"):
            return True
        if token.lemma_ in ("threaten", "plan", "warn", "vow", "promise", "want", "seek") and \
                any(c.lemma_ in ("strike", "attack", "hit", "target") for c in token.subtree):
            return True
    return False


_NO_DAMAGE = cues()["no_damage_phrases"]


def _is_attack_sentence(sent, has_weapon: bool, has_figures: bool,
                        names_place: bool = False) -> bool:
    words = cues()
    lemmas = _lemmas(sent)
    text = sent.text.lower()
    if any(phrase in text for phrase in _NO_DAMAGE) and not has_figures:
        return False  # debris "fell in a field, causing no damage"
    if lemmas & words["supply_words"] and not has_figures and not lemmas & (
            _DAMAGE - {"attack", "strike", "shell", "bomb"}):
        return False  # weapons supplied, requested, produced: not used in an attack
    named_attack = bool(lemmas & (words["attack_verbs"] | words["attack_nouns"]))
    if has_figures and names_place and not named_attack and not has_weapon and \
            lemmas & set(words["discovery_verbs"]):
        rule("attacks.bodies-found")
        return False  # "the bodies of civilians slain during the occupation were found in X"
    attack = named_attack or has_figures
    if not (attack or has_weapon):
        return False
    intercept = lemmas & words["interception_words"]
    damage = _DAMAGE - {"attack", "strike"}
    if intercept or "defence" in lemmas or "defense" in lemmas:
        damage = damage - {"destroy"}  # air defence destroyed the drones: not damage
    if (intercept or "defence" in lemmas or "defense" in lemmas) and \
            not lemmas & damage and not has_figures:
        return False  # only shot down over the place
    return attack or has_weapon


def _district_city(place: Place) -> Place | None:
    """A city district's settlement."""
    if place.kind == "district" and place.parent is not None and place.parent.kind == "settlement":
        return place.parent
    return None


def _same_oblast_capital(region_like: Place, other: Place) -> bool:
    """True when ``region_like`` is a settlement that names the oblast ``other`` lies in
    ("In southern Odesa, … the city of Izmail"): the bare oblast-city name stands for the oblast."""
    if region_like.kind != "settlement" or other.kind != "settlement" or region_like is other:
        return False
    oblast_a = next((n for n in region_like.chain() if n.kind == "region"), None)
    oblast_b = next((n for n in other.chain() if n.kind == "region"), None)
    if oblast_a is None or oblast_b is None or oblast_a.id != oblast_b.id:
        return False
    return oblast_a.label.lower().startswith(region_like.label.lower())


def attackers_in(sent, gazetteer, mentions: list[AttackerMention]) -> list[tuple[Actor, str]]:
    """(country, rule id) for each country the sentence names as attacking ("Russian drones",
    "Russia launched", "by Russia"; kg/data/attackers.jsonl). "The enemy" or "the occupiers"
    name no country (GOLD.md: "enemy drones" with no country named give no attacker)."""
    out: dict[str, tuple[Actor, str]] = {}
    for mention in mentions:
        if sent.start <= mention.token < sent.end and mention.country not in out:
            actor = gazetteer.actor(mention.country)
            if actor is not None:
                out[mention.country] = (actor, mention.rule)
    return list(out.values())


class _Builder:
    def __init__(self, published: date | None):
        self.published = published
        self.attacks: dict[str, Attack] = {}
        self.shared: dict[str, list] = {}  # weapons from sentences about several places
        self.order: list[str] = []

    def get(self, place: Place) -> Attack:
        if place.id not in self.attacks:
            self.attacks[place.id] = Attack(place=place)
            self.shared[place.id] = []
            self.order.append(place.id)
        return self.attacks[place.id]

    @staticmethod
    def evidence(attack: Attack, sent, *rules: str) -> None:
        """The sentence as evidence of the attack, with the ids of the rules that read it."""
        add_evidence(attack.evidence, Evidence(sent.start_char, sent.end_char, sent.text,
                                               tuple(rules)))


def _paragraph_duplicates(doc, sents) -> set[int]:
    """Token starts of sentences inside a paragraph that repeats an earlier one."""
    seen, skip = set(), set()
    offset = 0
    spans = []
    for line in doc.text.split("\n"):
        spans.append((offset, offset + len(line), " ".join(line.split())))
        offset += len(line) + 1
    repeated = []
    for start, end, text in spans:
        if text and len(text) > 40 and text in seen:
            repeated.append((start, end))
        seen.add(text)
    if not repeated:
        return skip
    starts = [start for start, _ in repeated]
    for sent in sents:  # one binary search per sentence
        k = bisect_right(starts, sent.start_char) - 1
        if k >= 0 and sent.start_char < repeated[k][1]:
            skip.add(sent.start)
    return skip


def place_mentions(doc, gazetteer, person_spans=(), sents=None) -> list[Mention]:
    """The place names of ``doc``, each resolved against the gazetteer where it can be."""
    mentions = find_mentions(doc, gazetteer, person_spans,
                             list(doc.sents) if sents is None else sents)
    resolve_mentions(mentions, gazetteer)
    keep_unresolved(mentions, gazetteer)
    return mentions


def extract_attacks(doc, gazetteer, published: date | None = None, person_spans=(), *,
                    mentions: list[Mention] | None = None, weapons=None,
                    wave: list[WeaponCount] | None = None) -> list[Attack]:
    """The attacks an article reports, in the order their places first appear. ``mentions``
    and ``weapons`` are the place and weapon mentions when a pipeline component found them.
    Counts said of the whole wave, not of one place, go to ``wave`` when given
    (``kg.extract.raids`` makes the raid of them), else to the first attack."""
    sents = list(doc.sents)  # built once: spaCy makes the spans anew on every iteration
    if mentions is None:
        mentions = place_mentions(doc, gazetteer, person_spans, sents)
    if weapons is None:
        weapons = weapon_mentions(doc)
    attacker_found = attacker_mentions(doc, weapons)
    skip = _paragraph_duplicates(doc, sents)
    build = _Builder(published)
    focus: list[str] = []
    dormant: list[str] = []
    pending_counts: list[WeaponCount] = []
    attacker_votes: Counter[str] = Counter()
    article_date: date | None = None
    paragraph_starts = _paragraph_starts(doc, sents)
    regional: set[str] = set()  # oblast-capital names the article uses for the oblast
    for sent in sents:
        if sent.start in skip:
            continue
        in_sent = [m for m in mentions if sent.start <= m.start < sent.end and m.place]
        sent_weapons = [w for w in weapons if sent.start <= w.start < sent.end]
        earlier = _earlier_event(sent)
        if earlier:  # "…, a day after missiles struck Balakliia": not this report's places
            sent_weapons = [w for w in sent_weapons if w.start not in earlier]
            only_earlier = in_sent and all(m.start in earlier or m.role for m in in_sent)
            in_sent = [m for m in in_sent if m.start not in earlier]
        figures = sentence_figures(sent)
        capital_read = recalled = False
        # "the death toll has since risen to five": an update, not background
        update = figures and not in_sent and toll_update(sent) and rule("casualties.toll-update")
        background = (_is_background(sent, published) and not update) or \
            _is_hypothetical(sent) or other_deaths(sent) or bool(earlier and only_earlier)
        is_attack = not background and _is_attack_sentence(
            sent, bool(sent_weapons), bool(figures), any(not m.role for m in in_sent))
        located = {m.start for m in in_sent if _locating_hromada(m, in_sent, doc)}
        oblast_named = {m.start for m in in_sent if _capital_of_raion(m, in_sent, doc)}
        near = {m.start for m in in_sent if _locating_near(m, in_sent, doc)}
        struck = _struck_places([m for m in in_sent if not _scene_only(m, doc)
                                 and m.start not in located | near | oblast_named],
                                regional) \
            if is_attack else []
        if sent.start in paragraph_starts and not struck and not _refers_back(sent):
            # a new paragraph that names no place and does not point back (a quote, a
            # reaction): the focus rests until a sentence points back to it
            dormant, focus = focus or dormant, []
        if struck:
            focus, dormant = [p.id for p in struck], []
            for place in struck:
                build.get(place)
        elif background or (not is_attack and any(
                not m.role and m.place.kind != "country" and m.place.id not in focus
                and not _inside_focus(m.place, focus) for m in in_sent)):
            focus, dormant = [], []  # background, or news about another place
        elif is_attack and not any(not m.role and m.place.kind != "country" for m in in_sent) \
                and (capital := _capital_attack(sent, build, gazetteer)):
            # "the death toll in the capital had risen to four": the capital's own attack
            (pid, capital_read), dormant = capital, []
            focus = [pid]
        elif not focus and dormant and is_attack and not in_sent and _refers_back(sent):
            # "The number of injured has risen to 34, he said": its figures, nothing else
            focus, dormant, sent_weapons, recalled = dormant, [], [], True
        read = attackers_in(sent, gazetteer, attacker_found) if is_attack else []
        named = [actor for actor, _ in read]
        for actor in named:
            attacker_votes[actor.name] += 1
        counts = [] if background else count_mentions(
            doc, weapons, sent.start, sent.end, _antecedent(weapons, sent.start))
        if counts and (not focus or not is_attack or len(focus) > 1):
            pending_counts.extend(_counted(counts, sent))
        if not focus or not is_attack:
            if is_attack and not focus:
                when = resolve_date(sent.text, published)
                article_date = article_date or when
            continue
        attacks = [build.attacks[pid] for pid in focus]
        districts = [m.place for m in in_sent if m.place.kind == "district"]
        nationwide = _nationwide(sent)
        summary = not struck and (bool(counts) or counts_strikes(sent)) and \
            not _names_a_place_again(sent)
        unrelated = not struck and (_general_target(sent) or _foreign_scene(sent, in_sent))
        if unrelated and sent_weapons:
            rule("weapons.not-the-focus")
        sent_weapons = [] if (nationwide or summary or unrelated) and not struck else [
            w for w in sent_weapons if not _aimed_elsewhere(doc, w, focus)]
        by_clause = _weapons_by_clause(sent, sent_weapons, in_sent, focus) if struck else {}
        how = (rule("places.struck") if struck else capital_read if capital_read
               else rule("attacks.back-reference") if recalled else rule("attacks.focus"))
        unknown = {m.place.id for m in in_sent if not m.known and m.place in struck}
        when = resolve_date(sent.text, published)
        for attack in attacks:
            mine = by_clause.get(attack.place.id,
                                 [(w, len(focus) > 1) for w in sent_weapons])
            build.evidence(attack, sent, how, *_mention_rules(in_sent, attack.place),
                           *([rule("attacks.locating-hromada")] if located and struck else []),
                           *([rule("places.near-city")] if near and struck else []),
                           *([rule("places.raion-of-oblast")] if oblast_named and struck
                             else []), *(
                [rule("weapons.by-clause") if attack.place.id in by_clause
                 else rule("weapons.in-sentence")] if mine else []),
                *([rule("counts.quantity")] if counts and len(attacks) == 1 else []),
                *(rule_id for _, rule_id in read),
                *([rule("casualties.by-place") if len(attacks) > 1 else
                   rule("casualties.figure")] if figures else []),
                *([rule("places.context-settlement")] if attack.place.id in unknown else []),
                *([rule("dates.relative")] if when and attack.date is None else []),
                *sorted({f.rule for f in figures if f.rule}))
            # a clause about several places ("drones and missiles struck Kharkiv, Zaporizhzhia
            # and Odesa") gives each a weapon only until a sentence of its own names one
            for weapon, shared in mine:
                target = build.shared[attack.place.id] if shared else attack.weapons
                if weapon.weapon not in target:
                    target.append(weapon.weapon)
            for district in districts:
                if _district_city(district) and _district_city(district).id == attack.place.id \
                        and district not in attack.districts:
                    attack.districts.append(district)
        for attack in attacks:
            for actor in named:
                if actor not in attack.attackers:  # named in the sentence: as stated
                    attack.attackers.append(actor)
        for attack in attacks:
            if when and attack.date is None:
                attack.date = when
        if figures and is_total(sent, len(build.attacks)) and (
                all(a.place.kind == "settlement" for a in attacks) or country_total(sent)):
            # "in total, 12 were injured in the region": not this town's figure; "killing 19
            # across Ukraine": not this region's either
            figures = []
        if len(attacks) > 1 and figures:
            named = [(m.start, m.end, _district_city(m.place) or m.place) for m in in_sent]
            for attack, figure in figures_by_place(doc, figures, named, attacks):
                apply_figures(attack, [figure])
        if len(attacks) == 1:
            named = [(m.start, m.end, _district_city(m.place) or m.place) for m in in_sent
                     if not m.role]
            apply_figures(attacks[0], own_figures(doc, figures, named, attacks[0]))
            if nationwide and not struck:
                pending_counts.extend(_counted(counts, sent))
            else:
                _add_counts(attacks[0], _counted(counts, sent))
    attacks = [build.attacks[pid] for pid in build.order]
    _default_attackers(attacks, attacker_votes, gazetteer)
    for attack in attacks:
        if not attack.weapons:
            attack.weapons = build.shared[attack.place.id]
    attacks = _drop_regions_with_settlements(attacks)
    # a bare oblast-capital name the article also uses for its oblast, with no figure of its
    # own, stood for the oblast: the settlement named inside it carries the attack
    attacks = [a for a in attacks if a.place.id not in regional or a.killed is not None
               or a.injured is not None]
    if wave is not None:
        wave.extend(pending_counts)
    elif attacks and pending_counts:
        _add_counts(attacks[0], pending_counts)
    for attack in attacks:
        if attack.date is None:
            attack.date = article_date or _lead_date(sents, published)
    return attacks




def _weapons_by_clause(sent, weapons, in_sent, focus) -> dict:
    """"Missile strike on Dnipro; drone sets farm ablaze in Dnipro district": in a sentence
    naming several struck places, a weapon goes to the places of its own clause, or to all
    when its clause names none; each with a flag telling whether it was shared. Within a
    clause, a weapon and places that hang on the same verb go together ("attacked Stepnohirsk
    with artillery and FPV drones, and struck Mala Tokmachka with FPV drones")."""
    if len(focus) < 2:
        return {}
    bounds, start = [], sent.start
    for token in sent:
        if token.text in _CLAUSE_BREAKS:
            bounds.append((start, token.i))
            start = token.i + 1
    bounds.append((start, sent.end))
    doc = sent.doc
    by_verb: dict[int, list[str]] = {}
    for m in in_sent:
        pid = _focus_id(m.place, focus)
        verb = _verb_of(doc[m.start:m.end].root)
        if pid is not None and verb is not None and pid not in by_verb.setdefault(verb, []):
            by_verb[verb].append(pid)
    if len(bounds) < 2 and len(by_verb) < 2:
        return {}
    out: dict[str, list] = {pid: [] for pid in focus}
    for weapon in weapons:
        verb = _verb_of(doc[weapon.start:weapon.end].root)
        a, b = next((a, b) for a, b in bounds if a <= weapon.start < b)
        # the places of the weapon's own clause; within it, those on the weapon's verb
        clause_verbs: dict[int, list[str]] = {}
        for m in in_sent:
            pid = _focus_id(m.place, focus)
            m_verb = _verb_of(doc[m.start:m.end].root)
            if a <= m.start < b and pid is not None and m_verb is not None:
                clause_verbs.setdefault(m_verb, []).append(pid)
        targets = clause_verbs.get(verb, []) if len(clause_verbs) > 1 else []
        if not targets:
            here = {_focus_id(m.place, focus) for m in in_sent if a <= m.start < b}
            targets = [pid for pid in focus if pid in here] or list(focus)
        for pid in targets:
            out[pid].append((weapon, len(targets) > 1))
    return out


def _focus_id(place: Place, focus: list[str]) -> str | None:
    """The focus place the place is, or lies in as a district."""
    if place.id in focus:
        return place.id
    if place.parent is not None and place.parent.id in focus:
        return place.parent.id
    return None


def _verb_of(token) -> int | None:
    """The verb a phrase hangs on (its token index), within a few steps up the tree."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token.i
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _nationwide(sent) -> bool:
    """A summary of the whole night: "launched 24 drones at Ukraine", "attacked Ukraine
    overnight with 38 drones", "across the country"."""
    for token in sent:
        low = token.lower_
        if low in ("ukraine", "russia", "country", "nation", "nationwide", "regions"):
            if low == "nationwide":
                return True
            if token.dep_ == "pobj" and token.head.lower_ in ("at", "on", "across", "against",
                                                              "throughout", "over"):
                return True
            if token.dep_ == "dobj" and token.head.lemma_ in ("attack", "target", "strike",
                                                              "hit", "bombard"):
                return True
    return False


def _general_target(sent) -> bool:
    """"Russia has struck Ukrainian cities … using missiles and drones": an attack verb whose
    target is a kind of place in the plural speaks of the war in general, not of the focus."""
    verbs = cues()["attack_verbs"]
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            for child in token.children:
                if child.dep_ == "dobj" and child.lower_ in cues()["general_targets"]:
                    return True
    return False


def _foreign_scene(sent, in_sent) -> bool:
    """The sentence is about another country ("fragments found in Romania", "the Romanian Air
    Force"): its weapons are not the focus place's."""
    if any(m.place.kind == "country" and (m.place.qid or m.place.id) not in WAR_COUNTRIES
           for m in in_sent):
        return True
    return bool({t.lower_ for t in sent} & cues()["foreign_words"])


def _aimed_elsewhere(doc, mention, focus: list[str]) -> bool:
    """"the shelling of Ukrainian cities", "attacks on energy facilities across the country":
    a weapon whose target is named as something general or other than the place in focus."""
    root = doc[mention.end - 1]
    holders = [root] + ([root.head] if root.dep_ == "dobj" else [])
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "across", "at"):
            for target in child.children:
                if target.dep_ == "pobj" and (target.tag_ in ("NNS", "NNPS") or
                                              target.lower_ in ("country", "ukraine", "russia")):
                    return True
    return False


_NOT_STRIKING = cues()["non_striking_verbs"]
_BACK = cues()["back_reference_words"]


def _scene_only(mention, doc) -> bool:
    """"By the time the all-clear sounded in Lviv": a place tied to a verb that does not
    strike (sirens, meetings, visits) is a scene, not a target."""
    node = doc[mention.start:mention.end].root
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in _NOT_STRIKING
        if node.head.i == node.i:
            break
    return False


def _mention_rules(in_sent: list[Mention], place: Place) -> list[str]:
    """The ids of the rules that found the sentence's mentions of ``place``."""
    return list(dict.fromkeys(r for m in in_sent if m.rules and (
        m.place.id == place.id or (m.place.parent is not None and m.place.parent.id == place.id))
        for r in m.rules))


_NEAR = cues()["nearby_words"]
_SPANS_OF_TIME = {"day", "days", "hours", "week", "weeks", "month", "months", "night", "nights"}


def _earlier_event(sent) -> set[int]:
    """Token indices of the clauses that tell an earlier event: "a day after three people had
    been killed in Huliaipole", "two days before missiles hit Kyiv"."""
    out: set[int] = set()
    for token in sent:
        if token.lower_ in ("after", "before") and token.i > sent.start and \
                sent.doc[token.i - 1].lower_ in _SPANS_OF_TIME and token.dep_ in ("prep", "mark"):
            out.update(t.i for t in token.subtree)
            if token.dep_ == "mark":
                out.update(t.i for t in token.head.subtree if t.i > token.i)
    if out:
        rule("attacks.earlier-event")
    return out


def _capital_of_raion(mention, in_sent, doc) -> bool:
    """"the Polohivskyi district of Zaporizhzhia": an oblast capital's name after "<raion> of"
    names the oblast the raion lies in."""
    i = mention.start - 1
    if i < 0 or doc[i].lower_ != "of" or mention.place.kind != "settlement":
        return False
    raion = next((m for m in in_sent if m.place.kind == "raion" and 0 < i - m.end <= 3), None)
    if raion is None:
        return False
    oblast = next((n for n in raion.place.chain() if n.kind == "region"), None)
    return oblast is not None and oblast in mention.place.chain() and \
        oblast.label.lower().startswith(mention.place.label.lower())


def _locating_near(mention, in_sent, doc) -> bool:
    """"Zhuravlivka, a village near Lviv": a city named after "near" / "outside" / "close to"
    once a settlement has been named before it in the sentence only says where that one is."""
    i = mention.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "city", "town", "of", "regional", "centre",
                                        "center", "capital"):
        i -= 1
    if i < 0 or not (doc[i].lower_ in _NEAR or (doc[i].lower_ in ("to", "from") and i > 0
                                                   and doc[i - 1].lower_ in ("close", "far"))):
        return False
    return any(other.end <= i and other.start >= i - 12 and not other.role
               and other.place is not None and other.place.kind == "settlement"
               for other in in_sent)


def _locating_hromada(mention, in_sent, doc) -> bool:
    """"the village of Zhovtantsi in the Kamianka-Buzka hromada", "Yasenove of the Pokrovsk
    community", "Hostre, [all settlements in] Kurakhove hromada": a hromada named after a
    settlement of the sentence with "in" or "of" only says where that settlement is."""
    if mention.end >= len(doc) or doc[mention.end].lower_ not in ("hromada", "community"):
        return False
    for i in range(mention.start - 1, max(-1, mention.start - 6), -1):
        if doc[i].text in (",", ";", ".", ":") or doc[i].pos_ in ("VERB", "AUX"):
            return False
        if doc[i].lower_ in ("in", "of"):
            return any(other.end <= i and other.place is not None
                       and other.place.kind == "settlement" and not any(
                           t.like_num or t.pos_ in ("CCONJ", "VERB") for t in doc[other.end:i])
                       for other in in_sent)
    return False


def _paragraph_starts(doc, sents) -> set[int]:
    """Token indices of the first sentence of each paragraph (after a line break)."""
    starts = set()
    for sent in sents:
        if sent.start == 0 or "\n" in doc[sent.start - 1].text or \
                "\n" in doc[sent.start - 1].whitespace_:
            starts.add(sent.start)
    return starts


_PLACE_AGAIN = cues()["place_reference_words"]


def _names_a_place_again(sent) -> bool:
    """"the city was bombarded with 48 drones": the counts are that place's."""
    return any(t.lower_ in _PLACE_AGAIN for t in sent)


def _capital_attack(sent, build, gazetteer=None) -> tuple[str, str] | None:
    """The id of the attack on the capital the sentence names by that word: the one the article
    reports already, else — where the capital is what the sentence strikes ("Russia attacked
    the capital", "explosions in the capital") — a new attack on it; with the rule that read it."""
    text = sent.text.lower()
    names = {name for phrase, name in cues()["capital_words"].items() if phrase in text}
    found = next((pid for pid, attack in build.attacks.items()
                  if attack.place.label in names and attack.place.kind == "settlement"), None)
    if found is not None:
        return found, rule("attacks.capital")
    if gazetteer is None or len(names) != 1 or not _capital_struck(sent):
        return None
    place = next(iter(gazetteer.candidates(next(iter(names)), {"settlement"})), None)
    return (build.get(place).place.id, rule("attacks.capital-named-by-word")) \
        if place is not None else None


def _capital_struck(sent) -> bool:
    """"the capital" is the object of an attack verb, the place of an "in/on/at" phrase, or the
    subject of a passive attack verb."""
    for token in sent:
        if token.lower_ != "capital":
            continue
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in cues()["attack_verbs"]:
            return True
        if token.dep_ == "pobj" and head.lower_ in ("in", "on", "at", "against", "across"):
            return True
        if token.dep_ == "nsubjpass" and head.lemma_.lower() in cues()["attack_verbs"]:
            return True
    return False


def _refers_back(sent) -> bool:
    """The sentence continues the place of the one before: "the city", "there", "residents",
    a casualty or damage word, a pronoun."""
    return any(t.lower_ in _BACK or t.lemma_.lower() in _BACK for t in sent)


def _inside_focus(place: Place, focus: list[str]) -> bool:
    """The place is a focus place or lies inside one (a district of the city in focus)."""
    return any(node.id in focus for node in place.chain())


def _antecedent(weapons, start: int):
    """The last weapon named before token ``start``."""
    before = [w for w in weapons if w.start < start]
    return before[-1].weapon if before else None


def sent_of(in_sent: list[Mention]):
    """The sentence of the mentions (they share one)."""
    return in_sent[0].doc_sent


def _struck_places(in_sent: list[Mention], regional: set[str] | None = None) -> list[Place]:
    """The places a sentence reports as struck. ``regional`` collects the oblast-capital names
    the sentence uses for their oblast ("In southern Odesa, … the city of Izmail")."""
    places: list[Place] = []
    lemmas = _lemmas(sent_of(in_sent)) if in_sent else set()
    foreign = any(m.place.kind == "country" and (m.place.qid or m.place.id) not in WAR_COUNTRIES
                  for m in in_sent) or bool(lemmas & cues()["foreign_words"])
    for mention in in_sent:
        if mention.role or not _in_war_zone(mention.place):
            continue
        if foreign and (_country_id(mention.place) is None or not mention.known):
            continue  # "debris fell near Periprava, Romania": a place of another country
        place = mention.place
        if place.kind == "country":
            continue
        city = _district_city(place)
        if city is not None:
            place = city
        if place.kind == "district":
            continue
        if place not in places:
            places.append(place)
    # "Odesa and the neighbouring port city of Chornomorsk": two cities, not oblast and city
    neighbours = bool(lemmas & cues()["neighbour_words"])

    listed = _listed(in_sent)

    def for_oblast(place: Place) -> bool:
        if neighbours or not any(_same_oblast_capital(place, q) for q in places):
            return False
        if place.id in listed:
            for m in in_sent:  # the list keeps the capital: its evidence says so
                if m.place.id == place.id and rule("places.capital-in-list") not in m.rules:
                    m.rules += (rule("places.capital-in-list"),)
            return False
        return True

    if regional is not None:
        regional.update(p.id for p in places if for_oblast(p))
    return [p for p in places if not for_oblast(p)
            and not any(q is not p and p in q.chain()[1:] for q in places)
            and not (p.kind == "raion" and any(_locates(p, q) for q in places))]


def _listed(in_sent: list[Mention]) -> set[str]:
    """Ids of the settlements named in a list with other settlements ("struck Zaporizhzhia,
    Stepnohirsk and Prymorske"): each is a place of its own, the oblast capital too."""
    out: set[str] = set()
    if not in_sent:
        return out
    doc = in_sent[0].doc_sent.doc
    for a, b in zip(in_sent, in_sent[1:]):
        between = {t.lower_ for t in doc[a.end:b.start]}
        if between and between <= {",", "and", "or"} and a.place.kind == b.place.kind == \
                "settlement":
            out.update((a.place.id, b.place.id))
    return out


def _locates(raion: Place, settlement: Place) -> bool:
    """"the Mezhova hromada in the Synelnykove district": a raion named beside a settlement
    of the same oblast only says where the settlement is."""
    if settlement.kind != "settlement":
        return False
    oblast = next((n for n in raion.chain() if n.kind == "region"), None)
    own = next((n for n in settlement.chain() if n.kind == "region"), None)
    return oblast is not None and own is not None and oblast.id == own.id


def _drop_regions_with_settlements(attacks: list[Attack]) -> list[Attack]:
    """A region (or raion) is an attack place only where no place inside it is one; what it
    says of weapons ("shelled 23 settlements in Kherson Oblast") holds for the places inside
    it that name none."""
    inner = {node.id for a in attacks for node in a.place.chain()[1:]}
    by_id = {a.place.id: a for a in attacks}
    for attack in attacks:
        if not attack.weapons:
            for node in attack.place.chain()[1:]:
                outer = by_id.get(node.id)
                if outer is not None and outer.weapons:
                    attack.weapons = list(outer.weapons)
                    break
    kept = [a for a in attacks if a.place.id not in inner]
    for dropped in (a for a in attacks if a.place.id in inner and a.counts):
        # its weapon counts ("fired two Iskander-M missiles at the Dnipropetrovsk region")
        # stay in the article, with the first place inside it
        home = next((a for a in kept if dropped.place in a.place.chain()), kept[0] if kept else None)
        if home is not None:
            _add_counts(home, dropped.counts)
    return kept


def _counted(counts, sent) -> list[WeaponCount]:
    """Count mentions as records, with their sentence as evidence."""
    ev = Evidence(sent.start_char, sent.end_char, sent.text, (rule("counts.quantity"),))
    return [WeaponCount(c.weapon, c.quantity, c.qualifier, ev) for c in counts]


def _add_counts(attack: Attack, counts: list[WeaponCount]) -> None:
    for count in counts:
        if count not in attack.counts:
            attack.counts.append(count)


def _plausible_attacker(actor: Actor, place: Place) -> bool:
    """A country does not attack itself."""
    return actor.place is None or _country_id(place) != (actor.place.qid or actor.place.id)


def _default_attackers(attacks: list[Attack], votes: Counter, gazetteer) -> None:
    """Where no sentence about the place named an attacker: the side the article names for
    attacks on that country elsewhere, else the side its attack sentences name most often
    (never the place's own country)."""
    by_country: dict[str, Counter] = {}
    for attack in attacks:
        for actor in attack.attackers:
            by_country.setdefault(_country_id(attack.place), Counter())[actor.name] += 1
    for attack in attacks:
        if attack.attackers:
            continue
        tally = by_country.get(_country_id(attack.place)) or votes
        for name, _ in tally.most_common():
            actor = gazetteer.actor(name)
            if actor is not None and _plausible_attacker(actor, attack.place):
                attack.attackers.append(actor)
                break


def _lead_date(sents, published: date | None) -> date | None:
    """A date cue in the article's first sentences ("overnight", "on Wednesday")."""
    for sent in sents[:3]:
        when = resolve_date(sent.text, published)
        if when:
            return when
    return None
