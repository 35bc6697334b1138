"""The evaluator: reading gold, reading predictions back from a store, scoring, reporting."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.errors import GoldError
from kg.evaluation import (FoldedNames, GoldArticle, GoldAttack, GoldStatement, GoldWeaponCount,
                           Predicted, PredictedActor, PredictedAttack, PredictedCount,
                           PredictedPlace, PredictedStatement, evaluate, fold_name, format_report,
                           load_gold, predictions_from_store, report_to_json, score)
from kg.evaluation.score import FieldScore, starts_quote
from kg.vocab import (DCT_IDENTIFIER, ENTITY_GRAPH, KG, OWL_SAME_AS, RDF_TYPE, RDFS_LABEL,
                      XSD_INTEGER, article_iri, mint, weapon_iri, wikidata)

DATA = Path(__file__).parent / "data" / "eval"
GOLD = DATA / "gold"
KYIV_NAMES = FoldedNames(variants=[("Kyiv", "Kiev")], qids={"Kyiv": "Q1899", "Kharkiv": "Q42308"})


# --- helpers --------------------------------------------------------------------------------

def gold_article(identifier="x1", attacks=(), counts=(), statements=(), persons=(),
                 organizations=()) -> GoldArticle:
    return GoldArticle(identifier=identifier, text="", attacks=tuple(attacks),
                       weapon_counts=tuple(counts), statements=tuple(statements),
                       persons=tuple(persons), organizations=tuple(organizations))


def attack(place, *, weapons=(), killed=(), injured=(), qids=(), counts=()) -> PredictedAttack:
    return PredictedAttack(
        iri=f"urn:attack:{place}",
        place=PredictedPlace(iri=f"urn:place:{place}", labels=(place,),
                             same_as=tuple(f"http://www.wikidata.org/entity/{q}" for q in qids)),
        weapons=frozenset(weapons), killed=tuple(killed), injured=tuple(injured),
        counts=tuple(counts))


def said(speaker, quote, qids=()) -> PredictedStatement:
    return PredictedStatement(
        iri=f"urn:statement:{speaker}:{quote}",
        speaker=PredictedActor(iri=f"urn:actor:{speaker}", labels=(speaker,),
                               same_as=tuple(f"http://www.wikidata.org/entity/{q}" for q in qids)),
        quote=quote)


def predicted(identifier="x1", attacks=(), statements=()) -> dict[str, Predicted]:
    return {identifier: Predicted(identifier, True, tuple(attacks), tuple(statements))}


def totals(report, key):
    field = report.fields[key]
    return field.tp, field.fp, field.fn


def write_pair(folder: Path, name: str, document, text="Some text.") -> Path:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{name}.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document),
                    encoding="utf-8")
    return path


def minimal(**changes):
    document = {"id": "g1", "url": None, "published": None, "attacks": [],
                "weapon_counts": [], "statements": []}
    document.update(changes)
    return document


# --- gold -----------------------------------------------------------------------------------

def test_load_gold_reads_pairs_in_name_order():
    gold = load_gold(GOLD)
    assert [g.identifier for g in gold] == ["a01", "a02"]
    a01 = gold[0]
    assert a01.published == date(2024, 5, 2)
    assert a01.url == "https://example.org/news/a01"
    assert a01.text.startswith("Russia attacked Kyiv and Kharkiv overnight")
    assert a01.attacks[0] == GoldAttack(place="Kyiv", place_type="settlement", country="Ukraine",
                                        attacker="Russia", weapons=("drone", "ballistic-missile"),
                                        killed=4, injured=19)
    assert a01.attacks[1].killed is None
    assert a01.weapon_counts[2] == GoldWeaponCount("ballistic-missile", 2, "launched")
    assert a01.statements[0].quote_start == "Russia launched 48 drones at the capital"
    assert gold[1].attacks == () and gold[1].published is None


@pytest.mark.parametrize("document, message", [
    ('{"id": "g1",\n  "attacks": [}', ":2: invalid JSON: Expecting value (column 15)"),
    ([], ": the document must be an object, not a list"),
    ({"id": "g1", "attacks": [], "statements": []}, ": weapon_counts is missing"),
    (minimal(id="g2"), ': id "g2" is not the file name "g1"'),
    (minimal(source="x"), ": source is not a gold field"),
    (minimal(published="2 May 2024"),
     ': published must be a date YYYY-MM-DD or null, not "2 May 2024"'),
    (minimal(published="2024-02-30"), ': published is not a real date: "2024-02-30"'),
    (minimal(attacks={"place": "Kyiv"}), ": attacks must be a list, not an object"),
    (minimal(attacks=[{"place": "Kyiv", "weapons": [], "killed": None}]),
     ": attacks[0].injured is missing"),
    (minimal(attacks=[{"place": "Kyiv", "weapons": [], "killed": "four", "injured": None}]),
     ': attacks[0].killed must be a whole number >= 0 or null, not "four"'),
    (minimal(attacks=[{"place": "Kyiv", "weapons": [], "killed": True, "injured": None}]),
     ": attacks[0].killed must be a whole number >= 0 or null, not true"),
    (minimal(attacks=[{"place": "", "weapons": [], "killed": None, "injured": None}]),
     ': attacks[0].place must be a non-empty string, not ""'),
    (minimal(attacks=[{"place": "Kyiv", "weapons": ["Shahed"], "killed": None,
                       "injured": None}]),
     ": attacks[0].weapons[0] must be one of drone, missile, ballistic missile, cruise "
     'missile, glide bomb, aerial bomb, artillery, rocket, not "Shahed"'),
    (minimal(attacks=[{"place": "Kyiv", "place_type": "city", "weapons": [], "killed": None,
                       "injured": None}]),
     ': attacks[0].place_type must be one of settlement, region, not "city"'),
    (minimal(attacks=[{"place": "Kyiv", "weapons": [], "killed": None, "injured": None},
                      {"place": "kyiv", "weapons": [], "killed": 1, "injured": None}]),
     ': attacks[1].place "kyiv" is already attacks[0]'),
    (minimal(weapon_counts=[{"kind": "drone", "count": 4.5}]),
     ": weapon_counts[0].count must be a whole number >= 0, not 4.5"),
    (minimal(weapon_counts=[{"kind": "drone", "count": 4, "qualifier": "destroyed"}]),
     ': weapon_counts[0].qualifier must be one of launched, shot down, hit, not "destroyed"'),
    (minimal(statements=[{"speaker": "Klitschko", "quote_start": "We will rebuild"}]),
     ': statements[0].quote_start is not in g1.txt: "We will rebuild"'),
    (minimal(statements=[{"speaker": None, "quote_start": "Some text"}]),
     ": statements[0].speaker must be a non-empty string, not null"),
    (minimal(persons="Klitschko"), ": persons must be a list, not \"Klitschko\""),
])
def test_malformed_gold_is_one_line_naming_the_file(tmp_path, document, message):
    write_pair(tmp_path, "g1", document)
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'g1.json'}{message}"
    assert "\n" not in str(caught.value)


def test_quote_start_may_span_a_line_break_of_the_text(tmp_path):
    write_pair(tmp_path, "g1", minimal(statements=[{"speaker": "A", "quote_start": "Some text."}]),
               text="Some\n text.")
    assert load_gold(tmp_path)[0].statements == (GoldStatement("A", "Some text."),)


def test_a_text_without_its_json_is_an_error(tmp_path):
    write_pair(tmp_path, "g1", minimal())
    (tmp_path / "g2.txt").write_text("Alone.", encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'g2.txt'}: no g2.json beside it"


def test_a_json_without_its_text_is_an_error(tmp_path):
    (tmp_path / "g3.json").write_text(json.dumps(minimal(id="g3")), encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'g3.json'}: no g3.txt beside it"


def test_an_empty_or_missing_folder_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path)
    assert str(caught.value) == f"{tmp_path}: no gold articles (NAME.txt with NAME.json)"
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path / "nowhere")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: not a folder"


# --- names ----------------------------------------------------------------------------------

def test_names_fold_case_diacritics_and_apostrophes():
    names = FoldedNames()
    assert names.same("Mar\u2019inka", "MARINKA")
    assert names.same("Zaporizhzhia", "Zapori\u0301zhzhia")
    assert names.same("Bila-Tserkva", "bila tserkva")
    assert not names.same("Kyiv", "Kiev")
    assert fold_name("  Kryvyi   Rih ") == "kryvyi rih"


def test_a_gold_place_matches_a_predicted_variant_only_when_the_names_know_it():
    gold = [gold_article(attacks=[GoldAttack("Kyiv", killed=4)])]
    prediction = predicted(attacks=[attack("Kiev", killed=[4])])
    assert totals(score(gold, prediction, KYIV_NAMES), "places") == (1, 0, 0)
    assert totals(score(gold, prediction, KYIV_NAMES), "casualties") == (1, 0, 0)
    plain = score(gold, prediction, FoldedNames())
    assert totals(plain, "places") == (0, 1, 1)
    assert plain.articles[0].fields["places"].spurious == ["Kiev"]


def test_any_label_of_the_predicted_place_may_match():
    place = PredictedPlace(iri="urn:p", labels=("Dnipropetrovsk", "Dnipro"))
    prediction = predicted(attacks=[PredictedAttack(iri="urn:a", place=place)])
    report = score([gold_article(attacks=[GoldAttack("Dnipro")])], prediction, FoldedNames())
    assert totals(report, "places") == (1, 0, 0)


# --- scoring arithmetic ---------------------------------------------------------------------

def test_precision_recall_and_f1_over_the_whole_set():
    gold = [
        gold_article("x1", attacks=[GoldAttack("Kyiv"), GoldAttack("Odesa"),
                                    GoldAttack("Lviv")]),
        gold_article("x2", attacks=[GoldAttack("Kharkiv")]),
    ]
    prediction = {
        **predicted("x1", attacks=[attack("Kyiv"), attack("Odesa"), attack("Dnipro")]),
        **predicted("x2", attacks=[attack("Kharkiv"), attack("Sumy")]),
    }
    places = score(gold, prediction, FoldedNames()).fields["places"]
    # 3 true positives, 2 spurious (Dnipro, Sumy), 1 missing (Lviv)
    assert (places.tp, places.fp, places.fn) == (3, 2, 1)
    assert places.precision == pytest.approx(3 / 5)
    assert places.recall == pytest.approx(3 / 4)
    assert places.f1 == pytest.approx(2 / 3)


def test_empty_sides_give_no_precision_or_recall():
    assert (FieldScore("x", 0, 0, 0).precision, FieldScore("x", 0, 0, 0).recall,
            FieldScore("x", 0, 0, 0).f1) == (None, None, None)
    nothing_predicted = FieldScore("x", 0, 0, 3)
    assert (nothing_predicted.precision, nothing_predicted.recall, nothing_predicted.f1) == (
        None, 0.0, 0.0)


def test_an_article_missing_from_the_store_counts_every_gold_item_missing():
    gold = [gold_article(attacks=[GoldAttack("Kyiv", killed=2)])]
    report = score(gold, {}, FoldedNames())
    assert totals(report, "places") == (0, 0, 1)
    assert totals(report, "casualties") == (0, 0, 1)
    assert "x1  (not in the store)" in format_report(report)


def test_duplicate_predicted_attacks_on_one_place_count_once():
    gold = [gold_article(attacks=[GoldAttack("Kyiv", weapons=("drone",))])]
    prediction = predicted(attacks=[attack("Kyiv", weapons={"drone"}),
                                    attack("kyiv", weapons={"drone"})])
    report = score(gold, prediction, FoldedNames())
    assert totals(report, "places") == (1, 0, 0)
    assert totals(report, "weapons") == (1, 0, 0)


# --- casualties -----------------------------------------------------------------------------

def test_casualties_are_scored_only_where_the_gold_gives_a_number():
    gold = [gold_article(attacks=[GoldAttack("Kyiv", killed=4, injured=None),
                                  GoldAttack("Kharkiv", killed=None, injured=2)])]
    prediction = predicted(attacks=[
        attack("Kyiv", killed=[4], injured=[7]),      # injured 7: gold null, not scored
        attack("Kharkiv", killed=[1], injured=[3]),   # killed 1 not scored; injured 3 wrong
        attack("Sumy", killed=[5]),                   # a place the gold does not list
    ])
    report = score(gold, prediction, FoldedNames())
    assert totals(report, "casualties") == (1, 2, 1)
    errors = report.articles[0].fields["casualties"]
    assert errors.missing == ["Kharkiv: injured 2"]
    assert errors.spurious == ["Kharkiv: injured 3", "Sumy: killed 5"]


# --- weapons --------------------------------------------------------------------------------

def test_weapon_kinds_are_closed_upward_on_both_sides():
    gold = [gold_article(attacks=[GoldAttack("Kyiv", weapons=("ballistic-missile",)),
                                  GoldAttack("Kharkiv", weapons=("glide-bomb",))])]
    prediction = predicted(attacks=[attack("Kyiv", weapons={"missile"}),
                                    attack("Kharkiv", weapons={"glide-bomb", "aerial-bomb"})])
    report = score(gold, prediction, FoldedNames())
    assert totals(report, "weapons") == (3, 0, 1)
    assert report.articles[0].fields["weapons"].missing == ["Kyiv: ballistic missile"]


def model_store() -> Store:
    """One article with an attack on Kyiv by an Iskander-M (a model: kg:broader its kind)."""
    store = Store()
    article = article_iri("m1")
    kyiv = mint("place", "Q1899")
    strike = mint("attack", "m1", "Q1899")
    iskander = weapon_iri("iskander-m")
    count = NamedNode(strike.value + "/count/iskander-m/launched")
    store.extend([
        Quad(weapon_iri("ballistic-missile"), KG.broader, weapon_iri("missile"),
             NamedNode("https://w3id.org/strikegraph/ontology")),
        Quad(kyiv, RDFS_LABEL, Literal("Kyiv"), ENTITY_GRAPH),
        Quad(kyiv, OWL_SAME_AS, wikidata("Q1899"), ENTITY_GRAPH),
        Quad(iskander, RDF_TYPE, KG.Weapon, ENTITY_GRAPH),
        Quad(iskander, RDFS_LABEL, Literal("Iskander-M"), ENTITY_GRAPH),
        Quad(iskander, KG.broader, weapon_iri("ballistic-missile"), ENTITY_GRAPH),
        Quad(article, RDF_TYPE, KG.Article, article),
        Quad(article, DCT_IDENTIFIER, Literal("m1"), article),
        Quad(strike, RDF_TYPE, KG.Attack, article),
        Quad(strike, KG.reportedIn, article, article),
        Quad(strike, KG.location, kyiv, article),
        Quad(strike, KG.weapon, iskander, article),
        Quad(strike, KG.weaponCount, count, article),
        Quad(count, RDF_TYPE, KG.WeaponCount, article),
        Quad(count, KG.weapon, iskander, article),
        Quad(count, KG.quantity, Literal("2", datatype=XSD_INTEGER), article),
        Quad(count, KG.countQualifier, Literal("launched"), article),
    ])
    return store


def test_a_weapon_model_is_read_as_its_kinds_through_kg_broader():
    prediction = predictions_from_store(model_store(), ["m1"])["m1"]
    (strike,) = prediction.attacks
    assert strike.weapons == {"ballistic-missile", "missile"}
    assert strike.counts == (PredictedCount("ballistic-missile", 2, "launched"),)
    gold = [gold_article("m1", attacks=[GoldAttack("Kyiv", weapons=("ballistic-missile",))],
                         counts=[GoldWeaponCount("ballistic-missile", 2, "launched")])]
    report = score(gold, {"m1": prediction}, FoldedNames())
    assert totals(report, "weapons") == (2, 0, 0)
    assert totals(report, "weapon_counts") == (1, 0, 0)


def test_weapon_counts_use_the_nearest_kind_without_closure():
    gold = [gold_article(counts=[GoldWeaponCount("missile", 4), GoldWeaponCount("drone", 48)])]
    prediction = predicted(attacks=[attack("Kyiv", counts=[
        PredictedCount("ballistic-missile", 4, "launched"), PredictedCount("drone", 48, None)])])
    report = score(gold, prediction, FoldedNames())
    assert totals(report, "weapon_counts") == (1, 1, 1)
    assert report.articles[0].fields["weapon_counts"].spurious == ["ballistic missile 4"]


# --- statements -----------------------------------------------------------------------------

def test_quotes_are_attributed_when_the_same_speaker_starts_with_quote_start():
    gold = [gold_article(statements=[
        GoldStatement("Vitali Klitschko", "Russia launched 48 drones,"),
        GoldStatement("Vitali Klitschko", "We will rebuild"),
        GoldStatement("Oleh Syniehubov", "The enemy struck"),
    ])]
    prediction = predicted(statements=[
        said("vitali klitschko", "\u201cRussia launched 48 drones, most were shot down\u201d"),
        said("Oleh Syniehubov", "We will rebuild"),  # another speaker's quote
    ])
    report = score(gold, prediction, FoldedNames())
    assert totals(report, "statements") == (2, 0, 0)
    assert totals(report, "quotes") == (1, 1, 2)
    assert report.fields["quotes"].recall == pytest.approx(1 / 3)
    assert report.articles[0].fields["quotes"].spurious == ['Oleh Syniehubov: "We will rebuild"']


def test_quote_prefix_folds_quote_marks_space_case_and_apostrophes():
    assert starts_quote("\u201cWe won\u2019t  give up,\u201d", "we won't give up")
    assert starts_quote("Russia launched 48 drones", "Russia launched 48 drones,")
    assert not starts_quote("launched 48 drones", "Russia launched")


# --- linking --------------------------------------------------------------------------------

def test_linking_judges_found_entities_whose_item_is_known():
    gold = [gold_article(attacks=[GoldAttack("Kyiv"), GoldAttack("Kharkiv"), GoldAttack("Sumy"),
                                  GoldAttack("Lviv")],
                         statements=[GoldStatement("Ihor Terekhov", "x")],
                         persons=["Ihor Terekhov"])]
    prediction = predicted(
        attacks=[attack("Kiev", qids=["Q1899"]), attack("Kharkiv", qids=["Q170666"]),
                 attack("Sumy", qids=["Q166125"])],
        statements=[said("Ihor Terekhov", "x")])
    report = score(gold, prediction, KYIV_NAMES)
    # Kyiv right; Kharkiv wrong (spurious + missing); Sumy and Terekhov unknown; Lviv not found
    assert totals(report, "linking") == (1, 1, 1)
    assert report.articles[0].unjudged_links == ["Sumy", "Ihor Terekhov"]
    assert report.unjudged_links == 2
    links = report.articles[0].fields["linking"]
    assert (links.missing, links.spurious) == (["Kharkiv: wd:Q42308"], ["Kharkiv: wd:Q170666"])


def test_a_place_found_as_its_alternative_reading_is_judged_as_that_reading():
    names = FoldedNames(qids={"Nova Kakhovka": "Q987491", "Kherson Oblast": "Q163271"})
    gold = [gold_article(attacks=[GoldAttack("Nova Kakhovka", alt_places=("Kherson Oblast",))])]
    oblast = score(gold, predicted(attacks=[attack("Kherson Oblast", qids=["Q163271"])]), names)
    assert totals(oblast, "linking") == (1, 0, 0)
    town = score(gold, predicted(attacks=[attack("Nova Kakhovka", qids=["Q163271"])]), names)
    assert totals(town, "linking") == (0, 1, 1)  # the town linked to the oblast's item: wrong


def test_a_place_read_under_the_gold_name_is_judged_before_its_alternative_reading():
    names = FoldedNames(qids={"Kharkiv Oblast": "Q170666", "Kharkiv": "Q42308"})
    gold = [gold_article(attacks=[GoldAttack("Kharkiv Oblast", alt_places=("Kharkiv",))])]
    both = score(gold, predicted(attacks=[attack("Kharkiv", qids=["Q42308"]),
                                          attack("Kharkiv Oblast", qids=["Q170666"])]), names)
    assert totals(both, "linking") == (1, 0, 0)  # the city, the oblast's other reading, aside
    city = score(gold, predicted(attacks=[attack("Kharkiv", qids=["Q42308"])]), names)
    assert totals(city, "linking") == (1, 0, 0)  # found only as that reading: judged as it


def test_a_place_matches_the_gold_place_of_its_name_before_an_alternative_reading():
    gold = [gold_article(attacks=[GoldAttack("Artakovo", alt_places=("Lgovsky District",)),
                                  GoldAttack("Lgovsky District")])]
    report = score(gold, predicted(attacks=[attack("Artakovo"), attack("Lgovsky District")]),
                   KYIV_NAMES)
    assert totals(report, "places") == (2, 0, 0)


def test_an_unlinked_place_misses_its_item():
    report = score([gold_article(attacks=[GoldAttack("Kyiv")])],
                   predicted(attacks=[attack("Kyiv")]), KYIV_NAMES)
    assert totals(report, "linking") == (0, 0, 1)


def test_speaker_kind_passed_to_names_comes_from_the_gold_lists():
    asked = []

    class Recorder(FoldedNames):
        def qid(self, name, kind, country=None):
            asked.append((name, kind))
            return None

    gold = [gold_article(attacks=[GoldAttack("Kyiv", place_type="settlement")],
                         statements=[GoldStatement("Ihor Terekhov", "a"),
                                     GoldStatement("Ukrainian Air Force", "b"),
                                     GoldStatement("Someone", "c")],
                         persons=["Ihor Terekhov"], organizations=["Ukrainian Air Force"])]
    prediction = predicted(attacks=[attack("Kyiv")],
                           statements=[said("Ihor Terekhov", "a"),
                                       said("Ukrainian Air Force", "b"), said("Someone", "c")])
    score(gold, prediction, Recorder())
    assert asked == [("Kyiv", "settlement"), ("Ihor Terekhov", "person"),
                     ("Ukrainian Air Force", "organization"), ("Someone", None)]


# --- the store, the report, the whole run ---------------------------------------------------

def test_predictions_read_labels_chain_links_and_statements_from_the_store():
    store = Store()
    store.load(path=DATA / "predicted.trig")
    prediction = predictions_from_store(store, ["a01", "a02", "zz"])
    assert prediction["zz"] == Predicted("zz", in_store=False)
    kyiv = next(a for a in prediction["a01"].attacks if a.place.labels == ("Kiev",))
    assert kyiv.place.chain == ("Kyiv Oblast", "Ukraine")
    assert kyiv.place.qids == ("Q1899",)  # the GeoNames link is left out
    assert kyiv.attackers == ("Russia",)
    assert (kyiv.killed, kyiv.injured) == ((4,), (18,))
    assert kyiv.counts == (PredictedCount("drone", 48, "launched"),
                           PredictedCount("drone", 40, "shot down"))
    speakers = [s.speaker.name for s in prediction["a01"].statements]
    assert speakers == ["Vitali Klitschko", "Oleh Syniehubov", "Ukrainian Air Force"]


def test_the_report_lists_missing_and_spurious_items_of_articles_with_errors():
    gold = [gold_article("x1", attacks=[GoldAttack("Kyiv"), GoldAttack("Lviv")]),
            gold_article("x2", attacks=[GoldAttack("Odesa")])]
    prediction = {**predicted("x1", attacks=[attack("Kyiv"), attack("Dnipro")]),
                  **predicted("x2", attacks=[attack("Odesa")])}
    text = format_report(score(gold, prediction, FoldedNames()))
    assert "attack places      0.667  0.667  0.667     2     1     1\n" in text
    assert ("\nx1\n"
            "  attack places      missing: Lviv\n"
            "                     spurious: Dnipro\n") in text
    assert "x2" not in text  # no errors there


def fake_ingest(received):
    def ingest(store, articles):
        received.extend(articles)
        store.load(path=DATA / "predicted.trig")
    return ingest


def test_evaluate_ingests_the_gold_articles_and_scores_the_store():
    received = []
    report = evaluate(GOLD, ingest=fake_ingest(received), names=KYIV_NAMES)
    assert [(a.identifier, a.published, a.url) for a in received] == [
        ("a01", date(2024, 5, 2), "https://example.org/news/a01"), ("a02", None, None)]
    assert received[1].text == (GOLD / "a02.txt").read_text(encoding="utf-8")
    assert format_report(report) == (DATA / "expected-report.txt").read_text(encoding="utf-8")
    data = json.loads(report_to_json(report))
    assert data["fields"]["places"] == {"title": "attack places", "precision": 0.5,
                                        "recall": 1.0, "f1": pytest.approx(2 / 3), "tp": 2,
                                        "fp": 2, "fn": 0}
    assert data["false_alarms"] == ["a02"] and data["no_attack_articles"] == ["a02"]
    assert data["articles"][1]["fields"]["places"] == {"tp": 0, "missing": [],
                                                       "spurious": ["Brussels"]}


def test_evaluate_with_plain_names_misses_the_variant():
    report = evaluate(GOLD, ingest=fake_ingest([]))
    assert report.articles[0].fields["places"].missing == ["Kyiv"]


def test_predictions_read_what_the_mapping_writes():
    """The evaluator's queries and ``kg.mapping`` agree on the graph shape."""
    from kg.mapping import article_quads
    from kg.records import Actor, Article, Attack, Extraction, Place, Statement, Weapon, WeaponCount

    oblast = Place("Q170036", "Kyiv Oblast", "region", qid="Q170036")
    kyiv = Place("Q1899", "Kyiv", "settlement", qid="Q1899", geonames="703448", parent=oblast)
    shahed = Weapon("shahed-136", "Shahed-136", "drone")
    strike = Attack(place=kyiv, weapons=[shahed, Weapon("missile", "missile", "missile")],
                    counts=[WeaponCount(shahed, 48, "launched")], killed=4, injured=19)
    mayor = Actor("person", "Vitali Klitschko")
    quote = Statement("Russia launched 48 drones at the capital", mayor, start=120)
    extraction = Extraction(Article("k1", "text"), attacks=[strike], statements=[quote])
    _, own, shared = article_quads(extraction)
    store = Store()
    store.extend(own + shared)

    prediction = predictions_from_store(store, ["k1"])["k1"]
    (read,) = prediction.attacks
    assert read.place.labels == ("Kyiv",) and read.place.chain == ("Kyiv Oblast",)
    assert read.place.qids == ("Q1899",)
    assert read.weapons == {"drone", "missile"}
    assert read.counts == (PredictedCount("drone", 48, "launched"),)
    assert (read.killed, read.injured) == ((4,), (19,))
    assert [(s.speaker.name, s.quote) for s in prediction.statements] == [
        ("Vitali Klitschko", "Russia launched 48 drones at the capital")]


