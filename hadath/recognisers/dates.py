"""Dates in folded Arabic text, resolved against the publication date (CODEBOOK §4).

News dates come as: day + month (+ year) in any of the Levantine/Iraqi, Egyptian/Gulf,
Maghrebi or Hijri month systems, often doubled (آذار/مارس، 24 أغسطس (آب) الحالي);
numeric dates (3/3/2019, 2019-03-03, 21 / 10 / 1436هـ); weekdays (مساء الجمعة، الأحد
الماضي); relative days and periods (أمس، أول من أمس، الأسبوع الماضي، منذ ثلاثة أيام);
and years alone (في عام 2014), which matter for telling background from news.

The words are data (months.yaml, time_words.yaml); this module is the grammar and the
calendar arithmetic. As in numbers.py, one regex finds candidate words and only those
spots are parsed, each parser a regex ``match`` at that spot, so the cost stays linear.
A date that cannot exist (31 شباط) yields no match, and nothing here raises on any text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from hijridate import Gregorian, Hijri

from hadath.knowledge.yaml_data import load_yaml
from hadath.recognisers.numbers import fold_phrase, number_at, word_alternation

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

DAY, WEEK, MONTH = 1, 2, 3  # time_precision (CODEBOOK §4); year-only matches use MONTH
_S = r"[^\S\n]"  # whitespace that stays on the line
_B = r"(?![^\W_])"  # word end
_LEFT = r"(?<![^\W_])[وفبلك]{0,2}"  # word start with optional clitics
_HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
_GREGORIAN_YEARS = range(1000, 2200)
_PUBLISHED_RANGE = (date(1001, 1, 1), date(2198, 12, 31))


@dataclass(frozen=True)
class DateMatch:
    """A date expression at folded offsets [start, end).

    ``date`` is the resolved day (None when it cannot be resolved: no publication date
    for a relative expression, a year alone). ``precision``: 1 day, 2 week (date = the
    middle of it), 3 month (date = the 15th). ``kind``: absolute | weekday | relative |
    month | year | hijri. ``year_only`` is set when only a year is known (في عام 2014).
    A resolved date may lie after publication (غدا، الأحد المقبل); callers drop those.
    """

    start: int
    end: int
    date: date | None
    precision: int
    kind: str
    text: str
    year_only: int | None = None


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, tuple[str, int]]  # folded name -> ("g" | "h", month number)
    ambiguous: frozenset[str]
    weekdays: dict[str, int]
    qualifiers: dict[str, str]  # word -> past | current | future
    relative_days: dict[str, int]
    periods: dict[str, tuple[int, int, int | None]]  # phrase -> (days, precision, months)
    relative_years: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int, int]]  # word -> (form, days, precision)
    few: dict[str, tuple[int, int, int]]  # vague plural -> (count, days, precision)
    era_hijri: frozenset[str]
    dispatch: dict[str, tuple[str, ...]]  # anchor word -> parsers to try
    anchor: re.Pattern[str]
    rx: dict[str, re.Pattern[str]]
    blocked: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]


def _alt(words) -> str:
    return word_alternation({fold_phrase(w) for w in words})


def _load(path: Path) -> dict:
    return load_yaml(path.read_text(encoding="utf-8"))


def load_lexicon(data_dir: Path = DATA_DIR) -> _Lexicon:
    """Read and compile months.yaml and time_words.yaml (``lexicon()`` caches this)."""
    mo, tw = _load(data_dir / "months.yaml"), _load(data_dir / "time_words.yaml")
    months: dict[str, tuple[str, int]] = {}
    for number, systems in mo["gregorian"].items():
        for names in systems.values():
            months.update({fold_phrase(n): ("g", int(number)) for n in names})
    for number, names in mo["hijri"].items():
        months.update({fold_phrase(n): ("h", int(number)) for n in names})
    weekdays = {fold_phrase(w): int(d) for d, ws in tw["weekdays"].items() for w in ws}
    qualifiers = {fold_phrase(w): k for k, ws in tw["qualifiers"].items() for w in ws}
    relative_days = {fold_phrase(r["phrase"]): int(r["offset"]) for r in tw["relative_days"]}
    periods = {fold_phrase(r["phrase"]): (int(r.get("offset", 0)), int(r["precision"]),
                                          r.get("months"))
               for r in tw["relative_periods"]}
    relative_years = {fold_phrase(r["phrase"]): int(r["years"]) for r in tw["relative_years"]}

    ordinals: dict[str, int] = {}
    heads = {int(k): [fold_phrase(w) for w in v] for k, v in tw["ordinal_days"].items()}
    tens = {int(k): [fold_phrase(w) for w in v] for k, v in tw["ordinal_tens"].items()}
    for n, words in heads.items():
        ordinals.update({w: n for w in words})
    compound_heads = {**heads, 1: [fold_phrase(w) for w in tw["ordinal_compound_one"]]}
    for n, words in compound_heads.items():
        for w in words:
            if n < 10 and w.startswith("ال"):  # الحادي عشر، الخامس والعشرين
                ordinals.update({f"{w} {t}": 10 + n for t in map(fold_phrase, tw["ordinal_teen"])})
                for ten, tws in tens.items():
                    ordinals.update({f"{w} و{t}": ten + n for t in tws if ten + n <= 31})
    for ten, tws in tens.items():
        ordinals.update({t: ten for t in tws})

    units: dict[str, tuple[str, int, int]] = {}
    few: dict[str, tuple[int, int, int]] = {}
    for spec in tw["ago_units"].values():
        days, precision = int(spec["days"]), int(spec["precision"])
        for form in ("one", "two", "plural"):
            for w in spec.get(form, []):
                units.setdefault(fold_phrase(w), (form, days, precision))
        for w in spec.get("few", []):
            few[fold_phrase(w)] = (int(spec["few_count"]), days, int(spec["few_precision"]))

    g_month = _alt(n for n, (s, _) in months.items() if s == "g")
    month = _alt(months)
    qual = _alt(qualifiers)
    era = _alt(tw["era"]["gregorian"] + tw["era"]["hijri"])
    year_words = _alt(tw["year_words"])
    of = _alt(mo["of_word"])
    weekday = _alt(weekdays)
    day = rf"(?P<day>(?<![0-9])[0-9]{{1,2}}(?![0-9])|{_alt(ordinals)}{_B})"
    year_tail = (
        rf"(?:{_S}*[,،]?{_S}*(?:{of}{_S}+)?(?:{year_words}{_S}+)?(?P<year>[0-9]{{4}})(?![0-9])"
        rf"(?:{_S}*(?P<era>{era}){_B})?"
        rf"|{_S}+(?:{of}{_S}+)?(?P<ryear>{_alt(relative_years)}){_B})"
    )
    month_tail = (
        rf"(?P<month>{month}){_B}"
        rf"(?:{_S}*(?:[/\-–—(]{_S}*)?(?P<alt>{g_month}){_B}(?:{_S}*\))?)?"
        rf"(?:{_S}+(?P<epi>{_alt(mo['hijri_epithets'])}){_B})?"
        rf"(?:{_S}+(?P<qual>{qual}){_B})?"
        rf"(?:{year_tail})?"
    )
    month_word = _alt(mo["month_word"])
    day_parts = _alt(tw["day_parts"])
    this_month = (rf"(?:{_alt(tw['day_of_month']['month'])}{_S}+(?P<qual>{qual})"
                  rf"|{_alt(tw['day_of_month']['this_month'])}){_B}")
    rx = {
        "numeric": rf"(?P<a>[0-9]{{1,4}})(?P<sep>{_S}*/{_S}*|[.\-])(?P<b>[0-9]{{1,2}})(?P=sep)"
                   rf"(?P<c>[0-9]{{2,4}})(?![0-9])(?:{_S}*(?P<era>{era}){_B})?",
        "daymonth": rf"{day}(?:{_S}*[و\-–]{_S}*(?P<day2>[0-9]{{1,2}})(?![0-9]))?"
                    rf"{_S}*(?:{of}{_S}+)?(?:(?:ال)?{month_word}{_S}+)?{month_tail}",
        "dayrel": rf"{day}(?:{_S}+{of})?{_S}+{this_month}",
        "month": rf"(?:(?P<mw>(?:ال)?{month_word}){_S}+)?{month_tail}",
        "year": rf"(?P<year>[0-9]{{4}})(?![0-9])(?:{_S}*(?P<era>{era}){_B})?",
        "weekday": rf"(?P<wd>{weekday}){_B}(?:{_S}+(?P<qual>{qual}){_B})?",
        "rel": rf"(?P<rel>{_alt(relative_days)}){_B}"
               rf"(?:{_S}*\(?{_S}*(?P<wd>{weekday}){_B}(?:{_S}*\))?)?",
        "period": rf"(?P<per>{_alt(periods)}){_B}",
        "ryear": rf"(?P<ry>{_alt(relative_years)}){_B}",
        "ago": rf"(?P<ago>{_alt(tw['ago'])}){_S}+(?:(?P<apx>{_alt(tw['ago_approx'])}){_S}+)?",
        "unit": rf"{_S}*(?P<u>{_alt(units)}){_B}(?:{_S}+(?:{_alt(tw['unit_one'])}){_B})?",
        "weekday_link": rf"{_S}*[,،(]?{_S}*(?:(?:{_alt(tw['weekday_date_link'])}){_S}+)?",
        "year_word_left": rf"{_LEFT}(?P<yw>{year_words}){_S}+$",
        "year_cue_left": rf"{_LEFT}(?:{_alt(tw['year_cues'])}){_S}+$",
        "day_part_left": rf"(?<![^\W_])[وف]?(?P<dp>{day_parts}){_S}+$",
        "today_not_before": rf"{_S}+(?:{_alt(tw['today_not_before'])}){_B}",
        "today_not_after": rf"{_LEFT}(?:{_alt(tw['today_not_after'])}){_S}+$",
        "weekday_after": rf"{_S}*\(?{_S}*(?:{weekday}){_B}",
        "year_after": rf"{_S}*[0-9]{{4}}(?![0-9])",
        "qualifier_after": rf"{_S}+(?:{qual}){_B}",
    }
    blocked = {}
    for word, ctx in (tw.get("weekday_blocked") or {}).items():
        before = rf"{_LEFT}(?:{_alt(ctx['before'])}){_S}+$" if ctx.get("before") else None
        after = rf"{_S}+(?:{_alt(ctx['after'])}){_B}" if ctx.get("after") else None
        blocked[fold_phrase(word)] = (re.compile(before) if before else None,
                                      re.compile(after) if after else None)

    dispatch: dict[str, list[str]] = {}

    def route(phrases, parser: str) -> None:
        for p in phrases:
            first = fold_phrase(p).split(" ")[0]
            if parser not in dispatch.setdefault(first, []):
                dispatch[first].append(parser)

    route(ordinals, "daymonth")
    route(ordinals, "dayrel")
    route(relative_days, "rel")
    route(weekdays, "weekday")
    route(periods, "period")
    route(relative_years, "ryear")
    route(tw["ago"], "ago")
    route(list(months) + list(mo["month_word"]), "month")
    route(["ال" + fold_phrase(w) for w in mo["month_word"]], "month")
    anchor = re.compile(
        rf"(?<![^\W_])(?P<pre>[وف]?[بلك]?)(?P<w>{word_alternation(set(dispatch))}){_B}"
        r"|(?<![0-9])(?P<d>[0-9])"
    )
    return _Lexicon(
        months=months,
        ambiguous=frozenset(fold_phrase(w) for w in mo["ambiguous"]),
        weekdays=weekdays,
        qualifiers=qualifiers,
        relative_days=relative_days,
        periods=periods,
        relative_years=relative_years,
        ordinals=ordinals,
        units=units,
        few=few,
        era_hijri=frozenset(fold_phrase(w) for w in tw["era"]["hijri"]),
        dispatch={k: tuple(v) for k, v in dispatch.items()},
        anchor=anchor,
        rx={k: re.compile(v) for k, v in rx.items()},
        blocked=blocked,
    )


@cache
def lexicon() -> _Lexicon:
    """The packaged lexicon, read on first use (never at import time)."""
    return load_lexicon()


# ---------------------------------------------------------------- calendar arithmetic


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _safe_date(year: int, month: int, day: int) -> date | None:
    if year not in _GREGORIAN_YEARS or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _hijri_to_date(year: int, month: int, day: int) -> date | None:
    if year not in _HIJRI_YEARS:
        return None
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def _hijri_today(published: date) -> tuple[int, int, int] | None:
    try:
        return Gregorian(published.year, published.month, published.day).to_hijri().datetuple()
    except (ValueError, OverflowError):
        return None


def _pick(candidates: list[date], published: date, qual: str | None) -> date | None:
    """Choose among one date per candidate year: the qualifier's, else the nearest."""
    if not candidates:
        return None
    if qual == "past":
        before = [d for d in candidates if d < published]
        return max(before) if before else None
    if qual == "future":
        after = [d for d in candidates if d > published]
        return min(after) if after else None
    if qual == "current":
        same = [d for d in candidates if d.year == published.year]
        return same[0] if same else None
    # Ties go to the past: news reports what happened.
    return min(candidates, key=lambda d: (abs((d - published).days), d > published))


