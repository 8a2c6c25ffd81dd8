"""Plans kept in the browser: the business unit adds an action to the Thames Valley Police
plan, rewords an objective and withdraws an action with a reason; the plan, the dashboard
and the Q2 and Q3 reports count accordingly. Every page passes axe."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.returns import TVP_Q1

pytestmark = pytest.mark.browser

PLAN = "Thames Valley Police"
WITHDRAWN_ON = "2020-10-15"  # in 2020-21 Q3: out of Q3's figures, still in Q2's
TODAY = date.today().isoformat()  # the server runs on the real clock


@pytest.fixture(scope="module")
def plan_server_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    """Its own server, as the journey changes the plan: the seeded strategy plus Thames
    Valley Police's Q1 return imported as at 30 Jun 2020."""
    folder = tmp_path_factory.mktemp("plan-changes")
    env = seeded_copy(seeded_database, folder)
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    _tracker(
        "users", "add", BUSINESS_UNIT, "--role", "business-unit", "--name", "Bea Unit",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def headline_actions(page, server_url: str, as_at: str) -> int:
    page.goto(f"{server_url}/dashboard?as_at={as_at}")
    figure = page.locator(".headline-figures div", has_text="Actions").locator("dd").first
    return int(figure.inner_text())


def review_rows(page, server_url: str, as_at: str) -> int:
    """How many actions the review lists as at the day (its CSV: a row each)."""
    answer = page.request.get(f"{server_url}/review.csv?as_at={as_at}")
    assert answer.ok
    return len(list(csv.reader(io.StringIO(answer.text())))) - 1


def tvp_in_report(page, server_url: str, quarter: str) -> tuple[int, set[str]]:
    report = page.request.get(f"{server_url}/reports/{quarter}/business-group.json").json()
    plan = next(plan for plan in report["plans"] if plan["plan"] == PLAN)
    refs = {
        action["ref"]
        for appendix in report["appendix"]
        if appendix["plan"] == PLAN
        for action in appendix["actions"]
    }
    return sum(plan["counts"].values()), refs


def test_the_business_unit_adds_rewords_and_withdraws_and_the_figures_follow(
    anonymous_page, plan_server_url
):
    page, server_url = anonymous_page, plan_server_url
    sign_in_as(page, server_url, BUSINESS_UNIT)
    q2_before = tvp_in_report(page, server_url, "2020-21-Q2")
    q3_before = tvp_in_report(page, server_url, "2020-21-Q3")
    board_before = headline_actions(page, server_url, WITHDRAWN_ON)
    board_today = headline_actions(page, server_url, TODAY)
    review_before = review_rows(page, server_url, WITHDRAWN_ON)
    assert "1.1" in q2_before[1] and "1.1" in q3_before[1]

    page.goto(server_url)
    page.get_by_role("link", name=PLAN, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    plan_url = page.url

    # Add an action to objective 1.
    page.get_by_role("link", name="Add an action to objective 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    assert violations(page) == []
    page.get_by_label("Ref", exact=True).fill("1.1")  # taken: said next to the field
    page.get_by_label("Action", exact=True).fill("Brief every response officer on neglect")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator("#ref-error")).to_contain_text("already numbered 1.1")
    expect(page.get_by_label("Action", exact=True)).to_have_value(
        "Brief every response officer on neglect"
    )
    assert violations(page) == []
    page.get_by_label("Ref", exact=True).fill("1.3")
    page.get_by_label("Lead", exact=True).fill("DCI Public Protection")
    page.get_by_label("Due date").fill("2027-03-31")
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("status")).to_have_text("Action added.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1.3")

    # Reword objective 1.
    page.goto(plan_url)
    page.get_by_role("link", name="Reword or renumber objective 1", exact=True).click()
    assert violations(page) == []
    page.get_by_label("Objective", exact=True).fill("Every officer recognises neglect early")
    page.get_by_role("button", name="Save objective").click()
    expect(page.get_by_role("status")).to_have_text("Objective saved.")
    expect(page.locator("#objective-1")).to_contain_text("Every officer recognises neglect early")
    rows = page.locator("section.objective").first.locator("tbody tr th a")
    expect(rows).to_have_text(["1.1", "1.2", "1.3"])  # the new one in its refs' order

    # Withdraw action 1.1 from 15 Oct 2020, with a reason.
    page.get_by_role("link", name="Action 1.1", exact=True).click()
    page.get_by_role("link", name="Withdraw action 1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw action 1.1")
    assert violations(page) == []
    page.get_by_label("Withdrawn on").fill(WITHDRAWN_ON)
    page.get_by_role("button", name="Withdraw action").click()
    expect(page.locator("#withdrawn_reason-error")).to_contain_text("Enter the reason")
    page.get_by_label("Reason", exact=True).fill("Merged into 1.2 by the group")
    page.get_by_role("button", name="Withdraw action").click()
    expect(page.get_by_role("status")).to_contain_text("Action withdrawn")
    notice = page.locator(".withdrawn-notice")
    expect(notice).to_contain_text("Withdrawn on 15 Oct 2020 by Bea Unit")
    expect(notice).to_contain_text("Merged into 1.2 by the group")
    assert violations(page) == []
    history = page.locator("#detail-changes + * table, #detail-changes ~ div table").first
    expect(history).to_contain_text("Merged into 1.2 by the group")

    page.goto(plan_url)
    row = page.locator("#action-1\\.1")
    expect(row).to_contain_text("Withdrawn on 15 Oct 2020: Merged into 1.2 by the group")
    expect(page.locator("#plan-actions .summary")).to_contain_text("(1 more withdrawn)")
    assert violations(page) == []

    # The figures: the dashboard and the review on the day, and the quarters' reports. 1.1
    # leaves them from 15 Oct 2020; 1.3, added today, is in no view of 2020.
    assert headline_actions(page, server_url, WITHDRAWN_ON) == board_before - 1
    assert headline_actions(page, server_url, "2020-10-14") == board_before
    assert review_rows(page, server_url, WITHDRAWN_ON) == review_before - 1
    assert review_rows(page, server_url, "2020-10-14") == review_before
    assert headline_actions(page, server_url, TODAY) == board_today  # -1.1, +1.3
    q2_total, q2_refs = tvp_in_report(page, server_url, "2020-21-Q2")
    assert (q2_total, q2_refs) == q2_before  # 1.1 stays; 1.3, added now, is not in Q2
    q3_total, q3_refs = tvp_in_report(page, server_url, "2020-21-Q3")
    assert "1.1" not in q3_refs and "1.3" not in q3_refs
    assert q3_total == q3_before[0] - 1

    # Reinstated, it counts again.
    page.goto(plan_url)
    page.get_by_role("link", name="Action 1.1", exact=True).click()
    page.get_by_role("button", name=re.compile("Reinstate action 1.1")).click()
    expect(page.get_by_role("status")).to_contain_text("Action reinstated")
    assert tvp_in_report(page, server_url, "2020-21-Q3")[0] == q3_before[0]
