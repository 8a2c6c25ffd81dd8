"""The database keeps each action's latest update in `standing_now` (migration 0025), and
the pages read it for any day on or after the newest update's.

The reference is tracker.plans.status.statuses_as_at over every update on a day after them
all. Whatever writes the updates (one at a time, many in one statement, a changed day or
RAG, redacted progress, a deleted update, two people at the same moment on PostgreSQL),
the kept row is the one the rules say stands.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest

from tracker.core.tables import Action, Update
from tracker.plans.status import UpdateRecord, statuses_as_at
from tracker.plans.statuses import all_dated_by, newest_update_day, statuses

LATER = date(2099, 1, 1)
DAYS = [date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31), date(2021, 3, 31)]
MOMENT = datetime(2021, 1, 5, 9, tzinfo=UTC)


async def _every_update() -> list[UpdateRecord]:
    rows = await Update.select(
        Update.id, Update.action, Update.rag, Update.progress, Update.as_at, Update.recorded_at
    )
    return [
        UpdateRecord(r["id"], r["action"], r["rag"], r["progress"], r["as_at"], r["recorded_at"])
        for r in rows
    ]


async def _kept() -> dict[int, tuple[int, str | None, str | None]]:
    rows = await Update.raw("SELECT action, id, rag, progress FROM standing_now")
    return {row["action"]: (row["id"], row["rag"], row["progress"]) for row in rows}


async def _expected() -> dict[int, tuple[int, str | None, str | None]]:
    latest = statuses_as_at(await _every_update(), LATER)
    return {action: (u.id, u.rag, u.progress) for action, u in latest.items()}


def _update(action_id: int, chance: random.Random, number: int) -> Update:
    return Update(
        action=action_id,
        rag=chance.choice(["red", "amber", "green", "blue", None]),
        progress=f"progress {number}",
        as_at=chance.choice(DAYS),
        recorded_at=MOMENT + timedelta(microseconds=chance.choice([0, 0, 1, 500_000])),
        recorded_by="generated",
        source="web",
    )


def test_every_kind_of_write_leaves_each_actions_latest_update_kept(seeded_db):
    async def run() -> None:
        chance = random.Random(25)
        actions = [row["id"] for row in await Action.select(Action.id)][:12]
        assert await _kept() == await _expected()  # the migration filled it
        number = 0
        for step in range(40):
            kind = chance.choice(["one", "many", "day", "rag", "progress", "delete"])
            existing = [u.id for u in await _every_update() if u.action_id in actions]
            if kind == "one" or not existing:
                number += 1
                await Update.insert(_update(chance.choice(actions), chance, number))
            elif kind == "many":  # one statement, several for one action and for others
                rows = []
                for _ in range(chance.randint(2, 8)):
                    number += 1
                    rows.append(_update(chance.choice(actions[:3]), chance, number))
                await Update.insert(*rows)
            elif kind == "day":
                await Update.update({Update.as_at: chance.choice(DAYS)}).where(
                    Update.id == chance.choice(existing)
                )
            elif kind == "rag":
                await Update.update({Update.rag: chance.choice(["red", "green", None])}).where(
                    Update.id.is_in(chance.sample(existing, min(3, len(existing))))
                )
            elif kind == "progress":  # as redaction rewrites it
                await Update.update({Update.progress: "[redacted]"}).where(
                    Update.id == chance.choice(existing)
                )
            else:
                await Update.delete().where(Update.id == chance.choice(existing))
            assert await _kept() == await _expected(), (step, kind)
        # An action's last update deleted: nothing kept for it, as the rules have none.
        gone = actions[0]
        await Update.delete().where(Update.action == gone)
        assert gone not in await _kept()
        assert await _kept() == await _expected()

    asyncio.run(run())


def test_the_kept_updates_serve_only_days_after_every_update(seeded_db):
    async def run() -> None:
        action_id = (await Action.select(Action.id).first())["id"]
        await Update.insert(
            Update(
                action=action_id,
                rag="amber",
                as_at=date(2021, 3, 31),
                recorded_at=MOMENT,
                recorded_by="x",
                source="web",
            )
        )
        newest = await newest_update_day()
        assert newest is not None and newest >= date(2021, 3, 31)
        assert await all_dated_by(newest)
        assert not await all_dated_by(newest - timedelta(days=1))
        # Both ways give the rules' answer: the day before the newest walks the index.
        history = await _every_update()
        for day in (newest - timedelta(days=1), newest, LATER):
            assert await statuses(day) == statuses_as_at(history, day), day

    asyncio.run(run())


# SQLite has one writer at a time (BEGIN IMMEDIATE): concurrent writers are PostgreSQL's.
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_two_people_recording_for_one_action_at_once_both_count(seeded_db):
    async def run() -> None:
        action_id = (await Action.select(Action.id).first())["id"]
        first, second = await asyncpg.connect(seeded_db), await asyncpg.connect(seeded_db)
        insert = (
            "INSERT INTO action_update (action, rag, progress, as_at, recorded_at, "
            "recorded_by, source) VALUES ($1, $2, $3, $4, $5, 'x', 'web')"
        )
        try:
            for later_first in (True, False):
                days = (date(2021, 3, 31), date(2021, 2, 1))
                days = days if later_first else days[::-1]
                one, two = first.transaction(), second.transaction()
                await one.start()
                await two.start()
                await first.execute(insert, action_id, "red", "one", days[0], MOMENT)
                # The second waits on the first's kept row, then keeps the later of the two.
                waiting = asyncio.ensure_future(
                    second.execute(insert, action_id, "green", "two", days[1], MOMENT)
                )
                await asyncio.sleep(0.2)
                await one.commit()
                await waiting
                await two.commit()
                kept = await first.fetchrow(
                    "SELECT progress FROM standing_now WHERE action = $1", action_id
                )
                assert kept["progress"] == ("one" if later_first else "two")
                assert await _kept() == await _expected()
        finally:
            await first.close()
            await second.close()

    asyncio.run(run())
