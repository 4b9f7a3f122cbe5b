"""Properties of find_numbers and find_dates over generated text: they never raise, their
spans are sound, spelled-out numbers read back to the value they were written from, and
dates written in any month system read back to the day they name."""

from __future__ import annotations

import time
from datetime import date, timedelta

from hijridate import Gregorian
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.arabic.normalise import fold, normalise
from hadath.recognisers.dates import find_dates
from hadath.recognisers.numbers import find_numbers

# Words the recognisers care about, so generated text hits their grammar, not just noise.
WORDS = [
    "و", "ثلاثة", "وعشرين", "عشر", "أحد", "اثنا", "مئة", "ثلاثمئة", "ألف", "ألفين", "آلاف",
    "مليون", "عشرات", "الآلاف", "عدد", "من", "عدة", "نحو", "أكثر", "على", "الأقل", "أمس",
    "الأحد", "الاثنين", "يوم", "مساء", "اليوم", "الليلة", "الماضية", "الماضي", "المقبل",
    "منذ", "قبل", "أيام", "يومين", "أسبوع", "شهر", "الشهر", "الجاري", "عام", "العام",
    "كانون", "الأول", "آذار", "مارس", "/", "(", ")", "رمضان", "شوال", "هـ", "م", "الموافق",
    "التاسع", "2019", "1440", "31", "3/3/2019", "2019-03-03", "1,500", "٣", "%",
]
ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة" "0123456789٠١٢٣٤٥٦٧٨٩" " \n\t.,،:;/-()«»%٪"
    "\u064b\u064e\u0651\u0640\u200f\u200e\u202b\u202c\u2066\u2069\ufeff\ue000" "abcXYZ"
)
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=6)),
                max_size=40).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates(), st.dates(date(2000, 1, 1), date(2030, 12, 31)))


def _check_spans(matches, folded: str, start: int, end: int) -> None:
    last = start
    for m in matches:
        assert start <= last <= m.start < m.end <= end
        assert m.text == folded[m.start:m.end]
        last = m.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, PUBLISHED, st.integers(0, 400), st.integers(0, 400))
def test_properties_never_raise_and_spans_are_sound(text, published, a, b):
    folded = normalise(text).text
    for s, e in ((0, len(folded)), (min(a, b), max(a, b))):
        e = min(e, len(folded))
        s = min(s, e)
        _check_spans(find_numbers(folded, s, e), folded, s, e)
        _check_spans(find_dates(folded, published, s, e), folded, s, e)
    # unfolded text is not the contract, but must not break anything either
    find_numbers(text)
    find_dates(text, published)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), PUBLISHED)
def test_properties_arbitrary_unicode(text, published):
    folded = fold(text)
    _check_spans(find_numbers(folded), folded, 0, len(folded))
    _check_spans(find_dates(folded, published), folded, 0, len(folded))


def test_properties_huge_inputs_finish_quickly():
    cases = [
        "1" * 1_000_000,
        "١" * 200_000,
        "1," * 200_000,
        "3/" * 200_000,
        "\u200f" * 100_000 + "قتل 5",
        ("ثلاثة وعشرين و" * 20_000),
        ("أمس الأحد " * 20_000),
        "x" * 2_000_000,
    ]
    for text in cases:
        folded = fold(text)
        t0 = time.perf_counter()
        numbers = find_numbers(folded)
        dates = find_dates(folded, date(2019, 3, 3))
        assert time.perf_counter() - t0 < 10, text[:20]
        _check_spans(numbers, folded, 0, len(folded))
        _check_spans(dates, folded, 0, len(folded))
    assert find_numbers("1" * 1_000_000) == []


# ------------------------------------------------------------ spelled-out numbers

UNITS = {
    1: ["واحد", "واحدة"], 2: ["اثنان", "اثنين", "اثنتان", "اثنتين"], 3: ["ثلاثة", "ثلاث"],
    4: ["أربعة", "أربع"], 5: ["خمسة", "خمس"], 6: ["ستة", "ست"], 7: ["سبعة", "سبع"],
    8: ["ثمانية", "ثماني"], 9: ["تسعة", "تسع"],
}
TEENS = {
    11: ["أحد عشر", "إحدى عشرة"], 12: ["اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة"],
}
TENS = {
    20: ["عشرون", "عشرين"], 30: ["ثلاثون", "ثلاثين"], 40: ["أربعون", "أربعين"],
    50: ["خمسون", "خمسين"], 60: ["ستون", "ستين"], 70: ["سبعون", "سبعين"],
    80: ["ثمانون", "ثمانين"], 90: ["تسعون", "تسعين"],
}
HUNDREDS = {
    1: ["مئة", "مائة"], 2: ["مئتان", "مئتين", "مائتان", "مائتين"], 3: ["ثلاثمئة", "ثلاث مئة"],
    4: ["أربعمئة", "أربعمائة"], 5: ["خمسمئة", "خمسمائة"], 6: ["ستمئة", "ستمائة"],
    7: ["سبعمئة", "سبعمائة"], 8: ["ثمانمئة", "ثمانمائة"], 9: ["تسعمئة", "تسعمائة"],
}
THOUSANDS = {1: ["ألف"], 2: ["ألفان", "ألفين"]}


