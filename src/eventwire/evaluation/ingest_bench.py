"""The corpus acceptance run: ingest a generated corpus, rerun it, kill a run halfway, rerun.

    python -m eventwire.evaluation.ingest_bench --articles 1000 --workers 2 --out /tmp/ewbench

Prints one JSON object: the uninterrupted run's summary (articles/s), the counts after a
rerun, and the counts after a run killed with SIGKILL halfway and rerun, which must match.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from eventwire.corpus.store import connect, counts
from eventwire.evaluation.synthetic_news import generate_articles, write_jsonl

CLI = (
    "import eventwire.cli.ingest_cmd, eventwire.cli.export_cmd, eventwire.cli.query_cmd\n"
    "from eventwire.cli import main\n"
    "if __name__ == '__main__':\n    main()\n"
)


def run_cli(
    script: Path, corpus: Path, db: Path, workers: int, progress: bool = False
) -> subprocess.Popen:
    args = [sys.executable, str(script), "ingest", str(corpus), "--db", str(db), "--json"]
    args += ["--workers", str(workers), "--progress" if progress else "--no-progress"]
    stderr = subprocess.PIPE if progress else None
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, text=True)


def kill_when_stored(proc: subprocess.Popen, count: int) -> int:
    """Follow the progress bar and SIGKILL the run once `count` articles are stored."""
    buffer, seen = "", 0
    while seen < count and (chunk := proc.stderr.read(1)):
        buffer = (buffer + chunk)[-200:]
        found = re.findall(r"ingest: (\d+) articles", buffer)
        seen = int(found[-1]) if found else seen
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return seen


def db_counts(db: Path) -> dict:
    con = connect(db, read_only=True)
    try:
        return counts(con).to_dict()
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/ewbench"))
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    corpus, script = opts.out / "corpus.jsonl", opts.out / "cli.py"
    script.write_text(CLI)
    records = generate_articles(
        opts.articles, seed=7, words=opts.words, duplicate_rate=0.15, rewrite_rate=0.2
    )
    write_jsonl(records, corpus)
    full, killed = opts.out / "full.duckdb", opts.out / "killed.duckdb"
    for path in opts.out.glob("*.duckdb*"):
        path.unlink()
    first = json.loads(run_cli(script, corpus, full, opts.workers).communicate()[0])
    rerun = json.loads(run_cli(script, corpus, full, opts.workers).communicate()[0])
    proc = run_cli(script, corpus, killed, opts.workers, progress=True)
    kill_when_stored(proc, opts.articles // 2)
    after_kill = db_counts(killed)
    resumed = json.loads(run_cli(script, corpus, killed, opts.workers).communicate()[0])
    report = {
        "first_run": first,
        "rerun": {"stored": rerun["stored"], "database": rerun["database"]},
        "killed_at": after_kill,
        "resumed": {"stored": resumed["stored"], "database": resumed["database"]},
        "same_counts": resumed["database"] == first["database"],
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
