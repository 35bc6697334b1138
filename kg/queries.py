"""The bundled SPARQL queries: catalog, lookup, parameter binding and running.

A query is a ``.rq`` file in the grlc convention: ``#+ key: value`` header lines (``summary``,
``description``, ``tags``, optional ``defaults``) above the SPARQL text, and parameters written
as variables — ``?_name`` required, ``?__name`` optional — with a type suffix where the value is
not a plain string: ``_iri``, ``_integer``, ``_xsd_date``. ``kg query NAME -p place=IRI`` binds
``?__place_iri`` to an RDF term through pyoxigraph's ``substitutions``; no value is ever pasted
into the query text. An IRI parameter also takes a label (``-p place=Kharkiv``) or a Wikidata id
(``-p place=Q42308``), resolved in the store to the one entity of that label or linked to that
item; several matches are listed in the error.

pyoxigraph binds only variables of the SELECT projection, so a SELECT query projects each of its
parameters, spelled ``$__place_iri`` there (the same variable; grlc's textual substitution rewrites
only the ``?`` spelling, so the query stays valid under grlc too). Columns whose name begins with
``_`` are parameters, not answers: ``kg.results`` leaves them out of every format.

Safety (``execute``): an update (INSERT, DELETE, DROP, LOAD, CLEAR …) runs only when allowed, as
one transaction; SERVICE and LOAD, which make pyoxigraph call other machines, run only when
allowed (``kg.sparql_guard`` reads the parsed query). ``kg.query_process`` runs a query in a
child process that can be stopped after a time limit: pyoxigraph cannot cancel a running query,
not even on Ctrl-C.

Only pyoxigraph is imported here, so ``kg query`` starts fast.
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store, Variable

from kg.errors import QueryError
from kg.resources import queries_dir
from kg.vocab import KG, OWL_SAME_AS, RDF_TYPE, RDFS_LABEL, wikidata

QUERY_DIR = queries_dir()

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DATE = NamedNode(XSD + "date")

#: Prefixes a user may write in an IRI parameter (``-p place=id:place/Q1899``) and that tables
#: use to shorten IRIs, so what a table shows can be given back as a value.
SHORT_PREFIXES = {
    "kg": "https://w3id.org/strikegraph/ontology#",
    "id": "https://w3id.org/strikegraph/id/",
    "wd": "http://www.wikidata.org/entity/",
}

PARAMETER_TYPES = ("string", "iri", "integer", "date")
_TYPE_SUFFIXES = {
    None: "string", "string": "string", "literal": "string",
    "iri": "iri",
    "integer": "integer", "xsd_integer": "integer",
    "date": "date", "xsd_date": "date",
}
_TYPE_WORDS = {
    "string": "a text", "iri": "an IRI", "integer": "an integer", "date": "a date (YYYY-MM-DD)",
}

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_PARAM_VARIABLE = re.compile(r"(_{1,2})([A-Za-z0-9]+)(?:_(\w+))?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SYNTAX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
# SPARQL text split into what can hide a "?": comments, IRIs, strings; and variables.
_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | [?$](?P<var>[A-Za-z0-9_\u00b7\u00c0-\uffff]+)""",
    re.X,
)


class QuerySyntaxError(QueryError):
    """A syntax error: ``FILE:LINE:COLUMN: SPARQL syntax error: …`` on one line."""

    def __init__(self, message: str, *, path: str, line: int, column: int,
                 hint: str | None = None):
        self.column = column
        super().__init__(message, path=path, line=line, hint=hint)

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return text + (f" ({self.hint})" if self.hint else "")


@dataclass(frozen=True)
class Parameter:
    """A query parameter: ``name`` as given on the command line, ``variable`` as in the query."""

    name: str
    variable: str
    required: bool
    type: str  # one of PARAMETER_TYPES
    default: str | None = None

    def describe(self) -> str:
        need = "required" if self.required else "optional"
        return f"{self.name} ({_TYPE_WORDS[self.type]}, {need})"


@dataclass(frozen=True)
class QueryInfo:
    """One query file: where it is, what its header says, which parameters it takes.

    ``label`` names the file in messages: ``queries/NAME.rq`` for a bundled query, the path as
    given for any other file.
    """

    name: str
    path: Path
    label: str
    text: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    bundled: bool = False
    header: dict = field(default_factory=dict, compare=False, repr=False)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


