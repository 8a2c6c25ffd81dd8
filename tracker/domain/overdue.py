"""When an action is overdue.

Overdue: its due date has passed and it is not complete (blue). Recurring
actions (quarterly, ongoing) are never overdue by date, even where the
time-frame also names a date ("1/4ly, March 21"): they slip by going a
quarter without an update instead.
"""

from __future__ import annotations

from datetime import date


def is_overdue(due: date | None, recurring: str | None, rag: str | None, as_at: date) -> bool:
    return due is not None and recurring is None and due < as_at and rag != "blue"


def days_overdue(due: date | None, recurring: str | None, rag: str | None, as_at: date) -> int:
    if due is None or not is_overdue(due, recurring, rag, as_at):
        return 0
    return (as_at - due).days
