"""Exports of the store in the shapes other tools read: PLOVER, GDELT 2.0, ICEWS, POLECAT.

Each shape keeps the field names and order of the public schema it imitates; what eventwire
does not produce is left empty rather than invented (docs/exports.md lists it field by field).
``csv`` and ``parquet`` write eventwire's own flat tables (events or mentions).

Record level: GDELT writes the deduplicated events plus a mentions file that links every
sentence-level mention to its event; ICEWS, POLECAT and PLOVER are sentence-level formats, so
they get one record per mention, carrying the deduplicated event id where the format has room.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date as Date
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from eventwire import __version__
from eventwire.corpus.filters import EventFilter
from eventwire.corpus.store import IN_DATASET, connect
from eventwire.corpus.tables import write_delimited, write_frame, write_text
from eventwire.errors import EventwireError
from eventwire.models import stable_id

FORMATS = ("plover", "gdelt", "icews", "polecat", "csv", "parquet")
TABLES = ("events", "mentions")

# eventwire's extension to the shapes whose public schema has no such fields, appended after
# their own columns: how precise the date and the place are, and where the date's range ends.
EXTENSION_COLUMNS = ("DatePrecision", "DateEnd", "GeoPrecision")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
    *EXTENSION_COLUMNS,
]  # fmt: skip
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude", *EXTENSION_COLUMNS,
]  # fmt: skip
_POLECAT_ROLE = ("Name", "Country", "COW", "Primary {} Sector", "Sectors", "Title", "Name Raw")
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
    *EXTENSION_COLUMNS,
]  # fmt: skip
PLOVER_FIELDS = [
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
    "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
    "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment",
]  # fmt: skip
EVENT_TABLE_COLUMNS = [
    "id", "event_type", "mode", "cameo", "root_code", "quad_class", "goldstein",
    "actor_code", "actor_country", "actor_sector", "actor_name",
    "recipient_code", "recipient_country", "recipient_sector", "recipient_name",
    "modality", "date", "date_end", "date_precision",
    "location_text", "location_name", "location_country", "location_precision", "lat", "lon",
    "geonameid", "num_mentions", "num_sources", "num_articles", "num_stories", "confidence",
    "first_article", "source_url", "first_seen", "explanation", "sources",
]  # fmt: skip
_ROLE_COLUMNS = ("text", "code", "country", "sector", "name", "wikidata", "start", "end")
MENTION_TABLE_COLUMNS = [
    "article_hash", "id", "event_id", "doc_id", "sentence_index", "sentence",
    "event_type", "mode", "contexts", "cameo", "quad_class", "goldstein",
    *(f"actor_{c}" for c in _ROLE_COLUMNS),
    *(f"recipient_{c}" for c in _ROLE_COLUMNS),
    "trigger_text", "trigger_start", "trigger_end", "modality", "date", "date_end",
    "date_precision", "location_text", "location_name", "location_country", "location_precision",
    "lat", "lon", "geonameid", "confidence", "grp", "rule", "merge_reason",
    "title", "url", "source", "pub_date", "story_id", "ingested_at",
]  # fmt: skip

_MENTIONS_SQL = f"""
SELECT * FROM (
    SELECT m.*, a.title, a.url, a.source, a.pub_date, a.story_id, a.ingested_at, a.n_chars,
           e.first_seen AS event_first_seen
    FROM mentions m JOIN articles a ON a.hash = m.article_hash
    LEFT JOIN events e ON e.id = m.event_id
    WHERE {IN_DATASET}
) WHERE {{where}}
ORDER BY pub_date NULLS LAST, article_hash, sentence_index, id
"""


def mentions_frame(
    con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None, of_events: bool = False
) -> pd.DataFrame:
    """The mentions that pass `filters`, or with `of_events` the mentions of the events that
    pass them (GDELT's mentions file must link to the events of its events file)."""
    filters = filters or EventFilter()
    if of_events:
        where, params = filters.where("events")
        where = f"event_id IN (SELECT id FROM events WHERE {where})"
    else:
        where, params = filters.where("mentions")
    return con.execute(_MENTIONS_SQL.format(where=where), params).df()


def events_frame(
    con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None
) -> pd.DataFrame:
    where, params = (filters or EventFilter()).where("events")
    sql = f"""SELECT e.*, r.lead FROM events e LEFT JOIN (
               SELECT event_id, min(sentence_index) = 0 AS lead FROM mentions GROUP BY event_id
             ) r ON r.event_id = e.id WHERE e.id IN (SELECT id FROM events WHERE {where})
             ORDER BY e.date NULLS LAST, e.id"""
    return con.execute(sql, params).df()


# --- helpers ---------------------------------------------------------------------------------


def _v(value: object) -> object:
    """pandas' missing values (NaN, NaT, None) as None, everything else unchanged."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists and arrays are never missing
        pass
    return value


def _day(value: object) -> Date | None:
    value = _v(value)
    if value is None:
        return None
    return value.date() if isinstance(value, datetime | pd.Timestamp) else value


def _ymd(value: object) -> int | None:
    day = _day(value)
    return int(day.strftime("%Y%m%d")) if day else None


def _stamp(value: object) -> int | None:
    value = _v(value)
    return int(pd.Timestamp(value).strftime("%Y%m%d%H%M%S")) if value is not None else None


def gdelt_id(event_id: object) -> int | None:
    """A numeric id for GDELT's integer GLOBALEVENTID, the same in both files."""
    event_id = _v(event_id)
    if event_id is None:
        return None
    return int(stable_id("gdelt", event_id)[:15], 16)


def mention_key(row: dict) -> str:
    return stable_id(row["article_hash"], row["id"])


def _iso(value: object) -> str | None:
    day = _day(value)
    return day.isoformat() if day else None


# GDELT's ActionGeo_Type: 1 a country, 4 a town (world city), 5 a region (world state).
GDELT_GEO_TYPES = {"country": 1, "region": 5, "city": 4, "site": 4}


def _precision(row: dict) -> str | None:
    """How precise the place is; rows stored before places had one count as towns when named."""
    found = _v(row.get("location_precision"))
    if found:
        return str(found)
    if _v(row.get("location_name")) or _v(row.get("geonameid")):
        return "city"
    return "country" if _v(row.get("location_country")) else None


def _is_city(row: dict) -> bool:
    return _precision(row) in ("city", "site")


def _date_precision(row: dict) -> str:
    """The date's precision; "publication" where the export falls back on the article's date."""
    if _v(row.get("date")) is not None:
        return str(_v(row.get("date_precision")) or "unknown")
    return "publication" if _v(row.get("pub_date")) is not None else "unknown"


def _extensions(row: dict, end: Callable[[object], object]) -> dict:
    return {
        "DatePrecision": _date_precision(row),
        "DateEnd": end(row.get("date_end")) if _v(row.get("date")) is not None else None,
        "GeoPrecision": _precision(row),
    }


# --- GDELT ------------------------------------------------------------------------------------


def gdelt_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None
) -> pd.DataFrame:
    rows = [_gdelt_event(r) for r in events_frame(con, filters).to_dict("records")]
    return pd.DataFrame(rows, columns=GDELT_EVENT_COLUMNS)


