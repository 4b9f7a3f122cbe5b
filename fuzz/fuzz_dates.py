"""Fuzz the date recogniser on mutated Arabic sentences, anchored at fuzzed dates.

The first three bytes choose the publication date (any day from year 1 to 9999, or
none), the rest is the text. Properties: no exception (no date arithmetic leaves
``date``'s range); spans in order and inside the text; a resolved day is a real
``date``.

    python fuzz/fuzz_dates.py -max_total_time=60
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzkit import corpus_sentences, instrumented, main, text_of  # noqa: E402

with instrumented(__name__ == "__main__"):
    from hadath.arabic.normalise import normalise
    from hadath.recognisers.dates import find_dates

ANCHOR = date(2019, 3, 3)


def published_of(head: bytes) -> date | None:
    """0xFFFFFF: no date; otherwise days around 2019-03-03, wrapping over 1..9999."""
    n = int.from_bytes(head.ljust(3, b"\0"), "big")
    if n == 0xFFFFFF:
        return None
    span = (date.max - date.min).days + 1
    return date.min + timedelta(days=(ANCHOR.toordinal() - 1 + n - 0x800000) % span)


def check(text: str, published: date | None) -> None:
    folded = normalise(text).text
    last = 0
    for m in find_dates(folded, published):
        assert last <= m.start < m.end <= len(folded), (last, m)
        assert m.text == folded[m.start:m.end]
        assert m.date is None or isinstance(m.date, date)
        last = m.end


def test_one_input(data: bytes) -> None:
    check(text_of(data[3:]), published_of(data[:3]))


def seeds(limit: int) -> list[bytes]:
    texts = corpus_sentences(limit) + [
        "قتل ثلاثة في 31 شباط 2019", "يوم 30 فبراير", "في 0/0/0000", "في 99/99/99999",
        "مساء أمس الأحد", "قبل 99999999 يوما", "منذ 999999 عام", "في 1 رمضان 99999 هـ",
        "الموافق 26 جمادى الآخرة 1440 هـ", "في 31 كانون الأول 9999"]
    heads = [b"\x80\x00\x00", b"\xff\xff\xff", b"\x00\x00\x00", b"\xff\xff\xfe"]
    return [heads[i % len(heads)] + t.encode("utf-8") for i, t in enumerate(texts)]


if __name__ == "__main__":
    main(__file__, test_one_input, seeds)
