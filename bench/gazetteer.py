"""The bundled gazetteer's load time and memory, and its size per country and kind.

    python -m bench.gazetteer            # five loads, each in a fresh process
    python -m bench.gazetteer --data DIR --runs 9   # another build (places.tsv.gz, actors.tsv)

Each load runs in its own interpreter (the gazetteer is cached per process), timing
``Gazetteer.load`` and reading the growth of the resident set and the Python heap peak
(tracemalloc) it causes. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

_PROBE = """
import json, sys, time, tracemalloc
from pathlib import Path
from kg.link.gazetteer import DATA, Gazetteer
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
def rss_kb():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS:'))
before = rss_kb()
tracemalloc.start()
t0 = time.perf_counter()
g = Gazetteer.load(folder)
seconds = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
# a second load without tracing, for the time alone
t1, c1 = time.perf_counter(), time.process_time()
Gazetteer.load(folder)
plain, cpu = time.perf_counter() - t1, time.process_time() - c1
print(json.dumps({"seconds_traced": seconds, "seconds": plain, "cpu": cpu,
                  "rss_mb": (rss_kb() - before) / 1024,
                  "heap_peak_mb": peak / 2**20, "places": len(g)}))
"""


def sizes(folder=None) -> Counter:
    """(country label, kind) → number of places."""
    from kg.link.gazetteer import load_gazetteer

    out: Counter = Counter()
    for place in load_gazetteer(folder):
        chain = place.chain()
        country = next((p.label for p in chain if p.kind == "country"), "(none)")
        out[(country, place.kind)] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gazetteer", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of places.tsv.gz and actors.tsv (default: the bundled one)")
    args = parser.parse_args(argv)
    extra = [str(args.data)] if args.data else []
    runs = [json.loads(subprocess.run([sys.executable, "-c", _PROBE] + extra, check=True,
                                      capture_output=True, text=True).stdout)
            for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"places: {int(med['places'])}")
    print(f"load: {med['seconds']:.2f} s wall, {med['cpu']:.2f} s CPU (median of {args.runs}, "
          "a fresh process each); "
          f"resident set +{med['rss_mb']:.0f} MB; Python heap peak {med['heap_peak_mb']:.0f} MB")
    table = sizes(args.data)
    kinds = ("country", "region", "raion", "settlement", "district")
    print("| country | " + " | ".join(kinds) + " |")
    print("| --- |" + " ---: |" * len(kinds))
    for country in sorted({c for c, _ in table}):
        print(f"| {country} | " + " | ".join(str(table[(country, k)]) for k in kinds) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
