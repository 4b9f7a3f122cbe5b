"""The seed article gives exactly the three events of CODEBOOK §8, and nothing else."""

from __future__ import annotations

import math
from datetime import date

import pytest

from hadath.pipeline import extract_records
from hadath.readers import iter_articles


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed(seed_path):
    errors = []
    [article] = list(iter_articles([seed_path], errors.append))
    assert not errors
    return article, extract_records(article)


def by_sub(records, sub):
    found = [r for r in records if r["sub_event_type"] == sub]
    assert len(found) == 1, f"expected one {sub}, got {[r['sub_event_type'] for r in records]}"
    return found[0]


def test_seed_exactly_three_events(seed):
    _, records = seed
    assert sorted(r["sub_event_type"] for r in records) == [
        "Air/drone strike", "Armed clash", "Change to group/activity"]


def test_seed_air_strike_near_hit(seed):
    article, records = seed
    assert article.published == date(2019, 3, 3)
    r = by_sub(records, "Air/drone strike")
    assert r["event_type"] == "Explosions/Remote violence"
    assert (r["event_date"], r["time_precision"]) == ("2019-03-03", 1)
    assert r["actor1"]["name"] == "Global Coalition Against Daesh"
    assert r["actor1"]["inter"] == 8
    assert r["actor2"]["name"] == "Islamic State" and r["actor2"]["inter"] == 2
    assert r["location"] == "Hit" and r["iso"] == "IQ" and r["admin1"] == "Al Anbar"
    assert _km(r["latitude"], r["longitude"], 33.6366, 42.8277) < 5
    assert r["geo_precision"] == 2
    assert r["fatalities"] == 3
    assert "War Media Cell" in r["source_attribution"]


def test_seed_pmf_reinforce_border(seed):
    _, records = seed
    r = by_sub(records, "Change to group/activity")
    assert r["event_type"] == "Strategic developments"
    assert r["event_date"] == "2019-03-03"
    assert r["actor1"]["name"] == "Popular Mobilization Forces" and r["actor1"]["inter"] == 3
    # the Iraqi side of the border facing Baghuz (Al-Qa'im area); scored within 150 km at precision 3
    assert _km(r["latitude"], r["longitude"], 34.37, 41.09) < 50


def test_seed_baghuz_battle(seed):
    _, records = seed
    r = by_sub(records, "Armed clash")
    assert r["event_type"] == "Battles"
    assert r["event_date"] == "2019-03-02"
    names = {r["actor1"]["name"], (r["actor2"] or {}).get("name")}
    assert names == {"Syrian Democratic Forces", "Islamic State"}
    assert r["actor1"]["inter"] == 2 and r["actor2"]["inter"] == 2
    assert r["iso"] == "SY" and r["admin1"] == "Deir ez-Zor"
    assert _km(r["latitude"], r["longitude"], 34.45, 40.94) < 10
    assert r["geo_precision"] == 1
    assert r["fatalities"] == 0 and r["injuries"] == 7


def test_seed_evidence_points_into_the_text(seed):
    article, records = seed
    for r in records:
        for span in r["evidence"]:
            assert article.text[span["start"]:span["end"]] == span["text"]


def test_seed_records_validate(seed, event_validator):
    _, records = seed
    for r in records:
        event_validator.validate(r)
