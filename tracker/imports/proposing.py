"""What a returned proforma proposes rather than changes, and the rows an officer skips. Pure.

An agency fills in a proforma's RAG, progress and evidence of impact: those are its
return, applied on confirm. The other columns are the plan as the tracker holds it,
locked in the file; text changed there anyway, and rows added below the last action,
are the agency's proposals. They wait for the business unit to accept or reject each
one (tracker.proposals), so a returned file never rewrites the plan by itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from tracker.imports.changes import ACTION_FIELDS, ActionChange, PlanChanges

# The protected text a proposed edit is about; `due` and `recurring` are read from the
# time-scale, so they go with it rather than being proposed on their own.
PROTECTED = ("objective", "action", "input", "desired_outcome", "lead", "timeframe")
FROM_TIMESCALE = ("due", "recurring")


def as_proposals(plan: PlanChanges) -> PlanChanges:
    """The plan's changes with new rows and protected-text edits set aside as proposals."""
    applied: list[ActionChange] = []
    edits: list[ActionChange] = []
    unchanged = list(plan.unchanged)
    for change in plan.updated:
        status = tuple(c for c in change.changes if c.field not in ACTION_FIELDS)
        protected = tuple(c for c in change.changes if c.field in PROTECTED)
        if protected:
            edits.append(replace(change, changes=protected))
        if status:
            # Applied with the action's text as the tracker holds it.
            kept = replace(
                change.parsed,
                **{name: getattr(change.existing, name) for name in ACTION_FIELDS},
                objective_ref=change.existing.objective_ref,
            )
            applied.append(ActionChange(change.existing, kept, status))
        else:
            unchanged.append(change.existing)
    held = {existing.ref: existing for existing in unchanged}
    held |= {change.existing.ref: change.existing for change in applied}
    # What is written reads the objectives from the plan's rows: as the tracker has them.
    rows = tuple(
        replace(row, objective=held[row.ref].objective, objective_ref=held[row.ref].objective_ref)
        for row in plan.plan.actions
        if row.ref in held
    )
    return replace(
        plan,
        plan=replace(plan.plan, actions=rows),
        created=(),
        updated=tuple(applied),
        unchanged=tuple(unchanged),
        proposed_new=plan.created,
        proposed_edits=_one_per_objective(edits),
    )


def _one_per_objective(edits: Iterable[ActionChange]) -> tuple[ActionChange, ...]:
    """An objective's re-wording shows on each of its actions' rows: proposed once."""
    seen: set[tuple[str, object]] = set()
    kept = []
    for edit in edits:
        changes = []
        for change in edit.changes:
            if change.field == "objective":
                key = (edit.existing.objective_ref, change.after)
                if key in seen:
                    continue
                seen.add(key)
            changes.append(change)
        if changes:
            kept.append(replace(edit, changes=tuple(changes)))
    return tuple(kept)


def skipping(plan: PlanChanges, skipped_ids: Collection[int]) -> PlanChanges:
    """The plan's changes without the rows the officer chose to skip: those actions stay
    as they are."""
    if not skipped_ids:
        return plan
    skipped = tuple(c for c in plan.updated if c.existing.id in skipped_ids)
    if not skipped:
        return plan
    return replace(
        plan,
        updated=tuple(c for c in plan.updated if c.existing.id not in skipped_ids),
        unchanged=plan.unchanged + tuple(c.existing for c in skipped),
        skipped=skipped,
    )
