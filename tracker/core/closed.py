"""A closed strategy is read only: every write that touches one of its plans asks here first.

Call `refuse_if_closed` inside the write's transaction, with whichever of the
ids the write has; it raises a Conflict naming the strategy when that
strategy is closed, so nothing is written.
"""

from __future__ import annotations

from tracker.core.dates import Quarter
from tracker.core.refusals import Conflict
from tracker.core.tables import Action, Plan, Strategy


class StrategyClosed(Conflict):
    """The strategy was closed: its plans, actions, returns and reports no longer change."""


async def refuse_if_closed(
    *, strategy_id: int | None = None, plan_id: int | None = None, action_id: int | None = None
) -> None:
    if action_id is not None and plan_id is None:
        row = await Action.select(Action.plan).where(Action.id == action_id).first()
        plan_id = row["plan"] if row else None
    if plan_id is not None and strategy_id is None:
        row = await Plan.select(Plan.strategy).where(Plan.id == plan_id).first()
        strategy_id = row["strategy"] if row else None
    if strategy_id is None:
        return
    row = await (
        Strategy.select(Strategy.name, Strategy.closed_at).where(Strategy.id == strategy_id).first()
    )
    if row is not None and row["closed_at"] is not None:
        raise StrategyClosed(
            f"{row['name']} is closed, so it is read only: nothing was changed. "
            "Choose the current strategy in the header to work on its plans."
        )


async def refuse_if_quarter_closed(quarter: Quarter) -> None:
    """For writes kept by quarter (deadlines, key messages, front sheets, published reports,
    proformas mailed): a Conflict when the quarter is a closed strategy's and no open
    strategy's."""
    rows = await Strategy.select(Strategy.name, Strategy.starts, Strategy.ends, Strategy.closed_at)
    holding = [
        row
        for row in rows
        if row["starts"] is not None
        and row["ends"] is not None
        and row["starts"] <= quarter.last_day
        and quarter.first_day <= row["ends"]
    ]
    closed = [row for row in holding if row["closed_at"] is not None]
    if closed and len(closed) == len(holding):
        raise StrategyClosed(
            f"{quarter.label} belongs to {closed[0]['name']}, which is closed, so it is read "
            "only: nothing was changed."
        )
