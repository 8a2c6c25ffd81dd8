"""Setting and clearing an assurance rating: checked, guarded, audited, all or nothing.

Each change and its audit entry (with the rating before and after) are written
in one write transaction. The action's row is locked first, so two people
rating the same action at once take turns instead of both inserting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.assurance.errors import NoRating
from tracker.assurance.rules import (
    CAN_ASSURE,
    AssuranceForm,
    check_assurance,
    quarter_problem,
    withdrawn_problem,
)
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.rag import rag_label
from tracker.core.refusals import ActionNotFound, InvalidInput, NotAllowed
from tracker.core.tables import Action, AssuranceRating
from tracker.core.transactions import write_transaction
from tracker.plans.state import ActionState, action_state

RECORD_TABLE = "assurance_rating"


@dataclass(frozen=True)
class Assured:
    quarter: Quarter
    rag: str
    replaced: bool  # a rating for the quarter was there before and this replaced it


def subject(state: ActionState) -> str:
    return f"Action {state.ref}, {state.plan}"


def must_assure(person: Person) -> None:
    if person.role not in CAN_ASSURE:
        raise NotAllowed(
            "Only strategy chairs and the business unit can set assurance ratings "
            "or record outcome evidence."
        )


async def locked_action(action_id: int, today: date) -> ActionState:
    """The action, its row locked until the transaction ends (a no-op update takes the lock)."""
    locked = (
        await Action.update({Action.version: Action.version + 0})
        .where(Action.id == action_id)
        .returning(Action.id)
    )
    state = await action_state(action_id, today) if locked else None
    if state is None:
        raise ActionNotFound(f"There is no action {action_id}.")
    await refuse_if_closed(plan_id=state.plan_id)
    return state


def _rating(row: dict | None) -> dict[str, str]:
    if row is None:
        return {}
    return {"quarter": row["quarter"], "rag": row["rag"], "reason": row["reason"]}


async def set_assurance(
    action_id: int,
    form: AssuranceForm,
    *,
    person: Person,
    confirmed: bool = False,
    today: date | None = None,
    client: str = "",
) -> Assured:
    """Set, or replace, the action's rating for the form's quarter.

    InvalidInput for a form that cannot be saved; PossiblePersonalData when the
    reason looks like it identifies someone and `confirmed` is not given.
    """
    today = today or clock.today()
    must_assure(person)
    async with write_transaction(AssuranceRating._meta.db):
        state = await locked_action(action_id, today)
        check = check_assurance(form, today)
        if check.assurance is None:
            raise InvalidInput(check.problems)
        checked = check.assurance
        if withdrawn := withdrawn_problem(state.ref, state.withdrawn_on, checked.quarter):
            raise InvalidInput({"quarter": withdrawn})
        flagged = guard({"reason": ("Reason", checked.reason)}, confirmed=confirmed)
        slug = checked.quarter.slug
        before = (
            await AssuranceRating.select()
            .where((AssuranceRating.action == action_id) & (AssuranceRating.quarter == slug))
            .first()
        )
        set_at = clock.now()
        if before is None:
            [row] = await AssuranceRating.insert(
                AssuranceRating(
                    action=action_id,
                    quarter=slug,
                    rag=checked.rag,
                    reason=checked.reason,
                    set_by=person.email,
                    set_at=set_at,
                )
            ).returning(AssuranceRating.id)
            rating_id = row["id"]
        else:
            rating_id = before["id"]
            await AssuranceRating.update(
                {
                    AssuranceRating.rag: checked.rag,
                    AssuranceRating.reason: checked.reason,
                    AssuranceRating.set_by: person.email,
                    AssuranceRating.set_at: set_at,
                }
            ).where(AssuranceRating.id == rating_id)
        after = {"quarter": slug, "rag": checked.rag, "reason": checked.reason}
        was = f" (was {rag_label(before['rag'])})" if before else ""
        await append(
            AuditKind.ASSURANCE_SET,
            person.email,
            subject=subject(state),
            action_id=action_id,
            summary=f"{checked.quarter.label}: {rag_label(checked.rag)}{was}",
            before=_rating(before),
            after=after,
            client=client,
        )
        await record_flags(
            flagged,
            record_table=RECORD_TABLE,
            record_id=rating_id,
            confirmed_by=person.email,
            action_id=action_id,
            subject=subject(state),
        )
    return Assured(checked.quarter, checked.rag, replaced=before is not None)


async def clear_assurance(
    action_id: int,
    quarter: str,
    *,
    person: Person,
    today: date | None = None,
    client: str = "",
) -> Quarter:
    """Remove the action's rating for `quarter` (like 2020-21-Q2); NoRating if there is none."""
    today = today or clock.today()
    must_assure(person)
    async with write_transaction(AssuranceRating._meta.db):
        state = await locked_action(action_id, today)
        asked, problem = quarter_problem(quarter, today)
        if asked is None:
            raise InvalidInput({"quarter": problem or "Choose a quarter."})
        removed = (
            await AssuranceRating.delete()
            .where((AssuranceRating.action == action_id) & (AssuranceRating.quarter == asked.slug))
            .returning(*AssuranceRating.all_columns())
        )
        if not removed:
            raise NoRating(
                f"Action {state.ref} has no assurance rating for {asked.label} to clear."
            )
        await append(
            AuditKind.ASSURANCE_CLEARED,
            person.email,
            subject=subject(state),
            action_id=action_id,
            summary=f"{asked.label}: {rag_label(removed[0]['rag'])} cleared",
            before=_rating(removed[0]),
            after={},
            client=client,
        )
    return asked
