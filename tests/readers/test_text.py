"""Plain-text articles in the newspaper-archive layout."""

from __future__ import annotations

from datetime import date

import pytest

from hadath.readers.text import article_from_text, parse_header

from .conftest import ARABIC_BODY, FIXTURES, SEED, read_all


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_text_seed_header_and_body() -> None:
    (a,), errors = read_all([SEED])
    assert errors == []
    assert a.title == "غارات أميركيّة ضدّ داعش في هيت والحشد يشارك بمسك الحدود"
    assert a.published == date(2019, 3, 3)
    assert a.outlet == "Al-Mada"
    assert a.dateline == "بغداد"
    assert a.section == "سياسية"
    assert a.text.startswith("أعلنت خلية الإعلام الحربي")
    assert "\uf06f" not in a.text
    assert a.id.startswith("sha1:") and len(a.id) == 5 + 16
    assert a.origin == str(SEED)
    # The body is the file's body verbatim (the header and private-use bullet aside).
    raw = SEED.read_text("utf-8")
    assert raw[raw.index("أعلنت"):].rstrip() == a.text


def test_text_arabic_date_header_and_known_outlet() -> None:
    (a,), errors = read_all([FIXTURES / "layout-arabic-date.txt"])
    assert errors == []
    assert a.title == "اشتباكات في أطراف الموصل"
    assert a.published == date(2019, 11, 10)
    assert a.section == "محليات"
    assert a.dateline == "الموصل"
    assert a.outlet == "Asharq Al-Awsat"
    assert a.text.startswith("قالت مصادر أمنية")
    assert a.text.endswith("طوقت المنطقة.")


def test_text_body_only_keeps_every_line() -> None:
    body = ARABIC_BODY + "\nوأضاف البيان أن القوات تواصل عملياتها.\n"
    a = article_from_text(body, "x.txt")
    assert a.title is None and a.published is None and a.outlet is None
    assert a.text == body.rstrip()


def test_text_title_without_date_line() -> None:
    raw = "هجوم على قرية قرب كركوك\n\n" + ARABIC_BODY + "\n" + ARABIC_BODY
    a = article_from_text(raw, "x.txt")
    assert a.title == "هجوم على قرية قرب كركوك"
    assert a.text.startswith("أعلنت")


def test_text_short_first_sentence_is_not_a_title() -> None:
    raw = "قتل ثلاثة مسلحين.\n\n" + ARABIC_BODY
    a = article_from_text(raw, "x.txt")
    assert a.title is None
    assert a.text == raw


def test_text_dateline_line_with_unknown_credit_keeps_place_only() -> None:
    raw = "عنوان الخبر\nالأحد 3 مارس 2019\nكركوك / محمد علي\n\n" + ARABIC_BODY
    h = parse_header(raw)
    assert h.dateline == "كركوك" and h.outlet is None
    assert raw[h.body_start:].startswith("أعلنت")


def test_text_inline_dateline_credits_known_outlet_without_cutting_text() -> None:
    raw = "بيروت (رويترز): " + ARABIC_BODY
    a = article_from_text(raw, "x.txt")
    assert a.dateline == "بيروت" and a.outlet == "Reuters"
    assert a.text == raw


def test_text_crlf_and_private_use_are_cleaned() -> None:
    raw = "عنوان\r\nSunday 3rd of March 2019 12:00:00 AM ,\r\n\r\n\ue000" + ARABIC_BODY + "\r\nسطر ثان"
    a = article_from_text(raw, "x.txt")
    assert a.published == date(2019, 3, 3)
    assert a.text == ARABIC_BODY + "\nسطر ثان"


def test_text_only_header_like_line_is_body() -> None:
    a = article_from_text("هجوم في بغداد\n", "x.txt")
    assert a.text == "هجوم في بغداد" and a.title is None
