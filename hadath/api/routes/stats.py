"""/api/stats/counts: event and fatality counts grouped by day, type, place."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from hadath.api.context import ApiContext, JSONBody, check_params, error_responses, get_context
from hadath.api.params import Filters, to_query
from hadath.api.routes.filters import FILTER_NAMES, event_filters

router = APIRouter(prefix="/api", tags=["stats"])

CountBy = Literal["day", "event_type", "sub_event_type", "country", "admin1"]


@router.get("/stats/counts", response_class=JSONBody,
            summary="Counts of matching events (and their fatalities) per group",
            responses=error_responses(400))
def counts(
    request: Request,
    filters: Annotated[Filters, Depends(event_filters)],
    ctx: Annotated[ApiContext, Depends(get_context)],
    by: Annotated[CountBy, Query(description="Grouping key")] = "day",
) -> Any:
    check_params(request, FILTER_NAMES + ("by",))
    query = to_query(filters)
    rows = ctx.call(ctx.store.counts, by, query)
    return JSONBody({"by": by, "rows": rows,
                     "total": sum(int(r.get("count") or 0) for r in rows)})