def test_evaluate_can_use_the_pipelines_own_empty_store():
    store = Store()
    seen = []

    def ingest(into, articles):
        seen.append(into)
        fake_ingest([])(into, articles)

    report = evaluate(GOLD, ingest=ingest, names=KYIV_NAMES, store=store)
    assert seen == [store] and len(store) > 0
    assert report.fields["places"].tp == 2


def test_the_gold_read_as_a_prediction_scores_one_everywhere():
    from kg.evaluation.gold import kind_closure

    def as_prediction(g: GoldArticle) -> Predicted:
        attacks = tuple(
            attack(a.place, weapons=kind_closure(a.weapons),
                   killed=[a.killed] if a.killed is not None else [],
                   injured=[a.injured] if a.injured is not None else [],
                   qids=[q] if (q := KYIV_NAMES.qid(a.place, None)) else [],
                   counts=[PredictedCount(c.kind, c.count) for c in g.weapon_counts])
            for a in g.attacks)
        statements = tuple(said(s.speaker, s.quote_start + " and the rest")
                           for s in g.statements)
        return Predicted(g.identifier, True, attacks, statements)

    gold = load_gold(GOLD)
    report = score(gold, {g.identifier: as_prediction(g) for g in gold}, KYIV_NAMES)
    for key, total in report.fields.items():
        assert (total.precision, total.recall, total.fn) == (1.0, 1.0, 0), key
    assert report.false_alarms == []
    assert format_report(report).endswith("of these with predicted attacks: 0\n"
                                          "linking: 2 found names have no known Wikidata item "
                                          "and were not judged\n")


