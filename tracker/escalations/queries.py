"""Escalations as the pages list them: open ones by body, resolved ones after. One query each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.frozen import Frozen, Given
from tracker.core.strategy_period import under_review
from tracker.core.tables import Action, Escalation
from tracker.escalations.rules import BODIES, body_label


@dataclass(frozen=True)
class EscalationItem:
    id: int
    action_id: int | None
    action_ref: str | None
    action_text: str | None
    plan_id: int | None
    plan: str | None
    issue: str
    escalated_to: str
    rationale: str
    raised_by: str
    raised_at: datetime
    resolution: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    quarter: Quarter  # the quarter under review it was raised for

    @property
    def body(self) -> str:
        return body_label(self.escalated_to)

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def title(self) -> str:
        """The issue line; for an action escalated without one, the action itself."""
        if self.issue:
            return self.issue
        return f"Action {self.action_ref}: {self.action_text}"


@dataclass(frozen=True)
class BodyGroup:
    value: str
    label: str
    items: tuple[EscalationItem, ...]


@dataclass(frozen=True)
class EscalationList:
    to: str | None  # a body's value, or None for both
    open_by_body: tuple[BodyGroup, ...]
    resolved: tuple[EscalationItem, ...]
    open_count: int  # every open escalation, whatever the filter

    @property
    def shown_open(self) -> int:
        return sum(len(group.items) for group in self.open_by_body)


def to_from(text: str | None) -> str | None:
    return text if text in BODIES else None


_COLUMNS = (
    *Escalation.all_columns(),
    Escalation.action.ref.as_alias("action_ref"),
    Escalation.action.text.as_alias("action_text"),
    Escalation.action._.plan._.id.as_alias("plan_id"),
    Escalation.action._.plan._.name.as_alias("plan"),
)


def escalation_item(row: dict[str, Any]) -> EscalationItem:
    return EscalationItem(
        id=row["id"],
        action_id=row["action"],
        action_ref=row["action_ref"],
        action_text=row["action_text"],
        plan_id=row["plan_id"],
        plan=row["plan"],
        issue=row["issue"],
        escalated_to=row["escalated_to"],
        rationale=row["rationale"],
        raised_by=row["raised_by"],
        raised_at=row["raised_at"],
        resolution=row["resolution"],
        resolved_by=row["resolved_by"],
        resolved_at=row["resolved_at"],
        quarter=under_review(row.get("quarter"), row["raised_at"]),
    )


def grouped(items: Iterable[EscalationItem], to: str | None) -> EscalationList:
    everything = tuple(items)
    open_items = sorted((item for item in everything if not item.resolved), key=lambda i: i.id)
    groups = tuple(
        BodyGroup(value, label, tuple(item for item in open_items if item.escalated_to == value))
        for value, label in BODIES.items()
        if to in (None, value)
    )
    resolved = tuple(
        sorted(
            (item for item in everything if item.resolved and to in (None, item.escalated_to)),
            key=lambda i: i.id,
            reverse=True,
        )
    )
    return EscalationList(to, groups, resolved, len(open_items))


async def escalation_list(to: str | None, strategy_id: int | None = None) -> EscalationList:
    """The escalations about strategy `strategy_id`'s actions, and the free-standing issues
    raised in it; every one with None."""
    query = Escalation.select(*_COLUMNS)
    if strategy_id is not None:
        query = query.where(
            (Escalation.action.is_null() & (Escalation.strategy == strategy_id))
            | Escalation.action.is_in(
                Action.select(Action.id).where(Action.plan._.strategy == strategy_id)
            )
        )
    return grouped((escalation_item(row) for row in await query), to)


async def escalation(escalation_id: int) -> EscalationItem | None:
    row = await Escalation.select(*_COLUMNS).where(Escalation.id == escalation_id).first()
    return escalation_item(row) if row else None


# Every action's page reads it: its SQL made once (tracker.core.frozen).
_OF_ACTION = Frozen(lambda: Escalation.select(*_COLUMNS).where(Escalation.action == Given("id")))


async def action_escalations(action_id: int) -> tuple[EscalationItem, ...]:
    rows = await _OF_ACTION.rows(id=action_id)
    items = [escalation_item(row) for row in rows]
    return tuple(sorted(items, key=lambda item: (item.resolved, -item.id)))
