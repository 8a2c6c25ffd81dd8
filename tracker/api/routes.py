"""The JSON API under /api/: the only routes its OpenAPI schema documents."""

from __future__ import annotations

from litestar import Router

from tracker.api import reading, updating

router = Router(
    path="/api",
    route_handlers=[reading.plans, reading.actions, reading.action, updating.record],
    include_in_schema=True,
    tags=["API"],
)
