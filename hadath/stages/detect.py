"""Stage: decide which sentences report an event, and of which type.

A sentence yields an event when it holds a trigger that survives these tests, each judged
in the trigger's clause (newswire joins several statements with commas, data/clauses.yaml):

1. Strong triggers stand alone; weak triggers need support in their sentence (who, where,
   when, a toll, a second hint, a site that was hit, an act going on "for the second day
   running"); a place and a day alone suffice only in an article that reports violence
   elsewhere; an explosion word with a town named stands in a brief (§10). Words with a
   common non-conflict sense ("نشر", "الأهالي") need their licence word nearby
   (triggers.yaml).
2. Cancelling cues (denial, future, hypothetical, threat, accident...) before the trigger
   in its clause, or right after it, remove it; an arrest for a crime is not coded.
3. Triggers dated in the past beyond the codebook's 31-day window (a date written in full
   outranks a weekday), or set in an earlier year ("في عام 2017"), are background; acts
   summed over a span ("خلال الأيام الماضية", "خلال شهر يوليو") or named by a
   demonstrative ("هذه الضربات") without a day of their own are an aggregate.
4. Among surviving triggers the codebook's hierarchy picks the sub-type, except that a
   vague attack word takes the weapon named beside it ("لهجوم بمسيرات") and "في حادث
   مماثل" the kind just reported; a further clause with its own trigger and its own place
   is its own event (resolve also splits a violent sentence by governorate).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from hadath.arabic.normalise import fold
from hadath.article import Article, Event, Mention, Span
from hadath.knowledge.bundle import load_bundle
from hadath.knowledge.lexicons import load_clause_markers, load_span_words
from hadath.stages.resolve_counts import consecutive_days

RECENT_DAYS = 31


def window_start(published: date) -> date:
    """The first day the codebook's 31-day window admits (date.min for dates near it)."""
    try:
        return published - timedelta(days=RECENT_DAYS)
    except OverflowError:
        return date.min
# How far (in characters of the original text) before and after a trigger a cue reaches:
# long comma-joined Arabic sentences carry several clauses, and a denial in one does
# not deny the others.
CUE_BEFORE = 60
CUE_AFTER = 12
# A stated accident or a denial covers its whole sentence wherever it stands
# ("حريق ... والأنباء تتحدث عن حادث انقلاب صهريج"; "تنفي ... ما تم تداوله بشأن اشتباك").
SENTENCE_WIDE_CUES = {"accident", "denial"}


def detect(article: Article) -> Article:
    bundle = load_bundle()
    by_sentence: dict[int, dict[str, list[Mention]]] = {}
    for m in article.mentions:
        by_sentence.setdefault(m.sentence, {}).setdefault(m.kind, []).append(m)
    events: list[Event] = []
    commentary = _is_commentary(article)
    violent = _violent_context(article, bundle)
    long_article = len(article.sentences) > LONG_ARTICLE
    for sentence in article.sentences:
        found = by_sentence.get(sentence.index, {})
        triggers = found.get("trigger")
        if not triggers:
            continue
        if _is_question(article, sentence):
            continue
        cues = found.get("cue", [])
        clauses = _clauses(article.text, sentence.start, sentence.end)
        live = [t for t in triggers if _survives(article, t, clauses, cues, found, bundle)]
        strong = [t for t in live if t.strength == "strong"]
        if not strong and not any(c.value not in ("likewise", "aggregate") for c in cues):
            # a weak hint is already doubtful: any cue in its sentence (a condemnation,
            # a call, a plan, a denial) means the sentence talks about, not reports; a
            # span or a back-reference is judged by its own rule (a day of the clause's)
            running = consecutive_days(fold(article.text[sentence.start:sentence.end])) > 1
            strong = _supported_weak(live, found, long_article, violent, running)
        if not strong:
            continue
        if commentary and not _stated_incident(found):
            continue
        best = _named_by_weapon(min(strong, key=lambda t: (bundle.rank(t.key), t.start)),
                                live, clauses, bundle)
        if long_article and _referred_to(best, found):
            continue
        chosen = [(best, (sentence.start, sentence.end))]
        if len(clauses) > 1:
            chosen = _one_per_clause(best, live, found, clauses, long_article) or chosen
        for trigger, (start, end) in chosen:
            sub_type = _kind_of_likewise(trigger, cues, events) or trigger.key
            event_type, disorder = bundle.type_of(sub_type)
            demoted = any(c.value == "demote" and c.start < trigger.start for c in cues)
            events.append(Event(
                event_type=event_type,
                sub_event_type=sub_type,
                disorder_type=disorder,
                sentence=sentence.index,
                trigger=trigger,
                evidence=[Span(start, end, article.text[start:end])],
                confidence=0.55 if demoted else (0.75 if trigger.strength == "strong" else 0.6),
            ))
    article.events = events
    return article


