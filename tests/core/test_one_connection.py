"""Queries share one connection (tracker.core.engine): on SQLite a request's, because
Piccolo alone opens one, with a thread of its own, for every query outside a
transaction, which made a page of 15 to 20 queries spend most of its time connecting
(on PostgreSQL the pool opened when the app starts serves them); on both, a command's."""

from __future__ import annotations

import asyncio

import aiosqlite
import asyncpg
import pytest

from tests.support.queries import counting_queries
from tracker.core import engine as engines
from tracker.core.tables import Agency


@pytest.fixture
def connections(monkeypatch):
    """Every connection opened to either database."""
    opened: list[str] = []

    def counting(module, name):
        original = getattr(module, name)

        def counted(*args, **kwargs):
            opened.append(module.__name__)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    counting(aiosqlite, "connect")
    counting(asyncpg, "connect")
    return opened


@pytest.mark.parametrize(
    "path", ["/", "/review", "/review?rag=red&sort=ref", "/dashboard", "/coverage"]
)
def test_a_page_opens_at_most_one_connection_however_many_queries_it_runs(
    client, connections, path
):
    with counting_queries() as log:
        response = client.get(path)
    assert response.status_code == 200
    assert log.count >= 5, log.count  # a page of several queries...
    assert len(connections) <= 1, connections  # ...on one connection (SQLite) or the pool


def test_a_change_made_on_the_shared_connection_is_kept_and_seen_at_once(seeded_db):
    async def rename() -> None:
        async with engines.sharing_connection():
            agency = await Agency.select(Agency.id).first()
            await Agency.update({Agency.name: "Renamed agency"}).where(Agency.id == agency["id"])
            # A transaction has a connection of its own, and sees the change already made.
            async with engines.current.transaction():
                assert await Agency.exists().where(Agency.name == "Renamed agency")

    asyncio.run(rename())
    # Autocommit: the change stands after the shared connection is closed.
    assert Agency.exists().where(Agency.name == "Renamed agency").run_sync()


def test_work_outliving_the_request_opens_its_own_connections(seeded_db, connections):
    async def request_starting_a_job() -> int:
        go_on = asyncio.Event()

        async def job() -> int:
            await go_on.wait()  # runs on after the request's connection is closed
            return await Agency.count()

        async with engines.sharing_connection():
            await Agency.count()
            task = engines.detached(job())
        go_on.set()
        return await task

    assert asyncio.run(request_starting_a_job()) > 0
    assert len(connections) == 2, connections  # the request's, and the job's own


def test_a_command_opens_one_connection_for_its_queries(seeded_db, connections):
    """With no pool (the command line) PostgreSQL too shares one; a query arriving while
    another runs on it opens its own rather than wait."""

    async def command() -> list[int]:
        async with engines.sharing_connection():
            counts = [await Agency.count() for _ in range(5)]
            counts += await asyncio.gather(*(Agency.count() for _ in range(3)))
            return counts

    counts = asyncio.run(command())
    assert len(set(counts)) == 1 and counts[0] > 0
    kinds = set(connections)
    assert len(kinds) == 1, connections
    if kinds == {"asyncpg"}:
        assert len(connections) == 3  # the shared one, and two for the queries alongside it
    else:
        assert len(connections) == 1  # SQLite's queries take turns on it
