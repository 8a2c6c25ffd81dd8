"""The action list a page at a time: a limit, a cursor in the Link header, and a total."""

import re

import pytest

from tests.api.conftest import bearer
from tests.support.accounts import VIEWER


@pytest.fixture
def viewer(api):
    return bearer(api, VIEWER)


def next_link(response) -> str | None:
    found = re.fullmatch(r'<([^>]+)>; rel="next"', response.headers.get("link", ""))
    return found.group(1) if found else None


def test_following_the_next_links_lists_every_action_once_in_order(api, viewer):
    everything = api.get("/api/actions?limit=1000", headers=viewer).json()
    assert len(everything) > 10

    pages, url = [], "/api/actions?limit=4"
    while url is not None:
        response = api.get(url, headers=viewer)
        assert response.status_code == 200, response.text
        assert int(response.headers["x-total-count"]) == len(everything)
        pages.append(response.json())
        url = next_link(response)

    assert all(len(page) == 4 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 4
    assert [item["id"] for page in pages for item in page] == [i["id"] for i in everything]


def test_a_page_keeps_the_filters_and_counts_only_what_matches(api, viewer):
    plan = "Thames Valley Police"
    first = api.get(f"/api/actions?plan={plan}&rag=amber&as_of=2020-07-01&limit=1", headers=viewer)
    total = int(first.headers["x-total-count"])
    assert total > 1 and len(first.json()) == 1
    following = next_link(first)
    assert following is not None and "rag=amber" in following and "limit=1" in following
    second = api.get(following, headers=viewer).json()
    assert second[0]["rag"] == "amber" and second[0]["id"] != first.json()[0]["id"]


def test_the_list_is_a_hundred_to_a_page_unless_asked(api, viewer):
    response = api.get("/api/actions", headers=viewer)
    assert len(response.json()) == min(100, int(response.headers["x-total-count"]))


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("cursor=x", "cursor")],
)
def test_a_bad_limit_or_cursor_is_422_naming_it(api, viewer, query, field):
    response = api.get(f"/api/actions?{query}", headers=viewer)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_the_schema_documents_the_filters_the_page_and_its_headers(api, viewer):
    schema = api.get("/schema/openapi.json", headers=viewer).json()
    listing = schema["paths"]["/api/actions"]["get"]
    described = {p["name"]: p.get("description", "") for p in listing["parameters"]}
    for name in ("plan", "agency", "rag", "overdue", "due_soon", "stale", "as_of"):
        assert described[name], name
    assert "1000" in described["limit"] and "Link" in described["cursor"]
    headers = listing["responses"]["200"]["headers"]
    assert {"Link", "X-Total-Count"} <= set(headers)


def test_paging_one_plan_lists_its_actions_once_in_order(api, viewer):
    plan = "/api/actions?plan=Thames Valley Police"
    everything = api.get(f"{plan}&limit=1000", headers=viewer).json()
    pages, url = [], f"{plan}&limit=3"
    while url is not None:
        response = api.get(url, headers=viewer)
        assert int(response.headers["x-total-count"]) == len(everything)
        pages.append(response.json())
        url = next_link(response)
    assert len(pages) == -(-len(everything) // 3)
    assert [item for page in pages for item in page] == everything


def test_a_cursor_naming_an_action_no_longer_listed_is_422(api, viewer):
    from tracker.api.paging import cursor_of

    response = api.get(f"/api/actions?cursor={cursor_of(999_999)}", headers=viewer)
    assert response.status_code == 422
    assert "start again" in response.json()["errors"]["cursor"]
