"""Counts and ages of the knowledge base: shipped tables plus the user's overlays.

Analysts need to know how stale their actor data is before trusting a coded series, so the
oldest `as_of` is reported per table and overall, and every table file's own `as_of` (the date
its still-open facts were last checked: an article dated after it gets `kb_stale` warnings).
The coverage of office holders is counted too: how many states have a head of state and of
government on a date. The TSV files are read directly, so this works whatever state the
resolver is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from eventwire.actors.kb import split_list, table_as_of
from eventwire.kb_import.tables import (
    COLUMNS,
    Row,
    overlay_dirs,
    read_table,
    row_key,
    shipped_dir,
)

STATES_FILE = "states.tsv"  # UN members and observers, Taiwan, Kosovo: whose heads we count
HEAD_OFFICES = ("head_of_state", "head_of_government")


@dataclass
class TableStats:
    """One table in one source directory."""

    rows: int = 0
    oldest_as_of: str = ""
    keys: set[tuple[str, ...]] = field(default_factory=set, repr=False)
    files_as_of: dict[str, str] = field(default_factory=dict)  # file name -> its as_of
    effective: dict[tuple[str, ...], Row] = field(default_factory=dict, repr=False)


@dataclass
class SourceStats:
    """One directory of tables: the shipped one or an overlay."""

    label: str
    path: Path
    tables: dict[str, TableStats]


def _oldest(dates: list[str]) -> str:
    valid = sorted(d for d in dates if d)
    return valid[0] if valid else ""


def table_files(path: Path, table: str) -> list[Path]:
    """`people.tsv` and split parts such as `people_g20.tsv` of one table in a directory."""
    if not path.is_dir():
        return []
    return sorted(p for p in path.glob(f"{table}*.tsv")
                  if p.stem == table or p.stem.startswith(table + "_"))  # fmt: skip


def source_stats(label: str, path: Path) -> SourceStats:
    """Row counts and the oldest as_of of every known table found in a directory."""
    tables: dict[str, TableStats] = {}
    for table in COLUMNS:
        by_file = {file.name: read_table(file) for file in table_files(path, table)}
        rows = [row for file_rows in by_file.values() for row in file_rows]
        if rows:
            tables[table] = TableStats(
                rows=len(rows),
                oldest_as_of=_oldest([row.get("as_of", "") for row in rows]),
                keys={row_key(table, row) for row in rows},
                files_as_of={name: _as_of_text(file_rows) for name, file_rows in by_file.items()},
                effective={row_key(table, row): row for row in rows},
            )
    return SourceStats(label, path, tables)


def _as_of_text(rows: list[Row]) -> str:
    try:
        day = table_as_of(rows)
    except ValueError:
        return ""  # a malformed date: the resolver reports it with its line when it loads
    return day.isoformat() if day else ""


@dataclass
class HeadsCoverage:
    """Which states have a head of state and a head of government on a day."""

    day: Date
    states: list[str]
    missing: dict[str, list[str]]  # office -> states without a holder that day

    def count(self, office: str) -> int:
        return len(self.states) - len(self.missing[office])


def _valid_on(row: Row, day: Date) -> bool:
    start, end = row.get("start", ""), row.get("end", "")
    return (not start or start <= day.isoformat()) and (not end or day.isoformat() <= end)


def heads_coverage(people: list[Row], states: list[str], day: Date) -> HeadsCoverage:
    """Count the states with a holder of each head office valid on `day`; an open-ended row
    (no `end`) counts, since it says the holder was in office when the row was checked."""
    held = {office: set() for office in HEAD_OFFICES}
    for row in people:
        if _valid_on(row, day):
            for office in split_list(row.get("office", "")):
                if office in held:
                    held[office].add(row.get("office_country") or row.get("country", ""))
    missing = {office: [s for s in states if s not in held[office]] for office in HEAD_OFFICES}
    return HeadsCoverage(day, states, missing)


def states_counted(shipped: Path | None = None) -> list[str]:
    """The codes of the states whose heads are counted, from the shipped `states.tsv`."""
    path = (shipped if shipped is not None else shipped_dir()) / STATES_FILE
    return [row["code"] for row in read_table(path)]


def effective_rows(sources: list[SourceStats], table: str) -> list[Row]:
    """A table's rows after overlays replaced shipped rows with the same key."""
    merged: dict[tuple[str, ...], Row] = {}
    for source in sources:
        if table in source.tables:
            merged.update(source.tables[table].effective)
    return list(merged.values())


