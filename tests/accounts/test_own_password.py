"""Changing your own password on your profile: the current one first; the others end."""

import re

from tests.support.accounts import PASSWORD, TVP_LEAD, csrf_headers, sign_in
from tests.support.portal import call
from tracker.accounts.sessions import sign_in as start_session
from tracker.accounts.sessions import signed_in
from tracker.accounts.token_use import person_for_token
from tracker.accounts.tokens import account_id_for, create_token
from tracker.core.tables import AuditEvent

NEW_PASSWORD = "granite lantern meadow 7"


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/profile/password",
        data={"current_password": current, "new_password": new, "confirm": confirm or new},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_profile_offers_it_and_says_how_long(anonymous_client):
    assert sign_in(anonymous_client, TVP_LEAD).status_code == 303
    page = anonymous_client.get("/profile").text
    assert 'action="/profile/password#password"' in page and "At least 12 characters" in page


def test_a_change_keeps_this_session_and_ends_the_others_and_the_api_tokens(anonymous_client):
    client = anonymous_client
    assert sign_in(client, TVP_LEAD).status_code == 303
    api_token = call(client, lambda: _token_for(TVP_LEAD))
    other = call(client, lambda: start_session(TVP_LEAD, PASSWORD, client="another browser"))
    assert call(client, lambda: signed_in(other.token)) is not None

    changed = change(client)

    assert changed.status_code == 200 and "Password changed." in changed.text
    assert call(client, lambda: signed_in(other.token)) is None
    assert client.get("/profile").status_code == 200
    assert call(client, lambda: person_for_token(api_token)) is None
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, TVP_LEAD, PASSWORD).status_code == 400
    assert sign_in(client, TVP_LEAD, NEW_PASSWORD).status_code == 303
    [entry] = call(
        client,
        lambda: AuditEvent.select().where(AuditEvent.kind == "password-changed"),
    )
    assert "1 other session(s) ended, 1 API token(s) revoked" in entry["summary"]


async def _token_for(email: str) -> str:
    return await create_token(await account_id_for(email), "Feed", email)


def test_a_wrong_current_password_a_weak_new_one_or_a_mismatch_changes_nothing(
    anonymous_client,
):
    client = anonymous_client
    assert sign_in(client, TVP_LEAD).status_code == 303
    wrong = change(client, current="not my password at all")
    assert wrong.status_code == 400
    assert re.search(r'<a href="#current-password">That is not your current password', wrong.text)
    weak = change(client, new="Password2024!")
    assert weak.status_code == 400 and "passwords people use most" in weak.text
    mismatch = change(client, confirm="granite lantern meadow 8")
    assert mismatch.status_code == 400 and "not the same" in mismatch.text
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, TVP_LEAD, PASSWORD).status_code == 303


def test_guessing_the_current_password_is_throttled_as_signing_in_is(anonymous_client):
    client = anonymous_client
    assert sign_in(client, TVP_LEAD).status_code == 303
    for _ in range(5):
        assert change(client, current="a wrong guess here").status_code == 400
    locked = change(client)  # even the right one, for now
    assert locked.status_code == 400 and "Too many wrong passwords" in locked.text
