"""`ingest` meeting a busy database: the server's marker, handing articles over, waiting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace

import pytest
from live_helpers import ARTICLES, DAY

from eventwire.corpus import handoff, store
from eventwire.corpus.ingest import IngestSummary
from eventwire.errors import EventwireError
from eventwire.text.sources import SourceOptions

pytest.importorskip("fastapi")
from eventwire.web import create_app  # noqa: E402
from eventwire.web.testing import serve_in_thread  # noqa: E402

TOKEN = "handoff-token"
SERVER = handoff.Server(pid=os.getpid(), url="http://127.0.0.1:9", writes=True, max_body=10**6,
                        max_chars=100_000, max_articles=200)  # fmt: skip


def test_a_marker_counts_only_while_its_process_lives(tmp_path):
    db = tmp_path / "m.duckdb"
    assert handoff.running_server(db) is None
    handoff.announce(db, SERVER)
    assert handoff.running_server(db) == SERVER
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    handoff.announce(db, replace(SERVER, pid=int(dead)))
    assert handoff.running_server(db) is None  # a server killed without cleaning up
    handoff.marker(db).write_text("{not json")
    assert handoff.running_server(db) is None
    handoff.announce(db, SERVER)
    handoff.withdraw(db)
    assert not handoff.marker(db).exists()


def _articles(tmp_path, names, extra=()):
    path = tmp_path / "in.jsonl"
    rows = [{"id": n, "text": ARTICLES[n], "date": DAY} for n in names] + list(extra)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_articles_are_handed_to_the_server_in_small_requests(tmp_path, dataset_coder):
    db = tmp_path / "served.duckdb"
    store.connect(db).close()
    long = {"id": "long", "text": "Word. " * 40, "date": DAY}
    source = _articles(tmp_path, ["chile-peru", "estonia-russia", "chile-peru"], [long])
    errors = []
    with serve_in_thread(create_app(db, token=TOKEN)) as base:
        server = replace(SERVER, url=base, max_articles=1, max_chars=200)
        summary = handoff.hand_over(server, TOKEN, [source], SourceOptions(), errors.append)
        assert (summary.read, summary.stored, summary.mentions) == (4, 2, 3)
        assert +summary.skipped == {"same copy earlier in this input": 1,
                                    "too long to hand to the server": 1}  # fmt: skip
        assert "more than the 200 the server takes" in errors[0].error
        again = handoff.hand_over(server, TOKEN, [source], SourceOptions())
        assert again.skipped["already in the database"] == 2
        with pytest.raises(EventwireError, match="refused the articles: HTTP 401"):
            handoff.hand_over(server, "wrong", [source], SourceOptions())
    assert summary.totals["articles"] == 2


def test_ingest_waits_for_a_file_another_process_holds(tmp_path):
    db = tmp_path / "held.duckdb"
    store.connect(db).close()
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
    holder = subprocess.Popen([sys.executable, "-c", hold + " time.sleep(float(sys.argv[2]))",
                               str(db), "3"], stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
    said, calls = [], []

    def attempt() -> IngestSummary:
        calls.append(time.monotonic())
        store.connect(db).close()
        return IngestSummary()

    with pytest.raises(EventwireError, match="still busy after 0.5 s"):
        handoff.ingest_or_hand_over(db, [], SourceOptions(), attempt, 0.5, said.append)
    assert "in use by another process" in said[0]
    handoff.ingest_or_hand_over(db, [], SourceOptions(), attempt, 30, said.append)
    holder.wait(10)
    assert len(calls) == 3 and said[1].endswith(
        "waiting up to 30 s for it to be free (--wait to change)"
    )
