"""Deduplication: which canonical event does a new mention belong to?

Different outlets tell one event in different words; the store keeps each telling as a
*mention* and groups the mentions of one real-world event under one *canonical event*.
The decision is incremental: a new mention is compared only with the few events the
store's indexed prefilter returns (same type, overlapping date window, inside a
bounding box), so ingest stays O(1) per mention and nothing is ever recomputed from
scratch. All functions here are pure; the backends do the SQL.

A mention joins a candidate event when ALL of these hold:
1. same ``event_type``;
2. dates compatible: the day windows the two precisions allow (exact day; the week
   around the date; the month) are at most ``DATE_SLACK_DAYS`` apart;
3. places within ``RADIUS_KM`` of the coarser geo_precision of the two;
   (2 and 3 hold for the canonical event and for every mention already in it);
4. compatible actors: for each side the names agree or one is unknown
   (missing or "Unidentified ..."); for Battles the sides may be swapped;
5. no mention of the same article is already in the event (the pipeline has already
   merged within an article, so two records of one article are two events);
6. similar evidence: character-trigram Jaccard of folded text >= ``MIN_SIMILARITY``
   with at least one of the event's mentions.
Among several such candidates the best-scoring one wins (similarity, then distance).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from hadath.arabic.normalise import fold
from hadath.geo import haversine_km

DATE_SLACK_DAYS = 1
# Half-width in days of the window a date stands for, by time_precision (CODEBOOK §4:
# 2 = the week around the date, 3 = the month, dated the 15th).
DATE_HALF_WINDOW = {1: (0, 0), 2: (3, 3), 3: (14, 16)}
# How far apart two places may be, by the coarser geo_precision of the two (CODEBOOK §5).
RADIUS_KM = {1: 10.0, 2: 25.0, 3: 75.0}
MAX_RADIUS_KM = max(RADIUS_KM.values())
MIN_SIMILARITY = 0.12
EARTH_KM = 6371.0088
# Evidence is a sentence or two; a "sentence" of a million characters (a dump without
# punctuation) would cost a third of a second per comparison. Only this much of each
# text is compared, far beyond any real sentence, so normal results do not change.
MAX_COMPARED_CHARS = 2_000

_SPACE = re.compile(r"\s+")
# Punctuation that different outlets use differently and that says nothing about content.
_PUNCT = re.compile(r"[\"'«»“”‘’()\[\]{}.,،؛;:!?؟\-–—_/\\|]+")


def collapse(text: str) -> str:
    """Folded text with punctuation dropped and whitespace collapsed."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


def text_hash(text: str) -> str:
    """Identity of an article's text: sha1 of ``fold(text)`` with whitespace collapsed."""
    return hashlib.sha1(_SPACE.sub(" ", fold(text)).strip().encode("utf-8")).hexdigest()


def trigrams(text: str) -> frozenset[str]:
    """Character trigrams of collapsed text, words padded so short words still count."""
    grams: set[str] = set()
    for word in text.split():
        padded = f" {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


@lru_cache(maxsize=1024)
def _compared_trigrams(text: str) -> frozenset[str]:
    """Trigrams of the compared head of ``text``, cached: one mention's evidence is
    compared with every candidate's, and a candidate's with every new mention's."""
    return trigrams(text[:MAX_COMPARED_CHARS])


def similarity(a: str, b: str) -> float:
    """Trigram Jaccard of two collapsed texts (0 when either is empty); only the first
    ``MAX_COMPARED_CHARS`` of each count."""
    ta, tb = _compared_trigrams(a), _compared_trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held inside the calendar: an event dated in its first
    or last days (year 1, year 9999) must not overflow the window sums."""
    if days < 0 and (day - date.min).days < -days:
        return date.min
    if days > 0 and (date.max - day).days < days:
        return date.max
    return day + timedelta(days=days)


def date_window(day: date, precision: int) -> tuple[date, date]:
    """First and last day a date of this precision may stand for (clamped to the
    calendar)."""
    before, after = DATE_HALF_WINDOW.get(precision, DATE_HALF_WINDOW[3])
    return shift(day, -before), shift(day, after)


def windows_meet(a: tuple[date, date], b: tuple[date, date]) -> bool:
    slack = DATE_SLACK_DAYS
    return a[0] <= shift(b[1], slack) and b[0] <= shift(a[1], slack)


distance_km = haversine_km  # the name the store code uses


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing a circle of ``km``."""
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.01, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def radius_km(gp_a: int | None, gp_b: int | None) -> float:
    return RADIUS_KM.get(max(gp_a or 3, gp_b or 3), MAX_RADIUS_KM)


