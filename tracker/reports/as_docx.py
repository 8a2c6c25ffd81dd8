"""The report as a Word board paper: a front sheet, then a heading and table per section.

Portrait A4, the protective marking in the header and footer of every page
with "Page X of Y" (Word's PAGE and NUMPAGES fields); the full-plan appendix
on landscape pages of its own. Tables have fixed column widths worked out
from their content (tracker.reports.layout: no word broken inside), header
rows repeated on each page and rows kept whole; RAG cells carry the word on
its shading. Document properties and the package's timestamps come from the
report's generated time, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as PageSection
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tracker.core.marking import section_marked
from tracker.reports import front
from tracker.reports.chart import BAR_COLOURS, chart_rows
from tracker.reports.docx_rows import Cell, append_row
from tracker.reports.layout import column_widths
from tracker.reports.model import Audience, Report
from tracker.reports.plain_text import Block, Bullets
from tracker.reports.sections import sections
from tracker.reports.tables import Column, Kind, Section, Value, shown
from tracker.reports.xlsx_cells import RAG_FILLS
from tracker.reports.zipped import restamped

HEADER_FILL = "D9D9D9"
FONT = "Arial"  # Liberation Sans where Arial is missing: the same widths
MARGIN_MM = 15
PORTRAIT_MM = 210 - 2 * MARGIN_MM
LANDSCAPE_MM = 297 - 2 * MARGIN_MM


def _clean(text: str) -> str:
    # Control characters cannot be stored in the document (and mean nothing on paper).
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _set(cell: _Cell, text: str, *, bold: bool = False, fill: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(_clean(text))
    run.bold = bold
    if fill:
        _shade(cell, fill)


def _row_flag(row, name: str) -> None:  # type: ignore[no-untyped-def]
    marker = OxmlElement(f"w:{name}")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _header_fill(column: Column) -> str:
    if column.rag is None:
        return HEADER_FILL
    return RAG_FILLS.get(None if column.rag == "none" else column.rag, HEADER_FILL)


def _fixed_widths(table: Table, widths: Sequence[float]) -> None:
    """Fixed layout at these widths: Word and LibreOffice keep them, whatever the text."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(sum(Mm(w).twips for w in widths))))
    total.set(qn("w:type"), "dxa")
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    properties.append(total)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(Mm(1).twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _table(
    document: DocumentObject,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Value]],
    total_mm: float,
    size_pt: float,
) -> Table:
    """A table of fixed column widths worked out from its content (no word broken inside)."""
    texts = [[_clean(shown(v, c.kind)) for v, c in zip(row, columns, strict=True)] for row in rows]
    widths = column_widths(columns, texts, total_mm, size_pt)
    twips = [int(Mm(width).twips) for width in widths]
    table = document.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _fixed_widths(table, widths)
    half_points = round(size_pt * 2)
    heads = [Cell(column.title, bold=True, fill=_header_fill(column)) for column in columns]
    append_row(table._tbl, heads, twips, half_points, header=True)
    for values, row_texts in zip(rows, texts, strict=True):
        cells = [
            Cell(text, bold=True, fill=RAG_FILLS.get(value))  # type: ignore[arg-type]
            if column.kind is Kind.RAG
            else Cell(text, right=column.kind is Kind.NUMBER)
            for value, text, column in zip(values, row_texts, columns, strict=True)
        ]
        append_row(table._tbl, cells, twips, half_points)
    return table


def _blocks(document: DocumentObject, found: Sequence[Block]) -> None:
    for block in found:
        if isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(_clean(item), style="List Bullet")
        else:
            document.add_paragraph(_clean(block.text))


def _note(document: DocumentObject, text: str) -> None:
    if text:
        document.add_paragraph().add_run(text).italic = True


def _section(document: DocumentObject, section: Section, total_mm: float, size_pt: float) -> None:
    document.add_heading(section.title, level=1)
    if section.intro:
        document.add_paragraph(section.intro).paragraph_format.keep_with_next = True
    if not section.rows:
        document.add_paragraph().add_run(section.empty).italic = True
        return
    if section.group_by is None:
        _table(document, section.columns, section.rows, total_mm, size_pt)
        _note(document, section.more)
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
            total_mm,
            size_pt,
        )
    _note(document, section.more)


def _header_and_footer(page: PageSection, report: Report) -> None:
    section_marked(page, front.marking(report), front.running_title(report))


