"""Each format of a hand-made report: what opens it sees the same content, safely, repeatably."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.reports.gathered import GENERATED, gathered, update
from tracker.reports.as_docx import report_docx
from tracker.reports.as_html import report_html
from tracker.reports.as_json import report_json
from tracker.reports.as_pdf import report_pdf
from tracker.reports.as_xlsx import report_xlsx
from tracker.reports.build import build
from tracker.reports.model import Audience, Report

AUGUST = date(2020, 8, 15)
FORMULA = '=HYPERLINK("https://evil.example","click")'


def report(audience: Audience = Audience.BUSINESS_GROUP) -> Report:
    data = gathered(
        [{"id": 1}, {"id": 2, "due": date(2020, 7, 31)}, {"id": 3}],
        [update(1, "red", AUGUST), update(2, "amber", AUGUST), update(3, "green", AUGUST)],
        progress={
            1: FORMULA,
            2: "<script>alert(1)</script> Waiting on the CCG",
            3: "Pasted from an e-mail\x0b with a vertical tab",
        },
        key_messages="Red actions fell.\nTwo agencies are late.",
    )
    return build(data, audience, GENERATED)


def workbook(audience: Audience = Audience.BUSINESS_GROUP):
    return load_workbook(io.BytesIO(report_xlsx(report(audience))))


@pytest.mark.parametrize("render", [report_xlsx, report_docx, report_html, report_pdf, report_json])
@pytest.mark.parametrize("audience", list(Audience))
def test_the_same_report_gives_the_same_bytes(render, audience):
    assert render(report(audience)) == render(report(audience))


def test_control_characters_pasted_into_progress_are_dropped_not_fatal():
    sheet = workbook()["Appendix"]
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "Pasted from an e-mail with a vertical tab" in values
    document = Document(io.BytesIO(report_docx(report())))
    texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Pasted from an e-mail with a vertical tab" in texts


def test_the_workbook_has_the_summary_first_then_a_sheet_per_section():
    assert workbook().sheetnames == [
        "Summary",
        "Agency returns",
        "Assurance disagreements",
        "Exceptions",
        "Completed in the quarter",
        "Escalations",
        "Challenges",
        "Core-component coverage",
        "Learning from reviews",
        "Appendix",
    ]
    assert workbook(Audience.MASA).sheetnames == ["MASA"]  # one page, as its paper


def test_every_sheet_has_a_frozen_filtered_header_and_prints_landscape_fitting_the_width():
    for sheet in workbook().worksheets[:-1]:
        header = int(sheet.freeze_panes[1:]) - 1
        assert sheet.auto_filter.ref.startswith(f"A{header}:")
        assert sheet.print_title_rows == f"${header}:${header}"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.cell(header, 1).font.bold
        assert all(sheet.column_dimensions[c].width for c in "AB")


def test_rag_cells_hold_the_word_on_its_colour():
    sheet = workbook()["Exceptions"]
    header = [cell.value for cell in sheet[2]]
    column = header.index("RAG") + 1
    rags = {sheet.cell(row, column).value: sheet.cell(row, column) for row in (3, 4)}
    assert set(rags) == {"Red", "Amber"}
    assert rags["Red"].fill.fgColor.rgb.endswith("F4C7C3")
    summary = workbook()["Summary"]
    titles = [cell.value for cell in summary[int(summary.freeze_panes[1:]) - 1]]
    assert titles[1:6] == ["Red", "Amber", "Green", "Complete", "Not rated"]


def test_text_starting_with_equals_stays_text_in_the_workbook():
    sheet = workbook()["Exceptions"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULA]
    assert cells, "the progress note is in the sheet as written"
    assert all(cell.data_type == "s" for cell in cells)
    raw = report_xlsx(report())
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) for name in sheets)


def test_the_workbook_carries_document_properties_from_the_generated_time():
    properties = workbook().properties
    assert properties.title == "Neglect strategy assurance report, 2020-21 Q2"
    assert properties.creator == "Oxfordshire Safeguarding Children Board"
    assert properties.created == properties.modified == GENERATED.replace(tzinfo=None)


def test_the_board_paper_has_headings_and_tables_with_rag_words_and_shading():
    document = Document(io.BytesIO(report_docx(report())))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Headline RAG counts" in headings
    assert "Exceptions: red and overdue" in headings
    assert "Appendix: every plan" in headings
    words = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Red", "Amber", "Green"} <= words
    red = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == "Red")
    assert 'w:fill="F4C7C3"' in red._tc.xml
    assert document.core_properties.title == "Neglect strategy assurance report, 2020-21 Q2"
    paper, appendix = document.sections
    assert paper.page_width < paper.page_height  # the paper is portrait A4
    assert appendix.page_width > appendix.page_height  # the full-plan appendix landscape


def test_the_masa_board_paper_is_portrait_with_its_four_sections():
    document = Document(io.BytesIO(report_docx(report(Audience.MASA))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Key messages",
        "Headline",
        "Escalations to MASA",
        "Red actions, the longest overdue first",
        "Agencies not returned",
    ]
    assert len(document.sections) == 1
    assert document.sections[0].page_width < document.sections[0].page_height


def test_the_web_page_escapes_text_and_prints_on_a4():
    page = report_html(report()).decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Waiting on the CCG" in page
    assert "size: A4 portrait" in page
    assert "@page wide { size: A4 landscape; }" in page  # the appendix only
    assert '<td class="rag rag-red">Red</td>' in page
    assert "Two agencies are late." in page


def test_the_json_holds_the_keys_integrations_rely_on():
    data = json.loads(report_json(report()))
    assert {"quarter", "as_at", "audience", "plans", "overdue", "completed", "escalations"} <= set(
        data
    )
    assert (data["quarter"], data["as_at"], data["audience"]) == (
        "2020-21-Q2",
        "2020-09-30",
        "business-group",
    )
    plan = data["plans"][0]
    assert set(plan) >= {"plan", "agency", "counts", "previous_counts", "returned"}
    assert set(plan["counts"]) == {"red", "amber", "green", "blue", "none"}
    assert data["overdue"] == [
        {**data["overdue"][0], "plan": "Thames Valley Police", "ref": "2.1", "due": "2020-07-31"}
    ]
    assert data["overdue"][0]["days_overdue"] == 61
    assert "Thames Valley Police" in data["not_returned"]
