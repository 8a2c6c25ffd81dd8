"""Submitting, returning, resubmitting and accepting a plan's return; setting the deadline.

Each step lands with its step row and audit entry, or none of them does;
refusals write nothing.
"""

import asyncio
import json
from datetime import date

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.core.dates import Quarter
from tracker.core.personal_data.check import PossiblePersonalData
from tracker.core.roles import Role
from tracker.core.tables import Agency, AuditEvent, FlaggedText, Plan, PlanReturn, QuarterDeadline
from tracker.core.tables import ReturnStep as StepRow
from tracker.returns import deadlines as deadline_service
from tracker.returns import steps as step_service
from tracker.returns.deadlines import set_deadline
from tracker.returns.errors import PlanNotFound, ReturnChanged
from tracker.returns.rules import ReturnState, StepRefused
from tracker.returns.steps import accept, send_back, submit
from tracker.returns.store import deadline_for, return_state
from tracker.updates.store import InvalidChange, NotAllowed

Q1 = Quarter(2020, 1)
Q2 = Quarter(2020, 2)
CHAIR = SignedIn(2, "chair@example.org", "", Role.CHAIR, frozenset())
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())
VIEWER = SignedIn(4, "viewer@example.org", "", Role.VIEWER, frozenset())
NHS_NUMBER = "943 476 5919"  # a valid check digit


def agency_id(name: str) -> int:
    return Agency.select(Agency.id).where(Agency.name == name).first().run_sync()["id"]


def lead_of(name: str) -> SignedIn:
    return SignedIn(3, "lead@example.org", "", Role.LEAD, frozenset({agency_id(name)}))


def plan_of(agency: str) -> int:
    return (
        Plan.select(Plan.id)
        .where((Plan.agency.name == agency) & (Plan.kind == "agency"))
        .first()
        .run_sync()["id"]
    )


def tvp_plan() -> int:
    return plan_of("Thames Valley Police")


def row(plan_id: int, quarter: Quarter = Q2) -> dict | None:
    return (
        PlanReturn.select()
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
        .run_sync()
    )


def steps(plan_id: int, quarter: Quarter = Q2) -> list[dict]:
    found = row(plan_id, quarter)
    if found is None:
        return []
    return (
        StepRow.select().where(StepRow.plan_return == found["id"]).order_by(StepRow.id).run_sync()
    )


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def version(plan_id: int, quarter: Quarter = Q2) -> int:
    found = row(plan_id, quarter)
    return found["version"] if found else 0


def do_submit(plan_id, person, quarter=Q2, seen=None):
    seen = version(plan_id, quarter) if seen is None else seen
    return asyncio.run(submit(plan_id, quarter, person, seen_version=seen))


def do_send_back(plan_id, comments, person=CHAIR, quarter=Q2, seen=None, confirmed=False):
    seen = version(plan_id, quarter) if seen is None else seen
    return asyncio.run(
        send_back(plan_id, quarter, person, comments, seen_version=seen, confirmed=confirmed)
    )


def do_accept(plan_id, person=CHAIR, quarter=Q2, seen=None):
    seen = version(plan_id, quarter) if seen is None else seen
    return asyncio.run(accept(plan_id, quarter, person, seen_version=seen))


def test_a_return_is_submitted_returned_resubmitted_and_accepted_with_who_and_when(tvp_db):
    plan_id = tvp_plan()
    lead = lead_of("Thames Valley Police")
    assert asyncio.run(return_state(plan_id, Q2)) is ReturnState.NOT_STARTED

    assert do_submit(plan_id, lead).state is ReturnState.SUBMITTED
    submitted = row(plan_id)
    assert (submitted["state"], submitted["submitted_by"], submitted["on_behalf"]) == (
        "submitted",
        "lead@example.org",
        False,
    )
    assert submitted["submitted_at"] is not None

    assert do_send_back(plan_id, "Action 4.1 has no progress.").state is ReturnState.RETURNED
    returned = row(plan_id)
    assert (returned["comments"], returned["decided_by"]) == (
        "Action 4.1 has no progress.",
        "chair@example.org",
    )

    assert do_submit(plan_id, lead).state is ReturnState.RESUBMITTED
    assert do_accept(plan_id).state is ReturnState.ACCEPTED
    accepted = row(plan_id)
    assert (accepted["state"], accepted["accepted_by"], accepted["version"]) == (
        "accepted",
        "chair@example.org",
        4,
    )
    assert accepted["accepted_at"] >= accepted["submitted_at"]
    assert [(step["state"], step["actor"], step["comment"]) for step in steps(plan_id)] == [
        ("submitted", "lead@example.org", None),
        ("returned", "chair@example.org", "Action 4.1 has no progress."),
        ("resubmitted", "lead@example.org", None),
        ("accepted", "chair@example.org", None),
    ]


