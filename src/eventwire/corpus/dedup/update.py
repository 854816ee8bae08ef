"""Keeping stories and events up to date as articles arrive, at a cost set by the new articles.

Every stored article is first listed in `dedup_pending` (in the transaction that stores it).
An update then, in one transaction:

1. joins the pending articles to their stories (`eventwire.corpus.dedup.stories`);
2. reconsiders only the mentions near them: the mentions of every article whose story changed,
   the stored mentions that `matching` could compare with one of them (the same coded actor and
   recipient within the date window; one shared coded side where the other is soft, on the
   same days, with a place, a figure or a name in common; the same story), and then every
   mention of the events those belong to, so that an event is always rebuilt whole;
3. merges that region again (`eventwire.corpus.dedup.matching`) and writes the events that changed
   (one that is exactly a stored event again, mentions and articles alike, stays as stored,
   so most of the region's events cost no write). An event keeps its id across updates: each
   merged event takes the id of the stored event it shares the most mentions with, so an event
   that gains a mention keeps its id, and only an event with no stored mention gets a new one.

Events outside the region are left as they are, so the work does not grow with the corpus. A
recompute of the whole store (`deduplicate(con, full=True)`) is the same update with every
article pending, and groups mentions the same way.

Rows are found by where they are stored, not by hash: every article keeps its storage order
(`seq`), its mentions and their clues carry it, and each mention keeps the span of storage
order its event's mentions lie in (migration 6). Rows are appended in that order, so a join on
`seq` lets DuckDB skip the row groups outside the region's span, where a hash matches rows
anywhere and is found only by reading every row. The region's mentions are then relinked by
their row (read in the same transaction), and only in the columns that changed: DuckDB
rewrites an updated column of a stored row group whole at the next checkpoint.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from eventwire.corpus.dedup import stories
from eventwire.corpus.dedup.evidence import SECTORS, clue_keys, clues
from eventwire.corpus.dedup.matching import (
    DEFAULT_WINDOW_DAYS,
    Mention,
    MergedEvent,
    event_row,
    merge_mentions,
    source_name,
)
from eventwire.corpus.dedup.stories import Stored, register_stored
from eventwire.corpus.store import longest_span
from eventwire.corpus.store.db import transaction
from eventwire.models import stable_id


@dataclass(frozen=True)
class DedupSummary:
    """What one update reconsidered."""

    articles: int  # articles whose story was (re)computed
    mentions: int  # mentions merged again
    events: int  # events they make
    seconds: float = 0.0
    written: int = 0  # of those events, the ones that changed and were written


def deduplicate(
    con: duckdb.DuckDBPyConnection, window_days: int = DEFAULT_WINDOW_DAYS, full: bool = False
) -> DedupSummary:
    """Bring stories and events up to date with the pending articles, in one transaction.

    `full` reconsiders every stored article (after an upgrade, or to check the update)."""
    started = time.perf_counter()
    with transaction(con):
        if full:
            con.execute("DELETE FROM story_bands")
            con.execute("UPDATE articles SET story_id = NULL")
            con.execute("INSERT OR IGNORE INTO dedup_pending SELECT hash FROM articles")
        new, recount = _pending(con)
        _index_clues(con, _unindexed(con, new, full))
        changed = stories.add_articles(con, new) | recount
        mentions, events, written = _rebuild(con, changed, (), window_days)
        con.execute("DELETE FROM dedup_pending")
        con.execute("INSERT OR REPLACE INTO state VALUES ('dedup_stale', '0')")
    seconds = time.perf_counter() - started
    return DedupSummary(len(changed), mentions, events, seconds, written)


def _unindexed(con: duckdb.DuckDBPyConnection, new: Stored, full: bool) -> Stored:
    """The articles whose mentions' clues are to be indexed: the new ones (an article that only
    gained copies keeps its mentions and their clues), or every article once after an upgrade
    (a file older than the index) or for a full recompute."""
    state = con.execute("SELECT value FROM state WHERE key = 'clues'").fetchall()
    if not full and state == [("indexed",)]:
        return new
    con.execute("DELETE FROM mention_clues")
    con.execute("INSERT OR REPLACE INTO state VALUES ('clues', 'indexed')")
    return dict(con.execute("SELECT hash, seq FROM articles").fetchall())


def _index_clues(con: duckdb.DuckDBPyConnection, articles: Stored) -> None:
    """Index the figures, names and countries of the mentions of articles never deduplicated
    (`mention_clues`), so that the region of an update can find the reports a vague one may
    match."""
    if not articles:
        return
    register_stored(con, "_indexed", articles)
    try:
        rows = con.execute(
            f"""SELECT m.article_hash, m.article_seq, m.id, m.sentence, m.actor_text,
                      m.recipient_text FROM mentions m
               SEMI JOIN _indexed a ON {_same_article("m", "a")}"""
        ).fetchall()
    finally:
        con.unregister("_indexed")
    found = [
        {"article_hash": a, "article_seq": seq, "id": i, "clue": clue}
        for a, seq, i, sentence, actor, recipient in rows
        for clue in clue_keys(clues(sentence, (actor, recipient)))
    ]
    if found:
        _register(con, "_clues", found, _CLUE_SCHEMA)
        try:
            con.execute(
                """INSERT INTO mention_clues (article_hash, article_seq, id, clue)
                   SELECT article_hash, article_seq, id, clue FROM _clues"""
            )
        finally:
            con.unregister("_clues")


def _pending(con: duckdb.DuckDBPyConnection) -> tuple[Stored, Stored]:
    """Pending articles never deduplicated (no story yet), and those that only gained copies."""
    rows = con.execute(
        """SELECT p.hash, a.seq, a.story_id IS NULL FROM dedup_pending p
           JOIN articles a ON a.hash = p.hash"""
    ).fetchall()
    return {h: seq for h, seq, new in rows if new}, {h: seq for h, seq, new in rows if not new}


def remove_article(
    con: duckdb.DuckDBPyConnection, article_hash: str, window_days: int = DEFAULT_WINDOW_DAYS
) -> bool:
    """Delete an article with its mentions and rebuild what it was part of; False if absent."""
    with transaction(con):
        row = con.execute(
            "SELECT coalesce(story_id, hash) FROM articles WHERE hash = ?", [article_hash]
        ).fetchone()
        if row is None:
            return False
        events = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT event_id FROM mentions WHERE article_hash = ? AND event_id "
                "IS NOT NULL",
                [article_hash],
            ).fetchall()
        ]
        for table, column in (
            ("mentions", "article_hash"),
            ("mention_clues", "article_hash"),
            ("dedup_pending", "hash"),
            ("copies", "hash"),
        ):
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", [article_hash])
        con.execute("DELETE FROM articles WHERE hash = ?", [article_hash])
        stories.forget(con, article_hash)
        moved = stories.regroup(con, row[0])
        _rebuild(con, moved, events, window_days)
    return True


# --- the region to reconsider ----------------------------------------------------------------


def _soft(side: str, alias: str = "m") -> str:
    """SQL: the side resolves to no country or organisation (missing, or a sector only)."""
    sectors = ", ".join(f"'{code}'" for code in sorted(SECTORS))
    return (
        f"({alias}.{side}_country IS NULL AND ({alias}.{side}_code IS NULL "
        f"OR {alias}.{side}_code IN ({sectors})))"
    )


_KEY = "coalesce({a}.{side}_country, {a}.{side}_code, '')"
_NEAR = "m.day <= d.last + $reach AND coalesce(m.date_end, m.day) >= d.day - $reach"
_SAME_DAYS = "m.day <= d.last AND coalesce(m.date_end, m.day) >= d.day"


def _same_article(rows: str, of: str, article: tuple[str, str] = ("seq", "hash")) -> str:
    """SQL: the rows `rows` (of mentions or clues) belong to the article `of` lists, matched on
    the storage order (what lets DuckDB skip row groups) and on the hash."""
    seq, text_hash = article
    return f"{rows}.article_seq = {of}.{seq} AND {rows}.article_hash = {of}.{text_hash}"


_BY_MENTION = ("article_seq", "article_hash")


def _near_row(alias: str = "") -> str:
    """SQL: what the region keeps of a mention: its key, its storage order, its event and where
    that event's mentions lie (see migration 6)."""
    a = f"{alias}." if alias else ""
    return (
        f"{a}article_hash, {a}article_seq, {a}id, {a}event_id, {a}event_first_seq, "
        f"{a}event_last_seq"
    )


