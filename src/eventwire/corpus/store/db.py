"""Opening the DuckDB file: one place for locking errors, migrations and transactions.

DuckDB allows one writing process per file. A second writer gets a lock error, which we turn
into a message naming the file instead of a traceback.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eventwire.corpus.store.schema import LATEST, MIGRATIONS
from eventwire.errors import EventwireError

DEFAULT_DB = "eventwire.duckdb"


class DatabaseBusy(EventwireError):
    """Another process holds the file: DuckDB allows one writer, or only readers, at a time."""


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, for writing, create and migrate) the database at `path`."""
    path = Path(path)
    if read_only and not path.exists():
        raise EventwireError(f"{path}: no such database (run `eventwire ingest` first)")
    if path.exists() and path.is_dir():
        raise EventwireError(f"{path}: is a folder, not a database file")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        error = DatabaseBusy if "lock" in str(exc).lower() else EventwireError
        raise error(f"{path}: {_open_problem(exc)}") from exc
    except duckdb.Error as exc:
        raise EventwireError(f"{path}: not an eventwire database ({_first_line(exc)})") from exc
    try:
        if read_only and _check_version(con, path) < LATEST:
            con.close()
            _upgrade(path)
            con = duckdb.connect(str(path), read_only=True)
        elif not read_only:
            migrate(con, path)
    except BaseException:
        con.close()
        raise
    return con


def _upgrade(path: Path) -> None:
    """Bring a file written by an older eventwire up to date before reading it."""
    try:
        writer = duckdb.connect(str(path))
    except duckdb.Error as exc:
        held = _open_problem(exc) if isinstance(exc, duckdb.IOException) else _first_line(exc)
        raise EventwireError(
            f"{path}: written by an older eventwire and cannot be upgraded now ({held}); "
            "stop the other process or run `eventwire ingest` on it"
        ) from exc
    try:
        migrate(writer, path)
    finally:
        writer.close()


def _open_problem(exc: duckdb.IOException) -> str:
    """Our own words for a file another process holds: DuckDB's message points to advice
    (flags, settings) for its own tools that eventwire does not have."""
    message = str(exc)
    if "lock" not in message.lower():
        return f"cannot open database ({_first_line(exc)})"
    holder = re.search(r"\(PID (\d+)\)", message)
    who = f"another process (PID {holder[1]})" if holder else "another process"
    return (
        f"the database is in use by {who}; wait for it to finish or stop it, then rerun "
        "(`eventwire ingest` hands its articles to a running `eventwire serve` or waits for it)"
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied; 0 for an empty file."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    version = schema_version(con)
    if version == 0:
        tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            raise EventwireError(f"{path}: not an eventwire database (no schema_version table)")
        raise EventwireError(f"{path}: empty database (run `eventwire ingest` first)")
    if version > LATEST:
        raise EventwireError(
            f"{path}: database schema version {version} is newer than this eventwire "
            f"understands ({LATEST}); upgrade eventwire"
        )
    return version


def migrate(con: duckdb.DuckDBPyConnection, path: Path | str = "<database>") -> int:
    """Apply every migration the file lacks, each in its own transaction."""
    version = schema_version(con)
    if version == 0:
        tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            raise EventwireError(f"{path}: not an eventwire database (no schema_version table)")
    if version > LATEST:
        _check_version(con, Path(path))
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        with transaction(con):
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, datetime.now(UTC).replace(tzinfo=None), migration.note],
            )
        version = migration.version
    return version


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit on success, roll back on any error (the error propagates)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
