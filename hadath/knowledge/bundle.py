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

from hadath.arabic.normalise import fold
from hadath.article import Actor, Mention, Place
from hadath.knowledge.actors import ActorRegistry, load_actors
from hadath.knowledge.gazetteer import Gazetteer, load_gazetteer
from hadath.knowledge.lexicons import (
    is_blast_trigger,
    is_vague_trigger,
    licence_of,
    load_attribution,
    load_casualty_words,
    load_cues,
    load_licences,
    load_place_context,
    load_precision_cues,
    load_taxonomy,
    load_trigger_blockers,
    load_triggers,
)
from hadath.knowledge.yaml_data import load_yaml
from hadath.recognisers.matcher import Entry, Matcher


def load_first_names() -> frozenset[str]:
    text = resources.files("hadath.data").joinpath("first_names.txt").read_text(encoding="utf-8")
    return frozenset(fold(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def load_sides() -> dict[str, list[frozenset[str]]]:
    """Per theatre, the camps of actor ids that fight each other (data/sides.yaml)."""
    text = resources.files("hadath.data").joinpath("sides.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    return {iso: [frozenset(camp) for camp in camps] for iso, camps in data["theatres"].items()}


def load_roles() -> dict[str, list[str]]:
    text = resources.files("hadath.data").joinpath("roles.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    return {role: list(data[role]) for role in ("author", "target", "reporting", "author_verb", "relative",
                                          "complement")}


@dataclass
class Bundle:
    matcher: Matcher
    gazetteer: Gazetteer
    actors: ActorRegistry
    _types: dict[str, tuple[str, str, int]]
    first_names: frozenset[str] = frozenset()
    sides: dict[str, list[frozenset[str]]] | None = None

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

    def generic_actor(self, generic_id: str, text: str | None, iso: str | None,
                      nationality: str | None = None) -> Actor | None:
        """A generic actor named for a country; phrases that need a nationality get none without."""
        generic = self.actors.generic.get(generic_id)
        if generic is None:
            return None
        if generic.needs_nationality:
            iso = nationality
        else:
            iso = nationality or iso
        if iso is None and "{country}" in generic.name_template:
            return None
        name = self.actors.generic_name(generic_id, iso)
        return Actor(name, generic.inter, text, iso, f"generic:{generic_id}")

    def allies(self, a: str | None, b: str | None, iso: str | None) -> bool:
        """True when two actor ids are in one camp of the theatre ``iso``."""
        if not a or not b or not iso or not self.sides:
            return False
        return any(a in camp and b in camp for camp in self.sides.get(iso, ()))

    def choose_actor(self, actor_ids: list[str], countries: list[str], year: int | None) -> str:
        """One actor among those sharing an alias, by theatre, home country and active years."""
        if len(actor_ids) == 1:
            return actor_ids[0]
        return self.actors.resolve_shared(actor_ids, countries, year)


BLOCKED = "blocked"


def _trigger_data(pattern: str) -> dict | None:
    """What detect and merge need to know of a trigger word beyond its sub-type."""
    data: dict = {}
    if is_vague_trigger(pattern):
        data["vague"] = True
    if is_blast_trigger(pattern):
        data["blast"] = True
    lic = licence_of(pattern)
    if lic is not None:
        data["licence"] = lic
    return data or None


def _entries(actors: ActorRegistry, gazetteer: Gazetteer):
    for t in load_triggers():
        yield t.pattern, Entry("trigger", t.sub_event_type, t.strength, data=_trigger_data(t.pattern))
    for p in load_place_context().site_nouns:
        yield p, Entry("site", "site")
    for lic in load_licences():
        for p in lic.needs:
            yield p, Entry("licence", lic.name)
    # Phrases that contain a trigger but report nothing ("ضربة جزاء"): same kind, so the
    # longest match hides the trigger inside them; recognise then drops them.
    for p in load_trigger_blockers():
        yield p, Entry("trigger", BLOCKED)
    for c in load_cues():
        yield c.pattern, Entry("cue", c.cue_class, data=c.effect)
    words = load_casualty_words()
    for p in words.killed:
        yield p, Entry("casualty", "killed")
    for p in words.plural_dead:
        yield p, Entry("casualty", "killed", data={"plural": True})
    for p in words.injured:
        yield p, Entry("casualty", "injured")
    for p in words.killed_or_injured:
        yield p, Entry("casualty", "killed", data={"both": True})
    for p in words.casualties_only:
        yield p, Entry("casualty", "killed", data={"value": words.casualties_only_value})
    for p in words.zero_markers:
        yield p, Entry("casualty", "zero")
    for p in words.attacker_words:
        yield p, Entry("attacker", "attacker")
    for source in load_attribution():
        for alias in source.aliases:
            yield alias, Entry("attribution", source.name)
    for cue in load_precision_cues():
        yield cue.pattern, Entry("precision", cue.role, data=cue.geo_precision)
    for role, patterns in load_roles().items():
        for p in patterns:
            yield p, Entry("role", role)
    for pattern, kind, key in actors.patterns():
        yield pattern, Entry(kind, key)
    for name, iso in gazetteer.country_aliases("name").items():
        yield name, Entry("country", iso)
    for name, iso in gazetteer.country_aliases("nisba").items():
        yield name, Entry("nationality", iso)
    for name, _ in gazetteer.names():
        yield name, Entry("place", fold(name).strip())


@lru_cache(maxsize=1)
def load_bundle() -> Bundle:
    actors = load_actors()
    gazetteer = load_gazetteer()
    types = {row.name: (row.event_type, row.disorder_type, row.rank)
             for row in load_taxonomy().sub_types}
    return Bundle(Matcher(_entries(actors, gazetteer)), gazetteer, actors, types,
                  load_first_names(), load_sides())
