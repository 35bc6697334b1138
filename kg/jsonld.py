"""``kg export --format jsonld``: the store as compacted JSON-LD a JSON user can read.

The graphs are merged, as in the Turtle export, so both load as the same graph. One node object
per subject under ``@graph``, with keys from a ``@context`` made for the data written:

- ``kg:`` terms are bare keys (``"location"``, ``"killed"``) through ``@vocab``, and classes
  bare types (``"@type": "Attack"``); ``rdfs:label``, ``dcterms:title`` and a few more have
  short names (``"label"``, ``"title"``, ``"source"``, ``"sameAs"``);
- IRIs are shortened with the project's prefixes (``"id:place/Q1899"``, ``"wd:Q1899"``);
- a property whose every value is an IRI is declared ``"@type": "@id"`` (its values are plain
  strings); one whose every value has the same datatype is declared with that datatype
  (``"date": "2024-07-08"``); canonical ``xsd:integer`` values are JSON numbers. Any value that
  does not fit its key's declaration is written in full (``{"@value": …, "@type": …}``), so the
  graph is always exactly the store's.

The context is inline: reading the file needs no network.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from typing import IO

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.vocab import DCTERMS_NS, ID_NS, KG_NS, OWL_NS, PREFIXES, RDF_TYPE, RDFS_NS, XSD_NS

XSD_STRING = XSD_NS + "string"
XSD_INTEGER = XSD_NS + "integer"
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
# short names for the common terms of other vocabularies (none clashes with a kg: term)
ALIASES = {
    "label": RDFS_NS + "label",
    "comment": RDFS_NS + "comment",
    "sameAs": OWL_NS + "sameAs",
    "identifier": DCTERMS_NS + "identifier",
    "title": DCTERMS_NS + "title",
    "source": DCTERMS_NS + "source",
    "issued": DCTERMS_NS + "issued",
    "publisher": DCTERMS_NS + "publisher",
}
_PREFIXES = {"id": ID_NS, **{k: v for k, v in PREFIXES.items() if k != "kg"}, "kg": KG_NS}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-/%]*")


def _compact(iri: str) -> str:
    """A compact IRI with the longest matching prefix, else the IRI itself."""
    best = None
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            if best is None or len(namespace) > len(_PREFIXES[best]):
                best = prefix
    if best is None:
        return iri
    local = iri[len(_PREFIXES[best]):]
    return f"{best}:{local}" if _LOCAL.fullmatch(local) else iri


def _key(predicate: str) -> str:
    for alias, iri in ALIASES.items():
        if iri == predicate:
            return alias
    if predicate.startswith(KG_NS) and _LOCAL.fullmatch(predicate[len(KG_NS):]):
        return predicate[len(KG_NS):]
    return _compact(predicate)


def _type_name(iri: str) -> str:
    local = iri[len(KG_NS):]
    return local if iri.startswith(KG_NS) and _LOCAL.fullmatch(local) and ":" not in local \
        else _compact(iri)


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else _compact(term.value)


def _coercion(values: list) -> str | None:
    """``@id`` when every value is an IRI or blank node, a datatype IRI when every value is a
    literal of that (non-string) datatype without language, else None."""
    if all(isinstance(v, (NamedNode, BlankNode)) for v in values):
        return "@id"
    if all(isinstance(v, Literal) for v in values):
        types = {v.datatype.value for v in values if not v.language}
        if len(types) == 1 and not any(v.language for v in values):
            datatype = types.pop()
            if datatype not in (XSD_STRING, XSD_INTEGER):
                return datatype
    return None


def _value(term, coercion: str | None):
    if isinstance(term, (NamedNode, BlankNode)):
        return _node_id(term) if coercion == "@id" else {"@id": _node_id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if coercion is not None and datatype == coercion:
        return term.value
    if datatype == XSD_STRING and coercion is None:
        return term.value
    if datatype == XSD_INTEGER and coercion is None and _CANONICAL_INTEGER.fullmatch(term.value):
        return int(term.value)
    return {"@value": term.value, "@type": _compact(datatype)}


def jsonld_document(store) -> dict:
    """The merged graphs of ``store`` (a GraphStore or a pyoxigraph Store) as compacted JSON-LD."""
    raw = getattr(store, "raw", store)
    nodes: dict = defaultdict(lambda: defaultdict(set))
    by_predicate: dict[str, set] = defaultdict(set)
    for quad in raw:
        nodes[quad.subject][quad.predicate.value].add(quad.object)
        if quad.predicate != RDF_TYPE:
            by_predicate[quad.predicate.value].add(quad.object)

    context: dict = {"@vocab": KG_NS, **dict(sorted(_PREFIXES.items())), "type": "@type"}
    coercions = {}
    for predicate, values in sorted(by_predicate.items()):
        key = _key(predicate)
        coercion = _coercion(list(values))
        coercions[predicate] = coercion
        definition: dict = {"@id": _compact(predicate)}
        if coercion is not None:
            definition["@type"] = coercion if coercion == "@id" else _compact(coercion)
        if key != _compact(predicate) or coercion is not None:
            context[key] = definition if coercion is not None else _compact(predicate)

    graph = []
    for subject in sorted(nodes, key=lambda t: (isinstance(t, BlankNode), t.value)):
        properties = nodes[subject]
        node: dict = {"@id": _node_id(subject)}
        types = properties.pop(RDF_TYPE.value, set())
        if types:
            names = sorted(_type_name(t.value) if isinstance(t, NamedNode) else _node_id(t)
                           for t in types)
            node["type"] = names[0] if len(names) == 1 else names
        for predicate in sorted(properties, key=_key):
            values = sorted(properties[predicate], key=lambda t: (type(t).__name__, str(t)))
            written = [_value(v, coercions[predicate]) for v in values]
            node[_key(predicate)] = written[0] if len(written) == 1 else written
        graph.append(node)
    return {"@context": context, "@graph": graph}


def write_jsonld(store, handle: IO) -> int:
    """Write ``jsonld_document(store)`` as UTF-8 to a text or binary handle; return the number
    of node objects."""
    document = jsonld_document(store)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if isinstance(handle, io.TextIOBase):
        handle.write(text)
    else:
        handle.write(text.encode("utf-8"))
    return len(document["@graph"])


__all__ = ["jsonld_document", "write_jsonld"]
