"""``hadath gazetteer``: inspect the offline gazetteer or load a full GeoNames dump into it."""

from __future__ import annotations

import click


@click.group("gazetteer")
def command() -> None:
    """The offline gazetteer (built on first use into ~/.cache/hadath or $HADATH_CACHE)."""


@command.command("import")
@click.argument("all_countries", type=click.Path(exists=True, dir_okay=False))
@click.argument("alternate_names", type=click.Path(exists=True, dir_okay=False))
@click.option("--countries", default=None, help="Comma-separated ISO2 codes to keep, e.g. IQ,SY.")
@click.option("--classes", default=None, help="GeoNames feature classes to keep, e.g. P,A.")
def import_command(all_countries: str, alternate_names: str, countries: str | None,
                   classes: str | None) -> None:
    """Load the Arabic-named places of GeoNames' allCountries and alternateNamesV2 dumps."""
    from hadath.gazetteer_import import import_geonames

    summary = import_geonames(
        all_countries, alternate_names,
        countries=countries.split(",") if countries else None,
        classes=classes.split(",") if classes else None,
    )
    click.echo(f"read {summary.rows_read:,} rows, {summary.rows_in_scope:,} in scope; kept "
               f"{summary.places_kept:,} places with {summary.arabic_names:,} Arabic names "
               f"in {summary.seconds:.1f} s -> {summary.store}")
    for iso, n in sorted(summary.countries.items()):
        click.echo(f"  {iso}: {n:,}")


@command.command("lookup")
@click.argument("name")
@click.option("--country", "countries", multiple=True, help="Article country context (ISO2).")
def lookup_command(name: str, countries: tuple[str, ...]) -> None:
    """Show the candidates for an Arabic place name, best first."""
    from hadath.arabic.normalise import fold
    from hadath.knowledge.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    ranked = gaz.ranked(fold(name).strip(), list(countries))
    if not ranked:
        raise click.ClickException(f"no place called {name!r}")
    for s in ranked[:10]:
        p = s.place
        click.echo(f"{s.score:7.2f}  {p.location} ({p.level}), {p.admin1 or '-'}, {p.country} "
                   f"{p.latitude:.4f},{p.longitude:.4f} geonameid={p.geonameid}")
