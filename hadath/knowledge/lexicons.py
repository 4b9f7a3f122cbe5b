"""Typed loaders for the event lexicons in hadath/data (taxonomy, triggers, cues, casualty
words, attribution sources, place-precision cues).

The Arabic knowledge lives in versioned YAML so that linguists can edit it without touching
code; this module is the one place that reads it. Every loader:

- reads its file lazily through ``importlib.resources`` (never at import time) and caches the
  result (``functools.lru_cache``), so a process parses each file once;
- validates what it reads and raises ``ValueError`` naming the file and the entry at fault,
  so a typo in a sub-type or a stray key fails loudly at load time instead of silently
  producing no events;
- returns frozen dataclasses (tuples inside), safe to share between threads.

Patterns are returned as written (unfolded); the matcher folds them
(``hadath.recognisers.matcher.compile_pattern``). Validation compares folded forms, since two
spellings that fold alike are the same pattern to the matcher.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from hadath.arabic.normalise import fold
from hadath.knowledge.yaml_data import load_yaml

STRENGTHS = ("strong", "weak")
CUE_EFFECTS = ("cancel", "demote", "aggregate", "likewise")
PRECISION_ROLES = ("modifier", "region", "place_noun")

TAXONOMY_FILE = "taxonomy.yaml"
TRIGGERS_FILE = "triggers.yaml"
CUES_FILE = "cues.yaml"
CASUALTIES_FILE = "casualties.yaml"
ATTRIBUTION_FILE = "attribution.yaml"
PRECISION_FILE = "precision.yaml"
CLAUSES_FILE = "clauses.yaml"


# ----------------------------------------------------------------------------- records

@dataclass(frozen=True)
class SubEventType:
    """One row of the codebook's §2 table."""

    name: str
    event_type: str
    disorder_type: str
    rank: int  # 1 = highest in the hierarchy (wins when tactics combine)


@dataclass(frozen=True)
class Taxonomy:
    """The 25 sub-types in hierarchy order, with lookups by name."""

    sub_types: tuple[SubEventType, ...]

    @property
    def event_types(self) -> tuple[str, ...]:
        """The 6 event types, in hierarchy order."""
        seen: dict[str, None] = {}
        for s in self.sub_types:
            seen.setdefault(s.event_type, None)
        return tuple(seen)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sub_types)

    def get(self, name: str) -> SubEventType:
        for s in self.sub_types:
            if s.name == name:
                return s
        raise KeyError(name)

    def rank(self, name: str) -> int:
        return self.get(name).rank

    def event_type_of(self, name: str) -> str:
        return self.get(name).event_type

    def disorder_type_of(self, name: str) -> str:
        return self.get(name).disorder_type

    def __contains__(self, name: object) -> bool:
        return any(s.name == name for s in self.sub_types)


@dataclass(frozen=True)
class TriggerPattern:
    """A pattern that reports an event of ``sub_event_type`` (strong alone, weak with support)."""

    pattern: str
    sub_event_type: str
    event_type: str
    strength: str


@dataclass(frozen=True)
class CuePattern:
    """A phrase that cancels or demotes a nearby trigger (future, denial, history...)."""

    pattern: str
    cue_class: str
    effect: str


@dataclass(frozen=True)
class CueClass:
    name: str
    effect: str
    why: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class VagueQuantity:
    """A word standing for a number (codebook §6): عشرات = 12; large_value where context is large."""

    pattern: str
    value: int
    large_value: int | None = None


@dataclass(frozen=True)
class CasualtyWords:
    """Words of codebook §6: who died, who was hurt, and the conventions for vague counts."""

    killed: tuple[str, ...]
    injured: tuple[str, ...]
    killed_or_injured: tuple[str, ...]  # "مقتل وإصابة 50": one figure for both
    vague_quantities: tuple[VagueQuantity, ...]
    approximations: tuple[str, ...]  # "نحو 20" counts as 20
    plural_dead: tuple[str, ...]  # the dead in the plural with no number
    plural_dead_value: int
    casualties_only: tuple[str, ...]  # "ضحايا" with no figure: fatalities 0
    casualties_only_value: int
    zero_markers: tuple[str, ...]  # "دون وقوع إصابات": an explicit nought
    attacker_words: tuple[str, ...]  # the bomber / the gunmen themselves
    attacker_included: tuple[str, ...]  # "بينهم الانتحاري": he is in the figure
    attacker_added: tuple[str, ...]  # "إضافة إلى الانتحاري": add him to the figure
    attacker_excluded: tuple[str, ...]  # "عدا الانتحاري": he is not in the figure


