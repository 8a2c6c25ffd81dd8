"""The chairs' review page over the seeded strategy and two quarters of TVP's returns.

As at 30 Sep 2020 the page holds the overarching plan (10 actions), Children's
Social Care's additional actions (11) and Thames Valley Police's plan (14).
"""

import csv
import html
import io
import re

from markupsafe import escape
from openpyxl import load_workbook

from tests.challenges.test_pages import become, post
from tests.support.accounts import CHAIR, csrf_headers
from tests.support.clock import on_today
from tests.support.lookups import ids
from tests.support.queries import counting_queries

Q2_END = "as_at=2020-09-30"
HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "review-results"}
TVP = "Thames Valley Police"


def rows(page_html: str) -> list[tuple[str, str]]:
    """(plan, ref) of each row of the review table, in order."""
    return [
        (html.unescape(plan), ref)
        for ref, plan in re.findall(r'aria-label="Action ([^"]+?) of ([^"]+)">', page_html)
    ]


def status(page_html: str) -> str:
    found = re.search(r'<p id="review-status"[^>]*>(.*?)</p>', page_html, re.S)
    assert found, "no status line"
    return " ".join(found.group(1).split())


def agency_id(client, name: str) -> str:
    page = client.get("/review").text
    found = re.search(r'<option value="(\d+)">' + re.escape(html.escape(name)) + "</option>", page)
    assert found, name
    return found.group(1)


def test_every_action_across_plans_is_listed_in_plan_order_with_totals(two_quarters_client):
    page = two_quarters_client.get(f"/review?{Q2_END}")
    assert page.status_code == 200
    found = rows(page.text)
    assert len(found) == 35
    plans = list(dict.fromkeys(plan for plan, _ in found))
    assert plans == [
        "Overarching",
        "Oxfordshire County Council, Children's Social Care (additional actions)",
        TVP,
    ]
    assert status(page.text).startswith("Showing 35 of 35 actions as at 30 Sep 2020 (2020-21 Q2):")


def test_filtering_by_plan_or_agency_shows_only_its_actions(two_quarters_client):
    tvp = agency_id(two_quarters_client, TVP)
    filtered = two_quarters_client.get(f"/review?{Q2_END}&agency={tvp}").text
    by_agency = rows(filtered)
    assert len(by_agency) == 14 and {plan for plan, _ in by_agency} == {TVP}
    assert f'<option value="{tvp}" selected>{TVP}</option>' in filtered  # the form keeps it
    page = two_quarters_client.get("/review").text
    plan = re.search(r'<select id="plan".*?<option value="(\d+)">Overarching</option>', page, re.S)
    by_plan = rows(two_quarters_client.get(f"/review?{Q2_END}&plan={plan.group(1)}").text)
    assert len(by_plan) == 10 and {plan for plan, _ in by_plan} == {"Overarching"}


def test_red_shows_what_was_red_on_the_day_asked(two_quarters_client):
    # TVP's 4.1 was red in the Q1 return and amber in Q2.
    in_q1 = two_quarters_client.get("/review?as_at=2020-07-01&rag=red").text
    assert rows(in_q1) == [(TVP, "4.1")]
    assert status(in_q1).endswith("1 red.")
    in_q2 = two_quarters_client.get(f"/review?{Q2_END}&rag=red").text
    assert rows(in_q2) == []
    assert "No actions match these filters." in in_q2
    amber = rows(two_quarters_client.get(f"/review?{Q2_END}&rag=red&rag=amber").text)
    assert (TVP, "4.1") in amber and len(amber) == 5


def test_actions_updated_in_q2_turn_stale_on_the_first_day_of_q3(two_quarters_client):
    tvp = agency_id(two_quarters_client, TVP)
    last_day = rows(two_quarters_client.get(f"/review?{Q2_END}&agency={tvp}&stale=yes").text)
    first_day = rows(
        two_quarters_client.get(f"/review?as_at=2020-10-01&agency={tvp}&stale=yes").text
    )
    updated_on_30_sep = {(TVP, "1.1"), (TVP, "4.1"), (TVP, "11.3")}
    assert not updated_on_30_sep & set(last_day)
    assert updated_on_30_sep <= set(first_day)
    assert (TVP, "7.2") not in first_day  # complete: never stale
    assert len(first_day) == 13


def test_overdue_sorted_by_days_overdue_puts_the_longest_overdue_first(two_quarters_client):
    page = two_quarters_client.get(f"/review?{Q2_END}&overdue=yes&sort=-overdue").text
    found = rows(page)
    assert (TVP, "2.2") in found and ("Overarching", "2.1") in found
    days = [int(n) for n in re.findall(r'<strong class="overdue">(\d+) days? overdue', page)]
    assert len(days) == len(found) and days == sorted(days, reverse=True)
    assert re.search(r'<th scope="col">\s*<a id="sort-due"', page)  # not the sorted column


def test_free_text_matches_action_text_and_progress_ignoring_case(two_quarters_client):
    found = rows(two_quarters_client.get(f"/review?{Q2_END}&q=BRIEFINGS+delivered").text)
    assert found == [(TVP, "1.1")]  # "three of five briefings delivered", in Q2's progress


