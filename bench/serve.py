"""``kg serve`` latency: the SPARQL endpoint against ``kg query`` on the same store.

    python -m bench.serve                       # the seeds store and 10^6 quads
    python -m bench.serve --scales 1e5          # smaller
    python -m bench.serve --workdir DIR         # keep (and reuse) generated data and stores

For each store and query it prints the median (p50) and the 95th percentile of:

- *endpoint*: one HTTP POST to ``/query`` over loopback (``Accept: text/csv``), answer read to
  the end — what a SPARQLWrapper or YASGUI user waits for, the server already running;
- *kg query*: ``kg query NAME --format csv`` start to finish, a new process each time (the
  interpreter, imports and store opening included) — what a shell user waits for;
- *in process*: ``kg.queries.execute`` with the rows read, the store open — the engine alone.

A query's parameter goes to the endpoint in a ``VALUES`` clause after the query (``kg query``
binds it with pyoxigraph's substitutions). That is right for the query measured here,
``evidence-for-attack``, whose patterns bind the parameter, and the script checks that the rows
are the same. (Writing the IRI into the text, the grlc way, is right for every bundled query,
but Oxigraph 0.5.13 plans this query badly then: 19 s at 10^6 quads, against 0.8 ms.)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import socket
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench import measure

ROOT = Path(__file__).resolve().parent.parent


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def _timed(run, repeat: int) -> tuple[list[float], object]:
    result = run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def _cases(params: dict | None) -> list[tuple[str, str, dict]]:
    cases = [("articles", "articles", {}), ("places-ranked-by-attacks",
                                            "places-ranked-by-attacks", {})]
    if params and params.get("attack"):
        cases.insert(0, ("evidence-for-attack (attack=…)", "evidence-for-attack",
                         {"attack": params["attack"]}))
    return cases


def _protocol_text(info, values: dict) -> str:
    """The query as a protocol client sends it: parameters in a trailing VALUES clause."""
    if not values:
        return info.text
    names = " ".join(f"?{info.parameter(name).variable}" for name in values)
    terms = " ".join(f"<{value}>" for value in values.values())
    return f"{info.text}\nVALUES ({names}) {{ ({terms}) }}\n"


def _rows(csv_text: str) -> list[tuple]:
    table = list(csv.reader(io.StringIO(csv_text, newline="")))
    header = [i for i, name in enumerate(table[0]) if not name.startswith("_")] if table else []
    return sorted(tuple(row[i] for i in header) for row in table[1:])


def bench_store(label: str, store: Path, params: dict | None, repeat: int) -> list[dict]:
    from kg.queries import execute, load_query
    from kg.serve import Server
    from kg.store import GraphStore

    out = []
    with GraphStore(store, create=False) as opened:
        if params is None:  # the first attack of the store, for the selective query
            found = sorted(row["a"].value for row in opened.query(
                "SELECT ?a { ?a a <https://w3id.org/strikegraph/ontology#Attack> }"))
            params = {"attack": found[0]} if found else None
        cases = _cases(params)
        quads = len(opened.raw)
        inprocess = {}
        for case, name, values in cases:
            info = load_query(name)

            def run(info=info, values=values):
                return sum(1 for _ in execute(opened, info, values))

            inprocess[case] = _timed(run, repeat)
    with Server(store, port=_free_port()) as endpoint:
        for case, name, values in cases:
            info = load_query(name)
            body = urllib.parse.urlencode({"query": _protocol_text(info, values)}).encode()

            def ask(body=body):
                request = urllib.request.Request(endpoint.query_url, data=body,
                                                 headers={"Accept": "text/csv"})
                with urllib.request.urlopen(request, timeout=600) as response:
                    return response.read().decode("utf-8")

            _log(f"{label}: {case} at the endpoint")
            served_times, served = _timed(ask, repeat)
            _log(f"{label}: {case} with kg query")
            walls, cli_text = [], ""
            args = ["--store", store, "query", name, "--format", "csv"]
            for key, value in values.items():
                args += ["-p", f"{key}={value}"]
            for _ in range(max(3, repeat // 3)):
                run = measure.kg(*args)
                walls.append(run.wall)
                cli_text = run.stdout
            engine_times, rows = inprocess[case]
            out.append({"store": label, "quads": quads, "query": case, "rows": rows,
                        "same_rows": _rows(served) == _rows(cli_text),
                        "endpoint_p50": statistics.median(served_times),
                        "endpoint_p95": _percentile(served_times, 0.95),
                        "kg_query_p50": statistics.median(walls),
                        "kg_query_max": max(walls),
                        "inprocess_p50": statistics.median(engine_times)})
    return out


def render(rows: list[dict]) -> str:
    lines = ["| store | quads | query | rows | endpoint p50 ms | endpoint p95 ms | "
             "kg query p50 ms | kg query max ms | in process p50 ms | same rows |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        lines.append(f"| {r['store']} | {r['quads']:,} | {r['query']} | {r['rows']} | "
                     f"{r['endpoint_p50'] * 1000:.1f} | {r['endpoint_p95'] * 1000:.1f} | "
                     f"{r['kg_query_p50'] * 1000:.0f} | {r['kg_query_max'] * 1000:.0f} | "
                     f"{r['inprocess_p50'] * 1000:.1f} | {'yes' if r['same_rows'] else '**no**'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1e6", help="generated stores, comma-separated "
                        "(empty: none)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds store")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", help="keep generated data and stores here (reused)")
    parser.add_argument("--json", help="write the raw figures here")
    args = parser.parse_args()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        if not args.no_seeds:
            store = work / "seeds-store"
            if not store.exists():
                _log("ingesting the seeds")
                measure.kg("--store", store, "ingest", "--silent", ROOT / "seeds")
            rows += bench_store("seeds", store, None, args.repeat)
        for scale in [int(float(s)) for s in args.scales.split(",") if s]:
            nq = work / f"graph-{scale}-seed{args.seed}.nq"
            store = work / f"graph-store-{scale}"
            if not nq.with_suffix(".params.json").exists():
                _log(f"generating {scale:.0e} quads")
                measure.run([sys.executable, "-m", "bench.graph", str(scale), str(nq),
                             "--seed", str(args.seed)])
            if not store.exists():
                _log(f"importing {scale:.0e} quads")
                measure.stage("import", nq, store)
            params = json.loads(nq.with_suffix(".params.json").read_text())["params"]
            rows += bench_store(f"{scale:.0e}", store, params, args.repeat)
    finally:
        if args.json:
            Path(args.json).write_text(json.dumps(rows, indent=1))
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Run {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average "
          f"{measure.loadavg()}")
    print()
    print(render(rows))


if __name__ == "__main__":
    main()
