"""Weapons and counts per place: the weapons of a sentence naming several places go to the
places of their own clause; a weapon aimed at something general is not the focus place's; counts
of a dropped region stay with a place inside it."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.district_places import centre_name, region_of
from kg.extract.doc_text import (sent_tokens, sentence_of, sentence_words, span_root, span_text,
                                 tokens_text)
from kg.extract.figure_places import CLAUSE_BREAKS as _CLAUSE_BREAKS, DAY_WIDE
from kg.extract.lexicon import cues, weapon
from kg.extract.numbers import word_value
from kg.extract.place_roles import ATTACK_EVENT_NOUNS
from kg.extract.rules import rule
from kg.extract.weapons import PARTITIVE_PRONOUNS, kind_family
from kg.link.places import inside
from kg.records import Attack, Evidence, Place, Weapon, WeaponCount, add_evidence

_COUNTRY_WORDS = frozenset({"ukraine", "russia", "country"})  # a whole country as the target
_WEAPON_RULES = frozenset({"weapons.in-sentence", "weapons.by-clause"})  # a place's own weapons


def weapons_by_clause(sent, weapons, in_sent, focus) -> dict:
    """"Missile strike on Dnipro; drone sets farm ablaze in Dnipro district": in a sentence
    naming several struck places, a weapon goes to the places of its own clause, or to all
    when its clause names none; each with a flag telling whether it was shared. Within a
    clause, a weapon and places that hang on the same verb go together ("attacked Stepnohirsk
    with artillery and FPV drones, and struck Mala Tokmachka with FPV drones")."""
    if len(focus) < 2:
        return {}
    grouped = _by_attack_noun(sent, weapons, in_sent, focus)
    if grouped is not None:
        return grouped
    listed = _trailing_per_list(sent.doc, weapons, in_sent, focus)
    if listed:
        return listed
    bounds, start = [], sent.start
    doc = sent.doc
    for token in sent_tokens(sent):
        if token.text in _CLAUSE_BREAKS or _bullet(doc, token):
            bounds.append((start, token.i))
            start = token.i + 1
    bounds.append((start, sent.end))
    by_verb: dict[int, list[str]] = {}
    for m in in_sent:
        pid = _focus_id(m.place, focus)
        verb = _verb_of(span_root(doc, m.start, m.end))
        if pid is not None and verb is not None and pid not in by_verb.setdefault(verb, []):
            by_verb[verb].append(pid)
    if len(bounds) < 2 and len(by_verb) < 2:
        return {}
    out: dict[str, list] = {pid: [] for pid in focus}
    for weapon in weapons:
        verb = _verb_of(span_root(doc, weapon.start, weapon.end))
        a, b = next((a, b) for a, b in bounds if a <= weapon.start < b)
        # the places of the weapon's own clause; within it, those on the weapon's verb
        clause_verbs: dict[int, list[str]] = {}
        for m in in_sent:
            pid = _focus_id(m.place, focus)
            m_verb = _verb_of(span_root(doc, m.start, m.end))
            if a <= m.start < b and pid is not None and m_verb is not None:
                clause_verbs.setdefault(m_verb, []).append(pid)
        targets = clause_verbs.get(verb, []) if len(clause_verbs) > 1 else []
        if not targets:
            here = {_focus_id(m.place, focus) for m in in_sent if a <= m.start < b}
            targets = [pid for pid in focus if pid in here] or list(focus)
        for pid in targets:
            out[pid].append((weapon, len(targets) > 1))
    return out


_USING = frozenset({"using", "with", "by", "from"})


def _trailing_per_list(doc, weapons, in_sent, focus) -> dict:
    """"3 times on Olhivske and Charivne using multiple-launch rocket systems, and 40 times on
    Huliaipole, Orikhiv, … and Novoiakovlivka using artillery": lists of places, each closed by
    its own weapon ("using", "with" before it), give each list its weapon."""
    placed = [(m.start, "place", pid) for m in in_sent
              if (pid := _focus_id(m.place, focus)) is not None]
    items = sorted(placed + [(w.start, "weapon", w) for w in weapons])
    groups: list[tuple[list, list]] = []  # (places, their weapons)
    for _, kind, item in items:
        if kind == "place":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(item)
        elif groups:
            groups[-1][1].append(item)
        else:
            return {}  # a weapon before any place: not lists closed by weapons
    if len(groups) < 2 or any(not ws for _, ws in groups) or not all(
            any(doc[k].lower_ in _USING for k in range(max(0, ws[0].start - 5), ws[0].start))
            for _, ws in groups):
        return {}
    rule("weapons.trailing-per-list")
    out: dict[str, list] = {pid: [] for pid in focus}
    for places, ws in groups:
        for pid in dict.fromkeys(places):
            out[pid] += [(w, len(places) > 1) for w in ws]
    return out


def _bullet(doc, token) -> bool:
    """A free-standing dash after a comma or colon opens an item of a list run into one line
    ("Semenivka community: - 6 explosions … in the area of Zarichchya, - 10 explosions (possibly
    from cannon artillery) in the area of Medvedivka"): each item is a clause of its own."""
    return token.text == "-" and token.i > 0 and doc[token.i - 1].text in (",", ":") and \
        bool(token.whitespace_) and bool(rule("weapons.list-items"))


def _attack_noun(token):
    """The noun of strikes a name hangs on by "on"/"at" ("8 MLRS attacks on A, B and C": the
    "attacks" of A, B and C), or None."""
    node = token
    while node.dep_ in ("conj", "compound") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in ("on", "at") and node.head.head.pos_ == "NOUN":
        return node.head.head.i
    on = node.head
    if node.dep_ == "pobj" and on.lower_ in ("on", "at") and on.head.pos_ == "VERB" and \
            on.head.lemma_.lower() in _LAUNCHED:
        noun = next((c for c in on.head.children if c.dep_ in ("nsubj", "nsubjpass") and
                     c.pos_ == "NOUN" and c.lemma_.lower() in _NOUNS_OF_STRIKES), None)
        if noun is not None and rule("weapons.attack-noun-subject"):
            return noun.i  # "Four MLRS attacks were launched on A and B, five UAV attacks
            # on C": the places of the strikes the verb's subject names
    return None


_LAUNCHED = frozenset({"launch", "carry", "conduct", "deliver", "inflict", "record", "direct"})
_NOUNS_OF_STRIKES = frozenset({"attack", "strike", "shelling"})  # the subject of "were launched"


def _by_attack_noun(sent, weapons, in_sent, focus) -> dict | None:
    """"35 UAV attacks on A, B and C, 8 MLRS attacks on C and D, and 3 air strikes on E": each
    weapon goes to the places of its own noun of strikes, when the sentence lists places under
    two nouns or more; a list under a noun naming no weapon takes none."""
    doc = sent.doc
    places: dict[int, list[str]] = {}
    for m in in_sent:
        pid, noun = _focus_id(m.place, focus), _attack_noun(span_root(doc, m.start, m.end))
        if pid is None or noun is None:
            return None
        if pid not in places.setdefault(noun, []):
            places[noun].append(pid)
    if len(places) < 2:
        return None
    own = {}
    for w in weapons:
        root = span_root(doc, w.start, w.end)
        if _with_phrase(root):  # "3 times on A and B with MLRS, and 40 times on C, D with
            # artillery": the noun of strikes right before the "with" (a long list's "with"
            # is often parsed onto the first noun)
            noun = max((n for n in places if n < w.start), default=None)
        else:
            head = root.head if root.dep_ in ("compound", "amod", "nmod") else root
            noun = head.i if head.i != root.i else None
            if noun not in places:  # "13 multiple launch rocket systems (MLRS) attacks on C,
                # D": the parser makes the noun of strikes an apposition of the weapon's noun
                noun = next((c.i for c in head.children if c.dep_ == "appos" and c.i in places
                             and rule("weapons.attack-noun-in-apposition")), noun)
        if noun in places:
            own[w] = noun
    if len(own) != len(weapons):
        return None
    out: dict[str, list] = {pid: [] for pid in focus}
    for weapon, noun in own.items():
        for pid in places[noun]:
            out[pid].append((weapon, len(places[noun]) > 1))
    rule("weapons.by-attack-noun")
    return out


def _with_phrase(root) -> bool:
    """The weapon is what a "with" takes ("with artillery", "with multiple-launch rocket
    systems")."""
    while root.dep_ in ("compound", "amod") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "with"


def _focus_id(place: Place, focus: list[str]) -> str | None:
    """The focus place the place is, or lies in as a district."""
    if place.id in focus:
        return place.id
    if place.parent is not None and place.parent.id in focus:
        return place.parent.id
    return None


def _verb_of(token) -> int | None:
    """The verb a phrase hangs on (its token index), within a few steps up the tree; the
    items of a list count as one step ("fired at A, B, C, …, and J": J hangs on "fired")."""
    for _ in range(8):  # "wounded in an attack on the city of Zaporizhzhia"
        while token.dep_ == "conj" and token.pos_ not in ("VERB", "AUX") \
                and token.head.i != token.i:
            token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.i
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def aimed_elsewhere(doc, mention, focus: list[str], focus_kinds: set[str] = frozenset()) -> bool:
    """"the shelling of Ukrainian cities", "attacks on energy facilities across the country":
    a weapon whose target is named as something general or other than the place in focus;
    "the Dyagilevo airbase, home to aircraft that support Russian missile strikes": a weapon
    in a clause that describes a noun, not in one that strikes."""
    root = doc[mention.end - 1]
    if describing(root):
        return True
    if _stored(root):
        return bool(rule("weapons.stored"))
    if _denied(root):
        return bool(rule("weapons.denied"))
    holders = [root] + ([root.head] if root.dep_ == "dobj" else [])
    holders += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.lemma_.lower() in _SORTS]  # "drones of different
    # types at Ukrainian cities": the sorts' phrase may hold the target
    if _in_wave_clause(root):
        return bool(rule("weapons.part-of-a-wave"))
    first = root
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "NOUN":
        first = first.head  # "with drones and ballistic missiles": the list's first item
    if first.dep_ == "pobj" and first.head.lower_ == "with" and any(
            c.dep_ == "dobj" and c.lower_ in _COUNTRY_WORDS
            for c in first.head.head.children):
        # "Russian forces attacked Ukraine with drones and missiles, killing six in Kharkiv"
        return bool(rule("weapons.aimed-at-country"))
    if _hit_sites_in_country(root):
        # "killed in Kyiv after Russian missiles and drones hit sites in Ukraine overnight"
        return bool(rule("weapons.aimed-at-country"))
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "across", "at"):
            for target in child.children:
                if target.dep_ == "pobj" and (target.tag_ in ("NNS", "NNPS") or
                                              target.lower_ in _COUNTRY_WORDS) \
                        and target.lemma_.lower() not in _SORTS and not _names_its_places(target):
                    if target.lower_ in _COUNTRY_WORDS and _striking_named(child.head) and \
                            rule("weapons.launched-striking-named"):
                        continue  # "sent 126 drones across Ukraine, striking the Odesa and
                        # Sumy regions": the country's wave, tied to the places it struck
                    return True  # not "273 drones of different types": their sorts
                if target.dep_ == "pobj" and target.lower_ in _REGION_NOUNS and \
                        _unnamed(target) and focus_kinds == {"settlement"} and \
                        rule("weapons.aimed-at-the-region"):
                    return True  # "struck Kharkiv's Kyivskyi district with drones, dropped
                    # six guided aerial bombs on the region": the region's, not the city's
    return False


