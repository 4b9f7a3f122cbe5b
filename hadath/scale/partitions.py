"""Cut the input into partitions a worker can read on its own, with exact origins.

A partition is a description (a file, a byte range, a first line number), never the
data: the scheduler ships a few hundred bytes per task and each worker reads its
share straight from shared storage. JSON Lines files are cut on line boundaries
every ``size`` lines, and the partition remembers the number of its first line, so a
bad line is still reported as ``path:LINE`` exactly as the single-process reader
reports it. Parquet files are cut every ``size`` rows. Every other format (plain text,
HTML, CSV, feeds, WARC, gzip) cannot be split without reading it, so whole files
are grouped, up to ``size`` files or ``MAX_GROUP_BYTES`` per partition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hadath.article import Article
from hadath.readers import ReadError, format_of, read_file
from hadath.readers.base import OnError, ReadFailure
from hadath.readers.dispatch import decode_jsonl_line, walk
from hadath.readers.encoding import sniff_prefix

DEFAULT_PARTITION_SIZE = 1000  # articles (lines, rows or files) per task
MAX_GROUP_BYTES = 64 << 20  # a group of whole files stops growing here
_SCAN_CHUNK = 4 << 20
_SPLITTABLE_ENCODINGS = ("utf-8", "utf-8-sig", "cp1256")


@dataclass(frozen=True)
class Partition:
    """One task's share of the input.

    ``kind`` is "lines" (``path`` bytes [start, end), first line ``first_line``),
    "rows" (Parquet rows [start, end) of ``path``) or "files" (whole ``files``).
    ``name`` is the path as the user gave it, used in error origins; ``path`` is
    absolute, so a worker with another working directory still finds it.
    """

    index: int
    kind: str
    path: str = ""
    name: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    encoding: str = "utf-8"
    files: tuple[tuple[str, str], ...] = ()  # (absolute path, name) pairs


def input_files(paths: Iterable[str | Path], on_error: OnError) -> Iterator[tuple[str, str]]:
    """(absolute path, name) of every input file, in the order ``iter_articles`` reads them."""
    for p in paths:
        name = str(p)
        if name == "-":
            on_error(ReadError("<stdin>", "standard input cannot be read on a cluster; "
                               "save it to a file on shared storage"))
            continue
        path = Path(p)
        if path.is_dir():
            for f in walk(path, lambda name: format_of(name) or _is_parquet(name)):
                yield os.path.abspath(f), str(f)
        elif path.is_file():
            yield os.path.abspath(path), name
        else:
            on_error(ReadError(name, "no such file or directory"))


def _is_parquet(name: str) -> bool:
    return name.lower().endswith((".parquet", ".parq"))


def plan_partitions(paths: Iterable[str | Path], on_error: OnError,
                    size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """Partitions covering every input file once, in input order."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    parts: list[Partition] = []
    group: list[tuple[str, str]] = []
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            parts.append(Partition(len(parts), "files", files=tuple(group)))
        group, group_bytes = [], 0

    for path, name in input_files(paths, on_error):
        if _is_parquet(path):
            flush()
            for start, end in _row_ranges(path, size, on_error, name):
                parts.append(Partition(len(parts), "rows", path, name, start, end))
            continue
        encoding = _splittable_jsonl(path)
        if encoding:
            flush()
            for start, end, first in line_ranges(path, size):
                parts.append(Partition(len(parts), "lines", path, name, start, end, first,
                                       encoding))
            continue
        try:
            nbytes = os.path.getsize(path)
        except OSError:
            nbytes = 0
        if group and (len(group) >= size or group_bytes + nbytes > MAX_GROUP_BYTES):
            flush()
        group.append((path, name))
        group_bytes += nbytes
    flush()
    return parts


def _splittable_jsonl(path: str) -> str | None:
    """The encoding of an uncompressed JSON Lines file that can be cut on b"\\n", else None."""
    if format_of(path) != "jsonl" or path.lower().endswith(".gz"):
        return None
    try:
        with open(path, "rb") as f:
            prefix = f.read(65536)
    except OSError:
        return None
    enc = sniff_prefix(prefix)
    return enc if enc in _SPLITTABLE_ENCODINGS else None


