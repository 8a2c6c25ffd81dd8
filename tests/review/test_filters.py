"""The review's filters are made once for each query and set of choices
(tracker.review.filters): a view's next page or next visit shows the same form, and
another query or new choices make their own."""

from __future__ import annotations

import re

from tests.review.test_page import agency_id
from tracker.review import filters

AT = "as_at=2020-09-30"


def form(page_html: str) -> str:
    return page_html.split('<form id="review-filters"')[1].split("</form>")[0]


def test_a_views_pages_share_its_form_and_another_query_has_its_own(two_quarters_client):
    client = two_quarters_client
    tvp = agency_id(client, "Thames Valley Police")
    filters._made.clear()
    first = client.get(f"/review?{AT}&per_page=25").text
    assert len(filters._made) == 1
    again = client.get(f"/review?{AT}&per_page=25&page=2").text
    assert len(filters._made) == 1 and form(again) == form(first)
    assert 'name="as_at" value="2020-09-30"' in form(first)
    chosen = client.get(f"/review?{AT}&per_page=25&agency={tvp}").text
    assert len(filters._made) == 2
    assert re.search(rf'<option value="{tvp}" selected>Thames Valley Police</option>', form(chosen))
    assert " selected>Thames Valley Police" not in form(first)
    odd = client.get(f"/review?{AT}&agency=99999")
    assert odd.status_code == 422 and "There is no such agency" in form(odd.text)


def test_at_most_so_many_forms_are_kept(two_quarters_client, monkeypatch):
    monkeypatch.setattr(filters, "MOST", 3)
    filters._made.clear()
    for word in ("one", "two", "three", "four", "five"):
        page = two_quarters_client.get(f"/review?{AT}&q={word}").text
        assert f'value="{word}"' in form(page)
    assert len(filters._made) == 3
