"""Directories, stdin, format sniffing, missing paths."""

from __future__ import annotations

import gzip
import io
import json
import sys

from hadath.readers import format_of

from .conftest import ARABIC_BODY, read_all


def test_dispatch_directory_recursive_sorted_skips_hidden(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("ب " + ARABIC_BODY, "utf-8")
    (tmp_path / "a.txt").write_text("ا " + ARABIC_BODY, "utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": ARABIC_BODY}), "utf-8")
    (tmp_path / ".secret.txt").write_text("x " + ARABIC_BODY, "utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text("h " + ARABIC_BODY, "utf-8")
    (tmp_path / "notes.md").write_text("not an article", "utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "d", "text": ARABIC_BODY}) + "\n")
    arts, errors = read_all([tmp_path])
    assert errors == []
    assert [a.text[:1] if not a.id.isalpha() else a.id for a in arts] == ["ا", "ب", "c", "d"]


def test_dispatch_missing_path_is_an_error(tmp_path) -> None:
    arts, errors = read_all([tmp_path / "nope.txt"])
    assert arts == [] and errors[0].origin == str(tmp_path / "nope.txt")


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dispatch_stdin_jsonl(monkeypatch) -> None:
    data = "\n".join(json.dumps({"id": f"s{i}", "text": ARABIC_BODY}) for i in range(3))
    _stdin(monkeypatch, data.encode())
    arts, errors = read_all(["-"])
    assert [a.id for a in arts] == ["s0", "s1", "s2"] and errors == []
    assert arts[1].origin == "<stdin>:2"


def test_dispatch_stdin_plain_text(monkeypatch) -> None:
    _stdin(monkeypatch, ("عنوان الخبر\nالأحد 3 مارس 2019\n\n" + ARABIC_BODY).encode("utf-16"))
    (a,), errors = read_all(["-"])
    assert errors == []
    assert a.title == "عنوان الخبر" and a.text == ARABIC_BODY


def test_dispatch_format_of_names() -> None:
    assert format_of("a/b.TXT") == "text"
    assert format_of("x.jsonl.gz") == "jsonl"
    assert format_of("x.warc.gz") == "warc"
    assert format_of("x.arc") == "warc"
    assert format_of("feed.atom") == "feed"
    assert format_of("README.md") is None
