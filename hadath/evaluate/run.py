"""Run extraction over a gold file (or read predictions) and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hadath.evaluate.gold import load_gold, load_predictions
from hadath.evaluate.scorer import score_articles, score_sentences


def _predict(items) -> dict[str, list[dict[str, Any]]]:
    from hadath.batch import extract_stream

    out: dict[str, list[dict[str, Any]]] = {}
    for outcome in extract_stream(item.article for item in items):
        out[outcome.article.id] = outcome.records
    return out


def _traces(items) -> dict[str, Any]:
    """Run each article once, keeping what error analysis needs beside its records."""
    from hadath.evaluate.causes import trace

    out = {}
    for item in items:
        try:
            out[item.article.id] = trace(item.article)
        except Exception:  # noqa: BLE001 - scored as no events, as extract_stream does
            continue
    return out


def evaluate_file(gold_path: str | Path, pred_path: str | Path | None = None) -> dict[str, Any]:
    kind, items = load_gold(gold_path)
    traces = _traces(items) if pred_path is None and kind == "articles" else None
    if pred_path:
        predictions = load_predictions(pred_path)
    elif traces is not None:
        predictions = {k: t.records for k, t in traces.items()}
    else:
        predictions = _predict(items)
    if kind == "sentences":
        rows = [(i.article.id, i.category or "", i.article.text,
                 predictions.get(i.article.id, [])) for i in items]
        report = score_sentences(rows).as_dict()
    else:
        pairs = [(i.article.id, predictions.get(i.article.id, []), i.events) for i in items]
        report = score_articles(pairs).as_dict()
        if traces is not None:
            from hadath.evaluate.causes import analyse

            causes = analyse(items, traces)
            report["miss_causes"] = dict(causes["misses"].most_common())
            report["false_alarm_causes"] = dict(causes["false_alarms"].most_common())
    report["kind"] = kind
    report["gold"] = str(gold_path)
    report["items"] = len(items)
    return report
