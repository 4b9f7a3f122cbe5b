"""Make raw input text fit to be an Article's text.

What goes: HTML remnants (tags, comments, script/style bodies; entities are
unescaped), control characters other than newline and tab, private-use characters
(old Arabic newspaper fonts leave them as bullets and ornaments), byte-order marks.
Line ends become LF.
What stays: everything a reader could see, including non-breaking spaces, bidi
marks and zero-width joiners, which matching ignores anyway (hadath.arabic.normalise folds them away).

The cleaned string *is* the article text: every evidence offset points into it.
"""

from __future__ import annotations

import html
import re

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote|pre|hr|title"
)
_SCRIPT = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<!DOCTYPE[^>]*>|<\?xml[^>]*\?>", re.I | re.S)
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:_-]*(?:\s+[^<>]*?)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTMLISH = re.compile(r"</?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?/?>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+\d*);|<!--")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_WS = re.compile(r"[ \t]+\n")


def looks_like_html(text: str) -> bool:
    """True when the text carries tags or character entities."""
    return _HTMLISH.search(text) is not None


def strip_html(text: str) -> str:
    """Tags out, block tags as line breaks, entities unescaped (last, so "&lt;b&gt;" stays text)."""
    text = _SCRIPT.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _TRAILING_WS.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text)


# C0/C1 controls but \t and \n, surrogates, private use (BMP and planes 15-16), BOMs.
_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufeff\ufffe"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def drop_unprintable(text: str) -> str:
    """``text`` without controls (but tab and newline), surrogates, private use and BOMs."""
    return _DROP.sub("", text)


def clean_text(text: str, html_input: bool | None = None) -> str:
    """Clean ``text`` (see the module docstring). ``html_input=None`` means detect."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if html_input or (html_input is None and looks_like_html(text)):
        text = strip_html(text)
    return _DROP.sub("", text)
