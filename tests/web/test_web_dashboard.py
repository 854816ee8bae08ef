"""The analyst's desk in Debian's chromium (Playwright) over the bundled examples: search, the
filters, the actor page, the download of the selection, the map's tooltips, clusters and time
range, the try-it facts, the keyboard, and a phone-width screen.

Screenshots land in test-artifacts/web/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from eventwire.ontology import cameo_codes  # noqa: E402
from eventwire.web.download import DIGIT_CODES  # noqa: E402
from eventwire.web.testing import CHROMIUM, watched_page  # noqa: E402

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium missing")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(examples_site):
    return examples_site


@pytest.fixture(scope="module")
def browser(chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return chromium


def _tab(browser, site, viewport=DESKTOP):
    return watched_page(browser, site, viewport)


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _rows(page):
    return page.locator("#events-table tbody.event-row")


def test_search_filter_actor_page_and_download(site, browser, tmp_path):
    page = _tab(browser, site)
    page.goto(site + "/")
    everything = _rows(page).count()

    page.fill("#search", '"air defence"')
    page.press("#search", "Enter")
    page.wait_for_url(re.compile(r"q=%22air\+defence%22"))
    found = _rows(page)
    assert 1 <= found.count() < everything
    for i in range(found.count()):  # each row's sentence, opened, holds the phrase
        found.nth(i).locator("button.expand").click()
        sentence = found.nth(i).locator("tr.sentence-row")
        assert sentence.is_visible()
        assert "air defence" in sentence.inner_text().lower()
    _shot(page, "10-search")

    page.select_option("select[name=modality]", "planned")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"modality=planned"))
    planned = _rows(page)
    assert 1 <= planned.count() <= found.count()
    for i in range(planned.count()):
        assert planned.nth(i).locator(".modality").inner_text() == "planned"
    first = planned.first.locator("td").nth(3)  # CAMEO: the code with its name beside it
    assert re.fullmatch(r"\d{2,4}", first.locator(".code").inner_text())
    assert first.locator(".name").inner_text().strip()
    _shot(page, "11-search-planned")

    code = planned.first.locator("a.actor-link").first.inner_text()
    planned.first.locator("a.actor-link").first.click()
    page.wait_for_url(re.compile(rf"/actors/{code}"))
    page.wait_for_selector("canvas#actor-series[data-ready='1']")
    assert page.inner_text("#actor-code") == code
    assert page.locator(".kb-entry").count() >= 1
    assert "as of" in page.inner_text(".kb-entry")
    assert page.locator(".mention mark").count() >= 1  # the words that named it
    _shot(page, "12-actor")

    page.go_back()
    page.wait_for_url(re.compile(r"modality=planned"))
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = tmp_path / "selection.csv"
    download.value.save_as(saved)
    frame = pd.read_csv(saved, dtype=dict.fromkeys(DIGIT_CODES, str))
    shown = [
        planned.nth(i).locator("a.event-link").get_attribute("href").rsplit("/", 1)[1]
        for i in range(planned.count())
    ]
    assert list(frame["id"]) == shown  # exactly the selection, in the table's order
    assert (frame["modality"] == "planned").all()
    assert set(frame["cameo"]) <= set(cameo_codes())
    assert any(c.startswith("0") for c in frame["cameo"])  # "072" stays "072"
    assert page.problems == []


def test_full_download_keeps_leading_zeros(site, browser, tmp_path):
    page = _tab(browser, site)
    page.goto(site + "/")
    total = int(page.inner_text("#events-heading").split()[0])
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = tmp_path / "all.csv"
    download.value.save_as(saved)
    frame = pd.read_csv(saved, dtype=dict.fromkeys(DIGIT_CODES, str))
    assert len(frame) == total
    assert "057" in set(frame["cameo"]) and all(len(r) == 2 for r in frame["root_code"])
    with page.expect_download() as download:
        page.click("#download-parquet")
    parquet = tmp_path / "all.parquet"
    download.value.save_as(parquet)
    assert pd.read_parquet(parquet)["cameo"].tolist() == frame["cameo"].tolist()
    assert page.problems == []


def test_filters_for_confidence_source_and_precision(site, browser):
    page = _tab(browser, site)
    page.goto(site + "/")
    everything = _rows(page).count()
    page.click("details.more summary")
    page.fill("input[name=min_confidence]", "0.8")
    source = page.locator("#sources option").first.get_attribute("value")
    page.fill("input[name=source]", source)
    page.select_option("select[name=date_precision]", "day")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"min_confidence=0.8"))
    rows = _rows(page)
    assert 1 <= rows.count() < everything
    for i in range(rows.count()):
        assert float(rows.nth(i).locator("td").nth(8).inner_text()) >= 0.8
        rows.nth(i).locator("button.expand").click()
        assert source in rows.nth(i).locator("tr.sentence-row").inner_text()
    assert page.locator("details.more").get_attribute("open") is not None  # stays open
    _shot(page, "13-more-filters")
    assert page.problems == []


def test_map_tooltips_clusters_and_time_range(site, browser):
    page = _tab(browser, site)
    page.goto(site + "/map")
    page.wait_for_selector("svg#map[data-ready='1']")
    clusters = int(page.get_attribute("svg#map", "data-clusters"))
    assert clusters >= 1  # the Sahel capitals and European capitals share cells at world scale
    pins = page.locator("svg#map g.pin").count()

    page.locator("svg#map g.pin:not(.cluster)").first.hover()
    tip = page.locator("#map-tip")
    tip.wait_for(state="visible")
    assert re.search(r"\d+ event\(s\)", tip.inner_text())
    _shot(page, "14-map-tooltip")

    page.locator("svg#map g.pin.cluster").first.click()
    page.locator("svg#map g.pin").nth(pins).wait_for(state="attached")  # the group came apart
    _shot(page, "15-map-cluster-opened")

    with page.expect_response(lambda r: "/api/map" in r.url and "start=" in r.url):
        page.focus("#time-from")
        page.keyboard.press("End")
    label = page.inner_text("#time-label")
    first, last = label.split(" to ")
    assert first == last  # the range is now the last month alone
    page.wait_for_selector("svg#map[data-ready='1']")
    assert "place(s) with events" in page.inner_text("#map-status")
    _shot(page, "16-map-last-month")
    assert page.problems == []


def test_try_it_shows_date_and_place(site, browser):
    page = _tab(browser, site)
    page.goto(site + "/try")
    page.fill("#try-text", "Rebel fighters attacked an army post in Goma on Sunday.")
    page.fill("#try-date", "2024-03-12")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-results .mention", timeout=30_000)
    card = page.locator("#try-results .mention").first
    assert re.match(r"2024-03-\d\d", card.locator(".t-date").inner_text())
    assert "Goma" in card.locator(".t-place").inner_text()
    assert card.locator(".t-cameo").inner_text().strip()
    _shot(page, "17-try-it-facts")
    assert page.problems == []


def test_keyboard_reaches_search_rows_and_actor_pages(site, browser):
    page = _tab(browser, site)
    page.goto(site + "/")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("a.skip")
    tab_to("#search")
    page.keyboard.type("sanctions")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=sanctions"))
    tab_to("button.expand")
    page.keyboard.press("Enter")
    assert page.locator("button.expand").first.get_attribute("aria-expanded") == "true"
    assert page.locator("tr.sentence-row").first.is_visible()
    tab_to("a.actor-link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/actors/"))
    outline = page.evaluate(
        "(() => { const a = document.querySelector('a.actor-link'); a.focus();"
        " return getComputedStyle(a).outlineStyle; })()"
    )
    assert outline != "none"  # a focused link is visibly marked
    assert page.problems == []


def test_network_node_opens_its_actor_page_from_the_keyboard(site, browser):
    page = _tab(browser, site)
    page.goto(site + "/network?level=actor")
    page.wait_for_selector("svg#network[data-ready='1']")
    node = page.locator("svg#network .node").first
    code = node.locator("text").text_content()
    node.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/actors/{re.escape(code)}$"))
    assert page.inner_text("#actor-code") == code
    assert page.problems == []


PHONE_PAGES = ["/", "/actors/UKRGOV", "/map", "/try", "/dyads", "/network", "first event"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_width_has_no_sideways_scroll(site, browser, path):
    page = _tab(browser, site, PHONE)
    if path == "first event":
        page.goto(site + "/")
        path = page.locator("a.event-link").first.get_attribute("href")
    page.goto(site + path)
    if path in ("/map", "/network"):
        page.wait_for_selector(f"svg#{path[1:]}[data-ready='1']")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"
    search = page.locator("#search")
    if search.count():
        assert search.bounding_box()["width"] >= 200  # the search box stays usable
    _shot(page, "20-phone" + (path.replace("/", "-")[:40].rstrip("-") or "-events"))
    assert page.problems == []
