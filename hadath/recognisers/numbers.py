"""Quantities in folded Arabic text: digits, spelled-out cardinals, approximations, vague counts.

Fatalities and injuries (CODEBOOK §6) are written as digits (15، ١٥ folded to 15, 1,500),
as words in any gender and case (خمسة عشر، ثلاثة وعشرين، ثلاثمئة، ألفا), as a noun in the
dual (جنديان، شخصين، قتيلان = 2), as digits with a
scale word (2 مليون، 40 ألفا), approximately (نحو 2000، أكثر من 60) or vaguely (عدد من = 3,
عشرات = 12, مئات الآلاف = 100,000). The words are data (hadath/data/numbers.yaml); this
module is only the grammar that joins them.

This runs on every sentence of every article, so one compiled regex finds the candidate
spots (a digit run, or a number word after optional clitics) and only those are parsed
word by word. No pattern can backtrack badly: each quantifier is bounded or runs over a
single character class, and a digit run longer than ``MAX_DIGITS`` is skipped whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hadath.arabic.normalise import fold
from hadath.knowledge.yaml_data import load_yaml
from hadath.recognisers.matcher import PREFIXES_BARE, PREFIXES_WITH_ARTICLE

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "numbers.yaml"
MONTHS_FILE = DATA_FILE.with_name("months.yaml")

# Longer digit runs are phone numbers, IDs or junk, never a count.
MAX_DIGITS = 12

# Roles a word can play in the grammar.
UNIT, TEN, TEEN_HEAD, TENS, HUNDREDS, HUNDRED_WORD = "unit", "ten", "teen", "tens", "hund", "hw"
SCALE_ONE, SCALE_TWO, SCALE_PLURAL = "scale1", "scale2", "scaleN"
DUAL = "dual"  # a noun in the dual, itself a count of two (جنديان، شخصين، قتيلان)

_SPACE = r"[^\S\n]"  # whitespace that stays on the line


@dataclass(frozen=True)
class NumberMatch:
    """A quantity found at folded offsets [start, end).

    ``value`` is the stated number (for an approximation the number itself, for a vague
    quantity the codebook's stand-in). ``text`` is ``folded[start:end]``. A leading
    approximation phrase (نحو، أكثر من) is inside the span; clitics (و، ب) are not.
    """

    start: int
    end: int
    value: int
    approx: bool
    vague: bool
    text: str


@dataclass(frozen=True)
class VagueEntry:
    """Phrases that start with one word: (further words, value), longest first."""

    phrases: tuple[tuple[tuple[str, ...], int], ...]
    multiplier: bool  # the one-word form may count a plural scale word (عشرات الآلاف)
    article: bool  # may carry ال (العشرات)


@dataclass(frozen=True)
class NumberLexicon:
    """numbers.yaml, folded and indexed for the parser."""

    roles: dict[str, dict[str, int]]
    article_ok: frozenset[str]
    vague: dict[str, VagueEntry]
    plural_scales: dict[str, int]  # what a vague multiplier may count: آلاف، مئات ...
    not_numbers: frozenset[str]
    anchor: re.Pattern[str]
    approx_before: re.Pattern[str]
    approx_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    year_before: re.Pattern[str]
    year_after: re.Pattern[str]
    ordinal_before: re.Pattern[str]


def word_alternation(words: set[str] | list[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie, so no prefix is tried twice.

    A space inside a word matches any run of same-line whitespace.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = []
        for char in sorted(c for c in node if c):
            head = _SPACE + "+" if char == " " else re.escape(char)
            alts.append(head + emit(node[char]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(trie)


def fold_phrase(text: str) -> str:
    """Fold a lexicon phrase and collapse its whitespace to single spaces."""
    return " ".join(fold(text).split())


def _phrases(phrases: list[str]) -> str:
    return word_alternation({fold_phrase(p) for p in phrases})


def _month_names(path: Path) -> set[str]:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    names = {n for systems in raw["gregorian"].values() for ns in systems.values() for n in ns}
    return {fold_phrase(n) for n in names | {n for ns in raw["hijri"].values() for n in ns}}


def load_lexicon(path: Path = DATA_FILE, months: Path = MONTHS_FILE) -> NumberLexicon:
    """Read and index a numbers YAML file (``lexicon()`` caches the packaged one).

    Month names come from months.yaml: a 4-digit number right after one is a year.
    """
    raw = load_yaml(path.read_text(encoding="utf-8"))
    roles: dict[str, dict[str, int]] = {}

    def put(words: list[str], role: str, value: int) -> None:
        for w in words:
            roles.setdefault(fold_phrase(w), {})[role] = value

    for value, words in raw["units"].items():
        put(words, UNIT, int(value))
    put(raw["ten"], TEN, 10)
    for value, words in raw["teen_heads"].items():
        put(words, TEEN_HEAD, int(value))
    for value, words in raw["tens"].items():
        put(words, TENS, int(value))
    for value, words in raw["hundreds"].items():
        put(words, HUNDREDS, int(value))
    put(raw["hundred_word"], HUNDRED_WORD, 100)
    plural_scales: dict[str, int] = {}
    for value, forms in raw["scales"].items():
        put(forms["one"], SCALE_ONE, int(value))
        put(forms["two"], SCALE_TWO, int(value))
        put(forms["plural"], SCALE_PLURAL, int(value))
        plural_scales.update({fold_phrase(w): int(value) for w in forms["plural"]})

    put(raw.get("duals") or [], DUAL, 2)

    first = int(raw.get("article_units_from", 3))
    article_ok = {w for w, r in roles.items()
                  if r.get(UNIT, 0) >= first or TEN in r or TENS in r or DUAL in r}

    grouped: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    flags: dict[str, tuple[bool, bool]] = {}
    for row in raw["vague"]:
        head, *tail = fold_phrase(row["phrase"]).split()
        grouped.setdefault(head, []).append((tuple(tail), int(row["value"])))
        mult, art = flags.get(head, (False, False))
        flags[head] = (mult or bool(row.get("multiplier")), art or bool(row.get("article")))
        if not tail and "scale" in row:  # عدة مئات: a vague plural counted like a scale
            plural_scales[head] = int(row["scale"])
    vague = {
        head: VagueEntry(tuple(sorted(rows, key=lambda r: -len(r[0]))), *flags[head])
        for head, rows in grouped.items()
    }
    article_ok |= {head for head, entry in vague.items() if entry.article}

    clitics = r"[وف]?[بلك]?(?:ال|ل)?"
    anchor = re.compile(
        rf"(?<![^\W_])(?P<pre>{clitics})(?P<w>{word_alternation(set(roles) | set(vague))})"
        r"(?![^\W_])|(?<![0-9])(?P<d>[0-9]+(?:[.,/:\-][0-9]+)*)"
    )
    ordinals = word_alternation({fold_phrase(w) for w in raw.get("ordinal_heads", [])})
    return NumberLexicon(
        roles=roles,
        article_ok=frozenset(article_ok),
        vague=vague,
        plural_scales=plural_scales,
        not_numbers=frozenset(fold_phrase(w) for w in raw.get("not_numbers", [])),
        anchor=anchor,
        approx_before=re.compile(
            rf"(?<![^\W_])[وفبلك]{{0,2}}(?P<p>{_phrases(raw['approx_before'])})"
            rf"{_SPACE}+(?:ال)?$"),
        approx_after=re.compile(
            rf"(?:{_SPACE}+[^\W\d_]+){{0,4}}?{_SPACE}+(?:{_phrases(raw['approx_after'])})"
            r"(?![^\W_])"),
        percent_after=re.compile(rf"{_SPACE}*(?:{_phrases(raw['percent_after'])})"),
        year_before=re.compile(
            rf"(?<![^\W_])[وفبلك]?(?:(?:{_phrases(raw['year_before'])}){_SPACE}+"
            rf"|(?:{word_alternation(_month_names(months))})\)?{_SPACE}*)$"),
        year_after=re.compile(rf"{_SPACE}*(?:{_phrases(raw['year_after'])})(?![^\W_])"),
        ordinal_before=re.compile(
            rf"(?<![^\W_])[وفبلك]{{0,2}}(?:ال)?(?:{ordinals})ه?{_SPACE}+$"),
    )


@cache
def lexicon() -> NumberLexicon:
    """The packaged lexicon, read on first use (never at import time)."""
    return load_lexicon()


# The next word (a run of letters) or digit group, on the same line.
_NEXT = re.compile(rf"{_SPACE}*([^\W\d_]+|[0-9]+(?:[.,][0-9]+)*)")
_LATIN = re.compile(r"[a-z]")
_LATIN_BEFORE = re.compile(r"[a-z]-?$")
_SLASH_AFTER = re.compile(rf"{_SPACE}*/{_SPACE}*[0-9]")
_SLASH_BEFORE = re.compile(rf"[0-9]{_SPACE}*/{_SPACE}*$")
_RA_DECIMAL = "ر"  # 2ر1: a decimal written with راء as the separator (Gulf press)
_DIGIT_GROUPS = re.compile(r"[.,]")

Word = tuple[int, int, str]  # start, end, text


class _Parser:
    """The number grammar over one stretch of folded text, read word by word."""

    def __init__(self, lex: NumberLexicon, text: str, end: int):
        self.lex = lex
        self.text = text
        self.end = end

    def word(self, pos: int) -> Word | None:
        m = _NEXT.match(self.text, pos, self.end)
        return None if m is None else (m.start(1), m.end(1), m.group(1))

    def joined(self, pos: int) -> Word | None:
        """The next word when و joins it (وعشرين or و عشرين), without the و."""
        w = self.word(pos)
        if w is None:
            return None
        s, e, word = w
        if word == "و":
            nxt = self.word(e)
            return nxt if nxt is not None and not nxt[2][0].isdigit() else None
        if len(word) > 1 and word[0] == "و":
            return s + 1, e, word[1:]
        return None

    def roles(self, word: str) -> dict[str, int]:
        return self.lex.roles.get(word, {})

    def below_hundred(self, word: str, e: int) -> tuple[int, int] | None:
        """unit [و tens] | unit-or-teen-head عشر | عشرة | tens: (value, end)."""
        roles = self.roles(word)
        if UNIT in roles or TEEN_HEAD in roles:
            nxt = self.word(e)
            if nxt is not None and TEN in self.roles(nxt[2]):
                return 10 + roles.get(UNIT, roles.get(TEEN_HEAD, 0)), nxt[1]
            if UNIT not in roles:
                return None
            joined = self.joined(e)
            if joined is not None and TENS in self.roles(joined[2]):
                return roles[UNIT] + self.roles(joined[2])[TENS], joined[1]
            return roles[UNIT], e
        if TEN in roles:
            return 10, e
        if TENS in roles:
            return roles[TENS], e
        return None

    def chunk(self, word: str, e: int) -> tuple[int, int] | None:
        """A count below 1000 in words (ثلاثمئة وخمسة وعشرون): (value, end)."""
        roles = self.roles(word)
        hundreds = roles.get(HUNDREDS)
        if hundreds is None and UNIT in roles:
            nxt = self.word(e)
            if nxt is not None and HUNDRED_WORD in self.roles(nxt[2]):
                hundreds, e = roles[UNIT] * 100, nxt[1]
        if hundreds is None:
            return self.below_hundred(word, e)
        joined = self.joined(e)
        if joined is not None:
            rest = self.below_hundred(joined[2], joined[1])
            if rest is not None:
                return hundreds + rest[0], rest[1]
        return hundreds, e

    def scale_after(self, e: int) -> tuple[int, int] | None:
        """A singular or plural scale word right after a count: (scale, end)."""
        nxt = self.word(e)
        if nxt is None:
            return None
        roles = self.roles(nxt[2])
        scale = roles.get(SCALE_ONE) or roles.get(SCALE_PLURAL)
        return (scale, nxt[1]) if scale else None

    def term(self, word: str, e: int) -> tuple[int, int, int] | None:
        """chunk [scale] | dual scale (ألفين) | lone singular scale (ألف) | dual noun
        (جنديين): (value, scale, end)."""
        roles = self.roles(word)
        if DUAL in roles:
            return roles[DUAL], 1, e
        if SCALE_TWO in roles:
            return 2 * roles[SCALE_TWO], roles[SCALE_TWO], e
        if SCALE_ONE in roles:
            return roles[SCALE_ONE], roles[SCALE_ONE], e
        got = self.chunk(word, e)
        if got is None:
            return None
        value, e = got
        scaled = self.scale_after(e)
        if scaled is not None:
            return value * scaled[0], scaled[0], scaled[1]
        return value, 1, e

    def more_terms(self, value: int, scale: int, e: int) -> tuple[int, int]:
        """Add و-joined terms of falling magnitude (ألف وخمسمئة، مليون وثلاثمئة ألف)."""
        while scale > 1:
            joined = self.joined(e)
            if joined is None:
                break
            nxt = self.term(joined[2], joined[1])
            if nxt is None or nxt[0] >= scale:
                break
            value += nxt[0]
            scale, e = nxt[1], nxt[2]
        return value, e

    def vague(self, word: str, e: int) -> tuple[int, int] | None:
        """A vague quantity starting with ``word`` (عدد من، عشرات الآلاف): (value, end)."""
        entry = self.lex.vague.get(word)
        if entry is None:
            return None
        for tail, value in entry.phrases:
            pos = e
            for expected in tail:
                nxt = self.word(pos)
                if nxt is None or nxt[2] != expected:
                    break
                pos = nxt[1]
            else:
                if not tail and entry.multiplier:
                    nxt = self.word(pos)
                    if nxt is not None:
                        w = nxt[2]
                        scale = self.lex.plural_scales.get(w)
                        if scale is None and w.startswith("ال"):
                            scale = self.lex.plural_scales.get(w[2:])
                        if scale is not None:
                            return value * scale, nxt[1]
                return value, pos
        return None


def _digits(token: str) -> tuple[float, bool] | None:
    """A digit group -> (value, is_decimal); None for dates, times, ratios and junk."""
    if "/" in token or ":" in token or "-" in token:
        return None
    parts = _DIGIT_GROUPS.split(token)
    head = parts[0]
    if len(head) > MAX_DIGITS or (len(head) > 1 and head[0] == "0"):
        return None
    if len(parts) == 1:
        return float(int(head)), False
    if len(head) <= 3 and head != "0" and all(len(p) == 3 for p in parts[1:]):
        if len(parts) > MAX_DIGITS // 3:
            return None
        return float(int("".join(parts))), False  # 1,500 / 1.500 / 1,500,000
    if len(parts) == 2 and len(parts[1]) <= 6:
        return float(f"{head}.{parts[1]}"), True
    return None


def _parse_digits(p: _Parser, m: re.Match[str], floor: int) -> tuple[int, int, int] | None:
    text, lex = p.text, p.lex
    start, e = m.span("d")
    if _LATIN_BEFORE.search(text, max(0, start - 2), start) or _LATIN.match(text, e):
        return None  # F16, F-16, MQ9: a model name, not a count
    if _SLASH_AFTER.match(text, e, p.end) or _SLASH_BEFORE.search(text, max(floor, start - 8),
                                                                   start):
        return None  # 21 / 10 / 1436: a date
    if text.startswith(_RA_DECIMAL, e) and text[e + 1:e + 2].isdigit() or (
            start > 1 and text[start - 1] == _RA_DECIMAL and text[start - 2].isdigit()):
        return None
    got = _digits(m.group("d"))
    if got is None:
        return None
    number, decimal = got
    scaled = p.scale_after(e)
    if scaled is not None:
        value, e = p.more_terms(round(number * scaled[0]), scaled[0], scaled[1])
        return start, e, value
    if decimal:
        return None
    value = int(number)
    if len(m.group("d")) == 4 and 1000 <= value <= 2999 and (
            lex.year_after.match(text, e, p.end)
            or lex.year_before.search(text, max(floor, start - 24), start)):
        return None  # عام 2014، آذار 2019، 1436هـ: a year
    return start, e, value


def _parse_words(p: _Parser, m: re.Match[str], floor: int) -> tuple[int, int, int, bool] | None:
    lex = p.lex
    pre, word = m.group("pre"), m.group("w")
    if pre + word in lex.not_numbers:
        return None
    # The regex takes the longest clitic run; واحد also reads as و + احد, so when that
    # split parses to nothing, give the clitic letters back to the word.
    for cut in range(len(pre), -1, -1):
        got = _parse_split(p, m, floor, pre[:cut], pre[cut:] + word)
        if got is not None:
            return got
    return None


def _parse_split(p: _Parser, m: re.Match[str], floor: int, pre: str, word: str
                 ) -> tuple[int, int, int, bool] | None:
    lex = p.lex
    if word not in lex.roles and word not in lex.vague:
        return None
    start = m.start("pre") + len(pre)
    if pre not in PREFIXES_BARE:
        if pre not in PREFIXES_WITH_ARTICLE or word not in lex.article_ok:
            return None
        start -= 2 if pre.endswith("ال") else 1  # the span keeps ال (or لل's second ل)
    e = m.end("w")
    term = p.term(word, e)
    if term is not None:
        roles = p.roles(word)
        if (TEN in roles or TENS in roles) and lex.ordinal_before.search(
                p.text, max(floor, m.start() - 16), m.start()):
            return None  # التاسع عشر، السادس والعشرين: part of an ordinal
        value, e = p.more_terms(*term)
        return start, e, value, False
    got = p.vague(word, e)
    if got is None:
        return None
    return start, got[1], got[0], True


def _parse_at(lex: NumberLexicon, text: str, m: re.Match[str], end: int, floor: int
              ) -> NumberMatch | None:
    p = _Parser(lex, text, end)
    vague = False
    if m.group("d") is not None:
        got = _parse_digits(p, m, floor)
        if got is None:
            return None
        start, e, value = got
    else:
        words = _parse_words(p, m, floor)
        if words is None:
            return None
        start, e, value, vague = words
    if lex.percent_after.match(text, e, end):
        return None
    approx = False
    before = lex.approx_before.search(text, max(floor, start - 40), start)
    if before is not None:
        approx, start = True, before.start("p")
    elif lex.approx_after.match(text, e, min(end, e + 80)):
        approx = True
    return NumberMatch(start, e, value, approx, vague, text[start:e])


def find_numbers(folded: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every quantity in ``folded[start:end]``, in order, spans not overlapping.

    ``folded`` is the output of ``fold()``; offsets are into it. Percentages, years
    (عام 2014، 2015م), dates (3/3/2019), times and decimals without a scale word are not
    quantities and are not returned.
    """
    lex = lexicon()
    end = len(folded) if end is None else max(0, min(end, len(folded)))
    start = max(0, start)
    out: list[NumberMatch] = []
    floor = start
    for m in lex.anchor.finditer(folded, start, end):
        if m.start() < floor:
            continue
        found = _parse_at(lex, folded, m, end, floor)
        if found is not None:
            out.append(found)
            floor = found.end
    return out


_SKIP_SPACE = re.compile(rf"{_SPACE}*")


def number_at(folded: str, pos: int, end: int | None = None) -> NumberMatch | None:
    """The quantity that starts at ``pos`` (after same-line spaces), or None.

    Lets dates.py read "منذ ثلاثة أيام" without scanning the whole sentence.
    """
    end = len(folded) if end is None else min(end, len(folded))
    lex = lexicon()
    at = _SKIP_SPACE.match(folded, pos, end).end()
    m = lex.anchor.match(folded, at, end)
    if m is None:
        return None
    return _parse_at(lex, folded, m, end, at)
