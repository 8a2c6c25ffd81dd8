"""A chair rates an action differently from its agency and judges a complete action's outcome.

Its own server, on the seeded strategy plus Thames Valley Police's Q1 and Q2
returns: TVP rated 1.2 green at 30 Sep 2020, and 7.2 complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import CHAIR, PASSWORD
from tests.support.returns import TVP_Q1, tvp_q2

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def assurance_server_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("assurance")
    env = seeded_copy(seeded_database, folder)
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    _tracker("import", str(tvp_q2(folder)), "--as-at", "2020-09-30", env=env)
    _tracker(
        "users", "add", CHAIR, "--role", "chair", "--name", "Cass Chair",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def open_tvp_action(page, server_url: str, ref: str) -> None:
    page.goto(server_url + "/review")
    page.get_by_role("link", name=f"Action {ref} of Thames Valley Police", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Action {ref}")


def test_a_chair_sets_a_disagreeing_rating_and_the_review_flags_and_filters_it(
    anonymous_page, assurance_server_url
):
    page = anonymous_page
    sign_in_as(page, assurance_server_url, CHAIR)
    open_tvp_action(page, assurance_server_url, "1.2")
    page.get_by_role("link", name="Set assurance rating").click()
    page.get_by_label("Quarter").select_option(label="2020-21 Q2 (agency: Green)")
    page.get_by_role("button", name="Show this quarter").click()
    expect(page.locator("#agency-rating")).to_have_text("Green")

    page.get_by_label("Red").check()
    page.get_by_label("Reason").fill("Call the duty desk on 01865 123456 for the evidence")
    page.get_by_role("button", name="Save the assurance rating").click()
    expect(
        page.get_by_role("heading", name="Check this text does not identify anyone")
    ).to_be_visible()
    assert violations(page) == []
    page.get_by_label("Reason").fill("No evidence the guidance is used by response officers")
    page.get_by_role("button", name="Save the assurance rating").click()

    expect(page.get_by_role("status")).to_have_text("Assurance rating saved.")
    expect(page.locator(".assurance-line")).to_have_text(
        "Assurance (2020-21 Q2): Red — No evidence the guidance is used by response officers"
    )
    expect(page.locator("#main")).to_contain_text("Disagrees with the agency")
    assert violations(page) == []

    page.goto(assurance_server_url + "/review?as_at=2020-10-15")
    flagged = page.locator("#review-results tbody tr", has=page.locator(".tag-disagrees"))
    expect(flagged).to_have_count(1)
    expect(flagged.locator("th")).to_have_text("1.2")
    page.get_by_label("Only where the assurance rating disagrees").check()
    expect(page).to_have_url(re.compile(r"disagrees=yes"))
    expect(page.locator("#review-results tbody tr")).to_have_count(1)
    expect(page.locator("#review-results tbody tr th")).to_have_text("1.2")
    assert violations(page) == []

    page.goto(assurance_server_url + "/assurance?quarter=2020-21-Q2")
    expect(page.locator("#assurance-status")).to_contain_text("1 disagrees")
    assert violations(page) == []


def test_a_chair_records_outcome_evidence_on_a_complete_action(
    anonymous_page, assurance_server_url
):
    page = anonymous_page
    sign_in_as(page, assurance_server_url, CHAIR)
    open_tvp_action(page, assurance_server_url, "7.2")
    page.get_by_role("link", name="Record outcome evidence").click()
    page.get_by_role("button", name="Save outcome evidence").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose whether the desired outcome")
    assert violations(page) == []
    page.get_by_label("Partly").check()
    page.get_by_label("Note (optional)").fill("Referral audit due in March")
    page.get_by_role("button", name="Save outcome evidence").click()
    expect(page.get_by_role("status")).to_have_text("Outcome evidence saved.")
    expect(page.locator("#outcome")).to_contain_text("Partly")
    expect(page.locator("#outcome")).to_contain_text("Referral audit due in March")
