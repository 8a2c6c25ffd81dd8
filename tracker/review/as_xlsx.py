"""The review view as an Excel workbook: one sheet of actions, one saying what the view is.

Every text cell is stored as text, so a progress note starting "=" is shown,
never run as a formula. Dates are real dates shown as "30 Sep 2020".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.dates import EXCEL_DATE_FORMAT, format_date
from tracker.core.wrapping import row_height, wrapped_lines
from tracker.core.xlsx_rows import RowSheet, cell_text, row_sheet, style_of
from tracker.plans.portfolio import PortfolioAction
from tracker.proformas.rules import PROPERTY_KIND
from tracker.review.columns import COLUMNS, Value, export_row

_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


class _Styles:
    """The sheet's four styles (wrapped or not, a date or not), each made once."""

    def __init__(self, sheet: Worksheet) -> None:
        self.made = {
            (wrap, dated): style_of(
                sheet,
                alignment=_WRAP if wrap else _TOP,
                **({"number_format": EXCEL_DATE_FORMAT} if dated else {}),
            )
            for wrap in (False, True)
            for dated in (False, True)
        }

    def __call__(self, value: Value, wrap: bool) -> tuple[Value, StyleArray] | None:
        """A styled value for the sheet; None, no cell at all, for an empty one."""
        if value is None or value == "":
            return None  # nothing to show, so nothing to write or style
        if isinstance(value, str):
            value = cell_text(value)  # stored as text: never a formula, whatever it starts with
        return value, self.made[(wrap, isinstance(value, date))]


_WRAPPED = tuple((index, column.width) for index, column in enumerate(COLUMNS) if column.wrap)


def _tall_enough(
    sheet: RowSheet, number: int, values: list[Value] | list[str], every_one_wraps: bool = False
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
        sheet.heights[number] = row_height(lines)


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
    sheet = row_sheet(workbook, "Actions")
    # Set before the first row is written: write-only sheets need it so.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    header = style_of(sheet, alignment=_WRAP, font=Font(bold=True))
    _tall_enough(sheet, 1, [column.title for column in COLUMNS], every_one_wraps=True)
    sheet.append([(column.title, header) for column in COLUMNS])
    cell = _Styles(sheet)
    wraps = [column.wrap for column in COLUMNS]
    for number, action in enumerate(rows, start=2):
        values = export_row(action)
        _tall_enough(sheet, number, values)
        sheet.append([cell(value, wrap) for value, wrap in zip(values, wraps, strict=True)])
    # Says it is the tracker's: read back, its notes sheet and extra columns are no surprise.
    workbook.custom_doc_props.append(StringProperty(name=PROPERTY_KIND, value="review"))
    notes = row_sheet(workbook, "About this view")
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 80
    noted = _Styles(notes)
    downloaded = f"{format_date(made_at.date())}, {made_at:%H:%M}"
    for label, value in [*about, ("Downloaded", downloaded)]:
        notes.append([noted(label, wrap=False), noted(value, wrap=True)])
    workbook.save(out)
