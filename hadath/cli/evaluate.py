"""``hadath evaluate``: CODEBOOK §9 scores against a gold file, with misses to study."""

from __future__ import annotations

import json

import click


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score these predictions (JSONL records) instead of running extraction.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--limit", type=int, default=20, show_default=True,
              help="How many misses and false alarms to list (0 = none).")
def command(gold: str, pred: str | None, as_json: bool, limit: int) -> None:
    """Score extraction on GOLD (articles with events[], or upetrarch-style sentences)."""
    from hadath.evaluate.report import render
    from hadath.evaluate.run import evaluate_file

    report = evaluate_file(gold, pred)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render(report, limit))
