"""Freshness of the knowledge base against the articles being coded.

Office holders change: a table checked in June cannot know who took office in October, and an
article from November may then be coded with the predecessor's name or with nothing. The tables
cannot be right about dates after their `as_of`, so the events that rest on them say so: a side
that resolved to a person, an organisation or a group from a table whose `as_of` is before the
article's date carries a `kb_stale` note. Country names, demonyms, capitals and sector nouns do
not go out of date with the news, so sides resolved from them carry none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date

from eventwire.actors.kb import KnowledgeBase
from eventwire.models import Actor, Event, KbStale

SIDES = ("actor", "recipient")


def stale_note(
    side: str, actor: Actor | None, published: Date, kb: KnowledgeBase
) -> KbStale | None:
    """A note when the side's named actor comes from a table checked before `published`."""
    if actor is None or not actor.name:
        return None
    table = kb.table_of(actor.name, published)
    as_of = kb.as_of.get(table) if table else None
    if table is None or as_of is None or as_of >= published:
        return None
    return KbStale(side=side, name=actor.name, table=table, as_of=as_of)


def mark_stale(events: list[Event], published: Date | None, kb: KnowledgeBase) -> list[Event]:
    """The events with `kb_stale` set on those that rest on a table older than the article."""
    if published is None:
        return events  # an undated article cannot be newer than anything
    marked = []
    for event in events:
        notes = [stale_note(side, getattr(event, side), published, kb) for side in SIDES]
        found = [n for n in notes if n is not None]
        marked.append(event.model_copy(update={"kb_stale": found}) if found else event)
    return marked


@dataclass
class FreshnessTally:
    """Counts over one run, for the single line `eventwire code` prints on stderr."""

    articles: int = 0
    stale_articles: int = 0
    stale_events: int = 0
    tables: Counter[tuple[str, Date]] = field(default_factory=Counter)

    def add(self, events: list[Event]) -> None:
        """Count one article's events."""
        self.articles += 1
        stale = [e for e in events if e.kb_stale]
        if stale:
            self.stale_articles += 1
            self.stale_events += len(stale)
        for event in stale:
            self.tables.update((note.table, note.as_of) for note in event.kb_stale or [])

    def line(self) -> str | None:
        """One line naming the tables that are older than the articles, or None."""
        if not self.stale_events:
            return None
        tables = ", ".join(f"{t} as_of {d}" for (t, d), _ in self.tables.most_common())
        return (
            f"kb_stale: {self.stale_events} events in {self.stale_articles} of {self.articles} "
            f"articles rest on tables checked before the article's date ({tables}); "
            "refresh them with `eventwire kb import wikidata` (see the README)"
        )
