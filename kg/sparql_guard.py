"""What a SPARQL text asks for, read before it runs: its form, and whether it reaches the network.

pyoxigraph runs ``SERVICE`` (a call to any SPARQL endpoint) and ``LOAD`` (an HTTP download) and
cannot be told not to, so ``kg query`` refuses both unless allowed. The decision is taken on the
parsed query, never on a text search that a comment, a string or an IRI could fool:

- A query whose text does not contain ``service`` in any casing (nor a ``\\u`` escape, which the
  SPARQL grammar expands before parsing) cannot hold a SERVICE clause; nothing more is done, so
  the common case stays fast.
- Otherwise, and for every update, rdflib's SPARQL parser (imported only then: about 0.3 s)
  parses the text and its syntax tree is walked for ``ServiceGraphPattern`` and ``Load`` nodes.
- If rdflib cannot parse a text that pyoxigraph may accept (its grammar is older), a token scan
  that skips comments, strings, IRIs, variables and prefixed names looks for the keywords;
  it errs on the side of refusing.

The form (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update) is the first keyword after the
prologue (``BASE`` and ``PREFIX`` declarations), which is how the grammar tells them apart.
"""

from __future__ import annotations

import re
import threading

QUERY_FORMS = ("select", "ask", "construct", "describe")
UPDATE_KEYWORDS = frozenset({"load", "clear", "drop", "add", "move", "copy", "create", "insert",
                             "delete", "with"})

_PN = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d" \
      r"\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_LEX = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>\#[^\n]*)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<var>[?$][\w\u00b7""" + _PN + r"""]*)
      | (?P<pname>(?:[""" + _PN + r"""][\w.\-\u00b7""" + _PN + r"""]*)?:(?:[\w.\-:%\\\u00b7"""
    + _PN + r"""])*)
      | (?P<word>[A-Za-z]+)
      | (?P<other>.)""",
    re.X | re.S,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(text: str) -> str:
    """Expand ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes, as the SPARQL grammar does first."""
    def one(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(one, text)


def _tokens(text: str):
    """(kind, text) pairs of the lexical tokens, white space and comments left out."""
    for match in _LEX.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group()


def query_form(text: str) -> str | None:
    """``select``, ``ask``, ``construct``, ``describe``, ``update``, or None if unrecognisable."""
    tokens = _tokens(text)
    for kind, value in tokens:
        word = value.lower() if kind == "word" else None
        if word == "prefix":
            next(tokens, None), next(tokens, None)  # the prefix name and its IRI
        elif word == "base":
            next(tokens, None)
        elif word in QUERY_FORMS:
            return word
        elif word in UPDATE_KEYWORDS:
            return "update"
        else:
            return None
    return None


def _scan(text: str, update: bool) -> list[str]:
    found = []
    for kind, value in _tokens(text):
        if kind == "word" and (value.lower() == "service" or update and value.lower() == "load"):
            found.append(value.upper())
    return found


def _walk(tree) -> list[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    nodes, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            nodes.append(node)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)
    prefixes = {str(n.get("prefix") or ""): str(n.get("iri")) for n in nodes
                if n.name == "PrefixDecl"}
    found = []
    for node in nodes:
        if node.name == "ServiceGraphPattern":
            found.append(f"SERVICE {_term(node.get('term'), prefixes)}")
        elif node.name == "Load":
            found.append(f"LOAD {_term(node.get('iri'), prefixes)}")
    return found


def _term(term, prefixes: dict[str, str]) -> str:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef, Variable

    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, CompValue) and term.name == "pname":
        prefix, local = str(term.get("prefix") or ""), str(term.get("localname") or "")
        return f"<{prefixes[prefix]}{local}>" if prefix in prefixes else f"{prefix}:{local}"
    return str(term) if term is not None else ""


def network_operations(text: str, form: str | None = None) -> list[str]:
    """The SERVICE clauses and LOAD operations of a query or update, as short texts
    (``SERVICE <http://…>``, ``LOAD <http://…>``, or just ``SERVICE`` when only the token scan
    could tell); empty when it reaches no other machine."""
    form = form or query_form(text)
    update = form == "update"
    lowered = text.lower()
    if not update and "service" not in lowered and "\\u" not in lowered:
        return []
    tree = _parse(text, update)
    if tree is None:  # rdflib cannot parse it: the token scan decides
        found = _scan(text, update)
        expanded = unescape(text)
        return found or (_scan(expanded, update) if expanded != text else [])
    return sorted(set(_walk(tree)))


def _parse(text: str, update: bool):
    """rdflib's syntax tree of ``text``, or None if it cannot parse it.

    The parser runs in a thread of its own: pyparsing leaves reference cycles of frames behind,
    and a frame keeps its callers' frames alive, with their locals (an open store, whose lock
    would then outlive its use until the garbage collector runs). A thread's frames have no
    callers here.
    """
    result: list = []

    def run() -> None:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

        try:
            result.append((parseUpdate if update else parseQuery)(text))
        except Exception:  # noqa: BLE001, S110 — any parser failure means "cannot parse"
            pass

    thread = threading.Thread(target=run, name="sparql-guard")
    thread.start()
    thread.join()
    return result[0] if result else None
