"""The JSON API under /api/: the only routes its OpenAPI schema documents."""

from __future__ import annotations

from litestar import Router
from litestar.openapi import OpenAPIConfig

from tracker.api import learning, reading, updating
from tracker.api.responses import stale_details
from tracker.api.security import TOKEN_REQUIRED, security_schemes

router = Router(
    path="/api",
    route_handlers=[
        reading.plans,
        reading.actions,
        reading.action,
        updating.record,
        learning.learning,
    ],
    include_in_schema=True,
    tags=["API"],
    security=TOKEN_REQUIRED,
    # Refusals answer as problem JSON (tracker.core.web.errors); a stale version says more.
    opt={"problem": stale_details},
)


def openapi_config() -> OpenAPIConfig:
    """The schema served at /schema/openapi.json (only this router opts in), made afresh for
    each app: Litestar fills its components in as it builds the schema."""
    return OpenAPIConfig(
        title="Partnership action-plan tracker API",
        version="1",
        path="/schema",
        components=security_schemes(),
    )
