"""Strategies in the browser: the business unit adds the next strategy on the Strategies
page; the header's switcher then offers both, works from the keyboard without
JavaScript, fits 320 px, passes axe, and the pages follow the choice.

Its own server: adding a strategy to the shared one would put a switcher in every
other test's header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_reflow import OVERFLOWS
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.serving import running_server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("strategies")]

NEW = "Oxfordshire Neglect Strategy 2023-26"
OLD = "Oxfordshire Neglect Strategy 2020-23"
SHOTS = Path("/work/shots-strategies")


@pytest.fixture(scope="module")
def strategies_server(tmp_path_factory, seeded_database) -> Iterator[tuple[str, dict[str, str]]]:
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("strategies"))
    _tracker(
        "users",
        "add",
        BUSINESS_UNIT,
        "--role",
        "business-unit",
        "--name",
        "Bea Unit",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    with running_server(env, tmp_path_factory.mktemp("strategies-server")) as url:
        yield url, env


@pytest.fixture(scope="module")
def strategies_url(strategies_server) -> str:
    return strategies_server[0]


@pytest.fixture
def with_next_strategy(strategies_server) -> str:
    """The 2023-26 strategy, added here when the first test (on another worker, or left
    out) did not add it in the browser."""
    url, env = strategies_server
    listed = _tracker("strategy", "list", env=env).stdout
    if NEW not in listed:
        _tracker(
            "strategy", "add", "--name", NEW,
            "--partnership", "Oxfordshire Safeguarding Children Partnership",
            "--period", "2023-26", "--starts", "2023-04-01", "--ends", "2026-03-31",
            env=env,
        )  # fmt: skip
    return url


@pytest.fixture
def bu_page(anonymous_page, strategies_url):
    sign_in_as(anonymous_page, strategies_url, BUSINESS_UNIT)
    return anonymous_page


def shot(page, name: str) -> None:
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_adding_a_strategy_then_switching_to_it_and_back(bu_page, strategies_url):
    page = bu_page
    page.goto(strategies_url + "/strategies")
    assert page.locator("#strategy-choice").count() == 0  # one strategy: nothing to switch
    assert violations(page) == []
    # A mistake first: said next to the field, what was typed kept, nothing added.
    page.get_by_label("Name").fill(OLD)
    page.get_by_label("Partnership").fill("Oxfordshire Safeguarding Children Partnership")
    page.get_by_label("Period").fill("2023-26")
    page.get_by_label("First day").fill("2023-04-01")
    page.get_by_label("Last day").fill("2026-03-31")
    page.get_by_role("button", name="Add the strategy").click()
    expect(page.locator("body")).to_contain_text("There is already a strategy with this name")
    assert page.get_by_label("Period").input_value() == "2023-26"
    assert violations(page) == []
    page.get_by_label("Name").fill(NEW)
    page.get_by_role("button", name="Add the strategy").click()
    page.wait_for_url(re.compile(r"/strategies\?added="))
    assert f"{NEW} added" in page.content()
    # Today (after both ended) the later one is current: the switcher shows it chosen.
    switcher = page.get_by_label("Strategy", exact=True)
    assert switcher.input_value() != ""
    assert page.locator("#strategy-choice option:checked").inner_text() == NEW
    assert violations(page) == []
    shot(page, "strategies-1280")

    # The keyboard alone, on a page with a query: back where it was, on the other strategy.
    page.goto(strategies_url + "/dashboard?as_at=2021-03-31")
    page.locator("#strategy-choice").focus()
    page.locator("#strategy-choice").select_option(label=OLD)
    page.keyboard.press("Tab")
    with page.expect_navigation():  # the same address: wait for the new page, not the old one
        page.keyboard.press("Enter")
    assert page.url.endswith("/dashboard?as_at=2021-03-31")
    assert page.locator("#strategy-choice option:checked").inner_text() == OLD
    assert "(31 Mar 2023)" in page.content()
    shot(page, "switcher-1280")


def test_at_320_px_the_switcher_and_the_strategies_page_fit(browser, with_next_strategy):
    strategies_url = with_next_strategy
    context = browser.new_context(locale="en-GB", viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        sign_in_as(page, strategies_url, BUSINESS_UNIT)
        for path, name in (("/", "switcher-320"), ("/strategies", "strategies-320")):
            page.goto(strategies_url + path)
            assert page.locator("#strategy-choice").is_visible()
            assert page.evaluate(OVERFLOWS) == [], path
            shot(page, name)
    finally:
        context.close()


def test_without_javascript_the_switcher_still_switches(browser, with_next_strategy):
    strategies_url = with_next_strategy
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in_as(page, strategies_url, BUSINESS_UNIT)
        page.goto(strategies_url + "/reports")
        page.locator("#strategy-choice").select_option(label=NEW)
        page.get_by_role("button", name="Switch").click()
        page.wait_for_url(re.compile(r"/reports$"))
        assert page.locator("#strategy-choice option:checked").inner_text() == NEW
        assert "ended on 31 Mar 2026" in page.content()
    finally:
        context.close()