_REGION_NOUNS = frozenset(cues()["region_words"])
_STRIKING_VERBS = frozenset(cues()["attack_verbs"]) - {"launch", "fire", "unleash"}


def _striking_named(verb) -> bool:
    """The verb that sends the weapons goes on in a participle that strikes named places
    ("Russia sent 126 drones across Ukraine, striking the Odesa, Sumy and Kharkiv regions")."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and
        c.lemma_.lower() in _STRIKING_VERBS and
        any(t.pos_ == "PROPN" for o in c.children if o.dep_ == "dobj" for t in o.subtree)
        for c in verb.children)


def _unnamed(noun) -> bool:
    """A region noun with no name of its own on it ("the region", not "the Kharkiv region")."""
    return not any(c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN"
                   for c in noun.children)


def _hit_sites_in_country(root) -> bool:
    """The weapons are the subject of a verb whose object lies across a country ("missiles and
    drones hit sites in Ukraine", "struck targets across the country")."""
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("nsubj", "nsubjpass") or node.head.pos_ != "VERB":
        return False
    return any(obj.dep_ == "dobj" and any(
        prep.dep_ == "prep" and prep.lower_ in ("in", "across", "throughout", "around") and any(
            t.dep_ == "pobj" and t.lower_ in _COUNTRY_WORDS for t in prep.children)
        for prep in obj.children) for obj in node.head.children)


_SORTS = frozenset({"type", "kind", "sort", "model", "modification", "variety", "calibre",
                    "caliber"})


def _in_wave_clause(token) -> bool:
    """"The strike in Ternopil was part of a broader attack in which Russia launched 476 drones
    and 48 missiles": a weapon told in a clause about the wave the strike was part of."""
    node = token
    for _ in range(6):
        if node.dep_ == "relcl":
            wave = node.head
            return wave.dep_ == "pobj" and wave.head.lower_ == "of" and \
                wave.head.head.lower_ == "part"
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _names_its_places(noun) -> bool:
    """"the villages of Tiahynka and Vesele": a plural target that names its places."""
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children) for c in noun.children):
        return bool(rule("weapons.named-targets"))
    return False


