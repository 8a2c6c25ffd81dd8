"""Writing a file's changes to the database. Callers hold the transaction."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from tracker.core import clock
from tracker.core.tables import Action, Objective, Plan, Update, UpdateSource
from tracker.imports.batches import batches, insert_all, insert_rows
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
    new: dict[str, Objective] = {}  # by ref, in the order the return has them
    for position, action in enumerate(changes.plan.actions):
        ref, text = action.objective_ref, action.objective
        if ref in ids or ref in new:
            continue
        row = known.get(ref)
        if row is None:
            new[ref] = Objective(plan=plan_id, ref=ref, text=text, position=position)
            continue
        ids[ref] = row["id"]
        if row["text"] != text:
            log.objective_texts.setdefault(row["id"], row["text"])
            await Objective.update({Objective.text: text}).where(Objective.id == row["id"])
    for created in await insert_all(list(new.values()), Objective.id, Objective.ref):
        ids[created["ref"]] = created["id"]
        log.created_objectives.append(created["id"])
    return ids


# The action's columns by the field a sheet gives them in (tracker.imports.changes).
_FIELD_OF = {"text": "action"}


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
) -> dict[str, Any]:
    return {
        "action": action_id,
        "rag": action.rag,
        "progress": action.progress,
        "as_at": as_at,
        "recorded_at": clock.now(),
        "recorded_by": recorded_by,
        "source": UpdateSource.IMPORT.value,
        "import_record": import_id,
        "impact": action.impact,
    }


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
    created_ids = await _create_actions(plan_id, changes, objective_ids, log, as_at)
    new_updates = [
        _update_row(action_id, action, as_at, recorded_by, import_id)
        for action_id, action in created_ids
        if action.rag is not None or action.progress is not None or action.impact is not None
    ]
    only_updated: list[int] = []
    for change in changes.updated:
        existing = change.existing
        # Any change, a new update included, moves the version on, so an edit
        # made on the page against the old version is caught (no lost updates).
        log.versions[existing.id] = existing.version + 1
        if change.adds_update:
            new_updates.append(
                _update_row(existing.id, change.parsed, as_at, recorded_by, import_id)
            )
        if not change.edits_action:
            only_updated.append(existing.id)
            continue
        after = _column_values(change.parsed, objective_ids[change.parsed.objective_ref])
        given = changes.plan.fields_given
        if given is not None:  # what the sheet has no column for stays as it is
            after = {
                column: value
                for column, value in after.items()
                if _FIELD_OF.get(column, column) in given
            }
        before = {"objective": existing.objective_id, "text": existing.action}
        before |= {column: getattr(existing, column) for column in EDITABLE_COLUMNS[2:]}
        log.edited_actions[existing.id] = before
        edits: dict[Any, Any] = {
            Action._meta.get_column_by_name(name): value for name, value in after.items()
        }
        await Action.update({**edits, Action.version: Action.version + 1}).where(
            Action.id == existing.id
        )
    for ids in batches(only_updated):
        await Action.update({Action.version: Action.version + 1}).where(Action.id.is_in(list(ids)))
    await insert_rows(Update, new_updates)
    # Removed with their actions on undo: the tags cascade when an action is deleted.
    await insert_all(await asyncio.to_thread(suggested_tags, created_ids, components))


async def _create_actions(
    plan_id: int,
    changes: PlanChanges,
    objective_ids: dict[str, int],
    log: UndoLog,
    as_at: date,
) -> list[tuple[int, ParsedAction]]:
    """The new actions, written in batches: each one's id, with what the return says of it.
    Each entered its plan on the return's as-at day (or today, for a return dated ahead)."""
    order = {action.ref: position for position, action in enumerate(changes.plan.actions)}
    now = clock.now()
    added_on = min(as_at, clock.today())
    rows = [
        {
            "plan": plan_id,
            "ref": action.ref,
            "position": order[action.ref],
            "created_at": now,
            "added_on": added_on,
            **_column_values(action, objective_ids[action.objective_ref]),
        }
        for action in changes.created
    ]
    if not rows:
        return []
    await insert_rows(Action, rows)
    # Refs are unique within a plan: the new ones name the rows just inserted.
    ids = {
        row["ref"]: row["id"]
        for row in await Action.select(Action.id, Action.ref).where(Action.plan == plan_id)
    }
    created = [(ids[action.ref], action) for action in changes.created]
    for action_id, _ in created:
        log.created_actions.append(action_id)
        log.versions[action_id] = 1
    return created
