"""The returns as pages read them: the chairs' order, and one plan's return as at its quarter."""

import asyncio
from datetime import date

from tests.returns.test_steps import BUSINESS_UNIT, Q1, do_accept, do_send_back, do_submit, tvp_plan
from tracker.core import clock
from tracker.core.tables import Action, AssuranceRating, Plan
from tracker.returns.deadlines import set_deadline
from tracker.returns.my_returns import my_returns
from tracker.returns.queries import quarter_returns
from tracker.returns.return_view import plan_return
from tracker.returns.rules import ReturnState

AFTER_DEADLINE = date(2020, 7, 20)  # Q1's returns were due on 14 Jul 2020


def overarching_plan() -> int:
    return Plan.select(Plan.id).where(Plan.kind == "overarching").first().run_sync()["id"]


def test_overdue_returns_come_first_then_those_awaiting_a_chair_then_the_rest(tvp_db):
    tvp, overarching = tvp_plan(), overarching_plan()
    do_submit(tvp, BUSINESS_UNIT, quarter=Q1)
    do_submit(overarching, BUSINESS_UNIT, quarter=Q1)
    do_accept(overarching, quarter=Q1)
    found = asyncio.run(quarter_returns(Q1, AFTER_DEADLINE))
    order = [(item.plan_id, item.state, item.days_overdue) for item in found.returns]
    assert order[-2:] == [(tvp, ReturnState.SUBMITTED, 0), (overarching, ReturnState.ACCEPTED, 0)]
    assert all(days == 6 for _, _, days in order[:-2])
    assert found.overdue == 13
    assert found.counts[ReturnState.SUBMITTED] == 1
    assert found.counts[ReturnState.ACCEPTED] == 1


def test_nothing_is_overdue_on_the_deadline_itself(tvp_db):
    found = asyncio.run(quarter_returns(Q1, date(2020, 7, 14)))
    assert found.overdue == 0
    assert found.deadline.is_default


def test_a_plans_return_shows_its_actions_as_at_the_quarters_end_with_assurance(tvp_db):
    tvp = tvp_plan()
    do_submit(tvp, BUSINESS_UNIT, quarter=Q1)
    do_send_back(tvp, "Add dates to 4.1.", quarter=Q1)
    first = Action.select(Action.id).where(Action.plan == tvp).order_by(Action.position)
    action_id = first.first().run_sync()["id"]
    AssuranceRating.insert(
        AssuranceRating(
            action=action_id,
            quarter=Q1.slug,
            rag="red",
            reason="No evidence of the briefings",
            set_by="chair@example.org",
            set_at=clock.now(),
        )
    ).run_sync()
    view = asyncio.run(plan_return(tvp, Q1, date(2020, 11, 1)))
    assert view.as_at == date(2020, 6, 30)
    assert view.summary.state is ReturnState.RETURNED
    assert view.comments == "Add dates to 4.1."
    assert [(step.state, step.comment) for step in view.history] == [
        (ReturnState.DRAFT, view.history[0].comment),
        (ReturnState.SUBMITTED, None),
        (ReturnState.RETURNED, "Add dates to 4.1."),
    ]
    assert len(view.actions) == 13
    assert view.not_updated == 1
    rated = next(item for item in view.actions if item.action.id == action_id)
    assert (rated.assurance_rag, rated.assurance_reason) == ("red", "No evidence of the briefings")
    assert all(
        item.action.status_as_at <= date(2020, 6, 30)
        for item in view.actions
        if item.action.status_as_at
    )


def test_an_unknown_plan_has_no_return(tvp_db):
    assert asyncio.run(plan_return(999_999, Q1, AFTER_DEADLINE)) is None


def test_a_leads_returns_are_their_agencies_plans_for_the_quarter_being_collected(tvp_db):
    tvp = tvp_plan()
    agency = Plan.select(Plan.agency).where(Plan.id == tvp).first().run_sync()["agency"]
    do_submit(tvp, BUSINESS_UNIT, quarter=Q1)
    mine = asyncio.run(my_returns(frozenset({agency}), date(2020, 7, 20)))
    assert mine.quarter == Q1
    assert [(item.plan, item.state, item.deadline) for item in mine.returns] == [
        ("Thames Valley Police", ReturnState.SUBMITTED, date(2020, 7, 14))
    ]
    assert asyncio.run(my_returns(frozenset(), date(2020, 7, 20))).returns == ()


def test_a_leads_returns_show_the_deadline_the_business_unit_set(tvp_db):
    tvp = tvp_plan()
    agency = Plan.select(Plan.agency).where(Plan.id == tvp).first().run_sync()["agency"]
    asyncio.run(set_deadline(Q1, "2020-07-31", BUSINESS_UNIT, strategy_id=1))
    [item] = asyncio.run(my_returns(frozenset({agency}), date(2020, 8, 2))).returns
    assert (item.deadline, item.days_overdue) == (date(2020, 7, 31), 2)
