"""Fatalities and injuries by the codebook's counting rules (CODEBOOK §6, §10).

A figure counts when it sits next to a casualty word ("مقتل 5", "5 قتلى",
"سبعة من مقاتلي القوات أصيبوا"); vague quantities carry the codebook's values
(عدد من = 3, عشرات = 12, مئات = 100); the dead in the plural with no figure = 3, in the
dual ("لقيا حتفهما") = 2; "casualties" alone = 0; one figure for both dead and wounded
("مقتل وإصابة العشرات") says only that there were dead: 3.

The figures of one sentence for different groups add up ("خسرت ثمانية ... فيما قتل 42"
= 50), except a sub-count ("10 أشخاص بينهم 3 أطفال", "أربعة من بين القتلى"), a definite
numeral that refers back to a figure already given ("القتلى الخمسة"), and the attackers
themselves ("المهاجمين الأربعة قتلوا"), who count only when the article adds them
("15 قتيلا إضافة إلى الانتحاري"). A span of days the text states ("خلال اليومين
الماضيين", "لليوم الثاني على التوالي") is noted on the event: resolve makes one event
per day and shares the toll out evenly (§10).

The toll is looked for in the event's sentence, then in the next sentence of its
paragraph, where reports usually give it. Peaceful protests and protests met by
intervention have no fatalities by definition: a death they mention is their cause
("الغاضبين على استشهاد الصياد").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from hadath.arabic.normalise import fold
from hadath.article import Article, Event, Mention

# Characters between a casualty word and a figure for the two to belong together.
BEFORE_REACH = 28
AFTER_REACH = 24
MAX_COUNT = 100_000
# Characters between a figure and the same figure written again ("(15) خمسة عشر").
RESTATE_REACH = 4
# Characters between an attacker word and a figure for the figure to count him.
ATTACKER_REACH = 2

# Sub-event types that never carry fatalities (CODEBOOK §2: deaths make them another type).
NO_FATALITIES = {"Peaceful protest", "Protest with intervention"}

# A span longer than this is not shared out (the toll stays on one day).
MAX_SPAN_DAYS = 7
# Days in a span written in the dual ("خلال اليومين", "يومين ماضيين").
DUAL_DAYS = 2
# The definite article, optional before a span's words ("اليومين", "الساعات").
_AL = "(?:ال)?"
# The clitics that may be glued to a noun before a martyr's title ("بمعسكر الشهيد").
_NOUN_CLITICS = "[وب]?"


def _alternation(words: tuple[str, ...]) -> str:
    """Folded words or phrases as one regex group, in file order; a space matches any run."""
    return "(?:" + "|".join(_phrase(w) for w in words) + ")"


def _phrase(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split(" "))


@dataclass(frozen=True)
class _Grammar:
    """The resolver's patterns, assembled from data/counting.yaml (folded words)."""

    # a figure right after one of these counts part of a figure already given
    subcount_before: re.Pattern[str]
    # a casualty word right after these points into a figure already given ("من بين القتلى")
    among_before: re.Pattern[str]
    # what may stand between two figures joined by و: "3 جنود و5 مدنيين"
    joined: re.Pattern[str]
    joined_after_noun: re.Pattern[str]
    # a martyr's title after one of these names a place or unit ("معسكر الشهيد عمر ناجي")
    named_before: re.Pattern[str]
    # attacker words that are only a side in a battle unless made definite ("مسلحين")
    generic_attacker: re.Pattern[str]
    dual_suffixes: tuple[str, ...]
    dual_verbs: frozenset[str]
    # (pattern, days of a match) for spans stated in words
    span_patterns: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], int]], ...]
    # "لليوم الثاني على التوالي": also in span_patterns; detect reads it on its own
    consecutive: tuple[re.Pattern[str], Callable[[re.Match[str]], int]]
    # خلال ثلاثة أيام، الأيام الثلاثة الماضية، الساعات الثماني والأربعين الماضية
    span_number_before: re.Pattern[str]
    span_unit_after: re.Pattern[str]  # group "hours" when the unit is hours
    span_unit_before: re.Pattern[str]  # group "hours" when the unit is hours


