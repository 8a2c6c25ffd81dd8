"""The proforma's layout, what it says about itself, and who may download which. Pure.

A proforma is one plan's Appendix 4 workbook for one quarter, pre-filled with
what the tracker holds: the columns the agency should not change are locked,
the quarter's RAG, progress and evidence of impact are left to fill in, and the
document properties say which strategy, plan and quarter it is for, so that
the file needs no questions when it comes back (tracker.imports reads them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.dates import Quarter, format_date
from tracker.core.roles import Role

SHEET = "Proforma"
INSTRUCTIONS = "Instructions"
TITLE = "Appendix 4: Proforma for Individual Agency Action Plans"
RAG_CHOICES = ("Red", "Amber", "Green", "Complete")
ROWS_TO_ADD = 50  # open rows below the actions, for new ones
HEADER_ROW = 5  # rows 1-3 are titles, 4 is blank

# The document properties (custom ones, as Excel and LibreOffice keep them).
PROPERTY_KIND = "Tracker download"
PROPERTY_STRATEGY = "Tracker strategy"
PROPERTY_PLAN_ID = "Tracker plan id"
PROPERTY_PLAN = "Tracker plan"
PROPERTY_QUARTER = "Tracker quarter"
PROPERTY_MADE_AT = "Tracker made at"
KIND_PROFORMA = "proforma"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    fill_in: bool = False  # open for the agency; the others are locked


def columns(quarter: Quarter) -> tuple[Column, ...]:
    """The header row. The importer tells columns apart by these names
    (tracker.imports.proforma.headers): "Current ..." is read and ignored."""
    return (
        Column("ref", "Ref", 7),
        Column("objective", "Objective", 30),
        Column("action", "Action", 40),
        Column("input", "Input", 20),
        Column("desired_outcome", "Desired outcome", 30),
        Column("lead", "Lead", 18),
        Column("timeframe", "Time-scale", 14),
        Column("current_rag", "Current RAG", 11),
        Column("current_progress", "Current progress", 36),
        Column("rag", f"RAG ({quarter.label})", 12, fill_in=True),
        Column("progress", f"Progress ({quarter.label})", 40, fill_in=True),
        Column("impact", "Evidence of impact", 36, fill_in=True),
    )


@dataclass(frozen=True)
class About:
    """What a proforma is for: written into it, read back when it returns."""

    strategy: str
    plan_id: int
    plan: str
    quarter: Quarter
    made_at: datetime

    def properties(self) -> dict[str, str]:
        return {
            PROPERTY_KIND: KIND_PROFORMA,
            PROPERTY_STRATEGY: self.strategy,
            PROPERTY_PLAN_ID: str(self.plan_id),
            PROPERTY_PLAN: self.plan,
            PROPERTY_QUARTER: self.quarter.slug,
            PROPERTY_MADE_AT: self.made_at.isoformat(timespec="seconds"),
        }


def titles(plan: str, agency: str | None, quarter: Quarter, deadline: date) -> tuple[str, ...]:
    """The rows above the header: the importer reads the plan from them when a
    file has lost its document properties."""
    who = f"Agency: {agency}" if agency else "Overarching plan"
    return (
        TITLE,
        who,
        f"Plan: {plan}. Return for {quarter.label} (as at {format_date(quarter.last_day)}), "
        f"due by {format_date(deadline)}",
    )


def instructions(plan: str, quarter: Quarter, deadline: date, made_at: datetime) -> list[str]:
    return [
        f"{plan}: return for {quarter.label}",
        "",
        f"Please fill in this proforma and send it back by {format_date(deadline)}.",
        f"It describes your actions as at {format_date(quarter.last_day)}, "
        f"the last day of {quarter.label}.",
        "",
        "What to fill in, on the Proforma sheet, for each action:",
        f"- RAG ({quarter.label}): choose Red, Amber, Green or Complete from the list.",
        f"- Progress ({quarter.label}): what was done this quarter.",
        "- Evidence of impact: what changed for children and families, and how you know.",
        "Leave a cell blank where nothing changed: the current RAG and progress stay.",
        "",
        "The other columns show the plan as the tracker holds it and are locked.",
        "To propose a new action, write it in an empty row below the last action.",
        "Please do not rename the sheets: the tracker reads this file back as it is.",
        "",
        f"Made on {format_date(made_at.date())} at {made_at:%H:%M}.",
    ]


def file_name(plan: str, quarter: Quarter) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in plan).strip("-")
    while "--" in safe:
        safe = safe.replace("--", "-")
    return f"proforma-{safe.lower()}-{quarter.slug}.xlsx"


def may_download(role: Role, agency_ids: frozenset[int], plan_agency_id: int | None) -> bool:
    """The business unit and chairs: any plan's; a lead: their own agencies' plans.
    Viewers fill in no returns, so they get none."""
    if role in (Role.BUSINESS_UNIT, Role.CHAIR):
        return True
    return role is Role.LEAD and plan_agency_id is not None and plan_agency_id in agency_ids


def read_about(properties: Mapping[str, str]) -> About | None:
    """What a returned file's properties say it is for; None for any other workbook."""
    if properties.get(PROPERTY_KIND) != KIND_PROFORMA:
        return None
    try:
        return About(
            strategy=properties.get(PROPERTY_STRATEGY, ""),
            plan_id=int(properties[PROPERTY_PLAN_ID]),
            plan=properties[PROPERTY_PLAN],
            quarter=Quarter.parse(properties[PROPERTY_QUARTER]),
            made_at=datetime.fromisoformat(properties[PROPERTY_MADE_AT]),
        )
    except (KeyError, ValueError):
        return None


