"""Changing, enabling and resetting accounts: each change audited in its own transaction."""

import asyncio
import json

import pytest

from tests.support.accounts import BUSINESS_UNIT, CHAIR, PASSWORD, TVP_LEAD, VIEWER
from tracker.accounts.changes import (
    account_details,
    change_account,
    enable_account,
    reset_password,
)
from tracker.accounts.sessions import sign_in, signed_in
from tracker.accounts.store import AccountProblem, create_account, disable_account
from tracker.audit.kinds import AuditKind
from tracker.core.roles import Role
from tracker.core.tables import AuditEvent


def entries(kind: AuditKind) -> list[dict]:
    rows = AuditEvent.select().where(AuditEvent.kind == kind.value).order_by(AuditEvent.id)
    return [
        {**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])}
        for row in rows.run_sync()
    ]


def details(email: str):
    return asyncio.run(account_details(email))


def test_a_chair_made_a_lead_gets_agencies_and_titles_and_the_change_is_audited(seeded_db):
    changed = asyncio.run(
        change_account(
            CHAIR,
            name="Cara Chair",
            role=Role.LEAD,
            agencies=["TVP", "Thames Valley Police"],
            lead_names=["ESAT Manager", "  esat   manager ", "Head of CSC"],
            by=BUSINESS_UNIT,
        )
    )
    assert changed
    now = details(CHAIR)
    assert (now.name, now.role, now.agencies, now.lead_names) == (
        "Cara Chair",
        Role.LEAD,
        ("Thames Valley Police",),
        ("ESAT Manager", "Head of CSC"),
    )
    [entry] = entries(AuditKind.ACCOUNT_CHANGED)
    assert entry["actor"] == BUSINESS_UNIT and entry["subject"] == CHAIR
    assert entry["before"] == {"name": "", "role": "chair", "agencies": [], "lead_names": []}
    assert entry["after"] == {
        "name": "Cara Chair",
        "role": "lead",
        "agencies": ["Thames Valley Police"],
        "lead_names": ["ESAT Manager", "Head of CSC"],
    }


def test_a_lead_made_a_viewer_loses_their_agencies_and_only_changed_fields_are_recorded(
    seeded_db,
):
    asyncio.run(change_account(TVP_LEAD, role=Role.VIEWER, by=BUSINESS_UNIT))
    now = details(TVP_LEAD)
    assert (now.role, now.agencies, now.lead_names) == (Role.VIEWER, (), ())
    [entry] = entries(AuditKind.ACCOUNT_CHANGED)
    assert entry["before"] == {"role": "lead", "agencies": ["Thames Valley Police"]}
    assert entry["after"] == {"role": "viewer", "agencies": []}


def test_saving_nothing_new_records_nothing(seeded_db):
    assert not asyncio.run(
        change_account(TVP_LEAD, name="", role=Role.LEAD, agencies=["TVP"], lead_names=[])
    )
    assert entries(AuditKind.ACCOUNT_CHANGED) == []


def test_agencies_or_titles_for_anyone_but_a_lead_are_refused_and_nothing_changes(seeded_db):
    with pytest.raises(AccountProblem, match="Only agency leads") as refused:
        asyncio.run(change_account(VIEWER, lead_names=["ESAT Manager"], by=BUSINESS_UNIT))
    assert refused.value.field == "role"
    with pytest.raises(AccountProblem, match="no agency called 'Nowhere'"):
        asyncio.run(change_account(TVP_LEAD, agencies=["Nowhere"], by=BUSINESS_UNIT))
    assert details(VIEWER).lead_names == ()
    assert details(TVP_LEAD).agencies == ("Thames Valley Police",)
    assert entries(AuditKind.ACCOUNT_CHANGED) == []