@dataclass(frozen=True)
class AttributionSource:
    """Whom an article credits (codebook §7 ``source_attribution``)."""

    name: str
    aliases: tuple[str, ...]
    kind: str = ""
    country: str | None = None


@dataclass(frozen=True)
class PrecisionCue:
    """A word that sets or lowers geo_precision next to a place name (codebook §5)."""

    pattern: str
    cue_class: str
    geo_precision: int
    role: str  # modifier ("near X"), region (an area word), place_noun (introduces a name)


# ----------------------------------------------------------------------------- helpers

def _read(name: str) -> dict[str, Any]:
    """Parse one data file; it must be a mapping with ``version: 1``."""
    text = files("hadath").joinpath("data", name).read_text(encoding="utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: top level must be a mapping")
    if data.get("version") != 1:
        raise ValueError(f"{name}: expected 'version: 1', got {data.get('version')!r}")
    return data


def _check_keys(name: str, where: str, mapping: dict[str, Any], allowed: Iterable[str],
                required: Iterable[str] = ()) -> None:
    allowed = set(allowed)
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise ValueError(f"{name}: {where}: unknown key(s) {unknown}; allowed {sorted(allowed)}")
    missing = [k for k in required if k not in mapping]
    if missing:
        raise ValueError(f"{name}: {where}: missing key(s) {missing}")


def _folded(pattern: str) -> str:
    return " ".join(fold(pattern.lstrip("=").rstrip("*")).split())


def _match_key(pattern: str) -> str:
    """What the matcher looks for: folded, a leading ال dropped (it is optional there)."""
    key = _folded(pattern)
    if key.startswith("ال") and len(key) > 3:
        key = key[2:]
    return key + ("*" if pattern.endswith("*") else "")


def _patterns(name: str, where: str, value: Any, *, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of pattern strings: non-empty, ``*`` only at the end, no folded duplicates."""
    if value is None and allow_empty:
        return ()
    if not isinstance(value, list) or (not value and not allow_empty):
        raise ValueError(f"{name}: {where}: expected a non-empty list of patterns")
    out: list[str] = []
    seen: dict[str, str] = {}
    for p in value:
        if not isinstance(p, str) or not p.strip():
            raise ValueError(f"{name}: {where}: pattern {p!r} is not a non-empty string")
        p = p.strip()
        if "*" in p[:-1]:
            raise ValueError(f"{name}: {where}: pattern {p!r}: '*' is allowed only at the end")
        key = _folded(p) + ("*" if p.endswith("*") else "")
        if not key.rstrip("*"):
            raise ValueError(f"{name}: {where}: pattern {p!r} folds to nothing")
        if key in seen:
            raise ValueError(f"{name}: {where}: pattern {p!r} repeats {seen[key]!r}")
        seen[key] = p
        out.append(p)
    return tuple(out)


def _int(name: str, where: str, value: Any, lo: int | None = None, hi: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: {where}: expected an integer, got {value!r}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"{name}: {where}: {value} outside [{lo}, {hi}]")
    return value


# ----------------------------------------------------------------------------- taxonomy

@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The codebook's §2 table; ranks must run 1..N in table order."""
    return parse_taxonomy(_read(TAXONOMY_FILE))


def parse_taxonomy(data: dict[str, Any], name: str = TAXONOMY_FILE) -> Taxonomy:
    """Validate the parsed taxonomy file (``name`` is only used in error messages)."""
    _check_keys(name, "top level", data, ("version", "taxonomy"), ("taxonomy",))
    rows: list[SubEventType] = []
    for block in data["taxonomy"] or []:
        if not isinstance(block, dict):
            raise ValueError(f"{name}: taxonomy entry {block!r} is not a mapping")
        _check_keys(name, f"event type {block.get('event_type')!r}", block,
                    ("event_type", "sub_event_types"), ("event_type", "sub_event_types"))
        event_type = block["event_type"]
        for sub in block["sub_event_types"] or []:
            where = f"{event_type} / {sub.get('name') if isinstance(sub, dict) else sub!r}"
            if not isinstance(sub, dict):
                raise ValueError(f"{name}: {where}: not a mapping")
            _check_keys(name, where, sub, ("name", "disorder_type", "rank"),
                        ("name", "disorder_type", "rank"))
            rows.append(SubEventType(str(sub["name"]), str(event_type),
                                     str(sub["disorder_type"]), _int(name, where, sub["rank"], 1)))
    names = [r.name for r in rows]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"{name}: sub-type(s) listed twice: {dupes}")
    ranks = [r.rank for r in rows]
    if ranks != list(range(1, len(rows) + 1)):
        raise ValueError(f"{name}: ranks must be 1..{len(rows)} in table order, got {ranks}")
    return Taxonomy(tuple(rows))


