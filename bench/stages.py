"""The benchmark steps that run inside a child process (``python -m bench.stages NAME …``).

Each prints one JSON object on its last line of output; ``bench.measure`` adds what is seen from
outside (wall time, CPU time, peak memory).

- ``floor CORPUS``: the spaCy floor: ``nlp.pipe`` of the same model and trained components as
  ``kg ingest`` on the same texts, with the same batch size.
- ``breakdown CORPUS``: ingest's steps timed one by one in one process (model load, gazetteer
  load, parse, extract, map, write), optionally with a profile of extraction.
- ``import NQ STORE``: ``Store.bulk_load`` of an N-Quads file into a new on-disk store, plus
  the ontology.
- ``queries STORE PARAMS``: every bundled query (offline ones), bound and unbound, p50/p95.
- ``rdflib NQ PARAMS``: the same queries with rdflib over the same data.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

#: How each bundled query is run with its parameters bound: parameter → key of the generated
#: graph's ``params`` (or a fixed value), and whether that makes the query selective (a few
#: rows: target p50 ≤ 10 ms) or leaves it a whole-store aggregate (target ≤ 500 ms).
BINDINGS = {
    "attacks-by-place": ({"place": "@place"}, "selective"),
    "statements-by-speaker": ({"speaker": "@speaker"}, "selective"),
    "describe-attack": ({"attack": "@attack"}, "selective"),
    "evidence-for-attack": ({"attack": "@attack"}, "selective"),
    "timeline": ({"from": "@day", "to": "@day"}, "selective"),
    "attacks-by-attacker": ({"attacker": "https://w3id.org/strikegraph/id/place/Q212"},
                            "aggregate"),
    "weapons-used": ({"kind": "https://w3id.org/strikegraph/id/weapon/glide-bomb"},
                     "aggregate"),
}


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _texts(corpus: str) -> list[str]:
    from kg.sources import read_sources

    return [item.text for item in read_sources([corpus]) if hasattr(item, "text")]


def floor(args) -> dict:
    texts = _texts(args.corpus)
    start = time.perf_counter()
    import spacy

    from kg.nlp.pipeline import NEEDED, DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    nlp = spacy.load(model)
    trained = [name for name in nlp.pipe_names if name in NEEDED]
    nlp.select_pipes(enable=trained)
    loaded = time.perf_counter() - start
    cpu = time.process_time()
    start = time.perf_counter()
    docs = 0
    for _ in nlp.pipe(texts, batch_size=args.batch):
        docs += 1
    wall = time.perf_counter() - start
    return {"docs": docs, "chars": sum(map(len, texts)), "load_s": loaded, "pipe_s": wall,
            "pipe_cpu_s": time.process_time() - cpu, "components": trained,
            "maxrss_mb": _maxrss_mb()}


def breakdown(args) -> dict:
    """Ingest's steps one by one, in one process, CPU seconds each."""
    import tempfile

    from kg.sources import read_sources

    articles = [item for item in read_sources([args.corpus]) if hasattr(item, "text")]
    out: dict = {"docs": len(articles)}

    def timed(name, function):
        start = time.process_time()
        result = function()
        out[name] = out.get(name, 0.0) + time.process_time() - start
        return result

    from kg.nlp.pipeline import DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    import kg.ingest as ingest

    nlp = timed("load_model_s", lambda: __import__("kg.nlp.pipeline", fromlist=["x"])
                .load_pipeline(model))
    out["components"] = list(nlp.pipe_names)
    gazetteer = timed("load_gazetteer_s", lambda: __import__(
        "kg.link.gazetteer", fromlist=["x"]).load_gazetteer())
    timed("import_extract_s", lambda: __import__("kg.extract.article", fromlist=["x"]))
    from kg.extract.article import extract
    from kg.mapping import article_quads
    from kg.nlp.pipeline import parse
    from kg.store import GraphStore

    kept = []
    with tempfile.TemporaryDirectory() as folder, GraphStore(Path(folder) / "s") as store:
        ingest.ensure_ontology(store)
        for first in range(0, len(articles), ingest.BATCH_SIZE):
            batch = articles[first:first + ingest.BATCH_SIZE]
            docs = timed("parse_s", lambda: list(parse(nlp, [a.text for a in batch],
                                                       batch_size=len(batch))))
            extractions = timed("extract_s", lambda: [extract(d, a, gazetteer)
                                                      for d, a in zip(docs, batch)])
            for article, extraction in zip(batch, extractions):
                graph, own, shared = timed("map_s", lambda: article_quads(
                    extraction, ingest.content_hash(article, model)))
                timed("write_s", lambda: store.replace_graph(graph, own, shared))
                out["quads"] = out.get("quads", 0) + len(own) + len(shared)
            if args.profile and len(kept) < 50:
                kept.extend(zip(docs, batch))
    if args.profile:  # a second pass over some docs, so the timings above are unprofiled
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for doc, article in kept:
            extract(doc, article, gazetteer)
        profiler.disable()
        rows = []
        for (filename, line, name), (_, calls, own, cumulative, _) in \
                pstats.Stats(profiler).stats.items():
            if "extract" in filename or "kg" in Path(filename).parts or filename.endswith("pyx"):
                rows.append((cumulative, own, calls, f"{Path(filename).name}:{line}({name})"))
        rows.sort(reverse=True)
        total = rows[0][0] if rows else 1.0
        out["profile_docs"] = len(kept)
        out["profile"] = [{"function": f, "calls": c, "cum_s": round(cum, 3),
                           "own_s": round(own, 3), "share": round(cum / total, 3)}
                          for cum, own, c, f in rows[:args.profile]]
    out["maxrss_mb"] = _maxrss_mb()
    return out


