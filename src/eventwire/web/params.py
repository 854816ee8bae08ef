"""Request parameters shared by the API and the pages.

The API declares typed query parameters (they document themselves in /openapi.json); the pages
read the same names from a plain GET form, where an untouched field arrives as an empty string.
Both end as the `EventFilter` of `eventwire.corpus.filters`, the model `eventwire query` and
`eventwire export` use too, so a name ("Russia") or a code ("RUS") is accepted, and an unknown one
refused, the same way everywhere.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated

from fastapi import HTTPException, Query
from starlette.datastructures import QueryParams

from eventwire.corpus.filters import FILTER_NAMES, EventFilter, Modality, make_filter
from eventwire.errors import EventwireError

# Free text (`q`) is the dashboard's own narrowing on the web (its search matches word starts);
# the command line's `--text` is the model's substring match.
WEB_FILTER_NAMES = tuple(name for name in FILTER_NAMES if name != "q")
Code = Annotated[
    str | None, Query(max_length=80, description="code (USAGOV), country (USA) or a name")
]


def api_filters(
    start: Annotated[Date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    end: Annotated[Date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    actor: Code = None,
    recipient: Code = None,
    country: Annotated[
        str | None, Query(max_length=80, description="either side or place: code or name")
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=40, description="PLOVER type or CAMEO code")
    ] = None,
    cameo: Annotated[str | None, Query(max_length=4, description="CAMEO code prefix")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="CAMEO QuadClass")] = None,
    modality: Modality | None = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    """The filters of an API request; a value that names nothing known is a 422."""
    try:
        return make_filter(**{k: v for k, v in locals().items() if k in WEB_FILTER_NAMES})
    except EventwireError as exc:
        raise HTTPException(422, str(exc)) from None


def form_filters(params: QueryParams) -> tuple[EventFilter, dict[str, str]]:
    """Filters from a page's query string, and the cleaned values to refill the form."""
    values = {k: params.get(k, "").strip()[:80] for k in WEB_FILTER_NAMES}
    values = {k: v for k, v in values.items() if v}
    return make_filter(**values), values
