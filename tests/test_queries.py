"""The bundled queries against a hand-written sample graph, and the query catalog."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, RdfFormat, Store, Variable

from kg.errors import QueryError
from kg.queries import (
    QUERY_DIR, Parameter, bind, bundled_names, bundled_queries, describe, execute, load_query,
    parse_header, query_from_text, run_query, term_for,
)

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
ONTOLOGY = HERE.parent / "ontology" / "strikegraph.ttl"
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/strikegraph/ontology")
ID = "https://w3id.org/strikegraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
HOSTILE = 'x" } ; DROP ALL ; #'

# A value for every parameter a bundled query declares (a test keeps this complete).
SAMPLE_VALUES = {
    "place": "id:place/Q170666",
    "kind": "id:weapon/drone",
    "speaker": "id:person/volodymyr-zelenskyy",
    "attacker": "id:place/Q212",
    "from": "2024-07-09",
    "to": "2024-07-09",
    "attack": "id:attack/a1-kyiv/Q1899",
    "incident": "id:incident/2024-07-08/Q1899",
}


def sample_store() -> Store:
    from kg.incidents import rebuild_incidents
    from kg.store import GraphStore

    graph_store = GraphStore()
    store = graph_store.raw
    store.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    if ONTOLOGY.exists():  # the real ontology on top: the weapon kinds must agree with it
        store.load(path=str(ONTOLOGY), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    rebuild_incidents(graph_store)  # as kg ingest leaves them: the Kyiv attack of a1 and a3
    return store


@pytest.fixture()
def sample() -> Store:
    return sample_store()


def rows(store: Store, name: str, values: dict | None = None) -> list[dict]:
    """The visible columns of a SELECT query's rows, as plain strings (None where unbound)."""
    results = execute(store, load_query(name), values)
    assert isinstance(results, QuerySolutions)
    names = [v.value for v in results.variables if not v.value.startswith("_")]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in results]


def column(table: list[dict], name: str) -> list:
    return [row[name] for row in table]


def items(text: str | None) -> set[str]:
    return set(text.split(", ")) if text else set()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The folder


REQUIRED_QUESTIONS = {
    "attacks-by-place", "casualties-by-place-and-date", "weapons-used", "weapon-counts",
    "statements-by-speaker", "who-said-what-about-which-attack", "actors-and-roles", "timeline",
    "articles", "linked-entities", "places-ranked-by-attacks", "attacks-by-attacker",
    "evidence-for-attack",
}
NAMES = bundled_names()
# Queries tagged "online" call a remote endpoint (SERVICE): checked here without running them.
ONLINE = {info.name for info in bundled_queries() if "online" in info.tags}


def test_the_bundled_queries_answer_every_question():
    assert len(NAMES) >= 12
    assert REQUIRED_QUESTIONS <= set(NAMES)


def test_the_checks_are_not_bundled_queries():
    assert not any(name.endswith("-violation") for name in NAMES)
    assert all(info.path.parent == QUERY_DIR for info in bundled_queries())


# YAML indicators that may not start a plain scalar, and sequences a plain scalar may not hold.
_YAML_UNSAFE_START = tuple("[]{}&*!|>'\"%@`,?:-#")


@pytest.mark.parametrize("name", NAMES)
def test_header(name):
    info = load_query(name)
    lines = info.text.splitlines()
    assert lines[0].startswith("#+ summary: ")
    assert info.summary and info.description and info.tags
    assert all(re.fullmatch(r"[a-z]+", tag) for tag in info.tags)
    # grlc reads the header as YAML: plain scalars must stay plain
    for value in (info.summary, info.description, *info.tags):
        assert ": " not in value and " #" not in value, value
        assert not value.startswith(_YAML_UNSAFE_START), value
    for line in lines:
        if line.startswith("#+"):
            assert re.fullmatch(r"#\+ (summary|description|tags|defaults):( .+)?|#\+   - .+", line)


@pytest.mark.parametrize("name", NAMES)
def test_valid_sparql_as_it_stands(name):
    """Each file parses on its own: its prefixes are declared in it, parameters left unbound."""
    Store().query(load_query(name).text)


@pytest.mark.parametrize("name", NAMES)
def test_a_query_that_needs_the_network_says_so(name):
    info = load_query(name)
    sparql = "\n".join(line for line in info.text.splitlines() if not line.startswith("#"))
    assert bool(re.search(r"\bSERVICE\b", sparql, re.I)) == (name in ONLINE)