def import_(args) -> dict:
    from pyoxigraph import RdfFormat

    from kg.ingest import ensure_ontology
    from kg.store import GraphStore

    start = time.perf_counter()
    with GraphStore(args.store) as store:
        store.raw.bulk_load(path=args.nq, format=RdfFormat.N_QUADS)
        loaded = time.perf_counter() - start
        ensure_ontology(store)
        store.raw.optimize()
        quads = len(store.raw)
    return {"quads": quads, "load_s": loaded, "total_s": time.perf_counter() - start,
            "maxrss_mb": _maxrss_mb()}


def _cases(params: dict) -> list[tuple[str, str, dict, str]]:
    """(label, query name, parameter values, class) for every offline bundled query."""
    from kg.queries import bundled_queries

    cases = []
    for info in bundled_queries():
        if "online" in info.tags:
            continue
        if not any(p.required for p in info.parameters):
            cases.append((info.name, info.name, {}, "aggregate"))
        if info.name in BINDINGS:
            values, kind = BINDINGS[info.name]
            bound = {k: params[v[1:]] if v.startswith("@") else v for k, v in values.items()}
            label = info.name + " (" + ", ".join(f"{k}=…" for k in bound) + ")"
            cases.append((label, info.name, bound, kind))
        elif any(p.required for p in info.parameters):
            cases.append((info.name, info.name, None, "skipped: no value for its parameters"))
    return cases


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(q * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def _repeat(run, budget: float, at_least: int = 3, at_most: int = 25) -> dict:
    """Time ``run`` (which returns a row count): one warm-up, then up to ``at_most`` runs or
    ``budget`` seconds, at least ``at_least`` (one if the warm-up took over a second)."""
    start = time.perf_counter()
    rows = run()
    first = time.perf_counter() - start
    times: list[float] = []
    spent = 0.0
    if first > 10:  # one run is the sample
        return {"rows": rows, "first_s": first, "runs": 1, "p50_s": first, "p95_s": first}
    at_least = at_least if first < 1 else 1
    while len(times) < at_most:
        if len(times) >= at_least and spent > budget:
            break
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return {"rows": rows, "first_s": first, "runs": len(times),
            "p50_s": _percentile(times, 0.50), "p95_s": _percentile(times, 0.95)}


def cases(args) -> dict:
    params = json.loads(Path(args.params).read_text())["params"]
    return {"cases": [{"label": label, "query": name, "values": values, "class": kind}
                      for label, name, values, kind in _cases(params)]}


def queries(args) -> dict:
    from pyoxigraph import QuerySolutions, QueryTriples

    from kg.queries import execute, load_query
    from kg.store import GraphStore

    params = json.loads(Path(args.params).read_text())["params"]
    results = []
    with GraphStore(args.store) as store:
        for label, name, values, kind in _cases(params):
            if args.only and label != args.only:
                continue
            if values is None:
                results.append({"label": label, "query": name, "class": kind})
                continue
            info = load_query(name)

            def run() -> int:
                answer = execute(store, info, values)
                if isinstance(answer, QuerySolutions):
                    return sum(1 for solution in answer for _ in [tuple(solution)])
                if isinstance(answer, QueryTriples):
                    return len({triple for triple in answer})
                return 1

            result = _repeat(run, args.budget)
            result.update(label=label, query=name, values=values, **{"class": kind})
            results.append(result)
    return {"queries": results, "maxrss_mb": _maxrss_mb()}


class _Timeout(Exception):
    pass


def rdflib_(args) -> dict:
    import signal

    import rdflib
    from rdflib import Dataset, URIRef, Variable

    from kg.queries import bind, load_query
    from kg.resources import ontology_path
    from kg.vocab import ONTOLOGY_GRAPH

    params = json.loads(Path(args.params).read_text())["params"]
    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(args.nq, format="nquads")
    dataset.graph(URIRef(ONTOLOGY_GRAPH.value)).parse(str(ontology_path()), format="turtle")
    loaded = time.perf_counter() - start

    def to_rdflib(term):
        if hasattr(term, "datatype"):
            return rdflib.Literal(term.value, datatype=URIRef(term.datatype.value))
        return URIRef(term.value)

    def on_alarm(*_):
        raise _Timeout()

    signal.signal(signal.SIGALRM, on_alarm)
    results = []
    for label, name, values, kind in _cases(params):
        if values is None:
            continue
        info = load_query(name)
        bindings = {Variable(v.value): to_rdflib(t) for v, t in bind(info, values).items()}

        def run() -> int:
            answer = dataset.query(info.text, initBindings=bindings)
            if answer.type == "CONSTRUCT":
                return len(set(answer))
            return sum(1 for row in answer for _ in [tuple(row)])

        signal.alarm(max(1, int(args.timeout)))
        try:
            times: list[float] = []
            while len(times) < 3 and (not times or times[0] < args.budget / 3):
                start = time.perf_counter()
                rows = run()
                times.append(time.perf_counter() - start)
            result = {"rows": rows, "runs": len(times), "p50_s": _percentile(times, 0.5),
                      "p95_s": _percentile(times, 0.95)}
        except _Timeout:
            result = {"timeout_s": args.timeout}
        except Exception as error:  # rdflib fails on some valid queries
            result = {"error": f"{type(error).__name__}: {str(error)[:80]}"}
        finally:
            signal.alarm(0)
        print(label, json.dumps(result), file=sys.stderr, flush=True)
        result.update(label=label, query=name, **{"class": kind})
        results.append(result)
    return {"queries": results, "load_s": loaded, "quads": len(dataset),
            "maxrss_mb": _maxrss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stages")
    sub = parser.add_subparsers(dest="stage", required=True)
    p = sub.add_parser("floor")
    p.add_argument("corpus")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--model")
    p = sub.add_parser("breakdown")
    p.add_argument("corpus")
    p.add_argument("--model")
    p.add_argument("--profile", type=int, default=0, help="top N functions of extraction")
    p = sub.add_parser("import")
    p.add_argument("nq")
    p.add_argument("store")
    p = sub.add_parser("cases")
    p.add_argument("params")
    p = sub.add_parser("queries")
    p.add_argument("store")
    p.add_argument("params")
    p.add_argument("--budget", type=float, default=2.0)
    p.add_argument("--only", help="the case with this label only")
    p = sub.add_parser("rdflib")
    p.add_argument("nq")
    p.add_argument("params")
    p.add_argument("--budget", type=float, default=5.0)
    p.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    run = {"floor": floor, "breakdown": breakdown, "import": import_, "cases": cases,
           "queries": queries, "rdflib": rdflib_}[args.stage]
    print(json.dumps(run(args)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
