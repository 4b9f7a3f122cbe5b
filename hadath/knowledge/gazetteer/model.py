"""The gazetteer as the pipeline sees it: names for the matcher, candidates, and resolution.

``resolve`` ranks the candidates of one name with a transparent additive score:

1. prior: population (log scale), administrative level, curated rows, capitals;
2. the article's countries (most relevant first), with a smaller bonus for their neighbours;
3. co-mentioned places: same governorate, or close by;
4. an admin hint written next to the name ("هيت غرب الأنبار");

and refuses (returns None) a small, uncurated place far outside the article's countries that
nothing else supports, since such a match is far more often an ordinary word.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hadath.arabic.normalise import fold
from hadath.article import Place
from hadath.knowledge.gazetteer.build import (
    E_ADMIN1,
    E_ADMIN2,
    E_AR,
    E_FEATURE,
    E_FLAGS,
    E_GID,
    E_ISO,
    E_LAT,
    E_LEVEL,
    E_LOCATION,
    E_LON,
    E_POP,
    F_COUNTRY_CAPITAL,
    F_CURATED,
    haversine_km,
    load_index,
)

# Scoring weights (see the module docstring).
W_POP = 0.35
W_LEVEL = {"country": 4.0, "admin1": 2.0, "region": 1.0, "admin2": 0.5, "place": 0.0}
W_CURATED = 0.8
W_ADMIN1_CAPITAL = 0.7
W_COUNTRY_CAPITAL = 1.0
W_NAMESAKE_CAPITAL = 1.5  # the town that gives its name to a governorate also in the list
W_SHADOWED = -1.5  # a town named like a governorate of its country that it is not the seat of
W_SHADOWED_BY_COUNTRY = -2.0  # "الكويت", "تونس": the country, not its namesake capital
W_COUNTRY = (4.0, 3.25, 2.5, 1.75)
W_NEIGHBOUR = 0.5
W_FOREIGN = -1.5
W_HINT_ADMIN = 5.0
W_HINT_COUNTRY = 3.0
W_HINT_NEAR = 3.0
FOREIGN_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Scored:
    """One candidate with its score, for callers that want to see the ranking."""

    place: Place
    score: float
    index: int


class Gazetteer:
    """Read-only view over a built index (see ``build.py`` for its layout)."""

    def __init__(self, index: dict[str, Any]) -> None:
        self._entries: list[tuple] = index["entries"]
        self._names: list[tuple[str, int]] = index["names"]
        self._keys: dict[str, int | tuple[int, ...]] = index["keys"]
        self._admin1_capital: dict[tuple[str, str], int] = index["admin1_capital"]
        self._admin1_names: dict[str, tuple[tuple[str, str], ...]] = index["admin1_names"]
        self._countries: dict[str, tuple] = index["countries"]
        self._country_names: dict[str, str] = index["country_names"]
        self._country_aliases: dict[str, tuple[str, str]] = index["country_aliases"]
        self._neighbours: dict[str, tuple[str, ...]] = index["neighbours"]
        self._stop: frozenset[str] = index["stop"]
        self._person: frozenset[str] = index["person"]
        self._article: frozenset[str] = index["article"]
        self.key: str = index["key"]
        self._seat_of = {v: k for k, v in self._admin1_capital.items()}

    # -- sizes -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def name_count(self) -> int:
        return len(self._names)

    # -- names for the matcher ---------------------------------------------------------------

    def names(self, include_stop: bool = False,
              include_countries: bool = False) -> Iterator[tuple[str, int]]:
        """(Arabic name as listed, entry index) pairs for the matcher's automaton.

        Names in ``stop_places.txt`` (place names that are ordinary words in news) are left
        out unless ``include_stop``; ask ``is_stop_place`` to accept them after a place noun.
        Country names are left out unless ``include_countries``: ``country_aliases`` gives
        them (with their nisbas), and ``resolve``/``candidates`` still know them.
        """
        stop = () if include_stop else self._stop
        for name, idx in self._names:
            if not include_countries and self._entries[idx][E_LEVEL] == "country":
                continue
            if not stop or fold(name) not in stop:
                yield name, idx

    def is_stop_place(self, folded: str) -> bool:
        return folded in self._stop or folded.removeprefix("ال") in self._stop

    def person_name_risk(self, folded: str) -> bool:
        """True for strings that are common personal names as well as places (علي، حسن ...):
        accept them as places only after a place noun (قرية، بلدة، ناحية ...)."""
        return folded in self._person

    def has_name(self, folded_name: str) -> bool:
        """True when some entry is listed under this folded name (or its article variant)."""
        return bool(self._indices(folded_name))

    def needs_article(self, folded_name: str) -> bool:
        """True for names such as القائم or الرقة whose ال-less form is an everyday word
        (قائم، ورقة): a match written without the article should be dropped."""
        return folded_name in self._article or ("ال" + folded_name) in self._article

    # -- lookups ---------------------------------------------------------------------------

    def _indices(self, folded: str) -> list[int]:
        folded = " ".join(folded.split())
        out: list[int] = []
        alternatives = [folded]
        alternatives.append(folded[2:] if folded.startswith("ال") else "ال" + folded)
        for k in alternatives:
            hit = self._keys.get(k)
            if hit is None:
                continue
            for i in (hit,) if isinstance(hit, int) else hit:
                if i not in out:
                    out.append(i)
            if out:
                break  # an exact spelling beats its article variant
        return out

    def place(self, idx: int) -> Place:
        """The entry ``idx`` as a ``Place``."""
        e = self._entries[idx]
        return Place(location=e[E_LOCATION], country=self.country_name(e[E_ISO]) or e[E_ISO],
                     iso=e[E_ISO], latitude=e[E_LAT], longitude=e[E_LON], admin1=e[E_ADMIN1],
                     admin2=e[E_ADMIN2], location_ar=e[E_AR], geonameid=e[E_GID],
                     feature=e[E_FEATURE], population=e[E_POP], level=e[E_LEVEL])

    def candidates(self, folded_name: str) -> list[Place]:
        """Every entry listed under this (folded) name, most likely first without context."""
        return [s.place for s in self.ranked(folded_name, ())]

    # -- resolution ------------------------------------------------------------------------

    def ranked(self, folded_name: str, countries: Sequence[str] = (),
               nearby: Sequence[Place] = (), admin_hint: str | None = None) -> list[Scored]:
        """All candidates of a name with their scores, best first."""
        idxs = self._indices(folded_name)
        if not idxs:
            return []
        hint = self._hint(admin_hint) if admin_hint else None
        admin1_here = {(self._entries[i][E_ISO], self._entries[i][E_ADMIN1]) for i in idxs
                       if self._entries[i][E_LEVEL] == "admin1"}
        countries_here = {self._entries[i][E_ISO] for i in idxs
                          if self._entries[i][E_LEVEL] == "country"}
        scored = [Scored(self.place(i), self._score(i, countries, nearby, hint, admin1_here)
                         + (W_SHADOWED_BY_COUNTRY if self._entries[i][E_ISO] in countries_here
                            and self._entries[i][E_LEVEL] != "country" else 0.0), i)
                  for i in idxs]
        scored.sort(key=lambda s: (-s.score, s.index))
        return scored

    def resolve(self, folded_name: str, countries: Sequence[str] = (),
                nearby: Sequence[Place] = (), admin_hint: str | None = None) -> Place | None:
        """The most plausible place for a name in an article's context, or None.

        ``countries``: ISO2 codes the article is about, most relevant first. ``nearby``: places
        already resolved in the same article/sentence. ``admin_hint``: a governorate, district
        or country name written next to the mention (folded or not).
        """
        ranked = self.ranked(folded_name, countries, nearby, admin_hint)
        if not ranked:
            return None
        best = ranked[0]
        if countries and not self._plausible(best, countries, nearby, admin_hint):
            return None
        return best.place

    def _plausible(self, best: Scored, countries: Sequence[str], nearby: Sequence[Place],
                   admin_hint: str | None) -> bool:
        e = self._entries[best.index]
        iso = e[E_ISO]
        if iso in countries or e[E_FLAGS] & F_CURATED or e[E_LEVEL] != "place":
            return True
        if admin_hint or any(p.iso == iso for p in nearby):
            return True
        near = any(iso in self._neighbours.get(c, ()) for c in countries)
        return near or e[E_POP] >= FOREIGN_MIN_POPULATION

    def _hint(self, hint: str) -> dict[str, Any]:
        folded = " ".join(fold(hint).split())
        admins: set[tuple[str, str]] = set()
        for k in (folded, folded.removeprefix("ال"), "ال" + folded):
            admins.update(self._admin1_names.get(k, ()))
        iso = self.country_from_name(folded)
        places = [self._entries[i] for i in self._indices(folded)
                  if self._entries[i][E_LEVEL] in ("place", "admin2")]
        return {"admins": admins, "iso": iso, "places": places, "text": folded}

    def _score(self, i: int, countries: Sequence[str], nearby: Sequence[Place],
               hint: dict[str, Any] | None, admin1_here: set[tuple[str, str]]) -> float:
        e = self._entries[i]
        iso, level, flags = e[E_ISO], e[E_LEVEL], e[E_FLAGS]
        s = W_POP * math.log10(e[E_POP] + 1) + W_LEVEL.get(level, 0.0)
        if flags & F_CURATED:
            s += W_CURATED
        seat_of = self._seat_of.get(i)
        if seat_of is not None:
            s += W_ADMIN1_CAPITAL
            if seat_of in admin1_here:
                s += W_NAMESAKE_CAPITAL
        if level in ("place", "admin2") and any(a[0] == iso and a != seat_of
                                                for a in admin1_here):
            s += W_SHADOWED
        if flags & F_COUNTRY_CAPITAL:
            s += W_COUNTRY_CAPITAL
        if countries:
            if iso in countries:
                s += W_COUNTRY[min(list(countries).index(iso), len(W_COUNTRY) - 1)]
            elif any(iso in self._neighbours.get(c, ()) for c in countries):
                s += W_NEIGHBOUR
            else:
                s += W_FOREIGN
        support = 0.0
        for p in nearby:
            if p.iso != iso:
                continue
            support += 0.5
            if p.admin1 and p.admin1 == e[E_ADMIN1]:
                support += 1.5
            d = haversine_km(e[E_LAT], e[E_LON], p.latitude, p.longitude)
            support += 2.0 if d < 30 else 1.0 if d < 100 else 0.0
        s += min(support, 4.0)
        if hint:
            if (iso, e[E_ADMIN1]) in hint["admins"] and level != "admin1":
                s += W_HINT_ADMIN
            elif hint["iso"] == iso:
                s += W_HINT_COUNTRY
            elif e[E_ADMIN2] and fold(e[E_ADMIN2]) == hint["text"]:
                s += W_HINT_ADMIN
            elif any(h[E_ISO] == iso and haversine_km(e[E_LAT], e[E_LON], h[E_LAT], h[E_LON]) < 75
                     for h in hint["places"] if h is not e):
                s += W_HINT_NEAR
        return s

    # -- countries and governorates --------------------------------------------------------

    def country_name(self, iso2: str) -> str | None:
        """ACLED English name of a country."""
        c = self._countries.get(iso2)
        return c[0] if c else None

    def country_name_ar(self, iso2: str) -> str | None:
        c = self._countries.get(iso2)
        return (c[1] or None) if c else None

    def country(self, iso2: str) -> Place | None:
        """A country coded to its capital (codebook §10: only a country named)."""
        c = self._countries.get(iso2)
        if c is None:
            return None
        name_en, name_ar, cap_en, lat, lon, cap_gid, cap_admin1, _ = c
        return Place(location=cap_en, country=name_en, iso=iso2, latitude=lat, longitude=lon,
                     admin1=cap_admin1, location_ar=name_ar or None, geonameid=cap_gid,
                     feature="A", population=0, level="country")

    def country_bbox(self, iso2: str) -> tuple[float, float, float, float] | None:
        c = self._countries.get(iso2)
        return c[7] if c else None

    def country_from_name(self, folded: str) -> str | None:
        """ISO2 for a folded country name, alias or nisba form ("العراقية" -> "IQ")."""
        folded = " ".join(folded.split())
        return (self._country_names.get(folded)
                or self._country_names.get(folded.removeprefix("ال")))

    def country_aliases(self, kind: str | None = None) -> dict[str, str]:
        """Arabic country names (kind "name") and nisba forms (kind "nisba") -> ISO2.

        Patterns are as written (the matcher folds them); nisbas come with the article and all
        inflections ("العراقي", "العراقية", "العراقيين" ...), names as listed ("العراق").
        """
        return {p: iso for p, (iso, k) in self._country_aliases.items()
                if kind is None or k == kind}

    def admin1_capital(self, iso: str, admin1: str) -> Place | None:
        """The main town of a governorate (ACLED spelling, or an Arabic name of it)."""
        idx = self._admin1_capital.get((iso, admin1))
        if idx is None:
            for i2, a1 in self._admin1_names.get(fold(admin1), ()):
                if i2 == iso:
                    idx = self._admin1_capital.get((iso, a1))
                    break
        return self.place(idx) if idx is not None else None

    def admin1_names(self, iso: str | None = None) -> list[str]:
        """ACLED admin1 spellings known for a country (or all)."""
        return sorted({a for (i, a) in self._admin1_capital if iso is None or i == iso})


def build_gazetteer(directory: Path | None = None, rebuild: bool = False) -> Gazetteer:
    """A Gazetteer from the cache in ``directory`` (built there first if needed)."""
    return Gazetteer(load_index(directory, rebuild=rebuild))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded once from ``$HADATH_CACHE/gazetteer``."""
    return build_gazetteer()