# The columns of a soft-sided pair (a stored mention m beside a new one d), selected twice:
# once joined on the actor side, once on the recipient side.
_SOFT_PAIR_COLUMNS = f"""SELECT {_near_row("m")}, m.geonameid, lower(m.location_name) AS place,
           {_KEY.format(a="m", side="actor")} AS ak, {_KEY.format(a="m", side="recipient")} AS rk,
           {_soft("actor")} AS soft_a, {_soft("recipient")} AS soft_r,
           d.article_hash AS d_hash, d.id AS d_id, d.geonameid AS d_gid, d.place AS d_place,
           d.ak AS d_ak, d.rk AS d_rk, d.soft_a AS d_soft_a, d.soft_r AS d_soft_r"""

# The articles to reconsider ("dirty") and their mentions, with the keys they are compared on.
_DIRTY_SQL = (
    """CREATE OR REPLACE TEMP TABLE _dirty_articles AS
    SELECT a.hash, a.seq, coalesce(a.story_id, a.hash) AS story
    FROM articles a JOIN _dirty d ON d.seq = a.seq AND d.hash = a.hash""",
    f"""CREATE OR REPLACE TEMP TABLE _dirty_mentions AS
    SELECT {_near_row("m")}, m.geonameid, lower(m.location_name) AS place, m.day,
           coalesce(m.date_end, m.day) AS last,
           {_KEY.format(a="m", side="actor")} AS ak, {_KEY.format(a="m", side="recipient")} AS rk,
           {_soft("actor")} AS soft_a, {_soft("recipient")} AS soft_r,
           a.story, m.event_type,
           list(DISTINCT m.quad_class) OVER (PARTITION BY m.article_hash, m.event_type) AS quads
    FROM mentions m JOIN _dirty_articles a
      ON {_same_article("m", "a")}""",
)

