"""Publication dates in the formats people have: ISO, RFC 2822, "October 23, 2025",
"23/10/2025", epoch seconds.

Parsing goes through python-dateutil. A publication date must name a whole day: "May 2024"
names none, and dateutil would quietly fill the missing day from today, so a date is accepted
only when two parses with different defaults agree. Numeric dates are month first
("10/23/2025") unless the user says day first (`--dayfirst`: "23/10/2025"); a date that can only
be read one way ("23/10/2025") is read that way either way. Epoch seconds are UTC.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import UTC, datetime
from datetime import date as Date

from dateutil import parser as dateutil_parser

from eventwire.errors import InputError

DAY_FIRST: ContextVar[bool] = ContextVar("eventwire_day_first", default=False)
_EPOCH = re.compile(r"^\d{9,11}(?:\.\d+)?$")  # seconds since 1970: 1973 to 5138
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def set_day_first(on: bool) -> None:
    """Read numeric dates day first ("23/10/2025") in this run (the `--dayfirst` option)."""
    DAY_FIRST.set(on)


def parse_publication_date(value: object, dayfirst: bool | None = None) -> Date:
    """The day a value names; InputError saying why when it names no whole day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    text = str(value).strip().strip("\"'")
    if not text:
        raise InputError("empty date")
    if _EPOCH.match(text):
        return datetime.fromtimestamp(float(text), tz=UTC).date()
    first = DAY_FIRST.get() if dayfirst is None else dayfirst
    try:
        one, two = (_parse(text, first, default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        raise InputError(f"invalid date {text!r} (not a date)") from None
    if one != two:
        raise InputError(f"invalid date {text!r} (not a whole day: it needs day, month and year)")
    return one.date()


def _parse(text: str, dayfirst: bool, default: datetime) -> datetime:
    return dateutil_parser.parse(text, dayfirst=dayfirst, default=default)
