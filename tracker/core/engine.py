"""Which database the tracker talks to, chosen by DATABASE_URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

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


def engine_for_url(url: str) -> Engine:
    """The engine for `url`. Piccolo connects once here to check the server's version."""
    if engine_kind(url) == "sqlite":
        return SQLiteEngine(path=str(sqlite_path(url)), timeout=30)
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
