"""Import a Wikidata export of positions held into `people.tsv` overlay rows.

Wikidata is where tenures are kept current, so a user who runs the shipped query
(`data/wikidata/positions_held.rq`) at query.wikidata.org can refresh the knowledge base between
releases. Both download formats of the Query Service are read: SPARQL JSON results and CSV.
A record without a start date, with a date we cannot read, or with a position we cannot map to
an office key is skipped and reported, never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.errors import InputError
from eventwire.kb_import.report import ImportReport
from eventwire.kb_import.tables import Row, read_table, row_key, shipped_dir

OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
# The Wikidata classes the shipped query starts from, for exports that carry them.
CLASS_OFFICES = {
    "Q48352": "head_of_state",
    "Q2285706": "head_of_government",
    "Q7330070": "foreign_minister",
    "Q2518691": "defence_minister",
}
# Label words, most specific first: "Minister of Foreign Affairs" before "Prime Minister".
LABEL_OFFICES = (
    (re.compile(r"\b(foreign|external affairs|secretary of state\b(?! for))", re.I),
     "foreign_minister"),
    (re.compile(r"\b(defen[cs]e|armed forces minister|minister of war)\b", re.I),
     "defence_minister"),
    (re.compile(r"\b(prime minister|premier|chancellor|head of government)\b", re.I),
     "head_of_government"),
    (re.compile(r"\b(president|king|queen|monarch|emir|sultan|supreme leader|head of state)\b",
                re.I), "head_of_state"),
)  # fmt: skip
_DATE = re.compile(r"^\+?(\d{4})-(\d{2})-(\d{2})")
_QID = re.compile(r"^Q\d+$")


@dataclass
class WikidataImport:
    """The people rows of one export, and the import report."""

    tables: dict[str, list[Row]]
    report: ImportReport


def _entity(value: str) -> str:
    """A QID from an entity URI ("http://www.wikidata.org/entity/Q42" -> "Q42")."""
    return value.rstrip("/").rsplit("/", 1)[-1] if "/entity/" in value else value


def read_records(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(record number or CSV line, {variable: value}) from a SPARQL JSON or CSV download."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read Wikidata export ({exc})") from exc
    if text.lstrip().startswith("{"):
        return _json_records(path, text)
    return _csv_records(path, text)


def _json_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    try:
        bindings = json.loads(text)["results"]["bindings"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a SPARQL JSON results document ({exc})") from exc
    records = []
    for number, binding in enumerate(bindings, start=1):
        if isinstance(binding, dict):
            records.append(
                (
                    number,
                    {k: str(v.get("value", "")) for k, v in binding.items() if isinstance(v, dict)},
                )  # fmt: skip
            )
    return records


def _csv_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "person" not in reader.fieldnames:
        raise InputError(f"{path}: a CSV export needs a header with a 'person' column")
    return [
        (reader.line_num, {k: v or "" for k, v in row.items() if k})
        for row in reader
        if any(row.values())
    ]


def parse_wikidata_date(value: str) -> date:
    """The day of an xsd:dateTime ("2021-01-26T00:00:00Z"); BCE and malformed dates fail."""
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"malformed date {value!r}")
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)


def office_for(record: dict[str, str]) -> str:
    """The office key of a record: its `office` variable, its class, else its position label."""
    given = record.get("office", "").strip()
    if given in OFFICES:
        return given
    for key in ("class", "position"):
        qid = _entity(record.get(key, ""))
        if qid in CLASS_OFFICES:
            return CLASS_OFFICES[qid]
    label = record.get("positionLabel", "")
    for pattern, office in LABEL_OFFICES:
        if pattern.search(label):
            return office
    return ""


class CountryMap:
    """Country codes from ISO codes, country QIDs or labels, via the shipped countries table."""

    def __init__(self, shipped: Path) -> None:
        rows = read_table(shipped / "countries.tsv")
        self.by_iso = {r["iso3"].upper(): r["code"] for r in rows if r.get("iso3")}
        self.by_qid = {r["wikidata"]: r["code"] for r in rows if r.get("wikidata")}
        self.by_name: dict[str, str] = {}
        for row in rows:
            for name in [row.get("name", "")] + row.get("aliases", "").split("|"):
                if name:
                    self.by_name.setdefault(name.lower(), row["code"])

    def code(self, record: dict[str, str]) -> str:
        iso = record.get("iso3", "").strip().upper()
        if re.fullmatch(r"[A-Z]{3}", iso):
            return self.by_iso.get(iso, iso)
        qid = _entity(record.get("country", ""))
        if qid in self.by_qid:
            return self.by_qid[qid]
        return self.by_name.get(record.get("countryLabel", "").strip().lower(), "")


def record_row(record: dict[str, str], countries: CountryMap, as_of: str) -> Row:
    """One people row, or ValueError with the reason the record cannot be used."""
    qid = _entity(record.get("person", ""))
    name = record.get("personLabel", "").strip()
    if not _QID.match(qid):
        raise ValueError("no person QID")
    if not name or _QID.match(name):
        raise ValueError("person has no English label")
    office = office_for(record)
    if not office:
        raise ValueError("position not mapped to an office")
    country = countries.code(record)
    if not country:
        raise ValueError("unknown country")
    if not record.get("start", "").strip():
        raise ValueError("no start date")
    start = parse_wikidata_date(record["start"])
    end = parse_wikidata_date(record["end"]) if record.get("end", "").strip() else None
    if end is not None and end < start:
        raise ValueError("end date before start date")
    position = _entity(record.get("position", ""))
    label = record.get("positionLabel", "").strip()
    return {
        "name": name,
        "aliases": "",
        "country": country,
        "sector": "GOV",
        "office": office,
        "office_country": country,
        "start": start.isoformat(),
        "end": end.isoformat() if end else "",
        "wikidata": qid,
        "as_of": as_of,
        "source": " ".join(part for part in ("wikidata", position, label) if part),
    }


def _reason(exc: ValueError) -> str:
    """Group date problems under one reason however the date parser words them."""
    text = str(exc)
    if "date" in text or "day is out of range" in text or "month must be" in text:
        return "malformed date" if "before" not in text and "no start" not in text else text
    return text


def import_wikidata(
    path: Path, as_of: str | None = None, shipped: Path | None = None
) -> WikidataImport:
    """Read a Wikidata positions-held export into people rows and a report."""
    path = Path(path)
    report = ImportReport(kind="wikidata", files=[str(path)])
    if as_of is None:
        as_of = date.fromtimestamp(path.stat().st_mtime).isoformat() if path.exists() else ""
        report.notes.append(f"as_of {as_of}: the export file's date (override with --as-of)")
    countries = CountryMap(shipped if shipped is not None else shipped_dir())
    rows: dict[tuple[str, ...], Row] = {}
    for number, record in read_records(path):
        report.read["records"] += 1
        try:
            row = record_row(record, countries, as_of)
        except ValueError as exc:
            text = " ".join(record.get(k, "") for k in ("personLabel", "positionLabel", "start"))
            report.skip(path.name, number, _reason(exc), f"{text} ({exc})")
            continue
        key = row_key("people", row)
        if key in rows:
            report.read["duplicate tenures merged"] += 1
            continue
        rows[key] = row
    report.rows["people"] = len(rows)
    return WikidataImport({"people": list(rows.values())}, report)
