"""``hadath serve``: the REST API and the map page, or one request answered in-process."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import click


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Without this, small answers on a kept-alive connection wait ~40 ms for a delayed ACK.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def get_once(app, path: str) -> int:
    """Answer one GET in-process (no server, no socket) and print the body, like
    datasette's ``--get``; the exit status is 1 when the answer is an error (>= 400)."""
    import asyncio

    import httpx

    if not path.startswith("/"):
        path = "/" + path

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hadath") as client:
            return await client.get(path)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        response = asyncio.run(fetch())
    else:
        # called from code that already runs an event loop (a notebook, a test
        # harness): asyncio.run refuses to nest, so answer on a thread of its own
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            response = pool.submit(asyncio.run, fetch()).result()
    if "json" in response.headers.get("content-type", ""):
        text = json.dumps(response.json(), ensure_ascii=False, indent=2)
    else:
        text = response.content.decode("utf-8", "replace")
    click.echo(text, err=response.status_code >= 400)
    return 0 if response.status_code < 400 else 1


@click.command("serve")
@click.option("--db", default="hadath.db", envvar="HADATH_DB", show_default=True,
              help="Database: a SQLite path, sqlite:///path or postgresql://...")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0 picks a free one).")
@click.option("--ingest-token", envvar="HADATH_INGEST_TOKEN", default=None,
              help="Enable POST /api/ingest, guarded by this bearer token "
                   "(env HADATH_INGEST_TOKEN). Without it the API is read-only.")
@click.option("--tiles", "tiles_url", default=None, metavar="URL",
              help="Optional online tile layer, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
@click.option("--tiles-attribution", default=None, help="Attribution shown for --tiles.")
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Answer one GET request (e.g. '/api/events?limit=5') and print it; no server.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def command(db: str, host: str, port: int, ingest_token: str | None, tiles_url: str | None,
            tiles_attribution: str | None, get_path: str | None, log_level: str) -> None:
    """Serve the REST API (/api/...) and the map page (/) over the event database."""
    from hadath.api import ApiSettings, create_app
    from hadath.api.settings import DEFAULT_VENDOR_DIR
    from hadath.store import StoreError, open_store

    vendor = Path(os.environ.get("HADATH_WEB_VENDOR") or DEFAULT_VENDOR_DIR)
    try:
        settings = ApiSettings(ingest_token=ingest_token or None, tiles_url=tiles_url,
                               tiles_attribution=tiles_attribution, vendor_dir=vendor)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    try:
        store = open_store(db)
    except StoreError as e:
        raise click.ClickException(f"cannot open database {db}: {e}") from None
    try:
        app = create_app(store, settings)
        if get_path is not None:
            sys.exit(get_once(app, get_path))
        import uvicorn

        sock = _bind(host, port)
        actual_port = sock.getsockname()[1]
        if not (vendor / "leaflet" / "dist" / "leaflet.js").is_file():
            click.echo("Map libraries are not installed; the page will say so. "
                       "Run scripts/setup-web.sh to install them.", err=True)
        click.echo(f"Serving hadath at {_url(host, actual_port)}", err=False)
        sys.stdout.flush()
        config = uvicorn.Config(app, log_level=log_level, access_log=log_level in ("info", "debug"))
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        store.close()
