"""Incidents: reports of one attack on one place and date gathered, figures chosen, the graph
rebuilt on every change. Built from extraction records through the mapping (no spaCy)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kg.events import EVENT_COLUMNS, write_events
from kg.incidents import rebuild_incidents, remove_articles
from kg.ingest import ensure_ontology
from kg.mapping import article_quads
from kg.queries import execute, load_query
from kg.records import Actor, Article, Attack, Evidence, Extraction, Place, Weapon
from kg.store import GraphStore
from kg.vocab import ID_NS, INCIDENT_GRAPH

UKRAINE = Place("Q212", "Ukraine", "country", qid="Q212")
RUSSIA = Actor("country", "Russia", "Q159", Place("Q159", "Russia", "country", qid="Q159"))
KHARKIV_OBLAST = Place("Q170666", "Kharkiv Oblast", "region", qid="Q170666", parent=UKRAINE)
KHARKIV = Place("Q42308", "Kharkiv", "settlement", qid="Q42308", lat=49.99, lon=36.23,
                parent=KHARKIV_OBLAST)
CHUHUIV = Place("Q212883", "Chuhuiv", "settlement", qid="Q212883", parent=KHARKIV_OBLAST)
DRONE = Weapon("drone", "drone", "drone")
ARTILLERY = Weapon("artillery", "artillery", "artillery")


def report(store, identifier, published, *attacks, url=None):
    """Write one article with its attacks (place, day, killed, injured[, weapon])."""
    records = []
    for place, day, killed, injured, *weapon in attacks:
        text = f"{place.label} was attacked; {killed} killed, {injured} injured."
        records.append(Attack(place=place, attackers=[RUSSIA], weapons=weapon or [DRONE],
                              killed=killed, injured=injured, date=day,
                              date_precision="day" if day else None,
                              evidence=[Evidence(0, len(text), text)]))
    article = Article(identifier, "text", title=f"Report {identifier}",
                      url=url or f"https://news.example.org/{identifier}", published=published)
    graph, own, shared = article_quads(Extraction(article, attacks=records))
    store.replace_graph(graph, own, shared)


@pytest.fixture()
def store():
    graph_store = GraphStore()
    ensure_ontology(graph_store)
    return graph_store


def incidents(store) -> list[dict]:
    rows = execute(store.raw, load_query("incidents"), {})
    names = [v.value for v in rows.variables if not v.value.startswith("_")]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in rows]


JUNE_11, JUNE_12, JUNE_13 = date(2025, 6, 11), date(2025, 6, 12), date(2025, 6, 13)


def test_early_and_updated_tolls_make_one_incident_with_the_latest_figures(store):
    report(store, "early", JUNE_11, (KHARKIV, JUNE_11, 2, 10))
    report(store, "update", JUNE_11, (KHARKIV, JUNE_11, 3, 17))
    report(store, "next-day", JUNE_12, (KHARKIV, JUNE_11, 4, 21))
    assert rebuild_incidents(store) == 1
    (row,) = incidents(store)
    assert row["incident"] == ID_NS + "incident/2025-06-11/Q42308"
    assert (row["place"], row["date"], row["reports"]) == ("Kharkiv", "2025-06-11", "3")
    assert (row["killed"], row["injured"]) == ("4", "21")
    assert (row["killed_low"], row["killed_high"], row["injured_low"], row["injured_high"]) == (
        "2", "4", "10", "21")
    assert row["disagree"] is None  # tolls rising are updates


def test_same_day_reports_take_the_higher_figure(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 3, None))
    report(store, "b", JUNE_11, (KHARKIV, JUNE_11, 2, None))
    rebuild_incidents(store)
    (row,) = incidents(store)
    assert (row["killed"], row["injured"], row["disagree"]) == ("3", None, None)


def test_a_later_lower_toll_is_taken_and_flagged_as_disagreement(store):
    report(store, "first", JUNE_12, (KHARKIV, JUNE_12, 5, 11))
    report(store, "correction", JUNE_13, (KHARKIV, JUNE_12, 3, 11))
    rebuild_incidents(store)
    (row,) = incidents(store)
    assert (row["killed"], row["killed_low"], row["killed_high"]) == ("3", "3", "5")
    assert row["disagree"] == "true"


def test_same_place_on_different_days_are_two_incidents(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_13, (KHARKIV, JUNE_13, None, 5))
    rebuild_incidents(store)
    assert [(r["date"], r["reports"]) for r in incidents(store)] == [
        ("2025-06-11", "1"), ("2025-06-13", "1")]


def test_undated_attacks_never_merge(store):
    report(store, "dated", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "undated-1", None, (KHARKIV, None, None, 3))
    report(store, "undated-2", None, (KHARKIV, None, None, 3))
    rebuild_incidents(store)
    rows = incidents(store)
    assert len(rows) == 3 and all(r["reports"] == "1" for r in rows)
    assert ID_NS + "incident/undated/undated-1/Q42308" in {r["incident"] for r in rows}


def test_an_oblast_only_report_joins_the_one_settlement_struck_there_that_day(store):
    report(store, "city", JUNE_11, (KHARKIV, JUNE_11, None, 2))
    report(store, "region", JUNE_11, (KHARKIV_OBLAST, JUNE_11, None, 3))
    rebuild_incidents(store)
    (row,) = incidents(store)
    assert (row["place"], row["reports"], row["injured"]) == ("Kharkiv", "2", "3")


def test_an_oblast_only_report_stays_apart_when_two_settlements_were_struck(store):
    report(store, "city", JUNE_11, (KHARKIV, JUNE_11, None, 2), (CHUHUIV, JUNE_11, None, 1))
    report(store, "region", JUNE_11, (KHARKIV_OBLAST, JUNE_11, None, 3))
    rebuild_incidents(store)
    assert sorted(r["place"] for r in incidents(store)) == ["Chuhuiv", "Kharkiv",
                                                              "Kharkiv Oblast"]


def test_an_oblast_report_of_another_day_does_not_join(store):
    report(store, "city", JUNE_11, (KHARKIV, JUNE_11, None, 2))
    report(store, "region", JUNE_12, (KHARKIV_OBLAST, JUNE_12, None, 3))
    rebuild_incidents(store)
    assert sorted(r["place"] for r in incidents(store)) == ["Kharkiv", "Kharkiv Oblast"]


def test_rebuilding_is_idempotent(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_11, (KHARKIV, JUNE_11, 2, 2))
    rebuild_incidents(store)
    first = set(store.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH))
    rebuild_incidents(store)
    assert set(store.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH)) == first


def test_replacing_an_article_updates_its_incident(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_12, (KHARKIV, JUNE_11, 2, 5))
    rebuild_incidents(store)
    report(store, "b", JUNE_12, (KHARKIV, JUNE_12, 2, 5))  # now dated the next day
    rebuild_incidents(store)
    assert [(r["date"], r["killed"]) for r in incidents(store)] == [
        ("2025-06-11", "1"), ("2025-06-12", "2")]


def test_removing_an_article_updates_incidents_in_one_write(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_12, (KHARKIV, JUNE_11, 2, 5))
    rebuild_incidents(store)
    assert remove_articles(store, ["b", "missing"]) == ["b"]
    (row,) = incidents(store)
    assert (row["reports"], row["killed"], row["injured"]) == ("1", "1", "2")
    assert "b" not in store.identifiers()


def test_incident_sources_sets_reports_side_by_side(store):
    report(store, "early", JUNE_11, (KHARKIV, JUNE_11, 2, 10))
    report(store, "late", JUNE_12, (KHARKIV, JUNE_11, 4, 21))
    report(store, "alone", JUNE_12, (CHUHUIV, JUNE_12, 1, 1))
    rebuild_incidents(store)
    rows = list(execute(store.raw, load_query("incident-sources"), {}))
    assert [(r["article"].value, r["killed"].value, r["incident_killed"].value)
            for r in rows] == [("early", "2", "4"), ("late", "4", "4")]
    assert rows[0]["url"].value == "https://news.example.org/early"


def test_the_checks_hold_with_incidents(store):
    from kg.checks import run_checks

    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_12, (KHARKIV_OBLAST, JUNE_11, 2, 5))
    rebuild_incidents(store)
    assert run_checks(store.raw) == []


def test_event_table_one_row_per_incident(store):
    report(store, "early", JUNE_11, (KHARKIV, JUNE_11, 2, 10))
    report(store, "late", JUNE_12, (KHARKIV, JUNE_11, 4, 21))
    report(store, "shelling", JUNE_12, (CHUHUIV, JUNE_12, None, 1, ARTILLERY))
    rebuild_incidents(store)
    out = io.BytesIO()
    assert write_events(store, out) == 2
    table = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert tuple(table[0]) == EVENT_COLUMNS
    kharkiv, chuhuiv = table
    assert (kharkiv["event_date"], kharkiv["location"], kharkiv["admin1"], kharkiv["country"]) \
        == ("2025-06-11", "Kharkiv", "Kharkiv Oblast", "Ukraine")
    assert (kharkiv["fatalities"], kharkiv["fatalities_low"], kharkiv["fatalities_high"],
            kharkiv["injuries"], kharkiv["sources"]) == ("4", "2", "4", "21", "2")
    assert kharkiv["source_urls"] == ("https://news.example.org/early; "
                                      "https://news.example.org/late")
    assert (float(kharkiv["latitude"]), float(kharkiv["longitude"]),
            kharkiv["geo_precision"]) == (49.99, 36.23, "1")
    assert (kharkiv["sub_event_type"], kharkiv["attacker"]) == ("Air/drone strike", "Russia")
    assert kharkiv["notes"] == "Kharkiv was attacked; 4 killed, 21 injured."
    assert chuhuiv["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (chuhuiv["fatalities"], chuhuiv["latitude"], chuhuiv["geo_precision"]) == ("", "", "")
    assert int(chuhuiv["injuries"]) == 1


def test_kg_remove_updates_incidents_and_names_unknown_identifiers(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    location = tmp_path / "store"
    with GraphStore(location) as disk:
        ensure_ontology(disk)
        report(disk, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
        report(disk, "b", JUNE_12, (KHARKIV, JUNE_11, 2, 5))
        rebuild_incidents(disk)
    result = CliRunner().invoke(cli, ["--store", str(location), "remove", "b", "nope"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: not in the store: nope"
    with GraphStore(location) as disk:
        assert disk.identifiers() == ["a"]
        (row,) = incidents(disk)
        assert (row["reports"], row["killed"]) == ("1", "1")


def test_updating_for_the_articles_written_gives_what_a_rebuild_gives(store):
    """update_incidents regroups only the days the changed articles touch; after every step the
    incident graph equals a full rebuild's."""
    from kg.incidents import update_incidents
    from kg.vocab import article_iri

    def graph():
        return set(store.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH))

    def full():
        other = GraphStore()
        other.raw.extend(q for q in store.raw if q.graph_name != INCIDENT_GRAPH)
        rebuild_incidents(other)
        return set(other.raw.quads_for_pattern(None, None, None, INCIDENT_GRAPH))

    steps = [
        ("a", JUNE_11, [(KHARKIV, JUNE_11, 1, 2)]),
        ("b", JUNE_12, [(KHARKIV, JUNE_11, 2, 5), (CHUHUIV, JUNE_12, None, 1)]),
        ("c", JUNE_12, [(KHARKIV_OBLAST, JUNE_12, None, 4)]),  # joins Chuhuiv
        ("b", JUNE_12, [(KHARKIV, JUNE_12, 2, 5)]),  # moved a day: Chuhuiv gone, c rejoins
        ("d", None, [(KHARKIV, None, None, 3)]),
        ("d", None, [(CHUHUIV, None, None, 3)]),
    ]
    rebuild_incidents(store)
    for identifier, published, attacks in steps:
        report(store, identifier, published, *attacks)
        update_incidents(store, changed=[article_iri(identifier)])
        assert graph() == full(), identifier
    update_incidents(store, removed=[article_iri("b")])
    assert not store.has_graph(article_iri("b"))
    assert graph() == full()


