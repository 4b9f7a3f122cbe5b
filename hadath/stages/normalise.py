"""Stage: fold the article text for matching, keeping the map back to the original."""

from __future__ import annotations

from hadath.arabic.normalise import normalise as normalise_text
from hadath.article import Article


def normalise(article: Article) -> Article:
    article.normalised = normalise_text(article.text)
    return article