@pytest.mark.parametrize("name", NAMES)
def test_parameters_follow_the_grlc_names(name):
    for parameter in load_query(name).parameters:
        underscores = "_" if parameter.required else "__"
        suffix = {"iri": "_iri", "integer": "_integer", "date": "_xsd_date", "string": ""}
        assert parameter.variable == underscores + parameter.name + suffix[parameter.type]
        assert parameter.name in SAMPLE_VALUES, f"add a sample value for {parameter.name}"


# ---------------------------------------------------------------------------------------------
# Every bundled query on the sample graph


def check_attacks_by_place(table):
    assert [(r["place"], r["article"]) for r in table] == [
        ("Aksyutivka", "a2-kharkiv"), ("Belgorod", "a2-kharkiv"), ("Kharkiv", "a2-kharkiv"),
        ("Kyiv", "a1-kyiv"), ("Kyiv", "a3-odesa"), ("Odesa", "a3-odesa")]
    kyiv = table[3]
    assert (kyiv["date"], kyiv["killed"], kyiv["injured"]) == ("2024-07-08", "4", "19")
    assert kyiv["attackers"] == "Russia"
    assert items(kyiv["weapons"]) == {"Kh-101", "ballistic missile"}
    assert kyiv["attack"] == ID + "attack/a1-kyiv/Q1899"
    odesa = table[5]
    assert odesa["date"] is None and odesa["injured"] is None and odesa["killed"] == "2"
    assert table[0]["attackers"] is None  # Aksyutivka: no attacker stated
    assert "__place_iri" not in kyiv


def check_casualties(table):
    assert [(r["place"], r["date"], r["killed"], r["injured"], r["reports"]) for r in table] == [
        ("Aksyutivka", "2024-07-09", None, "2", "1"),
        ("Belgorod", "2024-07-09", None, "3", "1"),
        ("Kharkiv", "2024-07-09", "1", "7", "1"),
        ("Kyiv", "2024-07-08", "5", "21", "2"),  # two articles: the higher toll, not a sum
        ("Odesa", None, "2", None, "1"),
    ]


def check_weapons_used(table):
    counts = {r["kindIri"]: int(r["attacks"]) for r in table}
    assert counts == {
        ID + "weapon/drone": 3, ID + "weapon/missile": 3, ID + "weapon/ballistic-missile": 2,
        ID + "weapon/cruise-missile": 1, ID + "weapon/glide-bomb": 1,
        ID + "weapon/aerial-bomb": 1,
    }
    drone = next(r for r in table if r["kindIri"] == ID + "weapon/drone")
    assert drone["kind"] == "drone"
    assert items(drone["namedAs"]) == {"Shahed-136", "drone"}
    missile = next(r for r in table if r["kindIri"] == ID + "weapon/missile")
    assert items(missile["namedAs"]) == {"Kh-101", "Iskander-M", "ballistic missile", "missile"}
    assert column(table, "attacks") == sorted(column(table, "attacks"), key=int, reverse=True)


def check_weapon_counts(table):
    assert [(r["article"], r["place"], r["weapon"], r["kind"], r["quantity"], r["qualifier"])
            for r in table] == [
        ("a1-kyiv", "Kyiv", "Kh-101", "cruise missile", "13", "launched"),
        ("a2-kharkiv", "Kharkiv", "Shahed-136", "drone", "20", "launched"),
        ("a2-kharkiv", "Kharkiv", "drone", "drone", "15", "shot down"),
    ]


def check_statements(table):
    assert [(r["speaker"], r["article"]) for r in table] == [
        ("Oleh Syniehubov", "a2-kharkiv"), ("Ukrainian Air Force", "a2-kharkiv"),
        ("Vitali Klitschko", "a1-kyiv"), ("Volodymyr Zelenskyy", "a1-kyiv"),
        ("Volodymyr Zelenskyy", "a3-odesa")]
    klitschko = table[2]
    assert klitschko["roles"] == "Mayor of Kyiv"
    assert klitschko["channel"] == "Telegram"
    assert klitschko["quote"] == "Rescuers are working at the site in Shevchenkivskyi district"
    assert not table[1]["roles"]  # an organization has no role (unbound or "")
    assert table[3]["channel"] is None


