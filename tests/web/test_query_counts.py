"""List pages run a fixed number of queries, however many actions there are."""

import pytest

from tests.plans.test_pages import plan_id
from tests.support.queries import counted_views, counting_queries


@pytest.mark.parametrize("path", ["/", "/agencies", "/glossary", "/core-components"])
def test_list_pages_run_a_fixed_number_of_queries(backend, seeded_template, tvp_db, serve, path):
    with serve(backend.new_database(template=seeded_template)) as client:
        with counting_queries() as fewer_actions:
            assert client.get(path).status_code == 200
    with serve(tvp_db) as client:
        with counting_queries() as more_actions:
            assert client.get(path).status_code == 200
        with counting_queries() as again:
            assert client.get(path).status_code == 200
    assert fewer_actions.count == more_actions.count, more_actions.queries
    # The home page's counts by plan are kept (tracker.core.kept_counts): looked up, and
    # the first time worked out and kept; the next time, only looked up (the counts, and
    # whether the kept latest updates serve the day, not read; on SQLite they are kept on
    # a connection of their own, not counted here).
    if path == "/":
        assert more_actions.count <= 10, more_actions.queries
        assert again.count <= more_actions.count - 2, again.queries
    else:
        assert again.count == more_actions.count <= 8, more_actions.queries


def test_a_plan_page_runs_the_same_queries_for_13_actions_as_for_none(tvp_client):
    tvp = plan_id(tvp_client, "Thames Valley Police")
    education = plan_id(tvp_client, "Oxfordshire County Council, Education Service")
    for plan in (education, tvp):  # their counts by objective kept (tracker.core.kept_counts)
        tvp_client.get(f"/plans/{plan}")
    with counting_queries() as empty:
        tvp_client.get(f"/plans/{education}")
    with counting_queries() as full:
        tvp_client.get(f"/plans/{tvp}")
    # 9: the strategies (read once a request) and whether the plan's strategy is closed.
    assert empty.count == full.count <= 9, full.queries


def test_my_actions_runs_the_same_queries_for_13_actions_as_for_none(
    backend, seeded_template, tvp_db, serve
):
    from tests.support.accounts import TVP_LEAD, csrf_headers, sign_in

    counts = []
    for database in (backend.new_database(template=seeded_template), tvp_db):
        with serve(database) as client:
            client.post("/sign-out", headers=csrf_headers(client))
            assert sign_in(client, TVP_LEAD).status_code == 303
            views, text = counted_views(client, "/my-actions")
            counts.append((*views, text.count('<tr id="my-action-')))
    (none, none_again, no_rows), (full, full_again, rows) = counts
    assert (no_rows, rows) == (0, 13)
    # The session is read with the strategies; the list is worked out and kept on the first
    # view (a read of the kept list, what the database sees, three light reads and keeping
    # it), read as kept on the next; then the shown page's actions and their statuses.
    # (With none, no page and no statuses need a query.)
    assert none <= full <= 12
    assert none_again <= full_again <= 8 and full_again < full
