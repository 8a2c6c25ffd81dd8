"""Which database the tracker talks to, chosen by DATABASE_URL."""

from __future__ import annotations

import asyncio
import contextvars
import sqlite3
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
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
    """One SQLite connection a request's queries share, opened at its first query."""

    def __init__(self) -> None:
        self.connection: aiosqlite.Connection | None = None
        self.opening: asyncio.Lock = asyncio.Lock()
        self.closed = False


_shared: contextvars.ContextVar[_Shared | None] = contextvars.ContextVar(
    "tracker_shared_sqlite_connection", default=None
)


class SharingSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine, but the queries of one request share one connection.

    Piccolo opens a new connection (and an aiosqlite thread) for every query outside a
    transaction: about 5 ms each, and a page runs 15 to 20 queries. Inside `sharing()`
    they run on one connection instead. It is in autocommit mode (Piccolo's
    `isolation_level=None`), so each statement still stands alone as it did on a
    connection of its own; a transaction keeps opening its own connection.
    """

    @asynccontextmanager
    async def sharing(self) -> AsyncIterator[None]:
        if _shared.get() is not None:  # already sharing one
            yield
            return
        shared = _Shared()
        token = _shared.set(shared)
        try:
            yield
        finally:
            _shared.reset(token)
            shared.closed = True
            if shared.connection is not None:
                await shared.connection.close()

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ) -> Any:
        shared = _shared.get()
        if shared is None or shared.closed or query_type == "insert" and _OLD_SQLITE:
            return await super()._run_in_new_connection(query, args, query_type, table)
        async with shared.opening:
            if shared.connection is None:
                shared.connection = await self.get_connection()
        # One trip to the connection's thread (not three: execute, fetch, close the cursor).
        return list(await shared.connection.execute_fetchall(query, args or []))


def detached(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """A task for work that may outlive the request starting it: it opens its own
    connections rather than the request's shared one (closed when the request ends)."""
    context = contextvars.copy_context()
    context.run(_shared.set, None)
    return asyncio.get_running_loop().create_task(coroutine, context=context)


@asynccontextmanager
async def sharing_connection() -> AsyncIterator[None]:
    """The current engine's queries share one connection inside this block (SQLite; a
    PostgreSQL engine has its pool already)."""
    if isinstance(current, SharingSQLiteEngine):
        async with current.sharing():
            yield
    else:
        yield


def engine_for_url(url: str) -> Engine:
    """The engine for `url`. Piccolo connects once here to check the server's version."""
    if engine_kind(url) == "sqlite":
        return SharingSQLiteEngine(path=str(sqlite_path(url)), timeout=30)
    return PostgresEngine(config={"dsn": url}, extensions=())


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