# Characters between "في حادث مماثل" and the verb that states the incident.
LIKEWISE_REACH = 40


def _kind_of_likewise(trigger: Mention, cues: list[Mention], events: list[Event]) -> str | None:
    """"وفي حادث مماثل قتل شخص": a similar incident is of the sub-type the article has
    just reported (a second bombing), not what its verb alone would say (an attack)."""
    if events and any(c.value == "likewise" and 0 <= trigger.start - c.end <= LIKEWISE_REACH
                      for c in cues):
        return events[-1].sub_event_type
    return None


def _survives(article: Article, trigger: Mention, clauses: list[Clause], cues: list[Mention],
              found: dict[str, list[Mention]], bundle) -> bool:
    """No cue of its clause cancels it, it is not an aggregate, a criminal arrest,
    unlicensed, or background."""
    own_cues = _clause_of(trigger, clauses, cues)
    return not (_cancelled(trigger, own_cues)
                or _aggregate(trigger, clauses, cues, found, article.text)
                or _criminal_arrest(trigger, own_cues, found, bundle)
                or not _licensed(trigger, found, article.text)
                or _is_background(article, _clause_dates(trigger, clauses, found)))


class Clause(NamedTuple):
    start: int
    end: int
    # opened by a word that starts a statement of its own ("، كما ...", "، في حين ..."),
    # not by a glued conjunction that carries the clause before it on ("، وقتل ...")
    independent: bool = True


def _clauses(text: str, start: int, end: int) -> list[Clause]:
    """The sentence's clauses with offsets: a separator followed by a glued conjunction
    ("، وفي ...") or an opener ("، كما ...") starts a new one (data/clauses.yaml)."""
    markers = load_clause_markers()
    cuts = [(start, True)]
    for sep in clause_separators().finditer(text, start, end):
        i = sep.start()
        words = _WORD.findall(text, i + 1, min(end, i + 40))
        folded = [fold(w.strip(_QUOTES)) for w in words[:3]]
        opened = _opens_clause(folded, markers) if folded else None
        if opened is not None:
            j = i + 1
            while j < end and text[j].isspace():
                j += 1
            cuts.append((j, opened == "opener"))
    bounds = cuts + [(end, True)]
    return [Clause(a, b, independent) for (a, independent), (b, _) in zip(bounds, bounds[1:], strict=False)
            if b > a]


_WORD = re.compile(r"\S+")


@lru_cache(maxsize=1)
def clause_separators() -> re.Pattern[str]:
    """One character class of the clause separators (data/clauses.yaml); resolve uses it
    to find the comma that sets a fronted place off."""
    chars = load_clause_markers().separators
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")
_QUOTES = "«»\"'“”()[]-–—"


def _opens_clause(words: list[str], markers) -> str | None:
    """"conjunction" for a word glued to و/ف, "opener" for an opening phrase, else None."""
    if any(tuple(words[:len(o)]) == o for o in markers.openers):
        return "opener"
    first = words[0]
    if len(first) > 2 and first[0] in markers.conjunctions:
        return "conjunction"
    return None


def _one_per_clause(best: Mention, live: list[Mention], found: dict[str, list[Mention]],
                    clauses: list[Clause], long_article: bool
                    ) -> list[tuple[Mention, tuple[int, int]]]:
    """Newswire joins incidents with commas ("كمين في مقبنة، وفي المخا قصفت قوات التحالف
    ..."): a further clause that holds its own trigger and names its own place is its own
    event. Returns each event's trigger with the clause it is stated in, or [] when the
    sentence reports one event."""
    bundle = load_bundle()
    out: list[tuple[Mention, tuple[int, int]]] = []
    for start, end, _ in clauses:
        inside = [t for t in live if start <= t.start < end]
        if best in inside:
            out.append((best, (start, end)))
            continue
        if not any(start <= p.start < end for p in found.get("place", [])):
            continue
        usable = [t for t in inside if t.strength == "strong"]
        if not usable:
            continue
        trigger = min(usable, key=lambda t: (bundle.rank(t.key), t.start))
        if long_article and _referred_to(trigger, found):
            continue
        out.append((trigger, (start, end)))
    return out if len(out) > 1 else []


