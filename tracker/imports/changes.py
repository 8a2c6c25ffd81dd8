"""What importing a parsed plan would change, worked out without the database.

Actions are matched by ref within their plan. A changed RAG or progress is a
new update in the action's history, never an overwrite; an action that is
missing from a later return is reported, never deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.imports.proforma import ParsedAction, ParsedPlan

# Fields of an action that a return may change, as named in the import JSON.
ACTION_FIELDS = (
    "objective",
    "action",
    "input",
    "desired_outcome",
    "lead",
    "timeframe",
    "due",
    "recurring",
)
STATUS_FIELDS = ("rag", "progress")
IMPACT = "impact"  # evidence of impact: a new update's, compared with the latest given


@dataclass(frozen=True)
class ExistingAction:
    id: int
    version: int
    ref: str
    objective_id: int
    objective_ref: str
    objective: str
    action: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    rag: str | None
    progress: str | None
    impact: str | None = None  # its latest evidence of impact


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ActionChange:
    existing: ExistingAction
    parsed: ParsedAction
    changes: tuple[FieldChange, ...]

    @property
    def edits_action(self) -> bool:
        return any(change.field in ACTION_FIELDS for change in self.changes)

    @property
    def adds_update(self) -> bool:
        return any(change.field in (*STATUS_FIELDS, IMPACT) for change in self.changes)


@dataclass(frozen=True)
class PlanChanges:
    plan: ParsedPlan
    created: tuple[ParsedAction, ...]
    updated: tuple[ActionChange, ...]
    unchanged: tuple[ExistingAction, ...]
    missing: tuple[ExistingAction, ...]
    # A returned proforma proposes, for the business unit to accept or reject: rows the
    # agency added, and changes to the text it should not change (tracker.imports.proposing).
    proposed_new: tuple[ParsedAction, ...] = ()
    proposed_edits: tuple[ActionChange, ...] = ()
    # Rows the officer chose not to apply (tracker.imports.risks): left as they are.
    skipped: tuple[ActionChange, ...] = ()

    @property
    def proposes(self) -> bool:
        return bool(self.proposed_new or self.proposed_edits)


def _field_changes(
    existing: ExistingAction, parsed: ParsedAction, given: frozenset[str] | None = None
) -> tuple[FieldChange, ...]:
    """`given`: the fields the sheet has columns for; it says nothing of the others."""
    changes = [
        FieldChange(name, getattr(existing, name), getattr(parsed, name))
        for name in ACTION_FIELDS
        if (given is None or name in given) and getattr(existing, name) != getattr(parsed, name)
    ]
    # A return that says nothing about progress (no RAG or progress column, or
    # blank cells) leaves the action's status as it is.
    if parsed.rag is not None or parsed.progress is not None:
        changes += [
            FieldChange(name, getattr(existing, name), getattr(parsed, name))
            for name in STATUS_FIELDS
            if getattr(existing, name) != getattr(parsed, name)
        ]
    if parsed.impact is not None and parsed.impact != existing.impact:
        changes.append(FieldChange(IMPACT, existing.impact, parsed.impact))
    return tuple(changes)


def _blanks_kept(existing: ExistingAction, parsed: ParsedAction) -> ParsedAction:
    """The action as a proforma returns it: a blank RAG or progress is the one it had."""
    if parsed.rag is not None and parsed.progress is not None:
        return parsed
    if parsed.rag is None and parsed.progress is None and parsed.impact is None:
        return parsed  # says nothing of its status: left as it is
    return replace(
        parsed,
        rag=existing.rag if parsed.rag is None else parsed.rag,
        progress=existing.progress if parsed.progress is None else parsed.progress,
    )


def plan_changes(
    parsed: ParsedPlan, existing: Mapping[str, ExistingAction], blank_keeps: bool = False
) -> PlanChanges:
    """`blank_keeps`: a blank RAG or progress keeps the action's (a tracker proforma)."""
    created: list[ParsedAction] = []
    updated: list[ActionChange] = []
    unchanged: list[ExistingAction] = []
    for action in parsed.actions:
        match = existing.get(action.ref)
        if match is None:
            created.append(action)
            continue
        if blank_keeps:
            action = _blanks_kept(match, action)
        changes = _field_changes(match, action, parsed.fields_given)
        if changes:
            updated.append(ActionChange(match, action, changes))
        else:
            unchanged.append(match)
    in_return = {action.ref for action in parsed.actions}
    missing = tuple(action for ref, action in existing.items() if ref not in in_return)
    return PlanChanges(parsed, tuple(created), tuple(updated), tuple(unchanged), missing)


def summary(all_changes: list[PlanChanges]) -> dict[str, int]:
    return {
        "created": sum(len(changes.created) for changes in all_changes),
        "updated": sum(len(changes.updated) for changes in all_changes),
        "unchanged": sum(len(changes.unchanged) for changes in all_changes),
    }


def fingerprint(all_changes: tuple[PlanChanges, ...] | list[PlanChanges]) -> str:
    """A digest of exactly what an import would do.

    The preview shows it; confirming compares it with a fresh comparison made
    inside the write transaction, so what is applied is what was previewed.
    """
    digest = hashlib.sha256()
    for changes in all_changes:
        digest.update(f"plan|{changes.plan.plan}\n".encode())
        for action in changes.created:
            digest.update(f"create|{action!r}\n".encode())
        for change in changes.updated:
            digest.update(f"update|{change.existing.id}|{change.changes!r}\n".encode())
        for existing in changes.unchanged:
            digest.update(f"same|{existing.id}\n".encode())
        for existing in changes.missing:
            digest.update(f"missing|{existing.id}\n".encode())
        for action in changes.proposed_new:
            digest.update(f"propose|{action!r}\n".encode())
        for change in changes.proposed_edits:
            digest.update(f"propose-edit|{change.existing.id}|{change.changes!r}\n".encode())
    return digest.hexdigest()
