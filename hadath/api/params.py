"""Query-string parsing: raw strings in, an ``EventQuery`` out, or a clear ``BadRequest``.

Every filter arrives as text and is checked here, once, for all routes, so that a bad
value is a 400 that names the parameter and says what was expected, and never reaches
the store (where it could only become an empty page or a 500).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from hadath.api.vocab import EVENT_TYPES, SUB_EVENT_TYPES
from hadath.store import EventQuery

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000
MAX_TEXT = 200  # longest accepted free-text filter, in characters
MAX_NEAR_KM = 20_000.0

FILTER_PARAMS = ("date_from", "date_to", "event_type", "sub_event_type", "country", "admin1",
                 "actor", "q", "bbox", "near")


class BadRequest(Exception):
    """A parameter the API cannot use; becomes a 400 whose body names it."""

    def __init__(self, param: str, message: str, status: int = 400) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Filters:
    """The raw filter strings one request carried (None when absent)."""

    date_from: str | None = None
    date_to: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    q: str | None = None
    bbox: str | None = None
    near: str | None = None


def parse_date(param: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(param, f"expected a date YYYY-MM-DD, got {value!r}") from None


def parse_text(param: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        raise BadRequest(param, f"at most {MAX_TEXT} characters, got {len(value)}")
    if any(ord(c) < 32 for c in value):
        raise BadRequest(param, "control characters are not allowed")
    return value


def parse_choice(param: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    value = parse_text(param, value)
    if value is None:
        return None
    if value not in choices:
        raise BadRequest(param, f"unknown value {value!r}; expected one of: {', '.join(choices)}")
    return value


def _numbers(param: str, value: str, count: int, shape: str) -> list[float]:
    parts = value.split(",")
    if len(parts) != count:
        raise BadRequest(param, f"expected {count} comma-separated numbers {shape}, "
                                f"got {len(parts)} value(s)")
    numbers = []
    for part in parts:
        try:
            x = float(part)
        except ValueError:
            raise BadRequest(param, f"{part.strip()!r} is not a number (expected {shape})") from None
        if not math.isfinite(x):
            raise BadRequest(param, f"{part.strip()!r} is not a finite number")
        numbers.append(x)
    return numbers


def _check_lat(param: str, lat: float) -> None:
    if not -90.0 <= lat <= 90.0:
        raise BadRequest(param, f"latitude {lat} is outside -90..90")


def _check_lon(param: str, lon: float) -> None:
    if not -180.0 <= lon <= 180.0:
        raise BadRequest(param, f"longitude {lon} is outside -180..180")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    min_lon, min_lat, max_lon, max_lat = _numbers("bbox", value, 4,
                                                  "min_lon,min_lat,max_lon,max_lat")
    for lon in (min_lon, max_lon):
        _check_lon("bbox", lon)
    for lat in (min_lat, max_lat):
        _check_lat("bbox", lat)
    if min_lon > max_lon or min_lat > max_lat:
        raise BadRequest("bbox", "min must not exceed max (order: min_lon,min_lat,max_lon,max_lat)")
    return (min_lon, min_lat, max_lon, max_lat)


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    if value is None or value == "":
        return None
    lat, lon, km = _numbers("near", value, 3, "lat,lon,km")
    _check_lat("near", lat)
    _check_lon("near", lon)
    if not 0.0 < km <= MAX_NEAR_KM:
        raise BadRequest("near", f"radius {km} km must be > 0 and <= {MAX_NEAR_KM:g}")
    return (lat, lon, km)


FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FIELDS = 40


def parse_fields(value: str | None) -> tuple[str, ...] | None:
    """``fields=a,b,c``: keep only these keys of each event (``event_id`` always)."""
    if value is None or not value.strip():
        return None
    names = [n.strip() for n in value.split(",") if n.strip()]
    if len(names) > MAX_FIELDS:
        raise BadRequest("fields", f"at most {MAX_FIELDS} field names")
    for name in names:
        if not FIELD_NAME.match(name):
            raise BadRequest("fields", f"{name!r} is not a field name")
    return tuple(dict.fromkeys(["event_id", *names]))


def to_query(filters: Filters, limit: int = 100, offset: int = 0) -> EventQuery:
    """Validate every filter and build the store's query object."""
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest("limit", f"must be between 1 and {MAX_LIMIT}, got {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadRequest("offset", f"must be between 0 and {MAX_OFFSET}, got {offset}")
    date_from = parse_date("date_from", filters.date_from)
    date_to = parse_date("date_to", filters.date_to)
    if date_from and date_to and date_from > date_to:
        raise BadRequest("date_from", f"{date_from} is after date_to {date_to}")
    event_type = parse_choice("event_type", filters.event_type, EVENT_TYPES)
    sub_event_type = parse_choice("sub_event_type", filters.sub_event_type, SUB_EVENT_TYPES)
    return EventQuery(
        date_from=date_from,
        date_to=date_to,
        event_type=event_type,
        sub_event_type=sub_event_type,
        country=parse_text("country", filters.country),
        admin1=parse_text("admin1", filters.admin1),
        actor=parse_text("actor", filters.actor),
        q=parse_text("q", filters.q),
        bbox=parse_bbox(filters.bbox),
        near=parse_near(filters.near),
        limit=limit,
        offset=offset,
    )
