"""An agency lead signs in and updates a RAG status inline, using only the keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD
from tests.browser.test_accessibility import WCAG_AA
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.browser


def tab_to(page, description: str, is_it: str, limit: int = 60) -> None:
    """Press Tab until the focused element passes the JavaScript test `is_it` (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {is_it}; }})()"):
            return
    raise AssertionError(f"Tab never reached {description}")


def test_a_lead_updates_a_rag_status_inline_with_the_keyboard_only(anonymous_page, server_url):
    page = anonymous_page
    page.goto(server_url + "/sign-in")
    tab_to(page, "the email field", "el.id === 'email'")
    page.keyboard.type(CSC_LEAD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*sign-in)"))

    tab_to(page, "My actions", "el.textContent.trim() === 'My actions'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator("#remaining")).to_contain_text("11 of 11")

    tab_to(page, "the Update link of action 2.1", "el.textContent.trim() === 'Update action 2.1'")
    page.keyboard.press("Enter")

    form = page.locator("tr.update-row")
    expect(form).to_be_visible()
    expect(form).not_to_have_class(re.compile(r"htmx-(added|settling)"))  # htmx has settled
    red = page.get_by_role("radio", name="Red")
    expect(red).to_be_focused()  # the form takes focus: no hunting for it
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Amber")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Progress")).to_be_focused()
    page.keyboard.type("Audit delayed to October; extra capacity agreed.")
    tab_to(page, "the Save button", "el.type === 'submit'")
    page.keyboard.press("Enter")

    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(r"^Action 2\.1 of")))
    expect(row).to_contain_text("Saved:")
    expect(row.locator(".rag")).to_have_text("Amber")
    expect(row).to_contain_text("Audit delayed to October")
    expect(row).to_contain_text("Updated")
    expect(page.get_by_role("link", name="Update action 2.1")).to_be_focused()
    expect(page.locator("#remaining")).to_contain_text("10 of 11")
    assert [
        (item["id"], [node["target"] for node in item["nodes"]], item["nodes"][0]["failureSummary"])
        for item in Axe().run(page, options=WCAG_AA).response["violations"]
    ] == []

    href = row.get_by_role("link", name=re.compile(r"^Action 2\.1")).get_attribute("href")
    page.goto(server_url + href)
    history = page.get_by_role("table", name=re.compile("Every update of action 2.1"))
    expect(history).to_contain_text("Audit delayed to October")
    expect(history).to_contain_text("Lee Lead")  # CSC_LEAD by name, as pages show people
    expect(history.locator(".rag").first).to_have_text("Amber")


def test_a_refused_update_shows_its_errors_in_the_row_and_passes_axe(anonymous_page, server_url):
    page = anonymous_page
    page.goto(server_url + "/sign-in")
    page.get_by_label("Email address").fill(CSC_LEAD)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(server_url + "/my-actions")
    page.get_by_role("link", name="Update action 3.1").click()
    page.get_by_role("radio", name="Complete").check()
    page.get_by_role("button", name="Save update of action 3.1").click()
    row = page.locator("tr.update-row")
    expect(row.get_by_role("alert").first).to_contain_text("evidence of its impact")
    expect(page.get_by_label("Evidence of impact")).to_have_attribute("aria-invalid", "true")
    assert [
        (item["id"], [node["target"] for node in item["nodes"]], item["nodes"][0]["failureSummary"])
        for item in Axe().run(page, options=WCAG_AA).response["violations"]
    ] == []
