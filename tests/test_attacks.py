"""The attack extractor's mechanisms, each on a short text of its own (trained pipeline and the
bundled gazetteer: the mechanisms read parses and places)."""

from datetime import date

import pytest

from kg.extract.attacks import extract_attacks


@pytest.fixture(scope="module")
def gazetteer():
    from kg.link.gazetteer import load_gazetteer

    return load_gazetteer()


def attacks(nlp, gazetteer, text, published=None):
    return {a.place.label: a for a in extract_attacks(nlp(text), gazetteer, published)}


def test_place_weapons_casualties_attacker(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian drones hit Odesa overnight, killing two people "
                    "and injuring nine, the governor said.", date(2025, 6, 11))
    odesa = found["Odesa"]
    assert [w.key for w in odesa.weapons] == ["drone"]
    assert (odesa.killed, odesa.injured) == (2, 9)
    assert [a.name for a in odesa.attackers] == ["Russia"]
    assert odesa.date == date(2025, 6, 11)
    assert odesa.evidence[0].text.startswith("Russian drones hit Odesa")


def test_dateline_and_launch_site_are_not_struck(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "KYIV, June 5 - Russia launched drones from the Kursk "
                    "region that struck Sumy, damaging a school.")
    assert list(found) == ["Sumy"]


def test_shot_down_over_a_region_is_not_an_attack_there(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Air defences shot down 20 drones over the Poltava and "
                    "Vinnytsia regions. A drone hit a warehouse in Chernihiv.")
    assert list(found) == ["Chernihiv"]


def test_background_paragraph_is_not_news(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A missile struck Dnipro on Monday, injuring three.\n\n"
                    "In January 2023, a Russian missile destroyed a building in Uman, killing 23.")
    assert list(found) == ["Dnipro"]


def test_figures_go_to_the_nearest_place(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian troops shelled Kherson Oblast. Three people were "
                    "injured in Bilozerka and two in Chornobaivka.")
    assert (found["Bilozerka"].injured, found["Chornobaivka"].injured) == (3, 2)


def test_a_later_figure_replaces_an_earlier_one(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian missile hit Chernihiv, killing 13 people. "
                    "By the evening the toll had risen to 17 dead and 61 injured.")
    assert (found["Chernihiv"].killed, found["Chernihiv"].injured) == (17, 61)


def test_village_found_from_context_under_its_district(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian drone struck a house in the village of "
                    "Zarichchiakove in the Kupiansk district, injuring a woman.")
    [place] = [a.place for a in found.values()]
    assert place.label == "Zarichchiakove" and place.qid is None
    assert place.parent is not None and "Kupiansk" in place.parent.label


def test_region_when_no_settlement_is_named(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Enemy drones hit an energy facility in the Kyiv region. "
                    "No one was hurt.")
    kyiv = found["Kyiv Oblast"]
    assert (kyiv.killed, kyiv.injured) == (0, 0)
    assert kyiv.attackers == []  # GOLD.md: "enemy drones" with no country named: no attacker


def test_strike_in_russia_has_attacker_ukraine(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Ukrainian drones attacked an oil refinery in Ryazan "
                    "overnight, the governor said.")
    assert [a.name for a in found["Ryazan"].attackers] == ["Ukraine"]


def test_no_damage_means_no_attack(nlp, gazetteer):
    assert attacks(nlp, gazetteer, "Fragments of a drone fell in a field near Brovary, "
                   "causing no damage.") == {}


def test_aid_news_has_no_attack(nlp, gazetteer):
    assert attacks(nlp, gazetteer, "The United States will supply Ukraine with Patriot "
                   "missiles and 300 drones to protect Kyiv and Lviv.") == {}


def test_city_standing_for_its_government_is_not_struck(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Kyiv has targeted Russian infrastructure. Ukrainian "
                    "drones struck a depot in Belgorod.")
    assert list(found) == ["Belgorod"]


