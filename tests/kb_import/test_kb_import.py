"""Importers of users' actor dictionaries (Phoenix/PETRARCH, Wikidata) and `eventwire kb`."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.kb_import.phoenix import (
    PhoenixSyntaxError,
    import_phoenix,
    import_phoenix_text,
    parse_code,
    parse_phoenix_date,
    split_code,
)
from eventwire.kb_import.stats import kb_stats, render_stats, stats_json
from eventwire.kb_import.tables import COLUMNS, default_output_dir, read_table, write_overlay
from eventwire.kb_import.wikidata import import_wikidata

FIXTURES = Path(__file__).parents[1] / "fixtures"
WIKIDATA = FIXTURES / "wikidata_positions.json"
PHOENIX_DIR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "phoenix"

# Invented actors in the Phoenix format: dated codes with two- and four-digit years, an
# open-ended range, a default code, and one impossible date that must be skipped and reported.
ACTORS = """\
# Test dictionary
# Generated at: Mon Mar 03 10:00:00 2014
MARIA_QUINTERO_  # invented person
+MARIA_ELENA_QUINTERO_
\t[VENELI 950101-990201]
\t[VENGOV 990202-070115]
\t[VENOPP >20070116]
\t[VENGOV 20130231-20140101]
JON_HALVORSEN_
\t[NORGOV 20100101-20121231]
\t[ELI]
NORWAY_ [NOR]
+NORGE_
NORTH_SEA_FISHERIES_BOARD_ [IGOWSTFSH]
COASTAL_LIBERATION_FRONT_(CLF)_ [VENREB]  # kkl
VENEZUELAN_COAST_GUARD_
+VENEZUELAN_COASTGUARD_
\t[VENMIL]
<!-- a one-line comment -->
LONELY_NAME_WITHOUT_CODE_
\tthis indented line has no code
"""

AGENTS = """\
!PERSON! = MAN, WOMEN
COAST_GUARD {} [~MIL]
DIPLOMAT [~GOV] # a note
TREATY_BODY {TREATY_BODIES} [IGO~]
MILITIA!PERSON! [~REB]
BROKEN_LINE [~MIL}
"""


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A tiny shipped directory so the tests do not depend on the real tables' contents."""
    directory = tmp_path / "shipped"
    directory.mkdir()
    row = {"code": "NOR", "iso3": "NOR", "name": "Norway", "aliases": "Kingdom of Norway",
           "adjectives": "Norwegian", "person_nouns": "Norwegians", "region": "Northern Europe",
           "wikidata": "Q20", "as_of": "2025-06-01", "source": "Q20"}  # fmt: skip
    write_overlay(directory, {"countries": [row]})
    return directory


@pytest.fixture
def actors(shipped: Path):
    return import_phoenix_text(ACTORS, label="test.actors.txt", shipped=shipped)


def people_of(result, name: str) -> list[dict[str, str]]:
    rows = [row for row in result.tables["people"] if row["name"] == name]
    return sorted(rows, key=lambda r: r["start"])


# ---------------------------------------------------------------- Phoenix: dates and codes


def test_two_digit_years_pivot_at_30_like_petrarch() -> None:
    assert parse_phoenix_date("950101") == date(1995, 1, 1)
    assert parse_phoenix_date("070115") == date(2007, 1, 15)
    assert parse_phoenix_date("300101") == date(2030, 1, 1)
    assert parse_phoenix_date("310101") == date(1931, 1, 1)
    assert parse_phoenix_date("20090120") == date(2009, 1, 20)


@pytest.mark.parametrize("bad", ["2004017", "201005011", "20130231", "9913", "abcdef"])
def test_malformed_dates_are_rejected(bad: str) -> None:
    with pytest.raises(PhoenixSyntaxError) as info:
        parse_phoenix_date(bad)
    assert info.value.reason == "malformed date"


