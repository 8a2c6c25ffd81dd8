"""The Business Group report's sections: the full picture of the quarter."""

from __future__ import annotations

from tracker.core.dates import format_date
from tracker.learning.rules import STANDINGS, Standing
from tracker.plans.fields import label
from tracker.reports.model import Audience, LearningRow, Report
from tracker.reports.tables import (
    RAG_COLUMNS,
    Column,
    Kind,
    Section,
    Value,
    breakdown,
    moved,
    movement_text,
    rag_values,
)


def headline(report: Report) -> Section:
    columns = (
        Column("Plan", 40, Kind.LONG),
        *RAG_COLUMNS,
        Column("Total", 8, Kind.NUMBER),
        Column(f"At {format_date(report.previous_as_at)}", 24, Kind.LONG),
        Column("Since then", 24, Kind.LONG),
        Column("Return", 16),
    )
    overall: list[Value] = [
        "All plans",
        *rag_values(report.counts),
        report.counts.total,
        breakdown(report.previous_counts),
        movement_text(report.movement) or "No change",
        f"{len(report.not_returned)} agencies not returned",
    ]
    rows = [overall] + [
        [
            plan.plan,
            *rag_values(plan.counts),
            plan.counts.total,
            breakdown(plan.previous_counts),
            movement_text(plan.movement) or "No change",
            plan.return_state.label,
        ]
        for plan in report.plans
        if plan.counts.total or plan.previous_counts.total
    ]
    return Section(
        "headline",
        "Headline RAG counts",
        f"Actions by RAG as at {format_date(report.as_at)}, with movement since "
        f"{format_date(report.previous_as_at)}: {movement_text(report.movement) or 'no actions'}.",
        columns,
        rows,
        "There are no actions.",
    )


def returns(report: Report) -> Section:
    return Section(
        "returns",
        "Agency returns",
        f"The state of each plan's {report.quarter.label} return.",
        (Column("Plan", 50, Kind.LONG), Column("Return", 22), Column("Made", 8)),
        [[row.plan, row.state.label, "Yes" if row.state.is_in else "No"] for row in report.returns],
        "There are no plans.",
    )


def disagreements(report: Report) -> Section:
    return Section(
        "disagreements",
        "Assurance disagreements",
        "Actions where the chairs' assurance rating differs from the agency's own rating.",
        (
            Column("Plan", 30, Kind.LONG),
            Column("Ref", 7),
            Column("Action", 45, Kind.LONG),
            Column("Agency's RAG", 12, Kind.RAG),
            Column("Assurance RAG", 12, Kind.RAG),
            Column("Reason", 50, Kind.LONG),
            Column("Set by", 24),
        ),
        [
            [row.plan, row.ref, row.text, row.agency_rag, row.assurance_rag, row.reason, row.set_by]
            for row in report.disagreements
        ],
        "No assurance rating differs from an agency's own rating.",
    )


def _action_columns() -> tuple[Column, ...]:
    return (
        Column("Plan", 26, Kind.LONG),
        Column(label("ref"), 7),
        Column(label("text"), 45, Kind.LONG),
        Column(label("lead"), 20, Kind.LONG),
        Column(label("due"), 12, Kind.DATE),
        Column("Days overdue", 9, Kind.NUMBER),
        Column("RAG", 11, Kind.RAG),
        Column("Since last quarter", 14),
    )


def exceptions(report: Report) -> Section:
    return Section(
        "exceptions",
        "Exceptions: red and overdue",
        f"Every action rated red or overdue as at {format_date(report.as_at)}, by plan.",
        (
            *_action_columns(),
            Column("Latest progress", 60, Kind.LONG),
            Column("Progress as at", 12, Kind.DATE),
        ),
        [
            [
                a.plan,
                a.ref,
                a.text,
                a.lead,
                a.due,
                a.days_overdue or None,
                a.rag,
                moved(a),
                a.progress,
                a.status_as_at,
            ]
            for row in report.exceptions
            for a in [row.action]
        ],
        "No action is red or overdue.",
        group_by=0,
    )


def completed(report: Report) -> Section:
    return Section(
        "completed",
        "Completed in the quarter",
        f"Actions marked complete in {report.quarter.label}, with their evidence of impact.",
        (
            Column("Plan", 26, Kind.LONG),
            Column(label("ref"), 7),
            Column(label("text"), 45, Kind.LONG),
            Column(label("lead"), 20, Kind.LONG),
            Column("Completed", 12, Kind.DATE),
            Column("Evidence of impact", 60, Kind.LONG),
            Column("Evidence link", 30, Kind.LONG),
            Column("Outcome", 16),
        ),
        [
            [r.plan, r.ref, r.text, r.lead, r.completed_on, r.impact, r.evidence_link, r.outcome]
            for r in report.completed
        ],
        "No action was completed in the quarter.",
    )


