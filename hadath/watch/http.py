"""Polite HTTP for polling news sites: one client that every watch request goes through.

Politeness, in the order a request meets it:
1. robots.txt (``urllib.robotparser``), fetched once per host and cached; its
   Crawl-delay raises that host's interval. 401/403 on robots.txt means "stay out",
   another 4xx means "no rules"; a server error means "not now" (retried later).
2. A per-host minimum interval between requests (``HostLimiter``).
3. Conditional requests: the caller passes the ETag / Last-Modified it saw last
   time and gets a 304 with no body when nothing changed.
4. Timeouts on every request, and retries with capped exponential back-off on
   5xx, 429 (honouring a short Retry-After), timeouts and connection errors.

Time is injected (``clock``, ``sleep``) so the tests check spacing and back-off
without waiting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

USER_AGENT = "hadath/0.1 (+https://github.com/hadath)"
ROBOTS_AGENT = "hadath"
log = logging.getLogger("hadath.watch")

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass
class Politeness:
    """Settings for ``PoliteClient`` (seconds throughout)."""

    min_interval: float = 5.0  # between two requests to the same host
    timeout: float = 20.0
    retries: int = 3  # extra attempts after the first
    backoff_base: float = 2.0
    backoff_cap: float = 60.0
    robots_ttl: float = 24 * 3600.0
    robots_retry: float = 600.0  # after robots.txt could not be fetched
    max_bytes: int = 20_000_000  # a feed or page larger than this is refused


@dataclass
class Fetched:
    """The outcome of one fetch; ``error`` is set when there is no usable response."""

    url: str
    status: int = 0
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None
    attempts: int = 0
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        if not self.content_type:
            return None
        for part in self.content_type.split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip("\"'")
        return None


class HostLimiter:
    """At least ``interval`` seconds between the starts of two requests to one host."""

    def __init__(self, interval: float, clock: Clock, sleep: Sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}
        self._interval: dict[str, float] = {}

    def set_interval(self, host: str, seconds: float) -> None:
        self._interval[host] = max(self.interval, seconds)

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            due = last + self._interval.get(host, self.interval)
            now = self.clock()
            if now < due:
                self.sleep(due - now)
        self._last[host] = self.clock()


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: a blanket rule in ``allow_all``
    allow_all: bool
    expires: float


@dataclass
class PoliteClient:
    """The one HTTP client of ``hadath watch``. Use as a context manager or ``close()``."""

    politeness: Politeness = field(default_factory=Politeness)
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    transport: httpx.BaseTransport | None = None  # for tests that need no sockets at all

    def __post_init__(self) -> None:
        p = self.politeness
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(p.timeout),
            follow_redirects=True,
            transport=self.transport,
        )
        self.limiter = HostLimiter(p.min_interval, self.clock, self.sleep)
        self._robots: dict[str, _Robots] = {}
        self.requests: list[tuple[float, str]] = []  # (clock time, url) of every request sent

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # --- robots.txt ---------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """May we fetch ``url``? Reads (and caches) the host's robots.txt."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(site)
        if rules is None or rules.expires <= self.clock():
            rules = self._load_robots(site, parts.netloc)
            self._robots[site] = rules
        if rules.parser is None:
            return rules.allow_all
        return rules.parser.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, site: str, host: str) -> _Robots:
        p = self.politeness
        got = self._get(f"{site}/robots.txt", {}, retries=1)
        now = self.clock()
        if got.status == 0 or got.status >= 500 or got.status == 429:
            log.warning("robots.txt of %s unavailable (%s); not fetching there for now",
                        site, got.error or got.status)
            return _Robots(None, False, now + p.robots_retry)
        if got.status in (401, 403):
            return _Robots(None, False, now + p.robots_ttl)
        if got.status != 200:
            return _Robots(None, True, now + p.robots_ttl)
        parser = RobotFileParser()
        parser.parse(got.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.limiter.set_interval(host, float(delay))
        return _Robots(parser, True, now + p.robots_ttl)

    # --- fetching -----------------------------------------------------------------

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None
              ) -> Fetched:
        """GET ``url`` politely; conditional when validators are given. Never raises."""
        if not self.allowed(url):
            return Fetched(url, error="disallowed by robots.txt")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, retries=self.politeness.retries)

    def _get(self, url: str, headers: dict[str, str], retries: int) -> Fetched:
        p = self.politeness
        host = urlsplit(url).netloc
        result = Fetched(url)
        for attempt in range(retries + 1):
            if attempt:
                delay = min(p.backoff_cap, p.backoff_base * 2 ** (attempt - 1))
                if result.status == 429 and (ra := _retry_after(result)) is not None:
                    delay = min(p.backoff_cap, max(delay, ra))
                self.sleep(delay)
            self.limiter.wait(host)
            self.requests.append((self.clock(), url))
            result = Fetched(url, attempts=attempt + 1)
            try:
                with self._client.stream("GET", url, headers=headers) as r:
                    result.status = r.status_code
                    result.etag = r.headers.get("ETag")
                    result.last_modified = r.headers.get("Last-Modified")
                    result.content_type = r.headers.get("Content-Type")
                    result.url = str(r.url)
                    if r.status_code == 200:
                        result.content = _read_capped(r, p.max_bytes)
                    result.retry_after = r.headers.get("Retry-After")
            except httpx.TimeoutException:
                result.error = f"timed out after {p.timeout:g}s"
                continue
            except _TooLarge:
                result.error = f"response larger than {p.max_bytes:,} bytes"
                return result
            except httpx.HTTPError as e:
                result.error = f"{type(e).__name__}: {e}"
                continue
            if result.status >= 500 or result.status == 429:
                result.error = f"HTTP {result.status}"
                continue
            if result.status not in (200, 304):
                result.error = f"HTTP {result.status}"
            return result
        return result


class _TooLarge(Exception):
    pass


def _read_capped(r: httpx.Response, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in r.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(f: Fetched) -> float | None:
    try:
        return float(f.retry_after) if f.retry_after is not None else None
    except ValueError:
        return None
