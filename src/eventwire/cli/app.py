"""The typer application that every command module registers itself on."""

from datetime import date as Date
from enum import StrEnum

import typer

from eventwire.errors import EventwireError

app = typer.Typer(
    name="eventwire",
    help="Turn news articles into political event data (PLOVER/CAMEO), traceable to the word.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def parse_date_option(value: str | None) -> Date | None:
    """The `--date` option of every command: an ISO date, or a one-line error naming it."""
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise EventwireError(f"invalid --date {value!r}: expected YYYY-MM-DD") from None


class Level(StrEnum):
    """What `query` and `export` read: deduplicated events or the mentions behind them."""

    events = "events"
    mentions = "mentions"