def test_gazetteer_names_judge_links_by_kind_and_country():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.qid("Kharkiv", "settlement", "Ukraine") == "Q42308"
    assert names.qid("Kharkiv Raion", "region", "Ukraine") is None  # not the oblast's item
    assert names.qid("Novomoskovsk", "settlement", "Russia") is None  # not Ukraine's Samar
    assert names.qid("Kiev", "settlement") == "Q1899"


def test_two_spellings_of_a_persons_given_name_match():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("Serhiy Lysak", "Serhii Lysak")
    assert not names.same("Serhiy Lysak", "Serhii Popko")
    assert not names.same("Lysak", "Serhii Lysak")


def test_an_organization_matches_its_known_alias():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("State Emergency Service", "State Emergency Service of Ukraine")
    assert not names.same("State Emergency Service", "National Police of Ukraine")


def test_an_organization_named_with_a_possessive_matches_its_of_phrase():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("Prosecutor General's Office", "Office of the Prosecutor General of Ukraine")
    assert not names.same("Prosecutor General's Office", "Office of the President of Ukraine")


# --- the GOLD.md format as real-news gold uses it ------------------------------------------------

def test_real_news_gold_reads_outlet_provenance_and_alt_places(tmp_path):
    write_pair(tmp_path, "g1", minimal(
        outlet="A wire service", derived_from="A wire service, a URL", text="close rewrite",
        attacks=[{"place": "Novoshakhtinsk", "alt_places": ["Rostov Oblast"], "weapons": [],
                  "killed": None, "injured": None}]))
    [article] = load_gold(tmp_path)
    assert article.attacks[0].alt_places == ("Rostov Oblast",)
    write_pair(tmp_path, "g1", minimal(outlet=3))
    with pytest.raises(GoldError, match="outlet must be a non-empty string or null"):
        load_gold(tmp_path)


