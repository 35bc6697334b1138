"""Online linking against a local server that replays recorded Wikidata answers.

No test touches the network: every socket may connect to 127.0.0.1 only (see ``no_network``).
The answers are in ``tests/data/wikidata/`` (see its README for the traps each one sets).
"""

from __future__ import annotations

import io
import json
import socket
import urllib.error
import urllib.parse
from email.message import Message
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import serve_locally
from pyoxigraph import NamedNode, Quad, RdfFormat

from kg.errors import KgError
from kg.link.online import (
    Decision, LinkReport, _values, class_kinds, fold, link_online, unlinked_entities,
)
from kg.link.wikidata_client import (
    USER_AGENT, RateLimiter, WikidataAnswerError, WikidataClient, WikidataUnreachable,
)
from kg.store import GraphStore
from kg.vocab import ENTITY_GRAPH, OWL_SAME_AS, mint

DATA = Path(__file__).resolve().parent / "data" / "wikidata"
INDEX = json.loads((DATA / "index.json").read_text(encoding="utf-8"))

ENTITIES = """
@prefix kg: <https://w3id.org/strikegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@base <https://w3id.org/strikegraph/id/> .

<graph/entities> {
  <person/oleh-syniehubov> a kg:Person, kg:Actor ; rdfs:label "Oleh Syniehubov" .
  <person/ivan-fedorov> a kg:Person, kg:Actor ; rdfs:label "Ivan Fedorov" .
  <person/nobody-known> a kg:Person, kg:Actor ; rdfs:label "Nobody Known" .
  <person/volodymyr-zelenskyy> a kg:Person, kg:Actor ; rdfs:label "Volodymyr Zelenskyy" ;
      owl:sameAs wd:Q3874799 .
  <organization/state-emergency-service> a kg:Organization, kg:Actor ;
      rdfs:label "State Emergency Service" .
  <organization/air-force> a kg:Organization, kg:Actor ; rdfs:label "Air Force" .
  <place/name%3Aodessa> a kg:Location, kg:Settlement ; rdfs:label "Odessa" .
  <place/name%3Amazyr> a kg:Location, kg:Settlement ; rdfs:label "Mazyr" .
  <place/name%3Azaliznychne> a kg:Location, kg:Settlement ; rdfs:label "Zaliznychne" .
  <place/name%3Adnipro> a kg:Location, kg:Settlement ; rdfs:label "Dnipro" .
  <place/name%3Asumy-oblast> a kg:Location, kg:Region ; rdfs:label "Sumy Oblast" .
  <place/name%3Amykolaivka> a kg:Location, kg:Settlement ; rdfs:label "Mykolaivka" .
  <place/name%3Aivanivka> a kg:Location, kg:Settlement ; rdfs:label "Ivanivka" .
  <place/name%3Ashevchenkivskyi-district> a kg:Location, kg:District ;
      rdfs:label "Shevchenkivskyi District" .
  <place/gn713728> a kg:Location, kg:Settlement ; rdfs:label "Aksyutivka" ;
      owl:sameAs <http://sws.geonames.org/713728/> .
  <weapon/shahed-136> a kg:Weapon ; rdfs:label "Shahed-136" ; kg:broader <weapon/drone> .
}
"""

PERSON = mint("person", "oleh-syniehubov")
AGENCY = mint("organization", "state-emergency-service")


def place(key: str) -> NamedNode:
    return NamedNode(mint("place").value + "/" + urllib.parse.quote(key, safe="-"))


ODESSA, DNIPRO, SUMY = place("name:odessa"), place("name:dnipro"), place("name:sumy-oblast")

EXPECTED_LINKS = {
    PERSON.value: "Q900101",
    AGENCY.value: "Q900301",
    ODESSA.value: "Q900401",
    DNIPRO.value: "Q900802",
    SUMY.value: "Q900701",
}


# ---------------------------------------------------------------------------------------------
# Fixtures: no network, a replaying server, a store


