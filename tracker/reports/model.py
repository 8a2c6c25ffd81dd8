"""A quarter's assurance report as its renderers see it: plain data, as at the quarter end.

Built by tracker.reports.build from what tracker.reports.gather read; each
renderer (as_json, as_xlsx, as_docx, as_html) turns one Report into a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tracker.core.dates import Quarter
from tracker.core.rag import RagCounts
from tracker.plans.model import ActionAsAt
from tracker.returns.rules import ReturnState


class Audience(StrEnum):
    BUSINESS_GROUP = "business-group"
    MASA = "masa"

    @property
    def label(self) -> str:
        return AUDIENCE_LABELS[self]


AUDIENCE_LABELS = {
    Audience.BUSINESS_GROUP: "OSCB Business Group",
    Audience.MASA: "MASA",
}


class Format(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]


FORMAT_LABELS = {
    Format.XLSX: "Excel workbook",
    Format.DOCX: "Word board paper",
    Format.HTML: "Web page (prints on A4)",
    Format.PDF: "PDF board paper (tagged)",
    Format.JSON: "JSON data",
}
MEDIA_TYPES = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
    Format.JSON: "application/json",
}


class Movement(StrEnum):
    """How an action's RAG moved since the previous quarter's last day."""

    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"
    NEW = "new"  # no rating at the previous quarter end
    NOT_RATED = "not-rated"  # no rating now

    @property
    def label(self) -> str:
        return MOVEMENT_LABELS[self]

    @property
    def arrow(self) -> str:
        return MOVEMENT_ARROWS[self]


MOVEMENT_LABELS = {
    Movement.IMPROVED: "Improved",
    Movement.DECLINED: "Declined",
    Movement.UNCHANGED: "Unchanged",
    Movement.NEW: "New rating",
    Movement.NOT_RATED: "Not rated",
}
MOVEMENT_ARROWS = {
    Movement.IMPROVED: "↑",
    Movement.DECLINED: "↓",
    Movement.UNCHANGED: "→",
    Movement.NEW: "+",
    Movement.NOT_RATED: "–",
}


@dataclass(frozen=True)
class MovementCounts:
    improved: int = 0
    declined: int = 0
    unchanged: int = 0
    new: int = 0
    not_rated: int = 0

    def items(self) -> list[tuple[Movement, int]]:
        return [
            (Movement.IMPROVED, self.improved),
            (Movement.DECLINED, self.declined),
            (Movement.UNCHANGED, self.unchanged),
            (Movement.NEW, self.new),
            (Movement.NOT_RATED, self.not_rated),
        ]


@dataclass(frozen=True)
class PlanCounts:
    plan: str
    agency: str | None
    counts: RagCounts  # as at the quarter end
    previous_counts: RagCounts  # as at the previous quarter end
    movement: MovementCounts
    return_state: ReturnState

    @property
    def returned(self) -> bool:
        return self.return_state.is_in


@dataclass(frozen=True, kw_only=True)
class ReportAction(ActionAsAt):
    """One action as at the quarter end, with its movement since the previous one."""

    previous_rag: str | None
    movement: Movement


@dataclass(frozen=True)
class ExceptionRow:
    """A red or overdue action: what the Business Group asks about first."""

    action: ReportAction

    @property
    def reasons(self) -> str:
        found = []
        if self.action.rag == "red":
            found.append("Red")
        if self.action.overdue:
            found.append("Overdue")
        return " and ".join(found)


@dataclass(frozen=True)
class CompletedRow:
    plan: str
    ref: str
    text: str
    lead: str | None
    completed_on: date
    impact: str | None  # the evidence of impact given when it was marked complete
    evidence_link: str | None
    outcome: str | None  # the chairs' view of the outcome evidence, when recorded


class EscalationState(StrEnum):
    RAISED_AND_RESOLVED = "raised-and-resolved"
    RAISED = "raised"
    RESOLVED = "resolved"
    OPEN = "open"

    @property
    def label(self) -> str:
        return ESCALATION_STATE_LABELS[self]


ESCALATION_STATE_LABELS = {
    EscalationState.RAISED_AND_RESOLVED: "Raised for the quarter and resolved",
    EscalationState.RAISED: "Raised for the quarter, still open",
    EscalationState.RESOLVED: "Resolved in the quarter",
    EscalationState.OPEN: "Open from an earlier quarter",
}


@dataclass(frozen=True)
class EscalationRow:
    to: str  # business-group or masa
    to_label: str
    title: str
    plan: str | None
    ref: str | None
    rationale: str
    raised_on: date
    raised_by: str
    resolved_on: date | None  # only when resolved on or before the quarter end
    resolution: str | None
    state: EscalationState


@dataclass(frozen=True)
class ChallengeRow:
    plan: str
    ref: str
    question: str
    raised_on: date
    raised_by: str
    reply_wanted_by: date
    replied: bool  # a reply given on or before the quarter end; for its own quarter's, ever
    closed: bool  # only one raised for the quarter can be: the rest are open at its end


@dataclass(frozen=True)
class LearningRow:
    """A source of learning's items by standing at the quarter's end and the previous one's
    (tracker.learning.rules.STANDINGS order), and the items that are gaps at its end."""

    source: str
    kind: str
    items: int
    counts: tuple[int, ...]
    previous: tuple[int, ...]
    gaps: tuple[str, ...]  # e.g. "Recommendation 5"


@dataclass(frozen=True)
class CoverageRow:
    agency: str
    covered: int
    components: int
    gaps: tuple[int, ...]


@dataclass(frozen=True)
class Disagreement:
    plan: str
    ref: str
    text: str
    agency_rag: str | None
    assurance_rag: str
    reason: str
    set_by: str


@dataclass(frozen=True)
class ReturnRow:
    plan: str
    agency: str | None
    state: ReturnState


@dataclass(frozen=True)
class ObjectiveGroup:
    ref: str
    text: str
    actions: tuple[ReportAction, ...]


@dataclass(frozen=True)
class PlanAppendix:
    plan: str
    agency: str | None
    objectives: tuple[ObjectiveGroup, ...]


class Marking(StrEnum):
    """The Government Security Classification marking a paper carries on every page."""

    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class FrontSheet:
    """The front sheet of a quarter's paper for one audience, as the business unit wrote it
    when generating it. Texts are plain: paragraphs split by blank lines, bullets as "- "."""

    meeting: str = ""  # the meeting it goes to, e.g. "OSCB Business Group"
    meeting_date: date | None = None
    marking: Marking = Marking.OFFICIAL
    author: str = "OSCB Business Unit"
    purpose: str = ""
    summary: str = ""
    recommendations: str = ""  # the recommendations or decisions sought


@dataclass(frozen=True)
class Report:
    audience: Audience
    strategy: str
    partnership: str
    quarter: Quarter
    generated_at: datetime  # fixes every file's timestamps, so the same data gives the same bytes
    counts: RagCounts
    previous_counts: RagCounts
    movement: MovementCounts
    plans: tuple[PlanCounts, ...]
    returns: tuple[ReturnRow, ...]
    not_returned: tuple[str, ...]  # agencies with a plan whose return is not in
    disagreements: tuple[Disagreement, ...]
    exceptions: tuple[ExceptionRow, ...]  # every red and every overdue action
    completed: tuple[CompletedRow, ...]
    escalations: tuple[EscalationRow, ...]  # for MASA: only those to MASA
    challenges: tuple[ChallengeRow, ...]  # raised for the quarter, or open at its end
    coverage: tuple[CoverageRow, ...]
    key_messages: str
    appendix: tuple[PlanAppendix, ...]
    front: FrontSheet = field(default_factory=FrontSheet)
    learning: tuple[LearningRow, ...] = ()  # each source of learning (tracker.learning)

    @property
    def as_at(self) -> date:
        return self.quarter.last_day

    @property
    def previous_as_at(self) -> date:
        return self.quarter.previous().last_day

    @property
    def title(self) -> str:
        return f"Neglect strategy assurance report, {self.quarter.label}"

    @property
    def red(self) -> tuple[ReportAction, ...]:
        return tuple(row.action for row in self.exceptions if row.action.rag == "red")

    @property
    def overdue(self) -> tuple[ReportAction, ...]:
        return tuple(row.action for row in self.exceptions if row.action.overdue)

    def file_name(self, format: Format) -> str:
        return f"assurance-report-{self.quarter.slug}-{self.audience.value}.{format.value}"
