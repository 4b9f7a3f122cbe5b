"""Fixtures: one real SQLite store per session (seed + test articles) and clients over it."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette asks for httpx2 under TestClient; the plain httpx one works the same here.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from hadath.api import ApiSettings, create_app
from hadath.store import Store


def _load_storedata():
    """tests/ is not a package (import-mode=importlib): load the helper by path."""
    name = "hadath_tests_api_storedata"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("storedata.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


storedata = _load_storedata()


@pytest.fixture(scope="session")
def data():
    return storedata


@pytest.fixture(scope="session")
def store(tmp_path_factory, seed_path) -> Iterator[Store]:
    s = storedata.build_store(tmp_path_factory.mktemp("api") / "hadath.db", seed_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def client(store) -> Iterator[TestClient]:
    with TestClient(create_app(store, ApiSettings())) as c:
        yield c


@pytest.fixture(scope="session")
def seed_events(client) -> dict[str, dict]:
    """The seed's canonical events by event type."""
    page = client.get("/api/events", params={"date_from": "2019-03-02",
                                             "date_to": "2019-03-03"}).json()
    return {e["event_type"]: e for e in page["events"]}
