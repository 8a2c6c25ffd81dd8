"""Reading actions through the API: filtered, with their status as at a day."""

from datetime import date

import pytest

from tests.api.conftest import bearer, tvp_actions
from tests.support.accounts import VIEWER
from tests.support.queries import counting_queries
from tracker.core.tables import Action, Plan

TVP = "/api/actions?plan=Thames Valley Police"


@pytest.fixture
def viewer(api):
    return bearer(api, VIEWER)


def refs(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["ref"] for item in response.json()}


def test_an_action_in_the_list_carries_its_status_and_version(api, viewer):
    [item] = api.get(f"{TVP}&as_of=2020-07-01&rag=amber", headers=viewer).json()[:1]
    assert item["ref"] == "1.1"
    assert item["plan"] == item["agency"] == "Thames Valley Police"
    assert item["action"].startswith("Deliver neglect briefings")
    assert (item["lead"], item["due"], item["rag"]) == (
        "DCI Public Protection",
        "2020-09-30",
        "amber",
    )
    assert item["progress"] == "two of five briefings delivered"
    assert item["as_at"] == "2020-06-30"
    assert (item["overdue"], item["days_overdue"], item["version"]) == (False, 0, 1)
    today = tvp_actions(api, viewer)["1.1"]  # as_of defaults to today, long after it was due
    assert today["overdue"] is True and today["days_overdue"] > 2000


def test_a_plan_is_found_by_id_or_exact_name_and_an_agency_by_short_name(api, viewer):
    by_name = api.get(TVP, headers=viewer).json()
    assert len(by_name) == 13
    by_id = api.get(f"/api/actions?plan={by_name[0]['plan_id']}", headers=viewer).json()
    assert by_id == by_name
    assert api.get("/api/actions?agency=TVP", headers=viewer).json() == by_name


def test_rag_filters_count_the_return(api, viewer):
    counts = {
        rag: len(api.get(f"{TVP}&rag={rag}", headers=viewer).json())
        for rag in ("red", "amber", "green", "blue", "none")
    }
    assert counts == {"red": 1, "amber": 4, "green": 6, "blue": 1, "none": 1}
    [red] = api.get("/api/actions?rag=red", headers=viewer).json()
    assert red["ref"] == "4.1" and red["progress"] == "no capacity until Q3"


def test_overdue_leaves_out_complete_recurring_and_undated_actions(api, viewer):
    overdue = refs(api.get(f"{TVP}&overdue=true&as_of=2020-12-31", headers=viewer))
    # 7.2 (complete, due August) and 4.1 (due that very day) are not overdue; nor are
    # the quarterly and ongoing ones, which have no due date.
    assert overdue == {"1.1", "1.2", "2.2", "11.1"}
    items = api.get(f"{TVP}&overdue=true&as_of=2020-12-31", headers=viewer).json()
    assert {item["ref"]: item["days_overdue"] for item in items}["1.1"] == 92
    not_overdue = refs(api.get(f"{TVP}&overdue=false&as_of=2020-12-31", headers=viewer))
    assert "7.2" in not_overdue and "2.1" in not_overdue and len(not_overdue) == 9


def test_before_the_return_that_brought_them_the_plans_actions_are_not_listed(api, viewer):
    """TVP's actions entered the tracker with its Q1 return, dated 30 Jun 2020: a view of the
    day before does not count them (as the quarter's figures do not)."""
    assert api.get(f"{TVP}&as_of=2020-06-29", headers=viewer).json() == []
    items = api.get(f"{TVP}&as_of=2020-06-30", headers=viewer).json()
    assert items and all(item["as_at"] == "2020-06-30" for item in items if item["rag"])


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("rag=purple", "rag", "Give rag as red, amber, green"),
        ("overdue=maybe", "overdue", "Give overdue as true or false."),
        ("due_soon=soonish", "due_soon", "Give due_soon as true or false."),
        ("stale=2", "stale", "Give stale as true or false."),
        ("as_of=31/12/2020", "as_of", "Give as_of as a real date"),
        ("plan=No such plan", "plan", "There is no plan called 'No such plan'"),
        ("plan=99999", "plan", "There is no plan 99999."),
        ("agency=Nowhere", "agency", "There is no agency called 'Nowhere'."),
    ],
)
def test_a_bad_filter_is_422_naming_the_field(api, viewer, query, field, message):
    response = api.get(f"/api/actions?{query}", headers=viewer)
    assert response.status_code == 422
    assert message in response.json()["errors"][field]


