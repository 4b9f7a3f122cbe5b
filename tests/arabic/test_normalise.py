"""Normalisation folds spellings together but never loses the way back to the original."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.arabic.normalise import fold, normalise

ARABIC = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى ٠١٢٣٤٥٦٧٨٩0123456789،.")
        + ["\u064b", "\u064e", "\u0651", "\u0652", "\u0640", "\u200f", "\u200d", "\ue000",
           "\ufeff", "\u0670", "İ", "x", "\n"]
    ),
    max_size=200,
)


@given(ARABIC)
@settings(max_examples=300, deadline=None)
def test_normalise_every_kept_character_maps_back(text):
    n = normalise(text)
    assert len(n.text) <= len(text)
    for i, ch in enumerate(n.text):
        o = n.to_original(i)
        assert 0 <= o < len(text)
        assert normalise(text[o]).text == ch


@given(ARABIC, st.data())
@settings(max_examples=300, deadline=None)
def test_normalise_spans_fold_back_to_the_same_text(text, data):
    n = normalise(text)
    if not n.text:
        return
    start = data.draw(st.integers(0, len(n.text) - 1))
    end = data.draw(st.integers(start + 1, len(n.text)))
    s, e = n.span_to_original(start, end)
    assert 0 <= s < e <= len(text)
    assert normalise(text[s:e]).text == n.text[start:end]


@given(ARABIC)
@settings(max_examples=200, deadline=None)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_fold_unifies_spellings():
    assert fold("الأنبار") == fold("الانبار") == "الانبار"
    assert fold("إسرائيل") == "اسراييل"
    assert fold("مدرسة") == "مدرسه"
    assert fold("مستشفى") == "مستشفي"
    assert fold("وجّه") == "وجه"
    assert fold("قـــتل") == "قتل"
    assert fold("٣ آذار ٢٠١٩") == "3 اذار 2019"
    assert fold("۱۲") == "12"


def test_normalise_drops_private_use_and_maps_offsets():
    text = "\uf06f بغداد / المدى"
    n = normalise(text)
    assert n.text == " بغداد / المدي"
    i = n.text.index("بغداد")
    s, e = n.span_to_original(i, i + 5)
    assert text[s:e] == "بغداد"


def test_only_one_code_point_lengthens_when_lowered():
    # normalise relies on this to take its fast path
    longer = [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1]
    assert longer == ["\u0130"]


def test_unicode_spaces_fold_to_a_plain_space_keeping_offsets():
    text = "على يد المقاومة\u00a0الشعبية\u202fالجنوبية"
    n = normalise(text)
    assert n.text == fold(text.replace("\u00a0", " ").replace("\u202f", " "))
    assert len(n.text) == len(text)
