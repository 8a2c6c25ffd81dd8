"""Which quarters the Reports page offers, and which it opens on. Pure."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Quarter


def report_quarters(starts: date | None, today: date) -> tuple[Quarter, ...]:
    """From the first quarter with figures to today's, newest first (two years back if none)."""
    current = Quarter.of(today)
    first = Quarter.of(starts) if starts else Quarter(current.start_year - 2, current.number)
    quarters = []
    quarter = min(first, current)
    while quarter <= current:
        quarters.append(quarter)
        quarter = quarter.next()
    return tuple(reversed(quarters))


def default_quarter(today: date) -> Quarter:
    """The quarter just ended: the one the business unit reports on."""
    return Quarter.of(today).previous()
