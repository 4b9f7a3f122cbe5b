"""CODEBOOK §9 scores: greedy event matching, PRF, attribute accuracies, error lists."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from hadath.geo import haversine_km

FAMILIES = {
    "ASSAULT": {"Battles", "Explosions/Remote violence", "Violence against civilians",
                ("Riots", "Mob violence")},
    "PROTEST": {"Protests", "Riots"},
}


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _distance(a: dict[str, Any], b: dict[str, Any]) -> float:
    try:
        return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    except (KeyError, TypeError):
        return math.inf


def match_events(pred: list[dict], gold: list[dict]) -> list[tuple[int, int, float, int]]:
    """Greedy closest-first matching; returns (pred index, gold index, km, days)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p["event_type"] != g["event_type"]:
                continue
            days = abs((_day(p["event_date"]) - _day(g["event_date"])).days)
            if days > 1:
                continue
            km = _distance(p, g)
            limit = 150 if 3 in (p.get("geo_precision"), g.get("geo_precision")) else 50
            if km <= limit:
                pairs.append((km, days, i, j))
    pairs.sort()
    used_p, used_g, out = set(), set(), []
    for km, days, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j, km, days))
    return out


@dataclass
class PRF:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.gold,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


@dataclass
class ArticleScores:
    events: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_sub_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    attributes: Counter = field(default_factory=Counter)
    distances: list[float] = field(default_factory=list)
    article_level: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    mismatches: list[dict[str, Any]] = field(default_factory=list)

    def attribute_accuracy(self) -> dict[str, float]:
        n = self.events.tp
        keys = ["sub_event_type", "exact_date", "location_25km", "actor1_inter",
                "actor2_inter", "fatalities"]
        return {k: round(self.attributes[k] / n, 3) if n else 0.0 for k in keys}

    def as_dict(self) -> dict[str, Any]:
        lvl = self.article_level
        return {
            "events": self.events.as_dict(),
            "attributes": self.attribute_accuracy(),
            "median_km": round(median(self.distances), 2) if self.distances else None,
            "article_level": {"correct": lvl["correct"], "total": lvl["total"],
                              "accuracy": round(lvl["correct"] / lvl["total"], 3)
                              if lvl["total"] else 0.0},
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "by_sub_type": {k: v.as_dict() for k, v in sorted(self.by_sub_type.items())},
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "mismatches": self.mismatches,
        }


def _brief(rec: dict[str, Any], article_id: str) -> dict[str, Any]:
    evidence = rec.get("evidence_text") or " … ".join(
        e.get("text", "") for e in rec.get("evidence") or [])
    return {"article_id": article_id, "event_type": rec["event_type"],
            "sub_event_type": rec["sub_event_type"], "event_date": rec["event_date"],
            "location": rec.get("location"), "country": rec.get("country"),
            "evidence": evidence[:300]}


def _inter(actor: dict[str, Any] | None) -> int | None:
    return actor.get("inter") if actor else None


# Attributes a matched pair can disagree on, as ``--mismatches`` names them, with the
# accuracy key each one counts against (CODEBOOK §9).
MISMATCH_FIELDS = {"sub_event_type": "sub_event_type", "date": "exact_date",
                   "location": "location_25km", "actor1": "actor1_inter",
                   "actor2": "actor2_inter", "fatalities": "fatalities"}


