"""Reading an uploaded workbook in the background, so the page can show how far it has got.

Jobs live in the serving process (`tracker serve` runs one); a page that asks
about a job this process does not know simply reads the file there and then.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

KEPT_FOR_SECONDS = 15 * 60


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


class PreviewJobs:
    def __init__(self) -> None:
        self._jobs: dict[str, PreviewJob] = {}

    def start(
        self, token: str, work: Callable[[PreviewJob], Coroutine[Any, Any, Any]]
    ) -> PreviewJob:
        self._forget_old()
        job = PreviewJob()
        job.task = asyncio.get_running_loop().create_task(work(job))
        self._jobs[token] = job
        return job

    def get(self, token: str) -> PreviewJob | None:
        return self._jobs.get(token)

    def finish(self, token: str) -> Any:
        """The finished job's result (raising what it raised), or None if there is none."""
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