# The days the candidates may lie on: those of the dirty mentions, widened by the window, and
# the earliest day a mention reaching them can start on (the longest date range stored, which
# the writer keeps in `state`), so the scan of `mentions` keeps only the row groups of those days.
_SPAN_SQL = """
SELECT min(day) - $reach, max(last) + $reach, min(day) - $reach - $longest FROM _dirty_mentions
"""

# The mentions an update reconsiders ("near"): those that `matching` could compare with a dirty
# one (the same coded dyad within the window; one coded side where the other is soft on either,
# on the same days, with a place, a figure or a name in common, or the vague one's sentence
# naming the other's country on its soft side; the same story); `_MENTION_SQL` adds every
# mention of the stored events they belong to. The mentions whose dates reach the dirty ones'
# days (`cand`) are picked first, so the joins never run over the whole table; the clue index
# is read once, for the clues the soft pairs' stored mentions could share (`shared`).
# A report of the same pair of another type is kept only when the two acts could share a quad
# class (`link` joins two types only then): the quad classes an act can have are those of its
# article's mentions of its type (`quads`, `dyad_quads`).
_NEAR_SQL = f"""
WITH dirty AS (SELECT * FROM _dirty_mentions
), cand AS MATERIALIZED (
    SELECT {_near_row("m")}, m.geonameid, m.location_name, m.day, m.date_end, m.actor_country,
           m.actor_code, m.recipient_country, m.recipient_code, m.event_type
    FROM mentions m
    WHERE m.day <= $hi AND m.day >= $earliest AND coalesce(m.date_end, m.day) >= $lo
), dclues AS MATERIALIZED (
    SELECT c.article_hash, c.id, c.clue FROM mention_clues c
    SEMI JOIN _dirty_articles a ON {_same_article("c", "a")}
), soft AS MATERIALIZED (
    {_SOFT_PAIR_COLUMNS}
    FROM cand m JOIN dirty d
      ON {_KEY.format(a="m", side="actor")} = d.ak AND NOT d.soft_a
     AND (d.soft_r OR {_soft("recipient")}) AND {_SAME_DAYS}
    UNION
    {_SOFT_PAIR_COLUMNS}
    FROM cand m JOIN dirty d
      ON {_KEY.format(a="m", side="recipient")} = d.rk AND NOT d.soft_r
     AND (d.soft_a OR {_soft("actor")}) AND {_SAME_DAYS}
), shared AS MATERIALIZED (
    SELECT c.article_hash, c.id, c.clue FROM mention_clues c
    SEMI JOIN soft s
      ON {_same_article("c", "s", _BY_MENTION)} AND s.id = c.id
    WHERE c.clue IN (SELECT clue FROM dclues UNION
                     SELECT 'c:' || ak FROM dirty UNION SELECT 'c:' || rk FROM dirty)
), dyad AS MATERIALIZED (
    SELECT {_near_row("m")}, m.event_type, d.event_type AS d_type, d.quads AS d_quads
    FROM cand m JOIN dirty d
      ON {_KEY.format(a="m", side="actor")} = d.ak AND {_KEY.format(a="m", side="recipient")} = d.rk
     AND NOT d.soft_a AND NOT d.soft_r AND {_NEAR}
), dyad_quads AS MATERIALIZED (
    SELECT m.article_hash, m.event_type, list(DISTINCT m.quad_class) AS quads FROM mentions m
    SEMI JOIN (SELECT article_seq, article_hash FROM dyad WHERE event_type <> d_type) y
      ON {_same_article("m", "y", _BY_MENTION)}
    GROUP BY m.article_hash, m.event_type
), story AS (
    SELECT hash, seq FROM articles WHERE coalesce(story_id, hash) IN (SELECT story FROM dirty)
)
SELECT {_near_row()} FROM dyad WHERE event_type = d_type
UNION
SELECT {_near_row("y")} FROM dyad y
JOIN dyad_quads q ON q.article_hash = y.article_hash AND q.event_type = y.event_type
WHERE list_has_any(q.quads, y.d_quads)
UNION
SELECT {_near_row()} FROM soft WHERE geonameid = d_gid OR place = d_place
UNION
SELECT {_near_row("s")} FROM soft s
JOIN dclues e ON e.article_hash = s.d_hash AND e.id = s.d_id AND e.clue NOT LIKE 'c:%'
JOIN shared c ON c.article_hash = s.article_hash AND c.id = s.id AND c.clue = e.clue
UNION
SELECT {_near_row("s")} FROM soft s
JOIN dclues e ON e.article_hash = s.d_hash AND e.id = s.d_id AND e.clue = 'c:' || s.ak
WHERE s.d_soft_a
UNION
SELECT {_near_row("s")} FROM soft s
JOIN dclues e ON e.article_hash = s.d_hash AND e.id = s.d_id AND e.clue = 'c:' || s.rk
WHERE s.d_soft_r
UNION
SELECT {_near_row("s")} FROM soft s
JOIN shared c ON c.article_hash = s.article_hash AND c.id = s.id
WHERE s.soft_a AND c.clue = 'c:' || s.d_ak OR s.soft_r AND c.clue = 'c:' || s.d_rk
UNION
SELECT {_near_row("m")} FROM mentions m
SEMI JOIN story a ON {_same_article("m", "a")}
UNION
SELECT {_near_row()} FROM dirty
"""