def test_each_step_has_an_audit_entry_naming_the_plan_quarter_and_states(tvp_db):
    plan_id = tvp_plan()
    do_submit(plan_id, lead_of("Thames Valley Police"))
    do_send_back(plan_id, "Say more about 1.1.")
    do_submit(plan_id, BUSINESS_UNIT)
    do_accept(plan_id)
    submitted, resubmitted = audit("return-submitted")
    [returned] = audit("return-returned")
    [accepted] = audit("return-accepted")
    assert submitted["subject"] == "2020-21 Q2 return, Thames Valley Police"
    assert submitted["actor"] == "lead@example.org"
    assert json.loads(submitted["before"])["state"] == "not-started"
    assert json.loads(submitted["after"])["state"] == "submitted"
    assert "on the agency's behalf" in resubmitted["summary"]
    assert json.loads(returned["after"])["comments"] == "Say more about 1.1."
    assert json.loads(accepted["after"]) == {
        "plan": plan_id,
        "quarter": "2020-21-Q2",
        "state": "accepted",
        "version": 4,
    }


def test_the_business_unit_submits_on_the_agencys_behalf(tvp_db):
    plan_id = tvp_plan()
    stepped = do_submit(plan_id, BUSINESS_UNIT)
    assert stepped.on_behalf
    assert (row(plan_id)["on_behalf"], row(plan_id)["submitted_by"]) == (True, "bu@example.org")
    assert steps(plan_id)[0]["on_behalf"] is True


def test_an_imported_draft_is_submitted_from_draft(tvp_db):
    plan_id = tvp_plan()
    assert asyncio.run(return_state(plan_id, Q1)) is ReturnState.DRAFT
    assert do_submit(plan_id, lead_of("Thames Valley Police"), quarter=Q1).state is (
        ReturnState.SUBMITTED
    )
    assert [step["state"] for step in steps(plan_id, Q1)] == ["draft", "submitted"]


def test_a_lead_cannot_submit_another_agencys_return(tvp_db):
    with pytest.raises(NotAllowed):
        do_submit(plan_of("Oxford Health, NHS Foundation Trust"), lead_of("Thames Valley Police"))
    assert row(plan_of("Oxford Health, NHS Foundation Trust")) is None
    assert audit("return-submitted") == []


def test_a_lead_by_title_only_cannot_submit_the_agencys_return_and_is_told_why(tvp_db):
    """The issue's case: "DI MASH" leads one of TVP's 13 actions, so may update that one
    action, but the return speaks for the agency: only its leads and the business unit."""
    di_mash = SignedIn(5, "di.mash@example.org", "", Role.LEAD, frozenset(), frozenset({"DI MASH"}))
    with pytest.raises(NotAllowed) as refused:
        do_submit(tvp_plan(), di_mash)
    assert str(refused.value) == (
        "You cannot submit the return of Thames Valley Police: only its agency's leads and "
        "the business unit can. Your lead title lets you update your own actions in it, "
        "not submit its return."
    )
    assert row(tvp_plan()) is None and audit("return-submitted") == []


@pytest.mark.parametrize("who", [VIEWER, CHAIR])
def test_a_viewer_or_a_chair_cannot_submit_an_agencys_return(tvp_db, who):
    with pytest.raises(NotAllowed):
        do_submit(tvp_plan(), who)
    assert row(tvp_plan()) is None


@pytest.mark.parametrize("who", ["lead", VIEWER])
def test_only_chairs_and_the_business_unit_accept_or_return(tvp_db, who):
    person = lead_of("Thames Valley Police") if who == "lead" else who
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT)
    with pytest.raises(NotAllowed):
        do_accept(plan_id, person=person)
    with pytest.raises(NotAllowed):
        do_send_back(plan_id, "No.", person=person)
    assert row(plan_id)["state"] == "submitted"


def test_an_unknown_plan_is_not_found(tvp_db):
    with pytest.raises(PlanNotFound):
        do_submit(999_999, BUSINESS_UNIT, seen=0)


def test_steps_the_state_does_not_allow_are_refused_and_write_nothing(tvp_db):
    plan_id = tvp_plan()
    with pytest.raises(StepRefused, match="has not been submitted yet"):
        do_accept(plan_id)
    do_submit(plan_id, BUSINESS_UNIT)
    with pytest.raises(StepRefused, match="already submitted"):
        do_submit(plan_id, BUSINESS_UNIT)
    do_accept(plan_id)
    with pytest.raises(StepRefused, match="already accepted"):
        do_send_back(plan_id, "Too late?")
    assert [step["state"] for step in steps(plan_id)] == ["submitted", "accepted"]
    assert len(audit("return-accepted")) == 1


def test_a_stale_page_is_refused_and_changes_nothing(tvp_db):
    """Two chairs on the same submitted return: the second to act gets a refusal."""
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT)
    both_saw = version(plan_id)
    do_accept(plan_id, seen=both_saw)
    with pytest.raises(ReturnChanged, match="it is now accepted"):
        do_send_back(plan_id, "Please add more on 4.1.", seen=both_saw)
    assert row(plan_id)["state"] == "accepted"
    assert row(plan_id)["comments"] is None
    assert audit("return-returned") == []


def test_submitting_a_return_someone_else_started_meanwhile_is_refused(tvp_db):
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT, seen=0)
    with pytest.raises(ReturnChanged):
        do_submit(plan_id, lead_of("Thames Valley Police"), seen=0)
    assert len(steps(plan_id)) == 1


