"""Events: the mentions of one real-world event, merged, with the reasons why.

Two steps, each a union of compatible parts that never joins two groups holding a conflict
(`eventwire.corpus.dedup.evidence` says what is compatible, what conflicts and what is evidence):

1. **Acts within an article.** The same act named twice in one article (in one sentence, or in
   a headline and its lead) is one act, with the best-resolved of its sides: "Russia struck
   Kharkiv" and "struck residential areas" (civilians) are one strike on Ukraine.
2. **Acts across articles.** Acts of different articles are one event when they share both
   coded sides (or one, where the other side of one of them is soft) or a story (near-duplicate
   text), lie within `window_days` of each other, conflict in nothing and carry the evidence
   their differences need. The strongest links are joined first.

Each mention records why it joined its event and each event carries a one-paragraph
explanation: the evidence, and every compatibility it relied on (a missing recipient taken from
another report, a planned act reported done, two types joined on the evidence). The merged
event keeps the best-resolved value of each field. NumArticles and NumSources count the
articles' carriers: a verbatim republication by another outlet is another source.

This module is pure: mentions in, merged events out, the same result whatever the input order.
Which mentions to reconsider, and keeping event ids across updates, is
`eventwire.corpus.dedup.update`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timedelta
from functools import cached_property
from itertools import chain, combinations
from urllib.parse import urlsplit

from eventwire.corpus.dedup.evidence import (
    POLARITY,
    Link,
    PlaceInfo,
    Report,
    Side,
    clues,
    conflict,
    gap,
    link,
    place_info,
)
from eventwire.models import stable_id

DEFAULT_WINDOW_DAYS = 2
PUBLICATION = "the publication date: no date in its sentence"
PRECISION_RANK = {"site": 0, "city": 0, "region": 1, "country": 2}


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
    actor_text: str | None = None
    recipient_code: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    recipient_name: str | None = None
    recipient_text: str | None = None
    date: Date | None = None
    date_end: Date | None = None
    date_precision: str = "unknown"
    date_reason: str = ""
    location: dict | None = None
    sentence: str = ""
    confidence: float = 0.0
    withheld: str | None = None  # why the coder kept it out of the dataset, if it did
    source: str | None = None
    url: str | None = None
    story_id: str | None = None
    pub_date: Date | None = None
    ingested_at: datetime | None = None
    event_id: str | None = None  # the stored event it belonged to before this update
    carriers: tuple[tuple[str, str], ...] = ()  # (source name, carrier key) of its article

    @property
    def day(self) -> Date | None:
        return self.date or self.pub_date

    @property
    def exact(self) -> bool:
        """Dated to one day by its own words (not by the publication date)."""
        return (
            self.date is not None
            and self.date_precision == "day"
            and (self.date_reason != PUBLICATION)
        )

    @property
    def actor(self) -> Side:
        return Side(self.actor_country, self.actor_code, self.actor_sector, self.actor_name)

    @property
    def recipient(self) -> Side:
        return Side(
            self.recipient_country, self.recipient_code, self.recipient_sector, self.recipient_name
        )

    @property
    def polarity(self) -> str:
        return POLARITY.get(self.modality, "real")

    @cached_property
    def place(self) -> PlaceInfo | None:
        return place_info(self.location, self.sentence)

    @property
    def sources(self) -> set[str]:
        """The outlets that carried its article (lower case: what NumSources counts)."""
        return {s.lower() for s, _ in self.carriers} or {self.source_key}

    @property
    def source_names(self) -> set[str]:
        return {s for s, _ in self.carriers} or {self.source_key}

    @property
    def articles(self) -> set[str]:
        return {c for _, c in self.carriers} or {self.article_hash}

    @property
    def source_key(self) -> str:
        return source_name(self.source, self.url, self.article_hash).lower()

    @cached_property
    def report(self) -> Report:
        """What comparing reports needs, computed once."""
        return Report(
            event_type=self.event_type,
            quad_class=self.quad_class,
            polarity=self.polarity,
            actor=self.actor,
            recipient=self.recipient,
            day=self.day,
            exact=self.exact,
            end=self.date_end if self.date else self.day,
            place=self.place,
            clues=clues(self.sentence, (self.actor_text, self.recipient_text)),
            story=self.story_id or self.article_hash,
            article=self.article_hash,
        )


def source_name(source: str | None, url: str | None, fallback: str) -> str:
    """Who published a copy: its source's name, else its URL's host."""
    if source and source.strip():
        return source.strip()
    if url:
        return urlsplit(url).netloc.lower() or url
    return fallback


@dataclass
class MergedEvent:
    """One real-world event and the mentions that report it; why they joined is worked out
    only when asked for (an update writes only the events that changed)."""

    id: str
    mentions: list[Mention]
    acts: list[_Act] = field(default_factory=list, repr=False)
    window: int = DEFAULT_WINDOW_DAYS

    @cached_property
    def reasons(self) -> dict[tuple[str, str], str]:
        """Why each mention is part of the event, by (article hash, mention id)."""
        return _reasons(self.mentions, self.acts)

    @cached_property
    def explanation(self) -> str:
        return _paragraph(self.mentions, self.acts, self.window, self.resolved)

    @cached_property
    def resolved(self) -> dict:
        return _resolved(self.mentions)


@dataclass
class _Act:
    """Mentions of one act in one article, compared as one report."""

    mentions: list[Mention]
    report: Report
    joined: str = ""  # how it joined its event


def merge_mentions(
    mentions: Iterable[Mention], window_days: int = DEFAULT_WINDOW_DAYS
) -> list[MergedEvent]:
    """Group mentions into events; the result does not depend on the input order."""
    ordered = sorted(mentions, key=_order)
    acts = [act for group in _by_article(ordered) for act in _acts(group, window_days)]
    clusters = _union(acts, _candidates(acts, window_days), window_days)
    events = [_event(cluster, window_days) for cluster in clusters]
    return sorted(events, key=lambda e: (_order(e.mentions[0]), e.id))


def _order(m: Mention) -> tuple:
    return (m.day or Date.min, m.article_hash, m.id)


def _by_article(mentions: list[Mention]) -> Iterator[list[Mention]]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[m.article_hash].append(m)
    for key in sorted(grouped):
        yield grouped[key]


# --- step 1: acts within an article ----------------------------------------------------------


def _acts(mentions: list[Mention], window: int) -> list[_Act]:
    """Unify the mentions of one article that name the same act."""
    reports = [m.report for m in mentions]
    singles = [_Act([m], r) for m, r in zip(mentions, reports, strict=True)]
    pairs = [
        (0.0, i, j, Link(0.0, ["the same article"]))
        for i, j in combinations(range(len(mentions)), 2)
        if reports[i].event_type == reports[j].event_type
        and reports[i].polarity == reports[j].polarity
        and conflict(reports[i], reports[j], window) is None
    ]
    groups = _union(singles, pairs, window)
    return [_combined(group) for group in groups]


def _combined(group: list[_Act]) -> _Act:
    mentions = sorted((m for act in group for m in act.mentions), key=_order)
    if len(mentions) == 1:
        return group[0]
    reports = [a.report for a in group]
    best_actor = _best_side([r.actor for r in reports])
    best_recipient = _best_side([r.recipient for r in reports])
    exact = [r.day for r in reports if r.exact and r.day]
    days = [r.day for r in reports if r.day]
    places = [r.place for r in reports if r.place]
    first = reports[0]
    report = Report(
        event_type=first.event_type,
        quad_class=first.quad_class,
        polarity=first.polarity,
        actor=best_actor,
        recipient=best_recipient,
        day=_most_common(exact) if exact else (min(days) if days else None),
        exact=bool(exact),
        end=_most_common(exact)
        if exact
        else max((r.end or r.day for r in reports if r.day), default=None),
        place=min(places, key=_place_rank) if places else None,
        clues=type(first.clues)(
            frozenset().union(*(r.clues.numbers for r in reports)),
            frozenset().union(*(r.clues.names for r in reports)),
            frozenset().union(*(r.clues.words for r in reports)),
        ),
        story=first.story,
        article=first.article,
    )
    return _Act(mentions, report)


def _best_side(sides: list[Side]) -> Side:
    """The most resolved side; among equals the most common, then one with its own name."""
    top = max(s.level for s in sides)
    best = [s for s in sides if s.level == top]
    common = _most_common([(s.country, s.code) for s in best])
    chosen = [s for s in best if (s.country, s.code) == common]
    return next((s for s in chosen if s.own_name), chosen[0])


def _place_rank(place: PlaceInfo) -> tuple:
    return (not place.strong, PRECISION_RANK.get(place.precision, 3), place.key)


def _most_common(values: list):
    counted = Counter(values)
    best = max(counted.values())
    return min((v for v, n in counted.items() if n == best), key=repr)


# --- step 2: acts across articles --------------------------------------------------------------


def _candidates(acts: list[_Act], window: int) -> list[tuple[float, int, int, Link]]:
    """Linked pairs of acts that share both coded sides (within the window), or one coded side
    where the other is soft on one of them (on the same days), or a story."""
    dyads: dict[tuple, list[int]] = defaultdict(list)
    by_side: dict[tuple, list[int]] = defaultdict(list)
    for index, act in enumerate(acts):
        r = act.report
        if r.actor.key and r.recipient.key:
            dyads[(r.actor.key, r.recipient.key)].append(index)
        for side, key in (("actor", r.actor.key), ("recipient", r.recipient.key)):
            if key:
                by_side[(side, key)].append(index)
        dyads[("story", r.story)].append(index)
    seen: set[tuple[int, int]] = set()
    pairs = []
    near = (p for members in dyads.values() for p in _near(acts, members, window))
    for i, j in chain(near, _soft_pairs(acts, by_side)):
        if (i, j) in seen or acts[i].report.article == acts[j].report.article:
            continue
        seen.add((i, j))
        found = link(acts[i].report, acts[j].report, window)
        if found is not None:
            pairs.append((found.score, i, j, found))
    return pairs


def _near(acts: list[_Act], members: list[int], window: int) -> Iterator[tuple[int, int]]:
    """Pairs of a block whose date ranges lie within the window (undated acts pair with all)."""
    dated = sorted((i for i in members if acts[i].report.day), key=lambda i: acts[i].report.day)
    undated = [i for i in members if not acts[i].report.day]
    for a, i in enumerate(dated):
        reach = acts[i].report.end or acts[i].report.day
        for j in dated[a + 1 :]:
            if (acts[j].report.day - reach).days > window:  # type: ignore[operator]
                break
            yield min(i, j), max(i, j)
    for i in undated:
        for j in members:
            if i != j:
                yield min(i, j), max(i, j)


def _soft_pairs(acts: list[_Act], by_side: dict) -> Iterator[tuple[int, int]]:
    """Each act with one soft side, paired with the acts sharing its coded side whose dates
    overlap its own: a report too vague to name a side is compared on its own days only, which
    keeps a busy actor's whole week out of every update."""
    for (side, _), members in by_side.items():
        other = "recipient" if side == "actor" else "actor"
        soft = [i for i in members if getattr(acts[i].report, other).level < 2]
        if not soft:
            continue
        dated = sorted((i for i in members if acts[i].report.day), key=lambda i: acts[i].report.day)
        starts = [acts[i].report.day for i in dated]
        span = max((_span(acts[i].report) for i in dated), default=0)
        for i in soft:
            r = acts[i].report
            if not r.day:
                yield from ((min(i, j), max(i, j)) for j in members if j != i)
                continue
            low = bisect_left(starts, r.day - timedelta(days=span))
            high = bisect_right(starts, r.end or r.day)
            yield from (
                (min(i, j), max(i, j))
                for j in dated[low:high]
                if j != i and gap(r, acts[j].report) == 0
            )