def _named_by_weapon(best: Mention, live: list[Mention], clauses: list[Clause], bundle) -> Mention:
    """A word that says only that an attack happened ("هجمات", "الهجوم") is the attack of
    the weapon its clause names ("تعرضت خمس طائرات مسيرة لهجمات" is a drone strike): the
    specific act names the event, as it does when merge folds a vague word into an act.
    The hierarchy would otherwise rank the vague word, a Battles word, above every weapon."""
    if not (isinstance(best.value, dict) and best.value.get("vague")):
        return best
    clause = _clause_index(best, clauses)
    weapons = [t for t in live if t is not best and _clause_index(t, clauses) == clause
               and bundle.type_of(t.key)[0] == WEAPON_TYPE
               and max(t.start - best.end, best.start - t.end) <= WEAPON_REACH]
    return min(weapons, key=lambda t: (bundle.rank(t.key), t.start)) if weapons else best


WEAPON_TYPE = "Explosions/Remote violence"
# Characters between the vague word and the weapon: close enough to be one phrase ("لهجوم
# بمسيرات", "طائرات مسيرة لهجمات"), not "هجوم ... في أعقاب حملة القصف" further on.
WEAPON_REACH = 40


# Characters between a trigger phrase and a relative pronoun for the pronoun to qualify it.
RELATIVE_REACH = 12


def _referred_to(trigger: Mention, found: dict[str, list[Mention]]) -> bool:
    """In a long article, "the bombing which ..." with no day of its own refers back to an
    incident reported elsewhere rather than reporting it (CODEBOOK §10)."""
    if any(m.value.precision == 1 for m in found.get("date", [])):
        return False
    return any(r.key == "relative" and 0 <= r.start - trigger.end <= RELATIVE_REACH
               for r in found.get("role", []))


def _aggregate(trigger: Mention, clauses: list[Clause], cues: list[Mention],
               found: dict[str, list[Mention]], text: str) -> bool:
    """Acts summed over a span ("خلال الأيام الماضية") with no day of their own are a
    count of events, not the report of one (CODEBOOK §1). A span covers its clause and
    the clauses its conjunctions carry on ("وشهدت نفس الفترة، إحراق ...، ومقتل 11"), not
    a statement of its own after it ("، في حين نفذت طائرات التحالف غارات ...")."""
    reach = _carried(trigger, clauses)
    if not (any(c.value == "aggregate" and reach[0] <= c.start < reach[1] for c in cues)
            or any(reach[0] <= m.start < reach[1] and _month_span(text, m)
                   for m in found.get("date", []))):
        return False
    own = _clause_of(trigger, clauses, found.get("date", []))
    return not any(m.value.precision == 1 and not _said_on(m, trigger, found) for m in own)


# Characters from a verb of saying to the day it was said ("ذكرت وكالة أنباء الأناضول
# الحكومية التركية يوم أمس الأحد أن ...").
SPEECH_FRAME = 60


def _said_on(day: Mention, trigger: Mention, found: dict[str, list[Mention]]) -> bool:
    """A day between a verb of saying and the "أن" that opens what was said dates the
    saying: "ذكرت الوكالة يوم أمس أن 390 مقاتلا قتلوا خلال أسبوعين" sums two weeks."""
    roles = found.get("role", [])
    return any(r.key == "reporting" and 0 <= day.start - r.end <= SPEECH_FRAME for r in roles) \
        and any(r.key == "complement" and day.end <= r.start < trigger.start for r in roles)


def _month_span(text: str, date_mention: Mention) -> bool:
    """"خلال شهر يوليو الماضي": a month that a span word opens (time_words.yaml)."""
    if date_mention.value.precision != MONTH_PRECISION:
        return False
    before = fold(text[max(0, date_mention.start - SPAN_WORD_REACH):date_mention.start]).split()
    return bool(before) and before[-1].lstrip("و") in load_span_words()


MONTH_PRECISION = 3
SPAN_WORD_REACH = 12  # characters: "خلال " or "طوال " before the month


