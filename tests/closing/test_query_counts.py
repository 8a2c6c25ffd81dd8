"""The carry page and the closing report run a fixed number of queries, however many actions
were carried over."""

import pytest

from tests.closing.support import actions_of, add_next_strategy, close_first, first_strategy
from tests.support.accounts import csrf_headers
from tests.support.queries import counting_queries


@pytest.mark.parametrize("page", ["carry", "closing-report", "closing-report.xlsx"])
def test_closing_pages_run_the_same_queries_for_one_action_carried_as_for_ten(tvp_db, serve, page):
    close_first()
    target = add_next_strategy()
    source = first_strategy()["id"]
    ids = [row["id"] for row in actions_of(source)][:11]
    counts = []
    with serve(tvp_db) as client:
        for chosen in (ids[:1], ids[1:]):
            carried = client.post(
                f"/strategies/{source}/carry",
                data={"target": str(target), "action": [str(i) for i in chosen]},
                headers=csrf_headers(client),
                follow_redirects=False,
            )
            assert carried.status_code == 303, carried.text
            with counting_queries() as counted:
                assert client.get(f"/strategies/{source}/{page}").status_code == 200
            counts.append(counted.count)
    assert counts[0] == counts[1] <= 10, counts
