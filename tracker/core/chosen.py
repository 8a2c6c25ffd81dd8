"""The strategy a request works on.

Every page, download, return, report and API route works on one strategy: the
one the browser chose in the header's switcher, else the current one (found by
date). Handlers ask `chosen_strategy(request)` and pass its id to their reads
and writes; no read picks "the first strategy".
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Request

from tracker.core.strategy_period import StrategyPeriod
from tracker.core.tables import Strategy


@dataclass(frozen=True)
class ChosenStrategy:
    id: int
    name: str
    partnership: str
    period: StrategyPeriod
    closed: bool  # read only once closed


async def chosen_strategy(request: Request) -> ChosenStrategy | None:  # type: ignore[type-arg]
    """The strategy `request` works on; None before any strategy is loaded.

    (Interim: the first strategy. Issue 20 makes it the switcher's choice or the current one.)
    """
    del request
    row = await Strategy.select().order_by(Strategy.id).first()
    if row is None:
        return None
    return ChosenStrategy(
        row["id"],
        row["name"],
        row["partnership"],
        StrategyPeriod(row["starts"], row["ends"]),
        row["closed_at"] is not None,
    )
