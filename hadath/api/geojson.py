"""Canonical events as a GeoJSON FeatureCollection (RFC 7946: [lon, lat], WGS 84)."""

from __future__ import annotations

import math
from typing import Any


def _point(event: dict[str, Any]) -> dict[str, Any] | None:
    lat, lon = event.get("latitude"), event.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def to_feature(event: dict[str, Any], keep: tuple[str, ...] | None = None) -> dict[str, Any]:
    """One Feature; ``keep`` limits the properties (the geometry is always there)."""
    if keep:
        properties = {k: event[k] for k in keep if k in event}
    else:
        properties = {k: v for k, v in event.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": event.get("event_id"), "geometry": _point(event),
            "properties": properties}


def to_feature_collection(events: list[dict[str, Any]], keep: tuple[str, ...] | None = None,
                          **members: Any) -> dict[str, Any]:
    """A FeatureCollection; ``members`` (total, limit, offset) are foreign members."""
    return {"type": "FeatureCollection", "features": [to_feature(e, keep) for e in events],
            **members}
