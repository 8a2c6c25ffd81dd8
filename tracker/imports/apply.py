"""Writing a file's changes to the database. Callers hold the transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.core import clock
from tracker.core.tables import Action, ActionCoreComponent, Objective, Plan, Update, UpdateSource
from tracker.imports.changes import PlanChanges
from tracker.imports.proforma import ParsedAction
from tracker.imports.suggestions import KnownComponent, suggested_tags
from tracker.imports.undo_log import EDITABLE_COLUMNS, UndoLog


async def ensure_plan(
    strategy_id: int, name: str, kind: str, agency_id: int | None
) -> tuple[int, bool]:
    """The plan's id, and whether it had to be created."""
    found = (
        await Plan.select(Plan.id)
        .where((Plan.strategy == strategy_id) & (Plan.name == name))
        .first()
    )
    if found:
        return found["id"], False
    created = await Plan.insert(Plan(strategy=strategy_id, name=name, kind=kind, agency=agency_id))
    return created[0]["id"], True


async def _objective_ids(plan_id: int, changes: PlanChanges, log: UndoLog) -> dict[str, int]:
    """Objectives by ref, created or re-worded as the return has them."""
    rows = await Objective.select(Objective.id, Objective.ref, Objective.text).where(
        Objective.plan == plan_id
    )
    known = {row["ref"]: row for row in rows}
    ids: dict[str, int] = {}
    for position, action in enumerate(changes.plan.actions):
        ref, text = action.objective_ref, action.objective
        if ref in ids:
            continue
        row = known.get(ref)
        if row is None:
            created = await Objective.insert(
                Objective(plan=plan_id, ref=ref, text=text, position=position)
            )
            ids[ref] = created[0]["id"]
            log.created_objectives.append(ids[ref])
        else:
            ids[ref] = row["id"]
            if row["text"] != text:
                log.objective_texts.setdefault(row["id"], row["text"])
                await Objective.update({Objective.text: text}).where(Objective.id == row["id"])
    return ids


def _column_values(action: ParsedAction, objective_id: int) -> dict[str, Any]:
    return {
        "objective": objective_id,
        "text": action.action,
        "input": action.input,
        "desired_outcome": action.desired_outcome,
        "lead": action.lead,
        "timeframe": action.timeframe,
        "due": action.due,
        "recurring": action.recurring,
    }


def _update_row(
    action_id: int, action: ParsedAction, as_at: date, recorded_by: str, import_id: int | None
) -> Update:
    return Update(
        action=action_id,
        rag=action.rag,
        progress=action.progress,
        as_at=as_at,
        recorded_at=clock.now(),
        recorded_by=recorded_by,
        source=UpdateSource.IMPORT.value,
        import_record=import_id,
    )


async def apply_plan_changes(
    plan_id: int,
    changes: PlanChanges,
    *,
    as_at: date,
    recorded_by: str,
    import_id: int | None,
    log: UndoLog,
    components: tuple[KnownComponent, ...] = (),
) -> None:
    """With `components`, new actions are tagged with those their objective suggests."""
    objective_ids = await _objective_ids(plan_id, changes, log)
    order = {action.ref: position for position, action in enumerate(changes.plan.actions)}
    new_updates: list[Update] = []
    now = clock.now()
    created_ids: list[tuple[int, ParsedAction]] = []
    for action in changes.created:
        values = _column_values(action, objective_ids[action.objective_ref])
        created = await Action.insert(
            Action(
                plan=plan_id, ref=action.ref, position=order[action.ref], created_at=now, **values
            )
        )
        action_id = created[0]["id"]
        log.created_actions.append(action_id)
        created_ids.append((action_id, action))
        log.versions[action_id] = 1
        if action.rag is not None or action.progress is not None:
            new_updates.append(_update_row(action_id, action, as_at, recorded_by, import_id))
    for change in changes.updated:
        existing = change.existing
        edits: dict[Any, Any] = {}
        if change.edits_action:
            after = _column_values(change.parsed, objective_ids[change.parsed.objective_ref])
            before = {"objective": existing.objective_id, "text": existing.action}
            before |= {column: getattr(existing, column) for column in EDITABLE_COLUMNS[2:]}
            log.edited_actions[existing.id] = before
            edits = {Action._meta.get_column_by_name(name): value for name, value in after.items()}
        # Any change, a new update included, moves the version on, so an edit
        # made on the page against the old version is caught (no lost updates).
        await Action.update({**edits, Action.version: Action.version + 1}).where(
            Action.id == existing.id
        )
        log.versions[existing.id] = existing.version + 1
        if change.adds_update:
            new_updates.append(
                _update_row(existing.id, change.parsed, as_at, recorded_by, import_id)
            )
    if new_updates:
        await Update.insert(*new_updates)
    # Removed with their actions on undo: the tags cascade when an action is deleted.
    tags = suggested_tags(created_ids, components)
    if tags:
        await ActionCoreComponent.insert(*tags)
