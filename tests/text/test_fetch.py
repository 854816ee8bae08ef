"""Fetching from hostile servers (issue 13): slow drips, redirects elsewhere, internal addresses.

A server on 127.0.0.1 plays the stranger. Loopback is itself a refused address, so the tests
that need an answer from it allow private addresses, as the CLI's ``--allow-private`` does;
"localhost" stands in for another host on the same machine.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.text.fetch import FetchPolicy, fetch
from eventwire.text.sources import SourceOptions, expand

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
DRIP_BYTES = 40  # one every DRIP_SECONDS: a fetch without an overall deadline takes 20 s
DRIP_SECONDS = 0.5
PAGE = (
    "<html><head><title>Envoys</title></head><body><article><h1>Envoys</h1>"
    "<p>Chile recalled its ambassador from Peru after the border talks failed.</p>"
    "<p>Officials in Santiago said the move was temporary.</p></article></body></html>"
)
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Here</title><link>http://127.0.0.1:{port}/page.html</link>
  <description>The summary of the page on this host.</description></item>
<item><title>Elsewhere</title><link>http://localhost:{port}/page.html</link>
  <description>Kenya sent troops to Somalia, the summary says.</description></item>
</channel></rss>"""


class Hostile(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        routes = {
            "/page.html": lambda: self.send(200, PAGE, "text/html"),
            "/feed.xml": lambda: self.send(200, FEED.format(port=port), "application/rss+xml"),
            "/to-same-host": lambda: self.redirect("/page.html"),
            "/to-other-host": lambda: self.redirect(f"http://localhost:{port}/page.html"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/drip-body": self.drip_body,
            "/drip-headers": self.drip_headers,
        }
        routes.get(self.path, lambda: self.send(404, "no", "text/plain"))()

    def send(self, status: int, body: str, kind: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def drip(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(DRIP_SECONDS)

    def drip_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(DRIP_BYTES))
        self.end_headers()
        self.wfile.flush()
        self.drip(b"x" * DRIP_BYTES)

    def drip_headers(self) -> None:
        self.drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"y" * DRIP_BYTES)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up on a drip is the point of the test, not an error


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchPolicy(timeout=2, allow_private=True)


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_slow_drip_cannot_hold_a_fetch_past_its_deadline(server, path):
    """Regression: the 20 s timeout counted per socket read, so a byte every few seconds held
    a fetch for as long as the server liked."""
    with pytest.raises(InputError, match=r"no complete response within 2 s"):
        fetch(server + path, LOCAL)


def test_loopback_private_and_metadata_addresses_are_refused(server):
    """Regression: a feed could make ingest fetch from the machine's own network."""
    for url in (server + "/page.html", "http://localhost/", "http://169.254.169.254/latest/",
                "http://10.1.2.3/", "http://[::1]/", "http://0.0.0.0/"):  # fmt: skip
        with pytest.raises(InputError, match="pass --allow-private"):
            fetch(url, FetchPolicy(timeout=2))
    assert b"Chile recalled" in fetch(server + "/page.html", LOCAL)[0]


def test_redirects_stay_on_the_host_and_on_http(server):
    """Regression: redirects to other hosts (and so to internal addresses) were followed."""
    assert b"Chile recalled" in fetch(server + "/to-same-host", LOCAL)[0]
    with pytest.raises(InputError, match="redirected to another host .* --follow-redirects"):
        fetch(server + "/to-other-host", LOCAL)
    following = FetchPolicy(timeout=2, allow_private=True, follow_redirects=True)
    assert b"Chile recalled" in fetch(server + "/to-other-host", following)[0]
    with pytest.raises(InputError, match="file:///etc/passwd"):
        fetch(server + "/to-file", following)


def test_a_redirect_to_a_private_address_is_refused_after_the_first_hop(server):
    """Following redirects does not allow private addresses: each hop's address is checked."""
    with pytest.raises(InputError, match="pass --allow-private"):
        fetch(server + "/to-other-host", FetchPolicy(timeout=2, follow_redirects=True))


def test_feed_links_to_other_hosts_fall_back_to_the_entry(server):
    items = list(expand([server + "/feed.xml"], SourceOptions(timeout=2, allow_private=True)))
    here, elsewhere = (item.record for item in items)
    assert "Chile recalled" in here.text  # the linked page, same host
    assert elsewhere.text.startswith("Kenya sent troops")  # the entry's summary, not fetched
    followed = SourceOptions(timeout=2, allow_private=True, follow_redirects=True)
    fetched = [item.record for item in expand([server + "/feed.xml"], followed)]
    assert all("Chile recalled" in article.text for article in fetched)


def test_cli_refuses_loopback_unless_allowed(server, tmp_path):
    db = str(tmp_path / "f.duckdb")
    refused = subprocess.run(
        [EVENTWIRE, "ingest", server + "/page.html", "--db", db],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert refused.returncode == 2 and "--allow-private" in refused.stderr
    assert "Traceback" not in refused.stderr
    allowed = subprocess.run(
        [EVENTWIRE, "ingest", server + "/page.html", "--db", db, "--allow-private", "--json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert allowed.returncode == 0 and '"stored": 1' in allowed.stdout, allowed.stderr
