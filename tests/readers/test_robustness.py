"""No input crashes a reader: damaged files give ReadErrors, never exceptions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.readers import ReadError, iter_articles

from .conftest import FIXTURES

_SEEDS = [(FIXTURES / n).read_bytes() for n in
          ("rss-arabic.xml", "atom-arabic.atom", "page-1.html", "layout-arabic-date.txt")]
_SEEDS.append(b'{"id": "a", "text": "\xd9\x87\xd8\xac\xd9\x88\xd9\x85"}\n{"id": "b", "text": 1}\n')
_EXTS = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".xml", ".warc", ".warc.gz", ""]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 12))):
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "cut", "insert"]))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos:pos + draw(st.integers(1, 40))]
        else:
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


@pytest.mark.parametrize("ext", _EXTS)
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged())
def test_robustness_damaged_input_never_raises(tmp_path, ext: str, data: bytes) -> None:
    path = tmp_path / f"input{ext}"
    path.write_bytes(data)
    errors: list[ReadError] = []
    for article in iter_articles([path], errors.append):
        assert article.text.strip()
        assert len(article.text) <= 1_000_000
    assert all(e.origin.startswith(str(path)) and e.message for e in errors)
