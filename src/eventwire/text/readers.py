"""Turn files, folders and stdin into `Article` records, and bad input into clear errors.

Formats, chosen by file extension (a folder is walked recursively in sorted order and only
files with these extensions are read; hidden files and folders and README files are skipped):

- ``.txt``/``.text`` -- plain text. An optional header block of ``Key: value`` lines (keys
  ``Title``, ``Date``, ``Source``, ``URL``, ``Id``; any case) ended by a blank line gives the
  article's metadata and is not part of its text::

      Title: Ministers meet in Vienna
      Date: 2024-10-02

      The foreign ministers of ...

  Without a ``Title`` header, a short first line without final punctuation that stands alone
  in its paragraph is taken as the title (it stays in the text).
- ``.md``/``.markdown`` -- Markdown, with an optional ``---`` front matter block of
  ``key: value`` lines (title, date, source, url, id); the markup is reduced to plain text
  (paragraphs, headings, list items, table rows; code blocks and images are dropped).
- ``.html``/``.htm`` -- the main text is extracted with trafilatura, title/date/site from the
  page metadata; when trafilatura finds nothing the tags are stripped with lxml instead.
- ``.jsonl``/``.ndjson`` -- one article per line: ``{"id","text","title","url","source","date"}``.
  A bad line becomes an `ErrorRecord` naming the file and line, and reading goes on.
- ``-`` -- stdin: JSONL when the first non-blank character is ``{``, HTML when it starts like a
  page, otherwise plain text.

Dates in the input may be in any format people write them (``eventwire.text.pubdates``: ISO, RFC
2822, "October 23, 2025", "23/10/2025", epoch seconds); a date that names no whole day is
reported as a warning on the ``eventwire.input`` logger and the article is kept undated.
``default_date`` is used only for articles that carry no date at all. Whatever normalisation
happens (newlines, Unicode NFC, outer whitespace) happens before the `Article` is built,
because event offsets index `Article.text`.

Size: files above ``max_bytes`` (default 20 MB) are refused from their size alone, before any
reading. JSONL is streamed line by line, so there the limit applies to each line (record).
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date as Date
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.models import Article, ErrorRecord
from eventwire.text.pubdates import parse_publication_date

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN_NAME = "<stdin>"

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
META_KEYS = {"title", "date", "source", "url", "id"}

# Invalid UTF-8 is repaired only when rare: more than this share of bad characters means
# the file is in another encoding (or is not text), and guessing would corrupt the offsets.
MAX_BAD_UTF8_SHARE = 0.01
MIN_BAD_UTF8_ALLOWED = 3
BINARY_SHARE = 0.2
JSONL_HEAD_BYTES = 65536

Item = Article | ErrorRecord
log = logging.getLogger("eventwire.input")


def read_articles(
    source: str | Path,
    default_date: Date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield the articles of a file, a folder or stdin (``"-"``), in input order.

    A problem with the single input given raises `InputError`; inside a folder or a JSONL
    stream each bad file or line becomes an `ErrorRecord` so one bad record costs only itself.
    """
    if str(source) == "-":
        yield from _read_stdin(default_date, max_bytes)
        return
    path = Path(source)
    if path.is_dir():
        yield from _read_folder(path, default_date, max_bytes)
    elif path.exists():
        yield from _read_file(path, default_date, max_bytes)
    else:
        raise InputError(f"{path}: no such file or folder")


def _read_folder(folder: Path, default_date: Date | None, max_bytes: int) -> Iterator[Item]:
    """Read every known file under a folder; one unreadable file is an error record, not fatal."""
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in FORMATS
        and not p.name.lower().startswith("readme.")
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    )
    if not files:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{folder}: no article files found (looked for {known})")
    for path in files:
        try:
            yield from _read_file(path, default_date, max_bytes)
        except InputError as exc:
            yield ErrorRecord(error=str(exc), input=str(path))


def _read_file(path: Path, default_date: Date | None, max_bytes: int) -> Iterator[Item]:
    name = str(path)
    kind = FORMATS.get(path.suffix.lower())
    try:
        if kind == "jsonl":
            with path.open("rb") as stream:
                _refuse_binary(stream.read(JSONL_HEAD_BYTES), name)
                stream.seek(0)
                yield from _jsonl_records(stream, name, default_date, max_bytes)
            return
        data = _read_limited(path, max_bytes)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    text = _decode(data, name)
    kind = kind or _sniff(text)
    if kind == "jsonl":
        yield from _jsonl_records(_lines_of(data), name, default_date, max_bytes)
    else:
        yield _parse_document(text, kind, name, default_date)


