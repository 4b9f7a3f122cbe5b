"""JSON Lines (one article per line) and JSON files (an array, or one object).

JSONL is streamed line by line so a multi-gigabyte dump costs one line of memory;
a bad line (invalid JSON, not an object, no text) is one ``ReadError`` naming
"path:LINE" and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from hadath.article import Article
from hadath.readers.base import OnError, ReadError, ReadFailure
from hadath.readers.records import article_from_record


def _line_error(e: json.JSONDecodeError) -> str:
    return f"invalid JSON: {e.msg} at column {e.colno}"


def _loads(text: str) -> Any:
    """``json.loads`` that fails only with JSONDecodeError: hostile input may nest
    arrays 100,000 deep (RecursionError) or write a 5,000-digit number (ValueError)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as e:
        raise json.JSONDecodeError("nested too deeply", text, 0) from e
    except ValueError as e:  # int() refuses numbers over sys.get_int_max_str_digits()
        raise json.JSONDecodeError("a number with too many digits", text, 0) from e


def articles_from_lines(lines: Iterable[tuple[int, str | ReadFailure]], name: str,
                        on_error: OnError) -> Iterator[Article]:
    """Read (line number, line text) pairs; a ReadFailure in place of text is reported."""
    for lineno, line in lines:
        origin = f"{name}:{lineno}"
        if isinstance(line, ReadFailure):
            on_error(ReadError(origin, str(line)))
            continue
        if not line.strip():
            continue
        try:
            rec = _loads(line)
        except json.JSONDecodeError as e:
            on_error(ReadError(origin, _line_error(e)))
            continue
        try:
            yield article_from_record(rec, origin)
        except ReadFailure as e:
            on_error(ReadError(origin, str(e)))


def articles_from_json(text: str, name: str, on_error: OnError) -> Iterator[Article]:
    """A .json file: an array of objects, {"articles"|"items"|"data": [...]}, or one object."""
    try:
        doc: Any = _loads(text)
    except json.JSONDecodeError as e:
        # Maybe JSONL saved as .json.
        if "\n" in text.strip():
            yield from articles_from_lines(enumerate(text.split("\n"), 1), name, on_error)
        else:
            on_error(ReadError(f"{name}:{e.lineno}", _line_error(e)))
        return
    if isinstance(doc, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            doc = [doc]
    if not isinstance(doc, list):
        on_error(ReadError(name, f"expected a JSON array or object, got {type(doc).__name__}"))
        return
    for i, rec in enumerate(doc, 1):
        origin = f"{name}:{i}"
        try:
            yield article_from_record(rec, origin)
        except ReadFailure as e:
            on_error(ReadError(origin, f"item {i}: {e}"))
