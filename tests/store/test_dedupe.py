"""The pure dedupe rules: text identity, similarity, windows, actors, canonical fields."""

from __future__ import annotations

from datetime import date

import pytest

from hadath.store import dedupe


def test_dedupe_text_hash_folds_spelling_and_spacing():
    a = "قُتل ثلاثة مدنيين في الأنبار،  أمس."
    b = "قتل ثلاثه مدنيين في الانبار، \n أمس."
    assert dedupe.text_hash(a) == dedupe.text_hash(b)
    assert dedupe.text_hash(a) != dedupe.text_hash(a.replace("ثلاثة", "أربعة"))


def test_dedupe_similarity_separates_retellings_from_other_events(rec):
    scenario = rec.hit_scenario()
    ev = [dedupe.evidence_text(records[0]) for _, records in scenario]
    same = [dedupe.similarity(ev[i], ev[j]) for i, j in ((0, 1), (0, 2), (1, 2))]
    protest = [dedupe.similarity(ev[3], ev[i]) for i in (0, 1, 2)]
    assert min(same) >= dedupe.MIN_SIMILARITY
    assert max(protest) < dedupe.MIN_SIMILARITY
    assert dedupe.similarity("", "abc") == 0.0


@pytest.mark.parametrize(("a", "b", "meet"), [
    ((date(2019, 3, 9), 1), (date(2019, 3, 10), 1), True),
    ((date(2019, 3, 9), 1), (date(2019, 3, 11), 1), False),
    ((date(2019, 3, 9), 1), (date(2019, 3, 13), 2), True),   # the week around the 13th
    ((date(2019, 3, 1), 1), (date(2019, 3, 15), 3), True),   # "in March"
    ((date(2019, 2, 10), 1), (date(2019, 3, 15), 3), False),
])
def test_dedupe_date_windows(a, b, meet):
    assert dedupe.windows_meet(dedupe.date_window(*a), dedupe.date_window(*b)) is meet


def test_dedupe_radius_depends_on_coarser_precision():
    assert dedupe.radius_km(1, 1) == 10
    assert dedupe.radius_km(1, 2) == 25
    assert dedupe.radius_km(3, 1) == 75
    hit, ramadi = (33.6366, 42.8277), (33.4206, 43.3078)
    assert 45 < dedupe.distance_km(*hit, *ramadi) < 55


def test_dedupe_actor_compatibility():
    names = frozenset({"Islamic State"})
    civ = frozenset({"Civilians (Iraq)"})
    assert dedupe.actors_compatible("Explosions/Remote violence", "Islamic State",
                                    "Civilians (Iraq)", names, civ)
    assert dedupe.actors_compatible("Explosions/Remote violence",
                                    "Unidentified Armed Group (Iraq)", None, names, civ)
    assert not dedupe.actors_compatible("Explosions/Remote violence", "Islamic State",
                                        "Military Forces of Iraq", names, civ)
    army = frozenset({"Military Forces of Iraq"})
    assert dedupe.actors_compatible("Battles", "Military Forces of Iraq", "Islamic State",
                                    names, army)
    assert not dedupe.actors_compatible("Protests", "Military Forces of Iraq",
                                        "Islamic State", names, army)


def test_dedupe_lowest_count():
    assert dedupe.lowest_count([3, 2, 4]) == 2
    assert dedupe.lowest_count([0, 5, 7]) == 5  # "no figure" does not conflict with 5
    assert dedupe.lowest_count([0, 0]) == 0
    assert dedupe.lowest_count([None, None]) is None


def test_dedupe_canonical_takes_best_fields(rec):
    arts = rec.load_articles()
    a1, a2 = arts["almada-2019-03-10-hit-ied"], arts["shafaq-2019-03-10-hit-ied"]
    coarse = rec.record(a1, 0, "قُتل ثلاثة", time_precision=3, event_date="2019-03-15",
                        geo_precision=3, location="Ramadi", fatalities=5, confidence=0.9)
    exact = rec.record(a2, 0, "شفق نيوز", fatalities=2, actor1=rec.ISLAMIC_STATE)
    canon = dedupe.canonical("ev-x", [
        {"record": coarse, "article": {"id": a1.id, "outlet": "almada"}},
        {"record": exact, "article": {"id": a2.id, "outlet": "shafaq"}},
    ])
    assert canon["event_id"] == "ev-x" and canon["mention_count"] == 2
    assert (canon["event_date"], canon["time_precision"]) == ("2019-03-09", 1)
    assert (canon["location"], canon["geo_precision"]) == ("Hit", 1)
    assert canon["fatalities"] == 2 and canon["confidence"] == 0.9
    assert canon["actor1"]["name"] == "Islamic State"
    assert canon["source"] == "almada; shafaq" and canon["article_id"] == a1.id
    assert [s["article_id"] for s in canon["sources"]] == [a1.id, a2.id]
    assert [e["article_id"] for e in canon["evidence"]] == [a1.id, a2.id]
    with pytest.raises(ValueError):
        dedupe.canonical("ev-y", [])


def test_dedupe_check_record():
    assert dedupe.check_record({"event_type": "Protests", "event_date": "2019-03-09"}) is None
    assert "event_type" in dedupe.check_record({"event_date": "2019-03-09"})
    assert "event_date" in dedupe.check_record({"event_type": "Protests",
                                                "event_date": "9 March"})
    assert dedupe.check_record(["x"]) == "record is not an object"
