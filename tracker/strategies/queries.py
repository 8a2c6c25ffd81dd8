"""Reading the strategies for their page: each with its days and how many plans it has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.tables import Strategy


@dataclass(frozen=True)
class StrategyRow:
    id: int
    name: str
    partnership: str
    period: str
    starts: date | None
    ends: date | None
    plans: int
    closed: bool


_ROWS = """
SELECT s.id, s.name, s.partnership, s.period, s.starts, s.ends, s.closed_at,
    (SELECT COUNT(*) FROM plan AS p WHERE p.strategy = s.id) AS plans
FROM strategy AS s ORDER BY s.starts, s.id
"""


async def strategy_rows() -> list[StrategyRow]:
    """Every strategy, oldest first (one query)."""
    return [
        StrategyRow(
            row["id"],
            row["name"],
            row["partnership"],
            row["period"],
            _day(row["starts"]),
            _day(row["ends"]),
            row["plans"],
            row["closed_at"] is not None,
        )
        for row in await Strategy.raw(_ROWS)
    ]


def _day(value: date | str | None) -> date | None:
    # Raw SQL on SQLite gives the day as text.
    return date.fromisoformat(value) if isinstance(value, str) else value
