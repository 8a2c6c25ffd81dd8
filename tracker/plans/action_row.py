"""One action as a page shows it on a day: its fields and its status then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.plans.slipping import Slipping, slipping
from tracker.plans.status import UpdateRecord


@dataclass(frozen=True)
class ActionRow:
    id: int
    ref: str
    text: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    rag: str | None
    progress: str | None
    status_as_at: date | None
    days_overdue: int
    version: int = 1
    slipping: Slipping | None = None

    @property
    def due_soon(self) -> bool:
        return self.slipping is not None and self.slipping.due_soon

    @property
    def days_to_due(self) -> int | None:
        return self.slipping.days_to_due if self.slipping else None

    @property
    def stale(self) -> bool:
        return self.slipping is not None and self.slipping.stale


def action_row(action: dict[str, Any], status: UpdateRecord | None, as_at: date) -> ActionRow:
    """From an Action table row and its status as at `as_at` (None: no update yet)."""
    rag = status.rag if status else None
    slip = slipping(
        due=action["due"],
        recurring=action["recurring"],
        rag=rag,
        last_update=status.as_at if status else None,
        as_at=as_at,
    )
    return ActionRow(
        id=action["id"],
        ref=action["ref"],
        text=action["text"],
        input=action["input"],
        desired_outcome=action["desired_outcome"],
        lead=action["lead"],
        timeframe=action["timeframe"],
        due=action["due"],
        recurring=action["recurring"],
        rag=rag,
        progress=status.progress if status else None,
        status_as_at=status.as_at if status else None,
        days_overdue=slip.days_overdue,
        version=action.get("version", 1),
        slipping=slip,
    )
