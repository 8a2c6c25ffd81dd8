"""Which quarters the Reports page offers, and which it opens on. Pure."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Quarter
from tracker.core.strategy_period import OfferedQuarter, StrategyPeriod


def report_quarters(period: StrategyPeriod, today: date) -> tuple[OfferedQuarter, ...]:
    """The strategy's quarters that have started, newest first: a later one has no figures."""
    return period.started(today)


def default_quarter(today: date) -> Quarter:
    """The quarter just ended: the one the business unit reports on."""
    return Quarter.of(today).previous()
