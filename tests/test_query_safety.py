"""``kg query`` with queries pasted from anywhere: every query form runs, updates only with
``--update`` (one transaction), SERVICE and LOAD only with ``--allow-service`` (decided on the
parsed query), parameters are values, names stay inside ``queries/``, syntax errors point at a
line and column, and ``--timeout`` stops a query that would run for ever."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import serve_locally
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

import kg.queries
from kg.cli import cli
from kg.sparql_guard import network_operations, query_form
from kg.store import GraphStore

SAMPLE = Path(__file__).resolve().parent / "data" / "sample.trig"
KG = "https://w3id.org/strikegraph/ontology#"
ID = "https://w3id.org/strikegraph/id/"
NEED_UPDATE = "(kg query runs updates only with --update)"
NEED_SERVICE = "(kg query allows SERVICE and LOAD only with --allow-service)"


@pytest.fixture()
def store(tmp_path) -> Path:
    location = tmp_path / "store"
    with GraphStore(location) as graph_store:
        graph_store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    return location


def quads(location: Path) -> list[str]:
    with GraphStore(location) as graph_store:
        return sorted(str(q) for q in graph_store.raw)


def kg_query(location: Path, *args, input: str | None = None):
    result = CliRunner().invoke(cli, ["--store", str(location), "query", *map(str, args)],
                                input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def rq(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The four query forms


def test_select_ask_construct_describe(store, tmp_path):
    attack = f"<{ID}attack/a2-kharkiv/Q42308>"
    select = rq(tmp_path, f"SELECT ?n WHERE {{ {attack} <{KG}injured> ?n }}", "s.rq")
    assert kg_query(store, select, "--format", "csv").stdout_bytes == b"n\r\n7\r\n"
    ask = rq(tmp_path, f"ASK {{ {attack} a <{KG}Attack> }}", "a.rq")
    assert kg_query(store, ask).stdout == "true\n"
    assert kg_query(store, ask, "--format", "json").stdout == '{"head":{},"boolean":true}\n'
    construct = rq(tmp_path, f"CONSTRUCT {{ {attack} <{KG}injured> ?n }} WHERE "
                             f"{{ {attack} <{KG}injured> ?n }}", "c.rq")
    assert kg_query(store, construct, "--format", "ntriples").stdout == (
        f'{attack} <{KG}injured> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    turtle = kg_query(store, construct, "--format", "turtle").stdout
    assert turtle.startswith("@prefix kg: <" + KG + "> .\n") and "kg:injured 7" in turtle
    describe = rq(tmp_path, f"DESCRIBE {attack}", "d.rq")
    lines = kg_query(store, describe, "--format", "ntriples").stdout.splitlines()
    assert f'{attack} <{KG}killed> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .' in lines
    assert all(line.startswith(attack) for line in lines)


def test_a_format_that_does_not_fit_the_form(store, tmp_path):
    construct = rq(tmp_path, "CONSTRUCT WHERE { ?s ?p ?o }")
    result = kg_query(store, construct, "--format", "csv")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {construct}: a CONSTRUCT or DESCRIBE query gives triples: format 'csv' does not "
        "apply (one of table, turtle, ntriples)\n"))


def test_a_query_from_standard_input(store):
    result = kg_query(store, "-", "--format", "tsv", input="SELECT (COUNT(*) > 0 AS ?some) "
                                                           "WHERE { ?s ?p ?o }")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "?some\ntrue\n", "")


# ---------------------------------------------------------------------------------------------
# Updates


UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "PREFIX kg: <https://w3id.org/strikegraph/ontology#>\n# a comment\nCLEAR DEFAULT",
    "  drop  SILENT  GRAPH <https://w3id.org/strikegraph/id/graph/entities>",
    "CREATE GRAPH <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://example.org/>\nDELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", UPDATES, ids=range(len(UPDATES)))
def test_an_update_is_refused_without_the_flag(store, tmp_path, text):
    before = quads(store)
    path = rq(tmp_path, text)
    result = kg_query(store, path)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {path}: this is an update: it would change the store {NEED_UPDATE}\n")
    assert quads(store) == before


def test_an_update_in_disguise_changes_nothing(store, tmp_path):
    """An escaped keyword: pyoxigraph's query parser refuses it; query() never writes."""
    before = quads(store)
    path = rq(tmp_path, "\\u0044ROP ALL")
    result = kg_query(store, path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:1:10: SPARQL syntax error: ")
    assert quads(store) == before


def test_an_update_runs_with_the_flag(store, tmp_path):
    count = len(quads(store))
    path = rq(tmp_path, "INSERT DATA { GRAPH <http://example.org/g> "
                        "{ <http://example.org/a> <http://example.org/b> 'c' } }")
    result = kg_query(store, path, "--update")
    assert (result.exit_code, result.stdout) == (
        0, f"update applied: {count} quads before, {count + 1} after (+1)\n")
    assert len(quads(store)) == count + 1


def test_an_update_is_all_or_nothing(store, tmp_path):
    """The second operation fails (the graph exists by then), so the first is undone too."""
    before = quads(store)
    path = rq(tmp_path, "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> "
                        "<http://example.org/b> 'c' } } ;\nCREATE GRAPH <http://example.org/g>")
    result = kg_query(store, path, "--update")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: update failed, nothing was changed: ")
    assert len(result.stderr.splitlines()) == 1
    assert quads(store) == before


def test_an_update_takes_no_parameters(store, tmp_path):
    path = rq(tmp_path, "DELETE WHERE { ?s ?p ?_value }")
    result = kg_query(store, path, "--update", "-p", "value=x")
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {path}: an update takes no parameters (write the values into the update)\n")


# ---------------------------------------------------------------------------------------------
# SERVICE and LOAD


class Endpoint:
    """A SPARQL endpoint on this machine that counts the calls it gets."""

    def __init__(self):
        calls = self.calls = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                calls.append(self.path)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def do_GET(self):  # noqa: N802
                calls.append(self.path)
                self._answer()

            def _answer(self):
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                    {"x": {"type": "literal", "value": "from far away"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.handler = Handler


@pytest.fixture()
def endpoint():
    server = Endpoint()
    with serve_locally(server.handler) as base:
        server.url = f"{base}/sparql"
        yield server


def test_service_is_refused_unless_allowed(store, tmp_path, endpoint):
    path = rq(tmp_path, f"SELECT ?x WHERE {{ SERVICE <{endpoint.url}> {{ ?s ?p ?x }} }}")
    result = kg_query(store, path)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {path}: the query calls a remote SPARQL service: SERVICE <{endpoint.url}> "
        f"{NEED_SERVICE}\n"))
    assert endpoint.calls == []
    result = kg_query(store, path, "--allow-service", "--format", "csv")
    assert (result.exit_code, result.stdout_bytes) == (0, b"x\r\nfrom far away\r\n")
    assert endpoint.calls == ["/sparql"]


def test_service_is_refused_in_the_timeout_process_path_too(store, tmp_path, endpoint):
    path = rq(tmp_path, f"SELECT ?x WHERE {{ SERVICE <{endpoint.url}> {{ ?s ?p ?x }} }}")
    result = kg_query(store, path, "--timeout", "30")
    assert result.exit_code == 1 and NEED_SERVICE in result.stderr
    assert endpoint.calls == []


HIDDEN = [  # "service" everywhere but in a SERVICE clause: these run
    "# SERVICE <http://evil.example/sparql> { ?s ?p ?o }\n"
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://evil.example/sparql> { }" }',
    "SELECT ?s WHERE { ?s ?p '''\nSERVICE <http://evil.example/> {}\n''' }",
    "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX service: <http://example.org/service#>\n"
    "SELECT ?service WHERE { ?service service:SERVICE ?o }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'service')) }",
]


@pytest.mark.parametrize("text", HIDDEN, ids=range(len(HIDDEN)))
def test_service_hidden_in_comments_strings_and_names_is_not_a_call(store, tmp_path, text):
    assert network_operations(text) == []
    result = kg_query(store, rq(tmp_path, text), "--format", "csv")
    assert result.exit_code == 0, result.stderr


REAL = [  # a SERVICE clause however it is written: refused
    ("select * where {\n  ?a ?b ?c .\n  sErViCe\n\t <http://127.0.0.1:9/x>   { ?a ?b ?c }\n}",
     "SERVICE <http://127.0.0.1:9/x>"),
    ("SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }", "SERVICE ?endpoint"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r FILTER EXISTS { "
     "SERVICE <http://127.0.0.1:9/y> { ?r ?x ?y } } } }", "SERVICE <http://127.0.0.1:9/y>"),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/z> { ?s ?p ?o } }",
     "SERVICE <http://127.0.0.1:9/z>"),
    ("PREFIX ex: <http://127.0.0.1:9/>\nASK { SERVICE ex:sparql { ?s ?p ?o } }",
     "SERVICE <http://127.0.0.1:9/sparql>"),
]


