"""The report as a Word board paper: headings, then a table per section.

RAG cells carry the word on its shading, table headers repeat on each page,
the page is A4 (landscape for the Business Group's wide tables, portrait for
MASA's one page). Document properties and the package's timestamps come
from the report's generated time, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.reports.model import Audience, Report
from tracker.reports.sections import sections
from tracker.reports.tables import Column, Kind, Section, Value, cover
from tracker.reports.xlsx_cells import RAG_FILLS
from tracker.reports.zipped import restamped

HEADER_FILL = "D9D9D9"


def _text(value: Value, kind: Kind) -> str:
    if kind is Kind.RAG:
        return rag_label(value)  # type: ignore[arg-type]
    if isinstance(value, date):
        return format_date(value)
    # Control characters cannot be stored in the document (and mean nothing on paper).
    return "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _set(cell: _Cell, text: str, *, bold: bool = False, fill: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if fill:
        _shade(cell, fill)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _header_fill(column: Column) -> str:
    if column.rag is None:
        return HEADER_FILL
    return RAG_FILLS.get(None if column.rag == "none" else column.rag, HEADER_FILL)


def _table(document: DocumentObject, columns: Sequence[Column], rows: Sequence[Sequence[Value]]):  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, columns, strict=True):
        _set(cell, column.title, bold=True, fill=_header_fill(column))
    for values in rows:
        cells = table.add_row().cells
        for cell, value, column in zip(cells, values, columns, strict=True):
            if column.kind is Kind.RAG:
                _set(cell, _text(value, column.kind), bold=True, fill=RAG_FILLS.get(value))  # type: ignore[arg-type]
            else:
                _set(cell, _text(value, column.kind))
    return table


def _section(document: DocumentObject, section: Section) -> None:
    document.add_heading(section.title, level=1)
    document.add_paragraph(section.intro)
    if not section.rows:
        document.add_paragraph(section.empty)
        return
    if section.group_by is None:
        _table(document, section.columns, section.rows)
        return
    keep = [i for i in range(len(section.columns)) if i != section.group_by]
    groups: dict[str, list[Sequence[Value]]] = {}
    for row in section.rows:
        groups.setdefault(str(row[section.group_by]), []).append(row)
    for name, rows in groups.items():
        document.add_heading(name, level=2)
        _table(
            document,
            [section.columns[i] for i in keep],
            [[row[i] for i in keep] for row in rows],
        )


def _page(document: DocumentObject, landscape: bool) -> None:
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Mm(15))
    document.styles["Normal"].font.size = Pt(9 if landscape else 10)


def _properties(document: DocumentObject, report: Report) -> None:
    made = report.generated_at.replace(tzinfo=None)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = f"{report.audience.label}, {report.quarter.label}"
    properties.author = report.partnership or "Safeguarding partnership"
    properties.last_modified_by = properties.author
    properties.keywords = f"assurance report {report.quarter.slug}"
    properties.comments = ""
    properties.revision = 1
    properties.created = made
    properties.modified = made
    properties.last_printed = made


def report_docx(report: Report) -> bytes:
    document = Document()
    _page(document, landscape=report.audience is Audience.BUSINESS_GROUP)
    _properties(document, report)
    document.add_heading(report.title, level=0)
    for label, value in cover(report):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_heading("Key messages", level=1)
    for text in (report.key_messages or "None written.").split("\n"):
        if text.strip():
            document.add_paragraph(_text(text, Kind.TEXT))
    for section in sections(report):
        _section(document, section)
    out = io.BytesIO()
    document.save(out)
    return restamped(out.getvalue(), report.generated_at)
