"""Latency of the REST API over a 100,000-event SQLite store.

    .venv/bin/python bench/api_latency.py [--events 100000] [--runs 30] [--rebuild]

1. Builds (once; cached under $HADATH_CACHE or ~/.cache/hadath/bench/) a SQLite store of
   synthetic articles whose records are spread over the Middle East and twelve years,
   through ``Store.ingest``, the path real data takes (dedupe included).
2. Starts a real ``hadath serve`` on 127.0.0.1 and times typical requests of the map page
   and of API clients, over one keep-alive connection, sequentially.
3. Prints p50/p95 per query and writes bench/out/api_latency.json. Target: p95 <= 100 ms.

The synthetic text is generated from a few templates; it exercises the store (its
indexes, its full-text table, JSON records of realistic size), not the extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from hadath.article import Article
from hadath.store import open_store

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
TARGET_P95_MS = 100.0
LAYOUT = "v1"  # bump when the generator changes, so a cached database is rebuilt

# (English, Arabic, admin1, country, ISO2, latitude, longitude): public facts.
PLACES = [
    ("Baghdad", "بغداد", "Baghdad", "Iraq", "IQ", 33.3406, 44.4009),
    ("Mosul", "الموصل", "Ninawa", "Iraq", "IQ", 36.335, 43.1189),
    ("Basra", "البصرة", "Al Basrah", "Iraq", "IQ", 30.5085, 47.7804),
    ("Ramadi", "الرمادي", "Al Anbar", "Iraq", "IQ", 33.4206, 43.3078),
    ("Fallujah", "الفلوجة", "Al Anbar", "Iraq", "IQ", 33.3537, 43.7826),
    ("Hit", "هيت", "Al Anbar", "Iraq", "IQ", 33.6366, 42.8277),
    ("Kirkuk", "كركوك", "Kirkuk", "Iraq", "IQ", 35.4681, 44.3922),
    ("Tikrit", "تكريت", "Salah ad Din", "Iraq", "IQ", 34.6071, 43.6782),
    ("Samarra", "سامراء", "Salah ad Din", "Iraq", "IQ", 34.1983, 43.8742),
    ("Baqubah", "بعقوبة", "Diyala", "Iraq", "IQ", 33.7466, 44.6437),
    ("Erbil", "أربيل", "Erbil", "Iraq", "IQ", 36.1911, 44.0094),
    ("Damascus", "دمشق", "Damascus", "Syria", "SY", 33.5138, 36.2765),
    ("Aleppo", "حلب", "Aleppo", "Syria", "SY", 36.2021, 37.1343),
    ("Homs", "حمص", "Homs", "Syria", "SY", 34.7324, 36.7137),
    ("Idlib", "إدلب", "Idlib", "Syria", "SY", 35.9306, 36.6339),
    ("Raqqa", "الرقة", "Ar Raqqah", "Syria", "SY", 35.9528, 39.0079),
    ("Deir ez-Zor", "دير الزور", "Deir ez-Zor", "Syria", "SY", 35.3359, 40.1408),
    ("Daraa", "درعا", "Daraa", "Syria", "SY", 32.6189, 36.1021),
    ("Sanaa", "صنعاء", "Amanat al Asimah", "Yemen", "YE", 15.3547, 44.2067),
    ("Aden", "عدن", "Aden", "Yemen", "YE", 12.7794, 45.0367),
    ("Taiz", "تعز", "Taizz", "Yemen", "YE", 13.5795, 44.0209),
    ("Hodeidah", "الحديدة", "Al Hudaydah", "Yemen", "YE", 14.7978, 42.9545),
    ("Marib", "مأرب", "Marib", "Yemen", "YE", 15.4629, 45.3225),
    ("Beirut", "بيروت", "Beirut", "Lebanon", "LB", 33.8938, 35.5018),
    ("Tripoli (Lebanon)", "طرابلس", "North", "Lebanon", "LB", 34.4367, 35.8497),
    ("Gaza", "غزة", "Gaza", "Palestine", "PS", 31.5017, 34.4668),
    ("Amman", "عمّان", "Amman", "Jordan", "JO", 31.9539, 35.9106),
    ("Riyadh", "الرياض", "Riyadh", "Saudi Arabia", "SA", 24.7136, 46.6753),
    ("Najran", "نجران", "Najran", "Saudi Arabia", "SA", 17.4917, 44.1322),
    ("Cairo", "القاهرة", "Cairo", "Egypt", "EG", 30.0444, 31.2357),
    ("Al Arish", "العريش", "North Sinai", "Egypt", "EG", 31.1316, 33.7984),
    ("Benghazi", "بنغازي", "Benghazi", "Libya", "LY", 32.1167, 20.0667),
]

ACTORS = [
    ("Islamic State", "داعش", 2), ("Military Forces of Iraq", "القوات العراقية", 1),
    ("Popular Mobilization Forces", "الحشد الشعبي", 3),
    ("Syrian Democratic Forces", "قوات سوريا الديمقراطية", 2),
    ("Military Forces of Syria", "الجيش السوري", 1), ("Houthi Movement", "الحوثيون", 2),
    ("Global Coalition Against Daesh", "التحالف الدولي", 8),
    ("Military Forces of Saudi Arabia", "القوات السعودية", 8),
]

# event_type -> (sub_event_type, Arabic sentence template with {place} and {actor})
KINDS = {
    "Battles": ("Armed clash", "اندلعت اشتباكات عنيفة بين {actor} ومسلحين في {place}"),
    "Explosions/Remote violence": ("Air/drone strike", "شن طيران {actor} غارة جوية على {place}"),
    "Violence against civilians": ("Attack", "هاجم مسلحون من {actor} مدنيين في {place}"),
    "Protests": ("Peaceful protest", "تظاهر مئات من المواطنين في {place} للمطالبة بالإصلاح"),
    "Riots": ("Violent demonstration", "أحرق محتجون إطارات وأغلقوا الطرق في {place}"),
    "Strategic developments": ("Arrests", "اعتقلت {actor} عدداً من المطلوبين في {place}"),
}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
FIRST_DAY = date(2015, 1, 1)
DAYS = 12 * 365


def synthetic_articles(count: int, per_article: int, seed: int = 7
                       ) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """``count`` articles of ``per_article`` distinct events each (deterministic)."""
    rng = random.Random(seed)
    types = list(KINDS)
    for n in range(count):
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        sentences, records = [], []
        for i in range(per_article):
            name, name_ar, admin1, country, iso, lat, lon = rng.choice(PLACES)
            event_type = rng.choice(types)
            sub, template = KINDS[event_type]
            actor, actor_ar, inter = rng.choice(ACTORS)
            sentence = template.format(place=name_ar, actor=actor_ar) + f" في الحادثة رقم {n}-{i}."
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            lat += rng.uniform(-0.6, 0.6)
            lon += rng.uniform(-0.6, 0.6)
            day = published - timedelta(days=rng.randrange(0, 3))
            records.append({
                "event_id": f"bench-{n}#{i}", "article_id": f"bench-{n}",
                "event_date": day.isoformat(), "time_precision": 1,
                "disorder_type": DISORDER[event_type], "event_type": event_type,
                "sub_event_type": sub,
                "actor1": {"name": actor, "name_ar": actor_ar, "inter": inter, "country": None},
                "assoc_actor_1": [], "actor2": None, "assoc_actor_2": [],
                "country": country, "iso": iso, "admin1": admin1, "admin2": None,
                "location": name, "location_ar": name_ar, "latitude": round(lat, 4),
                "longitude": round(lon, 4), "geo_precision": 1, "geonameid": None,
                "fatalities": rng.choice([0, 0, 0, 1, 2, 3, 5, 12]), "injuries": None,
                "source": "Bench Wire", "source_attribution": [],
                "evidence": [{"start": start, "end": start + len(sentence), "text": sentence}],
                "confidence": 0.7, "notes": f"{event_type} in {name} on {day}.",
            })
        text = " ".join(sentences)
        yield Article(id=f"bench-{n}", text=text, outlet="Bench Wire", title=f"خبر {n}",
                      published=published, url=f"https://bench.invalid/{n}"), records


def cache_dir() -> Path:
    base = Path(os.environ.get("HADATH_CACHE") or Path.home() / ".cache" / "hadath")
    path = base / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def build(db: Path, events: int, per_article: int = 5) -> dict[str, Any]:
    """Ingest synthetic articles until the store holds ``events`` canonical events."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = open_store(db)
    t0 = time.perf_counter()
    done = 0
    try:
        for article, records in synthetic_articles(10 * events // per_article, per_article):
            store.ingest(article, records)
            done += 1
            if done % 2000 == 0:
                total = store.totals()["events"]
                print(f"  {done} articles, {total} events, "
                      f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
                if total >= events:
                    break
        totals = store.totals()
    finally:
        store.close()
    seconds = time.perf_counter() - t0
    meta = {"layout": LAYOUT, "totals": totals, "build_s": round(seconds, 1),
            "mentions_per_s": round(totals["mentions"] / seconds, 1)}
    Path(str(db) + ".json").write_text(json.dumps(meta))
    return meta


def cached_db(events: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    db = cache_dir() / f"api-{events}.db"
    meta_path = Path(str(db) + ".json")
    if not rebuild and db.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("layout") == LAYOUT:
            return db, meta
    print(f"building {db} ...", file=sys.stderr)
    return db, build(db, events)


def queries(event_id: str) -> list[tuple[str, str]]:
    """(name, path): what the map page and typical API clients ask."""
    return [
        ("first page", "/api/events"),
        ("map layer (1000, GeoJSON)", "/api/events?format=geojson&limit=1000"),
        ("map layer as the page asks", "/api/events?format=geojson&limit=1000&fields=event_type,"
                                       "sub_event_type,event_date,location,country,iso,fatalities"),
        ("table page 2", "/api/events?limit=50&offset=50"),
        ("one month", "/api/events?date_from=2019-03-01&date_to=2019-03-31"),
        ("event_type", "/api/events?event_type=Battles"),
        ("country ISO", "/api/events?country=IQ"),
        ("country name + type", "/api/events?country=Syria&event_type=Explosions/Remote%20violence"),
        ("admin1", "/api/events?admin1=Al%20Anbar"),
        ("sub-type + year", "/api/events?sub_event_type=Air/drone%20strike"
                            "&date_from=2020-01-01&date_to=2020-12-31"),
        ("bbox (Baghdad)", "/api/events?bbox=44.0,33.0,44.8,33.7"),
        ("near 50 km", "/api/events?near=36.2,37.1,50"),
        ("actor", "/api/events?actor=Popular%20Mobilization"),
        ("text search", "/api/events?q=" + "الفلوجة"),
        ("deep offset", "/api/events?limit=100&offset=50000"),
        ("event detail", f"/api/events/{event_id}"),
        ("counts by day", "/api/stats/counts?by=day"),
        ("counts by country", "/api/stats/counts?by=country"),
        ("counts by type, one year", "/api/stats/counts?by=event_type"
                                     "&date_from=2021-01-01&date_to=2021-12-31"),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(db: Path, runs: int) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hadath.cli.serve import command; command()",
         "--db", str(db), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if not match:
            raise RuntimeError(f"hadath serve did not start: {line!r}")
        results = []
        with httpx.Client(base_url=match.group(1), timeout=60) as client:
            for _ in range(100):
                try:
                    client.get("/api/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            event_id = client.get("/api/events?limit=1").json()["events"][0]["event_id"]
            for name, path in queries(event_id):
                times, status, size, total = [], 0, 0, None
                for i in range(runs + 3):
                    t0 = time.perf_counter()
                    response = client.get(path)
                    elapsed = (time.perf_counter() - t0) * 1000
                    status, size = response.status_code, len(response.content)
                    if i >= 3:  # warm-up
                        times.append(elapsed)
                if status != 200:
                    raise RuntimeError(f"{path}: HTTP {status}")
                body = response.json()
                total = body.get("total")
                results.append({"query": name, "path": path, "total": total, "bytes": size,
                                "p50_ms": round(statistics.median(times), 1),
                                "p95_ms": round(percentile(times, 0.95), 1),
                                "max_ms": round(max(times), 1)})
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db, meta = cached_db(args.events, args.rebuild)
    print(f"store: {db} {meta['totals']} (built in {meta['build_s']} s, "
          f"{meta['mentions_per_s']} mentions/s)")
    results = measure(db, args.runs)
    print(f"\n{'query':<28} {'total':>7} {'KB':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for r in results:
        flag = "" if r["p95_ms"] <= TARGET_P95_MS else "  > target"
        total = "" if r["total"] is None else r["total"]
        print(f"{r['query']:<28} {total!s:>7} {r['bytes'] / 1024:>7.1f} "
              f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f}{flag}")
    slow = [r for r in results if r["p95_ms"] > TARGET_P95_MS]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "api_latency.json").write_text(json.dumps(
        {"store": meta, "runs": args.runs, "target_p95_ms": TARGET_P95_MS,
         "results": results}, indent=2, ensure_ascii=False))
    print(f"\n{len(results) - len(slow)}/{len(results)} queries within p95 <= "
          f"{TARGET_P95_MS:g} ms; details in {OUT / 'api_latency.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
