"""Synthetic attacks straight to quads, to test the store beyond what the NLP can feed it.

Each synthetic article is an ``Extraction`` record (one to four attacks on settlements of the
bundled gazetteer, attackers, weapon kinds and models, counts, casualties, dates, evidence
sentences, and quotes by invented officials with roles) turned into quads by
``kg.mapping.article_quads``, so the graph has exactly the shape ``kg ingest`` writes: one graph
per article plus the shared entity graph. Entity quads are written once. The output is an
N-Quads file with at least ``quads`` distinct quads, and a JSON file of parameter values for the
selective queries (a settlement, a speaker, an attack, a day).

    python -m bench.graph 1000000 graph.nq --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from bench.corpus import _ENDINGS, _STEMS, _given_names

SENTENCES = (
    "Russian forces struck {place} overnight with {weapon}s, regional officials said.",
    "{killed} people were killed and {injured} injured in {place}, the governor reported.",
    "Air defences shot down {count} {weapon}s over the region.",
    "Debris fell on residential buildings in {place}, damaging several homes.",
    "Emergency services were working at the site in {place} on Tuesday morning.",
)
QUOTES = (
    "The enemy attacked {place} again overnight. Rescuers are working at the scene.",
    "{killed} people were killed. My condolences to their families.",
    "Air defence was working over {place}. Stay in shelters until the all-clear.",
    "The strike damaged critical infrastructure. Power is being restored.",
)
ROLES = ("Governor of {region}", "Mayor of {place}", "Head of {region} Military Administration")
QUALIFIERS = (None, "launched", "shot down", "hit")


class GraphGenerator:
    def __init__(self, seed: int = 0, speakers: int = 2000):
        from kg.extract.lexicon import weapon_table
        from kg.link.gazetteer import load_gazetteer
        from kg.records import Actor

        self.rng = random.Random(seed)
        gazetteer = load_gazetteer()
        places = [p for p in gazetteer if p.kind == "settlement"
                  and p.chain()[-1].label == "Ukraine" and p.lat is not None]
        # a long tail: big places are struck often, small ones rarely
        places.sort(key=lambda p: -(p.population or 0))
        self.places = places
        self.weights = [1.0 / (rank + 10) for rank in range(len(places))]
        self.russia = gazetteer.actor("Russia")
        self.ukraine = gazetteer.actor("Ukraine")
        weapons, _ = weapon_table()
        self.weapons = sorted(weapons.values(), key=lambda w: w.key)
        given = _given_names()
        names = set()
        while len(names) < speakers:
            names.add(f"{self.rng.choice(given['m'] + given['f'])} "
                      f"{self.rng.choice(_STEMS)}{self.rng.choice(_ENDINGS)}")
        self.speakers = [Actor(kind="person", name=n) for n in sorted(names)]
        self.params: dict[str, str] = {}

    def _place(self):
        return self.rng.choices(self.places, weights=self.weights)[0]

    def _evidence(self, text: str, offset: int):
        from kg.records import Evidence

        return Evidence(start=offset, end=offset + len(text), text=text)

    def extraction(self, index: int):
        """The ``index``-th synthetic article's extraction record."""
        from kg.records import Article, Attack, Extraction, Statement, WeaponCount

        rng = self.rng
        published = date(2022, 2, 24) + timedelta(days=rng.randint(0, 1200))
        article = Article(identifier=f"syn{index:08d}", text="",
                          title=f"Synthetic report {index}",
                          url=f"https://example.org/news/{index}", published=published)
        offset, attacks, statements = 0, [], []
        seen_places = set()
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            place = self._place()
            if place.id in seen_places:
                continue
            seen_places.add(place.id)
            weapons = rng.sample(self.weapons, rng.choice((1, 1, 2)))
            counts = [WeaponCount(weapon=w, quantity=rng.randint(1, 120),
                                  qualifier=rng.choice(QUALIFIERS))
                      for w in weapons if rng.random() < 0.4]
            killed = rng.choice((None, 0, 1, 2, 3, 5, 8))
            injured = rng.choice((None, 0, 1, 4, 7, 12, 30))
            evidence = []
            for template in rng.sample(SENTENCES, rng.choice((1, 2, 3))):
                text = template.format(place=place.label, weapon=weapons[0].label,
                                       killed=killed or 0, injured=injured or 0,
                                       count=rng.randint(1, 50))
                evidence.append(self._evidence(text, offset))
                offset += len(text) + 1
            attacker = self.russia if rng.random() < 0.9 else self.ukraine
            attacks.append(Attack(place=place, attackers=[attacker] if rng.random() < 0.95
                                  else [], weapons=weapons, counts=counts, killed=killed,
                                  injured=injured,
                                  date=published - timedelta(days=rng.choice((0, 0, 1))),
                                  evidence=evidence))
        roles: dict = {}
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            speaker = rng.choice(self.speakers)
            attack = rng.choice(attacks)
            region = attack.place.chain()[-2].label if len(attack.place.chain()) > 1 else "Ukraine"
            quote = rng.choice(QUOTES).format(place=attack.place.label,
                                              killed=attack.killed or 0)
            role = rng.choice(ROLES).format(place=attack.place.label, region=region)
            evidence = [self._evidence(f'"{quote}" said {speaker.name}.', offset)]
            statements.append(Statement(quote=quote, speaker=speaker, start=offset + 1,
                                        role=role, channel=rng.choice((None, "Telegram")),
                                        about=attack.place.id, evidence=evidence))
            roles.setdefault(speaker, set()).add(role)
            offset += len(evidence[0].text) + 1
        return Extraction(article=article, attacks=attacks, statements=statements, roles=roles)


def write(quads: int, out: str | Path, seed: int = 0) -> dict:
    """Write at least ``quads`` distinct quads to ``out`` (N-Quads); return a summary with the
    parameters for the selective queries (also written beside it as ``…params.json``)."""
    from pyoxigraph import RdfFormat, serialize

    from kg.mapping import article_quads, attack_iri, place_iri
    from kg.vocab import ID_NS

    generator = GraphGenerator(seed)
    out = Path(out)
    seen_shared: set = set()
    total = articles = attacks = 0
    params: dict[str, str] = {}
    with open(out, "wb") as handle:
        while total < quads:
            extraction = generator.extraction(articles)
            _, own, shared = article_quads(extraction, f"synthetic-{seed}-{articles}")
            new_shared = [q for q in shared if q not in seen_shared]
            seen_shared.update(new_shared)
            handle.write(serialize(own + new_shared, format=RdfFormat.N_QUADS))
            total += len(own) + len(new_shared)
            attacks += len(extraction.attacks)
            if not params and extraction.attacks and extraction.statements:
                first = extraction.attacks[0]
                params = {
                    "attack": attack_iri(extraction.article.identifier, first).value,
                    "place": place_iri(first.place).value,
                    "speaker": f"{ID_NS}person/" + _slug(extraction.statements[0].speaker.name),
                    "day": first.date.isoformat(),
                }
            articles += 1
    summary = {"quads": total, "articles": articles, "attacks": attacks, "seed": seed,
               "params": params}
    out.with_suffix(".params.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def _slug(name: str) -> str:
    from kg.vocab import segment, slug

    return segment(slug(name))


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic quads as N-Quads.")
    parser.add_argument("quads", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(write(args.quads, args.out, args.seed)))


if __name__ == "__main__":
    main()
