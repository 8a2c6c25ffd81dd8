"""The report as one self-contained web page that prints cleanly on A4.

Its print style sheet is inside the file (templates/_report.css), so the page
looks the same opened from a download folder as it did on the day; it has
no scripts. Autoescaped, like every template.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.core.settings import REPO_ROOT
from tracker.reports.model import Report
from tracker.reports.sections import sections
from tracker.reports.tables import Kind, Section, Value, cover

TEMPLATES = REPO_ROOT / "templates"


def cell_text(value: Value, kind: str) -> str:
    if kind == Kind.RAG:
        return rag_label(value)  # type: ignore[arg-type]
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def grouped(section: Section) -> list[tuple[str | None, list[int], list]]:
    """(subheading, column indexes, rows) for each table the section shows."""
    if section.group_by is None:
        return [(None, list(range(len(section.columns))), list(section.rows))]
    keep = [i for i in range(len(section.columns)) if i != section.group_by]
    groups: dict[str, list] = {}
    for row in section.rows:
        groups.setdefault(str(row[section.group_by]), []).append(row)
    return [(name, keep, rows) for name, rows in groups.items()]


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


def report_html(report: Report) -> bytes:
    page = _environment().get_template("reports/report.html")
    return page.render(
        report=report,
        cover=cover(report),
        sections=sections(report),
        grouped=grouped,
        rag_label=rag_label,
    ).encode()
