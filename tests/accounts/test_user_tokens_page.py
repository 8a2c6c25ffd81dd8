"""The business unit sees and revokes anyone's API tokens from their account's page."""

import re

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.portal import call
from tracker.accounts.tokens import TokenScope, account_id_for, create_token, list_tokens
from tracker.audit.kinds import AuditKind
from tracker.core.clock import UK
from tracker.core.dates import format_date
from tracker.core.tables import AuditEvent


def lead_token(client, name: str = "Nightly export", **options) -> tuple[int, str]:
    async def make() -> tuple[int, str]:
        account = await account_id_for(TVP_LEAD)
        return account, await create_token(account, name, TVP_LEAD, **options)

    return call(client, make)


def api_status(client, token: str) -> int:
    return client.get("/api/plans", headers={"Authorization": f"Bearer {token}"}).status_code


def test_an_accounts_page_lists_its_tokens_with_scope_and_expiry(client):
    account, _ = lead_token(client, "Reader", scope=TokenScope.READ, lifetime_days=30)
    lead_token(client, "Writer")
    page = client.get(f"/users/{account}").text
    rows = re.findall(r"<tr>(.*?)</tr>", page.split('id="tokens"')[1], re.S)
    assert len(rows) == 3  # the head and two tokens, newest first
    assert "Writer" in rows[1] and "Read and write" in rows[1] and "Active" in rows[1]
    assert "Reader" in rows[2] and "Read only" in rows[2]
    [summary] = [t for t in call(client, lambda: list_tokens(account)) if t.name == "Reader"]
    assert format_date(summary.expires_at.astimezone(UK).date()) in rows[2]
    assert "They have no API tokens." not in page


def test_the_business_unit_revokes_someone_elses_token_and_the_trail_says_so(client):
    """The issue's case: nobody could list or revoke another person's tokens."""
    account, token = lead_token(client)
    assert api_status(client, token) == 200
    [summary] = call(client, lambda: list_tokens(account))
    revoke = f"/users/{account}/tokens/{summary.id}/revoke"
    assert f'action="{revoke}"' in client.get(f"/users/{account}").text
    response = client.post(revoke, headers=csrf_headers(client))
    assert response.status_code == 200
    assert "Token revoked." in response.text and "Nightly export" in response.text
    assert f'action="{revoke}"' not in response.text and "Revoked " in response.text
    assert api_status(client, token) == 401
    [entry] = call(
        client,
        lambda: AuditEvent.select().where(AuditEvent.kind == AuditKind.TOKEN_REVOKED.value),
    )
    assert (entry["actor"], entry["subject"]) == (BUSINESS_UNIT, TVP_LEAD)


def test_a_token_of_another_account_reads_as_missing(client):
    _, token = lead_token(client)
    viewer = call(client, lambda: account_id_for(VIEWER))
    lead = call(client, lambda: account_id_for(TVP_LEAD))
    [summary] = call(client, lambda: list_tokens(lead))
    response = client.post(
        f"/users/{viewer}/tokens/{summary.id}/revoke", headers=csrf_headers(client)
    )
    assert response.status_code == 404
    assert f"They have no API token {summary.id}" in response.text
    assert api_status(client, token) == 200


def test_only_the_business_unit_revokes_others_tokens(client):
    account, token = lead_token(client)
    [summary] = call(client, lambda: list_tokens(account))
    assert sign_in(client, VIEWER).status_code == 303
    response = client.post(
        f"/users/{account}/tokens/{summary.id}/revoke", headers=csrf_headers(client)
    )
    assert response.status_code == 403
    assert api_status(client, token) == 200
