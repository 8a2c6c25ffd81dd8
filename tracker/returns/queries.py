"""Every plan's return for a quarter, as the chairs' quarter page shows them, and the
proformas e-mailed for it.

The summary row built here (`ReturnSummary`, with the quarter's `Deadline`) also tops
one plan's return (tracker.returns.return_view). Each read is a fixed handful of
queries whatever the number of plans or actions; the joining, counting and sorting are
done in Python on the rows.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.kept_counts import counted_rows
from tracker.core.permissions import lead_parts
from tracker.core.tables import Plan, PlanReturn, ProformaMail, QuarterDeadline
from tracker.plans.overview import plan_order
from tracker.returns.rules import (
    ReturnState,
    chair_order,
    days_overdue,
    default_deadline,
    from_work_done,
)


@dataclass(frozen=True)
class Deadline:
    day: date
    is_default: bool
    set_by: str | None = None
    set_at: datetime | None = None


@dataclass(frozen=True)
class ReturnSummary:
    """One plan's return for the quarter, as a row of the chairs' quarter page."""

    plan_id: int
    plan: str
    kind: str
    agency_id: int | None
    agency: str | None
    state: ReturnState
    version: int  # 0: no return yet
    deadline: date
    days_overdue: int
    submitted_at: datetime | None
    submitted_by: str | None
    on_behalf: bool
    accepted_at: datetime | None
    accepted_by: str | None
    actions: int
    updated: int  # actions with an update dated in the quarter
    leads: frozenset[str] = frozenset()  # the titles the plan's actions' leads name


@dataclass(frozen=True)
class QuarterReturns:
    quarter: Quarter
    today: date
    deadline: Deadline
    returns: tuple[ReturnSummary, ...]

    @property
    def counts(self) -> dict[ReturnState, int]:
        return {
            state: sum(1 for item in self.returns if item.state is state) for state in ReturnState
        }

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.returns if item.days_overdue)


async def deadline_of(quarter: Quarter, strategy_id: int | None) -> Deadline:
    """The quarter's deadline in strategy `strategy_id`."""
    row = (
        await QuarterDeadline.select()
        .where(
            (QuarterDeadline.quarter == quarter.slug) & (QuarterDeadline.strategy == strategy_id)
        )
        .first()
    )
    if row is None:
        return Deadline(default_deadline(quarter), True)
    return Deadline(
        row["deadline"], row["deadline"] == default_deadline(quarter), row["set_by"], row["set_at"]
    )


def summary(
    plan: dict[str, Any],
    row: dict[str, Any] | None,
    deadline: date,
    today: date,
    actions: int,
    updated: int,
    leads: frozenset[str] = frozenset(),
) -> ReturnSummary:
    state = from_work_done(ReturnState(row["state"]) if row else ReturnState.NOT_STARTED, updated)
    return ReturnSummary(
        plan_id=plan["id"],
        plan=plan["name"],
        kind=plan["kind"],
        agency_id=plan["agency"],
        agency=plan["agency_name"],
        state=state,
        version=row["version"] if row else 0,
        deadline=deadline,
        days_overdue=days_overdue(state, deadline, today),
        submitted_at=row["submitted_at"] if row else None,
        submitted_by=row["submitted_by"] if row else None,
        on_behalf=bool(row["on_behalf"]) if row else False,
        accepted_at=row["accepted_at"] if row else None,
        accepted_by=row["accepted_by"] if row else None,
        actions=actions,
        updated=updated,
        leads=leads,
    )


def in_order(items: list[ReturnSummary], positions: dict[int, tuple]) -> tuple[ReturnSummary, ...]:
    """Overdue first (most overdue at the top), then awaiting a chair, then the rest;
    within each, the plans' usual order."""
    return tuple(
        sorted(
            items,
            key=lambda item: (chair_order(item.state, item.days_overdue), positions[item.plan_id]),
        )
    )


PLAN_COLUMNS = (
    Plan.id,
    Plan.name,
    Plan.kind,
    Plan.agency,
    Plan.agency.name.as_alias("agency_name"),
    Plan.agency.position.as_alias("agency_position"),
    Plan.strategy,
)


# A return asks for the actions that count at its quarter's end: added by then, not
# withdrawn by then. Each query in two forms: over every plan, or one strategy's.
_COUNTS_AT_END = (
    "(a.withdrawn_on IS NULL OR a.withdrawn_on > {}) AND (a.added_on IS NULL OR a.added_on <= {})"
)
_IN_STRATEGY = " AND a.plan IN (SELECT id FROM plan WHERE strategy = {})"
# Constant text; the days and the strategy are parameters.
_BY_LEAD = (
    "SELECT a.plan AS plan, a.lead AS lead, "  # noqa: S608
    f"SUM(CASE WHEN {_COUNTS_AT_END} THEN 1 ELSE 0 END) AS counted, {{seen}} "
    "FROM action AS a WHERE 1 = 1{strategy} GROUP BY a.plan, a.lead"
)
_UPDATED = (
    "SELECT a.plan AS plan, COUNT(DISTINCT a.id) AS updated, {seen} "  # noqa: S608
    "FROM action AS a "
    "JOIN action_update AS u ON u.action = a.id "
    f"WHERE u.as_at >= {{}} AND u.as_at <= {{}} AND {_COUNTS_AT_END}{{strategy}} "
    "GROUP BY a.plan"
)