def _read_stdin(default_date: Date | None, max_bytes: int) -> Iterator[Item]:
    """Sniff stdin from its first non-blank line, then stream JSONL or read a document."""
    stream = sys.stdin.buffer
    first, skipped = b"", 0
    for line in _binary_lines(stream, max_bytes):
        if line is None:
            raise InputError(f"{STDIN_NAME}: input is over the {_mb(max_bytes)} limit")
        if line.strip():
            first = line
            break
        skipped += 1
    if not first:
        raise InputError(f"{STDIN_NAME}: empty input")
    if first.lstrip().removeprefix(codecs.BOM_UTF8).startswith(b"{"):
        lines = _prepend(first, _binary_lines(stream, max_bytes))
        yield from _jsonl_records(lines, STDIN_NAME, default_date, max_bytes, start=skipped + 1)
        return
    data = first + stream.read(max_bytes + 1 - len(first))
    if len(data) > max_bytes:
        raise InputError(f"{STDIN_NAME}: input is over the {_mb(max_bytes)} limit")
    text = _decode(data, STDIN_NAME)
    yield _parse_document(text, _sniff(text), STDIN_NAME, default_date)


# --- bytes and decoding ------------------------------------------------------------------


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing an oversized one from its size before reading anything."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: file is {_mb(size)}, over the {_mb(max_bytes)} limit")
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)  # a pipe or device may lie about its size
    if len(data) > max_bytes:
        raise InputError(f"{path}: file is over the {_mb(max_bytes)} limit")
    return data


def _refuse_binary(head: bytes, name: str) -> None:
    """Stop a binary file named .jsonl up front, instead of one error record per 'line'.

    Only more than a few NUL bytes mark a binary file: a stray NUL on one line of a text file
    costs that line alone (its record becomes an error)."""
    if head.count(b"\x00") > max(MIN_BAD_UTF8_ALLOWED, MAX_BAD_UTF8_SHARE * len(head)):
        raise InputError(f"{name}: binary content (NUL bytes), not text")


def _mb(n: int) -> str:
    return f"{n / 2**20:.3g} MB"


def _decode(data: bytes, name: str) -> str:
    """Decode UTF-8 text, repairing rare bad bytes and refusing binary or foreign encodings."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise InputError(f"{name}: binary content (NUL bytes), not text")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if bad > BINARY_SHARE * len(text) or _mostly_controls(text):
        raise InputError(f"{name}: binary content, not text")
    if bad > max(MIN_BAD_UTF8_ALLOWED, MAX_BAD_UTF8_SHARE * len(text)):
        raise InputError(f"{name}: not valid UTF-8 ({bad} undecodable bytes); convert it to UTF-8")
    return _normalise(text)


def _mostly_controls(text: str, sample: int = 65536) -> bool:
    """Control characters other than whitespace dominate: a binary file that decoded anyway."""
    head = text[:sample]
    controls = sum(1 for ch in head if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls > BINARY_SHARE * len(head)


def _normalise(text: str) -> str:
    """One newline convention and NFC, so offsets mean the same thing for every input."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _sniff(text: str) -> str:
    """Guess the format of a file whose extension says nothing."""
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<") and re.search(r"<(html|body|p|div|article)\b", head):
        return "html"
    return "text"


# --- documents -----------------------------------------------------------------------------


def _parse_document(text: str, kind: str, name: str, default_date: Date | None) -> Article:
    if kind == "markdown":
        meta, body = _split_front_matter(text)
        body, heading = _markdown_to_text(body)
        meta.setdefault("title", heading)
    elif kind == "html":
        meta, body = _html_to_text(text, name)
    else:
        meta, body = _split_header_block(text)
        meta.setdefault("title", _headline(body))
    body = body.strip()
    if not body:
        raise InputError(f"{name}: no article text")
    return _article(body, meta, name, default_date, default_id=name)


def _article(
    body: str, meta: dict, name: str, default_date: Date | None, default_id: str
) -> Article:
    """Build the record; an unreadable date is reported and the record kept undated, never
    given another day."""
    raw_date = meta.get("date")
    when = _readable_date(raw_date, name) if raw_date not in (None, "") else None
    return Article(
        id=str(meta.get("id") or default_id),
        text=body,
        title=_clean_str(meta.get("title")),
        url=_clean_str(meta.get("url")),
        source=_clean_str(meta.get("source")),
        date=when or (default_date if raw_date in (None, "") else None),
    )


def _readable_date(value: object, name: str) -> Date | None:
    try:
        return _parse_date(value, name)
    except InputError as exc:
        log.warning("%s; the article is kept without a date", exc)
        return None


def _clean_str(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    value = str(value).strip()
    return value or None


def _parse_date(value: object, name: str) -> Date:
    """A publication date in any format `eventwire.text.pubdates` reads, or an InputError."""
    try:
        return parse_publication_date(value)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


_META_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def _meta_lines(lines: list[str]) -> dict[str, str] | None:
    """Parse ``key: value`` lines; None if any line is not one (then it is not a header)."""
    meta: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _META_LINE.match(line)
        if not match:
            return None
        key, value = match.group(1).lower(), match.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key] = value
    return meta


def _split_header_block(text: str) -> tuple[dict[str, str], str]:
    """Split a leading block of known ``Key: value`` lines off a plain-text article."""
    text = text.lstrip("\n")
    head, sep, rest = text.partition("\n\n")
    meta = _meta_lines(head.splitlines()) if sep else None
    if not meta or not set(meta) <= META_KEYS:
        return {}, text
    return meta, rest


