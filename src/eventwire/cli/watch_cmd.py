"""`eventwire watch`: keep a database up to date from feeds, folders and URL lists."""

from __future__ import annotations

import sys
import threading
from typing import Annotated

import typer

from eventwire.cli.app import (
    AllowPrivateOption,
    DbOption,
    FetchOption,
    FollowRedirectsOption,
    MaxMbOption,
    TimeoutOption,
    WindowDaysOption,
    app,
    parse_date_option,
    source_lists,
)

Every = Annotated[
    str, typer.Option("--every", help="Time between polls of a source: 15m, 90s, 2h, 1d.")
]
Webhook = Annotated[
    str | None,
    typer.Option("--webhook", help="POST one JSON document per flagged watchlist per cycle."),
]


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(help="Feeds (URLs or files), folders, article URLs; @FILE: one a line."),
    ],
    db: DbOption = "eventwire.duckdb",
    every: Every = "15m",
    webhook: Webhook = None,
    cycles: Annotated[
        int | None, typer.Option("--cycles", min=1, help="Stop after this many cycles.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Publication date YYYY-MM-DD for articles that carry none."),
    ] = None,
    fetch: FetchOption = True,
    window_days: WindowDaysOption = 2,
    max_mb: MaxMbOption = 20.0,
    follow_redirects: FollowRedirectsOption = False,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
) -> None:
    """Poll SOURCES, code what is new, deduplicate, flag watchlists: one line per cycle."""
    from eventwire.corpus.watch import WatchConfig, Watcher, file_target, parse_every
    from eventwire.text.sources import SourceOptions

    sources = source_lists(sources)
    config = WatchConfig(
        sources=tuple(sources),
        every=parse_every(every),
        options=SourceOptions(
            default_date=parse_date_option(date),
            fetch=fetch,
            max_bytes=int(max_mb * 2**20),
            timeout=timeout,
            follow_redirects=follow_redirects,
            allow_private=allow_private,
        ),
        window_days=window_days,
        webhook=webhook,
    )
    watcher = Watcher(file_target(db), config)
    typer.echo(f"eventwire: watching {len(sources)} source(s) every {every} into {db}", err=True)
    watcher.run(threading.Event(), _print_line, cycles)


def _print_line(report) -> None:
    print(f"eventwire: watch {report.line()}", file=sys.stderr, flush=True)
