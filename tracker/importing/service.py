"""Importing a proforma workbook: read, compare with the tracker, write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from tracker.db.tables import Agency, Strategy
from tracker.db.transactions import write_transaction
from tracker.importing.apply import apply_plan_changes, ensure_plan
from tracker.importing.changes import PlanChanges, plan_changes, summary
from tracker.importing.existing import agency_directory, existing_actions, plan_ids_by_name
from tracker.proforma import ParsedWorkbook, read_workbook, result_json

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class NoStrategy(RuntimeError):
    """Imports need the strategy loaded first (`tracker seed`)."""


@dataclass(frozen=True)
class ImportOutcome:
    workbook: ParsedWorkbook
    changes: tuple[PlanChanges, ...]
    result: dict[str, Any]
    written: bool

    @property
    def exit_status(self) -> int:
        return EXIT_ERRORS if self.workbook.errors else EXIT_OK


async def _strategy_id() -> int:
    row = await Strategy.select(Strategy.id).order_by(Strategy.id).first()
    if row is None:
        raise NoStrategy("The strategy has not been loaded yet: run `tracker seed` first.")
    return row["id"]


async def _changes(
    workbook: ParsedWorkbook, strategy_id: int, as_at: date
) -> tuple[PlanChanges, ...]:
    plan_ids = await plan_ids_by_name(strategy_id)
    found = []
    for plan in workbook.plans:
        plan_id = plan_ids.get(plan.plan)
        existing = await existing_actions(plan_id, as_at) if plan_id else {}
        found.append(plan_changes(plan, existing))
    return tuple(found)


async def _write(
    changes: tuple[PlanChanges, ...], strategy_id: int, *, as_at: date, recorded_by: str
) -> None:
    agency_ids = {row["name"]: row["id"] for row in await Agency.select(Agency.id, Agency.name)}
    for plan_changes_ in changes:
        plan = plan_changes_.plan
        plan_id, _ = await ensure_plan(
            strategy_id,
            plan.plan,
            plan.kind.value,
            agency_ids.get(plan.agency) if plan.agency else None,
        )
        await apply_plan_changes(plan_id, plan_changes_, as_at=as_at, recorded_by=recorded_by)


async def import_workbook(
    source: str | Path | bytes | BinaryIO,
    *,
    file_name: str,
    as_at: date,
    recorded_by: str,
    dry_run: bool = False,
    agency: str | None = None,
    plan: str | None = None,
    max_unpacked_bytes: int = 50 * 1024 * 1024,
) -> ImportOutcome:
    """Import one workbook. Raises `UnreadableFile` for a file that cannot be read at all.

    Nothing is written when the file has errors or `dry_run` is set; otherwise
    every plan in it is written in one transaction.
    """
    strategy_id = await _strategy_id()
    workbook = read_workbook(
        source,
        agencies=await agency_directory(),
        agency=agency,
        plan=plan,
        max_unpacked_bytes=max_unpacked_bytes,
    )
    engine = Strategy._meta.db
    written = False
    if workbook.errors or dry_run:
        changes = await _changes(workbook, strategy_id, as_at)
    else:
        async with write_transaction(engine):
            # Compared inside the transaction, so what is written is exactly
            # the difference from what the tracker held at that moment.
            changes = await _changes(workbook, strategy_id, as_at)
            await _write(changes, strategy_id, as_at=as_at, recorded_by=recorded_by)
        written = True
    result = result_json(
        Path(file_name).name, workbook, summary=summary(list(changes)), dry_run=dry_run
    )
    return ImportOutcome(workbook, changes, result, written)
