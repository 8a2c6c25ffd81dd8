"""One sheet read as one plan: title rows, the header row, which plan it is,
then its actions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tracker.imports.proforma.actions import ActionRows
from tracker.imports.proforma.agencies import AgencyDirectory
from tracker.imports.proforma.cells import SheetRow
from tracker.imports.proforma.colours import Palette
from tracker.imports.proforma.headers import HeaderRow, read_header
from tracker.imports.proforma.model import ParsedPlan
from tracker.imports.proforma.plans import NoPlan, PlanOverride, TitleRow, choose_plan
from tracker.imports.proforma.problems import ProblemLog
from tracker.imports.proforma.text import cell_text


@dataclass
class SheetReading:
    has_header: bool
    plan: ParsedPlan | None
    problems: ProblemLog


def read_sheet(
    name: str,
    rows: Iterable[SheetRow],
    *,
    palette: Palette,
    agencies: AgencyDirectory,
    override: PlanOverride | None,
) -> SheetReading:
    """The plan a sheet holds. `override` is the importer's choice of plan;
    None where the choice itself was wrong (and already reported), so that
    the sheet is only checked for a header row."""
    problems = ProblemLog(name)
    rows = iter(rows)
    found = _find_header(rows)
    if found is None:
        problems.warn(
            "This sheet has no header row (Objective, Action, Lead, Time-scale, "
            "RAG/Progress), so it was skipped."
        )
        return SheetReading(False, None, problems)
    header_row, header, titles = found
    for column in header.unknown:
        problems.warn(
            f"The tracker does not know the column '{column.header}', so it was ignored.",
            header_row,
            column.header,
        )
    for column in header.repeated:
        problems.warn(
            f"There is a second '{column.header}' column: only the first is read.",
            header_row,
            column.header,
        )
    if override is None:
        return SheetReading(True, None, problems)
    try:
        choice = choose_plan(name, titles, agencies, override)
    except NoPlan as no_plan:
        problems.error(no_plan.message, no_plan.row)
        return SheetReading(True, None, problems)

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
    )
    return SheetReading(True, plan, problems)


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
