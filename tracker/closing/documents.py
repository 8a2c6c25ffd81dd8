"""The closing report as a workbook and as a Word document. Pure: it takes what the
page shows and writes bytes. Text starting with "=" stays text.

A paper for the Board: the protective marking (OFFICIAL), its title and "Page X of Y"
on every printed page (tracker.core.marking), the day it was produced under the title,
A4 landscape, the table's heading row repeated on each page."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from tracker.closing.rules import Outcome
from tracker.core.dates import format_date
from tracker.core.marking import OFFICIAL, section_marked, sheet_marked
from tracker.core.rag import rag_label
from tracker.core.wrapping import row_height, wrapped_lines

WIDTHS = (30, 8, 60, 18, 50)
HEADINGS = ("Plan", "Action", "What the action was", "What became of it", "Detail")


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def detail(action) -> str:  # type: ignore[no-untyped-def]
    """What the report says beside the outcome: where it went, or when and why withdrawn."""
    if action.outcome is Outcome.WITHDRAWN:
        reason = f": {action.withdrawn_reason}" if action.withdrawn_reason else ""
        return f"Withdrawn on {format_date(action.withdrawn_on)}{reason}"
    if action.outcome is Outcome.CARRIED and action.carried_to:
        to = action.carried_to
        return f"Carried over to {to.strategy}, {to.plan}, action {to.ref}"
    return f"RAG at the end: {rag_label(action.rag)}"


def rows(plans: Sequence) -> list[tuple[str, str, str, str, str]]:  # type: ignore[type-arg]
    return [
        (plan.plan, action.ref, action.text, action.outcome.label, detail(action))
        for plan in plans
        for action in plan.actions
    ]


def count_rows(plans: Sequence) -> list[tuple[str, int, int, int, int]]:  # type: ignore[type-arg]
    return [
        (
            plan.plan,
            plan.count(Outcome.COMPLETED),
            plan.count(Outcome.CARRIED),
            plan.count(Outcome.WITHDRAWN),
            plan.count(Outcome.OPEN),
        )
        for plan in plans
    ]


COUNT_HEADINGS = ("Plan", "Completed", "Carried over", "Withdrawn", "Not completed, not carried")


COUNT_PLAN_WIDTH = 50


def produced(made_on: date) -> str:
    return f"Produced on {format_date(made_on)}"


def as_xlsx(title: str, plans: Sequence, made_on: date) -> bytes:  # type: ignore[type-arg]
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Counts"
    summary.append([_clean(title)])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([produced(made_on)])
    summary.append(list(COUNT_HEADINGS))
    summary.row_dimensions[3].height = row_height(2)  # "Not completed, not carried" wraps
    for counted in count_rows(plans):
        summary.append(list(counted))
        summary[f"A{summary.max_row}"].alignment = Alignment(wrap_text=True, vertical="top")
        summary.row_dimensions[summary.max_row].height = row_height(
            wrapped_lines(counted[0], COUNT_PLAN_WIDTH)
        )
    for cell in summary[3]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = COUNT_PLAN_WIDTH
    sheet = workbook.create_sheet("Actions")
    sheet.append(list(HEADINGS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for texts in rows(plans):
        sheet.append([_clean(value) for value in texts])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Heights are set, as openpyxl does not measure wrapped text (LibreOffice then
        # draws rows over one another).
        lines = max(wrapped_lines(value, width) for value, width in zip(texts, WIDTHS, strict=True))
        sheet.row_dimensions[sheet.max_row].height = row_height(lines)
    for column, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    for column in "BCDE":
        summary.column_dimensions[column].width = 16
    for index, cell in enumerate(summary[3]):  # counts right-aligned, under their headings
        cell.alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="right" if index else None
        )
    for row_cells in summary.iter_rows(min_row=4, min_col=2):
        for cell in row_cells:
            cell.alignment = Alignment(vertical="top")
    for row_cells in summary.iter_rows(min_row=4):
        row_cells[0].data_type = "s"
    for each in (summary, sheet):
        sheet_marked(each, OFFICIAL, _clean(title))
        each.page_setup.paperSize = each.PAPERSIZE_A4
        each.page_setup.orientation = "landscape"
        each.page_setup.fitToWidth = 1
        each.page_setup.fitToHeight = 0
        each.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _repeated(row) -> None:  # type: ignore[no-untyped-def]
    """A table's heading row, repeated at the top of each page the table runs onto."""
    marked = OxmlElement("w:tblHeader")
    marked.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marked)


def as_docx(title: str, plans: Sequence, made_on: date) -> bytes:  # type: ignore[type-arg]
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(297), Mm(210)
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Mm(18)
    cleaned = _clean(title)
    section_marked(page, OFFICIAL, cleaned)
    document.add_heading(cleaned, level=1)
    document.add_paragraph(produced(made_on))
    table = document.add_table(rows=1, cols=len(COUNT_HEADINGS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, COUNT_HEADINGS, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for row in count_rows(plans):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _clean(str(value))
    for plan in plans:
        document.add_heading(_clean(plan.plan), level=2)
        actions = document.add_table(rows=1, cols=4)
        actions.style = "Table Grid"
        for cell, heading in zip(actions.rows[0].cells, HEADINGS[1:], strict=True):
            cell.text = heading
            cell.paragraphs[0].runs[0].bold = True
        _repeated(actions.rows[0])
        for action in plan.actions:
            cells = actions.add_row().cells
            values = (action.ref, action.text, action.outcome.label, detail(action))
            for cell, value in zip(cells, values, strict=True):
                cell.text = _clean(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
