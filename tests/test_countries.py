"""Geography beyond Ukraine: Russia and the neighbours in the gazetteer, every place in the
country the text puts it in (issue 11). Sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.attacks import extract_attacks
from kg.extract.place_mentions import find_mentions
from kg.extract.place_resolution import resolve_mentions
from kg.link.audit import audit_folder
from kg.link.gazetteer import load_gazetteer
from kg.link.places import country_of, resolve

RUSSIA, UKRAINE, MOLDOVA = "Q159", "Q212", "Q217"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def chain(place):
    return [p.label for p in place.chain()]


def struck(nlp, gaz, text):
    return {a.place.label: a.place for a in extract_attacks(nlp(text), gaz, None)}


def mentions(nlp, gaz, text):
    doc = nlp(text)
    found = find_mentions(doc, gaz)
    resolve_mentions(found, gaz)
    return {m.name: m.place for m in found if m.place is not None}


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


def test_syzran_is_in_samara_oblast_not_sumy(nlp, gaz):
    found = struck(nlp, gaz, "Ukrainian drones attacked the Syzran refinery in Russia's Samara "
                             "region overnight, the governor said.")
    assert chain(found["Syzran"]) == ["Syzran", "Samara Oblast", "Russia"]


def test_novoshakhtinsk_is_in_rostov_oblast(nlp, gaz):
    found = struck(nlp, gaz, "A drone hit an oil depot in Novoshakhtinsk in Russia's Rostov "
                             "region on Monday.")
    assert chain(found["Novoshakhtinsk"]) == ["Novoshakhtinsk", "Rostov Oblast", "Russia"]


def test_slavyansk_na_kubani_is_not_sloviansk(nlp, gaz):
    found = struck(nlp, gaz, "Drones struck the Slavyansk-na-Kubani refinery in the Krasnodar "
                             "region. The Slavyansk refinery stopped work.")
    assert chain(found["Slavyansk-na-Kubani"])[1:] == ["Krasnodar Krai", "Russia"]
    assert "Sloviansk" not in found


def test_a_region_before_a_village_decides_its_region(nlp, gaz):
    places = mentions(nlp, gaz, "Shelling hit a Belgorod Oblast village of Dubovoye on Sunday.")
    assert chain(places["Dubovoye"]) == ["Dubovoye", "Belgorod Oblast", "Russia"]
    assert places["Dubovoye"].qid is None  # Ukraine's Dubove villages are other places


def test_moldovan_villages_stay_in_moldova(nlp, gaz):
    places = mentions(nlp, gaz, "Debris of a drone fell near the Moldovan village of Palanca and "
                                "in Ceadir-Lunga, the ministry said.")
    assert country_of(places["Palanca"]).id == MOLDOVA  # Romania has villages of that name
    assert chain(places["Palanca"])[1:] == ["Ștefan Vodă District", "Moldova"]
    assert country_of(places["Ceadir-Lunga"]).id == MOLDOVA


def test_a_name_unknown_in_the_stated_country_stays_unlinked_under_it(nlp, gaz):
    places = mentions(nlp, gaz, "Drones attacked the Russian village of Volna, the governor "
                                "said.")
    volna = places["Volna"]
    assert volna.qid is None and volna.geonames is None
    assert country_of(volna).id == RUSSIA  # not Ukraine's villages called Volna


def test_an_attackers_adjective_states_no_country(nlp, gaz):
    places = mentions(nlp, gaz, "Russian drones hit Kharkiv, Sumy region and Odesa overnight.")
    assert places["Kharkiv"].id == "Q42308" and places["Odesa"].id == "Q1874"


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


def test_a_neighbours_town_needs_its_country_in_the_report(nlp, gaz):
    places = mentions(nlp, gaz, "Russian forces shelled the region 40 times, the National "
                                "Police said. Kharkiv was hit overnight.")
    assert "Police" not in places  # a town in Poland, which this report never names
    places = mentions(nlp, gaz, "A drone fell in Police, a town in north-western Poland.")
    assert country_of(places["Police"]).id == "Q36"


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


def test_a_district_is_not_named_after_a_town_in_another_country(nlp, gaz):
    places = mentions(nlp, gaz, "The mayor of Donetsk said the Kuibyshev District was hit.")
    assert all(country_of(p).id == UKRAINE for p in places.values() if country_of(p))
