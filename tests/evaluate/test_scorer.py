"""CODEBOOK §9 matching and scores on hand-made cases."""

from hadath.evaluate.scorer import fits_family, match_events, score_articles, score_sentences


def ev(t="Battles", sub="Armed clash", d="2019-03-02", lat=34.45, lon=40.94, gp=1, **kw):
    r = {"event_type": t, "sub_event_type": sub, "event_date": d, "latitude": lat,
         "longitude": lon, "geo_precision": gp, "actor1": {"inter": 2}, "actor2": {"inter": 2},
         "fatalities": 0}
    r.update(kw)
    return r


def test_match_requires_type_date_and_distance():
    assert match_events([ev()], [ev(d="2019-03-03")]) == [(0, 0, 0.0, 1)]
    assert match_events([ev()], [ev(d="2019-03-04")]) == []
    assert match_events([ev(t="Riots")], [ev()]) == []
    # ~0.9 degree of latitude ≈ 100 km: too far at precision 1, fine at precision 3
    assert match_events([ev()], [ev(lat=35.35)]) == []
    assert len(match_events([ev(gp=3)], [ev(lat=35.35)])) == 1


def test_match_is_greedy_closest_first_and_one_to_one():
    pred = [ev(lat=34.46), ev(lat=34.60)]
    gold = [ev(lat=34.45)]
    pairs = match_events(pred, gold)
    assert [(i, j) for i, j, _, _ in pairs] == [(0, 0)]


def test_score_articles_prf_and_attributes():
    s = score_articles([
        ("a", [ev(), ev(t="Riots", sub="Mob violence")], [ev(fatalities=0)]),
        ("b", [], [ev()]),
        ("c", [], []),
    ])
    d = s.as_dict()
    assert d["events"]["tp"] == 1 and d["events"]["predicted"] == 2 and d["events"]["gold"] == 2
    assert d["events"]["precision"] == 0.5 and d["events"]["recall"] == 0.5
    assert d["attributes"]["sub_event_type"] == 1.0
    assert d["article_level"] == {"correct": 2, "total": 3, "accuracy": 0.667}
    assert len(d["misses"]) == 1 and len(d["false_alarms"]) == 1


def test_sentence_families():
    assert fits_family({"event_type": "Riots", "sub_event_type": "Mob violence"}, "ASSAULT")
    assert not fits_family({"event_type": "Riots", "sub_event_type": "Violent demonstration"},
                           "ASSAULT")
    assert fits_family({"event_type": "Riots", "sub_event_type": "Violent demonstration"},
                       "PROTEST")
    s = score_sentences([("1", "ASSAULT", "x", [ev()]), ("2", "PROTEST", "y", [ev()])])
    assert s.recall == 0.5 and len(s.misses) == 1