# The span of storage order the region lies in: the near mentions' own, their events' (each
# mention keeps its event's, see migration 6), and those of the events a caller names (read by
# their id: only when an article is removed). A stored event's mention without its span (none
# since migration 6) makes the whole store the span.
_NEAR_SPAN_SQL = """
SELECT min(least(article_seq, coalesce(event_first_seq, article_seq))),
       max(greatest(article_seq, coalesce(event_last_seq, article_seq))),
       coalesce(bool_or(event_id IS NOT NULL
                        AND (event_first_seq IS NULL OR event_last_seq IS NULL)), false)
FROM _near
"""
_OLD_EVENTS_SPAN_SQL = """
SELECT min(event_first_seq), max(event_last_seq),
       coalesce(bool_or(event_first_seq IS NULL OR event_last_seq IS NULL), false)
FROM mentions WHERE event_id IN (SELECT id FROM _old_events)
"""

# The region's mentions: the near ones and every mention of their events, read in one pass
# over the region's span (with their articles' columns, and where each is stored).
_MENTION_SQL = """
WITH region AS MATERIALIZED (
    SELECT m.article_hash, m.id, m.event_type, m.cameo, m.quad_class, m.goldstein, m.mode,
           m.modality, m.actor_code, m.actor_country, m.actor_sector, m.actor_name,
           m.actor_text, m.recipient_code, m.recipient_country, m.recipient_sector,
           m.recipient_name, m.recipient_text, m.date, m.date_end, m.date_precision,
           m.date_reason, m.sentence,
           CASE WHEN m.location_text <> '' OR m.location_name <> '' THEN {
               'text': m.location_text, 'name': m.location_name,
               'country': m.location_country, 'precision': m.location_precision,
               'reason': m.location_reason, 'lat': m.lat, 'lon': m.lon,
               'geonameid': m.geonameid} END AS location,
           m.confidence, m.withheld, m.event_id, m.article_seq,
           m.rowid AS stored_row, m.merge_reason AS stored_reason,
           m.event_first_seq AS stored_first, m.event_last_seq AS stored_last
    FROM mentions m
    WHERE m.article_seq BETWEEN $first AND $last
      AND (EXISTS (SELECT 1 FROM _near n WHERE n.article_seq = m.article_seq
                                           AND n.article_hash = m.article_hash AND n.id = m.id)
           OR m.event_id IN (SELECT event_id FROM _near UNION SELECT id FROM _old_events))
)
SELECT m.* EXCLUDE (article_seq, stored_row, stored_reason, stored_first, stored_last),
       a.source, a.url, a.story_id, a.pub_date, a.ingested_at,
       m.stored_row, m.article_seq, m.stored_reason, m.stored_first, m.stored_last
FROM region m JOIN articles a ON a.seq = m.article_seq AND a.hash = m.article_hash
WHERE a.seq BETWEEN $first AND $last
ORDER BY m.article_hash, m.id
"""


