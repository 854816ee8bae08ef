"""The database layout as an ordered list of migrations, so old files open in new versions.

Each migration is applied once, inside one transaction, and recorded in `schema_version`. A
database written by a newer eventwire (a version we do not know) is refused rather than
guessed at. Never edit a released migration: add the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

LONGEST_SPAN = "longest_span"  # the `state` key of the longest date range stored, in days


@dataclass(frozen=True)
class Migration:
    version: int
    note: str
    statements: tuple[str, ...]


_ACTOR_COLUMNS = """
    {role}_text VARCHAR, {role}_code VARCHAR, {role}_country VARCHAR, {role}_sector VARCHAR,
    {role}_name VARCHAR, {role}_wikidata VARCHAR, {role}_start INTEGER, {role}_end INTEGER"""

_V1 = (
    """CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, note VARCHAR)""",
    # Key/value flags that must survive a crash, e.g. 'dedup_stale' set by every write batch
    # and cleared only when deduplication has committed.
    "CREATE TABLE state (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE articles (
        hash VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        title VARCHAR, url VARCHAR, source VARCHAR,
        pub_date DATE,
        date_origin VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        n_chars INTEGER NOT NULL,
        n_sentences INTEGER NOT NULL,
        n_mentions INTEGER NOT NULL,
        minhash BLOB,
        story_id VARCHAR,
        input VARCHAR,
        ingested_at TIMESTAMP NOT NULL)""",
    f"""CREATE TABLE mentions (
        article_hash VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL, mode VARCHAR, contexts VARCHAR[],
        cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        {_ACTOR_COLUMNS.format(role="actor")},
        {_ACTOR_COLUMNS.format(role="recipient")},
        trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        modality VARCHAR NOT NULL,
        date DATE, date_precision VARCHAR,
        location_text VARCHAR, location_name VARCHAR, location_country VARCHAR,
        lat DOUBLE, lon DOUBLE, geonameid BIGINT,
        confidence DOUBLE,
        grp VARCHAR, rule VARCHAR,
        record VARCHAR NOT NULL,
        event_id VARCHAR, merge_reason VARCHAR,
        PRIMARY KEY (article_hash, id))""",
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        event_type VARCHAR NOT NULL, mode VARCHAR, cameo VARCHAR, root_code VARCHAR,
        quad_class INTEGER, goldstein DOUBLE,
        actor_code VARCHAR, actor_country VARCHAR, actor_sector VARCHAR, actor_name VARCHAR,
        recipient_code VARCHAR, recipient_country VARCHAR, recipient_sector VARCHAR,
        recipient_name VARCHAR,
        modality VARCHAR,
        date DATE, date_end DATE, date_precision VARCHAR,
        location_text VARCHAR, location_name VARCHAR, location_country VARCHAR,
        lat DOUBLE, lon DOUBLE, geonameid BIGINT,
        num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL, num_stories INTEGER NOT NULL,
        confidence DOUBLE,
        first_article VARCHAR, source_url VARCHAR, first_seen TIMESTAMP,
        explanation VARCHAR NOT NULL)""",
)

# Date ranges and place precision (issue 12): a mention keeps the last day of its date's range
# and how precise its place is; rows stored before are filled from their JSON record and their
# date's precision, and deduplication is marked stale so that events get the columns too.
_V2 = (
    "ALTER TABLE mentions ADD COLUMN date_end DATE",
    "ALTER TABLE mentions ADD COLUMN location_precision VARCHAR",
    "ALTER TABLE events ADD COLUMN location_precision VARCHAR",
    """UPDATE mentions SET
        location_precision = json_extract_string(record, '$.location.precision'),
        date_end = coalesce(
            TRY_CAST(json_extract_string(record, '$.date_end') AS DATE),
            CASE date_precision
                WHEN 'day' THEN date
                WHEN 'week' THEN date + 6
                WHEN 'month' THEN last_day(date)
                WHEN 'year' THEN make_date(year(date), 12, 31)
            END)""",
    "INSERT OR REPLACE INTO state VALUES ('dedup_stale', '1')",
)

# Incremental deduplication (issue 14): articles stored but not yet deduplicated are listed in
# `dedup_pending` (all of them in an upgraded file, so its first update covers everything); the
# LSH band keys of deduplicated articles are kept in `story_bands`; each mention keeps the day it
# is matched on (its event date, else its article's publication date).
_V3 = (
    "CREATE TABLE dedup_pending (hash VARCHAR PRIMARY KEY)",
    "CREATE TABLE story_bands (hash VARCHAR NOT NULL, band SMALLINT NOT NULL, key BIGINT NOT NULL)",
    "ALTER TABLE mentions ADD COLUMN day DATE",
    """UPDATE mentions SET day = coalesce(mentions.date, a.pub_date)
       FROM articles a WHERE a.hash = mentions.article_hash""",
    "INSERT INTO dedup_pending SELECT hash FROM articles",
    "INSERT OR REPLACE INTO state VALUES ('dedup_stale', '1')",
)

# Watchlists (issue 14): saved queries over the events, flagged when a day's count spikes.
_V4 = (
    """CREATE TABLE watchlists (
        name VARCHAR PRIMARY KEY, query VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)""",
)

# Articles and copies apart (issue 17): one stored text per distinct body (`articles`), and a row
# per (source, url, title, publication date) that carried it (`copies`), keyed as
# `eventwire.corpus.store.writer.carrier_key` computes it; mentions the coder withheld (a side that
# resolves to no country or organisation) are kept with their reason, so that deduplication can
# join them to a report that resolves the side; the reasons of each mention's date and place
# are columns (deduplication reads them for every mention it reconsiders); events list the
# sources that carried them.
_CARRIER_KEY = """md5(concat_ws(chr(31), hash, coalesce(source, ''), coalesce(url, ''),
    coalesce(title, ''), coalesce(CAST(pub_date AS VARCHAR), '')))"""
_V5 = (
    """CREATE TABLE copies (
        carrier VARCHAR PRIMARY KEY,
        hash VARCHAR NOT NULL,
        doc_id VARCHAR, title VARCHAR, url VARCHAR, source VARCHAR, pub_date DATE,
        input VARCHAR,
        ingested_at TIMESTAMP NOT NULL)""",
    f"""INSERT INTO copies SELECT {_CARRIER_KEY}, hash, doc_id, title, url, source, pub_date,
        input, ingested_at FROM articles""",
    "ALTER TABLE mentions ADD COLUMN withheld VARCHAR",
    "ALTER TABLE mentions ADD COLUMN date_reason VARCHAR",
    "ALTER TABLE mentions ADD COLUMN location_reason VARCHAR",
    """UPDATE mentions SET date_reason = json_extract_string(record, '$.date_reason'),
        location_reason = json_extract_string(record, '$.location.reason')""",
    # The figures and names of each mention's sentence ('n:40', 'w:kharkiv'), indexed when
    # its article is deduplicated: what lets a report with a missing side find its match.
    """CREATE TABLE mention_clues (
        article_hash VARCHAR NOT NULL, id VARCHAR NOT NULL, clue VARCHAR NOT NULL)""",
    "ALTER TABLE events ADD COLUMN sources VARCHAR",
    "INSERT OR IGNORE INTO dedup_pending SELECT hash FROM articles",
    "INSERT OR REPLACE INTO state VALUES ('dedup_stale', '1')",
)

# Storage order (issue 14): each article keeps the order it was stored in (`seq`), and its mentions
# and their clues carry it (`article_seq`). Rows are appended in that order, so DuckDB's zone maps
# turn a lookup of a few recent articles' rows into a read of the last row groups, where a lookup
# by content hash reads the whole table. Each mention also keeps the span of storage order its
# event's mentions lie in (`event_first_seq`, `event_last_seq`), so that reading an event's
# mentions again is as narrow.
# `mentions` and `events` are rebuilt without their primary keys. A key is an index that DuckDB
# checks on every insert and writes back, a few megabytes of it, at every checkpoint: for the
# mentions, checking a few hundred new keys against every stored one cost more than the rest of
# an update's writing; the events' index made up half of what an update wrote to disk. Neither
# key is needed: an update finds rows by storage order and writes events whose ids it has made
# unique itself (`eventwire.corpus.dedup.update._keep_ids`; a page that shows one event finds it
# by a scan of the ids, a few milliseconds), and the writer keeps a
# mention's (article, id) unique, as the key's INSERT OR IGNORE did (the first of a repeated id
# is kept). The copies keep the rows in their stored order (a plain copy: DuckDB preserves
# insertion order) and the columns' NOT NULLs. Nothing is deduplicated again: the stored
# results do not change.
_NOT_NULL = {
    "mentions": ("article_hash", "id", "doc_id", "sentence_index", "sentence", "event_type",
                 "modality", "record"),
    "events": ("id", "event_type", "num_mentions", "num_sources", "num_articles", "num_stories",
               "explanation"),
}  # fmt: skip


def _unkeyed(table: str) -> tuple[str, ...]:
    """Statements that rebuild `table` without its primary key, rows and NOT NULLs kept."""
    copy = f"{table}_unkeyed"
    return (
        f"CREATE TABLE {copy} AS SELECT * FROM {table}",
        *(f"ALTER TABLE {copy} ALTER COLUMN {c} SET NOT NULL" for c in _NOT_NULL[table]),
        f"DROP TABLE {table}",
        f"ALTER TABLE {copy} RENAME TO {table}",
    )


_V6 = (
    "ALTER TABLE articles ADD COLUMN seq BIGINT",
    """UPDATE articles SET seq = o.seq FROM (
        SELECT hash, row_number() OVER (ORDER BY rowid) AS seq FROM articles) o
       WHERE o.hash = articles.hash""",
    *_unkeyed("mentions"),
    *_unkeyed("events"),
    "ALTER TABLE mentions ADD COLUMN article_seq BIGINT",
    """UPDATE mentions SET article_seq = a.seq FROM articles a
       WHERE a.hash = mentions.article_hash""",
    "ALTER TABLE mention_clues ADD COLUMN article_seq BIGINT",
    """UPDATE mention_clues SET article_seq = a.seq FROM articles a
       WHERE a.hash = mention_clues.article_hash""",
    "ALTER TABLE mentions ADD COLUMN event_first_seq BIGINT",
    "ALTER TABLE mentions ADD COLUMN event_last_seq BIGINT",
    """UPDATE mentions SET event_first_seq = s.first, event_last_seq = s.last FROM (
        SELECT event_id, min(article_seq) AS first, max(article_seq) AS last FROM mentions
        WHERE event_id IS NOT NULL GROUP BY event_id) s
       WHERE s.event_id = mentions.event_id""",
)

# The longest date range stored (issue 14), in days from a mention's day to the end of its
# range: how far back a stored mention reaching an update's days may start. The writer keeps it
# up to date (`eventwire.corpus.store.writer`), so an update reads it instead of scanning every
# mention's dates; stored files get it measured once.
_V7 = (
    f"""INSERT OR REPLACE INTO state SELECT '{LONGEST_SPAN}',
       CAST(coalesce(max(coalesce(date_end, day) - day), 0) AS VARCHAR) FROM mentions""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, mentions, events, state", _V1),
    Migration(2, "date ranges and place precision", _V2),
    Migration(3, "incremental deduplication: pending articles, story bands, mention days", _V3),
    Migration(4, "watchlists", _V4),
    Migration(5, "articles and their copies apart; withheld mentions kept; event sources", _V5),
    Migration(6, "storage order of articles, mentions and clues; mentions, events unkeyed", _V6),
    Migration(7, "the longest date range stored, kept by the writer", _V7),
)

LATEST = MIGRATIONS[-1].version