# ----------------------------------------------------------------------------- triggers

@dataclass(frozen=True)
class Licence:
    """Trigger words with a common non-conflict sense, and the words that must be near
    them for the conflict sense (``after``/``before``: within that many words; else
    anywhere in the sentence)."""

    name: str
    triggers: tuple[str, ...]
    needs: tuple[str, ...]
    after: int | None = None
    before: int | None = None


@dataclass(frozen=True)
class TriggerLexicon:
    """Everything triggers.yaml holds: patterns, blockers, and the documented ambiguities."""

    patterns: tuple[TriggerPattern, ...]
    blockers: tuple[str, ...]
    ambiguous: dict[str, str]
    vague: frozenset[str] = frozenset()  # match keys of words that do not say the kind
    licences: tuple[Licence, ...] = ()
    blasts: frozenset[str] = frozenset()  # match keys of "an explosion" words (CODEBOOK §10)


@lru_cache(maxsize=1)
def _trigger_file() -> TriggerLexicon:
    return parse_triggers(_read(TRIGGERS_FILE), load_taxonomy())


def parse_triggers(data: dict[str, Any], taxonomy: Taxonomy,
                   name: str = TRIGGERS_FILE) -> TriggerLexicon:
    """Validate the parsed trigger file against ``taxonomy``.

    Rejects unknown sub-types and keys, a sub-type with no strong pattern, a pattern that
    is both strong and weak in one sub-type, and a pattern listed with the same strength
    under two sub-types unless ``ambiguous`` documents it.
    """
    _check_keys(name, "top level", data,
                ("version", "ambiguous", "vague", "blasts", "licences", "not_triggers", "triggers"),
                ("triggers",))
    ambiguous_raw = data.get("ambiguous") or {}
    if not isinstance(ambiguous_raw, dict):
        raise ValueError(f"{name}: 'ambiguous' must map pattern -> why")
    ambiguous = {_match_key(str(k)): str(v) for k, v in ambiguous_raw.items()}
    blockers = _patterns(name, "not_triggers", data.get("not_triggers"), allow_empty=True)

    table = data["triggers"]
    if not isinstance(table, dict):
        raise ValueError(f"{name}: 'triggers' must map sub-type -> {{strong, weak}}")
    out: list[TriggerPattern] = []
    owner: dict[tuple[str, str], str] = {}  # (folded pattern, strength) -> sub-type
    for sub_type, groups in table.items():
        if sub_type not in taxonomy:
            raise ValueError(f"{name}: unknown sub-type {sub_type!r} (not in {TAXONOMY_FILE})")
        if not isinstance(groups, dict):
            raise ValueError(f"{name}: {sub_type}: expected a mapping with 'strong' and 'weak'")
        _check_keys(name, sub_type, groups, STRENGTHS, ("strong",))
        if not groups.get("strong"):
            raise ValueError(f"{name}: {sub_type}: needs at least one strong pattern")
        event_type = taxonomy.event_type_of(sub_type)
        in_this: dict[str, str] = {}
        for strength in STRENGTHS:
            where = f"{sub_type} / {strength}"
            for p in _patterns(name, where, groups.get(strength), allow_empty=strength == "weak"):
                key = _match_key(p)
                if in_this.get(key, strength) != strength:
                    raise ValueError(f"{name}: {sub_type}: pattern {p!r} is both strong and weak")
                in_this[key] = strength
                other = owner.get((key, strength))
                if other is not None and other != sub_type and key not in ambiguous:
                    raise ValueError(
                        f"{name}: pattern {p!r} is {strength} under both {other!r} and "
                        f"{sub_type!r}; list it under 'ambiguous' if that is deliberate")
                owner[(key, strength)] = sub_type
                out.append(TriggerPattern(p, sub_type, event_type, strength))
    missing = [s for s in taxonomy.names if s not in table]
    if missing:
        raise ValueError(f"{name}: no triggers for sub-type(s) {missing}")
    stale = sorted(set(ambiguous) - {k for k, _ in owner})
    if stale:
        raise ValueError(f"{name}: 'ambiguous' lists pattern(s) that are not triggers: {stale}")
    keys = {k for k, _ in owner}
    vague = _trigger_subset(name, "vague", data.get("vague"), keys)
    blasts = _trigger_subset(name, "blasts", data.get("blasts"), keys)
    licences = _parse_licences(name, data.get("licences") or {}, keys)
    return TriggerLexicon(tuple(out), blockers, ambiguous, vague, licences, blasts)


