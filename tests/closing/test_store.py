"""Closing a strategy and carrying its open actions: all or nothing, audited, once."""

import asyncio
import threading

import pytest

from tests.closing.support import (
    accept_last_quarter,
    actions_of,
    add_next_strategy,
    close_first,
    first_strategy,
    rate,
)
from tracker.closing.queries import closing_actions, strategy_by_id
from tracker.closing.rules import Outcome
from tracker.closing.store import NotCarried, NotClosable, carry_actions, close_strategy
from tracker.core.tables import Action, AuditEvent, Objective, Plan, Strategy

BU = "bu@example.org"


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).run_sync()


def counts() -> tuple[int, int, int, int]:
    return (
        Plan.count().run_sync(),
        Objective.count().run_sync(),
        Action.count().run_sync(),
        AuditEvent.count().run_sync(),
    )


def test_closing_is_refused_until_every_last_quarter_return_is_accepted(tvp_db):
    waiting = accept_last_quarter(leave_out=2)
    strategy_id = first_strategy()["id"]
    with pytest.raises(NotClosable) as refused:
        asyncio.run(close_strategy(strategy_id, by=BU))
    for name in waiting:
        assert name in str(refused.value)
    assert first_strategy()["closed_at"] is None
    assert audit("strategy-closed") == []


def test_closing_sets_who_and_when_and_is_audited(tvp_db):
    accept_last_quarter()
    strategy_id = first_strategy()["id"]
    closed = asyncio.run(close_strategy(strategy_id, by=BU))
    assert closed.closed and closed.closed_by == BU
    assert first_strategy()["closed_by"] == BU
    [entry] = audit("strategy-closed")
    assert entry["actor"] == BU and first_strategy()["name"] in entry["subject"]
    with pytest.raises(NotClosable):
        asyncio.run(close_strategy(strategy_id, by=BU))


def _open_ids(strategy_id: int, how_many: int) -> list[int]:
    plans = asyncio.run(closing_actions(asyncio.run(strategy_by_id(strategy_id))))
    return [action.id for plan in plans for action in plan.open_actions][:how_many]


def test_carrying_makes_plan_objective_and_action_with_their_predecessor(tvp_db):
    source = first_strategy()
    close_first()
    target = add_next_strategy()
    chosen = _open_ids(source["id"], 3)
    old = {row["id"]: row for row in actions_of(source["id"])}
    carried = asyncio.run(carry_actions(source["id"], target, chosen, by=BU))
    assert sorted(item.old_id for item in carried) == sorted(chosen)
    new = actions_of(target)
    assert sorted(row["carried_from"] for row in new) == sorted(chosen)
    for row in new:
        predecessor = old[row["carried_from"]]
        assert row["text"] == predecessor["text"]
        full = (
            Action.select(Action.due, Action.lead, Action.objective.text.as_alias("objective"))
            .where(Action.id == row["id"])
            .first()
            .run_sync()
        )
        was = (
            Action.select(
                Action.lead,
                Action.objective.text.as_alias("objective"),
                Action.plan.name.as_alias("plan"),
            )
            .where(Action.id == predecessor["id"])
            .first()
            .run_sync()
        )
        assert full["due"] is None
        assert (full["lead"], full["objective"]) == (was["lead"], was["objective"])
        plan = (
            Plan.select(Plan.name, Plan.strategy).where(Plan.id == row["plan"]).first().run_sync()
        )
        assert (plan["name"], plan["strategy"]) == (was["plan"], target)
    assert len(audit("action-carried")) == 3


def test_carrying_refuses_an_action_already_carried_and_writes_nothing(tvp_db):
    source = first_strategy()
    close_first()
    target = add_next_strategy()
    first, second = _open_ids(source["id"], 2)
    asyncio.run(carry_actions(source["id"], target, [first], by=BU))
    before = counts()
    with pytest.raises(NotCarried, match="already carried"):
        asyncio.run(carry_actions(source["id"], target, [second, first], by=BU))
    assert counts() == before  # all or nothing: the second was not carried either


def test_a_completed_action_is_not_carried(tvp_db):
    source = first_strategy()
    close_first()
    target = add_next_strategy()
    done = actions_of(source["id"])[0]["id"]
    rate(done, "blue")
    before = counts()
    with pytest.raises(NotCarried, match="completed or withdrawn"):
        asyncio.run(carry_actions(source["id"], target, [done], by=BU))
    assert counts() == before
    plans = asyncio.run(closing_actions(asyncio.run(strategy_by_id(source["id"]))))
    outcomes = {action.id: action.outcome for plan in plans for action in plan.actions}
    assert outcomes[done] is Outcome.COMPLETED


def test_an_open_strategy_is_not_carried_from_and_a_closed_one_not_into(tvp_db):
    source = first_strategy()
    target = add_next_strategy()
    chosen = _open_ids(source["id"], 1)
    with pytest.raises(NotCarried, match="still open"):
        asyncio.run(carry_actions(source["id"], target, chosen, by=BU))
    close_first()
    asyncio.run(carry_actions(source["id"], target, chosen, by=BU))  # works once closed
    assert [row["carried_from"] for row in actions_of(target)] == chosen


def test_exactly_one_of_two_simultaneous_carries_wins(tvp_db):
    source = first_strategy()
    close_first()
    target = add_next_strategy()
    chosen = _open_ids(source["id"], 2)
    results: list[object] = []
    start = threading.Barrier(2)

    def carry() -> None:
        start.wait()
        try:
            results.append(asyncio.run(carry_actions(source["id"], target, chosen, by=BU)))
        except NotCarried as refused:
            results.append(refused)

    threads = [threading.Thread(target=carry) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(result).__name__ for result in results) == ["NotCarried", "tuple"]
    assert sorted(row["carried_from"] for row in actions_of(target)) == sorted(chosen)


def test_nothing_is_carried_into_a_strategy_closed_meanwhile(tvp_db):
    source = first_strategy()
    close_first()
    target = add_next_strategy()
    chosen = _open_ids(source["id"], 1)
    asyncio.run(close_target(target))
    with pytest.raises(NotCarried, match="closed too"):
        asyncio.run(carry_actions(source["id"], target, chosen, by=BU))
    assert actions_of(target) == []


async def close_target(target: int) -> None:
    from datetime import UTC, datetime

    await Strategy.update({Strategy.closed_at: datetime(2026, 1, 1, tzinfo=UTC)}).where(
        Strategy.id == target
    )


def test_a_due_date_given_is_kept_and_a_wrong_one_carries_nothing(tvp_db):
    from datetime import date

    from tracker.core.refusals import InvalidInput

    source = first_strategy()
    close_first()
    target = add_next_strategy()
    first, second = _open_ids(source["id"], 2)
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        asyncio.run(
            carry_actions(source["id"], target, [first, second], by=BU, dues={first: "2024-02-30"})
        )
    assert f"due_{first}" in refused.value.problems
    assert counts() == before
    asyncio.run(
        carry_actions(source["id"], target, [first, second], by=BU, dues={first: "2024-03-31"})
    )
    due = {
        row["carried_from"]: row["due"]
        for row in Action.select(Action.carried_from, Action.due)
        .where(Action.carried_from.is_not_null())
        .run_sync()
    }
    assert due == {first: date(2024, 3, 31), second: None}
