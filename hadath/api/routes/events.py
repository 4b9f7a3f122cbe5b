"""/api/events: pages of canonical events (JSON or GeoJSON) and one event in full."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from hadath.api.context import (
    ApiContext,
    GeoJSONBody,
    JSONBody,
    check_params,
    error_responses,
    get_context,
)
from hadath.api.geojson import to_feature_collection
from hadath.api.params import MAX_LIMIT, MAX_OFFSET, Filters, parse_fields, to_query
from hadath.api.routes.filters import FILTER_NAMES, PAGE_NAMES, event_filters

router = APIRouter(prefix="/api", tags=["events"])

MAX_ID = 200


def next_url(request: Request, limit: int, offset: int, total: int) -> str | None:
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(offset=offset + limit))


@router.get("/events", response_class=JSONBody,
            summary="Canonical events, newest first, filtered and paginated",
            responses=error_responses(400))
def list_events(
    request: Request,
    filters: Annotated[Filters, Depends(event_filters)],
    ctx: Annotated[ApiContext, Depends(get_context)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip")] = 0,
    format: Annotated[Literal["json", "geojson"],
                      Query(description="json (default) or geojson")] = "json",
    fields: Annotated[str | None, Query(description="Comma-separated fields to keep "
                                                    "(event_id always; GeoJSON keeps its "
                                                    "geometry), e.g. event_type,fatalities")
                      ] = None,
) -> Any:
    """A page of events; ``total`` counts every match, ``next`` links the following page."""
    check_params(request, FILTER_NAMES + PAGE_NAMES + ("format", "fields"))
    query = to_query(filters, limit, offset)
    keep = parse_fields(fields)
    events, total = ctx.call(ctx.store.events, query)
    page = {"total": total, "limit": limit, "offset": offset, "count": len(events),
            "next": next_url(request, limit, offset, total)}
    if format == "geojson":
        return GeoJSONBody(to_feature_collection(events, keep=keep, **page))
    if keep:
        events = [{k: e[k] for k in keep if k in e} for e in events]
    return JSONBody({**page, "events": events})


@router.get("/events/{event_id}", response_class=JSONBody,
            summary="One canonical event with its mentions, sources and evidence",
            responses=error_responses(400, 404))
def get_event(
    request: Request,
    event_id: Annotated[str, Path(max_length=MAX_ID)],
    ctx: Annotated[ApiContext, Depends(get_context)],
) -> Any:
    check_params(request, ())
    event = ctx.call(ctx.store.event, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return JSONBody(event)
