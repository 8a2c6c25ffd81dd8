"""The rules an update of an action's RAG status and progress must meet.

Pure: a form as typed goes in; a checked update, or a message per field, comes out.
The same rules serve the page, the inline row and the JSON API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from tracker.core.dates import format_date
from tracker.core.parsing import parsed
from tracker.core.rag import Rag, rag_label

MAX_PROGRESS = 4000
MAX_IMPACT = 4000
MAX_LINK = 500
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class UpdateForm:
    """An update as the person typed it."""

    rag: str = ""
    progress: str = ""
    as_at: str = ""
    impact: str = ""
    evidence_link: str = ""


@dataclass(frozen=True)
class CheckedUpdate:
    rag: Rag
    progress: str | None
    as_at: date
    impact: str | None
    evidence_link: str | None


@dataclass(frozen=True)
class UpdateCheck:
    update: CheckedUpdate | None
    problems: dict[str, str] = field(default_factory=dict)


def _as_at_problem(text: str, today: date) -> tuple[date | None, str | None]:
    if not text.strip():
        return today, None
    # Read whole, not bounded by parse_day: a day before EARLIEST gets its own message below.
    day = parsed(date.fromisoformat, text.strip())
    if day is None:
        return None, "Enter the as-at date as a real date, for example 2020-09-30."
    if day > today:
        return None, f"The as-at date cannot be after today ({format_date(today)})."
    if day < EARLIEST:
        return None, f"The as-at date must be on or after {format_date(EARLIEST)}."
    return day, None


def link_problem(link: str) -> str | None:
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in link:
        return "Enter the evidence link as a web address starting with https://."
    if len(link) > MAX_LINK:
        return f"The evidence link must be {MAX_LINK} characters or fewer."
    return None


def check_update(form: UpdateForm, *, current_rag: str | None, today: date) -> UpdateCheck:
    """The update, or what is wrong with it, field by field."""
    problems: dict[str, str] = {}
    rag = Rag(form.rag) if form.rag in Rag.__members__.values() else None
    if rag is None:
        problems["rag"] = "Choose a RAG status: red, amber, green or complete."
    progress = form.progress.strip()
    if rag is not None and not progress:
        if rag in (Rag.RED, Rag.AMBER):
            problems["progress"] = (
                f"Write a line of progress: it is needed when the status is {rag.label.lower()}."
            )
        elif rag.value != current_rag:
            problems["progress"] = (
                f"Write a line of progress: the status changes from "
                f"{rag_label(current_rag).lower()} to {rag.label.lower()}."
            )
    if len(progress) > MAX_PROGRESS:
        problems["progress"] = f"Progress must be {MAX_PROGRESS:,} characters or fewer."
    impact = form.impact.strip()
    if rag is Rag.BLUE and not impact:
        problems["impact"] = (
            "Say what changed for children and families: completing an action "
            "needs evidence of its impact."
        )
    if len(impact) > MAX_IMPACT:
        problems["impact"] = f"Evidence of impact must be {MAX_IMPACT:,} characters or fewer."
    as_at, as_at_problem = _as_at_problem(form.as_at, today)
    if as_at_problem:
        problems["as_at"] = as_at_problem
    link = form.evidence_link.strip()
    if problem := link_problem(link):
        problems["evidence_link"] = problem
    if problems or rag is None or as_at is None:
        return UpdateCheck(None, problems)
    return UpdateCheck(
        CheckedUpdate(
            rag=rag,
            progress=progress or None,
            as_at=as_at,
            impact=impact or None,
            evidence_link=link or None,
        )
    )
