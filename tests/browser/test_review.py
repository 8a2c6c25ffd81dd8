"""A chair reviews the strategy in Chromium: filters the table, goes Back, downloads the view.

Its own server, on the seeded strategy plus Thames Valley Police's Q1 and Q2
returns imported with `tracker import`, as the business unit would.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.returns import TVP_Q1, tvp_q2

pytestmark = pytest.mark.browser

TVP = "Thames Valley Police"


@pytest.fixture(scope="module")
def review_server_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("review")
    env = seeded_copy(seeded_database, folder)
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    _tracker("import", str(tvp_q2(folder)), "--as-at", "2020-09-30", env=env)
    _tracker(
        "users", "add", BUSINESS_UNIT, "--role", "business-unit", "--name", "Bea Unit",
        "--password-stdin", env=env, stdin=PASSWORD + "\n",
    )  # fmt: skip
    with running_server(env, folder) as url:
        yield url


def table_rows(page) -> list[tuple[str, str]]:
    """(plan, ref) of each row shown, in order: the plan's full name, which a short one
    shown in its place carries (on hover and for screen readers)."""
    found = []
    for row in page.locator("#review-results tbody tr").all():
        plan = row.locator("td").first.evaluate(
            "cell => cell.querySelector('abbr.short-name')?.title"
            " || cell.firstChild.textContent.trim()"
        )
        found.append((plan, row.locator("th").inner_text().strip()))
    return found


def expect_rows(page, count: int) -> None:
    expect(page.locator("#review-status")).to_contain_text(f"Showing {count} of 35 actions")
    expect(page.locator("#review-results tbody tr")).to_have_count(count)


def download(page, link_name: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=link_name).click()
    path = started.value.path()
    assert started.value.suggested_filename.startswith("review-2020-09-30.")
    return Path(path).read_bytes()


def test_a_chair_filters_the_review_goes_back_and_downloads_what_they_see(
    anonymous_page, review_server_url
):
    page = anonymous_page
    sign_in_as(page, review_server_url, BUSINESS_UNIT)
    page.goto(review_server_url + "/review")
    page.get_by_label("As at", exact=True).fill("2020-09-30")
    expect(page).to_have_url(re.compile(r"/review\?as_at=2020-09-30$"))
    expect_rows(page, 35)

    page.get_by_label("Agency", exact=True).select_option(label=TVP)
    expect(page).to_have_url(re.compile(r"as_at=2020-09-30&agency=\d+$"))
    expect_rows(page, 14)
    page.get_by_role("checkbox", name="Red").check()
    page.get_by_role("checkbox", name="Amber").check()
    expect(page).to_have_url(re.compile(r"agency=\d+&rag=red&rag=amber$"))
    expect_rows(page, 5)
    assert {plan for plan, _ in table_rows(page)} == {TVP}
    assert set(page.locator("#review-results .rag").all_inner_texts()) == {"Amber"}

    page.get_by_label("Containing the words").press_sequentially("brief", delay=50)
    expect(page).to_have_url(re.compile(r"rag=amber&q=brief$"))
    expect_rows(page, 2)
    assert table_rows(page) == [(TVP, "1.1"), (TVP, "4.1")]

    page.go_back()
    expect(page).to_have_url(re.compile(r"rag=red&rag=amber$"))
    expect_rows(page, 5)
    expect(page.get_by_label("Containing the words")).to_have_value("")
    expect(page.get_by_role("checkbox", name="Amber")).to_be_checked()

    page.get_by_role("link", name="Ref", exact=True).click()
    expect(page).to_have_url(re.compile(r"rag=amber&sort=ref$"))
    expect(page.locator("th[aria-sort='ascending']")).to_have_text(re.compile("Ref"))
    expect(page.get_by_label("Order", exact=True)).to_have_value("ref")
    shown = table_rows(page)
    assert violations(page) == []  # after htmx swaps, as well as on first load
    assert [ref for _, ref in shown] == ["1.1", "4.1", "7.1", "8.1", "11.1"]

    text = download(page, "Download this view as CSV (.csv)").decode("utf-8-sig")
    assert [(row["Plan"], row["Ref"]) for row in csv.DictReader(io.StringIO(text))] == shown
    workbook = load_workbook(
        io.BytesIO(download(page, "Download this view as a spreadsheet (.xlsx)"))
    )
    sheet = workbook["Actions"]
    assert [(row[0], row[3]) for row in sheet.iter_rows(min_row=2, values_only=True)] == shown


def test_without_javascript_the_filters_are_a_plain_form(browser, review_server_url):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        sign_in_as(page, review_server_url, BUSINESS_UNIT)
        page.goto(review_server_url + "/review?as_at=2020-09-30")
        page.get_by_label("Agency", exact=True).select_option(label=TVP)
        page.get_by_role("checkbox", name="Overdue").check()
        page.get_by_role("button", name="Show actions").click()
        expect(page).to_have_url(re.compile(r"agency=\d+.*overdue=yes"))
        expect_rows(page, 1)
        assert table_rows(page) == [(TVP, "2.2")]

        page.goto(review_server_url + "/review?as_at=2020-09-30&per_page=25")
        page.get_by_role("navigation", name="Pages of actions").get_by_role(
            "link", name="Next page"
        ).click()
        expect(page).to_have_url(re.compile(r"per_page=25&page=2$"))
        expect(page.locator("#review-status")).to_contain_text("Showing 26–35 of 35 actions")
    finally:
        context.close()


def test_a_chair_pages_through_the_review_keeping_the_filters(anonymous_page, review_server_url):
    page = anonymous_page
    sign_in_as(page, review_server_url, BUSINESS_UNIT)
    page.goto(review_server_url + "/review?as_at=2020-09-30&sort=ref")
    expect_rows(page, 35)
    expect(page.get_by_role("navigation", name="Pages of actions")).to_have_count(0)

    page.get_by_label("Results per page").select_option("25")
    expect(page).to_have_url(re.compile(r"as_at=2020-09-30&sort=ref&per_page=25$"))
    expect(page.locator("#review-status")).to_contain_text("Showing 1–25 of 35 actions")
    expect(page.locator("#review-results tbody tr")).to_have_count(25)
    first = table_rows(page)

    pages = page.get_by_role("navigation", name="Pages of actions")
    expect(pages.locator("[aria-current='page']")).to_have_text("Page 1")
    pages.get_by_role("link", name="Page 2").click()
    expect(page).to_have_url(re.compile(r"sort=ref&per_page=25&page=2$"))
    expect(page.locator("#review-status")).to_contain_text("Showing 26–35 of 35 actions")
    expect(page.locator("#review-results tbody tr")).to_have_count(10)
    expect(pages.locator("[aria-current='page']")).to_have_text("Page 2")
    assert not set(table_rows(page)) & set(first)
    assert violations(page) == []

    page.get_by_role("link", name="Previous page").click()
    expect(page).to_have_url(re.compile(r"sort=ref&per_page=25$"))
    assert table_rows(page) == first
