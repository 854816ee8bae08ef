"""Hand-built events and articles for the store, dedup, export and query tests."""

from __future__ import annotations

from datetime import date

from eventwire.corpus.store import CodedArticle
from eventwire.models import Actor, Article, Event, Location, Span, stable_id

CITIES = {
    "Kharkiv": Location(text="Kharkiv", name="Kharkiv", country="UKR", lat=49.98, lon=36.25,
                        geonameid=706483, precision="city"),
    "Odesa": Location(text="Odesa", name="Odesa", country="UKR", lat=46.48, lon=30.73,
                      geonameid=698740, precision="city"),
    "Ukraine": Location(text="Ukraine", name="Ukraine", country="UKR", geonameid=690791,
                        precision="country"),
}  # fmt: skip


def make_event(
    doc_id: str,
    index: int = 0,
    event_type: str = "ASSAULT",
    actor: str | None = "RUS",
    recipient: str | None = "UKR",
    when: date | None = None,
    place: str | None = None,
    sentence: str = "",
    cameo: str = "190",
    modality: str = "asserted",
    precision: str = "day",
    until: date | None = None,
    date_reason: str = "",
) -> Event:
    sentence = sentence or f"{actor} acted against {recipient}, sentence {'I' * (index + 1)}."
    return Event(
        id=stable_id(doc_id, index, event_type, actor, recipient, sentence),
        doc_id=doc_id,
        sentence_index=index,
        sentence=sentence,
        event_type=event_type,
        cameo=cameo,
        quad_class=4 if event_type == "ASSAULT" else 1,
        goldstein=-10.0 if event_type == "ASSAULT" else 3.0,
        actor=Actor(text=actor, country=actor, code=f"{actor}MIL", sector="MIL", start=0, end=3)
        if actor
        else None,
        recipient=Actor(text=recipient, country=recipient, code=recipient) if recipient else None,
        trigger=Span(text="acted", start=4, end=9),
        modality=modality,
        date=when,
        date_end=(until or when) if when else None,
        date_precision=precision if when else "unknown",
        date_reason=date_reason,
        location=CITIES[place] if place else None,
        confidence=0.8,
    )


def make_article(
    doc_id: str, events: list[Event], text: str | None = None, source: str = "Wire A",
    pub: date | None = date(2024, 3, 2),
) -> CodedArticle:  # fmt: skip
    article = Article(
        id=doc_id,
        text=text or f"Text of {doc_id}. " + " ".join(e.sentence for e in events),
        title=f"Title {doc_id}",
        url=f"https://{source.replace(' ', '').lower()}.example/{doc_id}",
        source=source,
        date=pub,
    )
    return CodedArticle(article=article, events=events, n_sentences=len(events) + 1)


def older_database(path, version: int):
    """A database file as an eventwire of schema `version` left it (an open connection)."""
    import duckdb

    from eventwire.corpus.store.schema import MIGRATIONS

    con = duckdb.connect(str(path))
    for migration in MIGRATIONS[:version]:
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP, 'old')",
                    [migration.version])  # fmt: skip
    return con