def test_the_version_claim_refuses_a_writer_who_read_before_another_wrote(tvp_db, monkeypatch):
    """The claim itself (UPDATE ... WHERE version = seen) holds, not only the first read."""
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT)
    seen = version(plan_id)
    real_current = step_service._current

    async def read_then_someone_accepts(plan, quarter):
        found = await real_current(plan, quarter)
        await step_service.PlanReturn.update({step_service.PlanReturn.version: seen + 1}).where(
            step_service.PlanReturn.id == found["id"]
        )
        return found

    monkeypatch.setattr(step_service, "_current", read_then_someone_accepts)
    with pytest.raises(ReturnChanged):
        do_accept(plan_id, seen=seen)
    monkeypatch.undo()
    assert row(plan_id)["state"] == "submitted"
    assert audit("return-accepted") == []


def test_returning_needs_comments(tvp_db):
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT)
    with pytest.raises(InvalidChange) as invalid:
        do_send_back(plan_id, "   ")
    assert "needs comments" in invalid.value.problems["comment"]
    assert row(plan_id)["state"] == "submitted"


def test_comments_that_look_like_personal_data_need_confirming_and_are_flagged(tvp_db):
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT)
    text = f"The case with NHS number {NHS_NUMBER} is not service-level."
    with pytest.raises(PossiblePersonalData):
        do_send_back(plan_id, text)
    assert row(plan_id)["state"] == "submitted"
    assert FlaggedText.count().run_sync() == 0

    do_send_back(plan_id, text, confirmed=True)
    assert row(plan_id)["state"] == "returned"
    flags = FlaggedText.select().order_by(FlaggedText.id).run_sync()
    step_id = steps(plan_id)[-1]["id"]
    assert [(flag["record_table"], flag["record_id"], flag["field"]) for flag in flags] == [
        ("return_step", step_id, "comment"),
        ("plan_return", row(plan_id)["id"], "comments"),
    ]
    assert {flag["kinds"] for flag in flags} == {"nhs-number"}
    assert {flag["confirmed_by"] for flag in flags} == {"chair@example.org"}


@pytest.mark.parametrize("step", ["submit", "send_back", "accept"])
def test_a_step_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch, step):
    plan_id = tvp_plan()
    if step != "submit":
        do_submit(plan_id, BUSINESS_UNIT)
    before = row(plan_id)
    step_count = len(steps(plan_id))

    async def failing_append(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(step_service, "append", failing_append)
    with pytest.raises(RuntimeError, match="audit trail"):
        if step == "submit":
            do_submit(plan_id, BUSINESS_UNIT)
        elif step == "send_back":
            do_send_back(plan_id, "More on 1.1, please.")
        else:
            do_accept(plan_id)
    assert row(plan_id) == before
    assert len(steps(plan_id)) == step_count


def test_the_deadline_is_14_days_after_the_quarter_unless_the_business_unit_sets_one(tvp_db):
    assert asyncio.run(deadline_for(Q2)) == date(2020, 10, 14)
    assert asyncio.run(set_deadline(Q2, "2020-10-21", BUSINESS_UNIT, strategy_id=1)) == date(
        2020, 10, 21
    )
    assert asyncio.run(deadline_for(Q2)) == date(2020, 10, 21)
    asyncio.run(set_deadline(Q2, "2020-10-28", BUSINESS_UNIT, strategy_id=1))
    assert asyncio.run(deadline_for(Q2)) == date(2020, 10, 28)
    assert QuarterDeadline.count().run_sync() == 1
    assert asyncio.run(deadline_for(Q1)) == date(2020, 7, 14)
    first, second = audit("deadline-set")
    assert json.loads(first["before"])["deadline"] is None
    assert json.loads(second["before"])["deadline"] == "2020-10-21"
    assert json.loads(second["after"])["deadline"] == "2020-10-28"
    assert second["actor"] == "bu@example.org"


def test_only_the_business_unit_sets_a_deadline_and_it_must_be_a_sensible_day(tvp_db):
    with pytest.raises(NotAllowed):
        asyncio.run(set_deadline(Q2, "2020-10-21", CHAIR, strategy_id=1))
    with pytest.raises(InvalidChange) as invalid:
        asyncio.run(set_deadline(Q2, "2020-09-01", BUSINESS_UNIT, strategy_id=1))
    assert "on or after the quarter's last day, 30 Sep 2020" in invalid.value.problems["deadline"]
    with pytest.raises(InvalidChange):
        asyncio.run(set_deadline(Q2, "not a day", BUSINESS_UNIT, strategy_id=1))
    assert QuarterDeadline.count().run_sync() == 0
    assert audit("deadline-set") == []


def test_a_deadline_and_its_audit_entry_are_written_together_or_not_at_all(tvp_db, monkeypatch):
    async def failing_append(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(deadline_service, "append", failing_append)
    with pytest.raises(RuntimeError):
        asyncio.run(set_deadline(Q2, "2020-10-21", BUSINESS_UNIT, strategy_id=1))
    assert QuarterDeadline.count().run_sync() == 0
