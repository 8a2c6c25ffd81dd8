"""Reading an uploaded workbook in the background, so the page can show how far it has got.

The read runs in the worker that took the upload; how far it has got is written to the
database (PreviewProgress), so with several workers (`tracker serve --workers N`) any of
them can show it. The finished preview is handed over only within the process that made
it; a page served by another worker reads the staged file itself, from the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tracker.core import clock
from tracker.core.engine import detached
from tracker.core.tables import PreviewProgress

KEPT_FOR_SECONDS = 15 * 60
REPORT_EVERY = 0.25  # seconds between writes of how far a read has got


@dataclass
class PreviewJob:
    rows_read: int = 0
    rows_total: int = 0
    started: float = field(default_factory=time.monotonic)
    task: asyncio.Task[Any] | None = None

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(99, round(self.rows_read * 100 / self.rows_total))

    def report(self, rows_read: int, rows_total: int) -> None:
        self.rows_read, self.rows_total = rows_read, rows_total

    @property
    def done(self) -> bool:
        return self.task is not None and self.task.done()


@dataclass(frozen=True)
class Progress:
    """How far a read has got, as any worker finds it in the database."""

    rows_read: int
    rows_total: int
    done: bool

    @property
    def percent(self) -> int:
        return PreviewJob(self.rows_read, self.rows_total).percent


class PreviewJobs:
    """This process's reads; their progress is written to the database as they go, so the
    page asking how far a read has got may be served by any worker."""

    def __init__(self) -> None:
        self._jobs: dict[str, PreviewJob] = {}

    async def start(
        self, token: str, work: Callable[[PreviewJob], Coroutine[Any, Any, Any]]
    ) -> PreviewJob:
        self._forget_old()
        await _forget_old_progress()
        await PreviewProgress.insert(PreviewProgress(token=token, started_at=clock.now()))
        job = PreviewJob()
        job.task = detached(_reporting(token, job, work))
        self._jobs[token] = job
        return job

    async def progress(self, token: str) -> Progress | None:
        """How far the read has got, None when no read of it is known to any worker; a
        read whose worker stopped without finishing counts as done (the page reads the
        file itself)."""
        row = await PreviewProgress.select().where(PreviewProgress.token == token).first()
        if row is None:
            return None
        stalled = row["started_at"] < clock.now() - timedelta(seconds=KEPT_FOR_SECONDS)
        return Progress(row["rows_read"], row["rows_total"], row["done"] or stalled)

    def finish(self, token: str) -> Any:
        """The finished job's result (raising what it raised), or None if this process has
        none: the page then reads the file itself."""
        job = self._jobs.get(token)
        if job is None or not job.done or job.task is None:
            return None
        del self._jobs[token]
        return job.task.result()

    def _forget_old(self) -> None:
        now = time.monotonic()
        for token, job in list(self._jobs.items()):
            if now - job.started > KEPT_FOR_SECONDS:
                if job.task is not None:
                    job.task.cancel()
                del self._jobs[token]


async def _reporting(
    token: str, job: PreviewJob, work: Callable[[PreviewJob], Coroutine[Any, Any, Any]]
) -> Any:
    """Do the work, writing how far it has got every REPORT_EVERY seconds and when done."""
    writer = asyncio.get_running_loop().create_task(_keep_writing(token, job))
    try:
        return await work(job)
    finally:
        writer.cancel()
        await _write(token, job, done=True)


async def _keep_writing(token: str, job: PreviewJob) -> None:
    written = (-1, -1)
    while True:
        await asyncio.sleep(REPORT_EVERY)
        if (job.rows_read, job.rows_total) != written:
            written = (job.rows_read, job.rows_total)
            await _write(token, job, done=False)


async def _write(token: str, job: PreviewJob, *, done: bool) -> None:
    await PreviewProgress.update(
        {
            PreviewProgress.rows_read: job.rows_read,
            PreviewProgress.rows_total: job.rows_total,
            PreviewProgress.done: done,
        }
    ).where(PreviewProgress.token == token)


async def _forget_old_progress() -> None:
    await PreviewProgress.delete().where(
        PreviewProgress.started_at < clock.now() - timedelta(seconds=KEPT_FOR_SECONDS)
    )
