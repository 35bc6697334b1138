"""Where the bundled ontology, shapes, queries and rule data are, in a checkout or an install.

Every file the program ships is found here, through ``importlib.resources``: the top-level
``ontology/`` and ``queries/`` folders are the packages ``kg.ontology`` and ``kg.sparql`` (mapped
in pyproject.toml, so a wheel carries them and an editable install reads them in place), and the
rule data and gazetteer are ``kg/data``. The functions return ``pathlib.Path`` objects (pip
installs a wheel as files, never zipped); a missing file raises ``ResourceError``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from pathlib import Path

from kg.errors import KgError

ONTOLOGY_PACKAGE = "kg.ontology"
QUERIES_PACKAGE = "kg.sparql"
#: Files of ``kg/data`` that are documentation, not rule data.
NOT_RULE_DATA = (".md",)


class ResourceError(KgError):
    """A bundled file is missing: the installation is incomplete."""


def _folder(package: str, *parts: str) -> Path:
    try:
        node = files(package)
    except ModuleNotFoundError:
        raise ResourceError(f"the bundled package {package} is missing",
                            hint="reinstall strikegraph") from None
    path = Path(str(node.joinpath(*parts)))
    if not path.exists():
        raise ResourceError(f"bundled file missing: {'/'.join((package, *parts))}",
                            path=str(path), hint="reinstall strikegraph")
    return path


def ontology_path() -> Path:
    """``ontology/strikegraph.ttl``, the OWL ontology."""
    return _folder(ONTOLOGY_PACKAGE, "strikegraph.ttl")


def shapes_path() -> Path:
    """``ontology/shapes.ttl``, the SHACL shapes behind ``kg check``."""
    return _folder(ONTOLOGY_PACKAGE, "shapes.ttl")


def queries_dir() -> Path:
    """The folder of the bundled ``.rq`` queries."""
    return _folder(QUERIES_PACKAGE)


def data_dir() -> Path:
    """``kg/data``: rule data (cues, patterns, lexicons) and the gazetteer."""
    return _folder("kg", "data")


def data_path(name: str) -> Path:
    """One file of ``kg/data``."""
    return _folder("kg", "data", name)


@cache
def rule_data_digest() -> str:
    """SHA-256 over every rule data and gazetteer file of ``kg/data`` (name and bytes of each,
    in name order): what the extractors read besides the text. Computed once per process."""
    digest = hashlib.sha256()
    for path in sorted(data_dir().iterdir()):
        if path.is_file() and not path.name.endswith(NOT_RULE_DATA):
            digest.update(path.name.encode("utf-8") + b"\x00")
            digest.update(path.read_bytes())
            digest.update(b"\x00")
    return digest.hexdigest()
