"""``hadath ingest``: read → extract → store, one transaction per article, resumable.

Exit codes: 0 all well; 1 some bad records (reported as ``file:line: why`` and
skipped); 2 unusable input (a missing path, or nothing readable); 3 store failure
(everything committed is kept; one message, no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hadath.store import DEFAULT_DB

EXIT_BAD_RECORDS, EXIT_UNUSABLE, EXIT_STORE = 1, 2, 3


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="HADATH_DB",
              help="Store: a SQLite file, sqlite:///path or postgresql://...")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes to extract with; storing stays in one process, in input order.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary on stderr.")
def command(paths: tuple[str, ...], db: str, workers: int, quiet: bool) -> None:
    """Extract events from articles (files, folders, '-') and store them, deduplicated."""
    from hadath.cli.common import Progress
    from hadath.ingest import IngestStats, ingest_paths
    from hadath.store import StoreError, open_store

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        click.echo(f"hadath ingest: no such file or folder: {missing[0]}", err=True)
        sys.exit(EXIT_UNUSABLE)

    def on_error(origin: str, message: str) -> None:
        click.echo(f"hadath: {origin}: {message}", err=True)

    bar = Progress(enabled=not quiet)

    def progress(stats: IngestStats) -> None:
        bar.tick(stats.articles_read, stats.mentions_added)

    stats = IngestStats()
    try:
        store = open_store(db)
    except StoreError as exc:
        click.echo(f"hadath ingest: store failure: {exc}", err=True)
        sys.exit(EXIT_STORE)
    try:
        stats = ingest_paths(paths, store, workers=workers, on_error=on_error,
                             progress=progress)
    except StoreError as exc:
        bar.done()
        click.echo(f"hadath ingest: store failure: {exc} (everything stored before it is "
                   "kept; rerun to resume)", err=True)
        sys.exit(EXIT_STORE)
    except KeyboardInterrupt:
        bar.done()
        click.echo("hadath ingest: interrupted; everything stored so far is kept, rerun to "
                   "resume", err=True)
        sys.exit(130)
    finally:
        store.close()
    bar.done()
    if not quiet:
        click.echo(stats.summary(), err=True)
    if stats.articles_read == 0 and stats.bad:
        sys.exit(EXIT_UNUSABLE)
    sys.exit(EXIT_BAD_RECORDS if stats.bad else 0)


if __name__ == "__main__":  # python -m hadath.cli.ingest, used by the tests
    command()
