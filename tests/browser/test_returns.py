"""The quarterly return, end to end: Thames Valley Police's lead submits, a chair returns
it with comments, the lead resubmits, the chair accepts; then a later update dated in that
quarter moves to the next quarter's first day, and the action's page says why. Every page
passes axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_challenges import sign_out
from tests.support.accounts import CHAIR, PASSWORD, TVP_LEAD
from tests.support.returns import TVP_Q1
from tracker.core import clock
from tracker.core.dates import Quarter, format_date

pytestmark = pytest.mark.browser

PLAN = "Thames Valley Police"
# The server's today (a real process: time-machine cannot move its clock), in UK time as the
# server reads it, so the test and the server agree just after midnight too.
QUARTER = Quarter.of(clock.today()).previous()  # the returns being collected
COMMENTS = "Actions 1.1 and 2.3 need a date for the audit."
NHS_NUMBER = "943 476 5919"


@pytest.fixture(scope="module")
def returns_server_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    """Its own server, as the journey locks a quarter: the seeded strategy plus Thames
    Valley Police's return imported as at the last day of the quarter being collected."""
    folder = tmp_path_factory.mktemp("returns")
    env = seeded_copy(seeded_database, folder)
    _tracker("import", str(TVP_Q1), "--as-at", QUARTER.last_day.isoformat(), env=env)
    for email, role, extra in (
        (TVP_LEAD, "lead", ["--agency", "TVP", "--name", "Tia Lead"]),
        (CHAIR, "chair", ["--name", "Cass Chair"]),
    ):
        _tracker(
            "users", "add", email, "--role", role, *extra, "--password-stdin",
            env=env, stdin=PASSWORD + "\n",
        )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def test_a_return_is_submitted_returned_resubmitted_and_accepted_and_then_locked(
    anonymous_page, returns_server_url
):
    page, server_url, quarter = anonymous_page, returns_server_url, QUARTER

    sign_in_as(page, server_url, TVP_LEAD)
    page.get_by_role("link", name="My actions").click()
    returns = page.locator(".my-returns")
    expect(returns).to_contain_text(f"Your returns for {quarter.label}")
    assert violations(page) == []
    returns.get_by_role("link", name=re.compile(re.escape(PLAN))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    return_url = page.url
    assert f"/returns/{quarter.slug}/plans/" in return_url
    expect(page.locator(".summary-list")).to_contain_text("In progress")
    assert violations(page) == []
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Submit the {PLAN} return?")
    assert violations(page) == []
    page.get_by_role("button", name="Submit return").click()  # confirmed, no cover note
    expect(page.get_by_role("status")).to_have_text("Return submitted.")
    expect(page.locator(".summary-list")).to_contain_text("Submitted")
    sign_out(page)

    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url + "/returns")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Returns for {quarter.label}")
    assert violations(page) == []
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(re.escape(PLAN))))
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("By Tia Lead")  # their name, not their e-mail
    row.get_by_role("link", name=re.compile(re.escape(PLAN))).click()
    page.get_by_role("button", name="Send back for changes").click()
    expect(page.locator(".error-summary")).to_contain_text("needs comments")
    assert violations(page) == []
    page.get_by_label("What needs changing").fill(f"Child's NHS number {NHS_NUMBER} is here.")
    page.get_by_role("button", name="Send back for changes").click()
    expect(page.locator(".personal-data-warning")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("What needs changing").fill(COMMENTS)
    page.get_by_role("button", name="Send back for changes").click()
    expect(page.get_by_role("status")).to_have_text("Return sent back to the agency for changes.")
    sign_out(page)

    sign_in_as(page, server_url, TVP_LEAD)
    page.goto(return_url)
    comments = page.locator(".return-comments")
    expect(comments).to_contain_text("Returned for changes")
    expect(comments).to_contain_text(COMMENTS)
    assert violations(page) == []
    page.get_by_role("button", name="Resubmit return").click()
    page.get_by_label("Cover note to the chairs (optional)").fill("Dates added to 1.1 and 2.3.")
    page.get_by_role("button", name="Resubmit return").click()
    expect(page.get_by_role("status")).to_have_text("Return submitted.")
    expect(page.locator(".summary-list")).to_contain_text("Dates added to 1.1 and 2.3.")
    expect(page.locator(".summary-list")).to_contain_text("Resubmitted")
    sign_out(page)

    sign_in_as(page, server_url, CHAIR)
    page.goto(return_url)
    page.get_by_role("button", name="Accept return").click()
    expect(page.get_by_role("status")).to_have_text("Return accepted.")
    expect(page.locator(".return-locked")).to_contain_text(
        f"its figures are locked; later updates are dated in {quarter.next().label}"
    )
    assert violations(page) == []
    sign_out(page)

    sign_in_as(page, server_url, TVP_LEAD)
    page.goto(return_url)
    action_href = page.locator("tbody tr").first.get_by_role("link").first.get_attribute("href")
    page.goto(server_url + action_href)
    ref = page.get_by_role("heading", level=1).inner_text().removeprefix("Action ")
    page.get_by_role("link", name="Update RAG and progress").click()
    asked = quarter.first_day + timedelta(days=20)
    page.get_by_role("radio", name="Amber").check()
    page.get_by_label("Progress").fill("Audit date agreed with the service manager.")
    page.get_by_label("As at").fill(asked.isoformat())
    page.get_by_role("button", name=re.compile("^Save")).click()
    page.wait_for_url(re.compile(re.escape(action_href) + r"\?saved=.*&moved_from="))
    dated = quarter.next().first_day
    notice = page.get_by_role("status")
    expect(notice).to_contain_text(
        f"The {quarter.label} return was accepted, so this update is dated {format_date(dated)}."
    )
    history = page.get_by_role("table", name=re.compile(f"Every update of action {ref}"))
    newest = history.locator("tbody tr").first
    expect(newest).to_contain_text(format_date(dated))
    expect(newest).to_contain_text("Audit date agreed")
    assert violations(page) == []
