"""Stage: one event per real-world event within the article (CODEBOOK §1, §2).

A strike that the title, the lead and a later paragraph all mention is one event;
an air strike in support of a ground battle at the same place on the same day is
the battle (the hierarchy). Two events merge when their types agree (or one
outranks the other in that way), they fall on the same day (a day apart when one
of them is known only to the week), and their places are the same town or within
a few kilometres. The merged event keeps the
most precise date and place, the named actors over generic ones, the largest
figure the article states, and every evidence span.
"""

from __future__ import annotations

import math

from hadath.arabic.normalise import fold
from hadath.article import Article, Event
from hadath.geo import place_km
from hadath.knowledge.bundle import load_bundle
from hadath.recognisers.matcher import PREFIXES_BARE, PREFIXES_WITH_ARTICLE

SAME_PLACE_KM = 15.0
# Explosions/remote violence at a battle's place and day is part of the battle.
ABSORBS = {("Battles", "Explosions/Remote violence")}


def merge(article: Article) -> Article:
    named = {m.start for m in article.mentions if m.kind in ("place", "country")}
    back = {id(e) for e in article.events if _vague(e, named)}
    # "هجوم قندز" labels an incident by its place: it refers to one anywhere in that province
    labels = {id(e) for e in article.events if id(e) in back and not _definite(e)}
    merged: list[Event] = []
    for event in article.events:
        for kept in merged:
            if _same_event(kept, event, labels):
                _fold_into(kept, event, back)
                break
        else:
            merged.append(event)
    dated = {m.sentence for m in article.mentions if m.kind == "date"}
    article.events = [e for e in merged if not _country_copy(e, merged, dated)]
    return article


def _country_copy(event: Event, events: list[Event], dated: set[int]) -> bool:
    """Placed only by its country (its capital, §10), in a sentence that names no day,
    beside an event of the same type and days that names a place in that country: the
    same incident told again in general words ("the clashes between the two sides"), not
    a second one. ``dated``: the sentences that name a date."""
    if event.place is None or event.place.level != "country" or event.sentence in dated:
        return False
    return any(other is not event and other.event_type == event.event_type
               and other.place is not None and other.place.level != "country"
               and other.place.iso == event.place.iso
               and other.event_date is not None and event.event_date is not None
               and abs((other.event_date - event.event_date).days) <= 1
               for other in events)


def _km(a: Event, b: Event) -> float:
    if a.place is None or b.place is None:
        return math.inf
    return place_km(a.place, b.place)


def _same_event(a: Event, b: Event, labels: set[int]) -> bool:
    types = (a.event_type, b.event_type)
    if a.event_type != b.event_type and types not in ABSORBS and types[::-1] not in ABSORBS:
        return False
    if a.event_date is None or b.event_date is None:
        return False
    # two days the text states exactly are two events (§1: one event is one day); a day
    # apart is tolerated only where one of them is known to the week
    exact = a.time_precision == 1 and b.time_precision == 1
    if abs((a.event_date - b.event_date).days) > (0 if a.event_type != b.event_type or exact else 1):
        return False
    if a.sentence == b.sentence and a.event_date != b.event_date:
        return False  # one sentence that states two days states two events (§10)
    if a.event_type == b.event_type and a.event_type == "Strategic developments" \
            and a.sub_event_type != b.sub_event_type:
        return False
    if _km(a, b) <= SAME_PLACE_KM:
        return True
    # "in Kirkuk governorate" and "in Hawija" (a town of it) name the same place; "the
    # attack on Kunduz" refers back to the bombing at Khanabad, a town of Kunduz
    pa, pb = a.place, b.place
    loose = 3 in (a.geo_precision, b.geo_precision) or id(a) in labels or id(b) in labels
    return (pa is not None and pb is not None and loose
            and pa.iso == pb.iso and pa.admin1 is not None and pa.admin1 == pb.admin1)


def _vague(event: Event, named: set[int]) -> bool:
    """Named only by a definite word that refers back without saying what kind of
    incident it was ("الهجوم", "بالهجوم", or "هجوم قندز", made definite by the place
    it is annexed to; an indefinite "هجوما" reports a new one). ``named``: where the
    article's place and country names start."""
    value = event.trigger.value
    if not (isinstance(value, dict) and value.get("vague")):
        return False
    return _definite(event) or event.trigger.end + 1 in named  # annexed: a place follows


def _definite(event: Event) -> bool:
    """The trigger as written carries the article after any clitic chain ("وبالهجوم")."""
    word = fold(event.trigger.text).split()[0]
    return any(word.startswith(p) and len(word) > len(p) for p in _DEFINITE_PREFIXES)


# The matcher's clitic chains that end in the article (ال، وال، بال، لل، وبال ...).
_DEFINITE_PREFIXES = PREFIXES_WITH_ARTICLE - PREFIXES_BARE


def _fold_into(kept: Event, other: Event, back: set[int]) -> None:
    bundle = load_bundle()
    if (id(kept) in back) != (id(other) in back):
        named_by_act = id(kept) in back  # the specific act names it ("الهجوم" = that bombing)
    else:
        named_by_act = bundle.rank(other.sub_event_type) < bundle.rank(kept.sub_event_type)
    if named_by_act:
        # else the codebook's hierarchy: the higher sub-type names the merged event
        for attr in ("event_type", "sub_event_type", "disorder_type", "trigger"):
            setattr(kept, attr, getattr(other, attr))
        if id(other) not in back:
            back.discard(id(kept))
    if other.time_precision < kept.time_precision:
        kept.event_date, kept.time_precision = other.event_date, other.time_precision
    if other.geo_precision < kept.geo_precision or (
            kept.place and other.place and other.geo_precision == kept.geo_precision
            and other.place.level == "place" and kept.place.level != "place"):
        kept.place, kept.geo_precision = other.place, other.geo_precision
    kept.actor1 = _better_actor(kept.actor1, other.actor1)
    kept.actor2 = _better_actor(kept.actor2, other.actor2)
    if kept.actor2 is not None and kept.actor1 is not None and kept.actor2.name == kept.actor1.name:
        kept.actor2 = other.actor2 if other.actor2 and other.actor2.name != kept.actor1.name else None
    kept.fatalities = max(kept.fatalities, other.fatalities)
    if other.injuries is not None:
        kept.injuries = max(kept.injuries or 0, other.injuries)
    for name in other.source_attribution:
        if name not in kept.source_attribution:
            kept.source_attribution.append(name)
    seen = {(s.start, s.end) for s in kept.evidence}
    kept.evidence += [s for s in other.evidence if (s.start, s.end) not in seen]
    kept.evidence.sort(key=lambda s: s.start)
    kept.extra_sentences.append(other.sentence)
    kept.confidence = min(0.99, max(kept.confidence, other.confidence) + 0.05)


def _better_actor(a, b):
    """A named actor beats a generic one, a stated role a guessed one; else keep the first."""
    if a is None:
        return b
    if b is None:
        return a

    def strength(x) -> tuple[bool, bool]:
        return (not (x.actor_id or "").startswith("generic:"), x.stated)

    return b if strength(b) > strength(a) else a