def _rebuild(
    con: duckdb.DuckDBPyConnection, articles: Stored, old_events: Sequence[str], window_days: int
) -> tuple[int, int, int]:
    """Merge again the region around `articles` (and the events `old_events`); returns the
    number of mentions reconsidered, of events they make and of events written."""
    register_stored(con, "_dirty", articles)
    _register(con, "_old_events", [{"id": i} for i in old_events], _ID_SCHEMA)
    try:
        mentions, stored = _load(con, *_find_region(con, window_days, bool(old_events)))
    finally:
        con.unregister("_dirty")
        con.unregister("_old_events")
        for table in ("_dirty_articles", "_dirty_mentions", "_near"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    merged = merge_mentions(mentions, window_days)
    events = [e for e in merged if _in_dataset(e)]
    previous = {m.event_id for m in mentions if m.event_id} | set(old_events)
    rows = _keep_ids(con, events, previous)
    changed = _changed(events, mentions, set(articles), set(old_events))
    kept = [event_row(e) for e in changed]
    stays = {e.id for e in events} - {e.id for e in changed}
    gone = [rows[i] for i in sorted(previous - stays) if i in rows]
    withheld = [e for e in merged if not _in_dataset(e)]
    _write(con, kept, gone, _links(changed, withheld, stored))
    return len(mentions), len(events), len(changed)


def _find_region(
    con: duckdb.DuckDBPyConnection, window_days: int, old_events: bool
) -> tuple[int | None, int | None]:
    """Fill `_near` with the mentions near the dirty ones (see `_NEAR_SQL`); returns the span
    of storage order the region lies in."""
    reach = str(int(window_days))
    for statement in _DIRTY_SQL:
        con.execute(statement)
    ((lo, hi, earliest),) = con.execute(
        _SPAN_SQL.replace("$reach", reach), {"longest": longest_span(con)}
    ).fetchall()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _near AS " + _NEAR_SQL.replace("$reach", reach),
        {"lo": lo, "hi": hi, "earliest": earliest},
    )
    spans = [_NEAR_SPAN_SQL, _OLD_EVENTS_SPAN_SQL] if old_events else [_NEAR_SPAN_SQL]
    found = [con.execute(sql).fetchall()[0] for sql in spans]
    if any(unplaced for _, _, unplaced in found):
        return _ALL_SEQS
    first = min((f for f, _, _ in found if f is not None), default=None)
    last = max((x for _, x, _ in found if x is not None), default=None)
    return first, last


def _changed(
    events: list[MergedEvent], mentions: list[Mention], dirty: set[str], old_events: set[str]
) -> list[MergedEvent]:
    """The events to write: all but those that are exactly a stored event again. An event
    whose mentions are all the mentions of the stored event whose id it keeps, none of them
    in an article whose story or copies changed, has the row and reasons stored already (both
    follow from its mentions alone), so rewriting it would only cost time."""
    stored = Counter(m.event_id for m in mentions if m.event_id)
    return [
        e
        for e in events
        if e.id in old_events
        or stored[e.id] != len(e.mentions)
        or any(m.event_id != e.id or m.article_hash in dirty for m in e.mentions)
    ]


