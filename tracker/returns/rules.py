"""A plan's quarterly return: its states, the steps between them, its deadline. Pure.

Each quarter every plan makes one return. It is in progress once work is
done for it (an import fills it, or one of its actions is updated for its
quarter), the lead submits it (and may withdraw it until a chair acts), and a
chair either accepts it or returns it for changes with comments; a returned
return is resubmitted. Once accepted its figures are locked: a later change to one of
its actions is dated in the next quarter not yet accepted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracker.core.dates import Quarter, format_date
from tracker.core.refusals import Conflict
from tracker.core.roles import Role
from tracker.core.strategy_period import collecting

DEFAULT_DEADLINE_DAYS = 14
MAX_COMMENTS = 4000
MAX_COVER_NOTE = 2000


class ReturnState(StrEnum):
    NOT_STARTED = "not-started"  # no row yet
    DRAFT = "draft"  # shown as "In progress": an import filled it, or an action was updated
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_in(self) -> bool:
        """The agency has made its return: submitted, resubmitted or accepted."""
        return self in (ReturnState.SUBMITTED, ReturnState.RESUBMITTED, ReturnState.ACCEPTED)

    @property
    def awaits_agency(self) -> bool:
        return self in (ReturnState.NOT_STARTED, ReturnState.DRAFT, ReturnState.RETURNED)

    @property
    def awaits_chair(self) -> bool:
        return self in (ReturnState.SUBMITTED, ReturnState.RESUBMITTED)


STATE_LABELS = {
    ReturnState.NOT_STARTED: "Not started",
    ReturnState.DRAFT: "In progress",
    ReturnState.SUBMITTED: "Submitted",
    ReturnState.RETURNED: "Returned for changes",
    ReturnState.RESUBMITTED: "Resubmitted",
    ReturnState.ACCEPTED: "Accepted",
}


class ReturnStep(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    WITHDRAW = "withdraw"


class StepRefused(Conflict):
    """The step cannot be taken from the return's state: the message says why."""


def next_state(current: ReturnState, step: ReturnStep, quarter: Quarter) -> ReturnState:
    """The state `step` moves a return to, or StepRefused with the reason."""
    label = quarter.label
    if step is ReturnStep.WITHDRAW:
        return _withdrawn(current, label)
    if step is ReturnStep.SUBMIT:
        if current in (ReturnState.NOT_STARTED, ReturnState.DRAFT):
            return ReturnState.SUBMITTED
        if current is ReturnState.RETURNED:
            return ReturnState.RESUBMITTED
        if current is ReturnState.ACCEPTED:
            raise StepRefused(f"The {label} return was already accepted: it cannot change.")
        raise StepRefused(f"The {label} return was already submitted: it is with the chair.")
    if current.awaits_chair:
        return ReturnState.RETURNED if step is ReturnStep.RETURN else ReturnState.ACCEPTED
    if current is ReturnState.ACCEPTED:
        raise StepRefused(f"The {label} return was already accepted.")
    if current is ReturnState.RETURNED:
        raise StepRefused(f"The {label} return was already returned for changes.")
    raise StepRefused(f"The {label} return has not been submitted yet.")


def _withdrawn(current: ReturnState, label: str) -> ReturnState:
    """A submitted return goes back to the agency until a chair acts; a resubmitted one goes
    back to "returned for changes", as the chair's comments still stand."""
    if current is ReturnState.SUBMITTED:
        return ReturnState.DRAFT
    if current is ReturnState.RESUBMITTED:
        return ReturnState.RETURNED
    if current is ReturnState.ACCEPTED:
        raise StepRefused(f"The {label} return was already accepted: it cannot be withdrawn.")
    if current is ReturnState.RETURNED:
        raise StepRefused(
            f"The {label} return was already sent back for changes: there is nothing to withdraw."
        )
    raise StepRefused(f"The {label} return has not been submitted: there is nothing to withdraw.")


def from_work_done(stored: ReturnState, updated: int) -> ReturnState:
    """A return nobody has started is in progress once one of its actions has an update
    dated in its quarter (recorded on the web, through the API or by an import)."""
    if stored is ReturnState.NOT_STARTED and updated > 0:
        return ReturnState.DRAFT
    return stored


@dataclass(frozen=True)
class Submitter:
    """Who is asking to submit a plan's return."""

    role: Role
    agency_ids: frozenset[int]
    lead_names: frozenset[str]


