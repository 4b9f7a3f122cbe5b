"""What every command shares: error reporting, progress on a TTY, output files, summaries."""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import IO

import click


class StrictStop(click.ClickException):
    exit_code = 1


class ErrorReporter:
    """Report a bad record as 'origin: message' on stderr; with --strict, stop there."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.count = 0

    def __call__(self, origin_or_error, message: str | None = None) -> None:
        if message is None:  # a ReadError from the readers
            origin, message = origin_or_error.origin, origin_or_error.message
        else:
            origin = origin_or_error
        self.count += 1
        click.echo(f"hadath: {origin}: {message}", err=True)
        if self.strict:
            raise StrictStop(f"stopped at the first bad record ({origin}) because of --strict")


class Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool = True, every: float = 0.2):
        self.enabled = enabled and sys.stderr.isatty()
        self.every = every
        self._last = 0.0
        self._start = time.perf_counter()

    def tick(self, articles: int, events: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last >= self.every:
            rate = articles / max(now - self._start, 1e-9)
            click.echo(f"\r{articles:,} articles, {events:,} events ({rate:,.0f}/s)",
                       err=True, nl=False)
            self._last = now

    def done(self) -> None:
        if self.enabled:
            click.echo("", err=True)


@contextlib.contextmanager
def open_output(path: str, binary: bool = False) -> Iterator[IO]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if binary:
        with open(path, "wb") as fh:
            yield fh
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def summary_table(articles: int, events: int, by_type: Counter, errors: int) -> str:
    lines = [f"{articles:,} articles read, {events:,} events extracted, {errors:,} bad records"]
    if by_type:
        width = max(len(t) for t in by_type)
        lines.append(f"  {'event type':<{width}}  events")
        for event_type, n in by_type.most_common():
            lines.append(f"  {event_type:<{width}}  {n:>6}")
    return "\n".join(lines)