def _in_dataset(event: MergedEvent) -> bool:
    """An event counts once the coder kept one of its mentions (an act that names no
    recipient may be kept, see `eventwire.coding.confidence`) or some report resolves each of its
    sides to a country or an organisation; one made only of withheld mentions stays out, like
    those mentions."""
    if any(m.withheld is None for m in event.mentions):
        return True
    row = event.resolved
    return bool(row["actor_country"] or _organisation(row["actor_code"])) and bool(
        row["recipient_country"] or _organisation(row["recipient_code"])
    )


def _organisation(code: str | None) -> bool:
    return bool(code) and code not in SECTORS


@dataclass(frozen=True)
class _Stored:
    """Where a region mention is stored, and what it is linked to there: its row (valid in
    this update's transaction), its article's storage order, and its link (event, reason and
    the event's span, as `_links` writes it)."""

    row: int
    seq: int | None
    link: tuple


def _load(
    con: duckdb.DuckDBPyConnection, first: int | None, last: int | None
) -> tuple[list[Mention], dict[tuple, _Stored]]:
    """The region's mentions (in the span `first`..`last` of storage order), and where each is
    stored (by article hash and mention id). The place comes as the dict a mention's JSON record
    has (none without a text or a name); the last five columns say where the row is stored."""
    cursor = con.execute(_MENTION_SQL, {"first": first, "last": last})
    fields = [d[0] for d in cursor.description][: -len(_STORED_COLUMNS)]
    found = cursor.fetchall()
    carriers = _carriers(con, sorted({values[0] for values in found}))
    mentions, stored = [], {}
    for values in found:
        row = dict(zip(fields, values, strict=False))
        row["date_reason"] = row["date_reason"] or ""
        row["goldstein"] = row["goldstein"] or 0.0
        mentions.append(Mention(**row, carriers=carriers.get(values[0], ())))
        at, seq, reason, first_seq, last_seq = values[len(fields) :]
        link = (row["event_id"], reason, first_seq, last_seq)
        stored[(values[0], values[1])] = _Stored(at, seq, link)
    return mentions, stored


_STORED_COLUMNS = ("stored_row", "article_seq", "stored_reason", "stored_first", "stored_last")