def check_who_said(table):
    assert [(r["speaker"], r["place"], r["article"]) for r in table] == [
        ("Oleh Syniehubov", "Kharkiv", "a2-kharkiv"),
        ("Vitali Klitschko", "Kyiv", "a1-kyiv"),
        ("Volodymyr Zelenskyy", "Odesa", "a3-odesa")]
    assert table[1]["attack"] == ID + "attack/a1-kyiv/Q1899"


def check_actors(table):
    assert [(r["actor"], r["type"], r["role"]) for r in table] == [
        ("Russia", "country", None), ("Ukraine", "country", None),
        ("Ukrainian Air Force", "organization", None),
        ("Oleh Syniehubov", "person", "Head of the Kharkiv Regional Military Administration"),
        ("Vitali Klitschko", "person", "Mayor of Kyiv"),
        ("Volodymyr Zelenskyy", "person", "President of Ukraine"),  # stated twice, one row
    ]
    assert items(table[5]["statedIn"]) == {"a1-kyiv", "a3-odesa"}
    assert table[5]["wikidata"] == "http://www.wikidata.org/entity/Q3874799"
    assert table[4]["wikidata"] is None  # Klitschko is not linked in the sample


def check_timeline(table):
    assert [(r["date"], r["place"]) for r in table] == [
        ("2024-07-08", "Kyiv"), ("2024-07-08", "Kyiv"), ("2024-07-09", "Aksyutivka"),
        ("2024-07-09", "Belgorod"), ("2024-07-09", "Kharkiv")]  # Odesa has no date


def check_articles(table):
    assert [(r["article"], r["published"], r["attacks"], r["statements"]) for r in table] == [
        ("a1-kyiv", "2024-07-08", "1", "2"), ("a2-kharkiv", "2024-07-10", "3", "2"),
        ("a3-odesa", "2024-07-15", "2", "1")]
    assert items(table[1]["places"]) == {"Kharkiv", "Aksyutivka", "Belgorod"}
    assert table[0]["title"] == "Russian missile attack on Kyiv kills four"
    assert table[0]["source"] == "https://news.example.org/2024/07/08/kyiv-missile-attack"
    assert table[2]["source"] is None


def check_linked(table):
    links = {r["label"]: (r["source"], r["link"], r["type"]) for r in table}
    assert links["Aksyutivka"] == ("GeoNames", "http://sws.geonames.org/713728/", "settlement")
    assert links["Kyiv"] == ("Wikidata", "http://www.wikidata.org/entity/Q1899", "settlement")
    assert links["Kharkiv Oblast"][2] == "region"
    assert links["Volodymyr Zelenskyy"][2] == "person"
    assert set(links) == {"Aksyutivka", "Russia", "Ukraine", "Volodymyr Zelenskyy",
                          "Kharkiv Oblast", "Odesa Oblast", "Belgorod", "Kharkiv", "Kyiv", "Odesa"}
    assert "Vitali Klitschko" not in links and "Shevchenkivskyi district" not in links
    assert len(table) == len(links)


def check_places_ranked(table):
    assert [(r["place"], r["reports"], r["articles"]) for r in table] == [
        ("Kyiv", "2", "2"), ("Aksyutivka", "1", "1"), ("Belgorod", "1", "1"),
        ("Kharkiv", "1", "1"), ("Odesa", "1", "1")]
    assert (table[0]["partOf"], table[0]["days"], table[0]["first"]) == ("Ukraine", "1",
                                                                          "2024-07-08")
    assert table[1]["partOf"] == "Kharkiv Oblast"
    assert table[0]["placeIri"] == ID + "place/Q1899"


def check_attacks_by_attacker(table):
    assert [(r["attacker"], r["reports"], r["placeCount"]) for r in table] == [
        ("Russia", "4", "3"), ("Ukraine", "1", "1")]
    assert items(table[0]["places"]) == {"Kyiv", "Kharkiv", "Odesa"}
    assert table[0]["attackerIri"] == ID + "place/Q159"


def check_evidence(table):
    assert [(r["start"], r["end"], r["for"]) for r in table] == [
        ("0", "125", "the attack"), ("126", "212", "the attack"),
        ("213", "326", "a quote of Vitali Klitschko"), ("327", "395", "the attack")]
    assert table[0]["sentence"].startswith("Russia struck Kyiv with Kh-101 cruise missiles")
    assert all(int(r["end"]) - int(r["start"]) == len(r["sentence"]) for r in table)
    assert set(column(table, "article")) == {"a1-kyiv"}


