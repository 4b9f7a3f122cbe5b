"""Fixtures for the reliability tests: real good articles, the hostile corpus, runners.

"Good" articles are the first rows of the shared Telegram corpus (real Iraqi wire
reports, short, most with an event). Every test compares what a run makes of them
with and without something hostile next to them: nothing of theirs may change.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS_NAME = "telegram-iraq-2026.jsonl"


def load_local(name: str) -> types.ModuleType:
    """Load a helper module next to this file (tests/ is not a package)."""
    key = f"hadath_tests_reliability_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules[key]


nasty = load_local("nasty")


@dataclass
class Run:
    """What one in-process CLI run did."""

    exit_code: int
    stdout: bytes
    stderr: str
    exception: BaseException | None

    @property
    def lines(self) -> list[bytes]:
        return self.stdout.splitlines(keepends=True)

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


def run_cli(*args: str, input: bytes | None = None) -> Run:
    from hadath.cli import main

    res = CliRunner().invoke(main, [str(a) for a in args], input=input)
    exc = res.exception if not isinstance(res.exception, SystemExit) else None
    return Run(res.exit_code, res.stdout_bytes, res.stderr, exc)


def corpus_rows(shared: Path, n: int) -> list[dict[str, Any]]:
    rows = []
    with (shared / "corpus" / CORPUS_NAME).open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@dataclass
class Good:
    """Two files of good articles and what ``hadath extract`` makes of them alone."""

    a: Path
    b: Path
    ids: set[str]
    baseline: Run


@pytest.fixture(scope="session")
def good(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Good:
    rows = corpus_rows(shared, 12)
    folder = tmp_path_factory.mktemp("good")
    a = write_jsonl(folder / "good-a.jsonl", rows[:6])
    b = write_jsonl(folder / "good-b.jsonl", rows[6:])
    baseline = run_cli("extract", a, b, "-q")
    assert baseline.exit_code == 0 and baseline.exception is None, baseline.stderr
    assert len(baseline.lines) >= 5, "the good articles should produce events"
    return Good(a, b, {r["id"] for r in rows}, baseline)


@pytest.fixture(scope="session")
def report_essence(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """What the clean report finds: the yardstick of the ``same_as`` cases."""
    path = tmp_path_factory.mktemp("report") / "report.jsonl"
    path.write_bytes(nasty.jsonl(nasty.row("clean-report", nasty.REPORT)))
    run = run_cli("extract", path, "-q")
    assert run.exit_code == 0, run.stderr
    found = [essence(r) for r in run.records()]
    assert found, "the clean report should yield an event"
    return found


def essence(rec: dict[str, Any]) -> tuple:
    """The facts of a record, without ids and offsets (which move with invisible marks)."""
    return (rec["event_type"], rec["sub_event_type"], rec["event_date"], rec["location"],
            rec["fatalities"], rec["injuries"], (rec["actor1"] or {}).get("name"),
            (rec["actor2"] or {}).get("name"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """The store engineer's throw-away PostgreSQL server (hadath.store.testing)."""
    import os

    from hadath.store.testing import PostgresUnavailable, temp_postgres

    try:
        with temp_postgres() as server:
            yield server
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
