"""Handing articles to a running server instead of fighting it for the database file.

DuckDB lets one process write a file, and `eventwire serve` keeps its file open. So a server
announces itself next to its database (`<db>.server.json`: process id, URL, whether writing is
on, the largest request body; never the token) for as long as it runs. `eventwire ingest`,
meeting a busy database, looks there: with the operator's token it reads its sources itself,
exactly as it would have, and posts the articles to the server's `/api/ingest` a few at a time,
where they are coded, stored and deduplicated as from the command line; without a token, or
when the file is held by something else, it waits for the file, saying who holds it.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.corpus import store
from eventwire.corpus.ingest import SKIP_REPEATED, SKIP_UNREADABLE, IngestSummary
from eventwire.errors import EventwireError
from eventwire.models import Article, ErrorRecord
from eventwire.text.sources import SourceItem, SourceOptions, check_sources, expand

SUFFIX = ".server.json"
POST_ARTICLES = 16  # per request: small enough to finish well inside the server's deadline
POST_TIMEOUT = 300.0
BUSY_RETRIES = 60
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class Server:
    """What a running server says about itself."""

    pid: int
    url: str
    writes: bool
    max_body: int
    max_chars: int
    max_articles: int


def marker(db: str | Path) -> Path:
    return Path(f"{db}{SUFFIX}")


def announce(db: str | Path, server: Server) -> Path:
    """Write the server's marker next to its database (removed by `withdraw`)."""
    path = marker(db)
    path.write_text(json.dumps(server.__dict__), encoding="utf-8")
    return path


