"""`eventwire export`: the database in PLOVER, GDELT, ICEWS, POLECAT, CSV or Parquet shape."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from eventwire.cli.app import DEFAULT_DB, DbOption, Level, app
from eventwire.cli.filter_options import with_filters
from eventwire.corpus.filters import EventFilter


class ExportFormat(StrEnum):
    plover = "plover"
    gdelt = "gdelt"
    icews = "icews"
    polecat = "polecat"
    csv = "csv"
    parquet = "parquet"


@app.command()
@with_filters
def export(
    filters: EventFilter,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output shape.")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Output file; '-' (the default) is stdout. gdelt: a path prefix for its events "
            "and mentions files; on stdout, the events file alone.",
        ),
    ] = "-",
    table: Annotated[
        Level, typer.Option("--table", help="csv/parquet: events or mentions.")
    ] = Level.events,
) -> None:
    """Export stored events that pass the filters (docs/exports.md lists each shape's columns
    and the one-line read_csv call that keeps CAMEO codes as text)."""
    from eventwire.corpus.export import export as run

    paths = run(db, fmt.value, out, table.value, filters)
    if paths != ["-"]:
        print("wrote " + ", ".join(paths), file=sys.stderr)
