"""One article's extraction: attacks, statements, the roles it gives people; statements tied
to the attack they speak of."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.attacks import extract_attacks
from kg.extract.district_places import region_of
from kg.extract.rules import rule
from kg.records import Actor, Article, Attack, Extraction, Statement


def _about(statement: Statement, attacks: list[Attack], text: str) -> str | None:
    """The attack a quote speaks of: the one whose evidence shares the quote's paragraph, else
    the one whose place the speaker's role names, else the only attack of the article."""
    if not attacks:
        return None
    start = text.rfind("\n", 0, statement.start) + 1
    end = text.find("\n", statement.start)
    end = len(text) if end < 0 else end
    near = [a for a in attacks if any(start <= ev.start < end for ev in a.evidence)]
    if len(near) == 1:
        return near[0].place.id
    if statement.role:
        named = [a for a in attacks if a.place.label.lower() in statement.role.lower()]
        if len(named) == 1:
            return named[0].place.id
    if len(attacks) == 1 and near:
        return attacks[0].place.id
    return None


def _of_the_oblast(actor: Actor, attacks: list[Attack]) -> Actor | None:
    """A regional body the text only describes ("the regional administration said", read as
    "Regional Administration") is the one of the oblast every attack of the article lies in;
    with no such oblast, which body spoke is not known (None)."""
    if actor.kind != "organization" or not actor.name.startswith("Regional "):
        return actor
    oblasts = {region.label if (region := region_of(a.place)) else None for a in attacks}
    if len(oblasts) != 1 or not (oblast := oblasts.pop() or "").endswith(" Oblast"):
        return None
    rule("speakers.regional-body")
    return replace(actor, name=oblast.removesuffix(" Oblast") + " " + actor.name)


def _linked(actor: Actor, gazetteer) -> Actor:
    """The verified Wikidata item of a speaker, when the gazetteer knows the name for sure."""
    if actor.qid:
        return actor
    known = gazetteer.actor(actor.name)
    if known is not None and known.kind == actor.kind:
        return known
    return actor


def extract(doc, article: Article, gazetteer) -> Extraction:
    """Everything strikegraph reads in one parsed article: the extraction components
    (``kg.extract.pipeline``) run on ``doc``, and their results are gathered."""
    from kg.extract.pipeline import run_extraction

    doc = run_extraction(doc, article, gazetteer)
    people = doc._.sg_people
    attacks = doc._.sg_attacks
    raids = doc._.sg_raids
    statements = doc._.sg_statements
    roles = {}
    for cluster in people.persons:  # every named person the article gives a role
        if cluster.roles:
            roles.setdefault(_linked(cluster.actor, gazetteer), set()).update(cluster.roles)
    kept = []
    for statement in statements:
        speaker = _of_the_oblast(statement.speaker, attacks)
        if speaker is None:
            continue  # "the regional administration said", and no one oblast to name it by
        statement.speaker = _linked(speaker, gazetteer)
        statement.about = _about(statement, attacks, article.text)
        if statement.role and statement.speaker.kind == "person":
            roles.setdefault(statement.speaker, set()).add(statement.role)
        kept.append(statement)
    statements = kept
    return Extraction(article=article, attacks=attacks, raids=raids, statements=statements,
                      roles=roles)
