"""A read-only sheet's rows, as openpyxl's `iter_rows()` gives them, with inline text read faster.

openpyxl writes text into the sheet itself (`<c t="inlineStr"><is><t>...</t></is></c>`), so
every proforma the tracker hands out, and every return saved by a program that keeps it
that way, holds its text inline. openpyxl reads each such cell by building a rich-text
object through its generic XML mapping, about a third of the whole read. Here the text of
a plain cell is joined straight from its `<t>` elements, as that object's `content` would
be; any cell not of that simple shape goes to openpyxl unchanged. The rows are those of
`ReadOnlyWorksheet.iter_rows()` with no bounds: same cells, values, types and styles
(tests/imports/test_sheet_xml.py compares the two on awkward sheets).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser, coordinate_to_tuple
from openpyxl.xml.constants import SHEET_MAIN_NS

_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"
_RUN_PROPERTIES = f"{{{SHEET_MAIN_NS}}}rPr"
_PHONETIC = f"{{{SHEET_MAIN_NS}}}rPh"
_PHONETIC_PROPERTIES = f"{{{SHEET_MAIN_NS}}}phoneticPr"


def _plain_text(inline: Any) -> str | None:
    """The text of an `<is>` element as openpyxl's Text(...).content reads it: its own
    `<t>`, then each run's `<t>`, phonetic guides left out (the last `<t>` where a
    malformed file has several). None where the element holds anything else."""
    plain = None
    runs = []
    for part in inline:
        tag = part.tag
        if tag == _TEXT:
            plain = part.text
        elif tag == _RUN:
            text = None
            for piece in part:
                if piece.tag == _TEXT:
                    text = piece.text
                elif piece.tag != _RUN_PROPERTIES:
                    return None
            if text is not None:
                runs.append(text)
        elif tag not in (_PHONETIC, _PHONETIC_PROPERTIES):
            return None
    if plain is None:
        return "".join(runs)
    return plain + "".join(runs) if runs else plain


class _Parser(WorkSheetParser):
    def parse_cell(self, element: Any) -> dict[str, Any]:
        if element.get("t") != "inlineStr" or not self.data_only or self.rich_text:
            return super().parse_cell(element)
        inline = element.find(INLINE_STRING)
        value = None if inline is None else _plain_text(inline)
        if value is None:
            return super().parse_cell(element)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        style_id = element.get("s", 0)
        return {
            "row": row,
            "column": column,
            "value": value,
            "data_type": "s",
            "style_id": int(style_id) if style_id else 0,
        }


def worksheet_rows(worksheet: Any) -> Iterator[tuple[Any, ...]]:
    """Each row of the sheet from its first, as `worksheet.iter_rows()` yields them once
    its dimensions are reset: a missing row is `()`, a row's cells run to its last one."""
    if not isinstance(worksheet, ReadOnlyWorksheet):
        yield from worksheet.iter_rows()
        return
    book = worksheet.parent
    counter = 1
    with worksheet._get_source() as source:
        parser = _Parser(
            source,
            worksheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            while counter < number:
                counter += 1
                yield ()
            if counter <= number:
                counter += 1
                yield worksheet._get_row(cells, 1, None)
