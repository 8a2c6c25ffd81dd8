"""The review page in pages: 50 a page unless asked, every filter kept from page to page,
counts over every match, and downloads of every matching row whatever the page."""

import csv
import html
import io
import re

from openpyxl import load_workbook

from tests.review.test_page import HTMX_RESULTS, rows, status

# 120 bulk actions (refs 90.1-90.120) beside the 21 seeded; "Bulk" matches only them.
BULK = "as_at=2020-09-30&q=Bulk"


def nav(page_html: str) -> str:
    found = re.search(
        r'<nav class="pagination pages" aria-label="Pages of actions">.*?</nav>', page_html, re.S
    )
    assert found, "no pagination"
    return found.group(0)


def links(page_html: str) -> dict[str, str]:
    """Each page link's words (Previous, 1, 2, Next...) to its address."""
    return {
        re.sub(r"<[^>]+>|Page | page", "", words).strip(): html.unescape(href)
        for href, words in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', nav(page_html))
    }


def test_fifty_a_page_with_counts_over_every_match(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        first = client.get(f"/review?{BULK}&sort=ref").text
        assert len(rows(first)) == 50
        said = status(first)
        assert said.startswith(
            "Showing 1–50 of 120 actions matching (141 in all) as at 30 Sep 2020"
        )
        # The counts are of all 120 matches: the CSV of the same view has them all.
        every = list(
            csv.DictReader(io.StringIO(client.get(f"/review.csv?{BULK}").text.lstrip("\ufeff")))
        )
        assert len(every) == 120
        overdue = sum(1 for row in every if row["Days overdue"] not in ("", "0"))
        red = sum(1 for row in every if row["RAG"] == "Red")
        assert f"{overdue} overdue" in said and f"{red} red." in said
        assert 50 < overdue < 120 or 0 < red < 50  # more than one page could show


def test_page_two_holds_rows_51_to_100_in_the_sort_order(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        everything = rows(client.get(f"/review?{BULK}&sort=-due&per_page=100").text)
        everything += rows(client.get(f"/review?{BULK}&sort=-due&per_page=100&page=2").text)
        assert len(everything) == 120
        second = client.get(f"/review?{BULK}&sort=-due&page=2").text
        assert rows(second) == everything[50:100]
        assert status(second).startswith("Showing 51–100 of 120 actions")
        assert "Actions as at 30 Sep 2020, due date, latest first, page 2 of 3" in second


def test_page_links_keep_every_filter_and_mark_the_current_page(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        asked = f"{BULK}&rag=red&rag=amber&rag=green&rag=blue&rag=none&sort=-due&per_page=25"
        page = client.get(f"/review?{asked}&page=2").text
        found = links(page)
        assert list(found) == ["Previous", "1", "2", "3", "4", "5", "Next"]
        assert '<a href="' + html.escape(found["2"]) + '" aria-current="page">' in nav(page)
        for link in found.values():
            for kept in (
                "as_at=2020-09-30",
                "q=Bulk",
                "rag=red",
                "rag=none",
                "sort=-due",
                "per_page=25",
            ):
                assert kept in link, (kept, link)
        assert "&page=3" in found["Next"] and "&page=" not in found["1"]
        # Following Next without JS: the third page of the same view.
        third = client.get(found["Next"]).text
        assert status(third).startswith("Showing 51–75 of 120 actions")
        # The results-per-page control is labelled and keeps the choice.
        assert '<label for="per-page"' in page and '<option value="25" selected>25</option>' in page
        # Downloads are of every match, never only the page.
        download = re.search(r'href="(/review\.csv[^"]*)"', page).group(1)
        assert "page" not in download and "rag=none" in download


def test_htmx_page_links_swap_only_the_results_and_share_the_page(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        answer = client.get(f"/review?{BULK}&page=2", headers=HTMX_RESULTS)
        assert answer.status_code == 200
        assert "<form" not in answer.text and len(rows(answer.text)) == 50
        assert answer.headers["HX-Push-Url"] == "/review?as_at=2020-09-30&q=Bulk&page=2"
        assert 'hx-target="#review-results"' in nav(answer.text)


def test_odd_paging_values_show_a_page_never_an_error(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        past = client.get(f"/review?{BULK}&page=99")
        assert past.status_code == 200
        assert status(past.text).startswith("Showing 101–120 of 120 actions")
        assert "There are only 3 pages of these actions: this is the last." in past.text
        assert len(rows(client.get(f"/review?{BULK}&page=first").text)) == 50
        odd = client.get(f"/review?{BULK}&per_page=7")
        assert odd.status_code == 422
        assert "Choose 25, 50 or 100 results per page" in odd.text
        assert len(rows(odd.text)) == 50


def test_the_xlsx_download_has_every_matching_row_not_a_page(database_with_actions, serve):
    with serve(database_with_actions(120)) as client:
        answer = client.get(f"/review.xlsx?{BULK}&page=2&per_page=25")
        assert answer.status_code == 200
        sheet = load_workbook(io.BytesIO(answer.content), read_only=True)["Actions"]
        assert sum(1 for _ in sheet.iter_rows(min_row=2)) == 120
