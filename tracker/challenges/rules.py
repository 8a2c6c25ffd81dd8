"""The rules for a chair's challenge to an action's lead, and the reply. Pure.

A challenge is open until the chair closes it. While open it is either
awaiting the lead's reply or answered (awaiting the chair). A reply is
overdue once the day it was wanted by has passed with no reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tracker.core.dates import Quarter, format_date, parse_day
from tracker.core.roles import Role
from tracker.core.strategy_period import StrategyPeriod, check_review_quarter

MAX_QUESTION = 4000
MAX_REPLY = 4000
MAX_CLOSING_NOTE = 4000


class ChallengeState(StrEnum):
    AWAITING_REPLY = "awaiting-reply"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    ChallengeState.AWAITING_REPLY: "Awaiting reply",
    ChallengeState.ANSWERED: "Answered",
    ChallengeState.CLOSED: "Closed",
}


def challenge_state(reply: str | None, closed: bool) -> ChallengeState:
    if closed:
        return ChallengeState.CLOSED
    return ChallengeState.ANSWERED if reply else ChallengeState.AWAITING_REPLY


def reply_overdue_by(state: ChallengeState, reply_wanted_by: date, today: date) -> int:
    """Days past the wanted-by date with no reply; 0 when not overdue (due today is not)."""
    if state is not ChallengeState.AWAITING_REPLY or reply_wanted_by >= today:
        return 0
    return (today - reply_wanted_by).days


@dataclass(frozen=True)
class ChallengeForm:
    """A challenge as the chair typed it."""

    question: str = ""
    reply_wanted_by: str = ""
    quarter: str = ""  # the quarter under review, as a slug; empty: the default


@dataclass(frozen=True)
class CheckedChallenge:
    question: str
    reply_wanted_by: date
    quarter: Quarter


@dataclass(frozen=True)
class ChallengeCheck:
    challenge: CheckedChallenge | None
    problems: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TextCheck:
    """One piece of text (a reply, a closing note), or why it cannot be saved."""

    text: str | None
    problems: dict[str, str] = field(default_factory=dict)


def text_problem(text: str, *, name: str, limit: int, required: str | None) -> str | None:
    """`required` is the message for an empty text, or None when it may be empty."""
    if not text and required:
        return required
    if len(text) > limit:
        return f"{name} must be {limit:,} characters or fewer (it is {len(text):,})."
    return None


def _wanted_by_problem(text: str, today: date) -> tuple[date | None, str | None]:
    if not text.strip():
        return None, "Enter the date a reply is wanted by."
    day = parse_day(text)
    if day is None:
        return None, "Enter the date a reply is wanted by as a real date, for example 2020-10-31."
    if day < today:
        return None, (
            f"The date a reply is wanted by cannot be in the past: "
            f"make it today ({format_date(today)}) or later."
        )
    return day, None


def withdrawn_refusal(ref: str, withdrawn_on: date) -> str:
    """Why a withdrawn action cannot be challenged: its lead no longer reports on it."""
    return (
        f"Action {ref} was withdrawn on {format_date(withdrawn_on)}: its lead no longer "
        "reports on it, so it cannot be challenged. Escalate it if the withdrawal itself "
        "is in question."
    )


def check_challenge(
    form: ChallengeForm, today: date, period: StrategyPeriod | None = None
) -> ChallengeCheck:
    problems: dict[str, str] = {}
    quarter, problem = check_review_quarter(form.quarter, period or StrategyPeriod(), today)
    if problem:
        problems["quarter"] = problem
    question = form.question.strip()
    if problem := text_problem(
        question,
        name="The question",
        limit=MAX_QUESTION,
        required="Write the question for the lead.",
    ):
        problems["question"] = problem
    wanted_by, problem = _wanted_by_problem(form.reply_wanted_by, today)
    if problem:
        problems["reply_wanted_by"] = problem
    if problems or wanted_by is None or quarter is None:
        return ChallengeCheck(None, problems)
    return ChallengeCheck(CheckedChallenge(question, wanted_by, quarter))


def check_reply(reply: str) -> TextCheck:
    text = reply.strip()
    problem = text_problem(
        text, name="The reply", limit=MAX_REPLY, required="Write your reply to the challenge."
    )
    return TextCheck(None, {"reply": problem}) if problem else TextCheck(text)


def check_closing_note(note: str) -> TextCheck:
    """The note is optional: a chair may close a challenge the reply settled."""
    text = note.strip()
    problem = text_problem(text, name="The closing note", limit=MAX_CLOSING_NOTE, required=None)
    return TextCheck(None, {"closing_note": problem}) if problem else TextCheck(text or None)


# Raising and closing challenges, and raising and resolving escalations, is
# the chairs' job; the business unit does it for them when asked.
CAN_CHALLENGE = frozenset({Role.CHAIR, Role.BUSINESS_UNIT})
