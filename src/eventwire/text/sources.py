"""Expanding the SOURCE arguments of `eventwire ingest` into articles.

A source is one of:

- ``-`` (stdin), a file or a folder: read by `eventwire.text.readers` (txt, md, html, jsonl), plus
  ``.csv`` files with a text column and ``.rss``/``.atom``/``.xml`` feed files, which this
  module reads (a folder is searched for those too);
- an ``http(s)://`` URL: fetched; a feed is expanded entry by entry, anything else is taken
  as an article page whose main text trafilatura extracts.

Feed entries link to article pages: with ``fetch=True`` each page is fetched and extracted,
and the entry's own summary is used only when the page cannot be had (or ``fetch=False``).

Publication dates come from the input itself (header, field, column), the feed entry, or the
page's metadata (trafilatura, then htmldate); else from ``default_date`` (``--date``); else
they are left unknown. Every article says where its date came from (`SourceItem.date_origin`)
and none is ever given today's date by default.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from eventwire.errors import InputError
from eventwire.models import Article, ErrorRecord
from eventwire.text import readers
from eventwire.text.fetch import DEFAULT_TIMEOUT, FetchPolicy, same_host
from eventwire.text.fetch import fetch as fetch_url

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
CSV_SUFFIXES = {".csv"}
_URL = re.compile(r"^https?://", re.IGNORECASE)
_FEED_HEAD = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceItem:
    """An article (or the error that replaced it), where it came from, and its date's origin."""

    record: Article | ErrorRecord
    input: str
    date_origin: str = "unknown"  # input | feed | page | default | unknown


@dataclass(frozen=True)
class SourceOptions:
    default_date: Date | None = None
    max_bytes: int = readers.DEFAULT_MAX_BYTES
    fetch: bool = True
    text_column: str = "text"
    date_column: str = "date"
    id_column: str = "id"
    timeout: float = DEFAULT_TIMEOUT  # for each whole fetch, not each read
    follow_redirects: bool = False  # redirects and feed links to other hosts
    allow_private: bool = False  # loopback, private and link-local addresses

    def policy(self) -> FetchPolicy:
        return FetchPolicy(self.timeout, self.max_bytes, self.follow_redirects, self.allow_private)


def check_sources(sources: Sequence[str]) -> None:
    """Fail before any work when a named file or folder does not exist."""
    if not sources:
        raise InputError("no source given: name files, folders, feeds, URLs or '-' for stdin")
    for source in sources:
        if source == "-" or is_url(source):
            continue
        if not Path(source).exists():
            raise InputError(f"{source}: no such file or folder")


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def expand(sources: Sequence[str], options: SourceOptions | None = None) -> Iterator[SourceItem]:
    """Every article of every source, in order; one bad record costs only itself."""
    options = options or SourceOptions()
    for source in sources:
        try:
            yield from _expand_one(source, options)
        except InputError as exc:
            yield SourceItem(ErrorRecord(error=str(exc), input=source), source)


def _expand_one(source: str, options: SourceOptions) -> Iterator[SourceItem]:
    if is_url(source):
        yield from _from_url(source, options)
        return
    path = Path(source)
    if source != "-" and path.is_dir():
        yield from _from_folder(path, options)
    elif source != "-" and path.suffix.lower() in CSV_SUFFIXES:
        yield from _from_csv(path, options)
    elif source != "-" and path.suffix.lower() in FEED_SUFFIXES:
        data = readers._read_limited(path, options.max_bytes)
        yield from _from_feed(data, str(path), options)
    else:
        yield from _from_readers(source, options)


def _from_readers(source: str | Path, options: SourceOptions) -> Iterator[SourceItem]:
    """Files readers.py knows; the default date is applied here so its origin is recorded."""
    for record in readers.read_articles(source, None, options.max_bytes):
        yield _dated(record, str(source), "input", options)


