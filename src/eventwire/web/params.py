"""Request parameters shared by the API and the pages.

The API declares typed query parameters (they document themselves in /openapi.json); the pages
read the same names from a plain GET form, where an untouched field arrives as an empty string.
Both end as the `Filters` of `eventwire.query`.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Literal

from fastapi import Query
from starlette.datastructures import QueryParams

from eventwire.errors import EventwireError
from eventwire.query import Filters

ModalityName = Literal["asserted", "planned", "alleged", "hypothetical", "negated", "denied"]
Code = Annotated[str | None, Query(max_length=40, description="code (USAGOV) or country (USA)")]
FILTER_NAMES = (
    "start",
    "end",
    "actor",
    "recipient",
    "country",
    "event_type",
    "quad_class",
    "modality",
    "min_confidence",
)


def api_filters(
    start: Annotated[Date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    end: Annotated[Date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    actor: Code = None,
    recipient: Code = None,
    country: Annotated[str | None, Query(max_length=3, description="either side or place")] = None,
    event_type: Annotated[str | None, Query(max_length=20, description="PLOVER type")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="CAMEO QuadClass")] = None,
    modality: ModalityName | None = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> Filters:
    return Filters(
        start, end, actor, recipient, country, event_type, quad_class, modality, min_confidence
    )


def form_filters(params: QueryParams) -> tuple[Filters, dict[str, str]]:
    """Filters from a page's query string, and the cleaned values to refill the form."""
    values = {k: params.get(k, "").strip()[:40] for k in FILTER_NAMES}
    values = {k: v for k, v in values.items() if v}
    kwargs: dict[str, object] = dict(values)
    if "quad_class" in values:
        kwargs["quad_class"] = _number(values["quad_class"], int, "quad_class")
    if "min_confidence" in values:
        kwargs["min_confidence"] = _number(values["min_confidence"], float, "min_confidence")
    filters = Filters(**kwargs)  # type: ignore[arg-type]
    filters.where()  # validates dates, quad class and modality now, with a readable message
    return filters, values


def _number(text: str, kind: type, name: str) -> object:
    try:
        return kind(text)
    except ValueError as exc:
        raise EventwireError(f"{name} must be a number, got {text!r}") from exc