_STORAGE_NOUNS = frozenset(cues()["storage_nouns"])
_ATTACK_VERBS = frozenset(cues()["attack_verbs"])
_STORING_VERBS = frozenset(cues()["storing_verbs"])


def _stored(token) -> bool:
    """The weapon is what a store holds ("warehouses with guided aerial bombs", "a depot of
    Shahed drones", "hangars storing missiles"): the target's contents, not what struck it."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    store = token.head.head
    if token.dep_ == "pobj" and token.head.lower_ in ("with", "of", "for") and \
            store.lemma_.lower() in _STORAGE_NOUNS and not (
                token.head.lower_ == "with" and store.dep_ == "dobj"
                and store.head.lemma_.lower() in _ATTACK_VERBS and any(
                    c.lower_ in ("a", "an", "the") for c in store.children)):
        return True  # not "struck a warehouse with missiles": what it was struck with
    return token.dep_ == "dobj" and token.head.lemma_.lower() in _STORING_VERBS or any(
        c.dep_ in ("amod", "compound") and c.tag_ == "VBG" and c.lemma_.lower() in _STORING_VERBS
        for c in token.children)  # "an arsenal storing missiles", parsed as a modifier


_EVIDENCE_NOUNS = frozenset(cues()["evidence_nouns"])


def _denied(token) -> bool:
    """The weapon is said not to have been used: "no" on the weapon's own phrase ("no
    missiles were used", "no missile launch") or on a noun of evidence above it ("there was
    no evidence there had been a missile launch"), or "without" before it ("the day passed
    without shelling"); not "no casualties from the drone attack"."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "without shelling or drone attacks": the list's first item
    if first.dep_ in ("pobj", "pcomp") and first.head.lower_ == "without":
        return True  # "the day went by without shelling"
    node = token
    for step in range(6):
        no = any(c.dep_ == "det" and c.lower_ == "no" for c in node.children)
        if no and (step == 0 or node.lemma_.lower() in _EVIDENCE_NOUNS or
                   token.dep_ == "compound" and node.i == token.head.i):
            return True
        if node.head.i == node.i or node.dep_ in ("conj", "advcl", "relcl"):
            return False
        node = node.head
    return False


def describing(token) -> bool:
    """The token stands in a relative clause whose verb is no attack verb ("aircraft that
    support Russian missile strikes"); "a house that a missile hit" strikes."""
    node = token
    for _ in range(8):
        if node.dep_ == "relcl":
            if node.lemma_.lower() in cues()["attack_verbs"] or node.lemma_.lower() in (
                    "damage", "destroy", "kill", "injure", "wound", "use", "employ"):
                return False
            if node.head.lemma_.lower() in ATTACK_EVENT_NOUNS and node.lemma_.lower() in (
                    "include", "involve", "comprise"):
                return False  # "endured a bombardment that included four guided bombs"
            return bool(rule("weapons.describing-clause"))
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def antecedent(weapons, start: int):
    """The last weapon named before token ``start``."""
    before = [w for w in weapons if w.start < start]
    return before[-1].weapon if before else None


def _containers(place, attacks: list[Attack]) -> list:
    """The places ``place`` lies in, nearest first: its chain, and a region of the attacks it lies
    in off its chain (Sevastopol, a city of its own, in Crimea)."""
    chain = place.chain()[1:]
    return chain + [a.place for a in attacks if a.place.kind == "region" and
                    a.place not in chain and a.place != place and inside(place, a.place)]


