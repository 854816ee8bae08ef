"""The one set of event filters behind `eventwire query`, `eventwire export` and `/api/events`.

People filter in the words they think in: "Russia", "RUS" or "Russian military" for an actor,
"assault", "ASSAULT" or the CAMEO code "19" for a type. `EventFilter` turns each value into the
code the database stores while it validates, and keeps a line saying how (`resolution`), so the
command line can print it on stderr. A value that names nothing known is rejected with a message
that names it: a typo never becomes a silently empty result. The same model validates the
command line, the Python API and the web API, so all three accept and refuse the same things.
"""

from __future__ import annotations

import re
from datetime import date as Date
from functools import cache
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from eventwire.errors import EventwireError

Modality = Literal["asserted", "planned", "alleged", "hypothetical", "negated", "denied"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]
FILTER_NAMES = (
    "start", "end", "actor", "recipient", "country", "event_type", "cameo", "quad_class",
    "modality", "min_confidence", "q",
)  # fmt: skip
# Spellings people use for a filter's name (`--filter type=ASSAULT`).
ALIASES = {"type": "event_type", "from": "start", "to": "end", "text": "q"}
_SIDES = ("actor", "recipient")
# What a name of an actor can be made of: words, and the dots, dashes, apostrophes and
# ampersands inside names ("U.S.", "Al-Shabaab", "Côte d'Ivoire", "AT&T").
_NAME = re.compile(r"[\w .'’&-]+")


class EventFilter(BaseModel):
    """Filters on events (or mentions); they combine with AND. Values are bound, never pasted
    into SQL, and every name or code is resolved (or refused) while the model is built."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    start: Date | None = Field(None, description="first event date, YYYY-MM-DD")
    end: Date | None = Field(None, description="last event date, YYYY-MM-DD")
    actor: str | None = Field(None, max_length=80, description="code, country or name")
    recipient: str | None = Field(None, max_length=80, description="code, country or name")
    country: str | None = Field(None, max_length=80, description="either side or the place")
    event_type: str | None = Field(None, max_length=40, description="PLOVER type")
    cameo: str | None = Field(None, pattern=r"^\d{2,4}$", description="CAMEO code or prefix")
    quad_class: int | None = Field(None, ge=1, le=4, description="CAMEO QuadClass")
    modality: Modality | None = None
    min_confidence: float | None = Field(None, ge=0.0, le=1.0)
    q: str | None = Field(None, max_length=200, description="words in the sentence or title")

    _resolution: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _resolve(cls, data: Any, handler: Any) -> EventFilter:
        notes: list[str] = []
        if isinstance(data, dict):
            data = _resolved(data, notes)
        model = handler(data)
        if model.start and model.end and model.start > model.end:
            raise ValueError(f"start {model.start} is after end {model.end}")
        model._resolution = tuple(notes)
        return model

    @property
    def resolution(self) -> tuple[str, ...]:
        """How each name was read, e.g. "actor 'Russian military' -> RUSMIL (Russia, MIL)"."""
        return self._resolution

    def where(self, level: str = "events") -> tuple[str, list]:
        """The SQL condition over the events (or mentions) table, and its bound parameters."""
        clauses: list[str] = []
        params: list = []

        def add(clause: str, *values: object) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.start is not None:
            add("date >= ?", self.start)
        if self.end is not None:
            add("date <= ?", self.end)
        for side in _SIDES:
            if code := getattr(self, side):
                add(f"(upper({side}_code) = ? OR upper({side}_country) = ?)", code, code)
        if self.country:
            sides = "actor_country = ? OR recipient_country = ? OR location_country = ?"
            add(f"({sides})", *[self.country] * 3)
        if self.event_type:
            add("event_type = ?", self.event_type)
        if self.cameo:
            add("starts_with(cameo, ?)", self.cameo)
        if self.quad_class is not None:
            add("quad_class = ?", self.quad_class)
        if self.modality:
            add("modality = ?", self.modality)
        if self.min_confidence is not None:
            add("confidence >= ?", self.min_confidence)
        if self.q:
            add(_text_clause(level), *[_like(self.q)] * 2)
        return (" AND ".join(clauses) or "TRUE"), params


def _text_clause(level: str) -> str:
    """Free text over sentences and titles; an event matches when one of its mentions does."""
    match = "sentence ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\'"
    if level == "mentions":
        return f"({match})"
    return (
        "id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.hash = m.article_hash "
        f"WHERE m.{match.replace('title', 'a.title')})"
    )


def _like(text: str) -> str:
    escaped = re.sub(r"([\\%_])", r"\\\1", text)
    return f"%{escaped}%"


def make_filter(**values: object) -> EventFilter:
    """An `EventFilter` from keyword values, or `EventwireError` with one readable line."""
    values = {ALIASES.get(k, k): v for k, v in values.items() if v not in (None, "")}
    try:
        return EventFilter(**values)
    except ValidationError as exc:
        raise EventwireError(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """A pydantic error as one line per problem, naming the filter and the value."""
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        if error.get("type") == "extra_forbidden":
            problems.append(f"unknown filter {where!r} (choose from {', '.join(FILTER_NAMES)})")
        elif where:
            problems.append(f"{where} {error.get('input')!r}: {message}")
        else:
            problems.append(message)
    return "invalid filter: " + "; ".join(problems)


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """`--filter KEY=VALUE` options as a dict; a pair without '=' is an error naming it."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or not key:
            raise EventwireError(f"--filter {pair!r}: expected KEY=VALUE, e.g. actor=RUS")
        name = ALIASES.get(key, key)
        if name not in FILTER_NAMES:
            raise EventwireError(
                f"--filter {pair!r}: unknown filter {key!r} (choose from {', '.join(FILTER_NAMES)})"
            )
        found[name] = value.strip()
    return found


