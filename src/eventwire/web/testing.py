"""Helpers for tests and demos: a database from the bundled examples, a server in a thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from fastapi import FastAPI

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def build_db(path: Path, sources: Sequence[str | Path] = (EXAMPLES,), coder=None) -> Path:
    """Ingest `sources` into a new DuckDB file at `path` with the real corpus pipeline."""
    from eventwire.corpus.ingest import ingest

    ingest([str(s) for s in sources], db=path, coder=coder)
    return path


def sql_rows(db: Path, query: str, params: Sequence = ()) -> list[tuple]:
    """Rows of a query on the database file, through a connection of its own."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, list(params)).fetchall()
    finally:
        con.close()


@contextlib.contextmanager
def serve_in_thread(app: FastAPI, timeout: float = 10.0) -> Iterator[str]:
    """Run `app` with uvicorn on a free 127.0.0.1 port; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright):
    """Debian's chromium under Playwright; never a browser downloaded by `playwright install`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def watched_page(browser, base: str, viewport: dict[str, int]):
    """A new page that records script errors, console errors and any request leaving the
    server at `base` in `page.problems`, so a test can assert the page stayed clean."""
    page = browser.new_page(viewport=viewport, accept_downloads=True)
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith((base, "data:")) else problems.append(f"left: {r.url}"),
    )
    page.problems = problems
    return page