@cache
def _grammar() -> _Grammar:
    from hadath.knowledge.lexicons import load_counting_words

    words = load_counting_words()
    spans = words.spans
    sub, sub_link = _alternation(words.subcount_markers), re.escape(words.subcount_linker)
    among, among_link = _alternation(words.among_markers), re.escape(words.among_linker)
    joiner = _alternation(words.figure_joiners)
    intro = _alternation(spans.intro)
    two_days = _alternation(spans.two_days)
    ordinals = dict(spans.ordinal_days)
    before, after = spans.consecutive
    day_units = _alternation(spans.day_units)
    hour_units = _alternation(spans.hour_units)
    # لليوم الثاني على التوالي
    consecutive = (re.compile(_phrase(before) + "(" + "|".join(map(re.escape, ordinals)) + ")"
                              + _phrase(after)),
                   lambda m: ordinals[m.group(1)])
    return _Grammar(
        subcount_before=re.compile(
            rf"(?:{sub_link}\s+)?{sub}(?:\s+{sub_link})?\s*$"),
        among_before=re.compile(rf"(?:^|\s)(?:{among_link}\s+)?{among}\s*$"),
        joined=re.compile(rf"\s*{joiner}\s*"),
        joined_after_noun=re.compile(rf"\s+[^\s\d]+\s+{joiner}\s*"),
        named_before=re.compile(
            rf"(?:^|\s){_NOUN_CLITICS}{_alternation(words.named_after_nouns)}\s+$"),
        generic_attacker=re.compile(_alternation(words.side_attacker_stems)),
        dual_suffixes=words.dual_suffixes,
        dual_verbs=frozenset(words.dual_verbs),
        span_patterns=(
            # خلال اليومين الماضيين، على مدى يومين
            (re.compile(rf"{intro}\s+{_AL}{two_days}|{_AL}{two_days}\s+{_AL}"
                        rf"{_alternation(spans.recent)}"),
             lambda m: DUAL_DAYS),
            consecutive,
        ),
        consecutive=consecutive,
        span_number_before=re.compile(rf"{intro}\s+{_AL}$"),
        span_unit_after=re.compile(
            rf"\s*(?:{day_units}|(?P<hours>{_AL}{hour_units}))"),
        span_unit_before=re.compile(
            rf"(?:{intro}\s+)?(?:{_alternation(spans.day_units_before)}|"
            rf"(?P<hours>{_alternation(spans.hour_units_before)}))\s+$"),
    )


def resolve_counts(article: Article, event: Event, index) -> None:
    sentences = [event.sentence]
    nxt = event.sentence + 1
    if nxt < len(article.sentences) and \
            article.sentences[nxt].paragraph == article.sentences[event.sentence].paragraph:
        sentences.append(nxt)
    event.span_days = _span_days(article, index, {event.sentence})
    for j in sentences:
        toll = _toll(article, index, j, event.trigger, _rivals(article, event, j))
        if toll is None:
            continue
        # the toll of the whole span; resolve shares it out over the days
        event.fatalities, event.injuries = toll
        if j != event.sentence:  # the toll's own sentence may state the span
            event.span_days = max(event.span_days, _span_days(article, index, {j}))
        break
    if event.sub_event_type in NO_FATALITIES:
        event.fatalities = 0


def _rivals(article: Article, event: Event, j: int) -> list[Mention]:
    """Triggers of the other events reported in sentence ``j``, besides this one's."""
    if j != event.sentence:
        return []
    return [e.trigger for e in article.events
            if e.sentence == j and e is not event and e.trigger is not event.trigger
            and (e.trigger.start, e.trigger.end) != (event.trigger.start, event.trigger.end)]


