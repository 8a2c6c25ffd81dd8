"""Strategies to close and carry from, for the closing tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.core.dates import Quarter
from tracker.core.tables import Action, Plan, PlanReturn, Strategy, Update

NEXT = "Oxfordshire Neglect Strategy 2023-26"
AT = datetime(2023, 4, 20, 9, 0, tzinfo=UTC)


def first_strategy() -> dict:
    return Strategy.select().order_by(Strategy.id).first().run_sync()


def last_quarter() -> Quarter:
    return Quarter.of(first_strategy()["ends"])


def accept_last_quarter(strategy_id: int | None = None, *, leave_out: int = 0) -> list[str]:
    """Every plan's last-quarter return accepted but the last `leave_out` (their names)."""
    strategy = first_strategy() if strategy_id is None else {"id": strategy_id}
    plans = (
        Plan.select(Plan.id, Plan.name)
        .where(Plan.strategy == strategy["id"])
        .order_by(Plan.id)
        .run_sync()
    )
    kept = plans[: len(plans) - leave_out]
    slug = last_quarter().slug
    for plan in kept:
        PlanReturn.insert(
            PlanReturn(
                plan=plan["id"],
                quarter=slug,
                state="accepted",
                started_at=AT,
                accepted_at=AT,
                accepted_by="chair@example.org",
            )
        ).run_sync()
    return [plan["name"] for plan in plans[len(kept) :]]


def add_next_strategy(name: str = NEXT) -> int:
    made = (
        Strategy.insert(
            Strategy(
                name=name,
                partnership="Oxfordshire Safeguarding Children Partnership",
                period="2023-26",
                starts=date(2023, 4, 1),
                ends=date(2026, 3, 31),
            )
        )
        .returning(Strategy.id)
        .run_sync()
    )
    return made[0]["id"]


def close_first() -> None:
    Strategy.update({Strategy.closed_at: AT, Strategy.closed_by: "bu@example.org"}).where(
        Strategy.id == first_strategy()["id"]
    ).run_sync()


def actions_of(strategy_id: int) -> list[dict]:
    return (
        Action.select(Action.id, Action.ref, Action.text, Action.plan, Action.carried_from)
        .where(Action.plan.strategy == strategy_id)
        .order_by(Action.id)
        .run_sync()
    )


def rate(action_id: int, rag: str, day: date = date(2022, 12, 31)) -> None:
    Update.insert(
        Update(
            action=action_id,
            rag=rag,
            progress=f"{rag} on {day}",
            as_at=day,
            recorded_at=AT,
            recorded_by="bu@example.org",
            source="web",
        )
    ).run_sync()
