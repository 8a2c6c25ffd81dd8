"""Cells for the report's workbooks: text never a formula, dates as days, RAG filled and worded.

Write-only workbooks are quick, but styling each cell one by one is not: each
style is made once per workbook and its style record shared by every cell
that wears it, and unstyled text and numbers are appended as plain values.
Characters a workbook cannot hold (control characters) are dropped.

The sheets (`sheet`) take rows made here only: every value already judged
(text checked and never a formula, styled cells made), so a row goes to the
file without openpyxl judging each value again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.dates import EXCEL_DATE_FORMAT
from tracker.core.rag import rag_label

Value = str | int | date | None
FONT = "Arial"
SIZE = 10
MAX_TEXT = 32_767  # characters in a cell, at most

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

    def cell(self, sheet: Worksheet, value: Value, style: Style = PLAIN) -> WriteOnlyCell | Value:
        """A cell to append; a plain value where openpyxl's default cell is already right."""
        if value is None:
            return None
        if isinstance(value, str):
            # Control characters are not allowed in the file (and mean nothing on paper).
            text = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]
            if style is PLAIN and not text.startswith("=") and text not in ERROR_CODES:
                return text  # openpyxl stores it as text, as it is
            value, kind = text, "s"  # never a formula or an error, whatever the text says
        elif isinstance(value, date):
            kind = "d"
        else:
            if style is PLAIN:
                return value
            kind = "n"
        cell = WriteOnlyCell(sheet)
        cell._value = value
        cell.data_type = kind
        # Shared, not copied: a write-only cell is written once and never restyled.
        cell._style = self._style(sheet, style, kind == "d")
        return cell

    def rag(self, sheet: Worksheet, rag: str | None) -> WriteOnlyCell | Value:
        """A RAG cell: its word ("Red", "Complete", "Not rated") on its colour."""
        return self.cell(sheet, rag_label(rag), rag_style(rag))


class _ReportSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows come from Cells, ready to write.

    openpyxl's own sheet re-checks every value it is given and, handed a
    styled cell, first tries it as a value and fails (describing the cell
    for an error it then drops): most of the time a styled sheet took. Here
    a styled cell goes through as it is and a plain value (text Cells has
    checked, or a number) onto one reused cell, as openpyxl does. (Cells
    makes no hyperlinks, which openpyxl's version also places.)
    openpyxl is pinned (3.1.5): the method overridden is its own, not public.
    """

    def _values_to_row(self, values: Iterable[object], row_idx: int) -> Iterator[Cell]:
        plain = WriteOnlyCell(self)
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            elif isinstance(value, str):
                cell = plain
                cell._value = value  # checked by Cells.cell: text, never a formula
                cell.data_type = "s"
            else:
                cell = plain
                cell.value = value
            cell.column = column
            cell.row = row_idx
            yield cell


def sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new sheet at the end of a write-only workbook, for rows made by Cells only."""
    made = _ReportSheet(parent=workbook, title=title)
    workbook._add_sheet(made)
    return made  # type: ignore[return-value]  # writes as a Worksheet would, rows appended
