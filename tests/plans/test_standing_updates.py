"""The updates standing at quarter ends, picked by the database: what every update would give.

Over TVP's Q1 (30 Jun 2020) and Q2 (30 Sep 2020) returns, with updates added
that tie on the day, so the database must break ties as statuses_as_at does:
the later recorded wins, then the later stored.
"""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.assurance.test_queries import tvp_action
from tracker.core import clock
from tracker.core.tables import Update
from tracker.plans.portfolio import portfolio
from tracker.plans.status import statuses_as_at
from tracker.plans.statuses import all_updates, standing_updates

Q1_END, Q2_END = date(2020, 6, 30), date(2020, 9, 30)


def add(action_id: int, rag: str, day: date, recorded_at: datetime) -> int:
    [row] = Update.insert(
        Update(
            action=action_id,
            rag=rag,
            progress=f"{rag} on {day}",
            as_at=day,
            recorded_at=recorded_at,
            recorded_by="test",
            source="web",
        )
    ).run_sync()
    return row["id"]


def test_the_standing_updates_give_every_days_statuses_as_all_updates_do(two_quarters_db):
    one, two, three = tvp_action("1.1"), tvp_action("1.2"), tvp_action("4.1")
    later = clock.now() + timedelta(hours=1)  # than the returns' updates
    # Stored later but recorded earlier: the other one about that day stands.
    add(one, "red", Q2_END, later + timedelta(hours=1))
    add(one, "green", Q2_END, later)
    # Recorded at the same moment: the one stored later stands.
    same = later
    add(two, "amber", Q1_END, same)
    last = add(two, "blue", Q1_END, same)
    add(three, "green", date(2020, 10, 1), datetime(2020, 10, 1, tzinfo=UTC))  # after Q2: not yet

    standing = asyncio.run(standing_updates([Q2_END, Q1_END]))
    every = asyncio.run(all_updates(Q2_END))
    assert len(standing) < len(every)
    for day in (Q2_END, Q1_END):
        assert statuses_as_at(standing, day) == statuses_as_at(every, day)
    q2, q1 = statuses_as_at(standing, Q2_END), statuses_as_at(standing, Q1_END)
    assert q2[one].rag == "red"
    assert q1[two].id == last
    assert all(update.as_at <= Q2_END for update in standing)


def test_a_portfolio_asked_for_some_days_knows_their_rags_as_every_update_says(two_quarters_db):
    every = asyncio.run(all_updates(Q2_END))
    lean = asyncio.run(portfolio(Q2_END, rated_on=[Q1_END]))
    for day in (Q1_END, Q2_END):
        expected = {action: update.rag for action, update in statuses_as_at(every, day).items()}
        assert lean.rags_on(day) == expected
    assert len(lean.updates) <= len(every)


def test_a_portfolio_refuses_rags_on_a_day_it_was_not_asked_for(two_quarters_db):
    lean = asyncio.run(portfolio(Q2_END))
    with pytest.raises(ValueError, match="not asked for"):
        lean.rags_on(Q1_END)
