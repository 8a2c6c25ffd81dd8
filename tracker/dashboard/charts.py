"""The dashboard's three charts, drawn from its figures (the tables show the same numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from tracker.core.dates import format_date
from tracker.dashboard.queries import Dashboard
from tracker.dashboard.svg.bars import Bar, horizontal_bars
from tracker.dashboard.svg.columns import Column, stacked_columns
from tracker.dashboard.svg.frame import Series
from tracker.dashboard.svg.rag_series import RAG_SERIES, rag_values

OVERDUE_SERIES = (Series(key="overdue", label="Overdue", colour="#505a5f", texture="solid"),)


@dataclass(frozen=True)
class DashboardCharts:
    rag_by_plan: Markup
    rag_by_quarter: Markup
    overdue_by_agency: Markup


def _actions(count: int) -> str:
    return f"{count} action" if count == 1 else f"{count} actions"


def rag_by_plan_chart(found: Dashboard) -> Markup:
    day = format_date(found.as_at)
    return horizontal_bars(
        "chart-rag-by-plan",
        f"RAG status by plan as at {day}",
        "One bar per plan, split into Red, Amber, Green, Complete and Not rated actions. "
        "The table after the chart gives the figures.",
        RAG_SERIES,
        [
            Bar(plan.plan.name, rag_values(plan.counts), note=_actions(plan.counts.total))
            for plan in found.plans
        ],
    )


def rag_by_quarter_chart(found: Dashboard) -> Markup:
    first, last = found.quarters[0], found.quarters[-1]
    return stacked_columns(
        "chart-rag-by-quarter",
        f"RAG status at the end of each quarter, {first.quarter.label} to {last.label}",
        "One column per quarter, split into Red, Amber, Green, Complete and Not rated actions "
        f"at the quarter's end; the last counted as at {format_date(last.counted_on)}. "
        "The table after the chart gives the figures.",
        RAG_SERIES,
        [
            Column(
                quarter.quarter.label,
                rag_values(quarter.counts),
                subtitle="(to date)" if quarter.to_date else None,
            )
            for quarter in found.quarters
        ],
    )


def overdue_by_agency_chart(found: Dashboard) -> Markup:
    return horizontal_bars(
        "chart-overdue-by-agency",
        f"Overdue actions by agency as at {format_date(found.as_at)}",
        "One bar per agency, as long as its number of overdue actions. "
        "The table after the chart gives the figures.",
        OVERDUE_SERIES,
        [
            Bar(
                row.name,
                (row.overdue,),
                note=f"{row.overdue} of {_actions(row.actions)}"
                if row.actions
                else "No actions yet",
            )
            for row in found.overdue_by_agency
        ],
    )


def dashboard_charts(found: Dashboard) -> DashboardCharts:
    return DashboardCharts(
        rag_by_plan=rag_by_plan_chart(found),
        rag_by_quarter=rag_by_quarter_chart(found),
        overdue_by_agency=overdue_by_agency_chart(found),
    )
