"""Raising, replying to and closing challenges; raising and resolving escalations.

Each change lands with its audit entry, or neither does; refusals write nothing.
"""

import asyncio
import json
from datetime import date

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.challenges import store as challenge_service
from tracker.challenges.errors import AlreadySettled, NotFound
from tracker.challenges.rules import ChallengeForm
from tracker.challenges.store import close_challenge, raise_challenge, reply_to_challenge
from tracker.core.roles import Role
from tracker.core.tables import Action, Agency, AuditEvent, Challenge, Escalation
from tracker.core.web.open_counts import open_counts
from tracker.escalations import store as escalation_service
from tracker.escalations.rules import EscalationForm
from tracker.escalations.store import raise_escalation, resolve_escalation
from tracker.updates.store import ActionNotFound, InvalidChange, NotAllowed

TODAY = date(2020, 9, 30)
CHAIR = SignedIn(2, "chair@example.org", "", Role.CHAIR, frozenset())
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())
VIEWER = SignedIn(4, "viewer@example.org", "", Role.VIEWER, frozenset())


def agency_id(name: str) -> int:
    return Agency.select(Agency.id).where(Agency.name == name).first().run_sync()["id"]


def lead_of(name: str) -> SignedIn:
    return SignedIn(3, "lead@example.org", "", Role.LEAD, frozenset({agency_id(name)}))


def tvp_action() -> dict:
    return (
        Action.select(Action.id, Action.ref)
        .where(Action.plan.agency.name == "Thames Valley Police")
        .order_by(Action.position)
        .first()
        .run_sync()
    )


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def challenge_row(challenge_id: int) -> dict:
    return Challenge.select().where(Challenge.id == challenge_id).first().run_sync()


def raise_one(action_id: int, person=CHAIR, question="Why is this amber?", wanted="2020-10-14"):
    return asyncio.run(
        raise_challenge(action_id, ChallengeForm(question, wanted), person=person, today=TODAY)
    )


def reply(challenge_id: int, text: str, person) -> None:
    asyncio.run(reply_to_challenge(challenge_id, text, person=person, today=TODAY))


def close(challenge_id: int, note: str = "", person=CHAIR) -> None:
    asyncio.run(close_challenge(challenge_id, note, person=person, today=TODAY))


def test_a_challenge_is_raised_answered_and_closed_with_an_audit_entry_each(tvp_db):
    action = tvp_action()
    challenge_id = raise_one(action["id"])
    reply(challenge_id, "Training moved to October.", lead_of("Thames Valley Police"))
    close(challenge_id, "Satisfied with the plan.")
    row = challenge_row(challenge_id)
    assert (row["question"], row["reply_wanted_by"], row["raised_by"]) == (
        "Why is this amber?",
        date(2020, 10, 14),
        "chair@example.org",
    )
    assert (row["reply"], row["replied_by"]) == ("Training moved to October.", "lead@example.org")
    assert (row["closed_by"], row["closing_note"]) == (
        "chair@example.org",
        "Satisfied with the plan.",
    )
    assert row["closed_at"] is not None
    [raised] = audit("challenge-raised")
    [answered] = audit("challenge-answered")
    [closed] = audit("challenge-closed")
    for entry in (raised, answered, closed):
        assert entry["action_id"] == action["id"]
        assert entry["subject"] == f"Action {action['ref']}, Thames Valley Police"
    assert json.loads(raised["after"])["question"] == "Why is this amber?"
    assert json.loads(raised["after"])["reply_wanted_by"] == "2020-10-14"
    assert json.loads(answered["after"])["reply"] == "Training moved to October."
    assert answered["actor"] == "lead@example.org"
    assert json.loads(closed["after"])["closing_note"] == "Satisfied with the plan."


def test_an_invalid_challenge_writes_nothing(tvp_db):
    with pytest.raises(InvalidChange) as refused:
        raise_one(tvp_action()["id"], question="", wanted="2020-09-01")
    assert set(refused.value.problems) == {"question", "reply_wanted_by"}
    assert Challenge.count().run_sync() == 0
    assert audit("challenge-raised") == []


