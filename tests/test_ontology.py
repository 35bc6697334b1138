"""The ontology file: it parses, HermiT finds it consistent, and it agrees with kg.vocab and the
contract (classes, properties with their domains and ranges, the weapon kinds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, XSD, BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.vocab import CLASSES, ID_NS, KG, KG_NS, PROPERTIES, WEAPON_KINDS

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "strikegraph.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/strikegraph/ontology")
K = Namespace(KG_NS)
ID = Namespace(ID_NS)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WEAPON = Namespace(ID_NS + "weapon/")

# The contract, written out again so that a drift of either the ontology or kg.vocab shows.
CONTRACT_WEAPON_KINDS = {
    "drone", "missile", "ballistic-missile", "cruise-missile", "glide-bomb", "aerial-bomb",
    "artillery", "rocket",
}
CONTRACT_BROADER = {
    ("ballistic-missile", "missile"), ("cruise-missile", "missile"), ("glide-bomb", "aerial-bomb"),
}
# property: (domain classes, range) — from CONTRACT.md's table, plus the brief's extra terms.
OBJECT_PROPERTIES = {
    "reportedIn": ({"Attack", "Statement", "Raid"}, "Article"),
    "location": ({"Attack", "Incident"}, "Location"),
    "district": ({"Attack"}, "District"),
    "attacker": ({"Attack", "Raid"}, "Actor"),
    # The graph also puts kg:weapon on a WeaponCount ("a node with kg:weapon and kg:quantity").
    "weapon": ({"Attack", "WeaponCount"}, "Weapon"),
    "weaponCount": ({"Attack", "Raid"}, "WeaponCount"),
    "speaker": ({"Statement"}, "Actor"),
    "about": ({"Statement"}, "Attack"),
    "partOf": ({"Location"}, "Location"),
    "evidence": ({"Attack", "Statement", "Raid", "WeaponCount"}, "Evidence"),
    "broader": ({"Weapon"}, "Weapon"),
    "raid": ({"Attack"}, "Raid"),
    "report": ({"Incident"}, "Attack"),
}
DATATYPE_PROPERTIES = {
    "killed": ({"Attack", "Incident"}, XSD.integer),
    "injured": ({"Attack", "Incident"}, XSD.integer),
    # xsd:date, the contract's type, is outside the OWL 2 datatype map: no range in the
    # ontology (HermiT would refuse it), the shapes hold it (tests/test_checks.py)
    "date": ({"Attack", "Raid", "Incident"}, None),
    "quantity": ({"WeaponCount"}, XSD.integer),
    "countQualifier": ({"WeaponCount"}, XSD.string),
    "quote": ({"Statement"}, XSD.string),
    "channel": ({"Statement"}, XSD.string),
    "role": ({"Person"}, XSD.string),
    "text": ({"Evidence"}, XSD.string),
    "start": ({"Evidence"}, XSD.integer),
    "end": ({"Evidence"}, XSD.integer),
    "rule": ({"Evidence"}, XSD.string),
    "contentHash": ({"Article"}, XSD.string),
    "mentionedAs": ({"Actor", "Location", "Weapon"}, XSD.string),
    "datePrecision": ({"Attack", "Raid", "Incident"}, XSD.string),
    "killedLow": ({"Incident"}, XSD.integer),
    "killedHigh": ({"Incident"}, XSD.integer),
    "injuredLow": ({"Incident"}, XSD.integer),
    "injuredHigh": ({"Incident"}, XSD.integer),
    "figuresDisagree": ({"Incident"}, XSD.boolean),
}
SUBCLASSES = {
    "Person": {"Actor"}, "Organization": {"Actor"}, "Country": {"Actor", "Location"},
    "Region": {"Location"}, "Settlement": {"Location"}, "District": {"Location"},
}
# The OWL 2 datatype map (what HermiT supports).
OWL2_DATATYPES = {XSD[name] for name in (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
    "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
    "dateTime", "dateTimeStamp")} | {RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real,
                                      OWL.rational}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    return graph


def _kg_local(term) -> str | None:
    return str(term)[len(KG_NS):] if isinstance(term, URIRef) and str(term).startswith(KG_NS) else None


def _classes_of(graph: rdflib.Graph, node) -> set[str]:
    """The kg: class names a domain or range node stands for (a class or a union of classes)."""
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        return {_kg_local(m) for m in Collection(graph, members)}
    return {_kg_local(node)}


# (a) -------------------------------------------------------------------------------------------

def test_parses_with_rdflib_and_has_a_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    version = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(ONTOLOGY_IRI) + "/")
    assert onto.value(ONTOLOGY_IRI, RDFS.label) is not None
    assert len(str(onto.value(ONTOLOGY_IRI, RDFS.comment))) > 100
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None


def test_parses_with_pyoxigraph_too():
    from pyoxigraph import RdfFormat, Store

    from kg.vocab import ONTOLOGY_GRAPH
    store = Store()
    store.load(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    assert len(store) == len(rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle"))


# (b) -------------------------------------------------------------------------------------------

def _hermit(tmp_path: Path, graph: rdflib.Graph, *, data_with_dates: bool = True):
    """Run HermiT over the graph through owlready2, in a world of its own.

    The ontology alone loads without flags. Data carries xsd:date literals (kg:date), outside
    the OWL 2 datatype map, so for a graph with data HermiT is told to ignore them.
    """
    owlready2 = pytest.importorskip("owlready2")
    if shutil.which("java") is None:
        pytest.skip("java is not on PATH: HermiT (run by owlready2) needs a Java runtime")
    owlready2.JAVA_EXE = shutil.which("java")
    owlready2.reasoning.JAVA_MEMORY = 512
    path = tmp_path / "ontology.nt"
    graph.serialize(path, format="nt", encoding="utf-8")  # owlready2 reads no Turtle
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                   ignore_unsupported_datatypes=data_with_dates)
    return world


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in graph:
        out.add(triple)
    return out


def _individual(graph: rdflib.Graph, iri: URIRef, *classes: str) -> URIRef:
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    for name in classes:
        graph.add((iri, RDF.type, K[name]))
    return iri


def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable(onto, tmp_path):
    world = _hermit(tmp_path, onto, data_with_dates=False)  # no special flags
    assert list(world.inconsistent_classes()) == []


def test_hermit_accepts_a_graph_of_the_agreed_shape(onto, tmp_path):
    """A small article graph as the mapping writes it is consistent with the ontology."""
    g = _copy(onto)
    article = _individual(g, ID["article/a1"], "Article")
    kyiv = _individual(g, ID["place/Q1899"], "Location", "Settlement")
    district = _individual(g, ID["place/name%3Ashevchenkivskyi"], "Location", "District")
    russia = _individual(g, ID["place/Q159"], "Location", "Country", "Actor")
    mayor = _individual(g, ID["person/vitali-klitschko"], "Person", "Actor")
    shahed = _individual(g, WEAPON["shahed-136"], "Weapon")
    g.add((shahed, K.broader, WEAPON.drone))
    g.add((district, K.partOf, kyiv))
    g.add((mayor, K.role, Literal("Mayor of Kyiv")))
    g.add((mayor, K.mentionedAs, Literal("Klitschko")))
    attack = _individual(g, ID["attack/a1/Q1899"], "Attack")
    count = _individual(g, ID["attack/a1/Q1899/count/shahed-136/launched"], "WeaponCount")
    evidence = _individual(g, ID["evidence/a1/0-40"], "Evidence")
    statement = _individual(g, ID["statement/a1/41"], "Statement")
    for triple in [
        (article, K.contentHash, Literal("ab" * 32)),
        (attack, K.reportedIn, article), (attack, K.location, kyiv),
        (attack, K.district, district), (attack, K.attacker, russia),
        (attack, K.weapon, shahed), (attack, K.weapon, WEAPON["ballistic-missile"]),
        (attack, K.weaponCount, count), (attack, K.killed, Literal(4)),
        (attack, K.injured, Literal(12)), (attack, K.date, Literal("2024-05-01", datatype=XSD.date)),
        (attack, K.evidence, evidence),
        (count, K.weapon, shahed), (count, K.quantity, Literal(48)),
        (count, K.countQualifier, Literal("launched")),
        (evidence, K.text, Literal("Russia attacked Kyiv with 48 Shahed drones.")),
        (evidence, K.start, Literal(0)), (evidence, K.end, Literal(40)),
        (statement, K.reportedIn, article), (statement, K.speaker, mayor),
        (statement, K.quote, Literal("Explosions in the city.")),
        (statement, K.channel, Literal("Telegram")), (statement, K.about, attack),
        (statement, K.evidence, evidence),
    ]:
        g.add(triple)
    world = _hermit(tmp_path, g)
    assert list(world.inconsistent_classes()) == []


def _two_quotes(g):
    s = _individual(g, ID["statement/a1/0"], "Statement")
    g.add((s, K.quote, Literal("one")))
    g.add((s, K.quote, Literal("two")))


INCONSISTENT = {
    "attack and statement": lambda g: _individual(g, ID["x"], "Attack", "Statement"),
    "person and country": lambda g: _individual(g, ID["x"], "Person", "Country"),
    "settlement and region": lambda g: _individual(g, ID["x"], "Settlement", "Region"),
    "weapon pointing at an article": lambda g: g.add(
        (_individual(g, ID["attack/a/b"], "Attack"), K.weapon, _individual(g, ID["a"], "Article"))),
    "two quotes for one statement": _two_quotes,
}


@pytest.mark.parametrize("case", sorted(INCONSISTENT))
def test_hermit_finds_a_contradiction_inconsistent(onto, tmp_path, case):
    import owlready2
    g = _copy(onto)
    INCONSISTENT[case](g)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(tmp_path, g)


def test_no_datatype_outside_the_owl2_datatype_map(onto):
    used = {o for _, p, o in onto if p in (RDFS.range, OWL.someValuesFrom)
            and isinstance(o, URIRef) and str(o).startswith(str(XSD))}
    used |= {o.datatype for _, _, o in onto if isinstance(o, Literal) and o.datatype}
    assert used - OWL2_DATATYPES == set()


# (c) -------------------------------------------------------------------------------------------

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _declared(graph: rdflib.Graph, kinds=DECLARATIONS) -> set[str]:
    return {_kg_local(s) for kind in kinds for s in graph.subjects(RDF.type, kind)} - {None}


def test_vocab_and_ontology_declare_the_same_terms(onto):
    assert _declared(onto) == set(KG.terms())
    assert _declared(onto, (OWL.Class,)) == set(CLASSES)
    assert _declared(onto, (OWL.ObjectProperty, OWL.DatatypeProperty)) == set(PROPERTIES)


def test_every_vocab_term_has_a_label_and_a_definition(onto):
    missing = [name for name in sorted(KG.terms())
               if onto.value(K[name], RDFS.label) is None
               or onto.value(K[name], SKOS.definition) is None]
    assert missing == []


def test_object_properties_match_the_contract(onto):
    assert _declared(onto, (OWL.ObjectProperty,)) == set(OBJECT_PROPERTIES)
    for name, (domain, range_) in OBJECT_PROPERTIES.items():
        assert _classes_of(onto, onto.value(K[name], RDFS.domain)) == domain, name
        assert _kg_local(onto.value(K[name], RDFS.range)) == range_, name


def test_datatype_properties_match_the_contract(onto):
    assert _declared(onto, (OWL.DatatypeProperty,)) == set(DATATYPE_PROPERTIES)
    for name, (domain, range_) in DATATYPE_PROPERTIES.items():
        assert _classes_of(onto, onto.value(K[name], RDFS.domain)) == domain, name
        assert onto.value(K[name], RDFS.range) == range_, name


def test_class_hierarchy_matches_the_contract(onto):
    for name in CLASSES:
        parents = {_kg_local(o) for o in onto.objects(K[name], RDFS.subClassOf)} - {None}
        assert parents == SUBCLASSES.get(name, set()), name


def test_actor_and_location_are_not_disjoint(onto):
    """A country is both; declaring them disjoint would make kg:Country unsatisfiable."""
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = set(Collection(onto, onto.value(node, OWL.members)))
        assert not {K.Actor, K.Location} <= members
    assert (K.Actor, OWL.disjointWith, K.Location) not in onto


def test_alignments_to_sem_schema_prov_and_wikidata_are_present(onto):
    objects = set(onto.objects())
    for iri in (
        "http://semanticweb.cs.vu.nl/2009/11/sem/Event", "http://semanticweb.cs.vu.nl/2009/11/sem/Actor",
        "http://semanticweb.cs.vu.nl/2009/11/sem/Place", "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor", "https://schema.org/Event",
        "https://schema.org/Place", "https://schema.org/Person", "https://schema.org/Organization",
        "https://schema.org/Country", "https://schema.org/Quotation",
        "http://www.w3.org/ns/prov#wasDerivedFrom", "http://www.w3.org/ns/prov#hadPrimarySource",
        "http://www.wikidata.org/prop/direct/P276", "http://www.wikidata.org/prop/direct/P8031",
        "http://www.wikidata.org/prop/direct/P1120", "http://www.wikidata.org/prop/direct/P1339",
        "http://www.wikidata.org/prop/direct/P520",
    ):
        assert URIRef(iri) in objects, iri


# (d) -------------------------------------------------------------------------------------------

def test_weapon_kinds_are_exactly_the_contracts(onto):
    assert set(WEAPON_KINDS) == CONTRACT_WEAPON_KINDS
    kinds = {str(s) for s in onto.subjects(RDF.type, K.Weapon)}
    assert kinds == {str(WEAPON[key]) for key in CONTRACT_WEAPON_KINDS}
    for key in CONTRACT_WEAPON_KINDS:
        assert (WEAPON[key], RDF.type, OWL.NamedIndividual) in onto
        label = onto.value(WEAPON[key], RDFS.label)
        assert str(label) == key.replace("-", " "), key


def test_weapon_kind_broader_links_are_exactly_the_contracts(onto):
    prefix = str(WEAPON)
    links = {(str(s)[len(prefix):], str(o)[len(prefix):]) for s, o in onto.subject_objects(K.broader)}
    assert links == CONTRACT_BROADER


# (e) -------------------------------------------------------------------------------------------

def test_every_class_and_property_has_a_label(onto):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    unlabelled = [str(s) for kind in kinds for s in onto.subjects(RDF.type, kind)
                  if isinstance(s, URIRef) and onto.value(s, RDFS.label) is None]
    assert unlabelled == []
