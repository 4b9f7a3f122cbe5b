"""``hadath serve``'s web layer: a REST API plus an offline map, over any ``Store``.

    >>> from hadath.api import create_app, ApiSettings
    >>> app = create_app(open_store("hadath.db"), ApiSettings(ingest_token=None))
"""

from hadath.api.app import create_app
from hadath.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
