"""Every command in the README runs as written on a clone, against the bundled examples.

The shell blocks run in order, each as one bash script, in a scratch folder that sees the
clone's `examples/`, `docs/` and `.venv/` (so `.venv/bin/eventwire` resolves as in the README)
and collects what the commands write. The Python blocks run with the venv's interpreter and the
TOML block is read by `eventwire config`. A few commands are not run, each for a stated reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
VENV = Path(sys.executable).parents[1]
# Commands that do not end by themselves or that run for minutes, and why they are not run here.
NOT_RUN = {
    "make run": "ends by serving the dashboard until stopped (its steps are the commands below)",
    "make test": "is the suite this test belongs to",
    "eventwire serve": "serves until stopped; tests/web/test_web_*.py serve the same app",
    "eventwire watch": (
        "polls until stopped; tests/cli/test_live_cli.py runs its loop on local feeds"
    ),
    "eventwire bench": (
        "times minutes of coding; tests/evaluation/test_bench.py runs it on small input"
    ),
}
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README.read_text("utf-8")) if lang == language]


def runnable(block: str) -> str:
    """The block without the lines that are not run (each must match a stated reason)."""
    return "\n".join(line for line in block.splitlines() if not _not_run(line))


def _not_run(line: str) -> bool:
    return any(command in line for command in NOT_RUN)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder that looks like the clone to the README's commands."""
    folder = tmp_path_factory.mktemp("readme")
    for name in ("examples", "docs", "src"):
        (folder / name).symlink_to(ROOT / name)
    (folder / ".venv").symlink_to(VENV)
    return folder


def run(script: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("EVENTWIRE_DB", None)
    env.pop("EVENTWIRE_KB_PATH", None)
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_the_readme_has_the_commands_it_promises():
    shell = "\n".join(blocks("sh"))
    for command in ("code", "eval", "actor", "ingest", "query", "export", "kb import"):
        assert f".venv/bin/eventwire {command}" in shell
    assert "export --db eventwire.duckdb --format gdelt > events.tsv" in shell
    skipped = [line for line in shell.splitlines() if _not_run(line)]
    assert skipped and all(line.strip() for line in skipped)


def test_every_shell_block_runs_as_written(scratch):
    for block in blocks("sh"):
        script = runnable(block)
        if not script.strip():
            continue  # every line is one of NOT_RUN
        result = run(script, scratch)
        assert result.returncode == 0, f"{script}\n--- stderr:\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
    events = pd.read_csv(scratch / "events.tsv", sep="\t", dtype={"EventCode": str})
    assert len(events) > 0 and events["EventCode"].str.fullmatch(r"\d{2,4}").all()
    assert len(pd.read_csv(scratch / "icews.tsv", sep="\t")) > 0
    assert (scratch / "mykb" / "people.tsv").exists()


@pytest.mark.parametrize("number", range(len(blocks("python"))))
def test_every_python_block_runs(number, scratch):
    code = blocks("python")[number]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=scratch, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{code}\n--- stderr:\n{result.stderr[-3000:]}"
    assert "[" in result.stdout  # each block prints what it coded


def test_the_config_example_is_accepted(tmp_path):
    (tmp_path / "eventwire.toml").write_text(blocks("toml")[0], encoding="utf-8")
    result = run(f"{VENV / 'bin' / 'eventwire'} config", tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"db": "news.duckdb"' in result.stdout and '"fr": "fr_core_news_sm"' in result.stdout
