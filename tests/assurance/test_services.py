"""Setting, replacing and clearing assurance ratings; recording outcome evidence.

Each change lands with its audit entry, or neither does; refusals write nothing.
"""

import asyncio
import json
from datetime import date

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.assurance import outcomes as outcome_service
from tracker.assurance import ratings as rating_service
from tracker.assurance.errors import NoRating, NotComplete
from tracker.assurance.outcomes import record_outcome
from tracker.assurance.ratings import clear_assurance, set_assurance
from tracker.assurance.rules import AssuranceForm, Evidenced, OutcomeForm
from tracker.core.personal_data.check import PossiblePersonalData
from tracker.core.roles import Role
from tracker.core.tables import (
    Action,
    Agency,
    AssuranceRating,
    AuditEvent,
    FlaggedText,
    OutcomeEvidence,
)
from tracker.updates.store import ActionNotFound, InvalidChange, NotAllowed

TODAY = date(2020, 11, 15)  # 2020-21 Q3
CHAIR = SignedIn(2, "chair@example.org", "", Role.CHAIR, frozenset())
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())
VIEWER = SignedIn(4, "viewer@example.org", "", Role.VIEWER, frozenset())
PHONE = "Spoke to the family on 01865 123456."


def tvp_lead() -> SignedIn:
    agency = Agency.select(Agency.id).where(Agency.name == "Thames Valley Police").first()
    return SignedIn(3, "lead@example.org", "", Role.LEAD, frozenset({agency.run_sync()["id"]}))


def tvp_action(ref: str) -> int:
    return (
        Action.select(Action.id)
        .where((Action.plan.agency.name == "Thames Valley Police") & (Action.ref == ref))
        .first()
        .run_sync()["id"]
    )


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def ratings() -> list[dict]:
    return AssuranceRating.select().order_by(AssuranceRating.id).run_sync()


def assure(action_id, quarter="2020-21-Q2", rag="red", reason="No evidence", person=CHAIR, **kw):
    return asyncio.run(
        set_assurance(
            action_id, AssuranceForm(quarter, rag, reason), person=person, today=TODAY, **kw
        )
    )


def clear(action_id, quarter="2020-21-Q2", person=CHAIR):
    return asyncio.run(clear_assurance(action_id, quarter, person=person, today=TODAY))


def outcome(action_id, evidenced="partly", note="", person=CHAIR, **kw):
    return asyncio.run(
        record_outcome(action_id, OutcomeForm(evidenced, note), person=person, today=TODAY, **kw)
    )


def failing_append(*args, **kwargs):
    async def fail(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    return fail


def test_a_chair_sets_a_rating_for_a_quarter_with_an_audit_entry(tvp_db):
    action = tvp_action("1.1")
    assured = assure(action, rag="red", reason="Briefings have not started.")
    assert (assured.quarter.label, assured.rag, assured.replaced) == ("2020-21 Q2", "red", False)
    [row] = ratings()
    assert (row["action"], row["quarter"], row["rag"], row["reason"], row["set_by"]) == (
        action,
        "2020-21-Q2",
        "red",
        "Briefings have not started.",
        "chair@example.org",
    )
    [entry] = audit("assurance-set")
    assert entry["action_id"] == action
    assert entry["subject"] == "Action 1.1, Thames Valley Police"
    assert entry["summary"] == "2020-21 Q2: Red"
    assert json.loads(entry["before"]) == {}
    assert json.loads(entry["after"]) == {
        "quarter": "2020-21-Q2",
        "rag": "red",
        "reason": "Briefings have not started.",
    }


def test_setting_the_same_quarter_again_replaces_it_and_audits_before_and_after(tvp_db):
    action = tvp_action("1.1")
    assure(action, rag="red", reason="First view")
    again = assure(action, rag="green", reason="Second view", person=BUSINESS_UNIT)
    assert again.replaced
    [row] = ratings()
    assert (row["rag"], row["reason"], row["set_by"]) == ("green", "Second view", "bu@example.org")
    first, second = audit("assurance-set")
    assert second["summary"] == "2020-21 Q2: Green (was Red)"
    assert json.loads(second["before"]) == {
        "quarter": "2020-21-Q2",
        "rag": "red",
        "reason": "First view",
    }
    assert json.loads(second["after"])["rag"] == "green"


def test_each_quarter_has_its_own_rating(tvp_db):
    action = tvp_action("1.1")
    assure(action, quarter="2020-21-Q1", rag="amber")
    assure(action, quarter="2020-21 Q2", rag="red")
    assert [(row["quarter"], row["rag"]) for row in ratings()] == [
        ("2020-21-Q1", "amber"),
        ("2020-21-Q2", "red"),
    ]


def test_clearing_a_rating_removes_it_with_an_audit_entry(tvp_db):
    action = tvp_action("1.1")
    assure(action, quarter="2020-21-Q1", rag="amber", reason="Keep")
    assure(action, rag="red", reason="Gone soon")
    cleared = clear(action, "2020-21 Q2")
    assert cleared.label == "2020-21 Q2"
    assert [row["quarter"] for row in ratings()] == ["2020-21-Q1"]
    [entry] = audit("assurance-cleared")
    assert entry["summary"] == "2020-21 Q2: Red cleared"
    assert json.loads(entry["before"]) == {
        "quarter": "2020-21-Q2",
        "rag": "red",
        "reason": "Gone soon",
    }
    assert json.loads(entry["after"]) == {}


def test_clearing_a_rating_that_is_not_there_is_refused_and_audits_nothing(tvp_db):
    with pytest.raises(NoRating, match="Action 1.1 has no assurance rating for 2020-21 Q2"):
        clear(tvp_action("1.1"))
    assert audit("assurance-cleared") == []


def test_a_bad_quarter_to_clear_is_a_problem_with_the_quarter(tvp_db):
    with pytest.raises(InvalidChange) as refused:
        clear(tvp_action("1.1"), "next year")
    assert set(refused.value.problems) == {"quarter"}


def test_leads_and_viewers_cannot_set_or_clear_ratings_or_record_outcomes(tvp_db):
    action = tvp_action("7.2")
    for person in (VIEWER, tvp_lead()):
        with pytest.raises(NotAllowed):
            assure(action, person=person)
        with pytest.raises(NotAllowed):
            clear(action, person=person)
        with pytest.raises(NotAllowed):
            outcome(action, person=person)
    assert ratings() == [] and OutcomeEvidence.count().run_sync() == 0


def test_an_invalid_rating_writes_nothing(tvp_db):
    with pytest.raises(InvalidChange) as refused:
        assure(tvp_action("1.1"), quarter="2021-22-Q1", rag="purple", reason="")
    assert set(refused.value.problems) == {"quarter", "rag", "reason"}
    assert ratings() == [] and audit("assurance-set") == []


def test_rating_an_action_that_does_not_exist_is_not_found(tvp_db):
    with pytest.raises(ActionNotFound):
        assure(999_999)


def test_a_rating_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch):
    action = tvp_action("1.1")
    assure(action, rag="amber", reason="Before")
    entries = AuditEvent.count().run_sync()
    monkeypatch.setattr(rating_service, "append", failing_append())
    with pytest.raises(RuntimeError):
        assure(action, rag="red", reason="After")
    with pytest.raises(RuntimeError):
        clear(action)
    with pytest.raises(RuntimeError):
        assure(action, quarter="2020-21-Q1")
    assert [(row["quarter"], row["rag"], row["reason"]) for row in ratings()] == [
        ("2020-21-Q2", "amber", "Before")
    ]
    assert AuditEvent.count().run_sync() == entries


