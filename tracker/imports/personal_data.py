"""Imported progress that looks like it identifies a person: found, shown and confirmed.

Only text the import would save counts: the progress of a new action, and a
changed progress that becomes a new update. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.personal_data.check import FlaggedField, flagged_fields
from tracker.imports.changes import PlanChanges
from tracker.imports.proforma import ParsedAction, ParsedPlan, Problem
from tracker.imports.proforma.workbook import let_the_loop_in


@dataclass(frozen=True)
class ImportedText:
    plan: str
    sheet: str
    ref: str
    row: int
    column: str | None
    flagged: FlaggedField  # field "progress", the column of the update it becomes

    @property
    def problem(self) -> Problem:
        return Problem(self.sheet, self.row, self.column, self.flagged.message)

    @property
    def subject(self) -> str:
        """As the audit trail names the action (tracker.updates.store.action_subject)."""
        return f"Action {self.ref}, {self.plan}"


def _flagged(plan: ParsedPlan, action: ParsedAction) -> tuple[ImportedText, ...]:
    label = f"The progress of action {action.ref}"
    return tuple(
        ImportedText(plan.plan, plan.sheet, action.ref, action.row, plan.progress_column, field)
        for field in flagged_fields({"progress": (label, action.progress)})
    )


def flagged_imports(all_changes: tuple[PlanChanges, ...]) -> tuple[ImportedText, ...]:
    """Progress the import would save that looks like it identifies a person, in sheet order."""
    found: list[ImportedText] = []
    for changes in all_changes:
        # A proposed new action's progress is saved once accepted: checked now, with the rest.
        saved = [action for action in changes.created + changes.proposed_new if action.progress]
        saved += [
            change.parsed
            for change in changes.updated
            if change.adds_update and change.parsed.progress
        ]
        for number, action in enumerate(sorted(saved, key=lambda action: action.row)):
            if number % 8 == 0:
                let_the_loop_in()  # run in a worker thread (see workbook)
            found.extend(_flagged(changes.plan, action))
    return tuple(found)
