"""Who acted (actor1) and who was hit (actor2), from word order and role markers.

Arabic reports name the author after the action ("ضربة جوية للتحالف", VSO) or behind
an explicit marker ("على يد", "من قبل"), and the target after a target marker
("ضد", "استهداف", "مقتل عناصر من"). Without a parse we use those markers and
distances; sub-types with a fixed side (protesters, civilians, arrests) fill in the
generic actor of the event's country, and state forces acting outside their own
country become inter 8 (CODEBOOK §3).
"""

from __future__ import annotations

import re

from hadath.article import Actor, Article, Event, Mention
from hadath.knowledge.bundle import Bundle

# Characters between a role marker's end and the actor's start for the marker to apply.
MARKER_REACH = 22
# An actor this close after the trigger is its grammatical subject/complement (author).
TRIGGER_REACH = 4

_CIVILIAN_TARGETED = {"Attack", "Abduction/forced disappearance", "Sexual violence"}
# Inter codes (CODEBOOK §3): a state's forces and external forces; every armed actor
# (state, rebel, political and identity militias, external forces).
STATE_INTERS = frozenset({1, 8})
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


# An actor this close before the trigger is its subject ("وحدات من الحشد عززت").
SUBJECT_REACH = 4
# A casualty word this close after an actor makes it the victim ("جنديين قتلا").
VICTIM_REACH = 3
# Types whose author must be stated: an unnamed bomber is never inferred (CODEBOOK §10).
_AUTHOR_MUST_BE_STATED = {"Explosions/Remote violence"}
_STATE_WEAPONS = {"Air/drone strike"}
# Strikes from afar whose target may be told in a neighbouring sentence.
_REMOTE_TARGETED = {"Air/drone strike", "Shelling/artillery/missile attack"}
# Bombs are planted and detonated by armed groups: state forces named beside one are its
# target ("تفجير انتحاري استهدف مسجدا لقوات الطوارئ"), never its author.
_NON_STATE_WEAPONS = {"Suicide bomb", "Remote explosive/landmine/IED"}
# A relative clause "X التي تخوض قتالا": X is the subject of the one verb between the
# relative pronoun and the trigger.
RELATIVE_REACH = 3
_ONE_WORD = re.compile(r"^\s*\S+\s*$")
# "اشتباكات عنيفة بين X وY", "قتالا عنيفا مع Y": the battle's sides, after the trigger.
_BETWEEN = re.compile(r"(?:^|[\s،,])بين(?:\s+\S+){0,2}?\s*$")
_WITH = re.compile(r"(?:^|[\s،,])مع\s*$")
_AND = re.compile(r"(?:^|[\s،,])و\s*$")
# "صدّت X هجوما شنه Y", "تصدت لهجوم": X defended; the attack is Y's.
_REPEL = re.compile(r"(?:^|\s)(?:و|ف)?(?:صد|تصد|التصدي|إفشال|افشال|أفشل|افشل|أحبط|احبط)\S*")
REPEL_REACH = 30  # the repel verb to the attack it repels: "صدت القوات الأمنية هجوما"
BETWEEN_REACH = 80  # trigger end to the first side: "اشتباكات في <مكان> بين X وY"
WITH_REACH = 30
# Drones are flown by armed groups too: a state named beside a drone strike is not its
# author for that alone.
_DRONE = re.compile(r"مسير|محلق|درون|انقضاض")
# "طائرات حربية يعتقد أنها تابعة للتحالف", "المسيرات التابعة للجيش الإيراني": whoever the
# weapon of the trigger belongs to used it. (A clitic ل is not a word the matcher can see.)
_BELONGS = re.compile(r"(?:^|\s)(?:ال)?تابع(?:ة|ين|ون)?\s+\S{0,2}$")
BELONGS_REACH = 30
# What may stand before a subject that opens its clause: the start, a stop, "و", "أن", "إن".
_CLAUSE_START = re.compile(r"(?:^|[.،,:؛!?\n«\"]|(?:^|\s)(?:و|ف|أن|إن|ان|وأن|وإن))\s*$")
# "على إيران", "في إيران", "ضد إيران": right before a country named as the target.
_ON_COUNTRY = re.compile(r"(?:^|\s)(?:على|في|ضد)\s*$")
# A post that opens with its speaker on a line of its own ("سنتكوم:", "الحرس الثوري:").
SPEAKER_LINE = 60
# The speaker says what its own forces did: "شنت قواتنا", "طائراتنا", "قمنا".
_FIRST_PERSON = re.compile(r"(?:قوات|طائرات|مقاتلات|وحدات|دفاعات|جنود|قطعات)نا|قمنا|استهدفنا|نفذنا")
# Sub-types whose author is the speaker of a headed post when the text names none.
_SPEAKER_ACTS = {"Disrupted weapons use", "Arrests", "Government regains territory",
                 "Change to group/activity", "Other"}


