"""Importing a proforma workbook: read, compare with the tracker, write all or nothing."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.chosen import current_strategy
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter, format_date
from tracker.core.tables import ImportRecord, Strategy
from tracker.core.transactions import write_transaction
from tracker.imports.agencies import agency_directory
from tracker.imports.changes import PlanChanges, fingerprint, plan_changes, summary
from tracker.imports.existing import existing_actions, plan_ids_by_name
from tracker.imports.file_checks import Expected, file_problems
from tracker.imports.limits import ImportLimits
from tracker.imports.locking import lock_plans
from tracker.imports.outcome import ImportOutcome, outcome_of
from tracker.imports.personal_data import flagged_imports
from tracker.imports.proforma import ParsedWorkbook, Problem, read_workbook
from tracker.imports.proforma.result import base_name
from tracker.imports.proforma.workbook import Progress
from tracker.imports.proposing import as_proposals, skipping
from tracker.imports.refusals import (
    NoStrategy,
    PersonalDataNotConfirmed,
    PreviewOutdated,
    UploadAlreadyImported,
)
from tracker.imports.risks import find_risks
from tracker.imports.staging import claim
from tracker.imports.writing import flag_personal_data, write_changes
from tracker.proformas.rules import read_about
from tracker.returns.store import accepted_message, accepted_quarters


def file_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


async def _strategy_id(asked: int | None) -> int:
    """The strategy `asked` for, else the current one (tracker.core.chosen)."""
    if asked is not None:
        if not await Strategy.exists().where(Strategy.id == asked):
            raise NoStrategy(f"There is no strategy {asked}.")
        return asked
    current = await current_strategy()
    if current is None:
        raise NoStrategy("The strategy has not been loaded yet: run `tracker seed` first.")
    return current.id


async def _changes(
    workbook: ParsedWorkbook, strategy_id: int, as_at: date
) -> tuple[PlanChanges, ...]:
    plan_ids = await plan_ids_by_name(strategy_id)
    # A tracker proforma's blank RAG or progress cell means "as it was", not "none".
    blank_keeps = read_about(dict(workbook.properties)) is not None
    found = []
    for plan in workbook.plans:
        plan_id = plan_ids.get(plan.plan)
        existing = await existing_actions(plan_id, as_at) if plan_id else {}
        # In a thread: comparing thousands of actions must not hold up other requests.
        changes = await asyncio.to_thread(plan_changes, plan, existing, blank_keeps)
        # A returned proforma's new rows and changed locked text are proposals, not changes.
        found.append(as_proposals(changes) if blank_keeps else changes)
    return tuple(found)


def _as_a_proforma(workbook: ParsedWorkbook, as_at: date | None) -> tuple[ParsedWorkbook, date]:
    """The day a return is as at: a tracker proforma's quarter's last day, whatever
    was picked; else the day picked, or today. A proforma whose sheet is not the
    plan it was made for is an error."""
    about = read_about(dict(workbook.properties))
    if about is None:
        return workbook, as_at or clock.today()
    day = about.quarter.last_day
    problems: list[Problem] = []
    if as_at is not None and as_at != clock.today() and not about.quarter.holds(as_at):
        problems.append(
            Problem(
                None,
                None,
                None,
                f"This file is the tracker's proforma for {about.quarter.label}, so its "
                f"updates are dated {format_date(day)}, not {format_date(as_at)}.",
            )
        )
    errors = [
        Problem(
            plan.sheet,
            None,
            None,
            f"This proforma was made for the plan '{about.plan}', but its sheet says "
            f"'{plan.plan}': nothing was imported.",
        )
        for plan in workbook.plans
        if plan.plan != about.plan
    ]
    return (
        replace(
            workbook,
            errors=workbook.errors + tuple(errors),
            warnings=workbook.warnings + tuple(problems),
        ),
        day,
    )


async def _accepted_returns(
    workbook: ParsedWorkbook, strategy_id: int, as_at: date
) -> tuple[Problem, ...]:
    """An error per plan whose return for the as-at quarter is accepted: it cannot change."""
    plan_ids = await plan_ids_by_name(strategy_id)
    quarter = Quarter.of(as_at)
    problems = []
    for plan in workbook.plans:
        plan_id = plan_ids.get(plan.plan)
        if plan_id and quarter in await accepted_quarters(plan_id):
            message = accepted_message(plan.plan, quarter, None)
            problems.append(Problem(sheet=plan.sheet, row=None, column=None, message=message))
    return tuple(problems)


async def import_workbook(
    source: str | Path | bytes | BinaryIO,
    *,
    file_name: str,
    as_at: date | None,
    recorded_by: str,
    dry_run: bool = False,
    agency: str | None = None,
    plan: str | None = None,
    limits: ImportLimits | None = None,
    previewed: str | None = None,
    staged_token: str | None = None,
    progress: Progress | None = None,
    personal_data_confirmed: bool = False,
    fills_return: bool = True,
    submit_return: bool = False,
    skip: Collection[int] = (),
    expected: Expected | None = None,
    strategy_id: int | None = None,
) -> ImportOutcome:
    """Import one workbook. Raises `UnreadableFile` for a file that cannot be read at all.

    `as_at`: the day the return describes (None: today). A tracker proforma
    is as at its quarter's last day, whatever is given.
    Nothing is written when the file has errors or `dry_run` is set; otherwise
    every plan in it, and the import's record, is written in one transaction.
    With `previewed` (a preview's fingerprint), nothing is written unless the
    import would do exactly what that preview showed: PreviewOutdated otherwise.
    The comparison and the write hold each plan's lock (see locking), so of
    confirmations arriving together one applies and the others are outdated.
    With `staged_token`, the staged upload is used up in the same transaction:
    UploadAlreadyImported if another confirmation of it was first.
    Progress that looks like it identifies a person is listed among the
    warnings; writing it needs `personal_data_confirmed` (PersonalDataNotConfirmed
    otherwise), and each such text is flagged for the business unit.
    `submit_return`: the plan's return for the quarter is submitted, not left a draft.
    `skip`: ids of actions whose rows are not applied (see risks). `expected`: the plan
    and quarter of the return page the file was imported from (see file_checks).
    """
    strategy_id = await _strategy_id(strategy_id)
    content = file_bytes(source)
    # In a thread: reading a long workbook must not hold up every other request.
    workbook = await asyncio.to_thread(
        read_workbook,
        content,
        agencies=await agency_directory(),
        agency=agency,
        plan=plan,
        progress=progress,
        **(limits or ImportLimits()).options(),
    )
    workbook, as_at = _as_a_proforma(workbook, as_at)
    accepted = await _accepted_returns(workbook, strategy_id, as_at)
    errors, warnings = await file_problems(workbook, as_at, expected, strategy_id)
    workbook = replace(
        workbook, errors=workbook.errors + accepted + errors, warnings=workbook.warnings + warnings
    )
    import_id = None
    if workbook.errors or dry_run:
        changes = await _changes(workbook, strategy_id, as_at)
    else:
        async with write_transaction(Strategy._meta.db):
            # Compared inside the transaction, under the plans' locks, so what is
            # written is exactly the difference from what the tracker held then.
            await lock_plans(Strategy._meta.db, (plan.plan for plan in workbook.plans))
            await refuse_if_closed(strategy_id=strategy_id)
            if staged_token is not None and not await claim(staged_token):
                raise UploadAlreadyImported()
            changes = await _changes(workbook, strategy_id, as_at)
            if previewed is not None and fingerprint(changes) != previewed:
                raise PreviewOutdated(
                    outcome_of(
                        file_name, workbook, changes, dry_run=True, import_id=None, as_at=as_at
                    )
                )
            changes = tuple(skipping(plan, skip) for plan in changes)
            if flagged_imports(changes) and not personal_data_confirmed:
                raise PersonalDataNotConfirmed(
                    outcome_of(
                        file_name, workbook, changes, dry_run=True, import_id=None, as_at=as_at
                    )
                )
            counts = summary(list(changes))
            record = ImportRecord(
                file_name=base_name(file_name),
                sha256=hashlib.sha256(content).hexdigest(),
                as_at=as_at,
                imported_at=clock.now(),
                imported_by=recorded_by,
                plans="; ".join(plan.plan for plan in workbook.plans),
                created=counts["created"],
                updated=counts["updated"],
                unchanged=counts["unchanged"],
            )
            import_id = await write_changes(
                changes,
                strategy_id,
                record,
                as_at=as_at,
                recorded_by=recorded_by,
                fills_return=fills_return,
                submit_return=submit_return,
            )
            await flag_personal_data(flagged_imports(changes), import_id, recorded_by)
            await append(
                AuditKind.IMPORT,
                recorded_by,
                subject=f"Import {import_id}: {record.file_name}",
                summary=(
                    f"{record.plans}: {counts['created']} created, {counts['updated']} "
                    f"updated, {counts['unchanged']} unchanged, as at {as_at.isoformat()}"
                ),
                after={
                    "import": import_id,
                    "file": record.file_name,
                    "sha256": record.sha256,
                    "as_at": as_at,
                    "plans": [plan.plan for plan in workbook.plans],
                    **counts,
                },
            )
    risks = await find_risks(changes, as_at)
    # In a thread: checking and summing up thousands of actions is work, like reading them.
    return await asyncio.to_thread(
        outcome_of,
        file_name,
        workbook,
        changes,
        dry_run=dry_run,
        import_id=import_id,
        as_at=as_at,
        risks=risks,
    )