def escalations(report: Report) -> Section:
    masa = report.audience is Audience.MASA
    return Section(
        "escalations",
        "Escalations to MASA" if masa else "Escalations",
        "Escalations raised for the quarter, and those from earlier quarters open at its end "
        "or resolved in it.",
        (
            Column("To", 14),
            Column("Issue", 40, Kind.LONG),
            Column("Plan", 24, Kind.LONG),
            Column("Ref", 7),
            Column("Raised", 12, Kind.DATE),
            Column("State", 24, Kind.LONG),
            Column("Resolved", 12, Kind.DATE),
            Column("Resolution", 40, Kind.LONG),
        ),
        [
            [
                row.to_label,
                row.title,
                row.plan,
                row.ref,
                row.raised_on,
                row.state.label,
                row.resolved_on,
                row.resolution,
            ]
            for row in report.escalations
        ],
        "No escalation to MASA in the quarter." if masa else "No escalation in the quarter.",
    )


def challenges(report: Report) -> Section:
    return Section(
        "challenges",
        "Challenges",
        "Chairs' challenges raised for the quarter, and those from earlier quarters still open "
        f"at {format_date(report.as_at)}.",
        (
            Column("Plan", 26, Kind.LONG),
            Column("Ref", 7),
            Column("Question", 60, Kind.LONG),
            Column("Raised", 12, Kind.DATE),
            Column("Reply wanted by", 12, Kind.DATE),
            Column("Replied", 9),
            Column("Closed", 9),
        ),
        [
            [
                r.plan,
                r.ref,
                r.question,
                r.raised_on,
                r.reply_wanted_by,
                "Yes" if r.replied else "No",
                "Yes" if r.closed else "No",
            ]
            for r in report.challenges
        ],
        "No challenge was raised for the quarter or open at its end.",
    )


def coverage(report: Report) -> Section:
    return Section(
        "coverage",
        "Core-component coverage",
        "How many of the core components each agency's actions address, and the gaps.",
        (
            Column("Agency", 45, Kind.LONG),
            Column("Covered", 9, Kind.NUMBER),
            Column("Of", 6, Kind.NUMBER),
            Column("Gaps (component numbers)", 40, Kind.LONG),
        ),
        [
            [r.agency, r.covered, r.components, ", ".join(map(str, r.gaps)) or "None"]
            for r in report.coverage
        ],
        "There are no agencies.",
    )


def appendix(report: Report) -> Section:
    return Section(
        "appendix",
        "Appendix: every plan",
        f"Every action of every plan as at {format_date(report.as_at)}.",
        (
            Column("Plan", 26, Kind.LONG),
            Column("Objective", 8),
            *_action_columns()[1:],
            Column(label("timeframe"), 14, Kind.LONG),
            Column("Progress", 60, Kind.LONG),
            Column("Progress as at", 12, Kind.DATE),
        ),
        [
            [
                a.plan,
                a.objective_ref,
                a.ref,
                a.text,
                a.lead,
                a.due,
                a.days_overdue or None,
                a.rag,
                moved(a),
                a.timeframe,
                a.progress,
                a.status_as_at,
            ]
            for plan in report.appendix
            for group in plan.objectives
            for a in group.actions
        ],
        "There are no actions.",
        group_by=0,
        landscape=True,
    )


# Column headings short enough for a portrait page; the section's intro says what they mean.
SHORT_LABELS = {Standing.ACTIONS_COMPLETE: "Actions complete", Standing.CLOSED: "Closed"}


def _gaps(labels: tuple[str, ...]) -> str:
    """ "Findings 1, 2; Recommendation 5" from "Finding 1", "Finding 2", "Recommendation 5"."""
    numbers: dict[str, list[str]] = {}
    for named in labels:
        kind, _, number = named.rpartition(" ")
        numbers.setdefault(kind, []).append(number)
    return (
        "; ".join(
            f"{kind}{'s' if len(found) > 1 else ''} {', '.join(found)}"
            for kind, found in numbers.items()
        )
        or "None"
    )


def _since(row: LearningRow) -> str:
    """How the standings moved since the previous quarter's end: "Closed +1, No action -1"."""
    if not row.previous:
        return "New this quarter"
    moved = [
        f"{standing.label} {now - before:+d}"
        for standing, now, before in zip(STANDINGS, row.counts, row.previous, strict=True)
        if now != before
    ]
    return ", ".join(moved) or "No change"


def learning(report: Report) -> Section:
    return Section(
        "learning",
        "Learning from reviews",
        "Each source of learning's findings and recommendations by the standing of the "
        f"actions answering them as at {format_date(report.as_at)}, the change since "
        f"{format_date(report.previous_as_at)}, and the gaps: items no action answers, or "
        'whose open actions are all overdue or red. "Actions complete": every action '
        "answering the item is complete, but no evidence of impact is recorded yet; only that "
        "evidence closes an item.",
        (
            Column("Source", 36, Kind.LONG),
            Column("Items", 7, Kind.NUMBER),
            *(Column(SHORT_LABELS.get(s, s.label), 10, Kind.NUMBER) for s in STANDINGS),
            Column("Since last quarter", 30, Kind.LONG),
            Column("Gaps", 40, Kind.LONG),
        ),
        [
            [
                f"{row.source} ({row.kind.lower()})",
                row.items,
                *row.counts,
                _since(row),
                _gaps(row.gaps),
            ]
            for row in report.learning
        ],
        "There are no sources of learning.",
    )
