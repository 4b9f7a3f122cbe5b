"""Fuzz the number recogniser on mutated Arabic sentences.

Properties: no exception; matches are in order, inside the text, not overlapping, their
``text`` is the folded slice, values are non-negative integers. A sentence written with a
million digits must not take long (libFuzzer's -timeout catches that).

    python fuzz/fuzz_numbers.py -max_total_time=60
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzkit import corpus_sentences, instrumented, main, text_of  # noqa: E402

with instrumented(__name__ == "__main__"):
    from hadath.arabic.normalise import normalise
    from hadath.recognisers.numbers import find_numbers


def check(text: str) -> None:
    folded = normalise(text).text
    last = 0
    for m in find_numbers(folded):
        assert last <= m.start < m.end <= len(folded), (last, m)
        assert m.text == folded[m.start:m.end]
        assert isinstance(m.value, int) and m.value >= 0, m
        last = m.end


def test_one_input(data: bytes) -> None:
    check(text_of(data))


def seeds(limit: int) -> list[bytes]:
    extra = ["قتل ثلاثة وعشرون شخصا", "أكثر من 1,500 قتيل", "عشرات الآلاف من النازحين",
             "مئة وخمسة وعشرين ألفا", "٣٠٠٠ جندي", "9" * 200, "ألف ألف ألف مليون مليار"]
    return [s.encode("utf-8") for s in corpus_sentences(limit) + extra]


if __name__ == "__main__":
    main(__file__, test_one_input, seeds)
