"""Publication dates in the formats people have; an unreadable one costs only the date."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from eventwire.errors import InputError
from eventwire.text.pubdates import parse_publication_date
from eventwire.text.sources import SourceOptions, expand

DAY = date(2025, 10, 23)


@pytest.mark.parametrize(
    "value",
    [
        "2025-10-23",
        "2025-10-23T08:15:00Z",
        "2025-10-23 23:30:00+02:00",
        "Thu, 23 Oct 2025 10:00:00 +0000",  # RFC 2822, as feeds write it
        "October 23, 2025",
        "23 October 2025",
        "Oct. 23, 2025",
        "23/10/2025",  # only one reading: day first whatever the option
        "1761177600",  # epoch seconds, UTC
        1761177600,
    ],
)
def test_formats_people_have(value):
    assert parse_publication_date(value) == DAY


def test_numeric_dates_are_month_first_unless_told():
    assert parse_publication_date("10/11/2025") == date(2025, 10, 11)
    assert parse_publication_date("10/11/2025", dayfirst=True) == date(2025, 11, 10)


@pytest.mark.parametrize("value", ["May 2024", "Dec 6", "last Tuesday", "soon", ""])
def test_what_names_no_whole_day_is_a_clear_error(value):
    with pytest.raises(InputError, match="date"):
        parse_publication_date(value)


def test_csv_date_column_and_unreadable_dates_kept_undated(tmp_path, caplog):
    path = tmp_path / "news.csv"
    path.write_text(
        "body,published\n"
        '"Troops shelled a village.",23/10/2025\n'
        '"Police detained protesters.",sometime\n',
        encoding="utf-8",
    )
    options = SourceOptions(text_column="body", date_column="published", fetch=False)
    items = list(expand([str(path)], options))
    assert [i.record.date for i in items] == [DAY, None]
    assert "line 3: invalid date 'sometime'" in caplog.text


def test_code_reports_an_unreadable_date_once_and_codes_the_record(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "text,when\n"
        '"Russian forces shelled Kharkiv on Monday.",10/11/2025\n'
        '"Russian forces shelled Odesa on Monday.",not a date\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "eventwire", "code", str(path), "--date-column", "when",
         "--dayfirst", "--all"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    dates = {e["location"]["name"]: e["date"] for e in events if e.get("location")}
    assert dates == {"Kharkiv": "2025-11-10", "Odesa": None}  # Monday 10 November; undated
    warnings = [line for line in run.stderr.splitlines() if "not a date" in line]
    assert len(warnings) == 1 and warnings[0].startswith("eventwire: warning:")
