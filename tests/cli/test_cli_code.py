"""`eventwire code` as a user runs it: the console script in a subprocess.

Garbage input must give a one-line error, a non-zero exit and never a traceback; those cases
need no coder because the CLI only loads spaCy once it has a readable article.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.models import Actor, Event, Span

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def coder_available() -> bool:
    """The coder is written in parallel with this command; its tests wait for it."""
    try:
        importlib.import_module("eventwire.coding.coder")
    except ImportError:
        return False
    return True


needs_coder = pytest.mark.skipif(
    not coder_available(), reason="eventwire.coding.coder not importable"
)


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([EVENTWIRE, "code", *args], input=stdin, capture_output=True, timeout=300)


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.decode().strip().splitlines()


def assert_clean_failure(result: subprocess.CompletedProcess, message: str) -> None:
    output = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 2, output
    assert "Traceback" not in output
    assert result.stdout == b""
    last = stderr_lines(result)[-1]
    assert last.startswith("eventwire: error: ") and message in last, last


def make_huge(path: Path) -> Path:
    with path.open("wb") as f:
        f.truncate(50 * 2**20)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt: empty input"),
        ("blank.md", b"\n   \n", "blank.md: empty input"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 40, "photo.txt: binary content"),
        ("latin.txt", ("Un accord signé à Genève. " * 20).encode("latin-1"), "not valid UTF-8"),
        ("page.html", b"<html><body></body></html>", "page.html: no main text"),
    ],
)
def test_garbage_file_gives_one_line_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path))
    assert_clean_failure(result, message)
    assert len(stderr_lines(result)) == 1


def test_huge_file_is_refused_quickly(tmp_path):
    result = run(str(make_huge(tmp_path / "huge.txt")))
    assert_clean_failure(result, "huge.txt: file is 50 MB, over the 20 MB limit")


def test_missing_file_and_bad_date(tmp_path):
    assert_clean_failure(run(str(tmp_path / "missing.txt")), "no such file or folder")
    good = tmp_path / "a.txt"
    good.write_text("Some text.")
    assert_clean_failure(run(str(good), "--date", "10/09/2024"), "invalid --date '10/09/2024'")


def test_all_bad_jsonl_reports_each_record_then_fails(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": ""}\n{broken\n"just a string"\n')
    result = run(str(path))
    assert_clean_failure(result, "nothing could be coded")
    records = [json.loads(line) for line in stderr_lines(result)[:-1]]
    assert [r["record"] for r in records] == [1, 2, 3]
    assert all(r["input"] == str(path) and r["error"] for r in records)


def test_garbage_on_stdin():
    assert_clean_failure(run("-", stdin=b""), "<stdin>: empty input")
    assert_clean_failure(run("-", stdin=b"\x00\x01\x02\x03" * 64), "<stdin>: binary content")
    result = run("-", stdin=b'{"id": 1}\n')
    assert_clean_failure(result, "<stdin>: nothing could be coded")
    assert json.loads(stderr_lines(result)[0])["record"] == 1


def test_folder_of_only_bad_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    make_huge(tmp_path / "b.txt")
    result = run(str(tmp_path))
    assert_clean_failure(result, "nothing could be coded")
    errors = [json.loads(line)["error"] for line in stderr_lines(result)[:-1]]
    assert len(errors) == 2 and "empty input" in errors[0] and "over the" in errors[1]


# --- with the real coder ---------------------------------------------------------------------


@needs_coder
def test_examples_are_coded_to_valid_event_lines():
    result = run(str(EXAMPLES))
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    events = [Event.model_validate_json(line) for line in result.stdout.decode().splitlines()]
    assert len(events) >= 16
    doc_dates = {e.doc_id: e.date for e in events}
    assert all(d and date(2024, 1, 1) <= d <= date(2025, 12, 31) for d in doc_dates.values())
    assert len(doc_dates) >= 6  # nearly every example article yields events


@needs_coder
def test_mixed_folder_codes_good_files_and_reports_bad_ones(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(
        "Date: 2024-10-01\n\nThe weather in the capital was mild and dry on Tuesday.\n"
    )
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"id": "n1", "text": "France sharply criticised Russia on Monday."}) + "\n"
    )
    result = run(str(tmp_path), "--date", "2024-11-05")
    assert result.returncode == 0, result.stderr.decode()
    err = stderr_lines(result)
    assert len(err) == 1 and json.loads(err[0])["input"].endswith("bad.txt")
    events = [Event.model_validate_json(line) for line in result.stdout.decode().splitlines()]
    # "on Monday" resolves against the --date publication date (a Tuesday)
    assert events and all(e.doc_id == "n1" and e.date == date(2024, 11, 4) for e in events)


@needs_coder
def test_zero_events_is_still_success_and_min_confidence_filters():
    calm = b"The weather was mild and the markets were quiet on Tuesday."
    result = run("-", "--date", "2024-05-05", stdin=calm)
    assert (result.returncode, result.stdout) == (0, b"")
    text = (EXAMPLES / "2024-08-09_venezuela_tallies.txt").read_bytes()
    everything = run("-", stdin=text).stdout.decode().splitlines()
    confident = run("-", "--min-confidence", "0.99", stdin=text).stdout.decode().splitlines()
    assert len(confident) <= len(everything)
    assert all(json.loads(line)["confidence"] >= 0.99 for line in confident)


@needs_coder
def test_table_format():
    result = run(str(EXAMPLES / "2024-11-21_iran_shipping_sanctions.md"), "--format", "table")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "type" in out and "cameo" in out and "actor → recipient" in out


# --- table rendering without the coder -------------------------------------------------------


def test_table_rows_show_codes_modality_and_trigger(capsys):
    from eventwire.cli.code_cmd import _print_table

    event = Event(
        id="e1",
        doc_id="d1",
        sentence_index=0,
        sentence="Germany sent tanks to Ukraine on Tuesday after a long debate in parliament "
        "about the pace and the scale of deliveries to the front.",
        event_type="AID",
        cameo="074",
        quad_class=2,
        goldstein=7.4,
        actor=Actor(text="Germany", country="DEU", code="DEU"),
        recipient=Actor(text="the rebels"),
        trigger=Span(text="sent", start=8, end=12),
        modality="planned",
        date=date(2024, 7, 18),
    )
    _print_table([event])
    out = capsys.readouterr().out
    for cell in ("AID", "074", "DEU → ?the rebels", "planned", "sent", "2024-07-18", "…"):
        assert cell in out


@needs_coder
def test_examples_cover_every_plover_type():
    """The bundled examples exist to show every PLOVER type; the coder must find each one."""
    from eventwire.ontology import plover_types

    result = run(str(EXAMPLES))
    assert result.returncode == 0, result.stderr.decode()
    found = {
        Event.model_validate_json(line).event_type
        for line in result.stdout.decode().split("\n")
        if line
    }
    assert found >= set(plover_types())
