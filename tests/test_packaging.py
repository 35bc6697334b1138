"""The project installs as a package: the wheel carries the ontology, shapes, queries and rule
data, and the installed ``kg`` works from any folder; one version source; ranges in
pyproject.toml, exact pins only in the lock."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import metadata, version
from pathlib import Path

import pytest
from setuptools import find_packages

import kg
from kg import resources

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_under_kg_is_listed_for_the_wheel():
    """pyproject.toml lists packages by hand (the mapped data folders need it): a new
    subpackage of kg/ left out would be missing from the wheel."""
    found = set(find_packages(str(ROOT), include=["kg", "kg.*"]))
    listed = set(SETUPTOOLS["packages"])
    mapped = set(SETUPTOOLS["package-dir"])
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert mapped <= listed
    assert {"kg.ontology", "kg.sparql"} <= listed


def test_resources_are_found_through_the_package():
    assert resources.ontology_path() == ROOT / "ontology" / "strikegraph.ttl"
    assert resources.queries_dir() == ROOT / "queries"
    assert resources.shapes_path() == ROOT / "ontology" / "shapes.ttl"
    assert resources.data_path("cues.json") == ROOT / "kg" / "data" / "cues.json"


def test_a_missing_resource_is_a_one_line_error():
    with pytest.raises(resources.ResourceError) as info:
        resources.data_path("no-such.tsv")
    assert str(info.value) == (f"{ROOT / 'kg' / 'data' / 'no-such.tsv'}: bundled file missing: "
                               "kg/data/no-such.tsv (reinstall strikegraph)")


def test_one_version_source():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert "version" not in PYPROJECT["project"]
    assert SETUPTOOLS["dynamic"]["version"] == {"attr": "kg.__version__"}
    assert version("strikegraph") == kg.__version__


def test_licence_in_the_spdx_form_and_typed_marker():
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert metadata("strikegraph")["License-Expression"] == "MIT"  # core metadata 2.4
    assert (ROOT / "kg" / "py.typed").is_file()


def test_ranges_in_pyproject_and_exact_pins_in_the_lock():
    requirements = PYPROJECT["project"]["dependencies"] + [
        requirement for extra in PYPROJECT["project"]["optional-dependencies"].values()
        for requirement in extra]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    def normal(name: str) -> str:  # PEP 503: PyLD and pyld are one package
        return re.sub(r"[-_.]+", "-", name).lower()

    pins = {normal(name): pin
            for name, pin in re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\$", lock, re.M)}
    for requirement in requirements:
        name = normal(re.match(r"[A-Za-z0-9._-]+", requirement).group())
        assert "==" not in requirement and ">=" in requirement and "<" in requirement, requirement
        assert name in pins, f"{name} is not in requirements.lock (run make lock)"


@pytest.mark.slow
def test_the_wheel_carries_its_files_and_runs_from_an_empty_folder(tmp_path):
    """Build the wheel, unpack it, and run kg from it in a folder outside the checkout (the
    dependencies come from this environment; .ci/wheel-smoke does the same with a fresh one)."""
    source = tmp_path / "source"  # a copy: setuptools would reuse a stale build/ in the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "kg-store", "__pycache__", "tests",
        "bench", ".pytest_cache", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("strikegraph-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for name in ("kg/ontology/strikegraph.ttl", "kg/ontology/shapes.ttl", "kg/py.typed",
                 "kg/sparql/attacks-by-place.rq", "kg/data/cues.json", "kg/data/places.tsv.gz",
                 f"strikegraph-{kg.__version__}.dist-info/licenses/LICENSE"):
        assert name in names, name
    queries = {name for name in names if name.startswith("kg/sparql/") and name.endswith(".rq")}
    assert len(queries) == len(list((ROOT / "queries").glob("*.rq")))

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "news.jsonl").write_text(
        '{"id": "a1", "published": "2024-05-02", "text": "Russian drones attacked Kharkiv '
        'overnight, killing two people, Mayor Ihor Terekhov said on Telegram."}\n',
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "KG_STORE": "store"}

    def kg_run(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=elsewhere, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    where = subprocess.run([sys.executable, "-c", "import kg.resources as r; "
                            "print(r.ontology_path())"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where) == tmp_path / "site" / "kg" / "ontology" / "strikegraph.ttl"
    kg_run("ingest", "--silent", "news.jsonl")
    assert "Kharkiv" in kg_run("query", "attacks-by-place", "--format", "csv")
    assert "attacks-by-place" in kg_run("queries")
    kg_run("check")
    kg_run("export", "--format", "turtle", "-o", "graph.ttl")
    assert (elsewhere / "graph.ttl").stat().st_size > 0
