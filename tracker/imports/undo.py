"""Taking an import back: while nothing later has touched the same actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter
from tracker.core.refusals import Conflict
from tracker.core.tables import (
    Action,
    Challenge,
    Escalation,
    FlaggedText,
    ImportRecord,
    Objective,
    Plan,
    Update,
)
from tracker.core.transactions import write_transaction
from tracker.imports.batches import batches
from tracker.imports.undo_log import UndoLog
from tracker.proposals.store import withdraw_import_proposals
from tracker.returns.store import accepted_quarters


class UndoRefused(Conflict):
    """The import cannot be undone; the message says why, in the users' words."""


@dataclass(frozen=True)
class UndoReport:
    import_id: int
    file_name: str
    removed_updates: int
    removed_actions: int
    reverted_actions: int


async def _changed_since(log: UndoLog) -> list[str]:
    """Refs of the import's actions that something later has changed (or removed)."""
    current: dict[int, dict[str, Any]] = {}
    for ids in batches(list(log.versions)):
        rows = await Action.select(Action.id, Action.ref, Action.version).where(
            Action.id.is_in(list(ids))
        )
        current |= {row["id"]: row for row in rows}
    return sorted(
        current[action_id]["ref"] if action_id in current else f"#{action_id}"
        for action_id, version in log.versions.items()
        if action_id not in current or current[action_id]["version"] != version
    )


async def _revert(log: UndoLog) -> None:
    for action_id, before in log.edited_actions.items():
        values: dict[Any, Any] = {
            Action._meta.get_column_by_name(name): value for name, value in before.items()
        }
        await Action.update({**values, Action.version: Action.version + 1}).where(
            Action.id == action_id
        )
    for objective_id, text in log.objective_texts.items():
        await Objective.update({Objective.text: text}).where(Objective.id == objective_id)
    # Actions that only got a new update: their version moves on too.
    only_updated = log.versions.keys() - set(log.created_actions) - log.edited_actions.keys()
    for ids in batches(sorted(only_updated)):
        await Action.update({Action.version: Action.version + 1}).where(Action.id.is_in(list(ids)))
    for ids in batches(log.created_actions):
        await Action.delete().where(Action.id.is_in(list(ids)))
    for ids in batches(log.created_objectives):
        await Objective.delete().where(Objective.id.is_in(list(ids)))
    if log.created_plans:
        await Plan.delete().where(Plan.id.is_in(log.created_plans))


async def _kept_on_record(log: UndoLog) -> list[str]:
    """Refs of actions the import created that a chair challenged or someone escalated.

    Undoing would delete those actions, and with them the challenge or escalation,
    which stays on record whatever happens to the import."""
    refs: set[str] = set()
    for ids in batches(log.created_actions):
        for table in (Challenge, Escalation):
            rows = await table.select(table.action._.ref.as_alias("ref")).where(
                table.action.is_in(list(ids))
            )
            refs.update(row["ref"] for row in rows)
    return sorted(refs)


async def _accepted_plans(import_id: int, quarter: Quarter) -> list[str]:
    """Plans the import updated whose return for its quarter is accepted."""
    rows = await Update.select(
        Update.action._.plan._.id.as_alias("plan_id"),
        Update.action._.plan._.name.as_alias("plan"),
    ).where(Update.import_record == import_id)
    plans = {row["plan_id"]: row["plan"] for row in rows}
    accepted = []
    for plan_id, name in plans.items():
        if quarter in await accepted_quarters(plan_id):
            accepted.append(name)
    return sorted(accepted)


async def _refuse_if_closed(import_id: int, log: UndoLog) -> None:
    """StrategyClosed when what the import wrote belongs to a closed strategy."""
    touched = await Update.select(Update.action).where(Update.import_record == import_id).first()
    actions = [*log.created_actions, *log.edited_actions]
    if touched or actions:
        await refuse_if_closed(action_id=touched["action"] if touched else actions[0])
    elif log.created_plans:
        await refuse_if_closed(plan_id=log.created_plans[0])


async def undo_import(import_id: int, *, undone_by: str) -> UndoReport:
    async with write_transaction(ImportRecord._meta.db):
        record = (
            await ImportRecord.select()
            .where(ImportRecord.id == import_id)
            .output(load_json=True)
            .first()
        )
        if record is None:
            raise UndoRefused(f"There is no import {import_id}.")
        if record["undone_at"] is not None:
            raise UndoRefused(
                f"Import {import_id} ({record['file_name']}) was already undone by "
                f"{record['undone_by']}."
            )
        log = UndoLog.from_json(record["undo"] or {})
        await _refuse_if_closed(import_id, log)
        accepted = await _accepted_plans(import_id, Quarter.of(record["as_at"]))
        if accepted:
            raise UndoRefused(
                f"Import {import_id} ({record['file_name']}) cannot be undone: the "
                f"{Quarter.of(record['as_at']).label} return of {', '.join(accepted)} was "
                "accepted, and an accepted return's figures are locked."
            )
        changed = await _changed_since(log)
        if changed:
            raise UndoRefused(
                f"Import {import_id} ({record['file_name']}) cannot be undone: actions "
                f"{', '.join(changed)} have changed since. Undo or correct those changes first."
            )
        kept = await _kept_on_record(log)
        if kept:
            raise UndoRefused(
                f"Import {import_id} ({record['file_name']}) cannot be undone: it created "
                f"actions {', '.join(kept)}, which have since been challenged by a chair or "
                "escalated, and a challenge or escalation stays on record. Correct those "
                "actions on their pages, or import a corrected return, instead."
            )
        updates = await Update.count().where(Update.import_record == import_id)
        # Flags on the updates taken back go with them: there is no text left to review.
        removed = await Update.select(Update.id).where(Update.import_record == import_id)
        for ids in batches([row["id"] for row in removed]):
            await FlaggedText.delete().where(
                (FlaggedText.record_table == Update._meta.tablename)
                & FlaggedText.record_id.is_in(list(ids))
            )
        await withdraw_import_proposals(import_id)
        await Update.delete().where(Update.import_record == import_id)
        await _revert(log)
        await ImportRecord.update(
            {ImportRecord.undone_at: clock.now(), ImportRecord.undone_by: undone_by}
        ).where(ImportRecord.id == import_id)
        await append(
            AuditKind.IMPORT_UNDONE,
            undone_by,
            subject=f"Import {import_id}: {record['file_name']}",
            summary=(
                f"Removed {updates} update(s) and {len(log.created_actions)} action(s); "
                f"reverted {len(log.edited_actions)} action(s)"
            ),
            before={"import": import_id, "undone": False},
            after={"import": import_id, "undone": True},
        )
    return UndoReport(
        import_id,
        record["file_name"],
        removed_updates=updates,
        removed_actions=len(log.created_actions),
        reverted_actions=len(log.edited_actions),
    )