def _distance(a: Mention, b: Mention) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _toll(article: Article, index, j: int, trigger: Mention | None = None,
          rivals: list[Mention] | None = None) -> tuple[int, int | None] | None:
    """(fatalities, injuries) stated in sentence ``j``, or None when it states none.

    With ``rivals`` (the triggers of other events in the sentence), a casualty word
    nearer to one of them than to this event's trigger is that event's toll.
    """
    folded = article.normalised.text if article.normalised is not None else ""
    words = [w for w in index.of("casualty", j) if not _among(folded, w) and not _named(folded, w)]
    if trigger is not None and rivals and words:
        rivals = [r for r in rivals if not any(_distance(r, w) == 0 for w in words)]
        words = [w for w in words
                 if all(_distance(w, trigger) <= _distance(w, r) for r in rivals)]
    if not words:
        return None
    dates = index.of("date", j)
    numbers = [n for n in index.of("number", j) if not _inside_date(n, dates)]
    attackers = index.of("attacker", j)
    numbers = [n for n in numbers if not _attacker_figure(folded, n, attackers)]
    claims = _claims(words, numbers, folded)
    killed = _count(words, claims, folded, "killed")
    injured = _count(words, claims, folded, "injured")
    if killed is None and injured is None:
        return None
    killed = killed or 0
    if killed and attackers:
        killed += _attackers_added(folded, attackers)
    return killed, injured


def _inside_date(n: Mention, dates: list[Mention]) -> bool:
    return any(d.start <= n.start and n.end <= d.end for d in dates)


def _among(folded: str, w: Mention) -> bool:
    """"أربعة من بين القتلى": the word points into a toll given elsewhere."""
    return bool(folded) and _grammar().among_before.search(
        folded, max(0, w.nstart - 10), w.nstart) is not None


def _named(folded: str, w: Mention) -> bool:
    return bool(folded) and _grammar().named_before.search(
        folded, max(0, w.nstart - 12), w.nstart) is not None


def _attacker_figure(folded: str, n: Mention, attackers: list[Mention]) -> bool:
    """A figure that counts the attackers themselves ("المهاجمين الأربعة", "4 انتحاريين")."""
    for a in attackers:
        if n.nend <= a.nstart:
            gap = a.nstart - n.nend
        elif a.nend <= n.nstart:
            gap = n.nstart - a.nend
        else:
            gap = 0
        if gap > ATTACKER_REACH:
            continue
        text = folded[a.nstart:a.nend] if folded else fold(a.text)
        if _grammar().generic_attacker.search(text) and not (
                a.nend <= n.nstart and text.startswith("ال")):
            continue  # "قتل 3 مسلحين": fighters killed in a battle count
        return True
    return False


@cache
def _added_phrases() -> re.Pattern[str] | None:
    from hadath.knowledge.lexicons import load_casualty_words

    phrases = sorted({" ".join(fold(p).split()) for p in load_casualty_words().attacker_added},
                     key=len, reverse=True)
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![^\W_])(?:{alts})$")


def _attackers_added(folded: str, attackers: list[Mention]) -> int:
    """"15 قتيلا إضافة إلى الانتحاري": the article itself adds the attacker (§10)."""
    pattern = _added_phrases()
    if pattern is None or not folded:
        return 0
    return sum(1 for a in attackers
               if pattern.search(folded, max(0, a.nend - 40), a.nend) is not None)


def _claims(words: list[Mention], numbers: list[Mention], folded: str = ""
            ) -> dict[int, list[Mention]]:
    """Figures paired with casualty words, closest pairs first, each used once:
    id(word) -> its figures. A figure joined by و to a paired one ("مقتل 3 جنود و5
    مدنيين") goes with the same word."""
    pairs: list[tuple[int, int, int]] = []
    usable = _restatements_dropped([n for n in numbers if 0 < n.value.value <= MAX_COUNT])
    for i, n in enumerate(usable):
        mine: list[tuple[int, int, bool]] = []
        for k, w in enumerate(words):
            if n.end <= w.start:
                gap = w.start - n.end
                if gap > BEFORE_REACH:
                    continue
            elif n.start >= w.end:
                gap = n.start - w.end
                if gap > AFTER_REACH:
                    continue
            else:
                gap = 0
            mine.append((gap, k, n.end <= w.start))
        # a figure goes to a word after it ("15 قتيلا") only when that is its nearest word;
        # to a word before it ("خسرت ... ثمانية") also when a nearer word is taken
        nearest = min(mine)[1] if mine else None
        pairs += [(gap, i, k) for gap, k, before in mine if not before or k == nearest]
    pairs.sort()
    owner: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, k in pairs:
        if i not in owner and k not in taken:
            owner[i] = k
            taken.add(k)
    for i, n in enumerate(usable):
        if i in owner or i == 0 or i - 1 not in owner or not folded:
            continue
        prev = usable[i - 1]
        between = (prev.nend, n.nstart)
        grammar = _grammar()
        if grammar.joined.fullmatch(folded, prev.nend, n.nstart) is None and not (
                grammar.joined_after_noun.fullmatch(folded, prev.nend, n.nstart)
                and not any(between[0] <= w.nstart < between[1] for w in words)):
            continue
        owner[i] = owner[i - 1]
    claims: dict[int, list[Mention]] = {}
    for i, k in sorted(owner.items()):
        claims.setdefault(id(words[k]), []).append(usable[i])
    return claims


