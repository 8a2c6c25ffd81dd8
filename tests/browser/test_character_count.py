"""Long text is never cut short: the page counts down the characters left, says when the text
is over, and the server refuses it with a message, keeping every character typed."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


def test_a_pasted_text_over_the_limit_is_kept_counted_and_refused_with_a_message(page, server_url):
    page.goto(server_url + "/escalations/new")
    rationale = page.get_by_label("Rationale")
    # Said to screen readers with the field; on screen the count says it.
    expect(page.locator("#rationale-count")).to_have_text("You can enter up to 4,000 characters.")
    expect(page.locator("#rationale-count")).to_have_class(re.compile("visually-hidden"))
    status = page.locator('[data-count-for="rationale"]')
    expect(status).to_have_text("You have 4,000 characters remaining")

    rationale.fill("x" * 3_990)
    expect(status).to_have_text("You have 10 characters remaining")
    rationale.fill("y" * 4_010)
    expect(status).to_have_text("You have 10 characters too many")
    assert len(rationale.input_value()) == 4_010  # nothing cut off
    assert violations(page) == []

    page.get_by_role("radio", name="MASA").check()
    page.get_by_label("Issue in a line").fill("Long rationale")
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator(".error-summary")).to_contain_text(
        re.compile(r"The rationale must be 4,000 characters or fewer \(it is 4,010\)")
    )
    assert len(page.get_by_label("Rationale").input_value()) == 4_010
    expect(page.locator('[data-count-for="rationale"]')).to_have_text(
        "You have 10 characters too many"
    )
