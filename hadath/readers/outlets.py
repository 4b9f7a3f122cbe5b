"""Outlet names: the Arabic name in a dateline, a feed title or a host → English name.

The table is data (hadath/data/outlets.yaml), loaded once on first use. Names are
compared folded (hamza, ta-marbuta, diacritics, tatweel ignored) and with the generic
prefixes ("جريدة", "وكالة") removed, so one row covers the usual spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from hadath.arabic.normalise import fold
from hadath.knowledge.yaml_data import load_yaml


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None
    names_ar: tuple[str, ...]
    domains: tuple[str, ...]
    slugs: tuple[str, ...]


@dataclass(frozen=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    by_name: dict[str, Outlet]  # folded Arabic name, English name or slug -> outlet
    by_domain: dict[str, Outlet]
    prefixes: tuple[str, ...]  # folded, longest first


def _key(s: str) -> str:
    s = fold(s)
    s = re.sub(r"[\u060c,.:;()\[\]«»\"'|/\\-]+", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=1)
def outlet_table() -> OutletTable:
    """Load hadath/data/outlets.yaml (once)."""
    raw = load_yaml(resources.files("hadath.data").joinpath("outlets.yaml").read_text("utf-8"))
    outlets: list[Outlet] = []
    by_name: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for row in raw["outlets"]:
        o = Outlet(
            name=row["name"],
            country=row.get("country"),
            names_ar=tuple(row.get("ar") or ()),
            domains=tuple(row.get("domains") or ()),
            slugs=tuple(row.get("slugs") or ()),
        )
        outlets.append(o)
        for n in (*o.names_ar, o.name, *o.slugs):
            by_name.setdefault(_key(n), o)
        for d in o.domains:
            by_domain[d.lower()] = o
    prefixes = tuple(sorted((_key(p) for p in raw.get("prefixes") or ()), key=len, reverse=True))
    return OutletTable(tuple(outlets), by_name, by_domain, prefixes)


def lookup_outlet(name: str | None) -> Outlet | None:
    """The outlet called ``name`` (Arabic, English or slug), or None if unknown."""
    if not name:
        return None
    table = outlet_table()
    key = _key(name)
    if not key:
        return None
    hit = table.by_name.get(key)
    if hit:
        return hit
    for p in table.prefixes:
        if key.startswith(p + " "):
            hit = table.by_name.get(key[len(p) + 1:])
            if hit:
                return hit
    return None


def outlet_name(name: str | None) -> str | None:
    """English name of a known outlet, else None."""
    o = lookup_outlet(name)
    return o.name if o else None


def outlet_for_host(host: str | None) -> Outlet | None:
    """The outlet whose site is ``host`` (subdomains included: www., m., arabic.)."""
    if not host:
        return None
    host = host.lower().rstrip(".").split(":")[0]
    table = outlet_table()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = table.by_domain.get(".".join(parts[i:]))
        if hit:
            return hit
    return None
