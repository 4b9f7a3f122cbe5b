"""``hadath watch``: poll news feeds politely and ingest new articles as they appear.

    from hadath.watch import PoliteClient, Politeness, WatchState, Watcher
    with PoliteClient(Politeness(min_interval=5)) as client:
        Watcher(feeds, open_store("hadath.db"), WatchState("hadath.watch.db"), client).run(600)
"""

from hadath.watch.http import USER_AGENT, Fetched, HostLimiter, PoliteClient, Politeness
from hadath.watch.loop import FeedReport, Watcher, parse_duration, read_feed_list
from hadath.watch.state import WatchState

__all__ = ["USER_AGENT", "FeedReport", "Fetched", "HostLimiter", "PoliteClient", "Politeness",
           "WatchState", "Watcher", "parse_duration", "read_feed_list"]
