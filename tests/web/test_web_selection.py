"""The dashboard's selection over a real DuckDB file of the bundled examples: free text,
source and precision filters, the download of exactly the selection, the actor profile, and
the labels beside codes."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")

from eventwire.actors.kb import load_kb  # noqa: E402
from eventwire.ontology import cameo_codes  # noqa: E402
from eventwire.web import download  # noqa: E402
from eventwire.web.labels import actor_label, cameo_label, sector_label, sector_names  # noqa: E402
from eventwire.web.selection import search_terms, word_pattern  # noqa: E402
from eventwire.web.testing import sql_rows  # noqa: E402


@pytest.fixture(scope="module")
def db(examples_db):
    return examples_db


@pytest.fixture(scope="module")
def client(examples_client):
    return examples_client


_sql = sql_rows


def _all(client, **params) -> list[dict]:
    items, page = [], 1
    while True:
        data = client.get("/api/events", params={**params, "per_page": 50, "page": page}).json()
        items += data["items"]
        if page >= data["pages"]:
            return items
        page += 1


def _texts(db, event_id: str) -> list[str]:
    """Each mention's sentence and its article's title, lower-cased."""
    found = _sql(
        db,
        """SELECT lower(m.sentence || ' ' || coalesce(a.title, '')) FROM mentions m
           JOIN articles a ON a.hash = m.article_hash WHERE m.event_id = ?""",
        [event_id],
    )
    return [row[0] for row in found]


def test_search_finds_words_at_word_starts_in_sentence_or_title(client, db):
    found = _all(client, q="sanction")
    assert found
    for event in found:
        assert any(re.search(r"\bsanction", t) for t in _texts(db, event["id"]))
    every = {e["id"] for e in _all(client)}
    missed = every - {e["id"] for e in found}
    for event_id in missed:
        assert not any(re.search(r"\bsanction", t) for t in _texts(db, event_id))


def test_search_words_combine_and_phrases_stay_whole(client, db):
    both = {e["id"] for e in _all(client, q="air defence")}
    phrase = {e["id"] for e in _all(client, q='"air defence"')}
    assert phrase and phrase <= both
    for event_id in phrase:
        assert any("air defence" in t for t in _texts(db, event_id))
    assert not _all(client, q="air zzzqqq")  # every word must match


def test_search_does_not_match_inside_words():
    assert re.search(word_pattern("air").removeprefix("(?i)"), "the air defence")
    assert not re.search(word_pattern("air").removeprefix("(?i)"), "he said, from the chair")
    assert search_terms(' Iran  "oil tankers" ') == ["Iran", "oil tankers"]
    assert search_terms("   ") == []


def test_too_many_search_words_is_a_clear_400(client):
    response = client.get("/api/events", params={"q": " ".join("abcdefghij")})
    assert response.status_code == 400
    assert "at most" in response.json()["detail"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_search_text_answers_without_error(client, text):
    response = client.get("/api/events", params={"q": text, "per_page": 5})
    assert response.status_code in (200, 400, 422), response.text


def test_source_filter_keeps_events_reported_by_that_source(client, db):
    sources = client.get("/api/stats").json()["sources"]
    assert len(sources) >= 2
    for source in (s["source"] for s in sources):
        kept = _all(client, source=source)
        expected = _sql(
            db,
            """SELECT count(DISTINCT m.event_id) FROM mentions m
               JOIN articles a ON a.hash = m.article_hash WHERE a.source = ?""",
            [source],
        )[0][0]
        assert len(kept) == expected >= 1


@pytest.mark.parametrize(
    ("name", "column"), [("date_precision", "date_precision"), ("place_precision", "place")]
)
def test_precision_filters_partition_the_events(client, db, name, column):
    total = client.get("/api/events", params={"per_page": 1}).json()["total"]
    if column == "place":
        sql = "SELECT coalesce(location_precision, 'none'), count(*) FROM events GROUP BY 1"
    else:
        sql = f"SELECT {column}, count(*) FROM events GROUP BY 1"
    counted = 0
    for value, n in _sql(db, sql):
        data = client.get("/api/events", params={name: value, "per_page": 1}).json()
        assert data["total"] == n
        counted += n
    assert counted == total
    assert client.get("/api/events", params={name: "roughly"}).status_code == 422


def test_page_rejects_an_unknown_precision_with_a_readable_page(client):
    response = client.get(
        "/", params={"date_precision": "roughly"}, headers={"accept": "text/html"}
    )
    assert response.status_code == 400
    assert "unknown date precision" in response.text and "roughly" in response.text


@pytest.mark.parametrize(
    "params",
    [{}, {"modality": "planned"}, {"q": "Ukraine", "sort": "goldstein"}, {"quad_class": 4}],
)
def test_download_is_exactly_the_selection(client, params):
    expected = [e["id"] for e in _all(client, **params)]
    response = client.get("/api/download", params={**params, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "eventwire-selection.csv" in response.headers["content-disposition"]
    frame = pd.read_csv(
        io.BytesIO(response.content), dtype=dict.fromkeys(download.DIGIT_CODES, str)
    )
    assert list(frame["id"]) == expected
    parquet = client.get("/api/download", params={**params, "format": "parquet"})
    table = pd.read_parquet(io.BytesIO(parquet.content))
    assert list(table["id"]) == expected
    assert list(table["cameo"]) == list(frame["cameo"])


def test_downloaded_codes_stay_text(client, db):
    response = client.get("/api/download", params={"format": "csv"})
    text = response.text
    assert '"057"' in text  # quoted in the file
    frame = pd.read_csv(
        io.BytesIO(response.content), dtype=dict.fromkeys(download.DIGIT_CODES, str)
    )
    stored = {row[0] for row in _sql(db, "SELECT cameo FROM events")}
    assert set(frame["cameo"]) == stored and stored <= set(cameo_codes())
    for column in download.DIGIT_CODES:  # the hint names every code made of digits
        assert column in download.READ_CSV_HINT["pandas"]
        assert column in download.READ_CSV_HINT["R"]
    assert (
        "read_csv"
        in client.get("/openapi.json").json()["paths"]["/api/download"]["get"]["description"]
    )


def test_download_past_the_cap_is_refused_clearly(client, monkeypatch):
    monkeypatch.setattr(download, "MAX_ROWS", 3)
    response = client.get("/api/download")
    assert response.status_code == 400
    assert "eventwire export" in response.json()["detail"]
    assert client.get("/api/download", params={"format": "xlsx"}).status_code == 422


def test_actor_profile_counts_agree_with_the_filters(client):
    top = client.get("/api/actors", params={"limit": 5}).json()
    for row in top:
        code = row["code"]
        profile = client.get(f"/api/actors/{code}").json()
        assert profile["as_actor"] == len(_all(client, actor=code))
        assert profile["as_recipient"] == len(_all(client, recipient=code))
        series = profile["series"]
        dated = sum(sum(counts) for counts in series["types"].values())
        either = {e["id"]: e for e in _all(client, actor=code) + _all(client, recipient=code)}
        assert dated == sum(1 for e in either.values() if e["date"])  # each event once
        assert all(len(c) == len(series["periods"]) for c in series["types"].values())
        for mention in profile["mentions"]:
            marked = [
                p["text"] for p in mention["evidence"]["pieces"] if mention["role"] in p["roles"]
            ]
            assert not marked or marked[0] in mention["sentence"]


def test_actor_profile_narrows_with_the_selection(client):
    code = client.get("/api/actors", params={"limit": 1}).json()[0]["code"]
    whole = client.get(f"/api/actors/{code}").json()
    conflict = client.get(f"/api/actors/{code}", params={"quad_class": 4}).json()
    assert (
        conflict["as_actor"] + conflict["as_recipient"] <= whole["as_actor"] + whole["as_recipient"]
    )
    assert all(c["cooperation"] == 0 for c in conflict["counterparts"])


def test_actor_knowledge_base_entry_has_dates(client):
    people_codes = {
        row["code"]
        for row in client.get("/api/actors", params={"limit": 1000}).json()
        if row["code"].endswith("GOV")
    }
    entries = [client.get(f"/api/actors/{code}").json()["kb"] for code in sorted(people_codes)]
    people = [p for entry in entries for p in entry["people"]]
    assert people, "the examples name office holders"
    for person in people:
        assert person["start"] and person["office"] and person["as_of"]
    for entry in entries:  # a state's code shows its country row, a body's code its rows
        rows = entry["bodies"] or ([entry["country"]] if entry["country"] else [])
        assert all(row["as_of"] for row in rows)
        assert rows or entry["sectors"] == "government"  # "GOV": a government, no country
    group = client.get("/api/actors/HAMAS").json()  # known to the tables, absent from the examples
    assert group["as_actor"] == group["as_recipient"] == 0
    assert group["kb"]["bodies"][0]["name"] == "Hamas" and group["kb"]["bodies"][0]["as_of"]


def test_unknown_actor_is_404_and_bad_code_is_422(client):
    assert client.get("/api/actors/QQQZZZ").status_code == 404
    assert client.get("/api/actors/bad%20code").status_code == 422
    page = client.get("/actors/QQQZZZ", headers={"accept": "text/html"})
    assert page.status_code == 404 and "QQQZZZ" in page.text


def test_labels_beside_codes():
    assert cameo_label("057") == cameo_codes()["057"].name
    assert cameo_label("999") == "" and cameo_label(None) == ""
    assert actor_label("RUSMIL") == "Russia · military"
    assert sector_label("GOVMIL") == "government, military"
    assert actor_label("HAMAS") == ""


def test_every_sector_in_the_tables_has_a_name():
    kb = load_kb()
    used = {row.get("sector") for rows in kb.rows.values() for row in rows} - {None, ""}
    missing = sorted(s for s in used if s not in sector_names())
    assert not missing, f"sectors without a display name: {missing}"


def test_pages_show_names_labels_and_the_download_link(client):
    html = client.get("/", params={"q": "Ukraine", "modality": "asserted"}).text
    assert "/api/download?" in html and "q=Ukraine" in html and "format=csv" in html
    assert 'class="code actor-link" href="/actors/' in html
    assert "sentence-row" in html
    actor = client.get("/api/actors", params={"limit": 1}).json()[0]["code"]
    page = client.get(f"/actors/{actor}").text
    assert "In the knowledge base" in page and "actor-series-data" in page


def test_try_it_events_carry_their_cameo_name(client):
    text = "Germany pledged new air defence systems to Ukraine on Monday."
    body = client.post("/api/code", json={"text": text, "date": "2024-07-18"}).json()
    assert body["events"]
    assert all(e["cameo_name"] == cameo_label(e["cameo"]) for e in body["events"])
