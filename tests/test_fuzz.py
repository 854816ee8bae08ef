"""Property-based fuzzing of everything a stranger can send (issue 13).

Generated input goes through the real parts: the readers (JSONL lines of every wrong shape, odd
Unicode, control characters, calendar-edge dates, over-long lines; broken HTML and Markdown
front matter), the real coder with the real spaCy model, ingest into a real DuckDB file, and the
web API. The properties: no traceback (a reader raises only `InputError`, the coder turns no
article into an error record), no hang (Hypothesis' deadline), no lost good record (every good
JSONL line is read, coded and stored; every bad one is one error record naming its line).

The normal suite runs a bounded number of examples, derandomised so it is deterministic;
``EVENTWIRE_FUZZ=long`` runs about 10,000 generated inputs in all (``make fuzz`` prints
Hypothesis' counts). Crashes found here are kept as named regression tests in the test files
of the module that had the bug.
"""

from __future__ import annotations

import json
import os
import string
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.models import Article, ErrorRecord
from eventwire.text.readers import read_articles

LONG = os.environ.get("EVENTWIRE_FUZZ") == "long"
# Examples per property: (normal suite, long run). The long run sums to over 10,000.
EXAMPLES = {
    "jsonl": (300, 3000),
    "documents": (200, 2000),
    "csv": (100, 1000),
    "coder": (150, 3000),
    "ingest": (20, 500),
    "api": (300, 2000),
}


def budget(name: str) -> settings:
    normal, long = EXAMPLES[name]
    return settings(
        max_examples=long if LONG else normal,
        deadline=timedelta(seconds=60),  # a hang, not a slow example on a busy machine
        derandomize=not LONG,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


# --- strategies ---------------------------------------------------------------------------------

ANY_CHAR = st.characters(exclude_categories=())  # surrogates and control characters included
FRAGMENTS = [
    "Russia attacked Ukraine", "Kenya sent troops to Somalia", "on Monday.", "next month",
    "last week", "three years ago", "yesterday", "in Kyiv", "the Kremlin said", "he", "they",
    "sanctions on Iran", "talks between France and Germany", "\n", "\n\n", ", ", "; ", ". ",
    "on Monday.\U0001f469\u200d\U0001f467", "March 3, 2024", "30 February", "in 99999",
    "\u200b", "\u202e", "\x00", "\x07", "\ufeff", "\ufffd", "\ud800", "Ｒｕｓｓｉａ", "ﬁ",
    "U.S.", "Mr.", "--", "—", "(AP) --", "KYIV, Ukraine (AP) — ", "#", "*", "<b>", "&amp;",
]  # fmt: skip
news_text = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(ANY_CHAR, max_size=12), min_size=1, max_size=30
).map(" ".join)
edge_dates = (
    st.sampled_from([date.min, date.max, date(1, 1, 7), date(9999, 12, 25), date(2024, 2, 29)])
    | st.dates()
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
# An unreadable date is a warning and the article is kept undated: still a good record.
good_dates = (
    st.none()
    | edge_dates.map(date.isoformat)
    | st.sampled_from(["", "2024-09-10T08:00:00Z", "2024-13-45", "31/12/9999", "yesterday",
                       "99999-01-01", "0", "1e400", "Tue, 05 Mar 2024 08:00:00 GMT"])
    | json_values
)  # fmt: skip


@st.composite
def good_line(draw, index: int) -> str:
    """A JSONL line that must be read: a non-blank text, an id, maybe a date and junk fields."""
    record = {"id": f"good-{index}", "text": draw(news_text.filter(str.strip))}
    if (day := draw(good_dates)) is not None:
        record["date"] = day
    extra = st.sampled_from(["title", "url", "source", "meta"])
    record.update(draw(st.dictionaries(extra, json_values)))
    return json.dumps(record)


UNCLOSED = "".join(c for c in string.printable if c not in '\n\r"')  # a string never closed
not_a_string = json_values.filter(lambda v: not isinstance(v, str))
BAD_LINES = st.one_of(
    st.builds(lambda v: json.dumps({"text": v}), not_a_string),
    st.builds(json.dumps, json_values.filter(lambda v: not isinstance(v, dict))),
    st.just('{"title": "no text here"}'),
    st.just('{"text": "   "}'),
    st.builds(lambda n: '{"text": "x", "n": ' + "9" * n + "}", st.integers(4301, 6000)),
    st.builds(lambda n: '{"text": "x", "n": ' + "[" * n + "]" * n + "}", st.integers(2000, 50000)),
    st.builds(lambda s: '{"text": "' + s, st.text(UNCLOSED, max_size=20)),
    st.builds(lambda s: '{"text": "a' + s + 'b"}', st.sampled_from(["\x00", "\x01", "\x1f"])),
    st.builds(lambda n: json.dumps({"text": "x" * n}), st.integers(2100, 4000)),  # over the cap
)  # fmt: skip
MAX_BYTES = 2048


@st.composite
def jsonl_file(draw) -> tuple[list[str], list[str | None]]:
    """Lines of a JSONL file and, per line, the id its article must have (None: an error)."""
    lines, expected = [], []
    for index in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            lines.append(draw(good_line(index)))
            expected.append(f"good-{index}")
        else:
            lines.append(draw(BAD_LINES))
            expected.append(None)
    return lines, expected


def write_lines(path, lines: list[str]) -> None:
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


# --- readers -----------------------------------------------------------------------------------


@budget("jsonl")
@given(jsonl_file())
def test_every_jsonl_line_is_one_article_or_one_error(tmp_path_factory, data):
    lines, expected = data
    good = [e for e in expected if e is not None]
    path = tmp_path_factory.mktemp("fuzz") / "f.jsonl"
    write_lines(path, lines)
    items = list(read_articles(path, max_bytes=MAX_BYTES))
    assert [i.id if isinstance(i, Article) else None for i in items] == expected
    assert len([i for i in items if isinstance(i, Article)]) == len(good)  # no good record lost
    for lineno, item in enumerate(items, start=1):
        if isinstance(item, ErrorRecord):
            assert item.record == lineno and item.error.startswith(f"{path}, line {lineno}: ")
        else:
            item.text.encode("utf-8")  # every text can be written back out


documents = st.one_of(
    st.tuples(st.just(".html"), st.lists(
        st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<b>",
                         "<!--", "-->", "<html>", "<body>", "<![CDATA[", "&#xD800;", "&nbsp;"])
        | news_text, max_size=40).map("".join)),
    st.tuples(st.just(".md"), st.builds(
        lambda meta, body: "---\n" + meta + "\n---\n" + body,
        st.lists(st.sampled_from(["title: T", "date: 2024-01-01", "date: 9999-12-31",
                                  "date: nope", "id:", ": x", "- a", "---"]), max_size=5)
        .map("\n".join), news_text)),
    st.tuples(st.sampled_from([".txt", ".md", ".htm"]), news_text),
)  # fmt: skip


