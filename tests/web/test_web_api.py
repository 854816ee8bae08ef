"""The REST API and pages over a real DuckDB file built from the bundled examples."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("fastapi")

from eventwire.errors import EventwireError  # noqa: E402
from eventwire.web import create_app  # noqa: E402
from eventwire.web.testing import sql_rows  # noqa: E402


@pytest.fixture(scope="module")
def db(examples_db):
    return examples_db


@pytest.fixture(scope="module")
def client(examples_client):
    return examples_client


@pytest.fixture(scope="module")
def dyad(client):
    """The busiest actor-recipient pair of the examples."""
    top = client.get("/api/dyads", params={"limit": 1}).json()[0]
    return top["actor"], top["recipient"]


_sql = sql_rows


def test_stats_match_the_database(client, db):
    stats = client.get("/api/stats").json()
    articles, events = _sql(db, "SELECT (SELECT count(*) FROM articles), count(*) FROM events")[0]
    assert (stats["articles"], stats["events"]) == (articles, events)
    assert articles >= 6 and events > 20
    assert sum(stats["by_quad_class"].values()) == events
    assert stats["first"] <= stats["last"]


def test_events_page_through_everything_in_order(client, db):
    total = client.get("/api/events", params={"per_page": 1}).json()["total"]
    seen, page = [], 1
    while True:
        body = client.get("/api/events", params={"per_page": 20, "page": page, "sort": "date"})
        data = body.json()
        seen += data["items"]
        if page >= data["pages"]:
            break
        page += 1
    assert len(seen) == total == len({e["id"] for e in seen})
    dates = [e["date"] for e in seen if e["date"]]
    assert dates == sorted(dates)


def test_events_filters_narrow_to_one_dyad(client, dyad):
    actor, recipient = dyad
    data = client.get("/api/events", params={"actor": actor, "recipient": recipient}).json()
    assert data["total"] >= 1
    for event in data["items"]:
        assert actor in (event["actor_code"], event["actor_country"])
        assert recipient in (event["recipient_code"], event["recipient_country"])
    conflict = client.get("/api/events", params={"quad_class": 4, "per_page": 500}).json()
    assert all(e["quad_class"] == 4 for e in conflict["items"])


def test_event_detail_highlights_the_evidence(client):
    first = client.get("/api/events", params={"sort": "-mentions", "per_page": 1}).json()
    event = client.get(f"/api/events/{first['items'][0]['id']}").json()
    assert len(event["mentions"]) == event["num_mentions"] >= 1
    for mention in event["mentions"]:
        pieces = mention["evidence"]["pieces"]
        assert "".join(p["text"] for p in pieces) == mention["sentence"].rstrip()
        marked = {role: p["text"] for p in pieces for role in p["roles"]}
        assert marked["trigger"] == mention["trigger_text"]
        if mention["actor_start"] is not None and "actor" not in mention["evidence"]["missing"]:
            assert mention["actor_text"] in "".join(
                p["text"] for p in pieces if "actor" in p["roles"]
            )


def test_unknown_event_is_a_problem_document(client):
    response = client.get("/api/events/ev-does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.parametrize(
    "params",
    [
        {"quad_class": 7},
        {"sort": "drop table"},
        {"start": "yesterday"},
        {"modality": "maybe"},
        {"per_page": 10_000},
    ],
)
def test_bad_parameters_are_422_problems(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Unprocessable Entity" and body["detail"]


def test_actors_and_dyads_count_consistently(client, dyad):
    actors = client.get("/api/actors", params={"limit": 1000}).json()
    assert all(a["as_actor"] + a["as_recipient"] == a["events"] for a in actors)
    dyads = client.get("/api/dyads", params={"limit": 1000}).json()
    assert all(d["q1"] + d["q2"] + d["q3"] + d["q4"] == d["events"] for d in dyads)
    actor, recipient = dyad
    exact = client.get(
        "/api/events", params={"actor": actor, "recipient": recipient, "per_page": 500}
    ).json()
    pair = next(d for d in dyads if (d["actor"], d["recipient"]) == dyad)
    assert pair["events"] == sum(
        1 for e in exact["items"] if (e["actor_code"], e["recipient_code"]) == dyad
    )


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeseries_accounts_for_every_event(client, interval):
    total = client.get("/api/events", params={"per_page": 1}).json()["total"]
    series = client.get("/api/timeseries", params={"interval": interval}).json()
    counted = sum(b["events"] for b in series["buckets"]) + series["undated"]
    assert counted == pytest.approx(total, abs=0.05 * len(series["buckets"]))
    periods = [date.fromisoformat(b["period"]) for b in series["buckets"]]
    assert periods == sorted(periods)
    if interval == "week":
        assert all(p.weekday() == 0 for p in periods)
    if interval == "month":
        assert all(p.day == 1 for p in periods)
    assert all(-10 <= b["mean_goldstein"] <= 10 for b in series["buckets"])


def test_network_edges_join_known_nodes(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"]
    for edge in net["edges"]:
        assert edge["source"] != edge["target"] and {edge["source"], edge["target"]} <= ids
        assert edge["cooperation"] + edge["conflict"] == edge["events"]


def test_map_places_every_event_once(client):
    total = client.get("/api/events", params={"per_page": 1}).json()["total"]
    data = client.get("/api/map").json()
    assert sum(m["events"] for m in data["markers"]) + data["unplaced"] == total
    precisions = {"place", "region", "country", "recipient country", "actor country"}
    assert all(m["precision"] in precisions for m in data["markers"])
    assert all(-90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180 for m in data["markers"])


def test_code_endpoint_codes_without_storing(client):
    before = client.get("/api/stats").json()
    text = "Germany pledged new air defence systems to Ukraine on Monday."
    response = client.post("/api/code", json={"text": text, "date": "2024-07-18"})
    assert response.status_code == 200
    events = response.json()["events"]
    assert events and all(e["evidence"]["pieces"] for e in events)
    trigger = next(p for p in events[0]["evidence"]["pieces"] if "trigger" in p["roles"])
    assert trigger["text"] == events[0]["trigger"]["text"]
    assert client.get("/api/stats").json() == before


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/dyads",
        "/api/timeseries",
        "/api/network",
        "/api/map",
        "/api/stats",
        "/api/code",
    ):
        assert path in paths


def test_pages_render_from_the_store(client, dyad):
    actor, recipient = dyad
    page = client.get("/", params={"actor": actor, "recipient": recipient})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert f'value="{actor}"' in page.text
    event_id = client.get("/api/events", params={"actor": actor, "per_page": 1}).json()
    detail = client.get(f"/events/{event_id['items'][0]['id']}")
    assert 'class="hl-trigger' in detail.text
    for path in (
        "/dyads",
        f"/dyad?actor={actor}&recipient={recipient}",
        "/network",
        "/map",
        "/try",
    ):
        assert client.get(path).status_code == 200, path


def test_static_assets_ship_with_the_package(client):
    for path in (
        "vendor/d3.min.js",
        "vendor/chart.umd.min.js",
        "vendor/topojson-client.min.js",
        "geo/countries-110m.json",
        "geo/centroids.json",
        "css/app.css",
        "js/map.js",
    ):
        assert client.get(f"/static/{path}").status_code == 200, path


def test_missing_database_fails_at_start(tmp_path):
    with pytest.raises(EventwireError, match="no such database"):
        create_app(tmp_path / "absent.duckdb")
