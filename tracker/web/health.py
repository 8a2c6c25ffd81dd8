"""A probe for load balancers and monitoring: is the service up and its database reachable?"""

from __future__ import annotations

import logging

from litestar import get
from litestar.response import Response

from tracker.core.tables import Strategy
from tracker.core.web.errors import RETRY_AFTER_SECONDS

logger = logging.getLogger("tracker")


@get("/healthz", name="healthz", include_in_schema=False)
async def healthz() -> Response:
    try:
        await Strategy.count()
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy", said plainly
        logger.warning(
            "Health check: the database is unreachable: %s: %s",
            type(error).__name__,
            str(error)[:200],
        )
        return Response(
            {"status": "unavailable", "database": "unreachable"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return Response({"status": "ok", "database": "ok"})
