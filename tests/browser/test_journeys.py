"""Journeys a business-unit officer makes in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_from_home_reach_the_overarching_plan_and_find_action_4_2(page, server_url):
    page.goto(server_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Oxfordshire Neglect Strategy 2020-23"
    )

    page.get_by_role("link", name="Overarching", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Overarching")
    row = page.locator("tr", has=page.get_by_role("link", name="Action 4.2"))
    expect(row).to_contain_text("ESAT Manager")
    expect(row).to_contain_text("31 Dec 2020")
    expect(row.locator(".rag")).to_have_text("Not rated")


def test_the_as_at_form_works_from_the_keyboard_and_updates_the_url(page, server_url):
    page.goto(server_url)
    page.get_by_role("link", name="Overarching", exact=True).click()

    page.get_by_label("Show as at").fill("2020-10-01")
    page.get_by_label("Show as at").press("Enter")

    expect(page).to_have_url(re.compile(r"as_at=2020-10-01"))
    expect(page.locator("#plan-actions .summary")).to_contain_text("3 overdue")
    expect(page.locator("#action-2\\.1")).to_contain_text("Overdue by 62 days")


def test_keyboard_focus_is_visible_on_links(page, server_url):
    page.goto(server_url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Tab")
    focused = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert focused == "rgb(255, 221, 0)"  # the yellow focus fill