def test_one_action_has_every_field_and_its_history_newest_first(api, viewer):
    item = tvp_actions(api, viewer)["4.1"]
    detail = api.get(f"/api/actions/{item['id']}", headers=viewer).json()
    assert detail["objective_ref"] == "4" and detail["ref"] == "4.1"
    assert detail["desired_outcome"] and detail["version"] == 1
    assert detail["rag"] == "red"
    [entry] = detail["history"]
    assert entry["source"] == "import" and entry["recorded_by"] == "test officer"
    assert entry["as_at"] == "2020-06-30" and entry["progress"] == "no capacity until Q3"
    assert {"impact", "evidence_link", "recorded_at"} <= set(entry)
    before = api.get(f"/api/actions/{item['id']}?as_of=2020-01-01", headers=viewer).json()
    assert before["rag"] is None and len(before["history"]) == 1


def test_a_missing_action_is_404_json(api, viewer):
    response = api.get("/api/actions/999999", headers=viewer)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no action 999999."


def test_the_action_list_runs_the_same_queries_for_every_action_as_for_one_plan(api, viewer):
    api.get("/api/plans", headers=viewer)  # the token's last-used time is written now, not later
    for path in (TVP, "/api/actions"):  # their totals kept (tracker.core.kept_counts)
        api.get(path, headers=viewer)
    with counting_queries() as one_plan:
        api.get(TVP, headers=viewer)
    with counting_queries() as everything:
        assert len(api.get("/api/actions", headers=viewer).json()) > 13
    assert everything.count <= one_plan.count <= 8, everything.queries


def test_due_soon_and_stale_follow_the_shared_rules(api, viewer):
    # As at 15 Sep 2020 the return of 30 Jun is last quarter's: every open action is
    # stale, and those due by 15 Oct (1.1 and 11.1, due 30 Sep) are due soon.
    mid_q2 = f"{TVP}&as_of=2020-09-15"
    assert refs(api.get(f"{mid_q2}&due_soon=true", headers=viewer)) == {"1.1", "11.1"}
    stale = refs(api.get(f"{mid_q2}&stale=true", headers=viewer))
    assert "7.2" not in stale and len(stale) == 12  # 7.2 is complete
    # On the return's own day only 8.2 is stale: the return gave it no update at all.
    assert refs(api.get(f"{TVP}&as_of=2020-06-30&stale=true", headers=viewer)) == {"8.2"}
    item = tvp_actions(api, viewer)["1.1"]
    assert (item["due_soon"], item["stale"]) == (False, True)
    detail = api.get(f"/api/actions/{item['id']}?as_of=2020-09-15", headers=viewer).json()
    assert (detail["due_soon"], detail["stale"], detail["overdue"]) == (True, True, False)


def test_the_total_given_is_the_latest_after_actions_are_added_withdrawn_or_moved(api, viewer):
    """The total is kept between requests (tracker.core.kept_counts); a change to what it
    counts ends it, and the next list says the new total."""

    def total(path: str) -> int:
        response = api.get(path, headers=viewer)
        assert response.status_code == 200
        return int(response.headers["x-total-count"])

    everything, tvp = total("/api/actions"), total(TVP)
    assert total("/api/actions") == everything  # kept, and the same
    tvp_ids = [item["id"] for item in api.get(TVP, headers=viewer).json()]
    withdrawn = Action.update({Action.withdrawn_on: date(2020, 1, 1)}).where(
        Action.id == tvp_ids[0]
    )
    withdrawn.run_sync()
    assert (total("/api/actions"), total(TVP)) == (everything - 1, tvp - 1)
    [other] = Plan.select(Plan.id).where(Plan.name != "Thames Valley Police").limit(1).run_sync()
    Action.update({Action.plan: other["id"]}).where(Action.id == tvp_ids[1]).run_sync()
    assert (total("/api/actions"), total(TVP)) == (everything - 1, tvp - 2)
