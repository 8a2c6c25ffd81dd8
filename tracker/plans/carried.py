"""An action carried over from an earlier strategy: its predecessors and their updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.frozen import Frozen, Given
from tracker.core.tables import Action, Plan, Update


@dataclass(frozen=True)
class PastUpdate:
    as_at: date
    rag: str | None
    progress: str | None


@dataclass(frozen=True)
class Predecessor:
    id: int
    ref: str
    strategy: str
    plan: str
    updates: tuple[PastUpdate, ...]  # newest first


@dataclass(frozen=True)
class Successor:
    id: int
    ref: str
    strategy: str


@dataclass(frozen=True)
class Lineage:
    """Whether the action's strategy is closed, the actions it carries on (nearest first),
    and the action that carries it on in a later strategy, if any."""

    closed: bool
    predecessors: tuple[Predecessor, ...]
    successor: Successor | None = None
    strategy: str = ""  # the name of the strategy it is part of


_MOST = 20  # a chain longer than this is not a real strategy history


# Built once: Piccolo copies every column of a joined table each time a join is named
# (about 0.1 ms a column here), and every action's page asks.
_LINEAGE_COLUMNS = (
    Action.carried_from,
    Action.plan._.strategy._.closed_at.as_alias("closed_at"),
    Action.plan._.strategy._.name.as_alias("strategy"),
)
_BEFORE_COLUMNS = (
    Action.id,
    Action.ref,
    Action.carried_from,
    Action.plan.name.as_alias("plan"),
    Action.plan._.strategy._.name.as_alias("strategy"),
)


# Every action's page reads these: their SQL made once (tracker.core.frozen).
_ITS_STRATEGY = Frozen(
    lambda: Action.select(*_LINEAGE_COLUMNS).where(Action.id == Given("id")).limit(1)
)
_BEFORE = Frozen(lambda: Action.select(*_BEFORE_COLUMNS).where(Action.id == Given("id")).limit(1))
_AFTER = Frozen(
    lambda: (
        Action.select(Action.id, Action.ref, Action.plan._.strategy._.name.as_alias("strategy"))
        .where(Action.carried_from == Given("id"))
        .limit(1)
    )
)


async def lineage(action_id: int) -> Lineage:
    row = await _ITS_STRATEGY.first(id=action_id)
    if row is None:
        return Lineage(False, ())
    found: list[Predecessor] = []
    previous = row["carried_from"]
    while previous is not None and len(found) < _MOST:
        before = await _BEFORE.first(id=previous)
        if before is None:
            break
        updates = (
            await Update.select(Update.as_at, Update.rag, Update.progress)
            .where(Update.action == before["id"])
            .order_by(Update.as_at, ascending=False)
            .order_by(Update.recorded_at, ascending=False)
        )
        found.append(
            Predecessor(
                before["id"],
                before["ref"],
                before["strategy"],
                before["plan"],
                tuple(PastUpdate(u["as_at"], u["rag"], u["progress"]) for u in updates),
            )
        )
        previous = before["carried_from"]
    after = await _AFTER.first(id=action_id)
    successor = Successor(after["id"], after["ref"], after["strategy"]) if after else None
    return Lineage(row["closed_at"] is not None, tuple(found), successor, row["strategy"])


async def plan_closed(plan_id: int) -> bool:
    """The plan's strategy is closed: its page shows no forms."""
    return (await plan_strategy(plan_id))[1]


async def plan_strategy(plan_id: int) -> tuple[str, bool]:
    """The name of the plan's strategy, and whether it is closed (its page shows no forms)."""
    row = (
        await Plan.select(
            Plan.strategy.name.as_alias("name"), Plan.strategy.closed_at.as_alias("closed_at")
        )
        .where(Plan.id == plan_id)
        .first()
    )
    if row is None:
        return "", False
    return row["name"], row["closed_at"] is not None


async def action_closed(action_id: int | None) -> bool:
    """The action's strategy is closed: what is said about it can no longer change."""
    if action_id is None:
        return False
    row = (
        await Action.select(Action.plan._.strategy._.closed_at.as_alias("closed_at"))
        .where(Action.id == action_id)
        .first()
    )
    return row is not None and row["closed_at"] is not None