def _trigger_subset(name: str, where: str, raw: Any, triggers: set[str]) -> frozenset[str]:
    """Match keys of a list that flags some triggers (``vague``, ``blasts``): every entry
    must itself be a trigger."""
    subset = frozenset(_match_key(p) for p in _patterns(name, where, raw, allow_empty=True))
    unknown = sorted(subset - triggers)
    if unknown:
        raise ValueError(f"{name}: '{where}' lists pattern(s) that are not triggers: {unknown}")
    return subset


def _parse_licences(name: str, raw: Any, triggers: set[str]) -> tuple[Licence, ...]:
    if not isinstance(raw, dict):
        raise ValueError(f"{name}: 'licences' must map a name -> {{triggers, needs}}")
    out: list[Licence] = []
    licensed: dict[str, str] = {}
    for lic, body in raw.items():
        where = f"licence {lic!r}"
        if not isinstance(body, dict):
            raise ValueError(f"{name}: {where}: not a mapping")
        _check_keys(name, where, body, ("triggers", "needs", "after", "before"),
                    ("triggers", "needs"))
        words = _patterns(name, f"{where} triggers", body["triggers"])
        for w in words:
            key = _match_key(w)
            if key not in triggers:
                raise ValueError(f"{name}: {where}: {w!r} is not a trigger pattern")
            if key in licensed:
                raise ValueError(f"{name}: {where}: {w!r} already needs licence {licensed[key]!r}")
            licensed[key] = str(lic)
        after = _int(name, f"{where} after", body["after"], 1, 20) if "after" in body else None
        before = _int(name, f"{where} before", body["before"], 1, 20) if "before" in body else None
        if after is not None and before is not None:
            raise ValueError(f"{name}: {where}: give 'after' or 'before', not both")
        out.append(Licence(str(lic), words, _patterns(name, f"{where} needs", body["needs"]),
                           after, before))
    return tuple(out)


def load_triggers() -> list[TriggerPattern]:
    """Every trigger pattern, one row per (pattern, sub-type, strength)."""
    return list(_trigger_file().patterns)


def load_trigger_blockers() -> list[str]:
    """Phrases that contain a trigger word but report no event ("رئيس التحرير", "ضربة جزاء").

    Register them in the same matcher kind as the triggers with no sub-type, so that
    leftmost-longest selection lets them hide the trigger inside them; then drop them.
    """
    return list(_trigger_file().blockers)


def load_licences() -> tuple[Licence, ...]:
    """Licences of triggers with a common non-conflict sense (triggers.yaml)."""
    return _trigger_file().licences


@lru_cache(maxsize=1)
def _licence_by_trigger() -> dict[str, Licence]:
    return {_match_key(w): lic for lic in load_licences() for w in lic.triggers}


def licence_of(pattern: str) -> Licence | None:
    """The licence a trigger pattern needs, if it has a common non-conflict sense."""
    return _licence_by_trigger().get(_match_key(pattern))


def is_vague_trigger(pattern: str) -> bool:
    """Whether a trigger pattern names an incident without its kind ("الهجوم")."""
    return _match_key(pattern) in _trigger_file().vague


def is_blast_trigger(pattern: str) -> bool:
    """Whether a trigger pattern says only that something exploded ("انفجار")."""
    return _match_key(pattern) in _trigger_file().blasts


def load_ambiguous_triggers() -> dict[str, str]:
    """Match key (folded, leading ال dropped) -> why it is listed under two sub-types."""
    return dict(_trigger_file().ambiguous)


# ----------------------------------------------------------------------------- cues

@lru_cache(maxsize=1)
def load_cue_classes() -> tuple[CueClass, ...]:
    """Cue classes with their effect and reason, in file order."""
    return parse_cues(_read(CUES_FILE))


def parse_cues(data: dict[str, Any], name: str = CUES_FILE) -> tuple[CueClass, ...]:
    """Validate the parsed cue file: known effects, a reason per class, no shared patterns."""
    _check_keys(name, "top level", data, ("version", "classes"), ("classes",))
    classes = data["classes"]
    if not isinstance(classes, dict) or not classes:
        raise ValueError(f"{name}: 'classes' must map class name -> {{effect, why, patterns}}")
    out: list[CueClass] = []
    owner: dict[str, str] = {}
    for cls, body in classes.items():
        if not isinstance(body, dict):
            raise ValueError(f"{name}: class {cls!r}: not a mapping")
        _check_keys(name, f"class {cls!r}", body, ("effect", "why", "patterns"),
                    ("effect", "why", "patterns"))
        effect = body["effect"]
        if effect not in CUE_EFFECTS:
            raise ValueError(f"{name}: class {cls!r}: effect {effect!r} not in {CUE_EFFECTS}")
        if not isinstance(body["why"], str) or not body["why"].strip():
            raise ValueError(f"{name}: class {cls!r}: 'why' must be a sentence")
        patterns = _patterns(name, f"class {cls!r}", body["patterns"])
        for p in patterns:
            key = _folded(p)
            if key in owner:
                raise ValueError(f"{name}: pattern {p!r} is in both {owner[key]!r} and {cls!r}")
            owner[key] = str(cls)
        out.append(CueClass(str(cls), effect, body["why"].strip(), patterns))
    return tuple(out)


