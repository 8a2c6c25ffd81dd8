"""A lead's own returns, for My actions: their agencies' plans' returns for the quarter
being collected, and any of an earlier quarter sent back for changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.dates import Quarter
from tracker.core.tables import Plan
from tracker.plans.overview import plan_order
from tracker.returns.rules import (
    ReturnState,
    collecting,
    days_overdue,
    default_deadline,
    from_work_done,
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
