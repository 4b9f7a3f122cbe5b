"""``hadath extract``: articles in, event records out (JSONL, ACLED CSV or GeoJSON)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from hadath.cli.common import ErrorReporter, Progress, open_output, summary_table

FORMATS = ("jsonl", "csv", "geojson", "parquet")


def _infer_format(output: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    from hadath.export import format_for_path

    return format_for_path(output) if output != "-" else "jsonl"


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' = stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the output's extension, else jsonl).")
@click.option("--strict", is_flag=True, help="Stop at the first bad record instead of skipping it.")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes to extract with (output order and content stay the same).")
@click.option("--cluster", default=None,
              help="Run on Dask: 'local:N' or 'tcp://scheduler:8786' (output must be a folder).")
@click.option("--partition-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Articles per Dask partition (with --cluster).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def command(paths: tuple[str, ...], output: str, fmt: str | None, strict: bool, workers: int,
            cluster: str | None, partition_size: int, quiet: bool) -> None:
    """Extract conflict events from Arabic articles (files, folders, JSONL/CSV, feeds, WARC, '-')."""
    if cluster:
        from hadath.scale import run_on_cluster

        if fmt not in (None, "jsonl", "parquet"):
            raise click.UsageError("--cluster writes jsonl or parquet parts")
        sys.exit(run_on_cluster(paths, output, cluster, strict=strict, quiet=quiet,
                                fmt=fmt or "jsonl", partition_size=partition_size))
    from hadath.batch import extract_stream
    from hadath.export import get_writer, is_binary
    from hadath.readers import iter_articles

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {missing[0]}")
    fmt = _infer_format(output, fmt)
    if is_binary(fmt) and output == "-":
        raise click.UsageError(f"{fmt} is binary: give an output file with -o")
    errors = ErrorReporter(strict)
    progress = Progress(enabled=not quiet)
    by_type: Counter[str] = Counter()
    articles_seen = 0

    def records():
        nonlocal articles_seen
        for outcome in extract_stream(iter_articles(paths, errors), workers):
            articles_seen += 1
            if outcome.error:
                errors(outcome.article.origin or outcome.article.id, outcome.error)
                continue
            for rec in outcome.records:
                by_type[rec["event_type"]] += 1
                yield rec
            progress.tick(articles_seen, sum(by_type.values()))

    with open_output(output, binary=is_binary(fmt)) as fh:
        written = get_writer(fmt)(records(), fh)
    progress.done()
    if not quiet:
        click.echo(summary_table(articles_seen, written, by_type, errors.count), err=True)
    if articles_seen == 0 and errors.count:
        sys.exit(2)
    sys.exit(1 if errors.count else 0)
