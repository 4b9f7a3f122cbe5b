"""Fatalities and injuries by the codebook's counting rules (CODEBOOK §6).

A figure counts when it sits next to a casualty word ("مقتل 5", "5 قتلى",
"سبعة من مقاتلي القوات أصيبوا"); vague quantities carry the codebook's values
(عدد من = 3, عشرات = 12, مئات = 100); the dead in the plural with no figure = 3;
"casualties" alone = 0. The toll is looked for in the event's sentence, then in the
next sentence of its paragraph, where reports usually give it.
"""

from __future__ import annotations

from hadath.article import Article, Event, Mention

# Characters between a casualty word and a figure for the two to belong together.
BEFORE_REACH = 28
AFTER_REACH = 24
MAX_COUNT = 100_000


def resolve_counts(article: Article, event: Event, index) -> None:
    sentences = [event.sentence]
    nxt = event.sentence + 1
    if nxt < len(article.sentences) and \
            article.sentences[nxt].paragraph == article.sentences[event.sentence].paragraph:
        sentences.append(nxt)
    for j in sentences:
        words = index.of("casualty", j)
        if not words:
            continue
        numbers = [n for n in index.of("number", j) if not _inside_date(n, index.of("date", j))]
        killed = _count(words, numbers, "killed")
        injured = _count(words, numbers, "injured")
        if killed is not None or injured is not None:
            event.fatalities = killed or 0
            event.injuries = injured
            return


def _inside_date(n: Mention, dates: list[Mention]) -> bool:
    return any(d.start <= n.start and n.end <= d.end for d in dates)


def _claims(words: list[Mention], numbers: list[Mention]) -> dict[int, tuple[int, int]]:
    """Each figure belongs to its nearest casualty word: id(word) -> (gap, value)."""
    claims: dict[int, tuple[int, int]] = {}
    for n in numbers:
        value = n.value.value
        if value <= 0 or value > MAX_COUNT:
            continue
        best: tuple[int, Mention] | None = None
        for w in words:
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
            if best is None or gap < best[0]:
                best = (gap, w)
        if best is not None:
            gap, w = best
            if id(w) not in claims or gap < claims[id(w)][0]:
                claims[id(w)] = (gap, value)
    return claims


def _count(words: list[Mention], numbers: list[Mention], kind: str) -> int | None:
    mine = [w for w in words if w.key == kind]
    if not mine:
        return None
    claims = _claims(words, numbers)
    figures = [claims[id(w)] for w in mine if id(w) in claims]
    if figures:
        return min(figures)[1]
    # no figure: the plural dead count 3, a singular one 1, "casualties" alone 0
    data = mine[0].value or {}
    if isinstance(data, dict):
        if "value" in data:
            return int(data["value"])
        if data.get("plural"):
            return 3
    return 1
