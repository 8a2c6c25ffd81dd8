"""Journey (b), on a real server e-mailing through a real SMTP server: a chair challenges an
action, its lead gets the e-mail, follows its link, signs in and replies; the chair gets the
reply by e-mail. The Reminders page lists both e-mails, and each page passes axe."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from tests.browser.conftest import CSC_LEAD, _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.reminders.conftest import Mailbox, free_port
from tests.support.accounts import CHAIR, PASSWORD
from tracker.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("notifications")]

QUESTION = "Why has the neglect audit slipped to Q3?"
REPLY = "Two auditors left in August; a locum starts on 1 October."


@pytest.fixture(scope="module")
def notifying_server(tmp_path_factory, seeded_database) -> Iterator[tuple[str, Mailbox]]:
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("notifying"))
    env.update(SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", TRACKER_BASE_URL="http://tracker.test")
    for email, role, name, agency in (
        (CHAIR, "chair", "Cass Chair", ()),
        (CSC_LEAD, "lead", "Lee Lead", ("--agency", "CSC")),
    ):
        _tracker(
            "users",
            "add",
            email,
            "--role",
            role,
            *agency,
            "--name",
            name,
            "--password-stdin",
            env=env,
            stdin=PASSWORD + "\n",
        )
    try:
        with running_server(env, tmp_path_factory.mktemp("notifying-server")) as url:
            yield url, mailbox
    finally:
        controller.stop()


def mail_to(mailbox: Mailbox, email: str, count: int = 1):
    """The `count`th e-mail to `email`, waiting for it to arrive."""
    deadline = time.monotonic() + 20
    while len(mailbox.to(email)) < count:
        assert time.monotonic() < deadline, f"no e-mail {count} to {email} arrived"
        time.sleep(0.1)
    return mailbox.to(email)[count - 1]


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in"))


def test_a_chair_challenges_the_lead_is_e_mailed_replies_and_the_chair_is_e_mailed(
    anonymous_page, notifying_server
):
    url, mailbox = notifying_server
    page = anonymous_page
    sign_in_as(page, url, CHAIR)
    page.goto(url)
    page.get_by_role("link", name=re.compile(r"Social Care \(additional actions\)$")).click()
    page.locator("a[href^='/actions/']").first.click()
    action_ref = page.get_by_role("heading", level=1).inner_text().removeprefix("Action ")
    page.get_by_role("link", name="Challenge the lead").click()
    page.get_by_label("Question for the lead").fill(QUESTION)
    page.get_by_label("Reply wanted by").fill((clock.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the challenge").click()
    expect(page.get_by_role("status")).to_have_text("Challenge sent to the lead.")
    sign_out(page)

    challenge = mail_to(mailbox, CSC_LEAD)
    assert challenge["Subject"].startswith(f"Challenge on action {action_ref}, ")
    body = challenge.get_content()
    assert body.startswith("Dear Lee Lead,") and "Cass Chair challenged action" in body
    assert QUESTION in " ".join(body.split())
    link = re.search(r"http://tracker\.test(/challenges/\d+)", body)[1]

    page.goto(url + link)  # signed out: the link leads through sign-in to the challenge
    page.get_by_label("Email address").fill(CSC_LEAD)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(link) + "$"))
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name=re.compile("^Send reply")).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    page.goto(url + "/profile")
    expect(
        page.get_by_role("checkbox", name="A chair challenges one of your actions")
    ).to_be_checked()
    assert violations(page) == []
    sign_out(page)

    answer = mail_to(mailbox, CHAIR)
    assert (
        answer["Subject"]
        == f"Reply to your challenge on action {action_ref}, "
        + (challenge["Subject"].split(", ", 1)[1].split(":", 1)[0])
    )
    assert "Lee Lead replied to the challenge you raised" in answer.get_content()
    assert REPLY in " ".join(answer.get_content().split())
    assert len(mailbox.received) == 2

    sign_in_as(page, url, CHAIR)
    page.goto(url + "/reminders")
    log = page.get_by_role("table", name="Notifications, newest first")
    expect(log.locator("tbody tr")).to_have_count(2)
    expect(log.locator("tbody tr").nth(0)).to_contain_text("Cass Chair")
    expect(log.locator("tbody tr").nth(0)).to_contain_text("Challenge answered")
    expect(log.locator("tbody tr").nth(1)).to_contain_text("Lee Lead")
    expect(log).not_to_contain_text("Failed")
    assert violations(page) == []
