"""Cleaning: HTML remnants, controls, private use, line ends."""

from __future__ import annotations

from hadath.readers.clean import clean_text, looks_like_html

from .conftest import ARABIC_BODY


def test_clean_strips_tags_and_unescapes_entities() -> None:
    raw = f"<p>{ARABIC_BODY}</p><p>قال &quot;المصدر&quot; &amp; أضاف<br/>سطر</p><script>x=1</script>"
    out = clean_text(raw)
    assert "<" not in out and "&quot;" not in out and "x=1" not in out
    assert ARABIC_BODY in out
    assert 'قال "المصدر" & أضاف\nسطر' in out


def test_clean_escaped_markup_stays_text() -> None:
    assert clean_text("a &lt;b&gt; c") == "a <b> c"


def test_clean_removes_private_use_and_controls_keeps_marks() -> None:
    raw = "\uf06f بغداد\x00\x1a\u200f / المدى\tx\r\ny\rz\ufeff"
    assert clean_text(raw) == " بغداد\u200f / المدى\tx\ny\nz"


def test_clean_plain_comparison_is_not_html() -> None:
    assert not looks_like_html("5 < 6 و 7 > 3")
    assert clean_text("5 < 6 و 7 > 3") == "5 < 6 و 7 > 3"
