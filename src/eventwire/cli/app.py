"""The typer application that every command module registers itself on."""

from datetime import date as Date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eventwire import __version__
from eventwire.config import DB_ENV
from eventwire.errors import EventwireError

app = typer.Typer(
    name="eventwire",
    help="Turn news articles into political event data (PLOVER/CAMEO), traceable to the word. "
    "Defaults can be set in eventwire.toml (see `eventwire config`).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "eventwire.duckdb"
DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar=DB_ENV, help=f"DuckDB file (also ${DB_ENV} or `db` in eventwire.toml)."
    ),
]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news articles into political event data (PLOVER/CAMEO), traceable to the word."""


def parse_date_option(value: str | None) -> Date | None:
    """The `--date` option of every command: an ISO date, or a one-line error naming it."""
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise EventwireError(f"invalid --date {value!r}: expected YYYY-MM-DD") from None


# Options that `ingest` and `watch` share, so both read sources the same way.
FetchOption = Annotated[
    bool, typer.Option("--fetch/--no-fetch", help="Fetch the pages feed entries link to.")
]
WindowDaysOption = Annotated[
    int, typer.Option("--window-days", min=0, help="Dedup: days one event may span.")
]
MaxMbOption = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Refuse files/records over this size.")
]
# The fetch protections (see `eventwire.text.fetch`): every command that fetches offers the same
# three ways to relax them, and none by default.
FollowRedirectsOption = Annotated[
    bool,
    typer.Option(
        "--follow-redirects",
        help="Follow redirects, and fetch feed links, to other hosts than the URL's own.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Allow fetching from loopback, private and link-local addresses."
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds for each whole fetch.")
]

DAYFIRST_HELP = "Read numeric publication dates day first (23/10/2025), not month first."
# The CSV options of `code` and `ingest`, declared once so both read a CSV alike.
TextColumn = Annotated[
    str, typer.Option("--text-column", help="CSV column holding the article text.")
]
DateColumn = Annotated[
    str,
    typer.Option("--date-column", help="CSV column holding the publication date (any format)."),
]
IdColumn = Annotated[
    str, typer.Option("--id-column", help="CSV column holding the article id (doc_id).")
]


def use_day_first(dayfirst: bool) -> None:
    """The `--dayfirst` option of the commands that read articles."""
    from eventwire.text.pubdates import set_day_first

    set_day_first(dayfirst)


class Level(StrEnum):
    """What `query` and `export` read: deduplicated events or the mentions behind them."""

    events = "events"
    mentions = "mentions"


def source_lists(sources: list[str]) -> list[str]:
    """Sources as given, with each ``@FILE`` replaced by the sources it lists, one a line (blank
    lines and ``#`` comments skipped): how a long list of feeds is kept in a file."""
    expanded: list[str] = []
    for source in sources:
        if not source.startswith("@"):
            expanded.append(source)
            continue
        path = Path(source[1:])
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise EventwireError(f"{path}: cannot read the source list ({exc})") from exc
        listed = [
            line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
        ]
        if not listed:
            raise EventwireError(f"{path}: the source list names no source")
        expanded += listed
    return expanded
