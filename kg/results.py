"""Query results as text.

- SELECT: ``csv``, ``tsv``, ``json`` and ``xml`` are the W3C SPARQL 1.1 query-results formats
  (``xml`` is what SPARQLWrapper asks an endpoint for by default); ``table`` is
  for people (aligned columns, IRIs shortened to ``kg:``/``id:``/``wd:``, literals shown plainly,
  then a ``N rows`` line).
- ASK: ``true`` or ``false`` (in ``json`` and ``xml`` the W3C boolean result).
- CONSTRUCT and DESCRIBE: ``ntriples`` (sorted lines) or ``turtle`` (also what ``table`` gives).

Variables whose name starts with ``_`` are a query's parameters (the grlc convention, see
``kg.queries``), not answers: they are left out of every format.

The W3C writers are ours rather than pyoxigraph's ``serialize`` because parameter columns must be
dropped, and because pyoxigraph 0.5.13's CSV leaves a field holding a comma unquoted when it is an
IRI. Otherwise the output is byte for byte what pyoxigraph writes (the tests compare them).
"""

from __future__ import annotations

import json
import re
import unicodedata

from pyoxigraph import (
    BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples, RdfFormat,
    serialize,
)

from kg.errors import QueryError
from kg.queries import SHORT_PREFIXES

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("table", "turtle", "ntriples")
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger",
                              "nonPositiveInteger", "unsignedInt", "unsignedLong")}
# Literals TSV may write bare, as Turtle does: the lexical form must be valid Turtle for its type.
_TURTLE_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}
_CSV_SPECIAL = re.compile(r'[",\r\n]')

