"""The ``hadath`` command: a thin click group; each command lives in its own module."""

from __future__ import annotations

import importlib

import click

# (module, attribute) of each command, imported when the group is built so that
# ``hadath --help`` stays fast and a broken optional command names itself.
COMMANDS = {
    "extract": "hadath.cli.extract",
    "evaluate": "hadath.cli.evaluate",
    "pipeline": "hadath.cli.pipeline",
    "ingest": "hadath.cli.ingest",
    "search": "hadath.cli.search",
    "export": "hadath.cli.export",
    "serve": "hadath.cli.serve",
    "watch": "hadath.cli.watch",
    "gazetteer": "hadath.cli.gazetteer",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(module).command


@click.group(cls=LazyGroup)
@click.version_option(package_name="hadath")
def main() -> None:
    """hadath: Arabic news in, ACLED-compatible conflict-event records out."""
