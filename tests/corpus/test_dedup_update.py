"""Incremental deduplication: only the new articles' neighbourhood is reconsidered, the result is
the whole-store recompute's, and event ids survive updates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_helpers import make_article, make_event, older_database

from eventwire.corpus import dedup, store
from eventwire.corpus.store.schema import LATEST

D = date(2024, 3, 1)
PUBLISHED = "the publication date: no date in its sentence"
STORY = (
    "Ministers from both sides met in the border town on Thursday to settle the dispute over "
    "water rights that has simmered since the spring floods, and agreed to name a joint panel "
    "of engineers who will report before the end of the year on how the river is shared. "
)


def _article(name: str, day: date, actor="RUS", recipient="UKR", text=None, source=None):
    """A report dated by its publication day only (so reports a day apart may be one event)."""
    event = make_event(name, 0, actor=actor, recipient=recipient, when=day, date_reason=PUBLISHED)
    item = make_article(
        name,
        [event],
        text=text,
        source=source or f"Outlet {name}",
        pub=day,
    )
    item.minhash = dedup.signature(item.article.text)
    return item


def _corpus() -> list:
    """Reports of a few events spread over two months, with wire copies sharing a story."""
    items = []
    for week in range(8):
        day = D + timedelta(days=7 * week)
        items += [_article(f"w{week}-{i}", day + timedelta(days=i % 2)) for i in range(3)]
        items.append(_article(f"b{week}", day, actor="BLR", recipient="POL"))
    items.append(_article("copy-1", D, text=STORY + "Reporting by one desk."))
    items.append(_article("copy-2", D, text="TOWN (Wire) - " + STORY))
    return items


def _grouping(con) -> set[frozenset]:
    rows = con.execute("SELECT event_id, article_hash FROM mentions").fetchall()
    groups: dict[str, set] = {}
    for event, article in rows:
        groups.setdefault(event, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def _stories(con) -> dict:
    return dict(con.execute("SELECT hash, story_id FROM articles").fetchall())


def test_updates_one_batch_at_a_time_equal_a_whole_store_recompute(tmp_path):
    items = _corpus()
    con = store.connect(tmp_path / "inc.duckdb")
    for start in range(0, len(items), 5):
        store.write_batch(con, items[start : start + 5])
        dedup.deduplicate(con)
        _check_storage_order(con)
    incremental, stories, ids = _grouping(con), _stories(con), _event_ids(con)
    full = dedup.deduplicate(con, full=True)
    assert full.mentions == len(items)
    assert _grouping(con) == incremental
    assert _stories(con) == stories
    assert _event_ids(con) == ids  # a recompute keeps every id
    copies = [i.hash for i in items if i.article.id.startswith("copy")]
    assert stories[copies[0]] == stories[copies[1]] == min(copies)
    con.close()


def _event_ids(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT id FROM events").fetchall()}


def test_an_update_reconsiders_only_the_new_articles_window(tmp_path):
    con = store.connect(tmp_path / "w.duckdb")
    store.write_batch(con, _corpus())
    dedup.deduplicate(con)
    late = _article("late", D + timedelta(days=49))  # the last week's event, a day later
    summary = (store.write_batch(con, [late]), dedup.deduplicate(con))[1]
    # the new mention, the three RUS->UKR reports of that week: nothing else is read again
    assert (summary.articles, summary.mentions, summary.events) == (1, 4, 1)
    con.close()


def test_an_event_that_gains_a_mention_keeps_its_id(tmp_path):
    con = store.connect(tmp_path / "ids.duckdb")
    store.write_batch(con, [_article("first", D)])
    dedup.deduplicate(con)
    (before,) = con.execute("SELECT id FROM events").fetchone()
    # an earlier report of the same event arrives later: the event's first mention changes
    store.write_batch(con, [_article("earlier", D - timedelta(days=1))])
    dedup.deduplicate(con)
    rows = con.execute("SELECT id, num_mentions, date FROM events").fetchall()
    assert rows == [(before, 2, D - timedelta(days=1))]
    con.close()


def test_a_merging_story_moves_every_article_to_the_smallest_hash(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    one = _article("one", D, text=STORY + "First desk. " * 3)
    two = _article("two", D, text="An unrelated note about the weather and the harvest. " * 5)
    store.write_batch(con, [one, two])
    dedup.deduplicate(con)
    three = _article("three", D, text="TOWN - " + STORY + "First desk.")
    store.write_batch(con, [three])
    summary = dedup.deduplicate(con)
    stories = _stories(con)
    assert stories[one.hash] == stories[three.hash] == min(one.hash, three.hash)
    assert stories[two.hash] == two.hash
    assert summary.articles >= 1
    assert dedup.group_stories({i.hash: i.minhash for i in (one, two, three)}) == stories
    con.close()


def test_removing_an_article_rebuilds_its_events_and_story(tmp_path):
    con = store.connect(tmp_path / "rm.duckdb")
    items = [_article("a", D), _article("b", D, text=STORY), _article("c", D, text=STORY + "x")]
    store.write_batch(con, items)
    dedup.deduplicate(con)
    assert con.execute("SELECT num_mentions FROM events").fetchall() == [(3,)]
    assert dedup.remove_article(con, items[1].hash)
    assert not dedup.remove_article(con, items[1].hash)
    assert con.execute("SELECT num_mentions, num_articles FROM events").fetchall() == [(2, 2)]
    _check_storage_order(con)  # the event's span shrank with it
    assert _stories(con)[items[2].hash] == items[2].hash
    assert (
        con.execute("SELECT count(*) FROM story_bands WHERE hash = ?", [items[1].hash]).fetchone()[
            0
        ]
        == 0
    )
    con.close()


def test_a_database_written_before_incremental_dedup_is_upgraded_without_loss(tmp_path):
    path = tmp_path / "v2.duckdb"
    con = older_database(path, 2)
    con.execute(
        """INSERT INTO articles (hash, doc_id, date_origin, text, n_chars, n_sentences, n_mentions,
           ingested_at, pub_date) VALUES ('h', 'o1', 'input', 'x', 1, 1, 1, now(), ?)""",
        [D],
    )
    record = make_event("o1", 0).model_dump_json()
    con.execute(
        """INSERT INTO mentions (article_hash, id, doc_id, sentence_index, sentence, event_type,
           modality, actor_country, recipient_country, record)
           VALUES ('h', 'm', 'o1', 0, 's', 'ASSAULT', 'asserted', 'RUS', 'UKR', ?)""",
        [record],
    )
    con.close()
    con = store.connect(path)
    assert store.schema_version(con) == LATEST
    assert con.execute("SELECT day FROM mentions").fetchone() == (D,)
    assert store.get_state(con, "dedup_stale") == "1"
    summary = dedup.deduplicate(con)
    assert (summary.articles, summary.mentions, summary.events) == (1, 1, 1)
    assert con.execute("SELECT count(*) FROM story_bands").fetchone() == (0,)  # no signature
    assert store.counts(con).events == 1
    con.close()


def test_a_stored_date_range_reaches_an_update_far_after_its_start(tmp_path):
    """A report dated to March as a whole shares its days with a report of 20 March: the update
    reaches it although it starts long before the window, since the writer keeps the longest
    date range stored (30 days) for the update to look back that far."""
    con = store.connect(tmp_path / "range.duckdb")
    month = make_event("month", when=D, until=date(2024, 3, 31), precision="month")
    store.write_batch(con, [make_article("month", [month], pub=date(2024, 4, 2))])
    dedup.deduplicate(con)
    assert store.get_state(con, store.LONGEST_SPAN) == "30"
    store.write_batch(con, [_article("late", date(2024, 3, 20))])
    assert dedup.deduplicate(con).mentions == 2
    incremental = _grouping(con)
    dedup.deduplicate(con, full=True)
    assert _grouping(con) == incremental
    con.close()


@pytest.mark.parametrize(("window", "read"), [(0, 2), (3, 5)])
def test_window_days_bounds_what_an_update_reads(tmp_path, window, read):
    """Reports every third day; a new one on day 6 reads its day alone with no window, and with
    three days the reports of days 3 to 9 and the whole events they belong to (day 0's too)."""
    con = store.connect(tmp_path / "b.duckdb")
    store.write_batch(con, [_article(f"d{i}", D + timedelta(days=3 * i)) for i in range(5)])
    dedup.deduplicate(con, window)
    store.write_batch(con, [_article("new", D + timedelta(days=6))])
    summary = dedup.deduplicate(con, window)
    assert summary.mentions == read
    con.close()


def test_an_update_writes_only_the_events_that_change(tmp_path):
    """Talks and an agreement of the same pair on one day are two events; a second report of
    the talks brings both into the update (acts of one quad class may be one event), but only
    the talks change, so only they are written, and what is stored is what a whole-store
    recompute stores."""
    con = store.connect(tmp_path / "wr.duckdb")
    store.write_batch(con, [_report("talks-1", "CONSULT"), _report("deal", "AGREE")])
    dedup.deduplicate(con)
    before = _rows(con)
    store.write_batch(con, [_report("talks-2", "CONSULT")])
    summary = dedup.deduplicate(con)
    assert (summary.mentions, summary.events, summary.written) == (3, 2, 1)
    after = _rows(con)
    (unchanged,) = [r for r in after if r[1] == "AGREE"]
    assert unchanged in before  # the agreement's row, id and explanation as they were
    reasons = con.execute("SELECT id, merge_reason FROM mentions ORDER BY id").fetchall()
    full = dedup.deduplicate(con, full=True)
    assert full.written == full.events == 2
    assert _rows(con) == after
    assert con.execute("SELECT id, merge_reason FROM mentions ORDER BY id").fetchall() == reasons
    con.close()


def test_a_report_of_another_quad_class_stays_out_of_the_update(tmp_path):
    """A strike cannot be one event with talks (`link` joins two types of one quad class
    only), so a second report of the talks leaves the strike of the same pair unread."""
    con = store.connect(tmp_path / "q.duckdb")
    store.write_batch(con, [_report("talks-1", "CONSULT"), _report("strike", "ASSAULT")])
    dedup.deduplicate(con)
    store.write_batch(con, [_report("talks-2", "CONSULT")])
    summary = dedup.deduplicate(con)
    assert (summary.mentions, summary.events) == (2, 1)
    incremental = _rows(con)
    dedup.deduplicate(con, full=True)
    assert _rows(con) == incremental
    con.close()


def _report(name: str, event_type: str):
    event = make_event(name, 0, event_type=event_type, cameo="040", when=D)
    return make_article(name, [event], pub=D)


def _rows(con) -> list[tuple]:
    return con.execute(
        "SELECT id, event_type, num_mentions, explanation FROM events ORDER BY id"
    ).fetchall()


def test_a_store_written_before_storage_order_is_upgraded_without_loss(tmp_path):
    """The same corpus stored and deduplicated by this version, and by the one before (its
    tables without the storage order), holds the same once the older file is opened: every
    result, and a storage order that says where each article's rows and each event's mentions
    are; an update of each then gives the same again."""
    items = _corpus()
    current = store.connect(tmp_path / "current.duckdb")
    for start in range(0, len(items) - 1, 5):
        store.write_batch(current, items[start : min(start + 5, len(items) - 1)])
        dedup.deduplicate(current)
    current.close()
    older = older_database(tmp_path / "older.duckdb", 5)
    older.execute(f"ATTACH '{tmp_path / 'current.duckdb'}' AS cur (READ_ONLY)")
    for table in _TABLES:
        columns = ", ".join(_columns(older, table))
        verb = "INSERT OR REPLACE" if table == "state" else "INSERT"
        older.execute(f"{verb} INTO {table} SELECT {columns} FROM cur.{table}")
    older.close()
    upgraded = store.connect(tmp_path / "older.duckdb")
    current = store.connect(tmp_path / "current.duckdb")
    assert _results(upgraded) == _results(current)
    for table, not_null in (("mentions", 8), ("events", 7)):  # no primary key
        assert _keys(upgraded, table) == _keys(current, table) == ("NOT NULL",) * not_null
    for con in (upgraded, current):
        _check_storage_order(con)
        store.write_batch(con, items[-1:])
        dedup.deduplicate(con)
        _check_storage_order(con)
    assert _results(upgraded) == _results(current)
    upgraded.close()
    current.close()


_TABLES = ("articles", "copies", "mentions", "events", "mention_clues", "story_bands", "state")
_ORDER = ("seq", "article_seq", "event_first_seq", "event_last_seq")


def _columns(con, table: str) -> list[str]:
    return [
        c
        for (c,) in con.execute(
            """SELECT column_name FROM information_schema.columns
               WHERE table_catalog = current_database() AND table_name = ?
               ORDER BY ordinal_position""",
            [table],
        ).fetchall()
    ]


def _results(con) -> dict[str, list]:
    """Every table but where its rows are stored (`_ORDER`, the write's timestamps)."""
    found = {}
    for table in _TABLES:
        columns = [c for c in _columns(con, table) if c not in (*_ORDER, "ingested_at")]
        found[table] = con.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL"
        ).fetchall()
    return found


