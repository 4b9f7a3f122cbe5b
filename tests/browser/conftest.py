"""Real headless Chromium against a real ``hadath serve`` on 127.0.0.1.

Chromium is the Debian package (scripts/setup-web.sh installs it; never ``playwright
install``: there is no internet). Without Chromium or the npm assets the tests skip,
except under CI, where that is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
VENDOR = REPO / "hadath" / "api" / "static" / "vendor" / "node_modules"
OUTPUT = REPO / "test-output"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _missing(what: str) -> None:
    message = f"{what}; run scripts/setup-web.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _load_storedata():
    name = "hadath_tests_api_storedata"
    if name not in sys.modules:
        path = REPO / "tests" / "api" / "storedata.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    events: dict[str, dict] = field(default_factory=dict)  # location -> event


def start_server(db: Path, extra_env: dict[str, str] | None = None) -> Server:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hadath.cli.serve import command; command()",
         "--db", str(db), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    match = re.fullmatch(r"Serving hadath at (http://127\.0\.0\.1:\d+/)\n", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"hadath serve did not start: {line!r}")
    server = Server(match.group(1), proc)
    deadline = time.monotonic() + 15
    while True:
        try:
            page = httpx.get(server.url + "api/events?limit=1000", timeout=2).json()
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.1)
    server.events = {e["location"]: e for e in page["events"]}
    return server


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session")
def db(tmp_path_factory, seed_path) -> Path:
    path = tmp_path_factory.mktemp("browser") / "hadath.db"
    _load_storedata().build_store(path, seed_path).close()
    return path


@pytest.fixture(scope="session")
def server(db) -> Iterator[Server]:
    if not (VENDOR / "leaflet" / "dist" / "leaflet.js").is_file():
        _missing(f"the web assets are not installed in {VENDOR}")
    s = start_server(db)
    yield s
    stop_server(s)


@pytest.fixture(scope="session")
def bare_server(db, tmp_path_factory) -> Iterator[Server]:
    """The same data, served as if scripts/setup-web.sh had never run."""
    s = start_server(db, {"HADATH_WEB_VENDOR": str(tmp_path_factory.mktemp("no-vendor"))})
    yield s
    stop_server(s)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"headless Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watched:
    """A page plus what it said: console errors, uncaught errors, dialogs (alert())."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture()
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    page = context.new_page()
    w = Watched(page)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(f"uncaught: {e}"))

    def on_dialog(dialog):
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield w
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
