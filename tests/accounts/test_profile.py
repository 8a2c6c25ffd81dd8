"""The profile page: who you are, and making and revoking your own API tokens."""

import re
from datetime import timedelta

import pytest

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tracker.accounts.tokens import account_id_for, create_token, list_tokens
from tracker.core.clock import UK
from tracker.core.dates import format_date


def create(client, name):
    return client.post(
        "/profile/tokens", data={"name": name}, headers=csrf_headers(client), follow_redirects=False
    )


def shown_token(page: str) -> str:
    return re.search(r'id="new-token"[^>]*value="(tpt_[^"]+)"', page)[1]


def test_the_profile_says_who_you_are_and_the_nav_links_to_it(anonymous_client):
    assert sign_in(anonymous_client, TVP_LEAD).status_code == 303
    page = anonymous_client.get("/profile").text
    assert '<a href="/profile" aria-current="page">Profile</a>' in page
    assert TVP_LEAD in page and "Agency lead" in page and "Thames Valley Police" in page
    assert "You have no API tokens." in page


def test_a_new_token_is_shown_once_and_works_for_the_api(anonymous_client):
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    response = create(anonymous_client, "  Report   script ")
    assert response.status_code == 200
    assert "it will not be shown again" in response.text
    token = shown_token(response.text)
    later = anonymous_client.get("/profile").text
    assert token not in later
    assert "Report script" in later and "Never" in later and "Active" in later
    api = anonymous_client.get("/api/plans", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200


def test_a_token_needs_a_name_said_in_an_error_summary_linked_to_the_field(anonymous_client):
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    response = create(anonymous_client, "   ")
    assert response.status_code == 400
    assert '<a href="#token-name">Enter a name for the token' in response.text
    assert 'aria-invalid="true"' in response.text and "<title>Error: " in response.text
    assert "tpt_" not in response.text


def test_revoking_a_token_from_the_profile_stops_it_working(anonymous_client):
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    token = shown_token(create(anonymous_client, "Script").text)
    token_id = re.search(
        r'action="/profile/tokens/(\d+)/revoke"', anonymous_client.get("/profile").text
    )[1]
    response = anonymous_client.post(
        f"/profile/tokens/{token_id}/revoke", headers=csrf_headers(anonymous_client)
    )
    assert response.status_code == 200
    assert "Token revoked." in response.text and "Revoked " in response.text
    assert f"/profile/tokens/{token_id}/revoke" not in response.text
    api = anonymous_client.get("/api/plans", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_nobody_can_revoke_someone_elses_token(anonymous_client):
    async def lead_token() -> None:
        await create_token(await account_id_for(TVP_LEAD), "Lead's script", TVP_LEAD)

    with anonymous_client.portal() as portal:
        portal.call(lead_token)
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    response = anonymous_client.post(
        "/profile/tokens/1/revoke", headers=csrf_headers(anonymous_client)
    )
    assert response.status_code == 404
    assert "You have no API token 1" in response.text
    assert sign_in(anonymous_client, TVP_LEAD).status_code == 303
    assert "Active" in anonymous_client.get("/profile").text


def test_creating_a_token_needs_the_csrf_token(anonymous_client):
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    response = anonymous_client.post("/profile/tokens", data={"name": "x"})
    assert response.status_code == 403
    assert "You have no API tokens." in anonymous_client.get("/profile").text


def made_token(client, **fields) -> str:
    response = client.post(
        "/profile/tokens", data={"name": "Script", **fields}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    return shown_token(response.text)


def post_update(client, token: str):
    action = client.get("/api/actions", headers={"Authorization": f"Bearer {token}"}).json()[0]
    return client.post(
        f"/api/actions/{action['id']}/updates",
        json={"rag": "green", "progress": "Checked", "version": action["version"]},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_token_is_read_only_unless_made_read_and_write(client):
    page = client.get("/profile").text
    assert 'id="token-scope-read" name="scope" value="read" checked' in page
    reader = made_token(client)
    refused = post_update(client, reader)
    assert refused.status_code == 403
    assert "This API token is read-only" in refused.json()["detail"]
    writer = made_token(client, scope="read-write")
    assert post_update(client, writer).status_code == 201
    page = client.get("/profile").text
    assert "Read only" in page and "Read and write" in page


def test_a_token_lasts_a_year_unless_told_and_the_profile_shows_when_it_expires(client):
    made_token(client)
    made_token(client, lifetime="30")

    async def expiries():
        return [
            token.expires_at for token in await list_tokens(await account_id_for(BUSINESS_UNIT))
        ]

    with client.portal() as portal:
        month, year = portal.call(expiries)
    assert abs(year - month - timedelta(days=335)) < timedelta(minutes=1)
    page = client.get("/profile").text
    for expiry in (month, year):
        assert format_date(expiry.astimezone(UK).date()) in page


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"scope": "admin"}, "token-scope-read", "Choose whether the token only reads"),
        ({"lifetime": "3650"}, "token-lifetime", "A token lasts from 1 to 365 days"),
        ({"lifetime": "forever"}, "token-lifetime", "Choose how long the token lasts"),
    ],
)
def test_a_tokens_scope_and_lifetime_are_checked(client, fields, field_id, message):
    response = client.post(
        "/profile/tokens", data={"name": "Script", **fields}, headers=csrf_headers(client)
    )
    assert response.status_code == 400
    assert f'<a href="#{field_id}">{message}' in response.text
    assert "tpt_" not in response.text
