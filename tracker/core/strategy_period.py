"""The quarters a strategy runs for, as the pickers offer them. Pure.

Pickers (returns, reports, review, dashboard, assurance) offer the strategy's
quarters from its first to its last, newest first, with today's marked. Once
the strategy has ended and no later one is loaded, the partnership still has
to report: the quarters after its end, up to today's, are offered too and
marked as after the strategy ended, so no quarter's work becomes unreachable.

A challenge or escalation is raised for a quarter under review: by default
the quarter whose returns are being collected (the one before today's), or
today's own quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.clock import uk_day
from tracker.core.dates import Quarter, format_date


def collecting(today: date) -> Quarter:
    """The quarter whose returns are being collected: the one before today's."""
    return Quarter.of(today).previous()


def under_review(stored: str | None, raised_at: datetime) -> Quarter:
    """The quarter a challenge or escalation was raised for: the one stored, or for one
    raised before quarters were recorded, the quarter it was raised in."""
    return Quarter.parse(stored) if stored else Quarter.of(uk_day(raised_at))


@dataclass(frozen=True)
class OfferedQuarter:
    quarter: Quarter
    current: bool  # today falls in it
    after_end: bool  # after the strategy's last quarter
    future: bool  # not started yet

    @property
    def slug(self) -> str:
        return self.quarter.slug

    @property
    def label(self) -> str:
        return self.quarter.label

    @property
    def note(self) -> str:
        """What the picker adds after the label: "" for most quarters."""
        if self.current:
            return "current quarter"
        if self.after_end:
            return "after the strategy ended"
        if self.future:
            return "not started yet"
        return ""

    @property
    def described(self) -> str:
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class QuarterEnd:
    day: date
    label: str


@dataclass(frozen=True)
class StrategyPeriod:
    """A strategy's first and last days; either may be unknown (no strategy loaded)."""

    starts: date | None = None
    ends: date | None = None

    @property
    def first(self) -> Quarter | None:
        return Quarter.of(self.starts) if self.starts else None

    @property
    def last(self) -> Quarter | None:
        return Quarter.of(self.ends) if self.ends else None

    def ended_before(self, today: date) -> bool:
        return self.ends is not None and self.ends < today

    def quarters(self, today: date) -> tuple[OfferedQuarter, ...]:
        """The quarters to offer, newest first (see the module docstring)."""
        current = Quarter.of(today)
        first = self.first or Quarter(current.start_year - 2, current.number)
        last = max(self.last or current, current) if self.ended_before(today) else self.last
        last = last or current
        first = min(first, last)
        offered = []
        quarter = first
        while quarter <= last:
            offered.append(
                OfferedQuarter(
                    quarter,
                    current=quarter == current,
                    after_end=self.last is not None and quarter > self.last,
                    future=quarter > current,
                )
            )
            quarter = quarter.next()
        return tuple(reversed(offered))

    def holds(self, quarter: Quarter, today: date) -> bool:
        return any(offered.quarter == quarter for offered in self.quarters(today))

    def bounded(self, quarter: Quarter, today: date) -> Quarter:
        """`quarter` if offered, else the nearest offered one."""
        offered = [item.quarter for item in self.quarters(today)]
        if quarter in offered:
            return quarter
        return offered[-1] if quarter < offered[-1] else offered[0]

    def first_day(self) -> date | None:
        first = self.first
        return first.first_day if first else None

    def ended_note(self, today: date) -> str | None:
        """Said beside a picker that offers quarters after the strategy's end."""
        if not self.ended_before(today) or self.ends is None:
            return None
        return (
            f"The strategy ended on {format_date(self.ends)}: the quarters after it are "
            "offered until the next strategy is loaded."
        )

    def started(self, today: date) -> tuple[OfferedQuarter, ...]:
        """The quarters offered that have begun: a later one has no figures yet."""
        return tuple(offered for offered in self.quarters(today) if not offered.future)

    def quarter_ends(self, today: date) -> tuple[QuarterEnd, ...]:
        """The days an as-at picker offers: each started quarter's last day, today for the
        current one; newest first."""
        return tuple(
            QuarterEnd(today, f"{offered.label} so far (today, {format_date(today)})")
            if offered.current
            else QuarterEnd(
                offered.quarter.last_day,
                f"End of {offered.label} ({format_date(offered.quarter.last_day)})"
                + (", after the strategy ended" if offered.after_end else ""),
            )
            for offered in self.started(today)
        )

    def first_quarter(self, today: date) -> Quarter:
        """The oldest quarter offered: a series of quarters starts no earlier."""
        return self.quarters(today)[-1].quarter

    def review_quarters(self, today: date) -> tuple[OfferedQuarter, ...]:
        """The quarters a challenge or escalation may be raised for: the one being
        collected and today's, where the strategy has them; the collected one first."""
        current = Quarter.of(today)
        wanted = (collecting(today), current)
        found = {item.quarter: item for item in self.quarters(today)}
        offered = tuple(found[quarter] for quarter in wanted if quarter in found)
        return offered or (OfferedQuarter(current, True, False, False),)

    def default_review(self, today: date) -> Quarter:
        return self.review_quarters(today)[0].quarter


def check_review_quarter(
    text: str, period: StrategyPeriod, today: date
) -> tuple[Quarter | None, str | None]:
    """The quarter a form chose for a challenge or escalation, or why it cannot be.

    Empty: the default (the quarter whose returns are being collected).
    """
    offered = period.review_quarters(today)
    if not text.strip():
        return offered[0].quarter, None
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        quarter = None
    if quarter is None or all(item.quarter != quarter for item in offered):
        choices = " or ".join(item.label for item in offered)
        return None, f"Choose the quarter under review: {choices}."
    return quarter, None


@dataclass(frozen=True)
class StrategyDays:
    """A strategy's id and first and last days, for choosing the current one."""

    id: int
    starts: date | None
    ends: date | None


def current_strategy(strategies: Sequence[StrategyDays], today: date) -> int | None:
    """The strategy running today (the latest to start, if several are); if none is,
    the latest that has started; if none has, the first loaded. None with none loaded."""
    if not strategies:
        return None
    started = [s for s in strategies if s.starts is None or s.starts <= today]
    running = [s for s in started if s.ends is None or today <= s.ends]
    for candidates in (running, started):
        if candidates:
            return max(candidates, key=lambda s: (s.starts or date.min, s.id)).id
    return min(strategies, key=lambda s: s.id).id


def chosen_or_current(
    strategies: Sequence[StrategyDays], wanted: int | None, today: date
) -> int | None:
    """`wanted` if it is one of `strategies`, else the current one."""
    if wanted is not None and any(s.id == wanted for s in strategies):
        return wanted
    return current_strategy(strategies, today)
