"""A local HTTP server for the watch tests (127.0.0.1, random free port; never the internet)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from hadath.article import Article
from hadath.store import open_store
from hadath.watch import PoliteClient, Politeness, Watcher, WatchState

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[dict[str, str]], Reply]


@dataclass
class Site:
    """Routes by path; records every request's path and headers."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def static(self, path: str, body: bytes, ctype: str, etag: str | None = None,
               last_modified: str | None = None) -> None:
        def route(h: dict[str, str]) -> Reply:
            if etag and h.get("if-none-match") == etag:
                return Reply(304)
            if last_modified and h.get("if-modified-since") == last_modified:
                return Reply(304)
            headers = {"Content-Type": ctype}
            if etag:
                headers["ETag"] = etag
            if last_modified:
                headers["Last-Modified"] = last_modified
            return Reply(200, body, headers)

        self.routes[path] = route

    def fixture(self, path: str, name: str, ctype: str, **kw: Any) -> None:
        body = (FIXTURES / name).read_text("utf-8").replace("{BASE}", self.base)
        self.static(path, body.encode("utf-8"), ctype, **kw)

    def standard(self, etag: str | None = None) -> None:
        """Two Arabic feeds (RSS: items 1, 2; Atom: item 3) and their three pages."""
        self.fixture("/rss.xml", "rss-arabic.xml", "application/rss+xml", etag=etag)
        self.fixture("/atom.xml", "atom-arabic.atom", "application/atom+xml")
        self.fixture("/news/1.html", "page-1.html", "text/html; charset=utf-8")
        self.fixture("/news/2.html", "page-time.html", "text/html; charset=utf-8")
        self.fixture("/news/3.html", "page-jsonld.html", "text/html; charset=utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        site: Site = self.server.site
        path = self.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in self.headers.items()}
        site.hits[path] += 1
        site.requests.append((path, headers))
        route = site.routes.get(path)
        reply = route(headers) if route else Reply(404, b"not found", {"Content-Type": "text/plain"})
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for k, v in reply.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.body:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    s = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.site = s  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


class FakeClock:
    """Time that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def pipeline_available() -> bool:
    try:
        from hadath.pipeline import extract_records  # noqa: F401
    except ImportError:
        return False
    return True


def extract(article: Article) -> list[dict[str, Any]]:
    """The real pipeline once it imports; until then no records (articles still stored)."""
    if pipeline_available():
        from hadath.pipeline import extract_records

        return extract_records(article)
    return []


@dataclass
class Rig:
    site: Site
    clock: FakeClock
    client: PoliteClient
    state: WatchState
    store: Any
    tmp: Path

    def watcher(self, *paths: str) -> Watcher:
        return Watcher([self.site.base + p for p in paths], self.store, self.state, self.client,
                       extract=extract)

    def restart(self) -> None:
        """A new process: fresh client and state object on the same files."""
        self.client.close()
        self.state.close()
        self.client = PoliteClient(self.client.politeness, clock=self.clock, sleep=self.clock.sleep)
        self.state = WatchState(self.tmp / "watch.db")

    def stored(self) -> list[dict[str, Any]]:
        rows, _ = self.store.articles(None, 100, 0)
        return rows


def make_rig(site: Site, tmp: Path, **politeness: Any) -> Rig:
    clock = FakeClock()
    p = Politeness(**{"min_interval": 0.0, "timeout": 2.0, "retries": 2, "backoff_base": 1.0,
                      **politeness})
    client = PoliteClient(p, clock=clock, sleep=clock.sleep)
    return Rig(site, clock, client, WatchState(tmp / "watch.db"), open_store(tmp / "store.db"), tmp)


@pytest.fixture
def rig(site: Site, tmp_path: Path) -> Iterator[Rig]:
    r = make_rig(site, tmp_path)
    yield r
    r.client.close()
    r.state.close()
    r.store.close()
