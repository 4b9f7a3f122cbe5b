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


# An actor this close before the trigger is its subject ("وحدات من الحشد عززت").
SUBJECT_REACH = 4
# A casualty word this close after an actor makes it the victim ("جنديين قتلا").
VICTIM_REACH = 3
# Types whose author must be stated: an unnamed bomber is never inferred (CODEBOOK §10).
_AUTHOR_MUST_BE_STATED = {"Explosions/Remote violence"}
_STATE_WEAPONS = {"Air/drone strike"}


def resolve_actors(article: Article, event: Event, index, bundle: Bundle) -> None:
    """``index`` answers ``of(kind, sentence)``: resolve's per-sentence mention index."""
    iso = event.place.iso if event.place else (article.countries[0] if article.countries else None)
    countries = ([iso] if iso else []) + [c for c in article.countries if c != iso]
    year = event.event_date.year if event.event_date else None
    roles = index.of("role", event.sentence)
    casualties = index.of("casualty", event.sentence)
    nationalities = index.of("nationality", event.sentence)
    candidates = index.of("actor", event.sentence) + index.of("generic", event.sentence)
    authors: list[Actor] = []
    targets: list[Actor] = []
    neutral: list[Actor] = []
    for m in _one_per_span(candidates, bundle, countries, year):
        actor = _actor_for(m, nationalities, iso, bundle)
        if actor is None:
            continue
        role = _role(m, roles, casualties, event)
        actor.stated = role is not None
        (authors if role == "author" else targets if role == "target" else neutral).append(actor)
    if event.event_type in _AUTHOR_MUST_BE_STATED:
        actor1 = _first(authors)
        if actor1 is None and event.sub_event_type in _STATE_WEAPONS:
            # only states and coalitions fly aircraft: a state actor not marked as the
            # target is the one who struck
            actor1 = _first(a for a in neutral if a.inter in (1, 8))
        actor2 = _first(t for t in targets + neutral if not _same(t, actor1))
    else:
        actor1 = _first(authors) or _first(neutral)
        actor2 = _first(t for t in targets if not _same(t, actor1))
        if actor2 is None:
            actor2 = _first(n for n in neutral if not _same(n, actor1))
    if actor1 is not None and actor2 is not None and \
            bundle.allies(actor1.actor_id, actor2.actor_id, iso):
        # "المقاومة الشعبية والقوات الموالية لهادي": allies, not opponents
        event.assoc_actor_1.append(actor2)
        actor2 = _first(a for a in targets + neutral + authors
                        if not _same(a, actor1) and not _same(a, event.assoc_actor_1[0])
                        and not bundle.allies(actor1.actor_id, a.actor_id, iso))
    if event.event_type == "Battles" and actor2 is None:
        actor2 = _other_side(index, event, actor1, iso, countries, year, bundle)
    actor1, actor2 = _apply_conventions(event, actor1, actor2, targets, iso, bundle)
    if actor1 is not None:
        event.actor1 = _external(actor1, iso)
    if actor2 is not None and not _same(actor2, event.actor1):
        event.actor2 = _external(actor2, iso)


def _one_per_span(candidates: list[Mention], bundle: Bundle, countries: list[str],
                  year: int | None) -> list[Mention]:
    """Several actors sharing one alias ("داعش") become the one the theatre points to."""
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in candidates:
        by_span.setdefault((m.start, m.end), []).append(m)
    out = []
    for span in sorted(by_span):
        group = by_span[span]
        named = [m for m in group if m.kind == "actor"]
        if len(named) > 1:
            chosen = bundle.choose_actor([m.key for m in named], countries, year)
            out.append(next(m for m in named if m.key == chosen))
        else:
            out.append(named[0] if named else group[0])
    return out


def _other_side(index, event: Event, actor1: Actor | None, iso: str | None,
                countries: list[str], year: int | None, bundle: Bundle) -> Actor | None:
    """A battle's other side is often named in the next or previous sentence."""
    for j in (event.sentence + 1, event.sentence - 1):
        for m in _one_per_span(index.of("actor", j), bundle, countries, year):
            actor = bundle.named_actor(m.key, m.text, iso)
            if actor is not None and not _same(actor, actor1) and actor.inter in (1, 2, 3, 4, 8) \
                    and not bundle.allies(actor1.actor_id if actor1 else None, actor.actor_id, iso):
                return actor
    return None


def _actor_for(m: Mention, nationalities: list[Mention], iso: str | None,
               bundle: Bundle) -> Actor | None:
    if m.kind == "actor":
        return bundle.named_actor(m.key, m.text, iso)
    # generic: take a nationality written right after it ("القوات التركية")
    nationality = None
    for n in nationalities:
        if 0 <= n.start - m.end <= 2:
            nationality = n.key
            break
    return bundle.generic_actor(m.key, m.text, iso, nationality)


def _role(m: Mention, roles: list[Mention], casualties: list[Mention], event: Event) -> str | None:
    """Role of one actor mention: explicit victim/target cues first, then word order."""
    if m.start < event.trigger.end and event.trigger.start < m.end:
        return "author"  # named inside the trigger: "غارات التحالف", "قصف الجيش"
    for c in casualties:
        if 0 <= c.start - m.end <= VICTIM_REACH:
            return "target"
    for r in roles:
        if r.key == "author_verb" and 0 <= r.start - m.end <= VICTIM_REACH:
            return "author"  # "بقايا داعش زرعوا العبوة"
    marked: tuple[int, str] | None = None
    for r in roles:
        if r.key not in ("author", "target"):
            continue
        gap = m.start - r.end
        if 0 <= gap <= MARKER_REACH and (marked is None or gap < marked[0]):
            marked = (gap, r.key)
    trigger_gap = m.start - event.trigger.end
    if marked is not None and marked[1] == "target" and not (0 <= trigger_gap < marked[0]):
        return "target"
    if 0 <= trigger_gap <= TRIGGER_REACH:
        return "author"
    if 0 <= event.trigger.start - m.end <= SUBJECT_REACH:
        return "author"
    return marked[1] if marked else None


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
        return Actor(actor.name, 8, actor.name_ar, actor.country, actor.actor_id, actor.stated)
    return actor
