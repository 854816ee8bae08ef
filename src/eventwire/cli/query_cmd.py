"""`eventwire query`: filter stored events and print a table or JSONL."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from eventwire.cli.app import Level, app


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def query(
    db: Annotated[str, typer.Option("--db", help="DuckDB file.")] = "eventwire.duckdb",
    start: Annotated[str | None, typer.Option("--start", help="From date YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="To date YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code or country.")] = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", help="Recipient code or country.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Either side's country or the place's.")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")
    ] = None,
    quad_class: Annotated[
        int | None, typer.Option("--quad-class", min=1, max=4, help="CAMEO QuadClass 1-4.")
    ] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="e.g. asserted.")] = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", min=0.0, max=1.0)
    ] = None,
    level: Annotated[Level, typer.Option("--level", help="events or mentions.")] = Level.events,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    output: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table or jsonl.")
    ] = QueryFormat.table,
) -> None:
    """Filter stored events (or mentions)."""
    from eventwire.query import query as run

    frame = run(
        db,
        level=level.value,
        limit=limit,
        start=start,
        end=end,
        actor=actor,
        recipient=recipient,
        country=country,
        event_type=event_type,
        quad_class=quad_class,
        modality=modality,
        min_confidence=min_confidence,
    )
    if output is QueryFormat.jsonl:
        text = frame.to_json(orient="records", lines=True, date_format="iso")
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    _print_table(frame, level.value)


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
