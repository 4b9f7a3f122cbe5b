"""Stage: give each detected event its date, place, actors, counts and provenance.

Every attribute is looked for first in the event's own sentence, then in its
neighbours (news writing states the place in one sentence and the toll in the next),
then in the article's lead, and finally falls back to what the codebook prescribes
(publication date at precision 2; the country's capital at geo_precision 3). Events
whose date falls outside the codebook's window, or that have no place or country at
all, are dropped here: the codebook does not code them.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date, timedelta

from hadath.arabic.normalise import fold
from hadath.article import Article, Event, Mention, Place
from hadath.geo import place_km
from hadath.knowledge.bundle import Bundle, load_bundle
from hadath.knowledge.lexicons import load_clause_markers, load_place_context
from hadath.stages.detect import clause_separators, window_start
from hadath.stages.resolve_actors import ARMED_INTERS, STATE_INTERS, resolve_actors
from hadath.stages.resolve_counts import resolve_counts

# How many sentences before/after the event's own sentence context may come from.
LOOK_BACK = 2
LOOK_AHEAD = 1
# A toll this large is the running total of a war or of a past massacre ("النزاع في اليمن
# الذي أسفر عن مقتل أربعة آلاف شخص", Srebrenica's 8,000), which news restates as
# background; no single day's event in the news this product reads reaches it.
CUMULATIVE_TOLL = 1000


def resolve(article: Article) -> Article:
    bundle = load_bundle()
    index = _MentionIndex(article.mentions)
    article.countries = _article_countries(article, bundle, index)
    kept: list[Event] = []
    for event in article.events:
        dated = _resolve_date(article, event, index)
        if dated is None:
            continue
        placed = _resolve_place(article, event, index, bundle)
        if placed is None:
            continue
        if _unplaced_reaction(index, event):
            continue  # "أعرب عن إدانته للتفجير الإرهابي": names the incident only by reference
        if not placed and not _is_lead(article, event):
            # no place and no country named near it, away from the lead: a reference to
            # an incident reported elsewhere ("the recent bombing", §10), or one this
            # article cannot place; the capital of the article's country would be a guess
            # (§10 puts a country's capital only where the country is named)
            continue
        resolve_actors(article, event, index, bundle)
        _armed_victims_fought(event, bundle)
        _inherit_air_force(event, kept, article, index, bundle)
        resolve_counts(article, event, index)
        if event.fatalities >= CUMULATIVE_TOLL:
            continue  # a war's or a massacre's total, not one event's toll (§1: aggregates)
        event.source_attribution = _attribution(article, event, index)
        kept.append(event)
        kept.extend(_one_per_further_place(article, event, index, bundle))
    article.events = [day for event in kept for day in _one_per_day(event)]
    return article


def _armed_victims_fought(event: Event, bundle: Bundle) -> None:
    """Attack is violence against civilians (CODEBOOK §2): "a Houthi commander and 12
    of his escorts were killed at the hands of the resistance" is fighting between two
    armed sides, an Armed clash, whatever verb states it."""
    if event.sub_event_type != "Attack" or event.actor2 is None or event.actor1 is None:
        return
    a, b = event.actor1, event.actor2
    # one state's forces and its government are one side, not two
    one_state = a.inter in STATE_INTERS and b.inter in STATE_INTERS and a.country == b.country
    if a.inter in ARMED_INTERS and b.inter in ARMED_INTERS and not one_state:
        event.sub_event_type = "Armed clash"
        event.event_type, event.disorder_type = bundle.type_of("Armed clash")


def _one_per_day(event: Event) -> list[Event]:
    """Fighting over several days is one event per day, the toll split evenly
    (CODEBOOK §10): the stated span ends on the event's day; later days take the
    remainder of an uneven split (51 over two days: 25, then 26)."""
    days = event.span_days
    if days <= 1 or event.event_date is None or event.time_precision != 1 \
            or event.event_type == "Strategic developments":
        return [event]
    fatalities, injuries = event.fatalities, event.injuries
    out = []
    for k in range(days - 1, -1, -1):  # earliest day first
        day = event if k == 0 else copy.copy(event)
        if k:
            day.evidence = list(event.evidence)
            day.source_attribution = list(event.source_attribution)
            day.extra_sentences = []
        try:
            day.event_date = event.event_date - timedelta(days=k)
        except OverflowError:
            return [event]
        day.fatalities = _share(fatalities, days, k)
        day.injuries = None if injuries is None else _share(injuries, days, k)
        day.span_days = 1
        out.append(day)
    return out


def _share(total: int, days: int, k: int) -> int:
    """Day k (0 = the last) of a toll split evenly over the days."""
    base, extra = divmod(total, days)
    return base + (1 if k < extra else 0)


LEAD_SENTENCES = 2


def _inherit_air_force(event: Event, earlier: list[Event], article: Article,
                       index: _MentionIndex, bundle: Bundle) -> None:
    """"وشنت غارات أخرى..." after "غارات التحالف": further raids in the same report are
    the same air force's, whether the earlier raid became an event or was only told in a
    sentence just before ("طائرات حربية يعتقد أنها تابعة لتحالف تقوده الولايات المتحدة
    قصفت ..."). Only air strikes: elsewhere an unnamed attacker stays unnamed."""
    if event.sub_event_type != "Air/drone strike" or event.actor1 is None:
        return
    if not (event.actor1.actor_id or "").startswith("generic:"):
        return
    for prior in reversed(earlier):
        if prior.sub_event_type == event.sub_event_type and _named(prior.actor1):
            _take_air_force(event, prior.actor1)
            return
    for j in range(event.sentence - 1, max(-1, event.sentence - 1 - AIR_FORCE_LOOK_BACK), -1):
        for trigger in index.of("trigger", j):
            if trigger.key != event.sub_event_type:
                continue
            told = Event(event.event_type, event.sub_event_type, event.disorder_type, j, trigger,
                         place=event.place)
            resolve_actors(article, told, index, bundle)
            if _named(told.actor1):
                _take_air_force(event, told.actor1)
                return


AIR_FORCE_LOOK_BACK = 2  # sentences


def _named(actor) -> bool:
    return actor is not None and not (actor.actor_id or "").startswith("generic:") and actor.stated


def _take_air_force(event: Event, air_force) -> None:
    if event.actor2 is not None and event.actor2.name == air_force.name:
        event.actor2 = None
    event.actor1 = air_force


def _unplaced_reaction(index, event: Event) -> bool:
    """A condemnation or condolence whose own sentence names neither a place nor a day
    reacts to an incident reported elsewhere (CODEBOOK §10), whatever its neighbours say.
    A country in it is the one that reacts ("أدانت مصر التفجير"), not where it happened."""
    j = event.sentence
    if event.event_type in ("Protests", "Riots"):
        return False  # protesters condemn: "هتافات تندد بالإساءة" is the protest itself
    if not any(c.key == "condemnation" for c in index.of("cue", j)):
        return False
    return not (index.of("place", j) or index.of("date", j))


def _is_lead(article: Article, event: Event) -> bool:
    """The lead of a report states its incident; a short post is all lead."""
    return event.sentence < LEAD_SENTENCES


class _MentionIndex:
    """Mentions by (kind, sentence), so resolvers never rescan the whole article."""

    def __init__(self, mentions: list[Mention]):
        self._by: dict[tuple[str, int], list[Mention]] = {}
        self._kinds: dict[str, list[Mention]] = {}
        for m in mentions:
            self._by.setdefault((m.kind, m.sentence), []).append(m)
            self._kinds.setdefault(m.kind, []).append(m)

    def of(self, kind: str, sentence: int) -> list[Mention]:
        return self._by.get((kind, sentence), [])

    def all(self, kind: str) -> list[Mention]:
        return self._kinds.get(kind, [])


def _neighbourhood(article: Article, sentence: int) -> list[int]:
    """The event's sentence, then earlier ones in its paragraph, then later, then the lead.
    A sentence that turns to another matter ("إلى ذلك، ...") looks back at none."""
    sents = article.sentences
    para = sents[sentence].paragraph if sentence < len(sents) else 0
    order = [sentence]
    back = 0 if _turns_to_another_matter(article, sentence) else LOOK_BACK
    for i in range(1, back + 1):
        j = sentence - i
        if j >= 0 and (sents[j].paragraph == para or i == 1):
            order.append(j)
    for i in range(1, LOOK_AHEAD + 1):
        j = sentence + i
        if j < len(sents) and sents[j].paragraph == para:
            order.append(j)
    return order


def _turns_to_another_matter(article: Article, sentence: int) -> bool:
    """Whether the sentence opens with a topic shift of data/clauses.yaml ("إلى ذلك")."""
    if sentence >= len(article.sentences):
        return False
    s = article.sentences[sentence]
    words = fold(article.text[s.start:min(s.end, s.start + 40)]).replace("،", " ").split()[:3]
    if words and words[0].startswith("و") and len(words[0]) > 2:
        words[0] = words[0][1:]
    return any(tuple(words[:len(t)]) == t for t in load_clause_markers().topic_shifts)


# ---- date -------------------------------------------------------------------

def _usable_dates(mentions: list[Mention], published: date | None) -> list[Mention]:
    out = []
    for m in mentions:
        d = m.value
        if d.date is None:
            continue
        if published is not None and d.date > published:
            continue  # a future date (غدا، الأسبوع المقبل) is a plan, not the event's day
        out.append(m)
    return out


# Characters between a verb of saying and a date for the date to be the statement's
# ("حسبما أفاد المرصد السوري لحقوق الإنسان أمس": the day the Observatory spoke).
REPORT_DATE_REACH = 40


def _event_day_over_report_day(article: Article, event: Event, index: _MentionIndex,
                               chosen: Mention) -> Mention:
    """"أفاد مصدر، اليوم الأحد، بمقتل ... وأوضح أنهم فجّروها مساء أمس": the first date is
    when the source spoke; an earlier day given in the next sentence is when it happened."""
    said = any(0 <= chosen.start - r.end <= REPORT_DATE_REACH
               for r in index.of("role", event.sentence) if r.key == "reporting")
    if not said:
        return chosen
    nxt = event.sentence + 1
    if nxt >= len(article.sentences):
        return chosen
    earlier = [m for m in _usable_dates(index.of("date", nxt), article.published)
               if m.value.date < chosen.value.date and m.value.precision <= chosen.value.precision]
    return earlier[0] if earlier else chosen


def _resolve_date(article: Article, event: Event, index: _MentionIndex) -> bool | None:
    """Set the event's date. None: outside the codebook's window (drop the event);
    True: the text dates it near the event; False: only the lead or publication date did."""
    published = article.published
    chosen: Mention | None = None
    stated = False
    for j in _neighbourhood(article, event.sentence):
        dates = _usable_dates(index.of("date", j), published)
        if dates:
            # the date nearest the trigger in its own sentence; the last one elsewhere
            if j == event.sentence:
                chosen = min(dates, key=lambda m: abs(m.start - event.trigger.start))
                chosen = _event_day_over_report_day(article, event, index, chosen)
            else:
                chosen = dates[-1]
            stated = True
            break
    if chosen is None and not _turns_to_another_matter(article, event.sentence):
        lead = [m for m in _usable_dates(index.all("date"), published) if m.sentence <= 1]
        chosen = lead[0] if lead else None
    if chosen is not None:
        event.event_date = chosen.value.date
        event.time_precision = chosen.value.precision
    elif published is not None:
        event.event_date, event.time_precision = published, 2
    else:
        return None
    if published is not None:
        if event.event_date < window_start(published) or event.event_date > published:
            return None
    return stated


# ---- place ------------------------------------------------------------------

def _article_countries(article: Article, bundle: Bundle, index: _MentionIndex) -> list[str]:
    """Countries the article is about, most mentioned first (for disambiguation)."""
    votes: Counter[str] = Counter()
    for m in index.all("country"):
        votes[m.key] += 2
    for m in index.all("nationality"):
        votes[m.key] += 1
    for m in index.all("place"):
        for iso in bundle.place_countries(m):
            votes[iso] += 1
    spans = Counter((m.start, m.end) for m in index.all("actor"))
    for m in index.all("actor"):
        iso = bundle.actor_country(m.key)
        if iso and spans[(m.start, m.end)] == 1:  # a shared alias says nothing of where
            votes[iso] += 1
    if article.dateline:
        for iso in bundle.countries_of_name(article.dateline):
            votes[iso] += 2
    return [iso for iso, _ in votes.most_common()]


def _resolve_place(article: Article, event: Event, index: _MentionIndex,
                   bundle: Bundle) -> bool | None:
    """Set the event's place. None: no place or country at all (drop the event);
    True: named near the event; False: only the article's country (its capital, §10)."""
    nearby = [bundle.resolve_place(m, article.countries) for m in index.all("place")[:20]]
    nearby_places = [p for p in nearby if p is not None]
    for j in _neighbourhood(article, event.sentence):
        candidates = _places_in(article.text, index.of("place", j), index.of("country", j),
                                event, j, index.of("role", j))
        candidates = _qualifiers_last(article.text, candidates, index.of("precision", j))
        for mention in candidates:
            place = bundle.resolve_place(mention, article.countries, nearby_places)
            if place is None:
                continue
            event.place = place
            event.geo_precision = _precision(article, mention, place, index, bundle)
            return True
    # No named place: the country the article is about, at its capital (§10).
    for iso in article.countries[:1]:
        place = bundle.country_place(iso)
        if place is not None:
            event.place, event.geo_precision = place, 3
            return False
    return None


# Event types where one sentence often lists several struck or contested places
# ("غارات على مواقع في لحج، وفي مأرب، وفي صعدة"): one event per further governorate
# (CODEBOOK §1). Towns of one governorate in one sentence are usually one operation.
_SPLIT_BY_PLACE = {"Explosions/Remote violence", "Battles"}
SPLIT_MIN_KM = 25.0


def _one_per_further_place(article: Article, event: Event, index: _MentionIndex,
                           bundle: Bundle) -> list[Event]:
    if event.event_type not in _SPLIT_BY_PLACE or event.place is None:
        return []
    extra: list[Event] = []
    seen = [event.place]
    places = index.of("place", event.sentence)
    cues = index.of("precision", event.sentence)
    for m in places:
        if m.start < event.trigger.start or _qualifier(article.text, m, places, cues):
            continue
        place = bundle.resolve_place(m, article.countries, seen)
        if place is None or place.level == "country":
            continue
        if any(place_km(place, p) < SPLIT_MIN_KM or place.admin1 == p.admin1 for p in seen):
            continue
        twin = copy.copy(event)
        twin.place = place
        twin.geo_precision = _precision(article, m, place, index, bundle)
        twin.evidence = list(event.evidence)
        twin.source_attribution = list(event.source_attribution)
        twin.extra_sentences = []
        seen.append(place)
        extra.append(twin)
    return extra


def _places_in(text: str, places: list[Mention], countries: list[Mention], event: Event,
               sentence: int, roles: list[Mention]) -> list[Mention]:
    """Most specific first: towns before governorates before countries; after the
    trigger before before it (Arabic states the action, then where)."""
    pool = places + countries
    if sentence == event.sentence:
        # a clause of a sentence that states several incidents names its own place, and
        # a place that opens it ("وفي مدينة مقبنة، تمكنت ...") sets its scene
        span = event.evidence[0] if event.evidence else None
        fronted = _fronted_place(text, places, span, event.trigger, roles)
        pool.sort(key=lambda m: (m.kind == "country", m is not fronted,
                                 span is not None and not span.start <= m.start < span.end,
                                 m.start < event.trigger.start,
                                 abs(m.start - event.trigger.start)))
    else:
        pool.sort(key=lambda m: (m.kind == "country", m.start))
    return pool


# The nouns that begin a qualifier's name (محافظة، قضاء) and the words that may stand
# between a place and its qualifier (ب، عاصمة) are in data/place_context.yaml.
QUALIFIER_REACH = 25


def _qualifier(text: str, m: Mention, places: list[Mention], cues: list[Mention]) -> bool:
    """A place that only locates the place named just before it: a governorate or district
    after a town ("قضاء خبات بمحافظة أربيل", "موقس منطقة بيحان"), or a reference town after
    a direction ("محافظة مارب، إلى الشرق من صنعاء"; "قرية X قرب الموصل")."""
    before = [p for p in places if p.end <= m.start and p is not m]
    if not before:
        return False
    prev = max(before, key=lambda p: p.end)
    gap_start = prev.end
    if m.start - gap_start > QUALIFIER_REACH:
        return False
    cue = next((c for c in cues if c.key == "modifier" and gap_start <= c.start
                and c.end <= m.start and not text[c.end:m.start].strip()), None)
    if cue is not None:
        return not text[gap_start:cue.start].strip(" ،,«»\"")
    context = load_place_context()
    if m.kind != "country" and not m.key.startswith(
            tuple(noun + " " for noun in context.qualifier_nouns)):
        return False
    words = fold(text[gap_start:m.start]).replace("،", " ").replace(",", " ").split()
    return all(w.strip("«»\"") in context.qualifier_gap or not w.strip("«»\"") for w in words)


def _qualifiers_last(text: str, pool: list[Mention], cues: list[Mention]) -> list[Mention]:
    """The same order, with places that only locate another (``_qualifier``) after the
    others of their kind: the town, not its governorate, is where it happened."""
    places = [m for m in pool if m.kind == "place"]
    flags = {id(m): _qualifier(text, m, places, cues) for m in pool}
    return sorted(pool, key=lambda m: (m.kind == "country", flags[id(m)]))


# How long an opening phrase set off by a comma may be to count as the scene.
FRONTED_REACH = 70


def _fronted_place(text: str, places: list[Mention], span, trigger: Mention,
                   roles: list[Mention]) -> Mention | None:
    """The place in a phrase that opens the sentence or clause and is set off by a comma
    before the trigger ("وفي المخا الساحلية، قصفت ..."; "من أمام القنصلية في البصرة،
    المتظاهرون ..."): Arabic fronts the scene that way. Not where a source sits
    ("وقالت مصادر في محافظة أبين، إن ...")."""
    if span is None:
        return None
    sep = clause_separators().search(text, span.start, min(span.end, span.start + FRONTED_REACH))
    cut = sep.start() if sep is not None else None
    if cut is None or trigger.start < cut:
        return None
    if any(r.key == "reporting" and span.start <= r.start < cut for r in roles):
        return None
    return next((m for m in places if span.start <= m.start and m.end <= cut), None)


def _precision(article: Article, mention: Mention, place: Place, index: _MentionIndex,
               bundle: Bundle) -> int:
    if place.level in ("country", "admin1", "region"):
        return 3
    # a cue word just before the name: "قرب هيت" (2), "محافظة نينوى" (3)
    best = 1
    for cue in index.of("precision", mention.sentence):
        if cue.end <= mention.start and mention.start - cue.end <= 12:
            best = max(best, int(cue.value or 1))
    return best


# ---- provenance and note ----------------------------------------------------

def _attribution(article: Article, event: Event, index: _MentionIndex) -> list[str]:
    names: list[str] = []
    for j in [event.sentence, event.sentence - 1, 0]:
        if j < 0:
            continue
        for m in index.of("attribution", j):
            if m.key not in names:
                names.append(m.key)
        if names:
            break
    return names