def _month_candidates(published: date, month: int, qual: str | None) -> tuple[int, int] | None:
    """(year, month) of a month named without a year (CODEBOOK §4: the most recent one)."""
    here = (published.year, published.month)
    if qual == "current":
        return here if month == published.month else None
    if qual == "future":
        year = published.year if month > published.month else published.year + 1
        return year, month
    year = published.year if month <= published.month else published.year - 1
    if qual == "past" and (year, month) == here:
        year -= 1
    return year, month


def _weekday(published: date, weekday: int, qual: str | None) -> date:
    back = (published.weekday() - weekday) % 7
    if qual == "past" and back == 0:
        back = 7
    if qual == "future":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - timedelta(days=back)


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 15)


# ---------------------------------------------------------------------------- parsing


class _Scan:
    """One call of find_dates: the text, its bounds, the publication date."""

    def __init__(self, lex: _Lexicon, text: str, end: int, published: date | None):
        self.lex, self.text, self.end, self.published = lex, text, end, published
        self.floor = 0
        self.skip = 0  # end of an expression that was read but names no real date

    def match(self, name: str, pos: int) -> re.Match[str] | None:
        return self.lex.rx[name].match(self.text, pos, self.end)

    def left(self, name: str, pos: int, width: int = 40) -> re.Match[str] | None:
        return self.lex.rx[name].search(self.text, max(self.floor, pos - width), pos)

    def extend_day_parts(self, start: int) -> int:
        """Take in يوم، مساء، فجر ... written before a weekday or relative day."""
        for _ in range(3):
            m = self.left("day_part_left", start)
            if m is None:
                break
            start = m.start("dp")
        return start

    def reject(self, end: int) -> list[DateMatch]:
        """Swallow an impossible date (31 شباط) so its parts are not read again."""
        self.skip = max(self.skip, end)
        return []

    def out(self, start: int, end: int, d: date | None, precision: int, kind: str,
            year_only: int | None = None) -> DateMatch:
        return DateMatch(start, end, d, precision, kind, self.text[start:end], year_only)

    # -- day + month (+ year), Gregorian or Hijri

    def year_of(self, m: re.Match[str], calendar_name: str) -> tuple[int | None, bool]:
        """The year written after a month: (year, valid). ``valid`` False = reject."""
        if m.group("ryear"):
            shift = self.lex.relative_years[_norm(m.group("ryear"))]
            if self.published is None:
                return None, True
            if calendar_name == "h":
                today = _hijri_today(self.published)
                return (today[0] + shift, True) if today else (None, False)
            return self.published.year + shift, True
        if m.group("year") is None:
            return None, True
        year = int(m.group("year"))
        hijri = calendar_name == "h"
        valid = year in (_HIJRI_YEARS if hijri else _GREGORIAN_YEARS)
        return year, valid

    def month_parts(self, m: re.Match[str]) -> tuple[str, int, int] | None:
        """(calendar, month, end of the month phrase) after checking a doubled name."""
        cal, number = self.lex.months[_norm(m.group("month"))]
        if m.group("alt") and self.lex.months[_norm(m.group("alt"))] != ("g", number):
            return None
        if m.group("era") and _norm(m.group("era")) in self.lex.era_hijri and cal == "g":
            return None
        return cal, number, m.end()

    def daymonth(self, pos: int) -> list[DateMatch] | None:
        m = self.match("daymonth", pos)
        if m is None:
            return None
        parts = self.month_parts(m)
        if parts is None:
            return None
        cal, month, end = parts
        days = [m.group("day")] + ([m.group("day2")] if m.group("day2") else [])
        year, valid = self.year_of(m, cal)
        if not valid:
            return self.reject(end)
        qual = self.lex.qualifiers.get(_norm(m.group("qual")) or "")
        found = []
        for i, raw in enumerate(days):
            n = int(raw) if raw.isdigit() else self.lex.ordinals[_norm(raw)]
            d = self.resolve_day(cal, year, month, n, qual)
            if d is False:
                return self.reject(end)  # 31 شباط: no such day
            if i == 0 and len(days) > 1:
                s, e = m.span("day")
            else:
                s, e = (m.start("day2") if i else m.start()), end
            found.append(self.out(s, e, d or None, DAY, "hijri" if cal == "h" else "absolute"))
        return found

    def resolve_day(self, cal: str, year: int | None, month: int, day: int, qual: str | None
                    ) -> date | None | bool:
        """The date, None if unresolvable (no publication date), False if impossible."""
        if not 1 <= day <= 31:
            return False
        if cal == "g":
            if year is not None:
                return _safe_date(year, month, day) or False
            if day > calendar.monthrange(2000, month)[1]:
                return False
            if self.published is None:
                return None
            years = range(self.published.year - 1, self.published.year + 2)
            return _pick([d for y in years if (d := _safe_date(y, month, day))],
                         self.published, qual)
        if day > 30:
            return False
        if year is not None:
            return _hijri_to_date(year, month, day) or False
        today = _hijri_today(self.published) if self.published else None
        if today is None:
            return None
        years = range(today[0] - 1, today[0] + 2)
        return _pick([d for y in years if (d := _hijri_to_date(y, month, day))],
                     self.published, qual)

    def dayrel(self, pos: int) -> list[DateMatch] | None:
        """23 من الشهر الجاري: a day of the current (or previous) month."""
        m = self.match("dayrel", pos)
        if m is None:
            return None
        raw = m.group("day")
        n = int(raw) if raw.isdigit() else self.lex.ordinals[_norm(raw)]
        if self.published is None:
            return [self.out(m.start(), m.end(), None, DAY, "relative")]
        qual = self.lex.qualifiers.get(_norm(m.group("qual")) or "", "current")
        base = self.published if qual == "current" else _shift_month(
            self.published, -1 if qual == "past" else 1)
        d = _safe_date(base.year, base.month, n)
        if d is None:
            return self.reject(m.end())
        return [self.out(m.start(), m.end(), d, DAY, "relative")]

    def numeric(self, pos: int) -> list[DateMatch] | None:
        m = self.match("numeric", pos)
        if m is None:
            return None
        a, b, c = m.group("a"), int(m.group("b")), m.group("c")
        if len(a) == 4:
            year, month, day = int(a), b, int(c)
            if len(c) > 2:
                return None
        elif len(a) <= 2:
            day, month = int(a), b
            year = int(c)
            if len(c) == 2:
                year += 2000 if year <= 50 else 1900
            elif len(c) == 3:
                return None
        else:
            return None
        hijri = year in _HIJRI_YEARS and (
            m.group("era") is None or _norm(m.group("era")) in self.lex.era_hijri)
        if hijri and 1 <= month <= 12:
            d = _hijri_to_date(year, month, day) if day <= 30 else None
            kind = "hijri"
        else:
            d, kind = _safe_date(year, month, day), "absolute"
        if d is None:
            return self.reject(m.end())
        return [self.out(m.start(), m.end(), d, DAY, kind)]

    # -- months and years alone

    def month(self, pos: int) -> list[DateMatch] | None:
        m = self.match("month", pos)
        if m is None:
            return None
        parts = self.month_parts(m)
        if parts is None:
            return None
        cal, month, end = parts
        name = _norm(m.group("month"))
        # "العام الماضي" after an ambiguous name is not enough: إب العام الماضي (Ibb).
        strong = m.group("mw") or m.group("alt") or m.group("epi") or m.group("qual") or (
            m.group("year"))
        if name in self.lex.ambiguous and not strong:
            return None
        year, valid = self.year_of(m, cal)
        if not valid:
            return self.reject(end)
        qual = self.lex.qualifiers.get(_norm(m.group("qual")) or "")
        kind = "hijri" if cal == "h" else "month"
        start = m.start("mw") if m.group("mw") else m.start("month")
        if cal == "g":
            if year is None:
                ym = _month_candidates(self.published, month, qual) if self.published else None
                d = date(*ym, 15) if ym else None
            else:
                d = _safe_date(year, month, 15)
            return [self.out(start, end, d, MONTH, kind)]
        if year is None:
            today = _hijri_today(self.published) if self.published else None
            if today is None:
                return [self.out(start, end, None, MONTH, kind)]
            hy = today[0] if month <= today[1] else today[0] - 1
            if qual == "past" and (hy, month) == today[:2]:
                hy -= 1
            elif qual == "future":
                hy = today[0] if month > today[1] else today[0] + 1
            year = hy
        return [self.out(start, end, _hijri_to_date(year, month, 15), MONTH, kind)]

    def year(self, pos: int) -> list[DateMatch] | None:
        m = self.match("year", pos)
        if m is None:
            return None
        year = int(m.group("year"))
        era = _norm(m.group("era"))
        start = m.start()
        word = self.left("year_word_left", start, 20)
        if word is not None:
            start = word.start("yw")
        elif era is None and self.left("year_cue_left", start, 20) is None:
            return None
        if era in self.lex.era_hijri:
            if year not in _HIJRI_YEARS:
                return self.reject(m.end())
            mid = _hijri_to_date(year, 7, 1)
            return [self.out(start, m.end(), None, MONTH, "hijri", mid.year if mid else None)]
        if year not in _GREGORIAN_YEARS:
            return None
        return [self.out(start, m.end(), None, MONTH, "year", year)]

    # -- weekdays and relative expressions

    def weekday(self, pos: int) -> list[DateMatch] | None:
        m = self.match("weekday", pos)
        if m is None:
            return None
        word = _norm(m.group("wd"))
        before, after = self.lex.blocked.get(word, (None, None))
        if (before and self.left_raw(before, pos)) or (after and after.match(
                self.text, m.end("wd"), self.end)):
            return None
        start = self.extend_day_parts(pos)
        dated = self.with_date(start, m.end())
        if dated is not None:
            return dated
        qual = self.lex.qualifiers.get(_norm(m.group("qual")) or "")
        d = _weekday(self.published, self.lex.weekdays[word], qual) if self.published else None
        return [self.out(start, m.end(), d, DAY, "weekday")]

    def with_date(self, start: int, pos: int) -> list[DateMatch] | None:
        """A weekday followed by its date (الخميس الموافق 21 مايو): one match, the date's."""
        link = self.match("weekday_link", pos)
        if link is None:
            return None
        for parse in (self.numeric, self.daymonth):
            got = parse(link.end())
            if got:
                last = got[-1]
                return [self.out(start, last.end, last.date, DAY, last.kind)]
        return None

    def left_raw(self, rx: re.Pattern[str], pos: int) -> bool:
        return rx.search(self.text, max(self.floor, pos - 30), pos) is not None

    def rel(self, pos: int) -> list[DateMatch] | None:
        m = self.match("rel", pos)
        if m is None:
            return None
        phrase = _norm(m.group("rel"))
        offset = self.lex.relative_days[phrase]
        if offset == 0 and " " not in phrase and not m.group("wd") and (
                self.match("today_not_before", m.end("rel"))
                or self.left("today_not_after", pos, 20)):
            return None  # اليوم التالي، ذلك اليوم: some other day
        start = self.extend_day_parts(pos)
        if m.group("wd"):  # أمس الأحد: the weekday wins (CODEBOOK §4)
            dated = self.with_date(start, m.end())
            if dated is not None:
                return dated
            wd = self.lex.weekdays[_norm(m.group("wd"))]
            qual = "future" if offset > 0 else None  # غدا الخميس: the coming one
            d = _weekday(self.published, wd, qual) if self.published else None
            return [self.out(start, m.end(), d, DAY, "weekday")]
        d = self.published + timedelta(days=offset) if self.published else None
        return [self.out(start, m.end(), d, DAY, "relative")]

    def period(self, pos: int) -> list[DateMatch] | None:
        m = self.match("period", pos)
        if m is None or self.match("qualifier_after", m.end()):
            return None  # a period the table does not know (مطلع الأسبوع بعد المقبل)
        offset, precision, months = self.lex.periods[_norm(m.group("per"))]
        d = None
        if self.published is not None:
            d = (_shift_month(self.published, int(months)) if months is not None
                 else self.published + timedelta(days=offset))
        return [self.out(m.start(), m.end(), d, precision, "relative")]

    def ryear(self, pos: int) -> list[DateMatch] | None:
        m = self.match("ryear", pos)
        if m is None:
            return None
        shift = self.lex.relative_years[_norm(m.group("ry"))]
        year = self.published.year + shift if self.published else None
        return [self.out(m.start(), m.end(), None, MONTH, "year", year)]

    def ago(self, pos: int) -> list[DateMatch] | None:
        """منذ ثلاثة أيام، قبل يومين، منذ أسبوع، قبل أيام."""
        m = self.match("ago", pos)
        if m is None:
            return None
        count, vague = 1, False
        unit = self.match("unit", m.end())
        if unit is None:
            number = number_at(self.text, m.end(), self.end)
            if number is None or number.value <= 0:
                return None
            unit = self.match("unit", number.end)
            if unit is None:
                return None
            count, vague = number.value, number.vague
            form, days, precision = self.lex.units[_norm(unit.group("u"))]
            if form == "two":
                return None
        else:
            word = _norm(unit.group("u"))
            form, days, precision = self.lex.units[word]
            if form == "two":
                count = 2
            elif form == "plural":
                if word not in self.lex.few:
                    return None
                count, days, precision = self.lex.few[word]
        if days == 1 and count == 1 and self.match("weekday_after", unit.end()):
            return None  # منذ يوم الأحد: "since Sunday", a weekday
        if self.match("year_after", unit.end()):
            return None  # منذ عام 2007: "since 2007", a year
        if vague:
            precision = max(precision, WEEK) if precision else 0
        end = unit.end()
        if self.published is None:
            kind = "year" if precision == 0 else "relative"
            return [self.out(pos, end, None, precision or MONTH, kind)]
        if count * days >= 365 * 1000:
            return self.reject(end)
        back = self.published - timedelta(days=count * days)
        if precision == 0:
            return [self.out(pos, end, None, MONTH, "year", back.year)]
        d = date(back.year, back.month, 15) if precision == MONTH else back
        return [self.out(pos, end, d, precision, "relative")]


