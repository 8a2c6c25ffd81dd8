"""Merged ranges read from the sheet's XML, which read-only openpyxl does not give."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.imports.proforma.builders import put_rows, save
from tracker.imports.proforma import cells
from tracker.imports.proforma.cells import MergedRange, merged_ranges

SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="C1:C9"/&gt;'
    b"</t></is></c></row></sheetData>"
    b'<mergeCells count="2"><mergeCell ref="A5:A7"/><x:mergeCell ref=\'E5:F6\'/></mergeCells>'
    b"</worksheet>"
)


def archive_with(part: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", part)
    return zipfile.ZipFile(buffer)


def test_merged_ranges_are_read_after_the_cells_only() -> None:
    assert merged_ranges(archive_with(SHEET), "xl/worksheets/sheet1.xml") == (
        MergedRange(1, 5, 1, 7),
        MergedRange(5, 5, 6, 6),
    )


def test_merged_ranges_split_across_chunks_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cells, "_CHUNK", 7)
    monkeypatch.setattr(cells, "_OVERLAP", 64)
    assert len(merged_ranges(archive_with(SHEET), "xl/worksheets/sheet1.xml")) == 2


def test_a_sheet_without_merges_or_part_has_none() -> None:
    plain = SHEET.split(b"<mergeCells")[0] + b"</worksheet>"
    assert merged_ranges(archive_with(plain), "xl/worksheets/sheet1.xml") == ()
    assert merged_ranges(archive_with(plain), None) == ()


def test_merged_ranges_match_what_openpyxl_writes(tmp_path: Path) -> None:
    workbook = Workbook()
    put_rows(workbook.active, [["a", "b", "c"]] * 10)
    for ref in ("A2:A4", "B5:C5", "C7:C10"):
        workbook.active.merge_cells(ref)
    with zipfile.ZipFile(save(workbook, tmp_path / "m.xlsx")) as archive:
        found = merged_ranges(archive, "xl/worksheets/sheet1.xml")
    assert set(found) == {
        MergedRange(1, 2, 1, 4),
        MergedRange(2, 5, 3, 5),
        MergedRange(3, 7, 3, 10),
    }
