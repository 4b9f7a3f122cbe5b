"""Property tests: the fuzz targets' checks (fuzz/*.py) under hypothesis, on random and
mutated Arabic text seeded from real corpus sentences.

atheris (test_atheris.py) explores by coverage; these run the same oracles in every
test run, deterministically (``derandomize``), with inputs shaped to hit the grammar.
"""

from __future__ import annotations

import sys
from datetime import date
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import REPO, load_local

sys.path.insert(0, str(REPO / "fuzz"))

import fuzz_dates  # noqa: E402
import fuzz_extract  # noqa: E402
import fuzz_normalise  # noqa: E402
import fuzz_numbers  # noqa: E402
import fuzz_readers  # noqa: E402
import fuzzkit  # noqa: E402

nasty = load_local("nasty")
SETTINGS = settings(derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# What hostile text is made of: invisible marks, control characters, lone surrogates,
# huge digit runs, words the number and date grammars react to, markup, odd scripts.
HOSTILE = ["\u200f", "\u200e", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00",
           "\ud800", "\udfff", "\ue000", "ـ", "\u0651\u064e", "٣" * 60, "9" * 400, "0" * 30,
           "شباط", "31", "30 فبراير", "أمس", "قبل", "منذ", "يوما", "عام", "قتل", "مقتل",
           "ألف", "مليون", "عشرات", "و", "هـ", "/", "-", "،", ".", "\n", "\n\n", "<script>",
           "</p>", "&amp;", "İ", "ß", "ﷲ", "ﻻ", "\U0001f600", "𝟗", "Ⅻ", "١٤٤٠"]


@cache
def sentences() -> tuple[str, ...]:
    return tuple(fuzzkit.corpus_sentences(300)) + (nasty.REPORT,)


@st.composite
def mutated(draw: st.DrawFn, hostile: bool = True) -> str:
    """A corpus sentence (or two) with a few insertions, cuts and splices."""
    text = draw(st.sampled_from(sentences()))
    if draw(st.booleans()):
        text += " " + draw(st.sampled_from(sentences()))
    chars = list(text)
    for _ in range(draw(st.integers(0, 8))):
        pos = draw(st.integers(0, len(chars)))
        op = draw(st.sampled_from(["insert", "cut", "replace", "splice"]))
        if op == "insert":
            piece = draw(st.sampled_from(HOSTILE) if hostile else st.sampled_from(HOSTILE[10:]))
            chars[pos:pos] = list(piece)
        elif op == "cut":
            del chars[pos:pos + draw(st.integers(1, 12))]
        elif op == "replace" and chars:
            chars[min(pos, len(chars) - 1)] = chr(draw(st.integers(0x600, 0x6FF)))
        else:
            other = draw(st.sampled_from(sentences()))
            a = draw(st.integers(0, len(other)))
            chars[pos:pos] = list(other[a:a + draw(st.integers(1, 40))])
    return "".join(chars)


ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
PUBLISHED = st.one_of(st.none(), st.dates(), st.dates(date(2000, 1, 1), date(2030, 12, 31)))


@SETTINGS
@given(st.one_of(mutated(), ANY_TEXT))
def test_normaliser_offsets_map_back(text: str):
    fuzz_normalise.check(text)


@SETTINGS
@given(mutated(), st.one_of(ANY_TEXT, st.just("")))
def test_numbers_never_raise_and_spans_are_sound(text: str, tail: str):
    fuzz_numbers.check(text + tail)


@SETTINGS
@given(mutated(), PUBLISHED)
def test_dates_never_raise_at_any_publication_date(text: str, published: date | None):
    fuzz_dates.check(text, published)


def test_dates_and_numbers_on_extreme_literals():
    """The literal cases of the brief, at the edges of the calendar."""
    texts = ["قتل ثلاثة في 31 شباط 2019", "قتل " + "٩" * 1_000_000 + " شخصا",
             "منذ 99999999999 يوما", "في 31 كانون الأول 9999", "في 1 رمضان 99999 هـ"]
    for published in (None, date.min, date(1, 1, 8), date(2019, 3, 3), date.max):
        for text in texts:
            fuzz_dates.check(text, published)
    for text in texts:
        fuzz_numbers.check(text)


@st.composite
def damaged_file(draw: st.DrawFn) -> bytes:
    """A seed file of some format with bytes flipped, cut and inserted."""
    data = bytearray(draw(st.sampled_from(reader_seeds())))
    for _ in range(draw(st.integers(0, 10))):
        pos = draw(st.integers(1, max(len(data) - 1, 1)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "ext"]))
        if op == "flip" and len(data) > 1:
            data[pos % len(data)] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "insert":
            data[pos:pos] = draw(st.one_of(st.binary(min_size=1, max_size=8),
                                           st.sampled_from(HOSTILE).map(
                                               lambda s: s.encode("utf-8", "surrogatepass"))))
        elif data:
            data[0] = draw(st.integers(0, 255))  # the same bytes under another name
    return bytes(data)


@cache
def reader_seeds() -> tuple[bytes, ...]:
    return tuple(fuzz_readers.seeds(22))


@settings(SETTINGS, max_examples=150)
@given(damaged_file())
def test_readers_turn_any_file_into_articles_or_errors(data: bytes):
    fuzz_readers.test_one_input(data)


@settings(SETTINGS, max_examples=120)
@given(mutated(), PUBLISHED)
def test_whole_extract_on_mutated_arabic(text: str, published: date | None):
    """No crash at any publication date; records valid, evidence exact, never dated
    after publication."""
    fuzz_extract.check(fuzz_extract.drop_unprintable(text), published)


def test_pipeline_survives_any_publication_date():
    """Year 1 and year 9999 (POST /api/ingest passes any date) once overflowed
    stages/resolve.py's date arithmetic."""
    for published in (date.min, date(1, 1, 5), date.max):
        fuzz_extract.check(nasty.REPORT, published)


@cache
def report_records() -> str:
    from hadath.article import Article
    from hadath.pipeline import extract_records

    art = Article(id="report", text=nasty.REPORT, published=date(2019, 3, 4), outlet="x")
    return repr(extract_records(art))


@settings(SETTINGS, max_examples=60)
@given(st.lists(st.tuples(mutated(), PUBLISHED), min_size=1, max_size=3))
def test_a_hostile_article_leaves_the_next_one_alone(hostile):
    """The pipeline keeps no state between articles: after any hostile articles, a good
    one gets exactly the records it gets alone (the pipeline half of 'other records
    intact'; the CLI half is test_nasty_inputs.py)."""
    from hadath.article import Article
    from hadath.pipeline import extract_records

    expected = report_records()
    for i, (text, published) in enumerate(hostile):
        try:
            extract_records(Article(id=f"h{i}", text=text, published=published))
        except Exception:  # noqa: BLE001, S110 - a crash is another test's business
            pass
        art = Article(id="report", text=nasty.REPORT, published=date(2019, 3, 4), outlet="x")
        assert repr(extract_records(art)) == expected