@pytest.mark.parametrize("text, call", REAL, ids=range(len(REAL)))
def test_a_real_service_clause_is_found_however_written(store, tmp_path, text, call):
    path = rq(tmp_path, text)
    result = kg_query(store, path)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {path}: the query calls a remote SPARQL service: {call} {NEED_SERVICE}\n"))


def test_service_in_syntax_rdflib_does_not_know_is_still_found():
    """rdflib's grammar lacks SPARQL 1.2 triple terms; the token scan decides then."""
    text = ("SELECT * WHERE { ?s ?p ?o FILTER(?o != <<( ?s ?p ?o )>>) "
            "# SERVICE in a comment\n SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert network_operations(text) == ["SERVICE"]
    assert network_operations(text.replace(" SERVICE <", " <")) == []


def test_load_needs_both_flags(store, tmp_path, endpoint):
    path = rq(tmp_path, f"LOAD <{endpoint.url}/data.ttl> INTO GRAPH <http://example.org/g>")
    result = kg_query(store, path, "--update")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {path}: the query loads data from the network: LOAD <{endpoint.url}/data.ttl> "
        f"{NEED_SERVICE}\n"))
    assert endpoint.calls == []


def test_query_forms_are_read_after_the_prologue():
    assert query_form("PREFIX a: <http://a/>\nBASE <http://b/>\n# select\nASK {}") == "ask"
    assert query_form("prefix : <http://a/> insert data { :a :b :c }") == "update"
    assert query_form("# DROP ALL\nSELECT * {}") == "select"
    assert query_form("SELEC * {}") is None