def load_cues() -> list[CuePattern]:
    """Every cue pattern with its class and effect (cancel | demote | aggregate)."""
    return [CuePattern(p, c.name, c.effect) for c in load_cue_classes() for p in c.patterns]


# ----------------------------------------------------------------------------- casualties

_CASUALTY_LISTS = ("killed", "injured", "killed_or_injured", "approximations", "zero_markers",
                   "attacker_words", "attacker_included", "attacker_added", "attacker_excluded")


@lru_cache(maxsize=1)
def load_casualty_words() -> CasualtyWords:
    """Casualty vocabulary and the codebook §6 values of vague quantities."""
    return parse_casualties(_read(CASUALTIES_FILE))


def parse_casualties(data: dict[str, Any], name: str = CASUALTIES_FILE) -> CasualtyWords:
    """Validate the parsed casualty file."""
    _check_keys(name, "top level", data,
                ("version", *_CASUALTY_LISTS, "vague_quantities", "plural_dead", "casualties_only"),
                (*_CASUALTY_LISTS, "vague_quantities", "plural_dead", "casualties_only"))
    lists = {k: _patterns(name, k, data[k]) for k in _CASUALTY_LISTS}
    vague: list[VagueQuantity] = []
    seen: set[str] = set()
    for row in data["vague_quantities"] or []:
        where = f"vague_quantities / {row.get('pattern') if isinstance(row, dict) else row!r}"
        if not isinstance(row, dict):
            raise ValueError(f"{name}: {where}: not a mapping")
        _check_keys(name, where, row, ("pattern", "value", "large_value"), ("pattern", "value"))
        pattern = _patterns(name, where, [row["pattern"]])[0]
        if _folded(pattern) in seen:
            raise ValueError(f"{name}: {where}: listed twice")
        seen.add(_folded(pattern))
        large = row.get("large_value")
        vague.append(VagueQuantity(pattern, _int(name, where, row["value"], 0),
                                   None if large is None else _int(name, where, large, 0)))
    if not vague:
        raise ValueError(f"{name}: vague_quantities is empty")
    groups = {}
    for key in ("plural_dead", "casualties_only"):
        body = data[key]
        if not isinstance(body, dict):
            raise ValueError(f"{name}: {key}: expected {{value, patterns}}")
        _check_keys(name, key, body, ("value", "patterns"), ("value", "patterns"))
        groups[key] = (_int(name, key, body["value"], 0), _patterns(name, key, body["patterns"]))
    return CasualtyWords(
        killed=lists["killed"], injured=lists["injured"],
        killed_or_injured=lists["killed_or_injured"], vague_quantities=tuple(vague),
        approximations=lists["approximations"],
        plural_dead=groups["plural_dead"][1], plural_dead_value=groups["plural_dead"][0],
        casualties_only=groups["casualties_only"][1],
        casualties_only_value=groups["casualties_only"][0],
        zero_markers=lists["zero_markers"], attacker_words=lists["attacker_words"],
        attacker_included=lists["attacker_included"], attacker_added=lists["attacker_added"],
        attacker_excluded=lists["attacker_excluded"],
    )


# ----------------------------------------------------------------------------- attribution

@lru_cache(maxsize=1)
def _attribution() -> tuple[AttributionSource, ...]:
    return parse_attribution(_read(ATTRIBUTION_FILE))


