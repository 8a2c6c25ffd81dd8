"""A long plan's page in a browser: its objectives, one objective's actions a page at a time
swapped by htmx with the URL and the as-at form following, accessible and reflowing."""

from __future__ import annotations

import asyncio
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTEFACTS, _tracker, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_reflow import BAD_SCROLL_BOXES, OVERFLOWS
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.long_plan import add_long_plan
from tests.support.serving import running_server
from tracker.core.engine import use_database

pytestmark = pytest.mark.browser

SHOTS = ARTEFACTS / "long-plan"
SIZES = (40, 1200, 250, 10)


@pytest.fixture(scope="module")
def long_plan_server(tmp_path_factory, seeded_database):
    """The seeded strategy with Thames Valley Police's plan grown to 1,500 actions, served.
    Built before the browser opens: Playwright keeps an event loop running in this thread."""
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("long-plan"))
    use_database(env["DATABASE_URL"])
    ids = asyncio.run(add_long_plan("Thames Valley Police", SIZES))
    _tracker(
        "users", "add", BUSINESS_UNIT, "--role", "business-unit", "--name", "Bea Unit",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, tmp_path_factory.mktemp("long-plan-server")) as url:
        yield url, ids


def opened(browser, url: str, width: int):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in_as(page, url, BUSINESS_UNIT)
    return context, page


@pytest.mark.parametrize("width", (320, 1280))
def test_a_long_plan_and_an_objective_pass_axe_and_reflow(long_plan_server, browser, width):
    url, ids = long_plan_server
    context, page = opened(browser, url, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in (
            ("objectives", f"/plans/{ids['plan']}"),
            ("objective-page-2", f"/plans/{ids['plan']}?objective={ids['2']}&page=2"),
        ):
            page.goto(url + path)
            assert page.evaluate(OVERFLOWS) + page.evaluate(BAD_SCROLL_BOXES) == [], path
            assert violations(page) == [], path
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            page.screenshot(path=str(SHOTS / f"{name}-{width}-top.png"))
            if "page=" in path:
                page.locator(".pagination").scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"{name}-{width}-end.png"))
    finally:
        context.close()


def test_htmx_swaps_an_objective_in_and_the_day_keeps_it(long_plan_server, browser):
    url, ids = long_plan_server
    context, page = opened(browser, url, 1280)
    try:
        page.goto(f"{url}/plans/{ids['plan']}")
        page.get_by_role("link", name=re.compile(r"^Objective 2 ")).click()
        expect(page).to_have_url(re.compile(rf"objective={ids['2']}$"))
        expect(page.locator("#plan-actions tbody tr")).to_have_count(50)
        expect(page.get_by_role("link", name="Action 2.1", exact=True)).to_be_visible()
        page.get_by_role("navigation", name=re.compile("Pages of")).get_by_role(
            "link", name="Next page"
        ).click()
        expect(page).to_have_url(re.compile(r"page=2$"))
        expect(page.get_by_role("link", name="Action 2.51", exact=True)).to_be_visible()
        # A new day keeps the objective shown (from its first page).
        page.get_by_label("Show as at").fill("2020-10-15")
        page.get_by_role("button", name="Show", exact=True).click()
        expect(page).to_have_url(re.compile(rf"as_at=2020-10-15.*objective={ids['2']}"))
        expect(page.get_by_role("link", name="Action 2.1", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Show as at today")).to_have_attribute(
            "href", f"/plans/{ids['plan']}?objective={ids['2']}"
        )
        page.get_by_role("link", name=re.compile(r"^All objectives")).click()
        expect(page).to_have_url(re.compile(r"as_at=2020-10-15$"))
        expect(page.get_by_role("link", name=re.compile(r"^Objective 3 "))).to_be_visible()
    finally:
        context.close()
