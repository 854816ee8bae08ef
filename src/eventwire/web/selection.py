"""What the dashboard narrows on top of the shared filters: free text, source and precision.

The shared `Filters` (the ones `eventwire query` takes) stay as they are; a `Selection` wraps
them with the dashboard's own narrowing and offers the same `where()`, so every query of
`eventwire.web.queries` takes either. The API and the pages build one per request, and the
download of the current selection is the same `Selection` without paging.

Free text is a case-blind match at word starts (DuckDB `regexp_matches`), not DuckDB's `fts`
extension: `fts` is not built into the DuckDB wheel and would be downloaded at run time (the
project runs offline), and its index must be built through a write connection while the server
holds the file read-only. A scan of the stored sentences and titles covers tens of thousands of
mentions in milliseconds, the scale a dashboard over one file serves. Every word (or "quoted
phrase") must occur in the same mention's sentence or its article's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal, Protocol

from fastapi import Depends, Query

from eventwire.errors import EventwireError
from eventwire.web.params import api_filters, form_filters

# How exact an event's date and place are, as deduplication stores them ("publication": the
# date is the article's; "none": no place at all).
DatePrecision = Literal["day", "week", "month", "year", "publication", "unknown"]
PlacePrecision = Literal["site", "city", "region", "country", "none"]
DATE_PRECISIONS: tuple[str, ...] = DatePrecision.__args__  # type: ignore[attr-defined]
PLACE_PRECISIONS: tuple[str, ...] = PlacePrecision.__args__  # type: ignore[attr-defined]
MAX_TERMS = 8
TERM = re.compile(r'"([^"]+)"|(\S+)')


class Narrowing(Protocol):
    def where(self) -> tuple[str, list]: ...


@dataclass(frozen=True)
class Extras:
    """The dashboard's narrowing; empty fields narrow nothing."""

    q: str | None = None
    source: str | None = None
    date_precision: str | None = None
    place_precision: str | None = None

    def clauses(self) -> tuple[list[str], list]:
        clauses: list[str] = []
        params: list = []
        for term in search_terms(self.q):
            clauses.append(
                "id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.hash = "
                "m.article_hash WHERE regexp_matches(m.sentence, ?) "
                "OR regexp_matches(coalesce(a.title, ''), ?))"
            )
            params += [word_pattern(term)] * 2
        if self.source:
            clauses.append(
                "id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.hash = "
                "m.article_hash WHERE coalesce(a.source, '(unknown)') = ?)"
            )
            params.append(self.source)
        if self.date_precision:
            _check(self.date_precision, DATE_PRECISIONS, "date precision")
            clauses.append("date_precision = ?")
            params.append(self.date_precision)
        if self.place_precision:
            _check(self.place_precision, PLACE_PRECISIONS, "place precision")
            clauses.append("coalesce(location_precision, 'none') = ?")
            params.append(self.place_precision)
        return clauses, params


@dataclass(frozen=True)
class Selection:
    """The shared filters and the dashboard's extras, read as one SQL condition."""

    filters: Narrowing
    extras: Extras = Extras()

    def where(self) -> tuple[str, list]:
        where, params = self.filters.where()
        more, more_params = self.extras.clauses()
        return " AND ".join([f"({where})", *more]), [*params, *more_params]


def search_terms(text: str | None) -> list[str]:
    """Words and "quoted phrases" of a search; every one must occur in the sentence or title."""
    if not text or not text.strip():
        return []
    terms = [quoted or word for quoted, word in TERM.findall(text)]
    terms = [t.strip() for t in terms if t.strip()]
    if len(terms) > MAX_TERMS:
        raise EventwireError(f"search has {len(terms)} words; at most {MAX_TERMS} are used")
    return terms


def word_pattern(term: str) -> str:
    """A case-blind pattern matching `term` at the start of a word: "sanction" finds
    "sanctions" but "air" does not find "said" or "chair"."""
    start = r"\b" if term[0].isalnum() else ""
    return "(?i)" + start + re.escape(term)


def _check(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise EventwireError(f"unknown {name} {value!r} (choose from {', '.join(allowed)})")


def api_extras(
    q: Annotated[
        str | None, Query(max_length=200, description='words or "phrases" in sentence or title')
    ] = None,
    source: Annotated[str | None, Query(max_length=200, description="article source")] = None,
    date_precision: DatePrecision | None = None,
    place_precision: PlacePrecision | None = None,
) -> Extras:
    return Extras(q, source, date_precision, place_precision)


def api_selection(
    filters: Annotated[Narrowing, Depends(api_filters)],
    extras: Annotated[Extras, Depends(api_extras)],
) -> Selection:
    return Selection(filters, extras)


EXTRA_NAMES = ("q", "source", "date_precision", "place_precision")


def form_extras(params) -> tuple[Extras, dict[str, str]]:
    """The extras from a page's query string, and the cleaned values to refill the form."""
    values = {k: params.get(k, "").strip()[:200] for k in EXTRA_NAMES}
    values = {k: v for k, v in values.items() if v}
    extras = Extras(**values)
    extras.clauses()  # validates now, with a readable message
    return extras, values


def form_selection(params) -> tuple[Selection, dict[str, str]]:
    """A page's whole selection and every value to refill its form with."""
    filters, values = form_filters(params)
    extras, more = form_extras(params)
    return Selection(filters, extras), {**values, **more}