def _gdelt_event(r: dict) -> dict:
    day = _day(r["date"])
    out: dict = dict.fromkeys(GDELT_EVENT_COLUMNS)
    cameo = _v(r["cameo"]) or ""
    out.update(
        GLOBALEVENTID=gdelt_id(r["id"]),
        SQLDATE=_ymd(day),
        MonthYear=int(day.strftime("%Y%m")) if day else None,
        Year=day.year if day else None,
        FractionDate=round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
        IsRootEvent=int(bool(_v(r.get("lead")))),
        EventCode=cameo or None,
        EventBaseCode=cameo[:3] or None,
        EventRootCode=cameo[:2] or None,
        QuadClass=_v(r["quad_class"]),
        GoldsteinScale=_v(r["goldstein"]),
        NumMentions=r["num_mentions"],
        NumSources=r["num_sources"],
        NumArticles=r["num_articles"],
        DATEADDED=_stamp(r["first_seen"]),
        SOURCEURL=_v(r["source_url"]),
        **_extensions(r, _ymd),
    )
    for n, role in ((1, "actor"), (2, "recipient")):
        out[f"Actor{n}Code"] = _v(r[f"{role}_code"])
        out[f"Actor{n}Name"] = _v(r[f"{role}_name"])
        out[f"Actor{n}CountryCode"] = _v(r[f"{role}_country"])
        out[f"Actor{n}Type1Code"] = _v(r[f"{role}_sector"])
    if _v(r["location_country"]) or _precision(r):
        out.update(
            ActionGeo_Type=GDELT_GEO_TYPES.get(_precision(r) or "", 1),
            ActionGeo_FullName=_v(r["location_name"]) or _v(r["location_text"]),
            ActionGeo_CountryCode=_v(r["location_country"]),
            ActionGeo_Lat=_v(r["lat"]),
            ActionGeo_Long=_v(r["lon"]),
            ActionGeo_FeatureID=_v(r["geonameid"]),
        )
    return out


