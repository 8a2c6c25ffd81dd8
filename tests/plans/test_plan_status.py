"""A plan's RAG and progress come from its updates, as at the day asked for."""

import re

from tests.plans.test_pages import plan_id, row_of, text_of


def test_an_imported_return_shows_rag_words_and_latest_progress(tvp_client):
    page = tvp_client.get(f"/plans/{plan_id(tvp_client, 'Thames Valley Police')}").text
    first = text_of(row_of(page, "1.1"))
    assert "Amber" in first
    assert "two of five briefings delivered" in first
    assert "As at 30 Jun 2020" in first
    assert "Complete" in text_of(row_of(page, "7.2"))
    assert "Not rated" in text_of(row_of(page, "8.2"))


def test_before_the_returns_as_at_date_nothing_is_rated_yet(tvp_client):
    tvp = plan_id(tvp_client, "Thames Valley Police")
    page = tvp_client.get(f"/plans/{tvp}?as_at=2020-06-29").text
    assert page.count(">Not rated<") == 13
    assert "two of five briefings delivered" not in page


def test_home_counts_the_return_by_rag(tvp_client):
    home = tvp_client.get("/?as_at=2020-07-01").text
    row = home[home.index(">Thames Valley Police<") :]
    cells = re.findall(r'<td class="numeric">(?:<strong>)?(\d+)', row[: row.index("</tr>")])
    # actions, red, amber, green, complete, not rated, overdue
    assert [int(cell) for cell in cells] == [13, 1, 4, 6, 1, 1, 0]


def test_action_page_lists_the_update_with_who_and_how(tvp_client):
    page = tvp_client.get(f"/plans/{plan_id(tvp_client, 'Thames Valley Police')}").text
    action = re.search(r'href="/actions/(\d+)[^"]*" aria-label="Action 4.1"', page)[1]
    detail = text_of(tvp_client.get(f"/actions/{action}").text)
    assert "30 Jun 2020 Red no capacity until Q3" in detail
    assert "test officer Import" in detail


def test_a_plan_shows_what_falls_due_soon_and_what_went_without_an_update(tvp_client):
    tvp = plan_id(tvp_client, "Thames Valley Police")
    page = tvp_client.get(f"/plans/{tvp}?as_at=2020-09-15").text
    assert "Due in 15 days" in text_of(row_of(page, "1.1"))  # due 30 Sep
    assert "Due in" not in text_of(row_of(page, "1.2"))  # due 31 Oct: more than 30 days
    assert "Due today" in text_of(
        row_of(tvp_client.get(f"/plans/{tvp}?as_at=2020-09-30").text, "1.1")
    )
    # 2.2 was due 31 Jul. The 30 Jun return is last quarter's by 15 Sep: all but the
    # complete 7.2 are stale.
    assert "1 overdue, 2 due in the next 30 days, 12 not updated in 2020-21 Q2" in text_of(page)
