"""Publication dates as they appear in inputs: ISO, RFC 2822, English and Arabic prose.

Readers need the article's *publication* date (the anchor for "yesterday"), not
dates in the body, so this module only parses header fields and metadata values.
A datetime keeps the calendar date it was written with: "2019-03-03T23:30:00+03:00"
is 3 March, as the newspaper printed it, not 2 March UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources

from hadath.arabic.normalise import fold
from hadath.knowledge.yaml_data import load_yaml

_EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}
_EN_MONTH_RE = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_EN_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int  # offsets in the folded string
    end: int


@dataclass(frozen=True)
class _Patterns:
    months: dict[str, int]  # folded Arabic month name -> number
    arabic: re.Pattern[str]
    weekdays: tuple[str, ...]
    line_words: tuple[str, ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = load_yaml(
        resources.files("hadath.data").joinpath("reader_headers.yaml").read_text("utf-8")
    )
    months: dict[str, int] = {}
    for num, names in raw["months"].items():
        for n in names:
            months[" ".join(fold(n).split())] = int(num)
    alt = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(months, key=len, reverse=True))
    # "3 آذار 2019", "3 من آذار 2019", "3 آذار (مارس) 2019", "3 مارس/آذار، 2019"
    arabic = re.compile(
        rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({alt})"
        rf"(?:\s*[/(]\s*(?:{alt})\s*\)?)?\s*[,،]?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{{4}})(?!\d)"
    )
    return _Patterns(
        months=months,
        arabic=arabic,
        weekdays=tuple(fold(w) for w in raw.get("weekdays") or ()),
        line_words=tuple(fold(w) for w in raw.get("date_line_words") or ()),
    )


_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_EN_DMY = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_EN_MONTH_RE})\.?,?\s+(\d{{4}})(?!\d)", re.I
)
_EN_MDY = re.compile(
    rf"\b({_EN_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I
)


FIRST_YEAR, LAST_YEAR = 1800, 2200  # a publication date outside these is a typo or junk


def plausible(value: date | None) -> date | None:
    """``value`` if it can be a publication date, else None.

    Year 1 or 9999 parses fine but breaks every "days before publication" sum the
    pipeline does (``date.min - timedelta(days=7)`` overflows), so junk is dropped here.
    """
    if value is None or not FIRST_YEAR <= value.year <= LAST_YEAR:
        return None
    return value


def _mk(y: str | int, m: str | int, d: str | int) -> date | None:
    try:
        y, m, d = int(y), int(m), int(d)
        if not FIRST_YEAR <= y <= LAST_YEAR:
            return None
        return date(y, m, d)
    except ValueError:
        return None


def find_date(text: str) -> FoundDate | None:
    """The first calendar date written in ``text`` (offsets are into ``fold(text)``)."""
    s = fold(text)
    cands: list[FoundDate] = []
    for m in _ISO.finditer(s):
        d = _mk(m[1], m[2], m[3])
        if d:
            cands.append(FoundDate(d, m.start(), m.end()))
            break
    for m in _DMY.finditer(s):
        d = _mk(m[3], m[2], m[1])
        if d:
            cands.append(FoundDate(d, m.start(), m.end()))
            break
    for m in _EN_DMY.finditer(s):
        d = _mk(m[3], _EN_MONTHS[m[2].lower()], m[1])
        if d:
            cands.append(FoundDate(d, m.start(), m.end()))
            break
    for m in _EN_MDY.finditer(s):
        d = _mk(m[3], _EN_MONTHS[m[1].lower()], m[2])
        if d:
            cands.append(FoundDate(d, m.start(), m.end()))
            break
    p = _patterns()
    for m in p.arabic.finditer(s):
        d = _mk(m[3], p.months[" ".join(m[2].split())], m[1])
        if d:
            cands.append(FoundDate(d, m.start(), m.end()))
            break
    return min(cands, key=lambda f: f.start) if cands else None


def parse_date(value: object) -> date | None:
    """A publication date from a metadata value: date, datetime, ISO, RFC 2822, prose.

    Dates outside ``FIRST_YEAR``..``LAST_YEAR`` count as no date (see ``plausible``).
    """
    return plausible(_parse_date(value))


def _parse_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value).date() if value > 10**8 else None
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if re.match(rf"\s*(?:{_EN_WEEKDAYS},?\s*)?\d{{1,2}}\s+[A-Za-z]{{3}}", s, re.I):
        try:
            return parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            pass
    found = find_date(s)
    return found.value if found else None


_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def date_line(line: str) -> date | None:
    """The date if ``line`` is a header date line ("Sunday 3rd of March 2019 12:00:00 AM ,").

    A date line holds a date and little else: weekday names, a time, a Hijri date
    ("الموافق ... هـ") and the like. Body sentences that mention a date are longer
    and have real words around it, so they are not taken.
    """
    if len(line) > 120:
        return None
    found = find_date(line)
    if not found:
        return None
    s = fold(line)
    rest = s[: found.start] + " " + s[found.end:]
    rest = _TIME.sub(" ", rest)
    rest = re.sub(rf"\b{_EN_WEEKDAYS}\b|\bof\b|\bthe\b", " ", rest, flags=re.I)
    p = _patterns()
    words = [w for w in _WORD.findall(rest) if w not in p.weekdays and w not in p.line_words]
    hijri = re.search(r"\d{4}\s*ه\b", rest)
    limit = 4 if hijri else 1
    return found.value if len(words) <= limit else None
