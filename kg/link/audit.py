"""Places in the wrong country: a check over a folder of articles.

    python -m kg.link.audit DIR [DIR ...]

Runs the extractor over every ``NAME.txt`` of each folder and prints each place put in another
country than

- the gold annotation says (``NAME.json`` beside the text, when present: an attack whose place
  the gold names, by any spelling the gazetteer knows, with another ``country``), or
- the text states right beside the name ("Russia's Samara region", "the Moldovan village of X").

Prints one line per offender and a count; exits 1 when there is any. The test suite runs it on
the project's gold sets (and on ``../shared/corpus/real-dev`` where that folder exists).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.link.places import country_of


@dataclass(frozen=True)
class Offender:
    article: str
    name: str
    found: str  # the place's chain, nearest first
    expected: str  # the country gold or the text gives
    why: str  # "gold" or "text"

    def __str__(self) -> str:
        return f"{self.article}: {self.name} -> {self.found} (expected in {self.expected}, " \
               f"from the {self.why})"


def _chain(place) -> str:
    return " < ".join(p.label for p in place.chain())


def _gold_countries(path: Path) -> list[tuple[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [(a["place"], a["country"]) for a in data.get("attacks", [])
            if a.get("place") and a.get("country")]


def audit_folder(folder: Path, nlp=None, gazetteer=None) -> list[Offender]:
    """The places of ``folder``'s articles that sit in the wrong country."""
    from kg.evaluation.run import GazetteerNames
    from kg.extract.attacks import extract_attacks
    from kg.extract.place_mentions import find_mentions
    from kg.extract.place_resolution import _stated_country, resolve_mentions
    from kg.link.gazetteer import load_gazetteer
    from kg.nlp.pipeline import load_pipeline, parse

    gazetteer = gazetteer or load_gazetteer()
    nlp = nlp or load_pipeline()
    names = GazetteerNames(gazetteer)
    out: list[Offender] = []
    for text_path in sorted(folder.glob("*.txt")):
        article = text_path.stem
        doc = next(parse(nlp, [text_path.read_text(encoding="utf-8")]))
        gold = _gold_countries(text_path.with_suffix(".json"))
        for attack in extract_attacks(doc, gazetteer, None):
            country = country_of(attack.place)
            for name, expected in gold:
                if not (names.same(attack.place.label, name)):
                    continue
                if country is None or not names.same(country.label, expected):
                    out.append(Offender(article, attack.place.label, _chain(attack.place),
                                        expected, "gold"))
                break
        mentions = find_mentions(doc, gazetteer)
        resolve_mentions(mentions, gazetteer)
        for mention in mentions:
            if mention.place is None or mention.role or mention.doc_sent is None:
                continue
            stated = _stated_country(mention, gazetteer)
            if stated is not None and country_of(mention.place) is not stated:
                out.append(Offender(article, mention.name, _chain(mention.place), stated.label,
                                    "text"))
    return list(dict.fromkeys(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.link.audit",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of NAME.txt articles")
    args = parser.parse_args(argv)
    total = 0
    for folder in args.folders:
        found = audit_folder(folder)
        for offender in found:
            print(offender)
        print(f"{folder.name}: {len(found)} place(s) in the wrong country")
        total += len(found)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
