"""Whether an action is slipping on a given day: overdue, due soon, or stale.

One set of rules for every page, the API and the reports.

- Overdue: its due date has passed and it is not complete (blue). Days
  overdue count from the due date.
- Due soon: not complete, not overdue, and due within the next 30 days
  (due today counts as due soon, with 0 days to go).
- Recurring actions (quarterly, ongoing) are never overdue or due soon by
  date, even where the time-frame also names a date ("1/4ly, March 21"): they
  slip by going a quarter without an update instead.
- Stale: not complete, and no update dated in the quarter the day falls in
  (UK financial-year quarters). An action never updated is stale. On the first
  day of a quarter every open action is stale until its lead updates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.core.dates import Quarter

DUE_SOON_DAYS = 30
COMPLETE = "blue"


@dataclass(frozen=True)
class Slipping:
    overdue: bool
    days_overdue: int
    due_soon: bool
    days_to_due: int | None  # for an open, dated, non-recurring action; negative when overdue
    stale: bool

    @property
    def any(self) -> bool:
        return self.overdue or self.due_soon or self.stale


def _dated(due: date | None, recurring: str | None, rag: str | None) -> bool:
    return due is not None and recurring is None and rag != COMPLETE


def is_overdue(due: date | None, recurring: str | None, rag: str | None, as_at: date) -> bool:
    return _dated(due, recurring, rag) and due is not None and due < as_at


def days_overdue(due: date | None, recurring: str | None, rag: str | None, as_at: date) -> int:
    if due is None or not is_overdue(due, recurring, rag, as_at):
        return 0
    return (as_at - due).days


def is_due_soon(due: date | None, recurring: str | None, rag: str | None, as_at: date) -> bool:
    if due is None or not _dated(due, recurring, rag):
        return False
    return as_at <= due <= as_at + timedelta(days=DUE_SOON_DAYS)


def is_stale(rag: str | None, last_update: date | None, as_at: date) -> bool:
    """No update dated in `as_at`'s quarter, on or before `as_at`, for an open action."""
    if rag == COMPLETE:
        return False
    if last_update is None:
        return True
    return not Quarter.of(as_at).first_day <= last_update <= as_at


def slipping(
    *,
    due: date | None,
    recurring: str | None,
    rag: str | None,
    last_update: date | None,
    as_at: date,
) -> Slipping:
    """`rag` and `last_update` are those of the action's latest update on or before `as_at`."""
    return Slipping(
        overdue=is_overdue(due, recurring, rag, as_at),
        days_overdue=days_overdue(due, recurring, rag, as_at),
        due_soon=is_due_soon(due, recurring, rag, as_at),
        days_to_due=(due - as_at).days if due is not None and _dated(due, recurring, rag) else None,
        stale=is_stale(rag, last_update, as_at),
    )
