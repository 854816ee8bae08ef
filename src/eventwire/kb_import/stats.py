"""Counts and ages of the knowledge base: shipped tables plus the user's overlays.

Analysts need to know how stale their actor data is before trusting a coded series, so the
oldest `as_of` is reported per table and overall. The TSV files are read directly, so this
works whatever state the resolver is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventwire.kb_import.tables import COLUMNS, overlay_dirs, read_table, row_key, shipped_dir


@dataclass
class TableStats:
    """One table in one source directory."""

    rows: int = 0
    oldest_as_of: str = ""
    keys: set[tuple[str, ...]] = field(default_factory=set, repr=False)


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
        rows = [row for file in table_files(path, table) for row in read_table(file)]
        if rows:
            tables[table] = TableStats(
                rows=len(rows),
                oldest_as_of=_oldest([row.get("as_of", "") for row in rows]),
                keys={row_key(table, row) for row in rows},
            )
    return SourceStats(label, path, tables)


def kb_stats(overlays: list[Path] | None = None, shipped: Path | None = None) -> list[SourceStats]:
    """Statistics for the shipped tables, then each overlay (default: EVENTWIRE_KB_PATH)."""
    sources = [source_stats("shipped", shipped if shipped is not None else shipped_dir())]
    for path in overlay_dirs() if overlays is None else overlays:
        sources.append(source_stats("overlay", path))
    return sources


def render_stats(sources: list[SourceStats]) -> str:
    """A plain-text table: rows per source, effective rows after overrides, oldest as_of."""
    lines = []
    for source in sources:
        lines.append(f"{source.label}: {source.path}")
        if not source.tables:
            lines.append("  (no tables)")
        for table, stats in source.tables.items():
            lines.append(f"  {table:<10} {stats.rows:>7} rows  oldest as_of {stats.oldest_as_of}")
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
    return "\n".join(lines)


def stats_json(sources: list[SourceStats]) -> dict:
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
            }
            for s in sources
        ],
        "effective": effective,
        "oldest_as_of": _oldest([v["oldest_as_of"] for v in effective.values()]),
    }
