"""Speed changes proposed for code other engineers own, each proved output-identical here.

    .venv/bin/python bench/proposals.py            # equivalence + timing of each proposal
    .venv/bin/python bench/proposals.py --apply-all --each   # + end-to-end A/B gains

Nothing here is imported by hadath. Each proposal is the replacement code for one
function, written out in full so it can be pasted into its file; this script checks
it gives exactly the original's result on every article of the corpus and the gold
files (and on shifted windows where the function takes a range), and times both.
``--apply-all`` patches every proposal into the running pipeline, checks that every
record of the corpus + gold extraction is unchanged, and measures the end-to-end gain.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replicate as rep  # noqa: E402  (bench/ is not a package)

# ---- P1, P2: hadath/arabic/normalise.py ------------------------------------------------


def p1_fold_keeps_length(text: str) -> bool:
    """normalise._fold_keeps_length: U+0130 is the one character whose lower() is longer.

    (Checked over every code point by ``check_p1``; a test should assert the same so a
    future Unicode version that adds another fails loudly.)
    """
    return "\u0130" not in text


def check_p1() -> None:
    longer = [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1]
    assert longer == ["\u0130"], longer


def make_p2_fold() -> Callable[[str], str]:
    """normalise.fold: replace the frequent letters with str.replace, the rest by regex.

    str.translate with a dict costs one dict lookup (and one int object) per character;
    only ~7% of characters change, so finding them is cheaper than visiting them all.
    Every folding maps 1 char to at most 1 char and no target is itself folded further,
    so the order of replacements cannot matter.
    """
    from hadath.arabic.normalise import _TABLE

    mapping = {chr(k): (v or "") for k, v in _TABLE.items() if v != chr(k)}
    frequent = [c for c in "ةىأإآئؤ" if c in mapping]
    rare = {c: v for c, v in mapping.items() if c not in frequent}
    rare_rx = re.compile("[" + "".join(re.escape(c) for c in rare) + "]")
    get = rare.__getitem__

    def fold(text: str) -> str:
        for c in frequent:
            if c in text:
                text = text.replace(c, mapping[c])
        return rare_rx.sub(lambda m: get(m.group()), text).lower()

    return fold


# ---- P3: hadath/stages/segment.py ------------------------------------------------------

_SEGMENT_START = re.compile(r"[.!?؟…\n]")


def p3_boundaries(text: str, boundary: re.Pattern[str] | None = None) -> Iterator[re.Match[str]]:
    """segment._BOUNDARY.finditer(text), found by jumping between candidate characters.

    _BOUNDARY begins with a lookbehind, so the regex engine tries all three branches at
    every position; every match starts with one of [.!?؟…\\n], which a plain character
    class finds at C speed. Same matches, same order (finditer's non-overlap kept).
    """
    if boundary is None:
        from hadath.stages.segment import _BOUNDARY as boundary
    last = 0
    for c in _SEGMENT_START.finditer(text):
        p = c.start()
        if p < last:
            continue
        m = boundary.match(text, p)
        if m is not None:
            yield m
            last = m.end()


# ---- P4: hadath/recognisers/numbers.py and dates.py ------------------------------------

# Letters and digits only (all str.isalnum()); any other character may precede a word.
_WORDISH = "\u0621-\u063a\u0641-\u064a\u0660-\u0669\u066e-\u066f\u0671-\u06d3\u06d5" \
           "\u06f0-\u06f9a-z0-9"
_DIGIT_RUN = re.compile(r"[0-9]+")


def make_probe(anchor: re.Pattern[str]) -> re.Pattern[str]:
    """The word branch of an anchor as a lookahead after a non-letter: C-speed skipping.

    In the owners' code this is built next to the anchor from the same pieces:
    numbers: ``[^_WORDISH](?={clitics}(?:{words})(?![^\\W_]))``; dates likewise.
    """
    lookbehind = "(?<![^\\W_])"
    assert anchor.pattern.startswith(lookbehind)
    word, sep, _ = anchor.pattern[len(lookbehind):].rpartition("|(?<![0-9])")
    assert sep, "anchor is not word-branch | digit-branch"
    return re.compile(f"[^{_WORDISH}](?=" + re.sub(r"\(\?P<\w+>", "(?:", word) + ")")


def iter_anchors(anchor: re.Pattern[str], probe: re.Pattern[str], text: str, start: int = 0,
                 end: int | None = None) -> Iterator[re.Match[str]]:
    """Exactly ``anchor.finditer(text, start, end)`` (same Match spans and groups).

    The anchor can only match at a word start (its lookbehind) whose word the probe
    recognises, or at the start of a digit run (its other branch); the candidates
    are found with two C-speed scans and the anchor itself is run only there.
    """
    end = len(text) if end is None else end
    cands = [m.start() + 1 for m in probe.finditer(text, max(0, start - 1), end)]
    cands += [m.start() for m in _DIGIT_RUN.finditer(text, start, end)]
    cands.append(start)  # the first position is a word start whatever precedes it
    cands.sort()
    last = start
    for p in cands:
        if p < last:
            continue
        m = anchor.match(text, p, end)
        if m is not None:
            yield m
            last = m.end()


def check_wordish() -> None:
    chars = re.compile(f"[{_WORDISH}]")
    bad = [hex(c) for c in range(0x10000) if chars.match(chr(c)) and not chr(c).isalnum()]
    # U+0670 (superscript alef) is not alnum but fold() deletes it: never in folded text.
    assert bad in ([], ["0x670"]), bad


# ---- P7: hadath/store/dedupe.py text_hash (used per article by --cluster and the store) ----


def p7_text_hash(text: str) -> str:
    """dedupe.text_hash with str.split() for the whitespace collapse.

    ``re`` ``\\s`` and ``str.isspace`` are the same predicate in CPython (checked over
    every code point by ``check_p7``), so ``" ".join(s.split())`` equals
    ``_SPACE.sub(" ", s).strip()``, at less than half the cost.
    """
    import hashlib

    from hadath.arabic.normalise import fold

    return hashlib.sha1(" ".join(fold(text).split()).encode("utf-8")).hexdigest()


def check_p7() -> None:
    space = re.compile(r"\s")
    bad = [hex(c) for c in range(0x110000) if bool(space.match(chr(c))) != chr(c).isspace()]
    assert not bad, bad


# ---- P6: every yaml.safe_load of hadath/data (lexicons.py, actors.py, bundle.py, ...) ----

P6_LOADER = "getattr(yaml, 'CSafeLoader', yaml.SafeLoader)"


def check_p6() -> int:
    """Every packaged YAML file loads to the same data with libyaml's CSafeLoader."""
    import yaml

    files = sorted((Path(__file__).resolve().parents[1] / "hadath" / "data").rglob("*.yaml"))
    loader = eval(P6_LOADER)  # noqa: S307 - a constant expression, shown as proposed
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert yaml.safe_load(text) == yaml.load(text, Loader=loader), f
    return len(files)


_COLD = """
import sys, time
t0 = time.perf_counter()
if sys.argv[1] == "new":
    import yaml
    yaml.safe_load = lambda s: yaml.load(s, Loader=yaml.CSafeLoader)
from hadath.article import Article
from hadath.pipeline import extract_records
extract_records(Article(id="x", text="قتل شخص في هجوم على بغداد أمس."))
print(time.perf_counter() - t0)
"""


def cold_start(variant: str, runs: int = 5) -> float:
    import statistics
    import subprocess

    times = [float(subprocess.run([sys.executable, "-c", _COLD, variant], check=True,
                                  capture_output=True, text=True).stdout)
             for _ in range(runs)]
    return statistics.median(times)


# ---- harness ---------------------------------------------------------------------------


def _best(f: Callable[[Any], Any], items: list[Any], reps: int = 5) -> float:
    best = float("inf")
    for _ in range(reps):
        c0 = time.process_time()
        for x in items:
            f(x)
        best = min(best, time.process_time() - c0)
    return best / len(items) * 1e6


def _spans(ms: Iterator[re.Match[str]]) -> list[tuple[Any, ...]]:
    return [(m.span(), m.groupdict()) for m in ms]


def compare(texts: list[str]) -> list[tuple[str, str, float, float, int]]:
    from hadath.arabic import normalise as N
    from hadath.recognisers import dates as D
    from hadath.recognisers import numbers as NU
    from hadath.stages.segment import _BOUNDARY

    check_p1()
    check_wordish()
    folded = [N.fold(t) for t in texts]
    rows = []

    def row(name: str, where: str, old: Callable, new: Callable, items: list[Any],
            same: Callable[[Any], bool]) -> None:
        bad = sum(1 for x in items if not same(x))
        rows.append((name, where, _best(old, items), _best(new, items), bad))

    row("P1", "arabic/normalise.py _fold_keeps_length", N._fold_keeps_length,
        p1_fold_keeps_length, texts, lambda t: N._fold_keeps_length(t) == p1_fold_keeps_length(t))
    fold2 = make_p2_fold()
    row("P2", "arabic/normalise.py fold", N.fold, fold2, texts, lambda t: N.fold(t) == fold2(t))
    row("P3", "stages/segment.py _BOUNDARY.finditer", lambda t: list(_BOUNDARY.finditer(t)),
        lambda t: list(p3_boundaries(t)), texts,
        lambda t: _spans(_BOUNDARY.finditer(t)) == _spans(p3_boundaries(t)))
    for label, mod in (("P4a", NU), ("P4b", D)):
        anchor = mod.lexicon().anchor
        probe = make_probe(anchor)

        def same(t: str, anchor=anchor, probe=probe) -> bool:
            windows = [(0, len(t)), (1, len(t)), (7, len(t) - 5), (len(t) // 2, len(t))]
            return all(_spans(anchor.finditer(t, a, b)) == _spans(iter_anchors(anchor, probe, t, a, b))
                       for a, b in windows if a <= b)

        row(label, f"recognisers/{mod.__name__.rsplit('.', 1)[1]}.py anchor.finditer",
            lambda t, anchor=anchor: list(anchor.finditer(t)),
            lambda t, anchor=anchor, probe=probe: list(iter_anchors(anchor, probe, t)),
            folded, same)
    from hadath.store.dedupe import text_hash

    check_p7()
    row("P7", "store/dedupe.py text_hash", text_hash, p7_text_hash, texts,
        lambda t: text_hash(t) == p7_text_hash(t))
    return rows


class _FastAnchor:
    """Stands in for a lexicon's anchor so find_numbers/find_dates use iter_anchors."""

    def __init__(self, anchor: re.Pattern[str]):
        self._anchor = anchor
        self._probe = make_probe(anchor)
        self.pattern = anchor.pattern
        self.match = anchor.match
        self.search = anchor.search

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        return iter_anchors(self._anchor, self._probe, text, start, end)


class _Boundary:
    """Stands in for segment._BOUNDARY so segment() uses p3_boundaries."""

    def __init__(self, original: re.Pattern[str]):
        self.original = original

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return p3_boundaries(text, self.original)


def patches() -> dict[str, list[tuple[Any, str, Any]]]:
    """(object, attribute, replacement) for each proposal, to switch it on in-process."""
    from hadath.arabic import normalise as N
    from hadath.recognisers import dates as D
    from hadath.recognisers import numbers as NU
    from hadath.stages import segment as S

    return {
        "P1": [(N, "_fold_keeps_length", p1_fold_keeps_length)],
        "P2": [(N, "fold", make_p2_fold())],
        "P3": [(S, "_BOUNDARY", _Boundary(S._BOUNDARY))],
        "P4": [(mod.lexicon(), "anchor", _FastAnchor(mod.lexicon().anchor)) for mod in (NU, D)],
    }


def switch(changes: list[tuple[Any, str, Any]]) -> list[tuple[Any, str, Any]]:
    """Apply ``changes``; return the changes that undo them."""
    undo = []
    for obj, attr, value in changes:
        undo.append((obj, attr, getattr(obj, attr)))
        object.__setattr__(obj, attr, value)  # the lexicons are frozen dataclasses
    return undo


def digest_all(sources: list[rep.Source]) -> tuple[str, int]:
    from hadath.pipeline import extract_records

    h = hashlib.sha256()
    n = 0
    for s in sources:
        recs = extract_records(rep.fresh(s))
        n += len(recs)
        h.update(json.dumps(recs, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest(), n


def cpu_seconds(sources: list[rep.Source], n: int) -> float:
    from hadath.pipeline import extract_records

    c0 = time.process_time()
    for a in rep.replicate(sources, n):
        extract_records(a)
    return time.process_time() - c0


def ab_throughput(sources: list[rep.Source], n: int, changes: list[tuple[Any, str, Any]],
                  rounds: int = 5) -> tuple[float, float]:
    """Articles/s per core without and with ``changes``, alternating, best of ``rounds``.

    Alternating A/B and keeping each side's best run is what makes a comparison
    trustworthy on a machine whose other users come and go.
    """
    best_a = best_b = float("inf")
    for _ in range(rounds):
        best_a = min(best_a, cpu_seconds(sources, n))
        undo = switch(changes)
        try:
            best_b = min(best_b, cpu_seconds(sources, n))
        finally:
            switch(undo)
    return n / best_a, n / best_b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apply-all", action="store_true")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--each", action="store_true", help="also measure each proposal alone")
    args = ap.parse_args(argv)
    everything = rep.load([rep.CORPUS, rep.GOLD])
    print(f"{len(everything):,} articles (corpus + gold)")
    print(f"{'':4} {'where':45} {'old µs':>8} {'new µs':>8} {'saved':>7} {'differ':>6}")
    for name, where, old, new, bad in compare([s.text for s in everything]):
        print(f"{name:4} {where:45} {old:8.1f} {new:8.1f} {old - new:7.1f} {bad:6}")
    n_yaml = check_p6()
    old_cold, new_cold = cold_start("old"), cold_start("new")
    print(f"P6   YAML with CSafeLoader ({n_yaml} files, same data): import + first article "
          f"{old_cold:.2f} s → {new_cold:.2f} s (median of 5 fresh processes)")
    if args.apply_all:
        corpus = rep.load([rep.CORPUS])
        from hadath.scale.tasks import warm_worker

        warm_worker()
        every = patches()
        before_digest, before_n = digest_all(everything)
        undo = switch([c for changes in every.values() for c in changes])
        after_digest, after_n = digest_all(everything)
        switch(undo)
        print(f"records of corpus + gold: {before_n:,} before, {after_n:,} after, "
              f"{'IDENTICAL' if before_digest == after_digest else 'DIFFERENT'}")
        print(f"end to end, {args.articles:,} corpus articles, A/B alternated, best of "
              f"{args.rounds} (articles/s per core, CPU):")
        steps = [(name, changes) for name, changes in every.items()] if args.each else []
        steps.append(("all", [c for changes in every.values() for c in changes]))
        for name, changes in steps:
            a, b = ab_throughput(corpus, args.articles, changes, args.rounds)
            print(f"  {name:4} {a:7,.0f} → {b:7,.0f}  ({b / a - 1:+.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