def test_an_alt_places_reading_matches_like_the_place():
    gold = [gold_article(attacks=[GoldAttack("Slavyansk-na-Kubani",
                                             alt_places=("Krasnodar Krai",), killed=1)])]
    report = score(gold, predicted(attacks=[attack("Krasnodar Krai", killed=[1])]),
                   FoldedNames())
    assert totals(report, "places") == (1, 0, 0)
    assert totals(report, "casualties") == (1, 0, 0)
    report = score(gold, predicted(attacks=[attack("Krasnodar", killed=[1])]), FoldedNames())
    assert totals(report, "places") == (0, 1, 1)


def test_a_source_typo_of_a_place_matches_but_two_real_places_do_not():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("Kharkiv", "Kharikv")  # letters swapped
    assert names.same("Zaporizhzhia", "Zaporizhia")  # one dropped
    assert not names.same("Pokrovsk", "Pokrovske")  # two places the gazetteer tells apart
    assert not names.same("Sumy", "Suny")  # too short to call a typo


def test_two_romanizations_of_an_unknown_village_match_but_two_known_places_do_not():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("Vasyliv Khutir", "Vasilyv Khutyr")  # vowels romanized apart
    assert not names.same("Raihorodok", "Raihorodka")  # two villages the gazetteer holds
    assert not names.same("Vasyliv Khutir", "Vasyliv")  # not the same words
    assert not names.same("Sadove", "Sadov")  # too few consonants to tell


