"""Access to the DuckDB file from a threaded web server.

DuckDB lets one process hold a file either read-only or read-write. The server keeps one
read-only connection for every read and, for the rare token-protected write, closes it, writes
through a read-write connection and reopens. One lock serialises both, so a write never meets
an open reader in this process.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from eventwire.corpus.store import connect


class Store:
    """The database file behind the app."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._reader: duckdb.DuckDBPyConnection | None = None

    def check(self) -> None:
        """Open once now so a missing or foreign file fails at start-up, not on first view."""
        with self.read():
            pass

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._reader is None:
                self._reader = connect(self.path, read_only=True)
            yield self._reader

    @contextlib.contextmanager
    def write(self) -> Iterator[Path]:
        """Hold the lock with no connection open; the caller opens the file read-write."""
        with self._lock:
            self.close()
            yield self.path

    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection, under the lock, closed again before readers come back."""
        with self.write() as path:
            con = connect(path)
            try:
                yield con
            finally:
                con.close()

    def known(self, hashes: list[str], carriers: list[str]) -> tuple[set[str], set[str]]:
        """Which of these texts and copies are stored (what the watch loop asks first)."""
        from eventwire.corpus.ingest import stored_keys

        with self.read() as con:
            return stored_keys(con, hashes, carriers)

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
