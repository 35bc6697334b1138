"""The embedded Oxigraph store: open, replace an article's graph atomically, query, dump.

Rules (see the contract): one named graph per article whose IRI is the article's IRI; the
ontology in its own graph; shared entity descriptions in ``ENTITY_GRAPH``; queries see the union
of all graphs. pyoxigraph has no transaction object, but a single ``update`` call is one
transaction, so replacing an article is one SPARQL update: drop its graph, insert the new quads,
and remove the shared entities (places, actors, weapon models) that no graph refers to any more.

An entity is kept while some graph other than the entity and ontology graphs refers to it, or to
an entity that leads to it through ``kg:partOf``, ``kg:broader`` or ``geo:hasGeometry`` (Ukraine
stays while an attack on Kyiv does). Only the entities the replaced graph referred to can become
orphans, so only they are looked at, with a few index lookups each, before the update (the
store has one writer: its lock). An entity that leads to one of them and that the replaced graph
did not refer to is kept, as the store holds no orphans: it is referred to from elsewhere.

A folder that is not a store is refused rather than filled with RocksDB files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from kg.errors import StoreError, StoreLockedError
from kg.vocab import (
    DCT_IDENTIFIER, ENTITY_GRAPH, GEO_HAS_GEOMETRY, INCIDENT_GRAPH, KG, ONTOLOGY_GRAPH, PREFIXES,
    RDF_TYPE,
)

DEFAULT_STORE = "kg-store"
EXPORT_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}
MERGED_FORMATS = {"turtle", "ntriples"}  # formats without named graphs: the graphs are merged
#: How one shared entity leads to another: district → city → region → country, model → kind,
#: place → its geometry node.
ENTITY_LINKS = (KG.partOf, KG.broader, GEO_HAS_GEOMETRY)
#: Files RocksDB writes in every store folder.
STORE_MARKER = "CURRENT"


def _delete_entities(orphans: Iterable[NamedNode]) -> str | None:
    """A SPARQL update deleting every quad of the entity graph about ``orphans``."""
    values = " ".join(str(node) for node in sorted(orphans, key=str))
    if not values:
        return None
    return (f"DELETE {{ GRAPH {ENTITY_GRAPH} {{ ?entity ?p ?o }} }} WHERE {{ "
            f"VALUES ?entity {{ {values} }} GRAPH {ENTITY_GRAPH} {{ ?entity ?p ?o }} }}")


def _check_folder(path: Path, create: bool) -> None:
    """Refuse a folder that is not a store: an existing one holding other files, or (when the
    store must exist) an empty one. RocksDB would fill either with its files."""
    if not path.is_dir() or (path / STORE_MARKER).is_file():
        return
    try:
        empty = next(path.iterdir(), None) is None
    except OSError as error:
        raise StoreError(f"cannot open store: {error.strerror}", path=str(path)) from None
    if not empty:
        raise StoreError("is a folder but not a strikegraph store", path=str(path),
                         hint="choose the store with --store or $KG_STORE, or a new folder "
                              "for kg ingest")
    if not create:
        raise StoreError("is an empty folder, not a store",
                         hint="fill it with: kg --store " + str(path) + " ingest ARTICLES",
                         path=str(path))


def default_location(store: str | os.PathLike | None = None) -> Path:
    """``--store`` if given, else ``$KG_STORE``, else ``./kg-store``."""
    if store:
        return Path(store)
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


def _quad_text(quad: Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."


class GraphStore:
    """A strikegraph store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True):
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._store = Store()
            return
        if self.path.exists() and not self.path.is_dir():
            raise StoreError("is not a store directory", path=str(self.path))
        if not create and not self.path.exists():
            raise StoreError(f"store {self.path} does not exist",
                             hint="create it with kg ingest, or choose one with --store")
        _check_folder(self.path, create)
        try:
            self._store = Store(str(self.path))
        except OSError as error:
            text = str(error)
            if "lock" in text.lower():
                raise StoreLockedError(f"store {self.path} is in use by another process") from None
            raise StoreError(f"cannot open store: {text.splitlines()[0]}",
                             path=str(self.path)) from None

    # -- context management -------------------------------------------------------------
    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None and self.path is not None:
            store.flush()
        self._store = None

    @property
    def raw(self) -> Store:
        """The pyoxigraph store, for queries and bulk loading."""
        if self._store is None:
            raise StoreError("store is closed", path=str(self.path))
        return self._store

    # -- writing --------------------------------------------------------------------------
    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad],
                      shared: Iterable[Quad] = ()) -> None:
        """Replace ``graph`` with ``quads`` (which must all be in ``graph``), add the ``shared``
        quads (entity descriptions in other graphs), and remove the entities the old graph
        referred to that nothing refers to any more, in one transaction."""
        quads_seen = list(quads)
        if not self.raw.contains_named_graph(graph):
            # a new graph: nothing to drop, no entity it referred to can be orphaned; one
            # atomic insert of the quads, without a SPARQL update to write and parse
            try:
                self.raw.extend([*quads_seen, *shared])
            except OSError as error:
                raise StoreError(f"cannot write: {error}", path=str(self.path)) from None
            return
        body = "\n".join(_quad_text(q) for q in quads_seen)
        parts = [f"DROP SILENT GRAPH {graph}", f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"]
        by_graph: dict[str, list[str]] = {}
        described: set[NamedNode] = set()
        for quad in shared:
            by_graph.setdefault(str(quad.graph_name), []).append(_quad_text(quad))
            if quad.graph_name == ENTITY_GRAPH:
                described.add(quad.subject)
        if by_graph:
            inner = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                              for g, lines in sorted(by_graph.items()))
            parts.append(f"INSERT DATA {{ {inner} }}")
        own = list(quads_seen)
        orphans = _delete_entities(self._orphans([graph], own, described))
        if orphans:
            parts.append(orphans)
        try:
            self.raw.update(" ;\n".join(parts))
        except OSError as error:
            raise StoreError(f"cannot write: {error}", path=str(self.path)) from None

    def change_quads(self, removed: Iterable[Quad], added: Iterable[Quad],
                     drop: Iterable[NamedNode] = ()) -> None:
        """Delete ``removed``, insert ``added`` (quads of any graphs) and drop the graphs of
        ``drop``, in one transaction: a derived graph updated by its difference."""
        def block(quads) -> str:
            by_graph: dict[str, list[str]] = {}
            for quad in quads:
                by_graph.setdefault(str(quad.graph_name), []).append(_quad_text(quad))
            return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                             for g, lines in sorted(by_graph.items()))

        drop = list(drop)
        parts = [f"DROP SILENT GRAPH {g}" for g in drop]
        gone, new = block(removed), block(added)
        if gone:
            parts.append(f"DELETE DATA {{ {gone} }}")
        if new:
            parts.append(f"INSERT DATA {{ {new} }}")
        orphans = _delete_entities(self._orphans(drop, [], set())) if drop else None
        if orphans:  # the entities only the dropped articles referred to
            parts.append(orphans)
        if not parts:
            return
        try:
            self.raw.update(" ;\n".join(parts))
        except OSError as error:
            raise StoreError(f"cannot write: {error}", path=str(self.path)) from None

    def remove_graph(self, graph: NamedNode) -> bool:
        """Drop ``graph`` and the entities only it referred to, in one transaction."""
        if not self.raw.contains_named_graph(graph):
            return False
        orphans = _delete_entities(self._orphans([graph], [], set()))
        self.raw.update(f"DROP SILENT GRAPH {graph}" + (f" ;\n{orphans}" if orphans else ""))
        return True

    def _orphans(self, graphs: list[NamedNode], new_quads: list[Quad],
                 described: set[NamedNode]) -> set[NamedNode]:
        """The entities ``graphs`` refer to now that nothing will refer to once they hold
        ``new_quads`` (none: they are dropped), the entity graph describing ``described`` anew."""
        candidates = set().union(*(self.entities_of(graph) for graph in graphs)) - described
        if not candidates:
            return set()
        anchored = {term for quad in new_quads for term in (quad.subject, quad.object)}
        # the incidents are derived from the article graphs and updated after them: their
        # references keep nothing
        skip = {*graphs, ENTITY_GRAPH, ONTOLOGY_GRAPH, INCIDENT_GRAPH}
        kept: dict[NamedNode, bool] = {}

        def is_kept(node: NamedNode) -> bool:
            if node in kept:
                return kept[node]
            kept[node] = False  # a kg:broader or kg:partOf cycle keeps nothing by itself
            result = node in anchored
            if not result:
                for quad in self.raw.quads_for_pattern(None, None, node, None):
                    if quad.graph_name not in skip:
                        result = True  # another article, or a derived graph, refers to it
                    elif (quad.graph_name == ENTITY_GRAPH and quad.predicate in ENTITY_LINKS
                          and isinstance(quad.subject, NamedNode)):
                        child = quad.subject  # it leads here: a district of this city, …
                        result = child not in candidates or is_kept(child)
                    if result:
                        break
            kept[node] = result
            return result

        return {node for node in candidates if not is_kept(node)}

    def entities_of(self, graph: NamedNode) -> set[NamedNode]:
        """The shared entities ``graph`` refers to, and those they lead to (``ENTITY_LINKS``)."""
        if graph in (ENTITY_GRAPH, ONTOLOGY_GRAPH, INCIDENT_GRAPH):
            return set()
        store, found = self.raw, set()

        def described(node) -> bool:
            return next(store.quads_for_pattern(node, None, None, ENTITY_GRAPH), None) is not None

        seen: set = set()
        for quad in store.quads_for_pattern(None, None, None, graph):
            for term in (quad.subject, quad.object):
                if isinstance(term, NamedNode) and term not in seen:
                    seen.add(term)
                    if described(term):
                        found.add(term)
        stack = list(found)
        while stack:
            node = stack.pop()
            for link in ENTITY_LINKS:
                for quad in store.quads_for_pattern(node, link, None, ENTITY_GRAPH):
                    if isinstance(quad.object, NamedNode) and quad.object not in found:
                        found.add(quad.object)
                        stack.append(quad.object)
        return found

    def load_graph(self, graph: NamedNode, data: bytes, fmt: RdfFormat,
                   extra: Iterable[Quad] = ()) -> None:
        """Replace ``graph`` with a parsed RDF document plus ``extra`` quads, in one write
        (used for the ontology)."""
        scratch = Store()
        scratch.load(data, format=fmt, to_graph=graph)
        quads = list(scratch.quads_for_pattern(None, None, None, graph))
        self.replace_graph(graph, quads + list(extra))

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Fast, non-transactional load of many quads (benchmarks and imports)."""
        self.raw.bulk_extend(quads)

    # -- reading --------------------------------------------------------------------------
    def value(self, subject: NamedNode, predicate: NamedNode, graph: NamedNode):
        """The first object of (subject, predicate) in ``graph``, or None."""
        for quad in self.raw.quads_for_pattern(subject, predicate, None, graph):
            return quad.object
        return None

    def has_graph(self, graph: NamedNode) -> bool:
        return self.raw.contains_named_graph(graph)

    def article_graphs(self) -> Iterator[NamedNode]:
        for quad in self.raw.quads_for_pattern(None, RDF_TYPE, KG.Article, None):
            if quad.graph_name == quad.subject:
                yield quad.subject

    def query(self, text: str, substitutions: dict | None = None):
        """Run a SPARQL query over the union of all graphs."""
        return self.raw.query(text, use_default_graph_as_union=True,
                              substitutions=substitutions or None)

    def counts(self) -> dict[str, int]:
        """Quads in the store, named graphs, articles, and instances per kg: class."""
        out = {"quads": len(self.raw), "graphs": sum(1 for _ in self.raw.named_graphs())}
        rows = self.query(
            "PREFIX kg: <%s> SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {"
            " ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))"
            " FILTER(?class != <http://www.w3.org/2002/07/owl#Class>) } GROUP BY ?class"
            % PREFIXES["kg"])
        kg_len = len(PREFIXES["kg"])
        classes = {row["class"].value[kg_len:]: int(row["n"].value) for row in rows}
        out.update(sorted(classes.items()))
        return out

    def identifiers(self) -> list[str]:
        """The identifiers of the stored articles."""
        return sorted(q.object.value for g in self.article_graphs()
                      for q in self.raw.quads_for_pattern(g, DCT_IDENTIFIER, None, g))

    # -- export ---------------------------------------------------------------------------
    def export(self, fmt: str, output: IO[bytes]) -> None:
        """Write the store: merged graphs for Turtle/N-Triples, named graphs kept otherwise."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; choose one of "
                             + ", ".join(sorted(EXPORT_FORMATS)))
        rdf_format = EXPORT_FORMATS[fmt]
        if fmt in MERGED_FORMATS:
            merged = Store()
            merged.bulk_extend(Quad(q.subject, q.predicate, q.object, DefaultGraph())
                               for q in self.raw)
            merged.dump(output, rdf_format, from_graph=DefaultGraph(), prefixes=PREFIXES)
        else:
            self.raw.dump(output, rdf_format, prefixes=PREFIXES)


__all__ = ["GraphStore", "default_location", "ENTITY_GRAPH", "ONTOLOGY_GRAPH", "EXPORT_FORMATS"]
