"""Write-only sheets whose rows go to the file one element each (issue 18).

openpyxl's write-only sheet turns every value into a cell object, works out its style's
number again, and writes it as four nested elements, each its own step: about a second
for every 100,000 cells, most of the time a 20,000-row download took. The sheet here is
given rows of values already judged (text checked, never a formula) and writes each row
as one element built in one go, the same XML openpyxl writes.

A row holds, for each column:
- None: no cell;
- (value, style): a styled value, the style a StyleArray (made once, shared by every
  cell that wears it; see style_of);
- text, a whole number or a decimal: a plain value, in openpyxl's default style;
- a cell (openpyxl's WriteOnlyCell), written as openpyxl would: the way for anything else
  (a formula, a hyperlink, rich text).
Dates are given with a style, so that they show as dates.

openpyxl is pinned (3.1.5): the method overridden is its own, not public.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable
from datetime import date
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import fromstring

# What a workbook cannot hold: control characters (openpyxl's ILLEGAL_CHARACTERS_RE), and
# what XML cannot (surrogates, U+FFFE, U+FFFF).
_NOT_HELD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 32_767  # characters in a cell, at most
Item = Any  # None, (value, StyleArray), str, int, float or a Cell: see the module's text


def _escaped(text: str) -> str:
    """Text for an element's content; a carriage return kept as one, not read as a line feed."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def cell_text(text: str) -> str:
    """Text as a cell can hold it: without control characters (a workbook cannot hold them,
    and they mean nothing on paper), at most MAX_TEXT characters."""
    return _NOT_HELD.sub("", text)[:MAX_TEXT]


def style_of(sheet: Worksheet, **attributes: Any) -> StyleArray:
    """A style record for cells of `sheet`: font, fill, alignment, number_format..."""
    cell = WriteOnlyCell(sheet)
    for name, value in attributes.items():
        setattr(cell, name, value)
    return cell._style


class RowSheet(WriteOnlyWorksheet):
    """A write-only sheet taking rows of items (see the module's text), and a height for
    any row that needs one (`heights`, points by row number, dropped once written)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heights: dict[int, float] = {}
        self._style_ids: dict[int, str] = {}
        self._letters: list[str] = []

    def _style_id(self, style: StyleArray) -> str:
        found = self._style_ids.get(id(style))
        if found is None:
            found = self._style_ids[id(style)] = str(self.parent._cell_styles.add(style))
        return found

    def _letter(self, column: int) -> str:
        while len(self._letters) < column:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[column - 1]

    def _write_rows(self) -> Generator[None, Iterable[Item], None]:
        """openpyxl's own, writing each row with `_row`."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        with xf.element("sheetData"):
            number = 1
            try:
                while True:
                    items = yield
                    self._row(xf, number, items)
                    number += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def _row(self, xf: Any, number: int, items: Iterable[Item]) -> None:
        height = self.heights.pop(number, None)
        attributes = {"r": str(number)}
        dimension = self.row_dimensions.get(number)  # set as on any sheet: honoured too
        if dimension is not None:
            attributes.update(dict(dimension))
        if height is not None:
            attributes["ht"] = str(height)
            attributes["customHeight"] = "1"
        items = list(items)
        if not any(isinstance(item, Cell) for item in items):
            # The row as text, every value escaped, read into one element: a fifth of the
            # time of building its elements one by one.
            cells = "".join(
                self._cell_xml(number, column, item)
                for column, item in enumerate(items, 1)
                if item is not None
            )
            said = "".join(f' {name}="{value}"' for name, value in attributes.items())
            xf.write(fromstring(f"<row{said}>{cells}</row>"))
            return
        # A cell among the values: each written in its place, the cells openpyxl's way.
        with xf.element("row", attributes):
            for column, item in enumerate(items, 1):
                if isinstance(item, Cell):
                    item.column, item.row = column, number
                    write_cell(xf, self, item, item.has_style)
                elif item is not None and (made := self._cell_xml(number, column, item)):
                    xf.write(fromstring(made))

    def _cell_xml(self, number: int, column: int, item: Item) -> str:
        """The <c> element of a value, or of a (value, style) pair, as text."""
        if isinstance(item, tuple):
            value, style = item
            where = f'r="{self._letter(column)}{number}" s="{self._style_id(style)}"'
        else:
            value, where = item, f'r="{self._letter(column)}{number}"'
        if value == "":  # nothing to show: a styled cell keeps its style, a plain one is none
            return f"<c {where}/>" if isinstance(item, tuple) else ""
        if isinstance(value, str):
            space = ' xml:space="preserve"' if value != value.strip() else ""
            return f'<c {where} t="inlineStr"><is><t{space}>{_escaped(value)}</t></is></c>'
        if isinstance(value, date):
            value = to_excel(value, self.parent.epoch)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            raise TypeError(f"not a value this sheet writes: {value!r}")
        return f'<c {where} t="n"><v>{safe_string(value)}</v></c>'


def row_sheet(workbook: Any, title: str) -> RowSheet:
    """A new sheet at the end of a write-only workbook."""
    made = RowSheet(parent=workbook, title=title)
    workbook._add_sheet(made)
    return made
