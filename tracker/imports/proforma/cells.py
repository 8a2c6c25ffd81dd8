"""A sheet's rows as the reader sees them, streamed in openpyxl's read-only
mode: each row's cells, with the value of a cell merged down over several
rows repeated on each (read-only mode does not know merged cells, so they
are read from the sheet's XML)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils.cell import range_boundaries

from tracker.imports.proforma.files import DAMAGED, UnreadableFile
from tracker.imports.proforma.sheet_xml import worksheet_rows

_CHUNK = 1 << 20
_OVERLAP = 512
_END_OF_CELLS = re.compile(rb"</(?:\w+:)?sheetData\s*>|<(?:\w+:)?sheetData\s*/>")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Za-z]{1,3}\d+:[A-Za-z]{1,3}\d+)[\"']"
)


@dataclass(frozen=True)
class MergedRange:
    first_column: int  # 1-based, as in the sheet
    first_row: int
    last_column: int
    last_row: int


@dataclass(frozen=True)
class SheetRow:
    number: int  # 1-based sheet row
    cells: tuple[Any, ...]  # openpyxl read-only cells, 0-based by column
    copied: frozenset[int]  # columns whose cell is a merged cell's, repeated from above

    def value(self, index: int) -> Any:
        return self.cells[index].value if index < len(self.cells) else None

    def cell(self, index: int) -> Any:
        return self.cells[index] if index < len(self.cells) else EMPTY_CELL


def merged_ranges(archive: zipfile.ZipFile, sheet_part: str | None) -> tuple[MergedRange, ...]:
    """The sheet's merged ranges, from the <mergeCells> after its cells. The
    part is scanned in chunks rather than parsed, so a large sheet costs one
    decompression and no second XML parse."""
    if sheet_part is None or sheet_part not in archive.NameToInfo:
        return ()
    refs: set[bytes] = set()
    past_cells = False
    tail = b""
    try:
        with archive.open(sheet_part) as part:
            while chunk := part.read(_CHUNK):
                data = tail + chunk
                if not past_cells:
                    end = _END_OF_CELLS.search(data)
                    if end is None:
                        tail = data[-_OVERLAP:]
                        continue
                    past_cells, data = True, data[end.end() :]
                refs.update(match.group(1) for match in _MERGE.finditer(data))
                tail = data[-_OVERLAP:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UnreadableFile(DAMAGED) from error
    merged = []
    for ref in sorted(refs):
        try:
            bounds = range_boundaries(ref.decode("ascii"))
        except ValueError:
            continue  # not a range Excel could have written: nothing merged
        if all(isinstance(bound, int) for bound in bounds):
            merged.append(MergedRange(*bounds))
    return tuple(merged)


def sheet_rows(worksheet: Any, merged: tuple[MergedRange, ...] = ()) -> Iterator[SheetRow]:
    """Every row of the sheet, hidden ones included, numbered from 1. A value
    merged down over several rows is repeated in its column on each of them."""
    merges_starting: dict[int, list[MergedRange]] = {}
    for merge in merged:
        if merge.last_row > merge.first_row:
            merges_starting.setdefault(merge.first_row, []).append(merge)
    carried: dict[int, tuple[Any, int]] = {}  # column -> (top cell, last row of its merge)
    for number, cells in _rows(worksheet):
        copied: set[int] = set()
        if carried:
            cells = _with_carried(cells, number, carried, copied)
        for merge in merges_starting.get(number, ()):
            column = merge.first_column - 1
            if column < len(cells) and cells[column].value is not None:
                carried[column] = (cells[column], merge.last_row)
        yield SheetRow(number, tuple(cells), frozenset(copied))


def _with_carried(
    cells: tuple[Any, ...], number: int, carried: dict[int, tuple[Any, int]], copied: set[int]
) -> tuple[Any, ...]:
    filled = list(cells)
    for column, (top, last_row) in list(carried.items()):
        if number > last_row:
            del carried[column]
            continue
        filled.extend([EMPTY_CELL] * (column + 1 - len(filled)))
        if filled[column].value is None:
            filled[column] = top
            copied.add(column)
    return tuple(filled)


def _rows(worksheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """openpyxl's rows, any failure to parse the sheet being a damaged file.
    Dimensions are reset: some programs write wrong ones, which would cut rows off."""
    try:
        worksheet.reset_dimensions()
        yield from enumerate(worksheet_rows(worksheet), start=1)
    except UnreadableFile:
        raise
    except Exception as error:  # raised by openpyxl while parsing the sheet's XML
        raise UnreadableFile(DAMAGED) from error
