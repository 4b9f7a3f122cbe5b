"""Stage: find every place, actor, trigger, cue, number and date in the article.

All lexicons share one automaton (``hadath.knowledge.bundle``), so the folded text is
scanned once. Numbers and dates have grammars of their own (``hadath.recognisers``).
Everything found becomes a ``Mention`` with offsets into the original text and the
index of its sentence; later stages only ever read mentions.
"""

from __future__ import annotations

from bisect import bisect_right

from hadath.article import Article, Mention
from hadath.knowledge.bundle import BLOCKED, load_bundle
from hadath.knowledge.lexicons import load_place_context
from hadath.recognisers.dates import find_dates
from hadath.recognisers.matcher import Entry, Hit, longest
from hadath.recognisers.numbers import find_numbers

# Kinds whose hits hide a place name they overlap (the place is part of a name:
# "جيش العراق", "طريق بغداد"... is still a place, but "الحشد" in an actor is not).
_MASKS_PLACES = {"actor", "generic", "trigger", "attribution", "cue", "casualty"}
# A generic phrase or nationality inside a named actor ("قوات سوريا الديمقراطية") is part
# of that name; inside a trigger ("مقتل مدنيين") it still names who was hit.
# A cue inside an actor's name ("الحركة الشعبية لتحرير السودان") is part of the name.
_MASKED_BY = {"place": _MASKS_PLACES, "country": _MASKS_PLACES,
              "generic": {"actor", "attribution"}, "nationality": {"actor", "attribution"},
              "cue": {"actor", "attribution"}}


def recognise(article: Article) -> Article:
    bundle = load_bundle()
    norm = article.normalised
    assert norm is not None, "normalise must run before recognise"
    folded = norm.text
    starts = [s.start for s in article.sentences]

    def sentence_of(original_offset: int) -> int:
        return max(0, bisect_right(starts, original_offset) - 1)

    hits = _drop_masked_places(longest(bundle.matcher.find(folded)))
    hits = [h for h in hits if h.entry.key != BLOCKED
            and not (h.entry.kind == "place" and _false_place(folded, h, bundle))
            and not (h.entry.kind in ("place", "country") and _not_a_scene(folded, h.start))]
    hits += _stop_places_after_nouns(folded, hits, bundle.gazetteer)
    mentions: list[Mention] = []
    for h in hits:
        start, end = norm.span_to_original(h.start, h.end)
        e = h.entry
        mentions.append(Mention(e.kind, e.key, start, end, article.text[start:end],
                                sentence_of(start), h.start, h.end, e.data, e.strength))
    for n in find_numbers(folded):
        start, end = norm.span_to_original(n.start, n.end)
        mentions.append(Mention("number", "vague" if n.vague else "count", start, end,
                                article.text[start:end], sentence_of(start), n.start, n.end, n))
    for d in find_dates(folded, article.published):
        start, end = norm.span_to_original(d.start, d.end)
        mentions.append(Mention("date", d.kind, start, end, article.text[start:end],
                                sentence_of(start), d.start, d.end, d))
    mentions.sort(key=lambda m: (m.start, m.end))
    article.mentions = mentions
    return article


def _word_start(folded: str, start: int) -> int:
    """Where the word holding ``start`` begins: a name's glued clitics lie between."""
    while start > 0 and folded[start - 1].isalnum():
        start -= 1
    return start


def _false_place(folded: str, hit: Hit, bundle) -> bool:
    """Place names that are really something else in this position."""
    word_start = _word_start(folded, hit.start)
    prefix = folded[word_start:hit.start]
    if prefix.endswith("ك"):
        return True  # كبيرة is not ك + بيرة: the simile clitic almost never precedes a town
    gaz = bundle.gazetteer
    with_article = folded.startswith("ال", hit.start) or prefix.endswith("لل")
    if not with_article and gaz.needs_article(hit.entry.key):
        return True  # قائم is an everyday word; only القائم is the town
    key = hit.entry.key
    if not with_article and key.startswith("ال") and gaz.is_stop_place(key[2:]):
        return True  # "عقبة ثرة" is a pass (عقبة, a stop word), not Aqaba (العقبة)
    if _outlet_name(folded, hit, prefix):
        return True
    return _after_person_name(folded, hit.start, bundle)


