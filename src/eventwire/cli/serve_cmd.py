"""`eventwire serve`: the REST API and dashboard over a DuckDB file."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.app import DEFAULT_DB, DbOption, app
from eventwire.errors import EventwireError

LOCAL = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; only this machine by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    max_body_kb: Annotated[
        int, typer.Option("--max-body-kb", min=1, help="Largest request body accepted.")
    ] = 1000,
) -> None:
    """Serve the dashboard and API; writing needs the EVENTWIRE_TOKEN set by the operator."""
    import uvicorn

    from eventwire.web import create_app
    from eventwire.web.security import TOKEN_ENV

    application = create_app(db, max_body=max_body_kb * 1000)
    if host not in LOCAL:
        typer.echo(
            f"eventwire: warning: serving on {host}, reachable from other machines", err=True
        )
    writes = "on (token set)" if application.state.token else f"off (set {TOKEN_ENV} to enable)"
    typer.echo(
        f"eventwire: serving {db} on http://{_url_host(host)}:{port}/  writes: {writes}", err=True
    )
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)
    except OSError as exc:
        raise EventwireError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