def _page(page: PageSection, landscape: bool) -> None:
    page.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin"):
        setattr(page, side, Mm(MARGIN_MM))
    page.top_margin = page.bottom_margin = Mm(18)
    page.header_distance = page.footer_distance = Mm(7)


def _styles(document: DocumentObject, masa: bool) -> None:
    size = 9 if masa else 10
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(2 if masa else 4)
    sizes = {"Title": 15 if masa else 18, "Heading 1": 11 if masa else 13, "Heading 2": 10.5}
    for name, points in sizes.items():
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(points)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        # East Asian and complex-script fonts too, or the theme's Calibri Light stays.
        fonts = style.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        style.paragraph_format.space_before = Pt(5 if masa else 12)
        style.paragraph_format.space_after = Pt(1 if masa else 3)
    title = document.styles["Title"].paragraph_format
    title.space_before, title.space_after = Pt(0), Pt(4)


def _properties(document: DocumentObject, report: Report) -> None:
    made = report.generated_at.replace(tzinfo=None)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = f"{report.audience.label}, {report.quarter.label}"
    properties.author = report.partnership or "Safeguarding partnership"
    properties.last_modified_by = properties.author
    properties.keywords = f"assurance report {report.quarter.slug}"
    properties.comments = ""
    properties.category = front.marking(report)
    properties.revision = 1
    properties.created = made
    properties.modified = made
    properties.last_printed = made


def _front_sheet(document: DocumentObject, report: Report, found: Sequence[Section]) -> None:
    if report.partnership:
        document.add_paragraph().add_run(report.partnership).bold = True
    document.add_heading(report.title, level=0)
    pairs = front.details(report)
    half = (len(pairs) + 1) // 2
    details = document.add_table(rows=0, cols=4)
    for index in range(half):
        cells = details.add_row().cells
        for offset, (label, value) in enumerate(pairs[index::half][:2]):
            _set(cells[2 * offset], label, bold=True)
            _set(cells[2 * offset + 1], value)
    _fixed_widths(details, [26, 58, 36, PORTRAIT_MM - 120])
    if report.audience is Audience.BUSINESS_GROUP:
        document.add_heading("Contents", level=1)
        titles = [part.title for part in front.parts(report)] + ["RAG chart"]
        titles += [section.title for section in found]
        for title in titles:
            document.add_paragraph(title, style="List Number")
    for part in front.parts(report):
        document.add_heading(part.title, level=1)
        _blocks(document, part.blocks)
        _note(document, part.more)


def _chart(document: DocumentObject, report: Report, size_pt: float) -> None:
    """The RAG chart as a table of bars (Word has no SVG here): the figures are its data."""
    document.add_heading("RAG chart", level=1)
    document.add_paragraph(
        f"Actions by RAG as at {shown(report.as_at, Kind.DATE)} against "
        f"{shown(report.previous_as_at, Kind.DATE)}; each bar's length is its share of the "
        "larger total."
    )
    rows = chart_rows(report)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    _row_flag(table.rows[0], "tblHeader")
    for cell, title in zip(table.rows[0].cells, ("RAG", "As at", "Actions", "Bar"), strict=True):
        _set(cell, title, bold=True, fill=HEADER_FILL)
    for row in rows:
        cells = table.add_row().cells
        _row_flag(table.rows[-1], "cantSplit")
        _set(cells[0], row.label, bold=True, fill=RAG_FILLS.get(row.rag))
        _set(cells[1], row.when)
        _set(cells[2], str(row.count))
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        bar = cells[3].paragraphs[0].add_run("█" * row.blocks if row.blocks else "–")
        bar.font.color.rgb = RGBColor.from_string(BAR_COLOURS[row.rag].lstrip("#").upper())
    _fixed_widths(table, [28, 30, 20, 80])


def report_docx(report: Report) -> bytes:
    masa = report.audience is Audience.MASA
    document = Document()
    _styles(document, masa)
    first = document.sections[0]
    _page(first, landscape=False)
    _header_and_footer(first, report)
    _properties(document, report)
    found = sections(report)
    _front_sheet(document, report, found)
    if not masa:
        _chart(document, report, 9)
    for section in found:
        if section.landscape:
            _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            _section(document, section, LANDSCAPE_MM, 8)
        else:
            _section(document, section, PORTRAIT_MM, 8 if masa else 8.5)
    out = io.BytesIO()
    document.save(out)
    return restamped(out.getvalue(), report.generated_at)