def _carriers(
    con: duckdb.DuckDBPyConnection, articles: list[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each region article's copies as (source name, carrier key): what NumSources counts."""
    _register(con, "_articles", [{"hash": h} for h in articles], _HASH_SCHEMA)
    try:
        rows = con.execute(
            """SELECT c.hash, c.source, c.url, c.carrier FROM copies c
               WHERE c.hash IN (SELECT hash FROM _articles) ORDER BY c.carrier"""
        ).fetchall()
    finally:
        con.unregister("_articles")
    found: dict[str, list[tuple[str, str]]] = {}
    for text_hash, source, url, carrier in rows:
        found.setdefault(text_hash, []).append((source_name(source, url, carrier), carrier))
    return {h: tuple(c) for h, c in found.items()}


# --- ids that stay -----------------------------------------------------------------------------


def _keep_ids(
    con: duckdb.DuckDBPyConnection, events: list[MergedEvent], previous: set[str]
) -> dict[str, int]:
    """Each stored event's id goes to the merged event holding most of its mentions (ties: the
    smaller id, then the earlier event); the others keep their fresh ids, made unique. Returns
    the rows of the stored events among `previous` and the fresh ids (by id), read once."""
    overlaps = sorted(
        (-count, old, index)
        for index, event in enumerate(events)
        for old, count in Counter(m.event_id for m in event.mentions if m.event_id).items()
    )
    named: dict[int, str] = {}
    used: set[str] = set()
    for _, old, index in overlaps:
        if old not in used and index not in named:
            named[index], _ = old, used.add(old)
    fresh = [e.id for i, e in enumerate(events) if i not in named]
    rows = _event_rows(con, previous | set(fresh))
    taken = set(rows) - previous | used
    for index, event in enumerate(events):
        if index in named:
            event.id = named[index]
            continue
        candidate, salt = event.id, 0
        while candidate in taken:
            salt += 1
            candidate = "ev-" + stable_id(event.id, salt)
        event.id = candidate
        taken.add(candidate)
    return rows


def _event_rows(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, int]:
    """The stored events among `ids`, with their rows (valid in this update's transaction: the
    region's events are deleted by row, without a second scan of every event id)."""
    if not ids:
        return {}
    _register(con, "_ids", [{"id": i} for i in sorted(ids)], _ID_SCHEMA)
    try:
        found = con.execute(
            "SELECT id, rowid FROM events WHERE id IN (SELECT id FROM _ids)"
        ).fetchall()
    finally:
        con.unregister("_ids")
    return dict(found)


# --- writing -----------------------------------------------------------------------------------


def _write(
    con: duckdb.DuckDBPyConnection,
    rows: list[dict],
    gone: list[int],
    links: dict[tuple[str, ...], list[dict]],
) -> None:
    """Replace the region's stored events that changed (the rows `gone` out, `rows` in) and
    relink the mentions whose link changed."""
    if gone:
        con.register("_gone", pa.table({"row": pa.array(gone, pa.int64())}))
        try:
            con.execute(
                """DELETE FROM events WHERE rowid IN (SELECT row FROM _gone)
                   AND rowid BETWEEN $first AND $last""",
                {"first": min(gone), "last": max(gone)},
            )
        finally:
            con.unregister("_gone")
    if rows:
        frame = pa.Table.from_pylist(rows)
        con.register("_events", frame)
        cols = ", ".join(frame.column_names)
        try:
            con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _events")
        finally:
            con.unregister("_events")
    for columns, group in links.items():
        _relink(con, columns, group)


def _relink(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], links: list[dict]) -> None:
    """Write `columns` of the mentions in `links`, found by their row (read in this transaction,
    so the rows are where `_load` found them): a join on the row reads no column of `mentions`,
    where a join on the key reads the key of every row in the region's span."""
    rows = [link["row"] for link in links]
    _register(con, "_links", links, _LINK_SCHEMA)
    try:
        con.execute(
            f"UPDATE mentions SET {', '.join(f'{c} = l.{c}' for c in columns)} FROM _links l "
            "WHERE mentions.rowid = l.row AND mentions.rowid BETWEEN $first AND $last",
            {"first": min(rows), "last": max(rows)},
        )
    finally:
        con.unregister("_links")


def _links(
    events: list[MergedEvent], withheld: list[MergedEvent], stored: dict[tuple, _Stored]
) -> dict[tuple[str, ...], list[dict]]:
    """The mentions to relink: those of the written events (to their event, why, and where
    that event's mentions lie in the store) and of the withheld groups (to no event), grouped
    by the columns of their link that changed. Only those are written: DuckDB rewrites an
    updated column of a stored row group whole at the next checkpoint, so a mention that only
    gets another reason leaves its event's column alone."""
    wanted = []
    for event in events:
        keys = [(m.article_hash, m.id) for m in event.mentions]
        seqs = [stored[key].seq for key in keys]
        span = (None, None) if None in seqs else (min(seqs), max(seqs))  # type: ignore[type-var]
        wanted += [(key, (event.id, event.reasons[key], *span)) for key in keys]
    unlinked = (None, WITHHELD, None, None)
    wanted += [((m.article_hash, m.id), unlinked) for e in withheld for m in e.mentions]
    groups: dict[tuple[str, ...], list[dict]] = {}
    for key, link in wanted:
        old = stored[key].link
        changed = tuple(c for c, a, b in zip(_RELINKED, old, link, strict=True) if a != b)
        if changed:
            row = {"row": stored[key].row, **dict(zip(_RELINKED, link, strict=True))}
            groups.setdefault(changed, []).append(row)
    return groups


_RELINKED = ("event_id", "merge_reason", "event_first_seq", "event_last_seq")


WITHHELD = "withheld: no report of this act resolves both sides to a country or organisation"
_HASH_SCHEMA = pa.schema([("hash", pa.string())])
_CLUE_SCHEMA = pa.schema(
    [("article_hash", pa.string()), ("article_seq", pa.int64()), ("id", pa.string()),
     ("clue", pa.string())]
)  # fmt: skip
_ALL_SEQS = (-(2**62), 2**62)  # a span that holds every stored row
_ID_SCHEMA = pa.schema([("id", pa.string())])
_LINK_SCHEMA = pa.schema(
    [("row", pa.int64()), ("event_id", pa.string()), ("merge_reason", pa.string()),
     ("event_first_seq", pa.int64()), ("event_last_seq", pa.int64())]
)  # fmt: skip


def _register(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema) -> None:
    con.register(name, pa.Table.from_pylist(rows, schema=schema))
