"""Geography beyond Ukraine: Russia and the neighbours in the gazetteer, every place in the
country the text puts it in (issue 11). What the places of one written sentence resolve to is
case-manifest cases: ``tests/cases/places_countries.jsonl``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.link.audit import audit_folder
from kg.link.gazetteer import load_gazetteer
from kg.link.places import country_of, resolve

RUSSIA, UKRAINE, MOLDOVA = "Q159", "Q212", "Q217"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


# --- the gazetteer ---------------------------------------------------------------------------

def test_every_russian_federal_subject_is_a_region_of_russia_with_a_point(gaz):
    subjects = [p for p in gaz if p.kind == "region" and p.parent is not None
                and p.parent.id == RUSSIA]
    assert len(subjects) == 83  # ISO 3166-2:RU: Crimea and Sevastopol are not among them
    assert all(p.lat is not None for p in subjects)
    labels = {p.label for p in subjects}
    assert {"Samara Oblast", "Tatarstan", "Krasnodar Krai", "Belgorod Oblast"} <= labels


@pytest.mark.parametrize("name, country, count", [
    ("Belarus", "Q184", 7), ("Moldova", MOLDOVA, 37), ("Romania", "Q218", 42),
    ("Poland", "Q36", 16)])
def test_the_neighbours_have_their_first_level_subdivisions(gaz, name, country, count):
    regions = [p for p in gaz if p.kind == "region" and p.parent is not None
               and p.parent.id == country]
    assert len(regions) == count


@pytest.mark.parametrize("name, region", [
    ("Syzran", "Samara Oblast"), ("Novoshakhtinsk", "Rostov Oblast"),
    ("Slavyansk-na-Kubani", "Krasnodar Krai"), ("Sudzha", "Kursk Oblast"),
    ("Stary Oskol", "Belgorod Oblast"), ("Klintsy", "Bryansk Oblast"),
    ("Ceadir-Lunga", "Gagauzia"), ("Otaci", "Ocnița District"),
])
def test_foreign_settlements_sit_in_their_region(gaz, name, region):
    place = resolve(name)
    assert place is not None and place.parent.label == region
    assert place.geonames and place.population and place.lat is not None


def test_crimea_and_the_occupied_oblasts_stay_ukraine(gaz):
    for name in ("Sevastopol", "Simferopol", "Donetsk", "Melitopol", "Dzhankoi"):
        assert country_of(resolve(name)).id == UKRAINE, name
    assert not [p for p in gaz if p.kind == "settlement" and country_of(p) is not None
                and country_of(p).id != UKRAINE and 44.4 < (p.lat or 0) < 46.2
                and 32.5 < (p.lon or 0) < 36.6]


def test_no_place_has_a_parent_in_another_country(gaz):
    stray = [p.id for p in gaz if p.parent is not None and p.kind != "country"
             and country_of(p.parent) is not country_of(p)]
    assert stray == []


def test_cyrillic_and_latin_spellings_of_a_russian_town(gaz):
    assert resolve("Сызрань").id == resolve("Syzran").id
    assert resolve("Staryy Oskol").id == resolve("Стaрый Оскол".replace("a", "а")).id


def test_a_former_name_of_a_russian_city_makes_no_namesake():
    # Engels was once Pokrovsk; Pokrovsk of Donetsk Oblast keeps the name
    assert resolve("Pokrovsk", context=(resolve("Donetsk Oblast"),)).id == "Q1000446"
    assert resolve("Dzerzhynsk").id == "Q2416525"  # Toretsk, not Russia's Dzerzhinsk


# --- resolution that respects the text's country ---------------------------------------------

def test_a_region_the_text_puts_in_russia_is_russias():
    assert country_of(resolve("Samara", kind="region")).id == RUSSIA
    assert resolve("Samara", kind="settlement", within=resolve("Ukraine")).label == "Samara"
    assert country_of(resolve("Samara", kind="settlement",
                              within=resolve("Ukraine"))).id == UKRAINE


def test_namesakes_in_two_countries(gaz):
    # the Ukrainian city the news names, not the town of Rostov Oblast…
    assert resolve("Donetsk").id == "Q43070"
    # …but context decides: the Russian one beside its region
    assert resolve("Donetsk", context=(resolve("Rostov Oblast"),)).parent.label == \
        "Rostov Oblast"
    # a Ukrainian village does not outweigh a Russian city
    assert country_of(resolve("Samara")).id == RUSSIA


# --- no place in another country, over whole folders ----------------------------------------

ROOT = Path(__file__).resolve().parent.parent
REAL_DEV = ROOT.parent / "shared" / "corpus" / "real-dev"


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["dev", "test", "seeds"])
def test_no_place_of_the_written_gold_sets_is_in_another_country(nlp, gaz, folder):
    offenders = audit_folder(ROOT / "tests" / "gold" / folder, nlp, gaz)
    assert [str(o) for o in offenders] == []


@pytest.mark.slow
@pytest.mark.skipif(not REAL_DEV.is_dir(), reason="../shared/corpus/real-dev is not beside the "
                                                  "checkout")
def test_no_place_of_the_real_news_is_in_another_country(nlp, gaz):
    offenders = audit_folder(REAL_DEV, nlp, gaz)
    assert [str(o) for o in offenders] == []


def test_the_audit_names_a_place_the_gold_puts_elsewhere(nlp, gaz, tmp_path):
    (tmp_path / "a1.txt").write_text("A drone hit a house in Kharkiv overnight, injuring two.",
                                     encoding="utf-8")
    (tmp_path / "a1.json").write_text(
        '{"attacks": [{"place": "Kharkiv", "country": "Russia"}]}', encoding="utf-8")
    [offender] = audit_folder(tmp_path, nlp, gaz)
    assert str(offender) == ("a1: Kharkiv -> Kharkiv < Kharkiv Oblast < Ukraine (expected in "
                             "Russia, from the gold)")


# --- points on the map -----------------------------------------------------------------------

def test_geojson_points_stay_in_the_country_the_text_gives(tmp_path):
    from kg.geojson import attacks_geojson
    from kg.ingest import ingest_articles
    from kg.records import Article
    from kg.store import GraphStore

    text = ("Ukrainian drones attacked the Syzran refinery in Russia's Samara region overnight. "
            "Drones also struck the Russian village of Volna, the governor said.")
    with GraphStore() as store:
        ingest_articles(store, [Article(identifier="a1", text=text)])
        features = {f["properties"]["place"]: f for f in attacks_geojson(store)["features"]}
    syzran = features["Syzran"]
    assert syzran["properties"]["approximate"] is False
    assert syzran["properties"]["geonames"] == "http://sws.geonames.org/484972/"
    lon, lat = syzran["geometry"]["coordinates"]
    assert 53 < lat < 53.3 and 48.3 < lon < 48.6  # the town itself, not Sumy Oblast
    volna = features["Volna"]  # unlinked: the point of the article's only region, marked so
    assert volna["properties"]["approximate"] is True
    assert volna["properties"]["coordinates_from"].endswith("/place/name%3Asamara-oblast%40Q159")
