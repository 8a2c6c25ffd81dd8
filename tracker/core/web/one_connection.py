"""Each request's queries share one database connection (see tracker.core.engine)."""

from __future__ import annotations

from litestar.types import ASGIApp, Receive, Scope, Send

from tracker.core.engine import sharing_connection


def one_connection_a_request(app: ASGIApp) -> ASGIApp:
    """Middleware: the request's handler, its response and its background work run inside
    `sharing_connection()`, so a SQLite page connects once rather than once a query."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        async with sharing_connection():
            await app(scope, receive, send)

    return middleware
