"""Issue 15, "Done when" (a): after a quarter ends, Thames Valley Police's lead updates three
actions from My actions and the return page without touching the date; the return shows
"3 of 13 updated" and the current quarter's shows nothing. Then the lead submits with a cover
note after confirming, and withdraws it. Every page passes axe."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import PASSWORD, TVP_LEAD
from tests.support.returns import TVP_Q1
from tracker.core import clock
from tracker.core.dates import Quarter, format_date

pytestmark = pytest.mark.browser

PLAN = "Thames Valley Police"
# The server is a real process on the real clock: the quarter just ended is the one whose
# return is open, whatever day the suite runs.
CURRENT = Quarter.of(clock.today())
RETURNING = CURRENT.previous()


@pytest.fixture(scope="module")
def open_return_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    """TVP's 13 actions, last updated in the quarter before the one being returned."""
    folder = tmp_path_factory.mktemp("open-return")
    env = seeded_copy(seeded_database, folder)
    as_at = RETURNING.previous().last_day.isoformat()
    _tracker("import", str(TVP_Q1), "--as-at", as_at, env=env)
    _tracker(
        "users", "add", TVP_LEAD, "--role", "lead", "--agency", "TVP", "--name", "Tia Lead",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def update_inline(page, row_index: int, progress: str) -> None:
    rows = page.locator("table.actions tbody tr")
    rows.nth(row_index).get_by_role("link", name=re.compile(r"^Update action")).click()
    form = page.locator("tr.update-row")
    expect(form).to_contain_text(f"For the {RETURNING.label} return")
    expect(form.get_by_role("radio", name=f"For the {RETURNING.label} return")).to_be_checked()
    form.get_by_role("radio", name="Amber").check()
    form.get_by_label("Progress").fill(progress)
    form.get_by_role("button", name=re.compile("^Save update")).click()
    expect(page.locator("tr.update-row")).to_have_count(0)


def test_updates_after_the_quarter_ends_count_for_its_return(anonymous_page, open_return_url):
    page, server_url = anonymous_page, open_return_url
    sign_in_as(page, server_url, TVP_LEAD)
    page.get_by_role("link", name="My actions").click()
    remaining = page.locator("#remaining")
    expect(remaining).to_contain_text("13 of 13")
    expect(remaining).to_contain_text(f"for the {RETURNING.label} return")

    update_inline(page, 0, "Training plan agreed with the area commanders.")
    assert violations(page) == []
    update_inline(page, 1, "Second session booked.")
    expect(remaining).to_contain_text("11 of 13")

    page.locator(".my-returns").get_by_role("link", name=re.compile(re.escape(PLAN))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    return_url = page.url
    summary = page.locator(".summary-list")
    expect(summary).to_contain_text("In progress")
    expect(summary).to_contain_text("2 of 13 updated for this quarter")
    todo = page.locator("tbody tr", has=page.locator(".tag-todo"))
    todo.first.get_by_role("link", name=re.compile(r"^Update")).click()
    expect(page.locator("form.form")).to_contain_text(f"For the {RETURNING.label} return")
    expect(page.locator("form.form")).to_contain_text(
        f"Dated {format_date(RETURNING.last_day)}, the quarter's last day."
    )
    assert violations(page) == []
    page.get_by_role("radio", name="Green").check()
    page.get_by_label("Progress").fill("Back on track after the review.")
    page.get_by_role("button", name="Save update").click()
    page.wait_for_url(re.compile(re.escape(return_url) + r"\?saved="))
    expect(page.get_by_role("status")).to_have_text("Update saved.")
    expect(page.locator(".summary-list")).to_contain_text("3 of 13 updated for this quarter")

    # The quarter's report counts the three: each is as at the quarter's last day.
    report = page.request.get(server_url + f"/reports/{RETURNING.slug}/business-group.json")
    [tvp] = [plan for plan in report.json()["appendix"] if plan["plan"] == PLAN]
    as_at_end = [
        action
        for action in tvp["actions"]
        if action["status_as_at"] == RETURNING.last_day.isoformat()
    ]
    assert sorted(action["progress"] for action in as_at_end) == [
        "Back on track after the review.",
        "Second session booked.",
        "Training plan agreed with the area commanders.",
    ]
    earlier = page.request.get(
        server_url + f"/reports/{RETURNING.previous().slug}/business-group.json"
    ).json()
    assert "Second session booked." not in str(earlier)

    page.goto(server_url + f"/returns/{CURRENT.slug}/plans/" + return_url.rsplit("/", 1)[1])
    expect(page.locator(".summary-list")).to_contain_text("0 of 13 updated for this quarter")
    expect(page.locator(".summary-list")).to_contain_text("Not started")

    page.goto(return_url)
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Submit the {PLAN} return?")
    assert violations(page) == []
    page.get_by_label("Cover note to the chairs (optional)").fill("Ten actions unchanged.")
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("status")).to_have_text("Return submitted.")
    expect(page.locator(".summary-list")).to_contain_text("Ten actions unchanged.")
    page.get_by_role("button", name="Withdraw return").click()
    expect(page.get_by_role("status")).to_contain_text("Return withdrawn")
    expect(page.locator(".summary-list")).to_contain_text("In progress")
    assert violations(page) == []
