"""Header dates and outlet names."""

from __future__ import annotations

from datetime import date

import pytest

from hadath.readers.dates import date_line, parse_date
from hadath.readers.outlets import lookup_outlet, outlet_for_host, outlet_name, outlet_table


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2019-03-03", date(2019, 3, 3)),
        ("2019-03-03T23:30:00+03:00", date(2019, 3, 3)),
        ("2019-03-03T23:30:00Z", date(2019, 3, 3)),
        ("Sun, 03 Mar 2019 22:00:00 +0000", date(2019, 3, 3)),
        ("Sunday 3rd of March 2019 12:00:00 AM ,", date(2019, 3, 3)),
        ("March 3, 2019", date(2019, 3, 3)),
        ("03/03/2019", date(2019, 3, 3)),
        ("الأحد ٣ آذار ٢٠١٩", date(2019, 3, 3)),
        ("3 مارس/آذار 2019", date(2019, 3, 3)),
        ("10 تشرين الثاني 2019", date(2019, 11, 10)),
        ("12 جويلية 2020", date(2020, 7, 12)),
        ("31/02/2019", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_dates_parse(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_dates_date_line_rejects_sentences() -> None:
    assert date_line("الخميس 5 أيلول 2019 - 6 محرم 1441 هـ") == date(2019, 9, 5)
    assert date_line("أعلنت الوزارة في 3 آذار 2019 مقتل مسلحين") is None


def test_outlets_table_size_and_lookups() -> None:
    assert len(outlet_table().outlets) >= 40
    assert outlet_name("المدى") == "Al-Mada"
    assert outlet_name("جريدة المدى") == "Al-Mada"
    assert outlet_name("الشرق الاوسط") == "Asharq Al-Awsat"  # hamza folded
    assert outlet_name("الرياض") == "Al Riyadh"
    assert outlet_name("صحيفة الجزيرة") == "Al Jazirah"
    assert outlet_name("الجزيرة") == "Al Jazeera"
    assert outlet_name("أ ف ب") == "AFP"
    assert outlet_name("aawsat") == "Asharq Al-Awsat"
    assert outlet_name("محمد علي") is None
    assert outlet_for_host("www.almadapaper.net").name == "Al-Mada"
    assert outlet_for_host("example.com") is None
    assert lookup_outlet("") is None


def test_outlets_rows_are_well_formed() -> None:
    seen: set[str] = set()
    for o in outlet_table().outlets:
        assert o.name and o.names_ar, o
        assert o.name not in seen
        seen.add(o.name)
        assert o.country is None or (len(o.country) == 2 and o.country.isupper())
        assert all("/" not in d and "." in d for d in o.domains)
