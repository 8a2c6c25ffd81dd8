"""One sheet read as one plan: title rows, the header row, which plan it is,
then its actions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tracker.imports.proforma.actions import ActionRows
from tracker.imports.proforma.agencies import AgencyDirectory
from tracker.imports.proforma.cells import SheetRow
from tracker.imports.proforma.colours import Palette
from tracker.imports.proforma.headers import Field, HeaderRow, read_header
from tracker.imports.proforma.model import ParsedPlan
from tracker.imports.proforma.plans import (
    NoPlan,
    PlanChoice,
    PlanOverride,
    TitleRow,
    choose_plan,
    read_override,
)
from tracker.imports.proforma.problems import ProblemLog
from tracker.imports.proforma.text import cell_text


@dataclass
class SheetReading:
    has_header: bool
    plans: tuple[ParsedPlan, ...]
    problems: ProblemLog


def read_sheet(
    name: str,
    rows: Iterable[SheetRow],
    *,
    palette: Palette,
    agencies: AgencyDirectory,
    override: PlanOverride | None,
    quiet: bool = False,
) -> SheetReading:
    """The plan a sheet holds. `override` is the importer's choice of plan;
    None where the choice itself was wrong (and already reported), so that
    the sheet is only checked for a header row. `quiet`: the sheet is a tracker
    download's, whose columns the tracker wrote: no warning of those it ignores."""
    problems = ProblemLog(name)
    rows = iter(rows)
    found = _find_header(rows)
    if found is None:
        problems.warn(
            "This sheet has no header row (Objective, Action, Lead, Time-scale, "
            "RAG/Progress), so it was skipped."
        )
        return SheetReading(False, (), problems)
    header_row, header, titles = found
    for column in () if quiet else header.unknown:
        problems.warn(
            f"The tracker does not know the column '{column.header}', so it was ignored.",
            header_row,
            column.header,
        )
    for column in () if quiet else header.repeated:
        problems.warn(
            f"There is a second '{column.header}' column: only the first is read.",
            header_row,
            column.header,
        )
    if override is None:
        return SheetReading(True, (), problems)
    if Field.PLAN in header.columns and override.kind is None and override.agency is None:
        plans = _plans_by_column(name, rows, header, palette, agencies, problems)
        if not plans:
            problems.warn("No actions were found below the header row.", header_row)
        return SheetReading(True, plans, problems)
    try:
        choice = choose_plan(name, titles, agencies, override)
    except NoPlan as no_plan:
        problems.error(no_plan.message, no_plan.row)
        return SheetReading(True, (), problems)

    actions = ActionRows(header, palette, problems)
    for row in rows:
        actions.add(row)
    parsed = actions.finish()
    if not parsed:
        problems.warn("No actions were found below the header row.", header_row)
    plan = ParsedPlan(
        name,
        choice.kind,
        choice.agency.name if choice.agency else None,
        choice.name,
        parsed,
        progress_column=actions.progress_column,
        fields_given=actions.fields_given,
    )
    return SheetReading(True, (plan,), problems)


def _plans_by_column(
    name: str,
    rows: Iterable[SheetRow],
    header: HeaderRow,
    palette: Palette,
    agencies: AgencyDirectory,
    problems: ProblemLog,
) -> tuple[ParsedPlan, ...]:
    """A sheet whose Plan column says each row's plan (the review download): a plan each."""
    column = header.columns[Field.PLAN]
    found: dict[str, tuple[PlanChoice, ActionRows] | None] = {}
    current: str | None = None
    for row in rows:
        current = cell_text(row.value(column.index)) or current
        if current is None:
            continue
        if current not in found:
            try:
                choice = choose_plan(name, [], agencies, read_override(None, current, agencies))
            except NoPlan as no_plan:
                problems.error(no_plan.message, row.number, column.header)
                found[current] = None
            else:
                found[current] = (choice, ActionRows(header, palette, problems))
        reading = found[current]
        if reading is not None:
            reading[1].add(row)
    plans = []
    for reading in found.values():
        if reading is None:
            continue
        choice, actions = reading
        plans.append(
            ParsedPlan(
                name,
                choice.kind,
                choice.agency.name if choice.agency else None,
                choice.name,
                actions.finish(),
                progress_column=actions.progress_column,
                fields_given=actions.fields_given,
            )
        )
    return tuple(plans)


def _find_header(rows: Iterator[SheetRow]) -> tuple[int, HeaderRow, list[TitleRow]] | None:
    """The header row (the first naming an Action column and an Objective,
    Lead, Time-scale or RAG column) and the title rows above it."""
    titles: list[TitleRow] = []
    for row in rows:
        texts = [cell_text(cell.value) for cell in row.cells]
        if not any(texts):
            continue
        header = read_header(texts)
        if header is not None:
            return row.number, header, titles
        titles.append((row.number, texts))
    return None
