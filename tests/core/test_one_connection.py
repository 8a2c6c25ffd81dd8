"""Queries share one connection (tracker.core.engine): on SQLite a request's, because
Piccolo alone opens one, with a thread of its own, for every query outside a
transaction, which made a page of 15 to 20 queries spend most of its time connecting
(on PostgreSQL the pool opened when the app starts serves them); on both, a command's."""

from __future__ import annotations

import asyncio
import os
import sqlite3

import aiosqlite
import asyncpg
import pytest
from piccolo.columns import Varchar
from piccolo.table import Table

from tests.support.queries import counting_queries
from tracker.core import engine as engines
from tracker.core.tables import Agency


@pytest.fixture
def connections(monkeypatch):
    """Every connection opened to either database: "aiosqlite", "asyncpg", or "reader" (a
    SQLite connection reading in the loop's thread)."""
    opened: list[str] = []
    new_reader = engines._new_reader

    def counted_reader(connection_kwargs):
        opened.append("reader")
        return new_reader(connection_kwargs)

    monkeypatch.setattr(engines, "_new_reader", counted_reader)

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


# SQLite's reads in the loop's own thread. A read handed to aiosqlite's thread waits for
# the thread and for the interpreter's lock: a review page's thirteen reads took 11 to 18 ms
# that way, 0.5 ms where they are. These run on a small database of their own, on SQLite
# alone: PostgreSQL's queries go to its pool as before.


def note_table(path, monkeypatch, *, wal: bool = True) -> type[Table]:
    """A table `note` (one row, "first") in a SQLite file of its own, in WAL mode as the
    tracker's are unless `wal` is False, with the tracker's engine pointed at it."""
    url = f"sqlite:///{path}"
    if wal:
        engines.prepare_sqlite_file(url)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO note (text) VALUES ('first')")
    connection.close()
    engine = engines.engine_for_url(url)
    monkeypatch.setattr(engines, "current", engine)

    class Note(Table, tablename="note", db=engine):
        text = Varchar()

    return Note


@pytest.fixture
def notes(tmp_path, monkeypatch) -> type[Table]:
    return note_table(tmp_path / "notes.sqlite3", monkeypatch)


def test_a_requests_reads_open_no_aiosqlite_connection_and_see_its_writes(notes, connections):
    async def request() -> tuple[list[str], list[str], list[str]]:
        async with engines.sharing_connection():
            before = await notes.select(notes.text).output(as_list=True)
            read_only = list(connections)
            await notes.insert(notes(text="second"))  # a write, on aiosqlite's connection
            return before, read_only, await notes.select(notes.text).output(as_list=True)

    before, read_only, after = asyncio.run(request())
    assert before == ["first"]
    assert read_only == ["reader"]  # its reads took no aiosqlite connection (or thread)
    assert after == ["first", "second"]  # the next read sees the write at once
    assert connections == ["reader", "aiosqlite"]


def test_the_read_connection_is_kept_for_the_next_request(notes, connections):
    async def requests() -> list[int]:
        seen = []
        for _ in range(3):
            async with engines.sharing_connection():
                seen.append(await notes.count())
        return seen

    assert asyncio.run(requests()) == [1, 1, 1]
    assert connections == ["reader"]  # opened by the first request, kept for the others


def test_a_select_that_writes_is_refused_by_the_reader_and_written_as_before(notes):
    async def request() -> int:
        async with engines.sharing_connection():
            await notes.raw(
                "WITH v(t) AS (SELECT 'from with') INSERT INTO note (text) SELECT t FROM v"
            )
            return await notes.count().where(notes.text == "from with")

    assert asyncio.run(request()) == 1


def test_a_read_that_would_wait_for_a_lock_waits_off_the_loops_thread(
    tmp_path, monkeypatch, connections
):
    """Only in a file not in WAL mode does a read wait for a writer. The reader would hold
    up every request while it waited, so the read goes to aiosqlite's thread, which does."""
    path = tmp_path / "not-wal.sqlite3"
    notes = note_table(path, monkeypatch, wal=False)
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("INSERT INTO note (text) VALUES ('while locked')")

    async def request() -> tuple[int, int]:
        ticks = 0

        async def ticking() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(ticking())
        asyncio.get_running_loop().call_later(0.3, writer.execute, "COMMIT")
        async with engines.sharing_connection():
            count = await notes.count()
        ticker.cancel()
        return count, ticks

    count, ticks = asyncio.run(request())
    writer.close()
    assert count == 2  # it waited for the write, and saw it
    assert ticks >= 10  # and the loop ran on while it waited
    assert connections == ["reader", "aiosqlite"]


def test_a_kept_read_connection_is_not_used_once_its_file_is_replaced(notes, connections):
    """A database file replaced under the running server (or moved away, or its folder gone)
    is not read on through a connection kept from before: the reads see what is there now."""
    path = notes._meta.db.path

    async def count() -> int:
        async with engines.sharing_connection():
            return await notes.count()

    assert asyncio.run(count()) == 1
    replacement = sqlite3.connect(f"{path}.new", isolation_level=None)
    replacement.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    replacement.executemany("INSERT INTO note (text) VALUES (?)", [("a",), ("b",), ("c",)])
    replacement.close()
    os.replace(f"{path}.new", path)
    assert asyncio.run(count()) == 3
    assert connections == ["reader", "reader"]


def test_statements_with_ids_written_in_are_not_kept_prepared(postgres_server_url):
    """asyncpg keeps a connection's last 100 statements prepared. A statement with a list
    of ids written into its text is run once: kept, a few pages' worth pushed out the
    statements every page runs, to be prepared and planned again."""

    async def prepared_after_runs() -> tuple[int, int, int]:
        connection = await asyncpg.connect(
            postgres_server_url, connection_class=engines.PooledConnection
        )
        try:
            held = "SELECT count(*) FROM pg_prepared_statements"
            await connection.fetchval(held)
            before = await connection.fetchval(held)
            for number in range(150):  # as tracker.core.among writes them
                await connection.fetch(
                    f"SELECT x FROM generate_series(1, 3) x WHERE x IN (1,{number})"
                )
            after_ids = await connection.fetchval(held)
            for _ in range(3):
                await connection.fetch("SELECT x FROM generate_series(1, $1::int) x", 3)
            return before, after_ids, await connection.fetchval(held)
        finally:
            await connection.close()

    before, after_ids, after_constant = asyncio.run(prepared_after_runs())
    assert after_ids == before  # none of the 150 kept
    assert after_constant == before + 1  # a statement run again is kept, once
