"""Raising a challenge, replying to it and closing it: checked, audited, all or nothing.

Each change and its audit entry are written in one write transaction. The
rows are changed only while still in the state the change needs (no reply
yet; not closed), so two people acting at once cannot both succeed.
"""

from __future__ import annotations

from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.challenges.errors import ActionWithdrawn, AlreadySettled, NotFound
from tracker.challenges.rules import (
    CAN_CHALLENGE,
    ChallengeForm,
    check_challenge,
    check_closing_note,
    check_reply,
    withdrawn_refusal,
)
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import format_date
from tracker.core.people import Person
from tracker.core.permissions import Updater, may_update
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import ActionNotFound, InvalidInput, NotAllowed
from tracker.core.tables import Challenge
from tracker.core.transactions import write_transaction
from tracker.plans.period import action_period
from tracker.plans.state import ActionState, action_state


def subject(state: ActionState) -> str:
    return f"Action {state.ref}, {state.plan}"


async def _action(action_id: int, today: date) -> ActionState:
    state = await action_state(action_id, today)
    if state is None:
        raise ActionNotFound(f"There is no action {action_id}.")
    await refuse_if_closed(plan_id=state.plan_id)  # each caller holds the write transaction
    return state


async def _challenge(challenge_id: int) -> dict:
    row = await Challenge.select().where(Challenge.id == challenge_id).first()
    if row is None:
        raise NotFound(f"There is no challenge {challenge_id}.")
    return row


def _closed(row: dict) -> AlreadySettled:
    return AlreadySettled(
        f"This challenge was closed by {row['closed_by']} on "
        f"{format_date(row['closed_at'].date())}: nothing more can be added to it."
    )


def _must_challenge(person: Person) -> None:
    if person.role not in CAN_CHALLENGE:
        raise NotAllowed("Only strategy chairs and the business unit can challenge or close.")


async def raise_challenge(
    action_id: int,
    form: ChallengeForm,
    *,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
) -> int:
    """The new challenge's id. A question that looks like personal data needs `confirmed`."""
    today = today or clock.today()
    _must_challenge(person)
    async with write_transaction(Challenge._meta.db):
        state = await _action(action_id, today)
        if state.withdrawn and state.withdrawn_on is not None:
            raise ActionWithdrawn(withdrawn_refusal(state.ref, state.withdrawn_on))
        check = check_challenge(form, today, await action_period(action_id))
        if check.challenge is None:
            raise InvalidInput(check.problems)
        challenge = check.challenge
        flagged = guard({"question": ("Question", challenge.question)}, confirmed=confirmed)
        [row] = await Challenge.insert(
            Challenge(
                action=action_id,
                question=challenge.question,
                reply_wanted_by=challenge.reply_wanted_by,
                raised_by=person.email,
                raised_at=clock.now(),
                quarter=challenge.quarter.slug,
            )
        ).returning(Challenge.id)
        await record_flags(
            flagged,
            record_table=Challenge._meta.tablename,
            record_id=row["id"],
            confirmed_by=person.email,
            action_id=action_id,
            subject=subject(state),
        )
        await append(
            AuditKind.CHALLENGE_RAISED,
            person.email,
            subject=subject(state),
            action_id=action_id,
            summary=(
                f"For {challenge.quarter.label}; "
                f"reply wanted by {format_date(challenge.reply_wanted_by)}"
            ),
            after={
                "challenge": row["id"],
                "quarter": challenge.quarter.label,
                "question": challenge.question,
                "reply_wanted_by": challenge.reply_wanted_by,
            },
            client=client,
        )
    return row["id"]


async def reply_to_challenge(
    challenge_id: int,
    reply: str,
    *,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
) -> None:
    """Whoever may update the action replies, once, while the challenge is open."""
    today = today or clock.today()
    async with write_transaction(Challenge._meta.db):
        row = await _challenge(challenge_id)
        state = await _action(row["action"], today)
        if not may_update(Updater(person.role, person.agency_ids, person.lead_names), state.scope):
            raise NotAllowed(
                f"You cannot reply to challenges on action {state.ref} of {state.plan}: "
                "only its lead and the business unit can."
            )
        if row["closed_at"] is not None:
            raise _closed(row)
        if row["reply"] is not None:
            raise AlreadySettled(
                f"{row['replied_by']} already replied on {format_date(row['replied_at'].date())}."
            )
        check = check_reply(reply)
        if check.text is None:
            raise InvalidInput(check.problems)
        flagged = guard({"reply": ("Your reply", check.text)}, confirmed=confirmed)
        changed = (
            await Challenge.update(
                {
                    Challenge.reply: check.text,
                    Challenge.replied_by: person.email,
                    Challenge.replied_at: clock.now(),
                }
            )
            .where(
                (Challenge.id == challenge_id)
                & Challenge.reply.is_null()
                & Challenge.closed_at.is_null()
            )
            .returning(Challenge.id)
        )
        if not changed:
            raise AlreadySettled("Someone replied or closed the challenge while you were writing.")
        await record_flags(
            flagged,
            record_table=Challenge._meta.tablename,
            record_id=challenge_id,
            confirmed_by=person.email,
            action_id=state.id,
            subject=subject(state),
        )
        await append(
            AuditKind.CHALLENGE_ANSWERED,
            person.email,
            subject=subject(state),
            action_id=state.id,
            summary=f"Replied to the challenge raised by {row['raised_by']}",
            before={"challenge": challenge_id, "reply": None},
            after={"challenge": challenge_id, "reply": check.text},
            client=client,
        )


async def close_challenge(
    challenge_id: int,
    closing_note: str,
    *,
    person: Person,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
) -> None:
    """A chair closes a challenge, answered or not, with an optional note."""
    today = today or clock.today()
    _must_challenge(person)
    async with write_transaction(Challenge._meta.db):
        row = await _challenge(challenge_id)
        state = await _action(row["action"], today)
        if row["closed_at"] is not None:
            raise _closed(row)
        check = check_closing_note(closing_note)
        if check.problems:
            raise InvalidInput(check.problems)
        flagged = guard({"closing_note": ("Closing note", check.text)}, confirmed=confirmed)
        changed = (
            await Challenge.update(
                {
                    Challenge.closed_by: person.email,
                    Challenge.closed_at: clock.now(),
                    Challenge.closing_note: check.text,
                }
            )
            .where((Challenge.id == challenge_id) & Challenge.closed_at.is_null())
            .returning(Challenge.id)
        )
        if not changed:
            raise AlreadySettled("Someone closed the challenge while you were writing.")
        await record_flags(
            flagged,
            record_table=Challenge._meta.tablename,
            record_id=challenge_id,
            confirmed_by=person.email,
            action_id=state.id,
            subject=subject(state),
        )
        await append(
            AuditKind.CHALLENGE_CLOSED,
            person.email,
            subject=subject(state),
            action_id=state.id,
            summary="Closed " + ("after a reply" if row["reply"] else "without a reply"),
            before={"challenge": challenge_id, "closed": False},
            after={"challenge": challenge_id, "closed": True, "closing_note": check.text},
            client=client,
        )
