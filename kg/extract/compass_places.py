"""Namesakes told apart by a compass word: "one person in Mykolaiv in the country's south",
"the southern port city of Mykolaiv", "Pokrovsk in eastern Ukraine". A name that several
settlements of one country bear is read as the one lying furthest that way, when the place
chosen from context lies well off it and is the smaller of the two (a "Lviv region" named
elsewhere in the report had put the southern port city in Lviv Oblast's namesake village).
A compass word never moves a city to a smaller namesake: "Zaporizhzhia in southeastern
Ukraine" is the city, though a village of that name lies further east."""

from __future__ import annotations

from kg.extract.lexicon import cues
from kg.extract.rules import rule
from kg.link.places import country_of
from kg.records import Place

# (latitude sign, longitude sign) of each bearing: the place lying furthest that way has the
# largest lat * sign + lon * sign
_BEARINGS = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1),
             "northeast": (1, 1), "northwest": (1, -1), "southeast": (-1, 1),
             "southwest": (-1, -1)}
#: How much further (in degrees) that way the namesake must lie than the place read.
_MARGIN = 1.0
# words that may stand between a compass adjective and the name: "the southern port city of"
_BETWEEN = frozenset({"the", "of", "city", "port", "town", "village", "frontline",
                      "front-line", "industrial", "regional", "major", "coastal", "ukrainian",
                      "russian", "oblast", "centre", "center", "capital"})
_COUNTRY_WORDS = frozenset({"ukraine", "russia", "country"})  # "'s" is a token of its own
_COMPASS = frozenset(cues()["compass_adjectives"])


def _bearing(word: str) -> str | None:
    """The bearing a compass word names: "southern" and "south" are south, "north-eastern"
    is northeast."""
    word = word.lower().replace("-", "")
    stem = word[:-3] if word.endswith("ern") else word
    return stem if stem in _BEARINGS else None


def _before(doc, start: int) -> str | None:
    """"the southern port city of Mykolaiv": a compass adjective a few words before."""
    index = start - 1
    while index >= 0 and start - index <= 5:
        token = doc[index]
        if token.lower_ in _COMPASS or token.lower_.replace("-", "") in _COMPASS:
            return _bearing(token.lower_)
        if token.lower_ not in _BETWEEN:
            return None
        index -= 1
    return None


def _after(doc, end: int) -> str | None:
    """"Mykolaiv in the country's south", "Pokrovsk in eastern Ukraine", "Izmail in the south
    of the country"."""
    if end < len(doc) and doc[end].text == ",":
        end += 1  # "Mykolaiv, in the country's south,"
    if end >= len(doc) or doc[end].lower_ != "in":
        return None
    words = [t.lower_ for t in doc[end + 1:min(len(doc), end + 7)]]
    words = [w for w in words if w not in ("the", "'s", "\u2019s")]
    if len(words) >= 2 and words[0] in _COMPASS and words[1] in _COUNTRY_WORDS:
        return _bearing(words[0])  # "in eastern Ukraine"
    if len(words) >= 2 and words[0] == "country" and words[1] in _BEARINGS:
        return words[1]  # "in the country's south"
    if words and words[0] in _BEARINGS and (len(words) == 1 or words[1] in (
            "of", ",", ".", ";", "country", "ukraine", "russia")):
        return words[0]  # "in the south of the country", "in the south."
    return None


def _score(place: Place, bearing: str) -> float:
    dlat, dlon = _BEARINGS[bearing]
    return (place.lat or 0.0) * dlat + (place.lon or 0.0) * dlon


def compass_namesakes(mentions, gazetteer) -> None:
    """Re-read a settlement whose name a compass word ties to a part of the country as the
    namesake lying furthest that way (``places.compass-namesake``); every mention of that
    name read as the same place follows."""
    moved: dict[tuple[str, str], Place] = {}
    for mention in mentions:
        place = mention.place
        if place is None or place.kind != "settlement" or place.lat is None or \
                mention.doc_sent is None:
            continue
        doc = mention.doc_sent.doc
        bearing = _before(doc, mention.start) or _after(doc, mention.end)
        if bearing is None:
            continue
        country = country_of(place)
        namesakes = [p for p in gazetteer.candidates(mention.name, {"settlement"})
                     if p.lat is not None and p.lon is not None and country_of(p) == country]
        if len(namesakes) < 2:
            continue
        furthest = max(namesakes, key=lambda p: _score(p, bearing))
        if furthest.id != place.id and gazetteer.weight(furthest) > gazetteer.weight(place) and \
                _score(furthest, bearing) - _score(place, bearing) > _MARGIN and \
                rule("places.compass-namesake"):
            moved[(mention.name, place.id)] = furthest
    for mention in mentions:
        if mention.place is not None and (mention.name, mention.place.id) in moved:
            mention.place = moved[(mention.name, mention.place.id)]
            mention.rules += ("places.compass-namesake",)
