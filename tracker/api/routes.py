"""The JSON API under /api/: the only routes its OpenAPI schema documents."""

from __future__ import annotations

from litestar import Router

from tracker.api import reading, updating
from tracker.api.responses import stale_details

router = Router(
    path="/api",
    route_handlers=[reading.plans, reading.actions, reading.action, updating.record],
    include_in_schema=True,
    tags=["API"],
    # Refusals answer as problem JSON (tracker.core.web.errors); a stale version says more.
    opt={"problem": stale_details},
)
