"""Personal API tokens: made once, stored hashed, revoked for good."""

import asyncio
from datetime import timedelta

import pytest
import time_machine

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, VIEWER
from tracker.accounts.changes import enable_account, reset_password
from tracker.accounts.store import disable_account
from tracker.accounts.token_use import TokenNotAccepted, person_for_token, token_holder
from tracker.accounts.tokens import (
    TokenProblem,
    TokenScope,
    account_id_for,
    clean_token_name,
    create_token,
    list_tokens,
    revoke_token,
    token_hash,
)
from tracker.core import clock
from tracker.core.roles import Role
from tracker.core.tables import ApiToken, AuditEvent


def run(work):
    return asyncio.run(work)


@pytest.fixture
def lead_id(seeded_db):
    return run(account_id_for(TVP_LEAD))


def test_a_token_names_its_owner_with_their_role_and_agencies(lead_id):
    token = run(create_token(lead_id, "Report script", TVP_LEAD))
    assert token.startswith("tpt_") and len(token) > 40
    person = run(person_for_token(token))
    assert person is not None
    assert (person.email, person.role, len(person.agency_ids)) == (TVP_LEAD, Role.LEAD, 1)


def test_only_the_hash_is_stored_and_the_audit_never_holds_the_token(lead_id):
    token = run(create_token(lead_id, "Report script", TVP_LEAD))
    stored = ApiToken.select().run_sync()
    assert [row["token_hash"] for row in stored] == [token_hash(token)]
    assert all(token not in str(row.values()) for row in stored)
    events = AuditEvent.select().where(AuditEvent.kind == "token-created").run_sync()
    assert len(events) == 1
    assert events[0]["actor"] == TVP_LEAD and "Report script" in events[0]["summary"]
    assert token not in str(events[0].values())


@pytest.mark.parametrize("unknown", [None, "", "tpt_not-a-real-token", "no-prefix"])
def test_an_unknown_token_is_nobody(seeded_db, unknown):
    assert run(person_for_token(unknown)) is None


def test_a_revoked_token_stops_working_and_revoking_twice_is_harmless(lead_id):
    token = run(create_token(lead_id, "Report script", TVP_LEAD))
    token_id = run(list_tokens(lead_id))[0].id
    assert run(revoke_token(token_id, lead_id, TVP_LEAD)) == "Report script"
    assert run(person_for_token(token)) is None
    run(revoke_token(token_id, lead_id, TVP_LEAD))
    assert AuditEvent.count().where(AuditEvent.kind == "token-revoked").run_sync() == 1
    [summary] = run(list_tokens(lead_id))
    assert summary.revoked_at is not None and not summary.active


def test_nobody_can_revoke_someone_elses_token(lead_id):
    run(create_token(lead_id, "Report script", TVP_LEAD))
    token_id = run(list_tokens(lead_id))[0].id
    viewer_id = run(account_id_for(VIEWER))
    with pytest.raises(TokenProblem, match=f"You have no API token {token_id}"):
        run(revoke_token(token_id, viewer_id, VIEWER))
    with pytest.raises(TokenProblem, match="You have no API token 999"):
        run(revoke_token(999, viewer_id, VIEWER))
    assert run(list_tokens(lead_id))[0].active


def test_a_disabled_accounts_tokens_stop_working(lead_id):
    token = run(create_token(lead_id, "Report script", TVP_LEAD))
    run(disable_account(TVP_LEAD))
    assert run(person_for_token(token)) is None


def test_last_used_is_written_on_use_but_not_on_every_request(lead_id):
    token = run(create_token(lead_id, "Report script", TVP_LEAD))
    assert run(list_tokens(lead_id))[0].last_used_at is None
    run(person_for_token(token))
    first = run(list_tokens(lead_id))[0].last_used_at
    assert first is not None
    run(person_for_token(token))
    assert run(list_tokens(lead_id))[0].last_used_at == first
    long_ago = clock.now() - timedelta(minutes=6)
    ApiToken.update({ApiToken.last_used_at: long_ago}, force=True).run_sync()
    run(person_for_token(token))
    assert run(list_tokens(lead_id))[0].last_used_at > long_ago + timedelta(minutes=5)


