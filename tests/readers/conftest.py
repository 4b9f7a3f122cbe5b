"""Shared helpers for the reader tests."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from hadath.article import Article
from hadath.readers import ReadError, iter_articles

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "readers"
SEED = Path(os.environ.get("HADATH_SHARED", REPO.parent / "shared")) / "seed" / "almada-2019-03-03-hit.txt"

ARABIC_BODY = "أعلنت قيادة العمليات المشتركة مقتل ثلاثة مسلحين في هجوم على قرية قرب كركوك."


def read_all(paths: Iterable[str | Path]) -> tuple[list[Article], list[ReadError]]:
    errors: list[ReadError] = []
    return list(iter_articles(paths, errors.append)), errors


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
