"""Escalating an action or an issue of its own, and resolving it: audited, all or nothing."""

from __future__ import annotations

from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.challenges.errors import AlreadySettled, NotFound
from tracker.challenges.rules import CAN_CHALLENGE
from tracker.challenges.store import subject
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import format_date
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.finders import redacted
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import ActionNotFound, InvalidInput, NotAllowed
from tracker.core.tables import EscalatedTo, Escalation, Plan
from tracker.core.transactions import write_transaction
from tracker.escalations.rules import (
    EscalationForm,
    body_label,
    check_escalation,
    check_resolution,
)
from tracker.plans.period import action_period, strategy_period
from tracker.plans.state import action_state


def issue_subject(issue: str) -> str:
    """A free-standing issue as the audit trail's subject, without what looks like personal data."""
    return redacted(issue)[:300]


def _must_escalate(person: Person) -> None:
    if person.role not in CAN_CHALLENGE:
        raise NotAllowed("Only strategy chairs and the business unit can escalate or resolve.")


async def raise_escalation(
    form: EscalationForm,
    *,
    action_id: int | None,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
    strategy_id: int | None = None,
) -> int:
    """The new escalation's id. `action_id` None: a free-standing issue, raised in strategy
    `strategy_id` (the chosen one); an action's belongs to its plan's strategy.

    Text that looks like personal data needs `confirmed`.
    """
    today = today or clock.today()
    _must_escalate(person)
    async with write_transaction(Escalation._meta.db):
        about = ""
        if action_id is not None:
            state = await action_state(action_id, today)
            if state is None:
                raise ActionNotFound(f"There is no action {action_id}.")
            await refuse_if_closed(plan_id=state.plan_id)
            about = subject(state)
            owner = await Plan.select(Plan.strategy).where(Plan.id == state.plan_id).first()
            strategy_id = owner["strategy"] if owner else None
        elif strategy_id is not None:
            await refuse_if_closed(strategy_id=strategy_id)
        check = check_escalation(
            form,
            for_action=action_id is not None,
            today=today,
            period=await (
                action_period(action_id) if action_id is not None else strategy_period(strategy_id)
            ),
        )
        if check.escalation is None:
            raise InvalidInput(check.problems)
        escalation = check.escalation
        flagged = guard(
            {
                "issue": ("Issue", escalation.issue),
                "rationale": ("Rationale", escalation.rationale),
            },
            confirmed=confirmed,
        )
        [row] = await Escalation.insert(
            Escalation(
                action=action_id,
                issue=escalation.issue,
                escalated_to=EscalatedTo(escalation.escalated_to).value,
                rationale=escalation.rationale,
                raised_by=person.email,
                raised_at=clock.now(),
                quarter=escalation.quarter.slug,
                strategy=strategy_id,
            )
        ).returning(Escalation.id)
        # A free-standing issue names itself in the trail, whose subject cannot be
        # redacted later: what looks like personal data is left out of it now.
        about = about or issue_subject(escalation.issue)
        await record_flags(
            flagged,
            record_table=Escalation._meta.tablename,
            record_id=row["id"],
            confirmed_by=person.email,
            action_id=action_id,
            subject=about,
        )
        await append(
            AuditKind.ESCALATION_RAISED,
            person.email,
            subject=about,
            action_id=action_id,
            summary=(
                f"Escalated to {body_label(escalation.escalated_to)} for {escalation.quarter.label}"
            ),
            after={
                "escalation": row["id"],
                "quarter": escalation.quarter.label,
                "escalated_to": escalation.escalated_to,
                "issue": escalation.issue,
                "rationale": escalation.rationale,
            },
            client=client,
        )
    return row["id"]


async def resolve_escalation(
    escalation_id: int,
    resolution: str,
    *,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
) -> None:
    today = today or clock.today()
    _must_escalate(person)
    async with write_transaction(Escalation._meta.db):
        row = await Escalation.select().where(Escalation.id == escalation_id).first()
        if row is None:
            raise NotFound(f"There is no escalation {escalation_id}.")
        await refuse_if_closed(action_id=row["action"])
        if row["resolved_at"] is not None:
            raise AlreadySettled(
                f"This escalation was resolved by {row['resolved_by']} on "
                f"{format_date(row['resolved_at'].date())}."
            )
        check = check_resolution(resolution)
        if check.text is None:
            raise InvalidInput(check.problems)
        flagged = guard({"resolution": ("Resolution", check.text)}, confirmed=confirmed)
        changed = (
            await Escalation.update(
                {
                    Escalation.resolution: check.text,
                    Escalation.resolved_by: person.email,
                    Escalation.resolved_at: clock.now(),
                }
            )
            .where((Escalation.id == escalation_id) & Escalation.resolved_at.is_null())
            .returning(Escalation.id)
        )
        if not changed:
            raise AlreadySettled("Someone resolved the escalation while you were writing.")
        state = await action_state(row["action"], today) if row["action"] else None
        about = subject(state) if state else issue_subject(row["issue"])
        await record_flags(
            flagged,
            record_table=Escalation._meta.tablename,
            record_id=escalation_id,
            confirmed_by=person.email,
            action_id=row["action"],
            subject=about,
        )
        await append(
            AuditKind.ESCALATION_RESOLVED,
            person.email,
            subject=about,
            action_id=row["action"],
            summary=f"Resolved ({body_label(row['escalated_to'])})",
            before={"escalation": escalation_id, "resolution": None},
            after={"escalation": escalation_id, "resolution": check.text},
            client=client,
        )