def test_organization_speakers_match_by_their_names_words():
    from kg.evaluation.run import GazetteerNames

    names = GazetteerNames()
    assert names.same("Air Force", "Ukrainian Air Force")
    assert names.same("the Regional Military Administration",
                      "Kharkiv Regional Military Administration")
    assert not names.same("Air Force", "Ministry of Defence")
    assert not names.same("Kharkiv", "Kharkiv Regional Military Administration")
    # "Oblast" and "Regional" translate one word of the body's name
    assert names.same("Sumy Oblast Military Administration", "Sumy Regional Military Administration")
    assert not names.same("Sumy Oblast Military Administration", "Sumy City Military Administration")


@pytest.mark.parametrize("told, gold, same", [
    ("Polish Armed Forces’ Operational Command", "Operational Command of the Polish Armed Forces",
     True),
    ("Polish Armed Forces' Operational Command", "Operational Command of the Polish Armed Forces",
     True),
    ("the Air Force", "Ukrainian Air Force", True),
    ("Air Force", "Ministry of Defence", False),
    # a compass adjective is its noun: "Southern" forces are the forces "of the South"
    ("Southern Defence Forces", "Defence Forces of the South of Ukraine", True),
    ("Southern Defence Forces", "Defence Forces of the North", False),
])
def test_organization_speakers_match_by_their_names_words(told, gold, same):
    from kg.evaluation.run import same_organization_words

    assert same_organization_words(told, gold) is same