def drop_regions_with_settlements(attacks: list[Attack],
                                  centre_told: frozenset[str] | set[str] = frozenset(),
                                  separate: frozenset[str] | set[str] = frozenset(),
                                  from_the_air: frozenset[str] | set[str] = frozenset(),
                                  named_artillery: frozenset[str] | set[str] | None = None,
                                  shelled_beside: frozenset[str] | set[str] = frozenset()
                                  ) -> list[Attack]:
    """A region (or raion) is an attack place only where no place inside it is one; what it
    says of weapons ("shelled 23 settlements in Kherson Oblast") holds for the places inside
    it that name none, when it names one kind: of "25 drones and 8 glide bombs in the Kharkiv
    region" it is not said which kind hit which village. Its toll goes to the one place struck
    inside it, if only one is. Where the text speaks of a district's centre (``centre_told``:
    the raions it speaks of), the city such a raion is named after is inside it too; a place
    struck "in a separate attack" (``separate``) leaves its region an attack of its own. A
    region only "shelled" gives its places no artillery (``named_artillery``: the places given
    artillery by name; with ``None``, no region is held to be only shelled)."""
    by_id = {a.place.id: a for a in attacks}
    within = [a for a in attacks if a.place.id not in separate]  # "in a separate attack on X"
    inner = {node.id for a in within for node in a.place.chain()[1:]
             if node.id not in by_id or not (_other_side(a, by_id[node.id]) or
                                             _other_day(a, by_id[node.id]))} | {
        a.place.id for a in attacks if a.place.kind == "region" and any(
            b is not a and inside(b.place, a.place) and not _other_side(b, a)
            and not _other_day(b, a) for b in within)}  # Crimea: Sevastopol
    listed_in = _communities_listed(attacks)
    listed_in.update({v: h for v, h in _villages_of_hromada(attacks).items()
                      if v not in listed_in})
    inner |= set(listed_in.values())
    if centre_told:  # "the district center was hit": the raion named after it is its container
        inner |= {r.id for a in attacks
                  for r in _raions_centred_on(a.place, attacks, centre_told)}
    # "elsewhere in the Kharkiv region a drone set fire to a warehouse": the region's own attack
    inner -= {pid for pid in separate if pid in by_id and by_id[pid].place.kind in ("region", "raion")}
    for attack in attacks:
        if attack.place.id in from_the_air and rule("weapons.air-strike-own-means"):
            continue  # "10 air strikes on Tavriiske": not the region's shelling
        if not attack.weapons:
            told_before = _raion_told_before(attack, attacks)
            if told_before is not None:
                _inherit(attack, told_before, rule("weapons.district-told-before"))
                listed_in.setdefault(attack.place.id, told_before.place.id)  # and it lies there
                continue
            centred = _raions_centred_on(attack.place, attacks, centre_told)
            if attack.place.id in listed_in:
                centred.append(by_id[listed_in[attack.place.id]].place)
            for node in _containers(attack.place, attacks) + centred:
                outer = by_id.get(node.id)
                if outer is not None and outer.weapons:
                    if outer.place.id in separate and rule("weapons.separate-region-own"):
                        pass  # "a facility in one of the villages of Zaporizhzhia Oblast" with
                        # S-300 missiles: the region's own attack, not its towns' weapons
                    elif not _told_shelled(attack) and _shelled_only(outer, named_artillery):
                        pass  # the region's shelling, not a weapon tied to this place
                    elif not _told_shelled(attack) and (_counted_places(outer) or (
                            _told_only_in_tally(attack) and rule("weapons.told-only-in-tally"))) and \
                            rule("weapons.region-tally-not-spread"):
                        pass  # "artillery shelling and air strikes on 37 localities in Kherson
                        # region": the day's tally over many places, none of them named by it;
                        # "over the past day, the city of Kharkiv and 13 settlements of the
                        # region were attacked": a place the tally alone tells of
                    elif len({w.kind for w in outer.weapons}) == 1 and not (
                            outer.place.id in shelled_beside and outer.place.kind == "region"
                            and rule("weapons.region-shelling-beside-kind")):
                        _inherit(attack, outer, rule("weapons.from-region"))
                    else:  # "25 drones and 8 guided bombs in the Kharkiv region" over the
                        # day, then villages with their tolls: which kind hit which is not said
                        rule("weapons.region-mix-not-spread")
                    break
    inner |= set(listed_in.values())  # a district whose kinds went to its communities
    inner |= _containers_of_named(attacks)
    kept = [a for a in attacks if a.place.id not in inner]
    for dropped in (a for a in attacks if a.place.id in inner):
        inside_it = [a for a in kept if dropped.place in _containers(a.place, attacks)
                     + _raions_centred_on(a.place, attacks, centre_told)
                     or listed_in.get(a.place.id) == dropped.place.id]
        if len(inside_it) == 1:
            _figures_of_region(inside_it[0], dropped)
        elif inside_it:
            village = _the_village_told(inside_it, dropped)
            if village is not None:
                _figures_of_region(village, dropped, larger=True)
            elif (village := _the_place_of_its_weapon(inside_it, dropped)) is not None:
                _figures_of_region(village, dropped)
            else:
                _zeros_of_region(inside_it, dropped)
    for dropped in (a for a in attacks if a.place.id in inner and a.counts):
        # its weapon counts ("fired two Iskander-M missiles at the Dnipropetrovsk region")
        # stay in the article, with the first place inside it
        home = next((a for a in kept if dropped.place in _containers(a.place, attacks)),
                    kept[0] if kept else None)
        if home is not None:
            add_counts(home, dropped.counts)
    return kept


def _raion_told_before(attack: Attack, attacks: list[Attack]) -> Attack | None:
    """The raion whose weapons the sentence just before the place's own tells ("In the Nikopol
    district, the enemy used FPV drones and artillery. The city of Nikopol and the Marhanets
    and Pokrovske communities came under fire"): the district's kinds, a mix included, are
    what struck the places listed right after it in its oblast. A place told apart from that
    sentence ("The Russians also struck Pokrovsk community", paragraphs later) takes none, as
    does a place not listed among communities ("Debris fell in the Bilhorod-Dnistrovskyi
    district. Explosions were heard in Odesa")."""
    home = region_of(attack.place)
    if home is None:
        return None
    starts = [e.start for e in attack.evidence if "places.struck" in e.rules
              and not _WEAPON_RULES & set(e.rules) and _HROMADA_WORD.search(e.text.lower())]
    for raion in attacks:
        if raion.place.kind != "raion" or not raion.weapons or raion.place.parent is None \
                or raion.place.parent.id != home.id:
            continue
        ends = [e.end for e in raion.evidence if _WEAPON_RULES & set(e.rules)]
        if any(0 <= start - end and not _told_between(attacks, (raion, attack), end, start)
               for start in starts for end in ends) and rule("weapons.district-told-before"):
            return raion
    return None


#: "fired on settlements in Kharkiv, Bohodukhiv, Chuhuiv and Izyum districts": districts told
#: only as where unnamed settlements lie (a list: not "in villages of the Pokrovsk district")
_SETTLEMENTS_IN = re.compile(
    r"\b(?:%s) (?:in|of) (?:the )?(?:[A-Z][\w'’-]+(?:,? and |, | ))+(?:districts|raions)\b"
    % "|".join(sorted(set(cues()["hromada_words"]) | {"settlements", "villages", "localities",
                                                      "towns"})))