def test_repeated_paragraph_counts_once(nlp, gazetteer):
    paragraph = "A Russian missile hit Kharkiv, killing four people and injuring 19.\n"
    found = attacks(nlp, gazetteer, paragraph + "Another sentence.\n" + paragraph)
    assert len(found["Kharkiv"].evidence) == 1


def test_new_paragraph_without_reference_drops_the_focus(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A drone hit Sumy, injuring two.\n\nThe West has "
                    "pledged more air defence missiles for the spring.")
    assert [w.key for w in found["Sumy"].weapons] == ["drone"]


def test_small_village_without_its_oblast_in_the_text_is_not_linked(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Ukrainian drones attacked the Belgorod region overnight. "
                    "A drone hit a house in Dubovoye; no one was hurt.")
    dubovoye = found["Dubovoye"]
    assert dubovoye.place.qid is None and dubovoye.place.geonames is None
    assert dubovoye.place.parent.label == "Belgorod Oblast"
    assert [a.name for a in dubovoye.attackers] == ["Ukraine"]


def test_attacker_named_on_the_weapon(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian KAB glide bomb hit Kostiantynivka in Donetsk "
                    "Oblast, killing two women.")
    assert [a.name for a in found["Kostiantynivka"].attackers] == ["Russia"]


def test_oblast_capital_name_standing_for_the_oblast(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian drones also targeted Kharkiv and Odesa. In "
                    "southern Odesa, the regional head said port infrastructure in the city of "
                    "Izmail was hit.")
    assert "Odesa" not in found and "Izmail" in found and "Kharkiv" in found


def test_debris_in_a_neighbouring_country_is_not_an_attack_place(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian drones struck the port of Izmail. Fragments of a "
                    "drone were found on Romanian territory near the village of Periprava.")
    assert list(found) == ["Izmail"]


def test_a_year_before_publication_is_background_the_current_one_is_not(nlp, gazetteer):
    text = "In 2023, a Russian missile struck Uman, killing 23. In 2026, drones hit Sumy."
    found = attacks(nlp, gazetteer, text, date(2026, 3, 1))
    assert list(found) == ["Sumy"]


def test_list_labels_own_the_figures_after_their_colon(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian forces shelled Donetsk Oblast. Casualties by "
                    "settlement: Kostiantynivka: 2 killed, 3 wounded; Myrnohrad: 3 killed; "
                    "Pokrovsk: 1 injured; Druzhkivka: no casualties.")
    assert {name: (a.killed, a.injured) for name, a in found.items()} == {
        "Kostiantynivka": (2, 3), "Myrnohrad": (3, None), "Pokrovsk": (None, 1),
        "Druzhkivka": (0, 0)}


def test_a_total_for_the_city_is_the_citys_figure(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian artillery shelled Kherson overnight. In all, "
                    "one person was killed and three injured in the city.\n\nIn total, 1 "
                    "person was killed and 9 injured in the region.")
    assert (found["Kherson"].killed, found["Kherson"].injured) == (1, 3)


def test_a_district_of_the_city_named_in_the_possessive(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian shelling hit Kherson. Two women were injured in "
                    "Kherson's Dniprovskyi district when a shell exploded near a bus stop.")
    assert list(found) == ["Kherson"]  # not Kyiv, which has a district of that name
    assert found["Kherson"].injured == 2


def test_a_toll_update_after_a_quote_paragraph_points_back(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian missile hit Dnipro, killing four people.\n\n"
                    "“We are still searching under the slabs,” Lysak wrote.\n\n"
                    "The number of injured has risen to 34, including four children, he said.")
    assert (found["Dnipro"].killed, found["Dnipro"].injured) == (4, 34)


def test_a_victim_told_of_after_a_figure_is_one_of_its_people(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian forces dropped guided bombs on the village of "
                    "Yunakivka in the Sumy district. Three residents were injured. A 71-year-old "
                    "woman sustained shrapnel wounds and was hospitalized.")
    assert found["Yunakivka"].injured == 3