def check_incidents(table):
    assert [(r["place"], r["date"], r["reports"], r["killed"], r["injured"]) for r in table] == [
        ("Kyiv", "2024-07-08", "2", "5", "21"), ("Aksyutivka", "2024-07-09", "1", None, "2"),
        ("Belgorod", "2024-07-09", "1", None, "3"), ("Kharkiv", "2024-07-09", "1", "1", "7"),
        ("Odesa", None, "1", "2", None)]
    assert (table[0]["killed_low"], table[0]["killed_high"], table[0]["injured_low"],
            table[0]["injured_high"]) == ("4", "5", "19", "21")


def check_incident_sources(table):
    assert [(r["article"], r["published"], r["killed"], r["incident_killed"]) for r in table] == [
        ("a1-kyiv", "2024-07-08", "4", "5"), ("a3-odesa", "2024-07-15", "5", "5")]


EXPECTED = {
    "attacks-by-place": check_attacks_by_place,
    "casualties-by-place-and-date": check_casualties,
    "weapons-used": check_weapons_used,
    "weapon-counts": check_weapon_counts,
    "statements-by-speaker": check_statements,
    "who-said-what-about-which-attack": check_who_said,
    "actors-and-roles": check_actors,
    "timeline": check_timeline,
    "articles": check_articles,
    "linked-entities": check_linked,
    "places-ranked-by-attacks": check_places_ranked,
    "attacks-by-attacker": check_attacks_by_attacker,
    "evidence-for-attack": check_evidence,
    "describe-attack": None,  # CONSTRUCT: checked below
    "incidents": check_incidents,
    "incident-sources": check_incident_sources,
    "raids": None,  # the sample has no raids: tests/test_raids.py
}


def test_every_offline_bundled_query_has_an_expectation():
    assert set(EXPECTED) == set(NAMES) - ONLINE


@pytest.mark.parametrize("name", [n for n in NAMES if EXPECTED.get(n)])
def test_bundled_query_on_the_sample(sample, name):
    required = {p.name: SAMPLE_VALUES[p.name] for p in load_query(name).parameters if p.required}
    EXPECTED[name](rows(sample, name, required))


def test_describe_attack_gives_the_attack_its_counts_and_evidence(sample):
    info = load_query("describe-attack")
    triples = list(execute(sample, info, {"attack": "id:attack/a2-kharkiv/Q42308"}))
    subjects = {t.subject.value for t in triples}
    attack = ID + "attack/a2-kharkiv/Q42308"
    assert attack in subjects
    assert attack + "/count/shahed-136/launched" in subjects
    assert ID + "evidence/a2-kharkiv/0-104" in subjects
    assert ID + "statement/a2-kharkiv/275" in subjects  # Syniehubov's quote about it
    assert (ID + "weapon/shahed-136", "Shahed-136") in {
        (t.subject.value, t.object.value) for t in triples
        if t.predicate.value.endswith("#label")}
    assert not any(t.subject.value.startswith(ID + "attack/a1-kyiv") for t in triples)


# ---------------------------------------------------------------------------------------------
# Optional parameters, bound


def test_attacks_by_place_in_a_region_covers_its_settlements(sample):
    table = rows(sample, "attacks-by-place", {"place": "id:place/Q170666"})  # Kharkiv Oblast
    assert column(table, "place") == ["Aksyutivka", "Kharkiv"]


def test_attacks_by_place_in_a_country(sample):
    table = rows(sample, "attacks-by-place", {"place": ID + "place/Q159"})  # Russia
    assert column(table, "place") == ["Belgorod"]
    assert column(table, "attackers") == ["Ukraine"]


def test_attacks_by_place_one_city(sample):
    table = rows(sample, "attacks-by-place", {"place": "id:place/Q1899"})
    assert column(table, "article") == ["a1-kyiv", "a3-odesa"]


def test_the_shahed_attack_is_found_under_drone(sample):
    table = rows(sample, "weapons-used", {"kind": "id:weapon/drone"})
    assert len(table) == 1
    assert (table[0]["kind"], table[0]["attacks"]) == ("drone", "3")
    assert "Shahed-136" in items(table[0]["namedAs"])


def test_a_model_counts_under_every_kind_above_it(sample):
    table = rows(sample, "weapons-used", {"kind": "id:weapon/missile"})
    assert table[0]["attacks"] == "3"  # Kh-101 (cruise), Iskander-M (ballistic), "missiles"


