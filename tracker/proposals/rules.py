"""Proposals a returned proforma makes to its plan's text, and deciding them. Pure.

An agency proposes; the business unit accepts or rejects each proposal on its own.
A proposal is decided once: whoever decides second is told who decided first. An
edit is accepted only while the action still reads as it did when proposed, so a
later change to the plan is never overwritten unseen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tracker.core.clock import uk_day
from tracker.core.dates import format_date
from tracker.core.refusals import Conflict


class ProposalKind(StrEnum):
    NEW = "new"  # a row the agency added: a new action
    EDIT = "edit"  # a change to protected text of an existing action


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"proposed": "Waiting for a decision", "accepted": "Accepted"}.get(
            self.value, "Rejected"
        )


FIELD_LABELS = {
    "objective": "Objective",
    "action": "Action",
    "input": "Input",
    "desired_outcome": "Desired outcome",
    "lead": "Lead",
    "timeframe": "Time-scale",
}


@dataclass(frozen=True)
class NewProposal:
    """A proposal as an import makes it, before it is stored."""

    kind: ProposalKind
    ref: str
    field: str = ""
    before: str | None = None
    after: str | None = None
    details: dict[str, Any] = dataclasses.field(default_factory=dict)


class ProposalDecided(Conflict):
    """Someone else decided the proposal first: nothing was changed."""


class ProposalStale(Conflict):
    """The plan changed since the proposal was made: accepting it would overwrite that."""


def already_decided(status: ProposalStatus, decided_by: str | None, at: datetime | None) -> str:
    who = f" by {decided_by}" if decided_by else ""
    when = f" on {format_date(uk_day(at))}" if at else ""
    return (
        f"This proposal was already {status.value}{who}{when}, so nothing was changed. "
        "The page now shows the decision."
    )


def stale_edit(ref: str, field_name: str) -> str:
    label = FIELD_LABELS.get(field_name, field_name).lower()
    return (
        f"The {label} of action {ref} has changed since the agency proposed this, so it was "
        "not accepted: reject it, or edit the action yourself."
    )


def ref_taken(ref: str) -> str:
    return (
        f"The plan already has an action {ref}, so the proposed new action was not added: "
        "reject it, or add the action yourself with another ref."
    )


def as_text(value: object) -> str | None:
    """A field's value as a proposal keeps it (a date as YYYY-MM-DD)."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
