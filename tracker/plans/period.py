"""The loaded strategy's period, for the quarter pickers and the quarter under review."""

from __future__ import annotations

from tracker.core.strategy_period import StrategyPeriod
from tracker.core.tables import Strategy


async def strategy_period() -> StrategyPeriod:
    """The first strategy's days; unknown (both None) before one is loaded."""
    row = await Strategy.select(Strategy.starts, Strategy.ends).order_by(Strategy.id).first()
    if row is None:
        return StrategyPeriod()
    return StrategyPeriod(row["starts"], row["ends"])