def withdraw(db: str | Path) -> None:
    path = marker(db)
    try:
        if json.loads(path.read_text("utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def running_server(db: str | Path) -> Server | None:
    """The server announced for `db`, if its process is still alive."""
    try:
        found = Server(**json.loads(marker(db).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    try:
        os.kill(found.pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, under another user
    return found


def _wait(ready: Callable[[], bool], seconds: float) -> bool:
    """Poll `ready` until it is true (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_SECONDS)
    return True


def _free(db: str | Path) -> bool:
    try:
        store.connect(db).close()
    except store.DatabaseBusy:
        return False
    return True


# --- posting ----------------------------------------------------------------------------------


def hand_over(
    server: Server,
    token: str,
    sources: Sequence[str],
    options: SourceOptions,
    on_error: Callable[[ErrorRecord], None] | None = None,
) -> IngestSummary:
    """Read `sources` here and have the server ingest them; the summary adds up its answers."""
    check_sources(sources)
    started = time.perf_counter()
    summary = IngestSummary(workers=0)
    for batch in _batches(server, expand(sources, options), summary, on_error):
        _add(summary, _post(server, token, batch))
    summary.seconds = time.perf_counter() - started
    return summary


def _batches(
    server: Server,
    items: Iterable[SourceItem],
    summary: IngestSummary,
    on_error: Callable[[ErrorRecord], None] | None,
) -> Iterator[list[dict]]:
    """Posted articles in requests the server accepts (count, characters, body size)."""
    seen: set[str] = set()
    batch: list[dict] = []
    size = 0
    limit = min(POST_ARTICLES, server.max_articles)
    for item in items:
        summary.read += 1
        problem = _refused(item, server, seen)
        if problem is not None:
            summary.skipped[problem[0]] += 1
            if on_error and problem[1] is not None:
                on_error(problem[1])
            continue
        posted = _posted(item.record)  # type: ignore[arg-type]
        length = len(json.dumps(posted)) + 2
        if batch and (len(batch) >= limit or size + length > server.max_body // 2):
            yield batch
            batch, size = [], 0
        batch.append(posted)
        size += length
    if batch:
        yield batch


def _refused(
    item: SourceItem, server: Server, seen: set[str]
) -> tuple[str, ErrorRecord | None] | None:
    if isinstance(item.record, ErrorRecord):
        return SKIP_UNREADABLE, item.record
    key = store.carrier_key(store.content_hash(item.record.text), item.record)
    if key in seen:  # the same copy twice; another outlet's copy goes to the server
        return SKIP_REPEATED, None
    seen.add(key)
    if len(item.record.text) > server.max_chars:
        message = (
            f"{item.record.doc_id()}: {len(item.record.text)} characters, more than the "
            f"{server.max_chars} the server takes in one article; stop the server and ingest it"
        )
        return "too long to hand to the server", ErrorRecord(error=message, input=item.input)
    return None


def _posted(article: Article) -> dict:
    return article.model_dump(mode="json", include={"id", "text", "title", "url", "source", "date"})


def _post(server: Server, token: str, batch: list[dict]) -> dict:
    """POST one batch; a server busy coding another request is asked again after it says."""
    body = json.dumps({"articles": batch}).encode("utf-8")
    request = urllib.request.Request(
        server.url.rstrip("/") + "/api/ingest",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    for _ in range(BUSY_RETRIES):
        try:
            with urllib.request.urlopen(request, timeout=POST_TIMEOUT) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            if exc.code == 429:
                time.sleep(float(exc.headers.get("Retry-After") or 5))
                continue
            raise EventwireError(
                f"the server at {server.url} refused the articles: HTTP {exc.code} ({_detail(exc)})"
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EventwireError(f"cannot reach the server at {server.url} ({reason})") from exc
    raise EventwireError(f"the server at {server.url} stayed busy; try again later")


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read()).get("detail", exc.reason))
    except (ValueError, OSError, AttributeError):
        return str(exc.reason)


def _add(summary: IngestSummary, answer: dict) -> None:
    summary.stored += int(answer.get("stored", 0))
    for reason, count in (answer.get("skipped") or {}).items():
        summary.skipped[reason] += int(count)
    summary.sentences += int(answer.get("sentences", 0))
    summary.mentions += int(answer.get("mentions", 0))
    summary.deduplicated = summary.deduplicated or bool(answer.get("deduplicated"))
    summary.totals = answer.get("database") or summary.totals


# --- what `eventwire ingest` does about a server or a busy file ---------------------------------


def ingest_or_hand_over(
    db: str | Path,
    sources: Sequence[str],
    options: SourceOptions,
    attempt: Callable[[], IngestSummary],
    wait: float,
    say: Callable[[str], None],
    on_error: Callable[[ErrorRecord], None] | None = None,
) -> IngestSummary:
    """Ingest `sources` into `db` through `attempt`; when a server has the file, hand the
    articles to it (with the token) or wait for it to stop; when another process holds the file,
    wait for it. Waiting is said on one line and ends after `wait` seconds with a clear error."""
    from eventwire.config import TOKEN_ENV

    server = running_server(db)
    if server is None:
        try:
            return attempt()
        except store.DatabaseBusy:
            holder = f"{db} is in use by another process (another ingest or watch)"
            say(f"{holder}; waiting up to {wait:g} s for it to be free (--wait to change)")
            if not _wait(lambda: _free(db), wait):
                raise EventwireError(
                    f"{holder}; still busy after {wait:g} s, nothing ingested"
                ) from None
            return attempt()
    token = os.environ.get(TOKEN_ENV)
    where = f"{db} is open in `eventwire serve` (PID {server.pid}, {server.url})"
    if server.writes and token:
        say(f"{where}: handing the articles to it")
        return hand_over(server, token, sources, options, on_error)
    why = (
        f"it was started without {TOKEN_ENV} and takes no articles"
        if not server.writes
        else f"set {TOKEN_ENV} to its token to hand the articles to it"
    )
    say(f"{where}; {why}. Waiting up to {wait:g} s for it to stop (--wait to change)")
    if not _wait(lambda: running_server(db) is None, wait):
        raise EventwireError(f"{where}; {why}. Nothing was ingested")
    return ingest_or_hand_over(db, sources, options, attempt, wait, say, on_error)
