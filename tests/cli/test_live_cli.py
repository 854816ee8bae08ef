"""Acceptance, as an analyst runs it: `serve --watch` on a folder and a local feed shows new
articles' events within two cycles while pages keep answering, and `ingest` from the command
line against the served database hands its articles to the server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from live_helpers import ARTICLES, DAY, site, write_feed, write_text

pytest.importorskip("fastapi")

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
TOKEN = "live-test-token"
EVERY = 2.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read()


def _actors(base: str) -> set[str]:
    _, body = _get(f"{base}/api/events?per_page=500")
    return {e["actor_country"] for e in json.loads(body)["items"]}


class Server:
    """`eventwire serve --watch …` in a subprocess, its stderr lines collected."""

    def __init__(self, args: list[str], env: dict) -> None:
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [EVENTWIRE, "serve", *args], env=env, stderr=subprocess.PIPE, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:  # type: ignore[union-attr]
            self.lines.append(line.rstrip())

    def cycles(self) -> int:
        return sum(1 for line in self.lines if line.startswith("eventwire: watch cycle"))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def _until(check, seconds: float, pages: str | None = None) -> None:
    """Poll `check` until true; meanwhile the dashboard and the API must keep answering."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        if pages:
            assert _get(pages + "/")[0] == 200
            assert _get(pages + "/api/stats")[0] == 200
        time.sleep(0.2)


def test_serve_watch_is_live_and_ingest_hands_over(tmp_path):
    folder, web, db = tmp_path / "inbox", tmp_path / "web", tmp_path / "live.duckdb"
    folder.mkdir()
    web.mkdir()
    write_text(folder, "chile-peru")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "EVENTWIRE_TOKEN": TOKEN}
    with site(web) as feeds:
        write_feed(web, feeds, ["norway-moldova"])
        args = ["--watch", str(folder), f"{feeds}/feed.xml", "--every", f"{EVERY:g}s",
                "--db", str(db), "--port", str(port), "--allow-private"]  # fmt: skip
        server = Server(args, env)
        try:
            _until(lambda: server.cycles() >= 1, 120)
            assert {"CHL", "NOR"} <= _actors(base)
            write_text(folder, "estonia-russia")
            write_feed(web, feeds, ["norway-moldova", "brazil-venezuela"])
            added = server.cycles()
            _until(lambda: {"EST", "BRA"} <= _actors(base), 120, pages=base)
            assert server.cycles() <= added + 2, server.lines
            _ingest_hands_over(tmp_path, db, env, base)
        finally:
            server.stop()
    assert not Path(f"{db}.server.json").exists()


def _ingest_hands_over(tmp_path: Path, db: Path, env: dict, base: str) -> None:
    posted = tmp_path / "posted.jsonl"
    record = {"id": "jp", "text": ARTICLES["japan-philippines"], "date": DAY, "source": "Desk"}
    posted.write_text(json.dumps(record) + "\n", encoding="utf-8")
    without = {k: v for k, v in env.items() if k != "EVENTWIRE_TOKEN"}
    refused = subprocess.run([EVENTWIRE, "ingest", str(posted), "--db", str(db), "--wait", "1"],
                             env=without, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "is open in `eventwire serve`" in refused.stderr and "EVENTWIRE_TOKEN" in refused.stderr
    done = subprocess.run([EVENTWIRE, "ingest", str(posted), "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "handing the articles to it" in done.stderr and "stored 1" in done.stderr
    assert "JPN" in _actors(base)