def test_statements_of_one_speaker(sample):
    table = rows(sample, "statements-by-speaker", {"speaker": "id:person/volodymyr-zelenskyy"})
    assert column(table, "article") == ["a1-kyiv", "a3-odesa"]
    assert set(column(table, "roles")) == {"President of Ukraine"}


def test_attacks_by_one_attacker(sample):
    table = rows(sample, "attacks-by-attacker", {"attacker": "id:place/Q212"})
    assert [(r["attacker"], r["places"]) for r in table] == [("Ukraine", "Belgorod")]


@pytest.mark.parametrize(("values", "expected"), [
    ({"from": "2024-07-09"}, ["Aksyutivka", "Belgorod", "Kharkiv"]),
    ({"to": "2024-07-08"}, ["Kyiv", "Kyiv"]),
    ({"from": "2024-07-08", "to": "2024-07-08"}, ["Kyiv", "Kyiv"]),
    ({"from": "2024-07-10"}, []),
])
def test_timeline_range(sample, values, expected):
    assert column(rows(sample, "timeline", values), "place") == expected


def test_evidence_for_another_attack(sample):
    table = rows(sample, "evidence-for-attack", {"attack": ID + "attack/a3-odesa/Q1874"})
    assert column(table, "for") == ["the attack", "a quote of Volodymyr Zelenskyy"]


def test_evidence_for_an_unknown_attack_is_empty(sample):
    assert rows(sample, "evidence-for-attack", {"attack": ID + "attack/nope/Q1"}) == []


# ---------------------------------------------------------------------------------------------
# The same answers under grlc, which pastes values into the text


def grlc_rewrite(text: str, substitutions: dict) -> str:
    """What grlc does with a value: replace every ``?variable`` in the text by the term."""
    for variable, term in substitutions.items():
        text = re.sub(re.escape("?" + variable.value) + r"\b", str(term), text)
    return text


def grlc_cases():
    for info in bundled_queries():
        if info.parameters and info.name not in ONLINE:
            yield info.name


@pytest.mark.parametrize("name", list(grlc_cases()))
def test_grlc_text_substitution_gives_the_same_rows(sample, name):
    info = load_query(name)
    values = {p.name: SAMPLE_VALUES[p.name] for p in info.parameters}
    substitutions = bind(info, values)
    expected = execute(sample, info, values)
    pasted = sample.query(grlc_rewrite(info.text, substitutions), use_default_graph_as_union=True)
    if isinstance(expected, QuerySolutions):
        def visible(results):
            names = [v.value for v in results.variables if not v.value.startswith("_")]
            return [tuple(str(s[n]) for n in names) for s in results]
        want = visible(expected)
        assert want and visible(pasted) == want
    else:
        assert set(map(str, pasted)) == set(map(str, expected)) != set()


# ---------------------------------------------------------------------------------------------
# Duplicates across graphs


def test_loading_the_sample_twice_duplicates_nothing(sample):
    sample.load(path=str(SAMPLE), format=RdfFormat.TRIG)  # loading twice: set semantics
    assert len(rows(sample, "weapons-used")) == 6
    assert len(rows(sample, "actors-and-roles")) == 6


def test_a_role_stated_in_two_articles_is_one_row(sample):
    # the role is in a1-kyiv's and a3-odesa's graphs; the union default graph sees it twice
    table = [r for r in rows(sample, "actors-and-roles") if r["actor"] == "Volodymyr Zelenskyy"]
    assert len(table) == 1


# ---------------------------------------------------------------------------------------------
# Binding


def string_query(tmp_path: Path) -> Path:
    return write(tmp_path / "by-label.rq", (
        "#+ summary: By label\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?thing $__label WHERE { ?thing rdfs:label ?__label }\n"))


def test_a_hostile_string_stays_a_mere_value(tmp_path, sample):
    info = load_query(string_query(tmp_path))
    assert bind(info, {"label": HOSTILE}) == {Variable("__label"): Literal(HOSTILE)}
    size = len(sample)
    assert list(execute(sample, info, {"label": HOSTILE})) == []
    assert len(sample) == size
    thing = NamedNode(ID + "thing/odd")
    sample.add(Quad(thing, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    Literal(HOSTILE)))
    assert [s["thing"] for s in execute(sample, info, {"label": HOSTILE})] == [thing]
    assert len(sample) == size + 1


