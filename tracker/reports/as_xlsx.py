"""The report as an Excel workbook.

The Business Group's: the summary sheet first (the front sheet, key messages
and headline counts), then a sheet per section, each with a frozen, filtered
header row, wrapped text, sensible widths and an A4 print set-up fitting the
width and repeating the header on each page. MASA's: one sheet that prints
on one A4 page, the same content as its paper. Every printed page carries the
marking and "Page X of Y". Text is stored as text (a progress note starting
"=" is never a formula); RAG cells carry the word on its colour. Written in
write-only mode, stamped with the report's generated time, so the same report
gives the same bytes.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tracker.core.marking import sheet_marked
from tracker.reports import front
from tracker.reports.layout import column_widths
from tracker.reports.model import Audience, Report
from tracker.reports.plain_text import flat
from tracker.reports.sections import sections
from tracker.reports.tables import Kind, Section, shown
from tracker.reports.xlsx_cells import BOLD, PLAIN, TITLE, WRAPPED, Cells
from tracker.reports.xlsx_cells import sheet as new_sheet
from tracker.reports.xlsx_page import (
    CHAR_MM,
    LINE_PT,
    Stack,
    header_style,
    height,
    spans,
)
from tracker.reports.zipped import StampedZipFile

Line = tuple[str, str, str]  # text, title or line (a label and its value)
GRID = 24  # MASA's sheet: equal columns the tables' columns span
GRID_CHARS = 120  # their widths together; printed, the sheet is fitted to the page


def _print_set_up(sheet: Worksheet, report: Report, *, portrait: bool = False) -> None:
    sheet.page_setup.orientation = "portrait" if portrait else "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if portrait else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet_marked(sheet, front.marking(report), front.running_title(report))


def _table(
    workbook: Workbook,
    cells: Cells,
    report: Report,
    section: Section,
    preface: list[Line] | None = None,
    name: str = "",
) -> None:
    """A sheet: `preface` (text written across it), then the section's header and rows."""
    sheet = new_sheet(workbook, (name or section.title.split(":")[0])[:31])
    widths = [column.width for column in section.columns]
    stack = Stack(sheet, cells, widths)
    preface = preface or [("text", section.intro, "")]
    header_row = len(preface) + 1
    last = get_column_letter(len(section.columns))
    # Set before the first row is written: write-only sheets need it so.
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(section.rows), 1)}"
    _print_set_up(sheet, report)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    for kind, text, value in preface:
        if kind == "text":
            stack.text(text)
        elif kind == "title":
            stack.text(text, TITLE, size_pt=14)
        else:  # a label and its value
            stack.append([cells.cell(sheet, text, BOLD), cells.cell(sheet, value, PLAIN)])
    stack.append(
        [cells.cell(sheet, column.title, header_style(column.rag)) for column in section.columns]
    )
    # Wrapped and top-aligned, all of them: a number sits level with the text beside it.
    styles = [WRAPPED for _ in section.columns]
    rags = [column.kind is Kind.RAG for column in section.columns]
    texts = [
        (i, column.width)
        for i, column in enumerate(section.columns)
        if column.kind in (Kind.LONG, Kind.TEXT)
    ]
    for values in section.rows:
        # As tall as its longest wrapped text: LibreOffice keeps a written row's height.
        tall = max([LINE_PT + 2] + [height(str(values[i] or ""), width) for i, width in texts])
        stack.append(
            [
                cells.rag(sheet, value) if is_rag else cells.cell(sheet, value, style)  # type: ignore[arg-type]
                for value, style, is_rag in zip(values, styles, rags, strict=True)
            ],
            tall,
        )
    if not section.rows:
        stack.append([cells.cell(sheet, section.empty, WRAPPED)])


def _front_lines(report: Report) -> list[Line]:
    """The summary sheet's preface: title, details, then each written text, paragraph by row."""
    lines: list[Line] = [("text", report.partnership, "")] if report.partnership else []
    lines.append(("title", report.title, ""))
    lines += [("line", label, value) for label, value in front.details(report)]
    for part in front.parts(report):
        lines.append(("line", part.title, ""))
        lines += [("text", text, "") for text in flat(part.blocks)]
    return lines


def _masa(workbook: Workbook, cells: Cells, report: Report) -> None:
    """MASA's page: one sheet, fitted to one A4 page, as its paper reads."""
    sheet = new_sheet(workbook, "MASA")
    stack = Stack(sheet, cells, [GRID_CHARS / GRID] * GRID)
    _print_set_up(sheet, report, portrait=True)
    if report.partnership:
        stack.text(report.partnership, BOLD)
    stack.text(report.title, TITLE, size_pt=14)
    for label, value in front.details(report):
        stack.text(f"{label}: {value}")
    for part in front.parts(report):
        stack.text(part.title, BOLD, size_pt=11)
        stack.blocks(part.blocks)
        if part.more:
            stack.text(part.more)
    for section in sections(report):
        stack.text(section.title, BOLD, size_pt=11)
        if section.intro:
            stack.text(section.intro)
        if not section.rows:
            stack.text(section.empty)
            continue
        texts = [
            [shown(v, c.kind) for v, c in zip(row, section.columns, strict=True)]
            for row in section.rows
        ]
        widths = column_widths(section.columns, texts, GRID_CHARS * CHAR_MM, 10)
        stack.table(section, spans(widths, GRID))
        if section.more:
            stack.text(section.more)


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=True)
    cells = Cells(workbook)
    made = report.generated_at.replace(tzinfo=None)
    workbook.properties.title = report.title
    workbook.properties.subject = f"{report.audience.label}, {report.quarter.label}"
    workbook.properties.creator = report.partnership or "Safeguarding partnership"
    workbook.properties.lastModifiedBy = workbook.properties.creator
    workbook.properties.keywords = f"assurance report {report.quarter.slug}"
    workbook.properties.category = front.marking(report)
    workbook.properties.created = made
    workbook.properties.modified = made
    if report.audience is Audience.MASA:
        _masa(workbook, cells, report)
    else:
        first, *rest = sections(report)
        _table(
            workbook,
            cells,
            report,
            first,
            _front_lines(report) + [("text", first.intro, "")],
            "Summary",
        )
        for section in rest:
            _table(workbook, cells, report, section)
    out = io.BytesIO()
    # ExcelWriter, not Workbook.save: save stamps "modified" with the clock.
    with StampedZipFile(out, report.generated_at) as archive:
        ExcelWriter(workbook, archive).save()
    return out.getvalue()
