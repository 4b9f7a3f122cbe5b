"""Why a gold event was missed, or a prediction was a false alarm: the error-analysis loop.

Each miss is traced to the sentence(s) its gold evidence comes from and classified by the
first thing the pipeline lacked there, in pipeline order, so the biggest group says which
knowledge or rule to work on next:

- ``trigger unknown``: no trigger at all in the evidence sentences;
- ``trigger of another type``: only triggers of other event types there;
- ``not detected``: a trigger of the right type, but detect dropped it (weak without
  support, cancelled by a cue, dated as background);
- ``place unknown``: detected, but no place in the evidence was recognised;
- ``date wrong`` / ``place wrong``: an event of the right type came out of the evidence,
  but its day or place is too far from the gold one;
- ``resolution rule``: detected, yet no record of that type came out (dropped as undated
  and unplaced away from the lead, or merged into another event).

False alarms are ``restates a coded event`` (a gold event of the same type shares the
sentence: a date/place error or a repeat) or ``not an event`` (background, opinion,
a reference).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from hadath.arabic.normalise import fold
from hadath.article import Article
from hadath.evaluate.scorer import _day, _distance


def _sentences_of(article: Article, evidence: str) -> set[int]:
    """Indices of the sentences the gold evidence text overlaps (exact, else folded)."""
    start = article.text.find(evidence) if evidence else -1
    if start < 0 and evidence and article.normalised is not None:
        n = article.normalised
        i = n.text.find(fold(evidence))
        if i >= 0:
            start, end = n.span_to_original(i, i + len(fold(evidence)))
            return {s.index for s in article.sentences if s.start < end and start < s.end}
        return set()
    if start < 0:
        return set()
    end = start + len(evidence)
    return {s.index for s in article.sentences if s.start < end and start < s.end}


def miss_cause(article: Article, detected_types: dict[int, set[str]],
               predictions: list[dict[str, Any]], gold: dict[str, Any]) -> str:
    sentences = _sentences_of(article, gold.get("evidence_text") or "")
    if not sentences:
        return "evidence not found in text"
    triggers = [m for m in article.mentions if m.kind == "trigger" and m.sentence in sentences]
    if not triggers:
        return "trigger unknown"
    types = {_type_of(m.key) for m in triggers}
    if gold["event_type"] not in types:
        return "trigger of another type"
    if not any(gold["event_type"] in detected_types.get(i, set()) for i in sentences):
        return "not detected"
    if not any(m.kind == "place" and m.sentence in sentences for m in article.mentions):
        return "place unknown"
    same = [p for p in predictions if p["event_type"] == gold["event_type"]
            and sentences & _evidence_sentences(article, p)]
    if not same:
        return "resolution rule"
    if all(abs((_day(p["event_date"]) - _day(gold["event_date"])).days) > 1 for p in same):
        return "date wrong"
    return "place wrong"


def false_alarm_cause(article: Article, gold_events: list[dict[str, Any]],
                      prediction: dict[str, Any]) -> str:
    sentences = _evidence_sentences(article, prediction)
    for g in gold_events:
        if g["event_type"] == prediction["event_type"] and \
                sentences & _sentences_of(article, g.get("evidence_text") or ""):
            if abs((_day(g["event_date"]) - _day(prediction["event_date"])).days) > 1:
                return "restates a coded event: date wrong"
            if _distance(g, prediction) > 50:
                return "restates a coded event: place wrong"
            return "restates a coded event: duplicate"
    return "not an event (background, opinion, reference)"


def _evidence_sentences(article: Article, record: dict[str, Any]) -> set[int]:
    out: set[int] = set()
    for span in record.get("evidence") or []:
        out |= {s.index for s in article.sentences
                if s.start < span["end"] and span["start"] < s.end}
    return out


def _type_of(sub_event_type: str) -> str:
    from hadath.knowledge.bundle import load_bundle

    return load_bundle().type_of(sub_event_type)[0]


@dataclass
class Trace:
    """One article's run: its state after detect-time bookkeeping and its records."""

    article: Article
    detected: dict[int, set[str]]  # sentence -> event types detect found there
    records: list[dict[str, Any]]


def trace(article: Article) -> Trace:
    """Run the pipeline once, noting what detect found before resolve and merge act."""
    from hadath.pipeline import DEFAULT_ORDER, Pipeline
    from hadath.records import to_records

    names = [n for n, _, _ in DEFAULT_ORDER]
    cut = names.index("detect") + 1
    article = Pipeline(DEFAULT_ORDER[:cut])(article)
    detected: dict[int, set[str]] = {}
    for e in article.events:
        detected.setdefault(e.sentence, set()).add(e.event_type)
    records = to_records(Pipeline(DEFAULT_ORDER[cut:])(article))
    return Trace(article, detected, records)


def analyse(items, traces: dict[str, Trace]) -> dict[str, Counter]:
    """Count the causes of every miss and false alarm, from the runs already made."""
    from hadath.evaluate.scorer import match_events

    misses: Counter = Counter()
    false_alarms: Counter = Counter()
    for item in items:
        t = traces.get(item.article.id)
        pred = t.records if t else []
        matched = match_events(pred, item.events)
        missed = [g for j, g in enumerate(item.events) if j not in {m[1] for m in matched}]
        extra = [p for i, p in enumerate(pred) if i not in {m[0] for m in matched}]
        if t is None:
            misses["extraction failed"] += len(missed)
            continue
        for g in missed:
            misses[miss_cause(t.article, t.detected, t.records, g)] += 1
        for p in extra:
            false_alarms[false_alarm_cause(t.article, item.events, p)] += 1
    return {"misses": misses, "false_alarms": false_alarms}
