"""The gaps view as CSV and as a workbook: text never runs as a formula (the review's
rule: tracker.review.as_csv.csv_cell; every workbook text cell stored as text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from tracker.learning.queries import ItemView
from tracker.review.as_csv import csv_cell

HEADERS = ("Source", "Number", "Kind", "Addressed to", "Text", "Why a gap", "Standing", "Actions")


def _row(item: ItemView) -> list[str]:
    return [
        item.source_title,
        item.number,
        item.kind_label,
        item.audience,
        item.text,
        item.gap or "",
        item.roll.label,
        "; ".join(f"{a.plan} {a.ref}" for a in item.actions),
    ]


def gaps_csv(items: Iterable[ItemView]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for item in items:
        writer.writerow([csv_cell(value) for value in _row(item)])
    return out.getvalue().encode("utf-8-sig")


def gaps_xlsx(items: Iterable[ItemView]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Gaps")
    sheet.freeze_panes = "A2"

    def cell(value: str, bold: bool = False) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        made.data_type = "s"  # never a formula, whatever the text starts with
        if bold:
            made.font = Font(bold=True)
        return made

    sheet.append([cell(title, bold=True) for title in HEADERS])
    for item in items:
        sheet.append([cell(value) for value in _row(item)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
