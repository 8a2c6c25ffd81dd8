"""The API stops text that looks like personal data until the caller confirms it."""

from datetime import date

from tests.api.conftest import bearer, tvp_actions
from tests.support.accounts import BUSINESS_UNIT
from tracker.core.tables import FlaggedText, PlanReturn


def test_the_api_refuses_with_possible_personal_data_until_confirmed(api):
    headers = bearer(api, BUSINESS_UNIT)
    action = tvp_actions(api, headers)["1.1"]
    body = {"rag": "green", "progress": "DOB 01/02/2015 child", "version": action["version"]}
    url = f"/api/actions/{action['id']}/updates"
    refused = api.post(url, json=body, headers=headers)
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["code"] == "possible-personal-data"
    assert problem["kinds"] == {"progress": ["date-of-birth"]}
    assert "a date of birth (01/02/2015)" in problem["errors"]["progress"]
    assert '"confirm_personal_data": true' in problem["detail"]
    assert api.post(url, json={**body, "confirm_personal_data": "yes"}, headers=headers).json()[
        "errors"
    ] == {"confirm_personal_data": "Give confirm_personal_data as true or false."}
    saved = api.post(url, json={**body, "confirm_personal_data": True}, headers=headers)
    assert saved.status_code == 201 and saved.json()["moved_from"] is None
    with api.portal() as portal:
        assert portal.call(FlaggedText.count().run) == 1


def test_the_api_says_when_an_update_was_dated_after_an_accepted_quarter(api):
    headers = bearer(api, BUSINESS_UNIT)
    action = tvp_actions(api, headers)["1.1"]
    with api.portal() as portal:
        portal.call(PlanReturn.update({PlanReturn.state: "accepted"}, force=True).run)
    body = {"rag": "green", "progress": "ok", "version": action["version"], "as_at": "2020-06-15"}
    saved = api.post(f"/api/actions/{action['id']}/updates", json=body, headers=headers).json()
    assert (saved["moved_from"], saved["as_at"]) == ("2020-06-15", date(2020, 7, 1).isoformat())


def test_the_schema_documents_the_confirmation(api):
    schema = api.get("/schema/openapi.json", headers=bearer(api, BUSINESS_UNIT)).json()
    post_ = schema["paths"]["/api/actions/{action_id}/updates"]["post"]
    body = post_["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["confirm_personal_data"]["type"] == "boolean"
