"""Internal consistency of the dated people tables (every ``data/kb/people*.tsv``).

The tables are read with the csv module only, so these checks hold whatever the resolver does
with them: a bad date or an overlapping tenure would silently give an actor the wrong sector.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

KB_DIR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "kb"
HEADER = [
    "name",
    "aliases",
    "country",
    "sector",
    "office",
    "office_country",
    "start",
    "end",
    "wikidata",
    "as_of",
    "source",
]
IGO_CODES = {"UNO", "NATO", "EUR", "AU", "IAEA", "WHO", "IMF", "WBK", "ICC", "WTO", "OPEC", "ASEAN"}
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "opposition_leader",
    "secretary_general",
    "director_general",
    "president_of_commission",
    "president_of_council",
    "high_representative",
    "managing_director",
    "president",
    "prosecutor",
    "chair",
    "interior_minister",
    "finance_minister",
    "military_chief",
    "intelligence_chief",
    "speaker",
    "foreign_affairs_committee_chair",
    "regional_leader",
}
# Offices that several people hold at once: San Marino's two Captains Regent, the three members
# of Bosnia and Herzegovina's Presidency; every intelligence service has its own chief.
COLLEGIAL = {("head_of_state", "SMR"), ("head_of_state", "BIH")}
PER_SERVICE = {"intelligence_chief"}
FAR_FUTURE = dt.date.max

PEOPLE_FILES = sorted(KB_DIR.glob("people*.tsv"))


@cache
def read_rows(path: Path) -> tuple[dict[str, str], ...]:
    """Parse one table strictly; cached because every test walks the same rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == HEADER, f"{path.name}: header {header}"
        rows = []
        for lineno, cells in enumerate(reader, start=2):
            assert len(cells) == len(HEADER), f"{path.name}:{lineno}: {len(cells)} cells"
            row = dict(zip(HEADER, cells, strict=True))
            row["_where"] = f"{path.name}:{lineno}"
            rows.append(row)
    return tuple(rows)


@cache
def all_rows() -> list[dict[str, str]]:
    """Rows of every file, later files overriding earlier ones on the README key; a row that
    holds several offices ("head_of_state|head_of_government") counts once per office."""
    by_key: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for path in PEOPLE_FILES:
        for row in read_rows(path):
            key = (row["name"], row["office"], row["office_country"], row["start"])
            by_key[key] = row
    return [
        {**row, "office": office, "_offices": row["office"]}
        for row in by_key.values()
        for office in row["office"].split("|")
    ]


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(row: dict[str, str]) -> tuple[dt.date, dt.date]:
    start = parse_date(row["start"]) if row["start"] else dt.date.min
    end = parse_date(row["end"]) if row["end"] else FAR_FUTURE
    return start, end


def valid_code(code: str) -> bool:
    return code in IGO_CODES or re.fullmatch(r"[A-Z]{3}", code) is not None


def holders(name: str, office: str, office_country: str) -> list[dict[str, str]]:
    return [
        r
        for r in all_rows()
        if r["name"] == name and r["office"] == office and r["office_country"] == office_country
    ]


def test_people_tables_exist() -> None:
    assert any(p.name == "people_g20.tsv" for p in PEOPLE_FILES)


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
def test_rows_are_well_formed(path: Path) -> None:
    rows = read_rows(path)
    assert rows, f"{path.name} is empty"
    for row in rows:
        where = row["_where"]
        assert row["name"].strip() == row["name"] and row["name"], where
        assert valid_code(row["country"]), f"{where}: country {row['country']!r}"
        assert valid_code(row["office_country"]), f"{where}: office_country"
        offices = row["office"].split("|")
        assert set(offices) <= OFFICES, f"{where}: office {row['office']!r}"
        assert re.fullmatch(r"[A-Z]{3}", row["sector"]), f"{where}: sector {row['sector']!r}"
        assert row["as_of"] and row["source"], f"{where}: as_of/source missing"
        parse_date(row["as_of"])
        if row["wikidata"]:
            assert re.fullmatch(r"Q[1-9]\d*", row["wikidata"]), f"{where}: wikidata"
        assert all(a.strip() for a in row["aliases"].split("|")) or not row["aliases"], where


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
def test_dates_valid_and_ordered(path: Path) -> None:
    for row in read_rows(path):
        where = row["_where"]
        for col in ("start", "end"):
            if row[col]:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[col]), f"{where}: {col}"
                parse_date(row[col])
        start, end = span(row)
        assert end >= start, f"{where}: end before start"
        if row["end"]:
            assert parse_date(row["end"]) <= parse_date(row["as_of"]), f"{where}: end > as_of"


def test_sector_follows_office() -> None:
    for row in all_rows():
        if row["office_country"] in IGO_CODES:
            assert row["sector"] == "IGO", row["_where"]
        elif row["office"] == "opposition_leader":
            assert row["sector"] == "OPP", row["_where"]


def test_government_offices_belong_to_own_country() -> None:
    """A national office held by a foreigner is almost always a typo in one of the codes; the
    exception is a monarch who reigns over several realms and is head of state at home too."""
    monarchs = {
        r["name"]
        for r in all_rows()
        if r["office"] == "head_of_state" and r["office_country"] == r["country"]
    }
    for row in all_rows():
        if row["office_country"] in IGO_CODES:
            assert row["country"] not in IGO_CODES, row["_where"]
        elif row["office"] == "head_of_state" and row["name"] in monarchs:
            continue
        else:
            assert row["country"] == row["office_country"], row["_where"]


