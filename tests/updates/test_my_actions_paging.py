"""My actions in pages when long: 50 a page unless asked, each action on exactly one page."""

import re

from tests.support.accounts import TVP_LEAD, csrf_headers, sign_in


def shown(page_html: str) -> list[str]:
    return re.findall(r'<tr id="my-action-(\d+)">', page_html)


def test_a_lead_with_many_actions_pages_through_them_all(database_with_actions, serve):
    with serve(database_with_actions(400)) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, TVP_LEAD).status_code == 303
        first = client.get("/my-actions?per_page=25").text
        total = int(re.search(r"Showing 1–25 of (\d+) actions", first).group(1))
        assert total > 25
        assert '<label for="per-page"' in first
        assert 'aria-label="Pages of your actions"' in first
        seen = []
        for number in range(1, -(-total // 25) + 1):
            page = client.get(f"/my-actions?per_page=25&page={number}").text
            seen += shown(page)
            if number > 1:
                assert (
                    f'href="/my-actions?per_page=25&amp;page={number}" aria-current="page"' in page
                )
        assert len(seen) == len(set(seen)) == total
        # 50 a page unless asked; a page past the end is the last; an odd size is named.
        assert len(shown(client.get("/my-actions").text)) == min(total, 50)
        last = client.get("/my-actions?per_page=25&page=999")
        assert last.status_code == 200 and shown(last.text) == seen[25 * ((total - 1) // 25) :]
        assert "this is the last" in last.text
        odd = client.get("/my-actions?per_page=lots")
        assert odd.status_code == 422
        assert "Choose 25, 50 or 100 results per page" in odd.text
