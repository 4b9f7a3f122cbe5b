"""CSV and TSV with a header row naming at least a ``text`` column.

Fields may hold whole articles with newlines (quoted), so the csv module's field
limit is raised. Rows are numbered by the physical line they start on, so an error
"path:LINE" can be found in an editor.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from hadath.article import Article
from hadath.readers.base import MAX_CHARS, OnError, ReadError, ReadFailure
from hadath.readers.records import FIELDS, article_from_record


def _raise_field_limit() -> None:
    limit = max(csv.field_size_limit(), 4 * MAX_CHARS)
    csv.field_size_limit(min(limit, sys.maxsize))


def _dialect(text: str, tab: bool | None) -> type[csv.Dialect] | csv.Dialect:
    if tab is True:
        return csv.excel_tab
    if tab is False:
        return csv.excel
    first = text.split("\n", 1)[0]
    return csv.excel_tab if first.count("\t") > first.count(",") else csv.excel


def articles_from_csv(text: str, name: str, on_error: OnError, tab: bool | None = None
                      ) -> Iterator[Article]:
    """Read a CSV (``tab=False``), TSV (``tab=True``) or sniffed (``None``) table."""
    _raise_field_limit()
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text, tab))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as e:
        on_error(ReadError(f"{name}:1", f"unreadable header: {e}"))
        return
    keys = [h.strip().lstrip("\ufeff").lower() for h in header]
    if not any(k in FIELDS["text"] for k in keys):
        on_error(ReadError(f"{name}:1", f"no text column in header {header!r}"))
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            on_error(ReadError(f"{name}:{start}", f"malformed row: {e}"))
            start = reader.line_num + 1
            continue
        origin = f"{name}:{start}"
        start = reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(keys):
            on_error(ReadError(origin, f"expected {len(keys)} fields, found {len(row)}"))
            continue
        try:
            yield article_from_record(dict(zip(keys, row, strict=True)), origin)
        except ReadFailure as e:
            on_error(ReadError(origin, str(e)))
