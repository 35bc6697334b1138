"""Attacks: one per place struck, with weapons, counts, casualties, attacker, date and evidence.

The article is read sentence by sentence with a *focus*: the places the current sentence reports
as struck, or — when it names none — the focus of the sentence before (within reported news;
a background or unrelated sentence clears it). Facts in a sentence (weapons, casualty figures,
counts, attacker) belong to its focus. A place is struck when it is named, not as part of a title
or a launch site, in a sentence that reports an attack (an attack verb or noun, a weapon, a
casualty), that is not background ("earlier in the war"), hypothetical ("could strike"), nor only
about interceptions ("shot down over the region").

The modules under it: ``kg.extract.attack_sentences`` (which sentences report an attack),
``kg.extract.attack_places`` (which places a sentence strikes), ``kg.extract.attack_weapons``
(weapons and counts per place), ``kg.extract.figure_places`` (casualty figures per place),
``kg.extract.earlier_news`` (sentences that tell older news, or retell the report's own).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from datetime import date

from kg.extract.aftermath_report import tells_aftermath
from kg.extract.announced_lists import announces_list, list_line
from kg.extract.by_start import ByStart
from kg.extract.attack_places import (
    capital_among_regions, capital_attack, capital_of_raion, city_named_before, city_word_struck,
    district_city, drop_headline_capitals, entry_heading, event_located_near, foreign_scene,
    inside_focus, in_clause_without_attack, in_interception_clause, locating_after_kinds,
    locating_hromada, locating_near, locating_parenthesis, locating_region, mention_rules,
    place_heading, scene_only, strike_denied, struck_places, struck_them, town_of_the_story,
    unnamed_near, unnamed_settlement_of)
from kg.extract.aimed_places import (aimed_only, drop_aimed_only, drop_capital_only_downed,
                                     only_denies_harm)
from kg.extract.attack_sentences import (
    aircraft_accident, also_attacked, dated_clauses, earlier_event,
    general_target, is_attack_sentence, is_background, is_hypothetical, is_nationwide,
    launched_in_attempt, names_a_place_again,
    paragraph_duplicates, paragraph_start_tokens, refers_back, refers_to_the_attack, related_links,
    sabotage_raid, separate_attack, tells_one_attack, tells_report_period, the_attacks,
    toll_of_several, told_downed)
from kg.extract.attack_weapons import (add_counts, aimed_elsewhere, antecedent, counted,
                                       debris_of, describing, drop_regions_with_settlements,
                                       drop_loose_rocket, drop_umbrella_artillery, is_loose_rocket,
                                       is_umbrella, one_family,
                                       one_kind_told, only_downed, weapons_by_clause)
from kg.extract.attackers import AttackerMention, attacker_mentions, default_attackers
from kg.extract.casualties import sentence_figures
from kg.extract.casualty_context import (another_event, clock_time, other_deaths, superseded,
                                         toll_as_it_stands, toll_update)
from kg.extract.commemoration_report import tells_commemoration
from kg.extract.datelines import dateline_alone, is_headline
from kg.extract.dates import resolve_date
from kg.extract.district_places import (STRIKE_VERBS, capital_of, centre_named_struck,
                                        district_centre, holds, listed_raions,
                                        raions_of_centre_words,
                                        named_oblast, region_of, regional_centre_struck)
from kg.extract.doc_text import doc_sents, doc_text, doc_tokens, sent_tokens, span_text
from kg.extract.downed_places import harm_after_downing, places_downed_over
from kg.extract.earlier_news import (dated_before, days_before, news_again, opens_reminder,
                                     reported_earlier, same_day_again, series_recap,
                                     similar_earlier)
from kg.extract.figure_places import (apply_figures, before_the_total, country_total,
                                      day_wide, figures_by_place, is_total, own_figures,
                                      summary_zeros)
from kg.extract.lead_clauses import told_today
from kg.extract.lead_fallback import LEAD_SENTENCES, lead_place, tells_harm
from kg.extract.legal_case import tells_legal_case, told_fresh
from kg.extract.lexicon import cues
from kg.extract.no_casualties import zero_kinds
from kg.extract.official_places import (downed_and_no_harm, harmed_elsewhere, officials_region,
                                        said_of_his_region, titled_region)
from kg.extract.passing_mentions import told_in_passing, top_tells_strikes
from kg.extract.place_mentions import Mention, find_mentions
from kg.extract.place_roles import in_title_of, title_over
from kg.extract.place_resolution import resolve_mentions
from kg.extract.rules import rule
from kg.extract.statistics_report import tells_period_toll
from kg.extract.shoot_down_report import all_downed_report, tells_shoot_down_only
from kg.extract.unharmed_places import drop_unharmed
from kg.extract.unlinked_places import keep_unresolved
from kg.extract.victim_ages import single_victim_age
from kg.extract.weapons import count_mentions, counts_strikes, kind_family, weapon_mentions
from kg.link.places import inside
from kg.records import Actor, Attack, Evidence, Place, WeaponCount, add_evidence


def attackers_in(sent, gazetteer, mentions: list[AttackerMention],
                 earlier: set[int] = frozenset()) -> list[tuple[Actor, str]]:
    """(country, rule id) for each country the sentence names as attacking ("Russian drones",
    "Russia launched", "by Russia"; kg/data/attackers.jsonl). "The enemy" or "the occupiers"
    name no country (GOLD.md: "enemy drones" with no country named give no attacker); nor does
    a clause that tells an earlier event (``earlier``: "came after … a Ukrainian air attack on
    Belgorod")."""
    out: dict[str, tuple[Actor, str]] = {}
    for mention in mentions:
        if sent.start <= mention.token < sent.end and mention.country not in out and \
                mention.token not in earlier:
            actor = gazetteer.actor(mention.country)
            if actor is not None:
                out[mention.country] = (actor, mention.rule)
    return list(out.values())


_CONTRAST = frozenset({"while", "whereas", "whilst", "meanwhile"})


def other_side_from(doc, sent, mentions: list[AttackerMention]) -> int | None:
    """The token where a clause of the other side's attack begins: after "while" or
    "whereas", a clause that names attacking only a country the sentence's first part does
    not ("Russian strikes … killed two, while officials in Russia said a drone strike by
    Ukraine had wounded 11")."""
    cut = next((t.i for t in sent_tokens(sent) if t.lower_ in _CONTRAST and t.i > sent.start),
               None)
    if cut is None:
        return None
    before = {m.country for m in mentions if sent.start <= m.token < cut}
    after = {m.country for m in mentions if cut < m.token < sent.end}
    if before and after and not before & after and rule("casualties.other-side-clause"):
        return cut
    return None


class _Builder:
    def __init__(self, published: date | None):
        self.published = published
        self.attacks: dict[str, Attack] = {}
        self.shared: dict[str, list] = {}  # weapons from sentences about several places
        self.listed_kinds: set[str] = set()  # places whose list named their kind itself
        self.downed: dict[str, list] = {}  # weapons told only as shot down in its sentences
        self.order: list[str] = []
        self.named_artillery: set[str] = set()  # places given artillery by name, not "shelled"
        self.named_rockets: set[str] = set()  # places given a rocket system, not "a rocket"
        self.risen: dict[tuple[str, str], int] = {}  # (place, kind) → the toll it rose to
        self.parts: dict[tuple[str, str], int] = {}  # (place, kind) → parts told of its toll
        self.told_again: dict[str, str | None] = {}  # place → the kind its last figures
        # only told again ("A woman was killed" after "killing one woman")
        # (place, kind) → the ages of the single victims its figure counts, one by one; None
        # once a figure of another sort was given
        self.ages: dict[tuple[str, str], list[int] | None] = {}
        # (place, kind) → the figure told of each of the city's districts, by district id
        self.district_parts: dict[tuple[str, str], dict[str, int]] = {}

    def district_sums(self, attack: Attack, districts, figures) -> list:
        """"In the Kirovsky district of Donetsk, three were wounded. In the Petrovsky district of
        Donetsk, a woman was wounded": a city's toll told district by district is the sum of
        the districts' figures, and a district's figure never lowers the city's own."""
        own = {d.id for d in districts
               if (city := district_city(d)) is not None and city.id == attack.place.id}
        if len(own) != 1:
            return figures
        (district,) = own
        out = []
        for figure in figures:
            if not figure.increment and figure.value and rule("casualties.district-parts"):
                told = self.district_parts.setdefault((attack.place.id, figure.kind), {})
                told[district] = figure.value
                figure = replace(figure, value=sum(told.values()), partial=True,
                                 rule=figure.rule or "casualties.district-parts")
            out.append(figure)
        return out

    def one_by_one(self, doc, attack: Attack, figures) -> list:
        """"A 63-year-old man was injured … in Antonivka. … The explosion injured a 61-year-old
        woman": a single victim of another age than each counted so far is one more."""
        out = []
        for figure in figures:
            key = (attack.place.id, figure.kind)
            age = single_victim_age(doc, figure)
            seen = self.ages.get(key, [])
            if figure.kind == "injured" and age is not None and figure.value == 1 and \
                    figure.partial and not figure.increment and \
                    age in (self.ages.get((attack.place.id, "killed")) or ()) and \
                    rule("casualties.the-dead-one-hurt"):
                continue  # "a 60-year-old man was killed …" then "a 60-year-old local resident
                # sustained life-threatening injuries": the one who died of them
            if age is None and seen and figure.partial and figure.value == 1 and \
                    _told_again(doc[figure.token]) and rule("casualties.victim-told-again"):
                pass  # "An 82-year-old woman … The victim was hospitalised": the same one
            elif figure.rule == "casualties.pronoun-hospitalized" and key in self.ages and \
                    rule("casualties.victim-told-again"):
                continue  # "Another woman is in serious condition … she will be taken to the
                # hospital": "she" is the victim told last, counted already
            elif age is None or seen is None:
                if figure.value:
                    self.ages[key] = None
            elif age not in seen:
                if seen and not figure.increment and getattr(attack, figure.kind) == len(seen) \
                        and rule("casualties.victims-one-by-one"):
                    figure = replace(figure, increment=True, partial=False,
                                     rule="casualties.victims-one-by-one")
                self.ages[key] = seen + [age]
            out.append(figure)
        return out

    def apply(self, attack: Attack, figures) -> None:
        """The figures given to the attack; a toll told as risen ("has risen to 14") is lowered
        by no later figure: a pinned newest update above older ones, a hospital's own count."""
        apply_figures(attack, [
            replace(f, partial=True, rule=f.rule or rule("casualties.risen-stands"))
            if not f.increment and f.value < self.risen.get((attack.place.id, f.kind), 0) else f
            for f in (self.nth_elsewhere(attack, f) for f in figures)], self.parts,
            self.told_again)

    def nth_elsewhere(self, attack: Attack, figure):
        """"A second injury was recorded in the city of Shebekino" after one injured in Novaya
        Tavolzhanka: the second victim of the report, the first of this place."""
        if figure.rule != "casualties.ordinal-victim" or getattr(attack, figure.kind) is not None:
            return figure
        before = sum(getattr(a, figure.kind) or 0 for a in self.attacks.values()
                     if a is not attack and a.place.kind == "settlement")
        if before and before == figure.value - 1 and rule("casualties.ordinal-across-places"):
            return replace(figure, value=1, rule="casualties.ordinal-across-places")
        return figure

    def mark_risen(self, attacks: list[Attack]) -> None:
        """The figures of a sentence telling a toll rose are floors for the later ones."""
        for attack in attacks:
            for kind in ("killed", "injured"):
                value = getattr(attack, kind)
                if value:
                    key = (attack.place.id, kind)
                    self.risen[key] = max(self.risen.get(key, 0), value)

    def get(self, place: Place) -> Attack:
        if place.id not in self.attacks:
            self.attacks[place.id] = Attack(place=place)
            self.shared[place.id] = []
            self.downed[place.id] = []
            self.order.append(place.id)
        return self.attacks[place.id]

    @staticmethod
    def evidence(attack: Attack, sent, *rules: str) -> None:
        """The sentence as evidence of the attack, with the ids of the rules that read it."""
        add_evidence(attack.evidence, Evidence(sent.start_char, sent.end_char, span_text(sent),
                                               tuple(rules)))


def place_mentions(doc, gazetteer, person_spans=(), sents=None) -> list[Mention]:
    """The place names of ``doc``, each resolved against the gazetteer where it can be."""
    mentions = find_mentions(doc, gazetteer, person_spans,
                             doc_sents(doc) if sents is None else sents)
    resolve_mentions(mentions, gazetteer)
    keep_unresolved(mentions, gazetteer)
    dateline_alone(doc, mentions)
    return mentions


def _aimed_at_regions(doc, sents, placed, weapons_by_start, attacks) -> dict[str, tuple]:
    """Place id → (weapon, sentence) for each attack in a region, or on it, that a sentence
    tells one kind of weapon aimed at ("… drones launched overnight, targeting mainly Odesa
    and Khmelnytskyi oblasts")."""
    told: dict[str, tuple] = {}
    for sent in sents:
        regions = [m for m in placed.get(sent.start, ()) if m.place is not None
                   and m.place.kind == "region" and not m.role]
        weapons = weapons_by_start.within(sent.start, sent.end) if regions else []
        if len({w.weapon.kind for w in weapons}) != 1:
            continue
        for mention in regions:
            if any(a.place.id == mention.place.id and a.weapons for a in attacks) or \
                    not aimed_only(doc, [mention]):
                continue  # "In a separate attack, … fired Grad rockets at the Kharkiv region":
                # the region's own strike
            for attack in attacks:
                if attack.place.id not in told and (attack.place.id == mention.place.id or
                                                     inside(attack.place, mention.place)) and \
                        any(ev.start != sent.start_char for ev in attack.evidence):
                    told[attack.place.id] = (weapons[0].weapon, sent)  # struck elsewhere
    return told


def _give_told_kinds(attacks: list[Attack], told_kinds: dict[str, tuple],
                     rule_id: str) -> None:
    """Each attack with no weapon of its own whose place a sentence tied one kind to (place id
    → (weapon, sentence)) takes that kind, with the sentence as evidence read by ``rule_id``."""
    for attack in attacks:
        if not attack.weapons and attack.place.id in told_kinds:
            kind, sent = told_kinds[attack.place.id]
            attack.weapons = [kind]
            add_evidence(attack.evidence, Evidence(sent.start_char, sent.end_char,
                                                   span_text(sent), (rule_id,)))


def extract_attacks(doc, gazetteer, published: date | None = None, person_spans=(), *,
                    mentions: list[Mention] | None = None, weapons=None,
                    wave: list[WeaponCount] | None = None) -> list[Attack]:
    """The attacks an article reports, in the order their places first appear. ``mentions``
    and ``weapons`` are the place and weapon mentions when a pipeline component found them.
    Counts said of the whole wave, not of one place, go to ``wave`` when given
    (``kg.extract.raids`` makes the raid of them), else to the first attack."""
    sents = doc_sents(doc)
    if mentions is None:
        mentions = place_mentions(doc, gazetteer, person_spans, sents)
    if weapons is None:
        weapons = weapon_mentions(doc)
    attacker_found = attacker_mentions(doc, weapons)
    skip = paragraph_duplicates(doc, sents) | related_links(doc, sents)
    build = _Builder(published)
    focus: list[str] = []
    dormant: list[str] = []
    pending_counts: list[WeaponCount] = []
    attacker_votes: Counter[str] = Counter()
    side_votes: Counter[str] = Counter()  # countries named as attacking outside attack sentences
    article_date: date | None = None
    paragraph_starts = paragraph_start_tokens(doc, sents)
    lead_date = _lead_date(sents, published)  # the date the lead gives the news
    regional: set[str] = set()  # oblast-capital names the article uses for the oblast
    latest_clock = -1  # the latest clock time a sentence has given so far
    in_background = False  # after a "Recall" heading: earlier news, to the end
    news_in_background = False  # the line before, under that heading, told the report's news
    in_reminder = False  # after "As a reminder, …" told earlier news: to the paragraph's end
    in_earlier_day = False  # after "Earlier on <a day before>, …": to the paragraph's end
    recalled_kinds: set[str] = set()  # the weapon families the sentence before told as background
    after_background = False  # the sentence before, in the same paragraph, told background
    recap = False  # after "This is the fourth attack … over the past week": the series recalled
    recalled_day = False
    toll_only = False  # the focus rests after a placeless background line: a toll wakes it
    lead: list = []  # a placeless lead's figures, for the first place named next
    lead_weapons: list = []  # and the weapons that struck in it
    summary_kind = None  # the one weapon a placeless summary of the region's day names
    report_zeros: set[str] = set()  # kinds a summary said none of, with no place named
    wave_zeros: set[str] = set()  # kinds a wave's lead said none of, before any place
    aimed: dict[str, list | None] = {}  # place → the sentences that read it struck only as
    # aimed at (None once one read it struck otherwise)
    others_zero: set[tuple[str, str]] = set()  # (kind, place) "the other communities" had none of
    run: list[str] = []  # the places struck one sentence after another, no toll told since
    run_end = -2  # the index of the sentence that struck the run's last place
    run_zeros: dict[str, set[str]] = {}  # place → the kinds a zero after its run said none of
    # (or a zero "in either incident", "at the sites of the shelling", after the places since
    # the last toll)
    since_toll: list[str] = []  # the places struck since the last toll, in any paragraph
    listed: set[str] = set()  # places a sentence struck together with others
    separate: set[str] = set()  # places "in a separate attack": not a part of their region's
    told: list = []  # the weapons of the report's wave counts and of its struck places
    the_attack: dict[str, Evidence] = {}  # places struck by "the attack", with no weapon named
    from_the_air: set[str] = set()  # places struck by "air strikes", with no weapon named
    among_unnamed: set[str] = set()  # places struck with "12 surrounding settlements"
    kind_before = None  # (sentence index, weapon, sentence): a placeless attack of one kind
    tied_before: dict[str, tuple] = {}  # place → (weapon, sentence), struck right after it
    announced = False  # after "the following settlements came under attack:", its lines
    announced_kind = None  # (weapon, sentence): the one kind the sentence announcing it named
    announced_for: dict[str, tuple] = {}  # place → that (weapon, sentence), for its lines
    downed_over = None  # (sentence index, places) where weapons were last told shot down
    lead_figures = False  # a casualty figure in the headline or lead
    lead_harm = None  # (sentence, figures, weapons striking) of the lead's first news of harm
    lead_news: set[int] = set()  # the starts of the lead's sentences that are no background
    news_weapons: list = []  # (weapon mentions, places struck) of each sentence of news
    wave_told = False  # a sentence told of the whole country's attack ("fired missiles at the
    # country")
    placed = _placed_by_sentence(mentions, sents)
    weapons_by_start = ByStart(weapons)  # each sentence's weapons, without a scan of them all
    for index, sent in enumerate(sents):
        if sent.start in skip:
            continue
        in_sent = list(placed[sent.start])
        sent_weapons = weapons_by_start.within(sent.start, sent.end)
        earlier = earlier_event(sent) | dated_clauses(sent, published)
        if earlier:  # "…, a day after missiles struck Balakliia": not this report's places
            sent_weapons = [w for w in sent_weapons if w.start not in earlier]
            only_earlier = any(m.start in earlier for m in in_sent) and \
                all(m.start in earlier or m.role for m in in_sent)
            in_sent = [m for m in in_sent if m.start not in earlier]
        figures = [f for f in sentence_figures(sent) if f.token not in earlier]
        if figures and attacker_votes and _attackers_claim(
                sent, attacker_votes.most_common(1)[0][0]) and \
                rule("casualties.attackers-claim"):
            figures = []  # "Russian authorities claimed that the strike killed 85 individuals
            # and targeted a restaurant where … officers were allegedly meeting"
        named_weapons = sent_weapons  # all the sentence names, before any is set aside
        focus_before = set(focus)  # the places the sentence before told of
        clock = clock_time(span_text(sent))
        if figures and clock is not None and clock < latest_clock:
            # "Update at 07:35: three killed" after a 09:27 figure: an older update
            figures = [replace(f, partial=True, rule=rule("casualties.earlier-update"))
                       for f in figures]
        latest_clock = max(latest_clock, clock or -1)
        if focus or (dormant and figures):
            # "…, the governor of the Odesa region, wrote": the region of the focus; a new
            # paragraph in which that governor gives figures takes up the focus at rest
            ids = focus or dormant
            held = [build.attacks[pid].place for pid in ids]
            titled = [m for m in in_sent if title_over(doc, m, held, roles=True)]
            heads = {r.id for m in in_sent if m.role and (r := titled_region(m, doc))}
            if titled or heads & set(ids):
                rule("places.title-of")
                in_sent = [m for m in in_sent if m not in titled]
                within = [pid for pid, p in zip(ids, held) if pid in heads
                          or any(inside(p, m.place) for m in titled)]
                if not focus:
                    focus, dormant = ids, []
                if len(focus) > 1 and len(within) == 1:
                    # "…," Dnipropetrovsk region Governor Serhiy Lysak said: Dnipro
                    focus = within
        # "On Sevastopol, 24 were injured, the governor of that city in Crimea said": a title,
        # beside the place the sentence names
        titled = [m for m in in_sent
                  if title_over(doc, m, [o.place for o in in_sent if o is not m])]
        # "the governor of the Voronezh region said a general was killed in Ukraine", "… said
        # a missile was shot down over his region and no one was hurt there" (not "…, but
        # debris damaged a house"): the region is not struck, and the figures are not the
        # focus's; they go to another place of the sentence, if one is left
        aside = [m for m in in_sent if m not in titled and in_title_of(doc, m.start, m.end)
                 and (harmed_elsewhere(sent, m) or downed_and_no_harm(sent, figures))]
        if titled or aside:
            rule("places.title-of")
            in_sent = [m for m in in_sent if m not in titled and m not in aside]
            if aside and all(m.place.kind == "country" for m in in_sent):
                figures = []  # no place of the sentence is left for them
        capital_read = recalled = False
        from_downing: list = []
        # "the death toll has since risen to five": an update, not background
        # "A previous toll reported nine dead and 21 injured": an older figure of the attack
        # in focus, not an earlier event; it fills, never lowers (casualties.superseded)
        update = figures and not in_sent and (
            toll_update(sent) and rule("casualties.toll-update")
            or superseded(span_text(sent).lower()))
        if figures and not in_sent and focus and len(build.order) > 2 and \
                all(f.value == 0 for f in figures) and \
                (summary := _day_summary_places(sents, index, paragraph_starts, placed,
                                                build)) and len(summary) > len(focus) and \
                rule("casualties.summary-closing-zero"):
            # "«During the past day, the occupiers carried out 459 shellings in 13 settlements
            # … Civilians were not injured»": the summary's zero, for each of its places
            focus = summary
        if span_text(sent).strip(" .:\n").lower() in cues()["background_headings"]:
            in_background = bool(rule("attacks.background-section"))
        elif sent.start in paragraph_starts and _labelled_background(sent):
            in_background = True
        recap = recap or (bool(build.order) and series_recap(sent))
        # within the recap, a sentence dated before the report's attacks, or "on the same day"
        # right after one, tells an earlier attack of the series
        recalled_day = recap and (dated_before(sent, published, build) or (
            recalled_day and "same day" in span_text(sent).lower()))
        if sent.start in paragraph_starts:
            in_reminder = in_earlier_day = after_background = False
        reminded = reported_earlier(sent, published, build, in_sent)
        told_as_background = is_background(sent, published)
        opens_earlier = _opens_on_an_earlier_day(sent, published, build)
        again = (in_background or (told_as_background and not update)) and \
            same_day_again(sent, published, build, in_sent, article_date or lead_date,
                           lambda: bool(count_mentions(doc, weapons, sent.start, sent.end)))
        # "Background: A young woman and a child lost their lives overnight in the attack on
        # Dnipro. ¶ A Russian missile struck a residential building in Uman": after a background
        # line that retells the night's news, an undated line that is no background of its own
        # goes on telling it
        goes_on = in_background and news_in_background and not again and \
            not told_as_background and resolve_date(span_text(sent), published) is None
        hypothetical = is_hypothetical(sent)
        told_before = ((in_background or (told_as_background and not update))
                      and not again and not (goes_on and rule("attacks.background-news-goes-on"))) \
            or \
            other_deaths(sent) or bool(earlier and only_earlier) or \
            days_before(sent, published, build, in_sent) or \
            similar_earlier(sent, published, build) or reminded or recalled_day or \
            sabotage_raid(sent, bool(sent_weapons)) or aircraft_accident(sent) or \
            (in_reminder and not update and not news_again(sent, published) and
             bool(rule("attacks.reminder-paragraph"))) or \
            (in_earlier_day and resolve_date(span_text(sent), published) is None and
             not news_again(sent, published) and bool(rule("attacks.earlier-day-paragraph"))) \
            or (opens_earlier and bool(rule("attacks.earlier-day-paragraph")))
        background = told_before or hypothetical
        if not background and after_background and also_attacked(sent) and \
                resolve_date(span_text(sent), published) is None and \
                not any(m.place.id in build.attacks for m in in_sent) and \
                rule("attacks.also-after-background"):
            background = True  # "Over recent months Kyiv has often sent drones at Crimea.
            # Small groups of drones also hit an office tower in Moscow": the series told
            # before goes on
        after_background = background and not hypothetical
        in_reminder = in_reminder or (reminded and opens_reminder(sent))
        # "Earlier on the night of June 18, Ukrainian units launched massive strikes …. The
        # village of Partizany was hit …": the paragraph goes on telling that earlier night
        in_earlier_day = in_earlier_day or opens_earlier
        if in_background:
            news_in_background = again or (goes_on and not background)
        if not background and recalled_kinds and sent_weapons and \
                {kind_family(w.weapon.kind) for w in sent_weapons} <= recalled_kinds and \
                _the_weapon(doc, sent_weapons) and \
                rule("attacks.the-weapon-of-background"):
            # "Russia's use last week of an Oreshnik ballistic missile drew condemnation …"
            # then "Moscow said the missile hit an aviation repair plant in the Lviv region":
            # the missile of the earlier strike (of its kind's family: "the missile" of a
            # ballistic missile)
            background = True
        recalled_kinds = {kind_family(w.weapon.kind) for w in sent_weapons} if background else set()
        is_attack = not background and is_attack_sentence(
            sent, bool(sent_weapons), bool(figures), any(not m.role for m in in_sent))
        if index < LEAD_SENTENCES and not background:
            lead_news.add(sent.start)
        lead_figures = lead_figures or index < LEAD_SENTENCES and bool(figures)
        if lead_harm is None and is_attack and index < LEAD_SENTENCES and (
                any(f.value for f in figures) or bool(sent_weapons) and tells_harm(sent)) and \
                not another_event(sent):  # not "621 civilians have lost their lives … since
            # Moscow's full-scale invasion": a war total is no harm of one attack
            # the headline's or lead's harm: casualties, a weapon's damage
            lead_harm = (sent, figures, list(dict.fromkeys(
                w.weapon for w in sent_weapons if not only_downed(doc, w, sent))))
        if announced and sent.start in paragraph_starts and not list_line(sent):
            announced = False  # the announced list ended with its last line
        listed_line = announced and not background and list_line(sent) and \
            any(not m.role for m in in_sent) and bool(rule("places.announced-list"))
        is_attack = is_attack or listed_line  # "• Beryslav District – Beryslav, Tomaryne, …"
        if is_attack and not listed_line and not announced and announces_list(sent):
            announced = True
            kinds = {w.weapon.kind for w in sent_weapons}
            announced_kind = (sent_weapons[0].weapon, sent) if len(kinds) == 1 else None
            # "came under artillery and mortar attacks …, among them:": every place's kind
        announced_line = listed_line and not sent_weapons and announced_kind is not None
        located = {m.start for m in in_sent if locating_hromada(m, in_sent, doc)
                   or locating_after_kinds(m, in_sent, doc)}
        bracketed = {m.start for m in in_sent if locating_parenthesis(m, in_sent, doc)}
        regions_of = {m.start for m in in_sent if locating_region(m, in_sent, doc)}
        oblast_named = {m.start for m in in_sent if capital_of_raion(m, in_sent, doc)}
        near = {m.start for m in in_sent if locating_near(m, in_sent, doc)
                or event_located_near(m, doc, bool(build.order))}
        weapon_starts = {w.start for w in sent_weapons}
        scenes = {m.start for m in in_sent if scene_only(m, doc)}  # "taken to hospital in X"
        struck = struck_places([m for m in in_sent if m.start not in scenes
                                and (listed_line or
                                     not in_clause_without_attack(m, doc, weapon_starts))
                                and not in_interception_clause(m, doc)
                                and not strike_denied(m, doc)
                                 and m.start not in located | bracketed | near | oblast_named
                                 | regions_of],
                                regional) \
            if is_attack else []
        if announced_line:
            for place in struck:
                announced_for.setdefault(place.id, announced_kind)
        official: list[str] = []  # the rule that read the official's region, if one did
        if not struck and is_attack and not focus and (city := _city_at_rest(
                sent, placed[sent.start], dormant, build)) is not None:
            struck, official = [city], ["places.officials-city-word-at-rest"]
        if not struck and is_attack and (own := officials_region(
                sent, placed[sent.start],
                gazetteer, [build.attacks[pid].place for pid in focus], figures)):
            struck, official = [own[0]], [own[1]]  # "Sumy Oblast Governor … reported that
            # Russian troops shelled the region 110 times": the region of the official's title
        if not struck and not background and (heading := entry_heading(sent, in_sent) or
                                               place_heading(sent, in_sent, build.attacks)):
            struck = [heading]  # "1 August, 00:15, the Izium district, the city of Izyum."
        if not struck and is_attack and index and sent.start not in paragraph_starts and \
                not any(not m.role for m in in_sent):
            before = sents[index - 1]
            named = [m for m in placed[before.start] if not m.role and m.place.kind != "country"]
            if any(m.place.id not in focus for m in named):
                struck = struck_them(sent, before, named) or (
                    [] if is_background(before, published) else
                    city_named_before(sent, named))  # "The enemy struck them with FPV
                # drones": the places of the sentence before
        if not struck and is_attack and not background and not build.order and not focus and \
                not any(not m.role for m in in_sent):
            struck = town_of_the_story(sent, sents, index, placed)
        if not struck and is_attack and index and not any(not m.role for m in in_sent) and \
                (region := said_of_his_region(sent, placed[sents[index - 1].start])):
            struck, official = [region], ["places.governor-said-region"]  # "Kyiv regional
            # governor … reported no direct hits. The debris damaged windows … in the region,
            # he said."
        if struck and centre_named_struck(sent) and (centre := district_centre(
                span_text(sent).lower(), _raion_of_sentence(in_sent) or [
                    build.attacks[pid].place for pid in focus or dormant]
                or [p for p in struck if p.kind == "raion"], gazetteer)) and \
                all(p.id != centre.id for p in struck):
            struck = [centre] + struck  # "The district center and the Marhanets community
            # were also hit": the centre of the district in focus, beside the places named
            said = next(t.i for t in sent_tokens(sent) if t.lower_ in ("center", "centre"))
            in_sent = sorted(in_sent + [Mention(said, said + 1, centre.label, place=centre,
                                                sent_start=sent.start, doc_sent=sent)],
                             key=lambda m: m.start)  # told where its words stand: the figures
            # and weapons of its clause are its own
        if struck and (capital := _capital_beside(sent, build, struck)) is not None:
            struck = [capital[0]] + struck  # "Three people were killed in the capital, and a
            # further 19 were injured in Vyshhorod": the capital the article reports, told
            # where its word stands, so the figures of its clause are its own
            in_sent = sorted(in_sent + [capital[1]], key=lambda m: m.start)
        if len(struck) == 1 and regional_centre_struck(sent):
            struck = [capital_of(p, gazetteer) for p in struck]  # "Day in Kharkiv region:
            # missile strikes on the regional center": the oblast's capital
        elif not struck and is_attack and regional_centre_struck(sent) and \
                (capital := _capital_in_focus(focus + dormant, build, gazetteer)) is not None \
                and rule("places.regional-centre-in-focus"):
            struck = [capital]  # "Russian forces struck Kherson … Source: police of Kherson
            # Oblast. Quote: "In the morning, the Russian military fired artillery at the
            # regional centre."": the capital the article is about
        elif not struck and downed_over and is_attack and not any(
                not m.role and m.place.kind != "country" for m in in_sent) and \
                (after_downing := harm_after_downing(sent, index, downed_over, figures, build)):
            struck = downed_over[1]  # where the weapons were downed: debris harmed it
            from_downing = downed_over[2] if after_downing == "debris" else []
        over = places_downed_over(doc, sent, in_sent) if not is_attack and not background \
            and not struck else []
        if over:
            downed_over = (index, over, list(dict.fromkeys(w.weapon for w in sent_weapons)))
        elif struck or any(not m.role and m.place.kind != "country" for m in in_sent):
            downed_over = None  # another place's news: the debris told next is its own
        if struck:  # "in a village near Rostov": the oblast, not the city
            around = {m.place.id: r for m in in_sent if (r := unnamed_near(m, doc)) is not None}
            struck = list({p.id: p for p in (around.get(p.id, p) for p in struck)}.values())
        definite = not struck and _definite_weapon(doc, sent_weapons)
        if sent.start in paragraph_starts and not struck and not refers_back(sent) and \
                not definite:
            # a new paragraph that names no place and does not point back (a quote, a
            # reaction): the focus rests until a sentence points back to it
            dormant, focus = focus or dormant, []
        if struck:
            going_on = run_end == index - 1 and sent.start not in paragraph_starts or \
                bool(run) and bool(focus_before) and focus_before <= set(run) and \
                not _opens_an_item(sent) and rule("casualties.run-across-details")
            run = (run if going_on else []) + [p.id for p in struck]  # one paragraph: not a
            # headline and the lead; or the sentences between told only of the run's places
            run_end = index
            since_toll.extend(p.id for p in struck if p.id not in since_toll)
            focus, dormant = [p.id for p in struck], []
            if len(struck) > 1:
                listed.update(focus)
            separate.update(  # "one of the villages of Zaporizhzhia Oblast", after its towns
                m.place.id for m in in_sent if m.place in struck
                and m.place.kind in ("region", "raion") and unnamed_settlement_of(m) and any(
                    build.attacks[pid].place.kind == "settlement"
                    and inside(build.attacks[pid].place, m.place) for pid in build.order))
            cue = separate_attack(sent)
            if cue is not None:  # the places named after "in a separate attack", "elsewhere in"
                after = {m.place.id for m in in_sent if m.start > cue and m.place in struck}
                separate.update(after or {  # "X was shelled in a separate attack": X
                    m.place.id for m in in_sent if m.place in struck
                    and _clause_verb(doc[m.start]) == _clause_verb(doc[cue])})
            for place in struck:
                build.get(place)
        elif not background and not is_attack and (focus or dormant) and \
                _around_focus(in_sent, build, focus or dormant):
            # "Moscow has concentrated its fire on the region of Donetsk": the region the
            # place in focus lies in, not news about another place; the focus rests. So also
            # for a focus at rest: "“Part of the Rivne district has no electricity,” Koval
            # wrote" after Rivne's attack leaves Rivne's zeros told next its own
            dormant, focus = focus or dormant, []
        elif (focus or dormant) and is_hypothetical(sent) and _within_focus(
                in_sent, focus + dormant) and rule("attacks.warning-within-focus"):
            # "Five strike drones struck … Lviv Oblast … Lviv, Stryi, Morshyn, and Yavoriv were
            # warned that they faced the threat of an attack": a warning to towns of the region
            # in focus is no news of another place; the focus rests
            dormant, focus = focus or dormant, []
        elif background and (focus or dormant) and not any(
                not m.role and m.place.kind != "country" for m in in_sent) and \
                rule("attacks.placeless-background-rests"):
            # "The Air Force also warned of the threat of ballistic missile attacks": told of
            # no place, it leaves the focus at rest for a toll told after it, and only a toll
            dormant, focus, toll_only = focus or dormant, [], True
        elif background or (not is_attack and not _source_line(sent) and any(
                not m.role and m.place.kind != "country" and m.place.id not in focus + dormant
                and not inside_focus(m.place, focus + dormant) for m in in_sent)):
            focus, dormant = [], []  # background, or news about another place
        elif is_attack and not any(not m.role and m.place.kind != "country" for m in in_sent) \
                and (capital := capital_attack(sent, build, gazetteer)):
            # "the death toll in the capital had risen to four": the capital's own attack
            (pid, capital_read), dormant = capital, []
            focus = [pid]
        elif is_attack and not in_sent and (centre := district_centre(
                span_text(sent).lower(), [build.attacks[pid].place for pid in focus], gazetteer)):
            focus = [build.get(centre).place.id]  # "The district center was hit"
        elif not focus and dormant and is_attack and not in_sent and refers_back(sent) and (
                not toll_only or figures):
            # "The number of injured has risen to 34, he said": its figures, nothing else
            focus, dormant, sent_weapons, recalled = dormant, [], [], True
        if focus or not dormant:
            toll_only = False  # the rest after a placeless background line has ended
        read = attackers_in(sent, gazetteer, attacker_found, earlier) if is_attack else []
        named = [actor for actor, _ in read]
        for actor in named:
            attacker_votes[actor.name] += 1
        if not is_attack and not background:  # "Russian forces shot at the settlements"
            for actor, _ in attackers_in(sent, gazetteer, attacker_found):
                side_votes[actor.name] += 1
        # weapons launched "in an attempt to" strike count though the attempt struck nothing
        read_counts = not background or not told_before and launched_in_attempt(sent)
        counts = [] if not read_counts else count_mentions(
            doc, [w for w in weapons if w.start not in earlier] if earlier else weapons,
            sent.start, sent.end, antecedent(weapons, sent.start))  # not the earlier
        # attack's ("…, when Russia hit Poltava, using two ballistic missiles")
        told.extend(c.weapon for c in counts)  # the wave's weapons: "shot down 24 of 26 drones"
        if counts and (not focus or not is_attack or len(focus) > 1):
            pending_counts.extend(counted(counts, sent))
        if struck and not named_weapons and kind_before is not None and \
                kind_before[0] == index - 1:
            for place in struck:  # "Russia launched a massive missile attack across Ukraine.
                # Energy facilities were struck in Rivne and Volyn oblasts": its missiles
                tied_before.setdefault(place.id, kind_before[1:])
        kind_before = None
        if is_attack and not background and not struck and not focus and not counts and \
                not any(m.place.kind != "country" for m in in_sent):
            one = one_kind_told(doc, sent, named_weapons)
            if one is not None:
                kind_before = (index, one, sent)
        if is_attack and not background and summary_kind is None and not any(
                m.place.kind != "country" for m in in_sent) and all(
                build.attacks[pid].place.kind == "region" for pid in build.order):
            summary_kind = _summary_kind(doc, sent, named_weapons)
        if not focus or not is_attack:
            if is_attack and not focus and figures and not build.order and \
                    all(m.place.kind == "country" for m in in_sent) and \
                    not is_nationwide(sent) and tells_one_attack(sent, sent_weapons):
                # "A Russian drone hit an apartment building …, killing six"; not "drone
                # strikes have killed three in western Russia", several regions' toll
                lead = [] if country_total(sent) or toll_of_several(sent) else figures
                lead_weapons = [w.weapon for w in sent_weapons if not only_downed(doc, w, sent)]
            if is_attack and not focus:
                when = resolve_date(span_text(sent), published)
                article_date = article_date or when
                if figures and not in_sent and build.order and \
                        all(f.value == 0 for f in figures) and day_wide(sent) and \
                        rule("casualties.day-zero"):
                    # "He stressed that there were no casualties during the day", after a
                    # sentence of ground fighting took the focus away: the day's zero
                    report_zeros.update(f.kind for f in figures)
                elif figures and not in_sent and build.order and dormant and \
                        all(f.value == 0 for f in figures) and \
                        rule("casualties.zero-while-resting"):
                    # "“People are unharmed. A private house was damaged,” he added",
                    # a quote of its own after the places were told: the report's zero
                    report_zeros.update(f.kind for f in figures)
                elif figures and not build.order and all(f.value == 0 for f in figures) and \
                        all(m.role or m.place.kind == "country" for m in in_sent) and \
                        is_nationwide(sent) and rule("casualties.wave-zero"):
                    # "Russia launched a major drone attack overnight on 15 Ukrainian regions,
                    # though there were no immediate reports of any casualties": none in each
                    # place the report names
                    wave_zeros.update(f.kind for f in figures)
            continue
        attacks = [build.attacks[pid] for pid in focus]
        districts = [m.place for m in in_sent if m.place.kind == "district"]
        nationwide = is_nationwide(sent)
        wave_told = wave_told or nationwide
        summary = not struck and (bool(counts) or counts_strikes(sent)) and \
            (not names_a_place_again(sent, len(focus) == 1) or _tally_of_the_day(sent)) and \
            not (definite and len(focus) == 1) and \
            not (len(focus) == 1 and _weapons_struck(sent_weapons, doc, bool(figures)))
        unrelated = not struck and (general_target(sent) or foreign_scene(sent, in_sent))
        if unrelated and sent_weapons:
            rule("weapons.not-the-focus")
        if not background and not summary and not unrelated and sent_weapons:
            news_weapons.append(([w for w in sent_weapons if not describing(doc[w.end - 1])],
                                 {p.id for p in struck}))
        sent_weapons = [] if (nationwide or summary or unrelated) and not struck else [
            w for w in sent_weapons if not aimed_elsewhere(
                doc, w, focus, {build.attacks[pid].place.kind for pid in focus})]
        if not struck and len(focus) > 2 and sent_weapons and \
                all(is_umbrella(doc, w) and (_nominal(doc[w.start]) or _of_the_region(
                    doc[w.start])) for w in sent_weapons) \
                and rule("weapons.list-shelling-after"):
            sent_weapons = []  # "A, B, C … came under fire. Four people were injured as a
            # result of the shelling": the list's umbrella word, tied to none of its places
        downed = [w.weapon for w in sent_weapons if only_downed(doc, w, sent)]
        sent_weapons = [w for w in sent_weapons if w.weapon not in downed]
        air_tokens = [t for t in sent_tokens(sent) if t.lemma_.lower() in _AIR_STRIKES or
                      t.lower_ == "air" and t.head.lemma_.lower() == "strike"] if struck else []
        air_strikes = bool(air_tokens)
        if len(struck) > 1 and air_strikes and sent_weapons and \
                all(is_umbrella(doc, w) or _in_air_list(doc[w.start], air_tokens)
                    for w in sent_weapons) and any(
                    _in_air_list(doc[w.start], air_tokens) or _joined(doc[w.start], t)
                    for w in sent_weapons for t in air_tokens) and \
                rule("weapons.list-mix-not-spread"):
            sent_weapons = []  # "Beryslav, Mykilske and Tiahynka came under shelling and
            # airstrikes": which place had which is not said
        grouped = _with_unnamed_places(in_sent, struck) if struck else set()
        among_unnamed -= {p.id for p in struck} - grouped  # "In Kyiv, the left-bank districts
        # were hit hardest": told again on its own, the place's tolls are its own
        if grouped:
            among_unnamed.update(grouped)  # "the attacks hit the city of Kharkiv and 12
            # surrounding settlements, involving missiles, guided aerial bombs and drones":
            # which kind hit the city is not said, and the tolls told next are the group's
            if len({kind_family(w.weapon.kind) for w in sent_weapons}) > 1 and \
                    rule("weapons.with-unnamed-places"):
                sent_weapons = []
        if len(struck) > 1 and any(c.qualifier == "launched" for c in counts) and \
                len({kind_family(w.weapon.kind) for w in sent_weapons}) > 1 and \
                not weapons_by_clause(sent, sent_weapons, in_sent, focus) and \
                rule("weapons.launched-mix-not-spread"):
            sent_weapons = []  # "Russia launched 90 drones and two ballistic missiles,
            # targeting the Kharkiv, Odesa and Donetsk regions": which kind hit which region
            # is not said (unless its clauses tell: "406 drones struck A, B; four MLRS strikes
            # were launched at C, D")
        if len(struck) > 1 and _aimed_at(sent) and \
                len({kind_family(w.weapon.kind) for w in sent_weapons}) > 1 and \
                not weapons_by_clause(sent, sent_weapons, in_sent, focus) and \
                not (_one_oblasts_settlements(struck) and
                     rule("weapons.aimed-at-communities")) and \
                rule("weapons.aimed-mix-not-spread"):
            sent_weapons = []  # "Missiles, drones and glide bombs were used against the Odesa,
            # Kharkiv and Kyiv regions": as a launch, which kind hit which is not said
        if len(struck) > 1 and _STRIKES_INVOLVED.search(span_text(sent)) and \
                len({kind_family(w.weapon.kind) for w in sent_weapons}) > 1 and all(
                    shared for items in weapons_by_clause(
                        sent, sent_weapons, in_sent, [p.id for p in struck]).values()
                    for _, shared in items) and rule("weapons.strikes-involved"):
            sent_weapons = []  # "strikes on the Kharkiv, Donetsk and Kirovohrad regions
            # involved Kh-22 cruise missiles, Kalibr cruise missiles and Shahed drones"
        if struck and is_nationwide(sent, _COUNTRY_WORDS) and \
                len({kind_family(w.weapon.kind) for w in sent_weapons}) > 1 \
                and not weapons_by_clause(sent, sent_weapons, in_sent, focus) and \
                rule("weapons.nationwide-mix-not-tied"):
            sent_weapons = []  # "Russia unleashed its largest aerial attack on Ukraine, firing
            # more than 800 drones and missiles in an assault that struck the heart of Kyiv":
            # the country's wave; which kind struck Kyiv is not said
        if struck and not sent_weapons and not downed:
            downed = debris_of(sent, weapons) or from_downing  # "Falling debris damaged a
            # power line"; the weapons the place's sentence told shot down
        if struck and not sent_weapons and not downed and air_strikes:
            from_the_air.update(p.id for p in struck)  # "carried out 10 air strikes on X"
        if struck and not sent_weapons and not downed and refers_to_the_attack(sent) and not (
                len(struck) > 2 and the_attacks(sent) and rule("weapons.the-attacks-listed")):
            # "The attacks affected the Khotin, Yunakivka and Myropillia hromadas": the day's
            # attacks of whatever kind, listed, not the one wave of the report
            the_attack.update((p.id, Evidence(sent.start_char, sent.end_char, span_text(sent),
                                              (rule("weapons.the-attack"),))) for p in struck)
        by_clause = weapons_by_clause(sent, sent_weapons, in_sent, focus) if struck else {}
        how = (rule("places.struck") if struck else capital_read if capital_read
               else rule("attacks.back-reference") if recalled else rule("attacks.focus"))
        unknown = {m.place.id for m in in_sent if not m.known and m.place in struck}
        for place in struck:
            if aimed.get(place.id, []) is None:
                continue  # read struck otherwise before
            if only_denies_harm(sent, figures):
                continue  # "there were no victims or damage in the city": neither aimed at
                # nor struck, whatever the other sentences tell
            if aimed_only(doc, [m for m in in_sent if m.place is not None
                                and m.place.id == place.id and not m.role]):
                aimed.setdefault(place.id, []).append(index)
            else:
                aimed[place.id] = None
        when = resolve_date(span_text(sent), published)
        for attack in attacks:
            # "the town of Nikopol as well as Marhanets and Myrove communities … The invaders
            # used FPV drones and artillery": each place of the list had every kind
            mine = by_clause.get(attack.place.id, [(w, len(focus) > 1) for w in sent_weapons])
            build.evidence(attack, sent, how, *official, *mention_rules(in_sent, attack.place),
                           *([rule("attacks.locating-hromada")] if located and struck else []),
                           *([rule("places.bracketed-settlement")] if bracketed and struck
                             else []),
                           *([rule("places.region-of-named-place")] if regions_of and struck
                             else []),
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
                if shared and not struck and attack.place.id in build.listed_kinds and \
                        weapon.weapon not in target and kind_family(weapon.weapon.kind) in {
                            kind_family(w.kind) for w in target} and \
                        rule("weapons.list-kind-told"):
                    continue  # "16 missile attacks, in the cities of Kharkiv, Kherson, … The
                    # Russians fired Burya missiles and Kh-22 cruise missiles": the wave's
                    # detail, after the list told its kind
                if shared and struck:
                    build.listed_kinds.add(attack.place.id)
                if weapon.weapon not in target:
                    target.append(weapon.weapon)
                if weapon.weapon.kind == "artillery" and not is_umbrella(doc, weapon):
                    build.named_artillery.add(attack.place.id)
                if weapon.weapon.kind == "rocket" and not is_loose_rocket(doc, weapon):
                    build.named_rockets.add(attack.place.id)
            build.downed[attack.place.id].extend(w for w in downed if w not in attack.weapons)
            for district in districts:
                if district_city(district) and district_city(district).id == attack.place.id \
                        and district not in attack.districts:
                    attack.districts.append(district)
        for attack in attacks:
            for actor in named:
                if actor not in attack.attackers:  # named in the sentence: as stated
                    attack.attackers.append(actor)
        for attack in attacks:
            if when and attack.date is None:
                attack.date = when
        if figures and len(attacks) == 1 and attacks[0].place.id in among_unnamed and \
                (not struck or attacks[0].place.id in grouped) and \
                rule("casualties.pooled-with-unnamed"):
            figures = []  # "Three people were killed and 11 injured" in the city and its 12
            # settlements: pooled, no figure of the city's own
        if figures and is_total(sent, _places_apart(build), in_sent) and (
                all(a.place.kind == "settlement" for a in attacks) or country_total(sent)):
            # "in total, 12 were injured in the region": not this town's figure; "killing 19
            # across Ukraine": not this region's either; but "one killed in Rodynske and five
            # more injured across the region" keeps Rodynske's own
            figures = before_the_total(sent, figures, [m.start for m in in_sent
                                                       if m.place in struck])
        elif figures and not struck and country_total(sent):
            figures = []  # "Over the past day, three civilians were killed in the east and
            # south of the country": the country's toll, not the place in focus
        if figures and not in_sent and all(f.value == 0 for f in figures) and \
                _the_other_places(sent):
            # "In the other communities, no one was hurt": none in every place not told of
            others_zero.update((f.kind, pid) for f in figures for pid in build.order)
            figures = []
        if figures and not in_sent and (len(attacks) > 1 or (
                attacks[0].place.id in listed and sent.start in paragraph_starts)):
            # "No civilians were injured" closing a summary of the region's places: the day's
            # zero, for every place of the report (summary_zeros); so too in a paragraph of its
            # own after one place of the list was told of ("The village of A endured the
            # heaviest assault")
            report_zeros.update(f.kind for f in figures if f.value == 0)
        elif figures and in_sent and (but := _zero_before_but(doc, sent, figures, in_sent)):
            # "No casualties were reported, but Russia's shelling of the Novoslobidske
            # community damaged four houses": the day's zero, and the place's damage
            report_zeros.update(but)
            figures = [f for f in figures if f.kind not in but or f.value]
        if figures and (side := other_side_from(doc, sent, attacker_found)) is not None:
            # "… struck Kryvyi Rih, killing two, while officials in Russia said a drone strike
            # by Ukraine had wounded 11": the other side's attack, not this place's toll
            figures = [f for f in figures if f.token < side]
        if len(attacks) > 1 and figures:
            named = [(m.start, m.end, _figure_place(m, in_sent, attacks)) for m in in_sent]
            for attack, figure in figures_by_place(doc, figures, named, attacks):
                build.apply(attack, [figure])
        if len(attacks) == 1 and figures and not in_sent and not struck and wave_told and \
                toll_of_several(sent) and rule("casualties.toll-of-the-wave"):
            figures = []  # "Russia fired another barrage of missiles at the country" … "four
            # people were killed in the attacks": the wave's toll, not the place's in focus
        if len(attacks) == 1 and figures and not in_sent and not update:
            # not "Later, the head of the city's military administration said the number of
            # injured had risen to six": an update of the place in focus
            figures = [f for f in figures if not _total_of_the_places(f, attacks[0], build)]
        if len(attacks) == 1 and figures and not in_sent and not struck and len(run) > 1 and \
                attacks[0].place.id in run and all(f.value == 0 for f in figures) and \
                rule("casualties.zero-of-the-run"):
            # "In Marhanets, the Russians dropped ammunition from a drone. They also struck
            # Chervonohryhorivska hromada with heavy artillery. … There are no dead or
            # injured": the zero of the places struck one sentence after the other
            for pid in run:
                run_zeros.setdefault(pid, set()).update(f.kind for f in figures)
        elif len(attacks) == 1 and figures and not in_sent and not struck and \
                len(since_toll) > 1 and attacks[0].place.id in since_toll and \
                all(f.value == 0 for f in figures) and _of_several(sent) and \
                rule("casualties.zero-of-several"):
            # "A fire broke out in Voznesensk … ¶ Wreckage damaged a grain warehouse in Odesa
            # Oblast … ¶ No casualties were reported in either incident": the zero of every
            # place struck since the last toll, not only of the last one
            for pid in since_toll:
                run_zeros.setdefault(pid, set()).update(f.kind for f in figures)
        if any(f.value for f in figures):
            run = []  # a toll told: the places before it are told of apart
            since_toll = []
        if len(attacks) > 1 and not in_sent and figures and all(
                f.rule == "casualties.injured-died" for f in figures):
            # "… killing a man in Tiahynka and injuring a woman in Beryslav. ¶ Later he
            # reported that the injured woman died": the one place of the sentence's focus
            # that had injured
            hurt = [a for a in attacks if a.injured]
            if len(hurt) == 1 and rule("casualties.injured-died-where-injured"):
                attacks = hurt
        if len(attacks) == 1:
            named = [(m.start, m.end, district_city(m.place) or m.place) for m in in_sent
                     if not m.role and m.start not in regions_of | scenes]
            own = own_figures(doc, figures, named, attacks[0])
            if not struck and any(not f.increment and not f.partial for f in own) and not (
                    toll_as_it_stands(sent) and rule("casualties.toll-as-it-stands")):
                # "One woman suffered a brain injury" after "four were injured": a sentence
                # that names no place tells of some of the victims; it lowers no figure
                own = [f if f.increment or f.partial else replace(
                    f, partial=True, rule=f.rule or rule("casualties.some-of-the-victims"))
                    for f in own]
            if struck and focus_before and attacks[0].place.id not in focus_before:
                # "They also injured one person in Kupiansk" … (a sentence about Kozacha
                # Lopan) … "The shelling also injured a 59-year-old woman in Kupiansk": the
                # "also" adds her to the other place's victims; she is Kupiansk's one
                own = [replace(f, increment=False, rule=rule("casualties.also-of-another-place"))
                       if f.rule == "casualties.also-a-victim" and
                       getattr(attacks[0], f.kind) is not None else f for f in own]
            own = build.district_sums(attacks[0], districts, own)
            build.apply(attacks[0], build.one_by_one(doc, attacks[0], own))
            if (lead or lead_weapons) and struck and len(build.order) == 1:
                # the lead's toll, told before the place is named, is that place's; it lowers
                # no figure the place's own sentence gives
                if lead:
                    apply_figures(attacks[0], [replace(f, partial=True) for f in lead])
                    build.evidence(attacks[0], sent, rule("casualties.lead-before-place"))
                for weapon in lead_weapons:  # "A Russian missile slammed into a cafe …"
                    if weapon not in attacks[0].weapons and rule("weapons.lead-before-place"):
                        attacks[0].weapons.append(weapon)
            if nationwide and not struck:
                pending_counts.extend(counted(counts, sent))
            else:
                add_counts(attacks[0], counted(counts, sent))
        if figures and toll_update(sent):
            build.mark_risen(attacks)
        if struck:
            lead, lead_weapons = [], []
    attacks = [build.attacks[pid] for pid in build.order]
    _give_told_kinds(attacks, announced_for, rule("weapons.announced-kind"))
    summary_zeros(attacks, report_zeros)
    summary_zeros(attacks, wave_zeros - report_zeros, untold_only=True)
    for pid, kinds_said in run_zeros.items():  # a place with a figure of its own keeps it
        attack = build.attacks[pid]
        if attack.killed is None and attack.injured is None:
            for kind in kinds_said:
                setattr(attack, kind, 0)
    untold = {a.place.id: a for a in attacks if a.killed is None and a.injured is None}
    for kind, pid in others_zero:  # the places told before it with no figure told of
        if pid in untold and rule("casualties.others-none"):
            setattr(untold[pid], kind, 0)
    if not attacker_votes and side_votes:  # "Because of Russia's aggression, one was killed"
        rule("attackers.side-named")
        attacker_votes = side_votes
    default_attackers(attacks, attacker_votes, gazetteer)
    shelled_beside: set[str] = set()  # "shelling and drone attacks in Sumy Oblast": a mix
    for attack in attacks:
        if not attack.weapons:
            attack.weapons = build.shared[attack.place.id]
        if not attack.weapons:  # what was shot down over it is all the text says hit it
            attack.weapons = list(dict.fromkeys(build.downed[attack.place.id]))
        if attack.place.id not in build.named_artillery and drop_umbrella_artillery(attack):
            shelled_beside.add(attack.place.id)
        if attack.place.id not in build.named_rockets:
            drop_loose_rocket(attack)
        told.extend(attack.weapons)
    kinds = {w.kind for w in told}
    wave_kind = one_family(told) if any(  # asked only where a place awaits it
        not a.weapons and a.place.id in the_attack for a in attacks) else None
    if wave_kind is not None and _day_roundup(sents) and rule("weapons.day-roundup-attack"):
        wave_kind = None  # "Russian attacks across Ukrainian oblasts killed … over the past
        # day": each oblast's "Russian attack" is its own, of a kind the report does not tell
    for attack in attacks:
        if not attack.weapons and attack.place.id in the_attack and wave_kind is not None:
            # "the Russian attack damaged a school" in a report of a drone attack: the drones;
            # in a report of cruise and other missiles, missiles
            attack.weapons = [wave_kind]
            add_evidence(attack.evidence, the_attack[attack.place.id])
    if summary_kind is not None and len(attacks) > 1 and kinds <= {summary_kind.kind}:
        for attack in attacks:  # "Russian forces attacked two districts of the region more
            # than 30 times using drones" before the districts' communities are named: the
            # day's one weapon, where the report names no other
            if not attack.weapons and rule("weapons.summary-kind"):
                attack.weapons = [summary_kind]
    _give_told_kinds(attacks, tied_before, rule("weapons.placeless-kind-before"))
    centre_told = raions_of_centre_words(doc_text(doc), mentions) | listed_raions(mentions)
    attacks = drop_regions_with_settlements(drop_headline_capitals(attacks, doc), centre_told,
                                            separate, from_the_air, build.named_artillery,
                                            shelled_beside)
    # a bare oblast-capital name the article also uses for its oblast, with no figure of its
    # own, stood for the oblast: the settlement named inside it carries the attack
    attacks = [a for a in attacks if a.place.id not in regional or a.killed is not None
               or a.injured is not None]
    before_drops = {a.place.id for a in attacks}
    attacks = drop_unharmed(drop_capital_only_downed(drop_aimed_only(attacks, aimed, sents), sents),
                            sents)
    if any(not a.weapons for a in attacks):  # "15 of the 18 drones launched overnight,
        # targeting mainly Odesa and Khmelnytskyi oblasts": the wave's one kind, for each
        # place struck in those regions
        _give_told_kinds(attacks, _aimed_at_regions(doc, sents, placed, weapons_by_start,
                                                    attacks), rule("weapons.wave-aimed-at-region"))
    shoot_down = all_downed_report(attacks, sents, published, pending_counts + (wave or []), skip)
    if shoot_down:
        # "Kyiv region came under an enemy drone attack … the wreckage came down in the open":
        # news of a shoot-down; what it counted is the wave's
        if wave is not None:
            wave.extend(c for a in attacks for c in a.counts if c not in wave)
        attacks = []
    attacked_only = before_drops - {a.place.id for a in attacks}  # not to be read again below
    legal_case = tells_legal_case(sents[:LEAD_SENTENCES])
    if legal_case and any(not told_fresh(a, published) for a in attacks) and \
            rule("attacks.legal-case-report"):
        # "… served with a notice of suspicion for organizing a missile strike on Kryvyi Rih
        # on June 13, 2023": the case is the news, not the strike it is about
        attacks = [a for a in attacks if told_fresh(a, published)]
    statistics = not legal_case and tells_period_toll(sents[:LEAD_SENTENCES])
    if statistics and any(not told_fresh(a, published) for a in attacks) and \
            rule("attacks.statistics-report"):
        # "Russia kills, wounds at least 592 Ukrainian civilians in December - UN": a month's
        # toll is the news, not the strikes the report cites
        attacks = [a for a in attacks if told_fresh(a, published)]
    # a report whose news is what followed a strike: "Hundreds grieve for mother and daughters
    # killed in Russian strike on Lviv" (the funeral), "In Kherson, all houses are hooked up to
    # water supply again after recent shelling" (the repair); its attacks are those of its day
    followed = None if legal_case or statistics else \
        rule("attacks.commemoration-report") if tells_commemoration(sents[:LEAD_SENTENCES]) \
        else rule("attacks.aftermath-report") if tells_aftermath(sents[:LEAD_SENTENCES]) else None
    if followed is not None:
        attacks = [a for a in attacks if told_today(a)]
    if not lead_figures and told_in_passing(attacks) and \
            not top_tells_strikes(sents[:LEAD_SENTENCES], weapons) and \
            rule("attacks.told-in-passing"):
        # "… as Russian strikes go on crippling Kyiv's energy infrastructure" low in a report
        # of a grant for the grid: a strike told in passing, not the report's news
        attacks = []
    if not attacks and lead_harm is not None and not legal_case and not statistics and \
            followed is None and \
            not (shoot_down or tells_shoot_down_only(sents, published, skip)) and \
            (found := lead_place(mentions, lead_news)) is not None and \
            found.place.id not in attacked_only and rule("attacks.lead-place-fallback"):
        # a report of harm that read no place as struck: where its headline or lead puts it
        harm_sent, harm_figures, harm_weapons = lead_harm
        attack = Attack(place=found.place, weapons=harm_weapons)
        _Builder.evidence(attack, harm_sent, "attacks.lead-place-fallback")
        if found.doc_sent is not None:  # and the sentence that names the place
            _Builder.evidence(attack, found.doc_sent, "attacks.lead-place-fallback")
        default_attackers([attack], attacker_votes, gazetteer)
        apply_figures(attack, harm_figures)
        attacks = [attack]
        zeros = {kind for sent in sents for kind in zero_kinds(span_text(sent).lower())}
        if zeros and not (attack.killed or attack.injured) and \
                rule("casualties.fallback-place-zero"):
            # "… there are no casualties" of a report whose harm only its lead places: the
            # zero its sentences tell is that place's
            summary_zeros(attacks, zeros)
    if len(attacks) == 1 and not attacks[0].weapons and sents and \
            (opening := _opening_kind(doc, sents[0], weapons)) is not None and \
            rule("weapons.opening-kind-one-place"):
        # "Drone attack leaves two injured" above a report of one place whose own sentences
        # name no weapon: the headline's
        attacks[0].weapons = [opening]
        _Builder.evidence(attacks[0], sents[0], "weapons.opening-kind-one-place")
    if len(attacks) == 1 and not attacks[0].weapons and \
            (kind := _the_reports_kind(news_weapons, attacks[0].place.id)) is not None and \
            rule("weapons.one-kind-one-place"):
        # "“This morning the artillery of the occupiers wounded three people in Bilopillia,”
        # the governor wrote": the report's one place, and the one kind its news names
        attacks[0].weapons = [kind.weapon]
        told_in = next((s for s in sents if s.start <= kind.start < s.end), None)
        if told_in is not None:
            _Builder.evidence(attacks[0], told_in, "weapons.one-kind-one-place")
    if wave is not None:
        wave.extend(pending_counts)
    elif attacks and pending_counts:
        add_counts(attacks[0], pending_counts)
    for attack in attacks:
        if attack.date is None:
            attack.date = article_date or lead_date
    # a place no sentence of the report tells struck (a dateline's city taken for the scene,
    # then no sentence read about it): every attack is traced to a sentence, or is none
    return [a for a in attacks if a.evidence or not rule("attacks.told-in-no-sentence")]


_PLACE_NOUNS = frozenset(cues()["locating_place_nouns"]) | frozenset(cues()["hromada_words"])
_PLACE_NOUNS |= {noun + "s" for noun in _PLACE_NOUNS}  # "in other settlements"
_OTHER_WORDS = frozenset(cues()["other_places_words"])
_AREA_WORDS = _PLACE_NOUNS | frozenset(cues()["region_words"]) | frozenset(
    cues()["raion_words"])  # "attacked two districts of the region"


def _total_of_the_places(figure, attack: Attack, build) -> bool:
    """"153 casualties in Dnipro including nine killed. … In Samarske, two people were killed,
    and nine injured. … "Unfortunately, 11 people have died," Zelensky said": a figure that a
    sentence naming no place gives after two places or more were given their own, and that is
    as large as theirs together, is the report's total, not the place in focus's (GOLD.md:
    figures pooled across places go to none of them)."""
    if figure.increment or figure.partial or not figure.value:
        return False
    told = [value for a in build.attacks.values()
            if (value := getattr(a, figure.kind)) is not None and value > 0]
    own = getattr(attack, figure.kind)
    return len(told) > 1 and own is not None and figure.value >= sum(told) and \
        figure.value > own and bool(rule("casualties.total-of-the-places"))


def _places_apart(build) -> int:
    """How many places are struck so far, a region that holds another of them not counted
    ("Russia strikes Kharkiv Oblast with guided bombs" above the village of Kruhliakivka in it
    is one place struck)."""
    places = [a.place for a in build.attacks.values()]
    holders = {outer.id for p in places for outer in p.chain()[1:]}
    return sum(1 for p in places if p.id not in holders)


def _source_line(sent) -> bool:
    """"Source: communication department of National Police in Kherson Oblast": who told
    the news, not news about the place its title names (places.source-line)."""
    return span_text(sent).lstrip().lower().startswith(("source:", "sources:")) and \
        bool(rule("places.source-line"))


def _capital_in_focus(pids: list[str], build, gazetteer) -> Place | None:
    """The oblast capital among the places in focus (or resting), or the capital of the one
    oblast there, if exactly one."""
    capitals = {c.id: c for c in (capital_of(build.attacks[pid].place, gazetteer)
                                  for pid in pids if pid in build.attacks)
                if named_oblast(c) is not None}
    return next(iter(capitals.values())) if len(capitals) == 1 else None


def _summary_kind(doc, sent, sent_weapons):
    """The one weapon a placeless sentence says the region's places were attacked with
    ("attacked two districts of the region more than 30 times using drones"), or None where
    it names several, or only "shelling" or shells (a region's shelling is tied to no place)."""
    used = [w for w in sent_weapons if not only_downed(doc, w, sent)
            and not is_umbrella(doc, w)]
    if len({w.weapon.kind for w in used}) != 1 or len(used) != len(sent_weapons) or \
            not any(t.lower_ in _AREA_WORDS for t in sent_tokens(sent)) or any(
                doc[w.start].lemma_.lower() == "shell" for w in used):
        return None
    if told_downed(sent) and rule("weapons.summary-not-a-tally"):
        return None  # "Ukrainian air defenses shot down 113 drones over 12 oblasts, while 71
        # decoy drones were lost": the air force's tally of a wave, not the region's day
    return used[0].weapon


_SEVERAL_EVENTS = frozenset(cues()["several_events_words"])


def _labelled_background(sent) -> bool:
    """A paragraph that opens on a background heading and its colon ("Background: On Monday
    morning, a shell hit …"): the heading's section, told on the heading's own line."""
    text = span_text(sent).lstrip()
    head, colon, rest = text.partition(":")
    return bool(colon) and rest[:1] in (" ", "\n") and \
        head.lower() in cues()["background_headings"] and \
        bool(rule("attacks.background-label"))


def _of_several(sent) -> bool:
    """The sentence speaks of several attacks or places ("in either incident", "in both
    cases", "at the sites of the shelling", "in the attacks")."""
    return any(t.lower_ in _SEVERAL_EVENTS for t in sent_tokens(sent))


def _the_other_places(sent) -> bool:
    """The sentence speaks of the places not told of ("in the other communities", "in other
    settlements of the district", "elsewhere in the region")."""
    for token in sent_tokens(sent):
        if token.lower_ in _OTHER_WORDS and token.head.lower_ in _PLACE_NOUNS:
            return True
        if token.lower_ == "elsewhere":
            return True
    return False


def _figure_place(mention: Mention, in_sent: list[Mention], attacks: list[Attack]) -> Place:
    """The place a mention stands for in the sentence's figures: a city district's city, and
    an oblast capital read as its oblast where the sentence strikes the oblast ("Drone attacks
    on Odesa and in the Bryansk region killed two people": the two regions share the toll)."""
    place = district_city(mention.place) or mention.place
    if all(a.place.id != place.id for a in attacks):
        oblast = capital_among_regions(mention, in_sent)
        if oblast is not None and any(a.place.id == oblast.id for a in attacks):
            return oblast
    return place


_AIMING_VERBS = frozenset({"use", "fire", "launch", "direct", "aim", "send", "hurl"})


def _aimed_at(sent) -> bool:
    """The sentence tells weapons aimed at its places, not what hit them: "were used against
    the Odesa, Kharkiv and Kyiv regions", "fired missiles and drones at Kharkiv and Odesa"."""
    return any(t.lemma_.lower() in _AIMING_VERBS and t.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in ("against", "at") for c in t.children)
        for t in sent_tokens(sent))


_COUNTRY_OF_WORD = cues()["countries"]


def _attackers_claim(sent, attacker: str) -> bool:
    """The sentence tells what the attacking side claims its strike did ("Russian authorities
    claimed that the strike killed 85 individuals"): a claim of the attacker's, not a toll of
    the attacked."""
    for token in sent_tokens(sent):
        if token.lemma_.lower() != "claim" or token.pos_ != "VERB" or not any(
                c.dep_ == "ccomp" for c in token.children):
            continue  # not "Two civilians were killed, the mayor claimed": the toll is told
        for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
            words = [t.lower_ for t in subject.subtree]
            if any(_COUNTRY_OF_WORD.get(w) == attacker for w in words) and \
                    not any(w in _INSTALLED for w in words):
                return True  # not "Russian-installed officials": the occupied side's
    return False


_INSTALLED = frozenset(cues()["occupation_official_words"])  # "Russian-installed mayor"


def _one_oblasts_settlements(places) -> bool:
    """Settlements and communities of one oblast, no region among them: "FPV drones and heavy
    artillery were directed at the district centre, Marhanets, Pokrovske and Myrove
    communities" is one front's shelling of each, not a wave over regions far apart."""
    oblasts = {region_of(p) for p in places}
    return all(p.kind == "settlement" for p in places) and len(oblasts) == 1 and \
        None not in oblasts


# "strikes on the Kharkiv, Donetsk and Kirovohrad regions, in addition to the Odesa region,
# involved Kh-22 cruise missiles, Kalibr cruise missiles and Shahed drones"
_STRIKES_INVOLVED = re.compile(r"\b(?:strikes|attacks) (?:on|against) [^.;]{1,120}?"
                               r"\b(?:involved|included|used|featured)\b")


def _with_unnamed_places(in_sent, struck) -> set[str]:
    """Ids of the struck places a sentence joins with a number of places it does not name
    ("the city of Kharkiv and 12 surrounding settlements", "Nikopol and five other villages")."""
    ids = {p.id for p in struck}
    out = set()
    for mention in in_sent:
        if mention.place.id not in ids or mention.doc_sent is None:
            continue
        node = mention.doc_sent.doc[mention.end - 1]
        if node.dep_ == "pobj" and node.head.lower_ == "of" and \
                node.head.head.lower_ in ("city", "town", "village"):
            node = node.head.head  # "the city of Kharkiv"
        if any(c.dep_ == "conj" and c.lower_ in _PLACE_NOUNS and any(
                g.dep_ == "nummod" and g.like_num for g in c.children) for c in node.children):
            out.add(mention.place.id)
        elif _included_among(mention) and rule("weapons.including-among-places"):
            out.add(mention.place.id)
    return out


_PLURAL_PLACES = frozenset({"cities", "towns", "villages", "settlements", "regions", "oblasts",
                            "areas", "communities", "hromadas", "districts"})


def _included_among(mention) -> bool:
    """"Russian missiles and drones struck Ukrainian cities, including Kyiv, Lviv and Odesa",
    "an attack on various regions of Ukraine, including Kyiv": a place "including" names as
    one of several places the sentence speaks of in the plural."""
    doc, sent = mention.doc_sent.doc, mention.doc_sent
    i = mention.start - 1
    while i > sent.start and (doc[i].text in (",", "-") or doc[i].lower_ in ("and", "the") or
                              doc[i].pos_ == "PROPN"):
        i -= 1  # back over the list the place stands in ("including Kyiv, Lviv and Odesa")
    return doc[i].lower_ in ("including", "includes", "include") and any(
        t.lower_ in _PLURAL_PLACES for t in doc_tokens(doc)[sent.start:i])


def _the_reports_kind(news_weapons, place_id: str):
    """The first mention of the one kind of weapon that the report's news names, in sentences
    that strike no place or only ``place_id`` (not a background line, a day's tally, a foreign
    scene or a general target, nor a clause describing a noun); None where it names none or
    several kinds."""
    mentions = [w for kept, struck in news_weapons if struck <= {place_id} for w in kept]
    return mentions[0] if len({w.weapon.kind for w in mentions}) == 1 else None


def _opening_kind(doc, opening, weapons):
    """The weapon of the one kind a headline (a first line with no full stop at its end) tells
    as striking, not only as shot down; None where it names none or several kinds, or the
    report has no headline."""
    text = span_text(opening).strip()
    line, newline, _ = doc_text(doc)[opening.start_char:].partition("\n")
    if not newline or line.strip() != text or not is_headline(text):
        return None
    used = [w for w in weapons if opening.start <= w.start < opening.end and
            not only_downed(doc, w, opening)]
    return used[0].weapon if len({w.weapon.kind for w in used}) == 1 else None


def _capital_beside(sent, build, struck) -> tuple[Place, Mention] | None:
    """The capital an article reports already, named by that word ("in the capital") in a
    sentence that strikes other places too, with a mention where the word stands."""
    found = capital_attack(sent, build)
    if found is None:
        return None
    place = build.attacks[found[0]].place
    if any(p.id == place.id for p in struck):
        return None
    word = next((t for t in sent_tokens(sent) if t.lower_ == "capital" and (
        t.dep_ == "pobj" and t.head.lower_ in ("in", "on", "at") or
        t.head.lower_ == "city" and t.head.dep_ == "pobj" and  # "in the capital city"
        t.head.head.lower_ in ("in", "on", "at"))), None)
    if word is None or not rule("places.capital-beside-others"):
        return None
    return place, Mention(word.i, word.i + 1, place.label, place=place,
                          sent_start=sent.start, doc_sent=sent)


def _placed_by_sentence(mentions: list[Mention], sents) -> dict[int, list[Mention]]:
    """The mentions resolved to a place, by the start of their sentence, in text order: made
    once, not sought again over the whole article for each sentence."""
    starts = [sent.start for sent in sents]
    out: dict[int, list[Mention]] = {start: [] for start in starts}
    for mention in mentions:
        if mention.place is not None:
            out[starts[max(0, bisect_right(starts, mention.start) - 1)]].append(mention)
    return out


def _raion_of_sentence(in_sent) -> list[Place]:
    """"In the Nikopol district, the district centre, Marhanets … came under fire": the one
    raion the sentence names is the district whose centre it speaks of, whatever was in focus
    before (a community of another district)."""
    raions = list({m.place.id: m.place for m in in_sent
                   if m.place.kind == "raion" and not m.role}.values())
    return raions if len(raions) == 1 and rule("places.district-centre-own-sentence") else []


def _within_focus(in_sent, ids: list[str]) -> bool:
    """Every place the sentence names (beside countries and titles) lies in a place of ``ids``
    (or is one)."""
    named = [m.place for m in in_sent if not m.role and m.place.kind != "country"]
    return bool(named) and all(inside_focus(place, ids) for place in named)


def _around_focus(in_sent, build, focus) -> bool:
    """Every place the sentence names (beside countries and titles) holds a place in focus."""
    named = [m.place for m in in_sent if not m.role and m.place.kind != "country"]
    held = [build.attacks[pid].place for pid in focus]
    return bool(named) and all(any(holds(place, p) for p in held) for place in named) \
        and bool(rule("attacks.region-of-focus"))


def _weapons_struck(weapons, doc, toll: bool) -> bool:
    """"Two ballistic missiles blasted a military training facility …, killing at least 50",
    "He said two guided aerial bombs fell on residential buildings": weapons as the subject of
    a strike, with its toll or on buildings, tell the attack in focus, not a tally of the
    wave."""
    for w in weapons:
        head = doc[w.end - 1]
        if any(c.dep_ == "relcl" and c.lemma_.lower() in STRIKE_VERBS | _LANDING_VERBS and
               _on_buildings(c) for c in head.children) and \
                bool(rule("weapons.dropped-on-a-building")):
            return True  # "carried out the attack using two glide bombs that hit a school":
            # the weapons of the strike told, not the wave's tally
        if head.dep_ != "nsubj":
            continue
        verb = head.head
        lemma = verb.lemma_.lower()
        if toll and lemma in STRIKE_VERBS and bool(rule("weapons.struck-with-toll")):
            return True
        if lemma in STRIKE_VERBS | _LANDING_VERBS and _on_buildings(verb) and \
                bool(rule("weapons.struck-a-building")):
            return True
    return False


_LANDING_VERBS = frozenset({"fall", "land", "crash", "drop"})
_HIT_BUILDINGS = frozenset(cues()["hit_buildings"])


def _on_buildings(verb) -> bool:
    """The verb's object, or what it fell on or into, is a building ("fell on residential
    buildings", "hit an apartment block")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in _HIT_BUILDINGS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "into") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _HIT_BUILDINGS for g in child.children):
            return True
    return False


_AIR_STRIKES = frozenset(cues()["air_strike_words"])


def _the_weapon(doc, weapons) -> bool:
    """"the missile": one weapon named as known, right after "the"."""
    return any(w.start > 0 and doc[w.start - 1].lower_ == "the" and doc[w.end - 1].tag_ == "NN"
               for w in weapons)


def _definite_weapon(doc, weapons) -> bool:
    """"The two ballistic missiles hit around 10:15 a.m.": weapons named as known ones point
    back to the attack in focus."""
    for w in weapons:
        i = w.start - 1
        while i >= 0 and (doc[i].like_num or doc[i].pos_ == "ADJ") and w.start - i < 4:
            i -= 1
        if i >= 0 and doc[i].lower_ in ("the", "these", "those", "both") and \
                bool(rule("attacks.definite-weapon")):
            return True
    return False


def _opens_on_an_earlier_day(sent, published: date | None, build) -> bool:
    """The sentence opens with "Earlier" and is dated before every attack the report has told
    with a date ("… attacked Novaya Kakhovka …, the headquarters reported on June 20" then
    "Earlier on the night of June 18, …")."""
    if published is None or not build.order or \
            not span_text(sent).lstrip().lower().startswith("earlier"):
        return False
    when = resolve_date(span_text(sent), published)
    dated = [build.attacks[pid].date for pid in build.order if build.attacks[pid].date]
    return when is not None and bool(dated) and when < min(dated)


def _city_at_rest(sent, named, dormant: list[str], build) -> Place | None:
    """The one town of the focus at rest, inside the region an official's title names, when
    the official tells of harm to "the city" ("Later, the Dnipropetrovsk Oblast governor said
    that the missile had struck apartment blocks in the city", after a minister's reaction
    rested Pavlohrad's focus: Pavlohrad, not the oblast's capital)."""
    towns = [build.attacks[pid].place for pid in dormant
             if build.attacks[pid].place.kind == "settlement"]
    if len(towns) != 1 or not city_word_struck(sent):
        return None
    regions = [r for m in named if m.role and (r := titled_region(m, sent.doc)) is not None]
    return towns[0] if any(inside(towns[0], r) for r in regions) and \
        rule("places.officials-city-word-at-rest") else None


def _day_summary_places(sents, index: int, paragraph_starts: set[int], placed,
                        build) -> list[str]:
    """The places struck in the paragraph the sentence ends, where that paragraph opened on a
    day's summary ("During the past day, the occupiers carried out 459 shellings in 13
    settlements …"); [] otherwise."""
    opening = max((i for i in range(index) if sents[i].start in paragraph_starts), default=None)
    if opening is not None and not any(t.is_alpha for t in sents[opening]):
        opening += 1  # a quotation mark the parser made a sentence of its own
    if opening is None or opening >= index - 1 or \
            not tells_report_period(span_text(sents[opening]).lower()):
        return []
    return list(dict.fromkeys(m.place.id for i in range(opening, index)
                              for m in placed[sents[i].start] if m.place.id in build.attacks))


def _day_roundup(sents) -> bool:
    """The lead sums up the attacks of a day ("Russian attacks across Ukrainian oblasts killed
    at least one civilian … over the past day"): a plural attack noun and the period a summary
    reports, in one of the first three sentences."""
    nouns = cues()["attack_nouns"]
    return any(tells_report_period(span_text(sent).lower()) and any(
        t.tag_ == "NNS" and t.lemma_.lower() in nouns for t in sent_tokens(sent))
        for sent in sents[:3])


def _lead_date(sents, published: date | None) -> date | None:
    """A date cue in the article's first sentences ("overnight", "on Wednesday")."""
    for sent in sents[:3]:
        when = resolve_date(span_text(sent), published)
        if when:
            return when
    return None


def _zero_before_but(doc, sent, figures, in_sent) -> set[str]:
    """The kinds of the zero figures a sentence tells before a "but" that every place it names
    comes after ("No casualties were reported, but the shelling of X damaged four houses")."""
    but = next((t.i for t in sent_tokens(sent) if t.lower_ == "but"), None)
    if but is None or any(m.start < but for m in in_sent):
        return set()
    kinds = {f.kind for f in figures if f.value == 0 and f.token < but}
    if kinds:
        rule("casualties.summary-zero")
    return kinds


def _nominal(token) -> bool:
    """"shelling" used as a noun ("as a result of the shelling", "The shelling damaged …")."""
    return token.pos_ == "NOUN" or token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") or \
        token.i > 0 and token.doc[token.i - 1].lower_ in ("the", "a", "this")


def _of_the_region(verb) -> bool:
    """"shelled residential areas of the region's settlements": the verb's object is the
    region's, not the places listed."""
    return any(c.dep_ == "dobj" and any(t.lower_ in _REGION_WORDS or t.lower_ == "region's"
                                        for t in c.subtree) for c in verb.children)


_REGION_WORDS = frozenset(cues()["region_words"])
_BACK_TO_A_VICTIM = frozenset({"the", "he", "she", "this", "that"})


def _tally_of_the_day(sent) -> bool:
    """"In total, there were 23 shellings and 53 explosions over the past day": the day's count
    of strikes over the region, not the place in focus, whatever "there" points to."""
    return counts_strikes(sent) and (day_wide(sent) or "in total" in span_text(sent).lower()) \
        and bool(rule("weapons.tally-of-the-day"))


def _told_again(token) -> bool:
    """"The victim", "she": a victim pointed back to, not one told anew ("a man")."""
    return token.lower_ in _BACK_TO_A_VICTIM or any(
        c.dep_ == "det" and c.lower_ in _BACK_TO_A_VICTIM for c in token.children)


_COUNTRY_WORDS = ("ukraine", "russia", "country", "nation", "nationwide")


def _opens_an_item(sent) -> bool:
    """The sentence opens an item of its own: "In Kyiv, debris of a downed drone fell …", "They
    also struck Myrove with artillery": a place told apart, not the next of a run."""
    tokens = sent_tokens(sent)
    if len(tokens) > 2 and tokens[0].lower_ == "in" and any(t.text == "," for t in tokens[1:6]):
        return True
    return any(t.lower_ == "also" for t in tokens)


def _in_air_list(token, air_tokens) -> bool:
    """The weapon is an item of the list the air strikes are in: "came under enemy drone
    terror, air strikes, and artillery shelling"."""
    def first(t):
        while t.dep_ == "compound" and t.head.i != t.i:
            t = t.head  # "drone" of "drone terror": the item is "terror"
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        return t.i
    return any(first(token) == first(t) and token.doc[first(t)].head.lower_ == "under"
               for t in air_tokens)  # "came under …", not "hit X with drones and air strikes"


def _joined(a, b) -> bool:
    """Two words coordinated with each other ("shelling and airstrikes"), either way round."""
    return a.dep_ == "conj" and a.head.i == b.i or b.dep_ == "conj" and b.head.i == a.i


def _clause_verb(token):
    """The verb whose clause ``token`` stands in (itself if it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token.i
