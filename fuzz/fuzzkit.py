"""What every fuzz target shares: seeds from the real corpus, and the atheris driver.

Seeds are real Arabic sentences and articles from the shared corpus (``$HADATH_SHARED``
or ``../shared``), written once into ``$HADATH_CACHE/fuzz/<target>/`` (default
``~/.cache/hadath``); libFuzzer mutates them, so the fuzzers start from text the
pipeline really meets instead of from noise. Nothing here is part of the product.

Each target module defines ``test_one_input(data: bytes)`` and ``seeds(limit)`` and
ends with ``main(__file__, test_one_input, seeds)``; ``python fuzz/fuzz_x.py
-max_total_time=10`` then runs it (any libFuzzer flag works), and ``fuzz/run.py``
runs them all.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HADATH_SHARED") or REPO.parent / "shared")
CORPUS_FILES = ("telegram-iraq-2026.jsonl", "saudinewsnet-2015-08.jsonl")
DEFAULT_SEEDS = 200


def cache_dir() -> Path:
    return Path(os.environ.get("HADATH_CACHE") or Path.home() / ".cache" / "hadath") / "fuzz"


def corpus_rows(limit: int | None = None) -> Iterator[dict]:
    """Rows of the shared corpus files, alternating between them (short and long texts)."""
    handles = [(SHARED / "corpus" / name).open(encoding="utf-8") for name in CORPUS_FILES
               if (SHARED / "corpus" / name).exists()]
    n = 0
    try:
        while handles and (limit is None or n < limit):
            for fh in list(handles):
                line = fh.readline()
                if not line:
                    handles.remove(fh)
                    fh.close()
                    continue
                if line.strip():
                    yield json.loads(line)
                    n += 1
                    if limit is not None and n >= limit:
                        return
    finally:
        for fh in handles:
            fh.close()


def corpus_sentences(limit: int) -> list[str]:
    """Up to ``limit`` distinct sentences (20-400 characters) from the corpus."""
    out: list[str] = []
    seen: set[str] = set()
    for row in corpus_rows():
        for part in row["text"].replace("\n", ".").split("."):
            s = part.strip()
            if 20 <= len(s) <= 400 and s not in seen:
                seen.add(s)
                out.append(s)
                if len(out) >= limit:
                    return out
    return out


def write_seeds(target: str, seeds: list[bytes]) -> Path:
    """Write ``seeds`` as files named by their hash into the target's cache folder."""
    folder = cache_dir() / target
    folder.mkdir(parents=True, exist_ok=True)
    for data in seeds:
        path = folder / hashlib.sha1(data).hexdigest()
        if not path.exists():
            path.write_bytes(data)
    return folder


def main(path: str, test_one_input: Callable[[bytes], None],
         seeds: Callable[[int], list[bytes]]) -> None:
    """Run one target under atheris with libFuzzer's command line.

    Extra flags: ``--seeds=N`` caps the corpus seeds written (default 200; the test
    suite uses a few dozen so the time box goes to mutation, not to replaying seeds),
    ``--no-seeds`` starts from nothing. Without a corpus folder among the arguments the
    seed folder is used.
    """
    import atheris

    target = Path(path).stem
    argv = [a for a in sys.argv if not a.startswith(("--seeds=", "--no-seeds"))]
    limit = DEFAULT_SEEDS
    for a in sys.argv:
        if a.startswith("--seeds="):
            limit = int(a.split("=", 1)[1])
    if "--no-seeds" not in sys.argv and not any(not a.startswith("-") for a in argv[1:]):
        argv.append(str(write_seeds(f"{target}-{limit}", seeds(limit))))
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


def instrumented(enabled: bool):
    """``atheris.instrument_imports()`` for hadath's modules when ``enabled`` (a target
    run as a script), else nothing: the test suite imports the targets to reuse their
    checks under hypothesis, without atheris."""
    import contextlib

    if not enabled:
        return contextlib.nullcontext()
    import atheris

    return atheris.instrument_imports(include=["hadath"])


def text_of(data: bytes) -> str:
    """Fuzzer bytes as text: UTF-8 where valid, each invalid byte a lone surrogate
    (U+DC80..U+DCFF), which is exactly the hostile input an encoder chokes on."""
    return data.decode("utf-8", "surrogateescape")
