"""Submitting a return, sending it back and accepting it: checked, audited, all or nothing.

Each step names the version of the return its page showed (0: no return
yet). Inside one write transaction the return moves on only if it is still
at that version, so two chairs deciding at once cannot both succeed; the
step's row, the return's new state and the audit entry land together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.permissions import lead_parts, normalised_lead
from tracker.core.personal_data.check import FlaggedField, guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import Action, Plan, PlanReturn
from tracker.core.tables import ReturnStep as StepRow
from tracker.core.transactions import write_transaction
from tracker.returns.errors import PlanNotFound, ReturnChanged
from tracker.returns.rules import (
    ReturnState,
    ReturnStep,
    Submitter,
    check_comments,
    check_cover_note,
    may_decide,
    may_submit,
    next_state,
)

COMMENTS_LABEL = "What needs changing"
COVER_NOTE_LABEL = "Cover note"
KINDS = {
    ReturnStep.SUBMIT: AuditKind.RETURN_SUBMITTED,
    ReturnStep.RETURN: AuditKind.RETURN_RETURNED,
    ReturnStep.ACCEPT: AuditKind.RETURN_ACCEPTED,
    ReturnStep.WITHDRAW: AuditKind.RETURN_WITHDRAWN,
}


@dataclass(frozen=True)
class ReturnPlan:
    id: int
    name: str
    agency_id: int | None
    leads: frozenset[str]  # every title its actions' leads name


@dataclass(frozen=True)
class Stepped:
    """Where a step left the return."""

    return_id: int
    state: ReturnState
    version: int
    on_behalf: bool = False


def return_subject(plan_name: str, quarter: Quarter) -> str:
    return f"{quarter.label} return, {plan_name}"


async def return_plan(plan_id: int) -> ReturnPlan:
    plan = await Plan.select(Plan.id, Plan.name, Plan.agency).where(Plan.id == plan_id).first()
    if plan is None:
        raise PlanNotFound(f"There is no plan {plan_id}.")
    leads = await Action.select(Action.lead).where(Action.plan == plan_id)
    return ReturnPlan(
        plan["id"],
        plan["name"],
        plan["agency"],
        frozenset(part for row in leads for part in lead_parts(row["lead"])),
    )


def submitter(person: Person) -> Submitter:
    return Submitter(person.role, person.agency_ids, person.lead_names)


def may_submit_plan(person: Person, plan: ReturnPlan) -> bool:
    return may_submit(submitter(person), plan.agency_id, plan.leads)


def submit_refused(person: Person, plan: ReturnPlan) -> str:
    """Why `person` may not submit the plan's return, in words that say who may."""
    if plan.agency_id is None:
        return (
            f"You cannot submit the return of {plan.name}: only a lead of one of its "
            "actions, a chair and the business unit can."
        )
    why = (
        f"You cannot submit the return of {plan.name}: only its agency's leads "
        "and the business unit can."
    )
    if person.role is Role.LEAD and plan.leads & {normalised_lead(n) for n in person.lead_names}:
        why += " Your lead title lets you update your own actions in it, not submit its return."
    return why


async def _current(plan_id: int, quarter: Quarter) -> dict[str, Any] | None:
    return (
        await PlanReturn.select()
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
    )


def _changed(plan: ReturnPlan, quarter: Quarter, row: dict[str, Any] | None) -> ReturnChanged:
    state = ReturnState(row["state"]) if row else ReturnState.NOT_STARTED
    return ReturnChanged(
        f"The {quarter.label} return of {plan.name} changed since you opened the page: "
        f"it is now {state.label.lower()}. Nothing was saved; check it and try again."
    )


async def _claim(
    plan: ReturnPlan,
    quarter: Quarter,
    row: dict[str, Any] | None,
    seen_version: int,
    values: dict[Any, Any],
) -> int:
    """Write the return's new state if it is still at `seen_version`: its id, or ReturnChanged."""
    if row is None:
        if seen_version != 0:
            raise _changed(plan, quarter, row)
        # Another writer may have started it since it was read: ON CONFLICT makes that a refusal.
        created = (
            await PlanReturn.insert(
                PlanReturn(
                    plan=plan.id,
                    quarter=quarter.slug,
                    started_at=clock.now(),
                    version=1,
                    **{column._meta.name: value for column, value in values.items()},
                )
            )
            .on_conflict(action="DO NOTHING")
            .returning(PlanReturn.id)
        )
        if not created:
            raise _changed(plan, quarter, await _current(plan.id, quarter))
        return int(created[0]["id"])
    claimed = (
        await PlanReturn.update({**values, PlanReturn.version: seen_version + 1})
        .where((PlanReturn.id == row["id"]) & (PlanReturn.version == seen_version))
        .returning(PlanReturn.id)
    )
    if not claimed:
        raise _changed(plan, quarter, await _current(plan.id, quarter))
    return int(row["id"])