def test_a_challenge_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch):
    async def failing_append(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    entries = AuditEvent.count().run_sync()
    monkeypatch.setattr(challenge_service, "append", failing_append)
    with pytest.raises(RuntimeError):
        raise_one(tvp_action()["id"])
    assert Challenge.count().run_sync() == 0
    assert AuditEvent.count().run_sync() == entries


def test_a_reply_whose_audit_entry_fails_leaves_the_challenge_awaiting_reply(tvp_db, monkeypatch):
    challenge_id = raise_one(tvp_action()["id"])

    async def failing_append(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(challenge_service, "append", failing_append)
    with pytest.raises(RuntimeError):
        reply(challenge_id, "Because", lead_of("Thames Valley Police"))
    assert challenge_row(challenge_id)["reply"] is None


def test_only_chairs_and_the_business_unit_raise_challenges(tvp_db):
    for person in (VIEWER, lead_of("Thames Valley Police")):
        with pytest.raises(NotAllowed):
            raise_one(tvp_action()["id"], person=person)
    raise_one(tvp_action()["id"], person=BUSINESS_UNIT)
    assert Challenge.count().run_sync() == 1


def test_a_challenge_on_a_missing_action_is_refused(tvp_db):
    with pytest.raises(ActionNotFound):
        raise_one(999_999)


def test_a_lead_of_another_agency_cannot_reply(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    with pytest.raises(NotAllowed):
        reply(
            challenge_id,
            "Not mine to answer",
            lead_of("Oxfordshire County Council, Education Service"),
        )
    assert challenge_row(challenge_id)["reply"] is None
    assert audit("challenge-answered") == []


def test_a_chair_cannot_reply_to_a_challenge(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    with pytest.raises(NotAllowed):
        reply(challenge_id, "Answering my own question", CHAIR)
    assert challenge_row(challenge_id)["reply"] is None


def test_the_business_unit_may_reply_for_the_lead(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    reply(challenge_id, "Replying on the lead's behalf", BUSINESS_UNIT)
    assert challenge_row(challenge_id)["replied_by"] == "bu@example.org"


def test_an_answered_challenge_cannot_be_answered_again(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    lead = lead_of("Thames Valley Police")
    reply(challenge_id, "First answer", lead)
    with pytest.raises(AlreadySettled, match="already replied"):
        reply(challenge_id, "Second answer", lead)
    assert challenge_row(challenge_id)["reply"] == "First answer"
    assert len(audit("challenge-answered")) == 1


def test_replying_to_a_closed_challenge_is_refused_and_writes_nothing(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    close(challenge_id)
    with pytest.raises(AlreadySettled, match="closed by chair@example.org"):
        reply(challenge_id, "Too late", lead_of("Thames Valley Police"))
    assert challenge_row(challenge_id)["reply"] is None


def test_closing_twice_is_refused_and_keeps_the_first_closing(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    close(challenge_id, "First")
    with pytest.raises(AlreadySettled):
        close(challenge_id, "Second", person=BUSINESS_UNIT)
    row = challenge_row(challenge_id)
    assert (row["closed_by"], row["closing_note"]) == ("chair@example.org", "First")
    assert len(audit("challenge-closed")) == 1


def test_a_lead_cannot_close_a_challenge(tvp_db):
    challenge_id = raise_one(tvp_action()["id"])
    with pytest.raises(NotAllowed):
        close(challenge_id, person=lead_of("Thames Valley Police"))
    assert challenge_row(challenge_id)["closed_at"] is None


def test_replying_to_a_missing_challenge_is_refused(tvp_db):
    with pytest.raises(NotFound):
        reply(999_999, "Hello", BUSINESS_UNIT)


def escalate(form: EscalationForm, action_id=None, person=CHAIR) -> int:
    return asyncio.run(raise_escalation(form, action_id=action_id, person=person, today=TODAY))


def resolve(escalation_id: int, resolution: str, person=CHAIR) -> None:
    asyncio.run(resolve_escalation(escalation_id, resolution, person=person, today=TODAY))


def test_an_actions_escalation_is_raised_and_resolved_with_audit_entries(tvp_db):
    action = tvp_action()
    escalation_id = escalate(EscalationForm("masa", "", "Needs senior partners"), action["id"])
    resolve(escalation_id, "MASA agreed funding on 12 Oct.")
    row = Escalation.select().where(Escalation.id == escalation_id).first().run_sync()
    assert (row["action"], row["escalated_to"], row["issue"]) == (action["id"], "masa", "")
    assert (row["resolution"], row["resolved_by"]) == (
        "MASA agreed funding on 12 Oct.",
        "chair@example.org",
    )
    [raised] = audit("escalation-raised")
    [resolved] = audit("escalation-resolved")
    assert raised["action_id"] == resolved["action_id"] == action["id"]
    assert raised["summary"] == "Escalated to MASA for 2020-21 Q1"
    assert raised["subject"] == f"Action {action['ref']}, Thames Valley Police"
    assert json.loads(resolved["after"])["resolution"] == "MASA agreed funding on 12 Oct."


def test_a_free_standing_escalation_is_named_by_its_issue(tvp_db):
    escalation_id = escalate(
        EscalationForm("business-group", "Health visiting capacity", "Vacancies at 30%")
    )
    [raised] = audit("escalation-raised")
    assert raised["action_id"] is None
    assert raised["subject"] == "Health visiting capacity"
    assert json.loads(raised["after"])["escalated_to"] == "business-group"
    assert (
        Escalation.select().where(Escalation.id == escalation_id).first().run_sync()["action"]
        is None
    )


def test_an_invalid_escalation_writes_nothing(tvp_db):
    entries = AuditEvent.count().run_sync()
    with pytest.raises(InvalidChange) as refused:
        escalate(EscalationForm("", "", ""))
    assert set(refused.value.problems) == {"escalated_to", "issue", "rationale"}
    assert Escalation.count().run_sync() == 0
    assert AuditEvent.count().run_sync() == entries


def test_an_escalation_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch):
    async def failing_append(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(escalation_service, "append", failing_append)
    with pytest.raises(RuntimeError):
        escalate(EscalationForm("masa", "Issue", "Why"))
    assert Escalation.count().run_sync() == 0


def test_resolving_twice_is_refused_and_keeps_the_first_resolution(tvp_db):
    escalation_id = escalate(EscalationForm("masa", "Issue", "Why"))
    resolve(escalation_id, "First")
    with pytest.raises(AlreadySettled, match="resolved by chair@example.org"):
        resolve(escalation_id, "Second", person=BUSINESS_UNIT)
    row = Escalation.select().where(Escalation.id == escalation_id).first().run_sync()
    assert row["resolution"] == "First"
    assert len(audit("escalation-resolved")) == 1


def test_a_resolution_needs_a_note_and_leaves_the_escalation_open_without_one(tvp_db):
    escalation_id = escalate(EscalationForm("masa", "Issue", "Why"))
    with pytest.raises(InvalidChange):
        resolve(escalation_id, "  ")
    row = Escalation.select().where(Escalation.id == escalation_id).first().run_sync()
    assert row["resolved_at"] is None


def test_leads_and_viewers_cannot_escalate_or_resolve(tvp_db):
    escalation_id = escalate(EscalationForm("masa", "Issue", "Why"))
    for person in (VIEWER, lead_of("Thames Valley Police")):
        with pytest.raises(NotAllowed):
            escalate(EscalationForm("masa", "Issue", "Why"), person=person)
        with pytest.raises(NotAllowed):
            resolve(escalation_id, "Done", person=person)
    assert Escalation.count().run_sync() == 1


def test_resolving_a_missing_escalation_is_refused(tvp_db):
    with pytest.raises(NotFound):
        resolve(999_999, "Done")


def test_open_counts_leave_out_closed_challenges_and_resolved_escalations(tvp_db):
    action = tvp_action()
    kept, closed = raise_one(action["id"]), raise_one(action["id"])
    reply(kept, "Answered but still open", lead_of("Thames Valley Police"))
    close(closed)
    escalate(EscalationForm("masa", "Open", "Why"))
    resolve(escalate(EscalationForm("masa", "Resolved", "Why")), "Done")
    assert asyncio.run(open_counts()) == (1, 1)
