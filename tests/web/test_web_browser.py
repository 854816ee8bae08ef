"""The dashboard in Debian's chromium, driven by Playwright, over the bundled examples.

Screenshots land in test-artifacts/web/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from eventwire.web.testing import CHROMIUM, watched_page  # noqa: E402

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium missing")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


@pytest.fixture(scope="module")
def site(examples_site):
    return examples_site


@pytest.fixture(scope="module")
def page(site, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return watched_page(chromium, site, {"width": 1280, "height": 900})


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_analyst_walkthrough(site, page):
    page.goto(site + "/")
    unfiltered = page.locator("#events-table tbody.event-row").count()
    assert unfiltered > 10
    _shot(page, "01-dashboard")

    dyad = page.locator(".dyad-list a").first
    actor, recipient = (c.strip() for c in dyad.inner_text().split("→"))
    page.fill("input[name=actor]", actor)
    page.fill("input[name=recipient]", recipient)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=.*recipient="))
    filtered = page.locator("#events-table tbody.event-row")
    assert 1 <= filtered.count() < unfiltered
    for i in range(filtered.count()):
        codes = filtered.nth(i).locator("a.actor-link")
        assert codes.nth(0).inner_text().startswith(actor[:3])
        assert codes.nth(1).inner_text().startswith(recipient[:3])
    _shot(page, "02-dyad-filtered")

    page.locator("a.event-link").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    trigger = page.locator(".evidence mark.hl-trigger").first
    trigger.wait_for(state="visible")
    assert trigger.inner_text().strip()
    assert page.locator(".evidence mark.hl-actor, .evidence mark.hl-recipient").count() >= 1
    background = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "03-event-evidence")

    page.click("text=See this dyad over time")
    page.wait_for_selector("canvas#timeseries[data-ready='1']")
    _shot(page, "04-dyad-timeseries")

    page.goto(site + "/map")
    page.wait_for_selector("svg#map[data-ready='1']")
    assert page.locator("svg#map path.country").count() > 150
    assert page.locator("svg#map circle.marker").count() >= 1
    page.locator("svg#map g.pin:not(.cluster)").first.dispatch_event("click")
    assert page.locator("#map-info a").count() >= 1
    _shot(page, "05-map")

    page.goto(site + "/network")
    page.wait_for_selector("svg#network[data-ready='1']")
    page.wait_for_timeout(800)  # let the force layout settle for the screenshot
    assert page.locator("svg#network .node").count() >= 2
    assert page.locator("svg#network .links line").count() >= 1
    _shot(page, "06-network")

    assert page.problems == []


def test_try_it_codes_pasted_text(site, page):
    page.goto(site + "/try")
    page.fill("#try-text", "Germany pledged new air defence systems to Ukraine on Monday.")
    page.fill("#try-date", "2024-07-18")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-results .mention", timeout=30_000)
    assert page.locator("#try-results mark.hl-trigger").count() >= 1
    assert "event" in page.inner_text("#try-status")
    _shot(page, "07-try-it")
    assert page.problems == []