# ---------------------------------------------------------------------------------------------
# Reading a query file


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_header(text: str) -> dict:
    """The ``#+`` lines as a dict: the YAML subset grlc files use.

    ``key: value`` gives a string (a more indented line continues it), ``key:`` followed by
    ``- item`` lines gives a list, and ``- name: value`` items give dicts.
    """
    header: dict = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        body = line[2:]
        stripped = body.strip()
        if not stripped:
            continue
        indented = body[:1].isspace() and len(body) - len(body.lstrip()) > 1
        if stripped.startswith("- ") or stripped == "-":
            item = stripped[1:].strip()
            if key is None:
                continue
            if not isinstance(header.get(key), list):
                header[key] = []
            pair = re.match(r"([A-Za-z_][\w-]*):(?:\s+(.*))?$", item)
            if pair:  # "- place: https://…" (an IRI's "https:" is not followed by a space)
                header[key].append({pair.group(1): _scalar(pair.group(2) or "")})
            else:
                header[key].append(_scalar(item))
            continue
        match = re.match(r"([A-Za-z_][\w-]*):(?:\s+(.*))?$", stripped)
        if match and not indented:
            key = match.group(1)
            header[key] = _scalar(match.group(2) or "")
        elif key is not None and isinstance(header.get(key), str):
            header[key] = (header[key] + " " + stripped).strip()
    return header


def query_variables(text: str) -> list[str]:
    """Names of the variables the SPARQL text uses, in order of first use, without ``?``/``$``."""
    seen: dict[str, None] = {}
    for match in _TOKENS.finditer(text):
        if match.group("var"):
            seen.setdefault(match.group("var"), None)
    return list(seen)


def _parameters(text: str, label: str, defaults: dict[str, str]) -> tuple[Parameter, ...]:
    found: dict[str, Parameter] = {}
    for variable in query_variables(text):
        if not variable.startswith("_"):
            continue
        match = _PARAM_VARIABLE.fullmatch(variable)
        suffix = match.group(3) if match else None
        if match is None or suffix not in _TYPE_SUFFIXES:
            raise QueryError(
                f"variable ?{variable} is not a parameter name this tool understands",
                path=label,
                hint="write ?_name or ?__name, optionally ending in _iri, _integer or _xsd_date",
            )
        name = match.group(2)
        parameter = Parameter(name, variable, len(match.group(1)) == 1, _TYPE_SUFFIXES[suffix],
                              defaults.get(name))
        if name in found and found[name].variable != variable:
            raise QueryError(f"parameter '{name}' is declared twice, as ?{found[name].variable} "
                             f"and ?{variable}", path=label)
        found[name] = parameter
    unknown = sorted(set(defaults) - set(found))
    if unknown:
        raise QueryError(f"default given for '{unknown[0]}', which is not a parameter", path=label)
    return tuple(found.values())


def _defaults(header: dict, label: str) -> dict[str, str]:
    raw = header.get("defaults", [])
    out: dict[str, str] = {}
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if not isinstance(item, dict):
            raise QueryError("'defaults' must be a list of '- name: value' lines", path=label)
        out.update({str(k): str(v) for k, v in item.items()})
    return out


