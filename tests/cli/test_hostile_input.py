"""Hostile records among good ones, through the real console script (issue 13).

Each kind of bad record once crashed `code` or `ingest` with a traceback, or cost the good
records around it. Now a bad record is one error line naming the input and the line, every good
record is coded and stored, and the exit status is non-zero only when nothing could be used.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.evaluation.synthetic_news import generate_articles

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
GOOD = 24

# Lines that are bad, each costing only itself (an error line names it).
BAD_LINES = {
    "huge-int": '{"text": "Kenya sent troops.", "n": ' + "7" * 5000 + "}",
    "deep-nesting": '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "nul-byte": '{"text": "Kenya\x00 sent troops."}',
    "control-char": '{"text": "Kenya\x07 sent troops."}',
    "text-not-string": '{"text": {"nested": true}}',
    "broken-json": '{"text": "Kenya sent troops."',
}
# Lines that once crashed the coder but are readable articles: each must be coded.
ODD_GOOD_LINES = {
    "lone-surrogate": '{"id": "surrogate", "text": "Chile \\ud800 recalled its envoy from Peru."}',
    "end-of-calendar": json.dumps(
        {"id": "end", "text": "Kenya will send troops to Somalia next month.", "date": "9999-12-31"}
    ),
    "start-of-calendar": json.dumps(
        {
            "id": "start",
            "text": "Chile recalled its envoy from Peru last week.",
            "date": "0001-01-01",
        }
    ),
    "emoji-after-weekday": json.dumps(
        {"id": "emoji", "text": "Norway pledged aid to Sudan on Monday.\U0001f469\u200d\U0001f467"}
    ),
    "unreadable-date": json.dumps(
        {"id": "undated", "text": "Kenya sent troops to Somalia.", "date": "99/99/9999"}
    ),
    "past-spacy-limit": json.dumps(
        {"id": "long", "text": "Kenya sent troops to Somalia.\n\n" + "\n" * 1_000_001 + "Peru."}
    ),
}


ODD_IDS = {"surrogate", "end", "start", "emoji", "undated", "long"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([EVENTWIRE, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, list[str]]:
    """Good generated articles with a hostile or odd line after every few of them."""
    folder = tmp_path_factory.mktemp("hostile")
    good = [a.article.model_dump_json() for a in generate_articles(GOOD, seed=13, words=80)]
    odd = [*BAD_LINES.values(), *ODD_GOOD_LINES.values()]
    lines = []
    for i, line in enumerate(good):
        lines.append(line)
        if i % 2 and odd:
            lines.append(odd.pop())
    lines += odd
    path = folder / "mixed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
    clean = folder / "clean.jsonl"
    clean.write_text("\n".join(good) + "\n", encoding="utf-8")
    return path, [json.loads(line)["id"] for line in good]


def error_lines(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def test_code_reports_each_bad_line_and_codes_every_good_one(mixed):
    """Regression: one bad line made `code` exit 1 with a traceback, printing no event."""
    path, good_ids = mixed
    result = run("code", str(path), "--date", "2024-05-02")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    errors = error_lines(result.stderr)
    assert len(errors) == len(BAD_LINES)
    assert all(e["input"] == str(path) and f"line {e['record']}:" in e["error"] for e in errors)
    coded = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    clean = run("code", str(path.with_name("clean.jsonl")), "--date", "2024-05-02")
    assert {json.loads(line)["doc_id"] for line in clean.stdout.splitlines()} <= coded
    assert coded >= ODD_IDS
    assert set(good_ids) & coded


def test_ingest_stores_every_good_record(mixed, tmp_path):
    """Regression: `ingest` stored 31 of 456 good lines, and exited 0 after storing none."""
    path, good_ids = mixed
    db = tmp_path / "m.duckdb"
    result = run("ingest", str(path), "--db", str(db), "--date", "2024-05-02", "--json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["stored"] == GOOD + len(ODD_GOOD_LINES)
    assert summary["skipped"] == {"unreadable input": len(BAD_LINES)}
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = {row[0] for row in con.execute("SELECT doc_id FROM articles").fetchall()}
    finally:
        con.close()
    assert set(good_ids) | ODD_IDS == ids


def test_ingest_exit_status_says_whether_anything_could_be_used(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "a\x00b"}\n{"text": 5}\n')
    db = tmp_path / "e.duckdb"
    failed = run("ingest", str(bad), "--db", str(db))
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1].startswith("eventwire: error: nothing was stored")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "Kenya sent troops to Somalia."}) + "\n")
    assert run("ingest", str(good), "--db", str(db)).returncode == 0
    assert run("ingest", str(good), "--db", str(db)).returncode == 0  # all stored already
