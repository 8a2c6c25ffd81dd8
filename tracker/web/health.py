"""A probe for load balancers and monitoring: is the service up and its database reachable?"""

from __future__ import annotations

from litestar import get
from litestar.response import Response

from tracker.core.tables import Strategy


@get("/healthz", name="healthz", include_in_schema=False)
async def healthz() -> Response:
    try:
        await Strategy.count()
    except Exception:  # noqa: BLE001 - any failure means "not healthy", said plainly
        return Response({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return Response({"status": "ok", "database": "ok"})
