"""Hand-made gathered data for the report builder's and renderers' pure tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from tests.support.portfolios import CSC_PLAN, TVP_PLAN, make_portfolio, update
from tracker.challenges.queries import ChallengeItem
from tracker.challenges.rules import ChallengeState
from tracker.core.dates import Quarter
from tracker.escalations.queries import EscalationItem
from tracker.reports.gather import Assurance, Completion, Gathered

Q2 = Quarter(2020, 2)
Q1_END = date(2020, 6, 30)
Q2_END = date(2020, 9, 30)
GENERATED = datetime(2020, 10, 5, 9, 30, tzinfo=UTC)


def moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def escalation(
    number: int,
    *,
    to: str,
    raised: date,
    resolved: date | None = None,
    issue: str = "",
    quarter: Quarter | None = None,
) -> EscalationItem:
    return EscalationItem(
        id=number,
        action_id=None,
        action_ref=None,
        action_text=None,
        plan_id=None,
        plan=None,
        issue=issue or f"Issue {number}",
        escalated_to=to,
        rationale="Needs the board",
        raised_by="chair@example.org",
        raised_at=moment(raised),
        resolution="Settled" if resolved else None,
        resolved_by="chair@example.org" if resolved else None,
        resolved_at=moment(resolved) if resolved else None,
        quarter=quarter or Quarter.of(raised),
    )


def challenge(
    number: int,
    *,
    raised: date,
    closed: date | None = None,
    replied: date | None = None,
    quarter: Quarter | None = None,
) -> ChallengeItem:
    return ChallengeItem(
        id=number,
        action_id=1,
        action_ref="1.1",
        action_text="An action",
        action_lead=None,
        plan_id=TVP_PLAN.id,
        plan=TVP_PLAN.name,
        agency_id=TVP_PLAN.agency_id,
        question=f"Question {number}",
        reply_wanted_by=raised,
        raised_by="chair@example.org",
        raised_at=moment(raised),
        reply="An answer" if replied else None,
        replied_by="lead@example.org" if replied else None,
        replied_at=moment(replied) if replied else None,
        closed_by="chair@example.org" if closed else None,
        closed_at=moment(closed) if closed else None,
        closing_note=None,
        state=ChallengeState.CLOSED if closed else ChallengeState.AWAITING_REPLY,
        reply_overdue_by=0,
        quarter=quarter or Quarter.of(raised),
    )


def gathered(
    actions: list[dict],
    updates: list,
    *,
    quarter: Quarter = Q2,
    added_on: dict[int, date] | None = None,
    progress: dict[int, str] | None = None,
    **rest,
) -> Gathered:
    """`actions` and `updates` as tests.support.portfolios makes them; all in since April."""
    held = make_portfolio(quarter.last_day, actions, updates)
    if progress:
        held = replace(
            held,
            actions=tuple(
                replace(action, progress=progress.get(action.id, action.progress))
                for action in held.actions
            ),
        )
    fields = {
        "completions": (),
        "outcomes": {},
        "escalations": (),
        "challenges": (),
        "return_states": {},
        "assurance": (),
        "key_messages": "",
        **rest,
    }
    return Gathered(
        quarter=quarter,
        strategy="Oxfordshire Neglect Strategy 2020-23",
        partnership="Oxfordshire Safeguarding Children Board",
        portfolio=held,
        added_on=added_on or {spec["id"]: date(2020, 4, 1) for spec in actions},
        **fields,
    )


__all__ = [
    "CSC_PLAN",
    "TVP_PLAN",
    "Assurance",
    "Completion",
    "update",
]