# The kinds of counts tracker.core.kept_counts keeps, as at a quarter's last day.
BY_LEAD = "returns: actions by lead"
UPDATED = "returns: actions updated"


def _for(sql: str, strategy_id: int | None) -> tuple[str, list[Any]]:
    if strategy_id is None:
        return sql.replace("{strategy}", ""), []
    return sql.replace("{strategy}", _IN_STRATEGY), [strategy_id]


async def _actions_by_lead(quarter: Quarter, strategy_id: int | None) -> list[dict[str, Any]]:
    """Each plan's lead titles, with how many of its actions count at the quarter's end:
    one row a plan and lead, not one an action."""

    async def counting() -> tuple[str, list[Any]]:
        sql, values = _for(_BY_LEAD, strategy_id)
        return sql, [quarter.last_day, quarter.last_day, *values]

    return await counted_rows(BY_LEAD, strategy_id, quarter.last_day, counting)


async def _updated_by_plan(quarter: Quarter, strategy_id: int | None) -> list[dict[str, Any]]:
    """How many of each plan's actions that count at the quarter's end have an update
    dated in the quarter."""

    async def counting() -> tuple[str, list[Any]]:
        sql, values = _for(_UPDATED, strategy_id)
        end = quarter.last_day
        return sql, [quarter.first_day, end, end, end, *values]

    return await counted_rows(UPDATED, strategy_id, quarter.last_day, counting)


async def quarter_returns(
    quarter: Quarter, today: date, strategy_id: int | None = None
) -> QuarterReturns:
    """Every plan's return for the quarter (the plans of strategy `strategy_id`, if given):
    five queries side by side, whatever the number of plans."""
    in_strategy = strategy_id is not None
    # Five independent reads at once, each on a connection of its own.
    plans, returned, deadline, by_lead, updated_rows = await asyncio.gather(
        Plan.select(*PLAN_COLUMNS).where(Plan.strategy == strategy_id)
        if in_strategy
        else Plan.select(*PLAN_COLUMNS),
        PlanReturn.select().where(PlanReturn.quarter == quarter.slug),
        deadline_of(quarter, strategy_id),
        _actions_by_lead(quarter, strategy_id),
        _updated_by_plan(quarter, strategy_id),
    )
    rows = {row["plan"]: row for row in returned}
    counts: dict[int, int] = defaultdict(int)
    leads: dict[int, set[str]] = defaultdict(set)
    parts_of: dict[str | None, frozenset[str]] = {}
    for row in by_lead:
        counts[row["plan"]] += int(row["counted"] or 0)
        lead = row["lead"]
        if lead not in parts_of:
            parts_of[lead] = lead_parts(lead)
        leads[row["plan"]] |= parts_of[lead]
    updated = {row["plan"]: int(row["updated"]) for row in updated_rows}
    items = [
        summary(
            plan,
            rows.get(plan["id"]),
            deadline.day,
            today,
            counts[plan["id"]],
            updated.get(plan["id"], 0),
            frozenset(leads[plan["id"]]),
        )
        for plan in plans
    ]
    positions = {
        plan["id"]: plan_order(plan["kind"], plan["agency_position"], plan["name"])
        for plan in plans
    }
    return QuarterReturns(quarter, today, deadline, in_order(items, positions))


@dataclass(frozen=True)
class ProformaMailed:
    plan: str
    recipient: str  # an e-mail: shown by name
    status: str  # sending, sent, failed (tracker.proformas.rules)
    error: str | None
    tried_at: datetime
    sent_at: datetime | None


async def proformas_mailed(quarter: Quarter) -> list[ProformaMailed]:
    """The proformas e-mailed for the quarter (tracker.proformas.mailing), by plan."""
    rows = await ProformaMail.select(
        ProformaMail.plan,
        ProformaMail.recipient,
        ProformaMail.status,
        ProformaMail.error,
        ProformaMail.tried_at,
        ProformaMail.sent_at,
    ).where(ProformaMail.quarter == quarter.slug)
    if not rows:
        return []
    names = {
        row["id"]: row["name"]
        for row in await Plan.select(Plan.id, Plan.name).where(
            Plan.id.is_in(sorted({row["plan"] for row in rows}))
        )
    }
    found = [
        ProformaMailed(
            names.get(row["plan"], f"Plan {row['plan']}"),
            row["recipient"],
            row["status"],
            row["error"],
            row["tried_at"],
            row["sent_at"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda mailed: (mailed.plan, mailed.recipient))
