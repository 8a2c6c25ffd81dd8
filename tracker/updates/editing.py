"""The rules for editing an action's lead, time-frame and due date. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.core.dates import parse_day

MAX_LEAD = 200
MAX_TIMEFRAME = 500


@dataclass(frozen=True)
class EditForm:
    lead: str = ""
    timeframe: str = ""
    due: str = ""


@dataclass(frozen=True)
class CheckedEdit:
    lead: str | None
    timeframe: str | None
    due: date | None

    def as_fields(self) -> dict[str, str | date | None]:
        return {"lead": self.lead, "timeframe": self.timeframe, "due": self.due}


@dataclass(frozen=True)
class EditCheck:
    edit: CheckedEdit | None
    problems: dict[str, str] = field(default_factory=dict)


def check_edit(form: EditForm) -> EditCheck:
    problems: dict[str, str] = {}
    lead = " ".join(form.lead.split())
    if len(lead) > MAX_LEAD:
        problems["lead"] = f"The lead must be {MAX_LEAD} characters or fewer."
    timeframe = form.timeframe.strip()
    if len(timeframe) > MAX_TIMEFRAME:
        problems["timeframe"] = f"The time-frame must be {MAX_TIMEFRAME} characters or fewer."
    due = None
    if form.due.strip():
        due = parse_day(form.due)
        if due is None:
            problems["due"] = "Enter the due date as a real date, for example 2021-03-31."
    if problems:
        return EditCheck(None, problems)
    return EditCheck(CheckedEdit(lead or None, timeframe or None, due))


def changed_fields(
    before: dict[str, str | date | None], after: dict[str, str | date | None]
) -> tuple[dict[str, str | date | None], dict[str, str | date | None]]:
    """Only what differs: (before, after) of the changed fields."""
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
