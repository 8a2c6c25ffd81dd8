"""Work waiting for people, written straight into a served database for the To do tests.

On TODAY (2026-27 Q3) the quarter being collected is 2026-27 Q2, whose returns were due on
14 Oct 2026: every plan that has not submitted it is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.accounts import CHAIR, TVP_LEAD
from tracker.core import clock
from tracker.core.tables import (
    Action,
    AssuranceRating,
    Challenge,
    FlaggedText,
    Plan,
    PlanReturn,
    Update,
)

UNDER_REVIEW = "2026-27-Q2"
# Children's Social Care's additional actions: another agency's, with actions of its own.
OTHER_PLAN = "Oxfordshire County Council, Children's Social Care (additional actions)"
RAGS = ("red", "amber", "green", "blue")


@dataclass(frozen=True)
class Work:
    tvp_plan: int
    other_plan: int
    overdue: int  # TVP's 1.1: reply wanted three days ago
    not_due: int  # TVP's 1.1: reply wanted in a fortnight
    answered: int  # TVP's 1.2: replied, not closed
    closed: int  # TVP's 1.2: replied and closed
    other_agency: int  # another agency's action: reply wanted yesterday
    disagreeing: int  # TVP's 1.2: the assurance rating differs from TVP's own
    agreeing: int  # TVP's 1.1: the same as TVP's own


async def _plan(name: str) -> int:
    row = await Plan.select(Plan.id).where(Plan.name == name).first()
    return row["id"]


async def _action(plan_id: int, ref: str | None = None) -> int:
    query = Action.select(Action.id).where(Action.plan == plan_id).order_by(Action.id)
    if ref is not None:
        query = query.where(Action.ref == ref)
    row = await query.first()
    return row["id"]


async def _agency_rag(action_id: int, on: date) -> str | None:
    row = (
        await Update.select(Update.rag)
        .where((Update.action == action_id) & (Update.as_at <= on))
        .order_by(Update.as_at, Update.recorded_at, ascending=False)
        .first()
    )
    return row["rag"] if row else None


async def _challenge(action_id: int, question: str, wanted: date, **settled) -> int:
    now = clock.now()
    [row] = await Challenge.insert(
        Challenge(
            action=action_id,
            question=question,
            reply_wanted_by=wanted,
            raised_by=CHAIR,
            raised_at=now - timedelta(days=20),
            **settled,
        )
    ).returning(Challenge.id)
    return row["id"]


async def add_work() -> Work:
    """Challenges in every state, a return with a chair, assurance both ways, a flag or two."""
    today = clock.today()
    now = clock.now()
    tvp, other = await _plan("Thames Valley Police"), await _plan(OTHER_PLAN)
    first, second = await _action(tvp, "1.1"), await _action(tvp, "1.2")
    answered = {"reply": "Our answer", "replied_by": TVP_LEAD, "replied_at": now}
    work = Work(
        tvp_plan=tvp,
        other_plan=other,
        overdue=await _challenge(first, "Why no date yet?", today - timedelta(days=3)),
        not_due=await _challenge(first, "Who chairs the panel?", today + timedelta(days=14)),
        answered=await _challenge(second, "Is it funded?", today, **answered),
        closed=await _challenge(
            second, "Was it signed off?", today, **answered, closed_by=CHAIR, closed_at=now
        ),
        other_agency=await _challenge(
            await _action(other), "Is the school survey out?", today - timedelta(days=1)
        ),
        disagreeing=second,
        agreeing=first,
    )
    quarter_end = date(2026, 9, 30)
    own = await _agency_rag(first, quarter_end)
    theirs = await _agency_rag(second, quarter_end)
    differs = next(rag for rag in RAGS if rag != theirs)
    await AssuranceRating.insert(
        *(
            AssuranceRating(
                action=action,
                quarter=UNDER_REVIEW,
                rag=rag,
                reason="Seen",
                set_by=CHAIR,
                set_at=now,
            )
            for action, rag in ((first, own or "red"), (second, differs))
        )
    )
    # The other plan's return is with the chairs; TVP's last quarter's was accepted.
    await PlanReturn.insert(
        PlanReturn(
            plan=other,
            quarter=UNDER_REVIEW,
            state="submitted",
            started_at=now,
            submitted_at=now,
            submitted_by="education.lead@example.org",
        ),
        PlanReturn(plan=tvp, quarter="2026-27-Q1", state="accepted", started_at=now),
    )
    await FlaggedText.insert(
        FlaggedText(
            record_table="challenge",
            record_id=work.answered,
            field="reply",
            kinds="phone",
            action_id=second,
            flagged_at=now,
            confirmed_by=TVP_LEAD,
        ),
        FlaggedText(
            record_table="challenge",
            record_id=work.closed,
            field="reply",
            kinds="phone",
            action_id=second,
            flagged_at=now,
            confirmed_by=TVP_LEAD,
            cleared_at=now,
            cleared_by="business-unit@example.org",
        ),
    )
    return work


def added(client) -> Work:
    with client.portal() as portal:
        return portal.call(add_work)


def plan_count(client) -> int:
    with client.portal() as portal:
        return portal.call(Plan.count().run)


def send_back(client, plan_id: int, quarter: str) -> None:
    """The plan's return for `quarter` returned to the agency for changes."""

    async def returned() -> None:
        await PlanReturn.insert(
            PlanReturn(
                plan=plan_id,
                quarter=quarter,
                state="returned",
                started_at=clock.now(),
                comments="Add a date to 1.1.",
            )
        )

    with client.portal() as portal:
        portal.call(returned)


def more_work(client, work: Work, times: int) -> None:
    """`times` more answered and overdue challenges and flags, and returns with a chair."""

    async def more() -> None:
        today, now = clock.today(), clock.now()
        action = await _action(work.tvp_plan, "1.2")
        for number in range(times):
            answered = {"reply": f"Answer {number}", "replied_by": TVP_LEAD, "replied_at": now}
            challenge = await _challenge(action, f"Question {number}", today, **answered)
            await _challenge(action, f"Late {number}", today - timedelta(days=number + 1))
            await FlaggedText.insert(
                FlaggedText(
                    record_table="challenge",
                    record_id=challenge,
                    field="reply",
                    kinds="email",
                    action_id=action,
                    flagged_at=now,
                    confirmed_by=TVP_LEAD,
                )
            )
        if not times:
            return
        plans = await Plan.select(Plan.id).where(Plan.id.not_in([work.tvp_plan, work.other_plan]))
        await PlanReturn.insert(
            *(
                PlanReturn(
                    plan=row["id"], quarter=UNDER_REVIEW, state="resubmitted", started_at=now
                )
                for row in plans[:times]
            )
        )

    with client.portal() as portal:
        portal.call(more)