def kb_stats(overlays: list[Path] | None = None, shipped: Path | None = None) -> list[SourceStats]:
    """Statistics for the shipped tables, then each overlay (default: EVENTWIRE_KB_PATH)."""
    sources = [source_stats("shipped", shipped if shipped is not None else shipped_dir())]
    for path in overlay_dirs() if overlays is None else overlays:
        sources.append(source_stats("overlay", path))
    return sources


def render_stats(sources: list[SourceStats], heads: HeadsCoverage | None = None) -> str:
    """A plain-text table: rows per source and file with each file's as_of, effective rows
    after overrides, oldest as_of, and the coverage of heads of state and government."""
    lines = []
    for source in sources:
        lines.append(f"{source.label}: {source.path}")
        if not source.tables:
            lines.append("  (no tables)")
        for table, stats in source.tables.items():
            lines.append(f"  {table:<10} {stats.rows:>7} rows  oldest as_of {stats.oldest_as_of}")
            for name, as_of in stats.files_as_of.items():
                lines.append(f"    {name:<26} as_of {as_of or '(none)'}")
    lines.append("effective (overlay rows replace shipped rows with the same key):")
    overall: list[str] = []
    for table in COLUMNS:
        present = [s.tables[table] for s in sources if table in s.tables]
        if not present:
            continue
        keys = set().union(*(stats.keys for stats in present))
        oldest = _oldest([stats.oldest_as_of for stats in present])
        overall.append(oldest)
        lines.append(f"  {table:<10} {len(keys):>7} rows  oldest as_of {oldest}")
    lines.append(f"oldest as_of overall: {_oldest(overall) or '(none)'}")
    if heads is not None:
        lines.extend(_render_heads(heads))
    return "\n".join(lines)


def _render_heads(heads: HeadsCoverage) -> list[str]:
    total = len(heads.states)
    lines = [f"heads on {heads.day} ({total} states: UN members and observers, Taiwan, Kosovo):"]
    for office in HEAD_OFFICES:
        missing = heads.missing[office]
        lines.append(f"  {office:<19} {heads.count(office):>4} of {total}"
                     + (f"  missing: {' '.join(missing)}" if missing else ""))  # fmt: skip
    return lines


def stats_json(sources: list[SourceStats], heads: HeadsCoverage | None = None) -> dict:
    """The same figures as a JSON-ready dict, for scripts."""
    effective = {}
    for table in COLUMNS:
        present = [s.tables[table] for s in sources if table in s.tables]
        if present:
            effective[table] = {
                "rows": len(set().union(*(stats.keys for stats in present))),
                "oldest_as_of": _oldest([stats.oldest_as_of for stats in present]),
            }
    return {
        "sources": [
            {
                "label": s.label,
                "path": str(s.path),
                "tables": {
                    t: {"rows": st.rows, "oldest_as_of": st.oldest_as_of}
                    for t, st in s.tables.items()
                },
                "files_as_of": {
                    name: as_of
                    for st in s.tables.values()
                    for name, as_of in st.files_as_of.items()
                },
            }
            for s in sources
        ],
        "effective": effective,
        "oldest_as_of": _oldest([v["oldest_as_of"] for v in effective.values()]),
        **({"heads": _heads_json(heads)} if heads is not None else {}),
    }


def _heads_json(heads: HeadsCoverage) -> dict:
    return {
        "date": heads.day.isoformat(),
        "states": len(heads.states),
        **{office: heads.count(office) for office in HEAD_OFFICES},
        "missing": heads.missing,
    }
