"""``hadath search``: Arabic-aware full-text search over stored articles and events.

The query is folded exactly as extraction folds text (hamza, taa marbuta, alef maqsura,
diacritics, digits), on both sides, so "الأنبار" finds "الانبار"; each word must occur,
also inside a longer word ("هيت" finds "بهيت").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from hadath.store import DEFAULT_DB, EventQuery


def _near(ctx: click.Context, param: click.Parameter, value: str | None
          ) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter("expected LAT,LON,KM, e.g. 33.64,42.83,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise click.BadParameter("latitude, longitude or distance out of range")
    return lat, lon, km


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


def event_filters(f: Callable[..., Any]) -> Callable[..., Any]:
    """The event filter options shared by search and export."""
    options = [
        click.option("--from", "date_from", callback=_day, help="First event date, YYYY-MM-DD."),
        click.option("--to", "date_to", callback=_day, help="Last event date, YYYY-MM-DD."),
        click.option("--type", "event_type", help="Event type, e.g. 'Explosions/Remote violence'."),
        click.option("--sub-type", "sub_event_type", help="Sub-event type, e.g. 'Air/drone strike'."),
        click.option("--country", help="Country: English name or ISO2 code."),
        click.option("--admin1", help="Governorate / first-level region."),
        click.option("--actor", help="Substring of an actor name (English or Arabic)."),
        click.option("--near", callback=_near, metavar="LAT,LON,KM",
                     help="Only events within KM km of LAT,LON."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def query_from_options(**options: Any) -> EventQuery:
    fields = EventQuery.__dataclass_fields__
    return EventQuery(**{k: v for k, v in options.items() if k in fields and v is not None})


def _event_line(ev: dict[str, Any]) -> str:
    a1 = (ev.get("actor1") or {}).get("name") or "?"
    a2 = (ev.get("actor2") or {}).get("name")
    who = f"{a1} vs {a2}" if a2 else a1
    place = ", ".join(x for x in (ev.get("location"), ev.get("admin1"), ev.get("country")) if x)
    ev_text = (ev.get("evidence") or [{}])[0].get("text") or ""
    if len(ev_text) > 160:
        ev_text = ev_text[:157] + "…"
    return (f"{ev['event_date']}  {ev['event_type']} / {ev.get('sub_event_type')}  {place}  "
            f"fatalities {ev.get('fatalities', 0)}  [{ev.get('mention_count', 1)} source(s)]\n"
            f"    {who}  ({ev['event_id']})\n    {ev_text}")


@click.command("search")
@click.argument("query", required=False, default="")
@event_filters
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="HADATH_DB",
              help="Store: a SQLite file, sqlite:///path or postgresql://...")
def command(query: str, limit: int, offset: int, as_json: bool, db: str, **filters: Any) -> None:
    """Search stored events and articles, e.g. hadath search "غارة هيت" --from 2019-03-01."""
    from hadath.store import StoreError, open_store

    q = query_from_options(q=query or None, limit=limit, offset=offset, **filters)
    try:
        store = open_store(db)
        try:
            events, n_events = store.events(q)
            articles, n_articles = store.articles(q.q, limit, offset, q)
        finally:
            store.close()
    except StoreError as exc:
        click.echo(f"hadath search: store failure: {exc}", err=True)
        sys.exit(3)
    if as_json:
        click.echo(json.dumps({"query": query, "events": events, "total_events": n_events,
                               "articles": articles, "total_articles": n_articles},
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"{n_events:,} events" + (f" (showing {len(events)})" if n_events > len(events)
                                          else ""))
    for ev in events:
        click.echo(_event_line(ev))
    click.echo(f"\n{n_articles:,} articles" + (f" (showing {len(articles)})"
                                                if n_articles > len(articles) else ""))
    for art in articles:
        click.echo(f"{art.get('date') or '????-??-??'}  {art.get('outlet') or '-'}  "
                   f"{art.get('title') or ''}  ({art['id']}, {art['mention_count']} events)")