def _containers_of_named(attacks: list[Attack]) -> set[str]:
    """The raions every sentence tells only as where unnamed settlements were struck ("the
    enemy opened fire on settlements in Kharkiv, Bohodukhiv, Chuhuiv, Kupiansk and Izyum
    districts"), in a report that names struck settlements of their oblast elsewhere: a
    summary of where the places told after it lie, which the gazetteer's older raions cannot
    show, so no raion of its own is struck."""
    out = _overview_raions(attacks)
    for raion in attacks:
        if raion.place.kind != "raion" or raion.killed or raion.injured or any(
                "places.struck" in e.rules and not _SETTLEMENTS_IN.search(e.text)
                for e in raion.evidence) or not any(
                "places.struck" in e.rules for e in raion.evidence):
            continue
        home = region_of(raion.place)
        told = {e.start for e in raion.evidence if "places.struck" in e.rules}
        named = [a for a in attacks if a.place.kind == "settlement" and
                 region_of(a.place) is not None and home is not None and
                 region_of(a.place).id == home.id and any(
                     "places.struck" in e.rules and e.start not in told for e in a.evidence)]
        if named and _all_in_other_raions(raion, named, attacks, told):
            continue  # "… settlements in the Kharkiv, Chuhuiv, Kupyansk and Izyum districts",
            # then villages each said to lie "in the Kupyansk district" or "in the Izyum
            # district": the Kharkiv and Chuhuiv districts, where no village is named, are
            # entries of their own (GOLD: no settlement named, the entry is the raion)
        if named and rule("places.settlements-in-districts"):
            out.add(raion.place.id)
    return out


def _all_in_other_raions(raion: Attack, named: list[Attack], attacks: list[Attack],
                         told: set[int]) -> bool:
    """Every settlement named elsewhere lies in another raion of the same list, by the text's
    own words (its raion in its chain, or the raion named after it as its centre)."""
    listed = {a.place.id for a in attacks if a.place.kind == "raion" and a is not raion
              and any(e.start in told for e in a.evidence)}
    for place in (a.place for a in named):
        raions = {n.id for n in place.chain() if n.kind == "raion"} | {
            r.id for r in _raions_centred_on(place, attacks, listed)}
        if not raions & listed or raion.place.id in raions:
            return False
    return bool(rule("places.district-with-no-village"))


_PLURAL_RAION = re.compile(r"\b(?:districts|raions|rayons)\b", re.IGNORECASE)


def _overview_raions(attacks: list[Attack]) -> set[str]:
    """Raions told only as a list that opens a region's news ("The Pokrovsk, Bakhmut and
    Kramatorsk districts came under Russian attack in Donetsk Oblast", then "Three people were
    killed in the village of Rozkishne"): where a settlement of their oblast is struck in a
    later sentence, the list says where the places told after it lie, and no raion of its own
    is struck. A list told after the settlements ("Populated areas in the districts of
    Bohodukhiv, Chuhuiv and Izium have also been shelled") adds districts of its own."""
    struck = {id(a): [e.start for e in a.evidence if "places.struck" in e.rules]
              for a in attacks}
    raions = [a for a in attacks if a.place.kind == "raion" and struck[id(a)]
              and a.killed is None and a.injured is None]
    said = {e.start: e.text for a in raions for e in a.evidence}
    out = set()
    for raion in raions:
        home = region_of(raion.place)
        listed = all(sum(start in struck[id(other)] for other in raions) >= 2 and
                     _PLURAL_RAION.search(said[start]) for start in struck[id(raion)])
        # each sentence names two raions or more as a list ("the A and B districts")
        if home is None or not listed:
            continue
        first = min(struck[id(raion)])
        later = [a for a in attacks if a.place.kind == "settlement" and
                 region_of(a.place) is not None and region_of(a.place).id == home.id and
                 any(s > first for s in struck[id(a)])]
        if later and _all_in_other_raions(raion, later, attacks, set(struck[id(raion)])):
            continue  # a district of the list where no village is named: its own entry
        if later and rule("places.districts-overview"):
            out.add(raion.place.id)
    return out


def _told_between(attacks: list[Attack], these: tuple, end: int, start: int) -> bool:
    """A sentence between characters ``end`` and ``start`` tells of another place: the list at
    ``start`` is not the next place told after the district's weapons ("Russian forces struck
    the Nikopol district with artillery and kamikaze UAVs. A woman was hurt. Source: … Quote:
    "They attacked the Nikopol, Myrove and Pokrovske hromadas"" has none between; "… Most of
    the blows fell on the district centre" has one)."""
    return any(end <= e.start < start for a in attacks if all(a is not t for t in these)
               for e in a.evidence)


def _communities_listed(attacks: list[Attack]) -> dict[str, str]:
    """Settlement → raion, for the communities a sentence lists with the raion they belong
    to ("Russians attacked Nikopol district …, in particular, Nikopol, Myrove and Pokrovsk
    rural communities came under fire"): the gazetteer files them under older raions or the
    oblast alone."""
    out: dict[str, str] = {}
    for raion in attacks:
        if raion.place.kind != "raion" or raion.place.parent is None:
            continue
        named = _raion_of_centre(centre_name(raion.place))
        for attack in attacks:
            if attack.place.kind == "settlement" and region_of(attack.place) is not None and \
                    region_of(attack.place).id == raion.place.parent.id and any(
                        named.search(e.text) and _HROMADA_WORD.search(e.text.lower())
                        for e in attack.evidence):
                out.setdefault(attack.place.id, raion.place.id)
    if out:
        rule("places.communities-of-raion")
    return out


@lru_cache(maxsize=None)
def _raion_of_centre(centre: str) -> re.Pattern:
    """"Nikopol district", "Nikopolskyi raion": the raion named by its centre, compiled once."""
    return re.compile(r"\b%s(?:sk\w*)? (?:district|raion)\b" % re.escape(centre), re.IGNORECASE)


