"""Writing a proforma workbook: the plan pre-filled, the fill-in columns open, the rest locked.

A normal (not write-only) workbook: protection and the RAG drop-down need it,
and a plan is a few hundred rows at most. Every text cell is stored as text,
so an action starting "=", "+", "-" or "@" is shown, never run as a formula.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Iterable
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.rag import rag_label
from tracker.core.wrapping import row_height, wrapped_lines
from tracker.plans.model import ActionAsAt
from tracker.proformas.queries import ProformaContent, ProformaPlan, proforma_content
from tracker.proformas.rules import (
    HEADER_ROW,
    INSTRUCTIONS,
    RAG_CHOICES,
    ROWS_TO_ADD,
    SHEET,
    About,
    Column,
    columns,
    file_name,
    instructions,
    titles,
)

_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_OPEN = Protection(locked=False)
# Where not to write is grey; the fill-in cells stay white (a coloured fill would
# read back as a RAG: tracker.imports.proforma.colours).
_LOCKED = PatternFill("solid", fgColor="F2F2F2")
_HEADER = PatternFill("solid", fgColor="D9D9D9")


def _put(sheet: Worksheet, row: int, column: int, value: object, wrap: bool = True) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    else:
        cell.value = value
    cell.alignment = _WRAP if wrap else _TOP


def _objective(action: ActionAsAt) -> str:
    # "1. Ensure ...": the importer reads the objective's ref from its front.
    text = action.objective_text
    return f"{action.objective_ref}. {text}" if text else ""


def _values(action: ActionAsAt) -> dict[str, object]:
    return {
        "ref": action.ref,
        "objective": _objective(action),
        "action": action.text,
        "input": action.input,
        "desired_outcome": action.desired_outcome,
        "lead": action.lead,
        "timeframe": action.timeframe,
        "current_rag": rag_label(action.rag) if action.rag else None,
        "current_progress": action.progress,
    }


def _proforma_sheet(sheet: Worksheet, content: ProformaContent, layout: tuple[Column, ...]) -> None:
    plan = content.plan
    for row, text in enumerate(
        titles(plan.name, plan.agency, content.quarter, content.deadline), 1
    ):
        _put(sheet, row, 1, text, wrap=False)  # across the columns, not down one
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for index, column in enumerate(layout, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        _put(sheet, HEADER_ROW, index, column.header)
        header = sheet.cell(row=HEADER_ROW, column=index)
        header.font = Font(bold=True)
        header.fill = _HEADER
    first = HEADER_ROW + 1
    for row, action in enumerate(content.actions, first):
        values = _values(action)
        for index, column in enumerate(layout, 1):
            _put(sheet, row, index, values.get(column.key))
            if not column.fill_in:
                sheet.cell(row=row, column=index).fill = _LOCKED
        lines = max(wrapped_lines(values.get(column.key), column.width) for column in layout)
        sheet.row_dimensions[row].height = row_height(lines)
    last_action = HEADER_ROW + len(content.actions)
    last = last_action + ROWS_TO_ADD
    for row in range(first, last + 1):
        for index, column in enumerate(layout, 1):
            if column.fill_in or row > last_action:
                cell = sheet.cell(row=row, column=index)
                cell.protection = _OPEN
                cell.alignment = _WRAP
    rag_column = get_column_letter(next(i for i, c in enumerate(layout, 1) if c.key == "rag"))
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(RAG_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="RAG",
        error="Choose Red, Amber, Green or Complete.",
    )
    choices.add(f"{rag_column}{first}:{rag_column}{last}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = f"D{first}"
    sheet.row_dimensions[HEADER_ROW].height = row_height(2)
    # Printed: landscape, the columns on one page wide, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # Locked without a password: the agency can fill in, format and add rows,
    # and anyone who must can unprotect it.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.formatCells = False
    sheet.protection.insertRows = False


def _instructions_sheet(sheet: Worksheet, content: ProformaContent, made_at: datetime) -> None:
    sheet.column_dimensions["A"].width = 100
    lines = instructions(content.plan.name, content.quarter, content.deadline, made_at)
    for row, line in enumerate(lines, 1):
        _put(sheet, row, 1, line, wrap=False)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)


def proforma_xlsx(content: ProformaContent, made_at: datetime) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    layout = columns(content.quarter)
    _proforma_sheet(sheet, content, layout)
    _instructions_sheet(workbook.create_sheet(INSTRUCTIONS), content, made_at)
    plan = content.plan
    about = About(plan.strategy, plan.id, plan.name, content.quarter, made_at)
    for name, value in about.properties().items():
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
    workbook.properties.title = f"{plan.name}: proforma for {content.quarter.label}"
    workbook.properties.creator = "Action plan tracker"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def proformas_zip(made: Iterable[tuple[ProformaContent, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for content, data in made:
            archive.writestr(file_name(content.plan.name, content.quarter), data)
    return out.getvalue()


def zip_name(quarter: Quarter, day: date) -> str:
    return f"proformas-{quarter.slug}-made-{day.isoformat()}.zip"


async def made_proforma(plan: ProformaPlan, quarter: Quarter) -> tuple[str, bytes]:
    """The plan's proforma for the quarter, as made now: its file name and bytes."""
    content = await proforma_content(plan, quarter)
    # In a thread: writing a workbook is work, and others are being served.
    made = await asyncio.to_thread(proforma_xlsx, content, clock.uk_now())
    return file_name(plan.name, quarter), made


async def made_proformas(plans: Iterable[ProformaPlan], quarter: Quarter) -> bytes:
    """Every plan's proforma for the quarter, in one zip."""
    now = clock.uk_now()
    made = []
    for plan in plans:
        content = await proforma_content(plan, quarter)
        made.append((content, await asyncio.to_thread(proforma_xlsx, content, now)))
    return proformas_zip(made)
