"""`eventwire actor` prints a resolution as JSON and rejects bad dates in one line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def test_actor_prints_json():
    result = runner.invoke(app, ["actor", "Russian troops", "--date", "2024-09-10"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["code"] == "RUSMIL"


def test_actor_uses_context_sentence():
    result = runner.invoke(
        app,
        ["actor", "these countries", "--date", "2024-09-10", "--context",
         "The envoy criticised China, Iran and North Korea on Tuesday."],
    )  # fmt: skip
    members = json.loads(result.stdout)["members"]
    assert [m["code"] for m in members] == ["CHN", "IRN", "PRK"]


def test_unresolved_mention_says_so():
    result = runner.invoke(app, ["actor", "Georgia Tech"])
    assert json.loads(result.stdout) == {"text": "Georgia Tech", "resolved": False}


def test_bad_date_is_an_input_error():
    result = runner.invoke(app, ["actor", "Iran", "--date", "2024-13-01"])
    assert result.exit_code != 0
    assert "2024-13-01" in str(result.exception)
