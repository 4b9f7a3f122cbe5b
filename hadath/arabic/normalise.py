"""Arabic normalisation for matching, with a map back to the original text.

Matching needs one spelling per word (أ/إ/آ/ا, ة/ه, ى/ي, ٣/3, diacritics or not),
but users need evidence offsets into the text exactly as published. Every folding
here is one character to at most one character, so the folded text is the original
minus deleted characters; ``NormalisedText.to_original`` maps any folded offset back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# One character in, one character out. Deletions are listed in _DELETE below.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۃ": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ڪ": "ك",
    "ھ": "ه", "ہ": "ه",
    "٫": ".", "٬": ",", "،": "،",
}
# Unicode spaces (no-break, thin, figure, ideographic...) separate words like a space:
# web copy joins "المقاومة\u00a0الشعبية" with one, which would hide the name from matching.
for _space in ("\u00a0", "\u1680", "\u202f", "\u205f", "\u3000", *map(chr, range(0x2000, 0x200B))):
    _FOLD[_space] = " "
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Eastern Arabic-Indic (Persian/Urdu) digits

# Characters that carry no meaning for matching: harakat, shadda, sukun, dagger alef,
# Quranic marks, tatweel, bidi controls, zero-width characters, BOM, soft hyphen.
_DELETE_RANGES = [
    (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED),
    (0x0640, 0x0640), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2069),
    (0xFEFF, 0xFEFF), (0x00AD, 0x00AD), (0xE000, 0xF8FF),
]
_DELETE_CLASS = "".join(
    f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in _DELETE_RANGES
)
DELETABLE = re.compile(f"[{_DELETE_CLASS}]+")

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _FOLD.items()}
for _a, _b in _DELETE_RANGES:
    for _c in range(_a, _b + 1):
        _TABLE[_c] = None


# Folding visits only the characters that change: the frequent letters by str.replace,
# the rest with one regex; str.translate would look up every character in a dict.
_CHANGED = {chr(k): (v or "") for k, v in _TABLE.items() if v != chr(k)}
_FREQUENT = [c for c in "ةىأإآئؤ" if c in _CHANGED]
_RARE = {c: v for c, v in _CHANGED.items() if c not in _FREQUENT}
_RARE_RE = re.compile("[" + "".join(re.escape(c) for c in _RARE) + "]")


def fold(text: str) -> str:
    """Fold text for matching; lower-cases Latin so 'ISIS' and 'isis' meet."""
    for c in _FREQUENT:
        if c in text:
            text = text.replace(c, _CHANGED[c])
    return _RARE_RE.sub(lambda m: _RARE[m.group()], text).lower()


# The one code point whose lower() is longer than itself (checked by a test over all of
# Unicode); text containing it takes the per-character path so offsets stay exact.
_LENGTHENS_WHEN_LOWERED = "\u0130"


def _fold_keeps_length(text: str) -> bool:
    return _LENGTHENS_WHEN_LOWERED not in text


def _fold_char(char: str) -> str:
    kept = char.translate(_TABLE)
    low = kept.lower()
    return low if len(low) == len(kept) else kept


@dataclass(frozen=True)
class NormalisedText:
    """Folded text plus the offsets of the characters that folding deleted."""

    original: str
    text: str
    # Sorted folded positions where a run of deleted characters ended, and the
    # cumulative count of deleted characters up to that point.
    _cuts: tuple[int, ...] = field(default=(), repr=False)
    _shift: tuple[int, ...] = field(default=(), repr=False)

    def to_original(self, offset: int) -> int:
        """Map an offset in ``text`` to the offset of the same character in ``original``.

        An end offset (exclusive) maps to just after the last kept character, so a span
        never swallows the deleted characters that follow it.
        """
        if not self._cuts:
            return offset
        i = bisect_right(self._cuts, offset) - 1
        return offset + (self._shift[i] if i >= 0 else 0)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def normalise(original: str) -> NormalisedText:
    """Fold ``original`` and remember where deletions happened."""
    if _fold_keeps_length(original):
        text = fold(original)
    else:
        text = "".join(_fold_char(c) for c in original)
    cuts: list[int] = []
    shift: list[int] = []
    deleted = 0
    for m in DELETABLE.finditer(original):
        # position in folded text where the run would have started
        pos = m.start() - deleted
        deleted += m.end() - m.start()
        cuts.append(pos)
        shift.append(deleted)
    return NormalisedText(original, text, tuple(cuts), tuple(shift))
