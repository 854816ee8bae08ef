"""The embedded event store (DuckDB): articles, mentions, deduplicated events.

- `db`: opening the file, migrations (`schema_version` table), transactions.
- `writer`: storing coded articles one batch per transaction, keyed by content hash.
- `reader`: counts, tables as DataFrames, stored Event records.
"""

from eventwire.corpus.store.db import (
    DEFAULT_DB,
    DatabaseBusy,
    connect,
    migrate,
    schema_version,
    transaction,
)
from eventwire.corpus.store.reader import (
    IN_DATASET,
    STORAGE_COLUMNS,
    Counts,
    counts,
    get_state,
    longest_span,
    mention_events,
    table,
)
from eventwire.corpus.store.schema import LONGEST_SPAN
from eventwire.corpus.store.writer import (
    CodedArticle,
    Copy,
    carrier_key,
    content_hash,
    known_carriers,
    known_hashes,
    write_batch,
)

__all__ = [
    "IN_DATASET",
    "LONGEST_SPAN",
    "STORAGE_COLUMNS",
    "DEFAULT_DB",
    "CodedArticle",
    "Copy",
    "DatabaseBusy",
    "Counts",
    "connect",
    "carrier_key",
    "content_hash",
    "counts",
    "get_state",
    "longest_span",
    "known_carriers",
    "known_hashes",
    "mention_events",
    "migrate",
    "schema_version",
    "table",
    "transaction",
    "write_batch",
]
