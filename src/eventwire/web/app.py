"""The application factory: one Store, the API and page routers, static files, guards."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

import eventwire
from eventwire.config import api_token
from eventwire.corpus import handoff
from eventwire.corpus.query import MODALITIES
from eventwire.corpus.watch import WatchConfig
from eventwire.web import labels, live, problems, selection
from eventwire.web.db import Store
from eventwire.web.display import QUADS, safe_url, sparkline
from eventwire.web.limits import CodingSlots
from eventwire.web.routes import api, pages, watchlists
from eventwire.web.security import DEFAULT_MAX_BODY, Guard

HERE = Path(__file__).parent


def create_app(
    db: str | Path,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    check: bool = True,
    watch: WatchConfig | None = None,
    announce: handoff.Server | None = None,
) -> FastAPI:
    """Build the app over the DuckDB file `db`.

    `token` enables the write endpoints (default: the `EVENTWIRE_TOKEN` environment variable;
    none means read-only). `check` opens the file now so a bad path fails at start-up. `watch`
    runs the live loop (`eventwire.corpus.watch`) in the server while it is up; `announce` is
    written next to the database while it is up, so `eventwire ingest` can hand its articles over.
    """
    store = Store(db)
    if check:
        store.check()
    app = FastAPI(
        title="eventwire",
        version=eventwire.__version__,
        description="Political event data coded from news, with the evidence behind each event.",
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.live = live.LiveLoop(store, watch) if watch else None
    app.state.announce = announce
    app.state.token = token if token is not None else api_token()
    app.state.templates = _templates()
    app.state.coding = CodingSlots()
    problems.install(app)
    app.include_router(api.router)
    app.include_router(watchlists.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("eventwire.web", "static")]), name="static")
    app.add_middleware(Guard, max_body=max_body)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    store, server = app.state.store, app.state.announce
    if server:
        handoff.announce(store.path, server)
    if app.state.live:
        app.state.live.start()
    yield
    if app.state.live:
        app.state.live.stop()
    if server:
        handoff.withdraw(store.path)
    store.close()


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        quads=QUADS,
        safe_url=safe_url,
        sparkline=sparkline,
        cameo_label=labels.cameo_label,
        plover_label=labels.plover_label,
        actor_label=labels.actor_label,
        modalities=MODALITIES,
        date_precisions=selection.DATE_PRECISIONS,
        place_precisions=selection.PLACE_PRECISIONS,
    )
    return Jinja2Templates(env=env)
