"""One actor's page: its events over time by type, its counterparts, the words that named it,
and what the knowledge base says about it, with dates.

An actor is a code as the store holds it. A full code ("RUSMIL") matches itself; a country code
("RUS") also gathers every actor of that country, as the `actor` filter does, so a country's
page sums its government, military and the rest. The selection (the dashboard's filters)
narrows everything on the page.
"""

from __future__ import annotations

from eventwire.actors.kb import NAMED_TABLES, TABLE_COLUMN, load_kb
from eventwire.web.evidence import segments
from eventwire.web.labels import actor_label, sector_label, sector_names
from eventwire.web.queries import rows
from eventwire.web.selection import Narrowing

MAX_COUNTERPARTS = 30
MAX_MENTIONS = 100


def _side(role: str, prefix: str = "") -> str:
    return f"(upper({prefix}{role}_code) = $code OR upper({prefix}{role}_country) = $code)"


def profile(con, code: str, selection: Narrowing) -> dict | None:
    """Everything the actor page shows, or None when neither the selection's events nor the
    knowledge base know the code."""
    code = code.strip().upper()
    where, params = selection.where()
    named = {f"p{i}": value for i, value in enumerate(params)}
    picked = "WITH picked AS (SELECT * FROM events WHERE " + _numbered(where) + ")"
    bound = {**named, "code": code}
    totals = rows(
        con,
        f"""{picked} SELECT count(*) FILTER ({_side("actor")})::INTEGER AS as_actor,
                   count(*) FILTER ({_side("recipient")})::INTEGER AS as_recipient
            FROM picked""",
        bound,
    )[0]
    names = _names(con, picked, bound)
    entry = kb_entry(code, {n["name"] for n in names})
    if not totals["as_actor"] and not totals["as_recipient"] and not _known(entry):
        return None
    return {
        "code": code,
        "label": actor_label(code),
        "names": names,
        **totals,
        "series": _series(con, picked, bound),
        "counterparts": _counterparts(con, picked, bound),
        "mentions": _mentions(con, picked, bound),
        "kb": entry,
    }


def _known(entry: dict) -> bool:
    return bool(entry["bodies"] or entry["country"] or entry["people"] or entry["sectors"])


def _numbered(where: str) -> str:
    """`?` placeholders as `$p0, $p1...`, so the condition mixes with the named `$code`."""
    pieces = where.split("?")
    return "".join(p + (f"$p{i}" if i < len(pieces) - 1 else "") for i, p in enumerate(pieces))


def _names(con, picked: str, bound: dict) -> list[dict]:
    """The display names the coder gave this actor (people, bodies, countries), commonest first."""
    sql = f"""{picked}, named AS (
            SELECT actor_name AS name FROM picked WHERE {_side("actor")}
            UNION ALL SELECT recipient_name FROM picked WHERE {_side("recipient")})
        SELECT name, count(*)::INTEGER AS events FROM named WHERE name IS NOT NULL
        GROUP BY 1 ORDER BY events DESC, name"""
    return rows(con, sql, bound)


def _series(con, picked: str, bound: dict) -> dict:
    """Events per month by PLOVER type, either side; months without events are left out."""
    sql = f"""{picked} SELECT date_trunc('month', date)::DATE AS period, event_type,
                   count(*)::INTEGER AS events
            FROM picked WHERE date IS NOT NULL AND ({_side("actor")} OR {_side("recipient")})
            GROUP BY ALL ORDER BY period, event_type"""
    found = rows(con, sql, bound)
    periods = sorted({str(r["period"]) for r in found})
    types: dict[str, list[int]] = {}
    for r in found:
        counts = types.setdefault(r["event_type"], [0] * len(periods))
        counts[periods.index(str(r["period"]))] += r["events"]
    ordered = dict(sorted(types.items(), key=lambda kv: (-sum(kv[1]), kv[0])))
    return {"interval": "month", "periods": periods, "types": ordered}


