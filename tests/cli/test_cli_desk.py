"""The analyst's command line: one filter model everywhere, output formats, config and version."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import typer
from click.testing import CliRunner as ClickRunner
from click.testing import Result
from fastapi.testclient import TestClient
from store_helpers import make_article, make_event
from typer.testing import CliRunner

import eventwire.cli  # noqa: F401  (registers every command)
from eventwire import __version__
from eventwire.cli.app import app
from eventwire.cli.defaults import default_map
from eventwire.config import load_config
from eventwire.corpus import dedup, store
from eventwire.corpus.filters import make_filter, parse_pairs
from eventwire.errors import EventwireError
from eventwire.web import create_app

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk") / "desk.duckdb"
    con = store.connect(path)
    events = [
        make_event("a1", 0, when=date(2024, 3, 1), place="Kharkiv"),
        make_event("a1", 1, "CONSULT", "FRA", "DEU", when=date(2024, 5, 1), cameo="040"),
        make_event("a1", 2, "AGREE", "ARM", "AZE", when=date(2024, 6, 1), cameo="057"),
    ]
    store.write_batch(con, [make_article("a1", events)])
    dedup.deduplicate(con)
    con.close()
    return path


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it (config file, environment, exit code)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [EVENTWIRE, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120
    )


def test_names_and_codes_resolve_to_the_same_filter():
    assert make_filter(actor="Russia").actor == make_filter(actor="rus").actor == "RUS"
    military = make_filter(actor="Russian military")
    assert military.actor == "RUSMIL" and "RUSMIL" in military.resolution[0]
    assert make_filter(country="Ukraine").country == "UKR"
    assert make_filter(event_type="assault").event_type == "ASSAULT"
    by_code = make_filter(event_type="0841")
    assert by_code.cameo == "0841" and by_code.event_type is None
    assert make_filter(modality="Planned").modality == "planned"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"actor": "Narnia"}, "actor 'Narnia' is not a code or a name"),
        ({"event_type": "FOO"}, "neither a PLOVER type"),
        ({"modality": "certain"}, "modality 'certain'"),
        ({"start": "2024-05-01", "end": "2024-01-01"}, "after end"),
        ({"colour": "red"}, "unknown filter 'colour'"),
        ({"actor": "USA'; DROP TABLE events; --"}, "not a code or a name"),
    ],
)
def test_unknown_values_are_refused_with_their_name(values, message):
    with pytest.raises(EventwireError, match=message):
        make_filter(**values)


def test_filter_pairs():
    assert parse_pairs(["type=ASSAULT", "min-confidence=0.5"]) == {
        "event_type": "ASSAULT",
        "min_confidence": "0.5",
    }
    with pytest.raises(EventwireError, match="KEY=VALUE"):
        parse_pairs(["ASSAULT"])


def test_query_prints_the_resolution_and_refuses_unknown_names(db):
    runner = CliRunner()
    found = runner.invoke(app, ["query", "--db", str(db), "--actor", "Russia", "-f", "jsonl"])
    assert found.exit_code == 0, found.output
    assert "actor 'Russia' -> RUS" in found.stderr
    assert [json.loads(x)["actor_code"] for x in found.stdout.splitlines()] == ["RUSMIL"]
    for args in (["--actor", "Narnia"], ["--type", "FOO"], ["--filter", "colour=red"]):
        refused = runner.invoke(app, ["query", "--db", str(db), *args])
        assert isinstance(refused.exception, EventwireError) and refused.stdout == ""


def test_a_refused_filter_is_one_line_and_exit_2(db):
    refused = run("query", "--db", str(db), "--actor", "Narnia")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("eventwire: error: invalid filter: actor 'Narnia'")
    assert "Traceback" not in refused.stderr


def test_query_formats_load_back_with_codes_intact(db, tmp_path):
    runner = CliRunner()
    args = ["query", "--db", str(db), "--type", "057"]
    piped = runner.invoke(app, args)  # not a terminal: TSV
    assert piped.exit_code == 0, piped.output
    frame = pd.read_csv(io.StringIO(piped.stdout), sep="\t", dtype={"cameo": str})
    assert list(frame["cameo"]) == ["057"] and list(frame["event_type"]) == ["AGREE"]
    assert '"057"' in piped.stdout  # quoted: a code, not a number
    csv = runner.invoke(app, [*args, "-f", "csv"]).stdout
    assert pd.read_csv(io.StringIO(csv), dtype={"cameo": str})["cameo"].tolist() == ["057"]
    out = tmp_path / "q.parquet"
    assert runner.invoke(app, [*args, "-f", "parquet", "-o", str(out)]).exit_code == 0
    assert pd.read_parquet(out)["cameo"].tolist() == ["057"]
    table = runner.invoke(app, [*args, "-f", "table", "-o", str(tmp_path / "t.txt")])
    assert table.exit_code != 0


def test_export_takes_the_same_filters_and_writes_stdout(db, tmp_path):
    runner = CliRunner()
    gdelt = runner.invoke(app, ["export", "--db", str(db), "-f", "gdelt", "--actor", "France"])
    assert gdelt.exit_code == 0, gdelt.output
    frame = pd.read_csv(io.StringIO(gdelt.stdout), sep="\t", dtype={"EventCode": str})
    assert frame["Actor1CountryCode"].tolist() == ["FRA"] and frame["EventCode"].tolist() == ["040"]
    assert "actor 'France' -> FRA" in gdelt.stderr
    prefix = tmp_path / "g"
    args = ["export", "--db", str(db), "-f", "gdelt", "-o", str(prefix), "--type", "ASSAULT"]
    assert runner.invoke(app, args).exit_code == 0
    mentions = pd.read_csv(f"{prefix}.mentions.tsv", sep="\t")
    events = pd.read_csv(f"{prefix}.export.tsv", sep="\t")
    assert len(events) == 1 and set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    icews = runner.invoke(
        app, ["export", "--db", str(db), "-f", "icews", "--filter", "q=against deu"]
    )
    assert pd.read_csv(io.StringIO(icews.stdout), sep="\t")["Event ID"].size == 1
    refused = runner.invoke(app, ["export", "--db", str(db), "-f", "icews", "--type", "FOO"])
    assert "neither a PLOVER type" in str(refused.exception)


def test_the_api_validates_like_the_command_line(db):
    with TestClient(create_app(db)) as client:
        named = client.get("/api/events", params={"actor": "Russian military"}).json()
        assert [e["actor_code"] for e in named["items"]] == ["RUSMIL"]
        by_cameo = client.get("/api/events", params={"event_type": "057"}).json()
        assert [e["cameo"] for e in by_cameo["items"]] == ["057"]
        refused = client.get("/api/events", params={"actor": "Narnia"})
        assert refused.status_code == 422 and "Narnia" in refused.json()["detail"]


def test_version_and_completion(tmp_path):
    assert CliRunner().invoke(app, ["--version"]).stdout.strip() == f"eventwire {__version__}"
    installed = run("--install-completion", env={"HOME": str(tmp_path), "SHELL": "/bin/bash"})
    assert installed.returncode == 0, installed.stderr
    assert "eventwire" in (tmp_path / ".bashrc").read_text()
    words = {
        "_EVENTWIRE_COMPLETE": "complete_bash",
        "COMP_WORDS": "eventwire qu",
        "COMP_CWORD": "1",
    }
    assert "query" in run(env=words).stdout


def configured(args: list[str], folder: Path, monkeypatch) -> Result:
    """A command run the way `main` runs it: with the config file of `folder` as defaults."""
    monkeypatch.chdir(folder)
    load_config.cache_clear()
    command = typer.main.get_command(app)
    try:
        return ClickRunner().invoke(command, args, default_map=default_map(command))
    finally:
        load_config.cache_clear()


def test_database_from_environment_and_config_file(db, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", str(db))
    assert configured(["query", "-f", "jsonl"], tmp_path, monkeypatch).stdout.count("\n") == 3
    monkeypatch.delenv("EVENTWIRE_DB")
    (tmp_path / "eventwire.toml").write_text(
        f'db = "{db}"\n[query]\nformat = "jsonl"\nlimit = 1\n', encoding="utf-8"
    )
    result = configured(["query"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1  # format and limit from the file
    shown = configured(["config"], tmp_path, monkeypatch).stdout
    assert json.loads(shown)["file"].endswith("eventwire.toml")
    (tmp_path / "eventwire.toml").write_text("[query]\nfromat = 1\n", encoding="utf-8")
    with pytest.raises(EventwireError, match="unknown option\\(s\\) fromat"):
        configured(["query"], tmp_path, monkeypatch)
    (tmp_path / "eventwire.toml").write_text("db = [", encoding="utf-8")
    with pytest.raises(EventwireError, match="not valid TOML"):
        configured(["query"], tmp_path, monkeypatch)


def test_code_and_ingest_read_a_csv_alike(tmp_path):
    table = tmp_path / "wire.csv"
    table.write_text(
        "ref,published,body\n"
        'w1,2024-03-05,"Russian forces shelled Kharkiv on Monday, officials said."\n'
        'w2,2024-04-10,"France and Germany signed a defence agreement in Paris on Tuesday."\n',
        encoding="utf-8",
    )
    columns = ["--text-column", "body", "--date-column", "published", "--id-column", "ref"]
    runner = CliRunner()
    coded = runner.invoke(app, ["code", str(table), *columns])
    assert coded.exit_code == 0, coded.output
    printed = {(e["doc_id"], e["event_type"]) for e in map(json.loads, coded.stdout.splitlines())}
    db = tmp_path / "w.duckdb"
    stored = runner.invoke(app, ["ingest", str(table), "--db", str(db), *columns])
    assert stored.exit_code == 0, stored.output
    mentions = runner.invoke(app, ["query", "--db", str(db), "--level", "mentions", "-f", "jsonl"])
    rows = [json.loads(line) for line in mentions.stdout.splitlines()]
    assert {(r["doc_id"], r["event_type"]) for r in rows} == printed
    assert ("w1", "ASSAULT") in printed and {r["pub_date"][:10] for r in rows} >= {"2024-03-05"}
    missing = runner.invoke(app, ["code", str(table), "--text-column", "body", "--id-column", "x"])
    assert "no 'x' column (columns: ref, published, body)" in missing.stderr


def test_free_text_is_bound_and_literal(db):
    from eventwire.corpus.query import query

    assert len(query(db, q="against DEU")) == 1
    for value in ("' OR 1=1 --", "%", "_"):  # SQL and LIKE's wildcards are plain characters
        assert len(query(db, q=value)) == 0
    assert len(query(db, level="mentions", q="against deu")) == 1
