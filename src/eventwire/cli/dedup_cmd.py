"""`eventwire dedup …`: the deduplication benchmarks (update cost, and our own scored set)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.app import app

dedup_app = typer.Typer(help="Deduplication benchmarks.", no_args_is_help=True)
app.add_typer(dedup_app, name="dedup")


@dedup_app.command("bench-update")
def bench_update(
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Generated articles in the large store.")
    ] = 100_000,
    update: Annotated[int, typer.Option("--update", min=1, help="Articles in the update.")] = 50,
    repeats: Annotated[int, typer.Option("--repeats", min=1, help="Runs; the best is kept.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated corpus.")] = 0,
    keep: Annotated[
        Path | None,
        typer.Option("--keep", help="Folder to keep the large store in and reuse next time."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Time an update into a large store against the same update into an empty one."""
    from eventwire.evaluation.update_bench import run

    started = time.perf_counter()

    def say(message: str) -> None:
        """Progress on stderr: rewritten in place on a terminal, one line each in a log (a
        100,000-article build runs for a long while, often in the background)."""
        line = f"[{time.perf_counter() - started:7.0f} s] {message}"
        if sys.stderr.isatty():
            print(f"\r{line:<70}", end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    result = run(articles, update, seed, repeats, keep, say)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
        return
    if result.build_seconds:
        typer.echo(f"built the store of {articles:,} articles in {result.build_seconds:.0f} s")
    if result.upgrade_seconds:
        typer.echo(f"upgraded a copy of the kept store in {result.upgrade_seconds:.0f} s (once)")
    typer.echo(result.summary())


@dedup_app.command("score")
def score(
    parts: Annotated[
        int, typer.Option("--parts", min=1, help="Ingest the set in this many updates.")
    ] = 1,
    full: Annotated[
        bool, typer.Option("--full", help="Recompute the whole store before scoring.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score deduplication on eventwire's own benchmark of reports, copies and look-alikes."""
    from eventwire.evaluation.dedup_bench import run

    result = run(parts=parts, full=full)
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
        return
    for line in result.lines():
        typer.echo(line)
