"""The report as JSON: the same data as the other formats, for integrations and tests.

Both audiences carry quarter, as_at, audience, plans, overdue, completed,
escalations, not_returned, red, key_messages and the front sheet (front: meeting,
meeting_date, marking, author, purpose, summary, recommendations); the Business Group's adds
returns' disagreements, open challenges, coverage, learning from reviews (each source's items
by standing, and its gaps) and the appendix.
Dates are ISO days; RAG values are red, amber, green, blue (complete) or null.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tracker.core.rag import RagCounts
from tracker.learning.rules import STANDINGS
from tracker.reports.model import Audience, MovementCounts, Report, ReportAction


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _counts(counts: RagCounts) -> dict[str, int]:
    return {
        "red": counts.red,
        "amber": counts.amber,
        "green": counts.green,
        "blue": counts.blue,
        "none": counts.none,
    }


def _movement(counts: MovementCounts) -> dict[str, int]:
    return {moved.value: count for moved, count in counts.items()}


def _action(action: ReportAction) -> dict[str, Any]:
    return {
        "plan": action.plan,
        "ref": action.ref,
        "text": action.text,
        "lead": action.lead,
        "timeframe": action.timeframe,
        "due": _day(action.due),
        "rag": action.rag,
        "previous_rag": action.previous_rag,
        "movement": action.movement.value,
        "progress": action.progress,
        "status_as_at": _day(action.status_as_at),
        "overdue": action.overdue,
        "days_overdue": action.days_overdue,
    }


def report_data(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "quarter": report.quarter.slug,
        "quarter_label": report.quarter.label,
        "as_at": _day(report.as_at),
        "previous_as_at": _day(report.previous_as_at),
        "audience": report.audience.value,
        "audience_label": report.audience.label,
        "strategy": report.strategy,
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "counts": _counts(report.counts),
        "previous_counts": _counts(report.previous_counts),
        "movement": _movement(report.movement),
        "plans": [
            {
                "plan": plan.plan,
                "agency": plan.agency,
                "counts": _counts(plan.counts),
                "previous_counts": _counts(plan.previous_counts),
                "movement": _movement(plan.movement),
                "returned": plan.returned,
                "return_state": plan.return_state.value,
            }
            for plan in report.plans
        ],
        "not_returned": list(report.not_returned),
        "red": [_action(action) for action in report.red],
        "overdue": [_action(action) for action in report.overdue],
        "completed": [
            {
                "plan": row.plan,
                "ref": row.ref,
                "text": row.text,
                "lead": row.lead,
                "completed_on": _day(row.completed_on),
                "impact": row.impact,
                "evidence_link": row.evidence_link,
                "outcome": row.outcome,
            }
            for row in report.completed
        ],
        "escalations": [
            {
                "to": row.to,
                "title": row.title,
                "plan": row.plan,
                "ref": row.ref,
                "rationale": row.rationale,
                "raised_on": _day(row.raised_on),
                "raised_by": row.raised_by,
                "resolved_on": _day(row.resolved_on),
                "resolution": row.resolution,
                "state": row.state.value,
            }
            for row in report.escalations
        ],
        "key_messages": report.key_messages,
        "front": {
            "meeting": report.front.meeting,
            "meeting_date": _day(report.front.meeting_date),
            "marking": report.front.marking.value,
            "author": report.front.author,
            "purpose": report.front.purpose,
            "summary": report.front.summary,
            "recommendations": report.front.recommendations,
        },
    }
    if report.audience is Audience.BUSINESS_GROUP:
        data |= {
            "disagreements": [
                {
                    "plan": row.plan,
                    "ref": row.ref,
                    "agency_rag": row.agency_rag,
                    "assurance_rag": row.assurance_rag,
                    "reason": row.reason,
                    "set_by": row.set_by,
                }
                for row in report.disagreements
            ],
            "challenges": [
                {
                    "plan": row.plan,
                    "ref": row.ref,
                    "question": row.question,
                    "raised_on": _day(row.raised_on),
                    "reply_wanted_by": _day(row.reply_wanted_by),
                    "replied": row.replied,
                    "closed": row.closed,
                }
                for row in report.challenges
            ],
            "coverage": [
                {
                    "agency": row.agency,
                    "covered": row.covered,
                    "components": row.components,
                    "gaps": list(row.gaps),
                }
                for row in report.coverage
            ],
            "learning": [
                {
                    "source": row.source,
                    "kind": row.kind,
                    "items": row.items,
                    "standings": {
                        standing.value: count
                        for standing, count in zip(STANDINGS, row.counts, strict=True)
                    },
                    "gaps": list(row.gaps),
                }
                for row in report.learning
            ],
            "appendix": [
                {
                    "plan": plan.plan,
                    "agency": plan.agency,
                    "actions": [
                        _action(action) for group in plan.objectives for action in group.actions
                    ],
                }
                for plan in report.appendix
            ],
        }
    return data


def report_json(report: Report) -> bytes:
    return (json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n").encode()
