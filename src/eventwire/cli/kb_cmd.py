"""`eventwire kb`: import users' actor dictionaries as overlays and report on the knowledge base."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.app import app, parse_date_option
from eventwire.kb_import.phoenix import import_phoenix
from eventwire.kb_import.report import ImportReport
from eventwire.kb_import.stats import (
    effective_rows,
    heads_coverage,
    kb_stats,
    render_stats,
    states_counted,
    stats_json,
)
from eventwire.kb_import.tables import Row, default_output_dir, write_overlay
from eventwire.kb_import.wikidata import import_wikidata

kb_app = typer.Typer(
    help="The actor knowledge base: import overlays, show counts and ages.",
    no_args_is_help=True,
)
import_app = typer.Typer(
    help="Turn existing actor dictionaries into overlay tables (read via EVENTWIRE_KB_PATH).",
    no_args_is_help=True,
)
kb_app.add_typer(import_app, name="import")
app.add_typer(kb_app, name="kb")

OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Overlay directory to write (default: the user data directory)."),
]
ReplaceOption = Annotated[
    bool,
    typer.Option("--replace", help="Overwrite tables in DIR instead of merging with them."),
]
ShowOption = Annotated[
    int, typer.Option("--show-skipped", help="How many skipped lines to list.", min=0)
]


def _finish(report: ImportReport, tables: dict[str, list[Row]], out: Path | None,
            replace: bool, show: int) -> None:  # fmt: skip
    """Write the overlay, then print what was read, written and skipped."""
    target = (out or default_output_dir()).expanduser()
    written = write_overlay(target, tables, replace=replace)
    typer.echo(report.render(max_skipped=show))
    typer.echo(f"wrote overlay to {target}:")
    for table, count in sorted(written.items()):
        typer.echo(f"  {table}.tsv  {count} rows in file")
    if str(target) not in os.environ.get("EVENTWIRE_KB_PATH", "").split(os.pathsep):
        typer.echo(f"to use it: export EVENTWIRE_KB_PATH={target}")


@import_app.command("phoenix")
def import_phoenix_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Phoenix/PETRARCH .actors/.agents files, or directories of them."),
    ],
    out: OutOption = None,
    replace: ReplaceOption = False,
    show_skipped: ShowOption = 20,
) -> None:
    """Import Phoenix/PETRARCH actor and agent dictionaries."""
    result = import_phoenix(paths)
    _finish(result.report, result.tables, out, replace, show_skipped)


@import_app.command("wikidata")
def import_wikidata_command(
    file: Annotated[
        Path,
        typer.Argument(help="Export of data/wikidata/positions_held.rq (SPARQL JSON or CSV)."),
    ],
    out: OutOption = None,
    replace: ReplaceOption = False,
    show_skipped: ShowOption = 20,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the export was made (default: the file's date)."),
    ] = None,
) -> None:
    """Import a Wikidata export of positions held (heads of state and government, ministers)."""
    result = import_wikidata(file, as_of=as_of)
    _finish(result.report, result.tables, out, replace, show_skipped)


@kb_app.command("stats")
def stats_command(
    overlay: Annotated[
        list[Path] | None,
        typer.Option("--overlay", help="Overlay directory (default: those in EVENTWIRE_KB_PATH)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Count heads of state and government valid on this date "
            "(YYYY-MM-DD; default today).",
        ),
    ] = None,  # fmt: skip
) -> None:
    """Rows per table and file with their as_of, and how many states have heads on a date."""
    sources = kb_stats(overlays=overlay or None)
    day = parse_date_option(on) or date.today()
    heads = heads_coverage(effective_rows(sources, "people"), states_counted(), day)
    if as_json:
        typer.echo(json.dumps(stats_json(sources, heads), indent=2))
    else:
        typer.echo(render_stats(sources, heads))