def test_a_hostile_value_for_an_iri_is_a_label_no_entity_has(sample):
    info = load_query("attacks-by-place")
    with pytest.raises(QueryError) as error:
        bind(info, {"place": HOSTILE}, sample)
    assert str(error.value) == (
        "queries/attacks-by-place.rq: parameter 'place': no entity in the store is labelled "
        "'x\" } ; DROP ALL ; #' (give an IRI, or see the names with kg query linked-entities)")
    assert bind(info, {"place": HOSTILE}) == {}  # checked in the store only, when it runs


def test_a_label_or_a_wikidata_id_names_an_entity_of_the_store(sample):
    info = load_query("attacks-by-place")
    kharkiv = {Variable("__place_iri"): NamedNode(ID + "place/Q42308")}
    assert bind(info, {"place": "Kharkiv"}, sample) == kharkiv
    assert bind(info, {"place": "kharkiv"}, sample) == kharkiv  # case does not matter
    assert bind(info, {"place": "Q42308"}, sample) == kharkiv  # its owl:sameAs
    assert rows(sample, "attacks-by-place", {"place": "Kyiv"}) == rows(
        sample, "attacks-by-place", {"place": ID + "place/Q1899"})
    with pytest.raises(QueryError) as error:
        bind(info, {"place": "Q99999999"}, sample)
    assert str(error.value) == (
        "queries/attacks-by-place.rq: parameter 'place': no entity in the store is linked to "
        "wd:Q99999999 (give an IRI, or see the names with kg query linked-entities)")


def test_a_label_of_several_entities_lists_them(sample):
    sample.add(Quad(NamedNode(ID + "place/name%3Akyiv"), NamedNode(RDFS + "label"),
                    Literal("Kyiv"), NamedNode(ID + "graph/entities")))
    with pytest.raises(QueryError) as error:
        bind(load_query("attacks-by-place"), {"place": "Kyiv"}, sample)
    assert str(error.value) == (
        "queries/attacks-by-place.rq: parameter 'place': 2 entities are labelled 'Kyiv': "
        "id:place/Q1899, id:place/name%3Akyiv (give one of these IRIs)")


def test_a_bare_word_is_not_an_iri_without_a_store_to_look_it_up(tmp_path):
    info = query_from_text("SELECT ?x $__place_iri WHERE { BIND(1 AS ?x) }", "q.rq")
    with pytest.raises(QueryError) as error:
        term_for(info.parameters[0], "Kyiv", "q.rq")
    assert str(error.value) == ("q.rq: parameter 'place' needs an absolute IRI, a label or a "
                                "Wikidata id, not 'Kyiv'")


def test_zero_rows_from_an_empty_store_say_how_to_fill_it(sample):
    empty = Store()
    assert run_query(empty, "articles").endswith(
        "\n0 rows (the store holds no articles yet: fill it with kg ingest FILES, e.g. kg "
        "ingest seeds/)\n")
    assert "holds no articles" not in run_query(empty, "articles", fmt="csv")
    assert run_query(sample, "attacks-by-place", {"place": "Shevchenkivskyi district"}).endswith(
        "\n0 rows\n")


def test_iri_values_by_prefix_or_in_full():
    info = load_query("attacks-by-place")
    full = {Variable("__place_iri"): NamedNode(ID + "place/Q1899")}
    assert bind(info, {"place": "id:place/Q1899"}) == full
    assert bind(info, {"place": ID + "place/Q1899"}) == full
    assert bind(info, {"place": "wd:Q1899"}) == {
        Variable("__place_iri"): NamedNode("http://www.wikidata.org/entity/Q1899")}


def test_dates_are_xsd_dates():
    info = load_query("timeline")
    assert bind(info, {"from": "2024-07-09"}) == {
        Variable("__from_xsd_date"): Literal("2024-07-09", datatype=NamedNode(XSD + "date"))}


@pytest.mark.parametrize("value", ["2024-02-30", "2024-7-9", "yesterday", ""])
def test_a_bad_date_is_refused(value):
    with pytest.raises(QueryError) as error:
        bind(load_query("timeline"), {"to": value})
    assert str(error.value) == (f"queries/timeline.rq: parameter 'to' needs a date written "
                                f"YYYY-MM-DD, not {value!r}")


def test_integers(tmp_path):
    info = load_query(write(tmp_path / "n.rq", "SELECT $__n_integer WHERE { }\n"))
    assert info.parameters == (Parameter("n", "__n_integer", False, "integer"),)
    assert bind(info, {"n": "+7"}) == {
        Variable("__n_integer"): Literal("7", datatype=NamedNode(XSD + "integer"))}
    with pytest.raises(QueryError) as error:
        bind(info, {"n": "1.5"})
    assert str(error.value) == f"{tmp_path / 'n.rq'}: parameter 'n' needs an integer, not '1.5'"


