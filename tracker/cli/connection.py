"""Connecting the command line to the database named by DATABASE_URL.

The database's modules (piccolo's engines and its migrations, which import black) are
imported when a command connects, not when its module loads: `tracker X --help` needs none.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable
from typing import TypeVar

import click

from tracker.core.settings import Settings, SettingsError

T = TypeVar("T")


def settings() -> Settings:
    try:
        return Settings.from_environment()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def connect(current: Settings) -> None:
    from tracker.core.engine import DatabaseUrlError, prepare_sqlite_file, use_database

    try:
        prepare_sqlite_file(current.database_url)
        use_database(current.database_url)
    except (DatabaseUrlError, OSError) as error:
        raise click.ClickException(f"Cannot open the database: {error}") from None


def one_pass_memory() -> None:
    """For a command that reads a file once and ends: no garbage-cycle collection.

    Reading a workbook makes hundreds of thousands of objects that stay alive until the
    command ends, and the collector would walk all of them again and again (gc.freeze
    sets aside the modules' own): 0.1 to 0.2 s of a 5,000-action import, for nothing,
    as a read makes no cycles worth collecting (what it frees, reference counting frees).
    Called before the command loads its modules, which make objects the collector would
    walk too. The process's peak memory is measured by `make bench`."""
    gc.freeze()
    gc.disable()


def run(work: Awaitable[T]) -> T:
    # The result is handed back through `done`, not as the main task's result: on its way out
    # asyncio.run (3.11) formats the SIGINT handler it restores, and with it the task's
    # result; for an import's outcome that repr took a tenth of a second or more.
    done: list[T] = []
    asyncio.run(_run(work, done))
    return done[0]


async def _run(work: Awaitable[T], done: list[T]) -> None:
    from tracker.core.engine import sharing_connection

    async with sharing_connection():  # one connection for the command, not one a query
        done.append(await work)


async def require_migrated() -> None:
    from tracker.core.migrate import pending_migrations

    try:
        pending = await pending_migrations()
    except Exception as error:  # noqa: BLE001 - any driver's refusal, said in one line
        raise click.ClickException(f"The database cannot be reached: {error}") from None
    if pending:
        raise click.ClickException(
            f"The database is missing {len(pending)} migration(s): run `tracker db upgrade` first."
        )
