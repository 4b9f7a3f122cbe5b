"""Plain-text rendering of an evaluation report."""

from __future__ import annotations

from typing import Any


def _prf_line(name: str, d: dict[str, Any], width: int) -> str:
    return (f"  {name:<{width}}  P {d['precision']:.3f}  R {d['recall']:.3f}  "
            f"F1 {d['f1']:.3f}  (tp {d['tp']}, pred {d['predicted']}, gold {d['gold']})")


def _value(value: Any) -> str:
    if isinstance(value, dict):  # an actor
        ar = f" «{value['name_ar']}»" if value.get("name_ar") else ""
        return f"{value.get('name')} ({value.get('inter')}){ar}"
    return "—" if value is None else str(value)


def render_mismatches(report: dict[str, Any], fields: list[str]) -> list[str]:
    """Matched pairs that disagree on ``fields``: gold vs predicted, with the evidence."""
    rows = [m for m in report.get("mismatches") or [] if m["field"] in fields]
    tp = report["events"]["tp"]
    counts = ", ".join(f"{f} {sum(m['field'] == f for m in rows)}/{tp}" for f in fields)
    lines = [f"mismatches on matched events ({counts}):"]
    for m in rows:
        km = f"  ({m['km']} km)" if "km" in m else ""
        lines.append(f"  [{m['field']}] {m['article_id']} {m['event_date']} {m['sub_event_type']}")
        lines.append(f"      gold: {_value(m['gold'])}")
        lines.append(f"      pred: {_value(m['predicted'])}{km}")
        lines.append(f"      evidence: {m['evidence'][:240]}")
        if m.get("gold_evidence") and m["gold_evidence"][:80] not in m["evidence"]:
            lines.append(f"      gold evidence: {m['gold_evidence'][:240]}")
    return lines


def render(report: dict[str, Any], limit: int = 20, mismatches: list[str] | None = None) -> str:
    lines = [f"{report['gold']}: {report['items']} items ({report['kind']})"]
    if report["kind"] == "sentences":
        lines.append(f"family recall {report['family_recall']:.3f}")
        for cat, d in report["by_category"].items():
            lines.append(f"  {cat:<8} {d['found']}/{d['total']}  recall {d['recall']:.3f}")
        misses = report["misses"][:limit] if limit else []
        if misses:
            lines.append(f"misses (first {len(misses)} of {len(report['misses'])}):")
            lines += [f"  [{m['category']}] {m['id']} got {m['predicted']}: {m['text'][:160]}"
                      for m in misses]
        return "\n".join(lines)
    ev = report["events"]
    lines.append(f"events  P {ev['precision']:.3f}  R {ev['recall']:.3f}  F1 {ev['f1']:.3f}  "
                 f"(tp {ev['tp']}, predicted {ev['predicted']}, gold {ev['gold']})")
    attrs = "  ".join(f"{k} {v:.3f}" for k, v in report["attributes"].items())
    lines.append(f"on matched events: {attrs}  median km {report['median_km']}")
    al = report["article_level"]
    lines.append(f"article level (events or none): {al['correct']}/{al['total']} = {al['accuracy']:.3f}")
    for title, key in (("by event type", "by_type"), ("by sub-event type", "by_sub_type")):
        table = report[key]
        if table:
            width = max(len(k) for k in table)
            lines.append(f"{title}:")
            lines += [_prf_line(k, d, width) for k, d in table.items()]
    for title, key in (("misses by cause", "miss_causes"),
                       ("false alarms by cause", "false_alarm_causes")):
        if report.get(key):
            lines.append(f"{title}:")
            lines += [f"  {n:>4}  {cause}" for cause, n in report[key].items()]
    for title, key in (("misses", "misses"), ("false alarms", "false_alarms")):
        rows = report[key][:limit] if limit else []
        if rows:
            lines.append(f"{title} (first {len(rows)} of {len(report[key])}):")
            lines += [f"  {r['article_id']} {r['event_date']} {r['sub_event_type']} @ "
                      f"{r['location']}, {r['country']}: {r['evidence'][:140]}" for r in rows]
    if mismatches:
        lines += render_mismatches(report, mismatches)
    return "\n".join(lines)
