"""Withdrawing an action (from a day, with a reason) and reinstating it: versioned, audited,
all or nothing, like every plan change (tracker.plan_changes.store)."""

from __future__ import annotations

from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.dates import format_date
from tracker.core.people import Person
from tracker.core.refusals import InvalidInput
from tracker.core.tables import Action
from tracker.core.transactions import write_transaction
from tracker.plan_changes.rules import WithdrawForm, check_withdrawal
from tracker.plan_changes.store import (
    StaleChange,
    changeable_action,
    claim,
    guarded,
    record_flagged,
)


async def withdraw_action(
    action_id: int,
    form: WithdrawForm,
    *,
    version: int,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
) -> None:
    today = today or clock.today()
    check = check_withdrawal(form, today)
    if check.change is None:
        raise InvalidInput(check.problems)
    withdrawal = check.change
    async with write_transaction(Action._meta.db):
        current, plan = await changeable_action(action_id, person, version)
        if current["withdrawn_on"] is not None:
            raise StaleChange(
                f"Action {current['ref']} was already withdrawn on "
                f"{format_date(current['withdrawn_on'])}. Nothing was changed."
            )
        flagged = guarded({"withdrawn_reason": ("Reason", withdrawal.reason)}, confirmed)
        await claim(Action, action_id, version, f"Action {current['ref']}")
        after = {
            "withdrawn_on": withdrawal.on,
            "withdrawn_reason": withdrawal.reason,
            "withdrawn_by": person.email,
        }
        await Action.update({getattr(Action, name): value for name, value in after.items()}).where(
            Action.id == action_id
        )
        subject = f"Action {current['ref']}, {plan.name}"
        await record_flagged(flagged, "action", action_id, person, subject, action_id)
        await append(
            AuditKind.ACTION_WITHDRAWN,
            person.email,
            subject=subject,
            action_id=action_id,
            summary=f"Withdrawn from {format_date(withdrawal.on)}: {withdrawal.reason}",
            before={"withdrawn_on": None, "withdrawn_reason": None, "version": version},
            after={**after, "version": version + 1},
            client=client,
        )


async def reinstate_action(
    action_id: int, *, version: int, person: Person, client: str = ""
) -> None:
    async with write_transaction(Action._meta.db):
        current, plan = await changeable_action(action_id, person, version)
        if current["withdrawn_on"] is None:
            raise StaleChange(
                f"Action {current['ref']} is not withdrawn (someone may have reinstated it). "
                "Nothing was changed."
            )
        await claim(Action, action_id, version, f"Action {current['ref']}")
        await Action.update(
            {Action.withdrawn_on: None, Action.withdrawn_reason: None, Action.withdrawn_by: None}
        ).where(Action.id == action_id)
        await append(
            AuditKind.ACTION_REINSTATED,
            person.email,
            subject=f"Action {current['ref']}, {plan.name}",
            action_id=action_id,
            summary="Reinstated (it had been withdrawn from "
            f"{format_date(current['withdrawn_on'])})",
            before={
                "withdrawn_on": current["withdrawn_on"],
                "withdrawn_reason": current["withdrawn_reason"],
                "withdrawn_by": current["withdrawn_by"],
                "version": version,
            },
            after={
                "withdrawn_on": None,
                "withdrawn_reason": None,
                "withdrawn_by": None,
                "version": version + 1,
            },
            client=client,
        )
