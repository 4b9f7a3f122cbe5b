"""``hadath evaluate``: CODEBOOK §9 scores against a gold file, with misses to study."""

from __future__ import annotations

import json

import click

from hadath.evaluate.scorer import MISMATCH_FIELDS

_FIELDS = list(MISMATCH_FIELDS)


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score these predictions (JSONL records) instead of running extraction.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--limit", type=int, default=20, show_default=True,
              help="How many misses and false alarms to list (0 = none).")
@click.option("--mismatches", "mismatch_fields", multiple=True, metavar="FIELDS",
              help="List matched events whose FIELDS disagree with gold, gold vs predicted "
                   "with the evidence: comma-separated, repeatable, from "
                   f"{', '.join(_FIELDS)} or 'all' (with --json: keep only those rows).")
def command(gold: str, pred: str | None, as_json: bool, limit: int,
            mismatch_fields: tuple[str, ...]) -> None:
    """Score extraction on GOLD (articles with events[], or upetrarch-style sentences)."""
    from hadath.evaluate.report import render
    from hadath.evaluate.run import evaluate_file

    fields = _parse_fields(mismatch_fields)
    report = evaluate_file(gold, pred)
    if as_json:
        if fields and "mismatches" in report:
            report["mismatches"] = [m for m in report["mismatches"] if m["field"] in fields]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render(report, limit, fields))


def _parse_fields(values: tuple[str, ...]) -> list[str]:
    fields: list[str] = []
    for value in values:
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            if name == "all":
                fields += _FIELDS
            elif name in _FIELDS:
                fields.append(name)
            else:
                raise click.BadParameter(f"{name!r}: choose from {', '.join(_FIELDS)} or all",
                                         param_hint="--mismatches")
    return list(dict.fromkeys(fields))
