"""The word lists the count resolver and the recogniser read (data/counting.yaml,
data/place_context.yaml): every row loads folded, a malformed file fails naming the file, and
the patterns assembled from them still read real phrases."""

from __future__ import annotations

import copy
import importlib
from importlib.resources import files

import pytest

from hadath.arabic.normalise import fold
from hadath.knowledge import lexicons as lx
from hadath.knowledge.yaml_data import load_yaml


def _raw(name: str) -> dict:
    return load_yaml(files("hadath").joinpath("data", name).read_text(encoding="utf-8"))


def _strings(value) -> list[str]:
    """Every string value in a parsed YAML value (not the mapping keys)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _loaded_strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, (tuple, list, frozenset, set)):
        return {s for v in value for s in _loaded_strings(v)}
    if hasattr(value, "__dataclass_fields__"):
        return {s for f in value.__dataclass_fields__ for s in _loaded_strings(getattr(value, f))}
    return set()


# ----------------------------------------------------------------------------- every row loads

def test_counting_every_row_loads_folded():
    words = lx.load_counting_words()
    loaded = _loaded_strings(words)
    raw = _raw(lx.COUNTING_FILE)
    raw["spans"].pop("consecutive")
    rows = _strings({k: v for k, v in raw.items() if k != "version"})
    for s in rows + list(raw["spans"]["ordinal_days"]):
        assert " ".join(fold(s).split()) in loaded, s
    spans = words.spans
    assert dict(spans.ordinal_days)["الثالث"] == 3
    assert spans.consecutive == ("لليوم ", " علي التوالي")
    assert fold("مستشفى") in words.named_after_nouns
    assert "من" == words.subcount_linker and "بينهم" in words.subcount_markers


def test_place_context_every_row_loads_folded():
    nouns = lx.load_place_context()
    raw = _raw(lx.PLACE_CONTEXT_FILE)
    assert nouns.outlet_nouns == {fold(w) for w in raw["outlet_nouns"]}
    assert nouns.settlement_nouns == {fold(w) for w in raw["settlement_nouns"]}
    assert nouns.qualifier_nouns == tuple(fold(w) for w in raw["qualifier_nouns"])
    assert nouns.qualifier_gap == {fold(w) for w in raw["qualifier_gap"]}
    assert fold("محافظة") in nouns.qualifier_nouns and {"ب", "ل"} <= nouns.qualifier_gap
    assert fold("صحيفة") in nouns.outlet_nouns and fold("مديرية") in nouns.settlement_nouns
    # the canal and the city's own districts stay out (see the file's comments)
    assert fold("قناة") not in nouns.outlet_nouns and fold("حي") not in nouns.settlement_nouns


def test_word_lists_load_nothing_at_import():
    module = importlib.reload(lx)
    try:
        assert module.load_counting_words.cache_info().currsize == 0
        assert module.load_place_context.cache_info().currsize == 0
    finally:
        importlib.reload(lx)


# ----------------------------------------------------------------------------- bad files fail

@pytest.fixture
def counting() -> dict:
    return copy.deepcopy(_raw(lx.COUNTING_FILE))


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.pop("figure_joiners"), r"counting\.yaml: top level: missing key\(s\) \['figure_joiners'\]"),
    (lambda d: d.update(extra=[1]), r"counting\.yaml: top level: unknown key\(s\) \['extra'\]"),
    (lambda d: d["subcount"].pop("linker"), r"counting\.yaml: subcount: missing key"),
    (lambda d: d.update(figure_joiners=[]), r"counting\.yaml: figure_joiners: expected a non-empty"),
    (lambda d: d["dual"]["verbs"].append(""), r"counting\.yaml: dual / verbs: word '' is not"),
    (lambda d: d["dual"]["verbs"].append("أصيبا"), r"counting\.yaml: dual / verbs: 'أصيبا' repeats"),
    (lambda d: d["named_after_nouns"].append("مدرسه"), r"counting\.yaml: named_after_nouns: 'مدرسه' repeats"),
    (lambda d: d["named_after_nouns"].append("حي سكني"), r"counting\.yaml: named_after_nouns: .* not one word"),
    (lambda d: d["spans"]["intro"].append("مدى*"), r"counting\.yaml: spans / intro: .*mean nothing"),
    (lambda d: d["spans"].update(consecutive="لليوم على التوالي"),
     r"counting\.yaml: spans / consecutive: expected a phrase with \{ordinal\}"),
    (lambda d: d["spans"]["ordinal_days"].update({"الأول": 1}),
     r"counting\.yaml: spans / ordinal_days / الأول: 1 outside"),
    (lambda d: d["spans"]["ordinal_days"].update({"الثامن": "ثمانية"}),
     r"counting\.yaml: spans / ordinal_days / الثامن: expected an integer"),
    (lambda d: d.update(spans=["خلال"]), r"counting\.yaml: spans: expected a mapping"),
])
def test_parse_counting_rejects_bad_entries(counting, edit, message):
    edit(counting)
    with pytest.raises(ValueError, match=message):
        lx.parse_counting(counting)


def test_parse_counting_accepts_the_file_as_written(counting):
    assert lx.parse_counting(counting) == lx.load_counting_words()


def _context(**change) -> dict:
    return {"version": 1, "outlet_nouns": ["صحيفة"], "settlement_nouns": ["قرية"],
            "qualifier_nouns": ["محافظة"], "qualifier_gap": ["ب"], **change}


@pytest.mark.parametrize(("data", "message"), [
    ({"version": 1, "outlet_nouns": ["صحيفة"]}, r"place_context\.yaml: top level: missing"),
    (_context(extra=["x"]), r"place_context\.yaml: top level: unknown key\(s\) \['extra'\]"),
    (_context(outlet_nouns=["وكالة أنباء"]),
     r"place_context\.yaml: outlet_nouns: 'وكالة أنباء' is not one word"),
    (_context(settlement_nouns=["قرية", "قريه"]),
     r"place_context\.yaml: settlement_nouns: 'قريه' repeats"),
    (_context(outlet_nouns="صحيفة"), r"place_context\.yaml: outlet_nouns: expected a non-empty list"),
    (_context(qualifier_gap=[]), r"place_context\.yaml: qualifier_gap: expected a non-empty list"),
    (_context(qualifier_nouns=["محافظة*"]), r"place_context\.yaml: qualifier_nouns: .*mean nothing"),
])
def test_parse_place_context_rejects_bad_entries(data, message):
    with pytest.raises(ValueError, match=message):
        lx.parse_place_context(data)


def test_parse_place_context_accepts_a_minimal_file():
    assert lx.parse_place_context(_context()).qualifier_gap == {"ب"}


def test_a_malformed_file_names_itself(monkeypatch):
    monkeypatch.setattr(lx, "_read", lambda name: {"version": 1})
    lx.load_counting_words.cache_clear()
    lx.load_place_context.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"^counting\.yaml: "):
            lx.load_counting_words()
        with pytest.raises(ValueError, match=r"^place_context\.yaml: "):
            lx.load_place_context()
    finally:
        lx.load_counting_words.cache_clear()
        lx.load_place_context.cache_clear()


# ----------------------------------------------------------------------------- read as before

@pytest.mark.parametrize(("sentence", "days"), [
    ("تواصلت الاشتباكات لليوم الثالث على التوالي", 3),
    ("قتل 5 أشخاص خلال اليومين الماضيين", 2),
    ("سقط 12 قتيلا على مدى ثلاثة أيام", 3),
    ("قتل 9 خلال 48 ساعة", 2),
    ("قتل 9 خلال 30 ساعة", 1),  # not whole days
    ("في الساعات 48 الماضية قتل 7", 2),
    ("قتل 7 خلال الـ48 ساعة الماضية", 2),
    ("الأيام الثلاثة الماضية شهدت مقتل 7", 3),
    ("قتل 4 جنود في هجوم", 1),
])
def test_day_spans_read_from_the_data(sentence, days):
    from hadath.stages import resolve_counts as rc

    text = fold(sentence)
    found = max([1, rc._numbered_span(text)]
                + [value(m) for p, value in rc._grammar().span_patterns
                   if (m := p.search(text)) is not None])
    assert found == days


def test_count_patterns_read_from_the_data():
    from hadath.stages import resolve_counts as rc

    g = rc._grammar()
    assert g.subcount_before.search(fold("قتل 10 أشخاص بينهم "))
    assert g.subcount_before.search(fold("قتل 10 أشخاص من بين "))
    assert g.among_before.search(fold("أربعة من بين "))
    assert g.named_before.search(fold("قرب بمعسكر "))
    assert not g.named_before.search(fold("استشهاد "))
    assert g.joined.fullmatch(fold(" و"))
    assert g.generic_attacker.search(fold("مسلحين"))
    assert "قتلا" in g.dual_verbs and g.dual_suffixes == ("هما",)


def test_site_nouns_are_patterns():
    from hadath.knowledge.lexicons import load_place_context

    sites = load_place_context().site_nouns
    assert "مقر" in sites and "قاعدة" in sites


def test_span_words_are_folded_single_words():
    words = lx.load_span_words()
    assert "خلال" in words and all(" " not in w for w in words)
