"""The update benchmark's preparation: a store kept from an older eventwire is timed at this
eventwire's schema, upgraded once on a copy (the kept store stays as it was)."""

from __future__ import annotations

import duckdb
from store_helpers import older_database

from eventwire.corpus import store
from eventwire.corpus.store.schema import LATEST
from eventwire.evaluation.update_bench import current_store


def _version(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.schema_version(con)
    finally:
        con.close()


def test_a_kept_store_of_an_older_schema_is_upgraded_once_on_a_copy(tmp_path):
    kept = tmp_path / "store-10-0.duckdb"
    older_database(kept, LATEST - 1).close()
    said: list[str] = []
    upgraded, seconds = current_store(kept, said.append)
    assert upgraded != kept and seconds > 0 and len(said) == 1
    assert (_version(kept), _version(upgraded)) == (LATEST - 1, LATEST)
    assert current_store(kept, said.append) == (upgraded, 0.0)  # reused, not made again
    assert current_store(upgraded, said.append) == (upgraded, 0.0)
    assert len(said) == 1