# GDELT counts a mention once per document that carries it: one row per copy of its article.
_COPY_MENTIONS_SQL = f"""
SELECT m.*, c.source, c.url, c.doc_id AS copy_doc_id, c.ingested_at, a.n_chars,
       e.first_seen AS event_first_seen
FROM mentions m JOIN articles a ON a.hash = m.article_hash
JOIN copies c ON c.hash = m.article_hash
LEFT JOIN events e ON e.id = m.event_id
WHERE {IN_DATASET} AND m.event_id IN (SELECT id FROM events WHERE {{where}})
ORDER BY c.pub_date NULLS LAST, m.article_hash, c.carrier, m.sentence_index, m.id
"""


def gdelt_mentions(
    con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None
) -> pd.DataFrame:
    where, params = (filters or EventFilter()).where("events")
    frame = con.execute(_COPY_MENTIONS_SQL.format(where=where), params).df()
    rows = [_gdelt_mention(r) for r in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=GDELT_MENTION_COLUMNS)


def _gdelt_mention(r: dict) -> dict:
    out: dict = dict.fromkeys(GDELT_MENTION_COLUMNS)
    out.update(
        GLOBALEVENTID=gdelt_id(r["event_id"]),
        EventTimeDate=_stamp(r["event_first_seen"]),
        MentionTimeDate=_stamp(r["ingested_at"]),
        MentionType=1,
        MentionSourceName=_v(r["source"]),
        MentionIdentifier=_v(r["url"]) or _v(r.get("copy_doc_id")) or r["doc_id"],
        SentenceID=int(r["sentence_index"]) + 1,
        Actor1CharOffset=_offset(r["actor_start"]),
        Actor2CharOffset=_offset(r["recipient_start"]),
        ActionCharOffset=_offset(r["trigger_start"]),
        InRawText=1,
        Confidence=round(100 * float(_v(r["confidence"]) or 0.0)),
        MentionDocLen=int(r["n_chars"]),
    )
    return out


def _offset(value: object) -> int:
    value = _v(value)
    return -1 if value is None else int(value)


# --- ICEWS and POLECAT --------------------------------------------------------------------


def icews(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None) -> pd.DataFrame:
    rows = []
    for r in mentions_frame(con, filters).to_dict("records"):
        city = _is_city(r)
        rows.append(
            {
                "Event ID": mention_key(r),
                "Event Date": _iso(r["date"]) or _iso(r["pub_date"]),
                "Source Name": _v(r["actor_name"]) or _v(r["actor_text"]),
                "Source Sectors": _v(r["actor_sector"]),
                "Source Country": _v(r["actor_country"]),
                "Event Text": _cameo_name(r["cameo"]),
                "CAMEO Code": _v(r["cameo"]),
                "Intensity": _v(r["goldstein"]),
                "Target Name": _v(r["recipient_name"]) or _v(r["recipient_text"]),
                "Target Sectors": _v(r["recipient_sector"]),
                "Target Country": _v(r["recipient_country"]),
                "Story ID": r["doc_id"],
                "Sentence Number": int(r["sentence_index"]) + 1,
                "Publisher": _v(r["source"]),
                "City": _v(r["location_name"]) if city else None,
                "District": None,
                "Province": _v(r["location_name"]) if _precision(r) == "region" else None,
                "Country": _v(r["location_country"]),
                "Latitude": _v(r["lat"]),
                "Longitude": _v(r["lon"]),
                **_extensions(r, _iso),
            }
        )
    return pd.DataFrame(rows, columns=ICEWS_COLUMNS)