def _not_a_scene(folded: str, start: int) -> bool:
    """A name after "المدعومون من" or "الموالية ل" is an actor's backer, not a scene:
    "استهدف المتمردون المدعومون من إيران منشآت" happened in Saudi Arabia. A name after
    the "إلى" of a verb of fleeing or carrying is a destination ("فرت ... واتجهت إلى
    محافظة البيضاء"), and names after "يضم" are members of a list."""
    word_start = _word_start(folded, start)
    prefix = folded[word_start:start]
    before = folded[max(0, word_start - LOOK_BEFORE):word_start].split()
    context = load_place_context()  # data/place_context.yaml
    if prefix == "ل":
        return bool(before) and before[-1] in context.patron_words
    if not prefix and len(before) >= 2 and before[-1] == "من" and (
            before[-2] in context.patron_words or before[-2].lstrip("و") in context.launch_verbs):
        return True  # a backer ("المدعومون من إيران") or an origin ("أطلقت من العراق")
    if not prefix and len(before) >= 2 and before[-2:] == ["من", "قبل"]:
        return True  # the one who acted: "هجوم من قبل إيران"
    near = before[-MEMBER_REACH:]
    member = max((i for i, w in enumerate(near) if w in context.member_words), default=None)
    if member is not None and not _LOCATIVE & set(near[member:]):
        return True  # "الذي يضم أربع محافظات هي عدن والضالع", not "يضم مقرات في السليمانية"
    near = before[-TO_REACH:]
    to = max((i for i, w in enumerate(near) if w in _TO), default=None)
    if to is None or _BREAKS & set(near[to + 1:]):
        return False  # "نقلوا الأسرى إلى صنعاء قبل سقوط قاعدة العند": the base is no destination
    gone = before[:len(before) - len(near) + to]
    return any(w.lstrip("و") in context.destination_verbs for w in gone[-VERB_REACH:])


# Folded function words: إلى; words that end the phrase it governs; the locative في.
_TO = {"الي", "الى"}
_BREAKS = {"قبل", "بعد", "منذ", "حيث", "عندما", "حين", "ثم", "لكن", "بينما", "فيما"}
_LOCATIVE = {"في", "داخل"}
LOOK_BEFORE = 120  # characters read before a place name
TO_REACH = 4  # words between "إلى" and the place ("إلى مستشفى زيف في صفد")
VERB_REACH = 8  # words between the verb and its "إلى"
MEMBER_REACH = 5  # words between "يضم" and a listed place


_OPEN_QUOTES = "«\"“'"
_CLOSE_QUOTES = "»\"”'"


def _outlet_name(folded: str, hit: Hit, prefix: str) -> bool:
    """A place name that is an outlet's: quoted after a glued ل ('قال ل"الرياض"',
    'لـ«اليوم»'), or after صحيفة/جريدة/وكالة...: the paper the source spoke to."""
    start = hit.start
    if not prefix and start >= 2 and folded[start - 1] in _OPEN_QUOTES \
            and folded[start - 2] == "ل" and (start < 3 or not folded[start - 3].isalnum()):
        return hit.end < len(folded) and folded[hit.end] in _CLOSE_QUOTES
    before = folded[:start - len(prefix)].rstrip(" " + _OPEN_QUOTES)
    word = before[before.rfind(" ") + 1:]
    return word in load_place_context().outlet_nouns  # صحيفة، وكالة (data/place_context.yaml)


# Words of a name read after a settlement noun (data/place_context.yaml).
_NAME_WORDS = 3


def _stop_places_after_nouns(folded: str, hits: list[Hit], gaz) -> list[Hit]:
    """A stop-listed name (an everyday word elsewhere: كتف shoulder, إب) right after the bare
    construct noun of a settlement is the place ("مديرية «كتف»", not "المدينة الخميس")."""
    settlement_nouns = load_place_context().settlement_nouns
    taken = [(h.start, h.end) for h in hits if h.entry.kind in ("place", "country", "actor")]
    out = []
    for h in hits:
        if h.entry.kind != "precision":
            continue
        noun = folded[h.start:h.end].split()[-1]
        if noun not in settlement_nouns:
            continue
        i = h.end
        while i < len(folded) and (folded[i] == " " or folded[i] in _OPEN_QUOTES):
            i += 1
        if i == h.end or any(s <= i < e for s, e in taken):
            continue
        words = []
        j = i
        for _ in range(_NAME_WORDS):
            k = j
            while k < len(folded) and folded[k].isalnum():
                k += 1
            if k == j:
                break
            words.append((folded[i:k], k))
            j = k + 1
            if k >= len(folded) or folded[k] != " ":
                break
        for name, end in reversed(words):
            if gaz.is_stop_place(name) and gaz.has_name(name):
                out.append(Hit(i, end, Entry("place", name)))
                taken.append((i, end))
                break
    return out


def _after_person_name(folded: str, start: int, bundle) -> bool:
    """"عدنان عفرين" is a man, not the town: a place right after a first name is a surname."""
    end = start - 1
    if end <= 0 or folded[end] != " ":
        return False
    begin = end
    while begin > 0 and folded[begin - 1].isalnum():
        begin -= 1
    word = folded[begin:end]
    return len(word) > 1 and word in bundle.first_names


def _drop_masked_places(hits: list[Hit]) -> list[Hit]:
    """A place hit inside a longer non-place hit is part of that name, not a place."""
    others = [h for h in hits if h.entry.kind in _MASKS_PLACES]
    if not others:
        return hits
    out = []
    for h in hits:
        if h.entry.kind in _MASKED_BY and any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            and o.entry.kind in _MASKED_BY[h.entry.kind]
            for o in others
        ):
            continue
        out.append(h)
    return out
