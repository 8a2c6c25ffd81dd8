"""The database's answer to "each action's status as at a day" is the pure rules' answer.

tracker.plans.status is the reference; tracker.plans.statuses asks the database. On
generated histories with updates about the same day, recorded at the same moment, and
recorded late about an earlier day, both give the same update for every action and day.
"""

import asyncio
import random
from datetime import UTC, date, datetime, timedelta

from tracker.core.chosen import current_strategy
from tracker.core.tables import Action, Update
from tracker.plans.overview import overview
from tracker.plans.slipping import is_overdue
from tracker.plans.status import UpdateRecord, statuses_as_at
from tracker.plans.statuses import statuses

DAYS = [date(2020, 6, 30), date(2020, 9, 30), date(2020, 10, 1), date(2020, 12, 31)]
# Some equal to the second, some a microsecond apart, some on later days (recorded late).
MOMENTS = [
    datetime(2020, 10, 1, 9, 0, tzinfo=UTC),
    datetime(2020, 10, 1, 9, 0, 0, 1, tzinfo=UTC),
    datetime(2020, 10, 1, 9, 0, 0, 500_000, tzinfo=UTC),
    datetime(2020, 10, 2, 17, 30, tzinfo=UTC),
    datetime(2021, 1, 5, 8, 0, tzinfo=UTC),
]
RAGS = ["red", "amber", "green", "blue", None]


async def _generated_history(seed: int) -> list[UpdateRecord]:
    chance = random.Random(seed)
    actions = [row["id"] for row in await Action.select(Action.id)]
    rows = [
        Update(
            action=action_id,
            rag=chance.choice(RAGS),
            progress=f"progress {number}",
            as_at=chance.choice(DAYS),
            recorded_at=chance.choice(MOMENTS),
            recorded_by="generated",
            source="web",
        )
        for action_id in actions
        for number in range(chance.randint(0, 6))
    ]
    chance.shuffle(rows)  # ids in no particular order of day or moment
    await Update.insert(*rows)
    found = await Update.select(
        Update.id, Update.action, Update.rag, Update.progress, Update.as_at, Update.recorded_at
    )
    return [
        UpdateRecord(
            row["id"], row["action"], row["rag"], row["progress"], row["as_at"], row["recorded_at"]
        )
        for row in found
    ]


def test_the_database_finds_the_update_the_rules_say_stands(seeded_db):
    history = asyncio.run(_generated_history(18))
    plan_of = {row["id"]: row["plan"] for row in Action.select(Action.id, Action.plan).run_sync()}
    some_plan = max(set(plan_of.values()), key=list(plan_of.values()).count)
    some_action = next(iter(plan_of))

    for day in [date(2020, 6, 29), *DAYS, date(2020, 11, 15), date(2021, 3, 31)]:
        expected = statuses_as_at(history, day)
        assert asyncio.run(statuses(day)) == expected, day
        in_plan = {a: u for a, u in expected.items() if plan_of[a] == some_plan}
        assert asyncio.run(statuses(day, plan_id=some_plan)) == in_plan, day
        one = {a: u for a, u in expected.items() if a == some_action}
        assert asyncio.run(statuses(day, action_id=some_action)) == one, day
        picked = sorted(plan_of)[::3]
        some = {a: u for a, u in expected.items() if a in picked}
        assert asyncio.run(statuses(day, action_ids=picked)) == some, day


def test_the_home_pages_counts_are_the_rules_counts(seeded_db):
    history = asyncio.run(_generated_history(21))
    actions = Action.select(Action.id, Action.plan, Action.due, Action.recurring).run_sync()

    for day in [date(2020, 6, 29), date(2020, 10, 1), date(2021, 3, 31), date(2023, 1, 1)]:
        latest = statuses_as_at(history, day)
        rags: dict[int, dict[str, int]] = {}
        overdue: dict[int, int] = {}
        for action in actions:
            status = latest.get(action["id"])
            rag = status.rag if status else None
            counts = rags.setdefault(action["plan"], {})
            counts[rag or "none"] = counts.get(rag or "none", 0) + 1
            overdue[action["plan"]] = overdue.get(action["plan"], 0) + is_overdue(
                action["due"], action["recurring"], rag, day
            )
        found = asyncio.run(overview(day, asyncio.run(current_strategy()).id))
        assert found is not None
        for plan in found.plans:
            counts = rags.get(plan.id, {})
            assert (
                plan.counts.red,
                plan.counts.amber,
                plan.counts.green,
                plan.counts.blue,
                plan.counts.none,
            ) == tuple(counts.get(name, 0) for name in ("red", "amber", "green", "blue", "none"))
            assert plan.overdue == overdue.get(plan.id, 0), (day, plan.name)


def test_a_late_recorded_update_about_an_earlier_day_counts_from_that_day(seeded_db):
    action_id = Action.select(Action.id).first().run_sync()["id"]
    moment = datetime(2020, 10, 1, 9, tzinfo=UTC)
    Update.insert(
        Update(
            action=action_id,
            rag="amber",
            as_at=date(2020, 12, 31),
            recorded_at=moment,
            recorded_by="x",
            source="web",
        ),
        Update(
            action=action_id,
            rag="red",
            as_at=date(2020, 9, 30),
            recorded_at=moment + timedelta(days=100),
            recorded_by="x",
            source="web",
        ),
    ).run_sync()

    assert asyncio.run(statuses(date(2020, 10, 1)))[action_id].rag == "red"
    assert asyncio.run(statuses(date(2021, 1, 10)))[action_id].rag == "amber"