@pytest.fixture(autouse=True)
def _offline(no_network):
    """Any connection to another host than 127.0.0.1 fails the test (see conftest)."""


class Replay:
    """What the local server was asked."""

    def __init__(self):
        self.requests: list[dict] = []
        self.unknown: list[str] = []
        self.endpoint = ""

    def searches(self) -> list[str]:
        return [r["params"]["search"] for r in self.requests
                if r["params"].get("action") == "wbsearchentities"]


def _class_labels(qids: list[str]) -> bytes:
    """The answer to a read of classes' labels, made from ``class_labels`` of the index."""
    found = {}
    for qid in qids:
        label = INDEX["class_labels"].get(qid)
        found[qid] = {"id": qid, "missing": ""} if label is None else {
            "type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}}}
    return json.dumps({"entities": found, "success": 1}).encode("utf-8")


def _handler(replay: Replay):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            url = urllib.parse.urlsplit(self.path)
            params = dict(urllib.parse.parse_qsl(url.query))
            replay.requests.append({"path": url.path, "params": params,
                                    "user_agent": self.headers.get("User-Agent")})
            action = params.get("action")
            key = params.get("search") if action == "wbsearchentities" else params.get("ids")
            if "continue" in params:
                key = f"{key}|{params['continue']}"
            if action == "wbsearchentities" and key in INDEX["errors"]:
                return self._send(INDEX["errors"][key], b'{"error": "server error"}')
            if action == "wbgetentities" and params.get("props") == "labels":
                return self._send(200, _class_labels(key.split("|")))
            name = INDEX.get(action, {}).get(key)
            if url.path != "/w/api.php" or name is None:
                replay.unknown.append(self.path)
                return self._send(404, b'{"error": {"code": "unknown-request"}}')
            return self._send(200, (DATA / name).read_bytes())

        def _send(self, status: int, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture()
def wikidata():
    replay = Replay()
    with serve_locally(_handler(replay)) as base:
        replay.endpoint = f"{base}/w/api.php"
        yield replay
    assert not replay.unknown, f"requests with no recorded answer: {replay.unknown}"


def new_store() -> GraphStore:
    store = GraphStore()
    store.raw.load(ENTITIES.encode("utf-8"), format=RdfFormat.TRIG)
    return store


@pytest.fixture()
def graph():
    with new_store() as store:
        yield store


def links_in(store: GraphStore) -> dict[str, str]:
    return {q.subject.value: q.object.value.rsplit("/", 1)[1]
            for q in store.raw.quads_for_pattern(None, OWL_SAME_AS, None, ENTITY_GRAPH)
            if q.object.value.startswith("http://www.wikidata.org/entity/Q9")}


def snapshot(store: GraphStore) -> set[Quad]:
    return set(store.raw)


def run(store, replay: Replay, cache_dir: Path, **options) -> LinkReport:
    return link_online(store, endpoint=replay.endpoint, cache_dir=cache_dir, rate=0, **options)


def by_name(report: LinkReport) -> dict[str, Decision]:
    return {d.name: d for d in report.decisions}


# ---------------------------------------------------------------------------------------------
# Decisions


def test_links_only_entities_with_exactly_one_candidate_passing(graph, wikidata, tmp_path):
    report = run(graph, wikidata, tmp_path / "cache")
    assert (report.looked_up, report.linked, report.nil, report.errors) == (13, 5, 7, 1)
    assert report.links() == EXPECTED_LINKS
    assert links_in(graph) == EXPECTED_LINKS
    assert report.written == 5
    # written into the entities graph, as Wikidata entity IRIs
    assert Quad(ODESSA, OWL_SAME_AS, NamedNode("http://www.wikidata.org/entity/Q900401"),
                ENTITY_GRAPH) in graph.raw
    assert report.summary() == ("looked up 13 entities: linked 5, NIL 7, errors 1 "
                                f"({report.requests} requests, 0 from cache)")


def test_each_decision_says_why(graph, wikidata, tmp_path):
    decisions = by_name(run(graph, wikidata, tmp_path / "cache"))
    assert decisions["Oleh Syniehubov"].rejected == (
        ("Q900102", "neither its label nor an alias is the name"),)
    assert decisions["Ivan Fedorov"].outcome == "nil"
    assert decisions["Ivan Fedorov"].reason == "ambiguous: Q900201, Q900202 all passed the checks"
    assert decisions["Ivan Fedorov"].rejected == (("Q900203", "not an instance of human (Q5)"),)
    assert decisions["State Emergency Service"].rejected == (
        ("Q900302", "a Wikimedia page or a name"),)
    assert decisions["Odessa"].rejected == (("Q900402", "not in Ukraine or Russia (Q30)"),)
    assert decisions["Mazyr"].outcome == "nil"
    assert decisions["Mazyr"].rejected == (("Q900501", "not in Ukraine or Russia (Q184)"),)
    assert decisions["Zaliznychne"].reason == "no candidate passed the checks"
    assert decisions["Zaliznychne"].rejected == (
        ("Q900601", "neither its label nor an alias is the name"),)
    assert decisions["Dnipro"].rejected == (("Q900801", "its type (Q4022) is not a settlement"),)
    assert decisions["Shevchenkivskyi District"].reason == (
        "ambiguous: Q900901, Q900902 all passed the checks")
    assert decisions["Nobody Known"].reason == "no candidates"
    assert decisions["Air Force"].outcome == "error"
    assert decisions["Air Force"].reason == "Wikidata answered HTTP 500"
    assert decisions["Dnipro"].describe() == "settlement 'Dnipro': linked to Q900802"
    assert decisions["Mazyr"].describe() == (
        "settlement 'Mazyr': NIL (no candidate passed the checks)")


def test_linked_entities_and_weapons_are_not_looked_up(graph, wikidata, tmp_path):
    run(graph, wikidata, tmp_path / "cache")
    searched = wikidata.searches()
    assert "Volodymyr Zelenskyy" not in searched  # has owl:sameAs already
    assert "Aksyutivka" not in searched  # linked to GeoNames
    assert "Shahed-136" not in searched  # weapons are not linked online
    assert sorted(set(searched)) == sorted(name for _, name, _ in unlinked_entities(new_store()))


def test_a_common_name_is_read_past_the_first_page(graph, wikidata, tmp_path):
    """The first page has one village among four rivers; the second page has another village:
    read alone, the first page would have linked the wrong Mykolaivka as the only candidate."""
    decision = by_name(run(graph, wikidata, tmp_path / "cache"))["Mykolaivka"]
    assert decision.outcome == "nil"
    assert decision.reason == "ambiguous: Q900111, Q900116 all passed the checks"
    assert len(decision.candidates) == 7
    pages = [r["params"].get("continue") for r in wikidata.requests
             if r["params"].get("search") == "Mykolaivka"]
    assert pages == [None, "5"]


def test_a_name_too_common_to_tell_apart_is_nil(graph, wikidata, tmp_path):
    decision = by_name(run(graph, wikidata, tmp_path / "cache"))["Ivanivka"]
    assert decision.outcome == "nil"
    assert decision.reason == "more than 20 items of that name"
    assert wikidata.searches().count("Ivanivka") == 4
    assert not any("Q91000" in r["params"].get("ids", "") for r in wikidata.requests)


def test_unlinked_entities_are_typed_by_the_graph(graph):
    kinds = {name: kind for _, name, kind in unlinked_entities(graph)}
    assert kinds == {
        "Oleh Syniehubov": "person", "Ivan Fedorov": "person", "Nobody Known": "person",
        "State Emergency Service": "organization", "Air Force": "organization",
        "Odessa": "settlement", "Mazyr": "settlement", "Zaliznychne": "settlement",
        "Dnipro": "settlement", "Mykolaivka": "settlement", "Ivanivka": "settlement",
        "Sumy Oblast": "region", "Shevchenkivskyi District": "district",
    }


def test_requests_are_searches_then_entity_reads_with_a_user_agent(graph, wikidata, tmp_path):
    run(graph, wikidata, tmp_path / "cache")
    searched = wikidata.searches()
    assert searched[:2] == ["Air Force", "State Emergency Service"]  # in the order of the IRIs
    first = wikidata.requests[1]
    assert first["user_agent"] == USER_AGENT
    assert USER_AGENT.startswith("strikegraph/0.1 (https://w3id.org/strikegraph;")
    assert first["params"] == {"action": "wbsearchentities", "search": "State Emergency Service",
                               "language": "en", "uselang": "en", "type": "item", "limit": "5",
                               "format": "json"}
    second = wikidata.requests[2]["params"]
    assert second["action"] == "wbgetentities"
    assert second["ids"] == "Q900301|Q900302"
    assert set(second["props"].split("|")) == {"aliases", "claims", "descriptions", "labels"}
    assert all(r["user_agent"] == USER_AGENT for r in wikidata.requests)


# ---------------------------------------------------------------------------------------------
# Cache, dry run, one transaction


def test_a_second_run_asks_nothing(wikidata, tmp_path):
    cache = tmp_path / "cache"
    with new_store() as first_store:
        first = run(first_store, wikidata, cache)
    asked = len(wikidata.requests)
    assert asked == first.requests > 0
    with new_store() as second_store:
        second = run(second_store, wikidata, cache)
        assert links_in(second_store) == EXPECTED_LINKS
    # the failed search was not cached: it is the only request asked again
    assert [r["params"].get("search") for r in wikidata.requests[asked:]] == ["Air Force"]
    assert second.requests == 1
    assert second.cache_hits == first.requests - 1
    assert [d for d in second.decisions] == [d for d in first.decisions]


def test_a_rerun_on_the_same_store_looks_up_only_what_is_still_unlinked(graph, wikidata,
                                                                         tmp_path):
    run(graph, wikidata, tmp_path / "cache")
    again = run(graph, wikidata, tmp_path / "cache")
    assert {d.name for d in again.decisions} == {
        "Ivan Fedorov", "Nobody Known", "Air Force", "Mazyr", "Zaliznychne",
        "Shevchenkivskyi District", "Mykolaivka", "Ivanivka"}
    assert again.linked == 0 and again.written == 0


def test_a_damaged_cache_entry_is_asked_again(wikidata, tmp_path):
    cache = tmp_path / "cache"
    client = WikidataClient(wikidata.endpoint, cache_dir=cache, rate=0)
    params = {"action": "wbsearchentities", "search": "Mazyr", "language": "en",
              "uselang": "en", "type": "item", "limit": "5"}
    answer = client.get(params)
    assert answer["search"][0]["id"] == "Q900501"
    (entry,) = cache.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert client.get(params) == answer
    assert (client.requests, client.cache_hits) == (2, 0)
    assert client.get(params) == answer
    assert (client.requests, client.cache_hits) == (2, 1)


def test_a_dry_run_decides_but_writes_nothing(graph, wikidata, tmp_path):
    before = snapshot(graph)
    report = run(graph, wikidata, tmp_path / "cache", dry_run=True)
    assert report.links() == EXPECTED_LINKS
    assert report.written == 0
    assert snapshot(graph) == before
    assert report.summary().startswith("looked up 13 entities: would link 5, NIL 7, errors 1")


class _CountingStore:
    """A GraphStore whose raw store counts update calls."""

    def __init__(self, store: GraphStore):
        self._store = store
        self.updates: list[str] = []
        outer = self

        class Raw:
            def update(self, text):
                outer.updates.append(text)
                return store.raw.update(text)

            def __getattr__(self, name):
                return getattr(store.raw, name)

        self.raw = Raw()

    def query(self, *args, **kwargs):
        return self._store.query(*args, **kwargs)


def test_the_links_are_written_in_one_update(graph, wikidata, tmp_path):
    counting = _CountingStore(graph)
    run(counting, wikidata, tmp_path / "cache")
    assert len(counting.updates) == 1
    assert links_in(graph) == EXPECTED_LINKS


def test_progress_is_reported_per_entity(graph, wikidata, tmp_path):
    seen = []
    run(graph, wikidata, tmp_path / "cache", on_decision=seen.append)
    assert [d.entity for d in seen] == sorted(d.entity for d in seen)
    assert len(seen) == 13


# ---------------------------------------------------------------------------------------------
# Without network


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_network_one_message_and_nothing_changes(graph, tmp_path):
    port = _closed_port()
    before = snapshot(graph)
    endpoint = f"http://127.0.0.1:{port}/w/api.php"
    with pytest.raises(WikidataUnreachable) as info:
        link_online(graph, endpoint=endpoint, cache_dir=tmp_path / "cache", rate=0)
    assert isinstance(info.value, KgError)
    assert str(info.value) == (f"cannot reach Wikidata at {endpoint} (Connection refused): "
                               "nothing was changed")
    assert snapshot(graph) == before
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_losing_the_network_midway_writes_nothing(graph, wikidata, tmp_path):
    """Some entities were already decided (and would be linked) when the network went down."""
    before = snapshot(graph)
    calls = []

    def flaky(request, timeout):
        calls.append(request.full_url)
        if len(calls) > 6:
            raise urllib.error.URLError(ConnectionResetError(104, "Connection reset by peer"))
        return urllib.request.urlopen(request, timeout=timeout)

    client = WikidataClient(wikidata.endpoint, cache_dir=tmp_path / "cache", rate=0,
                            urlopen=flaky)
    decided = []
    with pytest.raises(WikidataUnreachable) as info:
        link_online(graph, client=client, on_decision=decided.append)
    assert any(d.outcome == "linked" for d in decided)
    assert str(info.value) == (f"cannot reach Wikidata at {wikidata.endpoint} "
                               "(Connection reset by peer): nothing was changed")
    assert snapshot(graph) == before


@pytest.mark.parametrize(("error", "reason"), [
    (TimeoutError("timed out"), "no answer within 10 s"),
    (urllib.error.URLError(TimeoutError("timed out")), "no answer within 10 s"),
    (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
     "host name not resolved: Name or service not known"),
    (urllib.error.URLError(OSError(101, "Network is unreachable")), "Network is unreachable"),
])
def test_every_kind_of_unreachable_gives_one_line(graph, tmp_path, error, reason):
    def down(request, timeout):
        raise error

    client = WikidataClient("https://www.wikidata.org/w/api.php", cache_dir=tmp_path, rate=0,
                            urlopen=down)
    before = snapshot(graph)
    with pytest.raises(WikidataUnreachable) as info:
        link_online(graph, client=client)
    assert str(info.value) == ("cannot reach Wikidata at https://www.wikidata.org/w/api.php "
                               f"({reason}): nothing was changed")
    assert "\n" not in str(info.value)
    assert snapshot(graph) == before


# ---------------------------------------------------------------------------------------------
# Rate limiting and retries, with a fake clock


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_rate_limiter_spaces_calls():
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    assert limiter.wait() == 0.0  # the first call never waits
    assert limiter.wait() == pytest.approx(0.5)
    clock.now += 0.2
    assert limiter.wait() == pytest.approx(0.3)
    clock.now += 5.0
    assert limiter.wait() == 0.0  # enough time has passed
    assert clock.slept == [pytest.approx(0.5), pytest.approx(0.3)]


def test_no_limit_when_rate_is_zero():
    clock = FakeClock()
    limiter = RateLimiter(0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        limiter.wait()
    assert clock.slept == []


def test_only_requests_that_go_out_are_rate_limited(wikidata, tmp_path):
    clock = FakeClock()

    def client():
        return WikidataClient(wikidata.endpoint, cache_dir=tmp_path / "cache", rate=1.0,
                              clock=clock, sleep=clock.sleep)

    with new_store() as store:
        first = link_online(store, client=client())
    assert len(clock.slept) == first.requests - 1
    assert clock.slept == [pytest.approx(1.0)] * (first.requests - 1)
    clock.slept.clear()
    with new_store() as store:
        second = link_online(store, client=client())
    assert second.requests == 1  # the failed search only
    assert clock.slept == []


def _http_error(code: int, retry_after: str | None) -> urllib.error.HTTPError:
    headers = Message()
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return urllib.error.HTTPError("https://example.org/w/api.php", code, "busy", headers,
                                  io.BytesIO(b""))


class _Answer(io.BytesIO):
    pass


def test_a_busy_service_is_asked_again_after_the_time_it_gives(tmp_path):
    clock = FakeClock()
    answers = [_http_error(429, "3"), _Answer(b'{"search": [], "success": 1}')]

    def busy(request, timeout):
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    client = WikidataClient("https://www.wikidata.org/w/api.php", cache_dir=tmp_path, rate=0,
                            clock=clock, sleep=clock.sleep, urlopen=busy)
    assert client.get({"action": "wbsearchentities", "search": "x"}) == {
        "search": [], "success": 1}
    assert clock.slept == [3.0]
    assert client.requests == 2


def test_an_answer_that_is_not_json_is_an_error_of_that_entity(tmp_path):
    client = WikidataClient("https://www.wikidata.org/w/api.php", cache_dir=tmp_path, rate=0,
                            urlopen=lambda request, timeout: _Answer(b"<html>maintenance</html>"))
    with pytest.raises(WikidataAnswerError) as info:
        client.get({"action": "wbsearchentities", "search": "x"})
    assert str(info.value) == "Wikidata's answer is not JSON"
    assert not any(tmp_path.iterdir())  # not cached


def test_an_api_error_is_reported_and_not_cached(tmp_path):
    body = b'{"error": {"code": "param-missing", "info": "The parameter search is needed."}}'
    client = WikidataClient("https://www.wikidata.org/w/api.php", cache_dir=tmp_path, rate=0,
                            urlopen=lambda request, timeout: _Answer(body))
    with pytest.raises(WikidataAnswerError) as info:
        client.get({"action": "wbsearchentities"})
    assert str(info.value) == "Wikidata API error: The parameter search is needed."
    assert not any(tmp_path.iterdir())


# ---------------------------------------------------------------------------------------------
# The pieces of a check


def test_names_are_compared_after_case_folding_only():
    assert fold("  Bila  Tserkva ") == fold("bila tserkva")
    assert fold("Kam\u2019yanske") == fold("Kam'yanske")
    assert fold("Kyiv") != fold("Kiev")
    assert fold("Odesa") != fold("Odessa")


@pytest.mark.parametrize(("label", "kinds"), [
    ("city", {"settlement"}),
    ("village in Ukraine", {"settlement"}),
    ("urban-type settlement", {"settlement"}),
    ("city of regional significance of Ukraine", {"settlement"}),
    ("oblast of Ukraine", {"region"}),
    ("raion of Ukraine", {"region"}),
    ("oblast of Russia", {"region"}),
    ("city district", {"district"}),
    ("raion of a city", {"district"}),
    ("sovereign state", {"country"}),
    ("first-level administrative country subdivision", set()),
    ("river", set()),
    ("government agency", set()),
    ("air force", set()),
])
def test_class_kinds(label, kinds):
    assert class_kinds(label) == kinds


def test_deprecated_statements_do_not_count():
    claims = {"P17": [
        {"rank": "deprecated", "mainsnak": {"snaktype": "value", "datavalue": {
            "value": {"entity-type": "item", "numeric-id": 159, "id": "Q159"}}}},
        {"rank": "normal", "mainsnak": {"snaktype": "value", "datavalue": {
            "value": {"entity-type": "item", "numeric-id": 212}}}},
        {"rank": "normal", "mainsnak": {"snaktype": "novalue"}},
    ]}
    assert _values(claims, "P17") == ["Q212"]
