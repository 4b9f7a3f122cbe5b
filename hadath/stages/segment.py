"""Stage: split the article into sentences with offsets into the original text.

Arabic newswire ends sentences with '.', '؟', '!' or a line break, often followed by a
closing quote; decimals (2.5) and abbreviations with digits must not split. Every
sentence remembers its paragraph, because context (a date, a place) usually carries
within a paragraph and rarely across one.
"""

from __future__ import annotations

import re

from hadath.article import Article, Sentence

# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by
# whitespace, or at a line break. A dot between digits is a decimal point. Web copy also
# glues the next sentence to the stop ("في كييف.كما أعلن"): a stop between an Arabic word
# of three letters or more and an Arabic letter ends the sentence too ("د.محمد" does not).
_BOUNDARY = re.compile(r"(?<!\d)[.!?؟…]+[\"'»”)\]]*(?=\s)|(?<=\d)[.!?؟…]+(?=\s)|\n+"
                       r"|(?<=[\u0621-\u064A]{3})[.!?؟]+(?=[\u0621-\u064A])")


def segment(article: Article) -> Article:
    text = article.text
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for m in _boundaries(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add(sentences, text, start, end, paragraph)
        if "\n" in m.group():
            paragraph += 1
        start = m.end()
    _add(sentences, text, start, len(text), paragraph)
    article.sentences = sentences
    return article


_CANDIDATE = re.compile(r"[.!?؟…\n]")


def _boundaries(text: str):
    """_BOUNDARY.finditer(text), tried only where a boundary can start: the regex opens
    with a lookbehind, so scanning every position with it is several times slower."""
    last = 0
    for c in _CANDIDATE.finditer(text):
        p = c.start()
        if p < last:
            continue
        m = _BOUNDARY.match(text, p)
        if m is not None:
            yield m
            last = m.end()


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    # trim surrounding whitespace so evidence spans start and end on characters
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        sentences.append(Sentence(len(sentences), start, end, paragraph))
