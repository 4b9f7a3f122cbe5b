"""``hadath export``: canonical events from the store as ACLED CSV, JSONL, GeoJSON or Parquet."""

from __future__ import annotations

import sys

import click

from hadath.cli.search import event_filters, query_from_options
from hadath.store import DEFAULT_DB


@click.command("export")
@click.option("--format", "fmt", default=None,
              help="csv, jsonl, geojson or parquet (default: from -o's extension, else jsonl).")
@event_filters
@click.option("-q", "--query", "text", default=None,
              help="Only events whose evidence matches this Arabic-aware full-text query.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' = stdout).")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="HADATH_DB",
              help="Store: a SQLite file, sqlite:///path or postgresql://...")
def command(fmt: str | None, output: str, db: str, text: str | None, **filters: object) -> None:
    """Export deduplicated events (ACLED columns plus sources, mention_count, evidence)."""
    from hadath.export import WRITERS, format_for_path, get_writer, is_binary
    from hadath.store import StoreError, open_store

    fmt = fmt or format_for_path(output)
    if fmt not in WRITERS:
        raise click.BadParameter(f"choose from {', '.join(sorted(WRITERS))}",
                                 param_hint="--format")
    query = query_from_options(q=text, **filters)
    try:
        store = open_store(db)
        try:
            if is_binary(fmt):
                if output == "-":
                    n = get_writer(fmt)(store.iter_events(query), sys.stdout.buffer)
                else:
                    with open(output, "wb") as fh:
                        n = get_writer(fmt)(store.iter_events(query), fh)
            else:
                if output == "-":
                    n = get_writer(fmt)(store.iter_events(query), sys.stdout)
                else:
                    with open(output, "w", encoding="utf-8", newline="") as fh:
                        n = get_writer(fmt)(store.iter_events(query), fh)
        finally:
            store.close()
    except StoreError as exc:
        click.echo(f"hadath export: store failure: {exc}", err=True)
        sys.exit(3)
    if output != "-":
        click.echo(f"{n:,} events written to {output} ({fmt})", err=True)
