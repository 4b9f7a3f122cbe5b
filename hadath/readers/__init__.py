"""Input readers: files, directories, stdin, feeds, web pages and web archives → Articles.

    from hadath.readers import iter_articles, ReadError
    errors: list[ReadError] = []
    for article in iter_articles(["corpus/", "seed.txt", "-"], errors.append):
        ...

Formats by extension (``.gz`` looked through) or content: plain text in the
newspaper layout (.txt), JSON Lines (.jsonl), JSON (.json), CSV/TSV, HTML pages
(.html), RSS/Atom feeds (.xml/.rss/.atom), WARC/ARC web archives. Bad input never
raises: each problem is one ``ReadError(origin, message)`` given to ``on_error``.
"""

from hadath.readers.base import MAX_CHARS, ReadError, article_id
from hadath.readers.dispatch import format_of, iter_articles, read_file

__all__ = ["MAX_CHARS", "ReadError", "article_id", "format_of", "iter_articles", "read_file"]
