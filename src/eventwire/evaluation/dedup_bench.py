"""Our own deduplication benchmark: does one real-world event end as one record, sources and all?

The set (`data/dedup_bench/reports.jsonl`, written for eventwire) holds 24 events each reported
three times, as a newsroom sees them: a wire story, the same text republished verbatim by
another outlet under its own headline, and a rewrite by a third outlet in its own words (some
with the recipient left implicit, a dateline elsewhere, another tense or a close type); and 15
look-alike pairs: the same dyad and type a day apart, but different events (another city,
another counterpart, other figures, another day).

The reports are ingested through the real pipeline (reading, coding, storing, incremental
deduplication), then compared with what each was written to report:

- pairwise precision and recall of "these two reports are about the same event", where the
  store puts two reports together when they share a stored event;
- B-cubed precision and recall over the same grouping (the store's groups are the connected
  reports);
- events stored as exactly one record holding every one of their reports (and nothing else);
- look-alike pairs merged, which should not be;
- reports whose outlet counts among their event's sources.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from eventwire.corpus import store

if TYPE_CHECKING:
    from eventwire.coding.coder import Coder

SET = Path(__file__).parents[1] / "data" / "dedup_bench" / "reports.jsonl"


@dataclass(frozen=True)
class DedupScore:
    reports: int
    events: int
    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float
    whole_events: int  # gold events stored as one record with every report and nothing else
    lookalike_pairs: int
    lookalikes_merged: int
    sources_counted: int  # reports whose outlet is among its event's sources
    read_events: int  # events reported more than once that the coder read in every report
    read_whole: int  # of those, stored as one record with every report

    def to_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        return [
            f"{self.reports} reports of {self.events} events, {self.lookalike_pairs} look-alike "
            "pairs",
            f"pairwise precision {self.pairwise_precision:.3f}, recall {self.pairwise_recall:.3f}",
            f"B-cubed precision {self.bcubed_precision:.3f}, recall {self.bcubed_recall:.3f}",
            f"events stored as one record with every report: {self.whole_events} of "
            f"{self.events - 2 * self.lookalike_pairs} reported more than once",
            f"  of the {self.read_events} the coder read in every report (the type and both "
            f"countries it was written about): {self.read_whole}",
            f"look-alike pairs wrongly merged: {self.lookalikes_merged} of {self.lookalike_pairs}",
            f"reports whose outlet is counted in their event's sources: {self.sources_counted} of "
            f"{self.reports}",
        ]


@cache
def reports() -> tuple[dict, ...]:
    """The benchmark's reports, read once."""
    with SET.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


