"""``hadath watch`` on the command line, feed lists, durations, state file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hadath.cli.watch import command, default_state_path
from hadath.store import open_store
from hadath.watch import WatchState, parse_duration, read_feed_list

from .conftest import pipeline_available


@pytest.mark.skipif(not pipeline_available(), reason="hadath.pipeline not importable yet")
def test_watch_cli_once(site, tmp_path) -> None:
    site.standard()
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# Arabic outlets\n{site.base}/rss.xml  # al-mada\n\n{site.base}/atom.xml\n",
                     "utf-8")
    db = tmp_path / "h.db"
    runner = CliRunner()
    args = [str(feeds), "--db", str(db), "--once", "--min-interval", "0s"]
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    store = open_store(db)
    try:
        assert store.articles(None, 10, 0)[1] == 3
    finally:
        store.close()
    assert (tmp_path / "h.watch.db").exists()
    result = runner.invoke(command, args)
    assert result.exit_code == 0
    assert site.hits["/news/1.html"] == 1


def test_watch_cli_empty_feed_list(tmp_path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n", "utf-8")
    result = CliRunner().invoke(command, [str(feeds), "--db", str(tmp_path / "h.db"), "--once"])
    assert result.exit_code == 2


def test_watch_feed_list_and_durations(tmp_path) -> None:
    f = tmp_path / "feeds.txt"
    f.write_text("\ufeff# c\nhttp://a/x.xml\n  http://b/y#frag   # note\nhttp://a/x.xml\n", "utf-8")
    assert read_feed_list(f) == ["http://a/x.xml", "http://b/y#frag"]
    assert [parse_duration(s) for s in ("90", "30s", "10m", "1h", "1.5h", "1d")] == [
        90, 30, 600, 3600, 5400, 86400]
    try:
        parse_duration("ten minutes")
    except ValueError:
        pass
    else:
        raise AssertionError("bad duration accepted")
    assert default_state_path("data/hadath.db").as_posix() == "data/hadath.watch.db"
    assert default_state_path("sqlite:///x/y.db").as_posix() == "x/y.watch.db"


def test_watch_state_survives_reopen(tmp_path) -> None:
    with WatchState(tmp_path / "s.db") as s:
        s.mark_seen("guid-1", "http://a/1", "feed", "url:1", "ingested")
        s.record_poll("feed", "ok", '"e1"', "Mon, 04 Mar 2019 10:00:00 GMT")
    with WatchState(tmp_path / "s.db") as s:
        assert s.is_seen("guid-1", None) and s.is_seen("other", "http://a/1")
        assert not s.is_seen("guid-2", "http://a/2")
        assert s.validators("feed") == ('"e1"', "Mon, 04 Mar 2019 10:00:00 GMT")
        s.record_poll("feed", "not-modified")
        assert s.validators("feed")[0] == '"e1"'