# ``id:`` is left out of Turtle: its local names hold "/", which Turtle would have to escape.
TURTLE_PREFIXES = {
    "kg": SHORT_PREFIXES["kg"],
    "wd": SHORT_PREFIXES["wd"],
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs84": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}
_BY_LENGTH = sorted(SHORT_PREFIXES.items(), key=lambda item: -len(item[1]))


def render(results, fmt: str = "table", *, max_width: int | None = None,
           source: str | None = None) -> str:
    """The text of a query's results in ``fmt``; consumes ``results``.

    ``max_width`` cuts table cells longer than that with an ellipsis. ``source`` names the query
    file in the message of a ``QueryError`` (a format that does not fit the query's form).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format '{fmt}'", path=source,
                         hint="one of " + ", ".join(FORMATS))
    if isinstance(results, QueryBoolean):
        return _boolean(bool(results), fmt, source)
    if isinstance(results, QueryTriples):
        return _graph(list(results), fmt, source)
    if not isinstance(results, QuerySolutions):
        raise TypeError(f"not pyoxigraph query results: {type(results).__name__}")
    if fmt not in SOLUTION_FORMATS:
        raise QueryError(f"a SELECT query gives rows, not triples: format '{fmt}' does not apply",
                         path=source, hint="one of " + ", ".join(SOLUTION_FORMATS))
    names = [v.value for v in results.variables if not v.value.startswith("_")]
    rows = [tuple(solution[name] for name in names) for solution in results]
    if fmt == "csv":
        return to_csv(names, rows)
    if fmt == "tsv":
        return to_tsv(names, rows)
    if fmt == "json":
        return to_json(names, rows)
    if fmt == "xml":
        return to_xml(names, rows)
    return to_table(names, rows, max_width=max_width)


# ---------------------------------------------------------------------------------------------
# W3C SPARQL 1.1 Query Results CSV and TSV Formats, JSON Format


def _csv_field(text: str) -> str:
    if _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return "_:" + term.value
    return term.value


def to_csv(names: list[str], rows: list[tuple]) -> str:
    """CSV: plain values (IRIs and lexical forms), RFC 4180 quoting, CRLF line ends."""
    lines = [",".join(_csv_field(n) for n in names)]
    lines += [",".join(_csv_field(_csv_value(t)) for t in row) for row in rows]
    return "".join(line + "\r\n" for line in lines)


def _tsv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        bare = _TURTLE_BARE.get(term.datatype.value)
        if bare is not None and term.language is None and bare.fullmatch(term.value):
            return term.value
    return str(term)  # N-Triples syntax: <iri>, _:b, "text"@lang, "text"^^<datatype>


def to_tsv(names: list[str], rows: list[tuple]) -> str:
    """TSV: terms in SPARQL/Turtle syntax, ``?name`` headers, LF line ends."""
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in rows]
    return "".join(line + "\n" for line in lines)


def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(names: list[str], rows: list[tuple]) -> str:
    """JSON: ``{"head": {"vars": …}, "results": {"bindings": […]}}``; unbound values left out."""
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _xml_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml_escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml_escape(term.value)}</bnode>"
    if term.language:
        attribute = f' xml:lang="{_xml_escape(term.language)}"'
    elif term.datatype.value != _XSD_STRING:
        attribute = f' datatype="{_xml_escape(term.datatype.value)}"'
    else:
        attribute = ""
    return f"<literal{attribute}>{_xml_escape(term.value)}</literal>"


def _xml_document(inner: str) -> str:
    return f'<?xml version="1.0"?><sparql xmlns="{SPARQL_RESULTS_NS}">{inner}</sparql>\n'


def to_xml(names: list[str], rows: list[tuple]) -> str:
    """XML: ``<sparql>`` with ``<head>`` variables and ``<results>``; unbound values left out.
    The bytes pyoxigraph writes, plus a final newline."""
    head = "".join(f'<variable name="{_xml_escape(n)}"/>' for n in names)
    results = "".join(
        "<result>" + "".join(f'<binding name="{_xml_escape(n)}">{_xml_term(t)}</binding>'
                             for n, t in zip(names, row) if t is not None) + "</result>"
        for row in rows)
    return _xml_document(f"<head>{head}</head><results>{results}</results>")


# ---------------------------------------------------------------------------------------------
# The table for people


def shorten(iri: str) -> str:
    """``https://w3id.org/strikegraph/id/place/Q1899`` → ``id:place/Q1899`` (kg:, id:, wd:)."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _cell(term, max_width: int | None) -> str:
    if term is None:
        text = ""
    elif isinstance(term, NamedNode):
        text = shorten(term.value)
    elif isinstance(term, BlankNode):
        text = "_:" + term.value
    else:
        text = " ".join(term.value.split())
    if max_width is not None and max_width > 0 and _width(text) > max_width:
        while text and _width(text) > max_width - 1:
            text = text[:-1]
        text += "…"
    return text


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide East Asian characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def _is_number(term) -> bool:
    return isinstance(term, Literal) and term.datatype.value in _NUMERIC


def to_table(names: list[str], rows: list[tuple], *, max_width: int | None = None) -> str:
    """Aligned columns under a header and a rule, numbers right-aligned, then ``N rows``."""
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    if not names:
        return count + "\n"
    cells = [[_cell(t, max_width) for t in row] for row in rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]
    numeric = [bool(rows) and all(t is None or _is_number(t) for t in (r[i] for r in rows))
               and any(r[i] is not None for r in rows) for i in range(len(names))]
    lines = ["  ".join(_pad(n, w, right) for n, w, right in zip(names, widths, numeric)),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join(_pad(c, w, right) for c, w, right in zip(row, widths, numeric)))
    return "".join(line.rstrip() + "\n" for line in lines) + count + "\n"


# ---------------------------------------------------------------------------------------------
# ASK and CONSTRUCT / DESCRIBE


def _boolean(value: bool, fmt: str, source: str | None) -> str:
    if fmt in ("turtle", "ntriples"):
        raise QueryError(f"an ASK query gives true or false: format '{fmt}' does not apply",
                         path=source, hint="one of " + ", ".join(SOLUTION_FORMATS))
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}, separators=(",", ":")) + "\n"
    if fmt == "xml":
        return _xml_document(f"<head></head><boolean>{'true' if value else 'false'}</boolean>")
    return ("true" if value else "false") + "\n"


def _graph(triples: list, fmt: str, source: str | None) -> str:
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples: format '{fmt}' does not "
                         "apply", path=source, hint="one of " + ", ".join(GRAPH_FORMATS))
    if fmt == "ntriples":
        text = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
        return "".join(line + "\n" for line in sorted(text.splitlines()))
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return serialize(triples, format=RdfFormat.TURTLE,
                     prefixes=_used_prefixes(triples)).decode("utf-8")


def _used_prefixes(triples: list) -> dict[str, str]:
    iris = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, NamedNode):
                iris.add(term.value)
            elif isinstance(term, Literal):
                iris.add(term.datatype.value)
    return {prefix: namespace for prefix, namespace in TURTLE_PREFIXES.items()
            if any(iri.startswith(namespace) and len(iri) > len(namespace) for iri in iris)}
