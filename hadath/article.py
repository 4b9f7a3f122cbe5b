"""The document objects that flow through the pipeline.

One ``Article`` enters ``read`` and leaves ``merge`` carrying everything every stage
found. The raw ``text`` is never modified: every span anywhere is a pair of offsets
into it (Unicode code points, end exclusive), which is what makes every record
traceable to the sentence that states it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hadath.arabic.normalise import NormalisedText


@dataclass(frozen=True)
class Span:
    """A stretch of the article's original text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Sentence:
    """A sentence: original offsets plus its index, in reading order."""

    index: int
    start: int
    end: int
    paragraph: int = 0

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass
class Mention:
    """Something a recogniser found: a place, actor, trigger, number, date or cue.

    ``kind`` says which recogniser; ``key`` is the lexicon entry (actor id, sub-event
    type, cue class...); ``value`` carries parsed content (a number, a resolved date,
    a list of candidate places). ``start``/``end`` are original offsets; ``nstart``/
    ``nend`` the same span in the normalised text, for recognisers that look around.
    """

    kind: str
    key: str
    start: int
    end: int
    text: str
    sentence: int
    nstart: int = 0
    nend: int = 0
    value: Any = None
    strength: str = "strong"


@dataclass
class Actor:
    name: str
    inter: int | None
    name_ar: str | None = None
    country: str | None = None
    actor_id: str | None = None
    stated: bool = False  # the text marks this actor's role (not guessed from position)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "name_ar": self.name_ar, "inter": self.inter,
                "country": self.country}


@dataclass
class Place:
    """A resolved location, as the codebook's §5 describes it."""

    location: str
    country: str
    iso: str
    latitude: float
    longitude: float
    admin1: str | None = None
    admin2: str | None = None
    location_ar: str | None = None
    geonameid: int | None = None
    feature: str = "P"  # GeoNames feature class: P populated place, A admin area, ...
    population: int = 0
    level: str = "place"  # place | admin1 | admin2 | country | region


@dataclass
class Event:
    """One event found in one article, filled in by detect and resolve."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    sentence: int
    trigger: Mention
    evidence: list[Span] = field(default_factory=list)
    event_date: date | None = None
    time_precision: int = 2
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    assoc_actor_2: list[Actor] = field(default_factory=list)
    place: Place | None = None
    geo_precision: int = 1
    fatalities: int = 0
    injuries: int | None = None
    source_attribution: list[str] = field(default_factory=list)
    confidence: float = 0.5
    notes: str = ""
    event_id: str = ""
    extra_sentences: list[int] = field(default_factory=list)
    # Consecutive days the text says it lasted ("لليوم الثاني على التوالي"): resolve makes
    # one event per day (CODEBOOK §10); the counts are for the whole span until then.
    span_days: int = 1


@dataclass
class Article:
    """One news article and everything the pipeline learns about it."""

    id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    section: str | None = None
    dateline: str | None = None
    url: str | None = None
    origin: str | None = None  # where it was read from: "file:line", a URL
    # Filled in by the stages, in order.
    normalised: NormalisedText | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO2 codes the article is about

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.contains(offset):
                return s
        return None

    def mentions_of(self, kind: str, sentence: int | None = None) -> list[Mention]:
        return [m for m in self.mentions
                if m.kind == kind and (sentence is None or m.sentence == sentence)]
