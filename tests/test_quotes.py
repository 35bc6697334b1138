"""Direct quotes: where a statement's offsets and evidence point, and the seed articles' statements.
The quotation marks, speakers and channels of one text are case-manifest cases:
``tests/cases/quotes_marks.jsonl``, ``tests/cases/quotes_statements.jsonl``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.people import find_people
from kg.extract.quotes import extract_statements
from kg.nlp.pipeline import load_pipeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()  # cached: one load per test session


def statements(nlp, text):
    doc = nlp(text)
    return extract_statements(doc, find_people(doc))


def test_quote_offsets_and_evidence_point_into_the_text(nlp):
    text = ("Overnight, drones hit Sumy. “Three people were hurt,” Governor Volodymyr Artiukh said. "
            "Firefighters worked until dawn.")
    doc = nlp(text)
    [st] = extract_statements(doc, find_people(doc))
    assert text[st.start:st.start + len(st.quote)] == st.quote == "Three people were hurt,"
    assert [(e.text, text[e.start:e.end]) for e in st.evidence] == [
        ("“Three people were hurt,” Governor Volodymyr Artiukh said.",) * 2]
    assert st.about is None


# --- the seed articles -------------------------------------------------------------------------

def seed(nlp, prefix):
    [path] = SEEDS.glob(prefix + "_*.txt")
    return statements(nlp, path.read_text(encoding="utf-8"))


def test_seed_000_statements(nlp):
    found = [(s.speaker.name, s.quote[:30], s.channel, s.role) for s in seed(nlp, "000")]
    assert found == [
        ("Oleksiy Kuleba", "according to preliminary data,", "Telegram", "Governor of Kyiv Oblast"),
        ("Oleksiy Kuleba", "Emergency services are already", "Telegram", "Governor of Kyiv Oblast"),
        ("Newsweek", "targeted ‘clusters of manpower", None, None),
    ]


def test_seed_003_statements(nlp):
    found = [(s.speaker.name, s.quote[:25], s.channel) for s in seed(nlp, "003")]
    assert found == [
        ("Vitali Klitschko", "Russia launched a massive", "Telegram"),
        ("Olena Mykhailenko", "It was like the sky was o", None),
        ("Donald Trump", "I don’t want to have a wa", None),
        ("Natalia Humeniuk", "Our resilience remains st", None),
        ("European Union", "indiscriminate and inhuma", None),
        ("United Nations", "indiscriminate and inhuma", None),
        ("NATO", "indiscriminate and inhuma", None),
        ("António Guterres", "continued strikes on citi", None),
    ]
    roles = {s.speaker.name: s.role for s in seed(nlp, "003")}
    assert roles["Vitali Klitschko"] == "Mayor of Kyiv"
    assert roles["Natalia Humeniuk"] == "Military spokesperson of Ukraine"
