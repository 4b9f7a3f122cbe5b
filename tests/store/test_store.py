"""The store on both backends: ingest, idempotency, dedupe, queries (hand-written records)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hadath.article import Article
from hadath.store import EventQuery, Store, StoreError, open_store


def ingest_all(store, scenario):
    return [store.ingest(article, records) for article, records in scenario]


def test_store_implements_protocol(store):
    assert isinstance(store, Store)


def test_store_three_outlets_one_event_lowest_toll(rec, store):
    results = ingest_all(store, rec.hit_scenario()[:3])
    assert [(r.events_created, r.events_joined) for r in results] == [(1, 0), (0, 1), (0, 1)]
    events, total = store.events(EventQuery())
    assert total == 1
    ev = events[0]
    assert ev["mention_count"] == 3
    assert ev["fatalities"] == 2  # lowest of 3, 2, 4 (CODEBOOK §6)
    assert ev["injuries"] == 4
    assert sorted(s["outlet"] for s in ev["sources"]) == ["almada", "alsumaria", "shafaq"]
    assert {e["article_id"] for e in ev["evidence"]} == {s["article_id"] for s in ev["sources"]}
    # the known actor wins over "Unidentified"; the exact-day date and gp1 place are kept
    assert ev["actor1"]["name"] == "Islamic State"
    assert ev["actor2"]["name"] == "Civilians (Iraq)"
    assert (ev["event_date"], ev["time_precision"], ev["geo_precision"]) == ("2019-03-09", 1, 1)
    assert sorted(ev["source_attribution"]) == ["Anbar Police", "Iraqi Security Media Cell"]
    full = store.event(ev["event_id"])
    assert len(full["mentions"]) == 3
    assert {m["fatalities"] for m in full["mentions"]} == {2, 3, 4}


def test_store_same_day_same_town_different_events_stay_apart(rec, store):
    ingest_all(store, rec.hit_scenario())
    events, total = store.events(EventQuery())
    assert total == 3
    by_type = sorted((e["event_type"], e["actor2"]["name"] if e["actor2"] else None,
                      e["mention_count"]) for e in events)
    assert by_type == [
        ("Explosions/Remote violence", "Civilians (Iraq)", 3),
        ("Explosions/Remote violence", "Military Forces of Iraq", 1),
        ("Protests", None, 1),
    ]


def test_store_most_precise_fields_win(rec, store):
    arts = rec.load_articles()
    a1, a2 = arts["almada-2019-03-10-hit-ied"], arts["shafaq-2019-03-10-hit-ied"]
    # a governorate-level, week-precision report first, then the exact one
    store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة", time_precision=2, event_date="2019-03-10",
                             geo_precision=3, location="Ramadi", latitude=33.4206,
                             longitude=43.3078, fatalities=3)])
    res = store.ingest(a2, [rec.record(a2, 0, "شفق نيوز", fatalities=2)])
    assert res.events_joined == 1
    ev = store.events(EventQuery())[0][0]
    assert (ev["location"], ev["geo_precision"]) == ("Hit", 1)
    assert (ev["event_date"], ev["time_precision"]) == ("2019-03-09", 1)


@pytest.mark.parametrize("change", [
    {"event_date": "2019-03-12"},                       # 3 days apart, both exact
    {"latitude": 33.80, "longitude": 42.45},            # ~40 km away, both gp1
    {"actor2": {"name": "Military Forces of Iraq", "inter": 1}},  # different target
    {"event_type": "Battles", "sub_event_type": "Armed clash"},
])
def test_store_dedupe_rules_keep_events_apart(rec, store, change):
    arts = rec.load_articles()
    a1, a2 = arts["almada-2019-03-10-hit-ied"], arts["shafaq-2019-03-10-hit-ied"]
    store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة")])
    res = store.ingest(a2, [rec.record(a2, 0, "شفق نيوز", **change)])
    assert (res.events_created, res.events_joined) == (1, 0)


def test_store_coarse_precision_widens_windows(rec, store):
    arts = rec.load_articles()
    a1, a2 = arts["almada-2019-03-10-hit-ied"], arts["shafaq-2019-03-10-hit-ied"]
    store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة")])
    # week precision 3 days off, governorate level 55 km off: still the same event
    res = store.ingest(a2, [rec.record(a2, 0, "شفق نيوز", event_date="2019-03-12",
                                   time_precision=2, geo_precision=3, latitude=33.4206,
                                   longitude=43.3078)])
    assert res.events_joined == 1


def test_store_two_records_of_one_article_never_merge(rec, store):
    a1 = rec.load_articles()["almada-2019-03-10-hit-ied"]
    res = store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة"), rec.record(a1, 1, "قُتل ثلاثة")])
    assert (res.mentions_added, res.events_created, res.events_joined) == (2, 2, 0)


def test_store_ingest_is_idempotent_by_id_and_by_text(rec, store):
    scenario = rec.hit_scenario()
    ingest_all(store, scenario)
    before = store.totals()
    again = ingest_all(store, scenario)
    assert all(not r.article_added and r.mentions_added == 0 for r in again)
    a1, recs = scenario[0]
    # same text under another id, with diacritics/hamza/spacing differences: still a repeat
    respelled = a1.text.replace("قُتل", "قتل").replace("الأنبار", "الانبار").replace(" ", "  ")
    copy = Article(id="reprint-1", text=respelled, outlet="other", published=a1.published)
    assert not store.ingest(copy, recs).article_added
    assert store.totals() == before
    assert store.has_article(a1.id) and not store.has_article("reprint-1")


def test_store_rejects_bad_record_without_writing(rec, store):
    a1 = rec.load_articles()["almada-2019-03-10-hit-ied"]
    with pytest.raises(ValueError, match="event_date"):
        store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة", event_date="10/03/2019")])
    assert store.totals() == {"articles": 0, "mentions": 0, "events": 0}


def test_store_query_filters(rec, store):
    ingest_all(store, rec.hit_scenario())

    def ids(**kw):
        return {e["event_type"] + "/" + (e["actor2"] or {}).get("name", "-")
                for e in store.events(EventQuery(**kw))[0]}

    assert ids(event_type="Protests") == {"Protests/-"}
    assert len(ids(country="IQ")) == 3 and len(ids(country="iraq")) == 3
    assert ids(country="SY") == set()
    assert ids(actor="military forces") == {"Explosions/Remote violence/Military Forces of Iraq"}
    assert ids(actor="داعش") == {"Explosions/Remote violence/Civilians (Iraq)"}
    assert len(ids(date_from=date(2019, 3, 9), date_to=date(2019, 3, 9))) == 3
    assert ids(date_from=date(2019, 3, 10)) == set()
    assert len(ids(near=(33.63, 42.83, 10))) == 3
    assert ids(near=(33.31, 44.36, 50)) == set()  # Baghdad
    assert len(ids(bbox=(42.0, 33.0, 43.5, 34.0))) == 3
    assert len(ids(admin1="al anbar")) == 3
    page, total = store.events(EventQuery(limit=2, offset=2))
    assert total == 3 and len(page) == 1


def test_store_full_text_is_arabic_aware(rec, store):
    ingest_all(store, rec.hit_scenario())
    # hamza-folded query finds the hamza spelling and vice versa; clitics are no barrier
    q_events = {e["mention_count"] for e in store.events(EventQuery(q="الانبار عبوة"))[0]}
    assert q_events == {3}
    arts, total = store.articles("الأنبار", 10, 0)
    assert total == 4  # the patrol report does not name the governorate
    assert "text" not in arts[0]
    assert store.articles("تظاهر", 10, 0)[1] == 1
    assert store.articles("مستشفى هيت", 10, 0)[1] == 1
    assert store.articles("غارة", 10, 0)[1] == 0
    # short (1-2 letter) terms still filter
    assert store.articles("هيت 4", 10, 0)[1] == 0
    narrowed, n = store.articles("هيت", 10, 0, EventQuery(event_type="Protests"))
    assert n == 1 and narrowed[0]["id"] == "almada-2019-03-10-hit-protest"


def test_store_article_and_counts(rec, store):
    ingest_all(store, rec.hit_scenario())
    art = store.article("shafaq-2019-03-10-hit-ied")
    assert art["text"].startswith("شفق نيوز")
    assert art["date"] == "2019-03-10" and art["outlet"] == "shafaq"
    assert len(art["events"]) == 1 and art["events"][0]["canonical_event_id"].startswith("ev-")
    assert store.article("nope") is None and store.event("nope") is None
    by_type = store.counts("event_type", EventQuery())
    assert by_type == [{"key": "Explosions/Remote violence", "count": 2, "fatalities": 2},
                       {"key": "Protests", "count": 1, "fatalities": 0}]
    assert store.counts("day", EventQuery()) == [{"key": "2019-03-09", "count": 3,
                                                  "fatalities": 2}]
    with pytest.raises(ValueError):
        store.counts("actor", EventQuery())


def test_store_battles_sides_may_swap(rec, store):
    arts = rec.load_articles()
    a1, a2 = arts["almada-2019-03-10-hit-ied"], arts["shafaq-2019-03-10-hit-ied"]
    battle = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    store.ingest(a1, [rec.record(a1, 0, "قُتل ثلاثة", actor1=rec.ARMY, actor2=rec.ISLAMIC_STATE, **battle)])
    res = store.ingest(a2, [rec.record(a2, 0, "شفق نيوز", actor1=rec.ISLAMIC_STATE, actor2=rec.ARMY,
                                   **battle)])
    assert res.events_joined == 1


def test_store_reopen_keeps_data(rec, store_url):
    s = open_store(store_url)
    ingest_all(s, rec.hit_scenario())
    s.close()
    s = open_store(store_url)
    assert s.totals() == {"articles": 5, "mentions": 5, "events": 3}
    s.close()


def test_store_url_forms_and_unusable_urls(tmp_path):
    s = open_store(f"sqlite:///{tmp_path}/a.db")  # sqlite:////abs/path
    assert (tmp_path / "a.db").exists() and s.totals()["articles"] == 0
    s.close()
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database at all " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="notes.txt"):
        open_store(str(not_a_db))
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    with pytest.raises(StoreError):
        open_store(f"postgresql://nobody@/x?host={tmp_path}&port=1")


def test_store_concurrent_writers_make_one_event(rec, store_url):
    """Two connections ingesting the same reports at once (two ``hadath ingest`` runs):
    every article once, and the three retellings still one event."""
    import threading

    scenario = rec.hit_scenario()
    open_store(store_url).close()  # migrate once, before the race
    errors: list[BaseException] = []

    def worker(order):
        s = open_store(store_url)
        try:
            for article, records in order:
                s.ingest(article, records)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=worker, args=(o,))
               for o in (scenario, list(reversed(scenario)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    s = open_store(store_url)
    assert s.totals() == {"articles": 5, "mentions": 5, "events": 3}
    s.close()


def test_store_no_chaining_across_weeks(rec, store):
    """Week-precision reports two days apart each must not chain into one long event:
    every mention must fit every other, not just the canonical date of the moment."""
    from dataclasses import replace

    arts = rec.load_articles()
    reports = [("almada-2019-03-10-hit-ied", "قُتل ثلاثة", "2019-03-27"),
               ("shafaq-2019-03-10-hit-ied", "شفق نيوز", "2019-03-25"),
               ("alsumaria-2019-03-10-hit-ied", "أعلنت خلية", "2019-03-21"),
               ("shafaq-2019-03-10-hit-patrol", "شفق نيوز", "2019-03-19")]
    for article_id, evidence, day in reports:
        # published the day after: the newest joiner is the earliest report, so it
        # would become the canonical date each time if nothing else held the event
        article = replace(arts[article_id],
                          published=date.fromisoformat(day) + timedelta(days=1))
        store.ingest(article, [rec.record(article, 0, evidence, event_date=day,
                                          time_precision=2)])
    for ev in store.iter_events(EventQuery()):
        mention_days = sorted(date.fromisoformat(m["event_date"])
                              for m in store.event(ev["event_id"])["mentions"])
        assert (mention_days[-1] - mention_days[0]).days <= 7, mention_days
    assert store.totals()["events"] >= 2
