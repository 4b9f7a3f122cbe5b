"""Session-wide fixtures: paths to the shared material and the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HADATH_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "almada-2019-03-03-hit.txt"
SCHEMA = SHARED / "schema" / "event.schema.json"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"the shared material is missing at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared) -> Path:
    return SEED


@pytest.fixture(scope="session")
def event_validator(shared):
    import json

    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
