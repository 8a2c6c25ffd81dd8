"""One-time password links: only a hash kept, an hour for a reset, once only, and using one
ends every session and API token of the account."""

import asyncio
import hashlib
import json
from datetime import timedelta

import pytest
import time_machine

from tests.support.accounts import BUSINESS_UNIT, PASSWORD, TVP_LEAD
from tracker.accounts.password_links import (
    LinkExpired,
    LinkPurpose,
    LinkUnknown,
    LinkUnusable,
    LinkUsed,
    make_link,
    use_link,
    working_link,
)
from tracker.accounts.sessions import sign_in, signed_in
from tracker.accounts.store import create_account, disable_account
from tracker.accounts.token_use import person_for_token
from tracker.accounts.tokens import account_id_for, create_token
from tracker.core import clock
from tracker.core.refusals import InvalidInput
from tracker.core.roles import Role
from tracker.core.tables import AuditEvent, PasswordLink

NEW_PASSWORD = "granite lantern meadow 7"


def run(work):
    return asyncio.run(work)


@pytest.fixture
def lead_id(seeded_db):
    return run(account_id_for(TVP_LEAD))


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def test_only_the_links_hash_is_kept_and_the_audit_never_holds_it(lead_id):
    token, expires_at = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))
    [row] = PasswordLink.select().run_sync()
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(row, default=str)
    assert (row["purpose"], row["used_at"]) == ("reset", None)
    assert expires_at - row["created_at"] == timedelta(hours=1)
    [entry] = audit("password-link-made")
    assert entry["subject"] == TVP_LEAD and token not in json.dumps(entry, default=str)
    assert entry["summary"] == "Password reset link made, working once for 1 hour"


def test_using_a_reset_link_sets_the_password_and_ends_every_session_and_token(lead_id):
    session = run(sign_in(TVP_LEAD, PASSWORD, client="t")).token
    api_token = run(create_token(lead_id, "Feed", TVP_LEAD))
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))

    link = run(use_link(token, NEW_PASSWORD, client="203.0.113.9"))

    assert link.email == TVP_LEAD
    assert run(signed_in(session)) is None
    assert run(person_for_token(api_token)) is None
    assert run(sign_in(TVP_LEAD, PASSWORD, client="t")).token is None
    assert run(sign_in(TVP_LEAD, NEW_PASSWORD, client="t")).token
    [entry] = audit("password-set")
    assert (entry["actor"], entry["client"]) == (TVP_LEAD, "203.0.113.9")
    assert "1 signed-in session(s) ended, 1 API token(s) revoked" in entry["summary"]
    assert NEW_PASSWORD not in json.dumps(entry, default=str)


def test_a_link_works_once_then_says_it_has_been_used(lead_id):
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))
    run(use_link(token, NEW_PASSWORD))
    with pytest.raises(LinkUsed, match="already been used"):
        run(working_link(token))
    with pytest.raises(LinkUsed, match="already been used"):
        run(use_link(token, "another fine password 9"))
    assert run(sign_in(TVP_LEAD, NEW_PASSWORD, client="t")).token


def test_a_reset_link_expires_after_an_hour(lead_id):
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))
    with time_machine.travel(clock.now() + timedelta(minutes=59)):
        assert run(working_link(token)).email == TVP_LEAD
    with time_machine.travel(clock.now() + timedelta(hours=1, seconds=1)):
        with pytest.raises(LinkExpired, match="expired"):
            run(use_link(token, NEW_PASSWORD))
    assert run(sign_in(TVP_LEAD, PASSWORD, client="t")).token  # unchanged


def test_a_newer_link_ends_the_earlier_one(lead_id):
    first, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))
    second, _ = run(make_link(lead_id, LinkPurpose.RESET, by=BUSINESS_UNIT))
    with pytest.raises(LinkExpired):
        run(working_link(first))
    assert run(working_link(second)).purpose is LinkPurpose.RESET


def test_a_weak_password_is_refused_and_leaves_the_link_unused(lead_id):
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))
    with pytest.raises(InvalidInput, match="passwords people use most"):
        run(use_link(token, "Password123456"))
    assert run(working_link(token)).email == TVP_LEAD


def test_an_unknown_link_and_a_disabled_accounts_link_are_refused(lead_id):
    with pytest.raises(LinkUnknown, match="not right"):
        run(working_link("made-up"))
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=BUSINESS_UNIT))
    run(disable_account(TVP_LEAD, by=BUSINESS_UNIT))
    with pytest.raises(LinkUnusable, match="disabled"):
        run(use_link(token, NEW_PASSWORD))


def test_an_invited_account_cannot_sign_in_until_it_chooses_a_password(seeded_db):
    account_id, generated = run(
        create_account("new@example.org", Role.VIEWER, agencies=[], password=None, invited=True)
    )
    assert generated is None
    assert run(sign_in("new@example.org", "", client="t")).token is None
    token, expires_at = run(make_link(account_id, LinkPurpose.INVITE, by=BUSINESS_UNIT))
    assert expires_at - clock.now() > timedelta(days=6)
    run(use_link(token, NEW_PASSWORD))
    assert run(sign_in("new@example.org", NEW_PASSWORD, client="t")).token
    assert "invitation link" in audit("password-set")[0]["summary"]


def test_of_two_uses_at_once_only_one_sets_the_password(lead_id):
    token, _ = run(make_link(lead_id, LinkPurpose.RESET, by=TVP_LEAD))

    async def both():
        return await asyncio.gather(
            use_link(token, NEW_PASSWORD),
            use_link(token, "another fine password 9"),
            return_exceptions=True,
        )

    outcomes = run(both())
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Link", "LinkUsed"]
    assert len(audit("password-set")) == 1