async def _step(
    step: ReturnStep,
    plan: ReturnPlan,
    quarter: Quarter,
    person: Person,
    *,
    seen_version: int,
    values: dict[Any, Any],
    comment: str | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    flagged_column: str = "comments",
    on_behalf: bool = False,
    client: str = "",
) -> Stepped:
    async with write_transaction(PlanReturn._meta.db):
        await refuse_if_closed(plan_id=plan.id)
        row = await _current(plan.id, quarter)
        version = row["version"] if row else 0
        if version != seen_version:
            raise _changed(plan, quarter, row)
        before = ReturnState(row["state"]) if row else ReturnState.NOT_STARTED
        after = next_state(before, step, quarter)
        now = clock.now()
        return_id = await _claim(
            plan, quarter, row, seen_version, {PlanReturn.state: after.value, **values}
        )
        [step_row] = await StepRow.insert(
            StepRow(
                plan_return=return_id,
                state=after.value,
                actor=person.email,
                occurred_at=now,
                comment=comment,
                on_behalf=on_behalf,
            )
        ).returning(StepRow.id)
        subject = return_subject(plan.name, quarter)
        # The comments (or cover note) are kept on the step and on the return: both flagged.
        await record_flags(
            flagged,
            record_table="return_step",
            record_id=step_row["id"],
            confirmed_by=person.email,
            subject=subject,
        )
        await record_flags(
            tuple(replace(field, field=flagged_column) for field in flagged),
            record_table="plan_return",
            record_id=return_id,
            confirmed_by=person.email,
            subject=subject,
        )
        await append(
            KINDS[step],
            person.email,
            subject=subject,
            summary=f"{before.label} → {after.label}"
            + (" (by the business unit on the agency's behalf)" if on_behalf else ""),
            before={
                "plan": plan.id,
                "quarter": quarter.slug,
                "state": before.value,
                "version": seen_version,
            },
            after={
                "plan": plan.id,
                "quarter": quarter.slug,
                "state": after.value,
                "version": seen_version + 1,
                **({flagged_column: comment} if comment else {}),
            },
            client=client,
        )
    return Stepped(return_id, after, seen_version + 1, on_behalf)


async def submit(
    plan_id: int,
    quarter: Quarter,
    person: Person,
    *,
    seen_version: int,
    cover_note: str = "",
    confirmed: bool = False,
    client: str = "",
) -> Stepped:
    """The plan's lead submits (or resubmits); the business unit may, on the agency's behalf.

    An optional cover note goes to the chairs with it: InvalidInput when too long,
    PossiblePersonalData when it looks like it identifies someone and `confirmed` is not set.
    """
    plan = await return_plan(plan_id)
    if not may_submit_plan(person, plan):
        raise NotAllowed(submit_refused(person, plan))
    note, problem = check_cover_note(cover_note)
    if problem:
        raise InvalidInput({"cover_note": problem})
    flagged = guard({"cover_note": (COVER_NOTE_LABEL, note)}, confirmed=confirmed)
    on_behalf = person.role is Role.BUSINESS_UNIT and plan.agency_id is not None
    return await _step(
        ReturnStep.SUBMIT,
        plan,
        quarter,
        person,
        seen_version=seen_version,
        values={
            PlanReturn.submitted_at: clock.now(),
            PlanReturn.submitted_by: person.email,
            PlanReturn.on_behalf: on_behalf,
            PlanReturn.cover_note: note,
        },
        comment=note,
        flagged=flagged,
        flagged_column="cover_note",
        on_behalf=on_behalf,
        client=client,
    )


async def withdraw(
    plan_id: int,
    quarter: Quarter,
    person: Person,
    *,
    seen_version: int,
    client: str = "",
) -> Stepped:
    """Whoever may submit the plan's return takes it back before a chair acts on it."""
    plan = await return_plan(plan_id)
    if not may_submit_plan(person, plan):
        raise NotAllowed(submit_refused(person, plan).replace("submit", "withdraw", 1))
    return await _step(
        ReturnStep.WITHDRAW,
        plan,
        quarter,
        person,
        seen_version=seen_version,
        values={
            PlanReturn.submitted_at: None,
            PlanReturn.submitted_by: None,
            PlanReturn.on_behalf: False,
        },
        comment="Withdrawn before a chair acted on it.",
        client=client,
    )


def _must_decide(person: Person) -> None:
    if not may_decide(person.role):
        raise NotAllowed(
            "Only strategy chairs and the business unit can accept or return a return."
        )


async def send_back(
    plan_id: int,
    quarter: Quarter,
    person: Person,
    comments: str,
    *,
    seen_version: int,
    confirmed: bool = False,
    client: str = "",
) -> Stepped:
    """A chair returns the return for changes, saying what needs changing.

    InvalidInput without comments; PossiblePersonalData when they look like
    they identify someone and `confirmed` is not set.
    """
    _must_decide(person)
    plan = await return_plan(plan_id)
    text, problem = check_comments(comments)
    if text is None:
        raise InvalidInput({"comment": problem or "Say what needs changing."})
    flagged = guard({"comment": (COMMENTS_LABEL, text)}, confirmed=confirmed)
    now = clock.now()
    return await _step(
        ReturnStep.RETURN,
        plan,
        quarter,
        person,
        seen_version=seen_version,
        values={
            PlanReturn.comments: text,
            PlanReturn.decided_at: now,
            PlanReturn.decided_by: person.email,
        },
        comment=text,
        flagged=flagged,
        client=client,
    )


async def accept(
    plan_id: int,
    quarter: Quarter,
    person: Person,
    *,
    seen_version: int,
    client: str = "",
) -> Stepped:
    """A chair accepts the return: from now on its quarter's figures are locked."""
    _must_decide(person)
    plan = await return_plan(plan_id)
    now = clock.now()
    return await _step(
        ReturnStep.ACCEPT,
        plan,
        quarter,
        person,
        seen_version=seen_version,
        values={
            PlanReturn.decided_at: now,
            PlanReturn.decided_by: person.email,
            PlanReturn.accepted_at: now,
            PlanReturn.accepted_by: person.email,
        },
        client=client,
    )
