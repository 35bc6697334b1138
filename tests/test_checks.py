"""The data checks (SHACL shapes in ontology/shapes.ttl, validated with pySHACL): a store of the
agreed shape conforms, each check reports the one fault it is written for (and nothing else
does), and the shapes say what the ontology says."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from kg.checks import CheckError, Violation, load_checks, run_checks, validate
from rdflib import RDF, RDFS, Namespace, URIRef

from kg.checks import format_report, load_shapes
from kg.resources import shapes_path
from kg.vocab import KG_NS
from kg.vocab import (
    DCT_IDENTIFIER, DCT_ISSUED, DCT_SOURCE, DCT_TITLE, ENTITY_GRAPH, INCIDENT_GRAPH, KG,
    ONTOLOGY_GRAPH,
    OWL_SAME_AS, RDF_TYPE, RDFS_LABEL, XSD_DATE, XSD_INTEGER, article_iri, mint, weapon_iri,
    wikidata,
)

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "strikegraph.ttl"
SHAPES_FILE = shapes_path()
SHN = Namespace("http://www.w3.org/ns/shacl#")

ARTICLE = article_iri("001_kyiv")
OTHER_ARTICLE = article_iri("002 Kharkiv ü")  # an identifier that needs percent-encoding
UKRAINE, RUSSIA = mint("place", "Q212"), mint("place", "Q159")
KYIV, KHARKIV_OBLAST = mint("place", "Q1899"), mint("place", "Q170666")
DISTRICT = mint("place", "name:shevchenkivskyi")
MAYOR = mint("person", "vitali-klitschko")
AIR_FORCE = mint("organization", "ukrainian-air-force")
SHAHED, KH101 = weapon_iri("shahed-136"), weapon_iri("kh-101")
DRONE, MISSILE = weapon_iri("drone"), weapon_iri("missile")
ATTACK = mint("attack", "001_kyiv", "Q1899")
REGION_ATTACK = mint("attack", "001_kyiv", "Q170666")
OTHER_ATTACK = mint("attack", "002 Kharkiv ü", "Q170666")
COUNT = NamedNode(ATTACK.value + "/count/shahed-136/launched")
STATEMENT = mint("statement", "001_kyiv", "120")

SENTENCES = {
    "attack": (0, "Russia attacked Kyiv overnight with 48 Shahed drones, killing four."),
    "region": (70, "Kharkiv Oblast was also hit by a Kh-101 missile."),
    "quote": (120, '"Explosions in the Shevchenkivskyi district," Klitschko wrote on Telegram.'),
    "other": (0, "Kharkiv Oblast came under fire again."),
}


def evidence(identifier: str, key: str) -> NamedNode:
    start, text = SENTENCES[key]
    return NamedNode(f"{mint('evidence', identifier).value}/{start}-{start + len(text)}")


EVIDENCE = evidence("001_kyiv", "attack")


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD_DATE)


def _evidence(quads, graph, identifier, key, subject):
    start, text = SENTENCES[key]
    node = evidence(identifier, key)
    quads += [(subject, KG.evidence, node, graph), (node, RDF_TYPE, KG.Evidence, graph),
              (node, KG.text, Literal(text), graph), (node, KG.start, integer(start), graph),
              (node, KG.end, integer(start + len(text)), graph)]


def good_store() -> Store:
    """Two articles as the mapping writes them, with the ontology loaded."""
    store = Store()
    store.load(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    e, a, b = ENTITY_GRAPH, ARTICLE, OTHER_ARTICLE
    quads = []
    for place, classes, label, parent, qid in [
        (UKRAINE, (KG.Location, KG.Country, KG.Actor), "Ukraine", None, "Q212"),
        (RUSSIA, (KG.Location, KG.Country, KG.Actor), "Russia", None, "Q159"),
        (KYIV, (KG.Location, KG.Settlement), "Kyiv", UKRAINE, "Q1899"),
        (KHARKIV_OBLAST, (KG.Location, KG.Region), "Kharkiv Oblast", UKRAINE, "Q170666"),
        (DISTRICT, (KG.Location, KG.District), "Shevchenkivskyi", KYIV, None),
    ]:
        quads += [(place, RDF_TYPE, cls, e) for cls in classes]
        quads.append((place, RDFS_LABEL, Literal(label), e))
        if parent is not None:
            quads.append((place, KG.partOf, parent, e))
        if qid is not None:
            quads.append((place, OWL_SAME_AS, wikidata(qid), e))
    quads += [
        (DISTRICT, OWL_SAME_AS, NamedNode("http://sws.geonames.org/703448/"), e),
        (MAYOR, RDF_TYPE, KG.Person, e), (MAYOR, RDF_TYPE, KG.Actor, e),
        (MAYOR, RDFS_LABEL, Literal("Vitali Klitschko"), e),
        (AIR_FORCE, RDF_TYPE, KG.Organization, e), (AIR_FORCE, RDF_TYPE, KG.Actor, e),
        (AIR_FORCE, RDFS_LABEL, Literal("Ukrainian Air Force"), e),
        (SHAHED, RDF_TYPE, KG.Weapon, e), (SHAHED, RDFS_LABEL, Literal("Shahed-136"), e),
        (SHAHED, KG.broader, DRONE, e),
        (KH101, RDF_TYPE, KG.Weapon, e), (KH101, RDFS_LABEL, Literal("Kh-101"), e),
        (KH101, KG.broader, weapon_iri("cruise-missile"), e),
        # the first article
        (a, RDF_TYPE, KG.Article, a), (a, DCT_IDENTIFIER, Literal("001_kyiv"), a),
        (a, DCT_TITLE, Literal("Overnight attack on Kyiv"), a),
        (a, DCT_SOURCE, NamedNode("https://example.org/news/1"), a),
        (a, DCT_ISSUED, day("2024-05-02"), a), (a, KG.contentHash, Literal("ab" * 32), a),
        (ATTACK, RDF_TYPE, KG.Attack, a), (ATTACK, KG.reportedIn, a, a),
        (ATTACK, KG.location, KYIV, a), (ATTACK, KG.district, DISTRICT, a),
        (ATTACK, KG.attacker, RUSSIA, a), (ATTACK, KG.weapon, SHAHED, a),
        (ATTACK, KG.weapon, DRONE, a), (ATTACK, KG.weaponCount, COUNT, a),
        (COUNT, RDF_TYPE, KG.WeaponCount, a), (COUNT, KG.weapon, SHAHED, a),
        (COUNT, KG.quantity, integer(48), a), (COUNT, KG.countQualifier, Literal("launched"), a),
        (ATTACK, KG.killed, integer(4), a), (ATTACK, KG.injured, integer(0), a),
        (ATTACK, KG.date, day("2024-05-02"), a),
        (REGION_ATTACK, RDF_TYPE, KG.Attack, a), (REGION_ATTACK, KG.reportedIn, a, a),
        (REGION_ATTACK, KG.location, KHARKIV_OBLAST, a), (REGION_ATTACK, KG.weapon, KH101, a),
        (REGION_ATTACK, KG.date, day("2024-05-01"), a),
        (STATEMENT, RDF_TYPE, KG.Statement, a), (STATEMENT, KG.reportedIn, a, a),
        (STATEMENT, KG.speaker, MAYOR, a),
        (STATEMENT, KG.quote, Literal("Explosions in the Shevchenkivskyi district,"), a),
        (STATEMENT, KG.channel, Literal("Telegram"), a), (STATEMENT, KG.about, ATTACK, a),
        (MAYOR, KG.role, Literal("Mayor of Kyiv"), a),
        (MAYOR, KG.mentionedAs, Literal("Klitschko"), a),
        # the second article: no date, no title; an actor speaks of nothing in particular
        (b, RDF_TYPE, KG.Article, b), (b, DCT_IDENTIFIER, Literal("002 Kharkiv ü"), b),
        (OTHER_ATTACK, RDF_TYPE, KG.Attack, b), (OTHER_ATTACK, KG.reportedIn, b, b),
        (OTHER_ATTACK, KG.location, KHARKIV_OBLAST, b), (OTHER_ATTACK, KG.attacker, RUSSIA, b),
        (OTHER_ATTACK, KG.killed, integer(1), b),
    ]
    _evidence(quads, a, "001_kyiv", "attack", ATTACK)
    _evidence(quads, a, "001_kyiv", "region", REGION_ATTACK)
    _evidence(quads, a, "001_kyiv", "quote", STATEMENT)
    _evidence(quads, b, "002 Kharkiv ü", "other", OTHER_ATTACK)
    store.extend([Quad(*q) for q in quads])
    return store


def drop(store: Store, s=None, p=None, o=None) -> None:
    for quad in list(store.quads_for_pattern(s, p, o, None)):
        store.remove(quad)


def put(store: Store, s, p, o, graph=ARTICLE) -> None:
    store.add(Quad(s, p, o, graph))


def replace(store: Store, s, p, o, graph=ARTICLE) -> None:
    drop(store, s, p)
    put(store, s, p, o, graph)


def _cycle(store):
    a, b = weapon_iri("x-1"), weapon_iri("x-2")
    for w, other in ((a, b), (b, a)):
        put(store, w, RDF_TYPE, KG.Weapon, ENTITY_GRAPH)
        put(store, w, RDFS_LABEL, Literal(w.value[-3:]), ENTITY_GRAPH)
        put(store, w, KG.broader, other, ENTITY_GRAPH)


def _shift_evidence(store):
    start, text = SENTENCES["attack"]
    replace(store, EVIDENCE, KG.start, integer(-1))
    replace(store, EVIDENCE, KG.end, integer(len(text) - 1))


INCIDENT = mint("incident", "2024-05-02", "Q1899")


def _stale_incident(store):
    """An incident left from an article graph since replaced: its report is gone."""
    put(store, INCIDENT, RDF_TYPE, KG.Incident, INCIDENT_GRAPH)
    put(store, INCIDENT, KG.location, KYIV, INCIDENT_GRAPH)
    put(store, INCIDENT, KG.report, mint("attack", "gone", "Q1899"), INCIDENT_GRAPH)


# id: (mutation, the checks that must report, the node the first of them must name)
BAD = {
    "article-without-identifier": (
        lambda s: drop(s, ARTICLE, DCT_IDENTIFIER), {"article-without-identifier"}, ARTICLE),
    "article-iri-mismatch": (
        lambda s: replace(s, ARTICLE, DCT_IDENTIFIER, Literal("001 kyiv")),
        {"article-iri-mismatch"}, ARTICLE),
    "article-with-two-identifiers": (
        lambda s: put(s, OTHER_ARTICLE, DCT_IDENTIFIER, Literal("002"), OTHER_ARTICLE),
        {"article-iri-mismatch"}, OTHER_ARTICLE),
    "fact-outside-article-graph": (
        lambda s: replace(s, ATTACK, KG.reportedIn, ARTICLE, ENTITY_GRAPH),
        {"fact-outside-article-graph"}, ATTACK),
    "article-outside-its-graph": (
        lambda s: replace(s, OTHER_ARTICLE, RDF_TYPE, KG.Article, ARTICLE),
        {"fact-outside-article-graph"}, OTHER_ARTICLE),
    "attack-without-location": (
        lambda s: drop(s, ATTACK, KG.location), {"attack-without-location"}, ATTACK),
    "attack-without-evidence": (
        lambda s: drop(s, REGION_ATTACK, KG.evidence), {"attack-without-evidence"}, REGION_ATTACK),
    "statement-without-evidence": (
        lambda s: drop(s, STATEMENT, KG.evidence), {"statement-without-evidence"}, STATEMENT),
    "report-without-article": (
        lambda s: drop(s, REGION_ATTACK, KG.reportedIn), {"report-without-article"}, REGION_ATTACK),
    "statement-without-speaker": (
        lambda s: drop(s, STATEMENT, KG.speaker), {"statement-without-speaker-or-quote"}, STATEMENT),
    "statement-with-empty-quote": (
        lambda s: replace(s, STATEMENT, KG.quote, Literal("")),
        {"statement-without-speaker-or-quote"}, STATEMENT),
    "statement-about-foreign-attack": (
        lambda s: replace(s, STATEMENT, KG.about, OTHER_ATTACK),
        {"statement-about-foreign-attack"}, STATEMENT),
    "attack-date-after-publication": (
        lambda s: replace(s, ATTACK, KG.date, day("2024-05-03")),
        {"attack-date-after-publication"}, ATTACK),
    "negative-casualties": (
        lambda s: replace(s, ATTACK, KG.injured, integer(-2)), {"negative-casualties"}, ATTACK),
    "weapon-count-unknown-qualifier": (
        lambda s: replace(s, COUNT, KG.countQualifier, Literal("destroyed")),
        {"weapon-count-invalid"}, COUNT),
    "weapon-count-without-quantity": (
        lambda s: drop(s, COUNT, KG.quantity), {"weapon-count-invalid"}, COUNT),
    "evidence-offsets-invalid": (
        _shift_evidence, {"evidence-offsets-invalid"}, EVIDENCE),
    "evidence-text-length-mismatch": (
        lambda s: replace(s, EVIDENCE, KG.text, Literal("Russia attacked Kyiv.")),
        {"evidence-text-length-mismatch"}, EVIDENCE),
    "actor-location-weapon-without-label": (
        lambda s: drop(s, SHAHED, RDFS_LABEL), {"actor-location-weapon-without-label"}, SHAHED),
    "location-without-kind": (
        lambda s: drop(s, KYIV, RDF_TYPE, KG.Settlement), {"location-without-kind"}, KYIV),
    "district-outside-location": (
        lambda s: replace(s, DISTRICT, KG.partOf, KHARKIV_OBLAST, ENTITY_GRAPH),
        {"district-outside-location"}, ATTACK),
    "weapon-without-kind": (
        lambda s: drop(s, SHAHED, KG.broader), {"weapon-without-kind"}, SHAHED),
    "weapon-kind-moved": (
        lambda s: put(s, DRONE, KG.broader, MISSILE, ENTITY_GRAPH), {"weapon-broader-invalid"}, DRONE),
    "weapon-cycle": (
        _cycle, {"weapon-broader-invalid", "weapon-without-kind"}, weapon_iri("x-1")),
    "sameas-target-invalid": (
        lambda s: put(s, KYIV, OWL_SAME_AS, NamedNode("https://www.wikidata.org/wiki/Q1899"),
                      ENTITY_GRAPH), {"sameas-target-invalid"}, KYIV),
    # without the ontology the weapon kinds are untyped, so an attack's kg:weapon drone is
    # out of range too (the SPARQL checks read the ranges from the missing ontology and said
    # nothing)
    "ontology-not-loaded": (
        lambda s: s.clear_graph(ONTOLOGY_GRAPH), {"ontology-not-loaded", "range"}, DRONE),
    "domain": (
        lambda s: put(s, STATEMENT, KG.killed, integer(3)), {"domain"}, STATEMENT),
    "range-object": (
        lambda s: replace(s, ATTACK, KG.attacker, SHAHED), {"range"}, ATTACK),
    "range-datatype": (
        lambda s: replace(s, ATTACK, KG.killed, Literal("4")), {"range", "negative-casualties"},
        ATTACK),
    "functional-property": (
        lambda s: put(s, ATTACK, KG.killed, integer(5)), {"functional-property"}, ATTACK),
    "disjoint-classes": (
        lambda s: [put(s, MAYOR, RDF_TYPE, c, ENTITY_GRAPH) for c in (KG.Country, KG.Location)],
        {"disjoint-classes"}, MAYOR),
    "superclass-not-materialized": (
        lambda s: drop(s, KYIV, RDF_TYPE, KG.Location), {"superclass-not-materialized"}, KYIV),
    "incident-out-of-date": (
        _stale_incident, {"incident-out-of-date", "range"}, INCIDENT),
}


def reported(violations: list[Violation]) -> dict[str, Violation]:
    return {v.check: v for v in violations}


def test_a_store_of_the_agreed_shape_has_no_violations():
    report = validate(good_store())
    assert (report.conforms, report.violations, report.exit_code) == (True, [], 0)


def test_a_triple_in_two_graphs_is_no_violation():
    store = good_store()
    put(store, ATTACK, KG.killed, integer(4), ENTITY_GRAPH)  # the same figure seen twice
    put(store, KYIV, RDFS_LABEL, Literal("Kyiv"), ARTICLE)
    assert run_checks(store) == []


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_fault_is_reported_by_its_check(case):
    mutate, expected, node = BAD[case]
    store = good_store()
    mutate(store)
    found = reported(run_checks(store))
    assert set(found) == expected
    first = sorted(expected)[0] if case not in expected else case
    rows = found[first].rows
    assert rows and any(node.value in row.values() for row in rows), rows
    assert found[first].summary == next(c.summary for c in load_checks() if c.name == first)


def test_every_check_has_a_fault_that_triggers_it():
    triggered = set().union(*(expected for _, expected, _ in BAD.values()))
    assert triggered == {check.name for check in load_checks()}


# The 27 checks the SPARQL files held, each now a shape (or a few) of the same name.
CHECK_NAMES = {
    "actor-location-weapon-without-label", "article-iri-mismatch", "article-without-identifier",
    "attack-date-after-publication", "attack-without-evidence", "attack-without-location",
    "disjoint-classes", "district-outside-location", "domain", "evidence-offsets-invalid",
    "incident-out-of-date",
    "evidence-text-length-mismatch", "fact-outside-article-graph", "functional-property",
    "location-without-kind", "negative-casualties", "ontology-not-loaded", "range",
    "report-without-article", "sameas-target-invalid", "statement-about-foreign-attack",
    "statement-without-evidence", "statement-without-speaker-or-quote",
    "superclass-not-materialized", "weapon-broader-invalid", "weapon-count-invalid",
    "weapon-without-kind",
}


def test_every_check_is_a_named_shape_with_a_summary_and_description():
    checks = load_checks()
    assert {check.name for check in checks} == CHECK_NAMES
    shapes = load_shapes()
    for check in checks:
        assert check.summary and check.description, check.name
        for shape in check.shapes:  # the parts of a check say the same
            assert str(shapes.value(URIRef(shape), RDFS.label)) == check.summary, shape
            assert str(shapes.value(URIRef(shape), RDFS.comment)) == check.description, shape


def test_the_shapes_are_valid_shacl():
    """The shapes graph validates against the SHACL-for-SHACL shapes (what other SHACL
    processors expect)."""
    from pyshacl import validate as shacl_validate
    from pyshacl.entrypoints import meta_validate

    conforms, _, text = meta_validate(load_shapes())
    assert conforms, text
    assert shacl_validate  # the same package kg check uses


def test_rows_are_plain_strings_of_the_validation_result():
    store = good_store()
    replace(store, ATTACK, KG.injured, integer(-2))
    (violation,) = run_checks(store, names=["negative-casualties"])
    assert violation.rows == [{"focus": ATTACK.value, "path": KG.injured.value, "value": "-2",
                               "message": "Value is not >= Literal(\"0\", datatype=xsd:integer)"}]


def test_ontology_missing_names_the_header_and_every_weapon_kind():
    (violation,) = run_checks(Store(), names=["ontology-not-loaded"])
    missing = {row["focus"] for row in violation.rows}
    assert "https://w3id.org/strikegraph/ontology" in missing
    assert len(missing) == 9


def test_the_report_is_a_shacl_validation_report_in_turtle():
    import rdflib

    store = good_store()
    drop(store, ATTACK, KG.location)
    report = validate(store)
    assert (report.conforms, report.exit_code) == (False, 1)
    graph = rdflib.Graph().parse(data=report.turtle(), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (result,) = graph.subjects(rdflib.RDF.type, sh.ValidationResult)
    assert graph.value(result, sh.focusNode) == URIRef(ATTACK.value)
    assert graph.value(result, sh.resultPath) == URIRef(KG.location.value)
    assert graph.value(result, sh.sourceConstraintComponent) == sh.MinCountConstraintComponent
    assert (None, sh.conforms, rdflib.Literal(False)) in graph


def test_the_text_report_names_each_failing_check(tmp_path):
    store = good_store()
    drop(store, ATTACK, KG.location)
    assert format_report(validate(store)) == (
        "does not conform: 1 violation(s) of 1 check(s)\n"
        "attack-without-location: 1 violation(s) — Attacks without a location\n"
        f"  {ATTACK.value}: Less than 1 values on {ATTACK}->kg:location "
        f"(path={KG.location.value})")
    assert format_report(validate(good_store())) == "conforms: all 27 checks pass"


def test_names_select_checks_and_an_unknown_name_is_an_error():
    store = good_store()
    drop(store, ATTACK, KG.location)
    assert [v.check for v in run_checks(store, names=["attack-without-location"])] == [
        "attack-without-location"]
    assert run_checks(store, names=["negative-casualties"]) == []
    with pytest.raises(CheckError) as info:
        run_checks(store, names=["no-such"])
    assert str(info.value).startswith(f"{SHAPES_FILE}: no such check: no-such (known: ")


def test_a_broken_shapes_file_is_reported_with_its_path(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path ( \n",
                    encoding="utf-8")
    with pytest.raises(CheckError) as info:
        validate(Store(), shapes=path)
    assert str(info.value).startswith(f"{path}: invalid Turtle: ")
    with pytest.raises(CheckError) as info:
        load_checks(tmp_path / "nowhere.ttl")
    assert str(info.value) == (f"{tmp_path / 'nowhere.ttl'}: cannot read shapes: "
                               "No such file or directory")


def test_a_shape_without_summary_is_an_error(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                    "<https://w3id.org/strikegraph/shapes#mute> a sh:NodeShape .\n",
                    encoding="utf-8")
    with pytest.raises(CheckError) as info:
        load_checks(path)
    assert str(info.value) == (f"{path}: shape https://w3id.org/strikegraph/shapes#mute has no "
                               "rdfs:label (the check's summary)")


# -- the shapes say what the ontology says ---------------------------------------------------


@pytest.fixture(scope="module")
def onto():
    import rdflib

    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def _kg(graph, node) -> set:
    """The kg: classes a domain or range node stands for (a class or a union of classes)."""
    from rdflib import OWL, BNode
    from rdflib.collection import Collection

    if isinstance(node, BNode):
        return set(Collection(graph, graph.value(node, OWL.unionOf)))
    return {node}


def _shape_classes(shapes, shape) -> set:
    """sh:class of a shape, or of each member of its sh:or."""
    from rdflib.collection import Collection

    direct = set(shapes.objects(shape, SHN["class"]))
    for members in shapes.objects(shape, SHN["or"]):
        for member in Collection(shapes, members):
            direct |= set(shapes.objects(member, SHN["class"]))
    return direct


def _shapes_of(shapes, check: str) -> list:
    return [URIRef(s) for c in load_checks() if c.name == check for s in c.shapes]


def test_domains_of_the_ontology_are_the_domain_shapes(onto):
    from rdflib import RDFS as R

    shapes = load_shapes()
    said = {}
    for shape in _shapes_of(shapes, "domain"):
        for prop in shapes.objects(shape, SHN.targetSubjectsOf):
            assert prop not in said, f"{prop} in two domain shapes"
            said[prop] = _shape_classes(shapes, shape)
    expected = {p: _kg(onto, d) for p, d in onto.subject_objects(R.domain)
                if str(p).startswith(KG_NS)}
    assert said == expected


def test_ranges_of_the_ontology_are_the_range_shape(onto):
    from rdflib import OWL, XSD
    from rdflib import RDFS as R

    shapes = load_shapes()
    (shape,) = _shapes_of(shapes, "range")
    said = {}
    for prop_shape in shapes.objects(shape, SHN.property):
        path = shapes.value(prop_shape, SHN.path)
        said[path] = shapes.value(prop_shape, SHN["class"]) or shapes.value(prop_shape,
                                                                           SHN.datatype)
    assert set(shapes.objects(shape, SHN.targetSubjectsOf)) == set(said)
    properties = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty))
    expected = {p: onto.value(p, R.range) for p in properties}
    # xsd:date is outside the OWL 2 datatype map: the ontology leaves kg:date's range open and
    # the shape holds it
    assert expected.pop(URIRef(KG.date.value)) is None
    assert said.pop(URIRef(KG.date.value)) == XSD.date
    assert said == expected


def test_functional_properties_are_the_max_count_shape(onto):
    from rdflib import OWL

    shapes = load_shapes()
    (shape,) = _shapes_of(shapes, "functional-property")
    said = {shapes.value(s, SHN.path) for s in shapes.objects(shape, SHN.property)
            if shapes.value(s, SHN.maxCount).toPython() == 1}
    assert set(shapes.objects(shape, SHN.targetSubjectsOf)) == said
    assert said == set(onto.subjects(RDF.type, OWL.FunctionalProperty))


def test_disjoint_classes_of_the_ontology_are_the_disjointness_shapes(onto):
    from itertools import combinations

    from rdflib import OWL
    from rdflib.collection import Collection

    expected = set()
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(node, OWL.members)))
        expected |= {frozenset(pair) for pair in combinations(members, 2)}
    shapes = load_shapes()
    said = set()
    for shape in _shapes_of(shapes, "disjoint-classes"):
        (target,) = shapes.objects(shape, SHN.targetClass)
        (negated,) = shapes.objects(shape, SHN["not"])
        said |= {frozenset((target, other)) for other in _shape_classes(shapes, negated)}
    assert said == expected


def test_subclasses_of_the_ontology_are_the_superclass_shapes(onto):
    from rdflib import RDFS as R

    shapes = load_shapes()
    said = set()
    for shape in _shapes_of(shapes, "superclass-not-materialized"):
        for target in shapes.objects(shape, SHN.targetClass):
            for prop_shape in shapes.objects(shape, SHN.property):
                said.add((target, shapes.value(prop_shape, SHN.hasValue)))
    expected = {(c, s) for c, s in onto.subject_objects(R.subClassOf)
                if str(c).startswith(KG_NS) and str(s).startswith(KG_NS)}
    assert said == expected


def test_every_kg_term_the_shapes_use_is_in_the_ontology(onto):
    used = {term for triple in load_shapes() for term in triple
            if isinstance(term, URIRef) and str(term).startswith(KG_NS)}
    declared = {s for s in onto.subjects() if isinstance(s, URIRef)}
    assert used and used <= declared


# -- kg check ----------------------------------------------------------------------------------


def _on_disk(store: Store, tmp_path) -> str:
    from kg.store import GraphStore

    tmp_path.mkdir()
    with GraphStore(tmp_path / "store") as disk:
        disk.raw.extend(list(store))
    return str(tmp_path / "store")


def test_kg_check_exit_codes_are_pyshacls(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    store = good_store()
    location = _on_disk(store, tmp_path / "good")
    result = CliRunner().invoke(cli, ["--store", location, "check"])
    assert (result.exit_code, result.output) == (0, "conforms: all 27 checks pass\n")

    drop(store, ATTACK, KG.location)
    location = _on_disk(store, tmp_path / "bad")
    result = CliRunner().invoke(cli, ["--store", location, "check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "does not conform: 1 violation(s) of 1 check(s)",
        "attack-without-location: 1 violation(s) — Attacks without a location"]

    result = CliRunner().invoke(cli, ["--store", location, "check", "--format", "turtle"])
    assert result.exit_code == 1
    import rdflib

    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    assert len(list(graph.subjects(RDF.type, SHN.ValidationResult))) == 1

    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "nowhere"), "check"])
    assert (result.exit_code, result.output) == (2, (
        f"Error: store {tmp_path / 'nowhere'} does not exist (create it with kg ingest, or "
        "choose one with --store)\n"))
