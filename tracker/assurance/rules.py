"""Assurance ratings and outcome evidence: the rules, pure.

An agency rates its own actions (the RAG of its latest update). A strategy
chair or the business unit may give an action their own rating for a quarter,
with a reason, where they disagree: the assurance rating. As at a day, an
action's assurance is its rating for the latest quarter up to that day's, and
it disagrees when its RAG differs from the agency's own rating at the end of
that quarter (or on the day, if the quarter has not ended).

A complete action ("blue") is done; whether its desired outcome is evidenced
is a separate judgement: yes, partly or not yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tracker.challenges.rules import text_problem
from tracker.core.dates import Quarter, format_date
from tracker.core.rag import rag_label
from tracker.core.roles import Role

MAX_REASON = 2000
MAX_NOTE = 2000
COMPLETE = "blue"
ASSURANCE_RAGS = ("red", "amber", "green", "blue")

# Rating actions and judging outcomes is the chairs' job; the business unit does it for them.
CAN_ASSURE = frozenset({Role.CHAIR, Role.BUSINESS_UNIT})


class Evidenced(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NOT_YET = "not-yet"

    @property
    def label(self) -> str:
        return EVIDENCED_LABELS[self]


EVIDENCED_LABELS = {
    Evidenced.YES: "Yes",
    Evidenced.PARTLY: "Partly",
    Evidenced.NOT_YET: "Not yet",
}


def evidenced_label(value: str | None) -> str:
    try:
        return Evidenced(value or "").label
    except ValueError:
        return ""


def default_quarter(today: date, withdrawn_on: date | None = None) -> Quarter:
    """The quarter a rating is usually for: the one just ended, whose returns are in; for
    an action withdrawn by then, the last quarter that ended before its withdrawal."""
    just_ended = Quarter.of(today).previous()
    if withdrawn_on is not None and withdrawn_on <= just_ended.last_day:
        return Quarter.of(withdrawn_on).previous()
    return just_ended


def quarter_to_rate(day: date, today: date, withdrawn_on: date | None = None) -> Quarter:
    """The quarter the action page as at `day` offers to rate. As at today, the usual one
    (default_quarter). As at a past day, the last quarter to have ended by that day's
    close: a page as at 30 Sep 2020 offers 2020-21 Q2, one as at 15 Aug 2020 offers Q1.
    For an action withdrawn by then, the last quarter that ended before its withdrawal."""
    if day >= today:
        return default_quarter(today, withdrawn_on)
    quarter = Quarter.of(day)
    ended = quarter if day == quarter.last_day else quarter.previous()
    if withdrawn_on is not None and withdrawn_on <= ended.last_day:
        return Quarter.of(withdrawn_on).previous()
    return ended


@dataclass(frozen=True)
class AssuranceForm:
    """An assurance rating as typed: quarter like 2020-21-Q2, rag, reason."""

    quarter: str = ""
    rag: str = ""
    reason: str = ""


@dataclass(frozen=True)
class CheckedAssurance:
    quarter: Quarter
    rag: str
    reason: str


@dataclass(frozen=True)
class AssuranceCheck:
    assurance: CheckedAssurance | None
    problems: dict[str, str] = field(default_factory=dict)


def quarter_problem(text: str, today: date) -> tuple[Quarter | None, str | None]:
    """The quarter a rating is for, or why it cannot be: unreadable, or not yet begun."""
    if not text.strip():
        return None, "Choose the quarter the assurance rating is for."
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        return None, "Enter the quarter like 2020-21 Q2."
    current = Quarter.of(today)
    if quarter > current:
        return None, (
            f"{quarter.label} has not begun: choose {current.label} or an earlier quarter."
        )
    return quarter, None


def withdrawn_problem(ref: str, withdrawn_on: date | None, quarter: Quarter) -> str | None:
    """Why a withdrawn action cannot be rated for `quarter`: it is not counted on the
    quarter's last day (withdrawn on or before it), so the quarter's report has nothing
    of it to assure. A quarter that ended before the withdrawal may still be rated."""
    if withdrawn_on is None or withdrawn_on > quarter.last_day:
        return None
    return (
        f"Action {ref} was withdrawn on {format_date(withdrawn_on)}, so it is not counted "
        f"in {quarter.label}: rate a quarter that ended before then."
    )


def withdrawn_outcome_refusal(ref: str, withdrawn_on: date) -> str:
    """Why a withdrawn action's outcome is not recorded: it is no longer counted."""
    return (
        f"Action {ref} was withdrawn on {format_date(withdrawn_on)}: it is no longer counted, "
        "so no outcome evidence is recorded for it."
    )


