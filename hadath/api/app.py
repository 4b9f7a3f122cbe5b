"""``create_app(store, settings)``: the hadath REST API and map page as one ASGI app.

Everything an instance needs hangs on ``app.state.hadath`` (an ``ApiContext``), so two
apps over two stores can live in one process (the tests do). Read-only unless
``settings.ingest_token`` is set. Errors are JSON ``{"detail": ..., "param": ...}``:
a bad parameter is a 400 that names it, never a 500.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from hadath import __version__
from hadath.api.context import ApiContext, JSONBody
from hadath.api.params import BadRequest
from hadath.api.routes import articles, events, ingest, meta, pages, stats
from hadath.api.security import SecurityHeadersMiddleware
from hadath.api.settings import ApiSettings
from hadath.store import Store, StoreError

log = logging.getLogger("hadath.api")

DESCRIPTION = """Conflict events extracted from Arabic news, in ACLED's format, each
traceable to the sentences that state it. Read-only unless started with an ingest token."""


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    """The first problem FastAPI found, as (param, message)."""
    errors = exc.errors()
    if not errors:
        return "request", "invalid request"
    first = errors[0]
    loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body")]
    param = ".".join(loc) or "request"
    message = first.get("msg", "invalid value")
    if "input" in first and first.get("type") != "missing":
        message += f" (got {first['input']!r})"
    return param, message


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> JSONBody:
        return JSONBody({"detail": str(exc), "param": exc.param}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONBody:
        param, message = _validation_message(exc)
        return JSONBody({"detail": f"{param}: {message}", "param": param}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONBody:
        return JSONBody({"detail": exc.detail}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONBody:
        log.error("store error on %s: %s", request.url.path, exc)
        return JSONBody({"detail": "the database could not answer; try again"}, status_code=503)


def create_app(store: Store, settings: ApiSettings | None = None) -> FastAPI:
    """Build the ASGI app over an open store. The caller keeps ownership of the store."""
    settings = settings or ApiSettings()
    app = FastAPI(title="hadath", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.hadath = ApiContext(store=store, settings=settings)
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    for module in (events, articles, stats, meta):
        app.include_router(module.router)
    if settings.ingest_token:
        app.include_router(ingest.router)
    app.include_router(pages.router)
    return app