def _span(report: Report) -> int:
    return ((report.end or report.day) - report.day).days if report.day else 0


def _union(items: list[_Act], pairs: list, window: int) -> list[list[_Act]]:
    """Join linked items, strongest link first, never into a group holding a conflict."""
    group = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for _, i, j, found in sorted(pairs, key=lambda p: (-p[0], _key(items, p[1], p[2]))):
        a, b = root(i), root(j)
        if a == b or _clash(items, members[a], members[b], window):
            continue
        low, high = sorted((a, b))
        group[high] = low
        members[low] += members.pop(high)
        earlier, later = sorted((items[i], items[j]), key=lambda act: _order(act.mentions[0]))
        later.joined = later.joined or _describe(earlier, found)
    return [[items[i] for i in sorted(m)] for _, m in sorted(members.items())]


def _key(items: list[_Act], i: int, j: int) -> tuple:
    return (_order(items[i].mentions[0]), _order(items[j].mentions[0]))


def _clash(items: list[_Act], left: list[int], right: list[int], window: int) -> bool:
    return any(conflict(items[a].report, items[b].report, window) for a in left for b in right)


def _describe(other: _Act, found: Link) -> str:
    first = other.mentions[0]
    parts = [f"with {first.article_hash[:10]}/{first.id[:10]}"]
    if found.evidence:
        parts.append("evidence: " + ", ".join(found.evidence))
    if found.allowed:
        parts.append("allowed: " + "; ".join(found.allowed))
    return "; ".join(parts)


