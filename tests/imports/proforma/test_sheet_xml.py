"""A sheet's rows read with inline text taken straight from the XML: the same as openpyxl's."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet import _reader

from tracker.imports.proforma.sheet_xml import worksheet_rows

SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# Cells of the shapes real files hold, and of shapes they should not but might.
AWKWARD_ROWS = (
    '<row r="3"><c r="A3" t="inlineStr"><is><t>plain</t></is></c>'
    '<c r="C3" t="inlineStr" s="2"><is><t xml:space="preserve">  spaced  </t></is></c></row>'
    # Rich text runs, with and without the cell's own text, and a run without text.
    '<row r="4"><c r="A4" t="inlineStr"><is><r><rPr><b/></rPr><t>Red</t></r>'
    "<r><t> - late</t></r><r><rPr><i/></rPr></r></is></c>"
    '<c r="B4" t="inlineStr"><is><t>lead </t><r><t>in</t></r></is></c></row>'
    # Phonetic guides are not part of the text.
    '<row r="6"><c r="A6" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh>'
    '<phoneticPr fontId="1"/></is></c></row>'
    # Empty text, no text, no <is> at all, two <t>s.
    '<row r="7"><c r="A7" t="inlineStr"><is><t/></is></c><c r="B7" t="inlineStr"><is/></c>'
    '<c r="C7" t="inlineStr"/><c r="D7" t="inlineStr"><is><t>first</t><t>second</t></is></c></row>'
    # A formula with its result inline, an unknown element, a prefixed namespace.
    '<row r="8"><c r="A8" t="inlineStr"><f>UPPER("x")</f><is><t>X</t></is></c>'
    '<c r="B8" t="inlineStr"><is><t>a</t><extra>b</extra></is></c>'
    f'<c r="C8" t="inlineStr"><x:is xmlns:x="{NS}"><x:t>prefixed</x:t></x:is></c></row>'
    # No references: cells and rows are counted.
    '<row><c t="inlineStr"><is><t>counted</t></is></c><c t="n"><v>7</v></c>'
    '<c t="inlineStr" s="2"><is><t>third</t></is></c></row>'
    # A row given again, and one out of order, are passed over as openpyxl does.
    '<row r="9"><c r="A9" t="inlineStr"><is><t>again</t></is></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><t>backwards</t></is></c></row>'
    '<row r="12"><c r="E12" t="inlineStr"><is><t>far</t></is></c></row>'
)


def awkward_workbook(tmp_path: Path) -> Path:
    """Row 1 as openpyxl writes a date, a fill, a number and a flag; then the rows above."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([datetime(2020, 9, 30), "Amber", 3.5, True])
    sheet.append([None, "filled"])
    sheet["B1"].fill = PatternFill("solid", start_color="FFC000")
    sheet["B2"].fill = PatternFill("solid", start_color="FF0000")
    path = tmp_path / "written.xlsx"
    workbook.save(path)
    awkward = tmp_path / "awkward.xlsx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(awkward, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == SHEET:
                data = data.replace(b"</sheetData>", AWKWARD_ROWS.encode() + b"</sheetData>")
            copy.writestr(item, data)
    return awkward


def described(rows: Iterable[Iterable[Any]]) -> list[tuple[tuple[object, ...], ...]]:
    return [tuple(_cell(cell) for cell in row) for row in rows]


def _cell(cell: Any) -> tuple[object, ...]:
    fill = getattr(cell, "fill", None)
    colour = fill.fgColor.rgb if fill is not None else None
    return (cell.value, cell.data_type, getattr(cell, "_style_id", None), colour)


def openpyxls_rows(path: Path) -> list[tuple[tuple[object, ...], ...]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    return described(sheet.iter_rows())


def our_rows(path: Path) -> list[tuple[tuple[object, ...], ...]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    return described(worksheet_rows(workbook.worksheets[0]))


def test_the_rows_are_openpyxls_on_an_awkward_sheet(tmp_path: Path) -> None:
    path = awkward_workbook(tmp_path)
    ours = our_rows(path)
    assert ours == openpyxls_rows(path)
    values = [[cell[0] for cell in row] for row in ours]
    assert values[2] == ["plain", None, "  spaced  "]
    assert values[3] == ["Red - late", "lead in"]
    assert values[5] == ["漢字"]
    assert values[6] == ["", "", None, "second"]
    assert values[7] == ["X", "a", "prefixed"]  # an unknown element is no text
    assert values[8] == ["counted", 7, "third"]
    assert values[11] == [None, None, None, None, "far"]
    assert len(values) == 12


def test_plain_inline_text_skips_openpyxls_rich_text_objects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of reading it here: a third of a large read went on building them."""
    workbook = Workbook()
    for number in range(50):
        workbook.active.append([f"{number}. objective", f"{number}.1 action", "Red - late"])
    workbook.save(tmp_path / "plain.xlsx")
    expected = openpyxls_rows(tmp_path / "plain.xlsx")

    def refused(*_args: object) -> None:
        raise AssertionError("read through openpyxl's Text")

    monkeypatch.setattr(_reader.Text, "from_tree", refused)
    assert our_rows(tmp_path / "plain.xlsx") == expected
    assert expected[49][0][0] == "49. objective"
