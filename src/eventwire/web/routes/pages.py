"""Server-rendered pages. Templates autoescape everything; charts fetch the JSON API."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from eventwire.corpus import watchlists
from eventwire.errors import EventwireError
from eventwire.web import actor_profile, download, queries
from eventwire.web.selection import form_selection

router = APIRouter(include_in_schema=False)

SORT_LABELS = {
    "-date": "newest first",
    "date": "oldest first",
    "-mentions": "most mentioned",
    "goldstein": "most conflictual",
    "-goldstein": "most cooperative",
    "-confidence": "most confident",
    "type": "event type",
}


def _render(request: Request, name: str, **context: object) -> HTMLResponse:
    context.setdefault("nav", name.removesuffix(".html"))
    return request.app.state.templates.TemplateResponse(request, name, context)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value or default)))
    except ValueError:
        return default


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    filters, values = form_selection(request.query_params)
    sort = request.query_params.get("sort", "-date")
    sort = sort if sort in queries.SORTS else "-date"
    number = _int(request.query_params.get("page"), 1, 1, 1_000_000)
    with request.app.state.store.read() as con:
        listing = queries.events(con, filters, queries.Page(number, 50, sort))
        stats = queries.stats(con)
        dyads = queries.dyads(con, filters, "actor", 12)
        watched = watchlists.statuses(con)
    links = {
        "prev": urlencode({**values, "sort": sort, "page": number - 1}) if number > 1 else None,
        "next": urlencode({**values, "sort": sort, "page": number + 1})
        if number < listing["pages"]
        else None,
        "csv": urlencode({**values, "sort": sort, "format": "csv"}),
        "parquet": urlencode({**values, "sort": sort, "format": "parquet"}),
    }
    return _render(
        request,
        "index.html",
        listing=listing,
        stats=stats,
        dyads=dyads,
        watched=watched,
        values=values,
        sort=sort,
        sorts=SORT_LABELS,
        links=links,
        read_csv=download.READ_CSV_HINT,
        filtered=bool(values),
        nav="events",
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, event_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_:.-]+$")]
) -> HTMLResponse:
    with request.app.state.store.read() as con:
        found = queries.event(con, event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    dyad = urlencode(
        {
            k: v
            for k, v in (("actor", found["actor_code"]), ("recipient", found["recipient_code"]))
            if v
        }
    )
    return _render(request, "event.html", event=found, dyad_query=dyad, nav="events")


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(
    request: Request, code: Annotated[str, Path(max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
) -> HTMLResponse:
    selection, values = form_selection(request.query_params)
    with request.app.state.store.read() as con:
        found = actor_profile.profile(con, code, selection)
    if found is None:
        raise HTTPException(404, f"no event and no knowledge-base entry for actor {code!r}")
    return _render(
        request,
        "actor.html",
        actor=found,
        values=values,
        action=f"/actors/{found['code']}",
        api_query=urlencode(values),
        nav="dyads",
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request) -> HTMLResponse:
    filters, values = form_selection(request.query_params)
    level = request.query_params.get("level", "actor")
    if level not in queries.LEVELS:
        raise EventwireError(f"unknown level {level!r} (choose from country, actor)")
    with request.app.state.store.read() as con:
        pairs = queries.dyads(con, filters, level, 200)
        people = queries.actors(con, filters, 30)
    return _render(request, "dyads.html", pairs=pairs, actors=people, level=level, values=values)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request) -> HTMLResponse:
    filters, values = form_selection(request.query_params)
    interval = request.query_params.get("interval", "month")
    if interval not in queries.INTERVALS:
        raise EventwireError(f"unknown interval {interval!r} (choose from day, week, month)")
    with request.app.state.store.read() as con:
        listing = queries.events(con, filters, queries.Page(1, 200, "date"))
        series = queries.timeseries(con, filters, interval)
    api = urlencode({**values, "interval": interval})
    return _render(
        request,
        "dyad.html",
        listing=listing,
        series=series,
        values=values,
        interval=interval,
        api_query=api,
        intervals=queries.INTERVALS,
        nav="dyads",
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    _, values = form_selection(request.query_params)
    level = request.query_params.get("level", "country")
    level = level if level in queries.LEVELS else "country"
    return _render(
        request,
        "network.html",
        values=values,
        level=level,
        api_query=urlencode({**values, "level": level}),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    _, values = form_selection(request.query_params)
    with request.app.state.store.read() as con:
        span = queries.date_span(con)
    return _render(request, "map.html", values=values, span=span, api_query=urlencode(values))


@router.get("/try", response_class=HTMLResponse)
def try_page(request: Request) -> HTMLResponse:
    return _render(request, "try.html")
