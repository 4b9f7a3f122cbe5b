"""Turn bytes into text without being told the encoding.

Arabic archives come as UTF-8 (with or without a BOM), UTF-16 from Windows tools
(often without a BOM) and Windows-1256 from older newspaper sites. The order of
the checks matters:

1. A byte-order mark decides (UTF-8-SIG, UTF-32, UTF-16 LE/BE).
2. Strict UTF-8, unless it yields control characters (a BOM-less UTF-16 Arabic
   text is often valid UTF-8 made of C0 controls).
3. BOM-less UTF-16: either byte order, kept if the result is plausible text.
4. Windows-1256, kept if the result is plausible and mostly Arabic.
5. charset-normalizer's best guess, kept if plausible.

"Plausible" means almost no control, unassigned, private-use or replacement
characters. Nothing plausible: ``DecodeFailure`` (the reader reports one error).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BAD_RATIO = 0.02  # share of implausible characters above which a decoding is rejected
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER_NON_ASCII = re.compile(r"[^\x00-\x7f\W\d_]")


class DecodeFailure(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False


def bad_ratio(text: str) -> float:
    """Share of characters that no real text contains (controls, unassigned, U+FFFD...)."""
    if not text:
        return 0.0
    bad = 0
    for ch, n in Counter(text).items():
        o = ord(ch)
        if o < 0x20:
            if ch not in "\n\r\t\f":
                bad += n
        elif o < 0x7f:
            continue
        elif ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
            bad += n
    return bad / len(text)


def _plausible(text: str) -> bool:
    return bad_ratio(text) <= _BAD_RATIO


def _mostly_arabic(text: str) -> bool:
    letters = _LETTER_NON_ASCII.findall(text)
    if not letters:
        return True  # nothing beyond ASCII: any single-byte reading is the same
    return sum(1 for c in letters if _ARABIC.match(c)) >= 0.6 * len(letters)


def _utf16_guess(data: bytes) -> Decoded | None:
    if len(data) < 2:
        return None
    even = data[: len(data) - (len(data) % 2)]
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(enc)
        except UnicodeDecodeError:
            continue
        r = bad_ratio(text)
        # BOM-less UTF-16 must also look like a script we expect, not random CJK.
        if r <= _BAD_RATIO and _utf16_shape(text) and (best is None or r < best[0]):
            best = (r, enc, text)
    return Decoded(best[2], best[1]) if best else None


def _expected_script(o: int) -> bool:
    return o < 0x250 or 0x600 <= o <= 0x6FF or 0x2000 <= o <= 0x206F or 0xFB50 <= o <= 0xFEFF


def _utf16_shape(text: str) -> bool:
    """Mostly ASCII, Latin, Arabic or punctuation: what a misread UTF-16 never is."""
    if not text:
        return False
    ok = sum(n for c, n in Counter(text).items() if _expected_script(ord(c)))
    return ok >= 0.9 * len(text)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` (an HTTP or <meta> charset) is tried first if valid."""
    # 1. byte-order marks
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc, bom=True)
            except UnicodeDecodeError as e:
                raise DecodeFailure(f"starts with a {enc} byte-order mark but is not {enc}: {e}") from e
    if declared:
        try:
            codecs.lookup(declared)
            text = data.decode(declared)
            if _plausible(text):
                return Decoded(text, codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    if not data:
        return Decoded("", "utf-8")
    # 2. UTF-8
    try:
        text = data.decode("utf-8")
        if _plausible(text):
            return Decoded(text, "utf-8")
    except UnicodeDecodeError:
        pass
    # 3. UTF-16 without a BOM
    guess = _utf16_guess(data)
    if guess:
        return guess
    # 4. Windows-1256
    try:
        text = data.decode("cp1256")
        if _plausible(text) and _mostly_arabic(text):
            return Decoded(text, "cp1256")
    except UnicodeDecodeError:
        pass
    # 5. charset-normalizer
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return Decoded(text, best.encoding)
    raise DecodeFailure("not text in any recognised encoding (binary or corrupt data)")


def sniff_prefix(prefix: bytes) -> str | None:
    """For streaming: the encoding of a file's first bytes, if lines can be split on b"\\n".

    Returns "utf-8-sig", "utf-8" or "cp1256" (single-byte-safe encodings) or None when
    the whole file must be decoded at once (UTF-16/32, or anything unclear).
    """
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if prefix[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b"\x00" in prefix:
        return None
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        text = dec.decode(prefix, final=False)
        return "utf-8" if _plausible(text) else None
    except UnicodeDecodeError:
        pass
    try:
        text = prefix.decode("cp1256")
    except UnicodeDecodeError:
        return None
    return "cp1256" if _plausible(text) and _mostly_arabic(text) else None


def decode_line(raw: bytes) -> str:
    """One line of a streamed file (JSONL) that may mix encodings line by line.

    Files stitched together from several scrapers mix UTF-8 lines with Windows-1256
    ones; deciding per line keeps every UTF-8 line intact whatever the first bytes of
    the file looked like. Real Windows-1256 Arabic is practically never valid UTF-8,
    so UTF-8 is tried first. ``DecodeFailure`` when the line is neither.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = f"{e.reason} at byte {e.start}"
    text = raw.decode("cp1256")  # every byte is defined in Windows-1256
    if _plausible(text) and _mostly_arabic(text):
        return text
    raise DecodeFailure(f"not valid UTF-8 ({utf8_error}) nor Windows-1256 Arabic")