def _villages_of_hromada(attacks: list[Attack]) -> dict[str, str]:
    """Village → the hromada it lies in, for a hromada told as struck and then villages of
    its raion told after it ("FPV drones had hit the Zolochiv hromada in the Bohodukhiv
    district. A house was destroyed in the village of Lemishchyne …"): the hromada is where
    they lie, named by its centre, not another place struck."""
    out: dict[str, str] = {}
    hromadas = {a.place.id for a in attacks if a.place.kind == "settlement" and any(
        _names_hromada(a.place, e.text) or _HROMADA_LIST.search(e.text)
        for e in a.evidence if "places.struck" in e.rules)}  # "the Khotin, Yunakivka, …
    # and Svesa hromadas came under attack": each a hromada
    for n, hromada in enumerate(attacks):
        place = hromada.place
        if place.id not in hromadas or place.parent is None or place.parent.kind != "raion":
            continue
        if any(_names_village(place, e.text) for e in hromada.evidence) and \
                rule("places.village-and-hromada"):
            continue  # "a man was injured in the village of Velykyi Burluk; a woman in the
            # village of Pidseredne in Velykyi Burluk community": struck itself, as a village
        villages = [a.place.id for a in attacks[n + 1:] if a.place.kind == "settlement"
                    and a.place.id not in hromadas  # "the Khotin, Yunakivka … hromadas"
                    and a.place.parent is not None and a.place.parent.id == place.parent.id]
        if villages and rule("places.villages-of-hromada"):
            out.update((v, place.id) for v in villages)
    return out


def _names_village(place: Place, text: str) -> bool:
    """``text`` names the place as a village or town of its own ("the village of Velykyi
    Burluk"), not only as the hromada other villages lie in."""
    return place.label in text and bool(re.search(
        r"\b(?:village|town|city|settlement) of %s\b" % re.escape(place.label), text))


_HROMADA_LIST = re.compile(r"\b(?:%s)\b" % "|".join(
    w for w in cues()["hromada_words"] if w.endswith("s")), re.IGNORECASE)  # "hromadas"


_HROMADA_NOUN = re.compile(r" (?:hromada|community)\b", re.IGNORECASE)


def _names_hromada(place: Place, text: str) -> bool:
    """``text`` names the place as a hromada: "Zolochiv hromada", "Zolochivska community",
    "Novhorod-Siverska community" (of Novhorod-Siverskyi), by its name's stem. The stem's
    expression is compiled only for a text with the noun it ends in."""
    return bool(_HROMADA_NOUN.search(text)) and bool(
        _hromada_of_stem(place.label[:max(4, len(place.label) - 3)]).search(text))


@lru_cache(maxsize=None)
def _hromada_of_stem(stem: str) -> re.Pattern:
    """The expression of ``_names_hromada``, compiled once per stem."""
    return re.compile(r"\b%s\w* (?:hromada|community)\b" % re.escape(stem), re.IGNORECASE)


def _raions_centred_on(place: Place, attacks: list[Attack], among) -> list[Place]:
    """The raions struck (of the ids ``among``) that are named after ``place`` and lie in its
    oblast: a city of the oblast (Nikopol) is the centre of the raion of its name, though the
    gazetteer files it under the oblast alone."""
    if place.kind != "settlement" or place.parent is None:
        return []
    return [a.place for a in attacks if a.place.kind == "raion" and a.place.id in among
            and a.place.parent is not None
            and a.place.parent.id == place.parent.id
            and centre_name(a.place) == place.label]


def _shelled_only(region: Attack, named_artillery) -> bool:
    """The region's one weapon is the artillery of "shelled" / "shelling", the umbrella word
    for strikes ("Russia shelled 11 settlements in the Donetsk Oblast"): it tells what the
    region suffered, not what hit each place in it, so its places take no weapon from it. A
    region struck by "artillery" or "mortars" named as such still gives them artillery."""
    return named_artillery is not None and region.place.kind == "region" and \
        {w.kind for w in region.weapons} == {"artillery"} and \
        region.place.id not in named_artillery and \
        bool(rule("weapons.region-shelling-not-spread"))


_SHELLED = re.compile(r"\b(?:%s)\b" % "|".join(cues()["umbrella_strike_words"]))


_COUNTED_PLACES = re.compile(r"\b\d+ (?:settlements|localities|communities|hromadas|towns|"
                             r"villages)\b")  # "on 37 localities", not "several communities"


# "In total, at night and in the morning, the Russians launched seven artillery strikes
# targeting the border areas": the day's count of strikes over the region
_COUNTED_STRIKES = re.compile(r"\b([\w,-]+)(?= (?:[a-z-]+ ){0,2}(?:strikes|attacks|shellings|"
                              r"explosions)\b)")  # a number (word_value), up to two words before
_IN_TOTAL = re.compile(r"\b(?:in total|a total of|altogether)\b")


def _counted_places(region: Attack) -> bool:
    """The sentences that gave the region its weapons count the places struck over the day
    ("shelling on 37 localities in Kherson region over the past day"): a tally of the day, not
    one strike ("drones attacked 14 settlements overnight" is one wave)."""
    return any(_COUNTED_PLACES.search(e.text.lower()) and DAY_WIDE.search(e.text.lower())
               or _IN_TOTAL.search(e.text.lower()) and any(
                   word_value(m[1]) for m in _COUNTED_STRIKES.finditer(e.text.lower()))
               and rule("weapons.region-strike-tally")
               for e in region.evidence
               if _WEAPON_RULES & set(e.rules))


def _told_only_in_tally(attack: Attack) -> bool:
    """Every sentence that tells the place struck is the day's tally of places ("over the past
    day, the city of Kharkiv and 13 settlements of the region came under attack")."""
    struck = [e.text.lower() for e in attack.evidence if "places.struck" in e.rules]
    return bool(struck) and all(_COUNTED_PLACES.search(t) and DAY_WIDE.search(t) for t in struck)


def _told_shelled(attack: Attack) -> bool:
    """A sentence of the place's own ties the shelling to it ("Two people were killed in
    Toretsk and one was injured in Kurakhove as a result of the shelling")."""
    return any(_SHELLED.search(e.text.lower()) for e in attack.evidence
               if "places.struck" in e.rules)


