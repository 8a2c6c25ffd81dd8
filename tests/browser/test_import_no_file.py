"""Issue 21, point 4: "Preview the import" with no file chosen says so, with htmx as without."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


def test_previewing_with_no_file_chosen_says_what_is_missing(page, server_url):
    page.goto(server_url + "/imports")
    page.get_by_role("button", name="Preview the import").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Choose the agency's spreadsheet (.xlsx) to import")
    expect(summary).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an agency's return")
    assert violations(page) == []
