"""A strategy's period, for the quarter pickers and the quarter under review.

Pages take the chosen strategy's period from tracker.core.chosen (`chosen_period`); these
read it where no request chooses: the strategy an action belongs to, or the current one.
"""

from __future__ import annotations

from tracker.core.chosen import current_strategy
from tracker.core.strategy_period import StrategyPeriod
from tracker.core.tables import Action, Strategy


async def strategy_period(strategy_id: int | None = None) -> StrategyPeriod:
    """That strategy's days; with none named, the current one's (by date). Unknown (both
    None) before any strategy is loaded."""
    if strategy_id is None:
        current = await current_strategy()
        return current.period if current else StrategyPeriod()
    row = (
        await Strategy.select(Strategy.starts, Strategy.ends)
        .where(Strategy.id == strategy_id)
        .first()
    )
    return StrategyPeriod(row["starts"], row["ends"]) if row else StrategyPeriod()


async def action_period(action_id: int) -> StrategyPeriod:
    """The period of the strategy `action_id`'s plan belongs to."""
    row = (
        await Action.select(
            Action.plan._.strategy._.starts.as_alias("starts"),
            Action.plan._.strategy._.ends.as_alias("ends"),
        )
        .where(Action.id == action_id)
        .first()
    )
    return StrategyPeriod(row["starts"], row["ends"]) if row else await strategy_period()
