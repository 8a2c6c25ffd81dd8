"""A lead is warned about text that identifies a person, edits or confirms it; the business
unit redacts what was confirmed."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, sign_in_as
from tests.browser.test_accessibility import WCAG_AA
from tests.support.accounts import BUSINESS_UNIT

pytestmark = pytest.mark.browser

WARNING = "Check this text does not identify anyone"


def axe_problems(page) -> list:
    return [
        (item["id"], [node["target"] for node in item["nodes"]])
        for item in Axe().run(page, options=WCAG_AA).response["violations"]
    ]


def open_form(page):
    page.get_by_role("link", name="Update action 3.3").click()
    form = page.locator("tr.update-row")
    expect(form).to_be_visible()
    expect(form).not_to_have_class(re.compile(r"htmx-(added|settling)"))
    return form


def save(page):
    page.get_by_role("button", name="Save update of action 3.3").click()


def test_a_lead_edits_out_an_nhs_number_confirms_a_phone_number_and_it_is_redacted(
    anonymous_page, server_url
):
    page = anonymous_page
    sign_in_as(page, server_url, CSC_LEAD)
    page.goto(server_url + "/my-actions")

    form = open_form(page)
    page.get_by_role("radio", name="Green").check()
    page.get_by_label("Progress").fill("Child 943 476 5919 discussed at the neglect panel.")
    save(page)
    expect(form).to_contain_text(WARNING)
    expect(form).to_contain_text("looks like it identifies a person: an NHS number (943 476 5919)")
    expect(page.get_by_label("Progress")).to_have_value(
        "Child 943 476 5919 discussed at the neglect panel."
    )
    assert axe_problems(page) == []

    page.get_by_label("Progress").fill("Case discussed at the neglect panel.")
    save(page)
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(r"^Action 3\.3 of")))
    expect(row).to_contain_text("Saved:")
    expect(row).to_contain_text("Case discussed at the neglect panel.")

    open_form(page)
    page.get_by_role("radio", name="Amber").check()
    page.get_by_label("Progress").fill("Carers can ring the hub on 01865 123456 for advice.")
    save(page)
    expect(page.locator("tr.update-row")).to_contain_text("a phone number (01865 123456)")
    page.get_by_label("I have checked").check()
    save(page)
    expect(row).to_contain_text("Saved:")
    expect(row).to_contain_text("01865 123456")

    page.get_by_role("button", name="Sign out").click()
    sign_in_as(page, server_url, BUSINESS_UNIT)
    page.goto(server_url + "/flagged-text")
    flag = page.locator("tr", has_text="Update to action 3.3")
    expect(flag).to_contain_text("01865 123456")
    expect(flag.locator("mark")).to_contain_text("01865 123456")
    assert axe_problems(page) == []
    flag.get_by_role("button", name=re.compile("^Redact")).click()
    expect(page.get_by_role("status")).to_contain_text("Redacted.")

    page.goto(server_url + "/flagged-text?show=redacted")
    page.get_by_role("link", name=re.compile("Update to action 3.3")).click()
    expect(page.locator("main")).to_contain_text(
        "Carers can ring the hub on [redacted phone number] for advice."
    )
    expect(page.locator("main")).not_to_contain_text("01865 123456")