def resolve_actors(article: Article, event: Event, index, bundle: Bundle) -> None:
    """``index`` answers ``of(kind, sentence)``: resolve's per-sentence mention index."""
    iso = event.place.iso if event.place else (article.countries[0] if article.countries else None)
    countries = ([iso] if iso else []) + [c for c in article.countries if c != iso]
    year = event.event_date.year if event.event_date else None
    roles = index.of("role", event.sentence)
    casualties = index.of("casualty", event.sentence)
    nationalities = index.of("nationality", event.sentence)
    candidates = index.of("actor", event.sentence) + index.of("generic", event.sentence)
    mentions = _one_per_span(candidates, bundle, countries, year)
    sides = _battle_sides(article.text, event, mentions)
    authors: list[Actor] = []
    targets: list[Actor] = []
    neutral: list[Actor] = []
    ordered: list[Actor] = []  # every actor of the sentence, in text order
    for m in mentions:
        actor = _actor_for(m, nationalities, iso, bundle, article.text, year)
        if actor is None:
            continue
        role = sides.get((m.start, m.end)) or _role(m, roles, casualties, event, article.text)
        actor.stated = role is not None
        ordered.append(actor)
        (authors if role == "author" else targets if role == "target" else neutral).append(actor)
    if not authors:
        country = _country_subject(article.text, event, index.of("country", event.sentence),
                                   roles, bundle)
        if country is not None:
            authors.append(country)
            ordered.append(country)
    if not authors:
        speaker = _speaker(article, event, index, bundle, iso)
        if speaker is not None:
            authors.append(speaker)
            ordered.append(speaker)
    if event.sub_event_type in _NON_STATE_WEAPONS:
        targets = [a for a in authors if a.inter in STATE_INTERS] + targets
        authors = [a for a in authors if a.inter not in STATE_INTERS]
        neutral = [a for a in neutral if a.inter not in STATE_INTERS] + \
            [a for a in neutral if a.inter in STATE_INTERS]
    if event.event_type in _AUTHOR_MUST_BE_STATED:
        actor1 = _first(authors)
        if actor1 is None and event.sub_event_type in _STATE_WEAPONS and \
                not _DRONE.search(event.trigger.text):
            # only states and coalitions fly aircraft: a state actor not marked as the
            # target is the one who struck
            actor1 = _first(a for a in neutral if a.inter in STATE_INTERS)
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
    if event.sub_event_type in _REMOTE_TARGETED and actor2 is None:
        actor2 = _target_nearby(index, event, actor1, iso, countries, year, bundle)
    struck = _struck_country(article.text, event, index.of("country", event.sentence))
    actor1, actor2 = _apply_conventions(event, actor1, actor2, ordered, targets, iso, bundle,
                                        struck)
    if actor1 is not None:
        event.actor1 = _external(actor1, iso)
    if actor2 is not None and not _same(actor2, event.actor1):
        event.actor2 = _external(actor2, iso)


