"""Turn resolved events into output records (schema/event.schema.json) and ACLED rows."""

from __future__ import annotations

import hashlib
from typing import Any

from hadath.article import Article, Event

# ACLED's column names first, then what hadath adds.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "inter1", "actor2", "inter2", "country", "iso", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
]
EXTRA_COLUMNS = [
    "injuries", "source_attribution", "confidence", "location_ar", "geonameid",
    "actor1_ar", "actor2_ar", "article_id", "evidence",
]


def event_id(article_id: str, index: int) -> str:
    digest = hashlib.sha1(f"{article_id}#{index}".encode()).hexdigest()[:16]
    return f"hd-{digest}"


def to_record(article: Article, event: Event, index: int) -> dict[str, Any]:
    place = event.place
    assert place is not None and event.event_date is not None and event.actor1 is not None
    return {
        "event_id": event.event_id or event_id(article.id, index),
        "article_id": article.id,
        "event_date": event.event_date.isoformat(),
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.as_dict(),
        "assoc_actor_1": [a.as_dict() for a in event.assoc_actor_1],
        "actor2": event.actor2.as_dict() if event.actor2 else None,
        "assoc_actor_2": [a.as_dict() for a in event.assoc_actor_2],
        "country": place.country,
        "iso": place.iso,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "location": place.location,
        "location_ar": place.location_ar,
        "latitude": round(place.latitude, 4),
        "longitude": round(place.longitude, 4),
        "geo_precision": event.geo_precision,
        "geonameid": place.geonameid,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "source": article.outlet or "unknown",
        "source_attribution": event.source_attribution,
        "evidence": [s.as_dict() for s in event.evidence],
        "confidence": round(event.confidence, 3),
        "notes": event.notes,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
    }


def to_records(article: Article) -> list[dict[str, Any]]:
    return [to_record(article, e, i) for i, e in enumerate(article.events)
            if e.place is not None and e.event_date is not None and e.actor1 is not None]


def record_to_acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten one record to ACLED's columns (plus hadath's own)."""
    a1, a2 = record.get("actor1") or {}, record.get("actor2") or {}
    row = {
        "event_id_cnty": record["event_id"],
        "event_date": record["event_date"],
        "time_precision": record["time_precision"],
        "disorder_type": record["disorder_type"],
        "event_type": record["event_type"],
        "sub_event_type": record["sub_event_type"],
        "actor1": a1.get("name", ""),
        "inter1": a1.get("inter"),
        "actor2": a2.get("name", ""),
        "inter2": a2.get("inter") if a2 else None,
        "country": record["country"],
        "iso": record["iso"],
        "admin1": record.get("admin1") or "",
        "admin2": record.get("admin2") or "",
        "location": record["location"],
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "geo_precision": record["geo_precision"],
        "source": record["source"],
        "notes": record["notes"],
        "fatalities": record["fatalities"],
        "injuries": record.get("injuries"),
        "source_attribution": "; ".join(record.get("source_attribution") or []),
        "confidence": record["confidence"],
        "location_ar": record.get("location_ar") or "",
        "geonameid": record.get("geonameid"),
        "actor1_ar": a1.get("name_ar") or "",
        "actor2_ar": (a2 or {}).get("name_ar") or "",
        "article_id": record["article_id"],
        "evidence": " … ".join(e["text"] for e in record["evidence"]),
    }
    return row
