"""Counting the SQL queries a piece of work runs, to catch N+1 patterns."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine


@dataclass
class QueryLog:
    queries: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.queries)


@contextlib.contextmanager
def counting_queries() -> Iterator[QueryLog]:
    log = QueryLog()
    originals = {engine: engine.run_querystring for engine in (SQLiteEngine, PostgresEngine)}

    def counted(original):
        async def run_querystring(self, querystring, *args, **kwargs):
            log.queries.append(str(querystring))
            return await original(self, querystring, *args, **kwargs)

        return run_querystring

    try:
        for engine, original in originals.items():
            engine.run_querystring = counted(original)  # type: ignore[method-assign]
        yield log
    finally:
        for engine, original in originals.items():
            engine.run_querystring = original  # type: ignore[method-assign]


def forget_kept_counts() -> None:
    """Drop every count kept between requests (tracker.core.kept_counts), so the next page
    works its counts out: to compare pages' queries with nothing kept."""
    from tracker.core.tables import Update

    Update.raw("DELETE FROM kept_count").run_sync()


def counted_views(client, path: str, views: int = 2) -> tuple[list[int], str]:
    """The queries each of `views` views of `path` ran, one after another, and the last
    view's page (each answered 200)."""
    counts = []
    text = ""
    for _ in range(views):
        with counting_queries() as counted:
            page = client.get(path)
        assert page.status_code == 200, (path, page.status_code)
        counts.append(counted.count)
        text = page.text
    return counts, text