def test_the_sorted_heading_says_so_and_its_link_keeps_the_filters(two_quarters_client):
    tvp = agency_id(two_quarters_client, TVP)
    page = two_quarters_client.get(f"/review?{Q2_END}&agency={tvp}&sort=due").text
    heading = re.search(
        r'<th scope="col" aria-sort="ascending">\s*<a id="sort-due" [^>]*href="([^"]+)"', page
    )
    assert heading, "the Due heading is not marked as sorted"
    assert html.unescape(heading.group(1)) == f"/review?{Q2_END}&agency={tvp}&sort=-due"
    assert page.count("aria-sort=") == 1


def test_an_htmx_request_gets_only_the_results_and_the_shareable_address(two_quarters_client):
    response = two_quarters_client.get(
        f"/review?{Q2_END}&plan=&agency=&rag=red&q=&sort=plan", headers=HTMX_RESULTS
    )
    assert response.status_code == 200
    assert "<html" not in response.text and '<form id="review-filters"' not in response.text
    assert '<div id="review-results">' in response.text
    assert '<p id="review-status" hx-swap-oob="innerHTML">' in response.text
    assert response.headers["HX-Push-Url"] == f"/review?{Q2_END}&rag=red"
    assert 'href="/review.xlsx?as_at=2020-09-30&amp;rag=red"' in response.text


def test_bad_values_get_messages_next_to_the_fields_not_an_error_page(two_quarters_client):
    response = two_quarters_client.get(
        "/review?as_at=2020-02-30&plan=999999&rag=purple&sort=colour&q=keep+this"
    )
    assert response.status_code == 422
    page = response.text
    assert "There is a problem" in page
    for field in ("as-at", "plan", "rag-red", "sort"):
        assert f'href="#{field}"' in page and f'id="{field}-error"' in page
    assert 'value="2020-02-30"' in page and 'value="keep this"' in page
    assert len(rows(page)) == 0  # the text still filters: nothing says "keep this"


def test_an_htmx_request_with_bad_values_loads_the_full_page_to_show_them(two_quarters_client):
    response = two_quarters_client.get("/review?rag=purple", headers=HTMX_RESULTS)
    assert response.headers["HX-Redirect"] == "/review?rag=purple"
    assert (
        two_quarters_client.get("/review.csv?rag=purple", follow_redirects=False).headers[
            "location"
        ]
        == "/review?rag=purple"
    )


def test_the_csv_download_is_the_filtered_sorted_view_with_iso_dates(two_quarters_client):
    query = f"{Q2_END}&stale=yes&sort=-due"
    page_rows = rows(two_quarters_client.get(f"/review?{query}").text)
    response = two_quarters_client.get(f"/review.csv?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="review-2020-09-30.csv"'
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["Plan"], row["Ref"]) for row in table] == page_rows
    assert all(row["Stale"] == "Yes" for row in table)
    dated = [row["Due"] for row in table if row["Due"]]
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in dated)
    assert dated == sorted(dated, reverse=True)


