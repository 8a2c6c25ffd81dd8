"""The API takes a personal token or, for reading only, the browser's session."""

from datetime import timedelta

import pytest
import time_machine

from tests.api.conftest import bearer, new_token
from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tracker.accounts.store import disable_account
from tracker.accounts.tokens import (
    TokenScope,
    account_id_for,
    create_token,
    list_tokens,
    revoke_token,
)
from tracker.core import clock
from tracker.core.tables import Account


def test_a_token_reads_the_api_without_a_session(api):
    response = api.get("/api/plans", headers=bearer(api, VIEWER))
    assert response.status_code == 200
    assert "tracker_session" not in api.cookies
    tvp = next(plan for plan in response.json() if plan["name"] == "Thames Valley Police")
    assert (tvp["kind"], tvp["agency"], tvp["actions"]) == ("agency", "Thames Valley Police", 13)


def test_without_a_token_or_session_the_api_says_401_in_json(api):
    response = api.get("/api/plans", follow_redirects=False)
    assert response.status_code == 401
    assert response.json()["error"] == "You need to sign in"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ["/api/plans", "/", "/plans/1"])
def test_a_wrong_token_is_401_json_never_a_redirect(api, path):
    response = api.get(
        path, headers={"Authorization": "Bearer tpt_nonsense"}, follow_redirects=False
    )
    assert response.status_code == 401
    assert "The API token is not valid" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/", "/agencies", "/profile", "/users", "/audit"])
def test_a_token_does_not_open_the_pages(api, path):
    response = api.get(path, headers=bearer(api, BUSINESS_UNIT), follow_redirects=False)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/json")
    assert "works only for the API" in response.json()["detail"]
    assert "tracker_session" not in api.cookies


def test_a_token_cannot_post_web_forms_make_tokens_or_accounts(api):
    """The issue's case: with only a token one made more tokens and a business-unit account."""
    headers = {**bearer(api, BUSINESS_UNIT), **csrf_headers(api)}
    made_token = api.post("/profile/tokens", data={"name": "second"}, headers=headers)
    made_account = api.post(
        "/users",
        data={"email": "intruder@example.org", "role": "business-unit"},
        headers=headers,
    )
    update = api.post(
        f"/actions/{first_tvp_action(api)}/update",
        data={"rag": "green", "progress": "fine"},
        headers=headers,
    )
    for response in (made_token, made_account, update):
        assert response.status_code == 403, response.text
        assert "works only for the API" in response.json()["detail"]

    async def counts() -> tuple[int, int]:
        account = await account_id_for(BUSINESS_UNIT)
        return len(await list_tokens(account)), await Account.count().where(
            Account.email == "intruder@example.org"
        )

    with api.portal() as portal:
        assert portal.call(counts) == (1, 0)


def first_tvp_action(api) -> int:
    return api.get("/api/actions?plan=Thames Valley Police", headers=bearer(api, VIEWER)).json()[0][
        "id"
    ]


def test_a_revoked_token_is_refused(api):
    token = new_token(api, TVP_LEAD)
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/plans", headers=headers).status_code == 200

    async def revoke() -> None:
        account = await account_id_for(TVP_LEAD)
        [summary] = await list_tokens(account)
        await revoke_token(summary.id, account, TVP_LEAD)

    with api.portal() as portal:
        portal.call(revoke)
    assert api.get("/api/plans", headers=headers).status_code == 401


def test_a_disabled_accounts_token_is_refused(api):
    headers = bearer(api, TVP_LEAD)
    with api.portal() as portal:
        portal.call(disable_account, TVP_LEAD)
    assert api.get("/api/plans", headers=headers).status_code == 401


def test_the_session_cookie_reads_the_api_but_cannot_change_anything(api):
    assert sign_in(api, BUSINESS_UNIT).status_code == 303
    assert api.get("/api/plans").status_code == 200
    action = api.get("/api/actions?plan=Thames Valley Police").json()[0]
    for headers in ({}, csrf_headers(api)):
        response = api.post(
            f"/api/actions/{action['id']}/updates",
            json={"rag": "green", "progress": "fine", "version": action["version"]},
            headers=headers,
        )
        assert response.status_code == 401
        assert "need a personal API token" in response.json()["detail"]
    assert api.get(f"/api/actions/{action['id']}").json()["version"] == action["version"]


def test_a_token_posts_without_a_csrf_token(api):
    action = api.get("/api/actions?plan=Thames Valley Police", headers=bearer(api, VIEWER)).json()[
        0
    ]
    response = api.post(
        f"/api/actions/{action['id']}/updates",
        json={"rag": "amber", "progress": "three of five", "version": action["version"]},
        headers=bearer(api, BUSINESS_UNIT),
    )
    assert response.status_code == 201, response.text


def test_the_api_schema_needs_sign_in_or_a_token(api):
    stranger = api.get("/schema/openapi.json", follow_redirects=False)
    assert stranger.status_code == 303
    assert stranger.headers["location"].startswith("/sign-in")
    assert api.get("/schema/openapi.json", headers=bearer(api, VIEWER)).status_code == 200


def test_an_expired_token_is_refused_saying_it_expired(api):
    async def month_token() -> str:
        return await create_token(await account_id_for(VIEWER), "Month", VIEWER, lifetime_days=30)

    with api.portal() as portal:
        token = portal.call(month_token)
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/plans", headers=headers).status_code == 200
    with time_machine.travel(clock.now() + timedelta(days=31)):
        response = api.get("/api/plans", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("The API token has expired: it expired on ")


def test_a_read_only_token_reads_but_cannot_record_an_update(api):
    async def reader() -> str:
        account = await account_id_for(BUSINESS_UNIT)
        return await create_token(account, "Reader", BUSINESS_UNIT, scope=TokenScope.READ)

    with api.portal() as portal:
        headers = {"Authorization": f"Bearer {portal.call(reader)}"}
    action = api.get("/api/actions?plan=Thames Valley Police", headers=headers).json()[0]
    response = api.post(
        f"/api/actions/{action['id']}/updates",
        json={"rag": "amber", "progress": "three of five", "version": action["version"]},
        headers=headers,
    )
    assert response.status_code == 403
    assert "This API token is read-only" in response.json()["detail"]
    assert (
        api.get(f"/api/actions/{action['id']}", headers=headers).json()["version"]
        == (action["version"])
    )