def test_code_restrictions() -> None:
    assert parse_code("USAGOV >20090120").start == date(2009, 1, 20)
    assert parse_code("USAGOV >20090120").open_ended == ">20090120"
    assert parse_code("HOB < 950601").end == date(1995, 6, 1)
    assert split_code("USAGOV") == ("USA", "GOV")
    assert split_code("IGOUNOKID") == ("UNO", "KID")  # PLOVER's own code for the UN
    assert split_code("IGOWSTNAT") == ("IGO", "WSTNAT")
    spaced = parse_code("HOBGOV 19950601 - 19990815")
    assert (spaced.start, spaced.end, spaced.open_ended) == (
        date(1995, 6, 1),
        date(1999, 8, 15),
        "",
    )
    assert not parse_code("pse").dated and parse_code("pse").code == "PSE"
    bad_codes = [
        ("---", "null code"),
        ("ELR/GAL", "compound"),
        ("USAGOV 20121207-20120802", "end date before start"),
        ("MNEGOV 20121204", "malformed date restriction"),
    ]
    for bad, reason in bad_codes:
        with pytest.raises(PhoenixSyntaxError, match=reason):
            parse_code(bad)


# ---------------------------------------------------------------- Phoenix: actors


def test_dated_codes_become_tenures(actors) -> None:
    rows = people_of(actors, "Maria Quintero")
    spans = [(r["country"], r["sector"], r["start"], r["end"]) for r in rows]
    assert spans == [
        ("VEN", "ELI", "1995-01-01", "1999-02-01"),
        ("VEN", "GOV", "1999-02-02", "2007-01-15"),
        ("VEN", "OPP", "2007-01-16", ""),
    ]
    assert "open-ended >20070116" in rows[-1]["source"]
    assert "open-ended" not in rows[0]["source"]
    assert "Maria Elena Quintero" in rows[0]["aliases"].split("|")
    assert all(r["office"] == "phoenix" and r["office_country"] == "VEN" for r in rows)


def test_malformed_date_is_skipped_with_its_line(actors) -> None:
    [item] = [s for s in actors.report.skipped if s.reason == "malformed date"]
    assert (item.file, item.line) == ("test.actors.txt", 8)
    assert "20130231" in item.text
    assert "malformed date" in actors.report.render()


def test_default_code_fills_the_gaps_between_tenures(actors) -> None:
    rows = people_of(actors, "Jon Halvorsen")
    spans = [(r["country"], r["sector"], r["start"], r["end"]) for r in rows]
    assert spans == [
        ("NOR", "ELI", "", "2010-01-01"),
        ("NOR", "GOV", "2010-01-01", "2012-12-31"),
        ("NOR", "ELI", "2012-12-31", ""),
    ]


def test_country_entry_extends_the_shipped_row(actors) -> None:
    [row] = actors.tables["countries"]
    assert row["code"] == "NOR" and row["name"] == "Norway"
    assert row["wikidata"] == "Q20" and row["adjectives"] == "Norwegian"
    assert {"Kingdom of Norway", "Norge"} <= set(row["aliases"].split("|"))
    assert row["as_of"] == "2014-03-03"  # the date the dictionary states


def test_orgs_groups_and_institutions(actors) -> None:
    [org] = actors.tables["orgs"]
    assert (org["name"], org["country"], org["sector"]) == ("North Sea Fisheries Board", "IGO",
                                                            "WSTFSH")  # fmt: skip
    [group] = actors.tables["groups"]
    assert group["name"] == "Coastal Liberation Front" and group["country"] == "VEN"
    assert "CLF" in group["aliases"].split("|")
    metonyms = {row["phrase"]: (row["country"], row["sector"]) for row in actors.tables["metonyms"]}
    assert metonyms == {
        "venezuelan coast guard": ("VEN", "MIL"),
        "venezuelan coastguard": ("VEN", "MIL"),
    }


def test_bad_lines_are_reported_not_fatal(actors) -> None:
    reasons = actors.report.skipped_by_reason()
    assert reasons["unknown syntax (indented line without a code)"] == 1
    assert reasons["no valid code"] == 1
    assert actors.report.read["actor entries"] == 7


def test_agents_become_sector_phrases(shipped: Path) -> None:
    result = import_phoenix_text(AGENTS, kind="agents", label="test.agents.txt", shipped=shipped)
    sectors = {row["phrase"]: row["sector"] for row in result.tables["sectors"]}
    assert sectors == {
        "coast guard": "MIL",
        "diplomat": "GOV",
        "diplomats": "GOV",
        "treaty body": "IGO",
        "treaty bodies": "IGO",
        "militiaman": "REB",
        "militiawomen": "REB",
    }
    [bad] = result.report.skipped
    assert bad.line == 6 and bad.reason == "unbalanced brackets"


