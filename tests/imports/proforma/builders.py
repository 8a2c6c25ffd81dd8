"""Small workbooks built in a test, messy the way real returns are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

PROFORMA_HEADER = [
    "Objective",
    "Action",
    "Input",
    "Desired outcome",
    "Lead",
    "Time-scale",
    "RAG/Progress",
]


def solid(colour: Any) -> PatternFill:
    """A solid fill: colour is an ARGB string or an openpyxl Color."""
    return PatternFill(fill_type="solid", fgColor=colour)


THIN_BORDER = Border(
    left=Side(style="thin"),
    right=Side(style="thin"),
    top=Side(style="thin"),
    bottom=Side(style="thin"),
)


def put_rows(sheet: Worksheet, rows: Sequence[Sequence[Any]], first_row: int = 1) -> None:
    """Write rows as text: a string starting with "=" stays a string, as a
    user typing it as text would have it (openpyxl would make it a formula)."""
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=first_row + offset, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"


def proforma(
    sheet: Worksheet,
    agency: str | None,
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = PROFORMA_HEADER,
) -> int:
    """An Appendix 4 proforma: title, "Agency:" line, a blank row, the
    header on row 4 and the rows from row 5. Returns the header's row."""
    put_rows(
        sheet,
        [
            ["Appendix 4: Proforma for Individual Agency Action Plans"],
            ["Agency:" if agency is None else f"Agency: {agency}"],
            [],
            list(header),
            *rows,
        ],
    )
    return 4


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    workbook.close()
    return path


def one_sheet(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    put_rows(sheet, rows)
    return save(workbook, path)