# --- resolving names and codes ------------------------------------------------------------


def _resolved(data: dict, notes: list[str]) -> dict:
    data = {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in data.items()}
    day = _resolution_day(data)
    for side in (*_SIDES, "country"):
        if isinstance(data.get(side), str):
            data[side] = _actor_code(side, data[side].strip(), day, notes)
    if isinstance(data.get("event_type"), str):
        data.update(_event_type(data["event_type"].strip(), notes))
    if isinstance(data.get("modality"), str):
        data["modality"] = data["modality"].strip().lower()
    return data


def _resolution_day(data: dict) -> Date | None:
    """Names of people resolve on the last day asked for (their office then), else today."""
    for key in ("end", "start"):
        value = data.get(key)
        if isinstance(value, Date):
            return value
        if isinstance(value, str):
            try:
                return Date.fromisoformat(value.strip())
            except ValueError:
                return None  # the date itself is refused by the model, with its own message
    return None


def _actor_code(field: str, value: str, day: Date | None, notes: list[str]) -> str:
    code = value.upper()
    if field == "country" and code in known_countries():
        return code
    if field != "country" and is_known_code(code):
        return code
    found = _name_resolution(value, day) if _NAME.fullmatch(value) else None
    if found is None:
        raise ValueError(
            f"{field} {value!r} is not a code or a name eventwire knows "
            f"(try `eventwire actor {value!r}` to see how a name resolves)"
        )
    code = found.country if field == "country" else (found.code or found.country)
    if not code:
        raise ValueError(f"{field} {value!r} names no country")
    detail = ", ".join(x for x in (found.name, found.sector) if x)
    notes.append(f"{field} {value!r} -> {code}" + (f" ({detail})" if detail else ""))
    return code


def _name_resolution(value: str, day: Date | None):
    from eventwire.actors import get_resolver

    found = get_resolver().resolve(value, day or Date.today())
    if found is None or found.kind in ("pronoun", "list"):
        return None
    return found if (found.code or found.country) else None


_CODE_TABLES = ("countries", "orgs", "groups", "parties", "agencies", "media", "companies")


@cache
def _table_codes(table: str, column: str = "code") -> frozenset[str]:
    """One column of an actor table (shipped and overlays), read without building the KB, so
    that a filter given as a code costs a file read, not the resolver's start-up."""
    from eventwire.actors.kb import merged_rows, overlay_dirs, shipped_dir

    rows, _ = merged_rows(table, (shipped_dir(), *overlay_dirs()))
    return frozenset(row[column].upper() for row in rows if row.get(column))


def known_countries() -> frozenset[str]:
    return _table_codes("countries")


@cache
def _known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """Whole codes the tables give (countries, organisations, groups, ...) and the sectors."""
    codes = frozenset().union(*(_table_codes(t) for t in _CODE_TABLES))
    sectors = _table_codes("sectors", "sector") | {
        code for t in _CODE_TABLES for code in _table_codes(t, "sector")
    }
    return codes, sectors


def is_known_code(code: str) -> bool:
    """A code from the tables, or a country (or organisation) code followed by sectors."""
    codes, sectors = _known_codes()
    if code in codes:
        return True
    for size in (3, 2, 4, 5):
        head, rest = code[:size], code[size:]
        if head in codes and rest and _all_sectors(rest, sectors):
            return True
    return False


def _all_sectors(rest: str, sectors: frozenset[str]) -> bool:
    return len(rest) % 3 == 0 and all(rest[i : i + 3] in sectors for i in range(0, len(rest), 3))


def _event_type(value: str, notes: list[str]) -> dict:
    """A PLOVER type name (any case) stays a type; a CAMEO code becomes a CAMEO prefix."""
    from eventwire.ontology import cameo_codes, plover_types

    types = plover_types()
    if value.upper() in types:
        return {"event_type": value.upper()}
    if value.isdigit() and value in cameo_codes():
        notes.append(f"type {value!r} -> CAMEO {value} ({cameo_codes()[value].name}) and below")
        return {"event_type": None, "cameo": value}
    raise ValueError(
        f"event type {value!r} is neither a PLOVER type ({', '.join(sorted(types))}) "
        "nor a CAMEO code"
    )
