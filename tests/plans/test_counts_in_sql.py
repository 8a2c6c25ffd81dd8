"""The dashboard's and the coverage matrix's figures counted by the database are the pure
rules' figures (dashboard_of, coverage_matrix over a portfolio), on generated histories:
same-day and late-recorded updates, due dates on the edges of overdue and due soon,
recurring and complete actions, and days on quarters' first and last days."""

import asyncio
import random
from datetime import date, timedelta

from tests.plans.test_status_in_sql import _generated_history
from tracker.core.dates import Quarter
from tracker.core.tables import Action, ActionCoreComponent, Update
from tracker.coverage.queries import coverage, coverage_matrix
from tracker.dashboard.queries import QUARTERS_SHOWN, dashboard, dashboard_of, quarters_up_to
from tracker.plans.portfolio import portfolio

DAYS = [date(2020, 6, 29), date(2020, 10, 1), date(2020, 11, 15), date(2021, 3, 31)]


def _dues_on_the_edges(seed: int) -> None:
    """Due dates the day before, on and after the as-at days, 30 and 31 days on; some
    recurring; none for others."""
    chance = random.Random(seed)
    edges = [None] + [
        day + timedelta(days=shift) for day in DAYS for shift in (-1, 0, 1, 29, 30, 31)
    ]
    for row in Action.select(Action.id).run_sync():
        Action.update(
            {
                Action.due: chance.choice(edges),
                Action.recurring: chance.choice([None, None, None, "quarterly"]),
            }
        ).where(Action.id == row["id"]).run_sync()


def _untag_some(seed: int) -> None:
    chance = random.Random(seed)
    tags = ActionCoreComponent.select(ActionCoreComponent.id).run_sync()
    dropped = [row["id"] for row in tags if chance.random() < 0.3]
    if dropped:
        ActionCoreComponent.delete().where(ActionCoreComponent.id.is_in(dropped)).run_sync()


def test_the_dashboards_counts_are_the_rules_counts(seeded_db):
    _dues_on_the_edges(5)
    asyncio.run(_generated_history(7))
    first = Quarter.of(date(2020, 4, 1))

    for day in DAYS:
        quarters = quarters_up_to(day, QUARTERS_SHOWN, first)
        rated_on = [min(quarter.last_day, day) for quarter in quarters]
        expected = dashboard_of(asyncio.run(portfolio(day, rated_on=rated_on)), first)
        found = asyncio.run(dashboard(day, first))
        assert found == expected, day
        assert found.headline.overdue > 0 or day == DAYS[0]


def test_the_coverage_counts_are_the_rules_counts(seeded_db):
    _untag_some(3)
    asyncio.run(_generated_history(11))

    for day in DAYS:
        expected = coverage_matrix(asyncio.run(portfolio(day)))
        assert asyncio.run(coverage(day)) == expected, day


def test_a_complete_action_is_never_overdue_in_the_counts(seeded_db):
    action_id = Action.select(Action.id).first().run_sync()["id"]
    Action.update({Action.due: date(2020, 5, 1), Action.recurring: None}).where(
        Action.id == action_id
    ).run_sync()
    Update.delete(force=True).where(Update.action == action_id).run_sync()
    day = date(2020, 9, 30)
    before = asyncio.run(dashboard(day)).headline.overdue
    Update.insert(
        Update(action=action_id, rag="blue", as_at=date(2020, 9, 1), recorded_by="x", source="web")
    ).run_sync()
    assert asyncio.run(dashboard(day)).headline.overdue == before - 1
