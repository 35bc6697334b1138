"""The place of a report whose sentences tell of harm but name no place as struck.

"Twin girls among 10 killed after missile hits restaurant" above "A Russian missile strike at a
busy restaurant in downtown Kramatorsk killed at least 10 people": where no sentence read a place
as struck, yet the report tells an attack as news, the story happens where its headline or
lead puts it (GOLD.md: one entry per settlement the text says was struck; where no settlement
is named, the region). The first place the headline or the lead names, not as a title, an
organisation, a launch site or a country, is that place; a settlement is preferred to a region
named beside it.
"""

from __future__ import annotations

from kg.extract.doc_text import sent_tokens
from kg.extract.lexicon import cues
from kg.extract.place_mentions import Mention

#: How many sentences from the top make the headline and the lead.
LEAD_SENTENCES = 3
_HARM_LEMMAS = frozenset(cues()["lead_harm_words"])


def tells_harm(sent) -> bool:
    """The sentence tells of harm done ("smashed into an apartment complex", "struck by FAB
    bombs", "damaged a power facility"), not only of weapons fired or attacks kept up."""
    return any(t.lemma_.lower() in _HARM_LEMMAS or t.lower_ in _HARM_LEMMAS
               for t in sent_tokens(sent))


def lead_place(mentions: list[Mention], lead_news: set[int]) -> Mention | None:
    """The place the headline or lead names for a report that struck no place, or None.
    ``lead_news``: the token starts of the lead's sentences that tell news, not background."""
    named = [m for m in mentions if m.sent_start in lead_news and not m.role
             and m.place is not None and m.place.kind != "country"]
    settlements = [m for m in named if m.place.kind == "settlement"]
    if settlements:
        return settlements[0]
    return named[0] if named else None
