"""Which written forms of a vague trigger refer back (merge._vague)."""

from __future__ import annotations

import pytest

from hadath.article import Event, Mention
from hadath.stages.merge import _vague


def _event(text: str, vague: bool = True) -> Event:
    trigger = Mention("trigger", "Armed clash", 0, len(text), text, 0,
                      value={"vague": True} if vague else None, strength="weak")
    return Event("Battles", "Armed clash", "Political violence", 0, trigger)


@pytest.mark.parametrize("text", ["الهجوم", "بالهجوم", "للهجوم", "والهجوم", "وبالهجوم", "فللهجوم"])
def test_definite_forms_after_any_clitic_chain_refer_back(text):
    assert _vague(_event(text), set())


@pytest.mark.parametrize("text", ["هجوم", "هجوما", "لهجوم", "وهجوم"])
def test_indefinite_forms_report_a_new_attack(text):
    assert not _vague(_event(text), set())


def test_a_word_not_listed_as_vague_is_never_vague():
    assert not _vague(_event("الاشتباكات", vague=False), {len("الاشتباكات") + 1})


def test_an_indefinite_form_annexed_to_a_place_refers_back():
    # "هجوم قندز": the place that follows makes it definite (iḍāfa)
    assert _vague(_event("هجوم"), {len("هجوم") + 1})
