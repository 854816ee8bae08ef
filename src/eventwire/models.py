"""The records that flow through eventwire.

Field names here are the public contract described in DESIGN.md: other tools read the JSONL we
write, so fields may be added but never renamed without a migration note.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Modality = Literal["asserted", "planned", "alleged", "hypothetical", "negated", "denied"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Article(BaseModel):
    """One input document; only `text` is required, the rest is provenance."""

    model_config = ConfigDict(extra="ignore")

    id: str = ""
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: Date | None = None

    @field_validator("id", "text", "title", "url", "source")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        """A lone surrogate (JSON's ``"\\ud800"``) has no UTF-8 form, so the tokenizer, DuckDB
        and the JSON writer would all fail on it: it becomes U+FFFD, which keeps every offset."""
        return _LONE_SURROGATE.sub("\ufffd", value) if value else value

    def doc_id(self) -> str:
        """A stable id: the given one, else a hash of the text so reruns agree."""
        if self.id:
            return self.id
        return "sha1:" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


class Actor(BaseModel):
    """An actor or recipient resolved to codes valid on the event date."""

    text: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str | None = None
    wikidata: str | None = None
    start: int | None = Field(default=None, description="character offset in the article")
    end: int | None = None
    confidence: float = 0.0
    reason: str = ""
    kb_miss: bool = Field(
        default=False,
        description="the text names someone the people tables do not hold in this office on "
        "the date (coded by the title, named by the text): the tables may be out of date",
    )


class Span(BaseModel):
    """A stretch of the article text, by character offsets."""

    text: str
    start: int
    end: int


class Location(BaseModel):
    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = Field(
        default=None,
        description="site, city (a town or city), region (also seas and areas) or country: "
        "country-level places have no coordinates of their own",
    )
    reason: str = Field(default="", description="how the place was found")


class KbStale(BaseModel):
    """A side of an event resolved from a knowledge-base table that was last checked before the
    article was published: the office holder or group status may have changed since."""

    side: Literal["actor", "recipient"]
    name: str = Field(description="the person, organisation or group the side resolved to")
    table: str = Field(description="the table file its row came from, e.g. people_africa")
    as_of: Date = Field(description="the date the table's open facts were last checked")


class Event(BaseModel):
    """One coded event: one (actor, recipient) pair of one trigger in one sentence."""

    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    event_type: str
    mode: str = ""
    contexts: list[str] = Field(default_factory=list)
    cameo: str
    quad_class: int
    goldstein: float
    actor: Actor | None = None
    recipient: Actor | None = None
    trigger: Span
    modality: Modality = "asserted"
    date: Date | None = None
    date_end: Date | None = Field(
        default=None, description="last day of the date's range (the same day at day precision)"
    )
    date_precision: DatePrecision = "unknown"
    date_reason: str = Field(default="", description="the words the date was read from, or why")
    location: Location | None = None
    historical: bool = Field(
        default=False, description="background more than a year before publication"
    )
    confidence: float = 0.5
    group: str = ""
    rule: str = Field(default="", description="the lexicon pattern that fired, for explanation")
    basis: dict[str, str] = Field(
        default_factory=dict,
        description="how each side was found (resolution kind, syntactic route): what the "
        "confidence is computed from",
    )
    withheld: str | None = Field(
        default=None,
        description="why the event is left out of the default dataset (a side that resolves to "
        "no country or organisation); None for events in it",
    )
    kb_stale: list[KbStale] | None = Field(
        default=None,
        description="sides resolved from a table whose as_of is before the article's date; "
        "None when every side rests on tables checked after it",
    )
    note: str | None = Field(
        default=None,
        description="a caveat on how the event was read, e.g. that its sentence was cut from "
        "an over-long one; None when there is none",
    )


class ErrorRecord(BaseModel):
    """Written in place of events when one input record cannot be coded."""

    error: str
    input: str
    record: int | None = None


def stable_id(*parts: object) -> str:
    """A short hash that is the same on every run for the same parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:20]