def _other_side(attack: Attack, region: Attack) -> bool:
    """The place and the region it lies in were struck by different sides ("a Ukrainian drone
    struck a bus in Horlivka" … "two deaths from Russian attacks, one in the Donetsk region"):
    two attacks, so the region stays."""
    mine = {a.name for a in attack.attackers}
    theirs = {a.name for a in region.attackers}
    return bool(mine) and bool(theirs) and not mine & theirs and \
        bool(rule("places.region-other-side"))


def _other_day(attack: Attack, region: Attack) -> bool:
    """The place and the region it lies in were struck on days the text tells apart
    ("Attacks on the region of Kharkiv in the early hours of Wednesday damaged a hangar" …
    "Tuesday's guided bomb attack on the city of Kharkiv killed three"): two attacks, so the
    region stays."""
    return attack.date is not None and region.date is not None and \
        attack.date != region.date and bool(rule("places.region-other-day"))


def _figures_of_region(attack: Attack, region: Attack, larger: bool = False) -> None:
    """"Drones hit Russia's Kursk region, killing a woman and injuring nine", then "Kursk has
    been subjected to a massive attack": the region's toll, where the one place struck inside
    it, named after it, gives none of that kind, is the place's (with ``larger``, also where
    the place's own figure is smaller: some of the same victims)."""
    for kind in ("killed", "injured"):
        own, told = getattr(attack, kind), getattr(region, kind)
        if told is not None and (own is None or larger and own < told):
            setattr(attack, kind, told)
            rule("casualties.region-to-its-place")


_UNNAMED_SETTLEMENT = re.compile(r"\ba (?:village|town|settlement) in\b")


def _the_village_told(attacks: list[Attack], region: Attack) -> Attack | None:
    """"Russian shelling killed three people and injured nine in a village in northeastern
    Ukraine's Kharkiv region", then "the attack on the village of Borova": the one place
    inside the region named as a village (or town) of that name is the village the region's
    toll was told of, though other places of the region were struck too."""
    if not any("casualties.figure" in ev.rules and _UNNAMED_SETTLEMENT.search(ev.text)
               for ev in region.evidence):
        return None
    named = [a for a in attacks if any(
        re.search(r"\b(?:village|town|settlement) of " + re.escape(a.place.label), ev.text)
        for ev in a.evidence)]
    return named[0] if len(named) == 1 and rule("casualties.village-of-the-region") else None


def _the_place_of_its_weapon(attacks: list[Attack], region: Attack) -> Attack | None:
    """"In the Kharkiv region, a guided bomb attack killed two civilians" … "two guided bombs
    struck the middle of Zolochiv" … "shelling killed a woman in the village of
    Lelyukivka": of the places struck inside the region, the one hit by the kind of weapon
    the region's toll was told with is the place of that toll, where each other place was hit
    by other kinds."""
    kinds = {w.kind for w in region.weapons} - {"artillery"}  # not "shelling", said of all
    if not kinds or (region.killed is None and region.injured is None) or \
            not all(_own_weapons(a) for a in attacks) or not any(
                "casualties.figure" in ev.rules and _WEAPON_RULES & set(ev.rules)
                for ev in region.evidence):
        return None  # (the toll told with the weapon, in one sentence)
    hit = [a for a in attacks if kinds & {w.kind for w in a.weapons}]
    if len(hit) != 1 or not rule("casualties.region-toll-by-weapon"):
        return None
    return hit[0]


def _own_weapons(attack: Attack) -> bool:
    """The place's weapons are told in its own sentences, none taken from its region."""
    rules = {r for ev in attack.evidence for r in ev.rules}
    return bool(attack.weapons) and bool(rules & _WEAPON_RULES) and \
        "weapons.from-region" not in rules


def _zeros_of_region(attacks: list[Attack], region: Attack) -> None:
    """"Ukrainian forces shelled a town and two villages in the Kursk region. No one was hurt"
    before the villages are named: the region's zero holds for each place struck inside it that
    has no figure of that kind, with the sentence that told it as evidence."""
    for kind in ("killed", "injured"):
        if getattr(region, kind) != 0:
            continue
        told = [ev for ev in region.evidence if "casualties.figure" in ev.rules]
        for attack in attacks:
            if getattr(attack, kind) is None and rule("casualties.region-zero-to-places"):
                setattr(attack, kind, 0)
                for ev in told:
                    add_evidence(attack.evidence, Evidence(
                        ev.start, ev.end, ev.text, ("casualties.region-zero-to-places",)))


def _inherit(attack: Attack, region: Attack, rule_id: str) -> None:
    """The region's weapons, with the sentences that named them as evidence (read by the rule
    ``rule_id``)."""
    attack.weapons = list(region.weapons)
    for ev in region.evidence:
        if _WEAPON_RULES & set(ev.rules):
            add_evidence(attack.evidence, Evidence(ev.start, ev.end, ev.text, (rule_id,)))


def counted(counts, sent) -> list[WeaponCount]:
    """Count mentions as records, with their sentence as evidence."""
    ev = Evidence(sent.start_char, sent.end_char, span_text(sent), (rule("counts.quantity"),))
    return [WeaponCount(c.weapon, c.quantity, c.qualifier, ev) for c in counts]


def add_counts(attack: Attack, counts: list[WeaponCount]) -> None:
    for count in counts:
        if count not in attack.counts:
            attack.counts.append(count)


UMBRELLA_WORDS = frozenset(cues()["umbrella_strike_words"])


def is_umbrella(doc, mention) -> bool:
    """"Shelled", "shelling": the umbrella word for strikes, not "artillery" or "mortar" named as
    such ("artillery shells" names it)."""
    return mention.weapon.kind == "artillery" and \
        tokens_text(doc, mention.start, mention.end).lower() in UMBRELLA_WORDS and \
        not (mention.start > 0 and doc[mention.start - 1].lower_ in ("artillery", "mortar", "tank"))


_LOOSE_ROCKET = frozenset(cues()["loose_rocket_words"])