def _cameo_name(code: object) -> str | None:
    from eventwire.ontology import cameo_codes

    code = _v(code)
    entry = cameo_codes().get(str(code)) if code else None
    return entry.name if entry else None


def polecat(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None) -> pd.DataFrame:
    rows = []
    for r in mentions_frame(con, filters).to_dict("records"):
        row: dict = dict.fromkeys(POLECAT_COLUMNS)
        contexts = _v(r["contexts"])
        row.update(
            {
                "Event ID": mention_key(r),
                "Event Date": _iso(r["date"]) or _iso(r["pub_date"]),
                "Event Type": r["event_type"],
                "Event Mode": _v(r["mode"]) or None,
                "Intensity": _v(r["goldstein"]),
                "Quad Code": _v(r["quad_class"]),
                "Contexts": ";".join(contexts) if contexts is not None and len(contexts) else None,
                "Placename": _v(r["location_name"]),
                "City": _v(r["location_name"]) if _is_city(r) else None,
                "Province": _v(r["location_name"]) if _precision(r) == "region" else None,
                "Country": _v(r["location_country"]),
                "Latitude": _v(r["lat"]),
                "Longitude": _v(r["lon"]),
                "GeoNames ID": _v(r["geonameid"]),
                "Raw Placename": _v(r["location_text"]),
                "Source": _v(r["source"]),
                "Publication Date": _iso(r["pub_date"]),
                "Language": "en",
                "Version": f"eventwire {__version__}",
                **_extensions(r, _iso),
            }
        )
        for role, label in (("actor", "Actor"), ("recipient", "Recipient")):
            row[f"{label} Name"] = _v(r[f"{role}_name"])
            row[f"{label} Country"] = _v(r[f"{role}_country"])
            row[f"Primary {label} Sector"] = _v(r[f"{role}_sector"])
            row[f"{label} Sectors"] = _v(r[f"{role}_sector"])
            row[f"{label} Name Raw"] = _v(r[f"{role}_text"])
            row[f"Wikipedia {label} ID"] = _v(r[f"{role}_wikidata"])
        rows.append(row)
    return pd.DataFrame(rows, columns=POLECAT_COLUMNS)


# --- PLOVER JSON ----------------------------------------------------------------------------


def plover_records(
    con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None
) -> list[dict]:
    """One PLOVER JSON record per mention; `link` is the deduplicated event's id."""
    records = []
    for r in mentions_frame(con, filters).to_dict("records"):
        coded = pd.Timestamp(r["ingested_at"])
        records.append(
            {
                "id": mention_key(r),
                "has_event": True,
                "date": _iso(r["date"]) or _iso(r["pub_date"]),
                "time": None,
                "enddate": _enddate(r),
                "endtime": None,
                "actor": _entities(r, "actor"),
                "recipient": _entities(r, "recipient"),
                "event": [r["event_type"]],
                "event_loc": _location(r),
                "event_text": [r["sentence"]],
                "quad_code": _v(r["quad_class"]),
                "event_scale": _v(r["goldstein"]),
                "mode": [r["mode"]] if _v(r["mode"]) else [],
                "context": list(_v(r["contexts"]) if _v(r["contexts"]) is not None else []),
                "link": _v(r["event_id"]),
                "text": None,
                "text_info": {
                    "doc_id": r["doc_id"],
                    "sentence_index": int(r["sentence_index"]),
                    "trigger": {
                        "text": _v(r["trigger_text"]),
                        "start": _v(r["trigger_start"]),
                        "end": _v(r["trigger_end"]),
                    },
                    "modality": r["modality"],
                    "date_precision": _date_precision(r),
                    "confidence": _v(r["confidence"]),
                    "cameo": _v(r["cameo"]),
                },
                "cite_info": {
                    "title": _v(r["title"]),
                    "url": _v(r["url"]),
                    "source": _v(r["source"]),
                    "publication_date": _iso(r["pub_date"]),
                },
                "coder": f"eventwire {__version__}",
                "coded_date": coded.strftime("%Y-%m-%d"),
                "coded_time": coded.strftime("%H:%M:%S"),
                "comment": _v(r["merge_reason"]),
            }
        )
    return records