def line_ranges(path: str, size: int) -> list[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of every run of ``size`` lines.

    Counting newlines a chunk at a time (``bytes.count`` runs in C) keeps planning at
    disk speed; only the chunks where a cut falls are searched line by line.
    """
    ranges: list[tuple[int, int, int]] = []
    start, first, in_part, pos = 0, 1, 0, 0
    with open(path, "rb") as f:
        while buf := f.read(_SCAN_CHUNK):
            i = 0
            while True:
                left = buf.count(b"\n", i)
                if in_part + left < size:
                    in_part += left
                    break
                for _ in range(size - in_part):
                    i = buf.index(b"\n", i) + 1
                cut = pos + i
                ranges.append((start, cut, first))
                start, first, in_part = cut, first + size, 0
            pos += len(buf)
    if start < pos:
        ranges.append((start, pos, first))
    return ranges


def _row_ranges(path: str, size: int, on_error: OnError, name: str) -> list[tuple[int, int]]:
    try:
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one reported error
        on_error(ReadError(name, f"cannot read Parquet: {exc}"))
        return []
    return [(a, min(a + size, rows)) for a in range(0, rows, size)]


def read_partition(part: Partition, on_error: OnError) -> Iterator[Article]:
    """The articles of one partition, with the same origins the single-process reader gives."""
    if part.kind == "lines":
        yield from _read_lines(part, on_error)
    elif part.kind == "rows":
        yield from _read_rows(part, on_error)
    else:
        for path, name in part.files:
            yield from read_file(Path(path), _renaming(on_error, path, name))


def _renaming(on_error: OnError, path: str, name: str) -> OnError:
    """Report errors under the name the user gave, not the absolute path a worker used."""
    if path == name:
        return on_error

    def report(err: ReadError) -> None:
        origin = name + err.origin[len(path):] if err.origin.startswith(path) else err.origin
        on_error(ReadError(origin, err.message))

    return report


def _read_lines(part: Partition, on_error: OnError) -> Iterator[Article]:
    from hadath.readers.jsonl import articles_from_lines

    try:
        with open(part.path, "rb") as f:
            f.seek(part.start)
            data = f.read(part.end - part.start)
    except OSError as exc:
        on_error(ReadError(part.name, f"cannot read: {exc}"))
        return
    def lines() -> Iterator[tuple[int, str | ReadFailure]]:
        # Lines keep their b"\n", as the streaming reader's do, so that even the
        # column of a JSON error is the same; each is decoded on its own, as there.
        raw_lines = [line + b"\n" for line in data.split(b"\n")]
        last = raw_lines.pop()[:-1]
        if last:
            raw_lines.append(last)  # a last line without its newline
        for offset, raw in enumerate(raw_lines):
            lineno = part.first_line + offset
            yield lineno, decode_jsonl_line(lineno, raw)

    yield from articles_from_lines(lines(), part.name, on_error)


def _read_rows(part: Partition, on_error: OnError) -> Iterator[Article]:
    import pyarrow.parquet as pq

    from hadath.readers.records import article_from_record

    try:
        pf = pq.ParquetFile(part.path)
        meta = pf.metadata
        groups, offset, first_row = [], 0, None
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if offset < part.end and offset + n > part.start:
                groups.append(g)
                first_row = offset if first_row is None else first_row
            offset += n
        table = pf.read_row_groups(groups) if groups else None
    except Exception as exc:  # noqa: BLE001 - a broken file is one reported error
        on_error(ReadError(part.name, f"cannot read Parquet: {exc}"))
        return
    if table is None or first_row is None:
        return
    rows = table.slice(part.start - first_row, part.end - part.start).to_pylist()
    for i, rec in enumerate(rows, part.start + 1):
        origin = f"{part.name}:{i}"
        try:
            yield article_from_record(rec, origin)
        except ReadFailure as e:
            on_error(ReadError(origin, f"row {i}: {e}"))
