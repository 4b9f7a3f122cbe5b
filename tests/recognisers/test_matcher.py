"""The shared matcher: whole words, clitics, the article, open suffixes, longest match."""

import pytest

from hadath.recognisers.matcher import Entry, Matcher, longest

PATTERNS = [
    ("الجيش", Entry("actor", "army")),
    ("الحشد الشعبي", Entry("actor", "pmf")),
    ("الحشد", Entry("actor", "hashd")),
    ("هيت", Entry("place", "hit")),
    ("استهدف*", Entry("trigger", "attack")),
    ("داعش", Entry("actor", "is")),
]
MATCHER = Matcher(PATTERNS)


def keys(text):
    return [(h.entry.key, text[h.start:h.end]) for h in longest(MATCHER.find(text))]


@pytest.mark.parametrize("text,expected", [
    ("والجيش", [("army", "الجيش")]),
    ("للجيش", [("army", "جيش")]),
    ("بالجيش", [("army", "الجيش")]),
    ("فبالجيش", [("army", "الجيش")]),
    ("جيش", [("army", "جيش")]),
    ("وبهيت", [("hit", "هيت")]),
    ("الهيت", []),            # a name without the article takes none
    ("مهيت", []),             # inside another word
    ("هيتي", []),             # no open suffix
    ("استهدفتها", [("attack", "استهدفتها")]),
    ("والحشد الشعبي", [("pmf", "الحشد الشعبي")]),
    ("الحشد العشائري", [("hashd", "الحشد")]),
    ("لداعش", [("is", "داعش")]),
])
def test_matcher_clitics_and_boundaries(text, expected):
    assert keys(text) == expected


def test_matcher_finds_every_occurrence_in_order():
    text = "استهدف الجيش مواقع داعش قرب هيت ثم عاد الجيش"
    assert [k for k, _ in keys(text)] == ["attack", "army", "is", "hit", "army"]


def test_matcher_empty_lexicon_finds_nothing():
    assert Matcher([]).find("أي نص") == []


def test_matcher_article_required_pattern():
    m = Matcher([("=الميادين", Entry("attribution", "mayadeen"))])
    assert [h.entry.key for h in m.find("قالت قناة الميادين")] == ["mayadeen"]
    assert [h.entry.key for h in m.find("وللميادين")] == ["mayadeen"]
    assert m.find("في ميادين القتال") == []