def _dated(
    record: Article | ErrorRecord, name: str, origin: str, options: SourceOptions
) -> SourceItem:
    if isinstance(record, ErrorRecord):
        return SourceItem(record, name)
    if record.date is not None:
        return SourceItem(record, name, origin)
    if options.default_date is not None:
        return SourceItem(record.model_copy(update={"date": options.default_date}), name, "default")
    return SourceItem(record, name, "unknown")


def _from_folder(folder: Path, options: SourceOptions) -> Iterator[SourceItem]:
    """readers.py for its formats, then the CSV and feed files of the folder."""
    own = sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in CSV_SUFFIXES | FEED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    )
    known = any(
        p.suffix.lower() in readers.FORMATS and not p.name.startswith(".")
        for p in folder.rglob("*")
    )
    if known or not own:
        yield from _from_readers(folder, options)
    for path in own:
        try:
            yield from _expand_one(str(path), options)
        except InputError as exc:
            yield SourceItem(ErrorRecord(error=str(exc), input=str(path)), str(path))


# --- CSV ---------------------------------------------------------------------------------------


def _from_csv(path: Path, options: SourceOptions) -> Iterator[SourceItem]:
    """One article per row; the text column is required, id/title/url/source and the date
    column (`date` unless told) optional."""
    name = str(path)
    text = readers._decode(readers._read_limited(path, options.max_bytes), name)
    csv.field_size_limit(max(options.max_bytes, 131072))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = {c.strip().lower(): c for c in rows.fieldnames or [] if c}
    wanted = options.text_column.strip().lower()
    for given in _required_columns(options):
        if given.strip().lower() not in columns:
            found = ", ".join(columns) or "none"
            raise InputError(f"{name}: no {given!r} column (columns: {found})")
    try:
        for lineno, row in enumerate(rows, start=2):
            yield _csv_row(row, columns, wanted, name, lineno, options)
    except csv.Error as exc:  # the rows before it are kept
        raise InputError(f"{name}, line {rows.line_num}: unreadable CSV ({exc})") from exc


def _required_columns(options: SourceOptions) -> list[str]:
    """The text column must exist, and so must a date or id column named on purpose; a missing
    `date` or `id` column (the defaults) only means the rows carry no date or id."""
    named = [(options.date_column, "date"), (options.id_column, "id")]
    return [options.text_column, *(given for given, default in named if given != default)]


def _csv_row(
    row: dict, columns: dict[str, str], wanted: str, name: str, lineno: int, opts: SourceOptions
) -> SourceItem:
    where = f"{name}, line {lineno}"
    body = (row.get(columns[wanted]) or "").strip()
    if not body:
        return SourceItem(
            ErrorRecord(error=f"{where}: empty text", input=name, record=lineno), name
        )
    meta = {k: row.get(columns[k]) for k in readers.META_KEYS if k in columns}
    meta["date"] = row.get(columns.get(opts.date_column.strip().lower(), ""))
    if (id_column := opts.id_column.strip().lower()) in columns:
        meta["id"] = row.get(columns[id_column])
    try:
        article = readers._article(readers._normalise(body), meta, where, None, f"{name}:{lineno}")
    except InputError as exc:
        return SourceItem(ErrorRecord(error=str(exc), input=name, record=lineno), name)
    return _dated(article, name, "input", opts)


# --- the web and feeds ---------------------------------------------------------------------


def fetch(url: str, options: SourceOptions) -> tuple[bytes, str]:
    """GET a URL under the options' deadline, size cap, redirect and address rules."""
    return fetch_url(url, options.policy())


def _from_url(url: str, options: SourceOptions) -> Iterator[SourceItem]:
    data, kind = fetch(url, options)
    if _looks_like_feed(data, kind):
        yield from _from_feed(data, url, options, origin=url)
    else:
        yield _page_item(data, kind, url, url, options)


def _looks_like_feed(data: bytes, kind: str) -> bool:
    kind = kind.lower()
    if any(k in kind for k in ("rss", "atom")):
        return True
    return bool(_FEED_HEAD.search(data[:2048]))


