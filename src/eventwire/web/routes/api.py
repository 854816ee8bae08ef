"""JSON API under /api: read endpoints are open, write endpoints need the operator's token."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field

from eventwire.errors import TimeLimitError
from eventwire.models import Article
from eventwire.web import actor_profile, download, labels, limits, queries, writes
from eventwire.web.evidence import segments
from eventwire.web.security import require_token
from eventwire.web.selection import Selection, api_selection

router = APIRouter(prefix="/api")
Sort = Literal[tuple(queries.SORTS)]  # type: ignore[valid-type]
Level = Literal["country", "actor"]
MAX_POSTED_ARTICLES = 200
MAX_PAGE = 1_000_000  # page * per_page must stay far inside DuckDB's 64-bit OFFSET
EventId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_:.-]+$")]
ActorCode = Annotated[str, Path(max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
# The shared filters plus the dashboard's free text, source and precision.
Picked = Annotated[Selection, Depends(api_selection)]


def _store(request: Request):
    return request.app.state.store


@router.get("/events", summary="Events passing the filters, one page at a time")
def list_events(
    request: Request,
    selection: Picked,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE)] = 50,
    sort: Sort = "-date",
) -> dict:
    with _store(request).read() as con:
        return queries.events(con, selection, queries.Page(page, per_page, sort))


@router.get(
    "/download",
    summary="The selection of /api/events as one CSV or Parquet file, every page",
    description="Takes the filters and sort of /api/events. Codes are text: Parquet keeps "
    "them as strings, and CSV quotes them, but readers still guess numbers from digits, so "
    f"read it with `{download.READ_CSV_HINT['pandas']}` (pandas) or "
    f"`{download.READ_CSV_HINT['R']}` (R).",
    response_class=Response,
)
def download_selection(
    request: Request,
    selection: Picked,
    format: download.Format = "csv",
    sort: Sort = "-date",
) -> Response:
    with _store(request).read() as con:
        frame = download.selection_frame(con, selection, sort)
    return Response(
        download.encode(frame, format),
        media_type=download.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{download.filename(format)}"'},
    )


@router.get("/events/{event_id}", summary="One event with all its mentions and their evidence")
def get_event(request: Request, event_id: EventId) -> dict:
    with _store(request).read() as con:
        found = queries.event(con, event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return found


@router.get("/actors", summary="Actors with how often they act and are acted upon")
def list_actors(
    request: Request,
    selection: Picked,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict]:
    with _store(request).read() as con:
        return queries.actors(con, selection, limit)


@router.get(
    "/actors/{code}",
    summary="One actor: events over time by type, counterparts, the words that named it, "
    "its knowledge-base entry",
)
def get_actor(request: Request, code: ActorCode, selection: Picked) -> dict:
    with _store(request).read() as con:
        found = actor_profile.profile(con, code, selection)
    if found is None:
        raise HTTPException(404, f"no event and no knowledge-base entry for actor {code!r}")
    return found


@router.get("/dyads", summary="Actor-recipient pairs with counts by QuadClass")
def list_dyads(
    request: Request,
    selection: Picked,
    level: Level = "actor",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict]:
    with _store(request).read() as con:
        return queries.dyads(con, selection, level, limit)


@router.get("/timeseries", summary="Events per day/week/month by QuadClass, mean Goldstein")
def timeseries(
    request: Request,
    selection: Picked,
    interval: Literal["day", "week", "month"] = "month",
) -> dict:
    with _store(request).read() as con:
        return queries.timeseries(con, selection, interval)


@router.get("/network", summary="Who acts on whom: nodes and weighted edges")
def network(
    request: Request,
    selection: Picked,
    level: Level = "country",
    limit: Annotated[int, Query(ge=1, le=2000)] = 200,
) -> dict:
    with _store(request).read() as con:
        return queries.network(con, selection, level, limit)


@router.get("/map", summary="Event places for the map, with how each was located")
def event_map(request: Request, selection: Picked) -> dict:
    with _store(request).read() as con:
        return queries.places(con, selection)


@router.get("/stats", summary="Totals and breakdowns of the whole store")
def stats(request: Request) -> dict:
    with _store(request).read() as con:
        return queries.stats(con)


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=limits.MAX_CODE_CHARS)
    date: Date | None = Field(default=None, description="publication date; picks valid actors")


@router.post(
    "/code",
    summary="Code posted text and return its events (nothing is stored)",
    description=f"At most {limits.MAX_CODE_CHARS:,} characters and {limits.CODE_SECONDS:g} s "
    "of coding (422 past it); one request codes at a time, others get 429 with Retry-After.",
)
def code(request: Request, body: CodeRequest) -> dict:
    from eventwire.coding.coder import default_coder

    with request.app.state.coding.take():
        coder = default_coder()
        try:
            events = coder.code_text(
                body.text, body.date, "posted", limits.deadline(limits.CODE_SECONDS)
            )
        except TimeLimitError:
            raise limits.too_slow(limits.CODE_SECONDS) from None
    items = []
    for event in events:
        record = event.model_dump(mode="json")
        spans = {
            role: (part.start, part.end, part.text)
            for role, part in (
                ("trigger", event.trigger),
                ("actor", event.actor),
                ("recipient", event.recipient),
            )
            if part is not None
        }
        record["evidence"] = segments(body.text, event.sentence, spans)
        record["cameo_name"] = labels.cameo_label(event.cameo)
        items.append(record)
    return {"events": items, "count": len(items)}


class PostedArticle(BaseModel):
    text: str = Field(min_length=1, max_length=limits.MAX_CODE_CHARS)
    id: str = Field(default="", max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    date: Date | None = None


class IngestRequest(BaseModel):
    articles: list[PostedArticle] = Field(min_length=1, max_length=MAX_POSTED_ARTICLES)


@router.post(
    "/ingest",
    summary="Code and store articles (needs the token)",
    dependencies=[Depends(require_token)],
)
def ingest(request: Request, body: IngestRequest) -> dict:
    articles = [Article(**a.model_dump()) for a in body.articles]
    with request.app.state.coding.take():
        return writes.ingest_articles(_store(request), articles)


@router.delete(
    "/articles/{article_hash}",
    summary="Delete an article (needs the token)",
    dependencies=[Depends(require_token)],
)
def delete_article(
    request: Request, article_hash: Annotated[str, Path(pattern=r"^[0-9a-f]{40}$")]
) -> dict:
    if not writes.delete_article(_store(request), article_hash):
        raise HTTPException(404, f"no article with hash {article_hash!r}")
    return {"deleted": article_hash}