def test_unknown_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such Phoenix dictionary"):
        import_phoenix([tmp_path / "missing.actors.txt"])


def test_real_phoenix_dictionaries() -> None:
    if not PHOENIX_DIR.is_dir():
        pytest.skip("the Phoenix reference dictionaries are not available here")
    result = import_phoenix([PHOENIX_DIR])
    rows = result.report.rows
    assert rows["people"] > 20_000 and rows["sectors"] > 3_000 and rows["countries"] > 100
    assert rows["orgs"] > 1_000 and rows["groups"] > 500
    # verbs and discards files in the directory are not read as actors
    assert not any("verbs" in name or "CAMEO" in name for name in result.report.files)
    reasons = result.report.skipped_by_reason()
    assert reasons["malformed date"] >= 1 and reasons["null code (PETRARCH leaves it uncoded)"] >= 1
    assert all(item.line > 0 for item in result.report.skipped)
    obama = [
        r for r in result.tables["people"] if r["name"] == "Barack Obama" and r["sector"] == "GOV"
    ]
    assert [(r["country"], r["start"], r["end"]) for r in obama] == [("USA", "2009-01-20", "")]
    assert "open-ended" in obama[0]["source"]
    dated = {row["as_of"] for row in result.tables["people"]}
    assert dated <= {"2014-01-30", "2014-09-24", "2015-01-01"}


# ---------------------------------------------------------------- Wikidata


def test_wikidata_fixture_import() -> None:
    result = import_wikidata(WIKIDATA, as_of="2025-06-01")
    people = result.tables["people"]
    assert len(people) == 8
    biden = next(r for r in people if r["wikidata"] == "Q6279")
    assert (biden["country"], biden["sector"], biden["office"]) == ("USA", "GOV", "head_of_state")
    assert (biden["start"], biden["end"], biden["as_of"]) == (
        "2021-01-20",
        "2025-01-20",
        "2025-06-01",
    )
    johnson = next(r for r in people if r["wikidata"] == "Q180589")
    assert johnson["office"] == "head_of_government"  # from the label: the record has no office
    putin = next(r for r in people if r["wikidata"] == "Q7747")
    assert putin["end"] == "" and putin["office"] == "head_of_state"
    reasons = result.report.skipped_by_reason()
    assert reasons == {"position not mapped to an office": 1, "no start date": 1,
                       "malformed date": 1}  # fmt: skip
    assert result.report.read["duplicate tenures merged"] == 1


def test_wikidata_csv_export_gives_the_same_rows(tmp_path: Path) -> None:
    bindings = json.loads(WIKIDATA.read_text())["results"]["bindings"]
    columns = json.loads(WIKIDATA.read_text())["head"]["vars"]
    path = tmp_path / "positions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for binding in bindings:
            writer.writerow({k: binding.get(k, {}).get("value", "") for k in columns})
    from_csv = import_wikidata(path, as_of="2025-06-01")
    from_json = import_wikidata(WIKIDATA, as_of="2025-06-01")
    assert from_csv.tables == from_json.tables
    assert len(from_csv.report.skipped) == 3


def test_wikidata_bad_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"not": "sparql"}')
    with pytest.raises(InputError, match="SPARQL JSON"):
        import_wikidata(path)


def test_shipped_query_asks_for_what_the_importer_reads() -> None:
    query = Path(__file__).resolve().parents[2] / "src/eventwire/data/wikidata/positions_held.rq"
    text = query.read_text()
    for variable in ("?person", "?personLabel", "?position", "?office", "?iso3", "?start", "?end"):
        assert variable in text
    for office in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
        assert f'"{office}"' in text


# ---------------------------------------------------------------- overlays and stats


