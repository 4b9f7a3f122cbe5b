"""Versioned schema migrations, kept as SQL data files.

``migrations/<backend>-NNNN-<name>.sql`` are applied in order to an existing database;
``migrations/<backend>-schema.sql`` is the latest schema in one piece, used to create a
fresh database. tests/store/test_migrations.py checks that both routes end with the same
schema dump, so neither can drift. The ``schema_version`` table records each version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NAME = re.compile(r"^(?P<backend>[a-z]+)-(?P<version>\d{4})-(?P<name>[a-z0-9-]+)\.sql$")

SCHEMA_VERSION_TABLE = (
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def _folder() -> resources.abc.Traversable:
    return resources.files("hadath.store").joinpath("migrations")


@cache
def migrations(backend: str) -> tuple[Migration, ...]:
    """The numbered migrations of a backend, in version order (checked contiguous)."""
    found = []
    for entry in _folder().iterdir():
        m = _NAME.match(entry.name)
        if m and m["backend"] == backend:
            found.append(Migration(int(m["version"]), m["name"], entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.version)
    if [mig.version for mig in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"{backend} migrations are not numbered 1..N: "
                           f"{[mig.version for mig in found]}")
    return tuple(found)


@cache
def latest_schema(backend: str) -> str:
    """The whole latest schema of a backend, for a fresh database."""
    return _folder().joinpath(f"{backend}-schema.sql").read_text("utf-8")


def latest_version(backend: str) -> int:
    return len(migrations(backend))
