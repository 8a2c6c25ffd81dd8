"""The business unit imports an agency's return in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.support.returns import TVP_Q1

pytestmark = pytest.mark.browser


def test_upload_preview_and_confirm_a_return(page, server_url):
    page.goto(server_url)
    page.get_by_role("link", name="Imports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an agency's return")

    page.get_by_label("Spreadsheet").set_input_files(str(TVP_Q1))
    page.get_by_label("The return is as at").fill("2020-06-30")
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.locator("main")).to_contain_text("13 actions to create, 0 to update, 0 unchanged")
    expect(page.get_by_role("table", name="Actions to create")).to_contain_text(
        "DCI Public Protection"
    )

    page.get_by_role("button", name="Confirm the import").click()

    expect(page.get_by_role("status")).to_contain_text("Imported.")
    expect(page.locator("main")).to_contain_text("13 created, 0 updated, 0 unchanged")

    page.get_by_role("link", name="Plans").click()
    page.get_by_role("link", name="Thames Valley Police", exact=True).click()
    row = page.locator("tr", has=page.get_by_role("link", name="Action 4.1"))
    expect(row.locator(".rag")).to_have_text("Red")
    expect(row).to_contain_text("no capacity until Q3")