def test_an_ingest_stopped_before_its_incident_update_is_repaired_by_the_next(store, tmp_path):
    from kg.incidents import mark_stale, needs_rebuild
    from kg.ingest import ingest

    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    rebuild_incidents(store)
    assert not needs_rebuild(store)
    mark_stale(store)  # an ingest wrote b, then stopped before updating the incidents
    report(store, "b", JUNE_12, (KHARKIV, JUNE_11, 2, 5))
    assert needs_rebuild(store)
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    ingest(store, [tmp_path / "empty.jsonl"])  # writes nothing, yet rebuilds
    assert not needs_rebuild(store)
    (row,) = incidents(store)
    assert (row["reports"], row["killed"]) == ("2", "2")


def test_incidents_in_a_date_range_leave_out_undated_ones(store):
    report(store, "a", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "b", JUNE_13, (KHARKIV, JUNE_13, None, 5))
    report(store, "c", None, (KHARKIV, None, None, 3))
    rebuild_incidents(store)

    def dates(**values):
        rows = execute(store.raw, load_query("incidents"), values)
        return [r["date"].value if r["date"] is not None else None for r in rows]

    assert dates() == ["2025-06-11", "2025-06-13", None]
    assert dates(**{"from": "2025-06-12"}) == ["2025-06-13"]
    assert dates(to="2025-06-12") == ["2025-06-11"]
    assert dates(**{"from": "2025-06-11", "to": "2025-06-13"}) == ["2025-06-11", "2025-06-13"]


def test_a_strike_located_at_a_district_is_its_city_s_incident(store):
    district = Place("name:kyivskyi", "Kyivskyi District", "district", parent=KHARKIV)
    report(store, "city", JUNE_11, (KHARKIV, JUNE_11, 1, 2))
    report(store, "district", JUNE_11, (district, JUNE_11, 1, 3))
    rebuild_incidents(store)
    (row,) = incidents(store)
    assert (row["place"], row["reports"], row["injured"]) == ("Kharkiv", "2", "3")
