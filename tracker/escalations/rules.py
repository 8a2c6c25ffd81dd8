"""The rules for escalating an action, or an issue of its own, and for resolving it. Pure.

An escalation goes to one of two bodies and stays open until resolved with a
note of how. An action's escalation may leave the issue line empty: the
action's ref and text say what it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.challenges.rules import TextCheck, text_problem
from tracker.core.dates import Quarter
from tracker.core.strategy_period import StrategyPeriod, check_review_quarter

MAX_ISSUE = 300
MAX_RATIONALE = 4000
MAX_RESOLUTION = 4000

# The values stored in Escalation.escalated_to, and how people name the bodies.
BODIES = {"business-group": "OSCB Business Group", "masa": "MASA"}


def body_label(value: str) -> str:
    return BODIES.get(value, value)


@dataclass(frozen=True)
class EscalationForm:
    """An escalation as the chair typed it."""

    escalated_to: str = ""
    issue: str = ""
    rationale: str = ""
    quarter: str = ""  # the quarter under review, as a slug; empty: the default


@dataclass(frozen=True)
class CheckedEscalation:
    escalated_to: str
    issue: str  # "" for an action's escalation with no line of its own
    rationale: str
    quarter: Quarter


@dataclass(frozen=True)
class EscalationCheck:
    escalation: CheckedEscalation | None
    problems: dict[str, str] = field(default_factory=dict)


def check_escalation(
    form: EscalationForm,
    *,
    for_action: bool,
    today: date,
    period: StrategyPeriod | None = None,
) -> EscalationCheck:
    problems: dict[str, str] = {}
    quarter, problem = check_review_quarter(form.quarter, period or StrategyPeriod(), today)
    if problem:
        problems["quarter"] = problem
    if form.escalated_to not in BODIES:
        problems["escalated_to"] = "Choose who to escalate to: OSCB Business Group or MASA."
    issue = " ".join(form.issue.split())  # one line, as the lists show it
    if problem := text_problem(
        issue,
        name="The issue",
        limit=MAX_ISSUE,
        required=None if for_action else "Write the issue in a line.",
    ):
        problems["issue"] = problem
    rationale = form.rationale.strip()
    if problem := text_problem(
        rationale,
        name="The rationale",
        limit=MAX_RATIONALE,
        required="Write why it needs escalating.",
    ):
        problems["rationale"] = problem
    if problems or quarter is None:
        return EscalationCheck(None, problems)
    return EscalationCheck(CheckedEscalation(form.escalated_to, issue, rationale, quarter))


def check_resolution(resolution: str) -> TextCheck:
    text = resolution.strip()
    problem = text_problem(
        text,
        name="The resolution",
        limit=MAX_RESOLUTION,
        required="Write how the escalation was resolved.",
    )
    return TextCheck(None, {"resolution": problem}) if problem else TextCheck(text)
