"""What an import makes of the plan's return for its quarter: started (a draft), submitted
as the officer chose, and the proposals the file makes stored for the business unit.
Callers hold the transaction."""

from __future__ import annotations

from tracker.core.dates import Quarter
from tracker.imports.changes import PlanChanges
from tracker.proposals.rules import NewProposal, ProposalKind, as_text
from tracker.proposals.store import record_proposals
from tracker.returns.store import ensure_draft, submit_imported

# A new action's fields, as a proposal keeps them until it is accepted.
_NEW_FIELDS = (
    "objective_ref",
    "objective",
    "action",
    "input",
    "desired_outcome",
    "lead",
    "timeframe",
    "due",
    "recurring",
    "rag",
    "progress",
    "impact",
)


def proposals_of(changes: PlanChanges) -> tuple[NewProposal, ...]:
    """The file's proposals as stored: a new action each, an edit per protected field."""
    found = [
        NewProposal(
            ProposalKind.NEW,
            action.ref,
            after=action.action,
            details={name: as_text(getattr(action, name)) for name in _NEW_FIELDS},
        )
        for action in changes.proposed_new
    ]
    for change in changes.proposed_edits:
        for edit in change.changes:
            details = {}
            if edit.field == "timeframe":
                details = {"due": as_text(change.parsed.due), "recurring": change.parsed.recurring}
            found.append(
                NewProposal(
                    ProposalKind.EDIT,
                    change.existing.ref,
                    edit.field,
                    as_text(edit.before),
                    as_text(edit.after),
                    details,
                )
            )
    return tuple(found)


async def fill_return(
    plan_id: int,
    changes: PlanChanges,
    quarter: Quarter,
    *,
    actor: str,
    import_id: int,
    submit: bool,
    on_behalf: bool,
) -> None:
    """Only where the file changes or proposes something: a proforma sent back untouched
    starts no return."""
    if not (changes.created or changes.updated or changes.proposes):
        return
    name = changes.plan.plan
    await ensure_draft(plan_id, name, quarter, actor=actor, import_id=import_id)
    await record_proposals(
        plan_id, quarter, proposals_of(changes), proposed_by=actor, import_id=import_id
    )
    if submit:
        await submit_imported(
            plan_id, name, quarter, actor=actor, import_id=import_id, on_behalf=on_behalf
        )