def _clause_index(trigger: Mention, clauses: list[Clause]) -> int | None:
    """Which of the sentence's clauses holds the trigger."""
    for i, clause in enumerate(clauses):
        if clause.start <= trigger.start < clause.end:
            return i
    return None


def _carried(trigger: Mention, clauses: list[Clause]) -> tuple[int, int]:
    """From the start of the statement the trigger's clause carries on to its end."""
    i = _clause_index(trigger, clauses)
    if i is None:
        return trigger.start, trigger.end
    j = i
    while j > 0 and not clauses[j].independent:
        j -= 1
    return clauses[j].start, clauses[i].end


def _clause_of(trigger: Mention, clauses: list[Clause],
               mentions: list[Mention]) -> list[Mention]:
    """The mentions in the trigger's clause; a sentence-wide cue (a denial, an accident)
    speaks for every clause."""
    i = _clause_index(trigger, clauses)
    if i is None:
        return mentions
    start, end, _ = clauses[i]
    return [m for m in mentions if start <= m.start < end
            or (m.kind == "cue" and m.key in SENTENCE_WIDE_CUES)]


def _licensed(trigger: Mention, found: dict[str, list[Mention]], text: str) -> bool:
    """A word with a common non-conflict sense ("نشر" = publish, "الأهالي" = residents)
    stands only with a word near it that shows the conflict sense (triggers.yaml)."""
    lic = trigger.value.get("licence") if isinstance(trigger.value, dict) else None
    if lic is None:
        return True
    for m in found.get("licence", []):
        if m.key != lic.name:
            continue
        if lic.after is not None:
            if m.start >= trigger.end and len(text[trigger.end:m.start].split()) <= lic.after:
                return True
        elif lic.before is not None:
            if m.end <= trigger.start and len(text[m.end:trigger.start].split()) <= lic.before:
                return True
        else:
            return True
    return False


# Cue classes that make an arrest a criminal or judicial matter (CODEBOOK §10).
NOT_POLITICAL = {"crime", "judicial"}
# Inter codes that give an arrest a political side: rebels, militias, identity
# militias, rioters, protesters (CODEBOOK §3).
POLITICAL_INTER = {2, 3, 4, 5, 6}


def _criminal_arrest(trigger: Mention, cues: list[Mention], found: dict[str, list[Mention]],
                     bundle) -> bool:
    """An arrest for drugs, fraud or corruption, or a court's sentence, is not coded
    unless the sentence names a non-state armed or political actor ("خلية لداعش")."""
    if trigger.key != "Arrests" or not any(c.key in NOT_POLITICAL for c in cues):
        return False
    for m in found.get("actor", []):
        entry = bundle.actors.actors.get(m.key)
        if entry is not None and entry.inter in POLITICAL_INTER:
            return False
    return True


def _is_question(article: Article, sentence) -> bool:
    """A question reports nothing ("هل ستحاسب ...؟")."""
    return article.text[sentence.start:sentence.end].rstrip(" \"'»”)").endswith(("؟", "?"))


def _is_commentary(article: Article) -> bool:
    """An article that credits no source and dates nothing relative to its own day
    (أمس، اليوم، a weekday) is commentary or analysis, not a report: its mentions of
    violence are references to incidents reported elsewhere (CODEBOOK §1, §10)."""
    for m in article.mentions:
        if m.kind == "attribution" or (m.kind == "date" and m.key in ("relative", "weekday")):
            return False
    return len(article.sentences) > 6


def _stated_incident(found: dict[str, list[Mention]]) -> bool:
    """Inside commentary, only a sentence that places an incident and dates it or gives
    its toll reports one ("حادثة التفجير الذي استهدف مسجد ... بمنطقة عسير، ونتج عنه
    استشهاد عشرة"); "the recent bombing" alone does not (CODEBOOK §10)."""
    day = any(m.value.precision == 1 for m in found.get("date", []))
    toll = bool(found.get("casualty")) and bool(found.get("number"))
    return bool(found.get("place")) and (day or toll)


def _cancelled(trigger: Mention, cues: list[Mention]) -> bool:
    for cue in cues:
        if cue.value != "cancel":
            continue
        if cue.key in SENTENCE_WIDE_CUES:
            return True
        if 0 <= trigger.start - cue.end <= CUE_BEFORE or (
                trigger.start <= cue.start <= trigger.end + CUE_AFTER) or (
                cue.start < trigger.end and trigger.start < cue.end):  # "وقف القصف"
            return True
    return False