_DIGIT_PARSERS = ("numeric", "daymonth", "dayrel", "year")


def find_dates(folded: str, published: date | None, start: int = 0, end: int | None = None
               ) -> list[DateMatch]:
    """Every date expression in ``folded[start:end]``, in order, spans not overlapping.

    ``folded`` is the output of ``fold()``; offsets are into it. ``published`` anchors
    relative expressions, weekdays and dates written without a year; without it (or
    with one outside the years 1001-2198) those come back with ``date=None``.
    """
    lex = lexicon()
    end = len(folded) if end is None else max(0, min(end, len(folded)))
    if published is not None and not _PUBLISHED_RANGE[0] <= published <= _PUBLISHED_RANGE[1]:
        published = None  # calendar arithmetic around it could leave date's range
    scan = _Scan(lex, folded, end, published)
    scan.floor = max(0, start)
    out: list[DateMatch] = []
    for m in lex.anchor.finditer(folded, scan.floor, end):
        if m.start() < scan.floor:
            continue
        if m.group("d") is not None:
            pos, parsers = m.start("d"), _DIGIT_PARSERS
        else:
            pos, parsers = m.start("w"), lex.dispatch.get(m.group("w"), ())
        for name in parsers:
            scan.skip = 0
            got = getattr(scan, name)(pos)
            if got is None:
                continue
            if got:
                out.extend(got)
                scan.floor = got[-1].end
            else:
                scan.floor = max(scan.floor, scan.skip, pos + 1)
            break
    return out