def test_the_business_unit_cannot_demote_themselves(seeded_db):
    asyncio.run(
        create_account("second.bu@example.org", Role.BUSINESS_UNIT, agencies=[], password=PASSWORD)
    )
    with pytest.raises(AccountProblem, match="cannot change your own role"):
        asyncio.run(change_account(BUSINESS_UNIT, role=Role.VIEWER, by=BUSINESS_UNIT))
    assert details(BUSINESS_UNIT).role is Role.BUSINESS_UNIT
    # A colleague may.
    asyncio.run(change_account(BUSINESS_UNIT, role=Role.VIEWER, by="second.bu@example.org"))
    assert details(BUSINESS_UNIT).role is Role.VIEWER


def test_the_business_unit_cannot_disable_themselves(seeded_db):
    with pytest.raises(AccountProblem, match="cannot disable your own"):
        asyncio.run(disable_account(BUSINESS_UNIT, by=BUSINESS_UNIT))
    assert details(BUSINESS_UNIT).active


def test_enabling_a_disabled_account_lets_them_sign_in_again_and_is_audited_once(seeded_db):
    asyncio.run(disable_account(VIEWER, by=BUSINESS_UNIT))
    assert asyncio.run(sign_in(VIEWER, PASSWORD, client="test")).token is None
    assert asyncio.run(enable_account(VIEWER, by=BUSINESS_UNIT))
    assert not asyncio.run(enable_account(VIEWER, by=BUSINESS_UNIT))  # already enabled
    assert asyncio.run(sign_in(VIEWER, PASSWORD, client="test")).token
    [entry] = entries(AuditKind.ACCOUNT_ENABLED)
    assert (entry["actor"], entry["subject"]) == (BUSINESS_UNIT, VIEWER)
    assert (entry["before"], entry["after"]) == ({"active": False}, {"active": True})


def test_enabling_an_unknown_account_is_refused(seeded_db):
    with pytest.raises(AccountProblem, match="no account"):
        asyncio.run(enable_account("nobody@example.org"))


def test_a_reset_password_works_once_shown_the_old_one_stops_and_sessions_end(seeded_db):
    token = asyncio.run(sign_in(CHAIR, PASSWORD, client="test")).token
    assert asyncio.run(signed_in(token)) is not None
    password = asyncio.run(reset_password(CHAIR, by=BUSINESS_UNIT))
    assert len(password) >= 12
    assert asyncio.run(signed_in(token)) is None
    assert asyncio.run(sign_in(CHAIR, PASSWORD, client="test")).token is None
    assert asyncio.run(sign_in(CHAIR, password, client="test")).token
    [entry] = entries(AuditKind.PASSWORD_RESET)
    assert (entry["actor"], entry["subject"]) == (BUSINESS_UNIT, CHAIR)
    assert "1 signed-in session(s) ended" in entry["summary"]
    assert password not in json.dumps(entry, default=str)


def test_accounts_are_found_by_id_as_well_as_email(seeded_db):
    viewer = details(VIEWER)
    asyncio.run(change_account(viewer.id, name="Vic Viewer", by=BUSINESS_UNIT))
    assert details(viewer.id).name == "Vic Viewer"
    assert asyncio.run(account_details(999_999)) is None


def test_the_last_active_business_unit_account_cannot_be_disabled_or_demoted(seeded_db):
    before = AuditEvent.count().run_sync()
    with pytest.raises(AccountProblem, match="last active business-unit account"):
        asyncio.run(disable_account(BUSINESS_UNIT))  # as the CLI does, with no one signed in
    with pytest.raises(AccountProblem, match="last active business-unit account"):
        asyncio.run(change_account(BUSINESS_UNIT, role=Role.VIEWER, by=CHAIR))
    assert AuditEvent.count().run_sync() == before
    asyncio.run(
        create_account(
            "second.unit@example.org", Role.BUSINESS_UNIT, agencies=[], password=PASSWORD
        )
    )
    asyncio.run(disable_account(BUSINESS_UNIT))
    with pytest.raises(AccountProblem, match="last active business-unit account"):
        asyncio.run(disable_account("second.unit@example.org"))