def test_overlay_writes_readme_columns_and_merges_imports(tmp_path: Path, actors) -> None:
    out = tmp_path / "overlay"
    write_overlay(out, import_wikidata(WIKIDATA, as_of="2025-06-01").tables)
    write_overlay(out, actors.tables)
    header = (out / "people.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == COLUMNS["people"]
    names = {row["name"] for row in read_table(out / "people.tsv")}
    assert {"Joe Biden", "Maria Quintero"} <= names  # the second import kept the first's rows
    write_overlay(out, actors.tables, replace=True)
    assert "Joe Biden" not in {row["name"] for row in read_table(out / "people.tsv")}


def test_stats_counts_and_oldest_as_of(tmp_path: Path, shipped: Path, actors) -> None:
    out = tmp_path / "overlay"
    write_overlay(out, actors.tables)
    sources = kb_stats(overlays=[out], shipped=shipped)
    figures = stats_json(sources)
    assert figures["effective"]["countries"]["rows"] == 1  # the overlay row replaces NOR
    assert figures["effective"]["countries"]["oldest_as_of"] == "2014-03-03"
    assert figures["effective"]["people"]["rows"] == 6
    assert figures["oldest_as_of"] == "2014-03-03"
    text = render_stats(sources)
    assert "oldest as_of overall: 2014-03-03" in text


def test_default_output_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = default_output_dir()
    assert path.name == "kb" and "eventwire" in str(path)


CLI = "from eventwire.cli import kb_cmd, main; main()"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_cli_import_then_stats(tmp_path: Path) -> None:
    out = tmp_path / "kb"
    done = run_cli("kb", "import", "wikidata", str(WIKIDATA), "--out", str(out),
                   "--as-of", "2025-06-01")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "people" in done.stdout and "skipped: 3" in done.stdout
    assert "no start date" in done.stdout
    assert len(read_table(out / "people.tsv")) == 8
    stats = run_cli("kb", "stats", env={"EVENTWIRE_KB_PATH": str(out)})
    assert stats.returncode == 0, stats.stderr
    assert f"overlay: {out}" in stats.stdout
    assert "oldest as_of overall:" in stats.stdout
    data = json.loads(run_cli("kb", "stats", "--json", "--overlay", str(out)).stdout)
    assert data["sources"][-1]["tables"]["people"] == {"rows": 8, "oldest_as_of": "2025-06-01"}


def test_cli_phoenix_import_reports_skips(tmp_path: Path) -> None:
    source = tmp_path / "mine.actors.txt"
    source.write_text(ACTORS, encoding="utf-8")
    done = run_cli("kb", "import", "phoenix", str(source), "--out", str(tmp_path / "kb"))
    assert done.returncode == 0, done.stderr
    assert "mine.actors.txt:8: malformed date" in done.stdout
    missing = run_cli("kb", "import", "phoenix", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("eventwire: error:") and "Traceback" not in missing.stderr


# ---------------------------------------------------------------- the overlay reaches the resolver


def test_imported_overlay_changes_a_resolution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors_api = pytest.importorskip("eventwire.actors")
    if not hasattr(actors_api, "get_resolver") or not hasattr(actors_api, "Resolver"):
        pytest.skip("eventwire.actors does not expose get_resolver/Resolver yet")
    snippet = "NORDLAND_COAST_WATCH_\n\t[NORMIL]\nHALVARD_SKOGLUND_\n\t[NORGOV 20200101-20301231]\n"
    day = date(2024, 9, 10)
    before = actors_api.Resolver().resolve("Halvard Skoglund", date=day)
    assert before is None or before.country != "NOR"
    out = tmp_path / "overlay"
    write_overlay(out, import_phoenix_text(snippet).tables)
    monkeypatch.setenv("EVENTWIRE_KB_PATH", str(out))
    after = actors_api.Resolver().resolve("Halvard Skoglund", date=day)
    assert (after.country, after.sector) == ("NOR", "GOV")
    watch = actors_api.Resolver().resolve("the Nordland Coast Watch", date=day)
    assert (watch.country, watch.sector) == ("NOR", "MIL")


def test_real_phoenix_overlay_changes_resolutions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not PHOENIX_DIR.is_dir():
        pytest.skip("the Phoenix reference dictionaries are not available here")
    actors_api = pytest.importorskip("eventwire.actors")
    if not hasattr(actors_api, "Resolver"):
        pytest.skip("eventwire.actors does not expose Resolver yet")
    day = date(2012, 5, 1)
    out = tmp_path / "phoenix"
    write_overlay(out, import_phoenix([PHOENIX_DIR]).tables)
    monkeypatch.setenv("EVENTWIRE_KB_PATH", str(out))
    resolver = actors_api.Resolver()
    army = resolver.resolve("Afghan National Army", date=day)
    assert (army.country, army.sector) == ("AFG", "MIL")  # an institution the file codes AFGMIL
    assert resolver.resolve("Kandahar", date=day).country == "AFG"  # a synonym of [AFG]
