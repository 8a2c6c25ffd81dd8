"""Returns as the pages show them: every plan's for a quarter, one plan's in full, a lead's own.

Each is a fixed handful of queries whatever the number of plans or actions;
the joining, counting and sorting are done in Python on the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.permissions import lead_parts
from tracker.core.tables import (
    Action,
    AssuranceRating,
    Plan,
    PlanReturn,
    ProformaMail,
    QuarterDeadline,
    Update,
)
from tracker.core.tables import ReturnStep as StepRow
from tracker.plans.model import ActionAsAt
from tracker.plans.overview import plan_order
from tracker.plans.queries import actions_as_at, in_force
from tracker.returns.rules import (
    ReturnState,
    chair_order,
    collecting,
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


_PLAN_COLUMNS = (
    Plan.id,
    Plan.name,
    Plan.kind,
    Plan.agency,
    Plan.agency.name.as_alias("agency_name"),
    Plan.agency.position.as_alias("agency_position"),
    Plan.strategy,
)


async def quarter_returns(
    quarter: Quarter, today: date, strategy_id: int | None = None
) -> QuarterReturns:
    """Every plan's return for the quarter (the plans of strategy `strategy_id`, if given):
    five queries, whatever the number of plans."""
    in_strategy = strategy_id is not None
    plans = await (
        Plan.select(*_PLAN_COLUMNS).where(Plan.strategy == strategy_id)
        if in_strategy
        else Plan.select(*_PLAN_COLUMNS)
    )
    rows = {
        row["plan"]: row
        for row in await PlanReturn.select().where(PlanReturn.quarter == quarter.slug)
    }
    deadline = await deadline_of(quarter, strategy_id)
    counts: dict[int, int] = defaultdict(int)
    leads: dict[int, set[str]] = defaultdict(set)
    # A return asks for the actions that count at its quarter's end (added by then, not
    # withdrawn).
    end = quarter.last_day
    every_action = Action.select(Action.plan, Action.lead, Action.withdrawn_on, Action.added_on)
    if in_strategy:
        every_action = every_action.where(Action.plan._.strategy == strategy_id)
    for action in await every_action:
        if (action["withdrawn_on"] is None or action["withdrawn_on"] > end) and (
            action["added_on"] is None or action["added_on"] <= end
        ):
            counts[action["plan"]] += 1
        leads[action["plan"]] |= lead_parts(action["lead"])
    updated: dict[int, set[int]] = defaultdict(set)
    in_quarter = await Update.select(Update.action, Update.action.plan.as_alias("plan")).where(
        (Update.as_at >= quarter.first_day)
        & (Update.as_at <= quarter.last_day)
        & (Update.action.withdrawn_on.is_null() | (Update.action.withdrawn_on > quarter.last_day))
        & (Update.action.added_on.is_null() | (Update.action.added_on <= quarter.last_day))
    )
    for update in in_quarter:
        updated[update["plan"]].add(update["action"])
    items = [
        summary(
            plan,
            rows.get(plan["id"]),
            deadline.day,
            today,
            counts[plan["id"]],
            len(updated[plan["id"]]),
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
class StepItem:
    state: ReturnState
    actor: str
    occurred_at: datetime
    comment: str | None
    on_behalf: bool


@dataclass(frozen=True)
class ReturnAction:
    action: ActionAsAt
    updated_in_quarter: bool
    assurance_rag: str | None
    assurance_reason: str | None


@dataclass(frozen=True)
class PlanReturnView:
    summary: ReturnSummary
    quarter: Quarter
    as_at: date  # the day the actions' figures describe: the quarter's end, or today
    deadline: Deadline
    comments: str | None  # the chair's, when last returned
    cover_note: str | None  # the lead's, when last submitted
    decided_by: str | None
    decided_at: datetime | None
    history: tuple[StepItem, ...]
    actions: tuple[ReturnAction, ...]

    @property
    def not_updated(self) -> int:
        return sum(1 for item in self.actions if not item.updated_in_quarter)


async def plan_return(plan_id: int, quarter: Quarter, today: date) -> PlanReturnView | None:
    """One plan's return: its state and history, and every action as at the quarter's end."""
    plan = await Plan.select(*_PLAN_COLUMNS).where(Plan.id == plan_id).first()
    if plan is None:
        return None
    row = (
        await PlanReturn.select()
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
    )
    steps = (
        await StepRow.select().where(StepRow.plan_return == row["id"]).order_by(StepRow.id)
        if row
        else []
    )
    deadline = await deadline_of(quarter, plan["strategy"])
    as_at = min(today, quarter.last_day)
    actions = await actions_as_at(
        as_at,
        in_force(quarter.last_day),
        plan_id=plan_id,
        order_by=(Action.objective.position, Action.position, Action.id),
    )
    ratings = {
        rating["action"]: rating
        for rating in await AssuranceRating.select(
            AssuranceRating.action, AssuranceRating.rag, AssuranceRating.reason
        ).where(
            (AssuranceRating.action.plan == plan_id) & (AssuranceRating.quarter == quarter.slug)
        )
    }
    items = []
    for action in actions:
        rating = ratings.get(action.id)
        items.append(
            ReturnAction(
                action,
                quarter.holds(action.status_as_at),
                rating["rag"] if rating else None,
                rating["reason"] if rating else None,
            )
        )
    leads = frozenset(part for action in actions for part in lead_parts(action.lead))
    updated = sum(1 for item in items if item.updated_in_quarter)
    return PlanReturnView(
        summary=summary(plan, row, deadline.day, today, len(items), updated, leads),
        quarter=quarter,
        as_at=as_at,
        deadline=deadline,
        comments=row["comments"] if row else None,
        cover_note=row["cover_note"] if row else None,
        decided_by=row["decided_by"] if row else None,
        decided_at=row["decided_at"] if row else None,
        history=tuple(
            StepItem(
                ReturnState(step["state"]),
                step["actor"],
                step["occurred_at"],
                step["comment"],
                bool(step["on_behalf"]),
            )
            for step in steps
        ),
        actions=tuple(items),
    )


@dataclass(frozen=True)
class MyReturn:
    plan_id: int
    plan: str
    state: ReturnState
    deadline: date
    days_overdue: int
    actions: int = 0
    updated: int = 0  # actions with an update dated in the quarter


@dataclass(frozen=True)
class SentBack:
    """A return of an earlier quarter sent back for changes, until it is resubmitted."""

    plan_id: int
    plan: str
    quarter: Quarter


@dataclass(frozen=True)
class MyReturns:
    quarter: Quarter
    returns: tuple[MyReturn, ...]
    sent_back: tuple[SentBack, ...] = ()  # of any quarter, this one's too

    @property
    def to_submit(self) -> tuple[MyReturn, ...]:
        """The quarter's returns not yet made (one sent back is counted among `sent_back`)."""
        return tuple(
            item
            for item in self.returns
            if item.state in (ReturnState.NOT_STARTED, ReturnState.DRAFT)
        )