# How many kinds of support a weak trigger needs in its sentence.
WEAK_SUPPORT = 2
# Articles longer than this (sentences) are mostly analysis and background, where a weak
# hint ("هجوم") is usually a reference, not a report: it needs a toll, or a place and a day.
LONG_ARTICLE = 8
# A news brief or a channel post (up to this many sentences) is all report.
NEWS_BRIEF = 5


def _supported_weak(live: list[Mention], found: dict[str, list[Mention]],
                    long_article: bool = False, violent: bool = True,
                    running: bool = False) -> list[Mention]:
    """Weak triggers stand when their sentence also names who, where, when or a toll.
    A place and a day are in every local news item: in an article that reports no
    violence elsewhere, a weak word also needs who acted or was hit, or a toll."""
    weak = [t for t in live if t.strength == "weak"]
    if not weak:
        return []
    toll = bool(found.get("casualty")) and bool(found.get("number"))
    if long_article:
        dates = found.get("date", [])
        day = any(m.value.precision == 1 for m in dates)
        if dates and not day:
            return []  # dated only to a span ("over the past weeks"): an aggregate
        who = bool(found.get("actor"))
        if running and who:
            return weak  # "واصلت الميليشيات لليوم الثاني على التوالي قصفها ...": it goes on
        return weak if toll or (found.get("place") and ((day and violent) or who)) else []
    who = bool(found.get("actor") or found.get("generic"))
    two_hints = len({(t.start, t.end) for t in weak}) > 1  # two hints, not one ambiguous word
    # an explosion or a fire at a base, an HQ, a depot (CODEBOOK §10: no cause or author
    # needed); IED is the sub-type such words carry when no weapon is named
    site = bool(found.get("site")) and any(t.key == EXPLOSION_DEFAULT for t in weak)
    if found.get("place") and any(isinstance(t.value, dict) and t.value.get("blast")
                                  for t in weak):
        return weak  # an explosion at a named place (§10), in a brief that is all report
    support = sum((who, bool(found.get("place")), bool(found.get("date")), toll, two_hints, site))
    return weak if support >= WEAK_SUPPORT and (violent or who or toll or two_hints or site) else []


# The sub-type of an explosion or a fire with no weapon named (CODEBOOK §10).
EXPLOSION_DEFAULT = "Remote explosive/landmine/IED"
# Event types whose strong words make an article one that reports violence.
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _violent_context(article: Article, bundle) -> bool:
    """Whether the article states violence anywhere: a casualty word, or a strong word
    of a violent event type."""
    for m in article.mentions:
        if m.kind == "casualty" and m.key != "zero":
            return True
        if m.kind == "trigger" and m.strength == "strong" \
                and bundle.type_of(m.key)[0] in VIOLENT_TYPES:
            return True
    return False


def _clause_dates(trigger: Mention, clauses: list[Clause],
                  found: dict[str, list[Mention]]) -> list[Mention]:
    """The dates that bear on a trigger: those of its own clause, else of the nearest
    clause before it (a fronted date reaches forward). A later clause dates only itself
    ("يعتصم المتظاهرون في بانكوك، ... الذي أطاحه انقلاب عام 2006")."""
    dates = found.get("date", [])
    before: list[Mention] = []
    for start, end, _ in clauses:
        own = [d for d in dates if start <= d.start < end]
        if start <= trigger.start < end:
            return own or before
        before = own or before
    return dates


def _is_background(article: Article, dates: list[Mention]) -> bool:
    """True when the given dates all lie outside the recent window, or when the ones
    written out in full (day and month) do: "خلال صلاة الجمعة ... في 26 يونيو الماضي"
    is dated by its 26 June, not by the weekday in the name of a prayer."""
    published = article.published
    if not dates or published is None:
        return False
    full = [m.value.date for m in dates if m.value.kind == "absolute" and m.value.date is not None]
    if full and not any(window_start(published) <= d <= published for d in full):
        return True
    recent = False
    old = False
    for m in dates:
        d = m.value
        if d.date is not None:
            if window_start(published) <= d.date <= published:
                recent = True
            else:
                old = True
        elif d.year_only is not None:
            if d.year_only < published.year:
                old = True
            else:
                recent = True
    return old and not recent
