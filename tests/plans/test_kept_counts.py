"""Counts by RAG on a day are kept (tracker.core.kept_counts, migration 0028) and used until a
change their query did not see: an update dated on or before the day, an action added,
withdrawn, moved or deleted, a plan moved to another strategy. Whatever the change, the
counts given are those worked out afresh."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest

from tracker.core.kept_counts import kept
from tracker.core.tables import Action, ActionCoreComponent, Plan, Strategy, Update
from tracker.plans.statuses import PLAN_COUNTS, plan_counts
from tracker.plans.tallies import (
    COMPONENT_TALLIES,
    RAGS_ON_DAY,
    TAGGED_COUNTS,
    TALLIES,
    _rags_worked_out,
    component_tallies,
    rags_on_days,
    tagged_counts,
    tallies,
)

DAY = date(2020, 9, 30)
MOMENT = datetime(2021, 1, 5, 9, tzinfo=UTC)


def _update(action_id: int, rag: str, as_at: date) -> Update:
    return Update(
        action=action_id,
        rag=rag,
        progress="generated",
        as_at=as_at,
        recorded_at=MOMENT,
        recorded_by="generated",
        source="web",
    )


async def _strategy() -> int:
    return int((await Strategy.select(Strategy.id).first())["id"])


async def _fresh(strategy_id: int | None) -> dict:
    return (await _rags_worked_out([DAY], strategy_id))[DAY][0]


def test_counts_are_kept_until_a_change_they_did_not_see(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        actions = [row["id"] for row in await Action.select(Action.id).order_by(Action.id)]
        for who in (strategy_id, None):
            first = await rags_on_days([DAY], who)
            assert first[DAY] == await _fresh(who) and sum(first[DAY].values()) > 0
            assert DAY in await kept(RAGS_ON_DAY, who, [DAY])

        async def still_kept() -> bool:
            return DAY in await kept(RAGS_ON_DAY, strategy_id, [DAY])

        async def counted_afresh() -> None:
            """The change ended the kept counts; asked again, they are the fresh ones."""
            assert not await still_kept()
            assert (await rags_on_days([DAY], strategy_id))[DAY] == await _fresh(strategy_id)
            assert await still_kept()

        # An update dated after the day changes nothing on it.
        await Update.insert(_update(actions[0], "red", DAY + timedelta(days=1)))
        assert await still_kept()
        # One dated on the day does, and so does changing or deleting one.
        await Update.insert(_update(actions[0], "red", DAY))
        await counted_afresh()
        [row] = await Update.select(Update.id).where(
            (Update.action == actions[0]) & (Update.as_at == DAY)
        )
        await Update.update({Update.rag: "green"}).where(Update.id == row["id"])
        await counted_afresh()
        await Update.delete().where(Update.id == row["id"])
        await counted_afresh()
        # Actions withdrawn, moved to another plan, deleted; plans moved.
        await Action.update({Action.withdrawn_on: DAY}).where(Action.id == actions[1])
        await counted_afresh()
        [plan, other] = await Plan.select(Plan.id).order_by(Plan.id).limit(2)
        await Action.update({Action.plan: other["id"]}).where(Action.id == actions[2])
        await counted_afresh()
        await Action.delete().where(Action.id == actions[3])
        await counted_afresh()
        await Plan.update({Plan.strategy: strategy_id}).where(Plan.id == plan["id"])
        await counted_afresh()
        # Not every change to an action ends them: its text does not count.
        await Action.update({Action.text: "Reworded"}).where(Action.id == actions[4])
        assert await still_kept()

    asyncio.run(run())


# SQLite has one writer at a time, so the changes it logs are in commit order; PostgreSQL's
# writers and readers work at once.
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_counts_made_while_a_change_was_being_written_end_when_it_is(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        action_id = (await Action.select(Action.id).first())["id"]
        before = (await rags_on_days([DAY], strategy_id))[DAY]
        writer = await asyncpg.connect(seeded_db)
        try:
            writing = writer.transaction()
            await writing.start()
            await writer.execute(
                "INSERT INTO action_update (action, rag, progress, as_at, recorded_at, "
                "recorded_by, source) VALUES ($1, 'red', 'p', $2, $3, 'x', 'web')",
                action_id,
                DAY,
                MOMENT,
            )
            # Counted again while the change is written but not committed: it is not seen.
            await Update.raw("DELETE FROM kept_count")
            assert (await rags_on_days([DAY], strategy_id))[DAY] == before
            assert DAY in await kept(RAGS_ON_DAY, strategy_id, [DAY])
            await writing.commit()
        finally:
            await writer.close()
        assert DAY not in await kept(RAGS_ON_DAY, strategy_id, [DAY])
        after = (await rags_on_days([DAY], strategy_id))[DAY]
        assert after == await _fresh(strategy_id) and after != before

    asyncio.run(run())


def test_counts_by_plan_and_slipping_end_when_a_due_date_or_recurrence_changes(seeded_db):
    """The home page's counts by plan (overdue ones too) and the dashboard's tallies."""

    async def run() -> None:
        strategy_id = await _strategy()
        actions = [row["id"] for row in await Action.select(Action.id).order_by(Action.id)]
        counts = {
            PLAN_COUNTS: lambda: plan_counts(DAY, strategy_id),
            TALLIES: lambda: tallies(DAY, strategy_id),
        }

        async def afresh(kind: str) -> object:
            await Update.raw("DELETE FROM kept_count WHERE kind = {}", kind)
            return await counts[kind]()

        for kind, count in counts.items():
            assert await count() == await afresh(kind)
            await count()
            assert DAY in await kept(kind, strategy_id, [DAY])
        for change in (
            {Action.due: DAY - timedelta(days=1)},  # overdue on the day
            {Action.recurring: "quarterly"},  # so never overdue
        ):
            for count in counts.values():
                await count()
            await Action.update(change).where(Action.id.is_in(actions[:5]))
            for kind, count in counts.items():
                assert DAY not in await kept(kind, strategy_id, [DAY]), (kind, change)
                changed = await count()
                assert DAY in await kept(kind, strategy_id, [DAY])
                assert changed == await afresh(kind)

    asyncio.run(run())


def test_counts_by_agency_and_component_end_when_a_tag_changes(seeded_db):
    """The coverage matrix's counts: an action untagged, or tagged again."""

    async def run() -> None:
        strategy_id = await _strategy()
        counts = {
            COMPONENT_TALLIES: lambda: component_tallies(DAY, strategy_id),
            TAGGED_COUNTS: lambda: tagged_counts(DAY, strategy_id),
        }
        [tag] = await ActionCoreComponent.select().limit(1)
        before = {kind: await count() for kind, count in counts.items()}
        for kind in counts:
            assert DAY in await kept(kind, strategy_id, [DAY])
        await ActionCoreComponent.delete().where(ActionCoreComponent.id == tag["id"])
        for kind, count in counts.items():
            assert DAY not in await kept(kind, strategy_id, [DAY]), kind
            assert await count() != before[kind]
        await ActionCoreComponent.insert(
            ActionCoreComponent(action=tag["action"], core_component=tag["core_component"])
        )
        for kind, count in counts.items():
            assert DAY not in await kept(kind, strategy_id, [DAY]), kind
            assert await count() == before[kind]

    asyncio.run(run())