# E-mailing each agency's leads their plan's proforma (tracker.proformas.mailing).

SENT = "sent"
SENDING = "sending"  # claimed; stays so if the sender stopped midway (never sent twice)
FAILED = "failed"  # sent again by the next press


@dataclass(frozen=True)
class Recipient:
    plan_id: int
    plan: str
    email: str
    name: str


@dataclass(frozen=True)
class MailRound:
    """What pressing "E-mail each agency its proforma" would do for a quarter."""

    plans: int  # the agency plans
    to_send: tuple[Recipient, ...]  # not yet sent, or failed last time
    already_sent: tuple[Recipient, ...]
    without_leads: tuple[str, ...]  # plans no active lead with an e-mail can receive

    @property
    def plans_to_send(self) -> int:
        return len({recipient.plan_id for recipient in self.to_send})

    @property
    def leads(self) -> int:
        return len({recipient.email for recipient in self.to_send})

    @property
    def retries(self) -> int:
        return sum(1 for recipient in self.to_send if recipient in self.failed)

    failed: frozenset[Recipient] = frozenset()


def mail_key(plan_id: int, quarter: Quarter, email: str) -> str:
    return f"{plan_id}:{quarter.slug}:{email.lower()}"


def mail_round(
    plans: Sequence[tuple[int, str]],
    leads: Mapping[int, Sequence[tuple[str, str]]],
    statuses: Mapping[str, str],
    quarter: Quarter,
) -> MailRound:
    """Who gets the plan's proforma now: every lead of each plan (`leads`: email and
    name by plan id) but those already sent it (`statuses` by mail_key)."""
    to_send: list[Recipient] = []
    already: list[Recipient] = []
    failed: set[Recipient] = set()
    without: list[str] = []
    for plan_id, plan in plans:
        people = [(email, name) for email, name in leads.get(plan_id, ()) if email]
        if not people:
            without.append(plan)
        for email, name in people:
            recipient = Recipient(plan_id, plan, email, name)
            status = statuses.get(mail_key(plan_id, quarter, email))
            if status in (SENT, SENDING):
                already.append(recipient)
            else:
                to_send.append(recipient)
                if status == FAILED:
                    failed.add(recipient)
    return MailRound(len(plans), tuple(to_send), tuple(already), tuple(without), frozenset(failed))


def mail_subject(plan: str, quarter: Quarter, deadline: date) -> str:
    return f"{plan}: your proforma for {quarter.label}, due by {format_date(deadline)}"


def mail_body(
    recipient: Recipient, quarter: Quarter, deadline: date, attached: str, sender: str
) -> str:
    greeting = f"Dear {recipient.name}," if recipient.name else "Hello,"
    return "\n".join(
        [
            greeting,
            "",
            f"Attached is the {recipient.plan} proforma for {quarter.label} ({attached}): "
            f"your plan's actions as at {format_date(quarter.last_day)}.",
            "",
            "For each action, please fill in this quarter's RAG, progress and evidence of "
            "impact, and send the file back by "
            f"{format_date(deadline)}, the return deadline for {quarter.label}.",
            "The Instructions sheet in the file says what to fill in.",
            "",
            f"You received this because you lead on the {recipient.plan} plan. "
            f"Questions: reply to {sender}.",
        ]
    )
