"""Local servers for the live tests: a site with a feed and its pages, and a webhook receiver,
both on 127.0.0.1 in threads; and a few short articles written for these tests."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DAY = "2025-03-10"
ARTICLES = {
    "chile-peru": "The foreign ministers of Chile and Peru signed a fisheries agreement in Lima "
    "on Monday.",
    "norway-moldova": "Norway sent two field hospitals to Moldova on Tuesday, the Norwegian "
    "government said.",
    "estonia-russia": "Estonia accused Russia on Wednesday of jamming satellite signals over the "
    "Baltic Sea.",
    "brazil-venezuela": "Brazil condemned Venezuela on Thursday for closing the border crossing "
    "at Pacaraima.",
    "japan-philippines": "Japan and the Philippines held talks in Manila on Monday about coast "
    "guard patrols.",
    "argentina-uruguay": "Argentina and Uruguay signed a trade agreement in Montevideo on Monday.",
    "india-bangladesh": "India and Bangladesh held talks in Dhaka on Monday about sharing river "
    "water.",
}
ACTORS = {
    "chile-peru": "CHL",
    "norway-moldova": "NOR",
    "estonia-russia": "EST",
    "brazil-venezuela": "BRA",
    "japan-philippines": "JPN",
    "argentina-uruguay": "ARG",
    "india-bangladesh": "IND",
}


def write_text(folder: Path, name: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f"Title: {name}\nDate: {DAY}\n\n{ARTICLES[name]}\n", encoding="utf-8")
    return path


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def site(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_feed(folder: Path, base: str, names: list[str]) -> None:
    """An RSS feed at `folder`/feed.xml whose entries link to an HTML page each."""
    items = []
    for name in names:
        page = folder / f"{name}.html"
        page.write_text(
            f"<html><head><title>{name}</title></head><body><article><h1>{name}</h1>"
            f"<p>{ARTICLES[name]}</p></article></body></html>",
            encoding="utf-8",
        )
        items.append(
            f"<item><title>{name}</title><link>{base}/{name}.html</link>"
            f"<pubDate>Mon, 10 Mar 2025 08:00:00 GMT</pubDate></item>"
        )
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )


class Receiver:
    """A webhook receiver: keeps every JSON document posted to it."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        received = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                length = int(self.headers.get("Content-Length", 0))
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