def test_one_person_in_each_city(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "ODESA — Russian drones attacked Odesa and the neighbouring "
                    "port city of Chornomorsk overnight, killing one person in each city.")
    assert {name: a.killed for name, a in found.items()} == {"Odesa": 1, "Chornomorsk": 1}


def test_a_nationwide_toll_is_no_towns_figure(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "In Chornomorsk, debris from a downed drone fell on a house, "
                    "killing a woman. Across Ukraine, Russia's overnight strikes hit six regions, "
                    "leaving 4 dead and 11 injured, the minister said.")
    assert (found["Chornomorsk"].killed, found["Chornomorsk"].injured) == (1, None)


def test_a_city_district_of_a_city_the_article_never_names(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "In Odesa, a drone hit a residential building in the "
                    "Kyivskyi district, starting a fire.")
    assert list(found) == ["Odesa"]  # Kharkiv and Kyiv have districts of that name


def test_a_name_ending_in_oblast_is_the_oblast(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Russian guided bombs kill three in Sumy Oblast village\n\n"
                    "Russian forces dropped two guided aerial bombs on the village of Yunakivka "
                    "in the Sumy district, killing three people.")
    assert list(found) == ["Yunakivka"]


def test_counts_said_of_a_region_stay_when_a_city_in_it_is_the_place(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian ballistic missile hit Dnipro, killing four "
                    "people.\n\nThe air force said Russia had fired two Iskander-M missiles at "
                    "the Dnipropetrovsk region and that air defences had shot down one of them.")
    assert list(found) == ["Dnipro"]
    assert sorted((c.quantity, c.qualifier) for c in found["Dnipro"].counts) == [
        (1, "shot down"), (2, "launched")]


def test_nobody_injured_does_not_undo_a_death(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian drone hit a house in Sumy, killing a man. "
                    "Nobody else was injured, and no one was injured in the neighbouring house.")
    assert (found["Sumy"].killed, found["Sumy"].injured) == (1, 0)


def test_short_form_of_a_compound_name_named_before(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "Ukrainian drones attacked an oil refinery in the town of "
                    "Slavyansk-na-Kubani in Russia's Krasnodar region. They hit a processing unit "
                    "at the Slavyansk refinery, injuring two workers.")
    assert list(found) == ["Slavyansk-na-Kubani"]  # not Sloviansk in Donetsk Oblast
    assert found["Slavyansk-na-Kubani"].injured == 2


def test_a_hromada_that_locates_a_village_is_not_struck(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "In the Lviv region, a Kinzhal missile hit an electrical "
                    "substation near the village of Zhovtantsi in the Kamianka-Buzka hromada.")
    assert list(found) == ["Zhovtantsi"]


def test_the_capital_points_to_the_attack_on_kyiv(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian missile hit Kyiv, killing three people.\n\n"
                    "In the Kyiv region, a drone damaged two houses in the village of Hatne. "
                    "No one was injured.\n\nLater, officials said the death toll in the capital "
                    "had risen to four.")
    assert (found["Kyiv"].killed, found["Hatne"].killed) == (4, 0)


def test_a_background_label_marks_background(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "A Russian guided bomb hit Kharkiv, injuring 14 people.\n\n"
                    "Background: On 1 October, a Russian guided bomb struck Kharkiv, injuring "
                    "11 people.")
    assert found["Kharkiv"].injured == 14


def test_a_weapon_goes_with_the_places_of_its_own_verb(nlp, gazetteer):
    found = attacks(nlp, gazetteer, "The Russians also attacked Stepnohirsk with artillery, "
                    "damaging a power line, and struck Mala Tokmachka with FPV drones.")
    assert [w.key for w in found["Stepnohirsk"].weapons] == ["artillery"]
    assert [w.kind for w in found["Mala Tokmachka"].weapons] == ["drone"]