def test_unbound_optional_parameters_bind_nothing():
    assert bind(load_query("timeline"), {}) == {}


def test_unknown_parameter():
    with pytest.raises(QueryError) as error:
        bind(load_query("attacks-by-place"), {"plac": "id:place/Q1899"})
    assert str(error.value) == ("queries/attacks-by-place.rq: unknown parameter 'plac' "
                                "(parameters: place)")


def test_unknown_parameter_of_a_query_without_any():
    with pytest.raises(QueryError) as error:
        bind(load_query("articles"), {"place": "id:place/Q1899"})
    assert str(error.value) == ("queries/articles.rq: unknown parameter 'place' "
                                "(this query takes no parameters)")


def test_missing_required_parameter():
    with pytest.raises(QueryError) as error:
        bind(load_query("evidence-for-attack"), {})
    assert str(error.value) == ("queries/evidence-for-attack.rq: missing required parameter "
                                "'attack' (an IRI)")


def test_defaults_from_the_header(tmp_path):
    info = load_query(write(tmp_path / "d.rq", (
        "#+ summary: With a default\n#+ defaults:\n#+   - n: 3\n"
        "SELECT $__n_integer WHERE { }\n")))
    assert info.parameter("n").default == "3"
    assert bind(info, {}) == {
        Variable("__n_integer"): Literal("3", datatype=NamedNode(XSD + "integer"))}
    assert bind(info, {"n": "4"})[Variable("__n_integer")].value == "4"


def test_a_question_mark_in_a_comment_string_or_iri_is_no_parameter(tmp_path):
    info = load_query(write(tmp_path / "q.rq", (
        "# ?__ghost in a comment\n"
        'SELECT ?s WHERE { ?s <http://example.org/a?_b=1> "?__nope" }\n')))
    assert info.parameters == ()


def test_an_unknown_type_suffix_is_refused(tmp_path):
    write(tmp_path / "t.rq", "SELECT $__x_float WHERE { }\n")
    with pytest.raises(QueryError) as error:
        load_query(tmp_path / "t.rq")
    assert str(error.value) == (
        f"{tmp_path / 't.rq'}: variable ?__x_float is not a parameter name this tool "
        "understands (write ?_name or ?__name, optionally ending in _iri, _integer or "
        "_xsd_date)")


# ---------------------------------------------------------------------------------------------
# Finding a query


@pytest.mark.parametrize("ref", ["../x", "queries/../x", "checks/no-such", ".hidden", "a b"])
def test_a_name_never_leaves_the_bundled_folder(ref):
    with pytest.raises(QueryError) as error:
        load_query(ref)
    assert str(error.value) == (f"'{ref}' is not a query name (a name is letters, digits and "
                                "hyphens; a query file's name ends in .rq)")


def test_an_absolute_path_is_not_a_name(tmp_path):
    target = write(tmp_path / "secret", "SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError):
        load_query(str(target))


def test_a_name_resolves_only_in_the_bundled_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "articles", "not a query")
    write(tmp_path / "articles.rq", "SELECT ?mine WHERE { }\n")
    info = load_query("articles")
    assert info.bundled and info.label == "queries/articles.rq"
    assert info.path == QUERY_DIR / "articles.rq"
    mine = load_query("articles.rq")  # a path ending in .rq that exists is that file
    assert not mine.bundled and mine.label == "articles.rq" and "?mine" in mine.text


def test_a_bundled_name_with_rq_when_no_such_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_query("timeline.rq").bundled


def test_no_such_query_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QueryError) as error:
        load_query("mine/x.rq")
    assert str(error.value) == "mine/x.rq: no such query file"


def test_no_such_bundled_query():
    with pytest.raises(QueryError) as error:
        load_query("no-such-query")
    assert str(error.value) == "no bundled query named 'no-such-query' (kg queries lists them)"


def test_a_near_miss_is_suggested():
    with pytest.raises(QueryError) as error:
        load_query("attacks-by-plac")
    assert str(error.value) == ("no bundled query named 'attacks-by-plac' "
                                "(did you mean attacks-by-place?)")


def test_a_file_that_is_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.rq").write_bytes(b"SELECT ?x WHERE { ?x ?p \"\xff\" }\n")
    with pytest.raises(QueryError) as error:
        load_query("bad.rq")
    assert str(error.value) == "bad.rq: not UTF-8 text"


