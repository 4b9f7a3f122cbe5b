"""One Aho-Corasick pass that finds every lexicon entry in an article, clitic-aware.

Arabic glues conjunctions, prepositions and the article onto the next word
(والجيش، بالموصل، للحشد), so a plain substring search either misses these or fires
inside unrelated words. Patterns are stored folded and without a leading ال; a hit
counts only when it ends at a word end (or the pattern has an open suffix ``*``) and
what precedes it inside its word is a valid clitic chain. All lexicons share one
automaton, so the text is scanned once however many lexicons there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from hadath.arabic.normalise import fold

ARTICLE = "ال"
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")


def _prefixes(with_article: bool) -> frozenset[str]:
    out = set()
    for c in _CONJUNCTIONS:
        for p in _PREPOSITIONS:
            out.add(c + p)
            if with_article:
                # ل + ال is written لل; every other preposition keeps the alef.
                out.add(c + ("لل" if p == "ل" else p + ARTICLE))
    return frozenset(out)


PREFIXES_BARE = _prefixes(False)
PREFIXES_WITH_ARTICLE = _prefixes(True)


@dataclass(frozen=True)
class Entry:
    """What a pattern stands for: which lexicon (kind), which item (key), and extras."""

    kind: str
    key: str
    strength: str = "strong"
    data: object = None


@dataclass(frozen=True)
class _Payload:
    entry: Entry
    article: bool  # the pattern began with ال, so ال/لل may precede the key
    open_suffix: bool
    article_required: bool = False


@dataclass(frozen=True)
class Hit:
    """A lexicon entry found at folded offsets [start, end)."""

    start: int
    end: int
    entry: Entry


def _is_word_char(c: str) -> bool:
    return c.isalnum()


# A pattern starting with this must keep its article: "=الميادين" is the channel, while
# "ميادين" (squares, fields) is an ordinary word.
ARTICLE_REQUIRED = "="


def compile_pattern(pattern: str) -> tuple[str, bool, bool, bool] | None:
    """Fold a pattern; return (key, had_article, open_suffix, article_required) or None."""
    required = pattern.startswith(ARTICLE_REQUIRED)
    open_suffix = pattern.endswith("*")
    text = " ".join(fold(pattern.lstrip(ARTICLE_REQUIRED).rstrip("*")).split())
    if not text:
        return None
    had_article = text.startswith(ARTICLE) and len(text) > len(ARTICLE) + 1
    key = text[len(ARTICLE):] if had_article else text
    return key, had_article, open_suffix, required and had_article


class Matcher:
    """A compiled set of lexicon patterns; build once per process, reuse for every text."""

    def __init__(self, patterns: Iterable[tuple[str, Entry]]):
        table: dict[str, list[_Payload]] = {}
        for pattern, entry in patterns:
            compiled = compile_pattern(pattern)
            if compiled is None:
                continue
            key, had_article, open_suffix, required = compiled
            payloads = table.setdefault(key, [])
            payload = _Payload(entry, had_article, open_suffix, required)
            if payload not in payloads:
                payloads.append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in table.items():
            self._automaton.add_word(key, (len(key), tuple(payloads)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, folded: str) -> list[Hit]:
        """Every valid hit in ``folded`` (overlaps allowed; see ``longest``)."""
        if not self.size:
            return []
        hits: list[Hit] = []
        n = len(folded)
        for last, (length, payloads) in self._automaton.iter(folded):
            end = last + 1
            at_word_end = end >= n or not _is_word_char(folded[end])
            start = end - length
            word_start = start
            while word_start > 0 and _is_word_char(folded[word_start - 1]):
                word_start -= 1
            prefix = folded[word_start:start]
            if len(prefix) > 5:
                continue
            for p in payloads:
                if not at_word_end and not p.open_suffix:
                    continue
                allowed = PREFIXES_WITH_ARTICLE if p.article else PREFIXES_BARE
                if prefix not in allowed:
                    continue
                if p.article_required and not prefix.endswith((ARTICLE, "لل")):
                    continue
                stop = end
                if p.open_suffix:
                    while stop < n and _is_word_char(folded[stop]):
                        stop += 1
                # Report the name with its article (الجيش), without the clitics before it.
                shown = start - len(ARTICLE) if p.article and prefix.endswith(ARTICLE) else start
                hits.append(Hit(shown, stop, p.entry))
        return hits


def longest(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest selection: drop hits covered by a longer hit of the same kind."""
    by_kind: dict[str, list[Hit]] = {}
    for h in hits:
        by_kind.setdefault(h.entry.kind, []).append(h)
    out: list[Hit] = []
    for group in by_kind.values():
        group.sort(key=lambda h: (h.start, -(h.end - h.start)))
        last_end = -1
        kept_span: tuple[int, int] | None = None
        for h in group:
            if kept_span is not None and (h.start, h.end) == kept_span:
                out.append(h)  # same span, other entry (a deliberately shared alias)
                continue
            if h.start >= last_end:
                out.append(h)
                last_end = h.end
                kept_span = (h.start, h.end)
        # a later, longer hit starting inside a kept one is dropped: leftmost wins
    out.sort(key=lambda h: (h.start, h.end))
    return out