def parse_attribution(data: dict[str, Any],
                      name: str = ATTRIBUTION_FILE) -> tuple[AttributionSource, ...]:
    """Validate the parsed attribution file: unique names, known kinds, no alias shared."""
    _check_keys(name, "top level", data, ("version", "kinds", "sources"), ("sources",))
    kinds = data.get("kinds") or {}
    if not isinstance(kinds, dict):
        raise ValueError(f"{name}: 'kinds' must map kind -> description")
    out: list[AttributionSource] = []
    names: set[str] = set()
    alias_owner: dict[str, str] = {}
    for row in data["sources"] or []:
        where = f"source {row.get('name') if isinstance(row, dict) else row!r}"
        if not isinstance(row, dict):
            raise ValueError(f"{name}: {where}: not a mapping")
        _check_keys(name, where, row, ("name", "aliases", "kind", "country"), ("name", "aliases"))
        src = str(row["name"]).strip()
        if not src:
            raise ValueError(f"{name}: {where}: empty name")
        if src in names:
            raise ValueError(f"{name}: {where}: listed twice")
        names.add(src)
        kind = str(row.get("kind") or "")
        if kinds and kind not in kinds:
            raise ValueError(f"{name}: {where}: kind {kind!r} not in {sorted(kinds)}")
        country = row.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 2
                                        and country.isupper()):
            raise ValueError(f"{name}: {where}: country {country!r} is not an ISO2 code")
        aliases = _patterns(name, where, row["aliases"])
        for a in aliases:
            key = _folded(a)
            if key in alias_owner:
                raise ValueError(f"{name}: alias {a!r} of {src!r} already names "
                                 f"{alias_owner[key]!r}")
            alias_owner[key] = src
        out.append(AttributionSource(src, aliases, kind, country))
    return tuple(out)


def load_attribution() -> list[AttributionSource]:
    """Sources an article may credit, each with its Arabic aliases."""
    return list(_attribution())


# ----------------------------------------------------------------------------- precision

@lru_cache(maxsize=1)
def _precision() -> tuple[PrecisionCue, ...]:
    return parse_precision(_read(PRECISION_FILE))


def parse_precision(data: dict[str, Any], name: str = PRECISION_FILE) -> tuple[PrecisionCue, ...]:
    """Validate the parsed precision file: known roles, precision 1..3, no shared patterns."""
    _check_keys(name, "top level", data, ("version", "classes"), ("classes",))
    classes = data["classes"]
    if not isinstance(classes, dict) or not classes:
        raise ValueError(f"{name}: 'classes' must map class -> {{role, geo_precision, why, patterns}}")
    out: list[PrecisionCue] = []
    owner: dict[str, str] = {}
    for cls, body in classes.items():
        where = f"class {cls!r}"
        if not isinstance(body, dict):
            raise ValueError(f"{name}: {where}: not a mapping")
        _check_keys(name, where, body, ("role", "geo_precision", "why", "patterns"),
                    ("role", "geo_precision", "why", "patterns"))
        if body["role"] not in PRECISION_ROLES:
            raise ValueError(f"{name}: {where}: role {body['role']!r} not in {PRECISION_ROLES}")
        precision = _int(name, where, body["geo_precision"], 1, 3)
        for p in _patterns(name, where, body["patterns"]):
            key = _folded(p)
            if key in owner:
                raise ValueError(f"{name}: pattern {p!r} is in both {owner[key]!r} and {cls!r}")
            owner[key] = str(cls)
            out.append(PrecisionCue(p, str(cls), precision, body["role"]))
    return tuple(out)


def load_precision_cues() -> list[PrecisionCue]:
    """Near/direction words (precision 2), region words (3) and place nouns with their precision."""
    return list(_precision())


# ----------------------------------------------------------------------------- clauses

@dataclass(frozen=True)
class ClauseMarkers:
    """What opens a new clause inside one sentence (data/clauses.yaml), folded."""

    separators: frozenset[str]
    conjunctions: frozenset[str]
    openers: tuple[tuple[str, ...], ...]  # each opener as its folded words
    topic_shifts: tuple[tuple[str, ...], ...] = ()  # "إلى ذلك": a sentence on another matter


@lru_cache(maxsize=1)
def load_clause_markers() -> ClauseMarkers:
    return parse_clauses(_read(CLAUSES_FILE))


def parse_clauses(data: dict[str, Any], name: str = CLAUSES_FILE) -> ClauseMarkers:
    _check_keys(name, "top level", data,
                ("version", "separators", "conjunctions", "openers", "topic_shifts"),
                ("separators", "conjunctions", "openers"))
    separators = data["separators"]
    if not isinstance(separators, list) or not all(
            isinstance(c, str) and len(c) == 1 for c in separators):
        raise ValueError(f"{name}: separators: expected a list of single characters")
    conjunctions = _patterns(name, "conjunctions", data["conjunctions"])
    if any(len(_folded(c)) != 1 for c in conjunctions):
        raise ValueError(f"{name}: conjunctions: expected single letters")
    openers = _patterns(name, "openers", data["openers"])
    shifts = _patterns(name, "topic_shifts", data.get("topic_shifts"), allow_empty=True)
    return ClauseMarkers(frozenset(separators), frozenset(_folded(c) for c in conjunctions),
                         tuple(tuple(_folded(o).split()) for o in openers),
                         tuple(tuple(_folded(o).split()) for o in shifts))


