"""Sheets written a row at a time (tracker.core.xlsx_rows), read back as Excel would."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from tracker.core.dates import EXCEL_DATE_FORMAT
from tracker.core.xlsx_rows import MAX_TEXT, cell_text, row_sheet, style_of

AWKWARD = [
    "=SUM(A1:A2)",  # text that looks like a formula
    "#N/A",  # text that looks like an error
    "  starts and ends with spaces  ",
    "Fish & chips <b>bold</b> > less",
    "line one\r\nline two\nline three",
    "Ünïcödé – “quotes” ✓",
]


def _read_back(write) -> object:  # noqa: ANN001 - a function of the workbook
    workbook = Workbook(write_only=True)
    write(workbook)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return load_workbook(out)


def test_values_come_back_as_they_were_given_text_never_a_formula():
    def write(workbook):
        sheet = row_sheet(workbook, "Rows")
        dated = style_of(sheet, number_format=EXCEL_DATE_FORMAT)
        for text in AWKWARD:
            sheet.append([text, 42, 2.5, (date(2020, 9, 30), dated), None, "after a gap"])

    sheet = _read_back(write)["Rows"]
    for number, text in enumerate(AWKWARD, start=1):
        row = sheet[number]
        assert row[0].value == text
        assert row[0].data_type == "s"  # text, whatever it starts with
        assert (row[1].value, row[2].value) == (42, 2.5)
        assert row[3].value.date() == date(2020, 9, 30)
        assert row[3].number_format == EXCEL_DATE_FORMAT
        assert row[4].value is None
        assert row[5].value == "after a gap"


def test_styles_heights_and_cells_among_values():
    def write(workbook):
        sheet = row_sheet(workbook, "Rows")
        bold = style_of(sheet, font=Font(bold=True), alignment=Alignment(wrap_text=True))
        sheet.heights[1] = 45.0
        sheet.append([("Heading", bold), ("Second", bold)])
        linked = WriteOnlyCell(sheet, value="=1+1")  # a real formula, written openpyxl's way
        sheet.append(["plain", linked, 7])

    sheet = _read_back(write)["Rows"]
    assert sheet["A1"].font.bold and sheet["B1"].alignment.wrap_text
    assert not sheet["A2"].font.bold
    assert sheet.row_dimensions[1].height == 45.0
    assert sheet.row_dimensions[2].height is None
    assert [cell.value for cell in sheet[2]] == ["plain", "=1+1", 7]
    assert sheet["B2"].data_type == "f"


def test_text_a_workbook_cannot_hold_is_dropped_and_long_text_cut():
    assert cell_text("bell\x07 and nul\x00 gone\ufffe") == "bell and nul gone"
    assert cell_text("tab\tand\nline feeds\rstay") == "tab\tand\nline feeds\rstay"
    assert len(cell_text("x" * (MAX_TEXT + 10))) == MAX_TEXT


def test_a_value_it_cannot_write_is_refused_not_written_wrongly():
    def write(workbook):
        row_sheet(workbook, "Rows").append([object()])

    with pytest.raises(TypeError, match="not a value this sheet writes"):
        _read_back(write)


def test_empty_text_is_no_cell_unless_it_carries_a_style():
    def write(workbook):
        sheet = row_sheet(workbook, "Rows")
        bold = style_of(sheet, font=Font(bold=True))
        sheet.append(["", ("", bold), "x"])

    sheet = _read_back(write)["Rows"]
    assert [cell.value for cell in sheet[1]] == [None, None, "x"]
    assert not sheet["A1"].has_style and sheet["B1"].font.bold