def _entities(r: dict, role: str) -> list[dict]:
    if _v(r[f"{role}_text"]) is None and _v(r[f"{role}_code"]) is None:
        return []
    keys = ("code", "country", "sector", "name", "text", "wikidata")
    return [{k: _jsonable(r[f"{role}_{k}"]) for k in keys}]


def _location(r: dict) -> dict | None:
    if _v(r["location_text"]) is None and _v(r["location_name"]) is None:
        return None
    return {
        "placename": _v(r["location_name"]) or _v(r["location_text"]),
        "country": _v(r["location_country"]),
        "lat": _v(r["lat"]),
        "lon": _v(r["lon"]),
        "geonameid": _jsonable(r["geonameid"]),
        "precision": _precision(r),
    }


def _enddate(r: dict) -> str | None:
    """PLOVER's end date: the last day of a date that spans more than one day."""
    first, last = _iso(r["date"]), _iso(r.get("date_end"))
    return last if first and last and last != first else None


def _jsonable(value: object) -> object:
    value = _v(value)
    return value.item() if hasattr(value, "item") else value


# --- eventwire's own tables -------------------------------------------------------------------


def flat_table(
    con: duckdb.DuckDBPyConnection, table: str = "events", filters: EventFilter | None = None
) -> pd.DataFrame:
    if table == "events":
        return events_frame(con, filters)[EVENT_TABLE_COLUMNS]
    return mentions_frame(con, filters)[MENTION_TABLE_COLUMNS]


# --- writing -------------------------------------------------------------------------------


def export(
    db: str | Path,
    fmt: str,
    out: str | Path = "-",
    table: str = "events",
    filters: EventFilter | None = None,
) -> list[str]:
    """Write the events of the database at `db` that pass `filters` in format `fmt`; returns
    the paths written ('-': stdout). GDELT to stdout is its events file alone."""
    if fmt not in FORMATS:
        raise EventwireError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if table not in TABLES:
        raise EventwireError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
    con = connect(db, read_only=True)
    try:
        return _WRITERS[fmt](con, str(out), table, filters)
    finally:
        con.close()


def _write_gdelt(con, out: str, _table: str, filters: EventFilter | None) -> list[str]:
    if out == "-":
        write_delimited(gdelt_events(con, filters), out, "\t")
        return [out]
    base = out.removesuffix(".tsv").removesuffix(".csv")
    paths = [f"{base}.export.tsv", f"{base}.mentions.tsv"]
    write_delimited(gdelt_events(con, filters), paths[0], "\t")
    write_delimited(gdelt_mentions(con, filters), paths[1], "\t")
    return paths


def _write_plover(con, out: str, _table: str, filters: EventFilter | None) -> list[str]:
    records = plover_records(con, filters)

    def write(handle) -> None:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    write_text(out, write)
    return [out]


def _write_shape(shape: Callable[..., pd.DataFrame]) -> Callable[..., list[str]]:
    def write(con, out: str, _table: str, filters: EventFilter | None) -> list[str]:
        write_delimited(shape(con, filters), out, "\t")
        return [out]

    return write


def _write_flat(fmt: str) -> Callable[..., list[str]]:
    def write(con, out: str, table: str, filters: EventFilter | None) -> list[str]:
        write_frame(flat_table(con, table, filters), fmt, out)
        return [out]

    return write


_WRITERS = {
    "plover": _write_plover,
    "gdelt": _write_gdelt,
    "icews": _write_shape(icews),
    "polecat": _write_shape(polecat),
    "csv": _write_flat("csv"),
    "parquet": _write_flat("parquet"),
}