def _battle_sides(text: str, event: Event, mentions: list[Mention]) -> dict[tuple[int, int], str]:
    """Roles fixed by "بين X وY" (X acts, Y is hit) and "مع Y" (Y is the other side)."""
    out: dict[tuple[int, int], str] = {}
    if event.event_type != "Battles":
        return out
    after = [m for m in mentions if m.start >= event.trigger.end]
    lead = text[max(0, event.trigger.start - REPEL_REACH):event.trigger.start]
    if _REPEL.search(lead) and not any(m.start < event.trigger.end and event.trigger.start < m.end
                                       for m in mentions):
        # the defenders are named before the repelled attack, the attackers after it
        for m in mentions:
            if m.end <= event.trigger.start:
                out[(m.start, m.end)] = "target"
        if after:
            out[(after[0].start, after[0].end)] = "author"
        return out
    if not after:
        return out
    first = after[0]
    gap = text[event.trigger.end:first.start]
    if _WITH.search(gap) and len(gap) <= WITH_REACH:
        out[(first.start, first.end)] = "target"
        return out
    between = _BETWEEN.search(gap)
    if not between or len(gap) > BETWEEN_REACH:
        return out
    out[(first.start, first.end)] = "author"
    previous = first
    for m in after[1:]:
        if _AND.search(text[previous.end:m.start]) or text[m.start:m.start + 1] == "و":
            out[(m.start, m.end)] = "target"
            break
        previous = m
    return out


def _country_subject(text: str, event: Event, countries: list[Mention], roles: list[Mention],
                     bundle: Bundle) -> Actor | None:
    """"نشرت الولايات المتحدة مقاتلات", "إسرائيل تقصف": a country as the subject of the act
    is its forces. Only where the act is a state's (deployments, air strikes, seizures)."""
    if event.event_type not in ("Strategic developments", "Battles") and \
            event.sub_event_type not in _STATE_WEAPONS:
        return None
    for c in countries:
        before = text[c.end:event.trigger.start] if c.end <= event.trigger.start else None
        if before is not None and not _CLAUSE_START.search(text[max(0, c.start - 6):c.start]):
            before = None  # "في محافظة أربيل شمالي العراق": a place, not a subject
        after = text[event.trigger.end:c.start] if c.start >= event.trigger.end else None
        marked = any(r.key == "author" and 0 <= c.start - r.end <= 2 for r in roles) and \
            0 <= event.trigger.start - c.end <= MARKER_REACH  # "نفذت الولايات المتحدة أول ضربة"
        if marked or (before is not None and not before.strip() and len(before) <= SUBJECT_REACH) or \
                (after is not None and not after.strip() and len(after) <= TRIGGER_REACH):
            actor = bundle.generic_actor("military-forces", c.text, None, c.key)
            if actor is not None:
                actor.stated = True
            return actor
    return None


def _speaker(article: Article, event: Event, index, bundle: Bundle,
             iso: str | None) -> Actor | None:
    """The state force a post is headed with ("سنتكوم:\\nشنت قواتنا..."), where the post
    tells what that force did: its own acts (seizures, interceptions, deployments) or acts
    in the first person ("قواتنا"). A post speaking of an attack on it names it otherwise."""
    if event.sentence == 0 or not article.sentences:
        return None
    head = article.sentences[0]
    line = article.text[head.start:head.end].strip()
    if not line.endswith(":") or len(line) > SPEAKER_LINE:
        return None
    sentence = article.sentences[event.sentence] if event.sentence < len(article.sentences) else None
    own = sentence is not None and _FIRST_PERSON.search(article.text[sentence.start:sentence.end])
    if event.sub_event_type not in _SPEAKER_ACTS and not own:
        return None
    for m in index.of("actor", 0) + index.of("generic", 0):
        actor = _actor_for(m, index.of("nationality", 0), iso, bundle, article.text)
        if actor is not None and actor.inter in STATE_INTERS:
            actor.stated = True
            return actor
    return None


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


def _target_nearby(index, event: Event, actor1: Actor | None, iso: str | None,
                   countries: list[str], year: int | None, bundle: Bundle) -> Actor | None:
    """A strike's target told in the sentence before or after: "قصفت الطائرات مواقع لجبهة
    النصرة ... وذكر المرصد أن الغارات قصفت مواقع للجبهة". Only an actor a target marker
    points at ("مواقع ل", "استهدفت") is taken, never one merely named nearby."""
    for j in (event.sentence - 1, event.sentence + 1):
        if j < 0:
            continue
        markers = [r for r in index.of("role", j) if r.key == "target"]
        for m in _one_per_span(index.of("actor", j), bundle, countries, year):
            if not any(0 <= m.start - r.end <= MARKER_REACH for r in markers):
                continue
            actor = bundle.named_actor(m.key, m.text, iso)
            if actor is not None and not _same(actor, actor1) and actor.inter in ARMED_INTERS \
                    and not bundle.allies(actor1.actor_id if actor1 else None, actor.actor_id, iso):
                return actor
    return None


