"""The watch loop over a folder and a feed served from 127.0.0.1: only new articles are coded,
a failing source backs off while the others go on, flagged watchlists reach the webhook."""

from __future__ import annotations

import threading

import pytest
from live_helpers import ACTORS, Receiver, site, write_feed, write_text

from eventwire.corpus import store, watchlists
from eventwire.corpus.watch import FileTarget, WatchConfig, Watcher, parse_every
from eventwire.corpus.watchlists import Watchlist, WatchQuery
from eventwire.errors import EventwireError
from eventwire.text.sources import SourceOptions

LOCAL = SourceOptions(allow_private=True)  # the test feeds are served from 127.0.0.1


def _events(db) -> set[tuple]:
    con = store.connect(db, read_only=True)
    try:
        return set(con.execute("SELECT actor_country, event_type FROM events").fetchall())
    finally:
        con.close()


@pytest.fixture()
def places(tmp_path):
    folder, web = tmp_path / "inbox", tmp_path / "web"
    folder.mkdir()
    web.mkdir()
    return folder, web


def test_each_cycle_codes_only_what_is_new(places, tmp_path, dataset_coder):
    folder, web = places
    db = tmp_path / "live.duckdb"
    write_text(folder, "chile-peru")
    with site(web) as base:
        write_feed(web, base, ["norway-moldova"])
        config = WatchConfig((str(folder), f"{base}/feed.xml"), every=60, options=LOCAL)
        watcher = Watcher(FileTarget(db), config, dataset_coder)
        first = watcher.cycle()
        assert (first.summary.read, first.summary.stored, first.failing) == (2, 2, {})
        assert _events(db) >= {("CHL", "AGREE"), ("NOR", "AID")}
        write_text(folder, "estonia-russia")
        write_feed(web, base, ["norway-moldova", "brazil-venezuela"])
        for state in watcher.states.values():
            state.due = 0  # due again now
        second = watcher.cycle()
    assert (second.summary.read, second.summary.stored) == (4, 2)
    assert second.summary.skipped["already in the database"] == 2
    assert {("EST", "ACCUSE"), ("BRA", "ACCUSE")} <= _events(db)
    line = second.line()
    assert line.startswith("cycle 2 at ") and "read 4, stored 2, skipped 2" in line


def test_the_fetch_protections_apply_to_watched_feeds(places, tmp_path, dataset_coder):
    """Without --allow-private a feed on this machine is refused like any private address:
    the feed fails and backs off, the folder beside it is still read."""
    folder, web = places
    write_text(folder, "chile-peru")
    with site(web) as base:
        feed = f"{base}/feed.xml"
        write_feed(web, base, ["norway-moldova"])
        config = WatchConfig((str(folder), feed), every=60)
        report = Watcher(FileTarget(tmp_path / "p.duckdb"), config, dataset_coder).cycle()
    assert report.summary.stored == 1 and list(report.failing) == [feed]
    assert "--allow-private" in report.failing[feed] and report.waiting[feed] == 120


def test_a_failing_source_backs_off_and_the_others_go_on(places, tmp_path, dataset_coder):
    folder, web = places
    write_text(folder, "japan-philippines")
    with site(web) as base:
        broken = f"{base}/gone.xml"  # answers 404
        config = WatchConfig((str(folder), broken), every=10, options=LOCAL)
        watcher = Watcher(FileTarget(tmp_path / "b.duckdb"), config, dataset_coder)
        report = watcher.cycle()
        assert report.summary.stored == 1 and list(report.failing) == [broken]
        assert report.waiting[broken] == 20 and "retry in 20 s" in report.line()
        watcher.states[broken].due = 0
        again = watcher.cycle()  # only the broken feed was due
    assert again.polled == 1 and again.waiting[broken] == 40
    assert watcher.states[str(folder)].failures == 0


def test_flagged_watchlists_reach_the_webhook_once_per_cycle(places, tmp_path, dataset_coder):
    folder, _ = places
    db = tmp_path / "hook.duckdb"
    for name in ACTORS:
        write_text(folder, name)
    con = store.connect(db)
    for name in ("agreements", "talks"):
        kind = "AGREE" if name == "agreements" else "CONSULT"
        watchlists.save(con, Watchlist(name=name, query=WatchQuery(event_type=kind)))
    watchlists.save(con, Watchlist(name="quiet", query=WatchQuery(actor="ISL")))
    con.close()
    with Receiver() as receiver:
        config = WatchConfig((str(folder),), every=0.01, webhook=receiver.url)
        watcher = Watcher(FileTarget(db), config, dataset_coder)
        reports = []
        watcher.run(threading.Event(), reports.append, cycles=2)
    # a mutual act is stored as one event each way: four AGREE and four CONSULT on Monday
    assert [r.flagged for r in reports] == [["agreements", "talks"]] * 2
    assert sorted(p["name"] for p in receiver.posts) == ["agreements"] * 2 + ["talks"] * 2
    post = receiver.posts[0]
    assert post["event"] == "watchlist.flagged" and post["flagged"] and post["count"] >= 2
    assert reports[1].summary.stored == 0 and reports[1].posted == 2


def test_bad_settings_are_clear_errors(tmp_path):
    target = FileTarget(tmp_path / "x.duckdb")
    with pytest.raises(EventwireError, match="nothing to watch"):
        Watcher(target, WatchConfig(()))
    with pytest.raises(EventwireError, match="webhook"):
        Watcher(target, WatchConfig(("x",), webhook="ftp://nowhere"))
    assert [parse_every(t) for t in ("15m", "90s", "2h", "1d", "30")] == [900, 90, 7200, 86400, 30]
    for text in ("soon", "-5m", "0"):
        with pytest.raises(EventwireError, match="--every"):
            parse_every(text)
    assert SourceOptions().fetch
