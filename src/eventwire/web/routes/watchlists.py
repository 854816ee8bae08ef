"""Watchlists over the API: their statuses are open to read, saving and removing need the token."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventwire.corpus import watchlists
from eventwire.corpus.watchlists import NAME_PATTERN, Watchlist
from eventwire.web import writes
from eventwire.web.security import require_token

router = APIRouter(prefix="/api")
Name = Annotated[str, Path(pattern=NAME_PATTERN)]


@router.get("/watchlists", summary="Every watchlist with its daily counts, baseline and flag")
def list_watchlists(
    request: Request,
    day: Annotated[
        Date | None, Query(description="the day to assess; default: today or the last day")
    ] = None,
) -> dict:
    with request.app.state.store.read() as con:
        found = watchlists.statuses(con, day)
    return {
        "day": found[0].day.isoformat() if found else None,
        "watchlists": [s.to_dict() for s in found],
        "flagged": sum(s.flagged for s in found),
    }


@router.post(
    "/watchlists",
    status_code=201,
    summary="Save a watchlist, or replace the query of the one with its name (needs the token)",
    dependencies=[Depends(require_token)],
)
def save_watchlist(request: Request, body: Watchlist) -> dict:
    writes.save_watchlist(request.app.state.store, body)
    return body.model_dump(exclude_none=True)


@router.delete(
    "/watchlists/{name}",
    summary="Remove a watchlist (needs the token)",
    dependencies=[Depends(require_token)],
)
def remove_watchlist(request: Request, name: Name) -> dict:
    if not writes.remove_watchlist(request.app.state.store, name):
        raise HTTPException(404, f"no watchlist named {name!r}")
    return {"removed": name}