@budget("documents")
@given(documents)
def test_documents_read_or_fail_with_an_input_error(tmp_path_factory, document):
    suffix, content = document
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    try:
        items = list(read_articles(path))
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert len(items) == 1 and isinstance(items[0], Article) and items[0].text.strip()


csv_files = st.builds(
    lambda header, rows: header + "\n" + "\n".join(rows),
    st.sampled_from(["text,id,date", "id;text", "title\ttext", "TEXT", "notext,x", ""]),
    st.lists(st.lists(news_text | st.sampled_from(['"', '""', ",", ";", "\t", "9999-12-31",
                                                   "2024-02-30", "\r", "\x85"]), max_size=4)
             .map(",".join), max_size=6),
)  # fmt: skip


@budget("csv")
@given(csv_files)
def test_csv_rows_read_or_become_errors(tmp_path_factory, content):
    from eventwire.text.sources import expand

    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    for item in expand([str(path)]):
        assert isinstance(item.record, Article | ErrorRecord)
        if isinstance(item.record, ErrorRecord):
            assert str(path) in item.record.error


# --- the coder ---------------------------------------------------------------------------------


@budget("coder")
@given(st.lists(st.tuples(news_text, st.none() | edge_dates), min_size=1, max_size=4))
def test_the_coder_codes_any_text_on_any_date(coder, texts):
    articles = [Article(id=f"a{i}", text=text, date=day) for i, (text, day) in enumerate(texts)]
    for article, outcome in coder.results(articles):
        assert outcome.error is None, outcome.error
        for event in outcome.events:
            assert article.text[event.trigger.start : event.trigger.end] == event.trigger.text
            assert event.sentence and event.sentence in article.text


# --- ingest ------------------------------------------------------------------------------------


@budget("ingest")
@given(jsonl_file())
def test_ingest_stores_every_good_record(tmp_path_factory, coder, data):
    from eventwire.corpus import store
    from eventwire.corpus.ingest import SKIP_UNREADABLE, ingest
    from eventwire.text.sources import SourceOptions

    lines, expected = data
    folder = tmp_path_factory.mktemp("fuzz")
    write_lines(folder / "f.jsonl", lines)
    articles = [i for i in read_articles(folder / "f.jsonl", max_bytes=MAX_BYTES)]
    good_texts = {store.content_hash(a.text) for a in articles if isinstance(a, Article)}
    errors: list[ErrorRecord] = []
    options = SourceOptions(max_bytes=MAX_BYTES, default_date=date(2024, 9, 10))
    summary = ingest([str(folder / "f.jsonl")], folder / "f.duckdb", options, coder=coder,
                     on_error=errors.append)  # fmt: skip
    assert summary.stored == len(good_texts)  # distinct texts: a repeat is stored once
    assert dict(summary.skipped).get(SKIP_UNREADABLE, 0) == expected.count(None) == len(errors)
    assert summary.failed == (not good_texts)


# --- the web API -------------------------------------------------------------------------------

query_values = st.one_of(
    st.text(ANY_CHAR.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e308", "9999-12-31", "0001-01-01", "", "%00"]),
)
API_PARAMS = ["page", "per_page", "sort", "start", "end", "actor", "recipient", "country",
              "event_type", "quad_class", "modality", "min_confidence", "limit", "level",
              "interval"]  # fmt: skip
API_PATHS = ["/api/events", "/api/actors", "/api/dyads", "/api/timeseries", "/api/network",
             "/api/map", "/", "/dyads", "/dyad", "/network", "/map"]  # fmt: skip


@pytest.fixture(scope="module")
def api(tmp_path_factory, coder):
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    from eventwire.web.testing import build_db

    db = build_db(tmp_path_factory.mktemp("fuzz-api") / "a.duckdb", coder=coder)
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        yield client


@budget("api")
@given(
    st.sampled_from(API_PATHS),
    st.dictionaries(st.sampled_from(API_PARAMS), query_values, max_size=5),
)
def test_any_query_is_answered_never_a_server_error(api, path, params):
    response = api.get(path, params=params)
    assert response.status_code in (200, 400, 404, 422), (path, params, response.text[:300])