def test_no_overlapping_tenures_in_single_holder_office() -> None:
    offices: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in all_rows():
        offices[(row["office"], row["office_country"])].append(row)
    problems = []
    for key, rows in offices.items():
        if key in COLLEGIAL or key[0] in PER_SERVICE:
            continue
        ordered = sorted(rows, key=span)
        for before, after in zip(ordered, ordered[1:], strict=False):
            # an executive president heads government beside a prime minister (Kenya
            # 2008-2013, Tanzania): only two holders of the same single office collide
            both = "|" in before["_offices"] or "|" in after["_offices"]
            if span(after)[0] < span(before)[1] and not both:
                problems.append(f"{key}: {before['_where']} overlaps {after['_where']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "office", "office_country", "start", "end"),
    [
        ("Antony Blinken", "foreign_minister", "USA", "2021-01-26", "2025-01-20"),
        ("Marco Rubio", "foreign_minister", "USA", "2025-01-21", ""),
        ("Keir Starmer", "opposition_leader", "GBR", "2020-04-04", "2024-07-05"),
        ("Keir Starmer", "head_of_government", "GBR", "2024-07-05", ""),
        ("Mark Rutte", "head_of_government", "NLD", "2010-10-14", "2024-07-02"),
        ("Mark Rutte", "secretary_general", "NATO", "2024-10-01", ""),
        ("Angela Merkel", "head_of_government", "DEU", "2005-11-22", "2021-12-08"),
        ("Sergey Lavrov", "foreign_minister", "RUS", "2004-03-09", ""),
        ("Narendra Modi", "head_of_government", "IND", "2014-05-26", ""),
        ("Ban Ki-moon", "secretary_general", "UNO", "2007-01-01", "2016-12-31"),
        ("David Lammy", "foreign_minister", "GBR", "2024-07-05", ""),
    ],
)
def test_well_known_tenures(
    name: str, office: str, office_country: str, start: str, end: str
) -> None:
    found = [(r["start"], r["end"]) for r in holders(name, office, office_country)]
    assert (start, end) in found or (end == "" and any(s == start for s, _ in found)), (
        f"{name} {office} {office_country}: {found}"
    )


def holder_on(office: str, office_country: str, day: str) -> list[str]:
    when = parse_date(day)
    return [
        r["name"]
        for r in all_rows()
        if r["office"] == office
        and r["office_country"] == office_country
        and span(r)[0] <= when < span(r)[1]
    ]


@pytest.mark.parametrize(
    ("office", "office_country", "day", "name"),
    [
        ("head_of_state", "USA", "2024-09-10", "Joe Biden"),
        ("head_of_state", "USA", "2025-03-01", "Donald Trump"),
        ("head_of_government", "GBR", "2023-03-01", "Rishi Sunak"),
        ("opposition_leader", "GBR", "2023-03-01", "Keir Starmer"),
        ("foreign_minister", "GBR", "2024-09-10", "David Lammy"),
        ("head_of_state", "FRA", "2010-06-01", "Nicolas Sarkozy"),
        ("head_of_state", "RUS", "2010-06-01", "Dmitry Medvedev"),
        ("head_of_government", "RUS", "2010-06-01", "Vladimir Putin"),
        ("secretary_general", "NATO", "2024-12-01", "Mark Rutte"),
        ("head_of_state", "CHN", "2020-01-01", "Xi Jinping"),
    ],
)
def test_holder_on_date(office: str, office_country: str, day: str, name: str) -> None:
    assert holder_on(office, office_country, day) == [name]


G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA"]
G20 += ["JPN", "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
COVERED_FROM = dt.date(2000, 1, 1)
MAX_GAP_DAYS = 60


def longest_gap(offices: tuple[str, ...], code: str) -> tuple[int, dt.date]:
    """Longest stretch since 2000 (up to the rows' as_of) with nobody in any of the offices."""
    rows = [r for r in all_rows() if r["office"] in offices and r["office_country"] == code]
    if not rows:
        return 10**6, COVERED_FROM
    checked_to = max(parse_date(r["as_of"]) for r in rows)
    covered_to, worst = COVERED_FROM, (0, COVERED_FROM)
    for start, end in sorted(span(r) for r in rows):
        if start > covered_to:
            worst = max(worst, ((start - covered_to).days, covered_to))
        covered_to = max(covered_to, end)
    if covered_to < checked_to:
        worst = max(worst, ((checked_to - covered_to).days, covered_to))
    return worst


@pytest.mark.parametrize("code", G20)
def test_g20_heads_and_foreign_ministers_have_no_long_gaps(code: str) -> None:
    """A gap would leave a G20 leader or foreign minister unresolved for a news cycle.

    Short gaps are real (interim holders not listed, a successor sworn in days later).
    """
    for offices in [("head_of_state", "head_of_government"), ("foreign_minister",)]:
        days, since = longest_gap(offices, code)
        assert days <= MAX_GAP_DAYS, f"{code} {offices}: {days} days uncovered from {since}"
