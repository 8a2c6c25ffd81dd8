"""The MASA report's sections: one page for the executive.

Headline counts and movement, escalations to MASA (tracker.reports.business_group
makes that table for both), red actions, agencies not returned; the key
messages are the renderers'.
"""

from __future__ import annotations

from tracker.core.dates import format_date
from tracker.plans.fields import label
from tracker.reports.model import Report
from tracker.reports.tables import Column, Kind, Section, movement_text, short


def headline(report: Report) -> Section:
    return Section(
        "headline",
        "Headline",
        f"All actions by RAG as at {format_date(report.as_at)} and "
        f"{format_date(report.previous_as_at)}; since then "
        f"{movement_text(report.movement) or 'nothing moved'}.",
        (
            Column("RAG", 12, Kind.RAG),
            Column(format_date(report.as_at), 14, Kind.NUMBER),
            Column(format_date(report.previous_as_at), 14, Kind.NUMBER),
        ),
        [
            [rag, now, before]
            for (rag, now), (_, before) in zip(
                report.counts.items(), report.previous_counts.items(), strict=True
            )
        ],
        "There are no actions.",
    )


def red_actions(report: Report) -> Section:
    return Section(
        "red",
        "Red actions",
        f"Actions rated red as at {format_date(report.as_at)}.",
        (
            Column("Plan", 26, Kind.LONG),
            Column(label("ref"), 7),
            Column(label("text"), 50, Kind.LONG),
            Column(label("lead"), 20, Kind.LONG),
            Column("Latest progress", 50, Kind.LONG),
        ),
        [[a.plan, a.ref, short(a.text), a.lead, short(a.progress)] for a in report.red],
        "No action is red.",
    )


def not_returned(report: Report) -> Section:
    return Section(
        "not-returned",
        "Agencies not returned",
        f"Agencies whose {report.quarter.label} return has not been submitted.",
        (Column("Agency", 60, Kind.LONG),),
        [[agency] for agency in report.not_returned],
        "Every agency has made its return.",
    )
