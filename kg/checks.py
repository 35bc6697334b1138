"""Data checks: the ``queries/checks/*-violation.rq`` queries, each returning zero rows on good data.

Each check is a SELECT query whose rows are the violations it finds, with grlc-style
``#+ summary:`` and ``#+ description:`` headers. ``run_checks`` runs them over a store, seeing the
union of its graphs, and returns one ``Violation`` per check that found something::

    >>> from pyoxigraph import Store
    >>> [v.check for v in run_checks(Store(), names=["attack-without-location"])]
    []
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store

from kg.errors import QueryError
from kg.resources import checks_dir

CHECKS_DIR = checks_dir()
SUFFIX = "-violation.rq"
_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Check:
    """One check: its name (the file name without ``-violation.rq``), headers and query text."""

    name: str
    summary: str
    description: str
    path: Path
    query: str = field(repr=False)


@dataclass(frozen=True)
class Violation:
    """What one check found: one row per offending node, each a dict of variable → value."""

    check: str
    summary: str
    rows: list[dict[str, str]]


def _headers(text: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match and match.group(2):
            headers.setdefault(match.group(1), match.group(2))
    return headers


def load_check(path: Path) -> Check:
    """Read one check file; a missing file or summary raises ``QueryError`` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"cannot read check: {getattr(error, 'strerror', None) or error}",
                         path=str(path)) from None
    headers = _headers(text)
    if "summary" not in headers:
        raise QueryError("check has no '#+ summary:' header", path=str(path))
    return Check(name=path.name[: -len(SUFFIX)], summary=headers["summary"],
                 description=headers.get("description", ""), path=path, query=text)


def load_checks(directory: Path = CHECKS_DIR) -> list[Check]:
    """Every ``*-violation.rq`` of the folder, sorted by name."""
    if not directory.is_dir():
        raise QueryError("no such checks folder", path=str(directory))
    return [load_check(path) for path in sorted(directory.glob("*" + SUFFIX))]


def _text(term) -> str:
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)  # an RDF-star triple, in N-Triples syntax


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def run_check(store: Store, check: Check) -> list[dict[str, str]]:
    """The rows one check finds (unbound variables left out); a bad query raises ``QueryError``."""
    try:
        solutions = store.query(check.query, use_default_graph_as_union=True)
        if not isinstance(solutions, QuerySolutions):
            raise QueryError("check is not a SELECT query", path=str(check.path))
        variables = [variable.value for variable in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = _text(term)
            rows.append(row)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {_first_line(error)}", path=str(check.path)) from None
    except (ValueError, OSError) as error:
        raise QueryError(f"check failed: {_first_line(error)}", path=str(check.path)) from None
    return rows


def run_checks(store: Store, *, names: Iterable[str] | None = None,
               directory: Path = CHECKS_DIR) -> list[Violation]:
    """Run the checks (all, or those named) and return a ``Violation`` for each that found rows.

    An empty list means the store conforms. An unknown name raises ``QueryError``.
    """
    checks = load_checks(directory)
    if names is not None:
        by_name = {check.name: check for check in checks}
        wanted = list(dict.fromkeys(names))
        unknown = [name for name in wanted if name not in by_name]
        if unknown:
            raise QueryError(f"no such check: {unknown[0]}", path=str(directory),
                             hint="known: " + ", ".join(sorted(by_name)))
        checks = [by_name[name] for name in wanted]
    violations = []
    for check in checks:
        rows = run_check(store, check)
        if rows:
            violations.append(Violation(check=check.name, summary=check.summary, rows=rows))
    return violations


def format_violations(violations: list[Violation], *, limit: int = 5) -> str:
    """One line per failing check with its count, then up to ``limit`` offending rows each."""
    if not violations:
        return f"all {len(load_checks())} checks pass"
    lines = []
    for violation in violations:
        lines.append(f"{violation.check}: {len(violation.rows)} violation(s) — "
                     f"{violation.summary}")
        for row in violation.rows[:limit]:
            lines.append("  " + ", ".join(f"{k}={v}" for k, v in row.items()))
        if len(violation.rows) > limit:
            lines.append(f"  … and {len(violation.rows) - limit} more")
    return "\n".join(lines)
