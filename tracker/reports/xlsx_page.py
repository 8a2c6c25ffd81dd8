"""Printed pages of the report's workbooks: header and footer, and text laid out on a grid.

Every sheet prints with the protective marking in its header and footer and
"Page X of Y" (&P of &N). Text blocks (the front sheet, key messages) sit in
cells merged across the sheet's columns, one paragraph or bullet a row, each
row as tall as its wrapped text (worked out, as no spreadsheet sizes merged
rows itself), so nothing is cut off or overlaps when printed. MASA's page is
one sheet laid on a grid of equal columns, each table's columns spanning as
many of them as its width needs, fitted to one A4 page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.reports.layout import PT_MM
from tracker.reports.plain_text import Block, Bullets
from tracker.reports.tables import Kind, Section, shown
from tracker.reports.xlsx_cells import HEADER, WRAPPED, Cells, Style, rag_style

CHAR_MM = 1.9  # one unit of a column's width, printed at 100%
AVERAGE_EM = 0.52  # an average character of English in Arial, spaces included, in ems
WRAP_WASTE = 1.15  # the room lost at line ends by wrapping whole words
LINE_PT = 13.0  # a wrapped line of 10 or 11 pt text, with its leading


def header_style(column_rag: str | None) -> Style:
    """A column's heading: grey, or a RAG count column's on its colour."""
    if column_rag is None:
        return HEADER
    return rag_style(None if column_rag == "none" else column_rag)


def height(text: str, width_chars: float, *, size_pt: float = 10.0) -> float:
    """Points for a row whose tallest cell holds `text` wrapped in `width_chars`.

    Counted from the text's length, not each word's width: a sheet has thousands of
    cells, and a line or so to spare matters less than the time."""
    room = max(width_chars * CHAR_MM - 2, 1.0)
    per_line = room / (AVERAGE_EM * size_pt * PT_MM)  # characters a line holds
    count = sum(max(1, math.ceil(len(part) * WRAP_WASTE / per_line)) for part in text.split("\n"))
    return round(count * LINE_PT * size_pt / 10 + 3, 1)


class Stack:
    """Rows appended one after another to a write-only sheet, knowing where they are."""

    def __init__(self, sheet: Worksheet, cells: Cells, widths: Sequence[float]) -> None:
        self.sheet = sheet
        self.cells = cells
        self.widths = list(widths)
        self.row = 0
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    def _span(self, first: int, count: int) -> None:
        if count > 1:
            start = f"{get_column_letter(first + 1)}{self.row}"
            end = f"{get_column_letter(first + count)}{self.row}"
            self.sheet.merged_cells.add(f"{start}:{end}")

    def append(self, values: list, row_height: float | None = None) -> None:
        self.row += 1
        if row_height is not None:
            self.sheet.row_dimensions[self.row].height = row_height
        self.sheet.append(values)

    def text(self, text: str, style: Style = WRAPPED, *, size_pt: float = 10.0) -> None:
        """One wrapped text across the whole sheet's width."""
        span = len(self.widths)
        tall = height(text, sum(self.widths), size_pt=size_pt)
        self.append([self.cells.cell(self.sheet, text, style)] + [None] * (span - 1), tall)
        self._span(0, span)

    def blocks(self, found: Sequence[Block], *, size_pt: float = 10.0) -> None:
        for block in found:
            if isinstance(block, Bullets):
                for item in block.items:
                    self.text(f"•  {item}", size_pt=size_pt)
            else:
                self.text(block.text, size_pt=size_pt)

    def table(self, section: Section, spans: Sequence[int], *, size_pt: float = 10.0) -> None:
        """The section's header and rows, column i spanning spans[i] of the grid's columns."""
        starts = [sum(spans[:i]) for i in range(len(spans))]
        room = [sum(self.widths[s : s + n]) for s, n in zip(starts, spans, strict=True)]

        def placed(values: list) -> list:
            row: list = [None] * len(self.widths)
            for start, value in zip(starts, values, strict=True):
                row[start] = value
            return row

        titles = [column.title for column in section.columns]
        tall = max(height(t, w, size_pt=size_pt) for t, w in zip(titles, room, strict=True))
        heads = [
            self.cells.cell(self.sheet, column.title, header_style(column.rag))
            for column in section.columns
        ]
        self.append(placed(heads), tall)
        for start, count in zip(starts, spans, strict=True):
            self._span(start, count)
        for values in section.rows:
            texts = [shown(v, c.kind) for v, c in zip(values, section.columns, strict=True)]
            tall = max(height(t, w, size_pt=size_pt) for t, w in zip(texts, room, strict=True))
            made = [
                self.cells.rag(self.sheet, value)  # type: ignore[arg-type]
                if column.kind is Kind.RAG
                else self.cells.cell(self.sheet, value, WRAPPED)  # top-aligned, all of them
                for value, column in zip(values, section.columns, strict=True)
            ]
            self.append(placed(made), tall)
            for start, count in zip(starts, spans, strict=True):
                self._span(start, count)


def spans(widths_mm: Sequence[float], grid: int) -> list[int]:
    """How many of `grid` equal columns each of these widths takes: at least one each."""
    total = sum(widths_mm)
    made = [max(1, round(width * grid / total)) for width in widths_mm]
    while sum(made) > grid:
        widest = made.index(max(made))
        made[widest] -= 1
    while sum(made) < grid:
        made[made.index(max(made))] += 1
    return made
