"""Stage: an English note and a confidence for each final event.

Runs after merge, so the note describes the merged event (its best place, date,
actors and toll), and the confidence reflects everything the event rests on.
"""

from __future__ import annotations

from hadath.article import Actor, Article, Event


def describe(article: Article) -> Article:
    for event in article.events:
        event.notes = _note(event)
        event.confidence = _confidence(event)
    return article


def _actor_name(actor: Actor | None) -> str:
    return actor.name if actor else "unknown actors"


def _note(event: Event) -> str:
    place = event.place
    where = f"{place.location}, {place.country}" if place else "an unknown place"
    where = f"near {where}" if event.geo_precision == 2 else f"in {where}"
    when = event.event_date.isoformat() if event.event_date else "an unknown date"
    if event.time_precision == 2:
        when = f"the week of {when}"
    elif event.time_precision == 3:
        when = f"the month of {when[:7]}"
    target = f" against {_actor_name(event.actor2)}" if event.actor2 else ""
    toll = ""
    if event.fatalities:
        toll += f"; {event.fatalities} reported killed"
    if event.injuries:
        toll += f"; {event.injuries} reported injured"
    return (f"{event.sub_event_type} ({event.event_type}) by {_actor_name(event.actor1)}"
            f"{target} {where} on {when}{toll}.")


def _confidence(event: Event) -> float:
    c = event.confidence
    if event.geo_precision == 1:
        c += 0.08
    elif event.geo_precision == 3:
        c -= 0.08
    if event.time_precision == 1:
        c += 0.05
    else:
        c -= 0.05
    if event.actor1 and event.actor1.actor_id and not event.actor1.actor_id.startswith("generic:"):
        c += 0.05
    return round(min(0.99, max(0.05, c)), 3)