def _other_side(index, event: Event, actor1: Actor | None, iso: str | None,
                countries: list[str], year: int | None, bundle: Bundle) -> Actor | None:
    """A battle's other side is often named in the next or previous sentence."""
    for j in (event.sentence + 1, event.sentence - 1):
        for m in _one_per_span(index.of("actor", j), bundle, countries, year):
            actor = bundle.named_actor(m.key, m.text, iso)
            if actor is not None and not _same(actor, actor1) and actor.inter in ARMED_INTERS \
                    and not bundle.allies(actor1.actor_id if actor1 else None, actor.actor_id, iso):
                return actor
    return None


_COORDINATED = re.compile(r"^\s*(?:و\s*\S+\s*)?$")


def _actor_for(m: Mention, nationalities: list[Mention], iso: str | None,
               bundle: Bundle, text: str = "", year: int | None = None) -> Actor | None:
    if m.kind == "actor":
        return bundle.named_actor(m.key, m.text, iso)
    reading = bundle.actors.theatre_reading(m.key, m.text, iso, year)
    if reading is not None:  # "المتمردين" in Yemen's war: the Houthis
        return bundle.named_actor(reading, m.text, iso)
    # generic: take a nationality written right after it ("القوات التركية"), or after the
    # noun it is coordinated with ("17 ضابط وجندي إسرائيليين")
    nationality = None
    for n in nationalities:
        if 0 <= n.start - m.end <= 2 or \
                (0 <= n.start - m.end <= 16 and _COORDINATED.match(text[m.end:n.start])):
            nationality = n.key
            break
    return bundle.generic_actor(m.key, m.text, iso, nationality)


def _role(m: Mention, roles: list[Mention], casualties: list[Mention], event: Event,
          text: str = "") -> str | None:
    """Role of one actor mention: explicit victim/target cues first, then word order."""
    if m.start < event.trigger.end and event.trigger.start < m.end:
        return "author"  # named inside the trigger: "غارات التحالف", "قصف الجيش"
    if text and event.sub_event_type in _REMOTE_TARGETED and \
            0 <= m.start - event.trigger.end <= BELONGS_REACH and \
            _BELONGS.search(text[event.trigger.end:m.start]) and \
            not any(r.key == "target" and event.trigger.end <= r.start < m.start for r in roles):
        return "author"  # the weapon's owner, not a target's ("استهداف مقر تابع لـ")
    for c in casualties:
        if 0 <= c.start - m.end <= VICTIM_REACH:
            return "target"
    for r in roles:
        if r.key == "author_verb" and 0 <= r.start - m.end <= VICTIM_REACH:
            return "author"  # "بقايا داعش زرعوا العبوة"
        if r.key == "relative" and text and 0 <= r.start - m.end <= RELATIVE_REACH and \
                r.end <= event.trigger.start and _ONE_WORD.match(text[r.end:event.trigger.start]):
            return "author"  # "المقاومة التي تخوض قتالا": the subject of the relative clause
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


def _struck_country(text: str, event: Event, countries: list[Mention]) -> str | None:
    """The country named as what was struck, as a whole: "ضربات على إيران", "غارات في إيران"
    (not "في شمال سوريا", a region of it)."""
    for c in countries:
        if c.start >= event.trigger.end and _ON_COUNTRY.search(text[max(0, c.start - 6):c.start]):
            return c.key
    return None


