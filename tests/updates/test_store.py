"""Recording updates and edits: checked, version-guarded, audited, all or nothing."""

import asyncio
import json
from datetime import date

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.core.roles import Role
from tracker.core.tables import Action, Agency, AuditEvent, Plan, Update
from tracker.plans.state import action_state
from tracker.updates.editing import EditForm
from tracker.updates.rules import UpdateForm
from tracker.updates.store import (
    ActionNotFound,
    InvalidChange,
    NotAllowed,
    StaleVersion,
    edit_action,
    record_update,
)

TODAY = date(2020, 9, 30)
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


def overarching_action(ref: str) -> dict:
    return (
        Action.select(Action.id, Action.version, Action.lead)
        .where((Action.ref == ref) & (Action.plan.kind == "overarching"))
        .first()
        .run_sync()
    )


def csc_action() -> dict:
    return (
        Action.select(Action.id, Action.version)
        .where(Action.plan.kind == "additional")
        .first()
        .run_sync()
    )


def audit_entries(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def snapshot() -> tuple:
    return (
        Update.count().run_sync(),
        AuditEvent.count().run_sync(),
        sorted((row["id"], row["version"], row["lead"]) for row in Action.select().run_sync()),
    )


def update(action_id, version, person=BUSINESS_UNIT, **typed):
    return asyncio.run(
        record_update(action_id, UpdateForm(**typed), version=version, person=person, today=TODAY)
    )


def test_an_update_is_written_with_a_new_version_and_an_audit_entry(seeded_db):
    action = overarching_action("4.2")
    recorded = update(
        action["id"], action["version"], rag="amber", progress="Delayed by Covid", dated="today"
    )
    assert recorded.state.version == action["version"] + 1
    assert (recorded.state.rag, recorded.state.latest.progress) == ("amber", "Delayed by Covid")
    assert recorded.state.latest.recorded_by == "bu@example.org"
    assert recorded.state.latest.as_at == TODAY
    [entry] = audit_entries("update")
    assert entry["actor"] == "bu@example.org"
    assert entry["action_id"] == action["id"]
    assert json.loads(entry["after"])["rag"] == "amber"
    assert json.loads(entry["after"])["version"] == action["version"] + 1
    assert json.loads(entry["before"])["version"] == action["version"]


def test_an_invalid_update_writes_nothing(seeded_db):
    action = overarching_action("4.2")
    before = snapshot()
    with pytest.raises(InvalidChange) as refused:
        update(action["id"], action["version"], rag="blue", progress="Done")
    assert set(refused.value.problems) == {"impact"}
    assert snapshot() == before


def test_a_stale_version_is_refused_and_shows_the_other_change(seeded_db):
    action = overarching_action("4.2")
    update(action["id"], action["version"], rag="amber", progress="First lead's line")
    before = snapshot()
    with pytest.raises(StaleVersion) as stale:
        update(action["id"], action["version"], rag="green", progress="Second lead's line")
    assert snapshot() == before
    assert stale.value.current.version == action["version"] + 1
    assert stale.value.current.latest.progress == "First lead's line"
    [change] = stale.value.since
    assert change.actor == "bu@example.org"
    assert change.after["progress"] == "First lead's line"


def test_a_lead_may_update_their_agencys_actions_and_their_titles_but_nothing_else(tvp_db):
    tvp = Agency.select(Agency.id).where(Agency.name == "Thames Valley Police").first().run_sync()
    tvp_action = (
        Action.select(Action.id, Action.version)
        .where(Action.plan.agency == tvp["id"])
        .first()
        .run_sync()
    )
    lead = SignedIn(5, "lead@example.org", "", Role.LEAD, frozenset({tvp["id"]}), frozenset())
    update(tvp_action["id"], tvp_action["version"], lead, rag="green", progress="Fine")
    before = snapshot()
    for other in (overarching_action("4.2"), csc_action()):
        with pytest.raises(NotAllowed):
            update(other["id"], other["version"], lead, rag="green", progress="Not mine")
    assert snapshot() == before
    esat = SignedIn(6, "esat@example.org", "", Role.LEAD, frozenset(), frozenset({"ESAT Manager"}))
    action = overarching_action("4.3")
    assert update(action["id"], action["version"], esat, rag="green", progress="x").state.rag
    with pytest.raises(NotAllowed):
        other = overarching_action("2.1")
        update(other["id"], other["version"], esat, rag="green", progress="x")


@pytest.mark.parametrize("role", [Role.CHAIR, Role.VIEWER])
def test_chairs_and_viewers_cannot_update(seeded_db, role):
    action = overarching_action("4.2")
    person = SignedIn(9, "someone@example.org", "", role, frozenset(), frozenset({"ESAT Manager"}))
    with pytest.raises(NotAllowed):
        update(action["id"], action["version"], person, rag="green", progress="x")


def test_an_unknown_action_is_said(seeded_db):
    with pytest.raises(ActionNotFound):
        update(999_999, 1, rag="green", progress="x")


def test_an_edit_changes_and_audits_only_what_differs(seeded_db):
    action = overarching_action("4.2")
    state = asyncio.run(action_state(action["id"], TODAY))
    recorded = asyncio.run(
        edit_action(
            action["id"],
            EditForm(lead="ESAT Manager", timeframe="By March 2021", due="2021-03-31"),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
        )
    )
    assert recorded.state.due == date(2021, 3, 31)
    assert recorded.state.version == action["version"] + 1
    [entry] = audit_entries("edit")
    assert set(json.loads(entry["after"])) == {"timeframe", "due", "version"}
    assert json.loads(entry["before"])["due"] == state.due.isoformat()
    assert "time-frame" in entry["summary"]


def test_an_edit_that_changes_nothing_writes_nothing(seeded_db):
    action = overarching_action("4.2")
    state = asyncio.run(action_state(action["id"], TODAY))
    before = snapshot()
    recorded = asyncio.run(
        edit_action(
            action["id"],
            EditForm(
                lead=state.lead or "", timeframe=state.timeframe or "", due=state.due.isoformat()
            ),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
        )
    )
    assert recorded.nothing_changed
    assert snapshot() == before


def test_an_edit_on_a_stale_version_is_refused(seeded_db):
    action = overarching_action("4.2")
    update(action["id"], action["version"], rag="amber", progress="Moved on")
    with pytest.raises(StaleVersion):
        asyncio.run(
            edit_action(
                action["id"],
                EditForm(lead="Someone else"),
                version=action["version"],
                person=BUSINESS_UNIT,
                today=TODAY,
            )
        )
    assert overarching_action("4.2")["lead"] == "ESAT Manager"


def test_concurrent_updates_on_one_version_let_exactly_one_through(seeded_db):
    action = overarching_action("4.2")

    async def both():
        return await asyncio.gather(
            *(
                record_update(
                    action["id"],
                    UpdateForm(rag="amber", progress=f"Writer {n}"),
                    version=action["version"],
                    person=BUSINESS_UNIT,
                    today=TODAY,
                )
                for n in range(4)
            ),
            return_exceptions=True,
        )

    outcomes = asyncio.run(both())
    stale = [outcome for outcome in outcomes if isinstance(outcome, StaleVersion)]
    written = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    assert (len(written), len(stale)) == (1, 3), outcomes
    assert Update.count().where(Update.action == action["id"]).run_sync() == 1 + (
        Update.count()
        .where(Update.action == action["id"])
        .where(Update.source == "import")
        .run_sync()
    )
    assert overarching_action("4.2")["version"] == action["version"] + 1
    assert len(audit_entries("update")) == 1


def test_imports_are_audited(tvp_db):
    entries = [json.loads(row["after"]) for row in audit_entries("import")]
    assert any(
        entry["file"] == "agency-tvp-2020-21-q1.xlsx" and entry["created"] == 13
        for entry in entries
    )
    assert Plan.count().run_sync() > 0
