"""Cells for the report's workbooks: text never a formula, dates as days, RAG filled and worded.

Write-only workbooks are quick, but styling each cell one by one is not: each
style is made once per workbook and its style record shared by every cell
that wears it, and unstyled text and numbers are appended as plain values.
Characters a workbook cannot hold (control characters) are dropped.

The sheets (`sheet`, tracker.core.xlsx_rows) take rows made here only: every value
already judged (text checked, and stored as text), so a row goes to the file in one
piece without openpyxl judging each value again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.dates import EXCEL_DATE_FORMAT
from tracker.core.rag import rag_label
from tracker.core.xlsx_rows import Item, cell_text, row_sheet

Value = str | int | date | None
FONT = "Arial"
SIZE = 10

# Light fills with dark text: the word stays readable, printed in black and white too.
RAG_FILLS = {
    "red": "F4C7C3",
    "amber": "FCE8B2",
    "green": "B7E1CD",
    "blue": "C9DAF8",
    None: "E7E7E7",
}


@dataclass(frozen=True)
class Style:
    bold: bool = False
    wrap: bool = False
    fill: str | None = None  # RGB
    size: int | None = None


HEADER = Style(bold=True, wrap=True, fill="D9D9D9")
PLAIN = Style()
WRAPPED = Style(wrap=True)
BOLD = Style(bold=True)
TITLE = Style(bold=True, size=14)


RAG_STYLES = {rag: Style(bold=True, fill=fill) for rag, fill in RAG_FILLS.items()}


def rag_style(rag: str | None) -> Style:
    return RAG_STYLES.get(rag, RAG_STYLES[None])


class Cells:
    """Makes the cells of one workbook, remembering each style it has made.

    The workbook's own font becomes Arial 10 (Liberation Sans, with the same
    widths, where Arial is missing), the font the papers' layout is worked out in.
    """

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        workbook._fonts = IndexedList([Font(name=FONT, sz=SIZE, family=2)])
        self._made: dict[tuple[Style, bool], StyleArray] = {}

    def _style(self, sheet: Worksheet, style: Style, dated: bool) -> StyleArray:
        """The style record of cells wearing `style` (with the date format if `dated`)."""
        key = (style, dated)
        made = self._made.get(key)
        if made is None:
            cell = WriteOnlyCell(sheet)
            cell.alignment = Alignment(wrap_text=style.wrap, vertical="top")
            if style.bold or style.size:
                cell.font = Font(name=FONT, bold=style.bold, size=style.size or SIZE)
            if style.fill:
                cell.fill = PatternFill("solid", fgColor=style.fill)
            if dated:
                cell.number_format = EXCEL_DATE_FORMAT
            made = self._made[key] = cell._style
        return made

    def cell(self, sheet: Worksheet, value: Value, style: Style = PLAIN) -> Item:
        """A value to append: plain where openpyxl's default style is already right, else
        paired with its style. Text is always stored as text, never a formula or an error."""
        if value is None:
            return None
        if isinstance(value, str):
            value = cell_text(value)
        dated = isinstance(value, date)  # shown as a date, so styled whatever else it wears
        if style is PLAIN and not dated:
            return value
        return value, self._style(sheet, style, dated)

    def rag(self, sheet: Worksheet, rag: str | None) -> Item:
        """A RAG cell: its word ("Red", "Complete", "Not rated") on its colour."""
        return self.cell(sheet, rag_label(rag), rag_style(rag))


def sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new sheet at the end of a write-only workbook, for rows made by Cells only."""
    return row_sheet(workbook, title)  # type: ignore[return-value]  # rows appended, as any
