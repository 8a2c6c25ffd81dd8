"""The API and a withdrawn action: the listing leaves it out from its day; its own detail
says when and why it was withdrawn."""

from datetime import date

from tests.api.conftest import bearer
from tests.support.accounts import VIEWER
from tracker.core.tables import Action

TVP = "/api/actions?plan=Thames Valley Police"


def withdraw_1_1(api) -> int:
    query = Action.update(
        {Action.withdrawn_on: date(2020, 10, 15), Action.withdrawn_reason: "Merged into 1.2"}
    ).where((Action.ref == "1.1") & (Action.plan.agency.name == "Thames Valley Police"))
    with api.portal() as portal:
        portal.call(query.run)
        row = portal.call(
            Action.select(Action.id).where(Action.withdrawn_on.is_not_null()).first().run
        )
    return row["id"]


def test_the_api_lists_a_withdrawn_action_until_its_day_and_details_it_after(api):
    viewer = bearer(api, VIEWER)
    action_id = withdraw_1_1(api)
    before = api.get(f"{TVP}&as_of=2020-10-14", headers=viewer).json()
    item = next(item for item in before if item["ref"] == "1.1")
    assert (item["withdrawn_on"], item["withdrawn_reason"]) == ("2020-10-15", "Merged into 1.2")
    after = api.get(f"{TVP}&as_of=2020-10-15", headers=viewer).json()
    assert "1.1" not in {item["ref"] for item in after}
    assert len(after) == len(before) - 1
    amber = api.get(f"{TVP}&as_of=2020-10-15&rag=amber", headers=viewer).json()
    assert "1.1" not in {item["ref"] for item in amber}  # filtered by status too
    detail = api.get(f"/api/actions/{action_id}", headers=viewer).json()
    assert (detail["withdrawn_on"], detail["withdrawn_reason"]) == ("2020-10-15", "Merged into 1.2")
