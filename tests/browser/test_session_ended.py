"""Issue 21, point 3: nothing typed is lost when the session ends. A lead types an update, the
session ends, they press Save: the sign-in page says why, and once signed in the text is back
in the form to check and save. The same from the inline form on My actions."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import PASSWORD, TVP_LEAD
from tests.support.returns import TVP_Q1

pytestmark = pytest.mark.browser

TYPED = "Second briefing held for the area commanders; " * 20  # a long note, 940 characters


@pytest.fixture(scope="module")
def served(tmp_path_factory, seeded_database) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("session-ended")
    env = seeded_copy(seeded_database, folder)
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    _tracker(
        "users", "add", TVP_LEAD, "--role", "lead", "--agency", "TVP", "--name", "Tia Lead",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, folder) as url:
        yield url, env["DATABASE_URL"].removeprefix("sqlite:///")


def end_every_session(database: str) -> None:
    """What a session timing out, or a password change elsewhere, does: the cookie stays."""
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM sign_in_session")


def sign_in_again(page) -> None:
    expect(page.get_by_role("alert")).to_contain_text("Your session ended, so nothing was saved")
    assert violations(page) == []
    page.get_by_label("Email address").fill(TVP_LEAD)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_update_typed_as_the_session_ends_is_put_back_and_saved(anonymous_page, served):
    page, (server_url, database) = anonymous_page, served
    sign_in_as(page, server_url, TVP_LEAD)
    page.goto(server_url + "/my-actions")
    page.locator("table.actions tbody tr").first.get_by_role(
        "link", name=re.compile(r"^Update action")
    ).click()
    form = page.locator("tr.update-row")
    form.get_by_role("radio", name="Amber").check()
    form.get_by_label("Progress").fill(TYPED)
    end_every_session(database)
    form.get_by_role("button", name=re.compile("^Save update")).click()

    page.wait_for_url(re.compile(r"/sign-in\?"))
    sign_in_again(page)
    # Back on the action's own update page, with what was typed and a note to check it.
    page.wait_for_url(re.compile(r"/actions/\d+/update$"))
    expect(page.get_by_role("status")).to_contain_text("Your session ended before this was saved")
    expect(page.get_by_label("Progress")).to_have_value(TYPED)
    expect(page.get_by_role("radio", name="Amber")).to_be_checked()
    assert violations(page) == []
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("status")).to_have_text(re.compile("Update saved"))
    expect(page.locator("main")).to_contain_text(TYPED.strip())

    # A plain page later keeps nothing: the copy went when the update was saved.
    page.goto(server_url + page.url.removeprefix(server_url).split("?")[0] + "/update")
    expect(page.get_by_label("Progress")).to_have_value("")
