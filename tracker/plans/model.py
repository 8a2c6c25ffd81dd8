"""One action as at a day: the one model the pages, the API, the downloads and the reports use.

Built by tracker.plans.queries (in a fixed number of queries) from an Action row
and the update that stood on the day. Pure: no database here.

A feature that needs more about each action extends it rather than copying it:
the review's PortfolioAction (open challenges, core components, assurance), the
services' ActionState (the whole latest update) and the report's ReportAction
(movement since the previous quarter).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from tracker.core.permissions import ActionScope
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.slipping import Slipping, slipping
from tracker.plans.status import UpdateRecord


@dataclass(frozen=True, kw_only=True)
class ActionAsAt:
    id: int
    version: int
    # Where it sits.
    plan_id: int
    plan: str  # the plan's name
    plan_kind: str  # overarching, agency or additional
    agency_id: int | None
    agency: str | None  # the plan's agency's name; None for the overarching plan
    objective_id: int
    objective_ref: str
    objective_text: str
    # Its own fields: tracker.plans.fields names them, in this order.
    ref: str
    text: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None  # quarterly, ongoing, or None
    # Its status as at `as_at`: the latest update dated on or before it.
    as_at: date
    rag: str | None  # red, amber, green, blue (complete), or None: not rated yet
    progress: str | None
    status_as_at: date | None  # the day that update describes; None: never updated
    slipping: Slipping
    # Withdrawn by the group from this day (None: never); tracker.plan_changes withdraws it.
    withdrawn_on: date | None = None
    withdrawn_reason: str | None = None
    withdrawn_by: str | None = None

    @property
    def withdrawn(self) -> bool:
        """Withdrawn as at `as_at`: out of counts, overdue lists and returns from its day on."""
        return self.withdrawn_by_day(self.as_at)

    def withdrawn_by_day(self, day: date) -> bool:
        """The withdrawal rule: withdrawn on or before `day`, so not counted on it."""
        return self.withdrawn_on is not None and self.withdrawn_on <= day

    @property
    def overdue(self) -> bool:
        return self.slipping.overdue

    @property
    def days_overdue(self) -> int:
        return self.slipping.days_overdue

    @property
    def due_soon(self) -> bool:
        return self.slipping.due_soon

    @property
    def days_to_due(self) -> int | None:
        return self.slipping.days_to_due

    @property
    def stale(self) -> bool:
        return self.slipping.stale

    @property
    def scope(self) -> ActionScope:
        """What decides who may update it (tracker.core.permissions)."""
        return ActionScope(self.agency_id, self.lead)

    @property
    def details(self) -> dict[str, Any]:
        """The editable fields' values, by name: what an edit is compared with."""
        return {field.name: getattr(self, field.name) for field in ACTION_FIELDS.editable}


_BASE = tuple(field.name for field in fields(ActionAsAt))


def as_at_values(row: dict[str, Any], status: UpdateRecord | None, as_at: date) -> dict[str, Any]:
    """ActionAsAt's values from a row of tracker.plans.queries.ACTION_COLUMNS and the
    update standing on `as_at` (None: none yet), for it or a class that extends it."""
    rag = status.rag if status else None
    last_update = status.as_at if status else None
    return {
        "id": row["id"],
        "version": row["version"],
        "plan_id": row["plan_id"],
        "plan": row["plan"],
        "plan_kind": row["plan_kind"],
        "agency_id": row["agency_id"],
        "agency": row["agency"],
        "objective_id": row["objective_id"],
        "objective_ref": row["objective_ref"],
        "objective_text": row["objective_text"],
        **{field.name: row[field.name] for field in ACTION_FIELDS},
        "as_at": as_at,
        "rag": rag,
        "progress": status.progress if status else None,
        "status_as_at": last_update,
        "withdrawn_on": row.get("withdrawn_on"),
        "withdrawn_reason": row.get("withdrawn_reason"),
        "withdrawn_by": row.get("withdrawn_by"),
        "slipping": slipping(
            due=row["due"],
            recurring=row["recurring"],
            rag=rag,
            last_update=last_update,
            as_at=as_at,
        ),
    }


def action_as_at(row: dict[str, Any], status: UpdateRecord | None, as_at: date) -> ActionAsAt:
    return ActionAsAt(**as_at_values(row, status, as_at))


def values_of(action: ActionAsAt) -> dict[str, Any]:
    """An ActionAsAt's own values, to extend it: ReportAction(**values_of(action), ...)."""
    return {name: getattr(action, name) for name in _BASE}
