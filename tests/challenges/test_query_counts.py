"""The challenge and escalation lists, and My actions with its challenges, run a fixed
number of queries however many challenges and escalations there are."""

import pytest

from tests.challenges.test_pages import become
from tests.support.accounts import TVP_LEAD
from tests.support.queries import counted_views, counting_queries


@pytest.mark.parametrize("path", ["/challenges", "/challenges?show=all", "/escalations"])
def test_the_lists_run_the_same_queries_for_1_item_as_for_8(database_with_actions, serve, path):
    counts = []
    # database_with_actions puts an open challenge and escalation on every tenth action.
    for actions, expected in ((10, 1), (80, 8)):
        with serve(database_with_actions(actions)) as client:
            with counting_queries() as counted:
                page = client.get(path)
            assert page.status_code == 200
            assert page.text.count('id="challenge-') + page.text.count('id="escalation-') == (
                expected
            )
            counts.append(counted.count)
    assert counts[0] == counts[1] <= 6, counts


def test_my_actions_with_challenges_runs_the_same_queries_however_many(
    database_with_actions, serve
):
    counts = []
    for actions in (10, 130):
        with serve(database_with_actions(actions)) as client:
            become(client, TVP_LEAD)
            views, text = counted_views(client, "/my-actions")
            counts.append((*views, text.count('class="challenge-card"')))
    (few, few_again, few_cards), (many, many_again, many_cards) = counts
    assert few_cards < many_cards
    # The session with the strategies one read; the list worked out and kept on the first
    # view, read as kept on the next (tracker.updates.my_actions); then its page.
    assert few == many <= 12
    assert few_again == many_again <= 8
