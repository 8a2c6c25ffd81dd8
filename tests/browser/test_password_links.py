"""Journey (d), on a real server e-mailing through a real SMTP server: a new account's
invitation link sets its password and it signs in; a forgotten-password link works once
and then says it has been used. With axe checks of each new page on the way."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.reminders.conftest import Mailbox, free_port
from tests.support.accounts import BUSINESS_UNIT, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("password-links")]

NEW_EMAIL = "nia.new@example.org"
FIRST, SECOND = "pebble orchard violin 42", "granite lantern meadow 7"


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory, seeded_database) -> Iterator[tuple[str, Mailbox]]:
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("mailing"))
    env.update(SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", TRACKER_BASE_URL="http://tracker.test")
    _tracker(
        "users",
        "add",
        BUSINESS_UNIT,
        "--role",
        "business-unit",
        "--name",
        "Bea Unit",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    try:
        with running_server(env, tmp_path_factory.mktemp("mailing-server")) as url:
            yield url, mailbox
    finally:
        controller.stop()


def link_to(mailbox: Mailbox, email: str, count: int) -> str:
    """The path of the link in the `count`th e-mail to `email`, waiting for it to arrive."""
    deadline = time.monotonic() + 20
    while len(mailbox.to(email)) < count:
        assert time.monotonic() < deadline, "the e-mail did not arrive"
        time.sleep(0.1)
    body = mailbox.to(email)[count - 1].get_content()
    return re.search(r"http://tracker\.test(/sign-in/password/\S+)", body)[1]


def choose(page, password: str) -> None:
    page.get_by_label("New password").fill(password)
    page.get_by_label("Type it again").fill(password)
    page.get_by_role("button", name="Set my password").click()


def test_an_invitation_sets_a_password_and_a_forgotten_password_link_works_once(
    anonymous_page, mailing_server
):
    url, mailbox = mailing_server
    page = anonymous_page
    sign_in_as(page, url, BUSINESS_UNIT)
    page.goto(url + "/users")
    page.get_by_label("Email address").fill(NEW_EMAIL)
    page.get_by_label("Name").fill("Nia New")
    page.get_by_role("radio", name="Viewer").check()
    page.get_by_role("button", name="Add the account").click()
    expect(page.locator("body")).to_contain_text(f"We e-mailed {NEW_EMAIL} an invitation")
    page.get_by_role("button", name="Sign out").click()

    # (d) The invitation: choose a password (a too-short one first), then sign in with it.
    page.goto(url + link_to(mailbox, NEW_EMAIL, 1))
    assert page.get_by_role("heading", name="Choose your password").is_visible()
    assert violations(page) == []
    choose(page, "too short")
    assert "at least 12 characters" in page.locator(".error-summary").inner_text()
    assert violations(page) == []
    choose(page, FIRST)
    expect(page.locator("body")).to_contain_text("Your password is set")
    assert page.get_by_label("Email address").input_value() == NEW_EMAIL
    page.get_by_label("Password").fill(FIRST)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*sign-in)"))
    assert "Nia New" in page.locator(".signed-in").inner_text()
    page.get_by_role("button", name="Sign out").click()

    # (d) Forgotten: the e-mailed link sets a new password once, then says it was used.
    page.get_by_role("link", name="Forgotten your password?").click()
    assert violations(page) == []
    page.get_by_label("Email address").fill(NEW_EMAIL)
    page.get_by_role("button", name="E-mail me a link").click()
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    assert violations(page) == []
    link = url + link_to(mailbox, NEW_EMAIL, 2)
    page.goto(link)
    choose(page, SECOND)
    expect(page.locator("body")).to_contain_text("Your password is set")
    page.get_by_label("Password").fill(SECOND)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*sign-in)"))
    page.goto(link)
    assert "This link has already been used" in page.content()
    assert violations(page) == []


def test_without_smtp_the_business_unit_hands_over_a_link_and_the_pages_pass_axe(page, server_url):
    page.goto(server_url + "/users")
    page.get_by_label("Email address").fill("hand.over@example.org")
    page.get_by_role("radio", name="Viewer").check()
    page.get_by_role("button", name="Add the account").click()
    link = page.get_by_label(re.compile("Their one-time link")).input_value()
    assert "/sign-in/password/" in link
    assert violations(page) == []
    page.goto(server_url + "/profile")
    page.get_by_label("Current password").fill("not the password")
    page.get_by_label("New password", exact=True).fill(SECOND)
    page.get_by_label("Type the new password again").fill(SECOND)
    page.get_by_role("button", name="Change my password").click()
    assert "That is not your current password" in page.locator(".error-summary").inner_text()
    assert violations(page) == []