def test_a_quarters_return_counts_end_when_an_actions_lead_changes(seeded_db):
    """The returns' counts of each plan's actions by lead, and of those updated."""
    from tracker.core.dates import Quarter
    from tracker.returns.queries import BY_LEAD, UPDATED, quarter_returns

    quarter = Quarter.of(DAY)

    async def run() -> None:
        strategy_id = await _strategy()
        action_id = (await Action.select(Action.id).first())["id"]
        await Update.insert(_update(action_id, "amber", DAY))  # updated in the quarter
        first = await quarter_returns(quarter, DAY, strategy_id)
        for kind in (BY_LEAD, UPDATED):
            assert quarter.last_day in await kept(kind, strategy_id, [quarter.last_day])
        assert await quarter_returns(quarter, DAY, strategy_id) == first
        await Action.update({Action.lead: "A lead nobody held before"}).where(
            Action.id == action_id
        )
        for kind in (BY_LEAD, UPDATED):
            assert quarter.last_day not in await kept(kind, strategy_id, [quarter.last_day])
        again = await quarter_returns(quarter, DAY, strategy_id)
        await Update.raw("DELETE FROM kept_count")
        assert again == await quarter_returns(quarter, DAY, strategy_id) != first

    asyncio.run(run())


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("shared", [True, False], ids=["a request's connection", "its own"])
def test_a_page_does_not_wait_for_another_writer_to_keep_its_counts(seeded_db, shared):
    """SQLite has one writer at a time: while an import holds it, counts are worked out and
    shown at once, and kept another time; on a request's shared connection too."""
    import sqlite3
    import time

    from tracker.core.engine import sharing_connection, sqlite_path

    async def counted() -> dict:
        if not shared:
            return await rags_on_days([DAY], strategy_id)
        async with sharing_connection():
            found = await rags_on_days([DAY], strategy_id)
            [row] = await Update.raw("PRAGMA busy_timeout")
            assert row["timeout"] == 30_000  # the connection's own wait, back as it was
            return found

    strategy_id = asyncio.run(_strategy())
    writer = sqlite3.connect(sqlite_path(seeded_db), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        while_busy = asyncio.run(counted())
        assert time.perf_counter() - started < 5  # the connection's own wait is 30 s
        assert DAY not in asyncio.run(kept(RAGS_ON_DAY, strategy_id, [DAY]))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert while_busy == asyncio.run(counted())
    assert DAY in asyncio.run(kept(RAGS_ON_DAY, strategy_id, [DAY]))


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_counts_from_a_server_ahead_of_this_one_are_not_used(seeded_db):
    """A database restored into another cluster keeps its counts, made by transactions
    numbered past this server's: its own changes would look older than those counts."""

    async def run() -> None:
        strategy_id = await _strategy()
        counted = await rags_on_days([DAY], strategy_id)
        assert DAY in await kept(RAGS_ON_DAY, strategy_id, [DAY])
        [now] = await Update.raw("SELECT CAST(pg_current_snapshot() AS TEXT) AS seen")
        ahead = int(now["seen"].split(":")[1]) + 1_000_000
        await Update.raw(
            "UPDATE kept_count SET seen = {} WHERE kind = {}", f"{ahead}:{ahead}:", RAGS_ON_DAY
        )
        assert DAY not in await kept(RAGS_ON_DAY, strategy_id, [DAY])
        assert await rags_on_days([DAY], strategy_id) == counted
        assert DAY in await kept(RAGS_ON_DAY, strategy_id, [DAY])  # made again, here

    asyncio.run(run())


def test_a_plans_objective_counts_are_kept_until_its_objectives_or_actions_change(seeded_db):
    """The plan page's counts by objective: a view (tracker.core.kept_counts), so the
    objectives' words and the actions' objectives end them as well as what ends counts."""
    from tracker.core.tables import Objective
    from tracker.plans.objective_counts import BY_OBJECTIVE, objective_counts

    async def run() -> None:
        [action] = await Action.select(Action.id, Action.plan).order_by(Action.id).limit(1)
        plan_id = action["plan"]
        objectives = await Objective.select(Objective.id).where(Objective.plan == plan_id)
        kind = f"{BY_OBJECTIVE}{plan_id}"

        async def still_kept() -> bool:
            return DAY in await kept(kind, None, [DAY], view=True)

        async def fresh() -> list:
            await Update.raw("DELETE FROM kept_count WHERE kind = {}", kind)
            return await objective_counts(plan_id, DAY)

        first = await objective_counts(plan_id, DAY)
        assert await still_kept() and first == await fresh()
        changes = [
            Objective.update({Objective.text: "Renamed"}).where(
                Objective.id == objectives[0]["id"]
            ),
            Action.update({Action.objective: objectives[-1]["id"]}).where(
                Action.id == action["id"]
            ),
            Update.insert(_update(action["id"], "red", DAY)),
        ]
        for change in changes:
            await objective_counts(plan_id, DAY)
            assert await still_kept()
            await change
            assert not await still_kept(), change
            given = await objective_counts(plan_id, DAY)
            assert given == await fresh(), change
        # An update dated after the day does not end them.
        await Update.insert(_update(action["id"], "green", DAY + timedelta(days=1)))
        assert await still_kept()

    asyncio.run(run())


def test_counts_of_nothing_are_kept_too_and_end_like_any(seeded_db):
    """A quarter with no update in it: its count of updated actions (no rows) is kept, and
    ended by the first update dated in it."""
    from tracker.core.dates import Quarter
    from tracker.returns.queries import UPDATED, _updated_by_plan

    async def run() -> None:
        strategy_id = await _strategy()
        quarter = Quarter.of(date(2030, 5, 1))  # nothing is dated then
        end = quarter.last_day
        assert await _updated_by_plan(quarter, strategy_id) == []
        assert await kept(UPDATED, strategy_id, [end]) == {end: []}
        [action] = await Action.select(Action.id, Action.plan).order_by(Action.id).limit(1)
        await Update.insert(_update(action["id"], "green", quarter.first_day))
        assert end not in await kept(UPDATED, strategy_id, [end])
        [row] = await _updated_by_plan(quarter, strategy_id)
        assert (row["plan"], row["updated"]) == (action["plan"], 1)

    asyncio.run(run())


def test_totals_kept_for_each_filter_are_bounded(seeded_db):
    """The API's totals are kept for each filter (tracker.core.kept_counts.kept_total): a
    client asking ever new filters does not grow them without end."""
    from tracker.core.kept_counts import MOST_TOTALS, kept_total

    async def run() -> None:
        strategy_id = await _strategy()
        for number in range(MOST_TOTALS + 5):
            matching = Action.select(Action.id).where(Action.text != f"no such text {number}")
            assert await kept_total("test total ", strategy_id, DAY, matching) > 0
        [row] = await Update.raw(
            "SELECT COUNT(*) AS n FROM kept_count WHERE kind LIKE 'test total %'"
        )
        assert 0 < row["n"] <= MOST_TOTALS

    asyncio.run(run())
