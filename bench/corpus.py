"""A corpus of N distinct articles made from the development gold set.

Each article is one of the dev articles (``tests/gold/dev/*.txt``) with its settlements, people
and numbers replaced: settlements by other settlements of the same country from the bundled
gazetteer, the people its annotation names by invented names, and small figures (casualties,
counts, ages) by others of the same order. Weapon models (``Kh-101``), years, times and days of
the month are left alone. The publication date moves by up to two years. The same ``n`` and
``seed`` always give the same corpus; no two articles have the same text.

    python -m bench.corpus 400 corpus.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "tests" / "gold" / "dev"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_NUMBER = re.compile(r"(?<![\w\-:./,])(\d{1,3})(?![\w:/]|[.,]\d)")
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(MONTHS) + r")\b")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\s+$")
_STEMS = ("Bond", "Hryts", "Kovaly", "Melnych", "Tkach", "Savch", "Oliin", "Kravets", "Levch",
          "Marty", "Rudn", "Pavl", "Sydor", "Humen", "Lytv", "Moroz", "Dovzh", "Kuzm", "Yarem",
          "Voron", "Zahor", "Fedor", "Hnat", "Ostap", "Panas", "Prokop", "Semen", "Tymosh",
          "Vasyl", "Zinch", "Baran", "Bilyk", "Chorn", "Demch", "Horb", "Ivash", "Karp",
          "Lesyk", "Matv", "Nazar")
_ENDINGS = ("enko", "chuk", "iuk", "yshyn", "ovych", "skyi", "ak", "ets", "ko", "ov", "in",
            "eiko", "ovskyi", "yk")


def _dev_articles() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(DEV.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        out.append((path.stem, path.read_text(encoding="utf-8"), gold))
    return out


def _settlements() -> dict[str, list[str]]:
    """Settlement names by country, of places with a known population of 5000 or more whose
    name is not shared with another place of the gazetteer (so they resolve to one place)."""
    from kg.link.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    names: dict[str, list[str]] = {}
    for place in gazetteer:
        if place.kind != "settlement" or not re.fullmatch(r"[A-Z][A-Za-z' -]+", place.label):
            continue
        country = place.chain()[-1].label
        big = (place.population or 0) >= 5000 or country != "Ukraine"
        if big and len(gazetteer.candidates(place.label)) == 1:
            names.setdefault(country, []).append(place.label)
    return {country: sorted(set(found)) for country, found in names.items()}


def _given_names() -> dict[str, list[str]]:
    from kg.extract import people

    path = Path(people.__file__).resolve().parent.parent / "data" / "people.jsonl"
    out: dict[str, list[str]] = {"m": [], "f": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if row.get("type") == "given":
            out.setdefault(row.get("gender") or "m", []).append(row["name"])
    return out


class Generator:
    """Makes variants of the dev articles; ``article(i)`` is the i-th of the corpus."""

    def __init__(self, seed: int = 0):
        self.seed = seed
        self.articles = _dev_articles()
        self.places = _settlements()
        self.given = _given_names()

    def _surname(self, rng: random.Random) -> str:
        return rng.choice(_STEMS) + rng.choice(_ENDINGS)

    def _vary_numbers(self, text: str, rng: random.Random) -> str:
        def swap(match: re.Match) -> str:
            before = text[max(0, match.start() - 12):match.start()]
            after = text[match.end():match.end() + 12]
            if _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before):
                return match.group(1)
            value = int(match.group(1))
            if value == 0:
                return "0"
            return str(rng.randint(max(1, value // 2), value * 2 + 2))

        return _NUMBER.sub(swap, text)

    def article(self, index: int) -> dict:
        stem, text, gold = self.articles[index % len(self.articles)]
        rng = random.Random(f"{self.seed}:{index}")
        mapping: dict[str, str] = {}
        for attack in gold.get("attacks", []):
            name, country = attack.get("place"), attack.get("country")
            if attack.get("place_type") == "settlement" and name and self.places.get(country):
                mapping.setdefault(name, rng.choice(self.places[country]))
        for person in gold.get("persons", []):
            parts = person.split()
            if len(parts) < 2:
                continue
            gender = "f" if parts[0] in self.given.get("f", ()) else "m"
            surname = self._surname(rng)
            given = rng.choice(self.given.get(gender) or self.given["m"])
            mapping.setdefault(person, f"{given} {surname}")
            mapping.setdefault(parts[-1], surname)
        if mapping:
            pattern = re.compile(r"\b(" + "|".join(
                re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b")
            text = pattern.sub(lambda m: mapping[m.group(1)], text)
        text = self._vary_numbers(text, rng)
        published = date.fromisoformat(gold["published"]) + timedelta(days=rng.randint(-365, 365))
        title = text.strip().splitlines()[0][:200] if text.strip() else None
        return {"id": f"{stem}-{index:06d}", "title": title, "published": published.isoformat(),
                "text": text}


def generate(n: int, seed: int = 0) -> list[dict]:
    """``n`` distinct articles."""
    generator = Generator(seed)
    out, seen = [], set()
    for index in range(n):
        record = generator.article(index)
        attempt = 0
        while record["text"] in seen:  # an article with nothing to vary: add a varied line
            attempt += 1
            record["text"] += f"\n\nUpdated at {(index + attempt) % 24:02d}:{attempt % 60:02d}."
        seen.add(record["text"])
        out.append(record)
    return out


def write_jsonl(records: list[dict], path: str | Path) -> Path:
    path = Path(path)
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N distinct articles as JSONL.")
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_jsonl(generate(args.n, args.seed), args.out)


if __name__ == "__main__":
    main()