@lru_cache(maxsize=1)
def load_span_words() -> frozenset[str]:
    """Words before a month that make it a span of summed acts (time_words.yaml)."""
    data = _read(TIME_WORDS_FILE)
    return frozenset(_words(TIME_WORDS_FILE, "span_words", data.get("span_words")))


TIME_WORDS_FILE = "time_words.yaml"


# ----------------------------------------------------------------------------- word lists

def _optional_words(name: str, data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_words(name, key, data[key])) if key in data else frozenset()


def _words(name: str, where: str, value: Any, *, phrases: bool = False) -> tuple[str, ...]:
    """A non-empty list of words (phrases when allowed), folded, in file order, none twice.

    These lists are not read by the matcher, so the matcher's ``*`` and ``=`` marks mean
    nothing here and are refused.
    """
    if not isinstance(value, list) or not value:
        raise ValueError(f"{name}: {where}: expected a non-empty list of words")
    out: list[str] = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise ValueError(f"{name}: {where}: word {w!r} is not a non-empty string")
        folded = " ".join(fold(w).split())
        if "*" in folded or "=" in folded or "{" in folded or "}" in folded:
            raise ValueError(f"{name}: {where}: word {w!r}: '*', '=' and braces mean nothing here")
        if not phrases and " " in folded:
            raise ValueError(f"{name}: {where}: {w!r} is not one word")
        if folded in out:
            raise ValueError(f"{name}: {where}: {w!r} repeats {folded!r} (spellings fold alike)")
        out.append(folded)
    return tuple(out)


def _word(name: str, where: str, value: Any) -> str:
    return _words(name, where, [value])[0]


def _section(name: str, data: dict[str, Any], key: str, allowed: Iterable[str]) -> dict[str, Any]:
    body = data[key]
    if not isinstance(body, dict):
        raise ValueError(f"{name}: {key}: expected a mapping with {sorted(allowed)}")
    _check_keys(name, key, body, allowed, allowed)
    return body


# ----------------------------------------------------------------------------- counting

COUNTING_FILE = "counting.yaml"
ORDINAL_SLOT = "{ordinal}"


@dataclass(frozen=True)
class DaySpans:
    """Words of a span of days a toll covers (§10), folded."""

    intro: tuple[str, ...]  # خلال، على مدى ...
    two_days: tuple[str, ...]  # يومين
    recent: tuple[str, ...]  # الماضيين ...
    consecutive: tuple[str, str]  # the phrase around {ordinal}: ("لليوم ", " علي التوالي")
    ordinal_days: tuple[tuple[str, int], ...]  # (folded ordinal, days), file order
    day_units: tuple[str, ...]
    hour_units: tuple[str, ...]
    day_units_before: tuple[str, ...]
    hour_units_before: tuple[str, ...]


@dataclass(frozen=True)
class CountingWords:
    """What the count resolver reads around figures (data/counting.yaml), folded."""

    subcount_linker: str
    subcount_markers: tuple[str, ...]
    among_linker: str
    among_markers: tuple[str, ...]
    figure_joiners: tuple[str, ...]
    named_after_nouns: tuple[str, ...]
    side_attacker_stems: tuple[str, ...]
    dual_suffixes: tuple[str, ...]
    dual_verbs: tuple[str, ...]
    spans: DaySpans


_SPAN_LISTS = ("intro", "two_days", "recent", "day_units", "hour_units", "day_units_before",
               "hour_units_before")


@lru_cache(maxsize=1)
def load_counting_words() -> CountingWords:
    """Sub-count markers, joiners, nouns before a martyr's title, duals and day spans."""
    return parse_counting(_read(COUNTING_FILE))


