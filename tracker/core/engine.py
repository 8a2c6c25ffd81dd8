"""Which database the tracker talks to, chosen by DATABASE_URL."""

from __future__ import annotations

import asyncio
import contextvars
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import aiosqlite
import asyncpg
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, dict_factory
from piccolo.table import Table

SQLITE_PREFIX = "sqlite:///"


class DatabaseUrlError(ValueError):
    """DATABASE_URL names no database the tracker can use."""


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///path` URL (`sqlite:////abs/path` for an absolute one)."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = url[len(SQLITE_PREFIX) :]
    if not path:
        raise DatabaseUrlError(
            "DATABASE_URL sqlite:/// needs a file path, e.g. sqlite:///data/tracker.sqlite3"
        )
    return Path(path)


def engine_kind(url: str) -> str:
    """ "sqlite" or "postgres"; DatabaseUrlError for anything else."""
    if sqlite_path(url) is not None:
        return "sqlite"
    scheme = urlsplit(url).scheme
    if scheme in {"postgresql", "postgres"}:
        return "postgres"
    raise DatabaseUrlError(
        "DATABASE_URL must start with sqlite:/// or postgresql:// "
        f"(it starts with {scheme + '://' if scheme else repr(url[:12])})"
    )


# Before 3.35 Piccolo finds an inserted row's key with a second query on the same cursor.
_OLD_SQLITE = sqlite3.sqlite_version_info < (3, 35)


class _Shared:
    """The one connection a request's queries share, opened at its first query."""

    def __init__(self) -> None:
        self.connection: Any = None
        self.opening: asyncio.Lock = asyncio.Lock()
        self.busy = False  # PostgreSQL: a query is running on it
        self.closed = False
        self.close: Callable[[Any], Awaitable[Any]] | None = None
        self.reader: _Reader | None = None  # SQLite: reads in the loop's thread
        self.idle_readers: list[_Reader] | None = None  # where it goes back to


_shared: contextvars.ContextVar[_Shared | None] = contextvars.ContextVar(
    "tracker_shared_connection", default=None
)


@asynccontextmanager
async def sharing_connection() -> AsyncIterator[None]:
    """Inside this block the current engine's queries outside a transaction share one
    connection, opened at the first and closed at the end: on SQLite always, on PostgreSQL
    when there is no pool. A transaction still has a connection of its own."""
    if _shared.get() is not None or not isinstance(
        current, (SharingSQLiteEngine, SharingPostgresEngine)
    ):
        yield  # already sharing one, or an engine of Piccolo's own (tests may set one)
        return
    shared = _Shared()
    token = _shared.set(shared)
    try:
        yield
    finally:
        _shared.reset(token)
        shared.closed = True
        if shared.reader is not None:
            _give_back(shared.reader, shared.idle_readers)
        if shared.connection is not None and shared.close is not None:
            await shared.close(shared.connection)


_MOST_IDLE_READERS = 8  # a worker's requests at once, most of the time


def _give_back(reader: _Reader, idle: list[_Reader] | None) -> None:
    """Keep a request's read-only connection for the next request, or close it."""
    if idle is not None and len(idle) < _MOST_IDLE_READERS and not reader.connection.in_transaction:
        idle.append(reader)
    else:
        reader.connection.close()