def _decode_page(data: bytes, kind: str) -> str:
    match = re.search(r"charset=([\w-]+)", kind, re.IGNORECASE)
    try:
        text = data.decode(match.group(1) if match else "utf-8", errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return readers._normalise(text)


def _page_article(data: bytes, kind: str, url: str) -> tuple[Article, str]:
    """Main text and metadata of an article page; the date from trafilatura, else htmldate."""
    html = _decode_page(data, kind)
    article = readers._parse_document(html, "html", url, None)
    article = article.model_copy(update={"url": article.url or url, "id": url})
    if article.date is not None:
        return article, "page"
    found = _htmldate(html, url)
    if found is None:
        return article, "unknown"
    return article.model_copy(update={"date": found}), "page"


def _htmldate(html: str, url: str) -> Date | None:
    """A publication date from the page's markup; no guessing from the page's whole text."""
    from htmldate import find_date

    logging.getLogger("htmldate").addHandler(logging.NullHandler())
    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # a third-party parser on hostile input: no date, not a crash
        return None
    return Date.fromisoformat(found) if found else None


def _page_item(data: bytes, kind: str, url: str, name: str, options: SourceOptions) -> SourceItem:
    article, origin = _page_article(data, kind, url)
    return _dated(article, name, origin, options)


def _from_feed(
    data: bytes, name: str, options: SourceOptions, origin: str | None = None
) -> Iterator[SourceItem]:
    """Entries of a feed; `origin` is the feed's URL when it was fetched (its links must stay
    on its host unless ``follow_redirects``), None for a feed file the user gave."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = "no entries" if not parsed.get("bozo") else "not a readable RSS/Atom feed"
        raise InputError(f"{name}: {problem}")
    channel = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        yield _feed_entry(entry, channel, name, index, options, origin)


def _feed_entry(
    entry, channel: str | None, name: str, index: int, opts: SourceOptions, origin: str | None
):
    link = entry.get("link")
    where = f"{name}, entry {index}"
    entry_date = _entry_date(entry)
    page: tuple[Article, str] | None = None
    problem = ""
    if opts.fetch and link and is_url(link):
        try:
            page = _linked_page(link, opts, origin)
        except InputError as exc:
            problem = str(exc)
    if page is None:
        page = _entry_article(entry, link, where, problem)
        if isinstance(page, ErrorRecord):
            return SourceItem(page, name)
    article, page_origin = page
    update = {
        "title": entry.get("title") or article.title,
        "source": article.source or channel,
        "url": link or article.url,
        "id": link or entry.get("id") or f"{name}#{index}",
    }
    if entry_date is not None:
        update["date"], page_origin = entry_date, "feed"
    article = Article.model_validate({**article.model_dump(), **update})  # the feed's strings
    return _dated(article, name, page_origin, opts)


def _linked_page(link: str, opts: SourceOptions, origin: str | None) -> tuple[Article, str]:
    """The page a feed entry links to; a fetched feed may only send us to its own host."""
    if origin is not None and not opts.follow_redirects and not same_host(link, origin):
        raise InputError(
            f"{link}: not fetched, a link to another host than the feed's "
            "(pass --follow-redirects to fetch it)"
        )
    data, kind = fetch(link, opts)
    return _page_article(data, kind, link)


def _entry_date(entry) -> Date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return Date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:  # a year the calendar has not got ("99999"): no date
                return None
    return None


def _entry_article(entry, link: str | None, where: str, problem: str):
    """The entry's own content or summary, when the linked page is not available."""
    html = ""
    if entry.get("content"):
        html = entry["content"][0].get("value", "")
    html = html or entry.get("summary", "")
    text = readers._paragraphs(readers._strip_tags(html)) if html.strip() else ""
    if not text:
        reason = problem or "no text and no fetchable link"
        return ErrorRecord(error=f"{where}: {reason}", input=where)
    return Article(id=link or where, text=readers._normalise(text), url=link), "feed"
