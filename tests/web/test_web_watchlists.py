"""Watchlists on the web: /api/watchlists, token-protected saving, the dashboard's sparklines."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from store_helpers import make_article, make_event

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.corpus import (
    dedup,  # noqa: E402
    store,  # noqa: E402
)
from eventwire.web import create_app  # noqa: E402
from eventwire.web.testing import CHROMIUM, launch_chromium, serve_in_thread  # noqa: E402

TOKEN = "watch-token"
LAST = date(2024, 5, 30)
TYPES = ("ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A RUS->UKR dyad with one event every third day for a month, then five on the last day."""
    path = tmp_path_factory.mktemp("web-watch") / "w.duckdb"
    items = []
    for back in range(30):
        day = LAST - timedelta(days=back)
        for k in range(5 if back == 0 else (1 if back % 3 == 0 else 0)):
            name = f"d{back}-{k}"
            items.append(make_article(name, [make_event(name, k, TYPES[k], when=day)], pub=day))
    con = store.connect(path)
    store.write_batch(con, items)
    dedup.deduplicate(con, window_days=0)
    con.close()
    return path


@pytest.fixture()
def client(db):
    with TestClient(create_app(db, token=TOKEN)) as test_client:
        yield test_client


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_watchlists_are_saved_listed_and_removed(client):
    body = {"name": "Russia on Ukraine", "query": {"actor": "RUS", "recipient": "UKR"}}
    assert client.post("/api/watchlists", json=body).status_code == 401
    saved = client.post("/api/watchlists", json=body, headers=AUTH)
    assert saved.status_code == 201 and saved.json() == body
    other = {"name": "belarus", "query": {"actor": "BLR"}}
    assert client.post("/api/watchlists", json=other, headers=AUTH).status_code == 201
    listing = client.get("/api/watchlists").json()
    assert listing["day"] == LAST.isoformat() and listing["flagged"] == 1
    by_name = {w["name"]: w for w in listing["watchlists"]}
    dyad = by_name["Russia on Ukraine"]
    assert (dyad["count"], dyad["flagged"]) == (5, True)
    assert len(dyad["series"]) == 29 and sum(d["count"] for d in dyad["series"][:-1]) == 9
    assert by_name["belarus"]["count"] == 0 and not by_name["belarus"]["flagged"]
    earlier = client.get("/api/watchlists", params={"day": "2024-05-27"}).json()
    assert {w["name"]: w["count"] for w in earlier["watchlists"]}["Russia on Ukraine"] == 1
    assert client.delete("/api/watchlists/belarus", headers=AUTH).json() == {"removed": "belarus"}
    assert client.delete("/api/watchlists/belarus", headers=AUTH).status_code == 404
    client.delete("/api/watchlists/Russia on Ukraine", headers=AUTH)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "empty", "query": {}},
        {"name": "", "query": {"actor": "RUS"}},
        {"name": "x", "query": {"actor": "RUS", "sql": "drop"}},
        {"name": "<script>", "query": {"actor": "RUS"}},
    ],
)
def test_bad_watchlists_are_422(client, body):
    answer = client.post("/api/watchlists", json=body, headers=AUTH)
    assert answer.status_code == 422 and answer.json()["status"] == 422


def test_the_dashboard_lists_watchlists_with_a_sparkline(client):
    body = {"name": "spiking", "query": {"actor": "RUS", "recipient": "UKR"}}
    client.post("/api/watchlists", json=body, headers=AUTH)
    html = client.get("/").text
    assert 'class="flagged" data-name="spiking"' in html and "<polyline points=" in html
    client.delete("/api/watchlists/spiking", headers=AUTH)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium missing")
def test_the_sparkline_draws_in_a_browser(db):
    sync_api = pytest.importorskip("playwright.sync_api")
    app = create_app(db, token=TOKEN)
    with TestClient(app) as client:
        body = {"name": "drawn", "query": {"actor": "RUS"}}
        client.post("/api/watchlists", json=body, headers=AUTH)
    with serve_in_thread(create_app(db)) as base, sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        tab = browser.new_page()
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.goto(base + "/")
        line = tab.locator("#watchlists li[data-name='drawn'] polyline")
        box = line.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 10  # the spike rises
        assert tab.locator("#watchlists li.flagged .flag").inner_text() == "spike"
        browser.close()
    assert errors == []
