"""hadath (حدث): Arabic news in, ACLED-compatible conflict-event records out.

    >>> from hadath import Article, extract_records
    >>> extract_records(Article(id="a1", text="...", published=date(2019, 3, 3)))
"""

from hadath.article import Article

__all__ = ["Article", "extract_records", "process"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The pipeline loads knowledge lazily; importing hadath must stay cheap.
    if name in ("extract_records", "process"):
        from hadath import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
