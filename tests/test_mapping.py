"""Records → quads: deterministic IRIs, the graph shape, golden N-Quads."""

from datetime import date
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize

from kg.mapping import article_quads
from kg.records import (Actor, Article, Attack, Evidence, Extraction, Place, Raid, Statement,
                        Weapon, WeaponCount)
from kg.vocab import ENTITY_GRAPH, KG, RDF_TYPE

GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "mapping-small.nq"

UKRAINE = Place("Q212", "Ukraine", "country", qid="Q212", lat=49.0, lon=32.0)
RUSSIA = Place("Q159", "Russia", "country", qid="Q159")
OBLAST = Place("Q171852", "Odesa Oblast", "region", qid="Q171852", parent=UKRAINE)
ODESA = Place("Q1874", "Odesa", "settlement", qid="Q1874", lat=46.4775, lon=30.7326,
              parent=OBLAST)
SHAHED = Weapon("shahed-136", "Shahed-136", "drone")
DRONE = Weapon("drone", "drone", "drone")
TEXT = 'Russian Shahed drones hit Odesa, killing 2. "The enemy attacked," said Oleh Kiper.'


def small() -> Extraction:
    article = Article("a-1", TEXT, title="Drones hit Odesa", url="https://example.org/a?x=1&y=\"2\"",
                      published=date(2025, 6, 11))
    first = Evidence(0, 44, TEXT[:44])
    second = Evidence(45, len(TEXT), TEXT[45:])
    kiper = Actor("person", "Oleh Kiper")
    russia = Actor("country", "Russia", "Q159", RUSSIA)
    attack = Attack(place=ODESA, attackers=[russia], weapons=[SHAHED],
                    counts=[WeaponCount(DRONE, 48, "launched", first)], killed=2,
                    date=date(2025, 6, 11), evidence=[first], date_precision="night",
                    raid="russia/2025-06-11")
    raid = Raid("russia/2025-06-11", attackers=[russia],
                counts=[WeaponCount(SHAHED, 40, "shot down", second)], date=date(2025, 6, 11),
                date_precision="night", evidence=[second])
    statement = Statement(quote="The enemy attacked,", speaker=kiper, start=46,
                          role="Governor of Odesa Oblast", channel="Telegram", about="Q1874",
                          evidence=[second])
    return Extraction(article, [attack], [statement], {kiper: {"Governor of Odesa Oblast"}},
                      raids=[raid])


def nquads(quads) -> str:
    return "".join(sorted(serialize(quads, format=RdfFormat.N_QUADS).decode().splitlines(True)))


def test_golden_nquads():
    graph, own, shared = article_quads(small(), "hash-1")
    assert graph == NamedNode("https://w3id.org/strikegraph/id/article/a-1")
    assert nquads(own + shared) == GOLDEN.read_text(encoding="utf-8")


def test_same_records_same_quads():
    assert article_quads(small(), "h") == article_quads(small(), "h")


def test_article_facts_in_article_graph_entities_shared():
    graph, own, shared = article_quads(small())
    assert {q.graph_name for q in own} == {graph}
    assert {q.graph_name for q in shared} == {ENTITY_GRAPH}
    assert Quad(NamedNode("https://w3id.org/strikegraph/id/place/Q1874"), KG.partOf,
                NamedNode("https://w3id.org/strikegraph/id/place/Q171852"), ENTITY_GRAPH) in shared


def test_country_is_actor_and_location():
    _, _, shared = article_quads(small())
    russia = NamedNode("https://w3id.org/strikegraph/id/place/Q159")
    types = {q.object for q in shared if q.subject == russia and q.predicate == RDF_TYPE}
    assert types == {KG.Country, KG.Actor, KG.Location}


def test_hostile_strings_survive_a_round_trip():
    extraction = small()
    weird = 'x" } ; DROP ALL ; # <a> {b} \\ \n\u202eטקסט 🚀'
    extraction.statements[0].quote = weird
    _, own, shared = article_quads(extraction)
    store = Store()
    store.extend(own + shared)
    data = store.dump(format=RdfFormat.N_QUADS)
    again = Store()
    again.load(data, format=RdfFormat.N_QUADS)
    assert Literal(weird) in {q.object for q in again if q.predicate == KG.quote}


def test_unusable_url_is_left_out():
    extraction = small()
    extraction.article = Article("a-2", TEXT, url="not a url with spaces")
    _, own, _ = article_quads(extraction)
    assert not [q for q in own if "source" in q.predicate.value]