def may_submit(person: Submitter, plan_agency_id: int | None, plan_leads: Collection[str]) -> bool:
    """The business unit (on the agency's behalf), or a lead of the plan's agency.

    An agency's return speaks for the whole agency, so only its own leads make
    it: a lead title naming one of its actions lets a lead update that action,
    not submit the agency's return. A plan without an agency (the overarching
    plan) is submitted by a lead of one of its actions (by lead title), the
    business unit or a chair.
    """
    if person.role is Role.BUSINESS_UNIT:
        return True
    if person.role is Role.CHAIR:
        return plan_agency_id is None
    if person.role is not Role.LEAD:
        return False
    if plan_agency_id is not None:
        return plan_agency_id in person.agency_ids
    lowered = {name.strip().lower() for name in plan_leads if name}
    return any(name.strip().lower() in lowered for name in person.lead_names)


def may_decide(role: Role) -> bool:
    """Accepting a return, or sending it back, is a chair's or the business unit's."""
    return role in (Role.CHAIR, Role.BUSINESS_UNIT)


def check_comments(text: str) -> tuple[str | None, str | None]:
    """The chair's comments on returning a return: needed, and not too long."""
    comments = text.strip()
    if not comments:
        return None, "Say what needs changing: returning a return needs comments."
    if len(comments) > MAX_COMMENTS:
        return None, f"Comments must be {MAX_COMMENTS:,} characters or fewer."
    return comments, None


def check_cover_note(text: str) -> tuple[str | None, str | None]:
    """The lead's optional note to the chairs on submitting: the note (None if blank), or why
    it is refused."""
    note = text.strip()
    if len(note) > MAX_COVER_NOTE:
        return None, f"The cover note must be {MAX_COVER_NOTE:,} characters or fewer."
    return note or None, None


def default_deadline(quarter: Quarter) -> date:
    """Returns are due 14 days after the quarter's last day unless the business unit says so."""
    return quarter.last_day + timedelta(days=DEFAULT_DEADLINE_DAYS)


def check_deadline(text: str, quarter: Quarter) -> tuple[date | None, str | None]:
    """A deadline typed as YYYY-MM-DD: on or after the quarter's last day, within a year."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None, "Enter the deadline as a real date, for example 2020-10-14."
    if day < quarter.last_day:
        return None, (
            f"The deadline must be on or after the quarter's last day, "
            f"{format_date(quarter.last_day)}."
        )
    if day > quarter.last_day + timedelta(days=366):
        return None, "The deadline must be within a year of the quarter's end."
    return day, None


def days_overdue(state: ReturnState, deadline: date, today: date) -> int:
    """Days past the deadline with the return still with the agency; 0 if not overdue."""
    if not state.awaits_agency or today <= deadline:
        return 0
    return (today - deadline).days


def dated_outside_accepted(as_at: date, accepted: Collection[Quarter]) -> date:
    """The day a change dated `as_at` is recorded on, so no accepted return is rewritten.

    In an accepted quarter it moves to the first day of the next quarter not
    accepted; otherwise it stays as it is.
    """
    day = as_at
    while Quarter.of(day) in accepted:
        day = Quarter.of(day).next().first_day
    return day


def updated_in(quarter: Quarter, status_as_at: date | None) -> bool:
    """An action counts as updated for a quarter's return when its status is dated in it."""
    return status_as_at is not None and quarter.first_day <= status_as_at <= quarter.last_day


def chair_order(state: ReturnState, overdue_by: int) -> tuple[int, int]:
    """How the chairs' quarter page sorts returns: overdue first, the most overdue at the
    top; then those awaiting a chair's decision; then the rest."""
    if overdue_by > 0:
        return (0, -overdue_by)
    if state.awaits_chair:
        return (1, 0)
    return (2, 0)


def open_return(
    today: date, accepted: Collection[Quarter], asked: Quarter | None = None
) -> Quarter | None:
    """The quarter a plan's update is for by default: the quarter whose return is open.

    A return is open once its quarter has ended and until it is accepted. `asked` (a
    return's page naming its quarter) wins when that return is open; otherwise it is the
    quarter being collected, the one before today's, unless its return was accepted.
    None: no return is open, so an update describes today.
    """
    if asked is not None and asked.last_day < today and asked not in accepted:
        return asked
    quarter = collecting(today)
    return None if quarter in accepted else quarter
