"""Freshness of the knowledge base: table as_of dates, `kb_stale` on events, the `code` line,
and the coverage of heads of state and government that `kb stats` reports.

Events are coded with the real pipeline and tables; the stale case uses an overlay table
written here (a fictional office holder checked long ago) and an article dated after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.freshness import FreshnessTally, mark_stale
from eventwire.actors.kb import build, shipped_dir, table_as_of
from eventwire.actors.resolver import Resolver
from eventwire.kb_import.stats import (
    effective_rows,
    heads_coverage,
    kb_stats,
    states_counted,
)

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
HEADER = (
    "name\taliases\tcountry\tsector\toffice\toffice_country\tstart\tend\twikidata\tas_of\tsource\n"
)
# A made-up foreign minister in an overlay last checked in 2019.
OVERLAY_ROW = (
    "Quilla Marrowby\t\tFRA\tGOV\tforeign_minister\tFRA\t2018-01-01\t\t\t2019-06-30\ttest\n"
)
SENTENCE = "Quilla Marrowby condemned Germany over the border closure."
# The date the acceptance criterion names: every state has both heads on it.
ACCEPTANCE_DAY = date(2026, 11, 1)
# San Marino's Captains Regent serve six months from 1 April and 1 October; the pair invested
# on 1 April and 1 October 2026 could not be confirmed in the stored news, so the table stops
# at the pair that served to 1 April 2026 rather than guessing names.
UNCONFIRMED_HEADS_OF_STATE = {"SMR"}


def test_table_as_of_is_oldest_open_row_else_newest():
    rows = [
        {"as_of": "2024-01-01", "end": "2020-01-01"},
        {"as_of": "2025-06-30", "end": ""},
        {"as_of": "2026-12-05", "end": ""},
    ]
    assert table_as_of(rows) == date(2025, 6, 30)
    closed = [{"as_of": "2024-01-01", "end": "2020-01-01"}, {"as_of": "2023-01-01", "end": "x"}]
    assert table_as_of(closed) == date(2024, 1, 1)
    assert table_as_of([]) is None


@pytest.fixture(scope="module")
def overlay(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("kb_overlay")
    (directory / "people_test.tsv").write_text(HEADER + OVERLAY_ROW, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def overlay_coder(coder, overlay):
    from eventwire.coding.coder import Coder

    return Coder(coder.nlp, Resolver(build((shipped_dir(), overlay))), coder.lexicon)


def test_every_table_file_has_an_as_of(overlay):
    kb = build((shipped_dir(), overlay))
    assert kb.as_of[str(overlay / "people_test.tsv")] == date(2019, 6, 30)
    people_files = [label for label in kb.as_of if label.startswith("people_")]
    assert len(people_files) >= 6
    assert all(kb.as_of[label] is not None for label in people_files)


def test_article_after_the_table_as_of_marks_the_event(overlay_coder, overlay):
    events = overlay_coder.code_text(SENTENCE, date=date(2024, 3, 1))
    actors = [e for e in events if e.actor and e.actor.name == "Quilla Marrowby"]
    assert actors, [e.model_dump() for e in events]
    notes = actors[0].kb_stale
    assert notes and notes[0].side == "actor"
    assert notes[0].table == str(overlay / "people_test.tsv")
    assert notes[0].as_of == date(2019, 6, 30)
    assert '"kb_stale":[' in actors[0].model_dump_json()


def test_article_before_the_table_as_of_is_not_marked(overlay_coder):
    events = overlay_coder.code_text(SENTENCE, date=date(2019, 3, 1))
    assert events and all(e.kb_stale is None for e in events)


def test_undated_article_is_not_marked(overlay_coder):
    events = overlay_coder.code_text(SENTENCE)
    assert all(e.kb_stale is None for e in events)


def test_country_names_do_not_go_stale(dataset_coder):
    events = dataset_coder.code_text("France condemned Germany over the border.", date(2040, 1, 1))
    assert events and all(e.kb_stale is None for e in events)


def test_tally_prints_one_line_naming_the_tables(overlay_coder):
    tally = FreshnessTally()
    for day in (date(2024, 3, 1), date(2019, 3, 1)):
        tally.add(overlay_coder.code_text(SENTENCE, date=day))
    line = tally.line()
    assert line is not None and "\n" not in line
    assert "in 1 of 2 articles" in line and "as_of 2019-06-30" in line
    assert FreshnessTally().line() is None


def test_mark_stale_leaves_fresh_events_alone(overlay_coder):
    events = overlay_coder.code_text(SENTENCE, date=date(2019, 3, 1))
    kb = overlay_coder.resolver.kb
    assert mark_stale(events, date(2019, 3, 1), kb) == events


def test_code_prints_one_stale_line_on_stderr(tmp_path: Path, overlay: Path):
    article = tmp_path / "article.txt"
    article.write_text(SENTENCE + "\n", encoding="utf-8")
    env = {"EVENTWIRE_KB_PATH": str(overlay), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [EVENTWIRE, "code", str(article), "--date", "2024-03-01"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stale_lines = [line for line in result.stderr.splitlines() if line.startswith("kb_stale:")]
    assert len(stale_lines) == 1, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["kb_stale"] for e in events)


def test_every_state_has_both_heads_on_the_acceptance_day():
    """UN members and observers, Taiwan and Kosovo: a head of state and of government valid on
    2026-11-01, an open-ended row (checked up to its as_of) counting as valid."""
    sources = kb_stats(overlays=[])
    states = states_counted()
    assert len(states) == 197
    heads = heads_coverage(effective_rows(sources, "people"), states, ACCEPTANCE_DAY)
    assert heads.missing["head_of_government"] == []
    assert set(heads.missing["head_of_state"]) <= UNCONFIRMED_HEADS_OF_STATE


def test_kb_stats_shows_file_as_of_and_head_counts():
    result = subprocess.run(
        [EVENTWIRE, "kb", "stats", "--json", "--on", "2026-11-01"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    files = data["sources"][0]["files_as_of"]
    assert "people_africa.tsv" in files and files["people_africa.tsv"]
    assert data["heads"]["date"] == "2026-11-01"
    assert data["heads"]["states"] == 197
    assert data["heads"]["head_of_government"] == 197
    text = subprocess.run(
        [EVENTWIRE, "kb", "stats", "--on", "2026-11-01"], capture_output=True, text=True,
        timeout=120,
    ).stdout  # fmt: skip
    assert "heads on 2026-11-01" in text and "people_europe.tsv" in text
