"""The dashboard: the partnership's RAG picture, its change by quarter, and what is overdue."""

from __future__ import annotations

from litestar import get
from litestar.params import FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.core import clock
from tracker.core.chosen import chosen_strategy
from tracker.core.strategy_period import StrategyPeriod
from tracker.core.web.rendering import as_at_from_query, page, partial
from tracker.dashboard.charts import dashboard_charts
from tracker.dashboard.queries import dashboard


@get("/dashboard", name="dashboard")
async def dashboard_page(request: HTMXRequest, as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    chosen = await chosen_strategy(request)
    period = chosen.period if chosen else StrategyPeriod()
    found = await dashboard(day.day, period.first, chosen.id if chosen else None)
    context = {
        "dashboard": found,
        "charts": dashboard_charts(found),
        "as_at": day,
        "quarter_ends": period.quarter_ends(clock.today()),
    }
    if request.htmx and request.htmx.target == "dashboard-figures" and not day.error:
        return await partial(
            "dashboard/_dashboard_figures.html", push_url=str(request.url), **context
        )
    template = await page("dashboard/dashboard.html", **context)
    # A mistyped day is bad input: said next to the field, and today shown meanwhile.
    template.status_code = 422 if day.error else 200
    return template