def known_actor(name: str | None) -> bool:
    """An actor that identifies someone: not missing and not "Unidentified ..."."""
    return bool(name) and not str(name).lower().startswith("unidentified")


def actor_name(actor: Any) -> str | None:
    if isinstance(actor, dict):
        return actor.get("name") or None
    return actor or None


def _side_fits(name: str | None, names: frozenset[str]) -> bool:
    return not known_actor(name) or not names or name in names


def actors_compatible(event_type: str, a1: str | None, a2: str | None,
                      names1: frozenset[str], names2: frozenset[str]) -> bool:
    """Same names or one side unknown, per side; Battles may list the sides either way."""
    if _side_fits(a1, names1) and _side_fits(a2, names2):
        return True
    return event_type == "Battles" and _side_fits(a1, names2) and _side_fits(a2, names1)


@dataclass
class MentionKey:
    """What dedupe needs of a new mention (taken from its record)."""

    article_id: str
    event_type: str
    day: date
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    evidence: str  # collapsed, folded

    @property
    def window(self) -> tuple[date, date]:
        return date_window(self.day, self.time_precision)

    def search_ranges(self) -> list[tuple[int, date, date]]:
        """For each time_precision p, the range of canonical ``event_date`` values a
        precision-p event may have and still meet this mention's window. The prefilter
        scans exactly these ranges on the (event_type, time_precision, event_date)
        index, so a mention looks at a few days of events, never a whole month."""
        lo, hi = self.window
        out = []
        for precision, (before, after) in DATE_HALF_WINDOW.items():
            # window [d - before, d + after] meets [lo, hi] within slack
            out.append((precision, shift(lo, -DATE_SLACK_DAYS - after),
                        shift(hi, DATE_SLACK_DAYS + before)))
        return out


@dataclass
class Candidate:
    """A canonical event the prefilter returned, with its mentions' evidence."""

    event_id: str
    event_type: str
    date_lo: date
    date_hi: date
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actors1: frozenset[str]
    actors2: frozenset[str]
    article_ids: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)


@dataclass(frozen=True)
class Member:
    """When and where one existing mention of a candidate event says it happened."""

    day: date
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int | None


@dataclass(frozen=True)
class Match:
    event_id: str
    similarity: float
    distance_km: float


def _near(mention: MentionKey, lat: float | None, lon: float | None, gp: int | None
          ) -> tuple[bool, float]:
    if None in (mention.latitude, mention.longitude, lat, lon):
        return True, 0.0
    dist = distance_km(mention.latitude, mention.longitude, lat, lon)  # type: ignore[arg-type]
    return dist <= radius_km(mention.geo_precision, gp), dist


def score(mention: MentionKey, cand: Candidate) -> Match | None:
    """The match of ``mention`` with ``cand``, or None when a rule says no.

    Date and place must fit the canonical event AND every mention already in it
    (complete link): otherwise reports a few days apart could chain one after another
    into an "event" spanning weeks, each step within the window of the last.
    """
    if cand.event_type != mention.event_type:
        return None
    if not windows_meet(mention.window, (cand.date_lo, cand.date_hi)):
        return None
    if mention.article_id in cand.article_ids:
        return None
    ok, dist = _near(mention, cand.latitude, cand.longitude, cand.geo_precision)
    if not ok:
        return None
    for m in cand.members:
        if not windows_meet(mention.window, date_window(m.day, m.time_precision)):
            return None
        if not _near(mention, m.latitude, m.longitude, m.geo_precision)[0]:
            return None
    if not actors_compatible(mention.event_type, mention.actor1, mention.actor2,
                             cand.actors1, cand.actors2):
        return None
    sim = max((similarity(mention.evidence, e) for e in cand.evidence), default=0.0)
    if sim < MIN_SIMILARITY:
        return None
    return Match(cand.event_id, sim, dist)


def choose(mention: MentionKey, candidates: list[Candidate]) -> Match | None:
    """The best candidate the mention may join: most similar, then nearest, then oldest id."""
    matches = [m for m in (score(mention, c) for c in candidates) if m is not None]
    if not matches:
        return None
    return min(matches, key=lambda m: (-round(m.similarity, 6), m.distance_km, m.event_id))


# --- canonical record --------------------------------------------------------------

DATE_FIELDS = ("event_date", "time_precision")
PLACE_FIELDS = ("country", "iso", "admin1", "admin2", "location", "location_ar",
                "latitude", "longitude", "geo_precision", "geonameid")
# Per-article keys of a record that a canonical event sets from all its mentions.
ARTICLE_KEYS = ("article_id", "outlet", "url", "title", "evidence", "source")


