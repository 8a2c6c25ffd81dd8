"""Dispatching in the running app: after each write's response has gone, and every few minutes.

Litestar calls `after_response` once the response is sent, so nobody waits on
the SMTP server. One dispatch at a time per process (a lock); other processes
are kept from sending a notice twice by its unique key (tracker.notifications.store).
Nothing here may stop the app: a dispatch that fails is logged and tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from litestar import Request

from tracker.core.settings import SmtpServer
from tracker.notifications.dispatch import dispatch

logger = logging.getLogger("tracker")
EVERY_SECONDS = 300  # the periodic pass: retries failed notices, catches what a write missed
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Notifier:
    def __init__(
        self, server: SmtpServer | None, sender: str, base_url: str, every: float = EVERY_SECONDS
    ) -> None:
        self.server, self.sender, self.base_url, self.every = server, sender, base_url, every
        self._lock: asyncio.Lock | None = None
        self._task: asyncio.Task[None] | None = None
        self._handled: set[int] = set()  # events this process worked through already

    async def start(self) -> None:
        self._lock = asyncio.Lock()
        if self.every > 0:
            self._task = asyncio.create_task(self._periodically())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self, *, remember: bool = True) -> None:
        if self._lock is None:  # the app did not start (or already stopped)
            return
        async with self._lock:
            try:
                done = await dispatch(
                    server=self.server,
                    sender=self.sender,
                    base_url=self.base_url,
                    skip_events=self._handled if remember else (),
                )
            except Exception:  # noqa: BLE001 - logged; the next dispatch tries again
                logger.exception("Sending notifications failed; they are tried again later")
                return
            # A pass that looked at every recent event starts the memory afresh, so it
            # holds only events still recent enough to be looked at.
            self._handled = self._handled | done.events if remember else done.events

    async def after_response(self, request: Request) -> None:
        if request.method in _WRITES:
            await self.run_once()

    async def _periodically(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            # Looks at every recent event again: one another process claimed and then lost
            # (it stopped before sending) stays claimed, never sent twice.
            await self.run_once(remember=False)
