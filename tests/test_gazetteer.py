"""The bundled gazetteer: its build, its content and its lookups."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kg.link.build_gazetteer import build, write
from kg.link.gazetteer import Gazetteer, GazetteerError, load_gazetteer, normalize
from kg.link.names import keys_of, romanizations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data"
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def ids(places):
    return [p.id for p in places]


# --- names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("Dnipropetrovs'k", "dnipropetrovsk"),
    ("Dnipropetrovs\u2019k", "dnipropetrovsk"),
    ("Kyïv", "kyiv"),
    ("Ivano-Frankivsk", "ivano frankivsk"),
    ("  KHARKIV   Oblast ", "kharkiv oblast"),
    ("Rzeszów", "rzeszow"),
    ("Кам'янське", "камянське"),
    ("Артёмовск", "артемовск"),
])
def test_normalize_folds_case_apostrophes_hyphens_and_diacritics(name, key):
    assert normalize(name) == key


@pytest.mark.parametrize("name, key", [
    ("Meref\u0430", "merefa"),  # a Cyrillic а slipped into a Latin-spelt name
    ("\u041c\u0435\u0440\u0435\u0444\u0430", "\u043c\u0435\u0440\u0435\u0444\u0430"),  # a Cyrillic name stays so
])
def test_a_name_of_a_text_is_looked_up_with_latin_look_alikes_read_as_latin(name, key):
    from kg.link.names import query_key

    assert query_key(name) == key


@pytest.mark.parametrize("cyrillic, language, expected", [
    ("Київ", "uk", "Kyiv"),
    ("Запоріжжя", "uk", "Zaporizhzhia"),
    ("Миколаїв", "uk", "Mykolayiv"),
    ("Харьков", "ru", "Kharkov"),
    ("Николаев", "ru", "Nikolaev"),
    ("Запорожье", "ru", "Zaporozhye"),
    ("Днепр", "ru", "Dnepr"),
])
def test_cyrillic_names_are_romanized_the_ways_news_spell_them(cyrillic, language, expected):
    assert expected in romanizations(cyrillic, language)


def test_adjective_endings_are_spelled_every_way():
    assert {"pecherskyi", "pechersky", "pecherskiy", "pecherskyy"} <= keys_of("Pecherskyi")


# --- content ---------------------------------------------------------------------------------

def test_every_kind_is_present_in_plausible_numbers(gaz):
    kinds = {}
    for place in gaz:
        kinds[place.kind] = kinds.get(place.kind, 0) + 1
    assert kinds["country"] == 12
    # 24 oblasts, Crimea ×3, Kyiv; 83 Russian subjects, 7 Belarusian, 37 Moldovan, 42 Romanian
    # and 16 Polish subdivisions
    assert 205 <= kinds["region"] <= 215
    assert 400 <= kinds["raion"] <= 600
    assert 45_000 <= kinds["settlement"] <= 52_000
    assert kinds["district"] >= 19  # at least the districts of Kyiv and Kharkiv


def test_every_settlement_has_coordinates(gaz):
    missing = [p.id for p in gaz if p.kind == "settlement" and (p.lat is None or p.lon is None)]
    assert missing == []


def test_every_place_but_the_disputed_republic_walks_up_to_a_country(gaz):
    stray = [p.id for p in gaz if p.chain()[-1].kind != "country"]
    assert stray == ["Q15966495"]  # Russia's "Republic of Crimea": no parent is asserted


def test_ids_and_qids_are_unique_and_well_formed(gaz):
    qids = [p.qid for p in gaz if p.qid]
    assert len(qids) == len(set(qids))
    for place in gaz:
        assert place.id == place.qid or place.id == f"gn{place.geonames}" and not place.qid \
            or place.id.startswith("name:") and not place.qid, place.id
        assert gaz.get(place.id) is place


def test_partof_chain_of_a_town_reaches_its_oblast_and_the_country(gaz):
    chain = gaz.get("Q33342").chain()  # Bila Tserkva
    assert [p.label for p in chain] == ["Bila Tserkva", "Kyiv Oblast", "Ukraine"]
    assert [p.kind for p in chain] == ["settlement", "region", "country"]


def test_village_chain_runs_through_its_raion(gaz):
    chain = gaz.get("Q785296").chain()  # Pivdenne, Kharkiv Oblast
    assert [p.kind for p in chain] == ["settlement", "raion", "region", "country"]
    assert chain[2].id == "Q170666"


def test_city_district_chain(gaz):
    district = gaz.candidates("Kholodnogorsky", kinds={"district"})
    assert [p.label for p in district[0].chain()] == [
        "Kholodnohirskyi District", "Kharkiv", "Kharkiv Oblast", "Ukraine"]


def test_verified_table_wins_over_wof(gaz):
    kyiv = gaz.get("Q1899")
    assert kyiv.parent.id == "Q212"  # a city with special status, not part of Kyiv Oblast
    assert (kyiv.lat, kyiv.lon) == (50.4334, 30.5166)
    assert kyiv.population == 2845023  # WOF still contributes what the table lacks
    assert gaz.get("Q7525").parent.id == "Q212"  # Sevastopol


def test_oblast_and_city_are_different_items(gaz):
    for city, oblast, name in (("Q1899", "Q170036", "Kyiv"), ("Q42308", "Q170666", "Kharkiv"),
                               ("Q1874", "Q171852", "Odesa")):
        assert gaz.get(city).kind == "settlement"
        assert gaz.get(oblast).kind == "region"
        assert ids(gaz.candidates(name + " Oblast")) == [oblast]
        assert ids(gaz.candidates(name + " region")) == [oblast]
        assert {city, oblast} <= set(ids(gaz.candidates(name)))


def test_three_crimeas(gaz):
    assert ids(gaz.candidates("Crimea")) == ["Q7835"]
    assert ids(gaz.candidates("Autonomous Republic of Crimea")) == ["Q756294"]
    assert ids(gaz.candidates("Republic of Crimea")) == ["Q15966495"]
    assert gaz.get("Q19566").parent.id == "Q756294"  # Simferopol


@pytest.mark.parametrize("variant, qid", [
    ("Kharkov", "Q42308"), ("Odessa", "Q1874"), ("Kiev", "Q1899"), ("Nikolaev", "Q41572"),
    ("Dnepr", "Q48256"), ("Dnipropetrovs'k", "Q48256"), ("Zaporozhye", "Q157835"),
    ("Zaporizhia", "Q157835"), ("Kirovograd", "Q158292"),
])
def test_transliteration_variants_find_the_city(gaz, variant, qid):
    assert qid in ids(gaz.candidates(variant, kinds={"settlement"}))


@pytest.mark.parametrize("qid, label", [
    ("Q706857", "Bakhmut"), ("Q156719", "Kamianske"), ("Q158292", "Kropyvnytskyi"),
    ("Q1000446", "Pokrovsk"), ("Q586710", "Pivdenne"), ("Q48256", "Dnipro"),
    ("Q2416525", "Toretsk"),  # WOF calls it Dzerzhyns'k
    ("Q45872", "Myrnohrad"),  # WOF calls it Dimitrov
    ("Q2350829", "Kypuche"),  # WOF calls it Artëmovsk
    ("Q791673", "Avdiivka"),  # WOF calls it Avdeyevka
])
def test_labels_are_current_english_names(gaz, qid, label):
    assert gaz.get(qid).label == label


def test_old_names_still_find_renamed_places(gaz):
    for old, qid in (("Dnipropetrovsk", "Q48256"), ("Dniprodzerzhynsk", "Q156719"),
                     ("Kirovohrad", "Q158292"), ("Artemivsk", "Q706857"),
                     ("Krasnoarmiisk", "Q1000446"), ("Yuzhne", "Q586710")):
        assert qid in ids(gaz.candidates(old, kinds={"settlement"}))


def test_wof_artemivsk_concordance_is_not_taken_over(gaz):
    kypuche = gaz.get("Q2350829")
    assert kypuche.parent.parent.id == "Q171965"  # Luhansk Oblast, not Bakhmut's Donetsk
    bakhmut = gaz.get("Q706857")
    assert (bakhmut.lat, bakhmut.lon) == (48.5956, 37.9999)
    assert bakhmut.population == 80500  # WOF's "Artemivs'k" records were merged into it


def test_wof_names_borrowed_from_a_city_are_dropped(gaz):
    # WOF's record "Lviv" 35 km from Lviv (with Lviv's GeoNames id) is the town of Mykolaiv;
    # its "Odesa" in Mykolaiv Oblast is Nova Odesa.
    lviv = [p for p in gaz.candidates("Lviv", kinds={"settlement"}) if p.population]
    assert ids(lviv) == ["Q36036"]
    assert gaz.get("Q58475").label == "Mykolaiv"
    odesa = gaz.candidates("Odesa", kinds={"settlement"})
    assert "Q607203" not in ids(odesa) and gaz.get("Q607203").label == "Nova Odesa"
    # a village given the city of Mykolaiv's population loses it
    assert gaz.get("Q967586").population is None


def test_same_name_places_are_all_kept(gaz):
    pivdenne = ids(gaz.candidates("Pivdenne", kinds={"settlement"}))
    assert {"Q586710", "Q785296"} <= set(pivdenne)
    kostiantynivka = ids(gaz.candidates("Kostiantynivka", kinds={"settlement"}))
    assert {"Q165243", "Q4231409"} <= set(kostiantynivka)
    assert {"Q41572", "Q58475"} <= set(ids(gaz.candidates("Mykolaiv", kinds={"settlement"})))


def test_kinds_filter_candidates(gaz):
    assert ids(gaz.candidates("Kharkiv", kinds={"region"})) == ["Q170666"]
    assert gaz.candidates("Kharkiv", kinds={"country"}) == []
    assert gaz.candidates("Atlantis") == []


def test_foreign_places_from_the_verified_table(gaz):
    belgorod = gaz.get("Q3323")
    assert [p.id for p in belgorod.chain()] == ["Q3323", "Q3329", "Q159"]
    assert ids(gaz.candidates("Belgorod region")) == ["Q3329"]


# --- same_place and actors -------------------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    ("Kiev", "Kyiv", True),
    ("Kharkov", "Kharkiv", True),
    ("Odessa", "odesa", True),
    ("Dnipropetrovsk", "Dnipro", True),
    ("Pivdenne", "Pivdenne (Kharkiv Oblast)", True),
    ("Kharkiv", "Kharkiv Oblast", False),
    ("Kyiv region", "Kyiv Oblast", True),
    ("Mykolaiv", "Lviv", False),
    ("Kostiantynivka", "Kostyantynivka", True),
    ("Kyiv", "Atlantis", False),
])
def test_same_place(gaz, a, b, same):
    assert gaz.same_place(a, b) is same


def test_actors_are_the_verified_ones(gaz):
    zelensky = gaz.actor("Zelensky")
    assert (zelensky.kind, zelensky.name, zelensky.qid) == (
        "person", "Volodymyr Zelenskyy", "Q3874799")
    assert gaz.actor("Zelenskyy") == zelensky
    russia = gaz.actor("Russian Federation")
    assert (russia.kind, russia.qid, russia.place.id) == ("country", "Q159", "Q159")
    assert gaz.actor("NATO").qid == "Q7184"
    assert gaz.actor("Klitschko") is None  # not verified: never linked from memory
    assert gaz.actor("Ukrainian Air Force") is None


# --- the files -------------------------------------------------------------------------------

def test_keys_in_the_file_are_normalized():
    text = gzip.decompress((DATA / "places.tsv.gz").read_bytes()).decode("utf-8")
    for line in text.splitlines()[1:2000]:
        for column in line.split("\t")[9:]:
            for key in filter(None, column.split("|")):
                assert normalize(key) == key


def test_files_stay_small():
    assert (DATA / "places.tsv.gz").stat().st_size < 3_000_000
    assert (DATA / "actors.tsv").stat().st_size < 50_000


def test_load_reports_a_missing_file(tmp_path):
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.load(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'places.tsv.gz'}: cannot read the gazetteer "
                                 "(rebuild it with python -m kg.link.build_gazetteer)")


def test_load_reports_a_bad_header(tmp_path):
    (tmp_path / "places.tsv.gz").write_bytes(gzip.compress(b"id\tname\n"))
    (tmp_path / "actors.tsv").write_text((DATA / "actors.tsv").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'places.tsv.gz'}:1: unexpected header"


@pytest.mark.skipif(not (REFERENCE / "ua_places_wof.tsv").is_file(),
                    reason="the reference tables (../shared/reference) are not beside the checkout")
def test_rebuild_gives_the_committed_files_byte_for_byte(tmp_path):
    rows, actors, _ = build(REFERENCE)
    write(rows, actors, tmp_path)
    for name in ("places.tsv.gz", "actors.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@pytest.mark.parametrize("town, adjective", [
    ("pokrovsk", "pokrovskyi"), ("pokrovske", "pokrovskyi"), ("bakhmut", "bakhmutskyi"),
    ("vasylivka", "vasylivskyi"), ("trostianets", "trostianetskyi"), ("tokmak", None),
    ("kalush", None), ("polohy", None), ("kryvyi rih", None)])
def test_a_raion_named_after_its_town_takes_the_towns_adjective(town, adjective):
    from kg.link.subdivisions import _town_adjective

    assert _town_adjective(town) == adjective


def test_a_renamed_raion_is_found_by_its_new_adjective(gaz):
    # WOF knows the Donetsk Oblast raion by its old name, Krasnoarmiiskyi
    found = {(p.label, p.parent.label) for p in gaz.candidates("Pokrovskyi district")}
    assert found == {("Pokrovsk Raion", "Donetsk Oblast"),
                     ("Pokrovske Raion", "Dnipropetrovsk Oblast")}


@pytest.mark.parametrize("geonames_id, label, russian_style", [
    ("gn692838", "Starytsia", "Staritsa"),  # Стариця, Vovchansk Raion
    ("gn708797", "Hlazivka", "Glazovka"),
    ("gn696250", "Prystailove", "Pristaylovo"),
])
def test_a_geonames_only_village_is_labelled_the_national_way(gaz, geonames_id, label,
                                                               russian_style):
    place = gaz.get(geonames_id)
    assert place.label == label
    assert geonames_id in ids(gaz.candidates(russian_style))  # the old spelling still finds it


def test_a_village_whose_english_name_is_national_keeps_it(gaz):
    # Tiahynka (Тягинка): GeoNames already spells it the national way
    assert gaz.get("gn690903").label == "Tiahynka"