def check_assurance(form: AssuranceForm, today: date) -> AssuranceCheck:
    problems: dict[str, str] = {}
    quarter, problem = quarter_problem(form.quarter, today)
    if problem:
        problems["quarter"] = problem
    rag = form.rag.strip().lower()
    if rag not in ASSURANCE_RAGS:
        problems["rag"] = "Choose the assurance rating: Red, Amber, Green or Complete."
    reason = form.reason.strip()
    if problem := text_problem(
        reason,
        name="The reason",
        limit=MAX_REASON,
        required="Give the reason for the assurance rating.",
    ):
        problems["reason"] = problem
    if problems or quarter is None:
        return AssuranceCheck(None, problems)
    return AssuranceCheck(CheckedAssurance(quarter, rag, reason))


@dataclass(frozen=True)
class OutcomeForm:
    evidenced: str = ""
    note: str = ""


@dataclass(frozen=True)
class CheckedOutcome:
    evidenced: Evidenced
    note: str | None


@dataclass(frozen=True)
class OutcomeCheck:
    outcome: CheckedOutcome | None
    problems: dict[str, str] = field(default_factory=dict)


def check_outcome(form: OutcomeForm) -> OutcomeCheck:
    """Whether the outcome is evidenced must be chosen; the note is optional."""
    problems: dict[str, str] = {}
    evidenced: Evidenced | None = None
    try:
        evidenced = Evidenced(form.evidenced.strip().lower())
    except ValueError:
        problems["evidenced"] = (
            "Choose whether the desired outcome is evidenced: Yes, Partly or Not yet."
        )
    note = form.note.strip()
    if problem := text_problem(note, name="The note", limit=MAX_NOTE, required=None):
        problems["note"] = problem
    if problems or evidenced is None:
        return OutcomeCheck(None, problems)
    return OutcomeCheck(CheckedOutcome(evidenced, note or None))


def disagrees(agency_rag: str | None, assurance_rag: str | None) -> bool:
    """An assurance rating disagrees when it differs from the agency's own (or none)."""
    return assurance_rag is not None and assurance_rag != agency_rag


@dataclass(frozen=True)
class Rating:
    """One assurance rating, as stored."""

    action_id: int
    quarter: Quarter
    rag: str
    reason: str
    set_by: str
    set_at: datetime

    @property
    def label(self) -> str:
        """Assurance (2020-21 Q2): Red"""
        return f"Assurance ({self.quarter.label}): {rag_label(self.rag)}"


def assurance_as_at(ratings: Iterable[Rating], day: date) -> Rating | None:
    """The rating for the latest quarter up to `day`'s: a Q2 rating set in October still
    stands in November, until a Q3 rating replaces it."""
    up_to = Quarter.of(day)
    candidates = [rating for rating in ratings if rating.quarter <= up_to]
    return max(candidates, key=lambda rating: rating.quarter, default=None)


def compared_on(quarter: Quarter, day: date) -> date:
    """The day the agency's own rating is taken, to compare with the rating for `quarter`."""
    return min(day, quarter.last_day)


@dataclass(frozen=True)
class Assurance:
    """An action's assurance as at a day, beside the agency's own rating it is compared with."""

    rating: Rating
    agency_rag: str | None
    agency_on: date  # the day the agency's rating is taken

    @property
    def disagrees(self) -> bool:
        return disagrees(self.agency_rag, self.rating.rag)

    @property
    def quarter(self) -> Quarter:
        return self.rating.quarter

    @property
    def rag(self) -> str:
        return self.rating.rag

    @property
    def reason(self) -> str:
        return self.rating.reason
