"""Explicit zeros: "no one was hurt" (killed 0, injured 0), "nobody was injured" (injured 0),
"no deaths" (killed 0), and "no information about casualties" (nothing), each with where it is
said in the sentence."""

from __future__ import annotations

import re

from kg.extract.lexicon import cues
from kg.extract.regex_literals import search
from kg.extract.rules import rule

_NOBODY = (r"(?:no one|no-one|nobody|none(?: of the \w+)?|no people|no civilians?|no residents?"
           r"|no persons?|not a single person)")
_BE = r"(?:was|were|has been|have been|had been|is|are|got)"
_THERE_NO_ONE = r"there (?:was|were) no one"  # "there was no one injured"
_NOT = (r"\b(?:people|civilians|residents|locals|passengers|employees|workers)"
        r"(?: of (?:the |these |those |this |that )?\w+(?: \w+)?)? (?:were|are|have) "
        r"not (?:been )?")  # "people were not injured", "residents of these communities were not"
_SAID = r"(?:also |reportedly |reported |immediately )?"
# "the attack did not result in any injuries", "didn't cause any deaths"
_DID_NOT = r"\b(?:did not|didn't|didn’t) (?:cause|result in|lead to) (?:any )?"
_BOTH = re.compile(
    r"\bno (?:\w+ )?(?:\w+ (?:or|and) )?(?:casualties|victims)\b"  # "no damage or casualties"
    r"|\bwithout (?:causing |leaving |resulting in )?(?:any )?(?:casualties|victims)\b"
    r"|\bcasualties were avoided\b"
    # a governor's "The district was attacked by two drones, but there were no consequences"
    r"|\b(?:with|were|was|had) no consequences\b|" + _DID_NOT + r"(?:casualties|(?:deaths|fatalities) or "
    r"(?:injuries|injured)|injuries or deaths)\b"
    r"|\bcasualties (?:have|had) not been reported\b"
    r"|\bcasualties (?:were|are) not (?:reported|recorded)\b"
    r"|\b(?:no|without) (?:immediate |preliminary )?reports? of (?:any )?(?:civilian )?"
    r"(?:casualties|victims)\b"  # "came under attack, but without reports of casualties"
    r"|\b(?:have|has|had) not (?:yet )?reported any (?:casualties|victims)\b"
    r"|\b(?:left|leaving) (?:no one|nobody|no-one) (?:hurt|harmed)\b"
    # "There were no reports of anyone being hurt", "nobody became a casualty"
    r"|\bno (?:immediate )?reports? of (?:anyone|anybody|people) (?:being )?(?:hurt|harmed)\b"
    r"|\b(?:nobody|no one|no-one) (?:became|was|were) (?:a )?(?:casualty|casualties)\b"
    r"|\b(?:" + _NOBODY + r" " + _BE + r"|" + _THERE_NO_ONE + r") (?:\w+ )?(?:hurt|harmed|affected"
    r"|killed or (?:injured|wounded|hurt)|(?:injured|wounded|hurt) or killed)\b"
    r"|\bno (?:dead|deaths) or (?:injured|wounded|injuries)\b"
    # "there were no people killed or injured", "the debris hurt no one"
    r"|\bno (?:people|civilians|residents) (?:were )?(?:killed or (?:injured|wounded)"
    r"|(?:injured|wounded) or killed)\b"
    r"|\b(?:hurt|hurting|harmed|harming) (?:no one|nobody|no-one)\b(?!['’])"
    r"|" + _NOT + r"(?:hurt|harmed|affected)\b"
    r"|\b(?:escaped|escaping|were|remained|(?:came|coming|come|got|getting) through) (?:\w+ )?"
    r"(?:unharmed|unhurt|uninjured)\b"  # "residents fortunately coming through unharmed"
    r"|(?<!most )(?<!many )(?<!some )(?<!other )\b(?:people|civilians|residents|locals) "
    r"(?:are|remain) (?:\w+ )?"
    r"(?:unharmed|unhurt|uninjured|safe)\b")  # "So far, people are unharmed", "People are safe"
_KILLED = re.compile(
    r"\b" + _NOBODY + r" " + _BE + r" " + _SAID + r"killed\b"
    r"|\bno (?:deaths|fatalities|one died|dead)\b|\bnobody died\b|\bno one died\b"
    r"|\bno loss of (?:human )?life\b|\bclaimed no (?:human )?lives\b"
    # "everyone is alive", not "not everyone is alive", "whether everyone is alive"
    r"|(?<!not )(?<!whether )(?<!hope )(?<!if )(?<!that )\b(?:everyone|everybody) "
    r"(?:is|was|remained|stayed) alive\b"
    r"|" + _DID_NOT + r"(?:\w+ or )?(?:deaths|fatalities)\b"
    r"|" + _NOT + r"killed\b"
    r"|\b(?:killed|killing) (?:no one|nobody|no-one)\b(?!['’])")  # "the strike killed no one"
_INJURED = re.compile(
    r"\b(?:" + _NOBODY + r" " + _BE + r"|" + _THERE_NO_ONE + r") " + _SAID
    + r"(?:injured|wounded)\b"
    r"|\bno (?:injuries|injured|wounded)\b"
    r"|\bno (?:deaths|fatalities) or (?:injuries|injured|wounded)\b"
    r"|\bno people (?:injured|wounded)\b"
    r"|\bno (?:immediate |preliminary )?reports? of (?:any )?(?:civilian )?"
    r"(?:injuries|injured|wounded)\b"
    r"|\bwithout (?:any )?(?:injuries|injured)\b"
    r"|\b(?:left|leaving) (?:no one|nobody|no-one) (?:injured|wounded)\b"
    r"|\bno (?:immediate )?reports? of (?:anyone|anybody|people) (?:being )?(?:injured|wounded)\b"
    r"|" + _DID_NOT + r"(?:\w+ or )?(?:injuries|injured|wounded)\b"
    r"|" + _NOT + r"(?:injured|wounded)\b"
    r"|\b(?:injured|injuring|wounded|wounding) (?:no one|nobody|no-one)\b(?!['’])"
    # "no one sustained any injuries"
    r"|\b(?:no one|nobody|no-one) (?:has |had |was )?(?:sustained|suffered|received) "
    r"(?:any )?(?:injuries|wounds)\b")

def zero_kinds(text: str) -> dict[str, int]:
    """"No one was hurt" → killed 0 and injured 0; "nobody was injured" → injured 0; "no
    information about casualties" or "being clarified" → nothing. Each kind with the character
    offset where it is said ("Pokrovsk: 1 injured; Druzhkivka: no casualties")."""
    if any(phrase in text for phrase in cues()["unknown_casualties"]):
        return {}
    kinds: dict[str, int] = {}
    for pattern, said in ((_BOTH, ("killed", "injured")), (_KILLED, ("killed",)),
                          (_INJURED, ("injured",))):
        match = search(pattern, text)  # skipped where no word it needs is in the text
        if match and _not_without(text, match):
            continue
        if match:
            for kind in said:
                kinds.setdefault(kind, match.start())
    return kinds


_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+){0,2}$")


def _not_without(text: str, match) -> bool:
    """"the terror did not pass without casualties": "without" denied is casualties told."""
    return match.group().startswith("without") and \
        _NEGATED.search(text, 0, match.start()) is not None and \
        bool(rule("casualties.not-without"))
