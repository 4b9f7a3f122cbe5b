"""The options one API instance runs with: a frozen object passed in, never globals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_VENDOR_DIR = STATIC_DIR / "vendor" / "node_modules"
SETUP_HINT = "scripts/setup-web.sh"


@dataclass(frozen=True)
class ApiSettings:
    """How ``create_app`` behaves.

    ``ingest_token``: when set, ``POST /api/ingest`` exists and requires
    ``Authorization: Bearer <token>``; when None the API is read-only.
    ``tiles_url``: an optional online tile layer (``https://.../{z}/{x}/{y}.png``); the
    offline base map (bundled outlines) is always there. ``vendor_dir``: where
    scripts/setup-web.sh put the npm packages the page loads under ``/vendor/``.
    """

    ingest_token: str | None = None
    tiles_url: str | None = None
    tiles_attribution: str | None = None
    vendor_dir: Path = DEFAULT_VENDOR_DIR
    max_ingest_bytes: int = 5_000_000
    max_ingest_articles: int = 200

    def __post_init__(self) -> None:
        if self.ingest_token is not None and len(self.ingest_token) < 8:
            raise ValueError("the ingest token must be at least 8 characters")
        if self.tiles_url is not None:
            tiles_origin(self.tiles_url)  # raises ValueError on a bad template


def tiles_origin(url: str) -> str:
    """The CSP source that allows images from a tile template, e.g. ``https://*.tile.osm.org``."""
    if not all(p in url for p in ("{z}", "{x}", "{y}")):
        raise ValueError(f"tile URL needs {{z}}, {{x}} and {{y}} placeholders: {url!r}")
    parts = urlsplit(url.replace("{s}", "tiles-subdomain"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"tile URL must be http(s)://host/...: {url!r}")
    host = parts.netloc.replace("tiles-subdomain", "*")
    if any(c in host for c in " ;'\""):
        raise ValueError(f"tile URL host is not valid: {url!r}")
    return f"{parts.scheme}://{host}"