# One query, as My actions is opened often: the lead's agencies' plans, each with its
# return for the quarter if started, the quarter's deadline if the business unit set
# one, and how many of its actions there are and were updated in the quarter; then the
# returns of their other quarters sent back for changes, which stay on My actions until
# resubmitted.
_MY_RETURNS = (
    "SELECT p.id AS plan_id, p.name AS plan, p.kind AS kind, a.position AS agency_position, "
    "r.state AS state, COALESCE(r.quarter, {}) AS quarter, "
    "(SELECT d.deadline FROM quarter_deadline d WHERE d.quarter = {}) AS deadline, "
    "(SELECT COUNT(*) FROM action x WHERE x.plan = p.id "
    "AND (x.withdrawn_on IS NULL OR x.withdrawn_on > {}) "
    "AND (x.added_on IS NULL OR x.added_on <= {})) AS actions, "
    "(SELECT COUNT(DISTINCT u.action) FROM action_update u JOIN action x ON x.id = u.action "
    "WHERE x.plan = p.id AND u.as_at >= {} AND u.as_at <= {} "
    "AND (x.withdrawn_on IS NULL OR x.withdrawn_on > {}) "
    "AND (x.added_on IS NULL OR x.added_on <= {})) AS updated "
    "FROM plan p JOIN agency a ON a.id = p.agency "
    "LEFT JOIN plan_return r ON r.plan = p.id AND r.quarter = {} "
    "WHERE p.agency IN ({agencies}){strategy} "
    "UNION ALL "
    "SELECT p.id, p.name, p.kind, a.position, r.state, r.quarter, NULL, 0, 0 "
    "FROM plan_return r JOIN plan p ON p.id = r.plan JOIN agency a ON a.id = p.agency "
    "WHERE r.state = {} AND r.quarter <> {} AND p.agency IN ({agencies}){strategy}"
)


def _day(value: date | str | None) -> date | None:
    """A date from a raw query: SQLite gives a subquery's date back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


async def my_returns(
    agency_ids: frozenset[int], today: date, strategy_id: int | None = None
) -> MyReturns:
    """For My actions: the returns of a lead's agencies' plans (in strategy `strategy_id`)
    for the quarter being collected."""
    quarter = collecting(today)
    if not agency_ids:
        return MyReturns(quarter, ())
    ids = sorted(agency_ids)
    agencies = ", ".join("{}" for _ in ids)
    strategy = (strategy_id,) if strategy_id is not None else ()
    slug = quarter.slug
    rows = await Plan.raw(
        _MY_RETURNS.format(
            *("{}",) * 11,
            agencies=agencies,
            strategy=" AND p.strategy = {}" if strategy_id is not None else "",
        ),
        slug,
        slug,
        quarter.last_day,
        quarter.last_day,
        quarter.first_day,
        quarter.last_day,
        quarter.last_day,
        quarter.last_day,
        slug,
        *ids,
        *strategy,
        ReturnState.RETURNED.value,
        slug,
        *ids,
        *strategy,
    )
    items, sent_back = [], []
    for row in sorted(
        rows,
        key=lambda row: (
            row["quarter"],
            plan_order(row["kind"], row["agency_position"], row["plan"]),
        ),
    ):
        if row["quarter"] != slug:
            sent_back.append(SentBack(row["plan_id"], row["plan"], Quarter.parse(row["quarter"])))
            continue
        updated = int(row["updated"] or 0)
        state = from_work_done(ReturnState(row["state"] or ReturnState.NOT_STARTED.value), updated)
        deadline = _day(row["deadline"]) or default_deadline(quarter)
        items.append(
            MyReturn(
                row["plan_id"],
                row["plan"],
                state,
                deadline,
                days_overdue(state, deadline, today),
                int(row["actions"] or 0),
                updated,
            )
        )
        if state is ReturnState.RETURNED:
            sent_back.append(SentBack(row["plan_id"], row["plan"], quarter))
    return MyReturns(quarter, tuple(items), tuple(sent_back))


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
