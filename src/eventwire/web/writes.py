"""The only code that changes the database from the web: ingest posted articles, delete one,
save or remove a watchlist.

Both run under the store's write lock with no reader open (see `db.Store.write`). Ingest goes
through the corpus pipeline itself (`eventwire.corpus.ingest`), so posted articles are stored,
deduplicated and skipped on repeat exactly as from the command line.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from eventwire.corpus import dedup, watchlists
from eventwire.models import Article
from eventwire.web import limits
from eventwire.web.db import Store


def ingest_articles(target: Store, articles: list[Article]) -> dict:
    from eventwire.coding.coder import default_coder
    from eventwire.corpus.ingest import ingest

    coder = default_coder()  # loaded before taking the lock, so readers wait only for writing
    deadline = limits.deadline(limits.INGEST_SECONDS)
    with tempfile.TemporaryDirectory(prefix="eventwire-post-") as folder:
        path = Path(folder) / "posted.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for article in articles:
                handle.write(json.dumps(article.model_dump(mode="json")) + "\n")
        with target.write() as db:
            summary = ingest(
                [str(path)], db=db, coder=coder, batch_size=limits.INGEST_BATCH, deadline=deadline
            )
    return summary.to_dict()


def delete_article(target: Store, article_hash: str) -> bool:
    """Remove an article and its mentions, then rebuild its story and events; False if it was
    not there."""
    with target.writer() as con:
        return dedup.remove_article(con, article_hash)


def save_watchlist(target: Store, watchlist: watchlists.Watchlist) -> None:
    with target.writer() as con:
        watchlists.save(con, watchlist)


def remove_watchlist(target: Store, name: str) -> bool:
    with target.writer() as con:
        return watchlists.remove(con, name)