def _actor_value(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if not actor:
        return None
    return {"name": actor.get("name"), "name_ar": actor.get("name_ar"), "inter": actor.get("inter")}


def _place_value(rec: dict[str, Any]) -> str:
    return f"{rec.get('location')}, {rec.get('country')}"


def _mismatch(field_name: str, article_id: str, p: dict[str, Any], g: dict[str, Any],
              km: float, days: int) -> dict[str, Any] | None:
    """One matched pair's disagreement on ``field_name``, or None where they agree."""
    if field_name in ("actor1", "actor2"):
        if _inter(p.get(field_name)) == _inter(g.get(field_name)):
            return None
        gold_value, pred_value = _actor_value(g.get(field_name)), _actor_value(p.get(field_name))
    elif field_name == "sub_event_type":
        if p["sub_event_type"] == g["sub_event_type"]:
            return None
        gold_value, pred_value = g["sub_event_type"], p["sub_event_type"]
    elif field_name == "date":
        if days == 0:
            return None
        gold_value, pred_value = g["event_date"], p["event_date"]
    elif field_name == "location":
        if km <= 25:
            return None
        gold_value, pred_value = _place_value(g), _place_value(p)
    else:
        if p.get("fatalities") == g.get("fatalities"):
            return None
        gold_value, pred_value = g.get("fatalities"), p.get("fatalities")
    row = {"field": field_name, "article_id": article_id, "event_date": g["event_date"],
           "sub_event_type": g["sub_event_type"], "gold": gold_value, "predicted": pred_value,
           "gold_evidence": (g.get("evidence_text") or "")[:300],
           "evidence": _brief(p, article_id)["evidence"]}
    if field_name == "location":
        row["km"] = round(km, 1)
    return row


def score_articles(pairs: list[tuple[str, list[dict], list[dict]]]) -> ArticleScores:
    """pairs: (article id, predicted records, gold events) per article."""
    s = ArticleScores()
    for article_id, pred, gold in pairs:
        s.events.predicted += len(pred)
        s.events.gold += len(gold)
        for p in pred:
            s.by_type[p["event_type"]].predicted += 1
            s.by_sub_type[p["sub_event_type"]].predicted += 1
        for g in gold:
            s.by_type[g["event_type"]].gold += 1
            s.by_sub_type[g["sub_event_type"]].gold += 1
        s.article_level["total"] += 1
        s.article_level["correct"] += int(bool(pred) == bool(gold))
        matched = match_events(pred, gold)
        for i, j, km, days in matched:
            p, g = pred[i], gold[j]
            s.events.tp += 1
            s.by_type[g["event_type"]].tp += 1
            if p["sub_event_type"] == g["sub_event_type"]:
                s.by_sub_type[g["sub_event_type"]].tp += 1
                s.attributes["sub_event_type"] += 1
            s.attributes["exact_date"] += int(days == 0)
            s.attributes["location_25km"] += int(km <= 25)
            s.attributes["actor1_inter"] += int(_inter(p.get("actor1")) == _inter(g.get("actor1")))
            s.attributes["actor2_inter"] += int(_inter(p.get("actor2")) == _inter(g.get("actor2")))
            s.attributes["fatalities"] += int(p.get("fatalities") == g.get("fatalities"))
            s.distances.append(km)
            for name in MISMATCH_FIELDS:
                row = _mismatch(name, article_id, p, g, km, days)
                if row is not None:
                    s.mismatches.append(row)
        mp = {i for i, _, _, _ in matched}
        mg = {j for _, j, _, _ in matched}
        s.false_alarms += [_brief(p, article_id) for i, p in enumerate(pred) if i not in mp]
        s.misses += [_brief(g, article_id) for j, g in enumerate(gold) if j not in mg]
    return s


@dataclass
class SentenceScores:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = sum(self.total.values())
        return sum(self.found.values()) / n if n else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"family_recall": round(self.recall, 3),
                "by_category": {c: {"found": self.found[c], "total": n,
                                    "recall": round(self.found[c] / n, 3)}
                                for c, n in sorted(self.total.items())},
                "misses": self.misses}


def fits_family(record: dict[str, Any], category: str) -> bool:
    for member in FAMILIES[category]:
        if isinstance(member, tuple):
            if (record["event_type"], record["sub_event_type"]) == member:
                return True
        elif record["event_type"] == member:
            return True
    return False


def score_sentences(rows: list[tuple[str, str, str, list[dict]]]) -> SentenceScores:
    """rows: (id, category, text, predicted records)."""
    s = SentenceScores()
    for sid, category, text, pred in rows:
        s.total[category] += 1
        if any(fits_family(p, category) for p in pred):
            s.found[category] += 1
        else:
            got = sorted({p["event_type"] for p in pred})
            s.misses.append({"id": sid, "category": category, "predicted": got,
                             "text": text[:300]})
    return s
