"""The analyst's desk: a REST API and server-rendered dashboard over the event store.

`create_app(db)` builds the FastAPI application; `eventwire serve` runs it with uvicorn.
Everything the pages need (scripts, map shapes) ships in `static/`, so it works offline.
"""

from eventwire.web.app import create_app

__all__ = ["create_app"]