def _apply_conventions(event: Event, actor1: Actor | None, actor2: Actor | None,
                       everyone: list[Actor], targets: list[Actor], iso: str | None,
                       bundle: Bundle, struck: str | None = None
                       ) -> tuple[Actor | None, Actor | None]:
    sub = event.sub_event_type
    if event.event_type == "Protests":
        if actor1 is None or actor1.inter != 6:
            if actor1 is not None and actor1.inter in STATE_INTERS:
                actor2 = actor1  # the forces who intervened
            actor1 = bundle.generic_actor("protesters", None, iso) if iso else None
        if sub == "Peaceful protest":
            actor2 = None
        elif actor2 is None or actor2.inter not in STATE_INTERS:
            # "قامت قوات الأمن بتفريق التظاهرة": the forces named intervened
            actor2 = _first(a for a in everyone if a.inter in STATE_INTERS) or actor2
    elif event.event_type == "Riots":
        if actor1 is None or actor1.inter not in (5, 6):
            actor1 = bundle.generic_actor("rioters", None, iso) if iso else actor1
    elif sub in _CIVILIAN_TARGETED:
        # violence against civilians: the victims are civilians (CODEBOOK §3), named or not
        civilians = [t for t in targets if t.inter == 7]
        if actor1 is not None and actor1.inter == 7:
            civilians.append(actor1)
            actor1 = None
        if actor2 is None or actor2.inter != 7:
            if civilians:
                actor2 = civilians[0]
            elif actor2 is None and iso:
                actor2 = bundle.generic_actor("civilians", None, iso)
    elif sub == "Arrests":
        if actor1 is None or actor1.inter not in STATE_INTERS:
            if actor1 is not None and actor2 is None:
                actor2 = actor1
            actor1 = bundle.generic_actor("police-forces", None, iso) if iso else actor1
        if actor2 is None or actor2.inter == 7:
            # "القبض على 17 شخصا يشتبه في انتمائهم لداعش": those held are the group's
            group = _first(a for a in everyone if a.inter in (2, 3, 4)
                           and not (a.actor_id or "").startswith("generic:"))
            actor2 = group or actor2
    elif sub == "Government regains territory" and (actor1 is None or actor1.inter not in STATE_INTERS):
        # only a government's forces regain territory; a named group beside them is an
        # associate, the first non-state actor named is the side that lost it
        state = _first(a for a in everyone if a.inter in STATE_INTERS and a not in targets)
        if state is None and iso:
            state = bundle.generic_actor("military-forces", None, iso)
        if state is not None:
            if actor2 is not None and _same(actor2, state):
                actor2 = None
            if actor1 is not None and actor2 is None and not bundle.allies(
                    actor1.actor_id, state.actor_id, iso) and actor1.inter in (2, 3, 4):
                actor2 = actor1
            elif actor1 is not None and bundle.allies(actor1.actor_id, state.actor_id, iso):
                # "المقاومة الشعبية والقوات الموالية لهادي": the group fought beside them
                event.assoc_actor_1 = [a for a in event.assoc_actor_1 if not _same(a, state)]
                event.assoc_actor_1.insert(0, actor1)
            actor1 = state
    elif sub == "Change to group/activity":
        actor2 = None  # a group's own move (deployment, relocation) has no other side
    if actor1 is None and iso:
        actor1 = bundle.generic_actor("unidentified-armed-group", None, iso)
    if actor1 is not None and actor1.inter == 7 and actor2 is None:
        # civilians are always actor2 (CODEBOOK §3)
        actor1, actor2 = bundle.generic_actor("unidentified-armed-group", None, iso) if iso else None, actor1
    if sub in _STATE_WEAPONS and actor2 is None and actor1 is not None and \
            actor1.inter in STATE_INTERS and event.place is not None and event.place.level == "country" \
            and struck == event.place.iso and actor1.country != struck:
        # "شنت قواتنا ضربات على إيران": a country struck as a whole is its forces
        actor2 = bundle.generic_actor("military-forces", None, struck)
    return actor1, actor2


def _external(actor: Actor, iso: str | None) -> Actor:
    """State forces acting outside their own country are 'External/Other forces' (8)."""
    if actor.inter == 1 and actor.country and iso and actor.country != iso:
        return Actor(actor.name, 8, actor.name_ar, actor.country, actor.actor_id, actor.stated)
    return actor
