"""Which sections each audience's report has, in reading order."""

from __future__ import annotations

from tracker.reports import business_group as bg
from tracker.reports import masa
from tracker.reports.model import Audience, Report
from tracker.reports.tables import Section


def sections(report: Report) -> tuple[Section, ...]:
    """The report's tables in reading order; the front sheet comes first (reports.front)."""
    if report.audience is Audience.MASA:
        return (
            masa.headline(report),
            masa.escalations(report),
            masa.red_actions(report),
            masa.not_returned(report),
        )
    return (
        bg.headline(report),
        bg.returns(report),
        bg.disagreements(report),
        bg.exceptions(report),
        bg.completed(report),
        bg.escalations(report),
        bg.challenges(report),
        bg.coverage(report),
        bg.learning(report),
        bg.appendix(report),
    )
