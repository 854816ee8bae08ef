"""Feeds and article URLs served from a local HTTP server on 127.0.0.1 (no outside network).

Fetching from loopback addresses is refused by default, so these runs allow it (the CLI's
``--allow-private``)."""

from __future__ import annotations

import functools
import http.server
import threading
from datetime import date

import duckdb
import pytest

from eventwire.corpus.ingest import SKIP_UNREADABLE, ingest
from eventwire.text.sources import SourceOptions, expand

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>
<nav>Home | World | Sport</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The statement was published after a meeting of senior officials that lasted most of the
afternoon, according to people familiar with the discussions.</p>
<p>Neither side gave details of the next round, which diplomats expect later in the season.</p>
</article><footer>Copyright Example News</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>{base}/</link>
<description>Test feed</description>
<item><title>Ministers meet</title><link>{base}/one.html</link>
  <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Aid pledged</title><link>{base}/two.html</link>
  <pubDate>Wed, 06 Mar 2024 09:30:00 GMT</pubDate></item>
<item><title>Gone page</title><link>{base}/missing.html</link>
  <pubDate>Thu, 07 Mar 2024 10:00:00 GMT</pubDate>
  <description>Norway sent humanitarian aid to Sudan, the ministry said.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2024-04-02T00:00:00Z</updated>
<entry><title>Envoys</title><id>urn:desk:1</id><link href="{base}/one.html"/>
  <updated>2024-04-01T12:00:00Z</updated>
  <content type="html">&lt;p&gt;Canada criticised Iran over the detentions.&lt;/p&gt;
  </content></entry>
</feed>"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = {
        "one.html": ("France and Germany hold talks", "France held talks with Germany in Berlin "
                     "on Monday about energy prices and border controls.", ""),
        "two.html": ("Japan pledges aid", "Japan pledged emergency aid to Peru after the floods "
                     "that destroyed roads and bridges in the north.", ""),
        "dated.html": ("Brazil criticises Argentina", "Brazil criticised Argentina over new "
                       "import tariffs that hit car makers.",
                       '<meta property="article:published_time" content="2023-11-20T10:00:00Z">'),
        "undated.html": ("Kenya condemns attack", "Kenya condemned the attack on a border post "
                         "and summoned the ambassador.", ""),
    }  # fmt: skip
    for name, (title, body, meta) in pages.items():
        (root / name).write_text(PAGE.format(title=title, body=body, meta=meta), "utf-8")
    (root / "feed.xml").write_text(RSS.format(base=base), "utf-8")
    (root / "atom.xml").write_text(ATOM.format(base=base), "utf-8")
    (root / "notfeed.xml").write_text("<?xml version='1.0'?><catalog><book/></catalog>", "utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root
    server.shutdown()
    server.server_close()


LOCAL = SourceOptions(allow_private=True)


def articles(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT url, title, source, pub_date, date_origin, text FROM articles"
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def test_rss_feed_url_fetches_linked_pages(site, tmp_path, coder):
    base, _ = site
    db = tmp_path / "f.duckdb"
    summary = ingest([f"{base}/feed.xml"], db, LOCAL, coder=coder)
    assert summary.stored == 3 and summary.mentions > 0
    got = articles(db)
    title, source, day, origin, text = got[f"{base}/one.html"]
    assert (title, source, day, origin) == (
        "Ministers meet",
        "Example Wire",
        date(2024, 3, 5),
        "feed",
    )
    assert "energy prices" in text and "Home | World" not in text  # main text only
    assert got[f"{base}/two.html"][2] == date(2024, 3, 6)
    fallback = got[f"{base}/missing.html"]  # the page is a 404: the entry's summary is used
    assert fallback[4].startswith("Norway sent humanitarian aid")


def test_article_urls_take_the_page_date_or_none(site, tmp_path, coder):
    base, _ = site
    db = tmp_path / "p.duckdb"
    ingest([f"{base}/dated.html", f"{base}/undated.html"], db, LOCAL, coder=coder)
    got = articles(db)
    assert got[f"{base}/dated.html"][2:4] == (date(2023, 11, 20), "page")
    assert got[f"{base}/undated.html"][2:4] == (None, "unknown")  # never today's date


def test_atom_feed_file_without_fetching(site, tmp_path):
    _, root = site
    items = list(expand([str(root / "atom.xml")], SourceOptions(fetch=False)))
    assert len(items) == 1
    article = items[0].record
    assert article.text == "Canada criticised Iran over the detentions."
    assert (article.date, article.source, items[0].date_origin) == (
        date(2024, 4, 1),
        "Atom Desk",
        "feed",
    )


def test_bad_urls_and_non_feeds_are_error_records(site, tmp_path, coder):
    base, root = site
    errors = []
    summary = ingest(
        [f"{base}/nothing-here.html", str(root / "notfeed.xml")],
        tmp_path / "b.duckdb",
        LOCAL,
        coder=coder,
        on_error=errors.append,
    )
    assert summary.stored == 0 and summary.skipped[SKIP_UNREADABLE] == 2
    assert "HTTP 404" in errors[0].error
    assert "notfeed.xml" in errors[1].error
