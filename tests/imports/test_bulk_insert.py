"""Rows written in bulk by an import are stored exactly as the ORM stores them."""

import asyncio
from datetime import UTC, date, datetime

from tracker.core.tables import Action, Update
from tracker.core.transactions import write_transaction
from tracker.imports.batches import insert_rows


def test_rows_inserted_in_bulk_read_back_as_rows_inserted_one_by_one(seeded_db):
    action_id = Action.select(Action.id).first().run_sync()["id"]
    row = {
        "action": action_id,
        "rag": "amber",
        "progress": "Two of five briefings delivered",
        "as_at": date(2020, 9, 30),
        "recorded_at": datetime(2020, 10, 1, 9, 30, 0, 125, tzinfo=UTC),
        "recorded_by": "business.unit@tracker.local",
        "source": "import",
        "impact": None,
    }

    async def write() -> None:
        async with write_transaction(Update._meta.db):
            await insert_rows(Update, [row])
            await Update.insert(Update(**row))

    asyncio.run(write())

    bulk, one_by_one = Update.select().order_by(Update.id).run_sync()[-2:]
    assert {**bulk, "id": None} == {**one_by_one, "id": None}
    # As the database holds them, too (SQLite keeps dates and times as text).
    stored = Update.raw(
        "SELECT as_at, recorded_at, evidence_link, import_record FROM action_update "
        "ORDER BY id DESC LIMIT 2"
    ).run_sync()
    assert stored[0] == stored[1]
