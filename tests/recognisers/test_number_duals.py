"""Nouns in the dual are a count of two (جنديان، شخصين، قتيلان); look-alikes are not."""

from __future__ import annotations

import pytest

from hadath.arabic.normalise import fold
from hadath.recognisers.numbers import find_numbers


def values(text: str) -> list[tuple[int, str]]:
    return [(m.value, m.text) for m in find_numbers(fold(text))]


@pytest.mark.parametrize("text, word", [
    ("قتل شخصان بانفجار", "شخصان"),
    ("إن جنديين قتلا", "جنديين"),
    ("أصيب مدنيان بجروح", "مدنيان"),
    ("سقط قتيلان", "قتيلان"),
    ("وقتل الجنديان", "الجنديان"),
    ("إصابة طفلين", "طفلين"),
])
def test_dual_nouns_count_two(text, word):
    assert values(text) == [(2, fold(word))]


@pytest.mark.parametrize("text", [
    "مقتل مدنيين", "هجوم لحركة طالبان", "نقل المصابين", "قتل مسلحين", "أطلق سراح مواطنين",
])
def test_plurals_and_names_that_look_dual_are_not_counts(text):
    assert values(text) == []


def test_dual_beside_a_figure_is_a_separate_count():
    assert values("قتل 5 أشخاص وجنديان") == [(5, "5"), (2, "جنديان")]
