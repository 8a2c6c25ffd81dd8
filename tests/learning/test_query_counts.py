"""The learning pages run the same queries however many links there are."""

import pytest

from tests.learning.test_pages import become, plr_item, post
from tests.support.accounts import BUSINESS_UNIT
from tests.support.clock import on_today
from tests.support.lookups import ids
from tests.support.queries import counting_queries

pytestmark = on_today


@pytest.mark.parametrize("path", ["/learning", "/learning/gaps", "/learning/sources/4"])
def test_a_learning_page_runs_as_many_queries_with_more_links(tvp_client, path):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    counts = []
    for refs in ((), ("1.1", "2.1", "7.1")):
        for number, ref in enumerate(refs, start=5):
            action = ids(client, "agency", ref)
            linked = post(
                client,
                f"/learning/items/{plr_item(client, str(number))}/links",
                {"action_id": action["id"]},
            )
            assert linked.status_code == 303
        with counting_queries() as counted:
            assert client.get(path).status_code == 200
        counts.append(counted.count)
    assert counts[0] == counts[1] <= 12, counts
