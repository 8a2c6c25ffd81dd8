"""When a strategy may close, which of its actions are still open, and what became of each
one at the end. Pure.

A strategy closes once every plan's return for its last quarter is accepted: its figures
are then final. Closed, it is read only. An action is open at the end when it was neither
complete (blue) nor withdrawn on the strategy's last day; an open action may be carried
once into a later strategy that is still open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.core.dates import Quarter, format_date, parse_day
from tracker.core.rag import Rag

STATE_WORDS = {
    "not-started": "not started",
    "draft": "in progress",
    "submitted": "submitted, waiting for a chair",
    "returned": "returned for changes",
    "resubmitted": "resubmitted, waiting for a chair",
}


@dataclass(frozen=True)
class PlanReturnState:
    plan: str
    state: str  # a tracker.returns.rules.ReturnState value; "not-started" when no row


def close_refusal(
    name: str, last_quarter: Quarter | None, returns: Sequence[PlanReturnState], closed: bool
) -> str | None:
    """Why the strategy cannot close now, or None when it may."""
    if closed:
        return f"{name} is already closed."
    if last_quarter is None:
        return f"{name} has no last day, so its last quarter is not known: it cannot close."
    waiting = [item for item in returns if item.state != "accepted"]
    if not waiting:
        return None
    listed = "; ".join(
        f"{item.plan} ({STATE_WORDS.get(item.state, item.state)})" for item in waiting
    )
    return (
        f"{name} cannot close until every plan's {last_quarter.label} return is accepted. "
        f"Not accepted yet: {listed}."
    )


def withdrawn_by(withdrawn_on: date | None, day: date) -> bool:
    """The action was withdrawn on or before `day` (it no longer counts from that day)."""
    return withdrawn_on is not None and withdrawn_on <= day


def is_open(rag: str | None, withdrawn_on: date | None, last_day: date) -> bool:
    """Still to be done when the strategy ended: neither complete nor withdrawn."""
    return rag != Rag.BLUE.value and not withdrawn_by(withdrawn_on, last_day)


class Outcome(StrEnum):
    COMPLETED = "completed"
    CARRIED = "carried"
    WITHDRAWN = "withdrawn"
    OPEN = "open"  # open at the end and not carried over

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.COMPLETED: "Completed",
    Outcome.CARRIED: "Carried over",
    Outcome.WITHDRAWN: "Withdrawn",
    Outcome.OPEN: "Not completed, not carried over",
}


def outcome(rag: str | None, withdrawn_on: date | None, last_day: date, carried: bool) -> Outcome:
    if withdrawn_by(withdrawn_on, last_day):
        return Outcome.WITHDRAWN
    if rag == Rag.BLUE.value:
        return Outcome.COMPLETED
    return Outcome.CARRIED if carried else Outcome.OPEN


def counts(outcomes: Iterable[Outcome]) -> dict[Outcome, int]:
    found = dict.fromkeys(Outcome, 0)
    for item in outcomes:
        found[item] += 1
    return found


@dataclass(frozen=True)
class Candidate:
    """An action offered for carrying, as the page shows it."""

    id: int
    ref: str
    open: bool
    carried_to: int | None  # the action it was carried to, if any


def carry_refusal(
    chosen: Iterable[int], candidates: dict[int, Candidate], source: str
) -> str | None:
    """Why the chosen actions cannot be carried, or None."""
    picked = list(chosen)
    if not picked:
        return "Choose at least one open action to carry over."
    for action_id in picked:
        candidate = candidates.get(action_id)
        if candidate is None:
            return f"Action {action_id} is not one of {source}'s actions."
        if candidate.carried_to is not None:
            return f"Action {candidate.ref} was already carried over: nothing was carried."
        if not candidate.open:
            return (
                f"Action {candidate.ref} was completed or withdrawn, so it is not carried over: "
                "nothing was carried."
            )
    return None


def target_refusal(
    source_ends: date | None, target_starts: date | None, target_closed: bool, same: bool
) -> str | None:
    """Why the strategy chosen to carry into will not do, or None."""
    if same:
        return "Choose a later strategy to carry the actions into, not the one closed."
    if target_closed:
        return "That strategy is closed too: choose an open one."
    if source_ends is not None and target_starts is not None and target_starts <= source_ends:
        return f"Choose a strategy that starts after this one ended ({format_date(source_ends)})."
    return None


def due_dates(
    sent: dict[int, str], chosen: Iterable[int], refs: dict[int, str]
) -> tuple[dict[int, date], dict[str, str]]:
    """The due dates typed for the chosen actions (none: no due date), and a message for
    each field that is not a real day: (dues, problems keyed by field name)."""
    dues: dict[int, date] = {}
    problems: dict[str, str] = {}
    for action_id in chosen:
        text = (sent.get(action_id) or "").strip()
        if not text:
            continue
        day = parse_day(text)
        if day is None:
            problems[f"due_{action_id}"] = (
                f"Enter action {refs.get(action_id, action_id)}'s due date as a real date "
                "between 2000 and 2099, or leave it empty"
            )
        else:
            dues[action_id] = day
    return dues, problems