def spell(n: int, pick) -> str:
    """Write 1 <= n <= 9999 in Arabic words; ``pick`` chooses among equivalent forms."""
    parts = []
    thousands, rest = divmod(n, 1000)
    if thousands:
        parts.append(pick(THOUSANDS[thousands]) if thousands in THOUSANDS
                     else pick(UNITS[thousands]) + " آلاف")
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        parts.append(pick(HUNDREDS[hundreds]))
    if rest:
        tens, unit = divmod(rest, 10)
        if rest < 10:
            parts.append(pick(UNITS[rest]))
        elif rest == 10:
            parts.append(pick(["عشرة", "عشر"]))
        elif rest < 20:
            parts.append(pick(TEENS[rest]) if rest in TEENS
                         else pick(UNITS[unit]) + " " + pick(["عشر", "عشرة"]))
        elif unit:
            parts.append(pick(UNITS[unit]) + pick([" و", " و "]) + pick(TENS[tens * 10]))
        else:
            parts.append(pick(TENS[rest]))
    return pick([" و", " و "]).join(parts)


def test_properties_every_number_to_9999_reads_back():
    for n in range(1, 10_000):
        for variant in (0, 1):
            text = spell(n, lambda forms, v=variant: forms[min(v, len(forms) - 1)])
            folded = fold(text)
            got = find_numbers(folded)
            assert [(m.value, m.start, m.end) for m in got] == [(n, 0, len(folded))], text


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9999), st.randoms(use_true_random=False), st.sampled_from(["", "و", "ب"]))
def test_properties_spelled_numbers_in_a_sentence(n, rnd, clitic):
    text = spell(n, rnd.choice)
    folded = fold(f"قتل {clitic}{text} شخصا")
    (m,) = find_numbers(folded)
    assert m.value == n and m.text == fold(text)


# ---------------------------------------------------------------------- dates

GREGORIAN = {
    1: ["كانون الثاني", "يناير", "جانفي"], 2: ["شباط", "فبراير", "فيفري"],
    3: ["آذار", "مارس"], 4: ["نيسان", "أبريل", "إبريل", "أفريل"], 5: ["أيار", "مايو", "ماي"],
    6: ["حزيران", "يونيو", "يونيه", "جوان"], 7: ["تموز", "يوليو", "يوليه", "جويلية"],
    8: ["آب", "أغسطس", "أوت"], 9: ["أيلول", "سبتمبر"], 10: ["تشرين الأول", "أكتوبر"],
    11: ["تشرين الثاني", "نوفمبر"], 12: ["كانون الأول", "ديسمبر"],
}
HIJRI = {
    1: "محرم", 2: "صفر", 3: "ربيع الأول", 4: "ربيع الآخر", 5: "جمادى الأولى",
    6: "جمادى الآخرة", 7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال", 11: "ذو القعدة",
    12: "ذو الحجة",
}


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2049, 12, 31)), st.randoms(use_true_random=False))
def test_properties_gregorian_dates_read_back(day, rnd):
    name = rnd.choice(GREGORIAN[day.month])
    text = rnd.choice([f"{day.day} {name} {day.year}", f"{day.day} {name} عام {day.year}م",
                       f"{day.day}/{day.month}/{day.year}", day.isoformat()])
    (m,) = find_dates(fold(text), None)
    assert (m.date, m.precision) == (day, 1), text


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2070, 12, 31)))
def test_properties_hijri_dates_read_back(day):
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    (m,) = find_dates(fold(f"{h.day} {HIJRI[h.month]} {h.year} هـ"), None)
    assert (m.date, m.kind) == (day, "hijri")


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2100, 12, 31)), st.integers(1, 28),
       st.integers(1, 12))
def test_properties_day_and_month_without_year_are_near_publication(published, dd, mm):
    (m,) = find_dates(fold(f"{dd} {GREGORIAN[mm][0]}"), published)
    assert (m.date.month, m.date.day) == (mm, dd)
    assert abs((m.date - published).days) <= 366 // 2 + 1


WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2100, 12, 31)), st.integers(0, 6),
       st.sampled_from(["", "يوم ", "مساء ", "فجر ", "أمس "]))
def test_properties_weekday_is_the_last_one_on_or_before_publication(published, wd, before):
    (m,) = find_dates(fold(before + WEEKDAYS[wd]), published)
    assert m.date.weekday() == wd
    assert published - timedelta(days=6) <= m.date <= published


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2100, 12, 31)), st.integers(1, 12))
def test_properties_month_without_year_is_the_last_one_on_or_before(published, mm):
    (m,) = find_dates(fold(f"شهر {GREGORIAN[mm][0]}"), published)
    assert m.date.day == 15 and m.date.month == mm and m.precision == 3
    assert (m.date.year, m.date.month) <= (published.year, published.month)
    assert (published.year * 12 + published.month) - (m.date.year * 12 + m.date.month) < 12
