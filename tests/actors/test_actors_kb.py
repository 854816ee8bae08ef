"""Internal consistency of the shipped actor tables and the overlay mechanism."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import Resolver
from eventwire.actors.kb import build, load_kb, read_rows, shipped_dir
from eventwire.errors import InputError

SINGLE_HOLDER = {"head_of_government", "foreign_minister", "defence_minister", "secretary_general"}
NAMED = ("orgs", "groups", "parties", "agencies", "media", "companies")
# CAMEO's agent codes and PLOVER's additions (PRM, UAF, PRE, SOC, ELI); IGO for the heads of
# international bodies, ISM for Islamist militant groups.
SECTORS = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "PTY", "REB", "PRM", "UAF", "PRE", "CVL",
    "SOC", "BUS", "MED", "EDU", "HLH", "REF", "LAB", "AGR", "CRM", "ENV", "HRI", "ELI", "REL",
    "DEV", "IGO", "ISM",
}  # fmt: skip


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def known_codes(kb) -> set[str]:
    codes = set(kb.countries)
    codes |= {row["country"] for row in kb.rows["orgs"] + kb.rows["groups"]}
    return codes | {"IGO", "NGO", "IMG", "MNC", "ISM"}


def test_whole_kb_builds_from_the_shipped_tables():
    """Every shipped table loads (load time is measured by `eventwire bench`, not here)."""
    stats = build((shipped_dir(),)).stats()
    assert stats["countries"] >= 195 and stats["people"] >= 1500
    assert all(stats[t] > 0 for t in ("capitals", "metonyms", "sectors", "titles", "orgs"))


def test_every_table_has_rows_with_as_of_and_source(kb):
    for table in ("countries", "capitals", "metonyms", "sectors", "titles", *NAMED):
        rows = kb.rows[table]
        assert rows, table
        assert all(r["as_of"] and r["source"] for r in rows), table


def test_all_un_members_and_cameo_extras_present(kb):
    assert len(kb.countries) >= 193 + 4
    for code in ("KSV", "TWN", "PSE", "HKG", "USA", "GBR", "PRK", "COD"):
        assert code in kb.countries


def test_codes_referenced_by_tables_exist(kb):
    codes = known_codes(kb)
    for table in ("capitals", "metonyms", *NAMED):
        assert {r["country"] for r in kb.rows[table]} <= codes, table


def test_sector_codes_are_known(kb):
    for table in ("metonyms", "sectors", "titles", *NAMED):
        used = {r["sector"] for r in kb.rows[table] if r.get("sector")}
        assert used <= SECTORS, (table, used - SECTORS)


def test_named_rows_have_unique_codes_and_ordered_dates(kb):
    for table in NAMED:
        keys = [(r["code"], r.get("start", "")) for r in kb.rows[table]]
        assert len(keys) == len(set(keys)), table
        for r in kb.rows[table]:
            assert not (r.get("start") and r.get("end")) or r["start"] <= r["end"], r["code"]


def test_a_name_is_never_shared_by_two_rows_of_one_country_at_once(kb):
    """Rows of one country sharing a name would make the choice between them arbitrary,
    unless their periods follow each other (the Taliban as rebels, then as government)."""
    owners = defaultdict(list)
    for table in NAMED:
        for r in kb.rows[table]:
            phrases = {p.lower() for p in [r["name"], *r.get("aliases", "").split("|")] if p}
            for phrase in phrases:
                span = (r.get("start") or "0000", r.get("end") or "9999")
                owners[(phrase, r["country"])].append(span)
    for key, spans in owners.items():
        spans.sort()
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False)), key


def test_people_codes_and_dates_consistent(kb):
    codes = known_codes(kb)
    for name, tenures in kb.tenures.items():
        for t in tenures:
            assert t.country in codes, name
            assert t.start is None or t.end is None or t.start <= t.end, name


def test_single_holder_offices_do_not_overlap(kb):
    by_office = defaultdict(list)
    for tenures in kb.tenures.values():
        for t in tenures:
            if t.office in SINGLE_HOLDER and t.start:
                by_office[(t.office, t.office_country)].append(t)
    for key, tenures in by_office.items():
        tenures.sort(key=lambda t: t.start)
        for a, b in zip(tenures, tenures[1:], strict=False):
            # handovers share a day; anything longer is two holders at once
            assert a.end is not None and a.end <= b.start, (key, a.name, b.name)


def test_overlay_overrides_and_adds(tmp_path: Path):
    (tmp_path / "metonyms.tsv").write_text(
        "phrase\tcountry\tsector\tstart\tend\tas_of\tsource\n"
        "Kremlin\tRUS\tMIL\t\t\t2025-01-01\ttest override\n"
        "Testopolis Palace\tFRA\tGOV\t\t\t2025-01-01\ttest addition\n",
        encoding="utf-8",
    )
    resolver = Resolver(build((shipped_dir(), tmp_path)))
    assert resolver.resolve("the Kremlin").code == "RUSMIL"
    assert resolver.resolve("Testopolis Palace").code == "FRAGOV"


def test_overlay_with_bad_date_names_file_and_line(tmp_path: Path):
    path = tmp_path / "capitals.tsv"
    path.write_text(
        "name\tcountry\tkind\tstart\tend\tas_of\tsource\nOldtown\tFRA\tcapital\t1999-13-01\t\t"
        "2025-01-01\tx\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"capitals.tsv:2 column start"):
        list(read_rows(path))


def test_overlay_dirs_from_environment(tmp_path: Path, monkeypatch):
    (tmp_path / "groups.tsv").write_text(
        "code\tname\taliases\tcountry\tsector\tstart\tend\twikidata\tas_of\tsource\n"
        "ZZF\tZebra Front\t\tKEN\tREB\t\t\t\t2025-01-01\ttest\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EVENTWIRE_KB_PATH", str(tmp_path))
    assert Resolver(load_kb()).resolve("Zebra Front", date(2024, 1, 1)).code == "KENREB"