def test_the_xlsx_download_is_the_same_view_as_the_page(two_quarters_client):
    tvp = agency_id(two_quarters_client, TVP)
    query = f"{Q2_END}&agency={tvp}&rag=amber&sort=ref"
    page_rows = rows(two_quarters_client.get(f"/review?{query}").text)
    response = two_quarters_client.get(f"/review.xlsx?{query}")
    assert (
        response.headers["content-disposition"] == 'attachment; filename="review-2020-09-30.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Actions"]
    header = [cell.value for cell in sheet[1]]
    table = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert [(row["Plan"], row["Ref"]) for row in table] == page_rows
    assert {row["RAG"] for row in table} == {"Amber"}
    about = dict(workbook["About this view"].iter_rows(values_only=True))
    assert about["Filters"] == f"Agency: {TVP}; RAG: Amber"
    assert about["Actions"] == f"{len(page_rows)} of 35"
    assert about["Core component 7"].startswith("7. To ensure attendance at child protection")


def test_progress_starting_with_equals_stays_text_in_both_downloads(two_quarters_client):
    action = ids(two_quarters_client, "agency", "1.1")
    saved = two_quarters_client.post(
        f"/actions/{action['id']}/update",
        data={"rag": "amber", "progress": "=1+2 briefings left", "version": action["version"]},
        headers=csrf_headers(two_quarters_client),
        follow_redirects=False,
    )
    assert saved.status_code == 303
    query = "q=briefings+left"
    sheet = load_workbook(io.BytesIO(two_quarters_client.get(f"/review.xlsx?{query}").content))[
        "Actions"
    ]
    header = [cell.value for cell in sheet[1]]
    progress = sheet.cell(row=2, column=header.index("Progress") + 1)
    assert (progress.value, progress.data_type) == ("=1+2 briefings left", "s")
    text = two_quarters_client.get(f"/review.csv?{query}").content.decode("utf-8-sig")
    assert next(csv.DictReader(io.StringIO(text)))["Progress"] == "'=1+2 briefings left"


def test_the_review_page_runs_the_same_queries_for_10_actions_as_for_1000(
    database_with_actions, serve, backend
):
    counts = []
    for added in (10, 1000):
        with serve(database_with_actions(added)) as client:
            views = []
            for _ in range(2):
                with counting_queries() as counted:
                    page = client.get("/review?as_at=2020-09-30")
                assert page.status_code == 200
                views.append((counted.count, page.text))
            (first, text), (again, text_again) = views
            assert text_again == text  # the kept view gives the same page
            counts.append((first, again, text.count('<tr id="review-action-')))
    (few, few_again, few_rows), (many, many_again, many_rows) = counts
    assert (few_rows, many_rows) == (21 + 10, 50)  # plus the seeded actions; 50 a page
    assert "of 1,021 actions" in text
    # 20 the first time: the choices, the page's matches and its counts (apart, side by
    # side), each kept (tracker.core.kept_counts), and its rows, and whether the kept
    # latest updates serve the day (tracker.plans.statuses.all_dated_by: one index step).
    # Keeping them is 3 more on PostgreSQL (SQLite's are written beside Piccolo, uncounted).
    keeping = 3 if backend.name == "postgres" else 0
    assert few == many <= 20 + keeping, (few, many)
    # Again: the kept choices and matches are read, not worked out.
    assert few_again == many_again <= few - keeping - 4, (few_again, many_again)


def test_each_download_runs_the_same_queries_as_the_page(database_with_actions, serve):
    with serve(database_with_actions(50)) as client:
        assert client.get("/review?as_at=2020-09-30").status_code == 200  # the view kept
        counted = []
        for path in ("/review", "/review.csv", "/review.xlsx"):
            with counting_queries() as log:
                assert client.get(path + "?as_at=2020-09-30").status_code == 200
            counted.append(log.count)
    page, *downloads = counted
    # The same (the page's glossary comes with the session); a file's rows read in one batch
    # of 500 instead of the page's.
    assert downloads == [page, page]


def test_a_quarter_end_is_picked_keeping_the_other_filters(tvp_client):
    page = tvp_client.get("/review?as_at=2020-09-30&rag=red&rag=amber&q=visits").text
    picker = page.split('class="as-at quarter-end"')[1].split("</form>")[0]
    assert '<option value="2020-09-30" selected>End of 2020-21 Q2 (30 Sep 2020)</option>' in picker
    assert "2019-20" not in picker  # the strategy began on 1 Apr 2020
    for kept in ('name="rag" value="red"', 'name="rag" value="amber"', 'name="q" value="visits"'):
        assert f'<input type="hidden" {kept}>' in picker
    assert 'type="hidden" name="as_at"' not in picker


@on_today
def test_open_challenges_and_escalations_are_counted_as_at_the_day_asked(tvp_client):
    """Raised today (10 Nov 2026): open today, not yet on the day before; closed, not open."""
    become(tvp_client, CHAIR)
    action = ids(tvp_client, "agency", "1.1")
    raised = post(
        tvp_client,
        f"/actions/{action['id']}/challenges",
        {"question": "Why?", "reply_wanted_by": "2026-11-24"},
    )
    assert raised.status_code == 303
    post(
        tvp_client,
        "/escalations",
        {"action_id": action["id"], "escalated_to": "masa", "rationale": "Needs partners"},
    )

    def open_counts(day: str) -> tuple[str, str]:
        text = tvp_client.get(f"/review.csv?as_at={day}").content.decode("utf-8-sig")
        [row] = [
            row
            for row in csv.DictReader(io.StringIO(text))
            if (row["Plan"], row["Ref"]) == ("Thames Valley Police", "1.1")
        ]
        return row["Open challenges"], row["Open escalations"]

    assert open_counts("2026-11-10") == ("1", "1")
    assert open_counts("2026-11-09") == ("0", "0")
    challenge_id = raised.headers["location"].split("/challenges/")[1].split("?")[0]
    post(tvp_client, f"/challenges/{challenge_id}/close", {"closing_note": ""})
    assert open_counts("2026-11-10") == ("0", "1")


def test_plans_show_the_agencys_short_name_with_the_full_name_on_hover_and_for_screen_readers(
    two_quarters_client,
):
    """Issue 21: the review's rows repeated each long plan name in a narrow column."""
    page = two_quarters_client.get(f"/review?{Q2_END}").text
    assert (
        '<abbr class="short-name" title="Thames Valley Police" aria-hidden="true">TVP</abbr>'
        '<span class="visually-hidden">Thames Valley Police</span>'
    ) in page
    full = escape("Oxfordshire County Council, Children's Social Care (additional actions)")
    assert (
        f'<abbr class="short-name" title="{full}" aria-hidden="true">CSC (additional)</abbr>'
        f'<span class="visually-hidden">{full}</span>'
    ) in page
    # A plan with no short name stays as it is.
    assert '<td class="card-title-aside" data-label="Plan">Overarching</td>' in page
