"""A chair follows the PLR's recommendations to the actions answering them, finds one
with none under gaps, sees an agency lead answer it with one of theirs, and closes it by
recording the evidence of impact. Every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_challenges import sign_out
from tests.support.accounts import CHAIR
from tracker.core import clock

pytestmark = pytest.mark.browser

PLR = "Partnership Learning Review: children living with chronic neglect"
ADOLESCENT = "Update the neglect action plan to respond to adolescent neglect."


def test_a_chair_follows_the_plr_to_its_actions_and_closes_a_gap_once_answered(
    anonymous_page, server_url
):
    page = anonymous_page
    sign_in_as(page, server_url, CHAIR)
    page.get_by_role("link", name="Learning", exact=True).click()
    expect(page.locator("table tbody tr")).to_have_count(9)
    assert violations(page) == []

    page.get_by_role("link", name=PLR).click()
    first = page.locator("tr", has_text="Recommendation 1").first
    expect(first).to_contain_text("Overarching 4.1")
    expect(page.locator("tr", has_text="Recommendation 4").first).to_contain_text("Overarching 5.1")
    assert violations(page) == []

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Learning").click()
    page.get_by_role("link", name=re.compile("^Gaps")).click()
    gap = page.locator("tr", has_text=ADOLESCENT)
    expect(gap).to_contain_text("No action")
    item_url = gap.get_by_role("link").first.get_attribute("href")
    assert item_url
    sign_out(page)

    sign_in_as(page, server_url, CSC_LEAD)
    page.goto(server_url + item_url)
    option = page.locator("#action_id option", has_text=re.compile(r"additional actions\) 1\.1:"))
    page.get_by_label("Action that answers it").select_option(option.get_attribute("value"))
    page.get_by_role("button", name="Link the action").click()
    expect(page.get_by_role("status")).to_have_text("Action linked.")
    expect(page.locator("#standing")).to_contain_text("0 of 1 complete")
    assert violations(page) == []
    sign_out(page)

    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url + "/learning/gaps?why=none")
    expect(page.locator("tr", has_text=ADOLESCENT)).to_have_count(0)
    page.goto(server_url + item_url)
    page.get_by_label("Evidence that practice changed").fill(
        "Multi-agency audit: adolescent neglect named in most plans reviewed."
    )
    page.get_by_label("Date of the evidence").fill(clock.today().isoformat())
    page.get_by_role("button", name="Record impact and close").click()
    expect(page.get_by_role("status")).to_contain_text("the item is closed")
    expect(page.locator("#standing")).to_have_text("Closed: impact evidenced")
    assert violations(page) == []
