"""Issue 15, point 4: work comes to each person. A chair signs in to To do and challenges a
lead; the lead signs in, lands on My actions, sees the challenge at the top and follows it,
then replies; the chair's To do (and the count beside its link) then holds the answer to
close. Every page passes axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import CHAIR, PASSWORD
from tracker.core import clock

pytestmark = pytest.mark.browser

QUESTION = "Who covers the audit while the post is vacant?"


@pytest.fixture(scope="module")
def todo_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    """A server of its own, so the challenge raised here is in no other test's way."""
    folder = tmp_path_factory.mktemp("todo")
    env = seeded_copy(seeded_database, folder)
    for email, role, extra in (
        (CHAIR, "chair", ["--name", "Cass Chair"]),
        (CSC_LEAD, "lead", ["--agency", "CSC", "--name", "Lee Lead"]),
    ):
        _tracker(
            "users", "add", email, "--role", role, *extra, "--password-stdin",
            env=env, stdin=PASSWORD + "\n",
        )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in"))


def test_a_lead_lands_on_my_actions_and_follows_the_challenge_waiting_at_the_top(
    anonymous_page, todo_url
):
    page, server_url = anonymous_page, todo_url
    sign_in_as(page, server_url, CHAIR)
    expect(page).to_have_url(server_url + "/todo")
    expect(page.get_by_role("heading", level=1)).to_have_text("To do")
    expect(page.locator("main .lead")).to_contain_text("Nothing waiting for you.")
    expect(page.get_by_role("link", name="To do", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert violations(page) == []

    page.get_by_role("link", name="Plans").click()
    page.get_by_role("link", name=re.compile(r"Social Care \(additional actions\)$")).click()
    page.locator("a[href^='/actions/']").first.click()
    action_ref = page.get_by_role("heading", level=1).inner_text().removeprefix("Action ")
    page.get_by_role("link", name="Challenge the lead").click()
    page.get_by_label("Question for the lead").fill(QUESTION)
    page.get_by_label("Reply wanted by").fill((clock.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the challenge").click()
    expect(page.get_by_role("status")).to_have_text("Challenge sent to the lead.")
    sign_out(page)

    sign_in_as(page, server_url, CSC_LEAD)
    expect(page).to_have_url(server_url + "/my-actions")
    waiting = page.locator(".waiting-for-you")
    expect(waiting).to_contain_text("1 challenge awaiting your reply")
    # What waits comes before the lead's actions.
    assert page.locator("main > *").first.inner_text() == "My actions"
    assert page.locator(".waiting-for-you, table.actions").first.get_attribute("class") == (
        "waiting-for-you"
    )
    assert violations(page) == []
    waiting.get_by_role("link", name=re.compile("challenge awaiting your reply")).click()
    expect(page).to_have_url(re.compile(r"/my-actions#challenges-for-you$"))
    card = page.locator(".challenge-card")
    expect(card).to_contain_text(QUESTION)
    card.get_by_role("link", name=f"Action {action_ref}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Action {action_ref}")
    expect(page.locator("main")).to_contain_text(QUESTION)

    page.get_by_role("link", name="My actions").click()
    card = page.locator(".challenge-card")
    card.get_by_label("Your reply").fill("A locum covers it from 1 January.")
    card.get_by_role("button", name=re.compile("^Send reply")).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    sign_out(page)

    sign_in_as(page, server_url, CHAIR)
    expect(page).to_have_url(server_url + "/todo")
    expect(page.locator(".nav-count")).to_have_text("1 waiting")
    counts = page.locator(".todo-counts")
    expect(counts).to_contain_text("1 challenge answer to close")
    assert violations(page) == []
    counts.get_by_role("link", name=re.compile("challenge answer to close")).click()
    page.locator("#answers-to-close").get_by_role("link", name=re.compile("^Challenge on")).click()
    page.get_by_role("button", name="Close the challenge").click()
    expect(page.get_by_role("status")).to_have_text("Challenge closed.")
    page.get_by_role("link", name="To do").click()
    expect(page.locator("main .lead")).to_contain_text("Nothing waiting for you.")
    expect(page.locator(".nav-count")).to_have_count(0)
