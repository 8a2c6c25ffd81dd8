"""Changing a plan's shape on the web: the checks on what a form sent. Pure.

Objectives and actions are added, reworded, renumbered and moved; an action is
withdrawn from a day (out of counts, overdue lists and returns from then on) and
can be reinstated. Who may: tracker.core.permissions.may_change_plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from tracker.core.dates import format_date, parse_day

REF_LENGTH = 20  # the ref columns' width
TEXT_LENGTH = 4000
LEAD_LENGTH = 200
TIMEFRAME_LENGTH = 500
REASON_LENGTH = 1000

_PIECES = re.compile(r"(\d+)")
T = TypeVar("T")


def natural_key(ref: str) -> tuple[tuple[int, int | str], ...]:
    """Refs in the order people read them: "2" before "10", "1.2" before "1.10", "3a" after "3"."""
    return tuple(
        (0, int(piece)) if piece.isdigit() else (1, piece.casefold())
        for piece in _PIECES.split(ref.strip())
        if piece
    )


def in_natural_order(refs: Iterable[tuple[int, str]]) -> list[int]:
    """The ids of (id, ref) pairs in the refs' natural order (ties: the older id first)."""
    return [ident for ident, _ in sorted(refs, key=lambda pair: (natural_key(pair[1]), pair[0]))]


def _ref(typed: str, what: str, problems: dict[str, str]) -> str:
    ref = " ".join(typed.split())
    if not ref:
        problems["ref"] = f"Enter the {what}'s ref, for example 1.4."
    elif len(ref) > REF_LENGTH:
        problems["ref"] = f"The {what}'s ref must be {REF_LENGTH} characters or fewer."
    return ref


def _text(
    typed: str,
    name: str,
    words: str,
    problems: dict[str, str],
    *,
    required: bool = False,
    limit: int = TEXT_LENGTH,
) -> str | None:
    text = typed.strip()
    if required and not text:
        problems[name] = f"Enter the {words}."
    elif len(text) > limit:
        problems[name] = f"The {words} must be {limit:,} characters or fewer."
    return text or None


def ref_taken(what: str, ref: str) -> str:
    return f"Another {what} of this plan is already numbered {ref}: choose a ref it does not use."


@dataclass(frozen=True)
class ObjectiveForm:
    ref: str = ""
    text: str = ""


@dataclass(frozen=True)
class ObjectiveChange:
    ref: str
    text: str

    def values(self) -> dict[str, str]:
        return {"ref": self.ref, "text": self.text}


@dataclass(frozen=True)
class Checked(Generic[T]):
    change: T | None
    problems: dict[str, str] = field(default_factory=dict)


def check_objective(form: ObjectiveForm) -> Checked[ObjectiveChange]:
    problems: dict[str, str] = {}
    ref = _ref(form.ref, "objective", problems)
    text = _text(form.text, "text", "objective", problems, required=True)
    if problems:
        return Checked(None, problems)
    return Checked(ObjectiveChange(ref, text or ""))


@dataclass(frozen=True)
class ActionWordingForm:
    """An action's ref, words and objective: rewording, renumbering and moving it."""

    ref: str = ""
    text: str = ""
    input: str = ""
    desired_outcome: str = ""
    objective: str = ""  # the objective's id, as the form's select sends it


@dataclass(frozen=True)
class ActionWording:
    ref: str
    text: str
    input: str | None
    desired_outcome: str | None
    objective_id: int

    def values(self) -> dict[str, str | int | None]:
        return {
            "ref": self.ref,
            "text": self.text,
            "input": self.input,
            "desired_outcome": self.desired_outcome,
            "objective": self.objective_id,
        }


def _objective(typed: str, objectives: Sequence[int], problems: dict[str, str]) -> int:
    chosen = int(typed) if typed.strip().isdigit() else None
    if chosen is None or chosen not in objectives:
        problems["objective"] = "Choose one of this plan's objectives."
        return 0
    return chosen


def _wording(
    form: ActionWordingForm, objectives: Sequence[int], problems: dict[str, str]
) -> ActionWording:
    return ActionWording(
        ref=_ref(form.ref, "action", problems),
        text=_text(form.text, "text", "action", problems, required=True) or "",
        input=_text(form.input, "input", "input", problems),
        desired_outcome=_text(form.desired_outcome, "desired_outcome", "desired outcome", problems),
        objective_id=_objective(form.objective, objectives, problems),
    )


def check_wording(form: ActionWordingForm, objectives: Sequence[int]) -> Checked[ActionWording]:
    """`objectives`: the ids of the action's plan's objectives, the only places it may go."""
    problems: dict[str, str] = {}
    wording = _wording(form, objectives, problems)
    return Checked(None, problems) if problems else Checked(wording)


@dataclass(frozen=True)
class NewActionForm(ActionWordingForm):
    lead: str = ""
    timeframe: str = ""
    due: str = ""


@dataclass(frozen=True)
class NewAction:
    wording: ActionWording
    lead: str | None
    timeframe: str | None
    due: date | None

    def values(self) -> dict[str, str | int | date | None]:
        return {
            **self.wording.values(),
            "lead": self.lead,
            "timeframe": self.timeframe,
            "due": self.due,
        }


def check_new_action(form: NewActionForm, objectives: Sequence[int]) -> Checked[NewAction]:
    problems: dict[str, str] = {}
    wording = _wording(form, objectives, problems)
    lead = " ".join(form.lead.split())
    if len(lead) > LEAD_LENGTH:
        problems["lead"] = f"The lead must be {LEAD_LENGTH} characters or fewer."
    timeframe = _text(form.timeframe, "timeframe", "time-frame", problems, limit=TIMEFRAME_LENGTH)
    due = None
    if form.due.strip():
        due = parse_day(form.due)
        if due is None:
            problems["due"] = "Enter the due date as a real date, for example 2021-03-31."
    if problems:
        return Checked(None, problems)
    return Checked(NewAction(wording, lead or None, timeframe, due))


@dataclass(frozen=True)
class WithdrawForm:
    withdrawn_on: str = ""
    withdrawn_reason: str = ""


@dataclass(frozen=True)
class Withdrawal:
    on: date
    reason: str


def check_withdrawal(form: WithdrawForm, today: date) -> Checked[Withdrawal]:
    """The day it is withdrawn from (default today, never in the future) and why (required)."""
    problems: dict[str, str] = {}
    on: date | None = today
    if form.withdrawn_on.strip():
        on = parse_day(form.withdrawn_on)
        if on is None:
            problems["withdrawn_on"] = (
                "Enter the day it was withdrawn as a real date, for example 2021-03-31."
            )
        elif on > today:
            problems["withdrawn_on"] = (
                f"The day it was withdrawn cannot be in the future: today is {format_date(today)}."
            )
    reason = _text(
        form.withdrawn_reason,
        "withdrawn_reason",
        "reason it was withdrawn",
        problems,
        required=True,
        limit=REASON_LENGTH,
    )
    if problems or on is None:
        return Checked(None, problems)
    return Checked(Withdrawal(on, reason or ""))


def counts_on(withdrawn_on: date | None, day: date) -> bool:
    """The withdrawal rule: an action counts on `day` unless withdrawn on or before it."""
    return withdrawn_on is None or withdrawn_on > day


def changed(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what differs: (before, after) of the changed values."""
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
