"""`eventwire serve`: the REST API and dashboard over a DuckDB file, optionally kept live."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from eventwire.cli.app import (
    DEFAULT_DB,
    AllowPrivateOption,
    DbOption,
    FetchOption,
    FollowRedirectsOption,
    TimeoutOption,
    WindowDaysOption,
    app,
    source_lists,
)
from eventwire.cli.watch_cmd import Every, Webhook
from eventwire.errors import EventwireError

LOCAL = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="With --watch: feeds, folders, article URLs, @FILE lists to poll."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; only this machine by default.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free one).")
    ] = 8000,
    max_body_kb: Annotated[
        int, typer.Option("--max-body-kb", min=1, help="Largest request body accepted.")
    ] = 1000,
    watch: Annotated[
        bool, typer.Option("--watch", help="Poll SOURCES in the server: a live dashboard.")
    ] = False,
    every: Every = "15m",
    webhook: Webhook = None,
    window_days: WindowDaysOption = 2,
    fetch: FetchOption = True,
    follow_redirects: FollowRedirectsOption = False,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
) -> None:
    """Serve the dashboard and API; writing needs the EVENTWIRE_TOKEN set by the operator."""
    import uvicorn

    from eventwire.web import create_app
    from eventwire.web.security import TOKEN_ENV

    listener = _listen(host, port)
    url = f"http://{_url_host(host)}:{listener.getsockname()[1]}/"
    from eventwire.text.sources import SourceOptions

    fetching = SourceOptions(
        fetch=fetch, timeout=timeout, follow_redirects=follow_redirects, allow_private=allow_private
    )
    live = _watch_config(watch, sources or [], every, webhook, window_days, fetching, url)
    if live:
        from eventwire.corpus.watch import file_target

        file_target(db)  # a live dashboard may start from nothing: create the file now
    application = create_app(
        db, max_body=max_body_kb * 1000, watch=live, announce=_server(url, max_body_kb * 1000)
    )
    if host not in LOCAL:
        typer.echo(
            f"eventwire: warning: serving on {host}, reachable from other machines", err=True
        )
    writes = "on (token set)" if application.state.token else f"off (set {TOKEN_ENV} to enable)"
    watching = f"  watching {len(live.sources)} source(s) every {every}" if live else ""
    typer.echo(f"eventwire: serving {db} on {url}  writes: {writes}{watching}", err=True)
    config = uvicorn.Config(application, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[listener])


def _server(url: str, max_body: int):
    """What this server says about itself next to its database, for `eventwire ingest`."""
    import os

    from eventwire.corpus import handoff
    from eventwire.web.limits import MAX_CODE_CHARS
    from eventwire.web.routes.api import MAX_POSTED_ARTICLES
    from eventwire.web.security import TOKEN_ENV

    return handoff.Server(
        pid=os.getpid(),
        url=url,
        writes=bool(os.environ.get(TOKEN_ENV)),
        max_body=max_body,
        max_chars=MAX_CODE_CHARS,
        max_articles=MAX_POSTED_ARTICLES,
    )


def _watch_config(watch, sources, every, webhook, window_days, options, url):
    """The live loop's settings (`options`: how sources are read and fetched), or None."""
    from eventwire.corpus.watch import WatchConfig, parse_every

    if sources and not watch:
        raise EventwireError("sources are polled only with --watch: serve --watch SOURCES…")
    if not watch:
        return None
    if not sources:
        raise EventwireError("--watch needs sources to poll: serve --watch FEED FOLDER …")
    return WatchConfig(
        sources=tuple(source_lists(sources)),
        every=parse_every(every),
        options=options,
        window_days=window_days,
        webhook=webhook,
        dashboard=url,
    )


def _listen(host: str, port: int) -> socket.socket:
    """Bind before anything starts, so a taken port is a clear error and port 0 gets a real one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise EventwireError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