# --- events and their explanation -------------------------------------------------------------


def _event(acts: list[_Act], window: int) -> MergedEvent:
    mentions = sorted((m for act in acts for m in act.mentions), key=_order)
    first = mentions[0]
    event_id = "ev-" + stable_id(first.article_hash, first.id)
    return MergedEvent(id=event_id, mentions=mentions, acts=acts, window=window)


def _reasons(mentions: list[Mention], acts: list[_Act]) -> dict[tuple[str, str], str]:
    first = mentions[0]
    reasons = {}
    for act in acts:
        head = act.mentions[0]
        for m in act.mentions:
            if m is first:
                reason = "first mention of the event"
            elif m is not head:
                reason = f"the same act as {head.id[:10]} in its article (best-resolved sides kept)"
            else:
                reason = act.joined or "the same act as the first mention in its article"
            reasons[(m.article_hash, m.id)] = reason
    return reasons


def _paragraph(mentions: list[Mention], acts: list[_Act], window: int, row: dict) -> str:
    articles = set().union(*(m.articles for m in mentions))
    sources = set().union(*(m.sources for m in mentions))
    days = [m.day for m in mentions if m.day]
    span = f"{min(days)}..{max(days)}" if days else "undated"
    notes = sorted({part for act in acts for part in act.joined.split("; ")[1:] if part})
    text = (
        f"{len(mentions)} mention(s) in {len(articles)} article(s) from {len(sources)} "
        f"source(s): type {row['event_type']} ({POLARITY.get(row['modality'] or '', 'real')}), "
        f"actor {row['actor_code'] or '-'}, recipient {row['recipient_code'] or '-'}; dates "
        f"{span} within the {window}-day window; place {row['location_name'] or 'unknown'}"
    )
    return text + (f"; {'; '.join(notes)}" if notes else "") + "."


