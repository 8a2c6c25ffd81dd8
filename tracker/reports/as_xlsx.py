"""The report as an Excel workbook: the summary sheet first, then a sheet per section.

Every sheet has a frozen, filtered header row, wrapped text, sensible widths
and a landscape, fit-to-width A4 print set-up that repeats the header on
each page. Text is stored as text (a progress note starting "=" is never a
formula); RAG cells carry the word on its colour. Written in write-only mode,
and stamped with the report's generated time, so the same report gives the
same bytes.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tracker.reports.model import Report
from tracker.reports.sections import sections
from tracker.reports.tables import Kind, Section, cover
from tracker.reports.xlsx_cells import (
    BOLD,
    HEADER,
    PLAIN,
    TITLE,
    WRAPPED,
    Cells,
    Style,
    rag_style,
)
from tracker.reports.xlsx_cells import sheet as new_sheet
from tracker.reports.zipped import StampedZipFile


def _print_set_up(sheet: Worksheet, header_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _header_style(column_rag: str | None) -> Style:
    if column_rag is None:
        return HEADER
    return rag_style(None if column_rag == "none" else column_rag)


def _table(
    workbook: Workbook, cells: Cells, section: Section, preface: list[list], name: str = ""
) -> None:
    """A sheet: `preface` rows ((value, style) pairs), then the section's header and rows."""
    sheet = new_sheet(workbook, (name or section.title.split(":")[0])[:31])
    header_row = len(preface) + 1
    last = get_column_letter(len(section.columns))
    # Set before the first row is written: write-only sheets need it so.
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(section.rows), 1)}"
    _print_set_up(sheet, header_row)
    for index, column in enumerate(section.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for line in preface:
        sheet.append([cells.cell(sheet, value, style) for value, style in line])
    sheet.append(
        [cells.cell(sheet, column.title, _header_style(column.rag)) for column in section.columns]
    )
    styles = [WRAPPED if column.kind is Kind.LONG else PLAIN for column in section.columns]
    rags = [column.kind is Kind.RAG for column in section.columns]
    for values in section.rows:
        sheet.append(
            [
                cells.rag(sheet, value) if is_rag else cells.cell(sheet, value, style)  # type: ignore[arg-type]
                for value, style, is_rag in zip(values, styles, rags, strict=True)
            ]
        )
    if not section.rows:
        sheet.append([cells.cell(sheet, section.empty, WRAPPED)])


def _summary(workbook: Workbook, cells: Cells, report: Report, first: Section) -> None:
    """The first sheet: the cover's lines and key messages above the headline table."""
    preface: list[list] = [[(report.title, TITLE)]]
    preface += [[(label, BOLD), (value, PLAIN)] for label, value in cover(report)]
    preface += [[("Key messages", BOLD), (report.key_messages or "None written.", WRAPPED)]]
    preface += [[(first.intro, WRAPPED)]]
    _table(workbook, cells, first, preface, name="Summary")


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=True)
    cells = Cells(workbook)
    made = report.generated_at.replace(tzinfo=None)
    workbook.properties.title = report.title
    workbook.properties.subject = f"{report.audience.label}, {report.quarter.label}"
    workbook.properties.creator = report.partnership or "Safeguarding partnership"
    workbook.properties.lastModifiedBy = workbook.properties.creator
    workbook.properties.keywords = f"assurance report {report.quarter.slug}"
    workbook.properties.created = made
    workbook.properties.modified = made
    first, *rest = sections(report)
    _summary(workbook, cells, report, first)
    for section in rest:
        _table(workbook, cells, section, [[(section.intro, WRAPPED)]])
    if report.audience.value == "business-group":
        messages = new_sheet(workbook, "Key messages")
        messages.column_dimensions["A"].width = 100
        messages.append([cells.cell(messages, "Key messages", HEADER)])
        for paragraph in (report.key_messages or "None written.").split("\n"):
            messages.append([cells.cell(messages, paragraph, WRAPPED)])
    out = io.BytesIO()
    # ExcelWriter, not Workbook.save: save stamps "modified" with the clock.
    with StampedZipFile(out, report.generated_at) as archive:
        ExcelWriter(workbook, archive).save()
    return out.getvalue()
