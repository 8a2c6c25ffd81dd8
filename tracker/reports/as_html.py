"""The report as one self-contained web page that prints cleanly on A4.

Its print style sheet is inside the file (templates/_report.css), so the page
looks the same opened from a download folder as it did on the day; it has
no scripts and no style attributes (column widths are classes). The same
page, laid out by WeasyPrint, is the PDF (tracker.reports.as_pdf).
Autoescaped, like every template: typed text is never markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.core.settings import REPO_ROOT
from tracker.reports import front
from tracker.reports.chart import chart_svg
from tracker.reports.layout import column_widths
from tracker.reports.masa import TEXT_WIDTH_MM
from tracker.reports.model import Audience, Report
from tracker.reports.sections import sections
from tracker.reports.tables import Section, Value, shown

TEMPLATES = REPO_ROOT / "templates"
LANDSCAPE_MM = 267.0


def paper_css() -> str:
    """The paper's style sheet, as the self-contained page holds it."""
    return (TEMPLATES / "reports" / "_report.css").read_text(encoding="utf-8")


def cell_text(value: Value, kind: str) -> str:
    return shown(value, kind)


def percentages(widths: Sequence[float]) -> list[int]:
    """Whole percentages, each rounded up: a column never narrower than worked out."""
    total = sum(widths)
    return [max(1, math.ceil(width * 100 / total)) for width in widths]


def grouped(section: Section) -> list[tuple[str | None, list[int], list, list[int]]]:
    """(subheading, column indexes, rows, column widths in %) for each table the section shows."""
    if section.group_by is None:
        found: list[tuple[str | None, list[int], list]] = [
            (None, list(range(len(section.columns))), list(section.rows))
        ]
    else:
        keep = [i for i in range(len(section.columns)) if i != section.group_by]
        groups: dict[str, list] = {}
        for row in section.rows:
            groups.setdefault(str(row[section.group_by]), []).append(row)
        found = [(name, keep, rows) for name, rows in groups.items()]
    made = []
    for name, keep, rows in found:
        columns = [section.columns[i] for i in keep]
        texts = [[shown(row[i], section.columns[i].kind) for i in keep] for row in rows]
        total = LANDSCAPE_MM if section.landscape else TEXT_WIDTH_MM
        widths = column_widths(columns, texts, total, 8 if section.landscape else 8.5)
        made.append((name, keep, rows, percentages(widths)))
    return made


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "css"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cell"] = cell_text
    environment.filters["day"] = format_date
    return environment


def report_html(report: Report, stylesheet: str | None = None) -> bytes:
    """The self-contained page; with `stylesheet` (an address), the same page linking its
    styles instead of holding them: the preview inside the tracker, under its own policy."""
    page = _environment().get_template("reports/report.html")
    found = sections(report)
    parts = front.parts(report)
    board = report.audience is Audience.BUSINESS_GROUP
    contents = [(part.key, part.title) for part in parts] + [("rag-chart", "RAG chart")]
    contents += [(section.key, section.title) for section in found]
    return page.render(
        report=report,
        marking=front.marking(report),
        running_title=front.running_title(report),
        generated=report.generated_at.isoformat(timespec="seconds"),
        details=front.details(report),
        parts=parts,
        contents=contents if board else [],
        chart=Markup(chart_svg(report)) if board else "",  # noqa: S704  # made of escaped parts
        previous=dict(report.previous_counts.items()),
        sections=found,
        grouped=grouped,
        rag_label=rag_label,
        stylesheet=stylesheet,
    ).encode()
