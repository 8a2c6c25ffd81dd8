"""tracker.core.among: the ids' rows, on both databases; only numbers reach the SQL."""

import asyncio

import pytest

from tracker.core.among import among
from tracker.core.tables import Action


def test_among_finds_the_rows_of_those_ids_and_none_for_no_ids(seeded_db):
    async def run() -> None:
        ids = [row["id"] for row in await Action.select(Action.id).order_by(Action.id)]
        chosen = [ids[0], ids[2], ids[-1], 10**9]  # and one no row has
        found = await Action.select(Action.id).where(among(Action.id, chosen))
        assert sorted(row["id"] for row in found) == sorted(ids[i] for i in (0, 2, -1))
        assert await Action.select(Action.id).where(among(Action.id, [])) == []

    asyncio.run(run())


def test_among_lets_nothing_but_numbers_into_the_sql():
    assert str(among(Action.id, [3, "4"]).querystring) == '"action"."id" IN (3,4)'
    with pytest.raises(ValueError):
        among(Action.id, ["1); DROP TABLE action; --"])
