"""The core-component coverage matrix: every agency by the 12 components, as at a day."""

from __future__ import annotations

from litestar import get
from litestar.params import FromQuery
from litestar.response import Template

from tracker.core.web.rendering import as_at_from_query, page
from tracker.coverage.queries import coverage


@get("/coverage", name="coverage")
async def coverage_page(as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    return await page("coverage/coverage.html", matrix=await coverage(day.day), as_at=day)
