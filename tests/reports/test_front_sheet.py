"""Every format opens with the front sheet, carries the marking, numbers its pages and shows
typed text as typed."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.reports.busy import busy_report
from tests.reports.test_renderers import report
from tracker.reports.as_docx import report_docx
from tracker.reports.as_html import report_html
from tracker.reports.as_xlsx import report_xlsx
from tracker.reports.model import Audience, FrontSheet, Marking, Report

FRONT = FrontSheet(
    meeting="OSCB Business Group",
    meeting_date=date(2020, 11, 12),
    marking=Marking.OFFICIAL_SENSITIVE,
    author="OSCB Business Unit",
    purpose="To assure the board.",
    summary="",  # left out, with its heading
    recommendations="- Note the report.\n- Agree the <b>new</b> dates.",
)


def fronted(audience: Audience = Audience.BUSINESS_GROUP) -> Report:
    made = report(audience)
    return replace(made, front=FRONT, key_messages="<b>Note</b>: red actions fell.")


def docx_text(audience: Audience = Audience.BUSINESS_GROUP) -> tuple[list[str], object]:
    document = Document(io.BytesIO(report_docx(fronted(audience))))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return texts, document


@pytest.mark.parametrize("audience", list(Audience))
def test_the_board_paper_opens_with_the_front_sheet_in_order(audience):
    texts, document = docx_text(audience)
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Neglect strategy assurance report, 2020-21 Q2"
    wanted = ["Purpose", "Recommendations and decisions sought", "Key messages"]
    found = [h for h in headings if h in wanted + ["Summary"]]
    assert found == wanted  # the empty summary is left out, heading and all
    for value in ("OSCB Business Group", "12 Nov 2020", "OSCB Business Unit", "OFFICIAL-SENSITIVE"):
        assert value in texts
    assert "Oxfordshire Safeguarding Children Board" in texts
    assert "Note the report." in texts  # a bullet
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["Note the report.", "Agree the <b>new</b> dates."]


def test_the_business_group_paper_has_a_contents_list_and_masa_none():
    texts, document = docx_text()
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[:3] == ["Purpose", "Recommendations and decisions sought", "Key messages"]
    assert "Exceptions: red and overdue" in numbered and "Appendix: every plan" in numbered
    _, masa = docx_text(Audience.MASA)
    assert not [p for p in masa.paragraphs if p.style.name == "List Number"]


def test_every_page_of_the_board_paper_has_the_marking_and_page_x_of_y():
    _, document = docx_text()
    for section in document.sections:  # the appendix's landscape pages too
        header = " ".join(p.text for p in section.header.paragraphs)
        footer = section.footer._element.xml
        assert "OFFICIAL-SENSITIVE" in header
        assert "OFFICIAL-SENSITIVE" in footer
        assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
        assert "Page " in footer and " of " in footer


def test_board_paper_tables_have_fixed_widths_repeated_headers_and_rows_kept_whole():
    _, document = docx_text()
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Plan")
    xml = table._tbl.xml
    assert '<w:tblLayout w:type="fixed"/>' in xml
    assert '<w:tblHeader w:val="true"/>' in table.rows[0]._tr.xml
    assert all('<w:cantSplit w:val="true"/>' in row._tr.xml for row in table.rows)
    widths = [cell.width for cell in table.rows[0].cells]
    assert len(set(widths)) > 1  # sized to content, not equal


def test_typed_markup_is_shown_as_typed_in_every_format():
    typed = "<b>Note</b>: red actions fell."
    texts, _ = docx_text()
    assert typed in texts
    page = report_html(fronted()).decode()
    assert "&lt;b&gt;Note&lt;/b&gt;: red actions fell." in page
    assert "<b>Note</b>" not in page and "<b>new</b>" not in page
    sheet = load_workbook(io.BytesIO(report_xlsx(fronted())))["Summary"]
    assert typed in [c.value for row in sheet.iter_rows() for c in row]
    masa = load_workbook(io.BytesIO(report_xlsx(fronted(Audience.MASA))))["MASA"]
    assert typed in [c.value for row in masa.iter_rows() for c in row]


def test_the_web_page_prints_the_marking_and_page_x_of_y_in_the_margins():
    page = report_html(fronted()).decode()
    assert '@top-center { content: "OFFICIAL-SENSITIVE"; }' in page
    assert '@bottom-left { content: "OFFICIAL-SENSITIVE"; }' in page
    assert 'content: "Page " counter(page) " of " counter(pages);' in page
    assert ' style="' not in page  # no style attributes: the app's CSP allows none
    assert '<nav aria-labelledby="contents">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="rag-chart" role="img"' in page


@pytest.mark.parametrize("audience", list(Audience))
def test_every_printed_sheet_has_the_marking_and_page_x_of_y(audience):
    book = load_workbook(io.BytesIO(report_xlsx(fronted(audience))))
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.right.text == "Page &P of &N"


def test_the_masa_workbook_prints_on_one_portrait_page():
    sheet = load_workbook(io.BytesIO(report_xlsx(busy_report())))["MASA"]
    assert sheet.page_setup.orientation == "portrait"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 1)
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert any(str(v).startswith("And ") and "more red actions" in str(v) for v in values)


def test_the_workbook_text_rows_are_tall_enough_for_their_wrapped_text():
    raw = report_xlsx(busy_report(Audience.BUSINESS_GROUP))
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        summary = package.read("xl/worksheets/sheet1.xml").decode()
    assert 'customHeight="1"' in summary and "<mergeCell " in summary


@pytest.mark.parametrize("audience", list(Audience))
def test_a_report_with_nothing_written_leaves_the_empty_parts_out(audience):
    bare = replace(report(audience), front=FrontSheet(), key_messages="", partnership="")
    document = Document(io.BytesIO(report_docx(bare)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert not {"Purpose", "Summary", "Key messages"} & set(headings)
    assert "Recommendations and decisions sought" not in headings
    lines = [p for p in document.paragraphs if "w:sectPr" not in p._p.xml]  # not page breaks
    assert all(p.text.strip() for p in lines)  # no empty lines left behind
    page = report_html(bare).decode()
    assert 'id="purpose"' not in page and 'id="key-messages"' not in page
    assert "Meeting date" not in page  # no date given: no line for it
