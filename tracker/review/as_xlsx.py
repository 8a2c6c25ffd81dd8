"""The review view as an Excel workbook: one sheet of actions, one saying what the view is.

Every text cell is stored as text, so a progress note starting "=" is shown,
never run as a formula. Dates are real dates shown as "30 Sep 2020".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.dates import EXCEL_DATE_FORMAT, format_date
from tracker.core.wrapping import row_height, wrapped_lines
from tracker.plans.portfolio import PortfolioAction
from tracker.proformas.rules import PROPERTY_KIND
from tracker.review.columns import COLUMNS, Value, export_row

_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _styled(sheet: Worksheet, wrap: bool, dated: bool) -> StyleArray:
    cell = WriteOnlyCell(sheet)
    if dated:
        cell.number_format = EXCEL_DATE_FORMAT
    cell.alignment = _WRAP if wrap else _TOP
    return cell._style


class _Cells:
    """Cells for one sheet. Each style is made once and given to every cell that has it:
    setting a cell's style by name costs more than writing the cell, 20,000 rows over.
    `shared`: the cells share one style object (nothing changes a row's cells' styles)."""

    def __init__(self, sheet: Worksheet, shared: bool = False) -> None:
        self.sheet = sheet
        self.shared = shared
        self.styles = {
            (wrap, dated): _styled(sheet, wrap, dated)
            for wrap in (False, True)
            for dated in (False, True)
        }

    def __call__(self, value: Value, wrap: bool) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)  # checks the text: length, characters
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        style = self.styles[(wrap, isinstance(value, date))]
        cell._style = style if self.shared else copy(style)
        return cell


class _RowsOfCells(WriteOnlyWorksheet):
    """A write-only sheet appended rows of cells already made (or None for no cell).
    openpyxl's own sheet first tries each cell as a value, fails, then takes it as a cell:
    a third of the time of writing 20,000 rows."""

    def _values_to_row(self, values, row_idx):  # type: ignore[no-untyped-def]
        for column, cell in enumerate(values, 1):
            if cell is not None:
                cell.column = column
                cell.row = row_idx
                yield cell


def _cell(sheet: Worksheet, value: Value, wrap: bool) -> WriteOnlyCell:
    return _Cells(sheet)(value, wrap)


_WRAPPED = tuple((index, column.width) for index, column in enumerate(COLUMNS) if column.wrap)


def _tall_enough(
    sheet: Worksheet, number: int, values: list[Value] | list[str], every_one_wraps: bool = False
) -> None:
    """Row `number` made tall enough for its wrapped text (openpyxl does not measure it, and
    LibreOffice would draw the row over the next)."""
    wrapped = (
        tuple((index, column.width) for index, column in enumerate(COLUMNS))
        if every_one_wraps
        else _WRAPPED
    )
    lines = max((wrapped_lines(values[index], width) for index, width in wrapped), default=1)
    if lines > 1:
        sheet.row_dimensions[number] = RowDimension(sheet, index=number, ht=row_height(lines))


def review_xlsx(
    rows: Sequence[PortfolioAction], about: list[tuple[str, str]], made_at: datetime
) -> bytes:
    """`about`: (label, value) lines saying which view this is, for the second sheet."""
    out = io.BytesIO()
    write_review_xlsx(out, rows, len(rows), about, made_at)
    return out.getvalue()


def write_review_xlsx(
    out: IO[bytes],
    rows: Iterable[PortfolioAction],
    count: int,
    about: list[tuple[str, str]],
    made_at: datetime,
) -> None:
    """Writes the workbook of `count` rows to `out`. Write-only: each row goes to the
    sheet's temporary file as it is appended, so memory does not grow with the rows."""
    workbook = Workbook(write_only=True)
    sheet = _RowsOfCells(parent=workbook, title="Actions")
    workbook._add_sheet(sheet)
    # Set before the first row is written: write-only sheets need it so.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    header = []
    for column in COLUMNS:
        cell = _cell(sheet, column.title, wrap=True)
        cell.font = Font(bold=True)
        header.append(cell)
    _tall_enough(sheet, 1, [column.title for column in COLUMNS], every_one_wraps=True)
    sheet.append(header)
    cell = _Cells(sheet, shared=True)
    wraps = [column.wrap for column in COLUMNS]
    for number, action in enumerate(rows, start=2):
        values = export_row(action)
        _tall_enough(sheet, number, values)
        # An empty value is no cell at all: nothing to show, so nothing to write or style.
        sheet.append(
            [
                None if value is None or value == "" else cell(value, wrap)
                for value, wrap in zip(values, wraps, strict=True)
            ]
        )
        sheet.row_dimensions.pop(number, None)  # written: not kept, 20,000 rows over
    # Says it is the tracker's: read back, its notes sheet and extra columns are no surprise.
    workbook.custom_doc_props.append(StringProperty(name=PROPERTY_KIND, value="review"))
    notes = workbook.create_sheet("About this view")
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 80
    downloaded = f"{format_date(made_at.date())}, {made_at:%H:%M}"
    for label, value in [*about, ("Downloaded", downloaded)]:
        notes.append([_cell(notes, label, wrap=False), _cell(notes, value, wrap=True)])
    workbook.save(out)
