"""The core components a strategy offers: the shared ones (Appendix 2's 12) and its own.

Everywhere components are listed or chosen asks this, with the chosen strategy (or, for an
action, its plan's strategy); with no strategy, every component."""

from __future__ import annotations

from typing import Any

from tracker.core.frozen import Frozen, Given
from tracker.core.tables import CoreComponent


def offered_by(strategy_id: int | Given | None) -> Any:
    """The `where` keeping a CoreComponent query to what strategy `strategy_id` offers;
    None with no strategy (every component)."""
    if strategy_id is None:
        return None
    return CoreComponent.strategy.is_null() | (CoreComponent.strategy == strategy_id)


def _components() -> Any:
    return CoreComponent.select(
        CoreComponent.id,
        CoreComponent.number,
        CoreComponent.text,
        CoreComponent.theme,
        CoreComponent.strategy,
    ).order_by(CoreComponent.number)


# Made once (tracker.core.frozen): a page listing components asks on every view.
_EVERY = Frozen(_components)
_OFFERED = Frozen(lambda: _components().where(offered_by(Given("strategy"))))


async def components_of(strategy_id: int | None) -> list[dict[str, Any]]:
    """The components strategy `strategy_id` offers, in number order: id, number, text,
    theme and strategy (None: shared)."""
    if strategy_id is None:
        return await _EVERY.rows()
    return await _OFFERED.rows(strategy=strategy_id)
