"""`eventwire ingest`: files, folders, feeds and URLs into the embedded database."""

from __future__ import annotations

import json
import sys
from functools import partial
from typing import Annotated

import typer

from eventwire.cli.app import (
    DAYFIRST_HELP,
    DEFAULT_DB,
    AllowPrivateOption,
    DateColumn,
    DbOption,
    FollowRedirectsOption,
    IdColumn,
    TextColumn,
    TimeoutOption,
    app,
    parse_date_option,
    use_day_first,
)
from eventwire.errors import EventwireError


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, feed files, feed or article URLs, or '-' (stdin)."),
    ],
    db: DbOption = DEFAULT_DB,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Publication date YYYY-MM-DD for articles that carry none."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Coding processes.")] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per stored transaction.")
    ] = 32,
    window_days: Annotated[
        int, typer.Option("--window-days", min=0, help="Dedup: days one event may span.")
    ] = 2,
    fetch: Annotated[
        bool, typer.Option("--fetch/--no-fetch", help="Fetch the pages feed entries link to.")
    ] = True,
    date_column: DateColumn = "date",
    dayfirst: Annotated[bool, typer.Option("--dayfirst", help=DAYFIRST_HELP)] = False,
    follow_redirects: FollowRedirectsOption = False,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
    text_column: TextColumn = "text",
    id_column: IdColumn = "id",
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Refuse files/records over this size.")
    ] = 20.0,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    engine: Annotated[
        str,
        typer.Option("--engine", help="'local' processes or 'ray' (pip install eventwire[ray])."),
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster to join (default: start one).")
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            min=0,
            help="When another process holds the database, or a server that takes no articles "
            "from us: seconds to wait for it.",
        ),
    ] = 60.0,
) -> None:
    """Code articles into the database; rerunning adds only what is new."""
    from eventwire.corpus.ingest import ingest as run
    from eventwire.text.sources import SourceOptions

    use_day_first(dayfirst)
    options = SourceOptions(
        default_date=parse_date_option(date),
        max_bytes=int(max_mb * 2**20),
        fetch=fetch,
        text_column=text_column,
        date_column=date_column,
        id_column=id_column,
        timeout=timeout,
        follow_redirects=follow_redirects,
        allow_private=allow_private,
    )
    if "-" in sources and sys.stdin.isatty():
        raise EventwireError("no input on stdin: pipe articles in, or name files instead of '-'")
    if engine not in ("local", "ray"):
        raise EventwireError(f"unknown --engine {engine!r}: use 'local' or 'ray'")
    if engine == "ray":
        from eventwire.scale.ray_engine import ingest as ray_ingest

        run = partial(ray_ingest, address=address)  # noqa: F811

    def on_error(record) -> None:
        print(record.model_dump_json(exclude_none=True), file=sys.stderr, flush=True)

    def attempt():
        return run(
            sources,
            db=db,
            options=options,
            workers=workers,
            batch_size=batch_size,
            window_days=window_days,
            progress=sys.stderr.isatty() if progress is None else progress,
            on_error=on_error,
        )

    from eventwire.corpus.handoff import ingest_or_hand_over

    say = partial(typer.echo, err=True)
    summary = ingest_or_hand_over(db, sources, options, attempt, wait, say, on_error)
    if as_json:
        typer.echo(json.dumps(summary.to_dict()))
    else:
        _print_summary(summary, db)
    if summary.failed:
        raise EventwireError("nothing was stored: every record read had an error (see above)")


def _print_summary(summary, db: str) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    skipped = sum(summary.skipped.values())
    console.print(
        f"read {summary.read} articles, stored {summary.stored}, skipped {skipped}; "
        f"{summary.sentences} sentences, {summary.mentions} mentions; "
        f"{summary.seconds:.1f} s, {summary.articles_per_second:.1f} articles/s "
        f"({_who(summary.workers)})"
    )
    for reason, count in sorted(summary.skipped.items()):
        if count:
            console.print(f"  skipped {count}: {reason}")
    totals = summary.totals
    console.print(
        f"{db}: {totals.get('articles', 0)} articles in {totals.get('stories', 0)} stories, "
        f"{totals.get('mentions', 0)} mentions, {totals.get('events', 0)} events"
    )


def _who(workers: int) -> str:
    if workers == 0:
        return "coded and stored by the server"
    return f"{workers} worker{'s' if workers > 1 else ''}"
