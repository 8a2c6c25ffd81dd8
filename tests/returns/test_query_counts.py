"""The returns pages run a fixed number of queries however many plans, returns and actions."""

import asyncio

from tests.support.queries import counting_queries
from tracker.core import clock
from tracker.core.tables import (
    Action,
    Agency,
    AssuranceRating,
    Plan,
    PlanReturn,
    ReturnStep,
    Strategy,
)
from tracker.returns.rules import ReturnState

QUARTER = "2020-21-Q2"
STATES = [state.value for state in ReturnState if state is not ReturnState.NOT_STARTED]


async def add_plans_with_returns(count: int) -> None:
    """`count` more plans, and a return with a step for every plan but every sixth."""
    strategy = await Strategy.select(Strategy.id).first()
    agencies = [row["id"] for row in await Agency.select(Agency.id)]
    if count:
        await Plan.insert(
            *(
                Plan(
                    strategy=strategy["id"],
                    name=f"Extra plan {number}",
                    kind="additional",
                    agency=agencies[number % len(agencies)],
                )
                for number in range(count)
            )
        )
    now = clock.now()
    plans = [row["id"] for row in await Plan.select(Plan.id).order_by(Plan.id)]
    returns = [
        PlanReturn(
            plan=plan_id,
            quarter=QUARTER,
            state=STATES[number % len(STATES)],
            started_at=now,
            submitted_at=now,
            submitted_by="lead@example.org",
        )
        for number, plan_id in enumerate(plans)
        if number % 6
    ]
    created = await PlanReturn.insert(*returns).returning(PlanReturn.id)
    await ReturnStep.insert(
        *(
            ReturnStep(plan_return=row["id"], state="submitted", actor="x", occurred_at=now)
            for row in created
        )
    )


async def rate_every_action(plan_id: int) -> None:
    actions = await Action.select(Action.id).where(Action.plan == plan_id)
    if actions:
        await AssuranceRating.insert(
            *(
                AssuranceRating(
                    action=row["id"],
                    quarter=QUARTER,
                    rag="amber",
                    reason="Evidence thin",
                    set_by="chair@example.org",
                    set_at=clock.now(),
                )
                for row in actions
            )
        )


def test_the_quarter_page_runs_the_same_queries_for_15_plans_as_for_55(
    database_with_actions, serve
):
    counts = []
    for actions, plans in ((10, 0), (130, 40)):
        url = database_with_actions(actions)
        asyncio.run(add_plans_with_returns(plans))
        with serve(url) as client:
            with counting_queries() as counted:
                page = client.get(f"/returns/{QUARTER}")
            assert page.status_code == 200
            counts.append((counted.count, page.text.count('<tr id="return-')))
    (few, few_rows), (many, many_rows) = counts
    assert (few_rows, many_rows) == (15, 55)
    # 9: the strategy's period, for the quarter picker; 10: the proformas e-mailed (business
    # unit); 14: the counts by lead and of updated actions looked up, and, worked out, kept
    # (tracker.core.kept_counts).
    assert few == many <= 14, counts


def test_a_plans_return_runs_the_same_queries_for_1_action_as_for_10(database_with_actions, serve):
    counts = []
    for actions in (13, 130):
        url = database_with_actions(actions)
        asyncio.run(add_plans_with_returns(0))
        tvp = Plan.select(Plan.id).where(Plan.name == "Thames Valley Police").first().run_sync()
        asyncio.run(rate_every_action(tvp["id"]))
        with serve(url) as client:
            with counting_queries() as counted:
                page = client.get(f"/returns/{QUARTER}/plans/{tvp['id']}")
            assert page.status_code == 200
            counts.append((counted.count, page.text.count('<tr id="action-')))
    (few, few_rows), (many, many_rows) = counts
    assert few_rows < many_rows
    # The 11th: the proposals from its returned proforma; the 12th: is its strategy closed;
    # the 13th: the strategies.
    assert few == many <= 13, counts