def _headline(body: str) -> str | None:
    """A first line that stands alone and reads like a headline (short, no final stop)."""
    body = body.strip()
    first, sep, _ = body.partition("\n")
    first = first.strip()
    if not sep or not first or len(first.split()) > 20 or first[-1] in ".!?:;,\"'”":
        return None
    return first


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a ``---`` fenced front matter block off a Markdown article."""
    stripped = text.lstrip("\ufeff\n")
    if not stripped.startswith("---\n"):
        return {}, text
    lines = stripped.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            meta = _meta_lines(lines[1:i]) or {}
            return {k: v for k, v in meta.items() if k in META_KEYS}, "\n".join(lines[i + 1 :])
    return {}, text


def _markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain paragraphs from Markdown, and the first level-1 heading as a fallback title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    row: list[str] | None = None
    title: str | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif tok.type == "inline":
            line = _inline_text(tok.children or [])
            if row is not None:
                row.append(line)
            elif line:
                blocks.append(line)
                if title is None and i and tokens[i - 1].tag == "h1":
                    title = line
    return "\n\n".join(blocks), title


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


def _html_to_text(html: str, name: str) -> tuple[dict[str, str], str]:
    """Main text with trafilatura; strip tags with lxml if it finds none; never crash."""
    import trafilatura

    for logger in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(logger).addHandler(logging.NullHandler())
    try:
        body = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception:  # a third-party parser on hostile input: fall back, don't crash
        body = None
    body = _paragraphs(body or _strip_tags(html))
    if not body:
        raise InputError(f"{name}: no main text found in the HTML")
    return _html_metadata(html), _normalise(body)


def _paragraphs(text: str) -> str:
    """One blank line between extracted blocks, so a headline never runs into the next line."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _html_metadata(html: str) -> dict[str, str]:
    import trafilatura

    try:
        doc = trafilatura.extract_metadata(html)
    except Exception:  # metadata is optional: a page without it is still an article
        return {}
    if doc is None:
        return {}
    meta = {"title": doc.title, "date": doc.date, "url": doc.url, "source": doc.sitename}
    return {k: v for k, v in meta.items() if v}


_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")


def _strip_tags(html: str) -> str:
    """The page's text without boilerplate blocks; a streaming pass when lxml builds no tree."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.ParserError, ValueError):
        return _stream_text(html)
    for element in list(root.iter(*_BOILERPLATE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    return root.text_content() or _stream_text(html)


class _TextCollector(HTMLParser):
    """Text of a page read tag by tag: no tree, so no depth limit (libxml2 stops at a few
    thousand nested tags and then returns nothing). Block tags end a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in _RAW_TEXT_TAGS
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _RAW_TEXT_TAGS:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_RAW_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})


def _stream_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


# --- JSONL ----------------------------------------------------------------------------------


def _binary_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of a byte stream; an over-long line is skipped unread and yields None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _lines_of(data: bytes) -> Iterator[bytes]:
    yield from data.splitlines(keepends=True)


def _jsonl_records(
    stream: BinaryIO | Iterator[bytes],
    name: str,
    default_date: Date | None,
    max_bytes: int,
    start: int = 1,
) -> Iterator[Item]:
    """Articles and per-line errors of a JSONL stream (a binary file or an iterator of lines)."""
    lines = stream if not hasattr(stream, "readline") else _binary_lines(stream, max_bytes)
    seen = 0
    for lineno, line in enumerate(lines, start=start):
        if line is not None and not line.strip():
            continue
        seen += 1
        yield _jsonl_record(line, name, lineno, default_date, max_bytes)
    if not seen:
        raise InputError(f"{name}: empty input")


def _prepend(first: bytes, rest: Iterator[bytes | None]) -> Iterator[bytes | None]:
    yield first
    yield from rest


def _jsonl_record(
    line: bytes | None, name: str, lineno: int, default_date: Date | None, max_bytes: int
) -> Item:
    where = f"{name}, line {lineno}"

    def error(message: str) -> ErrorRecord:
        return ErrorRecord(error=f"{where}: {message}", input=name, record=lineno)

    if line is None:
        return error(f"record is over the {_mb(max_bytes)} limit")
    try:
        obj = json.loads(_decode(line, where))
    except InputError as exc:
        return ErrorRecord(error=str(exc), input=name, record=lineno)
    except json.JSONDecodeError as exc:
        return error(f"malformed JSON ({_json_problem(exc)})")
    except RecursionError:
        return error("malformed JSON (nested too deeply to read)")
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        return error("malformed JSON (a number too long to read)")
    if not isinstance(obj, dict):
        return error("expected a JSON object")
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        return error(f'"text" must be a string, not {_json_type(text)}')
    if not text or not text.strip():
        return error('no "text" field')
    try:
        return _article(_normalise(text).strip(), obj, where, default_date, f"{name}:{lineno}")
    except InputError as exc:
        return ErrorRecord(error=str(exc), input=name, record=lineno)


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's message with its position: "Expecting value at column 9" (some messages,
    like "Invalid control character at", already end in "at")."""
    message = exc.msg if exc.msg.endswith(" at") else f"{exc.msg} at"
    return f"{message} column {exc.colno}"


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), "an object")