def _check_storage_order(con) -> None:
    """Each article has its own `seq`, its mentions and clues carry it, and each mention of an
    event carries the span of its event's mentions; event ids are unique (no key checks it)."""
    for table, key in (("articles", "seq"), ("events", "id")):
        (unique,) = con.execute(f"SELECT count(DISTINCT {key}) = count(*) FROM {table}").fetchone()
        assert unique, table
    for table in ("mentions", "mention_clues"):
        (wrong,) = con.execute(
            f"""SELECT count(*) FROM {table} m JOIN articles a ON a.hash = m.article_hash
                WHERE m.article_seq IS DISTINCT FROM a.seq"""
        ).fetchone()
        assert wrong == 0, table
    (wrong,) = con.execute(
        """SELECT count(*) FROM mentions m JOIN (
               SELECT event_id, min(article_seq) AS first, max(article_seq) AS last
               FROM mentions GROUP BY event_id) s ON s.event_id = m.event_id
           WHERE m.event_first_seq IS DISTINCT FROM s.first
              OR m.event_last_seq IS DISTINCT FROM s.last"""
    ).fetchone()
    assert wrong == 0


def _keys(con, table: str) -> tuple[str, ...]:
    rows = con.execute(
        """SELECT constraint_type FROM duckdb_constraints()
           WHERE table_name = ? ORDER BY constraint_type""",
        [table],
    ).fetchall()
    return tuple(r[0] for r in rows)