def _fold_case(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _file_identity(path: str) -> tuple[int, int] | None:
    """Which file `path` names now (device and inode); None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class _Reader(NamedTuple):
    connection: sqlite3.Connection
    file: tuple[int, int] | None  # the file it opened (_file_identity)


def _new_reader(connection_kwargs: dict[str, Any]) -> _Reader:
    """A connection to the SQLite file that only reads and never waits for a lock."""
    reader = sqlite3.connect(**{**connection_kwargs, "timeout": 0, "check_same_thread": False})
    reader.row_factory = dict_factory
    reader.create_function("fold_case", 1, _fold_case, deterministic=True)
    reader.execute("PRAGMA query_only = 1")
    return _Reader(reader, _file_identity(connection_kwargs["database"]))


def _sharing() -> _Shared | None:
    shared = _shared.get()
    return None if shared is None or shared.closed else shared


# A statement the read-only connection may take; one that writes is refused there.
_READS = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)
# What the read-only connection answers when a statement must go the usual way: a write
# (refused by query_only), or a lock it would otherwise wait for (a file not in WAL mode).
_NOT_HERE = ("readonly", "locked", "busy")


class SharingSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine, but inside `sharing_connection()` queries share one
    connection, and reads run on a read-only connection in the event loop's own thread.

    Piccolo opens a new connection (and an aiosqlite thread) for every query outside a
    transaction: about 5 ms each, and a page runs 15 to 20 queries. The shared one is in
    autocommit mode (Piccolo's `isolation_level=None`), so each statement still stands
    alone as it did on a connection of its own.

    A read handed to aiosqlite's thread waits for that thread to be woken and to get the
    interpreter's lock from the loop, which is rendering: a page's thirteen reads took
    11 to 18 ms that way, and 0.5 ms run where they are. So a SELECT outside a
    transaction runs at once on a connection of the request's own with `query_only` set
    and no busy wait. In WAL mode (prepare_sqlite_file) a read never waits for a writer;
    anything the connection refuses (a write, a lock to wait for) goes the usual way.
    When the request ends its read-only connection is kept for the next one.
    Writes and transactions stay on aiosqlite's threads, where waiting for a lock does not
    hold up the loop.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.idle_readers: list[_Reader] = []  # given back by ended requests

    async def get_connection(self) -> aiosqlite.Connection:
        connection = await super().get_connection()
        # PostgreSQL's is made by migration 0027: every letter to small, as str.lower does.
        await connection.create_function("fold_case", 1, _fold_case, deterministic=True)
        return connection

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ) -> Any:
        if query_type == "insert" and _OLD_SQLITE:
            return await super()._run_in_new_connection(query, args, query_type, table)
        shared = _sharing()
        if shared is None:  # a connection for this query alone, as Piccolo's, with fold_case
            connection = await self.get_connection()
            try:
                return list(await connection.execute_fetchall(query, args or []))
            finally:
                await connection.close()
        if _READS.match(query):
            try:
                reader = self.reader_for(shared).connection
                return reader.execute(query, args or []).fetchall()
            except sqlite3.OperationalError as refused:
                if not any(word in str(refused) for word in _NOT_HERE):
                    raise
        await self.open_shared(shared)
        # One trip to the connection's thread (not three: execute, fetch, close the cursor).
        return list(await shared.connection.execute_fetchall(query, args or []))

    def reader_for(self, shared: _Shared) -> _Reader:
        """The request's read-only connection, taken at its first read: one an earlier
        request gave back (a new connection reads the schema afresh, 1 ms), or a new one.
        One given back is used only while the database's path still names the file it
        opened: a file moved away or replaced (or a folder gone) is not read on."""
        if shared.reader is None:
            idle = self.idle_readers
            path = self.connection_kwargs["database"]
            while idle:
                kept = idle.pop()
                if kept.file is not None and kept.file == _file_identity(path):
                    shared.reader = kept
                    break
                kept.connection.close()
            else:
                shared.reader = _new_reader(self.connection_kwargs)
            shared.idle_readers = idle
        return shared.reader

    async def open_shared(self, shared: _Shared) -> aiosqlite.Connection:
        """The request's shared connection, opened at its first use."""
        async with shared.opening:
            if shared.connection is None:
                shared.connection = await self.get_connection()
                shared.close = aiosqlite.Connection.close
        return shared.connection


# A statement with a list of ids written into its text (tracker.core.among: "IN (12,"),
# a text of its own on nearly every run: not worth keeping prepared.
_RUN_ONCE = re.compile(r" IN \(\d")


class PooledConnection(asyncpg.Connection):
    """A pooled PostgreSQL connection given back to the pool as it is. asyncpg's pool runs
    a reset query (RESET ALL, UNLISTEN *, CLOSE ALL, advisory unlocks) each time a
    connection is given back: a round trip after every query, 0.1 to 0.3 ms, some 2 ms of a
    page's 10. The tracker leaves nothing for it to reset: no SET outside a transaction, no
    LISTEN, advisory locks only for a transaction (pg_advisory_xact_lock), no cursor held
    past one. An open transaction is still rolled back on release (asyncpg always does)."""

    def get_reset_query(self) -> str:
        return ""

    async def _get_statement(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """asyncpg keeps the last 100 statements each connection prepared (a prepared
        statement is parsed once, and after five runs PostgreSQL plans it once too). A
        statement holding a list of ids written into its text (tracker.core.among) is run
        once and not kept: kept, a review page's eight such pushed out the statements every
        page runs, such as who is signed in, to be prepared and planned again (3 of the
        review's 13 statements on each view, 0.9 ms to plan the session's). A frozen
        select sends its ids as one value instead (tracker.core.frozen)."""
        if _RUN_ONCE.search(query):
            kwargs["use_cache"] = False
        return await super()._get_statement(query, *args, **kwargs)


class SharingPostgresEngine(PostgresEngine):
    """Piccolo's PostgreSQL engine, but with no pool (the command line) the queries inside
    `sharing_connection()` share one connection, rather than each opening its own (a
    connection and a sign-in for every query). A query arriving while another runs on it
    opens one of its own as before. The server's requests take each query's connection
    from the pool: holding one for a whole request could leave the pool empty for the
    transactions of requests holding the rest.
    """

    async def start_connection_pool(self, **kwargs: Any) -> None:
        await super().start_connection_pool(connection_class=PooledConnection, **kwargs)

    async def _run_in_new_connection(self, query: str, args: Sequence[Any] | None = None) -> Any:
        shared = _sharing()
        if shared is None or shared.busy:
            return await super()._run_in_new_connection(query, args)
        shared.busy = True
        try:
            if shared.connection is None:
                shared.connection = await self.get_new_connection()
                shared.close = asyncpg.Connection.close
            return await shared.connection.fetch(query, *(args or ()))
        finally:
            shared.busy = False


async def write_unless_busy(statement: str, values: Sequence[Any], wait: float = 0.05) -> bool:
    """SQLite: run one statement (`?` for each value), waiting at most `wait` seconds for
    another writer (an import, say) to finish; False if it gave up. For writes a reader may
    skip, which must not keep a page waiting. On the request's shared connection (its wait
    set for this statement only), else on one of its own."""
    if not isinstance(current, SharingSQLiteEngine):
        raise TypeError("write_unless_busy is for the tracker's SQLite engine")
    shared = _sharing()
    if shared is None:
        path = current.connection_kwargs["database"]
        async with aiosqlite.connect(path, timeout=wait, isolation_level=None) as connection:
            return await _written_unless_busy(connection, statement, values)
    connection = await current.open_shared(shared)
    [row] = await connection.execute_fetchall("PRAGMA busy_timeout")
    before = row["timeout"] if isinstance(row, dict) else row[0]  # Piccolo's rows are dicts
    await connection.execute(f"PRAGMA busy_timeout = {round(wait * 1000)}")
    try:
        return await _written_unless_busy(connection, statement, values)
    finally:
        await connection.execute(f"PRAGMA busy_timeout = {int(before)}")


async def _written_unless_busy(
    connection: aiosqlite.Connection, statement: str, values: Sequence[Any]
) -> bool:
    try:
        await connection.execute(statement, list(values))
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return False
        raise
    return True


def detached(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """A task for work that may outlive the request starting it: it opens its own
    connections rather than the request's shared one (closed when the request ends)."""
    context = contextvars.copy_context()
    context.run(_shared.set, None)
    return asyncio.get_running_loop().create_task(coroutine, context=context)


def engine_for_url(url: str) -> Engine:
    """The engine for `url`. Piccolo connects once here to check the server's version."""
    if engine_kind(url) == "sqlite":
        return SharingSQLiteEngine(path=str(sqlite_path(url)), timeout=30)
    return SharingPostgresEngine(config={"dsn": url}, extensions=())


def prepare_sqlite_file(url: str) -> None:
    """Create the SQLite file's folder and switch the file to WAL journalling.

    WAL lets pages be read while an import writes. The mode is stored in the
    file, so doing this once when migrating is enough.
    """
    path = sqlite_path(url)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")


current: Engine | None = None  # the engine use_database set


def use_database(url: str) -> Engine:
    """Point every table (and Piccolo's migration runner) at the database of `url`."""
    import sys

    from piccolo.apps.migrations.tables import Migration

    from tracker.core.tables import ALL_TABLES

    global current  # noqa: PLW0603 - the one engine this process uses
    engine = engine_for_url(url)
    current = engine
    # Piccolo's configuration (which imports piccolo.conf.apps and so black) is loaded only to
    # migrate; when it is, it takes `current`.
    if (conf := sys.modules.get("tracker.core.piccolo_conf")) is not None:
        conf.DB = engine  # type: ignore[attr-defined]
    tables: tuple[type[Table], ...] = (*ALL_TABLES, Migration)
    for table in tables:
        table._meta.db = engine
    return engine
