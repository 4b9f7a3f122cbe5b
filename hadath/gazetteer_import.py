"""Import full GeoNames dumps (allCountries + alternateNamesV2) into the gazetteer.

The packaged data stops at towns of 500+ people; villages, wadis, bases and hills come from
the GeoNames dumps, which are too big to ship. This module streams both files (zip or plain
text, in GeoNames' own tab-separated layouts) and keeps only places with an Arabic name:

1. alternateNamesV2: every non-historic name with isolanguage ``ar`` goes into a temporary
   on-disk SQLite table keyed by geonameid, so memory stays flat whatever the file size;
2. allCountries: each row that passes the country/feature-class filters is kept when it has an
   Arabic name (from step 1, or Arabic-script names in its own alternatenames column that use
   only Arabic letters), and is upserted into ``$HADATH_CACHE/gazetteer/geonames_import.sqlite``.

The next ``load_gazetteer()`` rebuilds its cached index with the imported places merged in.
"""

from __future__ import annotations

import io
import sqlite3
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hadath.knowledge.gazetteer import data as gd
from hadath.knowledge.gazetteer.build import IMPORT_DB, cache_dir

# Feature classes kept when none are given: populated places, admin areas, regions, terrain,
# spots (bases, airports, crossings) and water (wadis, rivers); roads, vegetation and undersea
# features are left out.
DEFAULT_CLASSES = frozenset("PALTSH")
_BATCH = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, iso TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, fclass TEXT NOT NULL, fcode TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS name (
    geonameid INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (geonameid, name));
"""


@dataclass
class ImportSummary:
    """What an import did, for the CLI to print."""

    rows_read: int = 0
    rows_in_scope: int = 0
    places_kept: int = 0
    arabic_names: int = 0
    alternate_names_read: int = 0
    countries: dict[str, int] = field(default_factory=dict)
    store: Path | None = None
    seconds: float = 0.0


@contextmanager
def _open_text(path: Path, member_suffix: str) -> Iterator[Iterable[str]]:
    """Lines of a GeoNames dump, whether zipped (e.g. allCountries.zip) or plain text."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(member_suffix)] or \
                [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise ValueError(f"{path}: no {member_suffix} inside the zip")
            with zf.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            yield fh


def _arabic_alternates(db: sqlite3.Connection, alternate_names_path: Path) -> int:
    """Step 1: Arabic alternate names into the temporary table ``alt``; returns rows read."""
    db.execute("CREATE TEMP TABLE alt (geonameid INTEGER NOT NULL, name TEXT NOT NULL)")
    read = 0
    batch: list[tuple[int, str]] = []
    with _open_text(alternate_names_path, "alternateNamesV2.txt") as lines:
        for line in lines:
            read += 1
            cells = line.rstrip("\r\n").split("\t")
            # alternateNameId, geonameid, isolanguage, name, isPreferred, isShort,
            # isColloquial, isHistoric, from, to
            if len(cells) < 4 or cells[2] != "ar":
                continue
            if len(cells) > 7 and cells[7] == "1":
                continue  # historic names are not what news writes today
            name = gd.arabic_name(cells[3])
            if name:
                batch.append((int(cells[1]), name))
            if len(batch) >= _BATCH:
                db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
                batch.clear()
    if batch:
        db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
    db.execute("CREATE INDEX temp.alt_gid ON alt (geonameid)")
    return read


def import_geonames(all_countries_path: str | Path, alternate_names_path: str | Path,
                    countries: Iterable[str] | None = None,
                    classes: Iterable[str] | None = None,
                    directory: Path | None = None) -> ImportSummary:
    """Import the Arabic-named places of a GeoNames dump into the gazetteer's store.

    ``countries``: ISO2 codes to keep (None: all). ``classes``: GeoNames feature classes to
    keep (None: P, A, L, T, S, H). Re-importing updates places already in the store.
    """
    started = time.monotonic()
    directory = directory or cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    wanted_countries = {c.strip().upper() for c in countries} if countries else None
    wanted_classes = {c.strip().upper() for c in classes} if classes else set(DEFAULT_CLASSES)
    summary = ImportSummary(store=directory / IMPORT_DB)

    store = sqlite3.connect(summary.store)
    try:
        store.executescript(_SCHEMA)
        store.execute("PRAGMA temp_store = FILE")  # the Arabic-name table stays on disk
        summary.alternate_names_read = _arabic_alternates(store, Path(alternate_names_path))
        places: list[tuple] = []
        names: list[tuple[int, str]] = []
        with _open_text(Path(all_countries_path), "allCountries.txt") as lines:
            for line in lines:
                summary.rows_read += 1
                c = line.rstrip("\r\n").split("\t")
                if len(c) < 15:
                    continue
                # geonameid, name, asciiname, alternatenames, lat, lon, feature class,
                # feature code, country code, cc2, admin1, admin2, admin3, admin4, population...
                iso, fclass = c[8], c[6]
                if wanted_countries is not None and iso not in wanted_countries:
                    continue
                if fclass not in wanted_classes:
                    continue
                summary.rows_in_scope += 1
                gid = int(c[0])
                arabic = [n for (n,) in store.execute(
                    "SELECT name FROM alt WHERE geonameid = ?", (gid,))]
                arabic += [a for a in (gd.arabic_name(x) for x in c[3].split(",") if x) if a]
                arabic = list(dict.fromkeys(arabic))
                if not arabic:
                    continue
                places.append((gid, c[1], iso, float(c[4]), float(c[5]), fclass, c[7], c[10],
                               c[11], int(c[14] or 0)))
                names.extend((gid, n) for n in arabic)
                summary.places_kept += 1
                summary.arabic_names += len(arabic)
                summary.countries[iso] = summary.countries.get(iso, 0) + 1
                if len(places) >= _BATCH:
                    _flush(store, places, names)
        _flush(store, places, names)
        store.commit()
    finally:
        store.close()
    from hadath.knowledge.gazetteer.model import load_gazetteer
    load_gazetteer.cache_clear()  # the next load merges the new places
    summary.seconds = round(time.monotonic() - started, 2)
    return summary


def _flush(store: sqlite3.Connection, places: list[tuple], names: list[tuple[int, str]]) -> None:
    store.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    store.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", names)
    places.clear()
    names.clear()
