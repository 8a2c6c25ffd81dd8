"""The withdrawal rule where actions are counted: an action withdrawn in Q3 leaves Q3's figures
and stays in Q2's; an action added in Q3 is not in Q2's report."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.core.dates import Quarter
from tracker.core.roles import Role
from tracker.core.tables import Action, Agency, Plan
from tracker.dashboard.queries import dashboard
from tracker.plan_changes.rules import NewActionForm, WithdrawForm
from tracker.plan_changes.store import add_action
from tracker.plan_changes.withdrawal import withdraw_action
from tracker.plans.overview import overview
from tracker.plans.plan import plan_view
from tracker.reminders.recipients import _candidates as reminder_candidates
from tracker.reports.model import Audience
from tracker.reports.render import report_for
from tracker.returns.queries import quarter_returns
from tracker.returns.return_view import plan_return
from tracker.updates.my_actions import my_actions

UK = ZoneInfo("Europe/London")
TVP = "Thames Valley Police"
Q2, Q3 = Quarter.parse("2020-21-Q2"), Quarter.parse("2020-21-Q3")
WITHDRAWN_ON = date(2020, 10, 15)
IN_Q3 = pytest.mark.time_machine(datetime(2020, 10, 20, 12, tzinfo=UK), tick=False)
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


def tvp_action(ref: str) -> dict:
    return (
        Action.select()
        .where((Action.ref == ref) & (Action.plan.agency.name == TVP))
        .first()
        .run_sync()
    )


def withdraw_and_add(*, add: bool = True) -> tuple[int, int | None]:
    """1.1 withdrawn on 15 Oct 2020; 1.9 added on 20 Oct 2020: both in Q3."""
    withdrawn = tvp_action("1.1")
    asyncio.run(
        withdraw_action(
            withdrawn["id"],
            WithdrawForm(withdrawn_on=WITHDRAWN_ON.isoformat(), withdrawn_reason="Merged"),
            version=withdrawn["version"],
            person=BUSINESS_UNIT,
            today=date(2020, 10, 20),
        )
    )
    if not add:
        return withdrawn["id"], None
    added = asyncio.run(
        add_action(
            withdrawn["plan"],
            NewActionForm(
                ref="1.9", text="New in Q3", objective=str(withdrawn["objective"]), due="2020-11-30"
            ),
            person=BUSINESS_UNIT,
        )
    )
    return withdrawn["id"], added


def report_refs(quarter: Quarter) -> tuple[int, set[str]]:
    report = asyncio.run(report_for(quarter, Audience.BUSINESS_GROUP))
    tvp = next(plan for plan in report.plans if plan.plan == TVP)
    refs = {
        a.ref for p in report.appendix if p.plan == TVP for g in p.objectives for a in g.actions
    }
    return tvp.counts.total, refs


@IN_Q3
def test_q2s_report_keeps_the_action_withdrawn_in_q3_and_leaves_out_the_one_added_in_q3(
    two_quarters_db,
):
    q2_before, q2_refs_before = report_refs(Q2)
    q3_before, _ = report_refs(Q3)
    withdraw_and_add()
    q2_after, q2_refs = report_refs(Q2)
    assert (q2_after, q2_refs) == (q2_before, q2_refs_before)
    assert "1.1" in q2_refs and "1.9" not in q2_refs
    q3_after, q3_refs = report_refs(Q3)
    assert "1.1" not in q3_refs and "1.9" in q3_refs
    assert q3_after == q3_before  # one left, one came


@IN_Q3
def test_the_home_page_plan_page_and_dashboard_count_it_until_its_day(two_quarters_db):
    plan = Plan.select(Plan.id, Plan.strategy).where(Plan.agency.name == TVP).first().run_sync()

    def counted(day: date) -> tuple[int, int, int]:
        home = asyncio.run(overview(day, plan["strategy"]))
        assert home is not None
        tvp = next(summary for summary in home.plans if summary.id == plan["id"])
        board = asyncio.run(dashboard(day, strategy_id=plan["strategy"]))
        shown = asyncio.run(plan_view(plan["id"], day))
        return tvp.counts.total, board.headline.actions, len(shown.counted)

    before = counted(date(2020, 10, 14)), counted(WITHDRAWN_ON)
    withdrawn_id, _ = withdraw_and_add(add=False)
    day_before, on_the_day = counted(date(2020, 10, 14)), counted(WITHDRAWN_ON)
    assert day_before == before[0]
    assert on_the_day == tuple(n - 1 for n in before[1])
    shown = asyncio.run(plan_view(plan["id"], WITHDRAWN_ON))
    assert withdrawn_id in {action.id for action in shown.actions}  # still shown, as withdrawn
    assert shown.withdrawn == 1


@IN_Q3
def test_returns_my_actions_and_reminders_leave_out_a_withdrawn_action(two_quarters_db):
    withdrawn = tvp_action("1.1")
    tvp = Agency.select(Agency.id).where(Agency.name == TVP).first().run_sync()
    today = date(2020, 10, 20)

    def seen() -> tuple[int, bool, bool, bool]:
        returns = asyncio.run(quarter_returns(Q3, today))
        item = next(item for item in returns.returns if item.plan_id == withdrawn["plan"])
        detail = asyncio.run(plan_return(withdrawn["plan"], Q3, today))
        mine = asyncio.run(my_actions(frozenset({tvp["id"]}), frozenset(), today))
        reminded = asyncio.run(reminder_candidates(today))
        return (
            item.actions,
            withdrawn["id"] in {entry.action.id for entry in detail.actions},
            withdrawn["id"] in {entry.action_id for entry in mine.actions},
            withdrawn["id"] in {row["id"] for rows in reminded.values() for row in rows},
        )

    actions_before, *present = seen()
    assert all(present)
    withdraw_and_add()
    actions_after, in_return, in_mine, in_reminders = seen()
    assert actions_after == actions_before  # 1.1 left, 1.9 came
    assert not (in_return or in_mine or in_reminders)


@IN_Q3
def test_an_action_added_in_q3_is_not_in_q2s_as_at_views(two_quarters_db):
    """The home page, dashboard, review and a return as at Q2's end count the actions that
    existed then: one added on 20 Oct 2020 enters them on its day, not before."""
    from tracker.review.queries import review_view
    from tracker.review.query import read_review_query

    plan = Plan.select(Plan.id, Plan.strategy).where(Plan.agency.name == TVP).first().run_sync()
    end_q2, today = Q2.last_day, date(2020, 10, 20)

    def counted(day: date) -> tuple[int, int, int, int]:
        home = asyncio.run(overview(day, plan["strategy"]))
        assert home is not None
        tvp = next(summary for summary in home.plans if summary.id == plan["id"])
        board = asyncio.run(dashboard(day, strategy_id=plan["strategy"]))
        review = asyncio.run(
            review_view(read_review_query({"as_at": [day.isoformat()]}, today), plan["strategy"])
        )
        asked = asyncio.run(quarter_returns(Quarter.of(day), today, plan["strategy"]))
        tvp_return = next(item for item in asked.returns if item.plan_id == plan["id"])
        return tvp.counts.total, board.headline.actions, review.table.total, tvp_return.actions

    before = counted(end_q2), counted(today)
    added = asyncio.run(
        add_action(
            plan["id"],
            NewActionForm(
                ref="1.9", text="New in Q3", objective=str(tvp_action("1.1")["objective"])
            ),
            person=BUSINESS_UNIT,
        )
    )
    assert Action.select(Action.added_on).where(Action.id == added).first().run_sync() == {
        "added_on": today
    }
    assert counted(end_q2) == before[0]
    assert counted(today) == tuple(n + 1 for n in before[1])
