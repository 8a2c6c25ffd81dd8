"""What the business unit may write on a paper's front sheet. Pure: no database, no HTTP.

Texts are kept as typed (line ends made "\n", the ends trimmed): paragraphs split
by blank lines, bullets written "- ". Nothing typed is read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.parsing import UNREADABLE, parsed
from tracker.reports.model import Audience, FrontSheet, Marking

MAX_MEETING = 200
MAX_PURPOSE = 2_000
MAX_SUMMARY = 5_000
MAX_RECOMMENDATIONS = 5_000

# The free-text fields, in the form's order: (name, label, most characters).
FRONT_TEXTS = (
    ("meeting", "Meeting", MAX_MEETING),
    ("purpose", "Purpose", MAX_PURPOSE),
    ("summary", "Summary", MAX_SUMMARY),
    ("recommendations", "Recommendations or decisions sought", MAX_RECOMMENDATIONS),
)
MEETINGS = {
    Audience.BUSINESS_GROUP: "OSCB Business Group",
    Audience.MASA: "MASA (Multi-Agency Safeguarding Arrangements) meeting",
}


@dataclass
class FrontSheetForm:
    """The front-sheet form as sent: every field a string."""

    meeting: str = ""
    meeting_date: str = ""
    marking: str = ""
    purpose: str = ""
    summary: str = ""
    recommendations: str = ""
    confirm_personal_data: str = ""

    @classmethod
    def of(cls, sheet: FrontSheet) -> FrontSheetForm:
        return cls(
            meeting=sheet.meeting,
            meeting_date=sheet.meeting_date.isoformat() if sheet.meeting_date else "",
            marking=sheet.marking.value,
            purpose=sheet.purpose,
            summary=sheet.summary,
            recommendations=sheet.recommendations,
        )


def blank_front_sheet(audience: Audience) -> FrontSheet:
    """The front sheet before the business unit writes one: the audience's meeting."""
    return FrontSheet(meeting=MEETINGS[audience])


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _line(value: str) -> str:
    return " ".join(value.split())


def front_sheet_problems(form: FrontSheetForm) -> tuple[FrontSheet | None, dict[str, str]]:
    """The front sheet to save, or None and each field's problem, in the form's words."""
    problems: dict[str, str] = {}
    texts = {
        "meeting": _line(form.meeting),
        "purpose": _text(form.purpose),
        "summary": _text(form.summary),
        "recommendations": _text(form.recommendations),
    }
    for name, label, most in FRONT_TEXTS:
        if UNREADABLE.search(texts[name]):
            problems[name] = f"{label} holds a character that cannot be stored: type it again."
        elif len(texts[name]) > most:
            problems[name] = (
                f"{label} must be {most:,} characters or fewer: it has {len(texts[name]):,}."
            )
    meeting_date: date | None = None
    if form.meeting_date.strip():
        meeting_date = parsed(date.fromisoformat, form.meeting_date.strip())
        if meeting_date is None:
            problems["meeting_date"] = (
                "Enter the meeting date as a real date, for example 2021-01-14."
            )
    marking = parsed(Marking, form.marking.strip())
    if marking is None:
        problems["marking"] = "Choose the protective marking: OFFICIAL or OFFICIAL-SENSITIVE."
    if problems or marking is None:
        return None, problems
    return (
        FrontSheet(
            meeting=texts["meeting"],
            meeting_date=meeting_date,
            marking=marking,
            purpose=texts["purpose"],
            summary=texts["summary"],
            recommendations=texts["recommendations"],
        ),
        {},
    )
