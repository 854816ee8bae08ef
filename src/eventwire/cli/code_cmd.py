"""`eventwire code`: articles in, one JSON event per line out (or a table for reading).

Bad records go to stderr as one-line JSON so stdout stays a clean event stream. The spaCy
pipeline is loaded only once the first readable article is found: all-garbage input fails fast.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.app import (
    DAYFIRST_HELP,
    DateColumn,
    IdColumn,
    TextColumn,
    app,
    parse_date_option,
    use_day_first,
)
from eventwire.config import MODEL_ENV
from eventwire.errors import EventwireError
from eventwire.models import Article, ErrorRecord

if TYPE_CHECKING:
    from eventwire.coding.coder import Outcome
    from eventwire.models import Event
    from eventwire.text.sources import SourceOptions


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def code(
    path: Annotated[
        str,
        typer.Argument(help="File, folder, CSV or feed file, or '-' for stdin (JSONL or text)."),
    ] = "-",
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="jsonl (one event per line) or table."),
    ] = OutputFormat.jsonl,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Publication date YYYY-MM-DD for articles that carry none."),
    ] = None,
    dayfirst: Annotated[bool, typer.Option("--dayfirst", help=DAYFIRST_HELP)] = False,
    date_column: DateColumn = "date",
    text_column: TextColumn = "text",
    id_column: IdColumn = "id",
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop events below this."),
    ] = 0.0,
    max_mb: Annotated[
        float,
        typer.Option("--max-mb", min=0.001, help="Refuse files (JSONL: records) over this size."),
    ] = 20.0,
    include_withheld: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also print events left out of the default dataset (a side that resolves to "
            "no country or organisation), each with its `withheld` reason.",
        ),
    ] = False,
) -> None:
    """Code news articles into PLOVER/CAMEO events."""
    default_date = parse_date_option(date)
    if path == "-" and sys.stdin.isatty():
        raise EventwireError("no input: give a file or folder, or pipe articles on stdin")
    use_day_first(dayfirst)
    from eventwire.text.sources import SourceOptions

    options = SourceOptions(
        default_date=default_date, max_bytes=int(max_mb * 2**20), fetch=False,
        text_column=text_column, date_column=date_column, id_column=id_column,
    )  # fmt: skip
    records = _records(path, options)
    articles = _articles_only(records)
    first = next(articles, None)
    if first is None:
        where = "<stdin>" if path == "-" else path
        raise EventwireError(f"{where}: nothing could be coded (every input had an error)")
    count = _Count()
    coded = _code(itertools.chain([first], articles), min_confidence, include_withheld, count)
    try:
        if output is OutputFormat.table:
            _print_table(coded)
        else:
            _write_jsonl(coded)
    except BrokenPipeError:
        _silence_stdout()  # the reader (`head`, a pager) left: stop quietly, no traceback
        return
    if line := count.skip_note():
        print(line, file=sys.stderr, flush=True)
    if not count.coded and not count.skipped:
        where = "<stdin>" if path == "-" else path
        raise EventwireError(f"{where}: nothing could be coded (every input had an error)")


def _report(record: ErrorRecord) -> None:
    print(record.model_dump_json(exclude_none=True), file=sys.stderr, flush=True)


def _records(path: str, options: SourceOptions) -> Iterable[Article | ErrorRecord]:
    """Folders, CSV and feed files as `ingest` reads them (`eventwire.text.sources`), so a CSV's
    text, date and id columns mean the same in both; one file or stdin through the readers,
    whose error about that one input is the command's error."""
    from eventwire.text.sources import CSV_SUFFIXES, FEED_SUFFIXES, check_sources, expand

    suffix = Path(path).suffix.lower()
    if path != "-" and (Path(path).is_dir() or suffix in CSV_SUFFIXES | FEED_SUFFIXES):
        check_sources([path])
        return (item.record for item in expand([path], options))
    from eventwire.text.readers import read_articles

    return read_articles(path, default_date=options.default_date, max_bytes=options.max_bytes)


def _articles_only(records: Iterable[Article | ErrorRecord]) -> Iterator[Article]:
    """Pass articles through; report each error record on stderr as it is met."""
    for record in records:
        if isinstance(record, ErrorRecord):
            _report(record)
        else:
            yield record


@dataclass
class _Count:
    """How many articles were coded (for the exit status), and skipped for their language."""

    coded: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, _article: Article, outcome: Outcome) -> None:
        self.skipped[outcome.language] += 1

    def skip_note(self) -> str | None:
        """One stderr line per run for the articles left uncoded for their language."""
        if not self.skipped:
            return None
        total = sum(self.skipped.values())
        counts = ", ".join(f"{lang} {n}" for lang, n in self.skipped.most_common())
        first = self.skipped.most_common(1)[0][0]
        return (
            f"eventwire: note: skipped {total} article(s) not in English ({counts}): no spaCy "
            f"model is configured for them; set {MODEL_ENV}_{first.upper()} (or [models] in "
            "eventwire.toml) to an installed pipeline to code them"
        )


def _code(
    articles: Iterable[Article], min_confidence: float, include_withheld: bool, count: _Count
) -> Iterator[Event]:
    from eventwire.actors.freshness import FreshnessTally
    from eventwire.coding.coder import Coder  # imported here: spaCy makes `eventwire --help` slow

    freshness = FreshnessTally()
    coder = Coder(include_withheld=include_withheld)
    for _article, events in coder.code_articles(articles, on_error=_report, on_skip=count.skip):
        count.coded += 1
        freshness.add(events)
        yield from (e for e in events if e.confidence >= min_confidence)
    if line := freshness.line():
        print(line, file=sys.stderr, flush=True)


def _write_jsonl(events: Iterable[Event]) -> None:
    out = sys.stdout
    for event in events:
        out.write(event.model_dump_json() + "\n")
    out.flush()


def _print_table(events: Iterable[Event]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("type", "cameo", "actor → recipient", "modality", "trigger", "date"):
        table.add_column(column, no_wrap=True, overflow="ellipsis")
    table.add_column("sentence", min_width=30, ratio=1, overflow="fold")
    for event in events:
        table.add_row(
            event.event_type,
            event.cameo,
            f"{_code_of(event.actor)} → {_code_of(event.recipient)}",
            event.modality,
            event.trigger.text,
            str(event.date or ""),
            _shorten(event.sentence, 80),
        )
    # A pipe or file gets a wide table: rich would otherwise assume 80 columns.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def _code_of(actor) -> str:
    if actor is None:
        return "-"
    return actor.code or actor.country or f"?{actor.text}"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