def run(coder: Coder | None = None, parts: int = 1, full: bool = False) -> DedupScore:
    """Ingest the set in `parts` successive updates (then, with `full`, recompute the whole
    store) into a fresh database and score it."""
    from eventwire.corpus import dedup
    from eventwire.corpus.ingest import ingest

    items = reports()
    with tempfile.TemporaryDirectory(prefix="eventwire-dedup-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        for index in range(parts):
            part = Path(folder) / f"part{index}.jsonl"
            chosen = items[index::parts]
            part.write_text("".join(json.dumps(_article(r)) + "\n" for r in chosen), "utf-8")
            ingest([str(part)], db=db, coder=coder)
        con = store.connect(db)
        try:
            if full:
                dedup.deduplicate(con, full=True)
            return score(con, items)
        finally:
            con.close()


def _article(report: dict) -> dict:
    return {k: report[k] for k in ("id", "text", "title", "url", "source", "date")}


# --- scoring -----------------------------------------------------------------------------------


def score(con: duckdb.DuckDBPyConnection, items: Iterable[dict]) -> DedupScore:
    """Compare the store's events with the events the reports were written about."""
    items = list(items)
    gold = {r["id"]: r["event"] for r in items}
    found = _events_of_reports(con, items)
    groups = _connected(found)
    pairs = [(a, b) for a, b in combinations(sorted(gold), 2)]
    same_gold = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    same_found = {p for p in pairs if found[p[0]] & found[p[1]]}
    lookalikes = _lookalike_pairs(items)
    read = _read_events(con, items)
    return DedupScore(
        reports=len(items),
        events=len(set(gold.values())),
        pairwise_precision=_ratio(len(same_gold & same_found), len(same_found)),
        pairwise_recall=_ratio(len(same_gold & same_found), len(same_gold)),
        bcubed_precision=_bcubed(groups, gold),
        bcubed_recall=_bcubed(gold, groups),
        whole_events=_whole(con, gold, found),
        lookalike_pairs=len(lookalikes),
        lookalikes_merged=sum(1 for a, b in lookalikes if found[a] & found[b]),
        sources_counted=_sources_counted(con, items, found),
        read_events=len(read),
        read_whole=_whole(con, {r: e for r, e in gold.items() if e in read}, found),
    )


def _carriers(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each stored report's URL with the article (text) it carries."""
    return dict(con.execute("SELECT url, hash FROM copies WHERE url IS NOT NULL").fetchall())


def _events_of_reports(con: duckdb.DuckDBPyConnection, items: list[dict]) -> dict[str, set]:
    """The stored events each report's article has a mention in; none when the report itself
    was not stored (a republication dropped as a repeat)."""
    carried = _carriers(con)
    events: dict[str, set] = defaultdict(set)
    for article, event in con.execute(
        "SELECT article_hash, event_id FROM mentions WHERE event_id IS NOT NULL"
    ).fetchall():
        events[article].add(event)
    return {r["id"]: set(events.get(carried.get(r["url"], ""), ())) for r in items}


UNORDERED = ("CONSULT", "AGREE", "COOPERATE")


def _read_events(con: duckdb.DuckDBPyConnection, items: list[dict]) -> set[str]:
    """Events reported more than once whose every report has a stored mention of the type and
    the two countries it was written about: where deduplication, not the coder, decides."""
    carried = _carriers(con)
    coded: dict[str, set] = defaultdict(set)
    for article, kind, actor, recipient in con.execute(
        f"""SELECT m.article_hash, m.event_type, m.actor_country, m.recipient_country
            FROM mentions m WHERE {store.IN_DATASET}"""
    ).fetchall():
        coded[article].add((kind, actor, recipient))
        if kind in UNORDERED:
            coded[article].add((kind, recipient, actor))
    members: dict[str, list[dict]] = defaultdict(list)
    for r in items:
        members[r["event"]].append(r)
    return {
        event
        for event, reports_of in members.items()
        if len(reports_of) > 1
        and all(
            (r["gold"]["event_type"], r["gold"]["actor"], r["gold"]["recipient"])
            in coded.get(carried.get(r["url"], ""), set())
            for r in reports_of
        )
    }


def _connected(found: dict[str, set]) -> dict[str, str]:
    """Reports grouped by shared events (connected), each mapped to its group's first id."""
    owner: dict[str, str] = {}
    group = {r: r for r in found}

    def root(r: str) -> str:
        while group[r] != r:
            group[r] = group[group[r]]
            r = group[r]
        return r

    for report in sorted(found):
        for event in found[report]:
            if event in owner:
                a, b = sorted((root(report), root(owner[event])))
                group[b] = a
            else:
                owner[event] = report
    return {r: root(r) for r in found}


def _bcubed(groups: dict[str, str], truth: dict[str, str]) -> float:
    """Mean over items of the share of their group that truly belongs with them."""
    members: dict[str, list[str]] = defaultdict(list)
    for item, key in groups.items():
        members[key].append(item)
    shares = [
        sum(1 for other in members[groups[item]] if truth[other] == truth[item])
        / len(members[groups[item]])
        for item in groups
    ]
    return sum(shares) / len(shares) if shares else 0.0


def _whole(con: duckdb.DuckDBPyConnection, gold: dict[str, str], found: dict[str, set]) -> int:
    """Gold events reported more than once whose reports all sit in one stored event that
    holds no other report."""
    members: dict[str, set] = defaultdict(set)
    for report, event in gold.items():
        members[event].add(report)
    holders: dict[str, set] = defaultdict(set)
    for report, events in found.items():
        for event in events:
            holders[event].add(report)
    return sum(
        1
        for reports_of in members.values()
        if len(reports_of) > 1 and any(holders[e] == reports_of for e in holders)
    )


def _lookalike_pairs(items: list[dict]) -> list[tuple[str, str]]:
    sides: dict[str, list[str]] = defaultdict(list)
    for r in items:
        if r.get("pair"):
            sides[r["pair"]].append(r["id"])
    return [tuple(sorted(v)) for _, v in sorted(sides.items()) if len(v) == 2]  # type: ignore[misc]


def _sources_counted(con: duckdb.DuckDBPyConnection, items: list[dict], found: dict) -> int:
    """Reports whose outlet is among the sources of an event their article is part of."""
    sources: dict[str, set] = defaultdict(set)
    for event, listed in con.execute("SELECT id, sources FROM events").fetchall():
        sources[event] = {s.strip().lower() for s in (listed or "").split(";")}
    return sum(1 for r in items if any(r["source"].lower() in sources[e] for e in found[r["id"]]))


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0