def parse_counting(data: dict[str, Any], name: str = COUNTING_FILE) -> CountingWords:
    """Validate the parsed counting file: known keys, non-empty word lists, ordinals >= 2."""
    top = ("subcount", "among", "figure_joiners", "named_after_nouns", "side_attacker_stems",
           "dual", "spans")
    _check_keys(name, "top level", data, ("version", *top), top)
    sub = _section(name, data, "subcount", ("linker", "markers"))
    among = _section(name, data, "among", ("linker", "markers"))
    dual = _section(name, data, "dual", ("suffixes", "verbs"))
    spans = _section(name, data, "spans", (*_SPAN_LISTS, "consecutive", "ordinal_days"))
    lists = {k: _words(name, f"spans / {k}", spans[k]) for k in _SPAN_LISTS}
    phrase = spans["consecutive"]
    if not isinstance(phrase, str) or phrase.count(ORDINAL_SLOT) != 1:
        raise ValueError(f"{name}: spans / consecutive: expected a phrase with {ORDINAL_SLOT} "
                         f"once, got {phrase!r}")
    before, after = phrase.split(ORDINAL_SLOT)
    if not before.strip() and not after.strip():
        raise ValueError(f"{name}: spans / consecutive: no words around {ORDINAL_SLOT}")
    consecutive = (" ".join(fold(before).split()) + " " if before.strip() else "",
                   " " + " ".join(fold(after).split()) if after.strip() else "")
    ordinals = spans["ordinal_days"]
    if not isinstance(ordinals, dict) or not ordinals:
        raise ValueError(f"{name}: spans / ordinal_days: expected a mapping ordinal -> days")
    keys = _words(name, "spans / ordinal_days", list(ordinals))
    days = tuple((k, _int(name, f"spans / ordinal_days / {raw}", v, 2))
                 for k, (raw, v) in zip(keys, ordinals.items(), strict=True))
    return CountingWords(
        subcount_linker=_word(name, "subcount / linker", sub["linker"]),
        subcount_markers=_words(name, "subcount / markers", sub["markers"]),
        among_linker=_word(name, "among / linker", among["linker"]),
        among_markers=_words(name, "among / markers", among["markers"]),
        figure_joiners=_words(name, "figure_joiners", data["figure_joiners"]),
        named_after_nouns=_words(name, "named_after_nouns", data["named_after_nouns"]),
        side_attacker_stems=_words(name, "side_attacker_stems", data["side_attacker_stems"]),
        dual_suffixes=_words(name, "dual / suffixes", dual["suffixes"]),
        dual_verbs=_words(name, "dual / verbs", dual["verbs"]),
        spans=DaySpans(consecutive=consecutive, ordinal_days=days, **lists),
    )


# ----------------------------------------------------------------------------- place context

PLACE_CONTEXT_FILE = "place_context.yaml"


@dataclass(frozen=True)
class PlaceContext:
    """Words around place names that say what a name is (data/place_context.yaml), folded."""

    outlet_nouns: frozenset[str]  # صحيفة، وكالة: an outlet's name follows
    settlement_nouns: frozenset[str]  # مدينة، قرية: a settlement's name follows
    qualifier_nouns: tuple[str, ...]  # محافظة، قضاء: a name that may only locate another
    qualifier_gap: frozenset[str]  # ب، عاصمة: may stand between a place and its qualifier
    site_nouns: tuple[str, ...] = ()  # مقر، قاعدة: a military, political or energy site (patterns)
    patron_words: frozenset[str] = frozenset()  # المدعوم، الموالية: a backer's name follows
    destination_verbs: frozenset[str] = frozenset()  # فرت، نقل: their إلى names a destination
    member_words: frozenset[str] = frozenset()  # يضم: the names after it are a list
    launch_verbs: frozenset[str] = frozenset()  # أطلقت من: the origin's name follows


@lru_cache(maxsize=1)
def load_place_context() -> PlaceContext:
    """Outlet, settlement and qualifier nouns, and the words between a place and its qualifier."""
    return parse_place_context(_read(PLACE_CONTEXT_FILE))


def parse_place_context(data: dict[str, Any], name: str = PLACE_CONTEXT_FILE) -> PlaceContext:
    """Validate the parsed place-context file: non-empty lists of single words."""
    keys = ("outlet_nouns", "settlement_nouns", "qualifier_nouns", "qualifier_gap")
    _check_keys(name, "top level", data, ("version", "site_nouns", "patron_words", "destination_verbs",
                                          "member_words", "launch_verbs", *keys), keys)
    lists = {k: _words(name, k, data[k]) for k in keys}
    return PlaceContext(
        outlet_nouns=frozenset(lists["outlet_nouns"]),
        settlement_nouns=frozenset(lists["settlement_nouns"]),
        qualifier_nouns=lists["qualifier_nouns"],
        qualifier_gap=frozenset(lists["qualifier_gap"]),
        site_nouns=_patterns(name, "site_nouns", data.get("site_nouns"), allow_empty=True),
        patron_words=_optional_words(name, data, "patron_words"),
        destination_verbs=_optional_words(name, data, "destination_verbs"),
        member_words=_optional_words(name, data, "member_words"),
        launch_verbs=_optional_words(name, data, "launch_verbs"),
    )
