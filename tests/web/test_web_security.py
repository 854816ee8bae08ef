"""Security of the web service: escaping (in the HTML and in a real browser), tokens, limits,
parameterised queries and problem documents instead of tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.web import create_app, queries  # noqa: E402
from eventwire.web.testing import CHROMIUM, build_db, launch_chromium, serve_in_thread  # noqa: E402

TOKEN = "s3cret-operator-token"
SCRIPT = "<script>window.__xss = 1; document.title = 'pwned';</script>"
IMG = "<img src=x onerror=\"window.__xss = 2; document.title = 'pwned'\">"
SVG = '<svg onload="window.__xss = 3"></svg>'
HOSTILE = [
    {
        "id": "hostile-1",
        "title": f"Talks collapse {SCRIPT}",
        "source": f"Wire {IMG}",
        "url": "javascript:window.__xss=4",
        "date": "2024-05-02",
        "text": (
            f"Germany accused Russia of sabotage {SCRIPT} on Tuesday. "
            f"France condemned Iran {IMG} over the tanker seizure. "
            f"Poland threatened Belarus with sanctions {SVG} after the border incident."
        ),
    },
    {
        "id": "hostile-2",
        "title": f"{IMG} Ministers meet",
        "url": 'https://example.org/ok?a=<b>&c="d"',
        "date": "2024-05-03",
        "text": f"Japan signed a defence pact with the Philippines {IMG} in Manila.",
    },
]
PAYLOAD_MARKERS = ("<script>window", "<img src=x", "<svg onload", 'href="javascript:')


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, coder) -> Path:
    folder = tmp_path_factory.mktemp("web-xss")
    source = folder / "hostile.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in HOSTILE) + "\n", encoding="utf-8")
    return build_db(folder / "hostile.duckdb", [source], coder=coder)


@pytest.fixture(scope="module")
def client(hostile_db):
    with TestClient(create_app(hostile_db, token=TOKEN)) as test_client:
        yield test_client


def _hostile_event_ids(client) -> list[str]:
    items = client.get("/api/events", params={"per_page": 500}).json()["items"]
    assert items, "the hostile articles produced no events to display"
    return [e["id"] for e in items]


def _pages(client) -> list[str]:
    ids = _hostile_event_ids(client)
    return ["/", "/dyads", "/network", "/map", "/try", *(f"/events/{i}" for i in ids)]


def test_payloads_are_escaped_in_every_page(client):
    shown = False
    for path in _pages(client):
        html = client.get(path).text
        for marker in PAYLOAD_MARKERS:
            assert marker not in html, (path, marker)
        shown |= "&lt;script&gt;window.__xss" in html
    assert shown, "the payload text should be displayed, escaped"


def test_javascript_urls_never_become_links(client):
    urls = set()
    for event_id in _hostile_event_ids(client):
        urls |= {m["url"] for m in client.get(f"/api/events/{event_id}").json()["mentions"]}
        html = client.get(f"/events/{event_id}").text
        assert 'href="javascript' not in html.lower()
        assert "a=<b>" not in html
    assert "javascript:window.__xss=4" in urls  # stored as data, never offered as a link


def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/api/stats").headers["x-content-type-options"] == "nosniff"


def test_writes_need_the_operator_token(hostile_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(hostile_db, db)
    article = {
        "articles": [{"text": "Canada pledged aid to Haiti on Friday.", "date": "2024-06-07"}]
    }
    with TestClient(create_app(db, token="")) as closed:
        refused = closed.post("/api/ingest", json=article)
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
    with TestClient(create_app(db, token=TOKEN)) as client:
        assert client.post("/api/ingest", json=article).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert client.post("/api/ingest", json=article, headers=wrong).status_code == 401
        before = client.get("/api/stats").json()["articles"]
        good = {"Authorization": f"Bearer {TOKEN}"}
        stored = client.post("/api/ingest", json=article, headers=good)
        assert stored.status_code == 200 and stored.json()["stored"] == 1
        assert client.get("/api/stats").json()["articles"] == before + 1
        again = client.post("/api/ingest", json=article, headers=good).json()
        assert again["stored"] == 0
        con = duckdb.connect(str(db), read_only=True)
        victim = con.execute("SELECT hash FROM articles ORDER BY hash LIMIT 1").fetchone()[0]
        con.close()
        assert client.delete(f"/api/articles/{victim}").status_code == 401
        assert client.delete(f"/api/articles/{victim}", headers=good).status_code == 200
        assert client.get("/api/stats").json()["articles"] == before
        assert client.delete(f"/api/articles/{victim}", headers=good).status_code == 404


def test_request_bodies_are_limited(hostile_db):
    with TestClient(create_app(hostile_db, max_body=2_000)) as client:
        big = {"text": "Germany pledged aid to Ukraine. " * 200}
        response = client.post("/api/code", json=big)
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        chunked = client.post(
            "/api/code", content=chunks(), headers={"content-type": "application/json"}
        )
        assert chunked.status_code == 413


def test_query_values_are_bound_not_pasted(client):
    for value in ("' OR 1=1 --", "USA'; DROP TABLE events; --", "%' OR '%'='"):
        refused = client.get("/api/events", params={"actor": value})  # names no actor
        assert refused.status_code == 422 and "actor" in refused.json()["detail"]
    assert client.get("/api/stats").json()["events"] > 0
    assert client.get("/api/events/x'%20OR%20'1'='1").status_code in (404, 422)


def test_errors_are_problems_never_tracebacks(hostile_db, monkeypatch):
    def broken(con):
        raise RuntimeError("internal secret /etc/passwd")

    monkeypatch.setattr(queries, "stats", broken)
    with TestClient(create_app(hostile_db), raise_server_exceptions=False) as client:
        response = client.get("/api/stats")
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/problem+json"
        assert "secret" not in response.text and "Traceback" not in response.text
        page = client.get("/", headers={"accept": "text/html"})
        assert page.status_code == 500 and "Traceback" not in page.text
    with TestClient(create_app(hostile_db)) as client:
        missing = client.get("/events/<script>", headers={"accept": "text/html"})
        assert missing.status_code in (404, 422) and "<script>" not in missing.text


def test_static_files_stay_inside_the_package(client):
    for path in ("/static/../../../pyproject.toml", "/static/%2e%2e/%2e%2e/app.py"):
        assert client.get(path).status_code == 404


def test_serve_binds_to_localhost_by_default():
    import inspect

    from eventwire.cli.serve_cmd import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_no_payload_runs_in_the_browser(client, hostile_db):
    sync_api = pytest.importorskip("playwright.sync_api")
    paths = _pages(client)
    with serve_in_thread(create_app(hostile_db)) as base, sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            assert page.evaluate("window.__xss") is None, path
            assert page.title() != "pwned", path
        page.goto(base + "/try")
        page.fill("#try-text", HOSTILE[0]["text"])
        page.click("#try-form button[type=submit]")
        page.wait_for_selector("#try-results .mention, #try-results .empty", timeout=20_000)
        assert page.evaluate("window.__xss") is None and page.title() != "pwned"
        assert (
            "<script>" in page.inner_text("#try-results")
            or page.locator("#try-results .empty").count()
        )
        page.goto(base + f"/events/{_hostile_event_ids(client)[0]}")
        assert "<script>" in page.inner_text("main") or "<img" in page.inner_text("main")
        browser.close()
    assert not dialogs
