"""A run killed with SIGKILL mid-ingest leaves a consistent database; rerunning completes it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time

import duckdb
import psutil
import pytest

from eventwire.corpus.ingest import ingest
from eventwire.evaluation.synthetic_news import generate_articles, write_jsonl

CLI = (
    "import eventwire.cli.ingest_cmd\n"
    "from eventwire.cli import main\n"
    "if __name__ == '__main__':\n    main()\n"
)
KILL_AFTER = 8  # articles stored (two committed batches of four)


def snapshot(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
        torn = con.execute(
            """SELECT count(*) FROM articles a
               WHERE a.n_mentions <> (SELECT count(*) FROM mentions m
                                      WHERE m.article_hash = a.hash)"""
        ).fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM mentions WHERE article_hash NOT IN (SELECT hash FROM articles)"
        ).fetchone()[0]
        events = con.execute("SELECT count(*), sum(num_mentions) FROM events").fetchone()
        hashes = {r[0] for r in con.execute("SELECT hash FROM articles").fetchall()}
    finally:
        con.close()
    return {"articles": articles, "mentions": mentions, "torn": torn, "orphans": orphans,
            "events": events, "hashes": hashes}  # fmt: skip


def watch(stream, seen: list[int], done: threading.Event) -> None:
    """Follow tqdm's bar on stderr and note how many articles have been stored."""
    buffer = ""
    while chunk := stream.read(1):
        buffer = (buffer + chunk)[-200:]
        found = re.findall(r"ingest: (\d+) articles", buffer)
        if found:
            seen.append(int(found[-1]))
            if seen[-1] >= KILL_AFTER:
                done.set()


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path, dataset_coder):
    coder = dataset_coder  # the killed run is `eventwire ingest`: the default dataset
    corpus = tmp_path / "c.jsonl"
    write_jsonl(generate_articles(48, seed=5, words=140, duplicate_rate=0.1), corpus)
    script = tmp_path / "cli.py"
    script.write_text(CLI)
    killed = tmp_path / "killed.duckdb"
    args = [sys.executable, str(script), "ingest", str(corpus), "--db", str(killed)]
    args += ["--batch-size", "4", "--progress", "--json"]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    seen: list[int] = []
    ready = threading.Event()
    threading.Thread(target=watch, args=(proc.stderr, seen, ready), daemon=True).start()
    started = time.monotonic()
    while not ready.is_set() and proc.poll() is None and time.monotonic() - started < 90:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    partial = snapshot(killed)
    assert partial["torn"] == 0 and partial["orphans"] == 0  # whole batches only
    assert KILL_AFTER <= partial["articles"] < 48

    resumed = ingest([str(corpus)], killed, coder=coder, batch_size=4)
    assert resumed.stored == resumed.totals["articles"] - partial["articles"]
    reference = tmp_path / "reference.duckdb"
    ingest([str(corpus)], reference, coder=coder, batch_size=16)
    after, expected = snapshot(killed), snapshot(reference)
    assert after["hashes"] == expected["hashes"]  # no article lost, none twice
    for key in ("articles", "mentions", "events", "torn", "orphans"):
        assert after[key] == expected[key], key


def coding_workers(parent: psutil.Process) -> list[psutil.Process]:
    """The spawned worker processes of a run (multiprocessing's own tracker is not one)."""
    found = []
    for child in parent.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
    return found


@pytest.mark.slow
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """Regression (issue 13): after SIGKILL of `ingest --workers 2`, its workers ran on."""
    corpus = tmp_path / "c.jsonl"
    write_jsonl(generate_articles(400, seed=9, words=140), corpus)
    script = tmp_path / "cli.py"
    script.write_text(CLI)
    args = [sys.executable, str(script), "ingest", str(corpus), "--db", str(tmp_path / "w.duckdb")]
    args += ["--workers", "2", "--batch-size", "4", "--progress"]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    seen: list[int] = []
    coding = threading.Event()  # set once the workers have coded and stored two batches
    threading.Thread(target=watch, args=(proc.stderr, seen, coding), daemon=True).start()
    coding.wait(timeout=180)
    workers = coding_workers(psutil.Process(proc.pid))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert coding.is_set() and len(workers) == 2, "the run did not get its two workers coding"
    gone, alive = psutil.wait_procs(workers, timeout=5)
    for process in alive:  # do not leave them behind if the test fails
        process.kill()
    assert not alive, f"{len(alive)} worker(s) still running 5 s after the parent was killed"
