"""Fixtures: a real throw-away PostgreSQL server, one store per backend, and
hand-written records.

The server (hadath.store.testing.temp_postgres) starts once per session on a unix
socket in a temp dir. Without PostgreSQL binaries the postgres half of the suite is
skipped, except under CI, where it fails (install with scripts/ci/postgres.sh).
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hadath.article import Article
from hadath.store import open_store
from hadath.store.sql import SQLStore
from hadath.store.testing import PostgresUnavailable, TempPostgres, temp_postgres


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    try:
        with temp_postgres() as server:
            yield server
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty database of each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "hadath.db")
    server: TempPostgres = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def store(store_url: str) -> Iterator[SQLStore]:
    s = open_store(store_url)
    try:
        yield s  # type: ignore[misc]
    finally:
        s.close()


# --- hand-written records (store tests must not depend on extraction) -------------

FIXTURES = Path(__file__).parent / "fixtures"

CIVILIANS = {"name": "Civilians (Iraq)", "name_ar": "مدنيين", "inter": 7, "country": "Iraq"}
UNIDENTIFIED = {"name": "Unidentified Armed Group (Iraq)", "name_ar": None, "inter": 3,
                "country": "Iraq"}
ISLAMIC_STATE = {"name": "Islamic State", "name_ar": "داعش", "inter": 2, "country": None}
ARMY = {"name": "Military Forces of Iraq", "name_ar": "الجيش العراقي", "inter": 1,
        "country": "Iraq"}
PROTESTERS = {"name": "Protesters (Iraq)", "name_ar": "المتظاهرين", "inter": 6,
              "country": "Iraq"}
HIT = {"country": "Iraq", "iso": "IQ", "admin1": "Al Anbar", "admin2": "Hit",
       "location": "Hit", "location_ar": "هيت", "latitude": 33.6366, "longitude": 42.8277,
       "geo_precision": 1, "geonameid": 95788}


def load_articles(name: str = "hit_reports.jsonl") -> dict[str, Article]:
    out = {}
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out[row["id"]] = Article(id=row["id"], text=row["text"], outlet=row["outlet"],
                                 title=row["title"], published=date.fromisoformat(row["date"]))
    return out


def sentence_span(article: Article, first_words: str) -> dict[str, Any]:
    """The evidence span of the sentence (line) starting with ``first_words``."""
    start = article.text.index(first_words)
    end = article.text.find("\n", start)
    end = len(article.text) if end < 0 else end
    return {"start": start, "end": end, "text": article.text[start:end]}


def record(article: Article, index: int, evidence_start: str, **fields: Any) -> dict[str, Any]:
    """A schema-shaped record of ``article``; ``fields`` override the defaults
    (an IED against civilians in Hit on 2019-03-09)."""
    rec: dict[str, Any] = {
        "event_id": f"hd-{article.id}-{index}", "article_id": article.id,
        "event_date": "2019-03-09", "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": UNIDENTIFIED, "assoc_actor_1": [], "actor2": CIVILIANS, "assoc_actor_2": [],
        **HIT, "fatalities": 0, "injuries": None, "source": article.outlet or "unknown",
        "source_attribution": [], "evidence": [sentence_span(article, evidence_start)],
        "confidence": 0.7, "notes": "", "outlet": article.outlet, "url": article.url,
        "title": article.title,
    }
    rec.update(fields)
    return rec


def hit_scenario() -> list[tuple[Article, list[dict[str, Any]]]]:
    """Three outlets on one IED in Hit (tolls 3, 2, 4), plus a protest and a second
    IED (on an army patrol) in Hit the same day."""
    arts = load_articles()
    a1 = arts["almada-2019-03-10-hit-ied"]
    a2 = arts["shafaq-2019-03-10-hit-ied"]
    a3 = arts["alsumaria-2019-03-10-hit-ied"]
    a4 = arts["almada-2019-03-10-hit-protest"]
    a5 = arts["shafaq-2019-03-10-hit-patrol"]
    return [
        (a1, [record(a1, 0, "قُتل ثلاثة", fatalities=3, injuries=5,
                     notes="An IED at a market in Hit killed three civilians.")]),
        (a2, [record(a2, 0, "شفق نيوز", fatalities=2, injuries=4, actor1=ISLAMIC_STATE,
                     source_attribution=["Anbar Police"], confidence=0.8)]),
        (a3, [record(a3, 0, "أعلنت خلية", event_date="2019-03-10", fatalities=4, injuries=6,
                     latitude=33.6412, longitude=42.8251,
                     source_attribution=["Iraqi Security Media Cell"])]),
        (a4, [record(a4, 0, "تظاهر العشرات", event_type="Protests",
                     disorder_type="Demonstrations", sub_event_type="Peaceful protest",
                     actor1=PROTESTERS, actor2=None)]),
        (a5, [record(a5, 0, "شفق نيوز", actor2=ARMY, injuries=2,
                     latitude=33.6521, longitude=42.7950, geo_precision=2)]),
    ]


@pytest.fixture
def rec() -> types.SimpleNamespace:
    """The record helpers above, for tests (importlib mode forbids sibling imports)."""
    return types.SimpleNamespace(
        CIVILIANS=CIVILIANS, UNIDENTIFIED=UNIDENTIFIED, ISLAMIC_STATE=ISLAMIC_STATE, ARMY=ARMY,
        PROTESTERS=PROTESTERS, HIT=HIT, load_articles=load_articles, record=record,
        hit_scenario=hit_scenario, sentence_span=sentence_span)


# --- generated wire reports for the 1,000-article runs -------------------------------

# (town, governorate) pairs: real Iraqi places, written as the press writes them.
PLACES = [("هيت", "الأنبار"), ("الرمادي", "الأنبار"), ("الفلوجة", "الأنبار"),
          ("القائم", "الأنبار"), ("تكريت", "صلاح الدين"), ("سامراء", "صلاح الدين"),
          ("بيجي", "صلاح الدين"), ("الموصل", "نينوى"), ("تلعفر", "نينوى"),
          ("الحويجة", "كركوك"), ("بعقوبة", "ديالى"), ("المقدادية", "ديالى"),
          ("الطارمية", "بغداد"), ("أبو غريب", "بغداد"), ("جرف الصخر", "بابل")]
OUTLETS = [("almada", "{gov} / المدى"), ("shafaq", "شفق نيوز/ {gov}"),
           ("alsumaria", "السومرية نيوز/ {gov}"), ("ina", "بغداد - واع")]
NUMBERS = ["اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
TEMPLATES = [
    "قُتل {n} مدنيين وأصيب آخرون، {when}، بانفجار عبوة ناسفة في قضاء {town} بمحافظة {gov}، "
    "بحسب مصدر أمني.",
    "أعلنت خلية الإعلام الأمني، {when}، مقتل {n} من عناصر داعش بضربة جوية نفذها طيران "
    "التحالف الدولي قرب {town} في محافظة {gov}.",
    "اندلعت اشتباكات عنيفة بين القوات الأمنية ومسلحين من تنظيم داعش في {town}، {when}، "
    "أسفرت عن مقتل {n} مسلحين.",
    "تظاهر المئات من أهالي {town} في محافظة {gov}، {when}، للمطالبة بتحسين الخدمات وتوفير "
    "فرص العمل.",
    "اعتقلت القوات الأمنية {n} مطلوبين بتهم إرهابية خلال عملية دهم في {town} بمحافظة {gov}، "
    "{when}.",
]


def generate_articles(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` short wire reports: each event is told by one to three outlets in their own
    words and dated with their own reference ("أمس", the weekday), over ~60 days."""
    import random
    from datetime import timedelta

    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    start = date(2019, 1, 1)
    while len(out) < n:
        day = start + timedelta(days=rnd.randrange(60))
        town, gov = rnd.choice(PLACES)
        template = rnd.choice(TEMPLATES)
        number = rnd.choice(NUMBERS)
        for outlet, dateline in rnd.sample(OUTLETS, rnd.randint(1, 3)):
            published = day + timedelta(days=1)
            when = rnd.choice(["أمس", f"أمس {WEEKDAYS[day.weekday()]}",
                               f"يوم {WEEKDAYS[day.weekday()]}"])
            body = template.format(n=number, town=town, gov=gov, when=when)
            extra = rnd.choice(["", "\nوأضاف المصدر أن القوات الأمنية فتحت تحقيقاً في الحادث.",
                                "\nولم تعلن أي جهة مسؤوليتها حتى الآن."])
            text = f"{dateline.format(gov=gov)}\n{body}{extra}\n"
            out.append({"id": f"gen-{len(out):04d}-{outlet}", "outlet": outlet,
                        "date": published.isoformat(), "title": body.split("،")[0],
                        "text": text})
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def thousand_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 1,000-article JSONL file."""
    return write_jsonl(tmp_path_factory.mktemp("gen") / "articles.jsonl",
                       generate_articles(1000))