def test_tokens_are_listed_newest_first(lead_id):
    run(create_token(lead_id, "First", TVP_LEAD))
    run(create_token(lead_id, "Second", TVP_LEAD))
    assert [token.name for token in run(list_tokens(lead_id))] == ["Second", "First"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "Enter a name for the token"), ("   ", "Enter a name"), ("x" * 101, "100 characters")],
)
def test_a_token_needs_a_short_name(name, problem):
    with pytest.raises(TokenProblem, match=problem):
        clean_token_name(name)


def test_token_names_are_tidied():
    assert clean_token_name("  Quarterly   report ") == "Quarterly report"


def test_a_token_lasts_a_year_unless_told_and_keeps_its_scope(lead_id):
    run(create_token(lead_id, "Year", TVP_LEAD))
    run(create_token(lead_id, "Month", TVP_LEAD, scope=TokenScope.READ, lifetime_days=30))
    month, year = run(list_tokens(lead_id))
    assert (year.scope, month.scope) == (TokenScope.READ_WRITE, TokenScope.READ)
    assert year.expires_at - year.created_at == timedelta(days=365)
    assert month.expires_at - month.created_at == timedelta(days=30)
    assert year.active and month.active


def test_a_read_only_token_says_so_to_whoever_checks_it(lead_id):
    token = run(create_token(lead_id, "Reader", TVP_LEAD, scope=TokenScope.READ))
    holder = run(token_holder(token))
    assert holder.read_only and holder.person.email == TVP_LEAD


@pytest.mark.parametrize("days", [0, -1, 366, 10_000])
def test_a_token_lasts_from_a_day_to_a_year(lead_id, days):
    with pytest.raises(TokenProblem, match="from 1 to 365 days"):
        run(create_token(lead_id, "Forever", TVP_LEAD, lifetime_days=days))
    assert run(list_tokens(lead_id)) == []


def test_an_expired_token_is_refused_saying_it_expired(lead_id):
    token = run(create_token(lead_id, "Month", TVP_LEAD, lifetime_days=30))
    with time_machine.travel(clock.now() + timedelta(days=30, seconds=1)):
        with pytest.raises(TokenNotAccepted, match="The API token has expired: it expired on "):
            run(token_holder(token))
        assert run(person_for_token(token)) is None
        [summary] = run(list_tokens(lead_id))
        assert summary.expired and not summary.active
    with time_machine.travel(clock.now() + timedelta(days=29)):
        assert run(person_for_token(token)) is not None


def test_a_revoked_token_says_when_it_was_revoked(lead_id):
    token = run(create_token(lead_id, "Script", TVP_LEAD))
    run(revoke_token(run(list_tokens(lead_id))[0].id, lead_id, TVP_LEAD))
    with pytest.raises(TokenNotAccepted, match="it was revoked on "):
        run(token_holder(token))


def test_a_password_reset_ends_the_accounts_tokens_for_good(lead_id):
    token = run(create_token(lead_id, "Script", TVP_LEAD))
    run(reset_password(TVP_LEAD, by=BUSINESS_UNIT))
    assert run(person_for_token(token)) is None
    [summary] = run(list_tokens(lead_id))
    assert summary.revoked_at is not None
    entry = AuditEvent.select().where(AuditEvent.kind == "password-reset").first().run_sync()
    assert "1 API token(s) revoked" in entry["summary"]


def test_enabling_a_disabled_account_again_does_not_revive_its_tokens(lead_id):
    """The issue's case: re-enabling an account brought its old tokens back."""
    token = run(create_token(lead_id, "Script", TVP_LEAD))
    run(disable_account(TVP_LEAD, by=BUSINESS_UNIT))
    assert run(enable_account(TVP_LEAD, by=BUSINESS_UNIT))
    assert run(person_for_token(token)) is None
    assert not run(list_tokens(lead_id))[0].active
    entry = AuditEvent.select().where(AuditEvent.kind == "account-disabled").first().run_sync()
    assert "1 API token(s) revoked" in entry["summary"]


def test_no_token_is_made_for_a_disabled_account(lead_id):
    run(disable_account(TVP_LEAD, by=BUSINESS_UNIT))
    with pytest.raises(TokenProblem, match="disabled"):
        run(create_token(lead_id, "Script", BUSINESS_UNIT))
