"""`eventwire export`: the database in PLOVER, GDELT, ICEWS, POLECAT, CSV or Parquet shape."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from eventwire.cli.app import Level, app


class ExportFormat(StrEnum):
    plover = "plover"
    gdelt = "gdelt"
    icews = "icews"
    polecat = "polecat"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output shape.")],
    db: Annotated[str, typer.Option("--db", help="DuckDB file.")] = "eventwire.duckdb",
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="Output file ('-' stdout; gdelt: a path prefix)."),
    ] = "-",
    table: Annotated[
        Level, typer.Option("--table", help="csv/parquet: events or mentions.")
    ] = Level.events,
) -> None:
    """Export stored events (see docs/exports.md for each shape's columns)."""
    from eventwire.export import export as run

    paths = run(db, fmt.value, out, table.value)
    if paths != ["-"]:
        print("wrote " + ", ".join(paths), file=sys.stderr)