def is_loose_rocket(doc, mention) -> bool:
    """"Rocket", "rockets" alone ("a rocket attack on Dnipro"): the word many translations use
    for any missile, not a rocket system named ("MLRS", "Grad", "rocket launchers")."""
    return mention.weapon.is_kind and mention.weapon.kind == "rocket" and \
        tokens_text(doc, mention.start, mention.end).lower() in _LOOSE_ROCKET


def drop_loose_rocket(attack: Attack) -> None:
    """"A rocket strike on Dnipro" … "the missile hit a five-storey building": where the
    place's sentences name a missile, the loose "rocket" is that missile, not a rocket of its
    own."""
    if any(kind_family(w.kind) == "missile" for w in attack.weapons) and any(
            w.is_kind and w.kind == "rocket" for w in attack.weapons) and \
            rule("weapons.loose-rocket-is-the-missile"):
        attack.weapons = [w for w in attack.weapons if not (w.is_kind and w.kind == "rocket")]


def drop_umbrella_artillery(attack: Attack) -> bool:
    """"Russians shelled Kupiansk twice … an FPV drone strike … an MLRS attack": where the
    place's sentences name what hit it, the shelling adds no artillery of its own. True when
    the shelling was dropped beside another kind."""
    others = [w for w in attack.weapons if w.kind != "artillery"]
    if others and len(others) < len(attack.weapons):
        attack.weapons = others
        return bool(rule("weapons.shelling-umbrella"))
    return False


_HROMADA_WORD = re.compile(r"\b(?:%s)\b" % "|".join(cues()["hromada_words"]))
_DOWNING = frozenset(cues()["shot_down_words"]) - {"shoot", "shot", "down", "downing"}
DEBRIS_WORDS = frozenset(cues()["debris_words"]) - {"part", "piece", "remains"}
FALLOUT = DEBRIS_WORDS | {"fall"}  # debris, or a weapon falling
_QUANTIFIERS = frozenset({"all", "each"})  # not "most of": the rest got through


def _downs(verb) -> bool:
    """The verb says a weapon was brought down: "destroyed", "intercepted", "downed", "shot
    down", "brought down"."""
    lemma = verb.lemma_.lower()
    if lemma in _DOWNING or lemma == "down" and verb.pos_ == "VERB":
        return True
    return lemma in ("shoot", "bring") and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)


def only_downed(doc, mention, sent) -> bool:
    """"At night, 5 enemy drones were destroyed in the region", "air defence shot down 20
    drones over the region": a weapon told only as brought down is no weapon of that sentence's
    place while the text names another that hit it (a place's weapons are what struck it). "A
    guided bomb destroyed a building" is a weapon that struck; so is one whose debris or fall
    the sentence tells of ("a fire started as a result of falling debris after the drones had
    been shot down")."""
    if not sentence_words(sent).isdisjoint(FALLOUT) and \
            any(t.lemma_.lower() in FALLOUT for t in sent_tokens(sent)):
        return False
    head = doc[mention.end - 1]
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
        head = head.head  # "destroyed three drones and three drone boats": the boats
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and \
            head.head.head.lower_ in _QUANTIFIERS:
        head = head.head.head  # "all of the drones and missiles were downed"
    if head.dep_ in ("dobj", "nsubjpass") and _downs(head.head):
        return bool(rule("weapons.only-downed"))
    if head.dep_ == "nsubj" and head.head.dep_ in ("nsubjpass", "csubjpass") and \
            _downs(head.head.head) and rule("weapons.downed-after-relative"):
        return True  # "All the drones Russia launched on Kyiv were destroyed", parsed as if
        # the drones launched
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and _downs(c) for c in head.children):
        return bool(rule("weapons.only-downed"))  # "5 Shaheds destroyed at night"
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _LAUNCHING and \
            _all_of_them_downed(sent) and rule("weapons.all-of-them-downed"):
        return True  # "Russia launched 18 Shahed drones on Kyiv, and all of them were
        # destroyed"
    return False


_LAUNCHING = frozenset(cues()["launch_words"])


def _all_of_them_downed(sent) -> bool:
    """The sentence says "all of them" (or "all of which", "each of them") were brought down."""
    them = PARTITIVE_PRONOUNS
    return any(t.lower_ in _QUANTIFIERS and t.dep_ in ("nsubjpass", "nsubj") and _downs(t.head)
               and any(c.lower_ == "of" and any(g.lower_ in them for g in c.children)
                       for c in t.children)
               for t in sent_tokens(sent))


def debris_of(sent, weapons) -> list:
    """"Ukrainian defences downed six drones. Falling debris damaged a power line in the
    Kryvyi Rih area": debris told with no weapon is of the weapon named last, in that sentence
    or the one before; it is the place's weapon where the text names no other for it."""
    if sentence_words(sent).isdisjoint(DEBRIS_WORDS) or \
            not any(t.lemma_.lower() in DEBRIS_WORDS for t in sent_tokens(sent)):
        return []
    start = sentence_of(sent.doc, sent.start - 1).start if sent.start > 0 else sent.start
    before = [w for w in weapons if start <= w.start < sent.start]
    if not before:
        return []
    rule("weapons.debris-of")
    return [before[-1].weapon]


def one_kind_told(doc, sent, sent_weapons):
    """The one weapon kind a placeless attack sentence names ("Russia launched a massive
    missile attack on energy infrastructure across Ukraine"), its missiles of any type read as
    missiles; None where it names kinds of two families, only shelling, or only what was shot
    down."""
    used = [w for w in sent_weapons if not only_downed(doc, w, sent) and not is_umbrella(doc, w)]
    if not used or len(used) != len(sent_weapons):
        return None
    return one_family([w.weapon for w in used])


def one_family(weapons) -> Weapon | None:
    """The one kind of ``weapons``, or "missile" where they are missiles of several types
    ("20 cruise missiles", "12 of the missiles"); None where they are of two families or none."""
    kinds = {w.kind for w in weapons}
    if len(kinds) == 1:
        return weapons[0]
    if kinds and kinds <= _MISSILE_KINDS and rule("weapons.missile-types-as-missiles"):
        return weapon("missile")
    return None


_MISSILE_KINDS = frozenset({"missile", "cruise-missile", "ballistic-missile"})
