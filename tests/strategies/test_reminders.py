"""Reminders run for every strategy that is not closed: a closed one is read only."""

import asyncio
from datetime import UTC, date, datetime

from tests.support.accounts import TVP_LEAD
from tests.support.two_strategies import NEW_MARK, OLD_STRATEGY
from tracker.core.tables import Strategy
from tracker.reminders.recipients import reminders_by_lead

OLD_TVP = "Deliver neglect briefings"  # TVP's 2020-23 action 1.1, long overdue
DAY = date(2024, 9, 20)  # Kestrel 1.1 is due on 30 Sep 2024


def _tvp_lead_is_reminded_of() -> str:
    for lead, reminders in asyncio.run(reminders_by_lead(DAY)):
        if lead.email == TVP_LEAD:
            return " ".join(reminder.text for reminder in reminders)
    return ""


def test_a_lead_is_reminded_of_the_actions_of_every_open_strategy(two_strategies_db):
    said = _tvp_lead_is_reminded_of()
    assert NEW_MARK in said
    assert OLD_TVP in said


def test_a_closed_strategy_reminds_nobody(two_strategies_db):
    Strategy.update({Strategy.closed_at: datetime(2024, 5, 1, tzinfo=UTC)}).where(
        Strategy.name == OLD_STRATEGY
    ).run_sync()
    said = _tvp_lead_is_reminded_of()
    assert NEW_MARK in said
    assert OLD_TVP not in said
