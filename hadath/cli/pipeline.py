"""``hadath pipeline``: print the stages in order, so the flow is visible."""

from __future__ import annotations

import click


@click.command("pipeline")
def command() -> None:
    """Show the extraction stages in the order they run."""
    from hadath.pipeline import DEFAULT_ORDER

    click.echo("read (hadath/readers)")
    for i, (name, _, what) in enumerate(DEFAULT_ORDER, 1):
        click.echo(f"{i}. {name:<10} {what}")
    click.echo("store → dedupe (hadath/store) → serve (hadath/api)")
