"""A chair challenges a lead, who replies from My actions; the chair closes it.
Then an issue is escalated to MASA and resolved. Every page passes axe."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import CHAIR
from tracker.core import clock

pytestmark = pytest.mark.browser

QUESTION = "Why has the neglect audit slipped to Q3?"
REPLY = "Two auditors left in August; a locum starts on 1 October."


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in"))


def test_a_chair_challenges_a_lead_who_replies_and_the_chair_closes_it(anonymous_page, server_url):
    page = anonymous_page
    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url)
    page.get_by_role("link", name=re.compile(r"Social Care \(additional actions\)$")).click()
    page.locator("a[href^='/actions/']").first.click()
    action_ref = page.get_by_role("heading", level=1).inner_text().removeprefix("Action ")
    page.get_by_role("link", name="Challenge the lead").click()
    assert violations(page) == []

    page.get_by_label("Question for the lead").fill(QUESTION)
    page.get_by_label("Reply wanted by").fill((clock.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Send the challenge").click()
    expect(page.locator(".error-summary")).to_contain_text("cannot be in the past")
    expect(page.get_by_label("Question for the lead")).to_have_value(QUESTION)
    assert violations(page) == []
    page.get_by_label("Reply wanted by").fill((clock.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the challenge").click()
    expect(page.get_by_role("status")).to_have_text("Challenge sent to the lead.")
    expect(page.locator(".summary-list")).to_contain_text("Awaiting reply")
    assert violations(page) == []
    sign_out(page)

    sign_in_as(page, server_url, CSC_LEAD)
    page.get_by_role("link", name="My actions").click()
    expect(
        page.get_by_role("heading", name="Challenges for you: 1 awaiting your reply")
    ).to_be_visible()
    card = page.locator(".challenge-card")
    expect(card).to_contain_text(QUESTION)
    expect(card).to_contain_text(f"Action {action_ref}")
    assert violations(page) == []
    card.get_by_label("Your reply").fill(REPLY)
    card.get_by_role("button", name=re.compile("^Send reply")).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    expect(page.locator(".summary-list")).to_contain_text(REPLY)
    page.get_by_role("link", name="My actions").click()
    expect(page.locator(".challenge-card")).to_have_count(0)
    sign_out(page)

    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url + "/challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("1 open challenge")
    row = page.locator("tr", has_text=QUESTION)
    expect(row).to_contain_text("Answered")
    expect(row).to_contain_text(REPLY)
    assert violations(page) == []
    row.get_by_role("link", name=re.compile("^Open the challenge")).click()
    page.get_by_label("Closing note (optional)").fill("The locum covers the gap.")
    page.get_by_role("button", name="Close the challenge").click()
    expect(page.get_by_role("status")).to_have_text("Challenge closed.")
    assert violations(page) == []
    page.goto(server_url + "/challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("0 open challenges")


def test_a_chair_escalates_an_issue_to_masa_and_resolves_it(anonymous_page, server_url):
    page = anonymous_page
    sign_in_as(page, server_url, CHAIR)
    page.goto(server_url + "/escalations")
    page.get_by_role("link", name="Escalate an issue").click()
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose who to escalate to")
    assert violations(page) == []

    page.get_by_role("radio", name="MASA").check()
    page.get_by_label("Issue in a line").fill("Health visiting vacancies across the county")
    page.get_by_label("Rationale").fill("Caseloads are above the safe level; needs MASA partners.")
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("status")).to_have_text("Escalation recorded.")
    assert violations(page) == []

    page.goto(server_url + "/escalations")
    expect(page.get_by_role("heading", name="MASA: 1 open")).to_be_visible()
    assert violations(page) == []
    page.get_by_role("link", name="Health visiting vacancies across the county").click()
    page.get_by_label("Resolution").fill("MASA funded two posts from January.")
    page.get_by_role("button", name="Resolve the escalation").click()
    expect(page.get_by_role("status")).to_have_text("Escalation resolved.")
    page.goto(server_url + "/escalations")
    expect(page.get_by_role("heading", name="MASA: 0 open")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Resolved escalations"))).to_contain_text(
        "MASA funded two posts from January."
    )
