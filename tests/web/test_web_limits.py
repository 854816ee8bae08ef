"""What one request may cost the server (issue 13): paging bounds, text caps, a coding deadline
and one coding job at a time."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.web import create_app, limits  # noqa: E402
from eventwire.web.routes.api import MAX_PAGE  # noqa: E402
from eventwire.web.testing import build_db  # noqa: E402

TOKEN = "limits-token"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Canada pledged aid to Haiti on Friday."


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    return build_db(tmp_path_factory.mktemp("web-limits") / "l.duckdb", coder=coder)


@pytest.fixture
def client(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    with TestClient(create_app(copy, token=TOKEN)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "params",
    [{"page": "99999999999999999999"}, {"page": MAX_PAGE + 1}, {"page": 0}, {"per_page": 501}],
)
def test_out_of_range_paging_is_422_not_500(client, params):
    """Regression: page=99999999999999999999 overflowed DuckDB's OFFSET and answered 500."""
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and response.json()["detail"]


def test_the_last_allowed_page_is_empty_not_an_error(client):
    response = client.get("/api/events", params={"page": MAX_PAGE, "per_page": 500})
    assert response.status_code == 200 and response.json()["items"] == []
    page = client.get("/", params={"page": "99999999999999999999"})
    assert page.status_code == 200  # the dashboard clamps its page number


def test_posted_text_is_capped(client):
    over = client.post("/api/code", json={"text": "a" * (limits.MAX_CODE_CHARS + 1)})
    assert over.status_code == 422 and "20000" in over.json()["detail"]
    article = {"articles": [{"text": "a" * (limits.MAX_CODE_CHARS + 1)}]}
    assert client.post("/api/ingest", json=article, headers=WRITE).status_code == 422


def test_coding_past_the_time_limit_is_422(client, monkeypatch):
    monkeypatch.setattr(limits, "CODE_SECONDS", -1.0)
    response = client.post("/api/code", json={"text": TEXT})
    assert response.status_code == 422 and "post a shorter text" in response.json()["detail"]


def test_ingest_past_the_time_limit_stores_nothing_more_and_says_so(client, monkeypatch):
    monkeypatch.setattr(limits, "INGEST_SECONDS", -1.0)
    before = client.get("/api/stats").json()["articles"]
    response = client.post("/api/ingest", json={"articles": [{"text": TEXT}]}, headers=WRITE)
    assert response.status_code == 200
    assert response.json()["skipped"] == {"time limit reached": 1}
    assert client.get("/api/stats").json()["articles"] == before


def test_a_second_coding_request_is_turned_away_with_retry_after(client):
    with client.app.state.coding.take():  # another request is coding
        busy = client.post("/api/code", json={"text": TEXT})
        assert busy.status_code == 429
        assert busy.headers["retry-after"] == str(limits.RETRY_AFTER_SECONDS)
        assert busy.headers["content-type"] == "application/problem+json"
        article = {"articles": [{"text": TEXT}]}
        assert client.post("/api/ingest", json=article, headers=WRITE).status_code == 429
        assert client.get("/api/stats").status_code == 200  # reading is never held up
    assert client.post("/api/code", json={"text": TEXT}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"text": "Kenya will send troops to Somalia next month.", "date": "9999-12-31"},
        {"text": "Chile recalled its envoy from Peru last week.", "date": "0001-01-01"},
        {"text": "Norway pledged aid to Sudan on Monday.\U0001f469\u200d\U0001f467"},
    ],
)
def test_code_endpoint_answers_calendar_edges_and_emoji(client, body):
    """Regression: a relative date against 9999-12-31 or 0001-01-01 answered HTTP 500."""
    response = client.post("/api/code", json=body)
    assert response.status_code == 200 and response.json()["count"] >= 1


def test_code_endpoint_refuses_a_lone_surrogate_clearly(client):
    raw = b'{"text": "Chile \\ud800 recalled its envoy from Peru."}'
    response = client.post("/api/code", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["errors"][0]["where"] == "body.text"
