"""Reading an agency's action-plan workbook: every sheet that holds a plan."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from tracker.imports.proforma.agencies import AgencyDirectory
from tracker.imports.proforma.cells import SheetRow, merged_ranges, sheet_rows
from tracker.imports.proforma.files import (
    NO_HEADER_ROW,
    Source,
    UnreadableFile,
    open_workbook,
)
from tracker.imports.proforma.model import ParsedPlan, ParsedWorkbook, Problem
from tracker.imports.proforma.plans import NoPlan, PlanOverride, read_override
from tracker.imports.proforma.problems import ProblemLog
from tracker.imports.proforma.sheet import read_sheet
from tracker.proformas.rules import PROPERTY_KIND  # every tracker download says what it is

__all__ = ["UnreadableFile", "read_workbook"]

DEFAULT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ROWS = 30_000  # rows with something in them, over all sheets
DEFAULT_MAX_ACTIONS = 20_000


Progress = Callable[[int, int], None]  # (rows read so far, rows in all sheets)
PROGRESS_EVERY = 250  # rows
YIELD_EVERY = 8  # rows


def too_many_rows(limit: int) -> str:
    return (
        f"The file has more than {limit:,} rows with something in them, the most the tracker "
        "reads in one import: split it into smaller files, or remove rows it does not need."
    )


def too_many_actions(count: int, limit: int) -> str:
    return (
        f"The file has {count:,} actions, more than the {limit:,} the tracker imports at once: "
        "split it into smaller files, a plan or a few plans to a file."
    )


# Whether reading lets the event loop in every few rows (let_the_loop_in): yes in the serving
# process; the command line has no one else to serve and turns it off (on a busy machine each
# time.sleep(0) may hand the CPU to another process for a millisecond or more).
SHARE_THE_LOOP: ContextVar[bool] = ContextVar("share_the_loop", default=True)


def let_the_loop_in() -> None:
    """From a worker thread: let go of the GIL, so the event loop runs now, not in 5 ms."""
    if SHARE_THE_LOOP.get():
        time.sleep(0)


def _counting(rows: Iterator[SheetRow], counted: list[int], limit: int) -> Iterator[SheetRow]:
    """The rows, refusing the file once more than `limit` rows hold anything.

    Reading runs in a worker thread of the serving process; every few rows it
    lets go of the GIL (time.sleep(0)), so the event loop serving everyone
    else waits on it for a row or two, not for the interpreter's 5 ms switch."""
    for number, row in enumerate(rows):
        if number % YIELD_EVERY == 0:
            let_the_loop_in()
        if any(cell.value is not None for cell in row.cells):
            counted[0] += 1
            if counted[0] > limit:
                raise UnreadableFile(too_many_rows(limit))
        yield row


def _reporting(
    rows: Iterator[SheetRow], progress: Progress, done: int, total: int
) -> Iterator[SheetRow]:
    for count, row in enumerate(rows, start=1):
        if count % PROGRESS_EVERY == 0:
            progress(min(done + count, total), total)
        yield row


def read_workbook(
    source: Source,
    *,
    agencies: AgencyDirectory,
    agency: str | None = None,
    plan: str | None = None,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_actions: int = DEFAULT_MAX_ACTIONS,
    progress: Progress | None = None,
) -> ParsedWorkbook:
    """The plans in a workbook, with errors and warnings. `agency` and `plan`
    are the importer's choice (any name or short name of an agency; a plan
    name such as "Overarching"), overriding what the sheets say.

    `progress`, if given, is told every PROGRESS_EVERY rows how far reading has
    got, against the rows the sheets declare.

    Raises UnreadableFile where the file cannot be read as a workbook at all, or
    asks for more work than the limits allow: more than `max_rows` rows with
    something in them (found as they are read: a sheet's declared size can lie),
    more than `max_actions` actions."""
    problems = ProblemLog(None)
    override: PlanOverride | None
    try:
        override = read_override(agency, plan, agencies)
    except NoPlan as no_plan:
        problems.error(no_plan.message)
        override = None

    plans: list[ParsedPlan] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    any_header = False
    with open_workbook(source, max_unpacked_bytes) as opened:
        properties = custom_properties(opened.workbook)
        # A tracker download's other sheets (instructions, notes) are not plans: no warning.
        quiet = PROPERTY_KIND in dict(properties)
        # As the sheets declare them: known before reading, so no extra pass.
        total = sum(worksheet.max_row or 0 for worksheet in opened.workbook.worksheets)
        done, counted = 0, [0]
        for worksheet in opened.workbook.worksheets:
            merged = merged_ranges(opened.archive, opened.sheet_paths.get(worksheet.title))
            rows = _counting(sheet_rows(worksheet, merged), counted, max_rows)
            if progress is not None:
                rows = _reporting(rows, progress, done, total)
                done += worksheet.max_row or 0
            reading = read_sheet(
                worksheet.title,
                rows,
                palette=opened.palette,
                agencies=agencies,
                override=override,
                quiet=quiet,
            )
            any_header = any_header or reading.has_header
            plans.extend(reading.plans)
            errors.extend(reading.problems.errors)
            if reading.has_header or not quiet:
                warnings.extend(reading.problems.warnings)
    if not any_header:
        raise UnreadableFile(NO_HEADER_ROW)
    actions = sum(len(plan.actions) for plan in plans)
    if actions > max_actions:
        raise UnreadableFile(too_many_actions(actions, max_actions))
    _check_plans_distinct(plans, problems)
    return ParsedWorkbook(
        tuple(plans),
        (*problems.errors, *errors),
        (*problems.warnings, *warnings),
        properties=properties,
    )


def custom_properties(workbook: Any) -> tuple[tuple[str, str], ...]:
    """The workbook's custom document properties, as text (LibreOffice may retype them)."""
    props = getattr(getattr(workbook, "custom_doc_props", None), "props", None) or ()
    return tuple(
        (str(prop.name), str(prop.value)) for prop in props if prop.name and prop.value is not None
    )


def _check_plans_distinct(plans: list[ParsedPlan], problems: ProblemLog) -> None:
    first_sheet: dict[str, str] = {}
    for plan in plans:
        if plan.plan in first_sheet:
            problems.error(
                f"The sheets '{first_sheet[plan.plan]}' and '{plan.sheet}' are both "
                f"the plan '{plan.plan}': import one plan a sheet, or one sheet at "
                "a time."
            )
        else:
            first_sheet[plan.plan] = plan.sheet
