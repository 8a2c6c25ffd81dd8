"""Core components in a real browser: a lead confirms a suggested tag; the matrix by keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, sign_in_as
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_lead_updates import tab_to

pytestmark = pytest.mark.browser


def no_violations(page) -> None:
    assert [
        (item["id"], [node["target"] for node in item["nodes"]], item["nodes"][0]["failureSummary"])
        for item in Axe().run(page, options=WCAG_AA).response["violations"]
    ] == []


def test_a_lead_confirms_a_suggested_tag_and_adds_another(anonymous_page, server_url):
    page = anonymous_page
    sign_in_as(page, server_url, CSC_LEAD)
    page.goto(server_url + "/my-actions")
    page.get_by_role("link", name=re.compile(r"^Action 2\.2\b")).first.click()
    components = page.locator("dt:has-text('Core components') + dd")
    expect(components).to_contain_text("7. To ensure attendance")
    expect(components).to_contain_text("Suggested by import")

    page.get_by_role("link", name=re.compile("^Edit core components")).click()
    expect(page.get_by_role("group", name=re.compile("core components"))).to_be_visible()
    seven = page.get_by_role("checkbox", name=re.compile(r"^7\. To ensure attendance"))
    expect(seven).to_be_checked()
    no_violations(page)

    page.get_by_role("checkbox", name=re.compile(r"^3\. To ensure management")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save core components").click()

    expect(page.get_by_role("status")).to_contain_text("Core components saved.")
    expect(components).to_contain_text("3. To ensure management oversight")
    expect(components).not_to_contain_text("Suggested by import")


def test_a_tampered_choice_is_refused_with_an_error_summary_that_passes_axe(
    anonymous_page, server_url
):
    page = anonymous_page
    sign_in_as(page, server_url, CSC_LEAD)
    page.goto(server_url + "/my-actions")
    page.get_by_role("link", name=re.compile(r"^Action 5\.1\b")).first.click()
    page.get_by_role("link", name=re.compile("^Edit core components")).click()
    page.evaluate("document.getElementById('component-12').value = '13'")
    page.get_by_role("checkbox", name=re.compile(r"^12\.")).check()
    page.get_by_role("checkbox", name=re.compile(r"^5\.")).check()
    page.get_by_role("button", name="Save core components").click()
    expect(page.get_by_role("alert")).to_contain_text("“13” is not one of them")
    expect(page.get_by_role("checkbox", name=re.compile(r"^5\."))).to_be_checked()
    expect(page.get_by_role("group", name=re.compile("core components"))).to_have_attribute(
        "aria-invalid", "true"
    )
    no_violations(page)


def test_the_coverage_matrix_scrolls_sideways_from_the_keyboard_and_passes_axe(page, server_url):
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto(server_url + "/coverage")
    expect(page.get_by_role("table", name=re.compile("^Actions of each agency"))).to_be_visible()
    region = page.get_by_role("region", name=re.compile("^Actions of each agency"))
    tab_to(page, "the matrix's scrolling region", "el.getAttribute('role') === 'region'", 200)
    expect(region).to_be_focused()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: wait for it rather than read scrollLeft at once.
    for _ in range(50):
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("el => el.scrollLeft") > 0
    no_violations(page)
