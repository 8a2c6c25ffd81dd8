"""The data the page benchmark (benchmarks.pages) times pages over: generated actions and
updates, the database they go in, and the plan, objective and action it times."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

UPDATES_EACH = 10
RAGS = ("red", "amber", "green", "blue", None)
QUARTER_ENDS = [
    date(2018, 6, 30),
    date(2018, 9, 30),
    date(2018, 12, 31),
    date(2019, 3, 31),
    date(2019, 6, 30),
    date(2019, 9, 30),
    date(2019, 12, 31),
    date(2020, 3, 31),
    date(2020, 6, 30),
    date(2020, 9, 30),
]


async def add_actions(actions: int) -> None:
    """`actions` actions over the agencies' plans, UPDATES_EACH quarterly updates each."""
    from tracker.core.tables import Action, Objective, Plan, Update
    from tracker.core.transactions import write_transaction
    from tracker.imports.batches import insert_rows

    plans = [row["id"] for row in await Plan.select(Plan.id).where(Plan.kind == "agency")]
    now = datetime.now(UTC)
    async with write_transaction(Plan._meta.db):
        objectives = []
        for index, plan in enumerate(plans):
            created = await Objective.insert(
                Objective(plan=plan, ref="90", text=f"Bench objective {index}", position=900)
            )
            objectives.append((plan, created[0]["id"]))
        await insert_rows(
            Action,
            [
                {
                    "plan": objectives[n % len(objectives)][0],
                    "objective": objectives[n % len(objectives)][1],
                    "ref": f"90.{n + 1}",
                    "position": 1000 + n,
                    "text": f"Deliver briefing {n} on recognising neglect at home visits",
                    "lead": f"Lead officer {n % 40}",
                    "timeframe": "March 21",
                    "due": date(2020, 7 + n % 6, 1),
                    "created_at": now,
                }
                for n in range(actions)
            ],
        )
        ids = [row["id"] for row in await Action.select(Action.id).where(Action.ref.like("90.%"))]
        await insert_rows(
            Update,
            [
                {
                    "action": action_id,
                    "rag": RAGS[(n + step) % len(RAGS)],
                    "progress": f"Progress {step} of action {n}: {'briefings delivered; ' * 3}",
                    "as_at": QUARTER_ENDS[step],
                    "recorded_at": now,
                    "recorded_by": "benchmark",
                    "source": "import",
                }
                for n, action_id in enumerate(ids)
                for step in range(UPDATES_EACH)
            ],
        )


def add_an_update_dated_today(url: str, action: int) -> None:
    """A copy of the action's latest update, dated and recorded today, written on a
    connection of its own (the app's pool belongs to its own event loop)."""
    from tracker.core import clock

    copy = (
        "INSERT INTO action_update (action, as_at, recorded_at, impact, recorded_by, source, "
        "rag, progress, evidence_link) SELECT action, {day}, {now}, impact, recorded_by, "
        "source, rag, progress, evidence_link FROM action_update WHERE action = {action} "
        "ORDER BY as_at DESC, recorded_at DESC, id DESC LIMIT 1"
    )
    if url.startswith("sqlite"):
        import sqlite3

        from tracker.core.engine import sqlite_path

        with sqlite3.connect(str(sqlite_path(url))) as connection:
            connection.execute(
                copy.format(day="?", now="?", action="?"),
                (clock.today().isoformat(), str(datetime.now(UTC)), action),
            )
        return

    async def insert() -> None:
        import asyncpg

        connection = await asyncpg.connect(url)
        try:
            await connection.execute(
                copy.format(day="$1", now="$2", action="$3"),
                clock.today(),
                datetime.now(UTC),
                action,
            )
        finally:
            await connection.close()

    asyncio.run(insert())


async def analysed() -> None:
    """The database as autovacuum would leave it soon after a load this size: analysed
    and, on PostgreSQL, vacuumed, so that autovacuum does not start on the 200,000 new
    updates while the pages are being timed."""
    from tracker.core.tables import Action

    postgres = Action._meta.db.engine_type == "postgres"
    await Action.raw("VACUUM (ANALYZE)" if postgres else "ANALYZE")


async def largest_plan() -> int:
    from tracker.core.tables import Action

    rows = await Action.raw(
        "SELECT plan, COUNT(*) AS n FROM action GROUP BY plan ORDER BY n DESC, plan LIMIT 1"
    )
    return int(rows[0]["plan"])


async def largest_objective(plan: int) -> int:
    from tracker.core.tables import Action

    rows = await Action.raw(
        "SELECT objective, COUNT(*) AS n FROM action WHERE plan = {} "
        "GROUP BY objective ORDER BY n DESC, objective LIMIT 1",
        plan,
    )
    return int(rows[0]["objective"])


async def an_action(objective: int) -> int:
    from tracker.core.tables import Action

    rows = await Action.raw(
        "SELECT id FROM action WHERE objective = {} ORDER BY position, id LIMIT 1", objective
    )
    return int(rows[0]["id"])


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new database on DATABASE_URL's PostgreSQL server, or on a throwaway cluster."""
    import asyncpg

    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        server = given
        cluster = None
    else:
        from tests.support.postgres import throwaway_cluster

        cluster = throwaway_cluster()
        server = cluster.__enter__()
    name = f"tracker_bench_{uuid.uuid4().hex[:8]}"

    async def run(statement: str) -> None:
        connection = await asyncpg.connect(server)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(run(f'DROP DATABASE "{name}" WITH (FORCE)'))
        if cluster is not None:
            cluster.__exit__(None, None, None)
