"""The strategy a request works on.

Every page, download, return, report and API route works on one strategy: the
one the browser chose in the header's switcher, else the current one (found by
date: tracker.core.strategy_period.current_strategy). A program using the API
chooses with the `strategy` query parameter (a strategy's id). Handlers ask
`chosen_strategy(request)` and pass its id to their reads and writes; no read
picks "the first strategy".

The strategies are read once a request (kept in `request.state`), so the header's
switcher and the handler share the one query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.core import clock
from tracker.core.parsing import parsed
from tracker.core.strategy_period import StrategyDays, StrategyPeriod, chosen_or_current
from tracker.core.tables import Strategy
from tracker.core.web.paths import API_PREFIX

if TYPE_CHECKING:  # not loaded to run: `tracker import` and the like never load Litestar
    from litestar import Request

STRATEGY_PARAMETER = "strategy"  # the API's query parameter: a strategy's id
_STATE_KEY = "strategies"
_READ_KEY = "every strategy"  # read with the session (tracker.accounts.sessions), if it was


@dataclass(frozen=True)
class ChosenStrategy:
    id: int
    name: str
    partnership: str
    period: StrategyPeriod
    closed: bool  # read only once closed

    @property
    def label(self) -> str:
        """How the switcher names it: a closed one says it is read only."""
        return f"{self.name} (closed, read only)" if self.closed else self.name


@dataclass(frozen=True)
class Strategies:
    """Every strategy, oldest first, and the one this request works on."""

    every: tuple[ChosenStrategy, ...]
    chosen: ChosenStrategy | None

    @property
    def several(self) -> bool:
        return len(self.every) > 1


def _strategy(row: dict) -> ChosenStrategy:
    return ChosenStrategy(
        row["id"],
        row["name"],
        row["partnership"],
        StrategyPeriod(row["starts"], row["ends"]),
        row["closed_at"] is not None,
    )


def every_strategy_column(postgres: bool) -> str:
    """A column giving every strategy as JSON, for a query that reads other things too
    (tracker.accounts.sessions reads them with the session: a query less on every page)."""
    if postgres:
        return (
            "(SELECT json_agg(json_build_array(id, name, partnership, starts, ends,"
            " closed_at IS NOT NULL)) FROM strategy)"
        )
    return (
        "(SELECT json_group_array(json_array(id, name, partnership, starts, ends,"
        " closed_at IS NOT NULL)) FROM strategy)"
    )


def strategies_in(column: Any, postgres: bool) -> tuple[ChosenStrategy, ...]:
    """every_strategy_column's value as every_strategy gives it: oldest first (one with no
    first day where each database's ORDER BY puts NULL: last on PostgreSQL, else first)."""
    rows = json.loads(column) if isinstance(column, str) else column or []
    found = [
        ChosenStrategy(
            int(id_),
            name,
            partnership,
            StrategyPeriod(_day(starts), _day(ends)),
            bool(closed),
        )
        for id_, name, partnership, starts, ends, closed in rows
    ]
    found.sort(
        key=lambda s: (
            (s.period.starts is None) == postgres,
            s.period.starts or date.min,
            s.id,
        )
    )
    return tuple(found)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def read_with_session(state: Any, every: tuple[ChosenStrategy, ...]) -> None:
    """Every strategy as read with the session, for `strategies` to use in this request."""
    state[_READ_KEY] = every


async def every_strategy() -> tuple[ChosenStrategy, ...]:
    rows = await Strategy.select(
        Strategy.id,
        Strategy.name,
        Strategy.partnership,
        Strategy.starts,
        Strategy.ends,
        Strategy.closed_at,
    ).order_by(Strategy.starts, Strategy.id)
    return tuple(_strategy(row) for row in rows)


def pick(
    every: tuple[ChosenStrategy, ...], wanted: int | None, today: date
) -> ChosenStrategy | None:
    days = [StrategyDays(s.id, s.period.starts, s.period.ends) for s in every]
    found = chosen_or_current(days, wanted, today)
    return next((s for s in every if s.id == found), None)


def wanted_by(request: Request) -> int | None:  # type: ignore[type-arg]
    """The strategy the request asks for: the API's `strategy` parameter, else the
    browser's choice in the switcher (a browser reading the API reads what it chose)."""
    person = request.scope.get("user")
    chosen_here = getattr(person, "strategy", None)  # None for an API token
    if request.url.path.startswith(API_PREFIX):
        asked = parsed(int, request.query_params.get(STRATEGY_PARAMETER) or "")
        return asked if asked is not None else chosen_here
    return chosen_here


async def strategies(request: Request) -> Strategies:  # type: ignore[type-arg]
    """Every strategy and the chosen one, read once a request."""
    known = request.state.get(_STATE_KEY)
    if isinstance(known, Strategies):
        return known
    read = request.state.get(_READ_KEY)
    every = read if isinstance(read, tuple) else await every_strategy()
    found = Strategies(every, pick(every, wanted_by(request), clock.today()))
    request.state[_STATE_KEY] = found
    return found


async def chosen_strategy(request: Request) -> ChosenStrategy | None:  # type: ignore[type-arg]
    """The strategy `request` works on; None before any strategy is loaded."""
    return (await strategies(request)).chosen


async def current_strategy() -> ChosenStrategy | None:
    """The current strategy by date, where no request chooses (the command line)."""
    return pick(await every_strategy(), None, clock.today())


async def strategy_named(given: str) -> ChosenStrategy | None:
    """The strategy whose id or exact name is `given` (the command line's --strategy)."""
    every = await every_strategy()
    number = parsed(int, given.strip())
    return next(
        (s for s in every if s.name == given or (number is not None and s.id == number)), None
    )


async def chosen_period(request: Request) -> StrategyPeriod:  # type: ignore[type-arg]
    """The chosen strategy's days, for a quarter picker; unknown with no strategy loaded."""
    chosen = await chosen_strategy(request)
    return chosen.period if chosen else StrategyPeriod()


async def chosen_id(request: Request) -> int | None:  # type: ignore[type-arg]
    """The chosen strategy's id, for reads that keep to its plans; None with none loaded."""
    chosen = await chosen_strategy(request)
    return chosen.id if chosen else None


async def chosen_closed(request: Request) -> bool:  # type: ignore[type-arg]
    """Whether the chosen strategy is closed: its strategy-wide pages are read only."""
    chosen = await chosen_strategy(request)
    return chosen is not None and chosen.closed
