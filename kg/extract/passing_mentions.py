"""Reports that tell strikes only in passing: "People across the country have been left facing
regular power blackouts as Russian strikes go on crippling Kyiv's energy infrastructure" in a
report of a £20m grant; "the Ukrainian army shelled Tokmak with cluster munitions, emergency
services said" in a report of a ministry's briefing on cluster munitions.

News of a strike tells it at the top: the headline or the lead names an attack, a weapon, harm
or victims. A report whose top tells none of these is news of something else (aid, talks, a
briefing, a repair), and a strike it tells in one or two sentences further down is context,
not its news (GOLD.md: no entries for attacks told as background). A report that tells its
strike at length below a headline of something else ("May 20 is declared a Day of Mourning",
a feature story that opens on a victim's neighbour) keeps it, as does any report whose top
names a strike."""

from __future__ import annotations

from kg.extract.attack_sentences import ATTACK_WORDS
from kg.extract.doc_text import sent_tokens
from kg.extract.lexicon import cues
from kg.records import Attack

#: At most this many sentences of the report tell its attacks, for them to be told in passing.
PASSING_SENTENCES = 2
_WAR_WORDS = ATTACK_WORDS | frozenset(cues()["damage_words"]) | frozenset(
    cues()["lead_harm_words"]) | frozenset(cues()["killed_words"]) | frozenset(
    cues()["injured_words"]) | frozenset(cues()["mourning_words"])  # "a Day of Mourning"


def top_tells_strikes(lead, weapons) -> bool:
    """One of the ``lead`` sentences (headline and lead) has a word of attack or harm, or a
    weapon (``weapons``: mentions with a ``start`` token)."""
    for sent in lead:
        if any(sent.start <= w.start < sent.end for w in weapons):
            return True
        if any(t.lemma_.lower() in _WAR_WORDS or t.lower_ in _WAR_WORDS
               for t in sent_tokens(sent)):
            return True
    return False


def told_in_passing(attacks: list[Attack]) -> bool:
    """The report's attacks are told, all together, in at most ``PASSING_SENTENCES``
    sentences."""
    told = {ev.start for attack in attacks for ev in attack.evidence}
    return bool(attacks) and len(told) <= PASSING_SENTENCES
