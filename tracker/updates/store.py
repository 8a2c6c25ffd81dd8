"""Updating an action's RAG and progress, and editing its editable fields.

Each change names the version of the action it was made on. Inside one write
transaction the version is bumped only if it is still that version; if not,
nothing is written and StaleVersion carries what changed meanwhile, for the
person to see and decide. The change and its audit entry land together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter, format_date
from tracker.core.people import Person
from tracker.core.permissions import Updater, may_update
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.rag import rag_label
from tracker.core.refusals import ActionNotFound, Conflict, InvalidInput, NotAllowed
from tracker.core.tables import Action, Update, UpdateSource
from tracker.core.transactions import write_transaction
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.state import ActionState, ChangeSince, action_state, changes_since
from tracker.returns.rules import dated_outside_accepted, open_return
from tracker.returns.store import accepted_quarters, ensure_draft
from tracker.updates.editing import EditForm, changed_fields, check_edit
from tracker.updates.rules import UpdateForm, check_update

InvalidChange = InvalidInput  # the name its tests know it by: a change refused field by field


class StaleVersion(Conflict):
    """The action moved on since the version the change was made on."""

    def __init__(self, seen: int, current: ActionState, since: list[ChangeSince]) -> None:
        super().__init__(
            f"Action {current.ref} was changed by someone else (version {seen} is now "
            f"{current.version}). Nothing was saved."
        )
        self.seen = seen
        self.current = current
        self.since = since


@dataclass(frozen=True)
class Recorded:
    state: ActionState
    nothing_changed: bool = False
    # The as-at day asked for, when it fell in an accepted return's quarter and
    # the update was dated in the next open quarter instead (`dated`).
    moved_from: date | None = None
    dated: date | None = None  # the day the update was dated on


def may_change(person: Person, state: ActionState) -> bool:
    return may_update(Updater(person.role, person.agency_ids, person.lead_names), state.scope)


async def changeable_for(action_id: int, person: Person, version: int, today: date) -> ActionState:
    """The action as it stands, if it exists, is theirs to change and is still at `version`."""
    state = await action_state(action_id, today)
    if state is None:
        raise ActionNotFound(f"There is no action {action_id}.")
    await refuse_if_closed(plan_id=state.plan_id)
    if not may_change(person, state):
        raise NotAllowed(f"You cannot change action {state.ref} of {state.plan}.")
    if state.withdrawn:
        raise Conflict(
            f"Action {state.ref} of {state.plan} was withdrawn on "
            f"{format_date(state.withdrawn_on)}, so it takes no updates or edits. "
            "The business unit or the plan's lead can reinstate it."
        )
    if version != state.version:
        raise StaleVersion(version, state, await changes_since(action_id, version))
    return state


async def claim_next_version(state: ActionState, seen: int, today: date) -> None:
    """Claim the next version, or raise StaleVersion: atomic on both databases."""
    bumped = (
        await Action.update({Action.version: seen + 1})
        .where((Action.id == state.id) & (Action.version == seen))
        .returning(Action.id)
    )
    if not bumped:
        current = await action_state(state.id, today) or state
        raise StaleVersion(seen, current, await changes_since(state.id, seen))


def action_subject(state: ActionState) -> str:
    return f"Action {state.ref}, {state.plan}"


async def record_update(
    action_id: int,
    form: UpdateForm,
    *,
    version: int,
    person: Person,
    source: UpdateSource = UpdateSource.WEB,
    today: date | None = None,
    client: str = "",
    confirmed: bool = False,
    for_quarter: Quarter | None = None,
) -> Recorded:
    """Text that looks like personal data raises PossiblePersonalData unless `confirmed`.

    An update that names no day is for the plan's open return (`for_quarter`, the
    return page's, if that one is open): it is dated on the quarter's last day, and
    starts that return if nobody had.
    """
    today = today or clock.today()
    async with write_transaction(Action._meta.db):
        state = await changeable_for(action_id, person, version, today)
        accepted = await accepted_quarters(state.plan_id)
        returning = open_return(today, accepted, for_quarter)
        check = check_update(form, current_rag=state.rag, today=today, returning=returning)
        if check.update is None:
            raise InvalidInput(check.problems)
        update = check.update
        flagged = guard(
            {
                "progress": ("Progress", update.progress),
                "impact": ("Evidence of impact", update.impact),
            },
            confirmed=confirmed,
        )
        # Never rewrite an accepted return: date the change in the next open quarter.
        as_at = dated_outside_accepted(update.as_at, accepted)
        await claim_next_version(state, version, today)
        now = clock.now()
        [row] = await Update.insert(
            Update(
                action=action_id,
                rag=update.rag.value,
                progress=update.progress,
                as_at=as_at,
                recorded_at=now,
                recorded_by=person.email,
                source=source.value,
                impact=update.impact,
                evidence_link=update.evidence_link,
            )
        ).returning(Update.id)
        await record_flags(
            flagged,
            record_table=Update._meta.tablename,
            record_id=row["id"],
            confirmed_by=person.email,
            action_id=action_id,
            subject=action_subject(state),
        )
        # The work done starts the quarter's return: "In progress" from now on.
        await ensure_draft(
            state.plan_id,
            state.plan,
            Quarter.of(as_at),
            actor=person.email,
            reason=f"Started by an update of action {state.ref}",
        )
        latest = state.latest
        await append(
            AuditKind.UPDATE,
            person.email,
            subject=action_subject(state),
            action_id=action_id,
            summary=f"{rag_label(state.rag)} → {update.rag.label} as at {format_date(as_at)}"
            + (" (through the API)" if source is UpdateSource.API else ""),
            before={
                "rag": state.rag,
                "progress": latest.progress if latest else None,
                "as_at": latest.as_at if latest else None,
                "version": version,
            },
            after={
                "rag": update.rag.value,
                "progress": update.progress,
                "as_at": as_at,
                "impact": update.impact,
                "evidence_link": update.evidence_link,
                "version": version + 1,
            },
            client=client,
        )
        after = await action_state(action_id, today)
    assert after is not None  # noqa: S101 - written in this very transaction
    return Recorded(after, moved_from=update.as_at if as_at != update.as_at else None, dated=as_at)


async def edit_action(
    action_id: int,
    form: EditForm,
    *,
    version: int,
    person: Person,
    today: date | None = None,
    client: str = "",
) -> Recorded:
    """Change the editable fields (tracker.plans.fields); only what differs is written and
    audited."""
    today = today or clock.today()
    async with write_transaction(Action._meta.db):
        state = await changeable_for(action_id, person, version, today)
        check = check_edit(form)
        if check.edit is None:
            raise InvalidInput(check.problems)
        before, after = changed_fields(state.details, check.edit.as_fields())
        if not after:
            return Recorded(state, nothing_changed=True)
        await claim_next_version(state, version, today)
        await Action.update({getattr(Action, name): value for name, value in after.items()}).where(
            Action.id == action_id
        )
        await append(
            AuditKind.EDIT,
            person.email,
            subject=action_subject(state),
            action_id=action_id,
            summary="Changed " + ", ".join(ACTION_FIELDS[name].in_words for name in after),
            before={**before, "version": version},
            after={**after, "version": version + 1},
            client=client,
        )
        changed = await action_state(action_id, today)
    assert changed is not None  # noqa: S101 - written in this very transaction
    return Recorded(changed)
