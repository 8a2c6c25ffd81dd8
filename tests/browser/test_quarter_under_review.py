"""Issue 15, "Done when" (c): an escalation raised after a quarter ends, while its returns are
read, is raised for that quarter and is in its MASA report; not in the quarter's before."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import CHAIR
from tracker.core import clock
from tracker.core.dates import Quarter

pytestmark = pytest.mark.browser

# The server runs on the real clock: the quarter being returned is the one before today's.
REVIEWED = Quarter.of(clock.today()).previous()
ISSUE = "Neglect training places cut by a third"


def test_an_escalation_raised_for_the_quarter_under_review_is_in_its_masa_report(
    anonymous_page, server_url
):
    page = anonymous_page
    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url + "/escalations/new")
    quarter = page.get_by_role("group", name="Quarter under review")
    expect(quarter.get_by_role("radio", name=REVIEWED.label)).to_be_checked()
    expect(quarter.get_by_role("radio", name=REVIEWED.next().label)).not_to_be_checked()
    page.get_by_role("radio", name="MASA").check()
    page.get_by_label("Issue in a line").fill(ISSUE)
    page.get_by_label("Rationale").fill("Fewer practitioners trained in the graded care profile.")
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("status")).to_have_text("Escalation recorded.")
    expect(page.locator(".summary-list")).to_contain_text(f"Quarter under review{REVIEWED.label}")
    assert violations(page) == []

    page.goto(server_url + "/reports")
    page.get_by_label("Quarter").select_option(REVIEWED.slug)
    page.get_by_role("button", name="Show the reports").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(REVIEWED.label)
    link = page.get_by_role("link", name=re.compile(r"^MASA report: Web page"))
    masa = page.request.get(server_url + link.get_attribute("href")).text()
    section = masa.split('<h2 id="escalations">')[1].split("</section>")[0]
    assert ISSUE in section
    assert "Raised for the quarter, still open" in section
    earlier = page.request.get(server_url + f"/reports/{REVIEWED.previous().slug}/masa.html")
    assert ISSUE not in earlier.text()
