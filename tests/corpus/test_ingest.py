"""The ingest pipeline end to end with the real coder: sources, store, rerun, dates, errors."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

import eventwire.cli.ingest_cmd  # noqa: F401  (registers the command)
from eventwire.cli.app import app
from eventwire.corpus.ingest import SKIP_REPEATED, SKIP_STORED, SKIP_UNREADABLE, ingest
from eventwire.errors import InputError
from eventwire.evaluation.synthetic_news import generate_articles, write_jsonl
from eventwire.text.sources import SourceOptions


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    records = list(generate_articles(16, seed=11, words=90, duplicate_rate=0.2, rewrite_rate=0.4))
    write_jsonl(records, folder / "news.jsonl")
    return folder / "news.jsonl", records


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_ingest_then_rerun_adds_nothing(tmp_path, corpus, coder):
    path, records = corpus
    unique = len({r.article.text for r in records})
    db = tmp_path / "e.duckdb"
    first = ingest([str(path)], db, coder=coder, batch_size=5)
    assert first.read == len(records)
    assert first.stored == unique
    assert first.skipped[SKIP_REPEATED] == len(records) - unique
    assert first.mentions > 0 and first.sentences > first.stored
    assert first.deduplicated and first.totals["events"] > 0
    again = ingest([str(path)], db, coder=coder)
    assert again.stored == 0 and again.skipped[SKIP_STORED] == unique
    assert again.totals == first.totals
    assert not again.deduplicated  # nothing changed, nothing recomputed


def test_rewrites_of_a_story_merge_into_one_event(tmp_path, corpus, coder):
    path, records = corpus
    db = tmp_path / "e.duckdb"
    ingest([str(path)], db, coder=coder)
    merged = rows(
        db,
        """SELECT e.event_type, e.actor_country, e.recipient_country, e.num_articles
           FROM events e WHERE e.num_articles >= 2""",
    )
    stories = {}
    for record in records:
        stories.setdefault(record.story_id, []).append(record)
    told_twice = {
        (r.facts.event_type, r.facts.actor, r.facts.recipient)
        for group in stories.values()
        if len({g.article.text for g in group}) >= 2
        for r in group[:1]
    }
    assert told_twice, "the generated corpus should contain retold stories"
    assert told_twice & {(t, a, r) for t, a, r, _ in merged}
    # every mention of the dataset is linked to one event, and every mention has a reason
    # (a withheld one that no other report resolves is linked to none)
    unlinked = "SELECT count(*) FROM mentions WHERE event_id IS NULL AND withheld IS NULL"
    assert rows(db, unlinked)[0] == (0,)
    assert rows(db, "SELECT count(*) FROM mentions WHERE merge_reason IS NULL")[0] == (0,)


def test_folder_of_mixed_files_with_dates_and_errors(tmp_path, coder):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title: Talks\n\nFrance and Germany held talks in Paris.\n")
    (folder / "b.md").write_text("---\ndate: 2024-02-03\n---\n# Aid\n\nJapan sent aid to Peru.\n")
    (folder / "c.csv").write_text(
        'id,text,date\nrow1,"Brazil criticised Argentina over the tariffs.",2024-01-05\n'
        "row2,,2024-01-06\n"
    )
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    db = tmp_path / "e.duckdb"
    errors = []
    summary = ingest([str(folder)], db, coder=coder, on_error=errors.append)
    assert summary.stored == 3
    assert summary.skipped[SKIP_UNREADABLE] == 2  # the binary file and the empty CSV row
    assert any("bad.txt" in e.error for e in errors)
    assert any("line 3: empty text" in e.error for e in errors)
    dates = dict(rows(db, "SELECT doc_id, pub_date FROM articles"))
    assert dates[str(folder / "a.txt")] is None  # unknown, never today's date
    assert dates["row1"] == date(2024, 1, 5)
    origins = dict(rows(db, "SELECT doc_id, date_origin FROM articles"))
    assert origins[str(folder / "a.txt")] == "unknown" and origins["row1"] == "input"


def test_default_date_fills_only_undated_articles(tmp_path, coder):
    text = tmp_path / "a.txt"
    text.write_text("Chile and Peru signed a trade agreement.\n")
    dated = tmp_path / "b.txt"
    dated.write_text("Date: 2023-05-06\n\nKenya condemned the attack on its embassy.\n")
    db = tmp_path / "e.duckdb"
    options = SourceOptions(default_date=date(2024, 9, 1))
    ingest([str(text), str(dated)], db, options=options, coder=coder)
    got = sorted(rows(db, "SELECT pub_date, date_origin FROM articles"))
    assert got == [(date(2023, 5, 6), "input"), (date(2024, 9, 1), "default")]


def test_csv_without_text_column_is_an_error_record(tmp_path, coder):
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,Something happened.\n")
    errors = []
    summary = ingest([str(path)], tmp_path / "e.duckdb", coder=coder, on_error=errors.append)
    assert summary.stored == 0
    assert "no 'text' column (columns: id, body)" in errors[0].error


def test_missing_source_fails_before_creating_the_database(tmp_path, coder):
    db = tmp_path / "e.duckdb"
    with pytest.raises(InputError, match="no such file"):
        ingest([str(tmp_path / "absent")], db, coder=coder)
    assert not db.exists()


def test_cli_prints_summary_and_reports_bad_input(tmp_path, corpus):
    path, _ = corpus
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    args = ["ingest", str(path), "--db", str(db), "--json", "--date", "2024-01-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] > 0 and summary["articles_per_second"] > 0
    bad = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--date", "soon"])
    assert bad.exit_code != 0 and "invalid --date" in str(bad.exception)


def test_two_attacks_in_two_cities_stay_apart_and_retellings_merge(tmp_path, coder):
    """Through the real coder: place and date decide which mentions are one real-world event."""
    articles = [
        ("wire-a", "Russian forces shelled Kharkiv on Monday, regional officials said."),
        ("wire-b", "Regional officials said Kharkiv was shelled by Russian forces on Monday."),
        ("paper-c", "On Monday Russian forces also shelled Odesa, the port's mayor said."),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": t, "source": i.split("-")[0], "date": "2024-05-14"}) + "\n"
            for i, t in articles
        )
    )
    db = tmp_path / "e.duckdb"
    ingest([str(path)], db, coder=coder)
    found = rows(
        db,
        """SELECT location_name, num_mentions, num_articles FROM events
           WHERE event_type = 'ASSAULT' AND actor_country = 'RUS' ORDER BY location_name""",
    )
    assert found == [("Kharkiv", 2, 2), ("Odesa", 1, 1)]
