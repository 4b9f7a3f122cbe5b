"""``hadath watch``: poll news feeds and ingest new articles as they appear.

Exit codes: 0 after ``--once`` or an interrupt; 2 unusable feed list; 3 store failure.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from hadath.store import DEFAULT_DB

EXIT_UNUSABLE, EXIT_STORE = 2, 3


def default_state_path(db: str) -> Path:
    """Beside a SQLite store ("hadath.db" → "hadath.watch.db"), else in the cache folder."""
    if not db.startswith(("postgresql://", "postgres://")):
        path = Path(db.removeprefix("sqlite:///").removeprefix("sqlite://") or "hadath.db")
        return path.with_name(path.stem + ".watch.db")
    import os

    cache = Path(os.environ.get("HADATH_CACHE") or Path.home() / ".cache" / "hadath")
    return cache / "watch-state.db"


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from hadath.watch import parse_duration

    try:
        return parse_duration(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


@click.command("watch")
@click.argument("feeds", type=click.Path(dir_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="HADATH_DB",
              help="Store: a SQLite file, sqlite:///path or postgresql://...")
@click.option("--every", default="10m", show_default=True, callback=_duration,
              help="Time between polls: 30s, 10m, 1h.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), default=None,
              help="State file of seen items and feed validators "
                   "[default: beside the SQLite store, e.g. hadath.watch.db].")
@click.option("--min-interval", default="5s", show_default=True, callback=_duration,
              help="Least time between two requests to the same host.")
@click.option("--timeout", default="20s", show_default=True, callback=_duration,
              help="Time limit of one request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries on server errors and timeouts (exponential back-off).")
@click.option("-v", "--verbose", is_flag=True, help="Debug lines for every item.")
def command(feeds: str, db: str, every: float, once: bool, state_path: str | None,
            min_interval: float, timeout: float, retries: int, verbose: bool) -> None:
    """Poll the feeds listed in FEEDS (one URL per line, # comments) and ingest new items."""
    from hadath.store import StoreError, open_store
    from hadath.watch import PoliteClient, Politeness, Watcher, WatchState, read_feed_list

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    if not verbose:
        # One line per feed per poll is the contract; the libraries' per-request
        # chatter (httpx logs every request at INFO) only with -v.
        for name in ("httpx", "httpcore", "trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.WARNING)
    try:
        urls = read_feed_list(feeds)
    except OSError as e:
        click.echo(f"hadath watch: cannot read {feeds}: {e}", err=True)
        sys.exit(EXIT_UNUSABLE)
    if not urls:
        click.echo(f"hadath watch: no feed URLs in {feeds}", err=True)
        sys.exit(EXIT_UNUSABLE)
    try:
        store = open_store(db)
    except StoreError as e:
        click.echo(f"hadath watch: store failure: {e}", err=True)
        sys.exit(EXIT_STORE)
    politeness = Politeness(min_interval=min_interval, timeout=timeout, retries=retries)
    state = WatchState(state_path or default_state_path(db))
    try:
        with PoliteClient(politeness) as client:
            Watcher(urls, store, state, client).run(every, once=once)
    except StoreError as e:
        click.echo(f"hadath watch: store failure: {e} (items stored so far are kept)", err=True)
        sys.exit(EXIT_STORE)
    except KeyboardInterrupt:
        click.echo("hadath watch: stopped", err=True)
    finally:
        state.close()
        store.close()


if __name__ == "__main__":  # python -m hadath.cli.watch
    command()
