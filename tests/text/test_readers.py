"""Readers: every input format, metadata and dates, and garbage that must fail clearly."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.models import Article, ErrorRecord
from eventwire.text.readers import read_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def one(path, **kwargs) -> Article:
    items = list(read_articles(path, **kwargs))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text ------------------------------------------------------------------------------


def test_text_header_block_gives_metadata_and_is_not_text(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        "Title: Ministers meet\nDate: 2024-10-02\nSource: Desk\nURL: https://x.test/a\n\n"
        "The ministers met in Vienna on Tuesday.\n",
    )
    article = one(path)
    assert article.text == "The ministers met in Vienna on Tuesday."
    assert (article.title, article.date, article.source, article.url) == (
        "Ministers meet",
        date(2024, 10, 2),
        "Desk",
        "https://x.test/a",
    )
    assert article.id == str(path)


def test_text_without_header_keeps_first_paragraph(tmp_path):
    body = "Kyiv: officials said the talks went well.\n\nA second paragraph follows."
    article = one(write(tmp_path, "b.txt", body))
    assert article.text == body
    assert article.date is None


def test_text_headline_is_title_but_stays_in_text(tmp_path):
    body = "Leaders gather in Rome for summit\nThe leaders met on Monday."
    article = one(write(tmp_path, "c.txt", body))
    assert article.title == "Leaders gather in Rome for summit"
    assert article.text == body


def test_default_date_only_when_input_has_none(tmp_path):
    dated = write(tmp_path, "d.txt", "Date: 2024-01-05\n\nSome text here.")
    undated = write(tmp_path, "e.txt", "Some text here.")
    assert one(dated, default_date=date(2020, 1, 1)).date == date(2024, 1, 5)
    assert one(undated, default_date=date(2020, 1, 1)).date == date(2020, 1, 1)


def test_invalid_header_date_is_reported_and_the_article_kept_undated(tmp_path, caplog):
    path = write(tmp_path, "f.txt", "Date: last Tuesday\n\nSome text.")
    article = one(path, default_date=date(2020, 1, 1))
    assert article.text == "Some text." and article.date is None
    assert "f.txt: invalid date 'last Tuesday'" in caplog.text


def test_crlf_and_decomposed_unicode_are_normalised(tmp_path):
    path = write(tmp_path, "g.txt", "Cafe\u0301 owners met.\r\nThey agreed.\r\n".encode())
    assert one(path).text == "Caf\u00e9 owners met.\nThey agreed."


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_front_matter_and_markup_stripped(tmp_path):
    path = write(
        tmp_path,
        "m.md",
        '---\ntitle: "Talks in Oslo"\ndate: 2025-02-03\nsource: Wire\ntags: [a, b]\n---\n\n'
        "# Talks in Oslo\n\nNorway **hosted** talks with [Sweden](https://se.test) and "
        "`Finland`\non Monday.\n\n- First item.\n- Second item.\n\n```\ncode()\n```\n\n"
        "![chart](c.png)\n",
    )
    article = one(path)
    assert article.title == "Talks in Oslo"
    assert article.date == date(2025, 2, 3)
    assert article.source == "Wire"
    assert article.text == (
        "Talks in Oslo\n\nNorway hosted talks with Sweden and Finland on Monday.\n\n"
        "First item.\n\nSecond item."
    )


def test_markdown_without_front_matter_takes_h1_title(tmp_path):
    article = one(write(tmp_path, "n.md", "# Heading one\n\nBody text."))
    assert article.title == "Heading one"
    assert article.date is None


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Ports reopen | Harbour News</title>
<meta property="og:site_name" content="Harbour News">
<meta name="date" content="2024-06-11"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news section</a></nav>
<article><h1>Ports reopen after strike</h1>
<p>Dock workers in Rotterdam ended a three-day strike on Tuesday after the port authority
accepted a new wage offer, union leaders said in a statement to reporters.</p>
<p>Ships that had waited at anchor began unloading cargo within hours, and officials expected
the backlog to clear by the end of the week according to the harbour master.</p>
</article><footer>Copyright Harbour News. Subscribe to our newsletter today.</footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    article = one(write(tmp_path, "p.html", PAGE))
    assert "Dock workers in Rotterdam ended a three-day strike" in article.text
    assert "Subscribe" not in article.text and "World news section" not in article.text
    assert article.date == date(2024, 6, 11)
    assert article.title and "Ports reopen" in article.title


@pytest.mark.parametrize(
    "html",
    ["<html><body><p>Unclosed <b>bold <i>text</p></div></span>", "<<<>>>< p", "<html></html>"],
)
def test_malformed_html_never_crashes(tmp_path, html):
    path = write(tmp_path, "bad.htm", html)
    try:
        items = list(read_articles(path))
    except InputError as exc:
        assert "bad.htm" in str(exc)
    else:
        assert len(items) == 1 and items[0].text.strip()


def test_html_with_no_text_is_a_clear_error(tmp_path):
    path = write(tmp_path, "empty.html", "<html><head><title></title></head><body></body></html>")
    with pytest.raises(InputError, match=r"empty\.html: no main text"):
        list(read_articles(path))


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_bad_lines_become_error_records_and_reading_continues(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "First article.", "date": "2024-05-01T08:00:00Z"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text"}),
        "",
        json.dumps([1, 2]),
        json.dumps({"text": "Dated badly.", "date": "May 2024"}),
        json.dumps({"text": "Last one.", "source": "Wire", "url": "https://x.test/5"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = list(read_articles(path, default_date=date(2024, 1, 1)))
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "Article",
        "ErrorRecord",
        "ErrorRecord",
        "ErrorRecord",
        "Article",
        "Article",
    ]
    first, badly, last = items[0], items[-2], items[-1]
    assert (first.id, first.date) == ("a1", date(2024, 5, 1))
    assert (badly.text, badly.date) == ("Dated badly.", None)  # kept, undated, reported
    assert (last.id, last.date, last.source) == (f"{path}:7", date(2024, 1, 1), "Wire")
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert [e.record for e in errors] == [2, 3, 5]
    assert all(e.input == str(path) and f"line {e.record}" in e.error for e in errors)
    assert "malformed JSON" in errors[0].error and '"text"' in errors[1].error


def test_jsonl_overlong_record_is_skipped_without_stopping(tmp_path):
    big = json.dumps({"text": "x " * 2000})
    path = write(tmp_path, "big.jsonl", big + "\n" + json.dumps({"text": "Small."}) + "\n")
    items = list(read_articles(path, max_bytes=1000))
    assert isinstance(items[0], ErrorRecord) and "over the" in items[0].error
    assert isinstance(items[1], Article) and items[1].text == "Small."


def test_binary_file_named_jsonl_is_one_error_not_thousands(tmp_path):
    path = write(tmp_path, "x.jsonl", (b"\x00\x7f{}\n" * 5000))
    with pytest.raises(InputError, match=r"x\.jsonl: binary content"):
        list(read_articles(path))


def test_empty_jsonl_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"e\.jsonl: empty input"):
        list(read_articles(write(tmp_path, "e.jsonl", "\n\n")))


# --- garbage ---------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", "  \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: empty input"):
        list(read_articles(path))


def test_binary_file_with_nul_bytes(tmp_path):
    path = write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    with pytest.raises(InputError, match=r"img\.txt: binary content"):
        list(read_articles(path))


def test_binary_file_without_nul_bytes(tmp_path):
    noise = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    with pytest.raises(InputError, match="binary content"):
        list(read_articles(write(tmp_path, "noise.txt", noise)))


def test_rare_invalid_utf8_is_repaired(tmp_path):
    data = ("Ministers met in Geneva on Friday. " * 20).encode() + b"\xff" + b" They agreed."
    article = one(write(tmp_path, "rare.txt", data))
    assert "\ufffd" in article.text and article.text.endswith("They agreed.")


def test_frequent_invalid_utf8_is_an_error(tmp_path):
    latin1 = ("Le ministre a déclaré qu'il était prêt à négocier. " * 10).encode("latin-1")
    with pytest.raises(InputError, match=r"latin\.txt: not valid UTF-8"):
        list(read_articles(write(tmp_path, "latin.txt", latin1)))


def test_over_limit_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: created instantly, and reading it would be slow
    with pytest.raises(InputError, match=r"huge\.txt: file is 50 MB, over the 20 MB limit"):
        list(read_articles(path))


def test_size_limit_is_settable(tmp_path):
    path = write(tmp_path, "s.txt", "A short article about talks. " * 100)
    with pytest.raises(InputError, match="over the"):
        list(read_articles(path, max_bytes=1000))
    assert one(path, max_bytes=10_000).text.startswith("A short article")


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_articles(tmp_path / "nope.txt"))


# --- folders and stdin -----------------------------------------------------------------------


def test_folder_is_read_recursively_sorted_and_errors_do_not_stop_it(tmp_path):
    write(tmp_path, "b.txt", "Second article text.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", "# A\n\nFirst article text.")
    write(tmp_path, "a_empty.txt", "")
    write(tmp_path, "notes.csv", "ignored,file")
    write(tmp_path, "README.md", "About this folder.")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "x.txt", "Hidden text.")
    items = list(read_articles(tmp_path))
    assert [type(i).__name__ for i in items] == ["ErrorRecord", "Article", "Article"]
    assert "empty input" in items[0].error and items[0].input.endswith("a_empty.txt")
    assert [i.text for i in items[1:]] == ["Second article text.", "A\n\nFirst article text."]


def test_folder_without_articles(tmp_path):
    write(tmp_path, "data.csv", "a,b")
    with pytest.raises(InputError, match="no article files found"):
        list(read_articles(tmp_path))


def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl_is_detected(monkeypatch):
    fake_stdin(monkeypatch, b'\n  {"text": "One."}\n{"text": "Two.", "date": "2024-02-02"}\n')
    items = list(read_articles("-"))
    assert [a.text for a in items] == ["One.", "Two."]
    assert items[1].date == date(2024, 2, 2) and items[0].id == "<stdin>:2"


def test_stdin_text(monkeypatch):
    fake_stdin(monkeypatch, b"\n\nDate: 2024-03-03\n\nTroops withdrew from the town.\n")
    article = one("-")
    assert article.text == "Troops withdrew from the town." and article.date == date(2024, 3, 3)


@pytest.mark.parametrize(
    ("data", "message"), [(b"", "empty input"), (b"\x00\x01\x02" * 100, "binary content")]
)
def test_stdin_garbage(monkeypatch, data, message):
    fake_stdin(monkeypatch, data)
    with pytest.raises(InputError, match=f"<stdin>: {message}"):
        list(read_articles("-"))


def test_stdin_over_limit(monkeypatch):
    fake_stdin(monkeypatch, b"word " * 1000)
    with pytest.raises(InputError, match="<stdin>: input is over the"):
        list(read_articles("-", max_bytes=1000))


# --- the bundled examples --------------------------------------------------------------------


def test_examples_all_read_with_dates_and_sensible_lengths():
    items = list(read_articles(EXAMPLES))
    assert all(isinstance(i, Article) for i in items), items
    assert len(items) >= 7
    assert {Path(i.id).suffix for i in items if not i.id.startswith("wire-")} >= {
        ".txt",
        ".md",
        ".html",
    }
    for article in items:
        assert article.date and date(2024, 1, 1) <= article.date <= date(2025, 12, 31)
        assert article.title
        assert 150 <= len(article.text.split()) <= 350, article.id
        assert "Privacy policy" not in article.text and "Subscribe" not in article.text


def test_examples_do_not_reuse_seed_sentences():
    seed = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed_article.txt"
    if not seed.exists():
        pytest.skip("../shared is not present")
    seed_sentences = {s.strip() for s in seed.read_text().replace("\n", ". ").split(". ")}
    seed_sentences = {s for s in seed_sentences if len(s.split()) >= 6}
    text = " ".join(a.text for a in read_articles(EXAMPLES))
    assert not [s for s in seed_sentences if s in text]


# --- hostile JSONL lines (issue 13): each costs its own line, never the file ----------------

GOOD_LINE = json.dumps({"id": "good", "text": "Kenya thanked Ghana for the aid."})


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"text": "ok", "n": ' + "9" * 5000 + "}", "a number too long to read"),
        ('{"text": "ok", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"text": "a\x01b"}', "Invalid control character at column 12"),
        ('{"text": 5}', '"text" must be a string, not a number'),
    ],
    ids=["huge-int", "deep-nesting", "control-char", "text-not-string"],
)
def test_jsonl_hostile_line_is_one_error_and_the_rest_is_read(tmp_path, bad, problem):
    """Regression: huge ints and deep nesting raised ValueError/RecursionError out of the reader;
    the control-character message read "... at at column N"."""
    path = write(tmp_path, "h.jsonl", f"{bad}\n{GOOD_LINE}\n")
    error, article = list(read_articles(path))
    assert isinstance(error, ErrorRecord) and error.record == 1
    assert error.error.startswith(f"{path}, line 1: ") and problem in error.error
    assert " at at " not in error.error
    assert isinstance(article, Article) and article.id == "good"


def test_jsonl_stray_nul_byte_costs_only_its_line(tmp_path):
    """Regression: one raw NUL byte on one line refused the whole file."""
    path = write(tmp_path, "n.jsonl", b'{"text": "a\x00b"}\n' + GOOD_LINE.encode() + b"\n")
    error, article = list(read_articles(path))
    assert isinstance(error, ErrorRecord) and "line 1: binary content" in error.error
    assert isinstance(article, Article) and article.id == "good"


def test_jsonl_lone_surrogate_escape_is_repaired_in_place(tmp_path):
    """Regression: "\\ud800" decoded to a lone surrogate that no UTF-8 writer accepts."""
    path = write(tmp_path, "s.jsonl", '{"text": "A\\ud800B", "title": "\\udfff"}\n')
    article = one(path)
    assert (article.text, article.title) == ("A\ufffdB", "\ufffd")
    article.text.encode("utf-8")


@pytest.mark.parametrize("depth", [1200, 100_000])
def test_deeply_nested_html_keeps_its_text(tmp_path, depth):
    """Regression: libxml2 gives up past a few thousand nested tags and the text was lost."""
    body = "<p>Chile recalled its ambassador from Peru.</p>"
    html = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    assert (
        one(write(tmp_path, "deep.html", html)).text == "Chile recalled its ambassador from Peru."
    )
