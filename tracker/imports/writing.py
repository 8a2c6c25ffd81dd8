"""Writing a checked import, inside the caller's transaction: its record, each plan (made
when new), its return, its actions and updates with the undo log, and flags on progress
confirmed though it looks like personal data."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Quarter
from tracker.core.personal_data.flags import record_flags
from tracker.core.tables import Agency, ImportRecord, Update
from tracker.imports.apply import apply_plan_changes, ensure_plan
from tracker.imports.changes import PlanChanges
from tracker.imports.personal_data import ImportedText
from tracker.imports.returning import fill_return
from tracker.imports.suggestions import SUGGESTING_KINDS, known_components
from tracker.imports.undo_log import UndoLog


async def write_changes(
    changes: tuple[PlanChanges, ...],
    strategy_id: int,
    record: ImportRecord,
    *,
    as_at: date,
    recorded_by: str,
    fills_return: bool = True,
    submit_return: bool = False,
) -> int:
    agency_ids = {row["name"]: row["id"] for row in await Agency.select(Agency.id, Agency.name)}
    await record.save()
    log = UndoLog()
    components = await known_components(strategy_id)
    for plan_changes_ in changes:
        plan = plan_changes_.plan
        plan_id, created = await ensure_plan(
            strategy_id,
            plan.plan,
            plan.kind.value,
            agency_ids.get(plan.agency) if plan.agency else None,
        )
        if created:
            log.created_plans.append(plan_id)
        if fills_return:
            await fill_return(
                plan_id,
                plan_changes_,
                Quarter.of(as_at),
                actor=recorded_by,
                import_id=record.id,
                submit=submit_return,
                on_behalf=plan.agency is not None,
            )
        await apply_plan_changes(
            plan_id,
            plan_changes_,
            as_at=as_at,
            recorded_by=recorded_by,
            import_id=record.id,
            log=log,
            components=components if plan.kind.value in SUGGESTING_KINDS else (),
        )
    await ImportRecord.update({ImportRecord.undo: log.to_json()}).where(
        ImportRecord.id == record.id
    )
    return record.id


async def flag_personal_data(
    texts: tuple[ImportedText, ...], import_id: int, recorded_by: str
) -> None:
    """A flag on each new update whose progress looks like personal data, confirmed."""
    if not texts:
        return
    rows = await Update.select(
        Update.id,
        Update.action,
        Update.action._.ref.as_alias("ref"),
        Update.action._.plan._.name.as_alias("plan"),
    ).where(Update.import_record == import_id)
    updates = {(row["plan"], row["ref"]): row for row in rows}
    for text in texts:
        update = updates.get((text.plan, text.ref))
        if update is None:  # a proposed new action's: no update until it is accepted
            continue
        await record_flags(
            (text.flagged,),
            record_table=Update._meta.tablename,
            record_id=update["id"],
            confirmed_by=recorded_by,
            action_id=update["action"],
            subject=text.subject,
        )
