"""The event filters, declared once so /api/events, /api/stats/counts and the OpenAPI
document agree on their names and meaning."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from hadath.api.params import FILTER_PARAMS, Filters

FILTER_NAMES = FILTER_PARAMS
PAGE_NAMES = ("limit", "offset")


def event_filters(
    date_from: Annotated[str | None, Query(description="Earliest event date, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="Latest event date, YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type, exact "
                                                        "(e.g. Battles)")] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type, exact "
                                                            "(e.g. Armed clash)")] = None,
    country: Annotated[str | None, Query(description="Country: English name or ISO2")] = None,
    admin1: Annotated[str | None, Query(description="First-level division (governorate)")] = None,
    actor: Annotated[str | None, Query(description="Substring of an actor's name, "
                                                   "English or Arabic")] = None,
    q: Annotated[str | None, Query(description="Arabic-aware full-text search")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    near: Annotated[str | None, Query(description="lat,lon,km: events within km of a point")
                    ] = None,
) -> Filters:
    return Filters(date_from=date_from, date_to=date_to, event_type=event_type,
                   sub_event_type=sub_event_type, country=country, admin1=admin1, actor=actor,
                   q=q, bbox=bbox, near=near)
