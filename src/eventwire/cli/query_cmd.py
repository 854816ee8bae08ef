"""`eventwire query`: filter stored events; a table on a terminal, CSV/TSV/JSONL/Parquet else."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from eventwire.cli.app import DEFAULT_DB, DbOption, Level, app
from eventwire.cli.filter_options import with_filters
from eventwire.corpus.filters import EventFilter
from eventwire.corpus.tables import write_frame
from eventwire.errors import EventwireError


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
@with_filters
def query(
    filters: EventFilter,
    db: DbOption = DEFAULT_DB,
    level: Annotated[Level, typer.Option("--level", help="events or mentions.")] = Level.events,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    output: Annotated[
        QueryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv, jsonl or parquet. Default: table on a terminal, TSV when "
            "piped or written to a file (tab-separated, header row, codes quoted).",
        ),
    ] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Output file ('-': stdout).")] = "-",
) -> None:
    """Filter stored events (or mentions); names or codes are accepted for actors and types."""
    from eventwire.corpus.query import query as run

    frame = run(db, level=level.value, limit=limit, filters=filters)
    fmt = output or (QueryFormat.table if out == "-" and sys.stdout.isatty() else QueryFormat.tsv)
    if fmt is QueryFormat.table:
        if out != "-":
            raise EventwireError("--format table prints to the terminal: pick csv, tsv, jsonl "
                                 "or parquet for --out")  # fmt: skip
        _print_table(frame, level.value)
        return
    write_frame(frame, fmt.value, out)


_COLUMNS = {
    "events": ("date", "event_type", "cameo", "actor_code", "recipient_code", "location_name",
               "num_mentions", "num_sources", "num_articles", "confidence"),
    "mentions": ("date", "event_type", "cameo", "actor_code", "recipient_code", "modality",
                 "confidence", "source", "sentence"),
}  # fmt: skip


def _print_table(frame, level: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(frame)} {level}")
    columns = [c for c in _COLUMNS[level] if c in frame.columns]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in frame[columns].itertuples(index=False):
        table.add_row(*("" if _missing(v) else _short(v) for v in row))
    Console().print(table)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except (TypeError, ValueError):
        return False


def _short(value) -> str:
    text = " ".join(str(value).split())
    if hasattr(value, "date") and callable(value.date) and " 00:00:00" in str(value):
        text = str(value.date())
    return text if len(text) <= 90 else text[:89] + "…"
