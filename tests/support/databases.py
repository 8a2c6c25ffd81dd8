"""Fresh databases for tests, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from tracker.core.engine import prepare_sqlite_file, sqlite_path, use_database
from tracker.core.migrate import upgrade


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@dataclass
class Backend:
    """Makes databases on one engine. `server_url` is None for SQLite."""

    name: str
    workdir: Path
    server_url: str | None = None

    def new_database(self, template: str | None = None) -> str:
        """An empty database, or a copy of `template` (a URL this backend made)."""
        label = f"tracker_test_{uuid.uuid4().hex[:12]}"
        if self.server_url is None:
            path = self.workdir / f"{label}.sqlite3"
            if template:
                source = sqlite_path(template)
                assert source is not None
                with sqlite3.connect(source) as connection:  # fold the WAL into the file
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                shutil.copyfile(source, path)
            return f"sqlite:///{path}"
        asyncio.run(self._create(label, template))
        return _with_database(self.server_url, label)

    async def _create(self, name: str, template: str | None) -> None:
        connection = await asyncpg.connect(self.server_url)
        try:
            if template:
                source = urlsplit(template).path.lstrip("/")
                await connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            else:
                await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    def drop_database(self, url: str) -> None:
        """Remove a PostgreSQL database this backend made (SQLite files go with pytest's tmp)."""
        if self.server_url is not None:
            asyncio.run(self._drop(urlsplit(url).path.lstrip("/")))

    async def _drop(self, name: str) -> None:
        connection = await asyncpg.connect(self.server_url)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    def migrated_database(self) -> str:
        url = self.new_database()
        prepare_sqlite_file(url)
        use_database(url)
        asyncio.run(upgrade())
        return url