def lowest_count(values: list[int | None]) -> int | None:
    """Lowest reported figure (CODEBOOK §6); a report with no figure (0/None) does not
    conflict with one that gives a figure, so 0 wins only when nobody gave more."""
    given = [v for v in values if v is not None]
    positive = [v for v in given if v > 0]
    if positive:
        return min(positive)
    return 0 if given else None


def canonical(event_id: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """Merge the records of one event's mentions into its canonical record.

    ``mentions``: dicts with "record" (the extracted record) and "article" ({"id",
    "outlet", "url", "title", "date"}), in a stable order (earliest article first).
    Each group of fields comes from the mention that states it most precisely: date
    from the lowest time_precision, place from the lowest geo_precision, actors from the
    mention naming the most known actors, type details from the most confident one.
    """
    records = [m["record"] for m in mentions]
    if not records:
        raise ValueError("a canonical event needs at least one mention")

    def best(key: Any) -> dict[str, Any]:
        return min(enumerate(records), key=lambda ir: (key(ir[1]), ir[0]))[1]

    by_confidence = best(lambda r: -float(r.get("confidence") or 0))
    by_date = best(lambda r: int(r.get("time_precision") or 3))
    by_place = best(lambda r: int(r.get("geo_precision") or 3))
    by_actors = best(lambda r: -(known_actor(actor_name(r.get("actor1")))
                                 + known_actor(actor_name(r.get("actor2")))))
    out: dict[str, Any] = {k: v for k, v in by_confidence.items() if k not in ARTICLE_KEYS}
    out.update({k: by_date.get(k) for k in DATE_FIELDS})
    out.update({k: by_place.get(k) for k in PLACE_FIELDS})
    for key in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        out[key] = by_actors.get(key)
    out["fatalities"] = lowest_count([r.get("fatalities") for r in records]) or 0
    out["injuries"] = lowest_count([r.get("injuries") for r in records])
    out["confidence"] = max(float(r.get("confidence") or 0) for r in records)
    attribution: list[str] = []
    for r in records:
        attribution += [a for a in r.get("source_attribution") or [] if a not in attribution]
    out["source_attribution"] = attribution
    out["event_id"] = event_id
    sources, evidence, outlets = [], [], []
    for m in mentions:
        art, rec = m["article"], m["record"]
        if not any(s["article_id"] == art["id"] for s in sources):
            sources.append({"outlet": art.get("outlet"), "article_id": art["id"],
                            "url": art.get("url"), "title": art.get("title"),
                            "date": art.get("date")})
        outlet = art.get("outlet") or rec.get("source")
        if outlet and outlet not in outlets:
            outlets.append(outlet)
        evidence += [{"article_id": art["id"], "start": e.get("start"), "end": e.get("end"),
                      "text": e.get("text")} for e in rec.get("evidence") or []]
    out["article_id"] = sources[0]["article_id"]  # the earliest report
    out["source"] = "; ".join(outlets) or "unknown"
    out["sources"] = sources
    out["evidence"] = evidence
    out["mention_count"] = len(mentions)
    return out


def evidence_text(record: dict[str, Any]) -> str:
    """The collapsed evidence of a record, the text dedupe compares."""
    parts = [e.get("text") or "" for e in record.get("evidence") or []]
    return collapse(" ".join(parts))


def search_text(record: dict[str, Any]) -> str:
    """Everything a search should find a mention by, folded: evidence, notes, places,
    actor names in both languages."""
    parts = [e.get("text") or "" for e in record.get("evidence") or []]
    parts += [record.get(k) or "" for k in ("notes", "location", "location_ar", "admin1",
                                            "admin2", "country")]
    parts += actor_names(record)
    return _SPACE.sub(" ", fold(" ".join(str(p) for p in parts))).strip()


def actor_names(record: dict[str, Any]) -> list[str]:
    """Every actor name of a record (English and Arabic), for actor search."""
    names: list[str] = []
    actors = [record.get("actor1"), record.get("actor2")]
    actors += list(record.get("assoc_actor_1") or []) + list(record.get("assoc_actor_2") or [])
    for a in actors:
        if isinstance(a, dict):
            names += [n for n in (a.get("name"), a.get("name_ar")) if n]
    return names


REQUIRED = ("event_type", "event_date")


def check_record(record: Any) -> str | None:
    """Why a record cannot be stored, or None when it can."""
    if not isinstance(record, dict):
        return "record is not an object"
    for key in REQUIRED:
        if not record.get(key):
            return f"record lacks {key}"
    try:
        date.fromisoformat(str(record["event_date"]))
    except ValueError:
        return f"bad event_date {record['event_date']!r}"
    for key in ("latitude", "longitude"):
        value = record.get(key)
        if value is not None and not isinstance(value, int | float):
            return f"bad {key} {value!r}"
    return None
