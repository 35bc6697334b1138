"""Names the gazetteer knows but cannot settle on one place (several villages of that name, none
near the places the article names): still the places the text names, kept by their names,
unlinked, under the raion or region named beside them or the oblast of the place named before."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.lexicon import cues
from kg.extract.district_places import region_of
from kg.extract.place_mentions import Mention
from kg.extract.place_resolution import _unknown_place, one_place_per_name
from kg.extract.rules import rule
from kg.link.places import inside
from kg.records import Place
from kg.vocab import slug

_RUSSIAN_ENDINGS = tuple(cues()["russian_name_endings"])  # "Aleksandrovka", not "Oleksandrivka"
_COUNTRY_NAMES = {name.lower() for name in cues()["countries"].values()}  # "Ukraine", "Russia"


def _national_label(place: Place, name: str, gazetteer) -> Place:
    """"A woman was killed in the village of Aleksandrovka" of occupied Donetsk Oblast: a name
    of Russian spelling whose namesakes in the region named bear one other name, the
    country's own spelling (Oleksandrivka), is labelled by that name, as the gazetteer's
    villages are."""
    if place.parent is None or place.kind != "settlement" or place.label != name or \
            not name.lower().endswith(_RUSSIAN_ENDINGS):
        return place
    labels = {p.label for p in gazetteer.candidates(name, ("settlement",))
              if inside(p, place.parent)} - {name}
    if len(labels) != 1 or not rule("places.unlinked-national-spelling"):
        return place
    return replace(place, label=labels.pop())


def keep_unresolved(mentions: list[Mention], gazetteer) -> None:
    """A name the gazetteer knows but cannot settle on one place (several villages of that
    name, none near the places the article names): still the place the text names — kept by
    its name, unlinked, under the raion or region named beside it."""
    context = tuple(m.place for m in mentions if m.place is not None)
    for index, mention in enumerate(mentions):
        listed = rule("places.list-member") in mention.rules and mention.place is not None \
            and mention.place.parent is None
        if mention.name.lower() in _COUNTRY_NAMES:
            continue  # "Robotyne, a town Ukraine took": the country, never a village of its name
        if rule("places.neighbour-unnamed") in mention.rules:
            continue  # "The authorities of Warsaw have given … aid to Lviv" in a report that
            # never names Poland: not a village of Ukraine by that name
        if listed or mention.known and mention.place is None and not mention.role and \
                mention.hint in (None, "settlement"):
            place = mention.place if listed else \
                _unknown_place(mention, mentions, index, context, gazetteer)
            if place.parent is None:  # under the oblast of the nearest place named before it
                oblast = next((region_of(m.place) for m in reversed(mentions[:index])
                               if m.place is not None and region_of(m.place) is not None), None)
                if oblast is not None:
                    place = Place(id=f"name:{slug(mention.name)}@{oblast.id}",
                                  label=mention.name, kind="settlement", parent=oblast)
            mention.place = place
            if not listed:
                mention.rules += (rule("places.unresolved-name"),)
    for mention in mentions:
        if mention.known and mention.place is not None and mention.place.id.startswith("name:"):
            mention.place = _national_label(mention.place, mention.name, gazetteer)
    one_place_per_name(mentions)  # an unknown name told twice is one place
