"""The report as a tagged PDF (PDF/UA-1, for screen readers): its web page laid out by WeasyPrint.

The page's print style (A4, the marking and "Page X of Y" in the margins,
the appendix landscape) is the PDF's layout. WeasyPrint needs Pango (the
system packages the README names). Dated by the report's generated time
(the page's dcterms meta), so the same report gives the same bytes.

The fonts WeasyPrint embeds are dated too: fontTools stamps a font it saves (a
variable font made static, as DejaVu Sans is where Arial is missing) with the time
now, unless SOURCE_DATE_EPOCH (the reproducible-builds convention) says otherwise.
So it is set to the report's time while the PDF is made; one PDF at a time, as the
setting is the process's.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from weasyprint import HTML

from tracker.reports.as_html import report_html
from tracker.reports.model import Report

_ONE_AT_A_TIME = threading.Lock()
_EPOCH = "SOURCE_DATE_EPOCH"


@contextmanager
def _fonts_dated(moment: datetime) -> Iterator[None]:
    with _ONE_AT_A_TIME:
        was = os.environ.get(_EPOCH)
        os.environ[_EPOCH] = str(int(moment.timestamp()))
        try:
            yield
        finally:
            if was is None:
                del os.environ[_EPOCH]
            else:
                os.environ[_EPOCH] = was


def report_pdf(report: Report) -> bytes:
    page = HTML(string=report_html(report).decode(), base_url=None)
    with _fonts_dated(report.generated_at):
        return page.write_pdf(pdf_variant="pdf/ua-1") or b""  # bytes, given no file to write
