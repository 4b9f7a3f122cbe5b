"""Health, the page's configuration, and the offline admin1 boundaries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from hadath import __version__
from hadath.api import boundaries
from hadath.api.context import (
    ApiContext,
    GeoJSONBody,
    JSONBody,
    check_params,
    error_responses,
    get_context,
)
from hadath.api.params import BadRequest
from hadath.api.settings import SETUP_HINT
from hadath.api.vocab import TAXONOMY
from hadath.store import EventQuery

router = APIRouter(prefix="/api", tags=["meta"])


def vendor_ready(ctx: ApiContext) -> bool:
    return (ctx.settings.vendor_dir / "leaflet" / "dist" / "leaflet.js").is_file()


@router.get("/health", response_class=JSONBody, summary="Liveness and database reachability",
            responses=error_responses(400))
def health(request: Request, ctx: Annotated[ApiContext, Depends(get_context)]) -> Any:
    check_params(request, ())
    _, total = ctx.call(ctx.store.events, EventQuery(limit=1))
    scheme = ctx.store.url.split(":", 1)[0] if "://" in ctx.store.url else "sqlite"
    return JSONBody({"status": "ok", "version": __version__, "database": scheme,
                     "events": total, "read_only": ctx.settings.ingest_token is None})


@router.get("/ui-config", response_class=JSONBody, include_in_schema=False)
def ui_config(request: Request, ctx: Annotated[ApiContext, Depends(get_context)]) -> Any:
    """What the page needs to know: optional tiles, whether the vendor assets exist."""
    s = ctx.settings
    tiles = {"url": s.tiles_url, "attribution": s.tiles_attribution or ""} if s.tiles_url else None
    return JSONBody({"version": __version__, "tiles": tiles, "vendor": vendor_ready(ctx),
                     "admin1": boundaries.available(s.vendor_dir), "setup": SETUP_HINT,
                     "ingest": s.ingest_token is not None,
                     "taxonomy": {k: list(v) for k, v in TAXONOMY.items()}})


@router.get("/boundaries/admin1", response_class=GeoJSONBody,
            summary="Offline first-level boundaries of the given countries (GeoJSON)",
            responses=error_responses(400, 404))
def admin1(
    request: Request,
    ctx: Annotated[ApiContext, Depends(get_context)],
    country: Annotated[str, Query(description="Comma-separated ISO2 codes, e.g. IQ,SY")],
) -> Any:
    check_params(request, ("country",))
    codes = [c.strip().upper() for c in country.split(",") if c.strip()]
    if not codes or len(codes) > boundaries.MAX_COUNTRIES:
        raise BadRequest("country", f"give 1 to {boundaries.MAX_COUNTRIES} ISO2 codes")
    for code in codes:
        if not boundaries.ISO2.match(code):
            raise BadRequest("country", f"{code!r} is not an ISO2 code")
    vendor = ctx.settings.vendor_dir
    if not boundaries.available(vendor):
        raise HTTPException(404, f"boundary data is not installed; run {SETUP_HINT}")
    with ctx.lock:  # the cache is shared by the worker threads
        index = ctx.cache.get("admin1-index")
        if index is None:
            index = ctx.cache["admin1-index"] = boundaries.load_index(vendor)
        features = []
        for code in codes:
            key = f"admin1:{code}"
            if key not in ctx.cache:
                ctx.cache[key] = boundaries.country_features(vendor, index, code)
            features.extend(ctx.cache[key])
    return GeoJSONBody({"type": "FeatureCollection", "features": features})
