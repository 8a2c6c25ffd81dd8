"""Recording an update through the API, under the same rules as the pages."""

import pytest

from tests.api.conftest import bearer, tvp_actions
from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER


def post_update(api, action, headers, **body):
    body = {"rag": "green", "progress": "on track", "version": action["version"], **body}
    return api.post(f"/api/actions/{action['id']}/updates", json=body, headers=headers)


def other_actions(api, headers) -> dict[str, dict]:
    """An overarching action not assigned to TVP's lead, and one of another agency's plan."""
    plans = api.get("/api/plans", headers=headers).json()
    overarching = next(plan for plan in plans if plan["kind"] == "overarching")
    other = next(
        plan
        for plan in plans
        if plan["agency"] not in (None, "Thames Valley Police") and plan["actions"]
    )
    found = {}
    for key, plan in (("overarching", overarching), ("other agency", other)):
        found[key] = api.get(f"/api/actions?plan={plan['id']}", headers=headers).json()[0]
    return found


def test_the_business_unit_records_an_update_and_gets_the_new_state(api):
    headers = bearer(api, BUSINESS_UNIT)
    action = tvp_actions(api, headers)["1.1"]
    response = post_update(
        api, action, headers, rag="amber", progress="three of five delivered", as_at="2020-09-30"
    )
    assert response.status_code == 201, response.text
    state = response.json()
    assert (state["rag"], state["progress"], state["as_at"]) == (
        "amber",
        "three of five delivered",
        "2020-09-30",
    )
    assert state["version"] == 2 and state["id"] == action["id"]
    latest = api.get(f"/api/actions/{action['id']}", headers=headers).json()["history"][0]
    assert (latest["source"], latest["recorded_by"]) == ("api", BUSINESS_UNIT)


def test_an_update_on_an_old_version_is_409_with_what_changed(api):
    headers = bearer(api, BUSINESS_UNIT)
    action = tvp_actions(api, headers)["1.1"]
    assert post_update(api, action, headers, progress="first").status_code == 201
    stale = post_update(api, action, headers, rag="red", progress="second")
    assert stale.status_code == 409
    body = stale.json()
    assert "changed by someone else" in body["detail"] and body["error"]
    assert body["current"]["version"] == 2
    assert (body["current"]["rag"], body["current"]["progress"]) == ("green", "first")
    [change] = body["changes_since"]
    assert change["actor"] == BUSINESS_UNIT and change["after"]["version"] == 2
    assert api.get(f"/api/actions/{action['id']}", headers=headers).json()["rag"] == "green"


def test_tvps_lead_updates_tvps_actions(api):
    headers = bearer(api, TVP_LEAD)
    response = post_update(api, tvp_actions(api, headers)["1.2"], headers)
    assert response.status_code == 201, response.text


def test_a_lead_cannot_update_another_agencys_or_an_unassigned_overarching_action(api):
    headers = bearer(api, TVP_LEAD)
    for action in other_actions(api, headers).values():
        response = post_update(api, action, headers)
        assert response.status_code == 403, action
        assert "You cannot change action" in response.json()["detail"]


@pytest.mark.parametrize("email", [CHAIR, VIEWER])
def test_chairs_and_viewers_cannot_update(api, email):
    headers = bearer(api, email)
    response = post_update(api, tvp_actions(api, headers)["1.1"], headers)
    assert response.status_code == 403
    assert tvp_actions(api, headers)["1.1"]["version"] == 1


def test_an_unknown_action_is_404(api):
    response = post_update(api, {"id": 999999, "version": 1}, bearer(api, BUSINESS_UNIT))
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no action 999999."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rag": "green", "progress": "x"}, "version"),
        ({"rag": "green", "progress": "x", "version": "two"}, "version"),
        ({"rag": "green", "progress": "x", "version": 1.5}, "version"),
        ({"rag": "green", "progress": "x", "version": True}, "version"),
        ({"rag": "purple", "progress": "x", "version": 1}, "rag"),
        ({"rag": "red", "progress": "", "version": 1}, "progress"),
        ({"rag": "blue", "progress": "done", "version": 1}, "impact"),
        ({"rag": "green", "progress": "x", "as_at": "tomorrow", "version": 1}, "as_at"),
        ({"rag": 3, "version": 1}, "rag"),
        (
            {"rag": "green", "progress": "x", "evidence_link": "ftp://x", "version": 1},
            "evidence_link",
        ),
        ([1, 2], "body"),
    ],
)
def test_an_invalid_update_is_422_naming_the_field(api, body, field):
    headers = bearer(api, BUSINESS_UNIT)
    action = tvp_actions(api, headers)["1.1"]
    response = api.post(f"/api/actions/{action['id']}/updates", json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][field]
    assert tvp_actions(api, headers)["1.1"]["version"] == 1


@pytest.mark.parametrize("raw", [b"{not json", b"", b"\xff\xfe"])
def test_a_body_that_is_not_json_is_422(api, raw):
    headers = {**bearer(api, BUSINESS_UNIT), "Content-Type": "application/json"}
    action = tvp_actions(api, headers)["1.1"]
    response = api.post(f"/api/actions/{action['id']}/updates", content=raw, headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"] == {"body": "Send the update as a JSON object."}
