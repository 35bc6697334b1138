"""Result formats: the W3C SPARQL 1.1 CSV, TSV and JSON formats, the table, ASK and CONSTRUCT."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pyoxigraph import (
    BlankNode, Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, Store, parse,
)

from kg.errors import QueryError
from kg.queries import execute, load_query
from kg.results import render, shorten, to_table

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
ID = "https://w3id.org/strikegraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def sample() -> Store:
    store = Store()
    store.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    return store


def run(store, name, values=None):
    return execute(store, load_query(name), values)


def odd_terms_store() -> Store:
    """Terms that test the edges of each format."""
    store = Store()
    s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    for o in (Literal('a "q",\nb\tc\\'), Literal("5", datatype=NamedNode(XSD + "integer")),
              Literal("2024-05-01", datatype=NamedNode(XSD + "date")),
              Literal("1.5", datatype=NamedNode(XSD + "decimal")),
              Literal("1.5e0", datatype=NamedNode(XSD + "double")),
              Literal("true", datatype=NamedNode(XSD + "boolean")),
              Literal("Київ", language="uk"), BlankNode("b1"),
              NamedNode("http://example.org/x")):
        store.add(Quad(s, p, o))
    return store


ODD = "SELECT ?o ?unbound WHERE { ?s ?p ?o } ORDER BY STR(?o)"


# ---------------------------------------------------------------------------------------------
# W3C formats


def test_csv_header_and_rows(sample):
    text = render(run(sample, "attacks-by-place"), "csv")
    assert text.startswith("place,date,attackers,weapons,killed,injured,article,attack\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert len(table) == 7
    kyiv = table[4]
    assert kyiv[0] == "Kyiv" and kyiv[4:] == ["4", "19", "a1-kyiv", ID + "attack/a1-kyiv/Q1899"]
    assert set(kyiv[3].split(", ")) == {"Kh-101", "ballistic missile"}  # quoted: has a comma
    assert '"' in text.splitlines()[4]


def test_csv_leaves_out_parameter_columns(sample):
    text = render(run(sample, "attacks-by-place", {"place": "id:place/Q1899"}), "csv")
    assert "__place_iri" not in text
    assert text.count("\r\n") == 3


def test_csv_and_tsv_are_what_pyoxigraph_writes():
    store = odd_terms_store()
    for fmt, w3c in (("csv", QueryResultsFormat.CSV), ("tsv", QueryResultsFormat.TSV)):
        ours = render(store.query(ODD), fmt)
        theirs = store.query(ODD).serialize(format=w3c).decode("utf-8")
        assert ours == theirs


def test_tsv_of_a_bundled_query_is_what_pyoxigraph_writes(sample):
    ours = render(run(sample, "articles"), "tsv")
    theirs = run(sample, "articles").serialize(format=QueryResultsFormat.TSV).decode("utf-8")
    assert ours == theirs
    assert ours.splitlines()[0] == "?article\t?published\t?title\t?attacks\t?statements\t" \
                                   "?places\t?source"


def test_csv_quotes_an_iri_holding_a_comma():
    # pyoxigraph 0.5.13 writes such an IRI unquoted, which splits the field in two
    store = Store()
    store.add(Quad(NamedNode("http://example.org/a,b"), NamedNode("http://example.org/p"),
                   Literal("x")))
    text = render(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), "csv")
    assert text == 's,o\r\n"http://example.org/a,b",x\r\n'
    assert list(csv.reader(io.StringIO(text, newline="")))[1] == ["http://example.org/a,b", "x"]


def test_json_is_the_w3c_format(sample):
    document = json.loads(render(run(sample, "weapons-used", {"kind": "id:weapon/drone"}),
                                 "json"))
    assert document["head"]["vars"] == ["kind", "attacks", "namedAs", "kindIri"]
    [binding] = document["results"]["bindings"]
    assert binding["kind"] == {"type": "literal", "value": "drone"}
    assert binding["attacks"] == {"type": "literal", "value": "3", "datatype": XSD + "integer"}
    assert binding["kindIri"] == {"type": "uri", "value": ID + "weapon/drone"}


def test_json_is_what_pyoxigraph_writes():
    store = odd_terms_store()
    ours = json.loads(render(store.query(ODD), "json"))
    theirs = json.loads(store.query(ODD).serialize(format=QueryResultsFormat.JSON))
    assert ours == theirs
    assert {"type": "literal", "value": "Київ", "xml:lang": "uk"} in [
        b["o"] for b in ours["results"]["bindings"]]


def test_json_leaves_unbound_values_out(sample):
    document = json.loads(render(run(sample, "attacks-by-place"), "json"))
    odesa = document["results"]["bindings"][-1]
    assert odesa["place"]["value"] == "Odesa"
    assert "date" not in odesa and "injured" not in odesa


# ---------------------------------------------------------------------------------------------
# The table


def test_table_for_people(sample):
    text = render(run(sample, "weapons-used", {"kind": "id:weapon/drone"}), "table")
    assert text == (
        "kind   attacks  namedAs            kindIri\n"
        "-----  -------  -----------------  ---------------\n"
        "drone        3  drone, Shahed-136  id:weapon/drone\n"
        "1 row\n"
    ) or text == (
        "kind   attacks  namedAs            kindIri\n"
        "-----  -------  -----------------  ---------------\n"
        "drone        3  Shahed-136, drone  id:weapon/drone\n"
        "1 row\n"
    )


def test_table_columns_line_up(sample):
    lines = render(run(sample, "attacks-by-place"), "table").splitlines()
    assert lines[-1] == "6 rows"
    rule = lines[1]
    starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
    assert len(starts) == 8
    header = lines[0]
    for start, name in zip(starts, ["place", "date", "attackers", "weapons"]):
        assert header[start:start + len(name)] == name  # text columns start at the rule
    for line in lines[2:-1]:
        for start in starts[1:]:
            assert line[start - 2:start] == "  "  # nothing runs into the next column
    # numbers are right-aligned: "killed" ends where its rule ends
    killed_end = starts[4] + len("killed")
    assert [line[killed_end - 1] for line in lines[2:-1]] == [" ", " ", "1", "4", "5", "2"]


def test_table_shortens_iris_and_shows_literals_plainly(sample):
    text = render(run(sample, "places-ranked-by-attacks"), "table")
    assert "id:place/Q1899" in text and ID not in text
    assert "2024-07-08" in text and "^^" not in text and '"' not in text


def test_table_of_no_rows(sample):
    text = render(run(sample, "timeline", {"from": "2030-01-01"}), "table")
    assert text == ("date  place  weapons  killed  injured  article  attack\n"
                    "----  -----  -------  ------  -------  -------  ------\n"
                    "0 rows\n")


def test_table_cuts_long_cells(sample):
    text = render(run(sample, "evidence-for-attack", {"attack": "id:attack/a3-odesa/Q1874"}),
                  "table", max_width=20)
    assert "A Russian Iskander-…" in text
    assert all(len(cell) <= 20 for line in text.splitlines()[2:-1] for cell in line.split("  "))


def test_table_counts_wide_characters_twice():
    one = Literal("1", datatype=NamedNode(XSD + "integer"))
    text = to_table(["name", "n"], [(Literal("東京"), one), (Literal("Kyiv"), None)])
    assert text.splitlines()[2:4] == ["東京  1", "Kyiv"]


def test_table_folds_line_breaks():
    text = to_table(["q"], [(Literal("one\ntwo\tthree"),)])
    assert text.splitlines()[2] == "one two three"


@pytest.mark.parametrize(("iri", "short"), [
    ("https://w3id.org/strikegraph/ontology#Attack", "kg:Attack"),
    (ID + "place/Q1899", "id:place/Q1899"),
    ("http://www.wikidata.org/entity/Q1899", "wd:Q1899"),
    ("http://sws.geonames.org/713728/", "http://sws.geonames.org/713728/"),
    (ID, ID),
])
def test_shorten(iri, short):
    assert shorten(iri) == short


# ---------------------------------------------------------------------------------------------
# ASK, CONSTRUCT, and formats that do not fit


@pytest.mark.parametrize(("fmt", "yes", "no"), [
    ("table", "true\n", "false\n"),
    ("csv", "true\n", "false\n"),
    ("tsv", "true\n", "false\n"),
    ("json", '{"head":{},"boolean":true}\n', '{"head":{},"boolean":false}\n'),
])
def test_ask(sample, fmt, yes, no):
    kg = "PREFIX kg: <https://w3id.org/strikegraph/ontology#> "
    assert render(sample.query(kg + "ASK { ?a a kg:Attack }", use_default_graph_as_union=True),
                  fmt) == yes
    assert render(sample.query(kg + "ASK { ?a a kg:Nothing }", use_default_graph_as_union=True),
                  fmt) == no


def test_ask_in_json_is_the_w3c_format(sample):
    ours = json.loads(render(sample.query("ASK { ?s ?p ?o }"), "json"))
    theirs = json.loads(sample.query("ASK { ?s ?p ?o }").serialize(
        format=QueryResultsFormat.JSON))
    assert ours == theirs


def attack_graph(store):
    return run(store, "describe-attack", {"attack": "id:attack/a3-odesa/Q1874"})


def test_construct_as_ntriples(sample):
    expected = {str(t) for t in attack_graph(sample)}
    text = render(attack_graph(sample), "ntriples")
    lines = text.splitlines()
    assert lines == sorted(lines) and all(line.endswith(" .") for line in lines)
    assert f"<{ID}attack/a3-odesa/Q1874> <https://w3id.org/strikegraph/ontology#killed> " \
           f'"2"^^<{XSD}integer> .' in lines
    assert {str(t) for t in parse(text, format=RdfFormat.N_TRIPLES)} == expected


@pytest.mark.parametrize("fmt", ["turtle", "table"])
def test_construct_as_turtle(sample, fmt):
    expected = {str(t) for t in attack_graph(sample)}
    text = render(attack_graph(sample), fmt)
    assert text.startswith("@prefix ")
    assert "@prefix kg: <https://w3id.org/strikegraph/ontology#> ." in text
    assert "wgs84" not in text  # only the prefixes used
    assert {str(t) for t in parse(text, format=RdfFormat.TURTLE)} == expected


def test_a_graph_has_no_csv(sample):
    with pytest.raises(QueryError) as error:
        render(attack_graph(sample), "csv", source="queries/describe-attack.rq")
    assert str(error.value) == ("queries/describe-attack.rq: a CONSTRUCT or DESCRIBE query gives "
                                "triples: format 'csv' does not apply (one of table, turtle, "
                                "ntriples)")


def test_rows_have_no_turtle(sample):
    with pytest.raises(QueryError) as error:
        render(run(sample, "articles"), "turtle", source="queries/articles.rq")
    assert str(error.value) == ("queries/articles.rq: a SELECT query gives rows, not triples: "
                                "format 'turtle' does not apply (one of table, csv, tsv, json, xml)")


def test_unknown_format(sample):
    with pytest.raises(QueryError) as error:
        render(run(sample, "articles"), "yaml")
    assert str(error.value) == ("unknown format 'yaml' (one of table, csv, tsv, json, xml, "
                                "turtle, ntriples)")


# ---------------------------------------------------------------------------------------------
# SPARQL XML results


def test_xml_is_what_pyoxigraph_writes():
    store = odd_terms_store()
    ours = render(store.query(ODD), "xml")
    theirs = store.query(ODD).serialize(format=QueryResultsFormat.XML).decode("utf-8")
    assert ours == theirs + "\n"
    for ask in ("ASK { ?s ?p ?o }", "ASK { ?s ?s ?s }"):
        theirs = store.query(ask).serialize(format=QueryResultsFormat.XML).decode("utf-8")
        assert render(store.query(ask), "xml") == theirs + "\n"


def test_xml_leaves_out_parameter_columns_and_parses_as_the_w3c_format(sample):
    import xml.etree.ElementTree as ET

    text = render(run(sample, "attacks-by-place"), "xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(text)
    names = [v.get("name") for v in root.find("r:head", ns)]
    assert names == ["place", "date", "attackers", "weapons", "killed", "injured", "article",
                     "attack"]
    results = root.find("r:results", ns)
    assert len(results) == 6
    kyiv = next(
        r for r in results if r.find("r:binding[@name='article']/r:literal", ns).text == "a1-kyiv")
    killed = kyiv.find("r:binding[@name='killed']/r:literal", ns)
    assert (killed.text, killed.get("datatype")) == ("4", XSD + "integer")
    assert kyiv.find("r:binding[@name='attack']/r:uri", ns).text == ID + "attack/a1-kyiv/Q1899"
