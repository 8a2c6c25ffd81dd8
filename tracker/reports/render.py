"""A quarter's report for an audience in a format: for the page, the command and publishing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.reports.as_docx import report_docx
from tracker.reports.as_html import report_html
from tracker.reports.as_json import report_json
from tracker.reports.as_pdf import report_pdf
from tracker.reports.as_xlsx import report_xlsx
from tracker.reports.build import build
from tracker.reports.gather import gather
from tracker.reports.model import Audience, Format, Report

RENDERERS: dict[Format, Callable[[Report], bytes]] = {
    Format.XLSX: report_xlsx,
    Format.DOCX: report_docx,
    Format.HTML: report_html,
    Format.PDF: report_pdf,
    Format.JSON: report_json,
}


def now() -> datetime:
    """The generated time: UK time, to the second (the files keep no finer stamp)."""
    return clock.uk_now()


def render(report: Report, format: Format) -> bytes:
    return RENDERERS[format](report)


async def report_for(
    quarter: Quarter,
    audience: Audience,
    generated_at: datetime | None = None,
    *,
    strategy_id: int | None = None,
) -> Report:
    """`strategy_id`'s report (the chosen strategy's; None: the current one by date)."""
    found = await gather(quarter, strategy_id=strategy_id)
    return build(found, audience, generated_at or now())
