"""Database calls from a test body while a TestClient runs the app on its own event loop."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


def call(client: Any, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work()` on the client's loop: PostgreSQL connections belong to that loop."""
    with client.portal() as portal:
        return portal.call(work)
