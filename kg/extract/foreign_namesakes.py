"""A village the gazetteer knows only in another country than the one the text is in.

"… drones targeted ethanol plants in Russia's southern Voronezh region … firefighters put out
the blaze in the Anninsky district": the gazetteer's only Anninskiy is a village of Luhansk
Oblast, of unknown size. Where the sentence, or the one before it, names a region of one
country and none of the village's, the name is a place of that region the gazetteer lacks
(``places.namesake-abroad``), not the village abroad.
"""

from __future__ import annotations

from kg.extract.district_places import region_of
from kg.extract.doc_text import sentence_of
from kg.extract.place_mentions import Mention
from kg.extract.rules import rule
from kg.link.places import country_of
from kg.records import Place
from kg.vocab import slug


def namesakes_abroad(mentions: list[Mention]) -> None:
    for mention in mentions:
        place = mention.place
        if place is None or mention.role or mention.doc_sent is None or \
                place.kind not in ("settlement", "raion"):
            continue
        village = place if place.kind == "settlement" else _named_village(place, mentions)
        if village is None or village.qid or village.population:
            continue
        country = country_of(place)
        regions = _regions_near(mention, mentions)
        if country is None or len(regions) != 1:
            continue
        region = regions[0]
        there = country_of(region)
        if there is None or there.id == country.id:
            continue
        mention.place = Place(id=f"name:{slug(mention.name)}"
                              + ("-raion" if place.kind == "raion" else "") + f"@{region.id}",
                              label=mention.name + (" District" if place.kind == "raion" else ""),
                              kind=place.kind, parent=region)
        mention.rules += (rule("places.namesake-abroad"),)


def _named_village(raion: Place, mentions: list[Mention]) -> Place | None:
    """The village a raion reading was made from ("Anninsky district" → Anninskiy's raion)."""
    region = region_of(raion)
    for other in mentions:
        if other.place is not None and other.place.kind == "settlement" and \
                region_of(other.place) == region and \
                raion.label.lower().startswith(other.place.label.lower()):
            return other.place
    return None


def _regions_near(mention: Mention, mentions: list[Mention]) -> list[Place]:
    """The regions named (outside titles) in the mention's sentence and the one before it."""
    doc = mention.doc_sent.doc
    start = mention.doc_sent.start
    if start > 0:
        start = sentence_of(doc, start - 1).start
    out: list[Place] = []
    for other in mentions:
        if other.place is not None and other.place.kind == "region" and not other.role and \
                start <= other.start < mention.doc_sent.end and other.place not in out:
            out.append(other.place)
    return out
