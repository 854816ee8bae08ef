"""Events: the mentions of one real-world event, merged, with the reasons why.

Mentions (sentence-level coded events) are one real-world event when they share event type,
polarity (real / unreal / negated), actor and recipient country codes, their dates lie within
`window_days` of the event's first date, and their places are compatible: equal, or one of
them unknown. A mention's date is its resolved event date, else its article's publication date;
undated mentions merge only inside their own story. Mentions with neither actor nor recipient
code also merge only inside their story, as "someone attacked" in two unrelated articles says
nothing about being the same event. Each mention records why it joined its event and each
event carries a one-paragraph explanation, like GDELT's NumMentions / NumSources /
NumArticles plus the reason.

This module is pure: mentions in, merged events out, the same result whatever the input order.
Which mentions to reconsider, and keeping event ids across updates, is `eventwire.dedup.update`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from urllib.parse import urlsplit

from eventwire.models import stable_id

DEFAULT_WINDOW_DAYS = 2
POLARITY = {
    "asserted": "real",
    "alleged": "real",
    "planned": "unreal",
    "hypothetical": "unreal",
    "negated": "negated",
    "denied": "negated",
}
# A place this coarse ("Ukraine", "eastern Ukraine") is compatible with any city in it.
UNSPECIFIC = ("country", "region")


# --- events ----------------------------------------------------------------------------------


@dataclass
class Mention:
    """What merging needs to know about one stored mention and its article."""

    article_hash: str
    id: str
    event_type: str
    cameo: str = ""
    quad_class: int = 0
    goldstein: float = 0.0
    mode: str = ""
    modality: str = "asserted"
    actor_code: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    actor_name: str | None = None
    recipient_code: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    recipient_name: str | None = None
    date: Date | None = None
    date_end: Date | None = None
    date_precision: str = "unknown"
    location: dict | None = None
    confidence: float = 0.0
    source: str | None = None
    url: str | None = None
    story_id: str | None = None
    pub_date: Date | None = None
    ingested_at: datetime | None = None
    event_id: str | None = None  # the stored event it belonged to before this update

    @property
    def day(self) -> Date | None:
        return self.date or self.pub_date

    @property
    def actor_key(self) -> str:
        return self.actor_country or self.actor_code or ""

    @property
    def recipient_key(self) -> str:
        return self.recipient_country or self.recipient_code or ""

    @property
    def place(self) -> str | None:
        """A key for a specific place; None when unknown or only a country."""
        loc = self.location
        if not loc or loc.get("precision") in UNSPECIFIC:
            return None
        if loc.get("geonameid"):
            return f"geonames:{loc['geonameid']}"
        name = loc.get("name") or loc.get("text")
        return f"name:{name.strip().lower()}" if name else None

    @property
    def source_key(self) -> str:
        if self.source:
            return self.source.strip().lower()
        if self.url:
            return urlsplit(self.url).netloc.lower() or self.url
        return self.article_hash


@dataclass
class MergedEvent:
    """One real-world event and the mentions that report it."""

    id: str
    mentions: list[Mention]
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    explanation: str = ""


def merge_mentions(
    mentions: Iterable[Mention], window_days: int = DEFAULT_WINDOW_DAYS
) -> list[MergedEvent]:
    """Group mentions into events; the result does not depend on the input order."""
    groups: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(_key(mention), []).append(mention)
    events: list[MergedEvent] = []
    for key in sorted(groups, key=repr):
        for cluster in _by_date(groups[key], window_days):
            for part in _by_place(cluster):
                events.append(_explain(key, part, window_days))
    return events


def _key(m: Mention) -> tuple:
    polarity = POLARITY.get(m.modality, "real")
    base = (m.event_type, polarity, m.actor_key, m.recipient_key)
    if not m.actor_key and not m.recipient_key:
        return (*base, "story", m.story_id or m.article_hash)
    if m.day is None:
        return (*base, "undated", m.story_id or m.article_hash)
    return base


def _order(m: Mention) -> tuple:
    return (m.day or Date.min, m.article_hash, m.id)


def _by_date(mentions: list[Mention], window_days: int) -> list[list[Mention]]:
    """Split a sorted run wherever a date lies past the window from its cluster's first date."""
    clusters: list[list[Mention]] = []
    for mention in sorted(mentions, key=_order):
        current = clusters[-1] if clusters else None
        first = current[0].day if current else None
        if current and (first is None or (mention.day - first).days <= window_days):
            current.append(mention)
        else:
            clusters.append([mention])
    return clusters


def _by_place(cluster: list[Mention]) -> list[list[Mention]]:
    """Different specific places are different events; an unknown place joins the likeliest."""
    places = sorted({m.place for m in cluster if m.place})
    if len(places) <= 1:
        return [cluster]
    parts: dict[str, list[Mention]] = {p: [m for m in cluster if m.place == p] for p in places}
    for mention in (m for m in cluster if not m.place):
        parts[_likeliest(mention, parts)].append(mention)
    return [sorted(parts[p], key=_order) for p in places]


