"""All knowledge the pipeline needs, loaded once per process and shared by the stages.

The bundle compiles every lexicon (triggers, cues, casualty words, attribution
sources, precision cues, role markers, actors, generic actors, nationalities,
countries and every gazetteer name) into ONE matcher, so an article is scanned once,
and answers the questions the resolvers ask about what was matched (which place,
which actor, which type). It is built lazily on first use, never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from hadath.arabic.normalise import fold
from hadath.article import Actor, Mention, Place
from hadath.knowledge.actors import ActorRegistry, load_actors
from hadath.knowledge.gazetteer import Gazetteer, load_gazetteer
from hadath.knowledge.lexicons import (
    load_attribution,
    load_casualty_words,
    load_cues,
    load_precision_cues,
    load_taxonomy,
    load_triggers,
)
from hadath.recognisers.matcher import Entry, Matcher


def load_roles() -> dict[str, list[str]]:
    text = resources.files("hadath.data").joinpath("roles.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {"author": list(data["author"]), "target": list(data["target"])}


@dataclass
class Bundle:
    matcher: Matcher
    gazetteer: Gazetteer
    actors: ActorRegistry
    _types: dict[str, tuple[str, str, int]]

    # ---- taxonomy ----
    def rank(self, sub_event_type: str) -> int:
        return self._types[sub_event_type][2]

    def type_of(self, sub_event_type: str) -> tuple[str, str]:
        event_type, disorder, _ = self._types[sub_event_type]
        return event_type, disorder

    # ---- places ----
    def place_countries(self, mention: Mention) -> list[str]:
        return sorted({p.iso for p in self.gazetteer.candidates(mention.key)})

    def resolve_place(self, mention: Mention, countries: list[str],
                      nearby: list[Place] | tuple = ()) -> Place | None:
        if mention.kind == "country":
            return self.country_place(mention.key)
        place = self.gazetteer.resolve(mention.key, countries, list(nearby))
        if place is not None and place.location_ar is None:
            place.location_ar = mention.text
        return place

    def country_place(self, iso: str) -> Place | None:
        return self.gazetteer.country(iso)

    def countries_of_name(self, text: str) -> list[str]:
        key = fold(text).strip()
        return sorted({p.iso for p in self.gazetteer.candidates(key)})

    def country_name(self, iso: str) -> str:
        return self.gazetteer.country_name(iso)

    # ---- actors ----
    def actor_country(self, actor_id: str) -> str | None:
        entry = self.actors.actors.get(actor_id)
        return entry.country if entry else None

    def named_actor(self, actor_id: str, text: str | None, iso: str | None) -> Actor | None:
        entry = self.actors.actors.get(actor_id)
        if entry is None:
            return None
        return Actor(entry.name, entry.inter, text, entry.country, entry.id)

    def generic_actor(self, generic_id: str, text: str | None, iso: str | None) -> Actor | None:
        generic = self.actors.generic.get(generic_id)
        if generic is None or iso is None:
            return None
        name = generic.name_template.format(country=self.country_name(iso))
        return Actor(name, generic.inter, text, iso, f"generic:{generic_id}")


def _entries(actors: ActorRegistry, gazetteer: Gazetteer):
    for t in load_triggers():
        yield t.pattern, Entry("trigger", t.sub_event_type, t.strength)
    for c in load_cues():
        yield c.pattern, Entry("cue", c.cue_class, data=c.effect)
    yield from load_casualty_words()
    for source in load_attribution():
        for alias in source.aliases:
            yield alias, Entry("attribution", source.name)
    yield from load_precision_cues()
    for role, patterns in load_roles().items():
        for p in patterns:
            yield p, Entry("role", role)
    for pattern, kind, key in actors.patterns():
        yield pattern, Entry(kind, key)
    for name, iso in gazetteer.country_aliases():
        yield name, Entry("country", iso)
    for name in gazetteer.names():
        yield name, Entry("place", fold(name).strip())


@lru_cache(maxsize=1)
def load_bundle() -> Bundle:
    actors = load_actors()
    gazetteer = load_gazetteer()
    types = {}
    for row in load_taxonomy():
        types[row.sub_event_type] = (row.event_type, row.disorder_type, row.rank)
    return Bundle(Matcher(_entries(actors, gazetteer)), gazetteer, actors, types)
