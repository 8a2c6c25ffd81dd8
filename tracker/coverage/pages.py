"""The core-component coverage matrix: every agency by the 12 components, as at a day."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from tracker.core.chosen import chosen_strategy
from tracker.core.web.rendering import as_at_from_query, page
from tracker.coverage.queries import coverage


@get("/coverage", name="coverage")
async def coverage_page(
    request: Request,  # type: ignore[type-arg]
    as_at: FromQuery[str | None] = None,
) -> Template:
    day = as_at_from_query(as_at)
    chosen = await chosen_strategy(request)
    matrix = await coverage(day.day, chosen.id if chosen else None)
    return await page("coverage/coverage.html", matrix=matrix, as_at=day, strategy=chosen)