def _counterparts(con, picked: str, bound: dict) -> list[dict]:
    sql = f"""{picked}, others AS (
            SELECT recipient_code AS code, recipient_name AS name, 1 AS acted_on, 0 AS acted_by,
                   quad_class FROM picked WHERE {_side("actor")} AND recipient_code IS NOT NULL
            UNION ALL
            SELECT actor_code, actor_name, 0, 1, quad_class
            FROM picked WHERE {_side("recipient")} AND actor_code IS NOT NULL)
        SELECT code, any_value(name) AS name, count(*)::INTEGER AS events,
               sum(acted_on)::INTEGER AS acted_on, sum(acted_by)::INTEGER AS acted_by,
               count(*) FILTER (quad_class IN (1, 2))::INTEGER AS cooperation,
               count(*) FILTER (quad_class IN (3, 4))::INTEGER AS conflict
        FROM others GROUP BY code ORDER BY events DESC, code LIMIT {MAX_COUNTERPARTS}"""
    return rows(con, sql, bound)


def _mentions(con, picked: str, bound: dict) -> list[dict]:
    """The sentences that named the actor, with the words that did and the article."""
    sql = f"""{picked}, named AS (
            SELECT m.*, {_side("actor", "m.")} AS by_actor FROM mentions m
            WHERE m.event_id IN (SELECT id FROM picked)
              AND ({_side("actor", "m.")} OR {_side("recipient", "m.")}))
        SELECT n.event_id, n.event_type, n.date, if(by_actor, 'actor', 'recipient') AS role,
               if(by_actor, actor_text, recipient_text) AS words,
               if(by_actor, actor_start, recipient_start) AS start,
               if(by_actor, actor_end, recipient_end) AS "end",
               trigger_start, trigger_end, trigger_text, sentence,
               a.title, a.source, a.pub_date, a.text
        FROM named n JOIN articles a ON a.hash = n.article_hash
        ORDER BY a.pub_date DESC NULLS LAST, n.article_hash, n.sentence_index, n.id
        LIMIT {MAX_MENTIONS}"""
    found = rows(con, sql, bound)
    for row in found:  # the naming words marked in their sentence, as on the event page
        spans = {
            "trigger": (row.pop("trigger_start"), row.pop("trigger_end"), row.pop("trigger_text")),
            row["role"]: (row.pop("start"), row.pop("end"), row["words"]),
        }
        row["evidence"] = segments(row.pop("text"), row["sentence"], spans)
    return found


def kb_entry(code: str, names: set[str] = frozenset()) -> dict:  # type: ignore[assignment]
    """The knowledge-base rows behind a code: the named body (organisation, group, party...)
    with its dates, or the country and the sectors; and the tenures of the people among
    `names` (the people the coder resolved to this code) that give it."""
    kb = load_kb()
    state = code[:3] in kb.countries
    bodies = [
        _row(row, table)
        for table in NAMED_TABLES
        for row in kb.rows.get(table, [])
        if row.get("code", "").upper() == code or (not state and _coded_as(row) == code)
    ]
    country = kb.countries.get(code[:3]) if not bodies else None
    people = [
        {
            "name": t.name,
            "office": t.office,
            "office_country": t.office_country,
            "start": t.start,
            "end": t.end,
            "as_of": kb.as_of.get(t.table),
            "table": t.table,
        }
        for name in sorted(names)
        for t in kb.tenures.get(name, [])
        if _holds(t.country, t.sector, code)
    ]
    return {
        "bodies": bodies,
        "country": _row(country, "countries") if country else None,
        "sectors": _sectors(code, country is not None),
        "people": sorted(people, key=lambda p: (str(p["start"] or ""), p["name"]), reverse=True),
    }


def _sectors(code: str, has_country: bool) -> str:
    """The sector words of a code: after its country, or the whole code when the coder knew
    the sector but no country ("GOV": some government)."""
    rest = code[3:] if has_country else code
    if len(rest) % 3 or not all(rest[i : i + 3] in sector_names() for i in range(0, len(rest), 3)):
        return ""
    return sector_label(rest)


def _coded_as(row: dict[str, str]) -> str:
    """The code a named body's row gives its members: "EUR" + "GOV" for an EU institution."""
    return (row.get("country", "") + row.get("sector", "")).upper()


def _holds(country: str, sector: str | None, code: str) -> bool:
    """A tenure gives this code, or a code of this country on a country's page."""
    return f"{country}{sector or ''}".upper().startswith(code)


def _row(row: dict[str, str], table: str) -> dict:
    keep = ("code", "name", "aliases", "country", "sector", "region", "start", "end", "wikidata")
    found = {k: row[k] for k in keep if row.get(k)}
    return {
        **found,
        "table": row.get(TABLE_COLUMN, table),
        "as_of": row.get("as_of") or None,
        "source": row.get("source") or None,
    }
