"""Real stores for the API and browser tests: real articles, hand-coded records.

The seed's three events are coded by hand exactly as CODEBOOK §8 states them (the
pipeline's own output is tested separately, once it exists), with evidence spans found
in the article text. A few short articles written for these tests add other countries,
types and dates, one with markup in every text field (the page must show it as text)
and one whose text starts with an emoji (offsets are code points, JavaScript's are UTF-16).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hadath.article import Article
from hadath.readers import iter_articles
from hadath.store import Store, open_store

TAXONOMY_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

XSS_SCRIPT = "<script>window.__hadath_xss = 1; alert(1)</script>"
XSS_IMG = '<img src=x onerror="window.__hadath_xss = 2">'


def actor(name: str, inter: int | None, name_ar: str | None = None) -> dict[str, Any]:
    return {"name": name, "name_ar": name_ar, "inter": inter, "country": None}


def record(article: Article, idx: int, phrases: list[str], *, event_type: str,
           sub_event_type: str, event_date: str, place: tuple[str, str, str, str, float, float],
           actor1: dict[str, Any], actor2: dict[str, Any] | None = None,
           fatalities: int = 0, injuries: int | None = None, time_precision: int = 1,
           geo_precision: int = 1, attribution: list[str] | None = None,
           notes: str = "", location_ar: str | None = None) -> dict[str, Any]:
    """One schema-shaped record whose evidence spans are the given phrases of the text."""
    evidence = []
    for phrase in phrases:
        start = article.text.find(phrase)
        assert start >= 0, f"{phrase!r} is not in {article.id}"
        evidence.append({"start": start, "end": start + len(phrase), "text": phrase})
    location, admin1, country, iso, lat, lon = place
    return {
        "event_id": f"{article.id}#{idx}", "article_id": article.id, "event_date": event_date,
        "time_precision": time_precision, "disorder_type": TAXONOMY_DISORDER[event_type],
        "event_type": event_type, "sub_event_type": sub_event_type, "actor1": actor1,
        "assoc_actor_1": [], "actor2": actor2, "assoc_actor_2": [], "country": country,
        "iso": iso, "admin1": admin1, "admin2": None, "location": location,
        "location_ar": location_ar, "latitude": lat, "longitude": lon,
        "geo_precision": geo_precision, "geonameid": None, "fatalities": fatalities,
        "injuries": injuries, "source": article.outlet or "unknown",
        "source_attribution": attribution or [], "evidence": evidence, "confidence": 0.8,
        "notes": notes, "outlet": article.outlet, "url": article.url, "title": article.title,
    }


COALITION = actor("Global Coalition Against Daesh", 8, "التحالف الدولي")
IS = actor("Islamic State", 2, "داعش")
PMF = actor("Popular Mobilization Forces", 3, "الحشد الشعبي")
SDF = actor("Syrian Democratic Forces", 2, "قوات سوريا الديمقراطية")


def read_seed(seed_path: Path) -> Article:
    errors: list[Any] = []
    articles = list(iter_articles([seed_path], on_error=errors.append))
    assert len(articles) == 1 and not errors, errors
    return articles[0]


def seed_records(a: Article) -> list[dict[str, Any]]:
    """CODEBOOK §8, by hand."""
    return [
        record(a, 0, ["وجّه ضربة جوية على وفق معلومات استخبارية أسفرت عن قتل مجموعة من عصابات "
                      "داعش الإرهابية كانت تتخندق في وكر داخل نفق قرب هيت غرب الأنبار"],
               event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               event_date="2019-03-03", place=("Hit", "Al Anbar", "Iraq", "IQ", 33.6366, 42.8277),
               actor1=COALITION, actor2=IS, fatalities=3, geo_precision=2,
               attribution=["War Media Cell"], location_ar="هيت",
               notes="On 3 March 2019, a coalition air strike killed a group of Islamic State "
                     "members in a tunnel near Hit, Al Anbar, Iraq."),
        record(a, 1, ["إن وحدات من الحشد الشعبي عززت انتشارها على الحدود المشتركة بين البلدين"],
               event_type="Strategic developments", sub_event_type="Change to group/activity",
               event_date="2019-03-03",
               place=("Al-Qa'im", "Al Anbar", "Iraq", "IQ", 34.3688, 41.0945),
               actor1=PMF, geo_precision=3, location_ar="القائم",
               notes="On 3 March 2019, the Popular Mobilization Forces reinforced their "
                     "deployment along the Iraq-Syria border facing Baghuz."),
        record(a, 2, ["إن الاشتباكات استمرت حتى بعد غروب شمس يوم السبت مع قصف عنيف متقطع "
                      "بالطائرات", "إن سبعة من مقاتلي القوات أصيبوا حتى الآن"],
               event_type="Battles", sub_event_type="Armed clash", event_date="2019-03-02",
               place=("Al Baghuz Fawqani", "Deir ez-Zor", "Syria", "SY", 34.4536, 40.9383),
               actor1=SDF, actor2=IS, injuries=7, attribution=["SDF media office"],
               location_ar="الباغوز",
               notes="On 2 March 2019, the Syrian Democratic Forces fought the Islamic State "
                     "in Al Baghuz Fawqani, Deir ez-Zor, Syria; seven SDF fighters were wounded."),
    ]


def extra_articles() -> list[tuple[Article, list[dict[str, Any]]]]:
    """Short articles written for these tests, each with its hand-coded record."""
    out = []
    yemen = Article(
        id="test-yemen-protest", outlet="Test Wire", title="تظاهرة في صنعاء",
        published=date(2015, 8, 10), url="https://example.org/yemen",
        text="تظاهر مئات من المواطنين في صنعاء أمس للمطالبة بوقف الحرب، وفق شهود عيان.")
    out.append((yemen, [record(
        yemen, 0, ["تظاهر مئات من المواطنين في صنعاء"], event_type="Protests",
        sub_event_type="Peaceful protest", event_date="2015-08-09",
        place=("Sanaa", "Amanat al Asimah", "Yemen", "YE", 15.3547, 44.2067),
        actor1=actor("Protesters (Yemen)", 6), notes="Hundreds protested in Sanaa.")]))
    aleppo = Article(
        id="test-aleppo-shelling", outlet="Test Wire", title="قصف على حلب",
        published=date(2015, 8, 12), url="https://example.org/aleppo",
        text="قتل اثنا عشر مدنياً في قصف مدفعي استهدف حي الشعار في حلب أمس، بحسب المرصد.")
    out.append((aleppo, [record(
        aleppo, 0, ["قتل اثنا عشر مدنياً في قصف مدفعي استهدف حي الشعار في حلب"],
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", event_date="2015-08-11",
        place=("Aleppo", "Aleppo", "Syria", "SY", 36.2021, 37.1343),
        actor1=actor("Military Forces of Syria", 1), actor2=actor("Civilians (Syria)", 7),
        fatalities=12, attribution=["Syrian Observatory for Human Rights"],
        notes="Shelling killed 12 civilians in Aleppo.")]))
    xss = Article(
        id="test-xss", outlet="<b>Evil</b> Outlet", title='<img src=x onerror="alert(3)">',
        published=date(2019, 3, 5), url="javascript:alert(4)",
        text=f"اندلعت اشتباكات في الموصل {XSS_SCRIPT} بين القوات العراقية ومسلحي داعش "
             f"{XSS_IMG} وفق مصدر أمني.")
    out.append((xss, [record(
        xss, 0, [f"اندلعت اشتباكات في الموصل {XSS_SCRIPT} بين القوات العراقية"],
        event_type="Battles", sub_event_type="Armed clash", event_date="2019-03-05",
        place=("Mosul", "Ninawa", "Iraq", "IQ", 36.335, 43.1189),
        actor1=actor("Military Forces of Iraq <script>alert(5)</script>", 1), actor2=IS,
        notes='Clashes in Mosul <img src=x onerror="alert(6)">.')]))
    basra = Article(
        id="test-basra-emoji", outlet="Telegram test", title=None, published=date(2026, 5, 10),
        text="🔴🔴 عاجل | انفجار عبوة ناسفة على طريق في البصرة دون إصابات")
    out.append((basra, [record(
        basra, 0, ["انفجار عبوة ناسفة"], event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", event_date="2026-05-10",
        place=("Basra", "Al Basrah", "Iraq", "IQ", 30.5085, 47.7804),
        actor1=actor("Unidentified Armed Group (Iraq)", 3), notes="An IED exploded in Basra.")]))
    return out


def build_store(db_path: Path, seed_path: Path) -> Store:
    """A SQLite store holding the seed (hand-coded) and the extra articles."""
    store = open_store(db_path)
    seed = read_seed(seed_path)
    result = store.ingest(seed, seed_records(seed))
    assert result.article_added and result.mentions_added == 3
    for article, records in extra_articles():
        assert store.ingest(article, records).article_added
    return store