def read_query(path: Path, *, label: str | None = None, bundled: bool = False) -> QueryInfo:
    """Read one ``.rq`` file into a ``QueryInfo``."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QueryError("not UTF-8 text", path=label) from None
    except OSError as error:
        raise QueryError(f"cannot read query file: {error.strerror or error}", path=label) from None
    return query_from_text(text, label, path=path, bundled=bundled)


def query_from_text(text: str, label: str = "<stdin>", *, path: Path | None = None,
                    bundled: bool = False) -> QueryInfo:
    """A ``QueryInfo`` for SPARQL text not read from a file (``kg query -``), or just read."""
    header = parse_header(text)
    tags = header.get("tags", [])
    tags = tuple(str(t) for t in (tags if isinstance(tags, list) else [tags]) if str(t))
    path = path if path is not None else Path(label)
    return QueryInfo(
        name=path.stem,
        path=path,
        label=label,
        text=text,
        summary=str(header.get("summary", "")),
        description=str(header.get("description", "")),
        tags=tags,
        parameters=_parameters(text, label, _defaults(header, label)),
        bundled=bundled,
        header=header,
    )


# ---------------------------------------------------------------------------------------------
# The catalog


def bundled_names() -> list[str]:
    """Names of the bundled queries (``queries/*.rq``, not the checks), sorted."""
    if not QUERY_DIR.is_dir():
        return []
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq") if p.is_file())


def bundled_queries() -> list[QueryInfo]:
    """Every bundled query, sorted by name."""
    return [_bundled(name) for name in bundled_names()]


def _bundled(name: str) -> QueryInfo:
    path = QUERY_DIR / f"{name}.rq"
    if path.resolve().parent != QUERY_DIR.resolve():  # a link leading out of the folder
        raise QueryError(f"no bundled query named '{name}'", hint="kg queries lists them")
    return read_query(path, label=f"queries/{name}.rq", bundled=True)


def load_query(ref: str | os.PathLike) -> QueryInfo:
    """A bundled query by name (``attacks-by-place``) or any query file (``my/q.rq``).

    A bare name is looked up only inside the bundled ``queries/`` folder; a name with ``/``,
    ``..`` or anything but letters, digits and hyphens is refused. A reference ending in ``.rq``
    that names an existing file is read as that file; one that does not, but whose stem is a
    bundled query's name, is the bundled query.
    """
    text = os.fspath(ref)
    if text.endswith(".rq"):
        path = Path(text)
        if path.is_file():
            return read_query(path, label=text)
        stem = text[:-3]
        if _NAME.fullmatch(stem) and (QUERY_DIR / text).is_file():
            return _bundled(stem)
        raise QueryError("no such query file", path=text)
    if not _NAME.fullmatch(text):
        raise QueryError(
            f"'{text}' is not a query name",
            hint="a name is letters, digits and hyphens; a query file's name ends in .rq",
        )
    if not (QUERY_DIR / f"{text}.rq").is_file():
        close = difflib.get_close_matches(text, bundled_names(), n=1)
        hint = f"did you mean {close[0]}?" if close else "kg queries lists them"
        raise QueryError(f"no bundled query named '{text}'", hint=hint)
    return _bundled(text)


# ---------------------------------------------------------------------------------------------
# Binding parameters


def expand_iri(value: str) -> str:
    """``id:place/Q1899`` → the full IRI, for the prefixes of ``SHORT_PREFIXES``."""
    prefix, colon, rest = value.partition(":")
    if colon and prefix in SHORT_PREFIXES and not rest.startswith("//"):
        return SHORT_PREFIXES[prefix] + rest
    return value


_QID = re.compile(r"Q[1-9][0-9]*")
_LABEL_MATCHES = f"""
SELECT DISTINCT ?entity ?_wanted WHERE {{
  ?entity {RDFS_LABEL} ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?_wanted)))
}} ORDER BY ?entity LIMIT 20"""


def _short(iri: str) -> str:
    for prefix, namespace in SHORT_PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def resolve_entity(store, value: str, parameter: str = "", label: str | None = None) -> NamedNode:
    """The one entity of the store that ``value`` names: a Wikidata id (``Q42308``) it is
    linked to with owl:sameAs, or its rdfs:label (exact, else ignoring case).

    No match, or several, raises ``QueryError`` (listing the matches)."""
    raw = store if isinstance(store, Store) else store.raw
    text = value.strip()
    what = f"parameter '{parameter}': " if parameter else ""
    if _QID.fullmatch(text):
        found = sorted({q.subject.value for q in raw.quads_for_pattern(
            None, OWL_SAME_AS, wikidata(text), None)
            if isinstance(q.subject, NamedNode)})
        kind = f"linked to wd:{text}"
    else:
        found = sorted({q.subject.value for q in raw.quads_for_pattern(
            None, RDFS_LABEL, Literal(text), None) if isinstance(q.subject, NamedNode)})
        if not found:
            found = sorted({row["entity"].value for row in raw.query(
                _LABEL_MATCHES, use_default_graph_as_union=True,
                substitutions={Variable("_wanted"): Literal(text)})
                if isinstance(row["entity"], NamedNode)})
        kind = f"labelled {text!r}"
    if len(found) == 1:
        return NamedNode(found[0])
    if not found:
        raise QueryError(f"{what}no entity in the store is {kind}", path=label,
                         hint="give an IRI, or see the names with kg query linked-entities")
    listed = ", ".join(_short(iri) for iri in found[:10]) + (", …" if len(found) > 10 else "")
    raise QueryError(f"{what}{len(found)} entities are {kind}: {listed}", path=label,
                     hint="give one of these IRIs")


def _is_name(value: str) -> bool:
    """A value an IRI parameter resolves in the store: no scheme, not a short prefixed IRI."""
    return bool(value.strip()) and not _SCHEME.match(expand_iri(value.strip()))


def term_for(parameter: Parameter, value: str, label: str, store=None):
    """The RDF term a parameter's value stands for; ``QueryError`` if it is not one. With a
    ``store``, an IRI parameter's label or Wikidata id is resolved there."""
    def refuse(what: str) -> QueryError:
        return QueryError(f"parameter '{parameter.name}' needs {what}, not {value!r}", path=label)

    if parameter.type == "iri":
        if store is not None and _is_name(value):
            return resolve_entity(store, value, parameter.name, label)
        iri = expand_iri(value.strip())
        if not _SCHEME.match(iri):
            raise refuse("an absolute IRI, a label or a Wikidata id")
        try:
            return NamedNode(iri)
        except ValueError:
            raise refuse("an absolute IRI") from None
    if parameter.type == "integer":
        if not _INTEGER.fullmatch(value.strip()):
            raise refuse("an integer")
        return Literal(str(int(value)), datatype=XSD_INTEGER)
    if parameter.type == "date":
        text = value.strip()
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            date.fromisoformat(text)
        except ValueError:
            raise refuse("a date written YYYY-MM-DD") from None
        return Literal(text, datatype=XSD_DATE)
    return Literal(value)


def bind(info: QueryInfo, values: Mapping[str, str] | None = None,
         store=None) -> dict[Variable, object]:
    """Parameter values (by bare name, as strings) → ``substitutions`` for ``Store.query``.

    Unknown names and missing required parameters raise ``QueryError``. A parameter left out
    takes its ``#+ defaults:`` value if it has one, else stays unbound: an optional parameter
    left unbound means "any". An IRI parameter given as a label or Wikidata id is resolved in
    ``store``; without a store (checking the values before a run) it is left out.
    """
    values = dict(values or {})
    for name in values:
        if info.parameter(name) is None:
            if info.parameters:
                hint = "parameters: " + ", ".join(p.name for p in info.parameters)
            else:
                hint = "this query takes no parameters"
            raise QueryError(f"unknown parameter '{name}'", path=info.label, hint=hint)
    bound: dict[Variable, object] = {}
    for parameter in info.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise QueryError(f"missing required parameter '{parameter.name}'",
                                 path=info.label, hint=f"{_TYPE_WORDS[parameter.type]}")
            continue
        if store is None and parameter.type == "iri" and _is_name(value):
            continue  # resolved in the store when the query runs
        bound[Variable(parameter.variable)] = term_for(parameter, value, info.label, store)
    return bound


# ---------------------------------------------------------------------------------------------
# Running


def _syntax_error(message: str, label: str) -> QueryError:
    match = _SYNTAX_ERROR.match(message)
    detail = " ".join((match.group(3) if match else message).split())
    hint = None
    if "Prefix not found" in detail:
        detail, hint = "a prefix is not declared", "declare it with PREFIX in the file"
    elif len(detail) > 100:
        detail = detail[:99].rstrip(" ,") + "…"
    if match:
        return QuerySyntaxError(f"SPARQL syntax error: {detail}", path=label,
                                line=int(match.group(1)), column=int(match.group(2)), hint=hint)
    return QueryError(f"SPARQL syntax error: {detail}", path=label, hint=hint)


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@dataclass(frozen=True)
class UpdateDone:
    """What an update did: the number of quads in the store before and after."""

    before: int
    after: int

    def __str__(self) -> str:
        change = self.after - self.before
        return (f"update applied: {self.before} quads before, {self.after} after "
                f"({'+' if change >= 0 else ''}{change})")


def check_allowed(info: QueryInfo, *, allow_update: bool = False,
                  allow_service: bool = False) -> str | None:
    """The query's form (``kg.sparql_guard.query_form``) once it may run; ``QueryError`` if it
    is an update not allowed, or calls another machine (SERVICE, LOAD) not allowed."""
    from kg.sparql_guard import network_operations, query_form

    form = query_form(info.text)
    if form == "update" and not allow_update:
        raise QueryError("this is an update: it would change the store", path=info.label,
                         hint="kg query runs updates only with --update")
    if not allow_service:
        calls = network_operations(info.text, form)
        if calls:
            what = "loads data from the network" if calls[0].startswith("LOAD") else \
                "calls a remote SPARQL service"
            raise QueryError(f"the query {what}: {', '.join(calls)[:200]}", path=info.label,
                             hint="kg query allows SERVICE and LOAD only with --allow-service")
    return form


def execute(store, info: QueryInfo, values: Mapping[str, str] | None = None, *,
            allow_update: bool = False, allow_service: bool = False):
    """Run a query over the union of all graphs with its parameters bound.

    ``store`` is a ``pyoxigraph.Store`` or a wrapper holding one as ``.raw`` (``kg.store``).
    Returns pyoxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``, or for an
    update (only with ``allow_update``; applied in one transaction) an ``UpdateDone``. SERVICE
    and LOAD run only with ``allow_service``. A syntax error, an unprojected parameter, a
    refused query or a failure of the store becomes a ``QueryError`` naming the file.
    """
    form = check_allowed(info, allow_update=allow_update, allow_service=allow_service)
    substitutions = bind(info, values, store) if form != "update" else None
    if form == "update" and values:
        raise QueryError("an update takes no parameters", path=info.label,
                         hint="write the values into the update")
    raw = store if isinstance(store, Store) else store.raw
    try:
        if form == "update":
            before = len(raw)
            raw.update(info.text)
            return UpdateDone(before, len(raw))
        return raw.query(info.text, use_default_graph_as_union=True,
                         substitutions=substitutions or None)
    except SyntaxError as error:
        failure = _syntax_error(str(error), info.label)
    except (OSError, RuntimeError, ValueError) as error:
        failure = _failure(error, info.label, form)
    # The error's traceback holds this frame: it must not keep the store (and its lock) alive.
    del raw, store
    raise failure


def _failure(error: Exception, label: str, form: str | None) -> QueryError:
    if form == "update":
        return QueryError(f"update failed, nothing was changed: {_first_line(error)}", path=label)
    match = re.search(r"variable \?(\w+) in its SELECT projection", str(error))
    if match:
        return QueryError(f"parameter variable ?{match.group(1)} is not in the SELECT clause",
                          path=label, hint=f"add ${match.group(1)} there so it can be bound")
    return QueryError(f"query failed: {_first_line(error)}", path=label)


def run_query(store, query: str | os.PathLike | QueryInfo,
              values: Mapping[str, str] | None = None, fmt: str = "table", *,
              max_width: int | None = None, allow_update: bool = False,
              allow_service: bool = False) -> str:
    """``kg query`` in one call: find the query, bind, run, and render the results as text.

    ``query`` is a bundled query's name, a ``.rq`` path or a ``QueryInfo``; ``fmt`` is one of
    ``kg.results.FORMATS``. An update gives one line saying what it changed.
    """
    from kg.results import render

    info = query if isinstance(query, QueryInfo) else load_query(query)
    results = execute(store, info, values, allow_update=allow_update,
                      allow_service=allow_service)
    if isinstance(results, UpdateDone):
        return f"{results}\n"
    try:
        text = render(results, fmt, max_width=max_width, source=info.label)
        if fmt == "table" and text.endswith("\n0 rows\n") and not has_articles(store):
            text = text[:-1] + EMPTY_STORE_HINT + "\n"
        return text
    except (OSError, RuntimeError) as error:  # the store failed while the results were read
        failure = QueryError(f"query failed: {_first_line(error)}", path=info.label)
    del results, store  # as in execute: the traceback must not keep the store open
    raise failure


EMPTY_STORE_HINT = (" (the store holds no articles yet: fill it with kg ingest FILES, "
                    "e.g. kg ingest seeds/)")
def has_articles(store) -> bool:
    """Whether the store holds at least one article."""
    raw = store if isinstance(store, Store) else store.raw
    return next(raw.quads_for_pattern(None, RDF_TYPE, KG.Article, None), None) is not None


def describe(infos: list[QueryInfo], *, width: int = 88) -> str:
    """The text of ``kg queries``: each query's name, summary, description and parameters."""
    blocks = []
    for info in infos:
        lines = [f"{info.name} \u2014 {info.summary}" if info.summary else info.name]
        if info.description:
            lines += textwrap.wrap(info.description, width, initial_indent="    ",
                                   subsequent_indent="    ")
        if info.parameters:
            lines += textwrap.wrap("parameters: " + "; ".join(
                p.describe() + (f", default {p.default}" if p.default else "")
                for p in info.parameters), width, initial_indent="    ",
                subsequent_indent="        ")
        else:
            lines.append("    parameters: none")
        if info.tags:
            lines.append("    tags: " + ", ".join(info.tags))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
