"""The report as a tagged PDF (PDF/UA-1, for screen readers): its web page laid out by WeasyPrint.

The page's print style (A4, the marking and "Page X of Y" in the margins,
the appendix landscape) is the PDF's layout. WeasyPrint needs Pango (the
system packages the README names). Dated by the report's generated time
(the page's dcterms meta), so the same report gives the same bytes.
"""

from __future__ import annotations

from weasyprint import HTML

from tracker.reports.as_html import report_html
from tracker.reports.model import Report


def report_pdf(report: Report) -> bytes:
    page = HTML(string=report_html(report).decode(), base_url=None)
    return page.write_pdf(pdf_variant="pdf/ua-1") or b""  # bytes, given no file to write