def _restatements_dropped(numbers: list[Mention]) -> list[Mention]:
    """"(15) خمسة عشر": a figure written again in words right after its digits is one figure."""
    out: list[Mention] = []
    for n in numbers:
        if out and out[-1].value.value == n.value.value and n.start - out[-1].end <= RESTATE_REACH:
            continue
        out.append(n)
    return out


def _subcount(folded: str, n: Mention) -> bool:
    return bool(folded) and _grammar().subcount_before.search(
        folded, max(0, n.nstart - 16), n.nstart) is not None


def _definite(n: Mention) -> bool:
    """"الخمسة": a definite numeral refers back to people already counted."""
    value = n.value
    return not value.vague and value.text.startswith("ال")


def _both(w: Mention) -> bool:
    return isinstance(w.value, dict) and bool(w.value.get("both"))


def _count(words: list[Mention], claims: dict[int, list[Mention]], folded: str,
           kind: str) -> int | None:
    mine = [w for w in words if w.key == kind]
    if not mine:
        return None
    proper = [w for w in mine if not _both(w)]
    figures = [n for w in proper for n in claims.get(id(w), [])]
    counted = [n for n in figures if not _subcount(folded, n)] or figures
    if len(counted) > 1:
        counted = [n for n in counted if not _definite(n)] or counted[:1]
    if counted:
        return sum(n.value.value for n in {id(n): n for n in counted}.values())
    if not proper:
        return 3  # "مقتل وإصابة العشرات": dead among them, no figure of their own (§6)
    # no figure: the dual dead count 2, the plural 3, a singular one 1, "casualties" 0
    data = [w.value if isinstance(w.value, dict) else {} for w in proper]
    if any(d.get("plural") for d in data):
        return 3
    if any(_dual(folded, w) for w in proper):
        return 2
    if all("value" in d for d in data):
        return min(int(d["value"]) for d in data)
    return 1


def _dual(folded: str, w: Mention) -> bool:
    text = folded[w.nstart:w.nend] if folded else fold(w.text)
    last = text.split()[-1] if text.split() else ""
    grammar = _grammar()
    return last.endswith(grammar.dual_suffixes) or text in grammar.dual_verbs


def _span_days(article: Article, index, sentences: set[int]) -> int:
    """Days a toll in these sentences covers, by a span they state (1 when none)."""
    days = 1
    for j in sentences:
        s = article.sentences[j]
        text = fold(article.text[s.start:s.end])
        for pattern, value in _grammar().span_patterns:
            m = pattern.search(text)
            if m is not None:
                days = max(days, value(m))
        days = max(days, _numbered_span(text))
    return days if days <= MAX_SPAN_DAYS else 1


def consecutive_days(folded: str) -> int:
    """N for "لليوم الثاني على التوالي" (the Nth day running) in folded text, else 0."""
    pattern, value = _grammar().consecutive
    m = pattern.search(folded)
    return value(m) if m is not None else 0


def _numbered_span(text: str) -> int:
    """"خلال ثلاثة أيام", "الأيام الثلاثة الماضية", "الساعات الثماني والأربعين": days."""
    from hadath.recognisers.numbers import find_numbers

    grammar = _grammar()
    best = 1
    for n in find_numbers(text):
        after = grammar.span_unit_after.match(text, n.end)
        if after is not None and grammar.span_number_before.search(
                text, max(0, n.start - 12), n.start):
            unit = after
        else:
            before = grammar.span_unit_before.search(text, max(0, n.start - 20), n.start)
            if before is None:
                continue
            unit = before
        hours = unit.group("hours") is not None
        days = n.value // 24 if hours else n.value
        if hours and n.value % 24:
            continue
        best = max(best, days)
    return best
