"""A paper's protective marking, title and page numbers on every printed page.

The Government Security Classification marking (OFFICIAL unless the business unit chose
otherwise) top and bottom of each page, the paper's title beside it and "Page X of Y":
the same on the quarterly reports (tracker.reports) and the closing report
(tracker.closing), in a workbook's print set-up or a Word document's header and footer.
Pure: it sets what it is given on the sheet or section.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

OFFICIAL = "OFFICIAL"


def sheet_marked(sheet: Any, marking: str, title: str) -> None:
    """The marking top and bottom of every printed page of a sheet, the title and
    "Page X of Y"."""
    made = sheet.HeaderFooter
    made.oddHeader.center.text = marking
    made.oddHeader.center.font = "Arial,Bold"
    made.oddHeader.right.text = title
    made.oddHeader.right.size = 8
    made.oddFooter.center.text = marking
    made.oddFooter.center.font = "Arial,Bold"
    made.oddFooter.right.text = "Page &P of &N"


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in on every page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def section_marked(section: Any, marking: str, title: str) -> None:
    """The marking and title in a Word section's header, the marking and "Page X of Y"
    in its footer, centred, in 8 point."""
    heading = section.header.paragraphs[0]
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(marking).bold = True
    sub = section.header.add_paragraph(title)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(marking).bold = True
    numbers = section.footer.add_paragraph("Page ")
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(numbers, "PAGE")
    numbers.add_run(" of ")
    _field(numbers, "NUMPAGES")
    for paragraph in (heading, sub, foot, numbers):
        paragraph.paragraph_format.space_after = Pt(0)
        for run in paragraph.runs:
            run.font.size = Pt(8)
