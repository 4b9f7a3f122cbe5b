"""Who acted (actor1) and who was hit (actor2), from word order and role markers.

Arabic reports name the author after the action ("ضربة جوية للتحالف", VSO) or behind
an explicit marker ("على يد", "من قبل"), and the target after a target marker
("ضد", "استهداف", "مقتل عناصر من"). Without a parse we use those markers and
distances; sub-types with a fixed side (protesters, civilians, arrests) fill in the
generic actor of the event's country, and state forces acting outside their own
country become inter 8 (CODEBOOK §3).
"""

from __future__ import annotations

from hadath.article import Actor, Article, Event, Mention
from hadath.knowledge.bundle import Bundle

# Characters between a role marker's end and the actor's start for the marker to apply.
MARKER_REACH = 22
# An actor this close after the trigger is its grammatical subject/complement (author).
TRIGGER_REACH = 4

_CIVILIAN_TARGETED = {"Attack", "Abduction/forced disappearance", "Sexual violence"}


def resolve_actors(article: Article, event: Event, candidates: list[Mention],
                   bundle: Bundle) -> None:
    iso = event.place.iso if event.place else (article.countries[0] if article.countries else None)
    roles = [m for m in article.mentions if m.sentence == event.sentence and m.kind == "role"]
    nationalities = [m for m in article.mentions
                     if m.sentence == event.sentence and m.kind == "nationality"]
    authors: list[Actor] = []
    targets: list[Actor] = []
    neutral: list[Actor] = []
    for m in sorted(candidates, key=lambda m: m.start):
        actor = _actor_for(m, nationalities, iso, bundle)
        if actor is None:
            continue
        role = _role(m, roles, event)
        (authors if role == "author" else targets if role == "target" else neutral).append(actor)
    actor1 = _first(authors) or _first(neutral)
    actor2 = _first(t for t in targets if not _same(t, actor1))
    if actor2 is None:
        actor2 = _first(n for n in neutral if not _same(n, actor1))
    actor1, actor2 = _apply_conventions(event, actor1, actor2, targets, iso, bundle)
    if actor1 is not None:
        event.actor1 = _external(actor1, iso)
    if actor2 is not None and not _same(actor2, event.actor1):
        event.actor2 = _external(actor2, iso)


def _actor_for(m: Mention, nationalities: list[Mention], iso: str | None,
               bundle: Bundle) -> Actor | None:
    if m.kind == "actor":
        return bundle.named_actor(m.key, m.text, iso)
    # generic: take a nationality written right after it ("القوات التركية")
    country = iso
    for n in nationalities:
        if 0 <= n.start - m.end <= 2:
            country = n.key
            break
    if country is None:
        return None
    return bundle.generic_actor(m.key, m.text, country)


def _role(m: Mention, roles: list[Mention], event: Event) -> str | None:
    best: tuple[int, str] | None = None
    for r in roles:
        gap = m.start - r.end
        if 0 <= gap <= MARKER_REACH and (best is None or gap < best[0]):
            best = (gap, r.key)
    trigger_gap = m.start - event.trigger.end
    if 0 <= trigger_gap <= TRIGGER_REACH and (best is None or best[0] > trigger_gap):
        return "author"
    return best[1] if best else None


def _first(actors) -> Actor | None:
    for a in actors:
        return a
    return None


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.name == b.name


def _apply_conventions(event: Event, actor1: Actor | None, actor2: Actor | None,
                       targets: list[Actor], iso: str | None,
                       bundle: Bundle) -> tuple[Actor | None, Actor | None]:
    sub = event.sub_event_type
    if event.event_type == "Protests":
        if actor1 is None or actor1.inter != 6:
            if actor1 is not None and actor1.inter in (1, 8):
                actor2 = actor1  # the forces who intervened
            actor1 = bundle.generic_actor("protesters", None, iso) if iso else None
        if sub == "Peaceful protest":
            actor2 = None
    elif event.event_type == "Riots":
        if actor1 is None or actor1.inter not in (5, 6):
            actor1 = bundle.generic_actor("rioters", None, iso) if iso else actor1
    elif sub in _CIVILIAN_TARGETED:
        civilians = [t for t in targets if t.inter == 7]
        if actor2 is None or actor2.inter != 7:
            if civilians:
                actor2 = civilians[0]
        if actor1 is not None and actor1.inter == 7:
            actor1 = None
    elif sub == "Arrests" and (actor1 is None or actor1.inter not in (1, 8)):
        if actor1 is not None and actor2 is None:
            actor2 = actor1
        actor1 = bundle.generic_actor("police-forces", None, iso) if iso else actor1
    if actor1 is None and iso:
        actor1 = bundle.generic_actor("unidentified-armed-group", None, iso)
    if actor1 is not None and actor1.inter == 7 and actor2 is None:
        # civilians are always actor2 (CODEBOOK §3)
        actor1, actor2 = bundle.generic_actor("unidentified-armed-group", None, iso) if iso else None, actor1
    return actor1, actor2


def _external(actor: Actor, iso: str | None) -> Actor:
    """State forces acting outside their own country are 'External/Other forces' (8)."""
    if actor.inter == 1 and actor.country and iso and actor.country != iso:
        return Actor(actor.name, 8, actor.name_ar, actor.country, actor.actor_id)
    return actor