def test_a_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "broken.rq", "#+ summary: Broken\nSELEC ?x WHERE {\n}\n")
    with pytest.raises(QueryError) as error:
        execute(Store(), load_query("broken.rq"))
    assert re.fullmatch(r"broken\.rq:2:\d+: SPARQL syntax error: expected .+", str(error.value))


def test_an_undeclared_prefix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "nope.rq", "#+ summary: No prefix\nSELECT ?x WHERE {\n  ?x nope:y ?z\n}\n")
    with pytest.raises(QueryError) as error:
        execute(Store(), load_query("nope.rq"))
    assert str(error.value) == ("nope.rq:3:12: SPARQL syntax error: a prefix is not "
                                "declared (declare it with PREFIX in the file)")


def test_an_unprojected_parameter_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p.rq", "SELECT ?s WHERE { ?s ?p ?__o_iri }\n")
    with pytest.raises(QueryError) as error:
        execute(Store(), load_query("p.rq"), {"o": "id:x"})
    assert str(error.value) == ("p.rq: parameter variable ?__o_iri is not in the SELECT clause "
                                "(add $__o_iri there so it can be bound)")


def test_catalog_entries():
    info = {q.name: q for q in bundled_queries()}["attacks-by-place"]
    assert info.summary == "Attacks by place"
    assert info.tags == ("attacks", "places")
    assert info.parameters == (Parameter("place", "__place_iri", False, "iri"),)
    evidence = load_query("evidence-for-attack")
    assert evidence.parameters == (Parameter("attack", "_attack_iri", True, "iri"),)
    assert evidence.parameters[0].describe() == "attack (an IRI, required)"


# ---------------------------------------------------------------------------------------------
# What the command line calls


def test_run_query_in_one_call_through_the_store_wrapper(store):
    """``kg query`` hands over the project's store (``kg.store.GraphStore``), a name and values."""
    store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    text = run_query(store, "attacks-by-place", {"place": "id:place/Q42308"}, "csv")
    assert text.splitlines() == [
        "place,date,attackers,weapons,killed,injured,article,attack",
        'Kharkiv,2024-07-09,Russia,"' + text.split('"')[1] + '",1,7,a2-kharkiv,'
        + ID + "attack/a2-kharkiv/Q42308"]
    assert run_query(store, "timeline").endswith("\n5 rows\n")


def test_run_query_errors_name_the_file(store):
    with pytest.raises(QueryError) as error:
        run_query(store, "describe-attack", {"attack": "id:attack/a1-kyiv/Q1899"}, "json")
    assert str(error.value).startswith("queries/describe-attack.rq: a CONSTRUCT or DESCRIBE ")


def test_describe_lists_every_query_with_its_parameters():
    text = describe(bundled_queries())
    blocks = text.strip().split("\n\n")
    assert len(blocks) == len(NAMES)
    first = {block.split(" ")[0]: block for block in blocks}
    assert set(first) == set(NAMES)
    place = first["attacks-by-place"]
    assert place.startswith("attacks-by-place \u2014 Attacks by place\n    Every reported attack")
    assert "    parameters: place (an IRI, optional)" in place
    assert "    tags: attacks, places" in place
    assert "parameters: attack (an IRI, required)" in first["evidence-for-attack"]
    assert "parameters: from (a date (YYYY-MM-DD), optional); to (a date" in first["timeline"]
    assert "    parameters: none" in first["articles"]
    assert all(len(line) <= 88 for line in text.splitlines() if line.startswith(" "))


def test_header_parser():
    header = parse_header(
        "#+ summary: Odd 'one'\n#+ description: first line\n#+    and its continuation\n"
        "#+ tags:\n#+   - a\n#+   - \"b c\"\n#+ defaults:\n#+   - place: https://example.org/x\n"
        "# a comment\nSELECT * WHERE { }\n")
    assert header == {"summary": "Odd 'one'", "description": "first line and its continuation",
                      "tags": ["a", "b c"], "defaults": [{"place": "https://example.org/x"}]}


def test_the_query_path_imports_no_heavy_library():
    code = ("import sys, kg.queries, kg.results; "
            "print(sorted({m.split('.')[0] for m in sys.modules} "
            "& {'rdflib', 'spacy', 'owlready2', 'click', 'thinc'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=HERE.parent, check=True)
    assert out.stdout.strip() == "[]"