def test_a_reason_that_looks_like_personal_data_is_saved_only_when_confirmed(tvp_db):
    action = tvp_action("1.1")
    with pytest.raises(PossiblePersonalData) as flagged:
        assure(action, reason=PHONE)
    assert set(flagged.value.problems) == {"reason"}
    assert "looks like it identifies a person" in flagged.value.problems["reason"]
    assert ratings() == [] and FlaggedText.count().run_sync() == 0
    assure(action, reason=PHONE, confirmed=True)
    [row] = ratings()
    [flag] = FlaggedText.select().run_sync()
    assert (flag["record_table"], flag["record_id"], flag["field"], flag["kinds"]) == (
        "assurance_rating",
        row["id"],
        "reason",
        "phone",
    )
    assert (flag["action_id"], flag["confirmed_by"]) == (action, "chair@example.org")


def test_outcome_evidence_is_recorded_for_a_complete_action_and_audited(tvp_db):
    action = tvp_action("7.2")  # complete in TVP's Q1 return
    recorded = outcome(action, "partly", "  Audit of referrals due in March.  ")
    assert (recorded.evidenced, recorded.replaced) == (Evidenced.PARTLY, False)
    [row] = OutcomeEvidence.select().run_sync()
    assert (row["evidenced"], row["note"], row["set_by"]) == (
        "partly",
        "Audit of referrals due in March.",
        "chair@example.org",
    )
    again = outcome(action, "yes", person=BUSINESS_UNIT)
    assert again.replaced
    [row] = OutcomeEvidence.select().run_sync()
    assert (row["evidenced"], row["note"]) == ("yes", None)
    first, second = audit("outcome-recorded")
    assert first["summary"] == "Desired outcome evidenced: Partly"
    assert json.loads(second["before"]) == {
        "evidenced": "partly",
        "note": "Audit of referrals due in March.",
    }
    assert json.loads(second["after"]) == {"evidenced": "yes", "note": None}


def test_outcome_evidence_is_refused_while_the_action_is_not_complete(tvp_db):
    with pytest.raises(NotComplete, match=r"Action 1\.1 is not complete \(its rating is Amber\)"):
        outcome(tvp_action("1.1"), "yes")
    with pytest.raises(NotComplete, match="its rating is Not rated"):
        outcome(tvp_action("8.2"), "yes")
    assert OutcomeEvidence.count().run_sync() == 0
    assert audit("outcome-recorded") == []


def test_an_invalid_outcome_writes_nothing(tvp_db):
    with pytest.raises(InvalidChange) as refused:
        outcome(tvp_action("7.2"), "maybe")
    assert set(refused.value.problems) == {"evidenced"}
    assert OutcomeEvidence.count().run_sync() == 0


def test_an_outcome_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch):
    monkeypatch.setattr(outcome_service, "append", failing_append())
    with pytest.raises(RuntimeError):
        outcome(tvp_action("7.2"), "yes")
    assert OutcomeEvidence.count().run_sync() == 0


def test_an_outcome_note_that_looks_like_personal_data_needs_confirming(tvp_db):
    action = tvp_action("7.2")
    with pytest.raises(PossiblePersonalData):
        outcome(action, "yes", "Contact jo.bloggs@example.org for the audit")
    assert OutcomeEvidence.count().run_sync() == 0
    outcome(action, "yes", "Contact jo.bloggs@example.org for the audit", confirmed=True)
    [flag] = FlaggedText.select().run_sync()
    assert (flag["record_table"], flag["field"], flag["kinds"]) == (
        "outcome_evidence",
        "note",
        "email",
    )