# ---------------------------------------------------------------------------------------------
# Parameters and names


HOSTILE = 'x" } ; DROP ALL ; #'


def test_a_hostile_value_is_just_a_value(store, tmp_path):
    before = quads(store)
    path = rq(tmp_path, "SELECT ?seen $_text WHERE { BIND(CONCAT('[', ?_text, ']') AS ?seen) }")
    result = kg_query(store, path, "-p", f"text={HOSTILE}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows == [{"seen": {"type": "literal", "value": f"[{HOSTILE}]"}}]
    result = kg_query(store, "attacks-by-place", "-p", f"place={HOSTILE}")
    assert (result.exit_code, result.stderr) == (1, (  # a label no entity has
        "Error: queries/attacks-by-place.rq: parameter 'place': no entity in the store is "
        "labelled 'x\" } ; DROP ALL ; #' (give an IRI, or see the names with kg query "
        "linked-entities)\n"))
    assert quads(store) == before


def test_a_hostile_value_matches_only_itself(store, tmp_path):
    with GraphStore(store) as graph_store:
        graph_store.raw.add(Quad(NamedNode("http://example.org/a"),
                                 NamedNode("http://example.org/says"), Literal(HOSTILE)))
    path = rq(tmp_path, "SELECT ?who $_text WHERE { ?who <http://example.org/says> ?_text }")
    result = kg_query(store, path, "-p", f"text={HOSTILE}", "--format", "csv")
    assert (result.exit_code, result.stdout_bytes) == (0, b"who\r\nhttp://example.org/a\r\n")
    result = kg_query(store, path, "-p", "text=x", "--format", "csv")
    assert result.stdout_bytes == b"who\r\n"


@pytest.mark.parametrize("name", ["../queries/articles", "/etc/passwd", "articles/../articles",
                                  "..", "checks/x", "articles%2F..%2Fx"])
def test_a_name_never_leaves_the_queries_folder(store, name):
    result = kg_query(store, name)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: '{name}' is not a query name (a name is letters, digits and hyphens; a query "
        "file's name ends in .rq)\n"))


def test_a_link_out_of_the_queries_folder_is_not_followed(store, tmp_path, monkeypatch):
    folder = tmp_path / "queries"
    folder.mkdir()
    (tmp_path / "secret.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
    (folder / "escape.rq").symlink_to(tmp_path / "secret.rq")
    monkeypatch.setattr(kg.queries, "QUERY_DIR", folder)
    result = kg_query(store, "escape")
    assert (result.exit_code, result.stderr) == (
        1, "Error: no bundled query named 'escape' (kg queries lists them)\n")


# ---------------------------------------------------------------------------------------------
# Syntax errors and time limits


def test_a_syntax_error_is_one_line_with_line_and_column(store, tmp_path):
    path = rq(tmp_path, "#+ summary: broken\nSELECT ?x WHERE {\n  ?x ?y ?z .\n  ?a ?b ?c ?d }")
    result = kg_query(store, path)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {path}:4:16: SPARQL syntax error: expected one of BIND, [_]\n")


def test_timeout_stops_an_explosive_query(tmp_path):
    location = tmp_path / "store"
    with GraphStore(location) as graph_store:
        graph_store.raw.extend(Quad(NamedNode(f"http://example.org/{i}"),
                                    NamedNode("http://example.org/p"), Literal(i))
                               for i in range(3000))
    path = rq(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    result = kg_query(location, path, "--timeout", "1")  # 2.7e10 rows to count
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {path}: query stopped after 1 s (--timeout)\n")
    small = rq(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }", "small.rq")
    result = kg_query(location, small, "--timeout", "60", "--format", "csv")
    assert (result.exit_code, result.stdout_bytes) == (0, b"n\r\n3000\r\n")  # let go


def test_timeout_gives_the_same_output(store):
    plain = kg_query(store, "attacks-by-place", "--format", "json")
    limited = kg_query(store, "attacks-by-place", "--format", "json", "--timeout", "60")
    assert (limited.exit_code, limited.stdout) == (0, plain.stdout)
    result = kg_query(store, "evidence-for-attack", "--timeout", "60")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: queries/evidence-for-attack.rq: missing required parameter 'attack' (an IRI)\n"))


@pytest.mark.parametrize("timeout", [[], ["--timeout", "30"]], ids=["here", "in a child"])
def test_no_store_no_query(tmp_path, timeout):
    result = kg_query(tmp_path / "nothing-here", "articles", *timeout)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: store {tmp_path / 'nothing-here'} does not exist (create it with kg ingest, or "
        "choose one with --store)\n"))
    assert not (tmp_path / "nothing-here").exists()