def _resolved(ms: list[Mention]) -> dict:
    """The best-resolved value of each field across the mentions."""
    event_type = _most_common([m.event_type for m in ms])
    typed = [m for m in ms if m.event_type == event_type]
    actor = _best_side([m.actor for m in ms])
    recipient = _best_side([m.recipient for m in ms])
    real = [m for m in ms if m.polarity == "real"]
    placed = sorted((m for m in ms if m.place), key=lambda m: _place_rank(m.place))  # type: ignore[arg-type]
    return {
        "event_type": event_type,
        "cameo": _most_common([m.cameo for m in typed]),
        "mode": _most_common([m.mode or "" for m in typed]),
        "typical": typed[0],
        "actor_code": actor.code,
        "actor_country": actor.country,
        "actor_sector": actor.sector,
        "actor_name": actor.name,
        "recipient_code": recipient.code,
        "recipient_country": recipient.country,
        "recipient_sector": recipient.sector,
        "recipient_name": recipient.name,
        "modality": _most_common([m.modality for m in (real or ms)]),
        "location": placed[0].location if placed else None,
        "location_name": (placed[0].location or {}).get("name") if placed else None,
    }


def _sources(ms: list[Mention]) -> str:
    """The outlets that carried the event, once each, in alphabetical order."""
    names: dict[str, str] = {}
    for m in ms:
        for name in sorted(m.source_names):
            names.setdefault(name.lower(), name)
    return "; ".join(names[k] for k in sorted(names))


def event_row(event: MergedEvent) -> dict:
    """The `events` table row of a merged event."""
    ms = event.mentions
    row = dict(event.resolved)
    typical = row.pop("typical")
    loc = row.pop("location") or next((m.location for m in ms if m.location), None) or {}
    row.pop("location_name")
    first = min(
        ms, key=lambda m: (m.pub_date or Date.max, m.ingested_at or datetime.max, m.article_hash)
    )
    exact = [m.date for m in ms if m.exact]
    days = [m.day for m in ms if m.day]
    ends = [m.date_end or m.day for m in ms if m.day]
    dated = [m for m in ms if m.date]
    start = _most_common(exact) if exact else (min(days) if days else None)
    return {
        "id": event.id,
        **row,
        "root_code": (row["cameo"] or "")[:2] or None,
        "quad_class": typical.quad_class,
        "goldstein": typical.goldstein,
        "date": start,
        "date_end": start if exact else (max(ends) if ends else None),
        "date_precision": "day"
        if exact
        else (
            _most_common([m.date_precision for m in dated])
            if dated
            else ("publication" if days else "unknown")
        ),
        "location_text": loc.get("text"),
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "location_precision": loc.get("precision"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"),
        "num_mentions": sum(len(m.articles) for m in ms),
        "num_sources": len(set().union(*(m.sources for m in ms))),
        "sources": _sources(ms),
        "num_articles": len(set().union(*(m.articles for m in ms))),
        "num_stories": len({m.story_id or m.article_hash for m in ms}),
        "confidence": max(m.confidence or 0.0 for m in ms),
        "first_article": first.article_hash,
        "source_url": first.url,
        "first_seen": min((m.ingested_at for m in ms if m.ingested_at), default=None),
        "explanation": event.explanation,
    }