def _likeliest(mention: Mention, parts: dict[str, list[Mention]]) -> str:
    """Same article first, then same story, then the best-attested place."""

    def score(place: str) -> tuple:
        members = parts[place]
        same_article = any(m.article_hash == mention.article_hash for m in members)
        same_story = any(m.story_id and m.story_id == mention.story_id for m in members)
        return (same_article, same_story, len(members), place)

    return max(parts, key=score)


def _explain(key: tuple, mentions: list[Mention], window_days: int) -> MergedEvent:
    first = mentions[0]
    event_id = "ev-" + stable_id(*key, first.article_hash, first.id)
    event = MergedEvent(id=event_id, mentions=mentions)
    place = next((m.location for m in mentions if m.place), None)
    where = _place_name(place) if place else "unknown"
    for m in mentions:
        event.reasons[(m.article_hash, m.id)] = _reason(m, first, where, window_days)
    articles = {m.article_hash for m in mentions}
    sources = {m.source_key for m in mentions}
    days = [m.day for m in mentions if m.day]
    span = f"{min(days)}..{max(days)}" if days else "undated (merged within one story only)"
    unplaced = sum(1 for m in mentions if not m.place)
    event.explanation = (
        f"{len(mentions)} mention(s) in {len(articles)} article(s) from {len(sources)} source(s) "
        f"share type {first.event_type} ({POLARITY.get(first.modality, 'real')}), actor "
        f"{first.actor_key or '-'}, recipient {first.recipient_key or '-'}; dates {span} "
        f"within the {window_days}-day window; place {where}"
        + (
            f"; {unplaced} mention(s) without a specific place counted as compatible"
            if unplaced and place
            else ""
        )
        + "."
    )
    return event


def _reason(m: Mention, first: Mention, where: str, window_days: int) -> str:
    if m is first:
        return "first mention of the event"
    parts = [f"same type, actor and recipient as {first.article_hash[:10]}/{first.id[:10]}"]
    if m.day and first.day:
        parts.append(f"date {m.day} is {(m.day - first.day).days} day(s) after {first.day}")
    elif m.story_id:
        parts.append(f"undated, same story {m.story_id[:10]}")
    parts.append(
        f"place {_place_name(m.location)}" if m.place else f"place unknown, joined {where}"
    )
    return "; ".join(parts)


def _place_name(location: dict | None) -> str:
    if not location:
        return "unknown"
    return str(location.get("name") or location.get("text") or "unknown")


def _common(values: Iterable) -> object:
    """The most frequent non-empty value; ties go to the smallest, so reruns agree."""
    counted = Counter(v for v in values if v not in (None, ""))
    if not counted:
        return None
    best = max(counted.values())
    return min(v for v, n in counted.items() if n == best)


def event_row(event: MergedEvent) -> dict:
    """The `events` table row of a merged event."""
    ms = event.mentions
    cameo = _common(m.cameo for m in ms) or ms[0].cameo
    typical = next(m for m in ms if m.cameo == cameo)
    placed = [m for m in ms if m.place]
    loc = (
        (placed[0].location if placed else None)
        or next((m.location for m in ms if m.location), None)
        or {}
    )
    first = min(
        ms, key=lambda m: (m.pub_date or Date.max, m.ingested_at or datetime.max, m.article_hash)
    )
    days = [m.day for m in ms if m.day]
    ends = [m.date_end or m.day for m in ms if m.day]
    dated = [m for m in ms if m.date]
    return {
        "id": event.id,
        "event_type": ms[0].event_type,
        "mode": _common(m.mode for m in ms) or "",
        "cameo": cameo,
        "root_code": (cameo or "")[:2] or None,
        "quad_class": typical.quad_class,
        "goldstein": typical.goldstein,
        "actor_code": _common(m.actor_code for m in ms),
        "actor_country": _common(m.actor_country for m in ms),
        "actor_sector": _common(m.actor_sector for m in ms),
        "actor_name": _common(m.actor_name for m in ms),
        "recipient_code": _common(m.recipient_code for m in ms),
        "recipient_country": _common(m.recipient_country for m in ms),
        "recipient_sector": _common(m.recipient_sector for m in ms),
        "recipient_name": _common(m.recipient_name for m in ms),
        "modality": _common(m.modality for m in ms),
        "date": min(days) if days else None,
        "date_end": max(ends) if ends else None,
        "date_precision": _common(m.date_precision for m in dated)
        if dated
        else ("publication" if days else "unknown"),
        "location_text": loc.get("text"),
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "location_precision": loc.get("precision"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"),
        "num_mentions": len(ms),
        "num_sources": len({m.source_key for m in ms}),
        "num_articles": len({m.article_hash for m in ms}),
        "num_stories": len({m.story_id or m.article_hash for m in ms}),
        "confidence": max(m.confidence or 0.0 for m in ms),
        "first_article": first.article_hash,
        "source_url": first.url,
        "first_seen": min((m.ingested_at for m in ms if m.ingested_at), default=None),
        "explanation": event.explanation,
    }
