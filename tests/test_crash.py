"""kill -9 in the middle of ``kg ingest``: the store opens, every graph in it is complete (equal to
the same graph after a clean run) or absent, and running the ingest again gives exactly the clean
run's quads.

The ingests run in children forked from one helper process that has loaded spaCy, the gazetteer
and the extraction code once, so a kill lands in the work (reading, parsing, writing) rather
than in start-up, and every run uses the same code.
The helper itself kills its child, only while the child is still its own (not yet reaped).
Kill moments are spread evenly over the clean run's duration (one at random in each tenth).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from pyoxigraph import BlankNode

from kg.store import GraphStore
from kg.vocab import ENTITY_GRAPH, INCIDENT_GRAPH

ROOT = Path(__file__).resolve().parent.parent
BY_TIME, BY_WRITE = 5, 7  # kills at moments of the run, kills at writes

HELPER = r"""
import json, os, select, signal, sys, tempfile, time
import kg.cli
from kg.ingest import ingest
from kg.store import GraphStore

# One ingest into memory first: the pipeline, the gazetteer and every module imported on the
# way are loaded here, once, so that every child runs exactly the same code.
with tempfile.TemporaryDirectory() as folder:
    with open(os.path.join(folder, "warm-up.txt"), "w") as handle:
        handle.write("Russian drones struck Kharkiv overnight, the mayor said.")
    ingest(GraphStore(), [folder])
print(json.dumps({"ready": True}), flush=True)

for line in sys.stdin:
    job = json.loads(line)
    at_write = job.get("at_write")
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        if at_write is not None:  # tell the helper when write number at_write begins
            real, calls = GraphStore.replace_graph, [0]
            def replace_graph(self, *args, **kwargs):
                if calls[0] == at_write:
                    os.write(write_end, b"w")
                calls[0] += 1
                return real(self, *args, **kwargs)
            GraphStore.replace_graph = replace_graph
        try:
            kg.cli.cli.main(args=job["args"], prog_name="kg")
        except SystemExit as end:
            os._exit(end.code if isinstance(end.code, int) else 1)
        os._exit(0)
    os.close(write_end)
    deadline = None if job.get("kill_after") is None else start + job["kill_after"]
    killed, listening = False, at_write is not None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if listening:
            if select.select([read_end], [], [], 0.001)[0]:
                listening = False
                if os.read(read_end, 1) == b"w":
                    deadline = time.monotonic() + job["jitter"]
        else:
            time.sleep(0.001)
        if deadline is not None and time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)  # still ours: not reaped yet
            killed = True
            status = os.waitpid(pid, 0)[1]
            break
    os.close(read_end)
    print(json.dumps({"killed": killed, "status": status,
                      "elapsed": time.monotonic() - start}), flush=True)
"""


class Helper:
    def __init__(self):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
        self.process = subprocess.Popen([sys.executable, "-c", HELPER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def ingest(self, store: Path, corpus: Path, **kill) -> dict:
        """Run ``kg ingest``; ``kill_after=SECONDS`` kills it then, ``at_write=N, jitter=S``
        kills it S seconds after its write number N (0: the ontology) began."""
        job = {"args": ["--store", str(store), "ingest", "--silent", str(corpus)], **kill}
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


def corpus(folder: Path) -> Path:
    """About 20 short articles: the seeds cut into runs of paragraphs."""
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        size = max(1, -(-len(lines) // 4))
        for part in range(0, len(lines), size):
            name = f"{seed.stem[:3]}-{part // size}.txt"
            (folder / name).write_text("\n".join(lines[part:part + size]) + "\n", encoding="utf-8")
    return folder


def graphs(location: Path) -> dict[str, Counter]:
    """Each graph's quads as N-Triples lines (blank node labels, which differ from one load of
    the ontology to the next, replaced by one label), counted."""
    out: dict[str, Counter] = defaultdict(Counter)
    with GraphStore(location) as store:
        for quad in store.raw:
            terms = (quad.subject, quad.predicate, quad.object)
            out[str(quad.graph_name)][" ".join(
                "_:b" if isinstance(t, BlankNode) else str(t) for t in terms)] += 1
    return dict(out)


@pytest.fixture(scope="module")
def helper():
    process = Helper()
    yield process
    process.close()


def test_kill_9_at_any_moment_of_an_ingest(tmp_path, helper):
    articles = corpus(tmp_path / "corpus")
    count = len(list(articles.glob("*.txt")))
    assert count >= 18
    clean_run = helper.ingest(tmp_path / "clean", articles)
    assert (clean_run["killed"], clean_run["status"]) == (False, 0)
    clean = graphs(tmp_path / "clean")
    # an article graph each, the ontology, the entities, the incidents
    assert len(clean) == count + 3

    rng = random.Random(6)
    # Moments spread over the whole run (most fall while spaCy parses), then moments within
    # the writes: a few milliseconds after write N began, before, during or after its commit.
    kills = [{"kill_after": clean_run["elapsed"] * (i + rng.random()) / BY_TIME}
             for i in range(BY_TIME)]
    kills += [{"at_write": n, "jitter": rng.uniform(0, 0.01)}
              for n in sorted(rng.sample(range(count + 1), BY_WRITE))]
    outcomes = []
    for attempt, kill in enumerate(kills):
        location = tmp_path / f"killed-{attempt}"
        run = helper.ingest(location, articles, **kill)
        found = graphs(location) if location.exists() else {}  # opens, or raises here
        for graph, quads in found.items():
            if graph == str(ENTITY_GRAPH):  # shared: grows with every article written
                assert not quads - clean[graph], f"{kill}: entity quads of no clean run"
            elif graph == str(INCIDENT_GRAPH):  # derived: may lag; the re-run must repair it
                continue
            else:
                assert quads == clean.get(graph), f"{kill}: {graph} is incomplete"
        outcomes.append((run["killed"], len(found)))

        again = helper.ingest(location, articles)
        assert (again["killed"], again["status"]) == (False, 0)
        assert graphs(location) == clean, f"{kill}: the re-run differs from the clean run"
    assert sum(killed for killed, _ in outcomes) >= len(kills) // 2
    print("kills (killed, graphs present):", outcomes)
