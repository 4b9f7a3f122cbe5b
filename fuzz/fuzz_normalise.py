"""Fuzz the Arabic normaliser: folding and the offset map back to the original.

Properties: the folded text is never longer than the original; every folded character
maps back to an original character that folds to it, in increasing order; any span maps
back inside the original.

    python fuzz/fuzz_normalise.py -max_total_time=60
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzkit import corpus_sentences, instrumented, main, text_of  # noqa: E402

with instrumented(__name__ == "__main__"):
    from hadath.arabic.normalise import fold, normalise


def check(text: str) -> None:
    n = normalise(text)
    assert n.original == text
    assert len(n.text) <= len(text), "folding grew the text"
    last = -1
    for i, ch in enumerate(n.text):
        j = n.to_original(i)
        assert last < j < len(text), f"offset {i} maps to {j} after {last}"
        assert ch in (text[j], fold(text[j])), f"{ch!r} at {i} is not {text[j]!r} folded"
        last = j
    for start in range(0, len(n.text) + 1, 7):
        a, b = n.span_to_original(start, min(len(n.text), start + 5))
        assert 0 <= a <= b <= len(text)


def test_one_input(data: bytes) -> None:
    check(text_of(data))


def seeds(limit: int) -> list[bytes]:
    extra = ["أَحْمَدُ", "الـــعـــراق", "ق\u200fت\u200bل", "İstanbul ǅ ﬁ", "٣٤٥ ۴۵۶", "\ue000x\ufeff"]
    return [s.encode("utf-8") for s in corpus_sentences(limit) + extra]


if __name__ == "__main__":
    main(__file__, test_one_input, seeds)
