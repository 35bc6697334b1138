"""Data checks: the SHACL shapes of ``ontology/shapes.ttl``, validated with pySHACL.

The data graph is the store as an RDF dataset whose default graph is the union of its graphs
(what queries see); the named graphs stay visible to the one SHACL-SPARQL constraint that needs
them. A check is a named shape, ``shapes:NAME`` (or ``shapes:NAME.PART`` when it takes several
shapes), with the check's summary as ``rdfs:label`` and its description as ``rdfs:comment``.
``validate`` returns a ``Report``: whether the store conforms, the SHACL validation report as a
graph (``report.turtle()`` for tools), and one ``Violation`` per check that found something
(``format_report`` for people)::

    >>> from pyoxigraph import Store
    >>> validate(Store(), names=["attack-without-location"]).violations
    []

pySHACL's exit codes carry over to ``kg check``: 0 conforms, 1 violations, 2 error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Store

from kg.errors import KgError
from kg.resources import shapes_path
from kg.vocab import RDFS_NS, XSD_NS

SHAPES_NS = "https://w3id.org/strikegraph/shapes#"
SH = "http://www.w3.org/ns/shacl#"
XSD_STRING = XSD_NS + "string"
CONFORMS, VIOLATIONS, ERROR = 0, 1, 2  # pySHACL's exit codes


class CheckError(KgError):
    """The shapes cannot be read, or validation fails (not: the data has violations)."""


@dataclass(frozen=True)
class Check:
    """One check: its name, summary and description, and the shapes that make it."""

    name: str
    summary: str
    description: str
    shapes: tuple[str, ...]


@dataclass(frozen=True)
class Violation:
    """What one check found: one row per validation result (``focus``, and where given,
    ``path``, ``value``, ``message``), as plain strings."""

    check: str
    summary: str
    rows: list[dict[str, str]]


@dataclass
class Report:
    """The outcome of a validation. ``graph`` is the SHACL validation report (an rdflib graph)."""

    conforms: bool
    violations: list[Violation]
    graph: object = field(repr=False)
    checks: int = 0

    @property
    def exit_code(self) -> int:
        return CONFORMS if self.conforms else VIOLATIONS

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle")


def check_name(shape: str) -> str | None:
    """``shapes:NAME.PART`` → ``NAME``; None for a shape outside the shapes namespace."""
    if not shape.startswith(SHAPES_NS) or len(shape) == len(SHAPES_NS):
        return None
    return shape[len(SHAPES_NS):].split(".", 1)[0]


def load_shapes(path: Path | None = None):
    """The shapes graph (rdflib); a missing or broken file raises ``CheckError`` naming it."""
    path = path or shapes_path()
    return _parse_shapes(str(path))


@lru_cache(maxsize=4)
def _parse_shapes(path: str):
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as error:
        raise CheckError(f"cannot read shapes: {error.strerror or error}", path=path) from None
    except Exception as error:  # noqa: BLE001 — rdflib raises several kinds on bad Turtle
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise CheckError(f"invalid Turtle: {first}", path=path) from None
    return graph


def load_checks(path: Path | None = None) -> list[Check]:
    """Every check of the shapes graph, sorted by name."""
    from rdflib import RDF, URIRef

    graph = load_shapes(path)
    shapes: dict[str, list[str]] = {}
    for shape in graph.subjects(RDF.type, URIRef(SH + "NodeShape")):
        name = check_name(str(shape))
        if name:
            shapes.setdefault(name, []).append(str(shape))
    checks = []
    for name, members in sorted(shapes.items()):
        members.sort()
        first = URIRef(members[0])
        summary = graph.value(first, URIRef(RDFS_NS + "label"))
        if summary is None:
            raise CheckError(f"shape {members[0]} has no rdfs:label (the check's summary)",
                             path=str(path or shapes_path()))
        description = graph.value(first, URIRef(RDFS_NS + "comment"))
        checks.append(Check(name, str(summary), str(description or ""), tuple(members)))
    return checks


def _dataset(store: Store):
    """The store as an rdflib dataset whose default graph is the union of its graphs."""
    import rdflib
    from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode

    def term(node):
        if isinstance(node, NamedNode):
            return rdflib.URIRef(node.value)
        if isinstance(node, BlankNode):
            return rdflib.BNode(node.value)
        if isinstance(node, Literal):
            if node.language:
                return rdflib.Literal(node.value, lang=node.language)
            if node.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
                return rdflib.Literal(node.value)
            return rdflib.Literal(node.value, datatype=rdflib.URIRef(node.datatype.value))
        raise CheckError(f"cannot check an RDF-star triple term: {node}")

    dataset = rdflib.Dataset(default_union=True)
    graphs: dict = {}
    for quad in store:
        name = quad.graph_name
        if name not in graphs:
            graphs[name] = (dataset.default_graph if isinstance(name, DefaultGraph)
                            else dataset.graph(term(name)))
        graphs[name].add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return dataset


def _text(term) -> str:
    from rdflib import BNode

    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _owner(shapes, shape):
    """The named node shape a result's source shape belongs to (itself, or the node shape
    holding it as a property shape)."""
    from rdflib import URIRef

    if isinstance(shape, URIRef):
        return shape
    for owner in shapes.subjects(URIRef(SH + "property"), shape):
        return owner
    return shape


def _violations(report_graph, shapes, checks: list[Check]) -> list[Violation]:
    from rdflib import RDF, URIRef

    sh = {name: URIRef(SH + name) for name in (
        "ValidationResult", "focusNode", "resultPath", "value", "resultMessage", "sourceShape")}
    by_name = {check.name: check for check in checks}
    rows: dict[str, list[dict[str, str]]] = {}
    for result in report_graph.subjects(RDF.type, sh["ValidationResult"]):
        source = report_graph.value(result, sh["sourceShape"])
        name = check_name(str(_owner(shapes, source))) or "other"
        row = {"focus": _text(report_graph.value(result, sh["focusNode"]))}
        for key, term in (("path", "resultPath"), ("value", "value"),
                          ("message", "resultMessage")):
            value = report_graph.value(result, sh[term])
            if value is not None:
                row[key] = _text(value)
        rows.setdefault(name, []).append(row)
    out = []
    for name in sorted(rows):
        found = sorted(rows[name], key=lambda r: tuple(sorted(r.items())))
        summary = by_name[name].summary if name in by_name else "results of unnamed shapes"
        out.append(Violation(check=name, summary=summary, rows=found))
    return out


def validate(store: Store, *, names: Iterable[str] | None = None,
             shapes: Path | None = None) -> Report:
    """Validate the store against the shapes. With ``names``, only those checks' violations
    are kept (an unknown name raises ``CheckError``)."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    shapes_graph = load_shapes(shapes)
    checks = load_checks(shapes)
    if names is not None:
        known = {check.name for check in checks}
        wanted = list(dict.fromkeys(names))
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise CheckError(f"no such check: {unknown[0]}", path=str(shapes or shapes_path()),
                             hint="known: " + ", ".join(sorted(known)))
    dataset = _dataset(store)
    # pySHACL leaves reference cycles through this frame (caught exceptions keep tracebacks):
    # holding the store here would keep it, and its lock, open until the next garbage collection
    del store
    try:
        conforms, report_graph, _ = pyshacl.validate(
            dataset, shacl_graph=shapes_graph, inference="none", advanced=False,
            meta_shacl=False, abort_on_first=False, allow_warnings=False)
    except ReportableRuntimeError as error:
        first = (str(error.message).strip().splitlines() or ["validation failed"])[0]
        raise CheckError(f"validation failed: {first}",
                         path=str(shapes or shapes_path())) from None
    violations = _violations(report_graph, shapes_graph, checks)
    if names is not None:
        violations = [v for v in violations if v.check in set(wanted)]
        conforms = not violations
    return Report(conforms=bool(conforms), violations=violations, graph=report_graph,
                  checks=len(checks))


def run_checks(store: Store, *, names: Iterable[str] | None = None) -> list[Violation]:
    """The violations of each check that found some (an empty list: the store conforms)."""
    return validate(store, names=names).violations


def format_report(report: Report, *, limit: int = 5) -> str:
    """For people: one line per failing check with its count, then up to ``limit`` results."""
    if report.conforms:
        return f"conforms: all {report.checks} checks pass"
    total = sum(len(v.rows) for v in report.violations)
    lines = [f"does not conform: {total} violation(s) of {len(report.violations)} check(s)"]
    for violation in report.violations:
        lines.append(f"{violation.check}: {len(violation.rows)} violation(s) — "
                     f"{violation.summary}")
        for row in violation.rows[:limit]:
            detail = ", ".join(f"{k}={row[k]}" for k in ("path", "value") if k in row)
            message = row.get("message", "")
            lines.append(f"  {row['focus']}" + (f": {message}" if message else "")
                         + (f" ({detail})" if detail else ""))
        if len(violation.rows) > limit:
            lines.append(f"  … and {len(violation.rows) - limit} more")
    return "\n".join(lines)
