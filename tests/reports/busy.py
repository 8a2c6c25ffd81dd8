"""A busy quarter, made by hand: 13 agency plans, 40 red actions, 12 escalations to MASA,
8 key messages, with wording as long as real plans have. The MASA paper must still be one page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.reports.gathered import GENERATED, Q2, escalation, gathered, update
from tracker.plans.portfolio import AgencyInfo, PlanInfo
from tracker.reports.build import build
from tracker.reports.model import Audience, FrontSheet, Marking, Report

AGENCIES = (
    "Thames Valley Police",
    "Children's Social Care",
    "Oxford University Hospitals NHS Foundation Trust",
    "Oxford Health NHS Foundation Trust",
    "Oxfordshire Clinical Commissioning Group",
    "Education and Early Years",
    "Oxfordshire Youth Justice Service",
    "Public Health Oxfordshire",
    "Housing and Homelessness Services",
    "National Probation Service",
    "Community Rehabilitation Company",
    "Voluntary and Community Sector Forum",
    "Children and Family Court Advisory and Support Service",
)
PLANS = tuple(PlanInfo(100 + i, name, "agency", 100 + i, name) for i, name in enumerate(AGENCIES))
ACTION = (
    "Make sure every front-line practitioner completes the neglect toolkit training and "
    "uses the Graded Care Profile 2 in assessments where neglect is suspected, recording "
    "its use in the child's file"
)
PROGRESS = (
    "Performance against the target remains below expectation: 61% of practitioners "
    "trained by the quarter end; the remaining sessions are booked for November and the "
    "service manager is chasing the teams that have not yet released their staff"
)
MESSAGES = "\n\n".join(
    [
        "Red actions rose from 31 to 40, mostly in health, where training has slipped.",
        "- Three agencies have not made their return.\n- Two returns arrived after the deadline.",
        "The Graded Care Profile 2 is now used in 74% of assessments where neglect is suspected, "
        "up from 58% at the end of the last quarter.",
        "Escalations to MASA: twelve this quarter, of which five are about recruitment.",
        "<b>Note</b>: the housing pathway audit reports in January.",
        "The partnership's training offer has been refreshed and relaunched.",
        "Schools report better identification of neglect in the early years.",
        "The Business Group asks MASA to confirm the revised time-frames for health actions.",
    ]
)


def busy_report(audience: Audience = Audience.MASA) -> Report:
    actions = []
    updates = []
    progress = {}
    number = 0
    for index, plan in enumerate(PLANS):
        for item in range(5):
            number += 1
            red = number <= 40
            due = date(2020, 9, 30 - (number % 28)) if red else date(2021, 3, 31)
            actions.append({"id": number, "plan": plan, "due": due})
            rag = "red" if red else ("amber", "green", "blue")[(index + item) % 3]
            updates.append(update(number, rag, date(2020, 9, 1)))
            progress[number] = PROGRESS
    data = gathered(
        actions,
        updates,
        progress=progress,
        key_messages=MESSAGES,
        escalations=tuple(
            escalation(
                n,
                to="masa",
                raised=date(2020, 7, n),
                issue=f"Issue {n}: health partners cannot release staff for the neglect training "
                "without backfill funding, so the training target will be missed",
            )
            for n in range(1, 13)
        ),
    )
    held = data.portfolio
    held = replace(
        held,
        plans=PLANS,
        agencies=tuple(AgencyInfo(plan.id, plan.name) for plan in PLANS),
        actions=tuple(
            replace(a, text=f"{ACTION} ({a.id})", lead="Designated Safeguarding Lead")
            for a in held.actions
        ),
    )
    report = build(replace(data, portfolio=held), audience, GENERATED)
    return replace(report, front=busy_front(audience))


def busy_front(audience: Audience) -> FrontSheet:
    return FrontSheet(
        meeting="MASA Executive" if audience is Audience.MASA else "OSCB Business Group",
        meeting_date=date(2020, 11, 12),
        marking=Marking.OFFICIAL_SENSITIVE,
        author="OSCB Business Unit",
        purpose="To give the board assurance on the neglect strategy's action plans for the "
        "quarter, and to ask for its decisions on the escalations raised.",
        summary="Progress has slowed in health. Most agencies made their returns on time, and "
        "the Graded Care Profile 2 is used more widely.\n\n- 40 actions are red.\n"
        "- 12 escalations are with MASA.",
        recommendations="- Note the report.\n- Agree the revised time-frames for health "
        "actions.\n- Decide on backfill funding for training.",
    )


__all__ = ["GENERATED", "Q2", "busy_report"]
