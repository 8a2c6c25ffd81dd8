"""The one clock: the partnership's today, and the moment now.

Days are the partnership's days, in UK time: just after midnight on 1 Jul in
London is already Q2, though it is still 30 Jun in UTC. Moments are stored in
UTC. Tests move this clock with time-machine, never by reading the real date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def today() -> date:
    """Today's date in the UK."""
    return datetime.now(UK).date()


def now() -> datetime:
    """This moment, in UTC: what the database stores."""
    return datetime.now(UTC)


def uk_now() -> datetime:
    """This moment on a UK clock, to the second: for what people read."""
    return datetime.now(UK).replace(microsecond=0)


def uk_day(moment: datetime) -> date:
    """The day in the UK a stored timestamp fell on (naive ones are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UK).date()
